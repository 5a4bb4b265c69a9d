//! The streaming reader against the whole-file reader it replaced (kept below, as it was, only to
//! compare with), on the shared corpus and variants of it cut short, broken and in CRLF; that it
//! reads no further than it has to; and its lines in pretty-printed CRLF documents.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

use super::{read, reader};
use crate::domain::portal::{Location, PortalRecord, ReadResult};
use std::cell::Cell;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// The reader as it was before it streamed: the file read whole, lines counted in it.
mod whole {
    use super::super::{LIST_ROOTS, Node, entity, request};
    use crate::bridge::open311::map;
    use crate::domain::portal::{Location, ReadResult, Rejection};
    use quick_xml::Reader;
    use quick_xml::events::Event;

    pub fn read(bytes: &[u8]) -> Vec<ReadResult> {
        Parser { bytes, out: Vec::new(), stack: Vec::new(), root: None, start: 1 }.run(bytes)
    }

    struct Parser<'a> {
        bytes: &'a [u8],
        out: Vec<ReadResult>,
        stack: Vec<Node>,
        root: Option<String>,
        start: u64,
    }

    impl Parser<'_> {
        fn line_at(&self, offset: usize) -> u64 {
            let text = &self.bytes[..offset.min(self.bytes.len())];
            text.split(|b| *b == b'\n').count() as u64
        }

        fn run(mut self, bytes: &[u8]) -> Vec<ReadResult> {
            let mut reader = Reader::from_reader(bytes);
            let mut buf = Vec::new();
            loop {
                let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
                match reader.read_event_into(&mut buf) {
                    Err(e) => {
                        let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                        self.fail(at, &format!("not well-formed XML: {e}"));
                        return self.out;
                    }
                    Ok(Event::Eof) => break,
                    Ok(Event::Start(e)) => self.open(&String::from_utf8_lossy(e.local_name().as_ref()), before),
                    Ok(Event::Empty(e)) => {
                        self.open(&String::from_utf8_lossy(e.local_name().as_ref()), before);
                        self.close();
                    }
                    Ok(Event::End(_)) => self.close(),
                    Ok(Event::Text(t)) => self.text(&t.decode().unwrap_or_else(|_| "\u{fffd}".into())),
                    Ok(Event::CData(c)) => self.text(&c.decode().unwrap_or_else(|_| "\u{fffd}".into())),
                    Ok(Event::GeneralRef(r)) => self.text(&entity(&r)),
                    Ok(_) => {}
                }
                buf.clear();
            }
            self.finish(bytes.len());
            self.out
        }

        fn index(&self) -> u64 {
            u64::try_from(self.out.len()).unwrap_or(u64::MAX).saturating_add(1)
        }

        fn fail(&mut self, offset: usize, why: &str) {
            let at = Location { line: self.line_at(offset), index: self.index() };
            self.out.push(Err(Rejection::new(at, "file", why)));
        }

        fn open(&mut self, name: &str, offset: usize) {
            if self.stack.is_empty() {
                if name != "request" && name != "error" {
                    self.root.get_or_insert_with(|| name.to_owned());
                    return;
                }
                self.start = self.line_at(offset);
            }
            self.stack.push(Node { name: name.to_owned(), ..Node::default() });
        }

        fn close(&mut self) {
            let Some(node) = self.stack.pop() else { return };
            if let Some(parent) = self.stack.last_mut() {
                parent.children.push(node);
            } else {
                let at = Location { line: self.start, index: self.index() };
                self.out.push(map(&request(&node), at));
            }
        }

        fn text(&mut self, text: &str) {
            if let Some(node) = self.stack.last_mut() {
                node.text.push_str(text);
            }
        }

        fn finish(&mut self, len: usize) {
            if !self.out.is_empty() {
                return;
            }
            match self.root.clone() {
                None => self.fail(len, "no XML element: not an Open311 answer"),
                Some(root) if !LIST_ROOTS.contains(&root.as_str()) => {
                    self.fail(0, &format!("no <request> in it (its root is <{root}>): not a list of service requests"));
                }
                Some(_) => {}
            }
        }
    }
}

/// Hands out its bytes a few at a time (1 to 7), so that every event crosses reads.
struct Dribble<'a> {
    bytes: &'a [u8],
    turn: usize,
}

impl Read for Dribble<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        self.turn += 1;
        let n = (self.turn % 7 + 1).min(out.len()).min(self.bytes.len());
        out[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// The streaming reader gives what the whole-file reader gave, read in large and in tiny pieces.
fn same(name: &str, bytes: &[u8]) -> Vec<ReadResult> {
    let old = whole::read(bytes);
    assert_eq!(read(bytes), old, "{name}");
    assert_eq!(read(Dribble { bytes, turn: 0 }), old, "{name}, read a few bytes at a time");
    old
}

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for path in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
        if path.is_dir() {
            xml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "xml")
            || std::fs::read(&path).unwrap().windows(5).any(|w| w == b"<?xml")
        {
            out.push(path);
        }
    }
}

#[test]
fn streams_exactly_what_the_whole_file_reader_read_from_the_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/open311");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent (the shared test corpus is not checked out)", dir.display());
        return;
    }
    let mut files = Vec::new();
    xml_files(&dir, &mut files);
    let (mut compared, mut rejections) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.display().to_string();
        rejections += same(&name, &bytes).iter().filter(|r| r.is_err()).count();
        let crlf = String::from_utf8_lossy(&bytes).replace('\n', "\r\n");
        same(&format!("{name} in CRLF"), crlf.as_bytes());
        for k in 1..24 {
            let cut = bytes.len() * k / 24;
            let broken = [&bytes[..cut], b"</oops>", &bytes[cut..]].concat();
            same(&format!("{name} cut at {cut}"), &bytes[..cut]);
            same(&format!("{name} broken at {cut}"), &broken);
            compared += 2;
        }
        compared += 2;
    }
    eprintln!("open311 XML: {} files, {compared} documents compared, {rejections} rejections", files.len());
    assert!(files.len() >= 20 && rejections > 0, "{files:?}");
}

const REQUEST: &str = "<request>\n  <service_request_id>R-{i}</service_request_id>\n  <service_code>OP-VYDANI</service_code>\n  <requested_datetime>2026-01-15T10:00:00Z</requested_datetime>\n  <attributes><attribute><code>birth_date</code><value>1980-02-01</value></attribute></attributes>\n</request>\n";
const HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_requests>\n";
const TAIL: &str = "</service_requests>\n";

/// A document of `requests` requests, made as it is read; `handed` counts the bytes read.
struct Generated {
    requests: usize,
    made: usize,
    piece: Vec<u8>,
    at: usize,
    handed: Rc<Cell<usize>>,
}

impl Read for Generated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.piece.len() {
            self.piece = match self.made {
                0 => HEAD.into(),
                n if n <= self.requests => REQUEST.replace("{i}", &n.to_string()).into(),
                n if n == self.requests + 1 => TAIL.into(),
                _ => return Ok(0),
            };
            (self.made, self.at) = (self.made + 1, 0);
        }
        let n = out.len().min(self.piece.len() - self.at);
        out[..n].copy_from_slice(&self.piece[self.at..self.at + n]);
        self.at += n;
        self.handed.set(self.handed.get() + n);
        Ok(n)
    }
}

#[test]
fn yields_the_first_requests_before_reading_the_rest() {
    let requests = 50_000;
    let total =
        HEAD.len() + TAIL.len() + (1..=requests).map(|i| REQUEST.replace("{i}", &i.to_string()).len()).sum::<usize>();
    let handed = Rc::new(Cell::new(0));
    let input = Generated { requests, made: 0, piece: Vec::new(), at: 0, handed: Rc::clone(&handed) };
    let mut records = reader(input);
    let first: Vec<Location> = records.by_ref().take(3).map(|r| r.unwrap().location).collect();
    let lines: Vec<(u64, u64)> = first.iter().map(|l| (l.line, l.index)).collect();
    assert_eq!(lines, [(3, 1), (9, 2), (15, 3)]);
    assert!(handed.get() < total / 10, "{} of {total} bytes read for 3 requests", handed.get());
    let last = records.by_ref().inspect(|r| assert!(r.is_ok(), "{r:?}")).last().unwrap().unwrap();
    assert_eq!(last.location, Location { line: 2 + 6 * 49_999 + 1, index: 50_000 });
    assert_eq!(handed.get(), total);
}

/// The line (from 1) of the first of `lines` containing `marker`.
fn line_of(lines: &[&str], marker: &str) -> u64 {
    1 + lines.iter().position(|l| l.contains(marker)).unwrap() as u64
}

#[test]
fn places_requests_and_a_break_in_the_middle_on_their_crlf_lines() {
    let birth = "    <attributes><attribute><code>birth_date</code><value>1980-02-01</value></attribute></attributes>";
    let lines = [
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
        "<!-- a comment",
        "     over two lines -->",
        "<service_requests>",
        "  <request>",
        "    <service_request_id>1</service_request_id>",
        "    <service_code>S</service_code>",
        "    <requested_datetime>2026-01-15T10:00:00Z</requested_datetime>",
        "    <description>first&#xD;",
        "second</description>",
        birth,
        "  </request>",
        "  <request",
        "     kind=\"second\">",
        "    <service_code>S</service_code>",
        "  </request><request/>",
        "  <request>",
        "    <service_request_id>3</service_request_id><service_code>S</wrong>",
        "  </request>",
        "  <request><service_request_id>4</service_request_id></request>",
        "</service_requests>",
    ];
    let got = same("pretty-printed CRLF", lines.join("\r\n").as_bytes());
    let places: Vec<(u64, u64)> =
        got.iter().map(|r| r.as_ref().map_or_else(|e| e.location, |l| l.location)).map(|l| (l.line, l.index)).collect();
    assert_eq!(places, [(5, 1), (13, 2), (16, 3), (line_of(&lines, "</wrong>"), 4)]);
    assert_eq!(line_of(&lines, "</wrong>"), 18);
    let PortalRecord::Filing(f) = &got[0].as_ref().unwrap().record else { panic!("a filing") };
    assert_eq!(f.note, "first\r\r\nsecond");
    assert!(got[3].as_ref().unwrap_err().reason.contains("not well-formed"), "{:?}", got[3]);
}

#[test]
fn places_a_break_inside_a_markup_spread_over_lines() {
    let doc = ["<?xml version=\"1.0\"?>", "<!DOCTYPE", "", "   >", "<service_requests/>"].join("\r\n");
    let got = same("an empty DOCTYPE over three lines", doc.as_bytes());
    assert_eq!(got[0].as_ref().unwrap_err().location, Location { line: 4, index: 1 });
}

#[test]
fn counts_lines_after_a_byte_order_mark() {
    let doc = "\u{feff}<?xml version=\"1.0\"?>\n<service_requests>\n<request><service_code>S</service_code></request>\n<a></b>";
    let got = read(doc.as_bytes());
    let lines: Vec<u64> = got.iter().map(|r| r.as_ref().unwrap_err().location.line).collect();
    assert_eq!(lines, [3, 4]);
    // The whole-file reader counted lines in the file's bytes at quick-xml's offsets, which leave
    // the mark's 3 bytes out: a newline just before an element was missed.
    let old: Vec<u64> = whole::read(doc.as_bytes()).iter().map(|r| r.as_ref().unwrap_err().location.line).collect();
    assert_eq!(old, [2, 4]);
    let doctype = "\u{feff}<!DOCTYPE\r\n\r\n><service_requests/>";
    assert_eq!(read(doctype.as_bytes())[0].as_ref().unwrap_err().location, Location { line: 3, index: 1 });
    assert_eq!(whole::read(doctype.as_bytes())[0].as_ref().unwrap_err().location.line, 1);
}

/// Gives `bytes`, then fails.
struct Failing<'a>(&'a [u8]);

impl Read for Failing<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.0.is_empty() {
            return Err(std::io::Error::other("the disk went away"));
        }
        let n = out.len().min(self.0.len());
        out[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn a_read_failing_midway_ends_with_a_rejection_after_the_requests_before_it() {
    let doc = "<service_requests>\n<request><service_code>S</service_code></request>\n<request>\n<service";
    let got = read(Failing(doc.as_bytes()));
    assert_eq!(got.len(), 2, "{got:?}");
    let failed = got[1].as_ref().unwrap_err();
    assert_eq!((failed.location, failed.field.as_str()), (Location { line: 4, index: 2 }, "file"));
    assert!(failed.reason.contains("cannot read: the disk went away"), "{failed}");
}
