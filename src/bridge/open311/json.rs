//! Open311 GeoReport v2 service requests in JSON (docs/bridge-format.md).
//!
//! Accepted shapes: a top-level array of requests; a single request object; an object wrapping the
//! array under any key (`service_requests`, `requests`, `data`, …), also when the array is itself
//! a JSON string (as API gateways wrap a body). Ids and codes may be numbers; `null` is absent;
//! nested objects and arrays other than `attributes` are ignored. A top-level array is streamed
//! ([`super::open311_json_array`]); the other shapes, a server's answer, are read whole here. A
//! file that is not JSON is one rejection, a request that is not an object or maps badly is a
//! rejection with its index and the line it starts on.

use super::{LineCounter, Request, map};
use crate::domain::portal::{Location, ReadResult, Rejection};
use serde_json::Value;
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::io::Read;

/// How deep wrappers are unwrapped.
const MAX_WRAPPING: u8 = 4;

/// All results of `input`, in order.
pub fn read(mut input: impl Read) -> Vec<ReadResult> {
    let start = Location { line: 1, index: 1 };
    let mut bytes = Vec::new();
    if let Err(e) = input.read_to_end(&mut bytes) {
        return vec![Err(Rejection::new(start, "file", format!("cannot read: {e}")))];
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => return vec![Err(Rejection::new(start, "file", format!("not UTF-8 (byte {})", e.valid_up_to() + 1)))],
    };
    if text.trim().is_empty() {
        return vec![Err(Rejection::new(start, "file", "empty: no JSON"))];
    }
    let mut lines = LineCounter::new(text.as_bytes());
    match items(text, text, &mut lines, MAX_WRAPPING) {
        Ok(found) => found.into_iter().enumerate().map(|(i, (line, v))| one(&v, line, i)).collect(),
        Err((line, why)) => vec![Err(Rejection::new(Location { line, index: 1 }, "file", why))],
    }
}

type Items = Vec<(u64, Box<RawValue>)>;

/// The requests of `bytes` as they stand, in order, for the rejects file: found as [`read`] finds
/// them; none in a file it refuses as a whole.
pub(crate) fn raw_requests(bytes: &[u8]) -> Vec<Box<RawValue>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(body) else { return Vec::new() };
    let mut lines = LineCounter::new(text.as_bytes());
    items(text, text, &mut lines, MAX_WRAPPING)
        .map(|found| found.into_iter().map(|(_, r)| r).collect())
        .unwrap_or_default()
}

/// The requests in `text` (a part of `whole` or, once unwrapped from a string, not).
fn items(text: &str, whole: &str, lines: &mut LineCounter, depth: u8) -> Result<Items, (u64, String)> {
    let here = offset_line(text, whole, lines);
    let raw: &RawValue = serde_json::from_str(text).map_err(|e| (here, format!("not JSON: {e}")))?;
    let inner = raw.get().trim_start();
    if inner.starts_with('[') {
        let list: Vec<&RawValue> = serde_json::from_str(inner).map_err(|e| (here, format!("not JSON: {e}")))?;
        let at = |r: &RawValue, lines: &mut LineCounter| offset_line(r.get(), whole, lines);
        return Ok(list.into_iter().map(|r| (at(r, lines), r.to_owned())).collect());
    }
    if !inner.starts_with('{') {
        return Err((here, "neither a list of service requests nor an object holding one".into()));
    }
    let object: BTreeMap<&str, &RawValue> =
        serde_json::from_str(inner).map_err(|e| (here, format!("not JSON: {e}")))?;
    if ["service_request_id", "token", "service_code", "code"].iter().any(|k| object.contains_key(k)) {
        return Ok(vec![(here, raw.to_owned())]);
    }
    if depth > 0 {
        if let Some(found) = unwrap_object(&object, whole, lines, depth) {
            return Ok(found);
        }
    }
    Err((here, "an object without service requests (no request fields, no list inside)".into()))
}

/// The first member that holds requests: an array, an object, or a string of JSON.
fn unwrap_object(object: &BTreeMap<&str, &RawValue>, whole: &str, lines: &mut LineCounter, depth: u8) -> Option<Items> {
    for raw in object.values() {
        let text = raw.get().trim_start();
        if text.starts_with('[') || text.starts_with('{') {
            if let Ok(found) = items(raw.get(), whole, lines, depth - 1) {
                return Some(found);
            }
        } else if text.starts_with('"') {
            let Ok(inner) = serde_json::from_str::<String>(text) else { continue };
            let line = offset_line(raw.get(), whole, lines);
            let trimmed = inner.trim_start();
            if trimmed.starts_with('[') || trimmed.starts_with('{') {
                let mut inner_lines = LineCounter::new(b"");
                if let Ok(found) = items(&inner, &inner, &mut inner_lines, depth - 1) {
                    return Some(found.into_iter().map(|(_, v)| (line, v)).collect());
                }
            }
        }
    }
    None
}

/// The line in `whole` where `part` starts (1 when `part` is not inside `whole`).
fn offset_line(part: &str, whole: &str, lines: &mut LineCounter) -> u64 {
    let offset = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    if offset > whole.len() { 1 } else { lines.line_at(offset) }
}

/// One item to a record or a rejection.
pub(crate) fn one(raw: &RawValue, line: u64, i: usize) -> ReadResult {
    let at = Location { line, index: u64::try_from(i).unwrap_or(u64::MAX).saturating_add(1) };
    let value: Value = serde_json::from_str(raw.get()).map_err(|e| Rejection::new(at, "request", e.to_string()))?;
    let Value::Object(members) = value else {
        return Err(Rejection::new(at, "request", "a service request is a JSON object"));
    };
    let mut request = Request::default();
    for (name, value) in members {
        if name == "attributes" {
            attributes(value, &mut request);
        } else if let Some(text) = scalar(value) {
            request.push(&name, text);
        }
    }
    map(&request, at)
}

/// A string, number or boolean as text; `null`, arrays and objects are none.
fn scalar(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// `attributes` as an object `{code: value}` or an array of `{code|name|key, value}`.
fn attributes(v: Value, request: &mut Request) {
    match v {
        Value::Object(map) => {
            for (code, value) in map {
                if let Some(text) = scalar(value) {
                    request.attributes.push((code, text));
                }
            }
        }
        Value::Array(list) => {
            for item in list {
                let Value::Object(mut map) = item else { continue };
                let code = ["code", "name", "key"].iter().find_map(|k| map.remove(*k).and_then(scalar));
                if let (Some(code), Some(value)) = (code, map.remove("value").and_then(scalar)) {
                    request.attributes.push((code, value));
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;
    use crate::domain::portal::PortalRecord;

    const GOOD: &str = r#"{"service_request_id":638344,"service_code":"006","requested_datetime":"2010-04-14T06:37:38-08:00","description":"a\r\nb &amp;","lat":"37.7","address":null,"attribute[birth_date]":"1980-02-01"}"#;

    fn filing(r: &ReadResult) -> &crate::domain::portal::PortalFiling {
        let PortalRecord::Filing(f) = &r.as_ref().unwrap().record else { panic!() };
        f
    }

    #[test]
    fn reads_arrays_single_objects_and_wrappers() {
        let arr = format!("[\n{GOOD},\n  {{\"service_code\":1}},\n 7]");
        let got = read(arr.as_bytes());
        assert_eq!(got.len(), 3);
        assert_eq!(filing(&got[0]).portal_id, "638344");
        assert_eq!(filing(&got[0]).note, "a\r\nb &amp;");
        assert_eq!(got[0].as_ref().unwrap().location, Location { line: 2, index: 1 });
        let err = got[1].as_ref().unwrap_err();
        assert_eq!((err.location, err.field.as_str()), (Location { line: 3, index: 2 }, "service_request_id"));
        assert!(got[2].as_ref().unwrap_err().reason.contains("JSON object"));
        assert_eq!(filing(&read(GOOD.as_bytes())[0]).situation, "006");
        let wrapped = format!("{{\"count\":1,\"service_requests\":[{GOOD}]}}");
        assert_eq!(filing(&read(wrapped.as_bytes())[0]).portal_id, "638344");
        let in_string = serde_json::json!({"statusCode": 200, "body": format!("[{GOOD}]")}).to_string();
        assert_eq!(filing(&read(in_string.as_bytes())[0]).portal_id, "638344");
    }

    #[test]
    fn attributes_in_either_shape() {
        let obj = GOOD.replace("\"lat\"", "\"attributes\":{\"a\":1},\"lat\"");
        assert_eq!(filing(&read(obj.as_bytes())[0]).fields["a"], "1");
        let list = GOOD.replace("\"lat\"", "\"attributes\":[{\"code\":\"b\",\"value\":\"x\"},3],\"lat\"");
        assert_eq!(filing(&read(list.as_bytes())[0]).fields["b"], "x");
    }

    #[test]
    fn a_file_that_is_no_list_of_requests_is_one_rejection() {
        for text in ["", "[1,", "\"x\"", "{\"services\":3}", "\u{feff}{\"a\":{\"b\":{}}}", "[{\"a\":00}]"] {
            let got = read(text.as_bytes());
            assert_eq!(got.len(), 1, "{text}");
            assert_eq!(got[0].as_ref().unwrap_err().field, "file", "{text}");
        }
        assert!(read(&b"[\xff]"[..])[0].as_ref().unwrap_err().reason.contains("not UTF-8"));
        assert!(read(&b"[]"[..]).is_empty());
    }
}
