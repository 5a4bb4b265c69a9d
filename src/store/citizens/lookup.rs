//! Finding a citizen before filing: by id, by birth number, and the possible duplicates of a new
//! one (same birth date; the desk compares the names diacritics-insensitively).

use super::CitizenRow;
use crate::domain::ids::CitizenId;
use crate::store::{StoreError, Tx};
use rusqlite::OptionalExtension;

use super::{CITIZEN_COLUMNS, citizen_row as row};

impl Tx<'_> {
    pub fn citizen(&self, id: CitizenId) -> Result<Option<CitizenRow>, StoreError> {
        Ok(self
            .prepare_cached(&format!("SELECT {CITIZEN_COLUMNS} FROM citizens WHERE id = ?1"))?
            .query_row([id.0], row)
            .optional()?)
    }

    /// `digits`: the birth number without the slash, as stored.
    pub fn citizen_by_birth_number(&self, digits: &str) -> Result<Option<CitizenRow>, StoreError> {
        Ok(self
            .prepare_cached(&format!("SELECT {CITIZEN_COLUMNS} FROM citizens WHERE birth_number = ?1"))?
            .query_row([digits], row)
            .optional()?)
    }

    /// Citizens born on `birth_date` (ISO), at most 200.
    pub fn citizens_born_on(&self, birth_date: &str) -> Result<Vec<CitizenRow>, StoreError> {
        let mut stmt = self.prepare_cached(&format!(
            "SELECT {CITIZEN_COLUMNS} FROM citizens WHERE birth_date = ?1 ORDER BY id LIMIT 200"
        ))?;
        let rows = stmt.query_map([birth_date], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The first (lowest id) citizen born on a day whose names `same(family, given, has birth
    /// number)` accepts, read from the birth-date index alone (migration 0008), the names compared
    /// where they lie, without copying them: matching a portal filer in bulk.
    pub fn first_born_on_named(
        &self,
        birth_date: &str,
        same: &dyn Fn(&str, &str, bool) -> bool,
    ) -> Result<Option<crate::domain::ids::CitizenId>, StoreError> {
        let mut stmt = self.prepare_cached(
            "SELECT id, family_name, given_name, birth_number IS NOT NULL FROM citizens INDEXED BY citizens_birth_date
             WHERE birth_date = ?1",
        )?;
        let mut rows = stmt.query([birth_date])?;
        let mut first: Option<i64> = None;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if first.is_some_and(|f| f < id) {
                continue;
            }
            let family = r.get_ref(1)?.as_str().map_err(|e| StoreError::Corrupt(format!("citizen #{id}: {e}")))?;
            let given = r.get_ref(2)?.as_str().map_err(|e| StoreError::Corrupt(format!("citizen #{id}: {e}")))?;
            if same(family, given, r.get(3)?) {
                first = Some(id);
            }
        }
        Ok(first.map(crate::domain::ids::CitizenId))
    }
}
