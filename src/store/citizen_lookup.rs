//! Finding a citizen before filing: by id, by birth number, and the possible duplicates of a new
//! one (same birth date; the desk compares the names diacritics-insensitively).

use super::citizens::CitizenRow;
use super::{StoreError, Tx};
use crate::domain::ids::CitizenId;
use rusqlite::OptionalExtension;

use super::citizens::{CITIZEN_COLUMNS, citizen_row as row};

impl Tx<'_> {
    /// # Errors
    /// A failing query.
    pub fn citizen(&self, id: CitizenId) -> Result<Option<CitizenRow>, StoreError> {
        Ok(self
            .prepare_cached(&format!("SELECT {CITIZEN_COLUMNS} FROM citizens WHERE id = ?1"))?
            .query_row([id.0], row)
            .optional()?)
    }

    /// `digits`: the birth number without the slash, as stored.
    ///
    /// # Errors
    /// A failing query.
    pub fn citizen_by_birth_number(&self, digits: &str) -> Result<Option<CitizenRow>, StoreError> {
        Ok(self
            .prepare_cached(&format!("SELECT {CITIZEN_COLUMNS} FROM citizens WHERE birth_number = ?1"))?
            .query_row([digits], row)
            .optional()?)
    }

    /// Citizens born on `birth_date` (ISO), at most 200.
    ///
    /// # Errors
    /// A failing query.
    pub fn citizens_born_on(&self, birth_date: &str) -> Result<Vec<CitizenRow>, StoreError> {
        let mut stmt = self.prepare_cached(&format!(
            "SELECT {CITIZEN_COLUMNS} FROM citizens WHERE birth_date = ?1 ORDER BY id LIMIT 200"
        ))?;
        let rows = stmt.query_map([birth_date], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
