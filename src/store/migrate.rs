//! Numbered SQL migrations under assets/migrations/, applied around `PRAGMA user_version` inside
//! one `BEGIN IMMEDIATE` transaction, so two clerks starting at once cannot both apply one.
//! Landed migrations are never edited; a change is a new file.

use super::StoreError;
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

/// (name, SQL) in order; migration `i` brings the store to version `i + 1`.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_foundation", include_str!("../../assets/migrations/0001_foundation.sql")),
    ("0002_case_work", include_str!("../../assets/migrations/0002_case_work.sql")),
    ("0003_case_search", include_str!("../../assets/migrations/0003_case_search.sql")),
    ("0004_appointments", include_str!("../../assets/migrations/0004_appointments.sql")),
    ("0005_portal_import", include_str!("../../assets/migrations/0005_portal_import.sql")),
    ("0006_portal_round_trip", include_str!("../../assets/migrations/0006_portal_round_trip.sql")),
    ("0007_deferred_index", include_str!("../../assets/migrations/0007_deferred_index.sql")),
    ("0008_citizen_names_by_birth_date", include_str!("../../assets/migrations/0008_citizen_names_by_birth_date.sql")),
    ("0009_import_rejections", include_str!("../../assets/migrations/0009_import_rejections.sql")),
    (
        "0010_citizen_update_in_a_bulk_batch",
        include_str!("../../assets/migrations/0010_citizen_update_in_a_bulk_batch.sql"),
    ),
    ("0011_accounts_bound_to_logins", include_str!("../../assets/migrations/0011_accounts_bound_to_logins.sql")),
    ("0012_hash_chain", include_str!("../../assets/migrations/0012_hash_chain.sql")),
];

#[allow(clippy::cast_possible_wrap, reason = "a dozen migrations, far below i64::MAX")]
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    migrate_to(conn, path, MIGRATIONS)
}

/// Makes a store at `path` with only the first `version` migrations applied, as an older
/// clerkdesk left it: for the upgrade tests, which then let [`super::Store::open`] bring it up to
/// date. Version 0 is a new, empty SQLite file.
///
/// # Errors
/// A `version` above [`SCHEMA_VERSION`], a file that cannot be created, or a failing migration.
pub fn create_at_version(path: &Path, version: usize) -> Result<(), StoreError> {
    let migrations = MIGRATIONS.get(..version).ok_or_else(|| StoreError::TooNew {
        path: path.to_owned(),
        found: i64::try_from(version).unwrap_or(i64::MAX),
        known: SCHEMA_VERSION,
    })?;
    let mut conn = Connection::open(path).map_err(|e| StoreError::open(path, &e))?;
    // The schema names the program's functions (the hash chain's, the Czech collation).
    super::register_functions(&conn)?;
    migrate_to(&mut conn, path, migrations)
}

/// Applies `migrations` up to their count; public to the crate for the upgrade test.
pub(crate) fn migrate_to(conn: &mut Connection, path: &Path, migrations: &[(&str, &str)]) -> Result<(), StoreError> {
    #[allow(clippy::cast_possible_wrap, reason = "a dozen migrations, far below i64::MAX")]
    let known = migrations.len() as i64;
    // Cheap check first, so an up-to-date store does not take the write lock at start-up.
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current == known {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > known {
        return Err(StoreError::TooNew { path: path.to_owned(), found: current, known });
    }
    #[allow(
        clippy::cast_sign_loss,
        clippy::cast_possible_truncation,
        reason = "user_version was checked to be 0..=known above"
    )]
    for (i, (name, sql)) in migrations.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)
            .map_err(|e| StoreError::Migration { name: (*name).to_owned(), message: e.to_string() })?;
        tx.pragma_update(None, "user_version", i64::try_from(i + 1).unwrap_or(i64::MAX))?;
    }
    tx.commit()?;
    Ok(())
}
