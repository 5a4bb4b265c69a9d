//! The rejections of a portal import run (migration 0009), kept with the batch they belong to, so
//! a run resumed after an interruption lists, and writes to its rejects file, those made before.

use crate::store::{StoreError, Tx};
use rusqlite::params;

/// A rejection to keep, in the transaction of its batch.
pub struct NewRejection<'a> {
    pub run_id: i64,
    /// The record's index in the file (from 1) and the line it starts on.
    pub index: u64,
    pub line: u64,
    pub field: &'a str,
    pub reason: &'a str,
}

/// A rejection as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptRejection {
    pub index: u64,
    pub line: u64,
    pub field: String,
    pub reason: String,
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Tx<'_> {
    /// Keeps one rejection of a run: one cached statement, so only rejected records cost a row.
    pub fn insert_import_rejection(&self, r: &NewRejection<'_>) -> Result<(), StoreError> {
        self.prepare_cached(
            "INSERT INTO import_rejections (run_id, record_index, line, field, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![r.run_id, to_i64(r.index), to_i64(r.line), r.field, r.reason])?;
        Ok(())
    }

    /// The rejections kept for a run, in record order, handed to `f` one at a time (a run may
    /// have rejected millions) until it returns `false`.
    ///
    /// # Errors
    /// A failing query, or what `f` returns.
    pub fn each_import_rejection<E: From<StoreError>>(
        &self,
        run_id: i64,
        mut f: impl FnMut(KeptRejection) -> Result<bool, E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .prepare_cached(
                "SELECT record_index, line, field, reason FROM import_rejections
                 WHERE run_id = ?1 ORDER BY record_index, id",
            )
            .map_err(StoreError::from)?;
        let rows = stmt
            .query_map([run_id], |r| {
                Ok(KeptRejection {
                    index: to_u64(r.get(0)?),
                    line: to_u64(r.get(1)?),
                    field: r.get(2)?,
                    reason: r.get(3)?,
                })
            })
            .map_err(StoreError::from)?;
        for row in rows {
            if !f(row.map_err(StoreError::from)?)? {
                break;
            }
        }
        Ok(())
    }
}
