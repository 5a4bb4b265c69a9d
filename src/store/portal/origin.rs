//! What came from the portal, as the office keeps it: when the citizen submitted a filing or a
//! booking (and, for a booking, whether the portal had verified them), and the filing or booking
//! read back in full for the export to write in the portal's own inbound shape (the round trip,
//! docs/bridge-format.md). The export reads them from the rows of its own queries
//! ([`super::portal_export`]): a query per portal case would double its time.

use crate::domain::ids::CaseId;
use crate::store::cases::detail::{AttachmentRow, attachment_row};
use crate::store::citizens::{CitizenRow, joined_citizen};
use crate::store::{StoreError, Tx};
use rusqlite::params;

/// A filing made on the portal, as the case keeps it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalFilingRow {
    pub portal_id: String,
    /// RFC 3339; the case's `filed_at` for a filing imported before its submission time was kept.
    pub submitted_at: String,
    /// `None` only for a case without a citizen, which no import makes.
    pub citizen: Option<CitizenRow>,
    pub identified: bool,
    /// The life situation's code.
    pub situation: String,
    pub subject: String,
    pub note: String,
    /// The form as validated and stored: a JSON object.
    pub form_data: String,
    /// In the order they were added.
    pub attachments: Vec<AttachmentRow>,
}

/// A booking made on the portal, as it stands now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalBookingRow {
    pub portal_id: String,
    /// RFC 3339; the booking's `created_at` for one imported before its submission time was kept.
    pub submitted_at: String,
    pub citizen: Option<CitizenRow>,
    pub identified: bool,
    /// The appointment service's code.
    pub service: String,
    /// RFC 3339 UTC.
    pub start: String,
    /// The counter's or official's code.
    pub resource: String,
    pub note: String,
}

impl Tx<'_> {
    /// Records when the citizen submitted a filing on the portal (a change from the portal brings
    /// its own time: the export writes back what the portal last sent).
    pub fn set_case_portal_submitted_at(&self, case: CaseId, at: &str) -> Result<(), StoreError> {
        self.prepare_cached("UPDATE cases SET portal_submitted_at = ?2 WHERE id = ?1")?.execute(params![case.0, at])?;
        Ok(())
    }

    /// Records when the citizen booked on the portal and whether the portal had verified them.
    pub fn set_booking_portal_origin(&self, appointment: i64, at: &str, identified: bool) -> Result<(), StoreError> {
        self.prepare_cached("UPDATE appointments SET portal_submitted_at = ?2, portal_identified = ?3 WHERE id = ?1")?
            .execute(params![appointment, at, i64::from(identified)])?;
        Ok(())
    }
}

/// The portal filing of the case in `r`, a row of the export's case query: the case's portal id,
/// identified flag and situation at columns 0, 9 and 5, the filing's own columns from 13 on
/// (submitted time, subject, note, form, then the citizen's, NULL when there is none). `None` for a
/// case that did not come from the portal. The attachments are the caller's to add.
pub(crate) fn filing_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<PortalFilingRow>> {
    let Some(portal_id) = r.get::<_, Option<String>>(0)? else { return Ok(None) };
    Ok(Some(PortalFilingRow {
        portal_id,
        submitted_at: r.get(13)?,
        citizen: joined_citizen(r, 17)?,
        identified: r.get::<_, i64>(9)? == 1,
        situation: r.get(5)?,
        subject: r.get(14)?,
        note: r.get(15)?,
        form_data: r.get(16)?,
        attachments: Vec::new(),
    }))
}

/// The portal booking of the booking in `r`, a row of the export's booking query: its portal id,
/// service and start at columns 1, 2 and 3, the booking's own columns from 6 on (submitted time,
/// identified, the resource's code, note, then the citizen's). `None` for a booking not made on
/// the portal, or one whose resource is gone.
pub(crate) fn booking_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<PortalBookingRow>> {
    let (Some(portal_id), Some(resource)) = (r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(8)?) else {
        return Ok(None);
    };
    Ok(Some(PortalBookingRow {
        portal_id,
        submitted_at: r.get(6)?,
        citizen: joined_citizen(r, 10)?,
        identified: r.get::<_, i64>(7)? == 1,
        service: r.get(2)?,
        start: r.get(3)?,
        resource,
        note: r.get(9)?,
    }))
}

/// Every attachment in case order, read beside the full export's cases (also in id order): a
/// portal case takes its own, those of the cases before it (the counter's) are passed over.
pub(crate) const ATTACHMENTS_IN_CASE_ORDER: &str =
    "SELECT case_id, name, size, sha256, added_at FROM attachments ORDER BY case_id, id";

/// The rows of [`ATTACHMENTS_IN_CASE_ORDER`], with the one read ahead.
pub(crate) struct AttachmentMerge<'s> {
    rows: rusqlite::Rows<'s>,
    ahead: Option<(i64, AttachmentRow)>,
}

impl<'s> AttachmentMerge<'s> {
    pub(crate) fn new(rows: rusqlite::Rows<'s>) -> AttachmentMerge<'s> {
        AttachmentMerge { rows, ahead: None }
    }

    /// The attachments of `case`, in the order they were added; the cases asked for must come in
    /// ascending id order.
    pub(crate) fn take(&mut self, case: i64) -> Result<Vec<AttachmentRow>, StoreError> {
        let mut out = Vec::new();
        loop {
            if self.ahead.is_none() {
                let Some(r) = self.rows.next()? else { return Ok(out) };
                self.ahead = Some((r.get(0)?, attachment_row(r, 1)?));
            }
            match self.ahead.take() {
                Some((c, _)) if c < case => {}
                Some((c, a)) if c == case => out.push(a),
                later => {
                    self.ahead = later;
                    return Ok(out);
                }
            }
        }
    }
}
