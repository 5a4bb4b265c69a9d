//! What came from the portal, as the office keeps it: when the citizen submitted a filing or a
//! booking (and, for a booking, whether the portal had verified them), and the filing or booking
//! read back in full for the export to write in the portal's own inbound shape (the round trip,
//! docs/bridge-format.md).

use super::case_view::AttachmentRow;
use super::citizens::CitizenRow;
use super::{StoreError, Tx};
use crate::domain::ids::{CaseId, CitizenId};
use rusqlite::{OptionalExtension, params};

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
    ///
    /// # Errors
    /// A failing update.
    pub fn set_case_portal_submitted_at(&self, case: CaseId, at: &str) -> Result<(), StoreError> {
        self.prepare_cached("UPDATE cases SET portal_submitted_at = ?2 WHERE id = ?1")?.execute(params![case.0, at])?;
        Ok(())
    }

    /// Records when the citizen booked on the portal and whether the portal had verified them.
    ///
    /// # Errors
    /// A failing update.
    pub fn set_booking_portal_origin(&self, appointment: i64, at: &str, identified: bool) -> Result<(), StoreError> {
        self.prepare_cached("UPDATE appointments SET portal_submitted_at = ?2, portal_identified = ?3 WHERE id = ?1")?
            .execute(params![appointment, at, i64::from(identified)])?;
        Ok(())
    }

    /// The portal filing of a case, or `None` when the case did not come from the portal.
    ///
    /// # Errors
    /// A failing query.
    pub fn portal_filing(&self, case: CaseId) -> Result<Option<PortalFilingRow>, StoreError> {
        let row = self
            .prepare_cached(
                "SELECT c.portal_id, coalesce(c.portal_submitted_at, c.filed_at), c.citizen_id, c.portal_identified,
                        s.code, c.subject, c.note, c.form_data
                 FROM cases c JOIN situations s ON s.id = c.situation_id
                 WHERE c.id = ?1 AND c.portal_id IS NOT NULL",
            )?
            .query_row([case.0], |r| {
                Ok((
                    PortalFilingRow {
                        portal_id: r.get(0)?,
                        submitted_at: r.get(1)?,
                        citizen: None,
                        identified: r.get::<_, i64>(3)? == 1,
                        situation: r.get(4)?,
                        subject: r.get(5)?,
                        note: r.get(6)?,
                        form_data: r.get(7)?,
                        attachments: Vec::new(),
                    },
                    r.get::<_, Option<i64>>(2)?,
                ))
            })
            .optional()?;
        let Some((mut filing, citizen)) = row else { return Ok(None) };
        filing.citizen = match citizen {
            Some(id) => self.citizen(CitizenId(id))?,
            None => None,
        };
        filing.attachments = self.attachments(case)?;
        Ok(Some(filing))
    }

    /// The portal booking with this appointment id, or `None` when it was not booked on the portal.
    ///
    /// # Errors
    /// A failing query.
    pub fn portal_booking(&self, appointment: i64) -> Result<Option<PortalBookingRow>, StoreError> {
        let row = self
            .prepare_cached(
                "SELECT a.portal_id, coalesce(a.portal_submitted_at, a.created_at), a.citizen_id, a.portal_identified,
                        s.code, a.start_at, r.code, a.note
                 FROM appointments a JOIN services s ON s.id = a.service_id
                      JOIN appt_resources r ON r.id = a.resource_id
                 WHERE a.id = ?1 AND a.portal_id IS NOT NULL",
            )?
            .query_row([appointment], |r| {
                Ok((
                    PortalBookingRow {
                        portal_id: r.get(0)?,
                        submitted_at: r.get(1)?,
                        citizen: None,
                        identified: r.get::<_, i64>(3)? == 1,
                        service: r.get(4)?,
                        start: r.get(5)?,
                        resource: r.get(6)?,
                        note: r.get(7)?,
                    },
                    r.get::<_, i64>(2)?,
                ))
            })
            .optional()?;
        let Some((mut booking, citizen)) = row else { return Ok(None) };
        booking.citizen = self.citizen(CitizenId(citizen))?;
        Ok(Some(booking))
    }
}
