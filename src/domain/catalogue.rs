//! The catalogue of a town hall: departments, officials, life situations and appointment services.
//!
//! It is data an administrator edits (assets/catalogue/default.toml is the shipped default) and
//! re-imports; `Catalogue::validate` is the one place that says what a well-formed catalogue is, so
//! `init`, `catalogue import` and the tests agree.

use super::lang::Localized;
use super::phone;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    #[serde(default, rename = "department")]
    pub departments: Vec<Department>,
    #[serde(default, rename = "official")]
    pub officials: Vec<Official>,
    #[serde(default, rename = "situation")]
    pub situations: Vec<LifeSituation>,
    #[serde(default, rename = "service")]
    pub services: Vec<AppointmentService>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Short code used in reference numbers, e.g. `OSA`.
    pub code: String,
    pub name: Localized,
    #[serde(default)]
    pub room: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Official {
    /// Stable key, e.g. `jnovakova`; a user account of the same name is linked to it.
    pub code: String,
    /// Full name with academic titles, as on the door: `Mgr. Jana Nováková`.
    pub name: String,
    pub department: String,
    pub position: Localized,
    #[serde(default)]
    pub room: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifeSituation {
    /// e.g. `OP-VYDANI`.
    pub code: String,
    pub name: Localized,
    /// One or two sentences: what the citizen gets.
    #[serde(default)]
    pub description: Localized,
    pub department: String,
    /// Administrative fee in whole crowns; 0 when free.
    #[serde(default)]
    pub fee_czk: u32,
    /// What the fee depends on, when it is not a flat sum (e.g. "2 000 Kč za prvních 5 let").
    #[serde(default)]
    pub fee_note: Localized,
    /// Statutory deadline in calendar days under správní řád §71 or the special law; 0 = on the spot.
    pub deadline_days: u32,
    #[serde(default)]
    pub documents: LocalizedList,
    /// The appointment service a citizen books for it, where there is one.
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default, rename = "field")]
    pub fields: Vec<FormField>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalizedList {
    #[serde(default)]
    pub cs: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub uk: Vec<String>,
}

impl LocalizedList {
    #[must_use]
    pub fn get(&self, lang: super::lang::Lang) -> &[String] {
        use super::lang::Lang;
        let v = match lang {
            Lang::Cs => &self.cs,
            Lang::En => &self.en,
            Lang::Uk => &self.uk,
        };
        if v.is_empty() { &self.cs } else { v }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Text,
    Number,
    Date,
    Choice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormField {
    pub key: String,
    pub label: Localized,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// For `choice`: the allowed values with their labels.
    #[serde(default, rename = "option")]
    pub options: Vec<ChoiceOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppointmentService {
    pub code: String,
    pub name: Localized,
    pub department: String,
    pub duration_min: u32,
}

/// One thing wrong with a catalogue, named so an administrator can find it in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {field}: {message}")]
pub struct CatalogueError {
    /// e.g. `situation OP-VYDANI` or `department #3`.
    pub place: String,
    pub field: String,
    pub message: String,
}

fn err(place: impl Into<String>, field: &str, message: impl Into<String>) -> CatalogueError {
    CatalogueError { place: place.into(), field: field.to_owned(), message: message.into() }
}

/// A valid code that no earlier entry of its kind has.
fn check_code(place: &str, code: &str, seen: &mut HashSet<String>, errors: &mut Vec<CatalogueError>) {
    if !valid_code(code) {
        errors.push(err(place, "code", "must be 1–32 letters, digits, '-' or '_'"));
    }
    if !seen.insert(code.to_owned()) {
        errors.push(err(place, "code", "appears twice"));
    }
}

fn valid_code(code: &str) -> bool {
    !code.is_empty() && code.len() <= 32 && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Catalogue {
    /// Parses the TOML text of a catalogue file and validates it.
    ///
    /// # Errors
    /// The TOML error (with its line) or every validation fault found.
    pub fn from_toml(text: &str) -> Result<Catalogue, Vec<CatalogueError>> {
        let cat: Catalogue =
            toml::from_str(text).map_err(|e| vec![err("file", "toml", e.to_string().trim().to_owned())])?;
        cat.validate()?;
        Ok(cat)
    }

    /// Checks codes, references between entries, contacts and form fields.
    ///
    /// # Errors
    /// Every fault found, not only the first.
    pub fn validate(&self) -> Result<(), Vec<CatalogueError>> {
        let mut errors = Vec::new();
        let mut seen = HashSet::new();
        for (i, d) in self.departments.iter().enumerate() {
            let place = format!("department #{} ({})", i + 1, d.code);
            check_code(&place, &d.code, &mut seen, &mut errors);
            check_name(&place, &d.name, &mut errors);
            check_phone(&place, &d.phone, &mut errors);
        }
        let depts: HashSet<&str> = self.departments.iter().map(|d| d.code.as_str()).collect();
        let mut seen = HashSet::new();
        for (i, o) in self.officials.iter().enumerate() {
            let place = format!("official #{} ({})", i + 1, o.code);
            if !seen.insert(o.code.clone()) {
                errors.push(err(&place, "code", "appears twice"));
            }
            errors.extend(o.faults().into_iter().map(|(field, message)| err(&place, field, message)));
            if !depts.contains(o.department.as_str()) {
                errors.push(err(&place, "department", format!("unknown department '{}'", o.department)));
            }
        }
        let mut seen = HashSet::new();
        for (i, s) in self.services.iter().enumerate() {
            let place = format!("service #{} ({})", i + 1, s.code);
            check_code(&place, &s.code, &mut seen, &mut errors);
            check_name(&place, &s.name, &mut errors);
            if !depts.contains(s.department.as_str()) {
                errors.push(err(&place, "department", format!("unknown department '{}'", s.department)));
            }
            if s.duration_min == 0 || s.duration_min > 480 {
                errors.push(err(&place, "duration_min", "must be 1 to 480 minutes"));
            }
        }
        let services: HashSet<&str> = self.services.iter().map(|s| s.code.as_str()).collect();
        let mut seen = HashSet::new();
        for (i, s) in self.situations.iter().enumerate() {
            let place = format!("situation #{} ({})", i + 1, s.code);
            check_code(&place, &s.code, &mut seen, &mut errors);
            check_name(&place, &s.name, &mut errors);
            if !depts.contains(s.department.as_str()) {
                errors.push(err(&place, "department", format!("unknown department '{}'", s.department)));
            }
            if s.deadline_days > 365 {
                errors.push(err(&place, "deadline_days", "more than a year; is it in days?"));
            }
            if let Some(svc) = &s.service {
                if !services.contains(svc.as_str()) {
                    errors.push(err(&place, "service", format!("unknown service '{svc}'")));
                }
            }
            check_fields(&place, &s.fields, &mut errors);
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

impl Official {
    /// What is wrong with the entry by itself (its department and a twin's code are the
    /// catalogue's to check): field and why, every fault.
    #[must_use]
    pub fn faults(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !valid_code(&self.code) {
            out.push(("code", "must be 1–32 letters, digits, '-' or '_'".to_owned()));
        }
        if self.name.trim().is_empty() {
            out.push(("name", "is empty".to_owned()));
        }
        if !self.phone.trim().is_empty() {
            if let Err(e) = phone::normalize(&self.phone) {
                out.push(("phone", e.to_string()));
            }
        }
        let email = self.email.trim();
        if !email.is_empty() && !email.contains('@') {
            out.push(("email", format!("'{email}' is not an e-mail address")));
        }
        out
    }
}

fn check_name(place: &str, name: &Localized, errors: &mut Vec<CatalogueError>) {
    if name.cs.trim().is_empty() {
        errors.push(err(place, "name.cs", "the Czech name is required"));
    }
}

fn check_phone(place: &str, raw: &str, errors: &mut Vec<CatalogueError>) {
    if !raw.trim().is_empty() {
        if let Err(e) = phone::normalize(raw) {
            errors.push(err(place, "phone", e.to_string()));
        }
    }
}

fn check_fields(place: &str, fields: &[FormField], errors: &mut Vec<CatalogueError>) {
    let mut keys = HashSet::new();
    for f in fields {
        let fplace = format!("{place} field '{}'", f.key);
        if !valid_code(&f.key) {
            errors.push(err(&fplace, "key", "must be 1–32 letters, digits, '-' or '_'"));
        }
        if !keys.insert(f.key.as_str()) {
            errors.push(err(&fplace, "key", "appears twice"));
        }
        check_name(&fplace, &f.label, errors);
        match (f.kind, f.options.is_empty()) {
            (FieldKind::Choice, true) => errors.push(err(&fplace, "option", "a choice needs options")),
            (FieldKind::Text | FieldKind::Number | FieldKind::Date, false) => {
                errors.push(err(&fplace, "option", "only a choice has options"));
            }
            _ => {}
        }
    }
}

/// The catalogue shipped with clerkdesk: a town hall of about 25,000 people.
pub const DEFAULT_TOML: &str = include_str!("../../assets/catalogue/default.toml");
