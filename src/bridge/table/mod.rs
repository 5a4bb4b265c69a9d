//! A CSV table an administrator brings (a register extract of citizens, the list of officials):
//! the first row is the header, each further row one entry. A column is found by its header among
//! the aliases of one of our fields, compared without case and diacritics and with `_`, `-` and
//! spaces alike (`Příjmení` = `PRIJMENI` = `family_name`); a mapping file may name other headers.
//! Columns nobody asked for are ignored (and reported), so a rejects file's `error` column
//! imports back. Delimiter (`,` `;` tab) sniffed, UTF-8 (BOM skipped) or windows-1250, line ends
//! CRLF, LF or CR: the CSV reading is the portal reader's own ([`super::csv::Rows`]).

pub mod columns;
use super::csv::mapping;
use super::csv::mapping::{Aliases, Encoding, fold};
use super::csv::{Rows, sniff};
use crate::domain::portal::{Entry, Location, Rejection};
use chrono::NaiveDate;
use chrono::format::{Item, StrftimeItems};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};

/// One of our fields and the headers it may have.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub field: &'static str,
    /// Headers, most specific first; the field's own name always matches too.
    pub aliases: &'static [&'static str],
    /// The file is refused without a column for it.
    pub required: bool,
    /// A date: with the mapping's `date_format` it is turned into ISO 8601 here.
    pub date: bool,
}

/// How a file is laid out, when it differs from what the aliases find.
///
/// ```toml
/// delimiter = ";"              # ",", ";" or "\t"; left out: sniffed from the header line
/// encoding = "windows-1250"    # or "utf-8" (the default)
/// date_format = "%d/%m/%Y"     # left out: 20. 11. 1980, 20.11.1980 or 1980-11-20
/// [columns]                    # our field = a header, or a list of them (replacing the aliases)
/// birth_number = ["RČ", "Rodné číslo"]
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableMapping {
    pub delimiter: Option<u8>,
    pub encoding: Encoding,
    pub date_format: Option<String>,
    pub columns: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    delimiter: Option<String>,
    #[serde(default)]
    encoding: Encoding,
    date_format: Option<String>,
    #[serde(default)]
    columns: BTreeMap<String, Aliases>,
}

impl TableMapping {
    /// Reads a mapping file's text for a table of `spec`'s fields.
    ///
    /// # Errors
    /// Bad TOML, a field `spec` does not have, a delimiter that is not one ASCII character, a
    /// date format that formats no date.
    pub fn from_toml(text: &str, spec: &[Column]) -> Result<TableMapping, String> {
        let file: MappingFile = toml::from_str(text).map_err(|e| format!("mapping: {}", e.to_string().trim()))?;
        if let Some(bad) = file.columns.keys().find(|k| !spec.iter().any(|c| c.field == k.as_str())) {
            let known: Vec<&str> = spec.iter().map(|c| c.field).collect();
            return Err(format!("mapping: [columns] '{bad}' is not a field here (known: {})", known.join(", ")));
        }
        let delimiter = mapping::delimiter(file.delimiter.as_deref())?;
        if let Some(f) = &file.date_format {
            // A bad specifier would make formatting panic: look for one first.
            let bad = StrftimeItems::new(f).any(|i| matches!(i, Item::Error));
            let probe = NaiveDate::from_ymd_opt(1980, 11, 20).filter(|_| !bad).map(|d| d.format(f).to_string());
            if probe.is_none_or(|p| NaiveDate::parse_from_str(&p, f).is_err()) {
                return Err(format!("mapping: date_format '{f}' does not read a date (e.g. \"%d/%m/%Y\")"));
            }
        }
        let columns = mapping::columns(file.columns);
        Ok(TableMapping { delimiter, encoding: file.encoding, date_format: file.date_format, columns })
    }
}

/// One row as read: its cells as they stood (for a rejects file) and the entry or why not.
#[derive(Debug, Clone)]
pub struct TableRow {
    pub cells: Vec<String>,
    pub entry: Result<Entry, Rejection>,
}

/// Reads a table; see the module documentation.
pub struct Table {
    rows: Rows,
    spec: &'static [Column],
    header: Vec<String>,
    /// Per header position: the field it holds.
    fields: Vec<Option<&'static str>>,
    delimiter: u8,
    encoding: Encoding,
    date_format: Option<String>,
    index: u64,
}

impl Table {
    /// Reads the header.
    ///
    /// # Errors
    /// An empty file, an unreadable header, a required field without a column (line 1, field
    /// `header`, naming the headers looked for).
    pub fn open(
        mut input: Box<dyn BufRead>,
        spec: &'static [Column],
        mapping: &TableMapping,
        encoding: Option<Encoding>,
    ) -> Result<Table, Rejection> {
        let at = |line| Location { line, index: 0 };
        let delimiter = mapping.delimiter.unwrap_or_else(|| input.fill_buf().map_or(b',', sniff));
        let encoding = encoding.unwrap_or(mapping.encoding);
        let mut rows = Rows::new(input, Some(delimiter), encoding);
        let header = match rows.next() {
            None => return Err(Rejection::new(at(1), "header", "the file is empty: no header row")),
            Some(Err((line, _, why))) => return Err(Rejection::new(at(line), "header", why)),
            Some(Ok((_, cells))) => cells,
        };
        let fields = resolve(spec, mapping, &header);
        let missing: Vec<String> = spec
            .iter()
            .filter(|c| c.required && !fields.contains(&Some(c.field)))
            .map(|c| format!("{} (looked for {})", c.field, aliases(c, mapping).join(" | ")))
            .collect();
        if !missing.is_empty() {
            return Err(Rejection::new(at(1), "header", format!("no column for {}", missing.join(", "))));
        }
        let date_format = mapping.date_format.clone();
        Ok(Table { rows, spec, header, fields, delimiter, encoding, date_format, index: 0 })
    }

    #[must_use]
    pub fn header(&self) -> &[String] {
        &self.header
    }

    #[must_use]
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    #[must_use]
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The header of the column that holds `field`.
    #[must_use]
    pub fn column_of(&self, field: &str) -> Option<&str> {
        self.fields.iter().position(|f| *f == Some(field)).and_then(|i| self.header.get(i)).map(String::as_str)
    }

    /// Headers of the columns no field reads.
    #[must_use]
    pub fn ignored(&self) -> Vec<String> {
        self.header
            .iter()
            .zip(&self.fields)
            .filter(|(h, f)| f.is_none() && !h.trim().is_empty())
            .map(|(h, _)| h.clone())
            .collect()
    }

    /// The entries alone.
    pub fn entries(self) -> impl Iterator<Item = Result<Entry, Rejection>> {
        self.map(|r| r.entry)
    }

    fn entry(&self, at: Location, cells: &[String]) -> Result<Entry, Rejection> {
        if cells.len() != self.header.len() {
            let why = format!("{} cells where the header has {}", cells.len(), self.header.len());
            return Err(Rejection::new(at, "row", why));
        }
        let mut values = BTreeMap::new();
        for (field, cell) in self.fields.iter().zip(cells) {
            // A `'` that a spreadsheet-safe writer (ours included) put before a formula goes.
            let (Some(field), value) = (field, crate::domain::plain::csv_cell_read(cell).trim()) else { continue };
            if value.is_empty() {
                continue;
            }
            let column = self.spec.iter().find(|c| c.field == *field);
            let value = match (&self.date_format, column.is_some_and(|c| c.date)) {
                (Some(f), true) => NaiveDate::parse_from_str(value, f)
                    .map(|d| d.to_string())
                    .map_err(|_| Rejection::new(at, field, format!("'{value}' does not match the date format {f}")))?,
                _ => value.to_owned(),
            };
            values.insert(*field, value);
        }
        Ok(Entry { location: at, values })
    }
}

impl Iterator for Table {
    type Item = TableRow;

    fn next(&mut self) -> Option<TableRow> {
        loop {
            let read = self.rows.next()?;
            if matches!(&read, Ok((_, cells)) if cells.iter().all(|c| c.trim().is_empty())) {
                continue;
            }
            self.index += 1;
            return Some(match read {
                Ok((line, cells)) => {
                    let entry = self.entry(Location { line, index: self.index }, &cells);
                    TableRow { cells, entry }
                }
                Err((line, column, why)) => {
                    let name = column.map_or("row", |i| match self.fields.get(i) {
                        Some(Some(f)) => f,
                        _ => self.header.get(i).map_or("row", String::as_str),
                    });
                    let rejection = Rejection::new(Location { line, index: self.index }, name, why);
                    TableRow { cells: self.rows.lossy_cells(), entry: Err(rejection) }
                }
            });
        }
    }
}

/// The headers `column`'s field is looked for under.
fn aliases(column: &Column, mapping: &TableMapping) -> Vec<String> {
    match mapping.columns.get(column.field) {
        Some(mapped) => mapped.clone(),
        None => std::iter::once(column.field).chain(column.aliases.iter().copied()).map(str::to_owned).collect(),
    }
}

/// Per header position, the field it holds: for each field its first alias found wins, and a
/// column serves one field only.
fn resolve(spec: &[Column], mapping: &TableMapping, header: &[String]) -> Vec<Option<&'static str>> {
    let folded: Vec<String> = header.iter().map(|h| fold(h)).collect();
    let mut out = vec![None; header.len()];
    for column in spec {
        let found = aliases(column, mapping)
            .iter()
            .find_map(|a| folded.iter().enumerate().position(|(i, h)| out[i].is_none() && *h == fold(a)));
        if let Some(i) = found {
            out[i] = Some(column.field);
        }
    }
    out
}

/// Writes rows back as CSV in the file's own delimiter and encoding (UTF-8 with a BOM, or
/// windows-1250 with `?` for what it lacks), CRLF: a rejects file to fix and import again.
pub struct TableWriter<W: Write> {
    out: W,
    delimiter: u8,
    encoding: Encoding,
    row: Vec<u8>,
}

impl<W: Write> TableWriter<W> {
    /// Starts with the BOM (UTF-8) and the header.
    pub fn begin(mut out: W, delimiter: u8, encoding: Encoding, header: &[String]) -> std::io::Result<Self> {
        if encoding == Encoding::Utf8 {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut w = TableWriter { out, delimiter, encoding, row: Vec::new() };
        w.write(header)?;
        Ok(w)
    }

    /// A data row: a cell starting `=`, `+`, `-` or `@` (a spreadsheet's formula) gets a `'`
    /// before it, which the import's reader takes off again ([`crate::domain::plain::csv_cell`]).
    pub fn row(&mut self, cells: &[String]) -> std::io::Result<()> {
        let cells: Vec<String> = cells.iter().map(|c| crate::domain::plain::csv_cell(c).into_owned()).collect();
        self.write(&cells)
    }

    fn write(&mut self, cells: &[String]) -> std::io::Result<()> {
        self.row.clear();
        {
            let mut w = csv::WriterBuilder::new()
                .delimiter(self.delimiter)
                .terminator(csv::Terminator::CRLF)
                .flexible(true)
                .from_writer(&mut self.row);
            w.write_record(cells).map_err(std::io::Error::other)?;
            w.flush()?;
        }
        match self.encoding {
            Encoding::Utf8 => self.out.write_all(&self.row),
            Encoding::Windows1250 => {
                let text = String::from_utf8_lossy(&self.row);
                let mut bytes = Vec::with_capacity(text.len());
                for c in text.chars() {
                    let mut b = [0u8; 4];
                    let (encoded, _, bad) = encoding_rs::WINDOWS_1250.encode(c.encode_utf8(&mut b));
                    if bad { bytes.push(b'?') } else { bytes.extend_from_slice(&encoded) }
                }
                self.out.write_all(&bytes)
            }
        }
    }

    /// # Errors
    /// A failing flush.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests;
