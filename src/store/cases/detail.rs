//! A case as the detail view shows it: the header, the history timeline with user names, the
//! attachments and the linked cases.

use crate::domain::case::CaseStatus;
use crate::domain::ids::{CaseId, CitizenId};
use crate::store::{StoreError, Tx};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// The case row with the names the view needs.
#[derive(Debug, Clone, Serialize)]
pub struct CaseHeader {
    pub id: CaseId,
    pub reference_number: String,
    pub status: CaseStatus,
    pub version: i64,
    pub channel: String,
    pub situation_code: String,
    pub situation_name_cs: String,
    pub department_code: String,
    pub assignee: Option<String>,
    pub citizen_id: Option<CitizenId>,
    pub subject: String,
    pub note: String,
    pub form_data: String,
    pub filed_at: String,
    pub filed_by: String,
    pub received_on: String,
    pub deadline: Option<String>,
    pub period_days: u32,
    pub complex: bool,
    pub outcome: String,
    pub forwarded_to: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    pub at: String,
    pub user: String,
    pub full_name: String,
    pub event: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub detail: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentRow {
    pub name: String,
    pub size: i64,
    pub sha256: String,
    pub added_at: String,
}

/// An attachment from `name, size, sha256, added_at` starting at column `at`.
pub(crate) fn attachment_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<AttachmentRow> {
    Ok(AttachmentRow { name: r.get(at)?, size: r.get(at + 1)?, sha256: r.get(at + 2)?, added_at: r.get(at + 3)? })
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkRow {
    pub reference_number: String,
    pub status: CaseStatus,
    pub at: String,
}

impl Tx<'_> {
    pub fn case_header(&self, id: CaseId) -> Result<Option<CaseHeader>, StoreError> {
        Ok(self
            .prepare_cached(
                "SELECT c.id, c.reference_number, c.status, c.version, c.channel, s.code, s.name_cs, d.code,
                        a.username, c.citizen_id, c.subject, c.note, c.form_data, c.filed_at, f.username,
                        c.received_on, c.deadline, c.period_days, c.complex, c.outcome, c.forwarded_to, c.updated_at
                 FROM cases c
                 JOIN situations s ON s.id = c.situation_id
                 JOIN departments d ON d.id = c.department_id
                 JOIN users f ON f.id = c.filed_by
                 LEFT JOIN users a ON a.id = c.assignee_id
                 WHERE c.id = ?1",
            )?
            .query_row([id.0], |r| {
                Ok(CaseHeader {
                    id: CaseId(r.get(0)?),
                    reference_number: r.get(1)?,
                    status: r.get(2)?,
                    version: r.get(3)?,
                    channel: r.get(4)?,
                    situation_code: r.get(5)?,
                    situation_name_cs: r.get(6)?,
                    department_code: r.get(7)?,
                    assignee: r.get(8)?,
                    citizen_id: r.get::<_, Option<i64>>(9)?.map(CitizenId),
                    subject: r.get(10)?,
                    note: r.get(11)?,
                    form_data: r.get(12)?,
                    filed_at: r.get(13)?,
                    filed_by: r.get(14)?,
                    received_on: r.get(15)?,
                    deadline: r.get(16)?,
                    period_days: r.get(17)?,
                    complex: r.get(18)?,
                    outcome: r.get(19)?,
                    forwarded_to: r.get(20)?,
                    updated_at: r.get(21)?,
                })
            })
            .optional()?)
    }

    /// The whole history, oldest first.
    pub fn case_history(&self, id: CaseId) -> Result<Vec<HistoryRow>, StoreError> {
        let mut stmt = self.prepare_cached(
            "SELECT h.at, u.username, u.full_name, h.event, h.from_status, h.to_status, h.detail, h.reason
             FROM case_history h JOIN users u ON u.id = h.user_id WHERE h.case_id = ?1 ORDER BY h.id",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(HistoryRow {
                at: r.get(0)?,
                user: r.get(1)?,
                full_name: r.get(2)?,
                event: r.get(3)?,
                from_status: r.get(4)?,
                to_status: r.get(5)?,
                detail: r.get(6)?,
                reason: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn attachments(&self, id: CaseId) -> Result<Vec<AttachmentRow>, StoreError> {
        let mut stmt =
            self.prepare_cached("SELECT name, size, sha256, added_at FROM attachments WHERE case_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([id.0], |r| attachment_row(r, 0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The cases linked to this one, whichever side the link was made from.
    pub fn case_links(&self, id: CaseId) -> Result<Vec<LinkRow>, StoreError> {
        let mut stmt = self.prepare_cached(
            "SELECT c.reference_number, c.status, l.at FROM case_links l
             JOIN cases c ON c.id = CASE WHEN l.case_id = ?1 THEN l.linked_id ELSE l.case_id END
             WHERE l.case_id = ?1 OR l.linked_id = ?1 ORDER BY l.at, c.id",
        )?;
        let rows =
            stmt.query_map([id.0], |r| Ok(LinkRow { reference_number: r.get(0)?, status: r.get(1)?, at: r.get(2)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
