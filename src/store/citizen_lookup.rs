//! Finding a citizen before filing: by id, by birth number, and the possible duplicates of a new
//! one (same birth date; the desk compares the names diacritics-insensitively).

use super::citizens::CitizenRow;
use super::{StoreError, Tx};
use crate::domain::ids::CitizenId;
use rusqlite::{OptionalExtension, Row};

const SELECT: &str = "SELECT id, given_name, family_name, birth_date, birth_number, phone, email, street, city,
        postcode FROM citizens";

fn row(r: &Row<'_>) -> rusqlite::Result<CitizenRow> {
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

impl Tx<'_> {
    /// # Errors
    /// A failing query.
    pub fn citizen(&self, id: CitizenId) -> Result<Option<CitizenRow>, StoreError> {
        Ok(self.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?.query_row([id.0], row).optional()?)
    }

    /// `digits`: the birth number without the slash, as stored.
    ///
    /// # Errors
    /// A failing query.
    pub fn citizen_by_birth_number(&self, digits: &str) -> Result<Option<CitizenRow>, StoreError> {
        Ok(self.prepare_cached(&format!("{SELECT} WHERE birth_number = ?1"))?.query_row([digits], row).optional()?)
    }

    /// Citizens born on `birth_date` (ISO), at most 200.
    ///
    /// # Errors
    /// A failing query.
    pub fn citizens_born_on(&self, birth_date: &str) -> Result<Vec<CitizenRow>, StoreError> {
        let mut stmt = self.prepare_cached(&format!("{SELECT} WHERE birth_date = ?1 ORDER BY id LIMIT 200"))?;
        let rows = stmt.query_map([birth_date], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
