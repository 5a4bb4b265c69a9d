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

    /// The citizens born on a day, as [`Tx::citizens_born_on`] but read from the birth-date index
    /// alone: id, names, birth date and birth number; the contact and address fields are empty.
    /// For matching by name and birth date in bulk (migration 0008).
    ///
    /// # Errors
    /// A failing query.
    pub fn citizen_names_born_on(&self, birth_date: &str) -> Result<Vec<super::CitizenRow>, StoreError> {
        let mut stmt = self.prepare_cached(
            "SELECT id, given_name, family_name, birth_date, birth_number FROM citizens INDEXED BY citizens_birth_date
             WHERE birth_date = ?1 ORDER BY id LIMIT 200",
        )?;
        let rows = stmt.query_map([birth_date], |r| {
            Ok(super::CitizenRow {
                id: crate::domain::ids::CitizenId(r.get(0)?),
                given_name: r.get(1)?,
                family_name: r.get(2)?,
                birth_date: r.get(3)?,
                birth_number: r.get(4)?,
                phone: String::new(),
                email: String::new(),
                street: String::new(),
                city: String::new(),
                postcode: String::new(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
