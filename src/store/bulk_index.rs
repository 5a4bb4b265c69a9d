//! The search indexing a bulk import's batch defers to its end (migration 0007): while `meta` holds
//! 'index_deferred' (written at the start of the batch's transaction, deleted before it commits),
//! the row triggers skip new cases and citizens; at the end every case and citizen inserted in the
//! transaction, found by id above the high-water mark taken when it began (`BEGIN IMMEDIATE`:
//! nobody else inserted meanwhile), is indexed in one statement per index, with exactly the rows
//! the row triggers would have written.

use super::{StoreError, Tx};

/// The highest case and citizen ids when a batch begins.
#[derive(Debug, Clone, Copy)]
pub struct IndexMark {
    case: i64,
    citizen: i64,
}

impl Tx<'_> {
    /// Turns the row triggers' indexing off for the rest of this transaction; the highest case
    /// and citizen ids now.
    ///
    /// # Errors
    /// A failing statement.
    pub(super) fn defer_index(&self) -> Result<IndexMark, StoreError> {
        let mark = self
            .prepare_cached(
                "SELECT (SELECT coalesce(max(id), 0) FROM cases), (SELECT coalesce(max(id), 0) FROM citizens)",
            )?
            .query_row([], |r| Ok(IndexMark { case: r.get(0)?, citizen: r.get(1)? }))?;
        // The value is the citizens' mark, for an update of a citizen inserted meanwhile
        // ([`Tx::citizen_unindexed`]); the triggers only ask whether the key is there.
        self.prepare_cached("INSERT INTO meta (key, value) VALUES ('index_deferred', ?1)")?
            .execute([mark.citizen.to_string()])?;
        Ok(mark)
    }

    /// Whether the citizen was inserted in this transaction while its indexing is deferred, so it
    /// is in no search index yet ([`Tx::index_since`] will index it as it is then).
    ///
    /// # Errors
    /// A failing query, or a mark that is not a number.
    pub(super) fn citizen_unindexed(&self, id: i64) -> Result<bool, StoreError> {
        use rusqlite::OptionalExtension;
        let mark: Option<String> = self
            .prepare_cached("SELECT value FROM meta WHERE key = 'index_deferred'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        match mark {
            None => Ok(false),
            Some(m) => {
                let m: i64 = m.parse().map_err(|e| StoreError::Corrupt(format!("meta index_deferred '{m}': {e}")))?;
                Ok(id > m)
            }
        }
    }

    /// Puts the citizen into the search indexes as it is now (`add`), or takes exactly that out
    /// again: around an update of a citizen [`Tx::citizen_unindexed`], so that the update
    /// trigger's removal of the old values finds them, and [`Tx::index_since`] still finds the
    /// row unindexed.
    ///
    /// # Errors
    /// A failing statement.
    pub(super) fn index_citizen_row(&self, id: i64, add: bool) -> Result<(), StoreError> {
        let (fts, tri) = if add {
            (
                "INSERT INTO citizens_fts (rowid, given_name, family_name, street, city)
                 SELECT id, given_name, family_name, street, city FROM citizens WHERE id = ?1",
                "INSERT INTO citizens_tri (rowid, birth_number, phone) SELECT id, birth_number, phone FROM citizens WHERE id = ?1",
            )
        } else {
            (
                "INSERT INTO citizens_fts (citizens_fts, rowid, given_name, family_name, street, city)
                 SELECT 'delete', id, given_name, family_name, street, city FROM citizens WHERE id = ?1",
                "INSERT INTO citizens_tri (citizens_tri, rowid, birth_number, phone)
                 SELECT 'delete', id, birth_number, phone FROM citizens WHERE id = ?1",
            )
        };
        self.prepare_cached(fts)?.execute([id])?;
        self.prepare_cached(tri)?.execute([id])?;
        Ok(())
    }

    /// Turns the row triggers' indexing back on, and indexes the cases and citizens inserted
    /// since `from`, as `cases_search_ai` and `citizens_ai` would have one by one.
    ///
    /// # Errors
    /// A failing statement.
    pub(super) fn index_since(&self, from: IndexMark) -> Result<(), StoreError> {
        self.prepare_cached("DELETE FROM meta WHERE key = 'index_deferred'")?.execute([])?;
        self.prepare_cached(
            "INSERT INTO citizens_fts (rowid, given_name, family_name, street, city)
             SELECT id, given_name, family_name, street, city FROM citizens WHERE id > ?1 ORDER BY id",
        )?
        .execute([from.citizen])?;
        self.prepare_cached(
            "INSERT INTO citizens_tri (rowid, birth_number, phone)
             SELECT id, birth_number, phone FROM citizens WHERE id > ?1 ORDER BY id",
        )?
        .execute([from.citizen])?;
        self.prepare_cached(
            "INSERT INTO case_search (id, citizen, subject, notes)
             SELECT c.id, coalesce(z.given_name || ' ' || z.family_name, ''), c.subject, c.note
             FROM cases c LEFT JOIN citizens z ON z.id = c.citizen_id WHERE c.id > ?1 ORDER BY c.id",
        )?
        .execute([from.case])?;
        self.prepare_cached(
            "INSERT INTO case_ref_tri (rowid, reference_number)
             SELECT id, reference_number FROM cases WHERE id > ?1 ORDER BY id",
        )?
        .execute([from.case])?;
        Ok(())
    }
}
