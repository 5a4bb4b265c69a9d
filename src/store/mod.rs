//! The case store: the only module that contains SQL.
//!
//! One `Store` is one connection with the pragmas every clerk's process must agree on. Writes go
//! through [`Store::write`], which opens a `BEGIN IMMEDIATE` transaction: with deferred
//! transactions, concurrent read-then-write clerks lose most of their commits to "database is
//! locked" (shared/ARCHITECTURE.md).

mod appointments;
mod audit;
mod bulk;
mod cases;
mod catalogue;
pub mod chain;
mod check;
mod citizens;
pub mod codec;
mod error;
mod fees;
mod login;
mod migrate;
mod receipt;
mod startup;
mod users;

pub use appointments::plan::{PlanCounts, StoredPlan};
pub use appointments::waitlist::WaitlistRow;
pub use appointments::{BookingEvent, BookingRow, DoubleBookingReport, NewBookingRow};
pub use audit::{AuditEntry, NewAudit};
pub use bulk::floor::Floor;
pub use cases::detail::{AttachmentRow, CaseHeader, HistoryRow, LinkRow};
pub use cases::work::{CaseState, CaseUpdate, SuspensionRow};
mod outbox;
mod portal;
pub use bulk::shell_reference::{ShellImport, shell_import};
pub use cases::NewCaseRow;
pub use cases::list::{CaseFilter, CaseListRow, CaseSort, HistoryLine};
pub use catalogue::{
    CatalogueCounts, DepartmentRow, DirectoryData, OfficialRow, ServiceRow, SituationRow, UpsertCounts,
};
pub use check::CheckReport;
pub use citizens::search::CitizenProbe;
pub use citizens::{CitizenDetails, CitizenRow, NewCitizen};
pub use error::StoreError;
pub use fees::{FeeClaimRow, PaymentRow};
pub use login::ThrottleRow;
pub use migrate::{MIGRATIONS, SCHEMA_VERSION, create_at_version};
pub use outbox::{NoticeCounts, WatchdogCount, WatchdogCounts};
pub use portal::export::{BookingExportRow, BookingFeedRow, CaseExportRow, CaseFeedRow, Marks, NoticeExportRow};
pub use portal::import::{ImportedRow, NewImported, OpenRun, RunCounts};
pub use portal::origin::{PortalBookingRow, PortalFilingRow};
pub use portal::rejections::{KeptRejection, NewRejection};
pub use receipt::ReceiptRow;
pub use users::{NewUser, UserRow};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// 'CLKD' as the SQLite application id, set by the first migration.
pub const APPLICATION_ID: i64 = 0x434C_4B44;

/// How long a clerk's write waits for another's before giving up. Bulk imports commit in small
/// batches, so a writer normally waits well under a second.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// WAL pages after which a committing connection checkpoints by itself. SQLite's default (1,000)
/// made the clerk whose filing crossed it copy the pages back first: one filing in about sixty
/// took 7 ms instead of 0.5. The workstation checkpoints on its idle tick instead
/// ([`Store::checkpoint`]); this higher mark is the safety net for stores only scripts write.
const AUTOCHECKPOINT_PAGES: i64 = 10_000;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// A write transaction in progress; the per-aggregate functions take it.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Store {
    /// Opens the store at `path`, creating it when `create` is set, and brings its schema up to
    /// date.
    ///
    /// # Errors
    /// A missing file (without `create`), a file that is not a clerkdesk store, a store newer than
    /// this program, or a failing pragma.
    pub fn open(path: &Path, create: bool) -> Result<Store, StoreError> {
        if !create && !path.exists() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if create && !dir.exists() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| StoreError::Io(format!("cannot create {}: {e}", dir.display())))?;
            }
        }
        if create && !path.exists() {
            // Made here with its mode (0600, or 0660 in the installation's folder) before SQLite
            // opens it: SQLite gives the -wal and -shm files the store's own mode.
            crate::door::store::create_store_file(path)
                .map_err(|e| StoreError::Io(format!("cannot create {}: {e}", path.display())))?;
        }
        let flags = if create {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::open(path, &e))?;
        // First of all: identifying the file and switching it to WAL read and lock it too, and a
        // clerk starting while another's process creates or migrates the store must wait, not fail.
        conn.busy_handler(Some(wait_for_lock))?;
        let mut store = Store { conn, path: path.to_owned() };
        store.identify()?;
        // Only `init` may turn an empty file into a store; any other command on one is a mistake
        // (a wrong --db), and must not quietly write a schema into it.
        if !create && store.schema_version()? == 0 {
            return Err(StoreError::NotInitialized(path.to_owned()));
        }
        store.configure()?;
        migrate::migrate(&mut store.conn, path)?;
        Ok(store)
    }

    /// A private in-memory store for tests (no WAL: memory has no journal file).
    ///
    /// # Errors
    /// When SQLite cannot allocate it.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: PathBuf::from(":memory:") };
        store.conn.pragma_update(None, "foreign_keys", true)?;
        register_functions(&store.conn)?;
        migrate::migrate(&mut store.conn, Path::new(":memory:"))?;
        Ok(store)
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Refuses a file that is not SQLite, or is SQLite but belongs to another program.
    /// One statement reads both facts, so they come from one snapshot even while another clerk's
    /// process is creating the store.
    fn identify(&self) -> Result<(), StoreError> {
        let (app_id, tables): (i64, i64) = self
            .conn
            .query_row(
                "SELECT (SELECT application_id FROM pragma_application_id), (SELECT count(*) FROM sqlite_schema)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| StoreError::open(&self.path, &e))?;
        if app_id == APPLICATION_ID || (app_id == 0 && tables == 0) {
            Ok(())
        } else {
            Err(StoreError::Foreign(self.path.clone()))
        }
    }

    fn configure(&self) -> Result<(), StoreError> {
        let mode = self.switch_to_wal()?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Pragma(format!(
                "journal_mode is '{mode}', not 'wal' (is the store on a network file system?)"
            )));
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        let fk: i64 = self.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        if fk != 1 {
            return Err(StoreError::Pragma("foreign_keys did not turn on".into()));
        }
        register_functions(&self.conn)?;
        // A filing runs about twenty distinct statements (triggers aside); with rusqlite's default
        // of 16 cached, each filing evicted and parsed some of them again.
        self.conn.set_prepared_statement_cache_capacity(64);
        self.conn.pragma_update(None, "wal_autocheckpoint", AUTOCHECKPOINT_PAGES)?;
        if crate::door::store::in_shared_folder(&self.path) {
            self.keep_wal_files()?;
        }
        Ok(())
    }

    /// In a shared installation the `-wal` and `-shm` files stay when the last clerk closes the
    /// store (emptied, not deleted): made once by whoever set the store up, they are never
    /// created again by a clerk's process, which would make that clerk their owner, free to read
    /// them (or change them) with any program.
    fn keep_wal_files(&self) -> Result<(), StoreError> {
        let mut on: std::ffi::c_int = 1;
        self.conn.file_control(Some(rusqlite::MAIN_DB), rusqlite::FileControl::PersistWal(&mut on))?;
        // With any limit set, a persistent WAL is emptied when the last connection closes; while
        // clerks work, a reset WAL is cut back to 64 MiB.
        self.conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
        Ok(())
    }

    /// Copies what the WAL holds back into the store without waiting for anyone (`PASSIVE`): the
    /// workstation calls it while the clerk is idle, so no filing pays for it.
    ///
    /// # Errors
    /// A failing checkpoint (the store stays correct; the WAL is just longer).
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Sets `journal_mode=wal` and returns the mode read back. Switching a new store to WAL takes
    /// an exclusive lock, and when two clerks open a new store at once SQLite tells one of them
    /// "busy" at once, without calling the busy handler (it would deadlock): so try again briefly.
    fn switch_to_wal(&self) -> Result<String, StoreError> {
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            match self.conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get::<_, String>(0)) {
                Err(e)
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                        && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                other => return Ok(other?),
            }
        }
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction, committed when it returns `Ok`.
    ///
    /// # Errors
    /// Whatever `f` returns, or the commit's failure; nothing is written then.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.transaction(TransactionBehavior::Immediate, true, f)
    }

    /// [`Store::write`] for a bulk import's batch: the new cases and citizens `f` inserts are put
    /// into the search indexes at the end, in one statement per index, inside the same
    /// transaction (see migration 0007), so they commit together and are found at once.
    ///
    /// # Errors
    /// Whatever `f` returns, or a failing statement; nothing is written then.
    pub fn write_deferring_index<T, E>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.transaction(TransactionBehavior::Immediate, true, |tx| {
            let from = tx.defer_index()?;
            let out = f(tx)?;
            tx.index_since(from)?;
            Ok(out)
        })
    }

    /// Copies the write-ahead log into the store and empties it, so the store file alone is the
    /// whole store (the import benchmark copies it).
    ///
    /// # Errors
    /// A failing checkpoint, or readers that kept it from finishing.
    pub fn checkpoint_truncate(&self) -> Result<(), StoreError> {
        let busy: i64 = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy != 0 {
            return Err(StoreError::Pragma("the checkpoint could not finish: another process is reading".into()));
        }
        Ok(())
    }

    /// For a long bulk job on this connection: statement journals (every insert with triggers
    /// opens one) and temporary results stay in memory instead of a temporary file written page
    /// by page, and the page cache holds 256 MiB instead of 2 MiB, so the indexes of a store of
    /// millions of cases are not read from the file again for every row. Memory stays bounded by
    /// it, whatever the file's size.
    ///
    /// # Errors
    /// A failing pragma.
    pub fn prepare_for_bulk(&self) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.conn.pragma_update(None, "cache_size", -262_144)?;
        Ok(())
    }

    /// Runs `f` in a write transaction that is always rolled back: a dry run.
    ///
    /// # Errors
    /// Whatever `f` returns.
    pub fn rolled_back<T, E>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.transaction(TransactionBehavior::Immediate, false, f)
    }

    /// Runs `f` in one read transaction, so what it reads is one consistent snapshot.
    ///
    /// # Errors
    /// Whatever `f` returns.
    pub fn read<T, E>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.transaction(TransactionBehavior::Deferred, false, f)
    }

    /// The one place a transaction is opened; an `Err` from `f` rolls it back (on drop).
    fn transaction<T, E>(
        &mut self,
        behavior: TransactionBehavior,
        commit: bool,
        f: impl FnOnce(&Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self.conn.transaction_with_behavior(behavior).map_err(StoreError::from)?;
        let wrapped = Tx { tx };
        let out = f(&wrapped)?;
        if commit {
            wrapped.tx.commit().map_err(StoreError::from)?;
        } else {
            wrapped.tx.rollback().map_err(StoreError::from)?;
        }
        Ok(out)
    }

    /// Changes whenever another connection commits: the TUI polls it on its tick and reloads only
    /// then.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The schema version the store is at.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// A consistent copy of the whole store in `target` (which must not exist), taken in one step
    /// with `VACUUM INTO`, so clerks writing meanwhile neither wait long nor restart it.
    ///
    /// # Errors
    /// An existing target or a failing copy.
    ///
    /// The copy is written to `.NAME.partial` beside `target` (owner-only, with the user's own
    /// rights: `door`) and renamed onto `target` once complete and synced, so a failed or killed
    /// backup never leaves a file under the backup's name; the next try removes the partial file
    /// first.
    pub fn backup_to(&self, target: &Path) -> Result<(), StoreError> {
        let io = |e: std::io::Error| StoreError::Io(format!("{}: {e}", target.display()));
        // Looked at with the user's rights: a setgid process says nothing about the group's files.
        if crate::door::as_user(|| Ok(target.exists())).unwrap_or(false) {
            return Err(StoreError::Io(format!("{} already exists; refusing to overwrite it", target.display())));
        }
        let name = target.file_name().ok_or_else(|| StoreError::Io(format!("{} names no file", target.display())))?;
        let partial = crate::door::folder_of(target).join(format!(".{}.partial", name.to_string_lossy()));
        let partial_str =
            partial.to_str().ok_or_else(|| StoreError::Io(format!("{} is not a UTF-8 path", target.display())))?;
        // A killed run's leftovers: the partial copy and its journal.
        for stale in [partial.clone(), PathBuf::from(format!("{partial_str}-journal"))] {
            match crate::door::files::remove_file(&stale) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
                _ => {}
            }
        }
        let written = crate::door::as_user(|| {
            self.vacuum_into_flushed(&partial, partial_str)?;
            crate::door::files::finish_new(&partial, target)
        });
        if let Err(e) = written {
            let _ = crate::door::files::remove_file(&partial);
            return Err(io(e));
        }
        Ok(())
    }

    /// `VACUUM INTO partial` while a second thread flushes what it has written every 50 ms. Left
    /// to the kernel, a store's worth of dirty pages (1.3 GB at a million cases) reaches the disk
    /// in one burst at the final sync, and every clerk's commit (`synchronous=FULL`) waits behind
    /// it: with backups beside 8 clerks, an import and an export, a filing's p99 went from 321.8 ms
    /// to 92.3 ms once the copy was flushed as it goes (`clerkdesk soak`, docs/performance.md). The thread is started inside the caller's
    /// `door::as_user`, so it has the user's rights too.
    fn vacuum_into_flushed(&self, partial: &Path, partial_str: &str) -> std::io::Result<()> {
        use std::sync::atomic::{AtomicBool, Ordering};
        let done = AtomicBool::new(false);
        std::thread::scope(|s| {
            s.spawn(|| {
                let mut file = None;
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    if file.is_none() {
                        file = std::fs::File::open(partial).ok();
                    }
                    if let Some(f) = &file {
                        // Only pacing: the final sync before the rename is what makes it durable.
                        let _ = f.sync_data();
                    }
                }
            });
            let r = self.conn.execute("VACUUM INTO ?1", [partial_str]).map(drop).map_err(std::io::Error::other);
            done.store(true, Ordering::Relaxed);
            r
        })
    }

    /// A value from the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

impl Tx<'_> {
    /// Sets a value in the `meta` table.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Reads a value from the `meta` table inside the transaction.
    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }
}

/// The busy handler: try again every millisecond for up to [`BUSY_TIMEOUT`]. SQLite's own
/// timeout sleeps ever longer, up to 100 ms between tries, so a clerk waiting behind a bulk
/// import, which lets go of the lock between batches only briefly, kept missing the moment and
/// waited for the whole import (1.7 s in `bench import` at 20,000 filings).
fn wait_for_lock(tries: i32) -> bool {
    let waited = Duration::from_millis(u64::try_from(tries).unwrap_or(0));
    if waited >= BUSY_TIMEOUT {
        return false;
    }
    std::thread::sleep(Duration::from_millis(1));
    true
}

/// SQL functions and collations the schema and queries use, and the connection's settings.
fn register_functions(conn: &Connection) -> Result<(), StoreError> {
    // The query planner's stability guarantee: a plan no longer depends on the values bound to it.
    // Without it, a query on a table with a partial index (cases, citizens) compared its bound
    // values with the index's condition, and was parsed and planned again at every execution: a
    // fifth of a portal import's time. Stable plans suit a shared store anyway.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    conn.create_collation("czech", crate::domain::text::czech_cmp)?;
    chain::register(conn)?;
    Ok(())
}
