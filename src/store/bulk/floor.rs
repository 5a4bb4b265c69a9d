//! The import benchmark's floor (issue 5): the rows a portal import wrote, written again into a
//! copy of the store it started from by SQLite itself, one `INSERT … SELECT` per table in one
//! transaction, and indexed for search with the import's own statements (`index_since`). No
//! parsing, no validation, no per-row round trips, one commit: what the store's engine alone
//! needs to write exactly that content, the least any import of it into this store can take.

use crate::store::{Store, StoreError, Tx};
use std::path::Path;
use std::time::{Duration, Instant};

/// The replay: how long it took and what it wrote.
#[derive(Debug, Clone)]
pub struct Floor {
    pub elapsed: Duration,
    /// `(table, rows, seconds)` for every table that gained rows, in the order written; the
    /// search indexing is the last, as `case_search` (its rows) and the full-text indexes.
    pub tables: Vec<(String, i64, f64)>,
}

/// Tables the replay copies, in creation order (parents before children): every ordinary table
/// but `meta`, `case_search` (the search indexing writes it) and the full-text indexes' own.
const TABLES: &str = "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM main.sqlite_schema s
    WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
      AND name NOT IN ('meta', 'case_search') AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
      AND NOT EXISTS (SELECT 1 FROM main.sqlite_schema v WHERE v.type = 'table'
                      AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND s.name LIKE v.name || '\\_%' ESCAPE '\\')
    ORDER BY rowid";

/// What the two stores are compared on afterwards: every ordinary table, and each full-text
/// index's documents (its segments differ with how it was written).
const COMPARED: &str = "SELECT name FROM main.sqlite_schema s
    WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'meta'
      AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
      AND (name LIKE '%\\_docsize' ESCAPE '\\'
           OR NOT EXISTS (SELECT 1 FROM main.sqlite_schema v WHERE v.type = 'table'
                          AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND s.name LIKE v.name || '\\_%' ESCAPE '\\'))
    ORDER BY name";

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl Store {
    /// Writes into this store every row `imported` holds beyond it (this store must be a copy of
    /// the one the import started from), as described in the module's comment; timed from the
    /// transaction's start to its commit. Afterwards both stores must hold the same number of
    /// rows in every table and index, or it is an error: a replay that wrote less would be a
    /// floor too low.
    ///
    /// # Errors
    /// A failing statement, or stores that differ afterwards.
    pub fn replay_rows_from(&mut self, imported: &Path) -> Result<Floor, StoreError> {
        let path = imported.to_str().ok_or_else(|| StoreError::Io("the store's path is not UTF-8".into()))?;
        self.conn.execute("ATTACH DATABASE ?1 AS run", [path])?;
        self.prepare_for_bulk()?;
        let tables = {
            let mut st = self.conn.prepare(TABLES)?;
            st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))?.collect::<Result<Vec<_>, _>>()?
        };
        let t = Instant::now();
        let written = self.write(|tx| replay(tx, &tables))?;
        let elapsed = t.elapsed();
        let differs = self.compare()?;
        self.conn.execute("DETACH DATABASE run", [])?;
        if let Some(d) = differs {
            return Err(StoreError::Io(format!("the replayed store differs from the imported one: {d}")));
        }
        Ok(Floor { elapsed, tables: written })
    }

    fn names(&self, sql: &str) -> Result<Vec<String>, StoreError> {
        let mut st = self.conn.prepare(sql)?;
        let names = st.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(names)
    }

    /// The first table whose row count differs between the two stores, if any.
    fn compare(&self) -> Result<Option<String>, StoreError> {
        for name in self.names(COMPARED)? {
            let q = quoted(&name);
            let (main, run): (i64, i64) = self.conn.query_row(
                &format!("SELECT (SELECT count(*) FROM main.{q}), (SELECT count(*) FROM run.{q})"),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if main != run {
                return Ok(Some(format!("{name}: {main} rows here, {run} in the imported store")));
            }
        }
        Ok(None)
    }
}

/// One `INSERT … SELECT` per table of the rows above this store's highest rowid (of the rows it
/// lacks, for a table without rowids), the sequences
/// of reference numbers brought level, then the search indexing of the import's batches.
fn replay(tx: &Tx<'_>, tables: &[(String, bool)]) -> Result<Vec<(String, i64, f64)>, StoreError> {
    // Checked at the commit rather than row by row in table order: the same checks, in any order.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let mark = tx.defer_index()?;
    let mut written = Vec::new();
    for (name, without_rowid) in tables {
        let q = quoted(name);
        let sql = if *without_rowid {
            format!("INSERT INTO main.{q} SELECT * FROM run.{q} EXCEPT SELECT * FROM main.{q}")
        } else {
            format!(
                "INSERT INTO main.{q} SELECT * FROM run.{q}
                 WHERE rowid > (SELECT coalesce(max(rowid), 0) FROM main.{q}) ORDER BY rowid"
            )
        };
        let t = Instant::now();
        let n = tx.execute(&sql, [])?;
        if n > 0 {
            written.push((name.clone(), i64::try_from(n).unwrap_or(i64::MAX), t.elapsed().as_secs_f64()));
        }
    }
    tx.execute(
        "UPDATE main.ref_sequences SET last = r.last FROM run.ref_sequences r
         WHERE r.office_id = ref_sequences.office_id AND r.year = ref_sequences.year",
        [],
    )?;
    let before: i64 = tx.query_row("SELECT count(*) FROM main.case_search", [], |r| r.get(0))?;
    let t = Instant::now();
    tx.index_since(mark)?;
    let seconds = t.elapsed().as_secs_f64();
    let after: i64 = tx.query_row("SELECT count(*) FROM main.case_search", [], |r| r.get(0))?;
    written.push(("case_search".into(), after - before, seconds));
    Ok(written)
}
