//! The one TOML file that holds what differs between offices. Every key is optional; a wrong
//! value is refused with a message naming the key.

use crate::domain::lang::Lang;
use crate::domain::refnum::{DEFAULT_PATTERN, RefPattern};
use chrono::NaiveTime;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct Config {
    pub office_name: String,
    /// The office's designation in reference numbers, e.g. `MULO`.
    pub designation: String,
    /// Postal address, phone (E.164), web and the account fees are paid to, for receipts; `None`
    /// leaves the line off.
    pub office_address: Option<String>,
    pub office_phone: Option<String>,
    pub office_web: Option<String>,
    pub bank_account: Option<String>,
    pub reference_pattern: RefPattern,
    pub reference_pattern_text: String,
    pub language: Lang,
    /// Opening hours Monday (0) to Sunday (6); `None` = closed.
    pub office_hours: [Option<(NaiveTime, NaiveTime)>; 7],
    /// A shell command the receipt is piped to; `None` = no printer configured.
    pub printer_command: Option<String>,
    /// E-office hours meeting link; `{code}` is replaced by the booking code.
    pub meeting_link: String,
    /// Share of hotline calls that go to a colleague for review, 0.0 to 1.0.
    pub hotline_review_share: f64,
    /// Working days before a deadline when the watchdog starts warning.
    pub warn_working_days: u32,
    /// Failed logins in a row after which an account name is locked until an administrator
    /// unlocks it; 0 never locks (the delay still grows).
    pub login_lockout_after: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config {file}: cannot read: {message}")]
    Read { file: String, message: String },
    #[error("config {file}: {message}")]
    Syntax { file: String, message: String },
    #[error("config {file}: key `{key}`: {message}")]
    Value { file: String, key: String, message: String },
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    office: RawOffice,
    #[serde(default)]
    cases: RawCases,
    #[serde(default)]
    ui: RawUi,
    #[serde(default)]
    office_hours: RawHours,
    #[serde(default)]
    printer: RawPrinter,
    #[serde(default)]
    eoffice: RawEoffice,
    #[serde(default)]
    hotline: RawHotline,
    #[serde(default)]
    watchdog: RawWatchdog,
    #[serde(default)]
    login: RawLogin,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffice {
    name: Option<String>,
    designation: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    web: Option<String>,
    bank_account: Option<String>,
}
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCases {
    reference_pattern: Option<String>,
}
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUi {
    language: Option<String>,
}
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHours {
    monday: Option<String>,
    tuesday: Option<String>,
    wednesday: Option<String>,
    thursday: Option<String>,
    friday: Option<String>,
    saturday: Option<String>,
    sunday: Option<String>,
}
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrinter {
    command: Option<String>,
}
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEoffice {
    meeting_link: Option<String>,
}
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHotline {
    review_share: Option<f64>,
}
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWatchdog {
    warn_working_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLogin {
    lockout_after: Option<u32>,
}

pub const DEFAULT_OFFICE_NAME: &str = "Městský úřad Lipnice nad Orlicí";
pub const DEFAULT_DESIGNATION: &str = "MULO";

/// The config file written out by `clerkdesk config example`, every key at its default.
pub const EXAMPLE: &str = include_str!("../assets/config.example.toml");

impl Default for Config {
    fn default() -> Self {
        // The defaults are the example file's values; parsing it cannot fail (a test says so).
        Config::parse_str(EXAMPLE, "<built-in>").unwrap_or_else(|_| Config::fallback())
    }
}

impl Config {
    fn fallback() -> Config {
        let hours = NaiveTime::from_hms_opt(8, 0, 0).zip(NaiveTime::from_hms_opt(17, 0, 0));
        Config {
            office_name: DEFAULT_OFFICE_NAME.to_owned(),
            designation: DEFAULT_DESIGNATION.to_owned(),
            office_address: None,
            office_phone: None,
            office_web: None,
            bank_account: None,
            reference_pattern: RefPattern::default(),
            reference_pattern_text: DEFAULT_PATTERN.to_owned(),
            language: Lang::Cs,
            office_hours: [hours, None, hours, None, None, None, None],
            printer_command: None,
            meeting_link: "https://meet.example.cz/{code}".to_owned(),
            hotline_review_share: 0.1,
            warn_working_days: 5,
            login_lockout_after: 10,
        }
    }

    /// Reads `path`; a missing file gives the defaults.
    ///
    /// # Errors
    /// An unreadable file, bad TOML, an unknown key or a wrong value, naming the key.
    pub fn load(path: &Path, must_exist: bool) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        // Read with the user's own rights: a setgid process must not read the store as a config.
        match crate::door::files::read_to_string(path) {
            Ok(text) => Config::parse_str(&text, &file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => Ok(Config::fallback_or_default()),
            Err(e) => Err(ConfigError::Read { file, message: e.to_string() }),
        }
    }

    fn fallback_or_default() -> Config {
        Config::default()
    }

    /// # Errors
    /// Bad TOML, an unknown key or a wrong value, naming the key.
    #[allow(clippy::too_many_lines, reason = "one check per setting, each naming its key")]
    pub fn parse_str(text: &str, file: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| ConfigError::Syntax { file: file.to_owned(), message: e.to_string().trim().to_owned() })?;
        let bad =
            |key: &str, message: String| ConfigError::Value { file: file.to_owned(), key: key.to_owned(), message };
        let mut c = Config::fallback();
        if let Some(n) = raw.office.name {
            if n.trim().is_empty() {
                return Err(bad("office.name", "is empty".into()));
            }
            c.office_name = n;
        }
        if let Some(d) = raw.office.designation {
            if d.is_empty() || d.len() > 16 || !d.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-') {
                return Err(bad("office.designation", format!("'{d}' must be 1–16 ASCII letters, digits or '-'")));
            }
            c.designation = d;
        }
        let o = [raw.office.address, raw.office.phone, raw.office.web, raw.office.bank_account];
        parse_office_contacts(o, &mut c, &bad)?;
        if let Some(p) = raw.cases.reference_pattern {
            c.reference_pattern = RefPattern::parse(&p).map_err(|e| bad("cases.reference_pattern", e.to_string()))?;
            c.reference_pattern_text = p;
        }
        if let Some(l) = raw.ui.language {
            c.language = Lang::parse(&l).ok_or_else(|| bad("ui.language", format!("'{l}' is not cs, en or uk")))?;
        }
        let h = raw.office_hours;
        let days = [
            ("monday", h.monday),
            ("tuesday", h.tuesday),
            ("wednesday", h.wednesday),
            ("thursday", h.thursday),
            ("friday", h.friday),
            ("saturday", h.saturday),
            ("sunday", h.sunday),
        ];
        for (i, (name, value)) in days.into_iter().enumerate() {
            if let Some(v) = value {
                c.office_hours[i] =
                    parse_hours(&v).map_err(|m| bad(&format!("office_hours.{name}"), format!("'{v}': {m}")))?;
            }
        }
        if let Some(cmd) = raw.printer.command {
            c.printer_command = Some(cmd).filter(|s| !s.trim().is_empty());
        }
        if let Some(link) = raw.eoffice.meeting_link {
            if !link.starts_with("https://") && !link.starts_with("http://") {
                return Err(bad("eoffice.meeting_link", "must start with https:// or http://".into()));
            }
            c.meeting_link = link;
        }
        if let Some(s) = raw.hotline.review_share {
            if !(0.0..=1.0).contains(&s) {
                return Err(bad("hotline.review_share", format!("{s} must be between 0 and 1")));
            }
            c.hotline_review_share = s;
        }
        if let Some(n) = raw.watchdog.warn_working_days {
            if n > 60 {
                return Err(bad("watchdog.warn_working_days", format!("{n} is more than 60 working days")));
            }
            c.warn_working_days = n;
        }
        if let Some(n) = raw.login.lockout_after {
            c.login_lockout_after = n;
        }
        Ok(c)
    }
}

/// The office's contacts printed on receipts; an empty value means "not known".
fn parse_office_contacts(
    [address, phone, web, bank_account]: [Option<String>; 4],
    c: &mut Config,
    bad: &dyn Fn(&str, String) -> ConfigError,
) -> Result<(), ConfigError> {
    let given = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    c.office_address = given(address);
    if let Some(p) = given(phone) {
        c.office_phone =
            Some(crate::domain::phone::normalize(&p).map_err(|e| bad("office.phone", format!("'{p}': {e}")))?);
    }
    if let Some(w) = given(web) {
        if !w.starts_with("https://") && !w.starts_with("http://") {
            return Err(bad("office.web", "must start with https:// or http://".into()));
        }
        c.office_web = Some(w);
    }
    if let Some(a) = given(bank_account) {
        c.bank_account = Some(
            crate::domain::bank_account::parse(&a).map_err(|e| bad("office.bank_account", format!("'{a}': {e}")))?,
        );
    }
    Ok(())
}

/// `"8:00-17:00"`, or `"closed"`/`""` for a closed day.
fn parse_hours(v: &str) -> Result<Option<(NaiveTime, NaiveTime)>, String> {
    let v = v.trim();
    if v.is_empty() || v.eq_ignore_ascii_case("closed") || v.eq_ignore_ascii_case("zavřeno") {
        return Ok(None);
    }
    let (a, b) = v.split_once(['-', '–']).ok_or("expected HH:MM-HH:MM or \"closed\"")?;
    let t = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| format!("'{}' is not a time", s.trim()));
    let (from, to) = (t(a)?, t(b)?);
    if from >= to {
        return Err("opens after it closes".into());
    }
    Ok(Some((from, to)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;

    #[test]
    fn the_example_file_is_the_default() {
        let c = Config::parse_str(EXAMPLE, "example").unwrap();
        assert_eq!(c.designation, DEFAULT_DESIGNATION);
        assert_eq!(c.language, Lang::Cs);
        assert_eq!(c.office_hours[0].map(|h| h.0.to_string()), Some("08:00:00".into()));
        assert!(c.office_hours[5].is_none());
        assert_eq!(c.office_phone.as_deref(), Some("+420465503111"));
        assert_eq!(c.bank_account.as_deref(), Some("19-2701458312/0100"));
    }

    #[test]
    fn empty_file_gives_defaults() {
        let c = Config::parse_str("", "empty").unwrap();
        assert_eq!(c.office_name, DEFAULT_OFFICE_NAME);
        assert_eq!(c.warn_working_days, 5);
        assert!(c.bank_account.is_none() && c.office_web.is_none());
    }

    fn key_of(text: &str) -> String {
        match Config::parse_str(text, "f") {
            Err(ConfigError::Value { key, .. }) => key,
            other => panic!("expected a value error, got {other:?}"),
        }
    }

    #[test]
    fn wrong_values_name_their_key() {
        assert_eq!(key_of("[ui]\nlanguage = \"de\""), "ui.language");
        assert_eq!(key_of("[hotline]\nreview_share = 1.5"), "hotline.review_share");
        assert_eq!(key_of("[office_hours]\nmonday = \"17:00-8:00\""), "office_hours.monday");
        assert_eq!(key_of("[office_hours]\nfriday = \"noon\""), "office_hours.friday");
        assert_eq!(key_of("[cases]\nreference_pattern = \"{seq}\""), "cases.reference_pattern");
        assert_eq!(key_of("[office]\ndesignation = \"MÚ LO\""), "office.designation");
        assert_eq!(key_of("[office]\nbank_account = \"19-2701458313/0100\""), "office.bank_account");
        assert_eq!(key_of("[office]\nphone = \"12\""), "office.phone");
        assert_eq!(key_of("[office]\nweb = \"mesto-lipnice.cz\""), "office.web");
        assert_eq!(key_of("[eoffice]\nmeeting_link = \"meet/{code}\""), "eoffice.meeting_link");
    }

    #[test]
    fn unknown_keys_and_bad_toml_are_refused_with_the_key_or_line() {
        let e = Config::parse_str("[office]\nnmae = \"x\"", "f").unwrap_err().to_string();
        assert!(e.contains("nmae"), "{e}");
        let e = Config::parse_str("[office\nname = 1", "f").unwrap_err().to_string();
        assert!(e.contains("line 1"), "{e}");
    }
}
