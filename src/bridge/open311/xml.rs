//! Open311 GeoReport v2 service requests in XML (docs/bridge-format.md): every `<request>`
//! element, at any depth (`<service_requests>`, `<requests>` or alone), is one request; its
//! children with text are its values, `<attributes>` holds `<attribute><code/><value/></attribute>`
//! or `<code>value</code>` children. `<error>` elements (an error answer) are rejections with the
//! server's code and description. Empty and self-closing elements are absent values; the
//! declared encoding (windows-1250, ISO-8859-2, …) is honoured; entity references are resolved,
//! with `&nbsp;` as a no-break space and other HTML names kept as written.
//!
//! The file is streamed: each request is yielded as soon as its `</request>` is read, and only
//! that request's elements are held, so memory stays flat whatever the file's size. quick-xml
//! reads the file through `Lines`, which counts the newlines of every byte it hands over, so a
//! request's line is known without going back. XML that is not well-formed ends the reading
//! with a rejection at its line, after the requests read before it; so does a failing read.

use super::{Request, map};
use crate::domain::portal::{Location, ReadResult, Rejection};
use quick_xml::events::{BytesRef, Event};
use std::io::{BufRead, ErrorKind, Read};

const LIST_ROOTS: &[&str] = &["service_requests", "requests", "service_request", "errors"];

/// Bytes read from the input at a time.
const CHUNK: usize = 8 * 1024;

#[derive(Debug, Default)]
struct Node {
    name: String,
    text: String,
    children: Vec<Node>,
}

/// All results of `input`, in order.
pub fn read(input: impl Read) -> Vec<ReadResult> {
    reader(input).collect()
}

/// The results of `input` one by one, each as soon as its request's end tag is read.
pub fn reader<R: Read>(input: R) -> Requests<R> {
    let mut lines = Lines::new(input);
    lines.skip_bom();
    Requests { xml: quick_xml::Reader::from_reader(lines), buf: Vec::new(), tree: Tree::default(), done: false }
}

impl<R> Requests<R> {
    /// Where the element of the last result lies in the file (from its `<` to just after its end
    /// tag's `>`), for it to be copied as it stood; `None` for a rejection of the file as a whole.
    #[must_use]
    pub fn last_span(&self) -> Option<(u64, u64)> {
        let bom = u64::try_from(self.xml.get_ref().bom).unwrap_or(0);
        self.tree.span.map(|(start, end)| (start + bom, end + bom))
    }
}

/// The iterator of [`reader`].
pub struct Requests<R> {
    xml: quick_xml::Reader<Lines<R>>,
    /// The current event's bytes, reused from one event to the next.
    buf: Vec<u8>,
    tree: Tree,
    done: bool,
}

impl<R: Read> Iterator for Requests<R> {
    type Item = ReadResult;

    fn next(&mut self) -> Option<ReadResult> {
        while !self.done {
            if let Some(result) = self.step() {
                self.tree.count = self.tree.count.saturating_add(1);
                return Some(result);
            }
        }
        None
    }
}

impl<R: Read> Requests<R> {
    /// Reads one event; a result when it ends a request, the file, or the reading.
    fn step(&mut self) -> Option<ReadResult> {
        self.buf.clear();
        self.xml.get_mut().mark();
        let line = self.xml.get_ref().line();
        let before = self.xml.buffer_position();
        let tree = &mut self.tree;
        tree.span = None;
        let event = self.xml.read_event_into(&mut self.buf);
        let after = self.xml.buffer_position();
        match event {
            Err(e) => {
                self.done = true;
                let lines = self.xml.get_ref();
                return Some(match e {
                    quick_xml::Error::Io(e) => tree.fail(lines.line(), &format!("cannot read: {e}")),
                    e => tree.fail(lines.line_at(self.xml.error_position()), &format!("not well-formed XML: {e}")),
                });
            }
            Ok(Event::Eof) => {
                self.done = true;
                return tree.finish(self.xml.get_ref().line());
            }
            Ok(Event::Start(e)) => tree.open(&String::from_utf8_lossy(e.local_name().as_ref()), line, before),
            Ok(Event::Empty(e)) => {
                tree.open(&String::from_utf8_lossy(e.local_name().as_ref()), line, before);
                return tree.close(after);
            }
            Ok(Event::End(_)) => return tree.close(after),
            Ok(Event::Text(t)) => tree.text(&t.decode().unwrap_or_else(|_| "\u{fffd}".into())),
            Ok(Event::CData(c)) => tree.text(&c.decode().unwrap_or_else(|_| "\u{fffd}".into())),
            Ok(Event::GeneralRef(r)) => tree.text(&entity(&r)),
            Ok(_) => {}
        }
        None
    }
}

/// The request being read (its open elements), the root element, and how many results so far.
#[derive(Debug, Default)]
struct Tree {
    stack: Vec<Node>,
    root: Option<String>,
    start: u64,
    count: u64,
    /// Where the request being read begins (quick-xml's offset).
    start_offset: u64,
    /// The span of the element of the result just made, if it was one.
    span: Option<(u64, u64)>,
}

impl Tree {
    fn at(&self, line: u64) -> Location {
        Location { line, index: self.count.saturating_add(1) }
    }

    fn fail(&self, line: u64, why: &str) -> ReadResult {
        Err(Rejection::new(self.at(line), "file", why))
    }

    fn open(&mut self, name: &str, line: u64, offset: u64) {
        if self.stack.is_empty() {
            if name != "request" && name != "error" {
                self.root.get_or_insert_with(|| name.to_owned());
                return;
            }
            self.start = line;
            self.start_offset = offset;
        }
        self.stack.push(Node { name: name.to_owned(), ..Node::default() });
    }

    fn close(&mut self, offset: u64) -> Option<ReadResult> {
        let node = self.stack.pop()?;
        if let Some(parent) = self.stack.last_mut() {
            parent.children.push(node);
            None
        } else {
            self.span = Some((self.start_offset, offset));
            Some(map(&request(&node), self.at(self.start)))
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(node) = self.stack.last_mut() {
            node.text.push_str(text);
        }
    }

    /// A file without requests is fine only as an empty list; `last` is its last line.
    fn finish(&self, last: u64) -> Option<ReadResult> {
        if self.count > 0 {
            return None;
        }
        match &self.root {
            None => Some(self.fail(last, "no XML element: not an Open311 answer")),
            Some(root) if !LIST_ROOTS.contains(&root.as_str()) => Some(
                self.fail(1, &format!("no <request> in it (its root is <{root}>): not a list of service requests")),
            ),
            Some(_) => None,
        }
    }
}

/// The input, buffered here so that every byte quick-xml consumes passes by once: the newlines
/// before the current event are counted, and those within it kept, to give the line of any
/// offset in it (an error is placed at its `<`, or inside a `<!DOCTYPE …>`).
struct Lines<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    filled: usize,
    /// A byte order mark quick-xml consumes without counting it, still to be passed over.
    bom: usize,
    /// Bytes consumed, as quick-xml counts them (without the byte order mark).
    offset: u64,
    /// The line at `offset`.
    line: u64,
    /// The offset and line where the current event began.
    mark: (u64, u64),
    /// The offsets of the newlines consumed since `mark`.
    newlines: Vec<u64>,
}

impl<R: Read> Lines<R> {
    fn new(inner: R) -> Lines<R> {
        let buf = vec![0; CHUNK].into_boxed_slice();
        Lines { inner, buf, pos: 0, filled: 0, bom: 0, offset: 0, line: 1, mark: (0, 1), newlines: Vec::new() }
    }

    /// Looks at the first bytes as quick-xml will (it sees the same buffer), for the length of
    /// the byte order mark it takes off without counting it in its offsets.
    fn skip_bom(&mut self) {
        let first = loop {
            match self.fill_buf() {
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                other => break other.ok().and_then(quick_xml::encoding::detect_encoding),
            }
        };
        self.bom = first.map_or(0, |(_, len)| len);
    }

    /// The current event begins here.
    fn mark(&mut self) {
        self.mark = (self.offset, self.line);
        self.newlines.clear();
    }

    /// The line at the current offset.
    fn line(&self) -> u64 {
        self.line
    }

    /// The line at `offset`, which lies in the current event (or just before it: its `<`).
    fn line_at(&self, offset: u64) -> u64 {
        let (start, line) = self.mark;
        if offset <= start {
            return line;
        }
        let before = self.newlines.partition_point(|n| *n < offset);
        line.saturating_add(u64::try_from(before).unwrap_or(u64::MAX))
    }
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos == self.filled {
            self.filled = self.inner.read(&mut self.buf)?;
            self.pos = 0;
        }
        Ok(&self.buf[self.pos..self.filled])
    }

    fn consume(&mut self, amount: usize) {
        let end = self.pos.saturating_add(amount).min(self.filled);
        let bom = self.bom.min(end - self.pos);
        (self.pos, self.bom) = (self.pos + bom, self.bom - bom);
        for (i, byte) in self.buf[self.pos..end].iter().enumerate() {
            if *byte == b'\n' {
                let at = self.offset.saturating_add(u64::try_from(i).unwrap_or(u64::MAX));
                self.newlines.push(at);
                self.line = self.line.saturating_add(1);
            }
        }
        self.offset = self.offset.saturating_add(u64::try_from(end - self.pos).unwrap_or(u64::MAX));
        self.pos = end;
    }
}

/// A node's values and attributes.
fn request(node: &Node) -> Request {
    let mut r = Request::default();
    for child in &node.children {
        if child.name == "attributes" {
            for a in &child.children {
                let part = |n: &str| a.children.iter().find(|c| c.name == n).map(|c| c.text.clone());
                match (part("code"), part("value")) {
                    (Some(code), Some(value)) => r.attributes.push((code.trim().to_owned(), value)),
                    _ if a.children.is_empty() => r.attributes.push((a.name.clone(), a.text.clone())),
                    _ => {}
                }
            }
        } else if child.children.is_empty() {
            r.push(&child.name, child.text.clone());
        }
    }
    r
}

/// The text of `&name;` or `&#…;`.
fn entity(r: &BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = r.decode().unwrap_or_default();
    match name.as_ref() {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        "nbsp" => "\u{a0}".into(),
        other => format!("&{other};"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;
    use crate::domain::portal::PortalRecord;

    const DOC: &str = "<?xml version=\"1.0\"?>\n<service_requests>\n  <request>\n    <service_request_id>7</service_request_id>\n    <service_code>OP</service_code>\n    <description>a&amp;b&nbsp;&#x10D;\r\n<![CDATA[<x>]]></description>\n    <address/>\n    <requested_datetime>2026-01-15T10:00:00Z</requested_datetime>\n    <attributes><attribute><code>birth_date</code><value>1980-02-01</value></attribute><reason>expiry</reason></attributes>\n  </request>\n  <request><service_code>X</service_code></request>\n</service_requests>\n";

    #[test]
    fn reads_requests_with_lines_entities_and_attributes() {
        let got = read(DOC.as_bytes());
        assert_eq!(got.len(), 2);
        let ok = got[0].as_ref().unwrap();
        assert_eq!(ok.location, Location { line: 3, index: 1 });
        let PortalRecord::Filing(f) = &ok.record else { panic!() };
        assert_eq!(f.note, "a&b\u{a0}č\r\n<x>");
        assert_eq!((f.portal_id.as_str(), f.citizen.birth_date.as_str()), ("7", "1980-02-01"));
        assert_eq!(f.fields["reason"], "expiry");
        let err = got[1].as_ref().unwrap_err();
        assert_eq!((err.location, err.field.as_str()), (Location { line: 12, index: 2 }, "service_request_id"));
    }

    #[test]
    fn refuses_what_is_no_list_of_requests() {
        let cases = [
            ("<service_requests><request><a></b></request>", "not well-formed"),
            ("Forbidden", "no XML element"),
            ("<services><service/></services>", "its root is <services>"),
            ("<errors><error><code>403</code><description>Bad key</description></error></errors>", "error 403"),
        ];
        for (text, why) in cases {
            let got = read(text.as_bytes());
            assert!(got[got.len() - 1].as_ref().unwrap_err().reason.contains(why), "{text}: {got:?}");
        }
        assert!(read(&b"<service_requests/>"[..]).is_empty());
    }

    #[test]
    fn honours_a_declared_windows_1250() {
        let head = "<?xml version=\"1.0\" encoding=\"windows-1250\"?><requests><request><token>T</token>";
        let tail = "<service_code>S</service_code><requested_datetime>2026-01-15T10:00:00Z</requested_datetime>\
                    <attribute><birth_date>1980-02-01</birth_date></attribute></request></requests>";
        let mut doc = head.replace("<attribute>", "").into_bytes();
        doc.extend_from_slice(b"<description>\x9Elu\x9Dou\xE8k\xFD</description>");
        doc.extend_from_slice(
            tail.replace("<attribute>", "<attributes>").replace("</attribute>", "</attributes>").as_bytes(),
        );
        let got = read(&doc[..]);
        let PortalRecord::Filing(f) = &got[0].as_ref().unwrap().record else { panic!() };
        assert_eq!(f.note, "žluťoučký");
    }
}

#[cfg(test)]
#[path = "xml_tests.rs"]
mod streaming_tests;
