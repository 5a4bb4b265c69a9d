//! Citizens: the people who file.

pub mod lookup;
pub mod search;
use super::{StoreError, Tx};
use crate::domain::ids::CitizenId;
use rusqlite::params;
use serde::Serialize;

pub struct NewCitizen<'a> {
    pub given_name: &'a str,
    pub family_name: &'a str,
    /// ISO 8601 date.
    pub birth_date: &'a str,
    /// Digits only.
    pub birth_number: Option<&'a str>,
    /// E.164, or empty.
    pub phone: &'a str,
    pub email: &'a str,
    pub street: &'a str,
    pub city: &'a str,
    pub postcode: &'a str,
    pub now: &'a str,
}

/// The details of a citizen on file an import may fill in.
pub struct CitizenDetails<'a> {
    /// Digits only.
    pub birth_number: Option<&'a str>,
    /// E.164, or empty.
    pub phone: &'a str,
    pub email: &'a str,
    pub street: &'a str,
    pub city: &'a str,
    pub postcode: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitizenRow {
    pub id: CitizenId,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: String,
    pub birth_number: Option<String>,
    pub phone: String,
    pub email: String,
    pub street: String,
    pub city: String,
    pub postcode: String,
}

/// The columns every read of a whole citizen selects, in the order [`citizen_row`] reads them.
pub(super) const CITIZEN_COLUMNS: &str =
    "id, given_name, family_name, birth_date, birth_number, phone, email, street, city, postcode";

/// A citizen from a row of [`CITIZEN_COLUMNS`].
pub(super) fn citizen_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CitizenRow> {
    citizen_row_at(r, 0)
}

/// A citizen from [`CITIZEN_COLUMNS`] starting at column `at` of a wider row (a join), or `None`
/// when its id is NULL there (a `LEFT JOIN` that found no citizen).
pub(super) fn joined_citizen(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Option<CitizenRow>> {
    match r.get::<_, Option<i64>>(at)? {
        Some(_) => citizen_row_at(r, at).map(Some),
        None => Ok(None),
    }
}

fn citizen_row_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<CitizenRow> {
    Ok(CitizenRow {
        id: CitizenId(r.get(at)?),
        given_name: r.get(at + 1)?,
        family_name: r.get(at + 2)?,
        birth_date: r.get(at + 3)?,
        birth_number: r.get(at + 4)?,
        phone: r.get(at + 5)?,
        email: r.get(at + 6)?,
        street: r.get(at + 7)?,
        city: r.get(at + 8)?,
        postcode: r.get(at + 9)?,
    })
}

impl Tx<'_> {
    /// # Errors
    /// A birth number already on file (unique) or a failing insert.
    pub fn insert_citizen(&self, c: &NewCitizen<'_>) -> Result<CitizenId, StoreError> {
        self.prepare_cached(
            "INSERT INTO citizens (given_name, family_name, birth_date, birth_number, phone, email,
                                   street, city, postcode, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            c.given_name,
            c.family_name,
            c.birth_date,
            c.birth_number,
            c.phone,
            c.email,
            c.street,
            c.city,
            c.postcode,
            c.now
        ])?;
        Ok(CitizenId(self.last_insert_rowid()))
    }

    /// Sets a citizen's birth number and contact details (what an import filled in where the
    /// office had nothing, or a verified portal filer's new ones), moving the citizen's version on;
    /// the update trigger keeps the search indexes in step.
    ///
    /// A citizen inserted earlier in the same bulk batch is left to the batch's end (migration
    /// 0010).
    ///
    /// # Errors
    /// A birth number already on file (unique) or a failing update.
    pub fn update_citizen_details(&self, id: CitizenId, c: &CitizenDetails<'_>) -> Result<(), StoreError> {
        self.prepare_cached(
            "UPDATE citizens SET birth_number = ?2, phone = ?3, email = ?4, street = ?5, city = ?6, postcode = ?7,
                                 version = version + 1
             WHERE id = ?1",
        )?
        .execute(params![id.0, c.birth_number, c.phone, c.email, c.street, c.city, c.postcode])?;
        Ok(())
    }

    pub fn citizen_count(&self) -> Result<i64, StoreError> {
        Ok(self.query_row("SELECT count(*) FROM citizens", [], |r| r.get(0))?)
    }

    /// Citizens with this phone number (E.164), Czech-sorted by name.
    pub fn citizens_by_phone(&self, e164: &str) -> Result<Vec<CitizenRow>, StoreError> {
        let mut stmt = self.prepare_cached(&format!(
            "SELECT {CITIZEN_COLUMNS} FROM citizens WHERE phone = ?1
             ORDER BY family_name COLLATE czech, given_name COLLATE czech LIMIT 50"
        ))?;
        let rows = stmt.query_map([e164], citizen_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The ids of every citizen, for demo data that files cases for them.
    pub fn citizen_ids(&self) -> Result<Vec<CitizenId>, StoreError> {
        let mut stmt = self.prepare("SELECT id FROM citizens ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok(CitizenId(r.get(0)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
