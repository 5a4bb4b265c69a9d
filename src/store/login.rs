//! Failed logins per account name and per terminal: how many since the last success, the instant
//! before which another attempt is refused, and whether the account name is locked out.

use super::{StoreError, Tx};
use rusqlite::{OptionalExtension, params};

/// One throttled key (`account:NAME` or `terminal:PATH`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThrottleRow {
    pub key: String,
    pub failures: u32,
    /// RFC 3339 UTC, as stored.
    pub not_before: String,
    pub locked_at: Option<String>,
}

impl Tx<'_> {
    pub fn login_throttle(&self, key: &str) -> Result<Option<ThrottleRow>, StoreError> {
        Ok(self
            .query_row("SELECT key, failures, not_before, locked_at FROM login_throttle WHERE key = ?1", [key], |r| {
                Ok(ThrottleRow { key: r.get(0)?, failures: r.get(1)?, not_before: r.get(2)?, locked_at: r.get(3)? })
            })
            .optional()?)
    }

    /// Writes the key's state after a failed attempt.
    pub fn set_login_throttle(&self, t: &ThrottleRow) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO login_throttle (key, failures, not_before, locked_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (key) DO UPDATE SET failures = ?2, not_before = ?3, locked_at = ?4",
            params![t.key, t.failures, t.not_before, t.locked_at],
        )?;
        Ok(())
    }

    /// Forgets a key's failures (a successful login, or an administrator's unlock); whether there
    /// were any.
    pub fn clear_login_throttle(&self, key: &str) -> Result<bool, StoreError> {
        Ok(self.execute("DELETE FROM login_throttle WHERE key = ?1", [key])? > 0)
    }

    /// The account names locked out now (`account:` keys with a lock), for `user list`.
    pub fn locked_accounts(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.prepare(
            "SELECT substr(key, 9) FROM login_throttle WHERE key LIKE 'account:%' AND locked_at IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
