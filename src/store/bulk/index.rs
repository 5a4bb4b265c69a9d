//! The search indexing a bulk import's batch defers to its end (migration 0007): while `meta` holds
//! `'index_deferred'` (written at the start of the batch's transaction, deleted before it commits),
//! the row triggers skip new cases and citizens; at the end every case and citizen inserted in the
//! transaction, found by id above the high-water mark taken when it began (`BEGIN IMMEDIATE`:
//! nobody else inserted meanwhile), is indexed in one statement per index, with exactly the rows
//! the row triggers would have written.

use crate::store::{StoreError, Tx};

/// The highest case and citizen ids when a batch begins.
#[derive(Debug, Clone, Copy)]
pub struct IndexMark {
    case: i64,
    citizen: i64,
}

impl Tx<'_> {
    /// Turns the row triggers' indexing off for the rest of this transaction; the highest case
    /// and citizen ids now.
    pub(crate) fn defer_index(&self) -> Result<IndexMark, StoreError> {
        let mark = self
            .prepare_cached(
                "SELECT (SELECT coalesce(max(id), 0) FROM cases), (SELECT coalesce(max(id), 0) FROM citizens)",
            )?
            .query_row([], |r| Ok(IndexMark { case: r.get(0)?, citizen: r.get(1)? }))?;
        // The value is the citizens' mark: the update trigger skips citizens above it (migration
        // 0010); the insert triggers only ask whether the key is there.
        self.prepare_cached("INSERT INTO meta (key, value) VALUES ('index_deferred', ?1)")?
            .execute([mark.citizen.to_string()])?;
        Ok(mark)
    }

    /// Turns the row triggers' indexing back on, and indexes the cases and citizens inserted
    /// since `from`, as `cases_search_ai` and `citizens_ai` would have one by one.
    pub(crate) fn index_since(&self, from: IndexMark) -> Result<(), StoreError> {
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
