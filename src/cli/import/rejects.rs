//! `import portal --rejects FILE`: the rejected records, byte for byte as they stood in the file,
//! to fix and import again. A run's rejections are kept in the store (where and why), so the
//! rejects file of a resumed run holds those of the run it resumed too: they are copied from the
//! file, which a resumed run has unchanged (the same SHA-256).

use crate::cli::{CliResult, Failure};
use crate::domain::portal::Location;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

fn create(out: &Path) -> Result<std::io::BufWriter<File>, Failure> {
    let file = crate::door::files::create(out).map_err(|e| Failure::from(format!("{}: {e}", out.display())))?;
    Ok(std::io::BufWriter::new(file))
}

/// The rejected lines of a JSON Lines file, byte for byte.
fn write_lines(from: &Path, out: &Path, lines: &BTreeSet<u64>) -> CliResult {
    let input = crate::door::files::open(from).map_err(|e| Failure::from(format!("{}: {e}", from.display())))?;
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

/// The rejects of a CSV or Open311 file: its rejected records as they stood, framed to be
/// imported again ([`crate::bridge::rejects`]).
fn write_records(
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

/// The rejected records at `at`, from `from`, to `out` in the file's own format: for JSON Lines
/// their lines, for the others by their index.
pub(crate) fn write(
    format: crate::bridge::Format,
    from: &Path,
    options: &crate::bridge::ReadOptions,
    at: &[Location],
    out: &Path,
) -> CliResult {
    if format == crate::bridge::Format::Jsonl {
        write_lines(from, out, &at.iter().map(|l| l.line).collect())
    } else {
        write_records(format, from, options, &at.iter().map(|l| l.index).collect(), out)
    }
}
