//! The watchdog's notices in the outbox, and its per-department view.
//!
//! A notice's `key` names what it is about, and the outbox's UNIQUE key with `ON CONFLICT DO
//! NOTHING` makes generating it a second time a no-op: cron may run the watchdog every minute.

use super::{StoreError, Tx};
use serde::Serialize;

/// How many notices of one kind were due: new ones, and ones already in the outbox.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct NoticeCounts {
    pub new: u64,
    pub already: u64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct WatchdogCounts {
    pub status_changed: NoticeCounts,
    pub deadline_near: NoticeCounts,
    pub overdue: NoticeCounts,
    pub fee_due: NoticeCounts,
    pub appointment_reminder: NoticeCounts,
}

/// Open cases of one department and one official (`None`: unassigned) near or past the deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchdogCount {
    pub department: String,
    pub official: Option<String>,
    pub due_soon: i64,
    pub overdue: i64,
}

/// The `meta` key of the newest history row the watchdog has looked at: status changes are only
/// ever appended, so each run reads only the rows after it (the UNIQUE key still guards).
const HISTORY_MARK: &str = "watchdog_history_id";

/// The run's values, bound once: ?1 now, ?2 today, ?3 the last day of the warning period, ?4 the
/// history mark.
const WITH_P: &str = "WITH p (now, today, soon, mark) AS (VALUES (?1, ?2, ?3, ?4))";

/// The statuses in which the office still works a case and its clock runs.
const OPEN: &str = "c.status IN ('received', 'assigned', 'in_progress')";

/// Candidate notices: columns (key, kind, `case_id`, recipient, payload), reading the run's values
/// from `p` (see [`WITH_P`]).
fn candidates(kind: &str) -> String {
    match kind {
        "status_changed" => "SELECT 'status:' || h.case_id || ':' || h.id AS key, 'status_changed', h.case_id,
                    'citizen:' || c.citizen_id,
                    json_object('reference_number', c.reference_number, 'from', h.from_status,
                                'to', h.to_status, 'at', h.at)
             FROM p, case_history h JOIN cases c ON c.id = h.case_id
             WHERE h.id > p.mark AND h.to_status IS NOT NULL AND c.portal_identified = 1
               AND c.citizen_id IS NOT NULL"
            .to_owned(),
        "deadline_near" | "overdue" => {
            let (prefix, range) = if kind == "overdue" {
                ("overdue", "c.deadline < p.today")
            } else {
                ("deadline", "c.deadline >= p.today AND c.deadline <= p.soon")
            };
            format!(
                "SELECT '{prefix}:' || c.id || ':' || c.deadline AS key, '{kind}', c.id,
                        CASE WHEN c.assignee_id IS NULL THEN 'department:' || d.code
                             ELSE 'user:' || c.assignee_id END,
                        json_object('reference_number', c.reference_number, 'deadline', c.deadline)
                 FROM p, cases c JOIN departments d ON d.id = c.department_id
                 WHERE {OPEN} AND {range}"
            )
        }
        // Payments may be partial (or corrected by a negative line): owed = claim - their sum.
        _ => "SELECT key, kind, case_id, recipient,
                    json_object('reference_number', ref, 'due_on', due_on, 'owed_czk', amount - paid)
             FROM (SELECT 'fee:' || f.id || ':' || f.due_on AS key, 'fee_due' AS kind, f.case_id,
                          'citizen:' || c.citizen_id AS recipient, c.reference_number AS ref, f.due_on,
                          f.amount_czk AS amount,
                          (SELECT coalesce(sum(amount_czk), 0) FROM payments WHERE claim_id = f.id) AS paid
                   FROM p, fee_claims f JOIN cases c ON c.id = f.case_id
                   WHERE f.due_on <= p.today AND c.citizen_id IS NOT NULL)
             WHERE amount > paid"
            .to_owned(),
    }
}

impl Tx<'_> {
    /// Generates every notice due as of `today` (warning period up to `soon`) into the outbox.
    pub fn generate_notices(&self, now: &str, today: &str, soon: &str) -> Result<WatchdogCounts, StoreError> {
        let mark: i64 = self.meta(HISTORY_MARK)?.and_then(|m| m.parse().ok()).unwrap_or(0);
        let args = rusqlite::params![now, today, soon, mark];
        let mut counts = WatchdogCounts::default();
        for (kind, slot) in [
            ("status_changed", &mut counts.status_changed),
            ("deadline_near", &mut counts.deadline_near),
            ("overdue", &mut counts.overdue),
            ("fee_due", &mut counts.fee_due),
        ] {
            let sql = candidates(kind);
            let due: i64 = self.query_row(&format!("{WITH_P} SELECT count(*) FROM ({sql})"), args, |r| r.get(0))?;
            // `WHERE true`: SQLite's grammar needs it between a SELECT and its upsert clause.
            let new = self.execute(
                &format!(
                    "{WITH_P} INSERT INTO outbox (key, kind, case_id, recipient, payload, created_at)
                     SELECT n.*, (SELECT now FROM p) FROM ({sql}) n WHERE true
                     ON CONFLICT (key) DO NOTHING"
                ),
                args,
            )?;
            let new = u64::try_from(new).unwrap_or(0);
            *slot = NoticeCounts { new, already: u64::try_from(due).unwrap_or(0).saturating_sub(new) };
        }
        let top: i64 = self.query_row("SELECT coalesce(max(id), 0) FROM case_history", [], |r| r.get(0))?;
        self.set_meta(HISTORY_MARK, &top.to_string())?;
        Ok(counts)
    }

    /// Open cases near (by `soon`) or past their deadline per department and official.
    pub fn watchdog_counts(
        &self,
        today: &str,
        soon: &str,
        department_id: Option<i64>,
    ) -> Result<Vec<WatchdogCount>, StoreError> {
        let mut stmt = self.prepare_cached(&format!(
            "SELECT d.code, u.username, sum(c.deadline >= ?1), sum(c.deadline < ?1)
             FROM cases c JOIN departments d ON d.id = c.department_id LEFT JOIN users u ON u.id = c.assignee_id
             WHERE {OPEN} AND c.deadline <= ?2 AND (?3 IS NULL OR c.department_id = ?3)
             GROUP BY d.code, u.username"
        ))?;
        let rows = stmt.query_map(rusqlite::params![today, soon, department_id], |r| {
            Ok(WatchdogCount { department: r.get(0)?, official: r.get(1)?, due_soon: r.get(2)?, overdue: r.get(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
