//! Open311 JSON as a top-level array of service requests, the shape of `GET requests.json` and of
//! our own export, streamed: each request is parsed and mapped as soon as it has been read, on a
//! thread of its own ([`super::produce_ahead`]), with at most about a thousand waiting, so a file
//! of any size is never held in memory (serde's way of visiting an array without collecting it:
//! <https://serde.rs/stream-array.html>). Every other shape (one request, a wrapper object, JSON
//! in a string) is a server's answer, read whole by [`super::open311_json::read`].
//!
//! Results are exactly the whole reader's: the same records and rejections, each at the line its
//! request starts on (the newlines read so far, less those inside the request's own text).

use super::json;
use crate::bridge::produce_ahead;
use crate::domain::portal::{Location, ReadResult, Rejection};
use serde::de::{self, Deserializer as _, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::cell::Cell;
use std::io::{BufRead, Cursor, Read};
use std::rc::Rc;

/// Requests handed over at a time (sixteen such chunks wait at most).
const CHUNK: usize = 64;

/// The records of `input`: streamed when it is a top-level array, else read whole.
#[must_use]
pub fn reader(mut input: Box<dyn BufRead + Send>) -> Box<dyn Iterator<Item = ReadResult>> {
    let (lead, first) = match leading(&mut input) {
        Ok(found) => found,
        Err(e) => {
            let at = Location { line: 1, index: 1 };
            return Box::new(std::iter::once(Err(Rejection::new(at, "file", format!("cannot read: {e}")))));
        }
    };
    if first != Some(b'[') {
        // What was looked at goes back in front: the whole reader sees the file as it is.
        return Box::new(json::read(Cursor::new(lead).chain(input)).into_iter());
    }
    // Without the byte-order mark, which serde does not take (it holds no newline).
    let lead = match lead.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => lead,
    };
    let input = Cursor::new(lead).chain(input);
    produce_ahead(CHUNK, move |emit| stream(input, emit))
}

/// The byte-order mark and white space at the start, and the first byte after them.
fn leading(input: &mut dyn BufRead) -> std::io::Result<(Vec<u8>, Option<u8>)> {
    let mut lead = Vec::new();
    loop {
        let buf = input.fill_buf()?;
        let Some(&b) = buf.first() else { return Ok((lead, None)) };
        let bom = lead.is_empty() && buf.starts_with(b"\xEF\xBB\xBF");
        if !bom && !b.is_ascii_whitespace() {
            return Ok((lead, Some(b)));
        }
        let n = if bom { 3 } else { 1 };
        lead.extend_from_slice(&buf[..n]);
        input.consume(n);
    }
}

/// Counts the newlines read through it, for the visitor on the same thread.
struct Counting<R> {
    inner: R,
    newlines: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        #[allow(clippy::naive_bytecount, reason = "not worth the bytecount crate for this")]
        let seen = buf[..n].iter().filter(|b| **b == b'\n').count();
        self.newlines.set(self.newlines.get() + u64::try_from(seen).unwrap_or(0));
        Ok(n)
    }
}

/// The reading thread: every request, then a rejection if the file breaks off or goes on after
/// the array; until `emit` says the caller stopped reading.
fn stream(input: impl Read, emit: &mut dyn FnMut(ReadResult) -> bool) {
    let newlines = Rc::new(Cell::new(0));
    let counting = Counting { inner: std::io::BufReader::new(input), newlines: Rc::clone(&newlines) };
    let mut count = 0;
    let mut stopped = false;
    let outcome = each(counting, &mut |i, raw| {
        count = i;
        // Nothing after a request's last byte has been read yet: its last line is the line the
        // reading is on.
        let inside = raw.get().bytes().filter(|b| *b == b'\n').count();
        let line = (newlines.get() + 1).saturating_sub(u64::try_from(inside).unwrap_or(0));
        let index = usize::try_from(i - 1).unwrap_or(usize::MAX);
        stopped = !emit(json::one(raw, line, index));
        !stopped
    });
    if let (Err(e), false) = (outcome, stopped) {
        let at = Location { line: u64::try_from(e.line()).unwrap_or(1).max(1), index: count + 1 };
        emit(Err(Rejection::new(at, "file", format!("not JSON: {e}"))));
    }
}

/// Each request of the top-level array in `input` with its index (from 1), until `f` says stop
/// (which ends it with an error). The array's end must be the file's.
///
/// # Errors
/// JSON that is not a whole array, or a stop.
pub(crate) fn each(input: impl Read, f: &mut dyn FnMut(u64, &RawValue) -> bool) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_reader(input);
    (&mut de).deserialize_seq(Requests { f })?;
    de.end()
}

struct Requests<'f> {
    f: &'f mut dyn FnMut(u64, &RawValue) -> bool,
}

impl<'de> Visitor<'de> for Requests<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of service requests")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
            i += 1;
            if !(self.f)(i, &raw) {
                return Err(de::Error::custom("nobody reads the requests any more"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn streamed(bytes: &[u8]) -> Vec<String> {
        reader(Box::new(Cursor::new(bytes.to_vec()))).map(|r| format!("{r:?}")).collect()
    }

    fn whole(bytes: &[u8]) -> Vec<String> {
        json::read(bytes).iter().map(|r| format!("{r:?}")).collect()
    }

    const SAMPLES: &[&str] = &[
        r#"[{"service_request_id":638344,"service_code":"006","requested_datetime":"2010-04-14T06:37:38-08:00","attribute[birth_date]":"1980-02-01","description":"a\r\nb"}]"#,
        "\u{feff}\n\n  [\r\n  {\r\n    \"service_request_id\": \"1\",\r\n    \"service_code\": \"OP\",\r\n    \"lat\": \"37.7\",\r\n    \"address\": null\r\n  },\r\n  7,\r\n  {\"token\": \"x\"},\r\n  {\"service_code\": \"B\", \"attributes\": [{\"code\": \"birth_date\", \"value\": \"1980-02-01\"}],\r\n   \"description\": \"multi\\nline\"}\r\n]\r\n",
        "[]",
        "[\n]\n",
        r#"[{"service_code": "A", "attributes": {"birth_date": "1970-01-01", "x": [1, {"y": 2}]}}, "text", null, [1]]"#,
    ];

    #[test]
    fn a_valid_array_gives_exactly_what_the_whole_reader_gives() {
        for s in SAMPLES {
            assert_eq!(streamed(s.as_bytes()), whole(s.as_bytes()), "{s}");
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/open311");
        let Ok(walk) = std::fs::read_dir(&dir) else {
            eprintln!("skipped the corpus: {} is absent", dir.display());
            return;
        };
        let mut stack: Vec<_> = walk.filter_map(Result::ok).map(|e| e.path()).collect();
        let mut compared = 0;
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().filter_map(Result::ok).map(|e| e.path()));
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let is_array = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
            if path.extension().is_some_and(|e| e == "json")
                && is_array
                && serde_json::from_slice::<serde_json::Value>(body).is_ok()
            {
                assert_eq!(streamed(&bytes), whole(&bytes), "{}", path.display());
                compared += 1;
            }
        }
        assert!(compared > 3, "only {compared} corpus arrays");
    }

    #[test]
    fn a_broken_array_gives_the_requests_before_the_break_then_a_rejection_at_its_line() {
        let text = "[\n{\"service_code\": \"A\", \"attribute[birth_date]\": \"1980-02-01\"},\n{\"service_code\": \"B\",\n \"lat\": ]\n";
        let got: Vec<ReadResult> = reader(Box::new(Cursor::new(text.as_bytes().to_vec()))).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].as_ref().unwrap_err().location, Location { line: 2, index: 1 }, "{got:?}");
        let e = got[1].as_ref().unwrap_err();
        assert_eq!((e.field.as_str(), e.location.line, e.location.index), ("file", 4, 2), "{e}");
        assert!(e.reason.starts_with("not JSON"), "{e}");
        let trailing: Vec<ReadResult> = reader(Box::new(Cursor::new(b"[]\n[]".to_vec()))).collect();
        assert_eq!(trailing.len(), 1);
        assert!(trailing[0].as_ref().unwrap_err().reason.contains("trailing"), "{trailing:?}");
    }

    /// A `[{…},{…},…]` of `total` requests made as it is read, counting the bytes handed out.
    struct Endless {
        served: Arc<AtomicUsize>,
        pending: Vec<u8>,
        made: usize,
        total: usize,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.pending.is_empty() && self.made <= self.total {
                let i = self.made;
                self.pending = match i {
                    0 => b"[".to_vec(),
                    _ if i == self.total => b"]".to_vec(),
                    _ => {
                        let comma = if i == 1 { "" } else { ",\n" };
                        let x = "x".repeat(200);
                        format!(
                            "{comma}{{\"service_request_id\":\"{i}\",\"service_code\":\"OP\",\"description\":\"{x}\"}}"
                        )
                        .into_bytes()
                    }
                };
                self.made += 1;
            }
            let n = buf.len().min(self.pending.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            self.served.fetch_add(n, Ordering::Relaxed);
            Ok(n)
        }
    }

    #[test]
    fn a_long_array_is_read_as_it_is_used_not_whole() {
        let served = Arc::new(AtomicUsize::new(0));
        let total = 50_000;
        let source = Endless { served: Arc::clone(&served), pending: Vec::new(), made: 0, total };
        let mut records = reader(Box::new(std::io::BufReader::new(source)));
        let first: Vec<ReadResult> = records.by_ref().take(3).collect();
        assert_eq!(first.len(), 3);
        assert_eq!(first[2].as_ref().unwrap_err().location, Location { line: 3, index: 3 });
        // The reading thread runs ahead by at most AHEAD requests (and a buffer).
        std::thread::sleep(std::time::Duration::from_millis(200));
        let read = served.load(Ordering::Relaxed);
        assert!(read < total * 250 / 10, "{read} bytes read for 3 requests");
        assert_eq!(records.count(), total - 1 - 3);
    }

    #[test]
    fn a_caller_that_stops_reading_stops_the_reading_thread_too() {
        let served = Arc::new(AtomicUsize::new(0));
        let total = 50_000;
        let source = Endless { served: Arc::clone(&served), pending: Vec::new(), made: 0, total };
        let mut records = reader(Box::new(std::io::BufReader::new(source)));
        assert!(records.next().is_some());
        // Dropping joins the thread, which stops at its next request: the rest is never read.
        drop(records);
        let read = served.load(Ordering::Relaxed);
        assert!(read < total * 250 / 10, "{read} bytes read");
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert_eq!(served.load(Ordering::Relaxed), read, "nothing read after the drop");
    }
}
