//! Clerk accounts.

use super::{StoreError, Tx};
use crate::domain::ids::{DepartmentId, UserId};
use crate::domain::role::Role;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct UserRow {
    pub id: UserId,
    pub username: String,
    pub full_name: String,
    pub role: Role,
    #[serde(skip)]
    pub password_hash: String,
    pub department_id: Option<DepartmentId>,
    pub department_code: Option<String>,
    pub disabled: bool,
    pub created_at: String,
    /// The Unix uid of the login this account is bound to (the command line acts as it).
    pub unix_uid: Option<u32>,
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub full_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub department_id: Option<DepartmentId>,
    pub now: &'a str,
}

const SELECT: &str = "SELECT u.id, u.username, u.full_name, u.role, u.password_hash, u.department_id,
        d.code, u.disabled, u.created_at, u.unix_uid
    FROM users u LEFT JOIN departments d ON d.id = u.department_id";

fn row(r: &Row<'_>) -> rusqlite::Result<UserRow> {
    let role: String = r.get(3)?;
    Ok(UserRow {
        id: UserId(r.get(0)?),
        username: r.get(1)?,
        full_name: r.get(2)?,
        role: Role::parse(&role).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Text,
                format!("unknown role '{role}'").into(),
            )
        })?,
        password_hash: r.get(4)?,
        department_id: r.get::<_, Option<i64>>(5)?.map(DepartmentId),
        department_code: r.get(6)?,
        disabled: r.get(7)?,
        created_at: r.get(8)?,
        unix_uid: r.get(9)?,
    })
}

impl Tx<'_> {
    /// # Errors
    /// A taken username (see [`StoreError::is_unique_violation`]) or a failing insert.
    pub fn insert_user(&self, u: &NewUser<'_>) -> Result<UserId, StoreError> {
        self.execute(
            "INSERT INTO users (username, full_name, role, password_hash, department_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![u.username, u.full_name, u.role.as_str(), u.password_hash, u.department_id.map(|d| d.0), u.now],
        )?;
        Ok(UserId(self.last_insert_rowid()))
    }

    pub fn user_by_name(&self, username: &str) -> Result<Option<UserRow>, StoreError> {
        Ok(self.query_row(&format!("{SELECT} WHERE u.username = ?1"), [username], row).optional()?)
    }

    /// The account bound to the Unix uid `uid`, if any.
    pub fn user_by_uid(&self, uid: u32) -> Result<Option<UserRow>, StoreError> {
        Ok(self.query_row(&format!("{SELECT} WHERE u.unix_uid = ?1"), [uid], row).optional()?)
    }

    /// Binds the account to a Unix uid (`None` unbinds it); the uid is unique across accounts.
    pub fn set_user_unix_uid(&self, id: UserId, uid: Option<u32>, now: &str) -> Result<(), StoreError> {
        self.execute("UPDATE users SET unix_uid = ?2, updated_at = ?3 WHERE id = ?1", params![id.0, uid, now])?;
        Ok(())
    }

    pub fn users(&self) -> Result<Vec<UserRow>, StoreError> {
        let mut stmt = self.prepare(&format!("{SELECT} ORDER BY u.username"))?;
        let rows = stmt.query_map([], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn set_password_hash(&self, id: UserId, hash: &str, now: &str) -> Result<(), StoreError> {
        self.execute("UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1", params![id.0, hash, now])?;
        Ok(())
    }

    pub fn set_user_disabled(&self, id: UserId, disabled: bool, now: &str) -> Result<(), StoreError> {
        self.execute("UPDATE users SET disabled = ?2, updated_at = ?3 WHERE id = ?1", params![id.0, disabled, now])?;
        Ok(())
    }

    pub fn user_count(&self) -> Result<i64, StoreError> {
        Ok(self.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?)
    }
}
