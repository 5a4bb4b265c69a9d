//! What the dashboard reads: cases by status, deadlines, citizens, the next holiday.

use super::{Desk, DeskError};
use crate::domain::calendar;
use chrono::Datelike;

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
}
