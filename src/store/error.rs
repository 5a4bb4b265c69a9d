//! What can go wrong in the store, said so an administrator knows what to do.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {0} does not exist (create it with `clerkdesk init`)")]
    Missing(PathBuf),
    #[error("{0} is empty, not a clerkdesk store (create one with `clerkdesk init`)")]
    NotInitialized(PathBuf),
    #[error("{0} is not a SQLite database (corrupt, or some other kind of file)")]
    NotADatabase(PathBuf),
    #[error("{0} is a SQLite database of another program, not a clerkdesk store")]
    Foreign(PathBuf),
    #[error("store {path} has schema version {found}, newer than this program's {known}: upgrade clerkdesk")]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("cannot open store {path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error("store setting: {0}")]
    Pragma(String),
    #[error("migration {name} failed: {message}")]
    Migration { name: String, message: String },
    #[error("the store is busy (another clerk's long write); try again")]
    Busy,
    #[error("{0}")]
    Io(String),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    pub(crate) fn open(path: &Path, e: &rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase(path.to_owned()),
            _ => StoreError::Open { path: path.to_owned(), message: e.to_string() },
        }
    }

    /// Whether the disk (or the file system's quota) is full: what went in before stays, and the
    /// same command finishes the job once there is room.
    #[must_use]
    pub fn is_disk_full(&self) -> bool {
        match self {
            StoreError::Sqlite(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull),
            StoreError::Io(m) => m.contains("No space left on device") || m.contains("disk is full"),
            _ => false,
        }
    }

    /// Whether the failure is a UNIQUE constraint, which callers turn into "already exists".
    #[must_use]
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
    }

    /// Whether the failure is a PRIMARY KEY constraint: for an appointment's cells, the slot is
    /// taken.
    #[must_use]
    pub fn is_primary_key_violation(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
    }
}
