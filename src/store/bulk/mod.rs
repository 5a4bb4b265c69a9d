//! Bulk loads (the demo generator, large imports): the full-text sync triggers make a load about
//! ten times slower, so a bulk load drops them, and rebuilds every index once at the end
//! (shared/ARCHITECTURE.md, "The store").
//!
//! The plain secondary indexes of the big tables go too, and are built again at the end: a
//! million rows inserted in id order update them in random key order, page by page, while
//! `CREATE INDEX` sorts once. Unique indexes stay: they are constraints the load relies on.
//!
//! The dropped triggers' and indexes' SQL is kept in `meta` in the same transaction that drops
//! them, so they are put back exactly as the migrations wrote them, even by another process after
//! a crash in the middle of a load (`clerkdesk check` reports a load that did not finish).

pub mod floor;
pub mod index;
pub mod shell_reference;
use super::{StoreError, Tx};

/// The triggers that keep the full-text indexes in step with their tables.
pub(super) const SYNC_TRIGGERS: &[&str] = &[
    "citizens_ai",
    "citizens_ad",
    "citizens_au",
    "citizens_search_au",
    "cases_search_ai",
    "cases_search_au",
    "cases_ref_au",
    "case_history_note_ai",
    "case_search_ai",
    "case_search_ad",
    "case_search_au",
];

/// The tables whose plain (non-unique) indexes are dropped for a load and built again after it.
const INDEXED_TABLES: &[&str] = &["cases", "case_history", "audit_log", "citizens", "fee_claims"];

/// Every full-text index, rebuilt from its content table at the end of a load.
pub(super) const FTS_INDEXES: &[&str] = &["citizens_fts", "citizens_tri", "case_fts", "case_ref_tri"];

/// The `meta` key that holds the dropped triggers while a load runs.
pub(super) const BULK_META_KEY: &str = "bulk_load_triggers";

impl Tx<'_> {
    /// Drops the full-text sync triggers and the plain indexes of the big tables until
    /// [`Tx::end_bulk_load`]. Idempotent: a load that is
    /// already running (or crashed) keeps the triggers saved first.
    pub fn begin_bulk_load(&self) -> Result<(), StoreError> {
        // The indexes of a million cases do not fit SQLite's default 2 MB page cache; inserting
        // into them would then read pages back from the OS on every row.
        self.execute_batch("PRAGMA cache_size = -262144")?;
        // Statement journals (every insert that fires a trigger or checks a foreign key has one)
        // in memory, not in a temporary file written and read back per row.
        self.execute_batch("PRAGMA temp_store = MEMORY")?;
        if self.meta(BULK_META_KEY)?.is_some() {
            return Ok(());
        }
        let mut saved = Vec::new();
        {
            let mut stmt = self.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1")?;
            for name in SYNC_TRIGGERS {
                if let Some(row) =
                    stmt.query_map([name], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?.next()
                {
                    saved.push(row?);
                }
            }
        }
        let triggers = saved.len();
        {
            let mut stmt = self.prepare(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL
                 AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
            )?;
            for table in INDEXED_TABLES {
                for row in stmt.query_map([table], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
                    saved.push(row?);
                }
            }
        }
        let json = serde_json::to_string(&saved).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.set_meta(BULK_META_KEY, &json)?;
        for (i, (name, _)) in saved.iter().enumerate() {
            let kind = if i < triggers { "TRIGGER" } else { "INDEX" };
            self.execute_batch(&format!("DROP {kind} {name}"))?;
        }
        Ok(())
    }

    /// Whether a bulk load has the sync triggers dropped.
    pub fn bulk_load_running(&self) -> Result<bool, StoreError> {
        Ok(self.meta(BULK_META_KEY)?.is_some())
    }

    /// Refills `case_search`, rebuilds every full-text index and puts the triggers back. Takes
    /// seconds at a million cases; does nothing when no load is running.
    ///
    /// # Errors
    /// A failing statement, or saved triggers that cannot be read back.
    pub fn end_bulk_load(&self) -> Result<(), StoreError> {
        let Some(json) = self.meta(BULK_META_KEY)? else { return Ok(()) };
        let saved: Vec<(String, String)> =
            serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("{BULK_META_KEY}: {e}")))?;
        let (indexes, triggers): (Vec<_>, Vec<_>) = saved.iter().partition(|(_, sql)| sql.starts_with("CREATE INDEX"));
        // The indexes first: the refill of the notes below walks case_history by case.
        for (_, sql) in &indexes {
            self.execute_batch(sql)?;
        }
        // Notes are few per case; the correlated subquery walks case_history_case per case.
        self.execute_batch(
            "DELETE FROM case_search;
             INSERT INTO case_search (id, citizen, subject, notes)
             SELECT c.id,
                    coalesce(z.given_name || ' ' || z.family_name, ''),
                    c.subject,
                    c.note || coalesce((SELECT group_concat(char(10) || h.detail, '') FROM case_history h
                                        WHERE h.case_id = c.id AND h.event = 'note' AND h.detail <> ''), '')
             FROM cases c LEFT JOIN citizens z ON z.id = c.citizen_id;",
        )?;
        for table in FTS_INDEXES {
            self.execute_batch(&format!("INSERT INTO {table} ({table}) VALUES ('rebuild')"))?;
        }
        for (_, sql) in &triggers {
            self.execute_batch(sql)?;
        }
        self.execute("DELETE FROM meta WHERE key = ?1", [BULK_META_KEY])?;
        // Back to the defaults: the connection may go on serving a clerk.
        self.execute_batch("PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT")?;
        Ok(())
    }
}
