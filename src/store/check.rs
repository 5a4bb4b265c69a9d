//! The administrator's health check of a store.

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
    pub ok: bool,
}

/// The full-text indexes and the tables they index.
const FTS_TABLES: &[&str] = super::bulk::FTS_INDEXES;

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

    /// Integrity, foreign keys and the full-text indexes against their tables.
    ///
    /// # Errors
    /// Only when SQLite cannot run the checks at all; faults found are in the report.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let conn = self.conn();
        let mut report = CheckReport { schema_version: self.schema_version()?, ..CheckReport::default() };
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        report.integrity = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|r| r != "ok")
            .collect();
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        report.foreign_keys = stmt
            .query_map([], |r| {
                let table: String = r.get(0)?;
                let rowid: Option<i64> = r.get(1)?;
                let parent: String = r.get(2)?;
                Ok(format!(
                    "{table} row {} refers to a missing {parent} row",
                    rowid.map_or_else(|| "?".to_owned(), |v| v.to_string())
                ))
            })?
            .collect::<Result<_, _>>()?;
        for table in FTS_TABLES {
            let sql = format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)");
            if let Err(e) = conn.execute(&sql, []) {
                report.fts.push(format!("{table}: {e}"));
            }
        }
        if self.meta(super::bulk::BULK_META_KEY)?.is_some() {
            report.fts.push(
                "a bulk load did not finish: its full-text indexes are stale (run `clerkdesk demo --cases 0`)".into(),
            );
        }
        let mut stmt = conn.prepare(
            "SELECT 'booking ' || code || ' is ' || status || ' but holds no time' FROM appointments a
             WHERE status <> 'cancelled' AND NOT EXISTS (SELECT 1 FROM appt_cells c WHERE c.appointment_id = a.id)
             UNION ALL
             SELECT 'booking ' || code || ' is cancelled but still holds its time' FROM appointments a
             WHERE status = 'cancelled' AND EXISTS (SELECT 1 FROM appt_cells c WHERE c.appointment_id = a.id)
             LIMIT 50",
        )?;
        report.appointments = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        report.ok = report.integrity.is_empty()
            && report.foreign_keys.is_empty()
            && report.fts.is_empty()
            && report.appointments.is_empty();
        Ok(report)
    }
}
