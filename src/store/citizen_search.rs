//! Finding a citizen as the clerk types: the newest matches of one index, at most `cap` of them;
//! the desk sorts them the Czech way (a collation over thousands of matches would cost more than
//! the search).

use super::{CitizenRow, StoreError, Tx};
use crate::domain::ids::CitizenId;

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

const COLUMNS: &str = "id, given_name, family_name, birth_date, birth_number, phone, email, street, city, postcode";

impl Tx<'_> {
    /// The newest `cap` citizens the probe matches, in no particular order.
    ///
    /// # Errors
    /// A failing query.
    pub fn search_citizens(&self, probe: &CitizenProbe, cap: u32) -> Result<Vec<CitizenRow>, StoreError> {
        let (sql, arg) = match probe {
            CitizenProbe::Words(e) => (
                format!(
                    "SELECT {COLUMNS} FROM citizens WHERE id IN
                     (SELECT rowid FROM citizens_fts WHERE citizens_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)"
                ),
                e,
            ),
            CitizenProbe::Fragment(e) => (
                format!(
                    "SELECT {COLUMNS} FROM citizens WHERE id IN
                     (SELECT rowid FROM citizens_tri WHERE citizens_tri MATCH ?1 ORDER BY rowid DESC LIMIT ?2)"
                ),
                e,
            ),
            CitizenProbe::BirthDate(d) => {
                (format!("SELECT {COLUMNS} FROM citizens WHERE birth_date = ?1 ORDER BY id DESC LIMIT ?2"), d)
            }
        };
        let mut stmt = self.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![arg, cap], citizen_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// # Errors
    /// A failing query.
    pub fn citizen_by_id(&self, id: CitizenId) -> Result<Option<CitizenRow>, StoreError> {
        let mut stmt = self.prepare_cached(&format!("SELECT {COLUMNS} FROM citizens WHERE id = ?1"))?;
        let mut rows = stmt.query_map([id.0], citizen_row)?;
        Ok(rows.next().transpose()?)
    }
}

fn citizen_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CitizenRow> {
    Ok(CitizenRow {
        id: CitizenId(r.get(0)?),
        given_name: r.get(1)?,
        family_name: r.get(2)?,
        birth_date: r.get(3)?,
        birth_number: r.get(4)?,
        phone: r.get(5)?,
        email: r.get(6)?,
        street: r.get(7)?,
        city: r.get(8)?,
        postcode: r.get(9)?,
    })
}
