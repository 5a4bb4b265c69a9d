//! The portal bridge: readers and writers of the formats the national citizen portal and other
//! systems exchange filings in (our JSON Lines, Open311 GeoReport v2 JSON and XML, CSV). Every
//! reader yields the same [`record::PortalRecord`]s, each with its place in the file, and never
//! panics on what it is given: bad input is a [`record::Rejection`] naming the line, the field and
//! the reason. The import itself is the desk's, the same operations as at the counter.

mod ahead;
pub mod build;
pub mod csv;
pub mod export;
pub mod jsonl;
pub mod open311;
pub mod rejects;
pub mod table;

use crate::domain::portal::ReadResult;
pub use ahead::{produce_ahead, read_ahead};
use std::io::BufRead;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

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
    pub mapping: Option<csv::mapping::CsvMapping>,
    /// Overrides the mapping's encoding (CSV only).
    pub encoding: Option<csv::mapping::Encoding>,
}

/// How many records a reader passed over without yielding them: the outbound records of our own
/// export in a JSON Lines file ([`jsonl::OUTBOUND_KINDS`]). A handle: the caller keeps a clone and
/// reads it once the records are consumed.
#[derive(Debug, Clone, Default)]
pub struct Skipped(Arc<AtomicU64>);

impl Skipped {
    #[must_use]
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    /// Starts counting again (a file read a second time).
    pub fn reset(&self) {
        self.0.store(0, Ordering::Relaxed);
    }

    fn add_one(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// The records of `input` in `format`, one by one. Only CSV looks at `options`.
#[must_use]
pub fn reader(
    format: Format,
    input: Box<dyn BufRead + Send>,
    options: &ReadOptions,
) -> Box<dyn Iterator<Item = ReadResult>> {
    counting_reader(format, input, options, Skipped::default())
}

/// [`reader`], counting in `skipped` the records it passes over.
#[must_use]
pub fn counting_reader(
    format: Format,
    input: Box<dyn BufRead + Send>,
    options: &ReadOptions,
    skipped: Skipped,
) -> Box<dyn Iterator<Item = ReadResult>> {
    match format {
        Format::Jsonl => Box::new(jsonl::Reader::counting(input, skipped)),
        Format::Open311Json => open311::json_array::reader(input),
        Format::Open311Xml => Box::new(open311::xml::reader(input)),
        Format::Csv => {
            let mut mapping = options.mapping.clone().unwrap_or_default();
            if let Some(encoding) = options.encoding {
                mapping.encoding = encoding;
            }
            Box::new(csv::Reader::new(input, mapping))
        }
    }
}
