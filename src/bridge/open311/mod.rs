//! What the Open311 JSON and XML readers share: one service request, as the names and text
//! values found in it, mapped to a filing (docs/bridge-format.md, "Open311 GeoReport v2").
//!
//! A request carries no birth date and no city in GeoReport v2; we read them, and the birth number
//! and the eID flag, from the extension attributes `birth_date`, `city`, `birth_number` and
//! `identified`. A request without `attribute[birth_date]` is rejected. `media_url` is ignored: an
//! attachment needs a size and a checksum that a URL does not give.

pub mod json;
pub mod json_array;
pub mod xml;
use super::build::{Dates, Draft, FIELDS_PREFIX};
use crate::domain::portal::{Located, Location, PortalRecord, ReadResult, Rejection};

/// Open311 names → ours; the first present wins (`service_request_id` before `token`).
const NAMES: &[(&str, &str)] = &[
    ("service_request_id", "portal_id"),
    ("token", "portal_id"),
    ("service_code", "situation"),
    ("requested_datetime", "submitted_at"),
    ("first_name", "given_name"),
    ("last_name", "family_name"),
    ("email", "email"),
    ("phone", "phone"),
    ("address", "street"),
    ("address_string", "street"),
    ("zipcode", "postcode"),
    ("description", "note"),
    ("service_name", "subject"),
];

/// Attributes that go to the citizen instead of the form's fields.
const CITIZEN_ATTRIBUTES: &[&str] = &["birth_date", "birth_number", "city", "identified"];

const NO_BIRTH_DATE: &str = "Open311 requests carry no birth date; add attribute[birth_date] (YYYY-MM-DD)";

/// One service request as found: top-level names and values, and its attributes.
#[derive(Debug, Default)]
pub struct Request {
    pub values: Vec<(String, String)>,
    pub attributes: Vec<(String, String)>,
}

impl Request {
    /// Adds a top-level value; `attribute[code]` goes to the attributes.
    pub fn push(&mut self, name: &str, value: String) {
        match name.strip_prefix("attribute[").and_then(|r| r.strip_suffix(']')) {
            Some(code) => self.attributes.push((code.to_owned(), value)),
            None => self.values.push((name.to_owned(), value)),
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// An Open311 error (`code` and `description`, no request id): its text.
    fn error(&self) -> Option<String> {
        let code = self.get("code")?;
        if self.get("service_request_id").is_some() || self.get("token").is_some() {
            return None;
        }
        Some(format!("the server answered with error {code}: {}", self.get("description").unwrap_or("")))
    }
}

/// The request mapped, with its place.
///
/// # Errors
///
/// A rejection naming the field: an error answer from the server, a required value missing, or
/// values no filing can be made of.
pub fn map(request: &Request, at: Location) -> ReadResult {
    if let Some(why) = request.error() {
        return Err(Rejection::new(at, "request", why));
    }
    let mut draft = Draft::default();
    for (name, value) in &request.values {
        if let Some((_, ours)) = NAMES.iter().find(|(theirs, _)| theirs == name) {
            draft.set(ours, name, value);
        }
    }
    for (code, value) in &request.attributes {
        let source = format!("attribute[{code}]");
        if CITIZEN_ATTRIBUTES.contains(&code.as_str()) {
            draft.set(code, &source, value);
        } else {
            draft.set(&format!("{FIELDS_PREFIX}{code}"), &source, value);
        }
    }
    if !draft.has("portal_id") {
        return Err(Rejection::new(at, "service_request_id", "missing (and no token either)"));
    }
    for (ours, theirs) in [("situation", "service_code"), ("submitted_at", "requested_datetime")] {
        if !draft.has(ours) {
            return Err(Rejection::new(at, theirs, "missing"));
        }
    }
    if !draft.has("birth_date") {
        return Err(Rejection::new(at, "birth_date", NO_BIRTH_DATE));
    }
    let filing = draft.filing(at, &Dates::default(), "")?;
    Ok(Located { location: at, record: PortalRecord::Filing(filing) })
}

/// Counts lines as a reader moves forward through a text it holds.
pub struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    #[must_use]
    pub fn new(text: &'a [u8]) -> LineCounter<'a> {
        LineCounter { text, pos: 0, line: 1 }
    }

    /// The line of byte `offset`: fast going forward, counted again from the start going back.
    pub fn line_at(&mut self, offset: usize) -> u64 {
        let end = offset.min(self.text.len());
        if end < self.pos {
            (self.pos, self.line) = (0, 1);
        }
        if end > self.pos {
            let skipped = &self.text[self.pos..end];
            #[allow(clippy::naive_bytecount, reason = "not worth the bytecount crate for this")]
            let newlines = skipped.iter().filter(|b| **b == b'\n').count();
            self.line += u64::try_from(newlines).unwrap_or(0);
            self.pos = end;
        }
        self.line
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;

    fn request(pairs: &[(&str, &str)]) -> Request {
        let mut r = Request::default();
        for (k, v) in pairs {
            r.push(k, (*v).to_owned());
        }
        r
    }

    const AT: Location = Location { line: 1, index: 1 };

    #[test]
    fn maps_a_request_with_the_extensions() {
        let r = request(&[
            ("token", "T-9"),
            ("service_code", "OP-VYDANI"),
            ("requested_datetime", "2026-01-15T10:00:00+01:00"),
            ("first_name", "Jan"),
            ("address_string", "Mírové nám. 1"),
            ("zipcode", "41201"),
            ("attribute[birth_date]", "1980-02-01"),
            ("attribute[city]", "Litoměřice"),
            ("attribute[reason]", "expiry"),
            ("media_url", "http://x/y.jpg"),
        ]);
        let PortalRecord::Filing(f) = map(&r, AT).unwrap().record else { panic!() };
        assert_eq!((f.portal_id.as_str(), f.situation.as_str()), ("T-9", "OP-VYDANI"));
        assert_eq!((f.citizen.city.as_str(), f.citizen.street.as_str()), ("Litoměřice", "Mírové nám. 1"));
        assert_eq!(f.fields.len(), 1);
        assert!(f.attachments.is_empty());
    }

    #[test]
    fn refuses_clearly() {
        let no_birth = request(&[
            ("service_request_id", "1"),
            ("service_code", "S"),
            ("requested_datetime", "2026-01-15T10:00:00Z"),
        ]);
        assert_eq!(map(&no_birth, AT).unwrap_err().reason, NO_BIRTH_DATE);
        let error = request(&[("code", "403"), ("description", "Invalid api_key")]);
        assert!(map(&error, AT).unwrap_err().reason.contains("error 403: Invalid api_key"));
        let no_id = request(&[("service_code", "S")]);
        assert_eq!(map(&no_id, AT).unwrap_err().field, "service_request_id");
    }

    #[test]
    fn counts_lines_forward() {
        let mut c = LineCounter::new(b"a\nb\r\nc\n");
        assert_eq!((c.line_at(0), c.line_at(2), c.line_at(5), c.line_at(1), c.line_at(99)), (1, 2, 3, 1, 4));
    }
}
