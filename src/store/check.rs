//! The administrator's health check of a store. Every part runs whatever the others found: on a
//! damaged store (a corrupt page) a part that cannot finish reports that as its fault, so the
//! administrator gets the whole report, never only "database disk image is malformed".

use super::{Store, StoreError};
use serde::Serialize;

/// What `clerkdesk check` found; `ok` only when every list is empty.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    pub schema_version: i64,
    pub integrity: Vec<String>,
    pub foreign_keys: Vec<String>,
    pub fts: Vec<String>,
    /// Bookings whose held time disagrees with their state.
    pub appointments: Vec<String>,
    /// The hash chains (a gap, a row changed or inserted out of chain) and the triggers that
    /// protect them (dropped, changed, added): the first broken row of each chain.
    pub chains: Vec<String>,
    pub ok: bool,
}

impl CheckReport {
    /// A report for a store that could not even be opened: `what` is why.
    #[must_use]
    pub fn unopenable(what: String) -> CheckReport {
        CheckReport { schema_version: -1, integrity: vec![what], ..CheckReport::default() }
    }

    /// Every fault found, part after part.
    pub fn faults(&self) -> impl Iterator<Item = &String> {
        [&self.integrity, &self.foreign_keys, &self.fts, &self.appointments, &self.chains].into_iter().flatten()
    }
}

/// The full-text indexes and the tables they index.
const FTS_TABLES: &[&str] = super::bulk::FTS_INDEXES;

/// FTS5's own check of each index against its content table.
fn fts_integrity(conn: &rusqlite::Connection) -> Vec<String> {
    let mut faults = Vec::new();
    for table in FTS_TABLES {
        let sql = format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)");
        if let Err(e) = conn.execute(&sql, []) {
            faults.push(format!("{table}: {e}"));
        }
    }
    faults
}

/// A part's faults, or the reason it could not finish, as its one fault.
fn part(r: Result<Vec<String>, StoreError>) -> Vec<String> {
    r.unwrap_or_else(|e| vec![format!("could not finish: {e}")])
}

impl Store {
    /// `PRAGMA quick_check`: the cheap check run when the workstation starts.
    ///
    /// # Errors
    /// A failing query (a store too damaged to answer).
    pub fn quick_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn().prepare("PRAGMA quick_check")?;
        let rows: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }

    /// Integrity, foreign keys, the full-text indexes against their tables, the bookings' held
    /// time, and the hash chains with their triggers. Each part runs even when another failed.
    ///
    /// # Errors
    /// None today: a part that cannot run reports that as its fault (kept a `Result` for callers).
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let mut report = CheckReport {
            schema_version: self.schema_version().unwrap_or(-1),
            integrity: part(self.integrity()),
            foreign_keys: part(self.foreign_keys()),
            fts: part(self.fts_faults()),
            appointments: part(self.appointment_faults()),
            ..CheckReport::default()
        };
        report.chains = part(self.verify_guards());
        report.chains.extend(part(self.verify_chains(&[])));
        report.ok = report.schema_version >= 0 && report.faults().next().is_none();
        Ok(report)
    }

    fn integrity(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn().prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }

    fn foreign_keys(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn().prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            let table: String = r.get(0)?;
            let rowid: Option<i64> = r.get(1)?;
            let parent: String = r.get(2)?;
            Ok(format!(
                "{table} row {} refers to a missing {parent} row",
                rowid.map_or_else(|| "?".to_owned(), |v| v.to_string())
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// FTS5's `integrity-check` (the index against its content table) is written as an INSERT,
    /// which a read-only store refuses ("attempt to write a readonly database"), and
    /// `PRAGMA integrity_check` does not compare an external-content index with its content. So on
    /// a read-only store it runs on a copy in a private temporary folder (`VACUUM INTO` only
    /// reads the store), removed afterwards.
    fn fts_faults(&self) -> Result<Vec<String>, StoreError> {
        let mut faults = if self.conn().is_readonly(rusqlite::MAIN_DB)? {
            let dir =
                tempfile::tempdir().map_err(|e| StoreError::Io(format!("cannot make a temporary folder: {e}")))?;
            let copy = dir.path().join("check.db");
            let target = copy.to_str().ok_or_else(|| StoreError::Io("the temporary folder is not UTF-8".into()))?;
            self.conn().execute("VACUUM INTO ?1", [target])?;
            let conn = rusqlite::Connection::open(&copy)?;
            super::register_functions(&conn)?;
            fts_integrity(&conn)
        } else {
            fts_integrity(self.conn())
        };
        if self.meta(super::bulk::BULK_META_KEY)?.is_some() {
            faults.push(
                "a bulk load did not finish: its full-text indexes are stale (run `clerkdesk demo --cases 0`)".into(),
            );
        }
        Ok(faults)
    }

    fn appointment_faults(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT 'booking ' || code || ' is ' || status || ' but holds no time' FROM appointments a
             WHERE status <> 'cancelled' AND NOT EXISTS (SELECT 1 FROM appt_cells c WHERE c.appointment_id = a.id)
             UNION ALL
             SELECT 'booking ' || code || ' is cancelled but still holds its time' FROM appointments a
             WHERE status = 'cancelled' AND EXISTS (SELECT 1 FROM appt_cells c WHERE c.appointment_id = a.id)
             LIMIT 50",
        )?;
        Ok(stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?)
    }
}
