//! What came from the portal, as the office keeps it: when the citizen submitted a filing or a
//! booking, and whether the portal had verified a booking's citizen (a filing keeps that in
//! `cases.portal_identified`).

use super::{StoreError, Tx};
use crate::domain::ids::CaseId;
use rusqlite::params;

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
}
