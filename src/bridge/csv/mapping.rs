//! The CSV mapping file (TOML; docs/bridge-format.md, "CSV"): which column is which field of a
//! filing, constants for what the file does not carry, the delimiter, the encoding and how dates
//! are written.
//!
//! ```toml
//! delimiter = ";"                 # ",", ";" or "\t"; left out: sniffed from the header line
//! encoding = "windows-1250"       # or "utf-8" (the default; a BOM is skipped)
//! datetime_format = "%d.%m.%Y %H:%M"   # left out: RFC 3339 or YYYY-MM-DD HH:MM:SS
//! timezone = "Europe/Prague"      # for datetimes without an offset
//! date_format = "%d.%m.%Y"        # the birth date; left out: %Y-%m-%d
//!
//! [columns]                       # our field = a header, or a list of aliases
//! portal_id = ["Číslo podání", "id"]
//! submitted_at = "Podáno"
//! "fields.reason" = "Důvod"
//!
//! [constants]                     # used where no column is mapped or the cell is blank
//! situation = "OP-VYDANI"
//! ```
//!
//! Headers match case- and diacritics-insensitively, with `_`, `-` and spaces alike. A header
//! `fields.<name>` always goes to the form's fields.

use crate::bridge::build::{Dates, FIELDS_PREFIX, KEYS};
use serde::Deserialize;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The text encodings a CSV file may be in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Encoding {
    #[default]
    #[serde(rename = "utf-8", alias = "utf8", alias = "UTF-8")]
    Utf8,
    #[serde(rename = "windows-1250", alias = "cp1250", alias = "Windows-1250")]
    Windows1250,
}

/// A `[columns]` entry of a mapping file (this one or a table's, [`super::table`]): one header,
/// or a list of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum Aliases {
    One(String),
    Many(Vec<String>),
}

/// A mapping file's `[columns]`: our field → the headers it may have.
pub(crate) fn columns(file: BTreeMap<String, Aliases>) -> BTreeMap<String, Vec<String>> {
    file.into_iter()
        .map(|(k, a)| match a {
            Aliases::One(s) => (k, vec![s]),
            Aliases::Many(v) => (k, v),
        })
        .collect()
}

/// A mapping file's `delimiter`: one ASCII character, a tab written as `\t` too; `None` (left
/// out) for the reader to sniff it.
pub(crate) fn delimiter(d: Option<&str>) -> Result<Option<u8>, String> {
    match d {
        None => Ok(None),
        Some("\\t") => Ok(Some(b'\t')),
        Some(d) if d.len() == 1 && d.is_ascii() => Ok(d.bytes().next()),
        Some(d) => Err(format!("mapping: delimiter '{d}' is not one ASCII character")),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    delimiter: Option<String>,
    #[serde(default)]
    encoding: Encoding,
    datetime_format: Option<String>,
    timezone: Option<String>,
    date_format: Option<String>,
    #[serde(default)]
    columns: BTreeMap<String, Aliases>,
    #[serde(default)]
    constants: BTreeMap<String, String>,
}

/// A checked mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvMapping {
    /// `None`: sniffed.
    pub delimiter: Option<u8>,
    pub encoding: Encoding,
    pub dates: Dates,
    /// Our field → the headers it may have.
    pub columns: BTreeMap<String, Vec<String>>,
    pub constants: BTreeMap<String, String>,
}

impl Default for CsvMapping {
    /// Our own layout: every column is named as the field (`portal_id`, `submitted_at`, …,
    /// `fields.<name>`), UTF-8, the delimiter sniffed.
    fn default() -> CsvMapping {
        let columns = KEYS.iter().map(|k| ((*k).to_owned(), vec![(*k).to_owned()])).collect();
        CsvMapping {
            delimiter: None,
            encoding: Encoding::Utf8,
            dates: Dates::default(),
            columns,
            constants: BTreeMap::new(),
        }
    }
}

impl CsvMapping {
    /// Reads and checks a mapping file's text.
    ///
    /// # Errors
    /// Bad TOML, an unknown field name, a delimiter that is not one ASCII character, an unknown
    /// time zone.
    pub fn from_toml(text: &str) -> Result<CsvMapping, String> {
        let file: File = toml::from_str(text).map_err(|e| format!("mapping: {e}"))?;
        let known = |k: &String| KEYS.contains(&k.as_str()) || k.starts_with(FIELDS_PREFIX);
        if let Some(bad) = file.columns.keys().chain(file.constants.keys()).find(|k| !known(k)) {
            return Err(format!(
                "mapping: '{bad}' is no field of a filing (known: {}, fields.<name>)",
                KEYS.join(", ")
            ));
        }
        let delimiter = delimiter(file.delimiter.as_deref())?;
        let mut dates = Dates { datetime_format: file.datetime_format, ..Dates::default() };
        if let Some(tz) = file.timezone {
            dates.timezone = tz.parse().map_err(|_| format!("mapping: '{tz}' is no time zone (e.g. Europe/Prague)"))?;
        }
        if let Some(f) = file.date_format {
            dates.date_format = f;
        }
        Ok(CsvMapping {
            delimiter,
            encoding: file.encoding,
            dates,
            columns: columns(file.columns),
            constants: file.constants,
        })
    }

    /// For each header (by position), our field, if any; the first alias that matches wins.
    #[must_use]
    pub fn resolve(&self, header: &[String]) -> Vec<Option<String>> {
        let folded: Vec<String> = header.iter().map(|h| fold(h)).collect();
        let mut out: Vec<Option<String>> = header
            .iter()
            .map(|h| h.trim().strip_prefix(FIELDS_PREFIX).map(|f| format!("{FIELDS_PREFIX}{f}")))
            .collect();
        for (key, aliases) in &self.columns {
            let found = aliases.iter().find_map(|a| folded.iter().position(|h| *h == fold(a)));
            if let Some(i) = found {
                out[i] = Some(key.clone());
            }
        }
        out
    }
}

/// A header as compared: no diacritics, lower case, `_`/`-`/spaces as one space, trimmed.
#[must_use]
pub fn fold(header: &str) -> String {
    let plain: String = header.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase();
    plain
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;

    #[test]
    fn reads_a_mapping_and_matches_headers_loosely() {
        let m = CsvMapping::from_toml(
            "delimiter = \";\"\nencoding = \"windows-1250\"\ntimezone = \"America/New_York\"\n\
             [columns]\nportal_id = [\"Číslo podání\", \"id\"]\nsituation = \"Complaint Type\"\n\
             [constants]\nbirth_date = \"1900-01-01\"\n",
        )
        .unwrap();
        assert_eq!((m.delimiter, m.encoding), (Some(b';'), Encoding::Windows1250));
        let header = ["CISLO_PODANI", "complaint  type", "fields.note", "other"].map(String::from);
        let got = m.resolve(&header);
        assert_eq!(got[0].as_deref(), Some("portal_id"));
        assert_eq!(got[1].as_deref(), Some("situation"));
        assert_eq!(got[2].as_deref(), Some("fields.note"));
        assert_eq!(got[3], None);
    }

    #[test]
    fn a_delimiter_is_one_ascii_character_or_a_tab_written_out() {
        assert_eq!(delimiter(None), Ok(None));
        for (d, b) in [(";", b';'), ("\t", b'\t'), ("\\t", b'\t')] {
            assert_eq!(delimiter(Some(d)), Ok(Some(b)), "{d:?}");
        }
        for d in ["§", "", ";;"] {
            assert!(delimiter(Some(d)).is_err(), "{d:?}");
        }
    }

    #[test]
    fn refuses_a_bad_mapping() {
        for (text, why) in [
            ("[columns]\nshoe_size = \"x\"", "'shoe_size' is no field"),
            ("delimiter = \"::\"", "not one ASCII character"),
            ("timezone = \"Mars/Olympus\"", "no time zone"),
            ("encoding = \"latin1\"", "unknown variant"),
            ("color = 1", "unknown field"),
        ] {
            let err = CsvMapping::from_toml(text).unwrap_err();
            assert!(err.contains(why), "{text}: {err}");
        }
    }
}
