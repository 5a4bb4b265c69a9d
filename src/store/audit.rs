//! The audit log: append-only and hash-chained, enforced by triggers in the schema (see
//! `store::chain`): a line takes the next id and the hash over it and the line before.

use super::{StoreError, Tx};
use crate::domain::ids::UserId;
use rusqlite::params;
use serde::Serialize;

/// One line to append: who, what, on which record, and why.
#[derive(Debug, Clone, Default)]
pub struct NewAudit<'a> {
    pub at: String,
    pub user_id: Option<UserId>,
    /// The account's name, or "ADMIN acting as NAME" when an administrator acts for it.
    pub actor: std::borrow::Cow<'a, str>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub detail: String,
    pub reason: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub detail: String,
    pub reason: String,
}

impl Tx<'_> {
    /// Appends one line to the audit log.
    pub fn audit(&self, a: &NewAudit<'_>) -> Result<(), StoreError> {
        self.prepare_cached(
            "INSERT INTO audit_log (id, at, user_id, actor, action, entity, entity_id, detail, reason, hash)
             SELECT n.id, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                    clerkdesk_chain('audit_log', n.prev, n.id, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             FROM (SELECT coalesce((SELECT max(id) FROM audit_log), 0) + 1 AS id,
                          (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS prev) n",
        )?
        .execute(params![
            a.at,
            a.user_id.map(|u| u.0),
            a.actor,
            a.action,
            a.entity,
            a.entity_id,
            a.detail,
            a.reason
        ])?;
        Ok(())
    }

    /// The newest `limit` audit lines, newest first.
    pub fn audit_tail(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let mut stmt = self.prepare(
            "SELECT id, at, actor, action, entity, entity_id, detail, reason
             FROM audit_log ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                detail: r.get(6)?,
                reason: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
