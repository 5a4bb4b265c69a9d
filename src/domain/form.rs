//! A life situation's form, checked field by field. The TUI form, the CLI's `--field KEY=VALUE`
//! and the portal import all pass through [`validate_form`], so they accept exactly the same.

use super::catalogue::{FieldKind, FormField};
use super::dates::parse_date;
use super::text::fold;
use serde::Serialize;
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;

/// The longest text a field takes (a paragraph, not a document).
pub const MAX_TEXT: usize = 2000;

/// One field that is wrong: which, what, and the translation id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub key: String,
    pub message: String,
    pub message_id: &'static str,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

fn fail(key: &str, message: impl Into<String>, message_id: &'static str) -> FieldError {
    FieldError { key: key.to_owned(), message: message.into(), message_id }
}

/// Checks `values` against the situation's `fields` and returns the form as stored: numbers as
/// JSON numbers, dates in ISO, choices as the option's value, text trimmed. Blank optional fields
/// are left out.
///
/// # Errors
/// Every faulty field, in the form's order, then unknown keys.
pub fn validate_form(
    fields: &[FormField],
    values: &BTreeMap<String, String>,
) -> Result<Map<String, Value>, Vec<FieldError>> {
    let mut out = Map::new();
    let mut errors = Vec::new();
    for f in fields {
        let raw = values.get(&f.key).map_or("", |v| v.trim());
        if raw.is_empty() {
            if f.required {
                errors.push(fail(&f.key, "is required", "err-required"));
            }
            continue;
        }
        match check_value(f, raw) {
            Ok(v) => {
                out.insert(f.key.clone(), v);
            }
            Err(e) => errors.push(e),
        }
    }
    for key in values.keys() {
        if !fields.iter().any(|f| &f.key == key) {
            errors.push(fail(key, "is not a field of this life situation", "err-unknown-field"));
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

fn check_value(f: &FormField, raw: &str) -> Result<Value, FieldError> {
    match f.kind {
        FieldKind::Text => text(&f.key, raw),
        FieldKind::Number => number(raw)
            .map(Value::Number)
            .ok_or_else(|| fail(&f.key, format!("'{raw}' is not a number"), "err-field-number")),
        FieldKind::Date => parse_date(raw)
            .map(|d| Value::String(d.to_string()))
            .ok_or_else(|| fail(&f.key, format!("'{raw}' is not a date (e.g. 20. 11. 2026)"), "err-field-date")),
        FieldKind::Choice => {
            let want = fold(raw);
            f.options
                .iter()
                .find(|o| fold(&o.value) == want || fold(&o.label.cs) == want)
                .map(|o| Value::String(o.value.clone()))
                .ok_or_else(|| {
                    let allowed: Vec<&str> = f.options.iter().map(|o| o.value.as_str()).collect();
                    fail(&f.key, format!("'{raw}' is not one of: {}", allowed.join(", ")), "err-field-choice")
                })
        }
    }
}

fn text(key: &str, raw: &str) -> Result<Value, FieldError> {
    // Pasted text brings Windows line ends; they are newlines, not control characters.
    let s = raw.replace("\r\n", "\n");
    if s.chars().count() > MAX_TEXT {
        return Err(fail(key, format!("is longer than {MAX_TEXT} characters"), "err-field-too-long"));
    }
    let s = super::plain::form_text(&s).map_err(|e| fail(key, e.to_string(), "err-field-control"))?;
    Ok(Value::String(s.into_owned()))
}

/// `12`, `-3`, `2,5` (the Czech decimal comma), `2.5`, `1 250` (spaces group thousands).
fn number(raw: &str) -> Option<Number> {
    let s: String = raw.chars().filter(|c| *c != ' ' && *c != '\u{a0}').collect::<String>().replace(',', ".");
    let digits = s.strip_prefix('-').unwrap_or(&s);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    match frac {
        None => s.parse::<i64>().ok().map(Number::from),
        Some(_) => s.parse::<f64>().ok().and_then(Number::from_f64),
    }
}

/// Plausible values for every required field: the demo generator files valid forms with them.
#[must_use]
pub fn example_values(fields: &[FormField]) -> BTreeMap<String, String> {
    fields
        .iter()
        .filter(|f| f.required)
        .map(|f| {
            let v = match f.kind {
                FieldKind::Text => "—".to_owned(),
                FieldKind::Number => "1".to_owned(),
                FieldKind::Date => "2000-01-01".to_owned(),
                FieldKind::Choice => f.options.first().map(|o| o.value.clone()).unwrap_or_default(),
            };
            (f.key.clone(), v)
        })
        .collect()
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
