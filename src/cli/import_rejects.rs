//! `import portal --rejects FILE`: the rejected records, byte for byte as they stood in the file,
//! to fix and import again. A run's rejections are kept in the store with the text of their
//! record, so the rejects file of a resumed run holds those of the run it resumed too.

use super::{CliResult, Failure};
use crate::bridge::record::Location;
use crate::desk::Desk;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// A JSON Lines file's lines read forwards on demand, for the text of a rejected record: nothing
/// is read until a record is rejected, and the file is never held in memory (the rejections of
/// a pass come in file order; an earlier line starts the file again).
pub(super) struct LineReader {
    path: PathBuf,
    reader: Option<BufReader<File>>,
    /// The number of the last line read.
    line: u64,
    buf: Vec<u8>,
}

impl LineReader {
    pub(super) fn new(path: &Path) -> LineReader {
        LineReader { path: path.to_owned(), reader: None, line: 0, buf: Vec::new() }
    }

    /// The line at `at` as the rejects file takes it: its bytes, ending in a newline. `None` if
    /// the file has no such line or cannot be read.
    pub(super) fn record(&mut self, at: &Location) -> Option<Vec<u8>> {
        if self.reader.is_none() || at.line <= self.line {
            self.reader = Some(BufReader::with_capacity(1 << 16, File::open(&self.path).ok()?));
            self.line = 0;
        }
        let reader = self.reader.as_mut()?;
        while self.line < at.line {
            self.buf.clear();
            if reader.read_until(b'\n', &mut self.buf).ok()? == 0 {
                return None;
            }
            self.line += 1;
        }
        let mut record = self.buf.clone();
        if !record.ends_with(b"\n") {
            record.push(b'\n');
        }
        Some(record)
    }
}

fn create(out: &Path) -> Result<std::io::BufWriter<File>, Failure> {
    let file = File::create(out).map_err(|e| Failure::from(format!("{}: {e}", out.display())))?;
    Ok(std::io::BufWriter::new(file))
}

/// The rejects of an import run from the store: every rejection of the run, those of the run it
/// resumed included, in record order.
pub(super) fn write_kept(desk: &mut Desk, run: i64, out: &Path) -> CliResult {
    let mut w = create(out)?;
    desk.import_rejects(run, &mut |record| w.write_all(record))?;
    w.flush()?;
    Ok(())
}

/// The rejects of a dry run, which keeps nothing: the rejected lines of the file, byte for byte.
pub(super) fn write_lines(from: &Path, out: &Path, lines: &BTreeSet<u64>) -> CliResult {
    let input = File::open(from).map_err(|e| Failure::from(format!("{}: {e}", from.display())))?;
    let mut w = create(out)?;
    let mut r = BufReader::new(input);
    let mut buf = Vec::new();
    let mut line = 0u64;
    while r.read_until(b'\n', &mut buf)? > 0 {
        line += 1;
        if lines.contains(&line) {
            w.write_all(&buf)?;
            if !buf.ends_with(b"\n") {
                w.write_all(b"\n")?;
            }
        }
        buf.clear();
    }
    w.flush()?;
    Ok(())
}

/// The rejects of a CSV or Open311 JSON file: its rejected records as they stood, framed to be
/// imported again ([`crate::bridge::rejects`]).
pub(super) fn write_records(
    format: crate::bridge::Format,
    from: &Path,
    options: &crate::bridge::ReadOptions,
    records: &BTreeSet<u64>,
    out: &Path,
) -> CliResult {
    let mut w = create(out)?;
    crate::bridge::rejects::write(format, from, options, records, &mut w)
        .map_err(|e| Failure::from(format!("{}: cannot write the rejects: {e}", out.display())))?;
    w.flush()?;
    Ok(())
}
