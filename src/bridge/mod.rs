//! The portal bridge: readers and writers of the formats the national citizen portal and other
//! systems exchange filings in (our JSON Lines, Open311 GeoReport v2 JSON and XML, CSV). Every
//! reader yields the same [`record::PortalRecord`]s, each with its place in the file, and never
//! panics on what it is given: bad input is a [`record::Rejection`] naming the line, the field and
//! the reason. The import itself is the desk's, the same operations as at the counter.

pub mod admin_tables;
pub mod build;
pub mod csv;
pub mod csv_mapping;
pub mod export;
pub mod export_slots;
pub mod jsonl;
pub mod open311;
pub mod open311_json;
pub mod open311_json_array;
pub mod open311_xml;
pub mod record;
pub mod rejects;
pub mod table;

use record::{Location, ReadResult, Rejection};
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
    pub mapping: Option<csv_mapping::CsvMapping>,
    /// Overrides the mapping's encoding (CSV only).
    pub encoding: Option<csv_mapping::Encoding>,
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

/// Records read ahead per message of [`read_ahead`], and messages in flight at most.
const AHEAD_CHUNK: usize = 512;
const AHEAD_CHUNKS: usize = 16;

/// The records `make` reads, read on a thread of their own while the caller works on the ones
/// before: parsing and checking the file's text takes the second core while the first writes the
/// store. At most 8,192 records wait in between, so memory stays flat. Should the reader's thread
/// end without finishing (a panic), the last item is a rejection saying so, never a quiet end of
/// the file.
pub fn read_ahead<F>(make: F) -> Box<dyn Iterator<Item = ReadResult>>
where
    F: FnOnce() -> Box<dyn Iterator<Item = ReadResult>> + Send + 'static,
{
    enum Msg {
        Chunk(Vec<ReadResult>),
        End,
    }
    let (tx, rx) = std::sync::mpsc::sync_channel::<Msg>(AHEAD_CHUNKS);
    std::thread::spawn(move || {
        let mut records = make();
        loop {
            let chunk: Vec<ReadResult> = records.by_ref().take(AHEAD_CHUNK).collect();
            if chunk.is_empty() {
                let _ = tx.send(Msg::End);
                return;
            }
            // The caller stopped reading (Ctrl-C, a refused file): stop too.
            if tx.send(Msg::Chunk(chunk)).is_err() {
                return;
            }
        }
    });
    let mut last = Location { line: 0, index: 0 };
    let mut ended = false;
    Box::new(
        std::iter::from_fn(move || {
            if ended {
                return None;
            }
            match rx.recv() {
                Ok(Msg::Chunk(chunk)) => {
                    if let Some(r) = chunk.last() {
                        last = match r {
                            Ok(l) => l.location,
                            Err(e) => e.location,
                        };
                    }
                    Some(chunk)
                }
                Ok(Msg::End) => {
                    ended = true;
                    None
                }
                Err(_) => {
                    ended = true;
                    let at = Location { line: last.line + 1, index: last.index + 1 };
                    Some(vec![Err(Rejection::new(at, "file", "the file's reader stopped before its end"))])
                }
            }
        })
        .flatten(),
    )
}

/// The records of `input` in `format`, one by one. Only CSV looks at `options`.
pub fn reader(
    format: Format,
    input: Box<dyn BufRead + Send>,
    options: &ReadOptions,
) -> Box<dyn Iterator<Item = ReadResult>> {
    counting_reader(format, input, options, Skipped::default())
}

/// [`reader`], counting in `skipped` the records it passes over.
pub fn counting_reader(
    format: Format,
    input: Box<dyn BufRead + Send>,
    options: &ReadOptions,
    skipped: Skipped,
) -> Box<dyn Iterator<Item = ReadResult>> {
    match format {
        Format::Jsonl => Box::new(jsonl::Reader::counting(input, skipped)),
        Format::Open311Json => open311_json_array::reader(input),
        Format::Open311Xml => Box::new(open311_xml::reader(input)),
        Format::Csv => {
            let mut mapping = options.mapping.clone().unwrap_or_default();
            if let Some(encoding) = options.encoding {
                mapping.encoding = encoding;
            }
            Box::new(csv::Reader::new(input, mapping))
        }
    }
}

#[cfg(test)]
mod read_ahead_tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::read_ahead;
    use super::record::{Location, ReadResult, Rejection};

    fn bad(i: u64) -> ReadResult {
        Err(Rejection::new(Location { line: i, index: i }, "x", format!("record {i}")))
    }

    #[test]
    fn every_record_comes_in_order_across_many_chunks() {
        let got: Vec<u64> =
            read_ahead(|| Box::new((1..=5_000).map(bad))).map(|r| r.err().map(|e| e.location.index).unwrap()).collect();
        assert_eq!(got, (1..=5_000).collect::<Vec<_>>());
    }

    #[test]
    fn a_reader_that_dies_ends_with_a_rejection_not_a_quiet_end_of_file() {
        let got: Vec<ReadResult> = read_ahead(|| {
            Box::new((1..=1_000).map(|i| {
                assert!(i != 700, "the reader broke");
                bad(i)
            }))
        })
        .collect();
        let last = got.last().unwrap().as_ref().err().unwrap();
        assert_eq!(last.field, "file");
        assert!(last.reason.contains("stopped before its end"), "{last}");
        assert_eq!(got.len(), 513, "the first full chunk, then the rejection");
    }

    #[test]
    fn dropping_the_records_early_lets_the_reader_go() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        struct Gone(Arc<AtomicBool>);
        impl Drop for Gone {
            fn drop(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }
        let gone = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&gone);
        let mut records = read_ahead(move || {
            let guard = Gone(flag);
            // An endless reader, which ends only when its thread lets go of it.
            Box::new((1..).map(move |i| {
                let _ = &guard;
                bad(i)
            }))
        });
        assert!(records.next().is_some());
        drop(records);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !gone.load(Ordering::SeqCst) && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(gone.load(Ordering::SeqCst), "the reader's thread still holds the reader");
    }
}
