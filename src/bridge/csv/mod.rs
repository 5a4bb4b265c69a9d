//! CSV with a column mapping ([`CsvMapping`], docs/bridge-format.md): the first row is the
//! header, each further row one filing. Streams: one row at a time. Quoted fields may hold
//! delimiters, quotes and line breaks; line ends may be CRLF, LF or CR alone; UTF-8 (a BOM is
//! skipped) or windows-1250. Every rejection names the physical line the row starts on (a CR, an
//! LF or a CRLF each end one line) and the column.

pub mod mapping;
use crate::domain::portal::{Located, Location, PortalRecord, ReadResult, Rejection};
use mapping::{CsvMapping, Encoding};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{BufRead, Read};
use std::rc::Rc;

/// Required fields of a filing: a row must have them from a column or a constant.
const REQUIRED: &[&str] = &["portal_id", "submitted_at", "situation", "birth_date"];

/// A row that could not be decoded: its line, the column's position (from 0) and why.
pub type RowError = (u64, Option<usize>, String);

/// Decoded rows with the line each starts on; the header is the first row.
pub struct Rows {
    csv: csv::Reader<Breaks>,
    record: csv::ByteRecord,
    encoding: Encoding,
    /// Line-break bytes read ahead: offset, and whether it ends a line (the LF of a CRLF does not).
    breaks: Rc<RefCell<VecDeque<(u64, bool)>>>,
    /// Line breaks before the last row read.
    lines_before: u64,
    /// Bytes of the byte-order mark skipped before the parser's first byte.
    bom: u64,
}

/// Passes the input through, noting where the line breaks are.
struct Breaks {
    input: Box<dyn BufRead>,
    offset: u64,
    after_cr: bool,
    #[allow(clippy::struct_field_names, reason = "the line breaks found so far: what a Breaks is about")]
    breaks: Rc<RefCell<VecDeque<(u64, bool)>>>,
}

impl Read for Breaks {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.input.read(buf)?;
        let mut breaks = self.breaks.borrow_mut();
        for b in &buf[..n] {
            match b {
                b'\r' => breaks.push_back((self.offset, true)),
                b'\n' => breaks.push_back((self.offset, !self.after_cr)),
                _ => {}
            }
            self.after_cr = *b == b'\r';
            self.offset += 1;
        }
        Ok(n)
    }
}

impl Rows {
    /// Rows of `input`; `delimiter` `None` is sniffed from the first line.
    #[must_use]
    pub fn new(mut input: Box<dyn BufRead>, delimiter: Option<u8>, encoding: Encoding) -> Rows {
        let (bom, sniffed) = match input.fill_buf() {
            Ok(head) => (head.starts_with(b"\xEF\xBB\xBF"), sniff(head)),
            Err(_) => (false, b','),
        };
        if bom {
            input.consume(3);
        }
        let breaks = Rc::new(RefCell::new(VecDeque::new()));
        let counted = Breaks { input, offset: 0, after_cr: false, breaks: Rc::clone(&breaks) };
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter.unwrap_or(sniffed))
            .from_reader(counted);
        Rows { csv, record: csv::ByteRecord::new(), encoding, breaks, lines_before: 0, bom: if bom { 3 } else { 0 } }
    }

    /// The line of the row the parser started at `byte`: the parser may start on the line breaks
    /// before the row, which are skipped.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = byte;
        let mut breaks = self.breaks.borrow_mut();
        while let Some(&(at, ends_line)) = breaks.front() {
            if at > start {
                break;
            }
            if at == start {
                start += 1;
            }
            self.lines_before += u64::from(ends_line);
            breaks.pop_front();
        }
        self.lines_before + 1
    }

    fn decode(&self, line: u64) -> Result<(u64, Vec<String>), RowError> {
        let mut cells = Vec::with_capacity(self.record.len());
        for (i, bytes) in self.record.iter().enumerate() {
            match self.encoding {
                Encoding::Windows1250 => {
                    cells.push(encoding_rs::WINDOWS_1250.decode_without_bom_handling(bytes).0.into_owned());
                }
                Encoding::Utf8 => match std::str::from_utf8(bytes) {
                    Ok(s) => cells.push(s.to_owned()),
                    Err(e) => {
                        let why = format!("not UTF-8 (byte {}); is the file windows-1250?", e.valid_up_to() + 1);
                        return Err((line, Some(i), why));
                    }
                },
            }
        }
        Ok((line, cells))
    }

    /// Where the last row read lies in the file: from its first byte (or a line break before it)
    /// to the first byte after its line end, for it to be copied as it stood.
    #[must_use]
    pub fn last_span(&self) -> (u64, u64) {
        let start = self.record.position().map_or(0, csv::Position::byte);
        (start + self.bom, self.csv.position().byte() + self.bom)
    }

    /// The cells of the last row read, decoded whatever it costs (bytes that are not UTF-8
    /// become U+FFFD): for a row that could not be decoded to be shown or written back.
    #[must_use]
    pub fn lossy_cells(&self) -> Vec<String> {
        self.record
            .iter()
            .map(|bytes| match self.encoding {
                Encoding::Windows1250 => encoding_rs::WINDOWS_1250.decode_without_bom_handling(bytes).0.into_owned(),
                Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            })
            .collect()
    }
}

impl Iterator for Rows {
    type Item = Result<(u64, Vec<String>), RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let before = self.csv.position().byte();
        match self.csv.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                let line = self.line_at(self.record.position().map_or(before, csv::Position::byte));
                Some(self.decode(line))
            }
            Err(e) => {
                let line = self.line_at(before);
                // An I/O error would repeat forever: stop after reporting it.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    let nothing = Breaks {
                        input: Box::new(std::io::empty()),
                        offset: 0,
                        after_cr: false,
                        breaks: Rc::clone(&self.breaks),
                    };
                    self.csv = csv::Reader::from_reader(nothing);
                }
                Some(Err((line, None, format!("cannot read: {e}"))))
            }
        }
    }
}

/// The delimiter that occurs most (outside quotes) in the first line: `,` `;` or tab.
#[must_use]
pub fn sniff(head: &[u8]) -> u8 {
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in head {
        if !quoted && (*b == b'\n' || *b == b'\r') {
            break;
        }
        if *b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in &mut counts {
                *n += usize::from(*b == *d);
            }
        }
    }
    counts.iter().rev().max_by_key(|(_, n)| *n).map_or(b',', |(d, _)| *d)
}

/// Reads filings from CSV; see the module documentation.
pub struct Reader {
    rows: Rows,
    mapping: CsvMapping,
    /// Per column: header and our field.
    columns: Vec<(String, Option<String>)>,
    index: u64,
    started: bool,
    done: bool,
    /// Where the header row lies, once it has been read and taken.
    header_span: Option<(u64, u64)>,
}

impl Reader {
    #[must_use]
    pub fn new(input: Box<dyn BufRead>, mapping: CsvMapping) -> Reader {
        let rows = Rows::new(input, mapping.delimiter, mapping.encoding);
        Reader { rows, mapping, columns: Vec::new(), index: 0, started: false, done: false, header_span: None }
    }

    /// Where the header row lies in the file ([`Rows::last_span`]), once it has been taken; `None`
    /// before, or when it was refused.
    #[must_use]
    pub fn header_span(&self) -> Option<(u64, u64)> {
        self.header_span
    }

    /// Where the row of the last result lies in the file ([`Rows::last_span`]).
    #[must_use]
    pub fn last_span(&self) -> (u64, u64) {
        self.rows.last_span()
    }

    /// Takes the header; a header without the required columns ends the reading.
    fn header(&mut self) -> Option<Rejection> {
        let at = |line| Location { line, index: 1 };
        let (line, header) = match self.rows.next() {
            None => return Some(Rejection::new(at(1), "header", "the file is empty: no header row")),
            Some(Err((line, _, why))) => return Some(Rejection::new(at(line), "header", why)),
            Some(Ok(row)) => row,
        };
        let fields = self.mapping.resolve(&header);
        let missing: Vec<String> = REQUIRED
            .iter()
            .filter(|k| !fields.iter().any(|f| f.as_deref() == Some(**k)) && !self.mapping.constants.contains_key(**k))
            .map(|k| match self.mapping.columns.get(*k) {
                Some(aliases) => format!("{k} (looked for {})", aliases.join(" | ")),
                None => format!("{k} (not mapped, no constant)"),
            })
            .collect();
        self.columns = header.into_iter().zip(fields).collect();
        if missing.is_empty() {
            self.header_span = Some(self.rows.last_span());
            return None;
        }
        Some(Rejection::new(at(line), "header", format!("no column for {}", missing.join(", "))))
    }

    fn row(&mut self, line: u64, cells: &[String]) -> ReadResult {
        self.index += 1;
        let at = Location { line, index: self.index };
        if cells.len() != self.columns.len() {
            let why = format!("{} cells where the header has {}", cells.len(), self.columns.len());
            return Err(Rejection::new(at, "row", why));
        }
        let mut draft = super::build::Draft::default();
        for ((header, field), cell) in self.columns.iter().zip(cells) {
            if let Some(field) = field {
                // A `'` that a spreadsheet-safe writer (ours included) put before a formula goes.
                draft.set(field, header, crate::domain::plain::csv_cell_read(cell));
            }
        }
        for (field, value) in &self.mapping.constants {
            draft.set(field, "constant", value);
        }
        if let Some(key) = REQUIRED.iter().find(|k| !draft.has(k)) {
            let column = self.columns.iter().find(|(_, f)| f.as_deref() == Some(*key)).map_or(*key, |(h, _)| h);
            return Err(Rejection::new(at, column, format!("empty; {key} is required")));
        }
        let filing = draft.filing(at, &self.mapping.dates, "")?;
        Ok(Located { location: at, record: PortalRecord::Filing(filing) })
    }
}

impl Iterator for Reader {
    type Item = ReadResult;

    fn next(&mut self) -> Option<ReadResult> {
        if self.done {
            return None;
        }
        if !self.started {
            self.started = true;
            if let Some(refusal) = self.header() {
                self.done = true;
                return Some(Err(refusal));
            }
        }
        loop {
            match self.rows.next()? {
                Ok((_, cells)) if cells.iter().all(|c| c.trim().is_empty()) => {}
                Ok((line, cells)) => return Some(self.row(line, &cells)),
                Err((line, column, why)) => {
                    self.index += 1;
                    let name = column.and_then(|i| self.columns.get(i)).map_or("row", |(h, _)| h.as_str());
                    return Some(Err(Rejection::new(Location { line, index: self.index }, name, why)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
