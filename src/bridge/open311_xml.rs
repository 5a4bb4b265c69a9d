//! Open311 GeoReport v2 service requests in XML (docs/bridge-format.md): every `<request>`
//! element, at any depth (`<service_requests>`, `<requests>` or alone), is one request; its
//! children with text are its values, `<attributes>` holds `<attribute><code/><value/></attribute>`
//! or `<code>value</code>` children. `<error>` elements (an error answer) are rejections with the
//! server's code and description. Empty and self-closing elements are absent values; the
//! declared encoding (windows-1250, ISO-8859-2, …) is honoured; entity references are resolved,
//! with `&nbsp;` as a no-break space and other HTML names kept as written. The file is read whole;
//! XML that is not well-formed stops the reading with a rejection at its line, after the requests
//! read before it.

use super::open311::{LineCounter, Request, map};
use super::record::{Location, ReadResult, Rejection};
use quick_xml::Reader;
use quick_xml::events::{BytesRef, Event};
use std::io::Read;

const LIST_ROOTS: &[&str] = &["service_requests", "requests", "service_request", "errors"];

#[derive(Debug, Default)]
struct Node {
    name: String,
    text: String,
    children: Vec<Node>,
}

/// All results of `input`, in order.
pub fn read(mut input: impl Read) -> Vec<ReadResult> {
    let mut bytes = Vec::new();
    if let Err(e) = input.read_to_end(&mut bytes) {
        return vec![Err(Rejection::new(Location { line: 1, index: 1 }, "file", format!("cannot read: {e}")))];
    }
    Parser { lines: LineCounter::new(&bytes), out: Vec::new(), stack: Vec::new(), root: None, start: 1 }.run(&bytes)
}

struct Parser<'a> {
    lines: LineCounter<'a>,
    out: Vec<ReadResult>,
    stack: Vec<Node>,
    root: Option<String>,
    start: u64,
}

impl Parser<'_> {
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
        let at = Location { line: self.lines.line_at(offset), index: self.index() };
        self.out.push(Err(Rejection::new(at, "file", why)));
    }

    fn open(&mut self, name: &str, offset: usize) {
        if self.stack.is_empty() {
            if name != "request" && name != "error" {
                self.root.get_or_insert_with(|| name.to_owned());
                return;
            }
            self.start = self.lines.line_at(offset);
        }
        self.stack.push(Node { name: name.to_owned(), ..Node::default() });
    }

    fn close(&mut self) {
        let Some(node) = self.stack.pop() else { return };
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => {
                let at = Location { line: self.start, index: self.index() };
                self.out.push(map(&request(&node), at));
            }
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(node) = self.stack.last_mut() {
            node.text.push_str(text);
        }
    }

    /// A file without requests is fine only as an empty list.
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::bridge::record::PortalRecord;

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
