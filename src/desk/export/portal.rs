//! `export portal`: what changed since the last export, streamed to a sink from one read
//! transaction (one consistent snapshot). The cursor (the high-water marks of `case_history`, the
//! `outbox`, `appt_history` and `payments`) moves only after the sink took every record, in its
//! own write transaction with an audit line: an export that fails half-way leaves it where it was.
//!
//! A filing or booking made on the portal whose own event is in the range is also written back in
//! the portal's inbound shape ([`PortalFiling`], [`PortalBooking`]) just before its state, so an
//! export imports into an empty store as the same cases and bookings (the round trip).

use crate::desk::{Actor, Desk, DeskError, audit};
use crate::domain::permissions::{Operation, Scope};
use crate::domain::portal::{PortalAttachment, PortalBooking, PortalCitizen, PortalFiling};
use crate::store::{
    BookingExportRow, BookingFeedRow, CaseExportRow, CaseFeedRow, CitizenRow, Marks, NoticeExportRow, PortalBookingRow,
    PortalFilingRow, StoreError,
};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::fmt;

/// The `meta` key of the stored cursor.
const CURSOR_KEY: &str = "portal_export_cursor";

/// An export cursor, written `h<history>.o<outbox>.a<appt>.p<payment>` (e.g. `h123.o45.a67.p8`).
/// The `.p` part is left out while it is 0, and a cursor without it (as exports wrote before
/// payments had a mark) reads as `p0`: the next export then repeats the cases with payments once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportCursor(pub Marks);

impl fmt::Display for ExportCursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "h{}.o{}.a{}", self.0.history, self.0.outbox, self.0.appt)?;
        if self.0.payment > 0 {
            write!(f, ".p{}", self.0.payment)?;
        }
        Ok(())
    }
}

impl std::str::FromStr for ExportCursor {
    type Err = DeskError;
    fn from_str(s: &str) -> Result<ExportCursor, DeskError> {
        let bad = || {
            DeskError::invalid(
                "since",
                format!("'{s}' is not an export cursor (like h123.o45.a67.p8, as an export reports it)"),
                "export.bad_cursor",
            )
        };
        let mut parts = s.trim().split('.');
        let number = |part: Option<&str>, prefix: char| -> Result<i64, DeskError> {
            let n = part.and_then(|p| p.strip_prefix(prefix)).ok_or_else(bad)?;
            if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            n.parse::<i64>().map_err(|_| bad())
        };
        let (history, outbox, appt) =
            (number(parts.next(), 'h')?, number(parts.next(), 'o')?, number(parts.next(), 'a')?);
        let payment = match parts.next() {
            Some(p) => number(Some(p), 'p')?,
            None => 0,
        };
        if parts.next().is_some() {
            return Err(bad());
        }
        Ok(ExportCursor(Marks { history, outbox, appt, payment }))
    }
}

/// Where an export starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// Where the last export ended (the beginning when there was none).
    Stored,
    Cursor(ExportCursor),
    /// The beginning: everything.
    All,
}

/// One record of the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ExportRecord {
    /// A portal filing, as the case keeps it, in the shape the import reads.
    Filing(PortalFiling),
    CaseStatus(CaseExportRow),
    Notice(NoticeExportRow),
    /// A booking made on the portal, as it stands, in the shape the import reads.
    Booking(PortalBooking),
    BookingStatus(BookingExportRow),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    pub cursor_from: String,
    pub cursor_to: String,
    /// Whether the stored cursor moved (it does not when nothing changed).
    pub cursor_moved: bool,
    pub cases: u64,
    pub notices: u64,
    pub bookings: u64,
    /// Portal filings written back (JSON Lines only; counted for every format).
    pub filings: u64,
    /// Portal bookings written back (JSON Lines only; counted for every format).
    pub portal_bookings: u64,
    /// The hash chains' heads in the snapshot exported (for the paper log; `audit verify --head`).
    pub heads: Vec<crate::domain::chain::ChainHead>,
}

/// Where the records go. `finish` is called after the last record and before the cursor moves:
/// it must make the output durable (flush, and for a file, sync and rename it into place).
pub trait ExportSink {
    /// Takes one record.
    ///
    /// # Errors
    /// A failing write: the export stops and the cursor stays.
    fn record(&mut self, r: ExportRecord) -> std::io::Result<()>;
    /// Completes the output.
    ///
    /// # Errors
    /// A failing flush, sync or rename: the cursor stays.
    fn finish(&mut self) -> std::io::Result<()>;
}

/// The sink's own failure, carried through the store's callbacks.
pub(crate) fn sink_error(e: &std::io::Error) -> StoreError {
    StoreError::Io(format!("cannot write the export: {e}"))
}

fn corrupt(what: &str, portal_id: &str, e: impl fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what} of portal record {portal_id}: {e}"))
}

fn instant(text: &str, portal_id: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text).map(|t| t.to_utc()).map_err(|e| corrupt("instant", portal_id, e))
}

fn portal_citizen(c: CitizenRow, identified: bool) -> PortalCitizen {
    PortalCitizen {
        given_name: c.given_name,
        family_name: c.family_name,
        birth_date: c.birth_date,
        birth_number: c.birth_number,
        street: c.street,
        city: c.city,
        postcode: c.postcode,
        phone: (!c.phone.is_empty()).then_some(c.phone),
        email: c.email,
        identified,
    }
}

/// A stored form value as the form takes it back: text as it is, a number in digits the form's
/// number rule reads (never `1e20`, which serde would write for a large decimal).
fn form_text(v: serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => {
            let text = n.to_string();
            match n.as_f64() {
                Some(f) if text.contains(['e', 'E']) => {
                    let plain = format!("{f}");
                    if plain.contains('.') { plain } else { format!("{plain}.0") }
                }
                _ => text,
            }
        }
        other => other.to_string(),
    }
}

/// The case's portal filing in the import's shape; `None` for a case without a citizen.
fn filing_record(row: PortalFilingRow) -> Result<Option<PortalFiling>, StoreError> {
    let Some(citizen) = row.citizen else { return Ok(None) };
    let form: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&row.form_data).map_err(|e| corrupt("form", &row.portal_id, e))?;
    let attachments = row
        .attachments
        .into_iter()
        .map(|a| {
            let size = u64::try_from(a.size).map_err(|e| corrupt("attachment size", &row.portal_id, e))?;
            Ok(PortalAttachment { name: a.name, size, sha256: a.sha256 })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(Some(PortalFiling {
        submitted_at: instant(&row.submitted_at, &row.portal_id)?,
        citizen: portal_citizen(citizen, row.identified),
        situation: row.situation,
        subject: row.subject,
        note: row.note,
        fields: form.into_iter().map(|(k, v)| (k, form_text(v))).collect(),
        attachments,
        portal_id: row.portal_id,
    }))
}

/// The portal's booking in the import's shape; `None` for a booking without a citizen.
fn booking_record(row: PortalBookingRow) -> Result<Option<PortalBooking>, StoreError> {
    let Some(citizen) = row.citizen else { return Ok(None) };
    Ok(Some(PortalBooking {
        submitted_at: instant(&row.submitted_at, &row.portal_id)?,
        citizen: portal_citizen(citizen, row.identified),
        service: row.service,
        start: instant(&row.start, &row.portal_id)?,
        resource: Some(row.resource),
        note: row.note,
        portal_id: row.portal_id,
    }))
}

impl Desk {
    /// The stored cursor (`h0.o0.a0` before the first export).
    ///
    /// # Errors
    /// A failing query or a damaged stored value.
    pub fn export_cursor(&self) -> Result<ExportCursor, DeskError> {
        match self.store.meta(CURSOR_KEY)? {
            Some(s) => s.parse(),
            None => Ok(ExportCursor::default()),
        }
    }

    /// Streams what changed since `since` into `sink`, then moves the stored cursor; see the
    /// module documentation. Administrator only.
    ///
    /// # Errors
    /// Not an administrator; a bad stored cursor; a failing store or sink (the cursor stays then).
    #[allow(
        clippy::too_many_lines,
        reason = "the export in order: the cursor, the snapshot, each feed, the cursor moved"
    )]
    pub fn export_portal(
        &mut self,
        actor: &Actor,
        since: Since,
        sink: &mut dyn ExportSink,
    ) -> Result<ExportSummary, DeskError> {
        actor.may(Operation::ExportPortal, Scope::ANY)?;
        let stored = self.export_cursor()?;
        let from = match since {
            Since::Stored => stored,
            Since::Cursor(c) => c,
            Since::All => ExportCursor::default(),
        };
        let f = from.0;
        let (mut filings, mut portal_bookings) = (0, 0);
        let (top, heads, cases, notices, bookings) = self.store.read(|tx| {
            let top = tx.export_top()?;
            let heads = tx.chain_heads()?;
            let cases = tx.changed_cases(f, top, &mut |r| {
                let record = match r {
                    CaseFeedRow::Filing(row) => match filing_record(row)? {
                        Some(filing) => {
                            filings += 1;
                            ExportRecord::Filing(filing)
                        }
                        None => return Ok(()),
                    },
                    CaseFeedRow::Status(row) => ExportRecord::CaseStatus(row),
                };
                sink.record(record).map_err(|e| sink_error(&e))
            })?;
            let notices = tx.new_notices(f.outbox, top.outbox, &mut |r| {
                sink.record(ExportRecord::Notice(r)).map_err(|e| sink_error(&e))
            })?;
            let bookings = tx.changed_bookings(f.appt, top.appt, &mut |r| {
                let record = match r {
                    BookingFeedRow::Booking(row) => match booking_record(*row)? {
                        Some(booking) => {
                            portal_bookings += 1;
                            ExportRecord::Booking(booking)
                        }
                        None => return Ok(()),
                    },
                    BookingFeedRow::Status(row) => ExportRecord::BookingStatus(row),
                };
                sink.record(record).map_err(|e| sink_error(&e))
            })?;
            Ok::<_, DeskError>((top, heads, cases, notices, bookings))
        })?;
        sink.finish().map_err(|e| sink_error(&e))?;
        // Another export may have moved the cursor meanwhile: never move it back.
        let to = ExportCursor(top);
        let now = self.now_str();
        let detail = format!(
            "from={from} to={to} cases={cases} notices={notices} bookings={bookings} heads={}",
            crate::domain::chain::compact(&heads)
        );
        let moved = self.store.write(|tx| {
            let current = match tx.meta(CURSOR_KEY)? {
                Some(s) => s.parse::<ExportCursor>()?.0,
                None => Marks::default(),
            };
            let new = current.max(top);
            let moved = new != current;
            if moved {
                tx.set_meta(CURSOR_KEY, &ExportCursor(new).to_string())?;
                tx.mark_notices_exported(current.outbox, new.outbox, &now)?;
            }
            tx.audit(&audit(actor, &now, "export_portal", "portal", String::new(), detail, ""))?;
            Ok::<_, DeskError>(moved)
        })?;
        Ok(ExportSummary {
            cursor_from: from.to_string(),
            cursor_to: to.to_string(),
            cursor_moved: moved,
            cases,
            notices,
            bookings,
            filings,
            portal_bookings,
            heads,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::form_text;
    use serde_json::json;

    #[test]
    fn a_stored_number_comes_back_in_digits_the_form_reads_whatever_its_size() {
        for v in [1e20, 1e-7, 2.5, 12.0, -3.25, 123_456_789.0] {
            let text = form_text(json!(v));
            // The form's number rule takes digits, one point and a sign: never an exponent.
            assert!(text.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-'), "{v} as {text}");
            assert_eq!(text.parse::<f64>().ok(), Some(v), "{text}");
        }
        assert_eq!(form_text(json!(12)), "12");
        assert_eq!(form_text(json!("1e20")), "1e20", "text stays as it was typed");
    }
}
