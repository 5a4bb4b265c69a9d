//! What the dashboard, the case list and the hotline's caller lookup read.

use super::{Actor, Desk, DeskError, audit};
use crate::domain::calendar;
use crate::domain::phone;
use crate::store::CitizenRow;

#[derive(Debug, Clone, Default)]
pub struct Dashboard {
    /// (status, count), every status that has cases.
    pub by_status: Vec<(String, i64)>,
    pub open: i64,
    pub overdue: i64,
    /// Open cases due within the watchdog's warning period (working days).
    pub due_soon: i64,
    pub citizens: i64,
    pub next_holiday: Option<calendar::Holiday>,
}

impl Desk {
    /// Counts for the dashboard, as of the office's today.
    pub fn dashboard(&mut self) -> Result<Dashboard, DeskError> {
        let today = self.clock.today();
        let soon = calendar::add_working_days(today, self.config.warn_working_days);
        let (mut by_status, (overdue, due_soon), citizens) = self.store.read(|tx| {
            Ok::<_, DeskError>((
                tx.case_counts_by_status()?,
                tx.deadline_counts(&today.to_string(), &soon.to_string())?,
                tx.citizen_count()?,
            ))
        })?;
        // In the order of the lifecycle, not of the alphabet.
        by_status.sort_by_key(|(s, _)| {
            crate::domain::case::CaseStatus::ALL.iter().position(|c| c.as_str() == s).unwrap_or(usize::MAX)
        });
        let open = by_status
            .iter()
            .filter(|(s, _)| crate::domain::case::CaseStatus::parse(s).is_some_and(|s| s.is_open()))
            .map(|(_, n)| n)
            .sum();
        let next_holiday =
            [today.year(), today.year() + 1].into_iter().flat_map(calendar::holidays).find(|h| h.date >= today);
        Ok(Dashboard { by_status, open, overdue, due_soon, citizens, next_holiday })
    }

    /// The citizens whose phone is the caller's number. Looking people up is audited: it shows
    /// personal data.
    ///
    /// # Errors
    /// A number that is not a phone number (`Invalid`, naming the field), a failing query.
    pub fn find_callers(&mut self, actor: &Actor, raw: &str) -> Result<(String, Vec<CitizenRow>), DeskError> {
        let e164 = phone::normalize(raw).map_err(|e| DeskError::invalid("phone", e.to_string(), e.message_id()))?;
        let at = self.now_str();
        let found = self.store.write(|tx| {
            let found = tx.citizens_by_phone(&e164)?;
            let detail = format!("{} found", found.len());
            tx.audit(&audit(actor, &at, "caller_lookup", "phone", e164.clone(), detail, ""))?;
            Ok::<_, DeskError>(found)
        })?;
        Ok((e164, found))
    }
}

use chrono::Datelike;
