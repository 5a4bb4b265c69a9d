//! Writers of the outbound records (docs/bridge-format.md, "Outbound records"): our JSON Lines,
//! Open311 GeoReport v2 service requests as JSON and XML (cases only: notices and bookings are no
//! service requests), and CSV for spreadsheets. Each record is written as it comes: memory stays
//! flat however long the export. The portal's own filings and bookings (the round trip) go into
//! JSON Lines only, in exactly the shape the import reads.

pub mod slots;
use super::Format;
use super::csv::mapping::Encoding;
use crate::desk::CaseExportRow;
use crate::desk::ExportRecord;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Open311 limits `description` to 4,000 characters.
const DESCRIPTION_MAX: usize = 4_000;

const CSV_HEADER: [&str; 15] = [
    "type",
    "portal_id",
    "reference_number",
    "status",
    "status_note",
    "department",
    "deadline",
    "fees_owed_czk",
    "identified",
    "updated_at",
    "service",
    "start",
    "recipient",
    "payload",
    "code",
];

/// One export being written.
pub struct ExportWriter<W: Write> {
    format: Format,
    encoding: Encoding,
    out: W,
    written: u64,
    row: Vec<u8>,
}

#[derive(Serialize)]
struct Versioned<'a> {
    v: u8,
    #[serde(flatten)]
    record: &'a ExportRecord,
}

/// A case as an Open311 service request.
#[derive(Serialize)]
#[allow(clippy::struct_field_names, reason = "the field names are Open311's")]
struct ServiceRequest<'a> {
    service_request_id: &'a str,
    status: &'static str,
    status_notes: Option<String>,
    service_code: &'a str,
    description: Option<String>,
    agency_responsible: &'a str,
    requested_datetime: &'a str,
    updated_datetime: &'a str,
    expected_datetime: Option<String>,
}

/// `open` while the office still works the case, `closed` once it is done with it.
#[must_use]
pub fn open311_status(status: &str) -> &'static str {
    match status {
        "received" | "assigned" | "in_progress" | "suspended" => "open",
        _ => "closed",
    }
}

fn service_request(c: &CaseExportRow) -> ServiceRequest<'_> {
    // The finer state goes in the notes: "suspended: waiting for the expert opinion".
    let notes = if c.status_note.is_empty() { c.status.clone() } else { format!("{}: {}", c.status, c.status_note) };
    let description = (c.fees_owed_czk > 0).then(|| {
        let s = format!("fees owed: {} CZK", c.fees_owed_czk);
        s.chars().take(DESCRIPTION_MAX).collect()
    });
    ServiceRequest {
        service_request_id: c.portal_id.as_deref().unwrap_or(&c.reference_number),
        status: open311_status(&c.status),
        status_notes: Some(notes),
        service_code: &c.situation,
        description,
        agency_responsible: &c.department,
        requested_datetime: &c.filed_at,
        updated_datetime: &c.updated_at,
        // The deadline is an office date: the end of that day in Prague.
        expected_datetime: c.deadline.as_deref().and_then(end_of_office_day),
    }
}

/// The end of an office date (`YYYY-MM-DD`) in Prague, RFC 3339; `None` for a malformed date.
fn end_of_office_day(date: &str) -> Option<String> {
    use chrono::TimeZone;
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let t = chrono_tz::Europe::Prague.from_local_datetime(&d.and_hms_opt(23, 59, 59)?).earliest()?;
    Some(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A record's CSV row; `None` for the portal's own filings and bookings, which only JSON Lines
/// carries (a spreadsheet row has no room for a citizen, a form and attachments).
fn csv_fields(r: &ExportRecord) -> Option<[String; 15]> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    Some(match r {
        ExportRecord::Filing(_) | ExportRecord::Booking(_) => return None,
        ExportRecord::CaseStatus(c) => [
            "case_status".into(),
            o(&c.portal_id),
            c.reference_number.clone(),
            c.status.clone(),
            c.status_note.clone(),
            c.department.clone(),
            o(&c.deadline),
            c.fees_owed_czk.to_string(),
            if c.identified { "1" } else { "0" }.into(),
            c.updated_at.clone(),
            c.situation.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        ExportRecord::Notice(n) => [
            "notice".into(),
            String::new(),
            o(&n.reference_number),
            n.kind.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            n.created_at.clone(),
            String::new(),
            String::new(),
            n.recipient.clone(),
            n.payload.to_string(),
            n.key.clone(),
        ],
        ExportRecord::BookingStatus(b) => [
            "booking_status".into(),
            o(&b.portal_id),
            String::new(),
            b.status.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            b.service.clone(),
            b.start.clone(),
            String::new(),
            String::new(),
            b.code.clone(),
        ],
    })
}

impl<W: Write> ExportWriter<W> {
    /// Starts the export: the CSV's BOM and header, Open311's opening.
    pub fn begin(format: Format, encoding: Encoding, mut out: W) -> io::Result<ExportWriter<W>> {
        match format {
            Format::Jsonl => {}
            Format::Open311Json => out.write_all(b"[")?,
            Format::Open311Xml => {
                out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<service_requests>\n")?;
            }
            Format::Csv => {
                if encoding == Encoding::Utf8 {
                    out.write_all("\u{feff}".as_bytes())?;
                }
            }
        }
        let mut w = ExportWriter { format, encoding, out, written: 0, row: Vec::new() };
        if format == Format::Csv {
            let header = CSV_HEADER.map(str::to_owned);
            w.csv_row(&header)?;
        }
        Ok(w)
    }

    /// Records written (Open311 skips notices and bookings; only JSON Lines writes the portal's
    /// own filings and bookings back).
    #[must_use]
    pub fn written(&self) -> u64 {
        self.written
    }

    fn csv_row(&mut self, fields: &[String]) -> io::Result<()> {
        self.row.clear();
        {
            let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut self.row);
            w.write_record(fields).map_err(io::Error::other)?;
            w.flush()?;
        }
        match self.encoding {
            Encoding::Utf8 => self.out.write_all(&self.row),
            Encoding::Windows1250 => {
                let text = String::from_utf8_lossy(&self.row);
                // Characters windows-1250 lacks become `?` (encoding_rs would write `&#…;`).
                let fitted: String = text
                    .chars()
                    .map(|c| {
                        let mut b = [0u8; 4];
                        let (_, _, bad) = encoding_rs::WINDOWS_1250.encode(c.encode_utf8(&mut b));
                        if bad { '?' } else { c }
                    })
                    .collect();
                let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(&fitted);
                self.out.write_all(&bytes)
            }
        }
    }

    /// Writes one record.
    pub fn record(&mut self, r: &ExportRecord) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, &Versioned { v: 1, record: r })?;
                self.out.write_all(b"\n")?;
            }
            Format::Open311Json => {
                let ExportRecord::CaseStatus(c) = r else { return Ok(()) };
                if self.written > 0 {
                    self.out.write_all(b",")?;
                }
                self.out.write_all(b"\n")?;
                serde_json::to_writer(&mut self.out, &service_request(c))?;
            }
            Format::Open311Xml => {
                let ExportRecord::CaseStatus(c) = r else { return Ok(()) };
                let s = service_request(c);
                let mut x = String::from("<request>");
                let mut el = |name: &str, v: Option<&str>| {
                    if let Some(v) = v {
                        let _ = write!(x, "<{name}>{}</{name}>", xml_escape(v));
                    }
                };
                el("service_request_id", Some(s.service_request_id));
                el("status", Some(s.status));
                el("status_notes", s.status_notes.as_deref());
                el("service_code", Some(s.service_code));
                el("description", s.description.as_deref());
                el("agency_responsible", Some(s.agency_responsible));
                el("requested_datetime", Some(s.requested_datetime));
                el("updated_datetime", Some(s.updated_datetime));
                el("expected_datetime", s.expected_datetime.as_deref());
                x.push_str("</request>\n");
                self.out.write_all(x.as_bytes())?;
            }
            Format::Csv => {
                let Some(fields) = csv_fields(r) else { return Ok(()) };
                // A spreadsheet would run a cell starting `=`, `+`, `-` or `@` as a formula.
                let fields = fields.map(|f| crate::domain::plain::csv_cell(&f).into_owned());
                self.csv_row(&fields)?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Ends the export and flushes it; the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        match self.format {
            Format::Open311Json => self.out.write_all(b"\n]\n")?,
            Format::Open311Xml => self.out.write_all(b"</service_requests>\n")?,
            Format::Jsonl | Format::Csv => {}
        }
        self.out.flush()?;
        Ok(self.out)
    }
}
