//! The portal import's bookkeeping: its runs, the records it imported, the portal's id and eID
//! flag of an imported case, a change from the portal applied to a case, and the savepoint that
//! makes each record all-or-nothing inside its batch.

use crate::domain::ids::CaseId;
use crate::store::{StoreError, Tx};
use rusqlite::{OptionalExtension, params};

/// A record as last imported.
#[derive(Debug, Clone)]
pub struct ImportedRow {
    pub content_sha256: String,
    pub case_id: Option<i64>,
    pub appointment_id: Option<i64>,
    pub case_version: Option<i64>,
    pub last_history_id: Option<i64>,
}

/// What a new imported record points to.
pub struct NewImported<'a> {
    pub kind: &'a str,
    pub portal_id: &'a str,
    pub content_sha256: &'a str,
    pub case_id: Option<i64>,
    pub appointment_id: Option<i64>,
    pub run_id: Option<i64>,
    pub now: &'a str,
}

/// A run's progress and counts, as committed with each batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RunCounts {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub rejected: u64,
}

impl std::ops::AddAssign for RunCounts {
    fn add_assign(&mut self, b: RunCounts) {
        self.new += b.new;
        self.updated += b.updated;
        self.unchanged += b.unchanged;
        self.rejected += b.rejected;
    }
}

/// A run that stopped before its end (killed or Ctrl-C): its id and the last record it committed.
#[derive(Debug, Clone, Copy)]
pub struct OpenRun {
    pub id: i64,
    pub records_done: u64,
    pub counts: RunCounts,
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Tx<'_> {
    /// Runs `f` inside a savepoint: an `Err` undoes exactly what `f` wrote, the rest of the
    /// transaction stays.
    ///
    /// # Errors
    /// Whatever `f` returns, or a failing savepoint statement.
    pub fn within_savepoint<T, E: From<StoreError>>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E> {
        self.prepare_cached("SAVEPOINT portal_record")
            .map_err(StoreError::from)?
            .execute([])
            .map_err(StoreError::from)?;
        let out = f(self);
        let end = if out.is_ok() { "RELEASE portal_record" } else { "ROLLBACK TO portal_record" };
        self.prepare_cached(end).map_err(StoreError::from)?.execute([]).map_err(StoreError::from)?;
        if out.is_err() {
            self.prepare_cached("RELEASE portal_record")
                .map_err(StoreError::from)?
                .execute([])
                .map_err(StoreError::from)?;
        }
        out
    }

    /// The last unfinished run of the file with this checksum, to resume.
    pub fn open_import_run(&self, file_sha256: &str) -> Result<Option<OpenRun>, StoreError> {
        Ok(self
            .prepare_cached(
                "SELECT id, records_done, new, updated, unchanged, rejected FROM import_runs
                 WHERE file_sha256 = ?1 AND status IN ('running', 'stopped') ORDER BY id DESC LIMIT 1",
            )?
            .query_row([file_sha256], |r| {
                Ok(OpenRun {
                    id: r.get(0)?,
                    records_done: to_u64(r.get(1)?),
                    counts: RunCounts {
                        new: to_u64(r.get(2)?),
                        updated: to_u64(r.get(3)?),
                        unchanged: to_u64(r.get(4)?),
                        rejected: to_u64(r.get(5)?),
                    },
                })
            })
            .optional()?)
    }

    /// Starts a run; its id.
    pub fn start_import_run(
        &self,
        source: &str,
        file_sha256: &str,
        format: &str,
        now: &str,
        actor: &str,
    ) -> Result<i64, StoreError> {
        self.prepare_cached(
            "INSERT INTO import_runs (source, file_sha256, format, started_at, status, actor)
             VALUES (?1, ?2, ?3, ?4, 'running', ?5)",
        )?
        .execute([source, file_sha256, format, now, actor])?;
        Ok(self.last_insert_rowid())
    }

    /// Records a run's progress; `finished` (with its status) ends it.
    pub fn update_import_run(
        &self,
        id: i64,
        records_done: u64,
        c: RunCounts,
        status: &str,
        finished: Option<&str>,
    ) -> Result<(), StoreError> {
        self.prepare_cached(
            "UPDATE import_runs SET records_done = ?2, new = ?3, updated = ?4, unchanged = ?5, rejected = ?6,
                                    status = ?7, finished_at = ?8 WHERE id = ?1",
        )?
        .execute(params![
            id,
            to_i64(records_done),
            to_i64(c.new),
            to_i64(c.updated),
            to_i64(c.unchanged),
            to_i64(c.rejected),
            status,
            finished
        ])?;
        Ok(())
    }

    pub fn imported(&self, kind: &str, portal_id: &str) -> Result<Option<ImportedRow>, StoreError> {
        Ok(self
            .prepare_cached(
                "SELECT content_sha256, case_id, appointment_id, case_version, last_history_id FROM portal_imports
                 WHERE kind = ?1 AND portal_id = ?2",
            )?
            .query_row([kind, portal_id], |r| {
                Ok(ImportedRow {
                    content_sha256: r.get(0)?,
                    case_id: r.get(1)?,
                    appointment_id: r.get(2)?,
                    case_version: r.get(3)?,
                    last_history_id: r.get(4)?,
                })
            })
            .optional()?)
    }

    /// Records a newly imported record, with the case's version and last history event now.
    pub fn insert_imported(&self, n: &NewImported<'_>) -> Result<(), StoreError> {
        let (version, last) = match n.case_id {
            Some(c) => self.case_mark(CaseId(c))?,
            None => (None, None),
        };
        self.prepare_cached(
            "INSERT INTO portal_imports (kind, portal_id, content_sha256, case_id, appointment_id, case_version,
                                         last_history_id, run_id, imported_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        )?
        .execute(params![
            n.kind,
            n.portal_id,
            n.content_sha256,
            n.case_id,
            n.appointment_id,
            version,
            last,
            n.run_id,
            n.now
        ])?;
        Ok(())
    }

    /// Records a change from the portal applied to an imported case.
    pub fn update_imported(
        &self,
        kind: &str,
        portal_id: &str,
        sha: &str,
        case: CaseId,
        run_id: Option<i64>,
        now: &str,
    ) -> Result<(), StoreError> {
        let (version, last) = self.case_mark(case)?;
        self.prepare_cached(
            "UPDATE portal_imports SET content_sha256 = ?3, case_version = ?4, last_history_id = ?5, run_id = ?6,
                                       updated_at = ?7 WHERE kind = ?1 AND portal_id = ?2",
        )?
        .execute(params![kind, portal_id, sha, version, last, run_id, now])?;
        Ok(())
    }

    /// A case's version and the id of its last history event: what the office's changes move.
    pub fn case_mark(&self, case: CaseId) -> Result<(Option<i64>, Option<i64>), StoreError> {
        Ok(self
            .prepare_cached(
                "SELECT version, (SELECT max(id) FROM case_history WHERE case_id = ?1) FROM cases WHERE id = ?1",
            )?
            .query_row([case.0], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or((None, None)))
    }

    /// A change the citizen made on the portal: subject, note, form and the eID flag; the version
    /// moves on like any change.
    pub fn portal_update_case(
        &self,
        case: CaseId,
        subject: &str,
        note: &str,
        form_data: &str,
        identified: bool,
        now: &str,
    ) -> Result<(), StoreError> {
        self.prepare_cached(
            "UPDATE cases SET subject = ?2, note = ?3, form_data = ?4, portal_identified = ?5, updated_at = ?6,
                              version = version + 1 WHERE id = ?1",
        )?
        .execute(params![case.0, subject, note, form_data, i64::from(identified), now])?;
        Ok(())
    }

    /// The situation code, subject, note and form of a case, to compare a portal change with.
    pub fn case_portal_view(&self, case: CaseId) -> Result<Option<(String, String, String, String)>, StoreError> {
        Ok(self
            .prepare_cached(
                "SELECT s.code, c.subject, c.note, c.form_data FROM cases c JOIN situations s ON s.id = c.situation_id
                 WHERE c.id = ?1",
            )?
            .query_row([case.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?)
    }

    /// The checksums of a case's attachments, so a portal change adds only new ones.
    pub fn attachment_checksums(&self, case: CaseId) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.prepare_cached("SELECT sha256 FROM attachments WHERE case_id = ?1")?;
        let rows = stmt.query_map([case.0], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Cases, imported portal records, and indexed cases: what the import benchmark checks.
    pub fn import_bench_counts(&self) -> Result<(i64, i64, i64), StoreError> {
        Ok(self.query_row(
            "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM portal_imports), (SELECT count(*) FROM case_search)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// Filings imported with a portal id that starts with `prefix`, each with its case (the
    /// soak's check that every filing it sent is in the store once).
    pub fn portal_filings_with_prefix(&self, prefix: &str) -> Result<i64, StoreError> {
        Ok(self.query_row(
            "SELECT count(*) FROM portal_imports
             WHERE kind = 'filing' AND case_id IS NOT NULL AND substr(portal_id, 1, length(?1)) = ?1",
            [prefix],
            |r| r.get(0),
        )?)
    }

    /// How many cases the full-text index finds for one word.
    pub fn cases_matching_word(&self, word: &str) -> Result<i64, StoreError> {
        let quoted = format!("\"{}\"", word.replace('"', "\"\""));
        Ok(self.query_row("SELECT count(*) FROM case_fts WHERE case_fts MATCH ?1", [quoted], |r| r.get(0))?)
    }
}
