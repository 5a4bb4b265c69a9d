//! Finding a citizen as the clerk types: the newest matches of one index, at most `cap` of them;
//! the desk sorts them the Czech way (a collation over thousands of matches would cost more than
//! the search).

use super::{CITIZEN_COLUMNS, citizen_row};
use crate::store::{CitizenRow, StoreError, Tx};

/// What the clerk typed, as the desk read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitizenProbe {
    /// An FTS5 expression over `citizens_fts` (names and address words).
    Words(String),
    /// An FTS5 expression over `citizens_tri` (birth-number and phone fragments).
    Fragment(String),
    /// An ISO birth date.
    BirthDate(String),
}

impl Tx<'_> {
    /// The newest `cap` citizens the probe matches, in no particular order.
    pub fn search_citizens(&self, probe: &CitizenProbe, cap: u32) -> Result<Vec<CitizenRow>, StoreError> {
        let (sql, arg) = match probe {
            CitizenProbe::Words(e) => (
                format!(
                    "SELECT {CITIZEN_COLUMNS} FROM citizens WHERE id IN
                     (SELECT rowid FROM citizens_fts WHERE citizens_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)"
                ),
                e,
            ),
            CitizenProbe::Fragment(e) => (
                format!(
                    "SELECT {CITIZEN_COLUMNS} FROM citizens WHERE id IN
                     (SELECT rowid FROM citizens_tri WHERE citizens_tri MATCH ?1 ORDER BY rowid DESC LIMIT ?2)"
                ),
                e,
            ),
            CitizenProbe::BirthDate(d) => {
                (format!("SELECT {CITIZEN_COLUMNS} FROM citizens WHERE birth_date = ?1 ORDER BY id DESC LIMIT ?2"), d)
            }
        };
        let mut stmt = self.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![arg, cap], citizen_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
