//! Working a case: its current state, the guarded update that bumps its version, the deadline
//! clock's suspensions, links and attachments.

use crate::domain::case::CaseStatus;
use crate::domain::catalogue::FormField;
use crate::domain::ids::{CaseId, DepartmentId, SituationId, UserId};
use crate::store::{StoreError, Tx};
use rusqlite::{OptionalExtension, Row, params};

/// What the lifecycle rules need to know about a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseState {
    pub id: CaseId,
    pub reference_number: String,
    pub status: CaseStatus,
    pub version: i64,
    pub department_id: DepartmentId,
    pub department_code: String,
    pub assignee_id: Option<UserId>,
    pub complex: bool,
    pub received_on: String,
    pub period_days: u32,
    pub deadline: Option<String>,
    pub outcome: String,
    pub forwarded_to: String,
}

/// The columns an action may change; the rest of the row stays as it is.
#[derive(Debug, Clone)]
pub struct CaseUpdate<'a> {
    pub status: &'a str,
    pub department_id: DepartmentId,
    pub assignee_id: Option<UserId>,
    pub complex: bool,
    pub deadline: Option<&'a str>,
    pub outcome: &'a str,
    pub forwarded_to: &'a str,
    pub updated_at: &'a str,
}

/// One period the deadline clock stood still.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SuspensionRow {
    pub from_date: String,
    pub to_date: Option<String>,
    pub reason: String,
}

const STATE: &str = "SELECT c.id, c.reference_number, c.status, c.version, c.department_id, d.code, c.assignee_id,
        c.complex, c.received_on, c.period_days, c.deadline, c.outcome, c.forwarded_to
    FROM cases c JOIN departments d ON d.id = c.department_id";

fn state(r: &Row<'_>) -> rusqlite::Result<CaseState> {
    Ok(CaseState {
        id: CaseId(r.get(0)?),
        reference_number: r.get(1)?,
        status: r.get(2)?,
        version: r.get(3)?,
        department_id: DepartmentId(r.get(4)?),
        department_code: r.get(5)?,
        assignee_id: r.get::<_, Option<i64>>(6)?.map(UserId),
        complex: r.get(7)?,
        received_on: r.get(8)?,
        period_days: r.get(9)?,
        deadline: r.get(10)?,
        outcome: r.get(11)?,
        forwarded_to: r.get(12)?,
    })
}

impl Tx<'_> {
    /// A situation's form fields and fee, for a new filing.
    ///
    /// # Errors
    /// A failing query or a damaged fields column.
    pub fn situation_terms(&self, id: SituationId) -> Result<(Vec<FormField>, u32), StoreError> {
        let (fields, fee): (String, u32) = self
            .prepare_cached("SELECT fields, fee_czk FROM situations WHERE id = ?1")?
            .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let fields = serde_json::from_str(&fields)
            .map_err(|e| StoreError::Corrupt(format!("form fields of situation {id}: {e}")))?;
        Ok((fields, fee))
    }

    pub fn case_state(&self, reference: &str) -> Result<Option<CaseState>, StoreError> {
        Ok(self
            .prepare_cached(&format!("{STATE} WHERE c.reference_number = ?1"))?
            .query_row([reference], state)
            .optional()?)
    }

    pub fn case_state_by_id(&self, id: CaseId) -> Result<Option<CaseState>, StoreError> {
        Ok(self.prepare_cached(&format!("{STATE} WHERE c.id = ?1"))?.query_row([id.0], state).optional()?)
    }

    /// Writes the action's result only if nobody changed the case since `version` was read, and
    /// bumps the version. `false` means someone did: nothing was written.
    pub fn update_case_state(&self, id: CaseId, version: i64, u: &CaseUpdate<'_>) -> Result<bool, StoreError> {
        let n = self
            .prepare_cached(
                "UPDATE cases SET status = ?3, department_id = ?4, assignee_id = ?5, complex = ?6, deadline = ?7,
                                  outcome = ?8, forwarded_to = ?9, updated_at = ?10, version = version + 1
                 WHERE id = ?1 AND version = ?2",
            )?
            .execute(params![
                id.0,
                version,
                u.status,
                u.department_id.0,
                u.assignee_id.map(|a| a.0),
                u.complex,
                u.deadline,
                u.outcome,
                u.forwarded_to,
                u.updated_at
            ])?;
        Ok(n == 1)
    }

    /// Who changed the case last and when (RFC 3339), from its history.
    pub fn last_case_change(&self, id: CaseId) -> Result<Option<(String, String)>, StoreError> {
        Ok(self
            .prepare_cached(
                "SELECT h.at, u.full_name FROM case_history h JOIN users u ON u.id = h.user_id
                 WHERE h.case_id = ?1 ORDER BY h.id DESC LIMIT 1",
            )?
            .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Stops the clock from `from` on.
    ///
    /// # Errors
    /// An open suspension already exists (unique) or a failing insert.
    pub fn open_suspension(&self, case: CaseId, from: &str, reason: &str) -> Result<(), StoreError> {
        self.prepare_cached("INSERT INTO case_suspensions (case_id, from_date, reason) VALUES (?1, ?2, ?3)")?
            .execute(params![case.0, from, reason])?;
        Ok(())
    }

    /// Ends the open suspension on `to` (inclusive); `false` when none was open.
    pub fn close_suspension(&self, case: CaseId, to: &str) -> Result<bool, StoreError> {
        let n = self
            .prepare_cached(
                "UPDATE case_suspensions SET to_date = max(?2, from_date) WHERE case_id = ?1 AND to_date IS NULL",
            )?
            .execute(params![case.0, to])?;
        Ok(n == 1)
    }

    pub fn suspensions(&self, case: CaseId) -> Result<Vec<SuspensionRow>, StoreError> {
        let mut stmt = self.prepare_cached(
            "SELECT from_date, to_date, reason FROM case_suspensions WHERE case_id = ?1 ORDER BY from_date, id",
        )?;
        let rows = stmt.query_map([case.0], |r| {
            Ok(SuspensionRow { from_date: r.get(0)?, to_date: r.get(1)?, reason: r.get(2)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Links two cases; `false` when they already were (either way round).
    pub fn insert_link(&self, a: CaseId, b: CaseId, at: &str, user: UserId) -> Result<bool, StoreError> {
        let exists = self
            .prepare_cached(
                "SELECT 1 FROM case_links WHERE (case_id = ?1 AND linked_id = ?2) OR (case_id = ?2 AND linked_id = ?1)",
            )?
            .exists(params![a.0, b.0])?;
        if exists {
            return Ok(false);
        }
        self.prepare_cached("INSERT INTO case_links (case_id, linked_id, at, user_id) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![a.0, b.0, at, user.0])?;
        Ok(true)
    }

    /// Records a document the citizen handed over.
    pub fn insert_attachment(
        &self,
        case: CaseId,
        name: &str,
        size: u64,
        sha256: &str,
        at: &str,
        user: UserId,
    ) -> Result<(), StoreError> {
        let size = i64::try_from(size).map_err(|_| StoreError::Corrupt(format!("attachment size {size}")))?;
        self.prepare_cached(
            "INSERT INTO attachments (case_id, name, size, sha256, added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![case.0, name, size, sha256, at, user.0])?;
        Ok(())
    }

    /// A department's code, for messages.
    pub fn department_code_of(&self, id: DepartmentId) -> Result<Option<String>, StoreError> {
        Ok(self
            .prepare_cached("SELECT code FROM departments WHERE id = ?1")?
            .query_row([id.0], |r| r.get(0))
            .optional()?)
    }
}
