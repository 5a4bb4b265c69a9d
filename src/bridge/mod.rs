//! The portal bridge: readers and writers of the formats the national citizen portal and other
//! systems exchange filings in (our JSON Lines, Open311 GeoReport v2 JSON and XML, CSV). Every
//! reader yields the same [`record::PortalRecord`]s, each with its place in the file, and never
//! panics on what it is given: bad input is a [`record::Rejection`] naming the line, the field and
//! the reason. The import itself is the desk's, the same operations as at the counter.

pub mod build;
pub mod jsonl;
pub mod open311;
pub mod open311_json;
pub mod open311_xml;
pub mod record;

use record::{Location, ReadResult, Rejection};
use std::io::BufRead;

/// The formats the bridge reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Our own JSON Lines (docs/bridge-format.md).
    Jsonl,
    /// Open311 GeoReport v2 service requests, JSON.
    Open311Json,
    /// Open311 GeoReport v2 service requests, XML.
    Open311Xml,
    /// CSV with a column mapping.
    Csv,
}

/// The records of `input` in `format`, one by one; a format this build cannot read yet is one
/// rejection at the file's start.
pub fn reader(format: Format, input: Box<dyn BufRead>) -> Box<dyn Iterator<Item = ReadResult>> {
    match format {
        Format::Jsonl => Box::new(jsonl::Reader::new(input)),
        Format::Open311Json => Box::new(open311_json::read(input).into_iter()),
        Format::Open311Xml => Box::new(open311_xml::read(input).into_iter()),
        other => {
            let at = Location { line: 1, index: 1 };
            let why = format!("reading {other:?} is not implemented yet");
            Box::new(std::iter::once(Err(Rejection::new(at, "format", why))))
        }
    }
}
