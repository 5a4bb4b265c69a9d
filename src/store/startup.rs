//! The check a command runs before it writes: SQLite's `quick_check` where it is cheap, the
//! store's structure where a full pass would cost seconds.
//!
//! Measured on this kind of machine (2 cores), a demo store of 50,000 citizens and 200,000 cases
//! (209 MB): `PRAGMA quick_check` takes 1.3–1.7 s warm, about 11 ms per MB through the program,
//! and a clerk's write should not wait that long. So a store up to [`FULL_CHECK_BYTES`] gets the
//! full quick check (on 8 MB: 0.06–0.11 s, `case list` with it 0.06–0.09 s); a bigger one the structural check below (a few
//! milliseconds whatever the size) unless the caller asks for the full one, as a bulk import does
//! (its seconds are nothing beside the import's).

use super::{Store, StoreError};

/// Up to this size, every write runs the full quick check.
pub const FULL_CHECK_BYTES: u64 = 8 << 20;

impl Store {
    /// The store's size in bytes: its pages, those still in the WAL included.
    ///
    /// # Errors
    /// A failing pragma.
    pub fn size_bytes(&self) -> Result<u64, StoreError> {
        let conn = self.conn();
        let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        Ok(u64::try_from(pages.saturating_mul(size)).unwrap_or(0))
    }

    /// The check before a write: empty when the store is sound as far as it looked. `full` (or a
    /// store up to [`FULL_CHECK_BYTES`]) runs `PRAGMA quick_check`; otherwise the structure: the
    /// file a whole number of pages, the free list inside it, the schema readable, and in every
    /// table the first and the last row (the pages from the root to both ends of its tree: an
    /// insert goes to the last, a lookup starts at the root).
    ///
    /// # Errors
    /// None of its own: a store too damaged to answer is a fault in the list.
    pub fn write_check(&self, full: bool) -> Vec<String> {
        let answer = match self.size_bytes() {
            Ok(size) if full || size <= FULL_CHECK_BYTES => self.quick_check(),
            Ok(_) => self.structure_faults(),
            Err(e) => Err(e),
        };
        answer.unwrap_or_else(|e| vec![e.to_string()])
    }

    fn structure_faults(&self) -> Result<Vec<String>, StoreError> {
        let conn = self.conn();
        let mut faults = Vec::new();
        let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
        let len = std::fs::metadata(self.path()).map_err(|e| StoreError::Io(e.to_string()))?.len();
        if u64::try_from(page_size).map_or(true, |p| p == 0 || len % p != 0) {
            faults.push(format!("the file's {len} bytes are not a whole number of {page_size}-byte pages"));
        }
        if free < 0 || free > pages {
            faults.push(format!("the free list counts {free} pages of {pages}"));
        }
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0
                 AND sql NOT LIKE '%WITHOUT ROWID%' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for t in tables {
            let quoted = t.replace('"', "\"\"");
            for order in ["ASC", "DESC"] {
                let sql = format!("SELECT rowid FROM \"{quoted}\" ORDER BY rowid {order} LIMIT 1");
                if let Err(e) = conn.query_row(&sql, [], |_| Ok(())).or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(()),
                    e => Err(e),
                }) {
                    faults.push(format!("table {t}: {e}"));
                    break;
                }
            }
        }
        Ok(faults)
    }
}
