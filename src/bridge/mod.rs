//! The portal bridge: readers and writers of the formats the national citizen portal and other
//! systems exchange filings in (our JSON Lines, Open311 GeoReport v2 JSON and XML, CSV). Every
//! reader yields the same [`record::PortalRecord`]s, each with its place in the file, and never
//! panics on what it is given: bad input is a [`record::Rejection`] naming the line, the field and
//! the reason. The import itself is the desk's, the same operations as at the counter.

pub mod build;
pub mod csv;
pub mod csv_mapping;
pub mod export;
pub mod export_slots;
pub mod jsonl;
pub mod open311;
pub mod open311_json;
pub mod open311_xml;
pub mod record;

use record::ReadResult;
use std::io::BufRead;

/// The formats the bridge reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

impl Format {
    /// The name scripts and the import's run record use.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Open311Json => "open311-json",
            Format::Open311Xml => "open311-xml",
            Format::Csv => "csv",
        }
    }
}

/// What a reader may need besides the input: for CSV, the column mapping and the encoding.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The CSV mapping; `None`: our own layout ([`csv_mapping::CsvMapping::default`]).
    pub mapping: Option<csv_mapping::CsvMapping>,
    /// Overrides the mapping's encoding (CSV only).
    pub encoding: Option<csv_mapping::Encoding>,
}

/// The records of `input` in `format`, one by one. Only CSV looks at `options`.
pub fn reader(format: Format, input: Box<dyn BufRead>, options: &ReadOptions) -> Box<dyn Iterator<Item = ReadResult>> {
    match format {
        Format::Jsonl => Box::new(jsonl::Reader::new(input)),
        Format::Open311Json => Box::new(open311_json::read(input).into_iter()),
        Format::Open311Xml => Box::new(open311_xml::read(input).into_iter()),
        Format::Csv => {
            let mut mapping = options.mapping.clone().unwrap_or_default();
            if let Some(encoding) = options.encoding {
                mapping.encoding = encoding;
            }
            Box::new(csv::Reader::new(input, mapping))
        }
    }
}
