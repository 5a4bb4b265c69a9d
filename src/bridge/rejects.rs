//! The rejects file of `import portal --skip-invalid --rejects FILE` for CSV and Open311 files:
//! the rejected records copied byte for byte from the imported file (its encoding, delimiter and
//! line ends kept), framed so that the same command imports the file again once they are fixed:
//! the CSV file's header row and then the rejected rows; a JSON array of the rejected requests;
//! the XML file's declaration (its encoding) and a `<service_requests>` list of the rejected
//! `<request>` elements. (JSON Lines rejects are the lines themselves: `cli/import_rejects.rs`.)
//! Records are picked by their index, as the readers count them (a CSV file's data rows from 1,
//! blank rows not counted; a JSON file's requests from 1; an XML file's results from 1).

use super::open311::{json, json_array, xml};
use super::{Format, ReadOptions};
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Writes the records of `path` whose index is in `indexes` to `out`; how many it wrote.
///
/// # Errors
/// A file that cannot be read, or `out` failing; a format without a rejects file.
pub fn write(
    format: Format,
    path: &Path,
    options: &ReadOptions,
    indexes: &BTreeSet<u64>,
    out: &mut dyn Write,
) -> io::Result<u64> {
    match format {
        Format::Csv => csv(path, options, indexes, out),
        Format::Open311Json => json(path, indexes, out),
        Format::Open311Xml => xml(path, indexes, out),
        Format::Jsonl => Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!("no rejects file is written here for {}", format.as_str()),
        )),
    }
}

fn csv(path: &Path, options: &ReadOptions, indexes: &BTreeSet<u64>, out: &mut dyn Write) -> io::Result<u64> {
    let mut mapping = options.mapping.clone().unwrap_or_default();
    if let Some(encoding) = options.encoding {
        mapping.encoding = encoding;
    }
    // The import's own reader picks the rows, so they are counted exactly as it counted them.
    let mut rows = super::csv::Reader::new(Box::new(BufReader::new(crate::door::files::open(path)?)), mapping);
    let mut file = crate::door::files::open(path)?;
    let last = indexes.last().copied().unwrap_or(0);
    // The file's line end, known once the header is written.
    let (mut ends, mut written): (Option<&[u8]>, u64) = (None, 0);
    loop {
        let result = rows.next();
        // A refused header names no record: no rejects then.
        let Some(header) = rows.header_span() else { return Ok(0) };
        let end = if let Some(e) = ends {
            e
        } else {
            let bytes = span(&mut file, header)?;
            let e = line_end(&mut file, header.1, bytes.len())?;
            out.write_all(trimmed(&bytes))?;
            out.write_all(e)?;
            *ends.insert(e)
        };
        let Some(result) = result else { return Ok(written) };
        let index = match &result {
            Ok(l) => l.location.index,
            Err(e) => e.location.index,
        };
        if indexes.contains(&index) {
            out.write_all(trimmed(&span(&mut file, rows.last_span())?))?;
            out.write_all(end)?;
            written += 1;
        }
        if index >= last {
            return Ok(written);
        }
    }
}

/// The bytes from `start` to `end`.
fn span(file: &mut File, (start, end): (u64, u64)) -> io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(start))?;
    let mut bytes = Vec::new();
    file.take(end.saturating_sub(start)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A row without the line breaks around it (a row's span may start on the LF of a CRLF).
fn trimmed(row: &[u8]) -> &[u8] {
    let start = row.iter().position(|b| !matches!(b, b'\r' | b'\n')).unwrap_or(row.len());
    let end = row.iter().rposition(|b| !matches!(b, b'\r' | b'\n')).map_or(start, |i| i + 1);
    row.get(start..end.max(start)).unwrap_or_default()
}

/// The file's own line end: the one after the header row (CRLF, LF or CR); CRLF after a header
/// that ends the file.
fn line_end(file: &mut File, header_end: u64, header_len: usize) -> io::Result<&'static [u8]> {
    let from = header_end.saturating_sub(u64::try_from(header_len).unwrap_or(0));
    let mut near = Vec::new();
    file.seek(SeekFrom::Start(from))?;
    file.take(u64::try_from(header_len).unwrap_or(0) + 2).read_to_end(&mut near)?;
    let Some(at) = near.iter().position(|b| matches!(b, b'\r' | b'\n')) else { return Ok(b"\r\n") };
    Ok(match (near[at], near.get(at + 1)) {
        (b'\r', Some(b'\n')) => b"\r\n",
        (b'\r', _) => b"\r",
        _ => b"\n",
    })
}

fn json(path: &Path, indexes: &BTreeSet<u64>, out: &mut dyn Write) -> io::Result<u64> {
    let mut input = BufReader::new(crate::door::files::open(path)?);
    let head = input.fill_buf()?;
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let array = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let mut written = 0u64;
    let mut failed = None;
    out.write_all(b"[")?;
    let mut put = |raw: &serde_json::value::RawValue| -> bool {
        let sep: &[u8] = if written == 0 { b"\n" } else { b",\n" };
        match out.write_all(sep).and_then(|()| out.write_all(raw.get().as_bytes())) {
            Ok(()) => {
                written += 1;
                true
            }
            Err(e) => {
                failed = Some(e);
                false
            }
        }
    };
    if array {
        if head.starts_with(b"\xEF\xBB\xBF") {
            input.consume(3);
        }
        let last = indexes.last().copied().unwrap_or(0);
        // A broken file ends the copy where it breaks: the records before it are written.
        let _ = json_array::each(input, &mut |i, raw| (!indexes.contains(&i) || put(raw)) && i < last);
    } else {
        let mut bytes = Vec::new();
        input.read_to_end(&mut bytes)?;
        for (i, raw) in (1..).zip(json::raw_requests(&bytes)) {
            if indexes.contains(&i) && !put(&raw) {
                break;
            }
        }
    }
    if let Some(e) = failed {
        return Err(e);
    }
    out.write_all(b"\n]\n")?;
    Ok(written)
}

fn xml(path: &Path, indexes: &BTreeSet<u64>, out: &mut dyn Write) -> io::Result<u64> {
    let mut file = crate::door::files::open(path)?;
    let mut head = Vec::new();
    (&mut file).take(1024).read_to_end(&mut head)?;
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Err(io::Error::new(io::ErrorKind::Unsupported, "no rejects file is written for UTF-16 XML"));
    }
    // The byte-order mark and the declaration as they stand: the same encoding for what follows.
    let bom = if head.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let declaration = match head.get(bom..) {
        Some(rest) if rest.starts_with(b"<?xml") => rest.windows(2).position(|w| w == b"?>").map_or(0, |at| at + 2),
        _ => 0,
    };
    out.write_all(head.get(..bom + declaration).unwrap_or_default())?;
    out.write_all(if declaration > 0 { b"\n<service_requests>\n" } else { b"<service_requests>\n" })?;
    let mut requests = xml::reader(BufReader::new(crate::door::files::open(path)?));
    let last = indexes.last().copied().unwrap_or(0);
    let (mut index, mut written) = (0u64, 0u64);
    while index < last && requests.next().is_some() {
        index += 1;
        if let (true, Some(at)) = (indexes.contains(&index), requests.last_span()) {
            out.write_all(&span(&mut file, at)?)?;
            out.write_all(b"\n")?;
            written += 1;
        }
    }
    out.write_all(b"</service_requests>\n")?;
    Ok(written)
}
