//! The change feed of the portal export: what changed between two high-water marks of the
//! append-only `case_history`, `appt_history` and `payments` and of the `outbox`, read row by row
//! (the caller streams each row on; nothing is collected). A filing or booking made on the portal
//! whose own event (filed, changed on the portal, booked) is in the range comes first, in full,
//! before the case's or booking's state: the round trip.

use super::origin::{
    ATTACHMENTS_IN_CASE_ORDER, AttachmentMerge, PortalBookingRow, PortalFilingRow, booking_from_row, filing_from_row,
};
use crate::domain::ids::CaseId;
use crate::store::{StoreError, Tx};
use serde::Serialize;

/// High-water marks: the newest `case_history`, `outbox`, `appt_history` and `payments` ids
/// already exported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Marks {
    pub history: i64,
    pub outbox: i64,
    pub appt: i64,
    /// A payment writes no case history: without its own mark a fee paid at the cash desk would
    /// reach the portal only with the case's next change.
    pub payment: i64,
}

impl Marks {
    /// The larger of each mark.
    #[must_use]
    pub fn max(self, other: Marks) -> Marks {
        Marks {
            history: self.history.max(other.history),
            outbox: self.outbox.max(other.outbox),
            appt: self.appt.max(other.appt),
            payment: self.payment.max(other.payment),
        }
    }
}

/// A case as it is now, for a case some history row of the range is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseExportRow {
    pub portal_id: Option<String>,
    pub reference_number: String,
    pub status: String,
    /// The reason (else the detail, but not a filing's channel) of the newest status change.
    pub status_note: String,
    pub department: String,
    /// The situation's code (Open311's `service_code`).
    pub situation: String,
    pub filed_at: String,
    /// The deadline (office date); `None` while the clock is suspended.
    pub deadline: Option<String>,
    /// Claimed minus paid, in whole CZK.
    pub fees_owed_czk: i64,
    pub identified: bool,
    pub updated_at: String,
}

/// A watchdog notice of the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoticeExportRow {
    pub key: String,
    pub kind: String,
    pub reference_number: Option<String>,
    pub recipient: String,
    pub payload: serde_json::Value,
    pub created_at: String,
}

/// A booking as it is now, for a booking some history row of the range is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookingExportRow {
    pub code: String,
    pub portal_id: Option<String>,
    pub service: String,
    pub start: String,
    pub status: String,
}

/// A row of the case feed: a portal filing of the range (just before its case's state), or a
/// case's state.
#[derive(Debug, Clone)]
pub enum CaseFeedRow {
    Filing(PortalFilingRow),
    Status(CaseExportRow),
}

/// A row of the booking feed: a booking made on the portal in the range and still booked (just
/// before its state), or a booking's state.
#[derive(Debug, Clone)]
pub enum BookingFeedRow {
    Booking(Box<PortalBookingRow>),
    Status(BookingExportRow),
}

/// The columns of a [`CaseExportRow`] for a case `c` (joined to its department `d` and situation
/// `s`), the fees from `claimed` and `paid`/`paid_at` expressions the two queries below supply,
/// then the case's id and `$filing`: whether its portal filing goes before it (the round trip);
/// then the rest of that filing ([`filing_from_row`]), so the export needs no query of its own per
/// portal case. The citizen (`pc`, in `CITIZEN_COLUMNS`' order) is joined for a portal case only:
/// a NULL key finds no row without a seek, so the counter's cases cost nothing.
macro_rules! case_columns {
    ($claimed:expr, $paid:expr, $paid_at:expr, $filing:expr) => {
        concat!(
            "SELECT c.portal_id, c.reference_number, c.status,
                    coalesce((SELECT CASE WHEN h.reason <> '' OR h.event = 'filed' THEN h.reason ELSE h.detail END
                              FROM case_history h WHERE h.case_id = c.id AND h.to_status IS NOT NULL
                              ORDER BY h.id DESC LIMIT 1), ''),
                    d.code, s.code, c.filed_at, c.deadline,
                    coalesce(",
            $claimed,
            ", 0) - coalesce(",
            $paid,
            ", 0), c.portal_identified, max(c.updated_at, coalesce(",
            $paid_at,
            ", '')), c.id, ",
            $filing,
            ", coalesce(c.portal_submitted_at, c.filed_at), c.subject, c.note, c.form_data,
                    pc.id, pc.given_name, pc.family_name, pc.birth_date, pc.birth_number, pc.phone, pc.email,
                    pc.street, pc.city, pc.postcode
             FROM cases c JOIN departments d ON d.id = c.department_id JOIN situations s ON s.id = c.situation_id
                  LEFT JOIN citizens pc ON pc.id = CASE WHEN c.portal_id IS NOT NULL THEN c.citizen_id END"
        )
    };
}

/// The cases some history row (`?1`, `?2`) or payment (`?3`, `?4`) of the window is about.
const CHANGED_CASES: &str = concat!(
    case_columns!(
        "(SELECT sum(amount_czk) FROM fee_claims WHERE case_id = c.id)",
        "(SELECT sum(p.amount_czk) FROM payments p JOIN fee_claims fc ON fc.id = p.claim_id WHERE fc.case_id = c.id)",
        "(SELECT max(p.paid_at) FROM payments p JOIN fee_claims fc ON fc.id = p.claim_id WHERE fc.case_id = c.id)",
        "c.portal_id IS NOT NULL AND EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id
             AND h.id > ?1 AND h.id <= ?2 AND h.event IN ('filed', 'portal_update'))"
    ),
    " WHERE c.id IN (SELECT case_id FROM case_history WHERE id > ?1 AND id <= ?2
                     UNION SELECT fc.case_id FROM payments p JOIN fee_claims fc ON fc.id = p.claim_id
                           WHERE p.id > ?3 AND p.id <= ?4)
     ORDER BY c.id"
);

/// Every case, the fees summed per case in one pass over each table; every portal filing goes
/// before its case (its `filed` event is in any range from the beginning).
const ALL_CASES: &str = concat!(
    case_columns!("cl.claimed", "pay.paid", "pay.paid_at", "c.portal_id IS NOT NULL"),
    " LEFT JOIN (SELECT case_id, sum(amount_czk) AS claimed FROM fee_claims GROUP BY case_id) cl ON cl.case_id = c.id
      LEFT JOIN (SELECT fc.case_id AS case_id, sum(p.amount_czk) AS paid, max(p.paid_at) AS paid_at
                 FROM payments p JOIN fee_claims fc ON fc.id = p.claim_id GROUP BY fc.case_id) pay ON pay.case_id = c.id
     ORDER BY c.id"
);

/// The case's state from a row of [`ALL_CASES`] or [`CHANGED_CASES`].
fn case_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CaseExportRow> {
    Ok(CaseExportRow {
        portal_id: r.get(0)?,
        reference_number: r.get(1)?,
        status: r.get(2)?,
        status_note: r.get(3)?,
        department: r.get(4)?,
        situation: r.get(5)?,
        filed_at: r.get(6)?,
        deadline: r.get(7)?,
        fees_owed_czk: r.get(8)?,
        identified: r.get::<_, i64>(9)? == 1,
        updated_at: r.get(10)?,
    })
}

/// Rows are handed to a callback that may fail; its error ends the read.
pub type RowSink<'a, R> = &'a mut dyn FnMut(R) -> Result<(), StoreError>;

impl Tx<'_> {
    /// The newest id of each feed, as of this transaction's snapshot.
    pub fn export_top(&self) -> Result<Marks, StoreError> {
        Ok(self.query_row(
            "SELECT (SELECT coalesce(max(id), 0) FROM case_history), (SELECT coalesce(max(id), 0) FROM outbox),
                    (SELECT coalesce(max(id), 0) FROM appt_history), (SELECT coalesce(max(id), 0) FROM payments)",
            [],
            |r| Ok(Marks { history: r.get(0)?, outbox: r.get(1)?, appt: r.get(2)?, payment: r.get(3)? }),
        )?)
    }

    /// Each case with a history row or a payment in `(from, to]` (the `history` and `payment`
    /// marks), in id order, preceded by its portal filing when the filing was filed or changed on
    /// the portal in the range; the number of cases. `updated_at` is the later of the case's own and its
    /// newest payment's time, so the portal sees the paid fee as the newer state.
    ///
    /// # Errors
    /// A failing query, or `f`'s error.
    pub fn changed_cases(&self, from: Marks, to: Marks, f: RowSink<'_, CaseFeedRow>) -> Result<u64, StoreError> {
        // From the beginning every case is in (its filing wrote its first history row in the
        // same transaction, so the snapshot's top covers it): read them in order with the fees
        // summed once per table, instead of collecting millions of history ids into a temporary
        // index and summing fees case by case. A window reads only the cases it names.
        let full = from.history == 0 && from.payment == 0;
        let mut stmt = self.prepare(if full { ALL_CASES } else { CHANGED_CASES })?;
        let mut rows =
            if full { stmt.query([])? } else { stmt.query([from.history, to.history, from.payment, to.payment])? };
        // A portal filing's attachments: the full export walks the table beside the cases, both in
        // case order (one pass; faster on the bench store than a query per portal case); a window
        // asks per portal case, touching only the cases it names.
        let mut attachment_stmt;
        let mut merge = if full {
            attachment_stmt = self.prepare(ATTACHMENTS_IN_CASE_ORDER)?;
            Some(AttachmentMerge::new(attachment_stmt.query([])?))
        } else {
            None
        };
        let mut n = 0;
        while let Some(r) = rows.next()? {
            if r.get::<_, bool>(12)? {
                if let Some(mut filing) = filing_from_row(r)? {
                    let id = r.get(11)?;
                    filing.attachments = match &mut merge {
                        Some(m) => m.take(id)?,
                        None => self.attachments(CaseId(id))?,
                    };
                    f(CaseFeedRow::Filing(filing))?;
                }
            }
            f(CaseFeedRow::Status(case_row(r)?))?;
            n += 1;
        }
        Ok(n)
    }

    /// The outbox notices with ids in `(from, to]`, in id order; the number of them.
    ///
    /// # Errors
    /// A failing query, or `f`'s error.
    pub fn new_notices(&self, from: i64, to: i64, f: RowSink<'_, NoticeExportRow>) -> Result<u64, StoreError> {
        let mut stmt = self.prepare(
            "SELECT o.key, o.kind, c.reference_number, o.recipient, o.payload, o.created_at
             FROM outbox o LEFT JOIN cases c ON c.id = o.case_id
             WHERE o.id > ?1 AND o.id <= ?2 ORDER BY o.id",
        )?;
        let mut rows = stmt.query([from, to])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let payload: String = r.get(4)?;
            f(NoticeExportRow {
                key: r.get(0)?,
                kind: r.get(1)?,
                reference_number: r.get(2)?,
                recipient: r.get(3)?,
                payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::String(payload)),
                created_at: r.get(5)?,
            })?;
            n += 1;
        }
        Ok(n)
    }

    /// Each booking with a history row in `(from, to]`, in id order, preceded by the portal's
    /// booking when it was booked on the portal in the range and is still booked; the number of
    /// bookings.
    ///
    /// # Errors
    /// A failing query, or `f`'s error.
    pub fn changed_bookings(&self, from: i64, to: i64, f: RowSink<'_, BookingFeedRow>) -> Result<u64, StoreError> {
        let mut stmt = self.prepare(
            // The portal's booking from the same row ([`booking_from_row`]): its citizen joined
            // for a portal booking only, as for the cases.
            "SELECT a.code, a.portal_id, s.code, a.start_at, a.status,
                    a.portal_id IS NOT NULL AND a.status = 'booked' AND EXISTS (SELECT 1 FROM appt_history h
                        WHERE h.appointment_id = a.id AND h.id > ?1 AND h.id <= ?2 AND h.action = 'book'),
                    coalesce(a.portal_submitted_at, a.created_at), a.portal_identified, r.code, a.note,
                    pc.id, pc.given_name, pc.family_name, pc.birth_date, pc.birth_number, pc.phone, pc.email,
                    pc.street, pc.city, pc.postcode
             FROM appointments a JOIN services s ON s.id = a.service_id
                  LEFT JOIN appt_resources r ON r.id = a.resource_id
                  LEFT JOIN citizens pc ON pc.id = CASE WHEN a.portal_id IS NOT NULL THEN a.citizen_id END
             WHERE a.id IN (SELECT appointment_id FROM appt_history WHERE id > ?1 AND id <= ?2)
             ORDER BY a.id",
        )?;
        let mut rows = stmt.query([from, to])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            if r.get::<_, bool>(5)? {
                if let Some(booking) = booking_from_row(r)? {
                    f(BookingFeedRow::Booking(Box::new(booking)))?;
                }
            }
            f(BookingFeedRow::Status(BookingExportRow {
                code: r.get(0)?,
                portal_id: r.get(1)?,
                service: r.get(2)?,
                start: r.get(3)?,
                status: r.get(4)?,
            }))?;
            n += 1;
        }
        Ok(n)
    }

    /// Marks the notices with ids in `(from, to]` exported at `now` (those not marked before).
    pub fn mark_notices_exported(&self, from: i64, to: i64, now: &str) -> Result<(), StoreError> {
        self.execute(
            "UPDATE outbox SET exported_at = ?3 WHERE id > ?1 AND id <= ?2 AND exported_at IS NULL",
            rusqlite::params![from, to, now],
        )?;
        Ok(())
    }
}
