//! Our own JSON Lines format (docs/bridge-format.md): one record per line, each an object with
//! the format version `v`, its `type` (`filing` or `booking`) and the record's fields.
//!
//! ```text
//! {"v":1,"type":"filing","portal_id":"P-1","submitted_at":"2026-11-20T08:15:00Z","citizen":{…},"situation":"OP-VYDANI",…}
//! ```
//!
//! The reader streams: it holds one line at a time, so a file of any size reads in flat memory.
//! A line that is not valid UTF-8, not JSON, of an unknown version or type, or with a missing,
//! unknown or mistyped field is a rejection naming the line and the field's path.
//!
//! The outbound records of our own export ([`OUTBOUND_KINDS`]) are records of the file but nothing
//! to import: the reader passes over them, counting them in its [`Skipped`], so an export file
//! imports as the filings and bookings it carries (the round trip).

use super::Skipped;
use crate::domain::portal::{
    FORMAT_VERSION, Located, Location, PortalBooking, PortalFiling, PortalRecord, ReadResult, Rejection,
};
use serde::Serialize;
use std::io::{BufRead, Write};

/// The `type`s of the export's outbound records, which an import skips (their other fields are
/// not read).
pub const OUTBOUND_KINDS: [&str; 3] = ["case_status", "notice", "booking_status"];

/// Reads records from JSON Lines; see the module documentation.
pub struct Reader<R> {
    input: R,
    buf: Vec<u8>,
    line: u64,
    index: u64,
    skipped: Skipped,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Reader<R> {
        Reader::counting(input, Skipped::default())
    }

    /// A reader that counts the outbound records it passes over in `skipped`.
    pub fn counting(input: R, skipped: Skipped) -> Reader<R> {
        Reader { input, buf: Vec::with_capacity(4096), line: 0, index: 0, skipped }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = ReadResult;

    fn next(&mut self) -> Option<ReadResult> {
        loop {
            self.buf.clear();
            match self.input.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    let at = Location { line: self.line + 1, index: self.index + 1 };
                    self.line += 1;
                    return Some(Err(Rejection::new(at, "file", format!("cannot read: {e}"))));
                }
            }
            self.line += 1;
            let mut bytes: &[u8] = &self.buf;
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            let bytes = trim_ascii(bytes);
            if bytes.is_empty() {
                continue;
            }
            self.index += 1;
            let at = Location { line: self.line, index: self.index };
            return match parse_line(bytes, at) {
                Ok(Some(record)) => Some(Ok(Located { location: at, record })),
                Ok(None) => {
                    self.skipped.add_one();
                    continue;
                }
                Err(e) => Some(Err(e)),
            };
        }
    }
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(start, |e| e + 1);
    &b[start..end]
}

/// One line to a record; `None` for an outbound record of our export ([`OUTBOUND_KINDS`]).
///
/// # Errors
/// Why the line is no record of ours.
pub fn parse_line(bytes: &[u8], at: Location) -> Result<Option<PortalRecord>, Rejection> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Rejection::new(at, "line", format!("not UTF-8 (byte {})", e.valid_up_to() + 1)))?;
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| Rejection::new(at, "line", format!("not JSON: {e}")))?;
    let serde_json::Value::Object(mut map) = value else {
        return Err(Rejection::new(at, "line", "a record is a JSON object"));
    };
    match map.remove("v") {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
        Some(other) => {
            return Err(Rejection::new(
                at,
                "v",
                format!("version {other} is not known (this clerkdesk reads {FORMAT_VERSION})"),
            ));
        }
        None => return Err(Rejection::new(at, "v", "missing: the format version, 1")),
    }
    let Some(serde_json::Value::String(kind)) = map.remove("type") else {
        return Err(Rejection::new(at, "type", "missing: \"filing\" or \"booking\""));
    };
    let rest = serde_json::Value::Object(map);
    match kind.as_str() {
        "filing" => typed::<PortalFiling>(rest, at).map(|f| Some(PortalRecord::Filing(f))),
        "booking" => typed::<PortalBooking>(rest, at).map(|b| Some(PortalRecord::Booking(b))),
        other if OUTBOUND_KINDS.contains(&other) => Ok(None),
        other => Err(Rejection::new(at, "type", format!("'{other}' is neither \"filing\" nor \"booking\""))),
    }
}

/// Deserializes with the path of the field that is wrong.
fn typed<T: serde::de::DeserializeOwned>(v: serde_json::Value, at: Location) -> Result<T, Rejection> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "record".to_owned() } else { path };
        Rejection::new(at, &field, e.inner().to_string())
    })
}

#[derive(Serialize)]
struct Out<'a, T> {
    v: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    record: &'a T,
}

/// Writes one record as one line.
pub fn write_record(out: &mut impl Write, record: &PortalRecord) -> std::io::Result<()> {
    match record {
        PortalRecord::Filing(f) => {
            serde_json::to_writer(&mut *out, &Out { v: FORMAT_VERSION, kind: "filing", record: f })
        }
        PortalRecord::Booking(b) => {
            serde_json::to_writer(&mut *out, &Out { v: FORMAT_VERSION, kind: "booking", record: b })
        }
    }
    .map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;
    use crate::domain::portal::PortalCitizen;

    const FILING: &str = r#"{"v":1,"type":"filing","portal_id":"P-1","submitted_at":"2026-11-20T08:15:00Z","citizen":{"given_name":"Jan","family_name":"Novák","birth_date":"1980-02-01","identified":true},"situation":"OP-VYDANI","fields":{"reason":"expiry"},"attachments":[{"name":"foto.jpg","size":123,"sha256":"ab"}]}"#;

    fn read(text: &str) -> Vec<ReadResult> {
        Reader::new(text.as_bytes()).collect()
    }

    #[test]
    fn reads_filings_and_bookings_skipping_blank_lines_and_a_bom() {
        let booking = r#"{"v":1,"type":"booking","portal_id":"B-1","submitted_at":"2026-11-20T08:15:00Z","citizen":{"given_name":"Eva","family_name":"Malá","birth_date":"1990-01-01"},"service":"OP-PODANI","start":"2026-11-23T08:00:00+01:00"}"#;
        let text = format!("\u{feff}{FILING}\r\n\n  \n{booking}");
        let got = read(&text);
        assert_eq!(got.len(), 2);
        let first = got[0].as_ref().unwrap();
        assert_eq!(first.location, Location { line: 1, index: 1 });
        let PortalRecord::Filing(f) = &first.record else { panic!() };
        assert_eq!(f.citizen.family_name, "Novák");
        assert_eq!(f.fields["reason"], "expiry");
        let second = got[1].as_ref().unwrap();
        assert_eq!(second.location, Location { line: 4, index: 2 });
        let PortalRecord::Booking(b) = &second.record else { panic!() };
        assert_eq!(b.start.to_rfc3339(), "2026-11-23T07:00:00+00:00");
    }

    #[test]
    fn rejections_name_the_line_and_the_field() {
        let cases = [
            ("{\"v\":1,\"type\":\"filing\"", "line", "not JSON"),
            ("[1,2]", "line", "a record is a JSON object"),
            ("{\"type\":\"filing\"}", "v", "missing"),
            ("{\"v\":2,\"type\":\"filing\"}", "v", "version 2 is not known"),
            ("{\"v\":1,\"type\":\"complaint\"}", "type", "'complaint'"),
            (&FILING.replace("\"situation\":\"OP-VYDANI\",", ""), "record", "missing field `situation`"),
            (
                &FILING.replace("\"birth_date\":\"1980-02-01\"", "\"birth_date\":19800201"),
                "citizen.birth_date",
                "invalid type",
            ),
            (
                &FILING.replace("\"identified\":true", "\"identified\":true,\"shoe_size\":44"),
                "citizen.shoe_size",
                "unknown field `shoe_size`",
            ),
            (&FILING.replace("2026-11-20T08:15:00Z", "yesterday"), "submitted_at", "input contains invalid characters"),
            (&FILING.replace("\"size\":123", "\"size\":-1"), "attachments[0].size", "invalid value"),
        ];
        for (line, field, reason) in cases {
            let got = read(line);
            let err = got[0].as_ref().unwrap_err();
            assert_eq!(err.field, field, "{line}: {err}");
            assert!(err.reason.contains(reason), "{line}: {err}");
            assert_eq!(err.location.line, 1);
        }
        let bad_utf8 = read_bytes(b"\xff\xfe{}\n");
        assert!(bad_utf8[0].as_ref().unwrap_err().reason.contains("not UTF-8"));
    }

    fn read_bytes(b: &[u8]) -> Vec<ReadResult> {
        Reader::new(b).collect()
    }

    #[test]
    fn a_record_written_reads_back_the_same() {
        let rec = PortalRecord::Filing(PortalFiling {
            portal_id: "P-\u{202e}x\"\\".into(),
            submitted_at: chrono::DateTime::parse_from_rfc3339("2026-11-20T08:15:00Z").unwrap().to_utc(),
            citizen: PortalCitizen {
                given_name: "Zoë".into(),
                family_name: "Ďáblová".into(),
                ..PortalCitizen::default()
            },
            situation: "OP-VYDANI".into(),
            subject: "Ω≈ç√∫".into(),
            note: "line\nbreak\ttab 👩‍👩‍👧".into(),
            fields: [("a".to_owned(), "' OR 1=1 --".to_owned())].into(),
            attachments: Vec::new(),
        });
        let mut out = Vec::new();
        write_record(&mut out, &rec).unwrap();
        assert!(out.starts_with(b"{\"v\":1,\"type\":\"filing\","));
        #[allow(clippy::naive_bytecount, reason = "not worth the bytecount crate for this")]
        let newlines = out.iter().filter(|b| **b == b'\n').count();
        assert_eq!(newlines, 1, "one line");
        let back = read_bytes(&out);
        assert_eq!(back[0].as_ref().unwrap().record, rec);
    }
}
