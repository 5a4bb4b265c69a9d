//! From named values to a filing: the one place the Open311 and CSV readers turn what they found
//! (our field names, each with the name it had in the source, for the rejection) into a
//! [`PortalFiling`]. Only the shape is checked here (present, a date, a datetime, yes/no); the
//! rules are the desk's.

use crate::domain::portal::{Location, PortalCitizen, PortalFiling, Rejection};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// Our names of a filing's scalar fields, as mapping files and the Open311 extensions name them.
pub const KEYS: &[&str] = &[
    "portal_id",
    "submitted_at",
    "situation",
    "subject",
    "note",
    "given_name",
    "family_name",
    "birth_date",
    "birth_number",
    "street",
    "city",
    "postcode",
    "phone",
    "email",
    "identified",
];

/// The prefix that puts a value into the form's `fields`.
pub const FIELDS_PREFIX: &str = "fields.";

/// How dates and datetimes without an offset are read.
#[derive(Debug, Clone, PartialEq)]
pub struct Dates {
    /// A chrono format for `submitted_at`; `None`: RFC 3339, or `YYYY-MM-DD[T ]HH:MM:SS` local.
    pub datetime_format: Option<String>,
    /// The zone of datetimes without an offset.
    pub timezone: Tz,
    /// A chrono format for the birth date.
    pub date_format: String,
}

impl Default for Dates {
    fn default() -> Dates {
        Dates { datetime_format: None, timezone: chrono_tz::Europe::Prague, date_format: "%Y-%m-%d".into() }
    }
}

/// What a reader found for one record: our key → (its name in the source, the value).
#[derive(Debug, Default)]
pub struct Draft {
    values: BTreeMap<String, (String, String)>,
    fields: BTreeMap<String, String>,
}

impl Draft {
    /// Sets `key` (one of [`KEYS`] or `fields.…`) from `source`; a blank value counts as absent,
    /// the first non-blank value wins.
    pub fn set(&mut self, key: &str, source: &str, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        if let Some(field) = key.strip_prefix(FIELDS_PREFIX) {
            self.fields.entry(field.to_owned()).or_insert_with(|| value.to_owned());
        } else {
            self.values.entry(key.to_owned()).or_insert_with(|| (source.to_owned(), value.to_owned()));
        }
    }

    #[must_use]
    pub fn has(&self, key: &str) -> bool {
        self.values.contains_key(key)
    }

    fn take(&mut self, key: &str) -> String {
        self.values.remove(key).map(|(_, v)| v).unwrap_or_default()
    }

    fn required(&mut self, key: &str, at: Location, hint: &str) -> Result<(String, String), Rejection> {
        self.values.remove(key).ok_or_else(|| Rejection::new(at, key, format!("missing{hint}")))
    }

    /// The filing, or why not; `hint` is added to a "missing" reason.
    ///
    /// # Errors
    /// A required value missing, or a date, datetime or yes/no that is none.
    pub fn filing(mut self, at: Location, dates: &Dates, hint: &str) -> Result<PortalFiling, Rejection> {
        let (_, portal_id) = self.required("portal_id", at, hint)?;
        let (src, when) = self.required("submitted_at", at, hint)?;
        let submitted_at = datetime(&when, dates).map_err(|why| Rejection::new(at, &src, why))?;
        let (_, situation) = self.required("situation", at, hint)?;
        let (src, born) = self.required("birth_date", at, hint)?;
        let birth_date = NaiveDate::parse_from_str(&born, &dates.date_format)
            .map_err(|e| Rejection::new(at, &src, format!("'{born}' is not a date ({}): {e}", dates.date_format)))?
            .format("%Y-%m-%d")
            .to_string();
        let identified = match self.values.remove("identified") {
            None => false,
            Some((src, v)) => yes_no(&v).ok_or_else(|| Rejection::new(at, &src, format!("'{v}' is not yes or no")))?,
        };
        let birth_number = Some(self.take("birth_number")).filter(|s| !s.is_empty());
        let phone = Some(self.take("phone")).filter(|s| !s.is_empty());
        let citizen = PortalCitizen {
            given_name: self.take("given_name"),
            family_name: self.take("family_name"),
            birth_date,
            birth_number,
            street: self.take("street"),
            city: self.take("city"),
            postcode: self.take("postcode"),
            phone,
            email: self.take("email"),
            identified,
        };
        Ok(PortalFiling {
            portal_id,
            submitted_at,
            citizen,
            situation,
            subject: self.take("subject"),
            note: self.take("note"),
            fields: self.fields,
            attachments: Vec::new(),
        })
    }
}

fn yes_no(v: &str) -> Option<bool> {
    match v.to_lowercase().as_str() {
        "1" | "true" | "yes" | "y" | "ano" | "a" => Some(true),
        "0" | "false" | "no" | "n" | "ne" => Some(false),
        _ => None,
    }
}

/// A datetime as `dates` says; without an offset, in `dates.timezone`.
///
/// # Errors
/// Why `text` is no datetime.
pub fn datetime(text: &str, dates: &Dates) -> Result<DateTime<Utc>, String> {
    let naive = if let Some(format) = &dates.datetime_format {
        if let Ok(dt) = DateTime::parse_from_str(text, format) {
            return Ok(dt.to_utc());
        }
        NaiveDateTime::parse_from_str(text, format)
            .map_err(|e| format!("'{text}' is not a datetime ({format}): {e}"))?
    } else {
        if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
            return Ok(dt.to_utc());
        }
        ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
            .ok_or_else(|| format!("'{text}' is not an RFC 3339 datetime"))?
    };
    dates
        .timezone
        .from_local_datetime(&naive)
        .earliest()
        .map(|dt| dt.to_utc())
        .ok_or_else(|| format!("'{text}' does not exist in {}", dates.timezone))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;

    const AT: Location = Location { line: 3, index: 2 };

    fn draft(pairs: &[(&str, &str)]) -> Draft {
        let mut d = Draft::default();
        for (k, v) in pairs {
            d.set(k, &format!("src_{k}"), v);
        }
        d
    }

    #[test]
    fn maps_and_names_the_source_of_a_bad_value() {
        let base = [("portal_id", "1"), ("situation", "S"), ("birth_date", "1980-02-01"), ("fields.a", "x")];
        let mut ok = draft(&base);
        ok.set("submitted_at", "when", "2026-01-15 10:00:00");
        let f = ok.filing(AT, &Dates::default(), "").unwrap();
        assert_eq!(f.submitted_at.to_rfc3339(), "2026-01-15T09:00:00+00:00");
        assert_eq!(f.fields["a"], "x");
        let mut bad = draft(&base);
        bad.set("submitted_at", "Created Date", "yesterday");
        let err = bad.filing(AT, &Dates::default(), "").unwrap_err();
        assert_eq!((err.field.as_str(), err.location), ("Created Date", AT));
        let err = draft(&base[1..]).filing(AT, &Dates::default(), " (hint)").unwrap_err();
        assert_eq!((err.field.as_str(), err.reason.as_str()), ("portal_id", "missing (hint)"));
    }

    #[test]
    fn datetimes_with_a_format_and_a_zone() {
        let us = Dates {
            datetime_format: Some("%m/%d/%Y %I:%M:%S %p".into()),
            timezone: chrono_tz::America::New_York,
            ..Dates::default()
        };
        assert_eq!(datetime("01/02/2020 01:05:00 PM", &us).unwrap().to_rfc3339(), "2020-01-02T18:05:00+00:00");
        assert!(datetime("2020-01-02", &us).is_err());
        // The hour that does not exist when clocks go forward.
        assert!(datetime("2026-03-29 02:30:00", &Dates::default()).unwrap_err().contains("does not exist"));
    }
}
