//! The writer of the free slots offered to the portal (docs/bridge-format.md, "Free slots"): our
//! JSON Lines, or CSV (UTF-8 with a BOM, CRLF) for spreadsheets. Open311 GeoReport v2 has no
//! notion of appointments, so there is no Open311 form of a slot. Each slot is written as it
//! comes.

use crate::desk::PortalSlot;
use serde::Serialize;
use std::io::{self, Write};

/// The formats a slot export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotFormat {
    Jsonl,
    Csv,
}

impl SlotFormat {
    /// The name scripts and the audit line use, as [`super::Format::as_str`].
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            SlotFormat::Jsonl => "jsonl",
            SlotFormat::Csv => "csv",
        }
    }
}

const CSV_HEADER: [&str; 8] =
    ["service", "resource", "resource_name", "start", "end", "local_start", "local_end", "seats_free"];

/// One slot export being written.
pub struct SlotWriter<W: Write> {
    format: SlotFormat,
    csv: Option<csv::Writer<W>>,
    out: Option<W>,
}

#[derive(Serialize)]
struct Versioned<'a> {
    v: u8,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    slot: &'a PortalSlot,
}

impl<W: Write> SlotWriter<W> {
    /// Starts the export: for CSV the BOM and the header.
    pub fn begin(format: SlotFormat, mut out: W) -> io::Result<SlotWriter<W>> {
        match format {
            SlotFormat::Jsonl => Ok(SlotWriter { format, csv: None, out: Some(out) }),
            SlotFormat::Csv => {
                out.write_all("\u{feff}".as_bytes())?;
                let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
                w.write_record(CSV_HEADER).map_err(io::Error::other)?;
                Ok(SlotWriter { format, csv: Some(w), out: None })
            }
        }
    }

    /// Writes one slot.
    pub fn slot(&mut self, s: &PortalSlot) -> io::Result<()> {
        match (self.format, &mut self.out, &mut self.csv) {
            (SlotFormat::Jsonl, Some(out), _) => {
                serde_json::to_writer(&mut *out, &Versioned { v: 1, kind: "free_slot", slot: s })?;
                out.write_all(b"\n")
            }
            (SlotFormat::Csv, _, Some(w)) => {
                let seats = s.seats_free.to_string();
                let row = [
                    s.service.as_str(),
                    &s.resource,
                    &s.resource_name,
                    &s.start,
                    &s.end,
                    &s.local_start,
                    &s.local_end,
                    &seats,
                ];
                // A spreadsheet would run a cell starting `=`, `+`, `-` or `@` as a formula.
                w.write_record(row.map(|c| crate::domain::plain::csv_cell(c).into_owned())).map_err(io::Error::other)
            }
            _ => Err(io::Error::other("the slot export is already finished")),
        }
    }

    /// Ends the export and flushes it; the writer back.
    pub fn finish(self) -> io::Result<W> {
        let mut out = match (self.out, self.csv) {
            (Some(out), _) => out,
            (None, Some(w)) => w.into_inner().map_err(|e| io::Error::other(e.to_string()))?,
            (None, None) => return Err(io::Error::other("the slot export is already finished")),
        };
        out.flush()?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
    use super::*;

    fn slot() -> PortalSlot {
        PortalSlot {
            service: "OP-PODANI".into(),
            resource: "P1".into(),
            resource_name: "Přepážka 1, \"rychlá\"".into(),
            start: "2026-11-23T07:00:00Z".into(),
            end: "2026-11-23T07:15:00Z".into(),
            local_start: "2026-11-23T08:00:00+01:00".into(),
            local_end: "2026-11-23T08:15:00+01:00".into(),
            seats_free: 1,
        }
    }

    #[test]
    fn jsonl_is_versioned_and_typed() {
        let mut w = SlotWriter::begin(SlotFormat::Jsonl, Vec::new()).unwrap();
        w.slot(&slot()).unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert!(text.starts_with(r#"{"v":1,"type":"free_slot","service":"OP-PODANI","resource":"P1""#), "{text}");
        assert!(text.ends_with("\"seats_free\":1}\n"), "{text}");
    }

    #[test]
    fn csv_has_a_bom_a_header_and_quotes_where_needed() {
        let mut w = SlotWriter::begin(SlotFormat::Csv, Vec::new()).unwrap();
        w.slot(&slot()).unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            text,
            "\u{feff}service,resource,resource_name,start,end,local_start,local_end,seats_free\r\n\
             OP-PODANI,P1,\"Přepážka 1, \"\"rychlá\"\"\",2026-11-23T07:00:00Z,2026-11-23T07:15:00Z,\
             2026-11-23T08:00:00+01:00,2026-11-23T08:15:00+01:00,1\r\n"
        );
    }
}
