//! The watchdog (hlídací pes): notices into the outbox for the portal bridge, and the view of
//! cases near or past their deadline per department and official.

use crate::desk::{Actor, Desk, DeskError, audit};
use crate::domain::calendar;
use crate::domain::permissions::{Operation, Scope};
use crate::domain::text::czech_cmp;
use crate::store::WatchdogCounts;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct WatchdogRunSummary {
    /// The office's date the run counted from, and the last day of its warning period.
    pub today: String,
    pub warn_until: String,
    #[serde(flatten)]
    pub counts: WatchdogCounts,
}

impl WatchdogRunSummary {
    #[must_use]
    pub fn new_total(&self) -> u64 {
        let c = &self.counts;
        c.status_changed.new + c.deadline_near.new + c.overdue.new + c.fee_due.new + c.appointment_reminder.new
    }
}

/// One line of the watchdog view: a department's total, or one official's share of it
/// (`official: None` for the cases nobody is assigned).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchdogRow {
    pub department: String,
    /// The department's total line.
    pub total: bool,
    pub official: Option<String>,
    pub due_soon: i64,
    pub overdue: i64,
}

impl Desk {
    /// Generates the notices due now, in one transaction, audited with the counts. Safe to run
    /// from cron every minute: a notice's key is unique, so none is ever generated twice.
    ///
    /// # Errors
    /// A role other than administrator or supervisor; a failing write.
    pub fn watchdog_run(&mut self, actor: &Actor) -> Result<WatchdogRunSummary, DeskError> {
        actor.may(Operation::RunWatchdog, Scope::ANY)?;
        let now = self.now_str();
        let today = self.clock.today();
        let until = calendar::add_working_days(today, self.config.warn_working_days);
        // Reminders for the visits of the next day at the office.
        let (tomorrow_from, tomorrow_to) = crate::desk::appointments::views::day_range(today + chrono::Days::new(1));
        let (today, warn_until) = (today.to_string(), until.to_string());
        let counts = self.store.write(|tx| {
            let mut counts = tx.generate_notices(&now, &today, &warn_until)?;
            counts.appointment_reminder = tx.generate_reminders(&now, &tomorrow_from, &tomorrow_to)?;
            let c = &counts;
            let detail = format!(
                "status_changed={} deadline_near={} overdue={} fee_due={} appointment_reminder={}",
                c.status_changed.new, c.deadline_near.new, c.overdue.new, c.fee_due.new, c.appointment_reminder.new
            );
            tx.audit(&audit(actor, &now, "watchdog_run", "outbox", String::new(), detail, ""))?;
            Ok::<_, DeskError>(counts)
        })?;
        Ok(WatchdogRunSummary { today, warn_until, counts })
    }

    /// Open cases due within the warning period and overdue, per department and per official.
    /// An official sees their own department; counter and hotline staff do not work deadlines.
    ///
    /// # Errors
    /// A role without a queue; a failing query.
    pub fn watchdog_summary(&mut self, actor: &Actor) -> Result<Vec<WatchdogRow>, DeskError> {
        let department = actor.department_limit(Operation::SeeWatchdog)?.map(|d| d.0);
        let today = self.clock.today();
        let until = calendar::add_working_days(today, self.config.warn_working_days);
        let mut counts =
            self.store.read(|tx| tx.watchdog_counts(&today.to_string(), &until.to_string(), department))?;
        counts.sort_by(|a, b| {
            a.department.cmp(&b.department).then_with(|| match (&a.official, &b.official) {
                (Some(x), Some(y)) => czech_cmp(x, y),
                (x, y) => y.is_some().cmp(&x.is_some()),
            })
        });
        let mut rows: Vec<WatchdogRow> = Vec::new();
        for c in counts {
            if rows.iter().rev().find(|r| r.total).is_none_or(|r| r.department != c.department) {
                rows.push(WatchdogRow {
                    department: c.department.clone(),
                    total: true,
                    official: None,
                    due_soon: 0,
                    overdue: 0,
                });
            }
            if let Some(total) = rows.iter_mut().rev().find(|r| r.total) {
                total.due_soon += c.due_soon;
                total.overdue += c.overdue;
            }
            rows.push(WatchdogRow {
                department: c.department,
                total: false,
                official: c.official,
                due_soon: c.due_soon,
                overdue: c.overdue,
            });
        }
        Ok(rows)
    }
}
