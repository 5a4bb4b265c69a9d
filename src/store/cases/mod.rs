//! Cases, their reference numbers and their append-only history.

pub mod detail;
pub mod list;
pub mod work;
use super::{StoreError, Tx};
use crate::domain::ids::{CaseId, CitizenId, DepartmentId, SituationId, UserId};
use rusqlite::params;

pub struct NewCaseRow<'a> {
    pub reference_number: &'a str,
    pub office_id: i64,
    pub ref_year: i32,
    pub ref_seq: u64,
    pub citizen_id: Option<CitizenId>,
    pub situation_id: SituationId,
    pub department_id: DepartmentId,
    pub status: &'a str,
    pub channel: &'a str,
    pub subject: &'a str,
    pub form_data: &'a str,
    pub note: &'a str,
    pub filed_at: &'a str,
    pub filed_by: UserId,
    pub received_on: &'a str,
    pub deadline: Option<&'a str>,
    /// The statutory period in days the deadline counts.
    pub period_days: u32,
    /// The portal's id of an imported filing, and whether its filer is an identified portal user.
    pub portal_id: Option<&'a str>,
    pub portal_identified: bool,
    /// When the citizen submitted it on the portal (RFC 3339 UTC), for the export to write back.
    pub portal_submitted_at: Option<&'a str>,
}

impl Tx<'_> {
    /// The office's id, made from the configuration the first time it files.
    pub fn office_id(&self, designation: &str, name: &str) -> Result<i64, StoreError> {
        self.prepare_cached(
            "INSERT INTO offices (designation, name) VALUES (?1, ?2) ON CONFLICT (designation) DO NOTHING",
        )?
        .execute([designation, name])?;
        Ok(self
            .prepare_cached("SELECT id FROM offices WHERE designation = ?1")?
            .query_row([designation], |r| r.get(0))?)
    }

    /// Takes the next number of the office's sequence for `year`. Inside the transaction that
    /// inserts the case, so a rolled-back filing gives its number back: the sequence stays
    /// gap-free, and `BEGIN IMMEDIATE` makes concurrent clerks take turns.
    pub fn next_ref_seq(&self, office_id: i64, year: i32) -> Result<u64, StoreError> {
        let last: i64 = self
            .prepare_cached(
                "INSERT INTO ref_sequences (office_id, year, last) VALUES (?1, ?2, 1)
                 ON CONFLICT (office_id, year) DO UPDATE SET last = last + 1 RETURNING last",
            )?
            .query_row(params![office_id, year], |r| r.get(0))?;
        u64::try_from(last).map_err(|_| StoreError::Corrupt(format!("reference sequence of {year} is {last}")))
    }

    /// # Errors
    /// A duplicate reference number or a failing insert.
    pub fn insert_case(&self, c: &NewCaseRow<'_>) -> Result<CaseId, StoreError> {
        self.prepare_cached(
            "INSERT INTO cases (reference_number, ref_year, ref_seq, citizen_id, situation_id, department_id,
                                status, channel, subject, form_data, note, filed_at, filed_by, received_on,
                                deadline, updated_at, office_id, period_days, portal_id, portal_identified,
                                portal_submitted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?12, ?16, ?17, ?18, ?19, ?20)",
        )?
        .execute(params![
            c.reference_number,
            c.ref_year,
            i64::try_from(c.ref_seq).map_err(|_| StoreError::Corrupt("sequence overflow".into()))?,
            c.citizen_id.map(|i| i.0),
            c.situation_id.0,
            c.department_id.0,
            c.status,
            c.channel,
            c.subject,
            c.form_data,
            c.note,
            c.filed_at,
            c.filed_by.0,
            c.received_on,
            c.deadline,
            c.office_id,
            c.period_days,
            c.portal_id,
            i64::from(c.portal_identified),
            c.portal_submitted_at
        ])?;
        Ok(CaseId(self.last_insert_rowid()))
    }

    /// Appends one event to a case's history, chained to the event before it (`store::chain`).
    #[allow(clippy::too_many_arguments, reason = "the columns of one row, each named at the call")]
    pub fn insert_history(
        &self,
        case: CaseId,
        at: &str,
        user: UserId,
        event: &str,
        from_status: Option<&str>,
        to_status: Option<&str>,
        detail: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.prepare_cached(
            "INSERT INTO case_history (id, case_id, at, user_id, event, from_status, to_status, detail, reason, hash)
             SELECT n.id, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                    clerkdesk_chain('case_history', n.prev, n.id, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             FROM (SELECT coalesce((SELECT max(id) FROM case_history), 0) + 1 AS id,
                          (SELECT hash FROM case_history ORDER BY id DESC LIMIT 1) AS prev) n",
        )?
        .execute(params![case.0, at, user.0, event, from_status, to_status, detail, reason])?;
        Ok(())
    }

    /// The situation's id, department (id and code) and deadline in days, for a new filing.
    pub fn situation_for_filing(
        &self,
        code: &str,
    ) -> Result<Option<(SituationId, DepartmentId, String, u32)>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .prepare_cached(
                "SELECT s.id, s.department_id, d.code, s.deadline_days FROM situations s
                 JOIN departments d ON d.id = s.department_id WHERE s.code = ?1 AND s.active = 1",
            )?
            .query_row([code], |r| Ok((SituationId(r.get(0)?), DepartmentId(r.get(1)?), r.get(2)?, r.get(3)?)))
            .optional()?)
    }

    pub fn citizen_exists(&self, id: CitizenId) -> Result<bool, StoreError> {
        Ok(self.prepare_cached("SELECT 1 FROM citizens WHERE id = ?1")?.exists([id.0])?)
    }

    /// Sets a case's status (and assignee) directly: only the demo generator uses this; clerks'
    /// transitions go through the lifecycle rules.
    pub fn demo_set_case_status(
        &self,
        id: CaseId,
        status: &str,
        assignee: Option<UserId>,
        now: &str,
    ) -> Result<(), StoreError> {
        self.prepare_cached(
            "UPDATE cases SET status = ?2, assignee_id = coalesce(?3, assignee_id), updated_at = ?4,
                              version = version + 1 WHERE id = ?1",
        )?
        .execute(params![id.0, status, assignee.map(|u| u.0), now])?;
        Ok(())
    }

    /// Counts of cases per status, for the dashboard.
    pub fn case_counts_by_status(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let mut stmt = self.prepare("SELECT status, count(*) FROM cases GROUP BY status ORDER BY status")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// (overdue, due by `soon`) among open cases whose deadline runs, as of `today`.
    pub fn deadline_counts(&self, today: &str, soon: &str) -> Result<(i64, i64), StoreError> {
        Ok(self.query_row(
            "SELECT coalesce(sum(deadline < ?1), 0), coalesce(sum(deadline >= ?1 AND deadline <= ?2), 0)
             FROM cases WHERE status IN ('received', 'assigned', 'in_progress') AND deadline IS NOT NULL",
            [today, soon],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }
}
