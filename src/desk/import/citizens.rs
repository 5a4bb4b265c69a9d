//! `import citizens`: a register extract into the citizens on file, each row through the
//! counter's own validation ([`check`]) and creation, matched and merged by [`import_row`].
//!
//! Batches of [`CITIZEN_BATCH`] rows, each one `BEGIN IMMEDIATE` transaction, so clerks keep
//! working. Without `skip_invalid` every row is first tried in rolled-back batches, and a file
//! with any bad row is refused with nothing written. There is no run table: every row is
//! idempotent by itself (a citizen already on file is unchanged), so a run killed half-way is
//! finished by running it again.

use super::{Batch, Ended, Halt, ImportHooks, LISTED, Pass, Totals, YIELD, rejection};
use crate::desk::citizens::matching::{Conflict, Kind, SeenInFile, import_row};
use crate::desk::citizens::{NewCitizenInput, check};
use crate::desk::import::RunStatus;
use crate::desk::{Actor, Desk, DeskError, audit};
use crate::domain::permissions::{Operation, Scope};
use crate::domain::portal::Entry;
use crate::domain::portal::Rejection;
use crate::store::{RunCounts, Tx};
use serde::Serialize;

/// The rows of the file, from its start: called once per pass.
pub type Entries = Box<dyn Iterator<Item = Result<Entry, Rejection>>>;

/// Rows per transaction: each row runs the counter's duplicate checks, so a batch of a thousand
/// holds the write lock for a fraction of a second, which is what a clerk's write may wait.
pub const CITIZEN_BATCH: usize = 1_000;

#[derive(Debug, Clone)]
pub struct CitizenImportOptions {
    /// The file as named on the command line, for the audit line.
    pub source: String,
    pub dry_run: bool,
    pub skip_invalid: bool,
    pub batch: usize,
}

/// What a run did (or, on a dry run or a refused file, would have done).
#[derive(Debug, Clone, Serialize)]
pub struct CitizenImportSummary {
    /// `done`, `refused` (nothing written), `stopped` (Ctrl-C: the batches committed before stay;
    /// run it again) or `dry_run`.
    pub status: RunStatus,
    /// Rows read by the pass that decided (blank lines aside).
    pub rows: u64,
    /// Rows of the batches this run committed (fewer than `rows` when it was stopped or refused
    /// half-way; 0 when it wrote nothing).
    pub committed: u64,
    #[serde(flatten)]
    pub counts: RunCounts,
    pub conflicts: u64,
    /// The first 1,000 conflicts: the office's value kept, the file's differing one.
    pub conflict_list: Vec<Conflict>,
    /// The first 1,000 rejections: line, field, why.
    pub rejections: Vec<Rejection>,
}

impl CitizenImportSummary {
    fn new(status: RunStatus) -> Self {
        CitizenImportSummary {
            status,
            rows: 0,
            committed: 0,
            counts: RunCounts::default(),
            conflicts: 0,
            conflict_list: Vec::new(),
            rejections: Vec::new(),
        }
    }
}

/// A row's fields as the counter's form has them.
fn input_of(e: &Entry) -> NewCitizenInput {
    let opt = |f| Some(e.get(f).to_owned()).filter(|s| !s.is_empty());
    NewCitizenInput {
        given_name: e.get("given_name").to_owned(),
        family_name: e.get("family_name").to_owned(),
        birth_date: e.get("birth_date").to_owned(),
        birth_number: opt("birth_number"),
        phone: opt("phone"),
        email: e.get("email").to_owned(),
        street: e.get("street").to_owned(),
        city: e.get("city").to_owned(),
        postcode: e.get("postcode").to_owned(),
    }
}

/// One row: checked as at the counter, refused when an earlier row of the file is the same
/// citizen, then matched or created in a savepoint of the batch.
fn one_row(
    tx: &Tx<'_>,
    actor: &Actor,
    entry: &Entry,
    seen: &mut SeenInFile,
    now: &str,
) -> Result<crate::desk::citizens::matching::RowOutcome, DeskError> {
    let input = input_of(entry);
    let checked = check(&input)?;
    seen.check(&input, &checked)?;
    let out = tx.within_savepoint(|tx| import_row(tx, actor, &input, &checked, entry.location.line, now))?;
    seen.add(&input, &checked, entry.location.line);
    Ok(out)
}

/// A batch's rows; with `whole`, the first bad one halts it (the file is refused).
fn run_batch(
    tx: &Tx<'_>,
    actor: &Actor,
    rows: Vec<Result<Entry, Rejection>>,
    seen: &mut SeenInFile,
    whole: bool,
    now: &str,
) -> Result<(Batch, Vec<Conflict>), Halt> {
    let mut out = Batch { read: rows.len() as u64, counts: RunCounts::default(), rejections: Vec::new() };
    let mut conflicts = Vec::new();
    for row in rows {
        let rejected = match row {
            Err(r) => r,
            Ok(entry) => match one_row(tx, actor, &entry, seen, now) {
                Ok(o) => {
                    match o.kind {
                        Kind::New => out.counts.new += 1,
                        Kind::Updated => out.counts.updated += 1,
                        Kind::Unchanged => out.counts.unchanged += 1,
                    }
                    conflicts.extend(o.conflicts);
                    continue;
                }
                Err(e) => rejection(entry.location, e)?,
            },
        };
        if whole {
            return Err(Halt::Refused(rejected));
        }
        out.counts.rejected += 1;
        out.rejections.push(rejected);
    }
    Ok((out, conflicts))
}

impl Desk {
    /// Imports a register extract as the acting clerk; see the module documentation.
    ///
    /// # Errors
    /// An account that may not create citizens; a failing store or file. Bad rows are no error:
    /// they are in the summary (and the file is `refused` unless `skip_invalid`).
    pub fn import_citizens(
        &mut self,
        actor: &Actor,
        open: &mut dyn FnMut() -> Result<Entries, DeskError>,
        opts: &CitizenImportOptions,
        hooks: &mut ImportHooks<'_>,
    ) -> Result<CitizenImportSummary, DeskError> {
        if actor.user_id.is_none() {
            return Err(DeskError::Forbidden("citizens are imported under a clerk's account; use --as USER".into()));
        }
        actor.may(Operation::ImportCitizens, Scope::ANY)?;
        let mut summary = CitizenImportSummary::new(RunStatus::DryRun);
        if opts.dry_run || !opts.skip_invalid {
            self.citizen_pass(actor, open()?, false, opts, hooks, &mut summary)?;
            if opts.dry_run || summary.status == RunStatus::Stopped {
                return Ok(summary);
            }
            if summary.counts.rejected > 0 {
                summary.status = RunStatus::Refused;
                return Ok(summary);
            }
            summary = CitizenImportSummary::new(RunStatus::Done);
        } else {
            summary.status = RunStatus::Done;
        }
        self.citizen_pass(actor, open()?, true, opts, hooks, &mut summary).map_err(|e| match e {
            DeskError::Store(ref store) if store.is_disk_full() => DeskError::Io(format!(
                "the disk is full (database or disk is full): the import stopped after row {}; the {} row(s) \
                 of the batches committed before stay imported ({} new, {} updated, {} unchanged); free some \
                 space, then run the same command again to finish the job (the rows in already match, unchanged)",
                summary.committed,
                summary.committed,
                summary.counts.new,
                summary.counts.updated,
                summary.counts.unchanged
            )),
            e => e,
        })?;
        let now = self.now_str();
        let counts = serde_json::to_string(&summary.counts).unwrap_or_default();
        let detail = format!("{}: {counts}", summary.status);
        let source = opts.source.clone();
        self.store.write(|tx| {
            tx.audit(&audit(actor, &now, "citizens_import", "citizens", source, detail, ""))?;
            Ok::<_, DeskError>(())
        })?;
        Ok(summary)
    }

    /// One pass over the rows: rolled back batch by batch (`commit` false: the check, a dry run),
    /// or committed batch by batch.
    fn citizen_pass(
        &mut self,
        actor: &Actor,
        mut rows: Entries,
        commit: bool,
        opts: &CitizenImportOptions,
        hooks: &mut ImportHooks<'_>,
        summary: &mut CitizenImportSummary,
    ) -> Result<(), DeskError> {
        let mut seen = SeenInFile::default();
        let whole = commit && !opts.skip_invalid;
        // Ctrl-C: the check stops with nothing written, the import after its last commit.
        let pass = Pass { checking: !commit, pause: YIELD };
        let totals =
            Totals { read: &mut summary.rows, counts: &mut summary.counts, rejections: &mut summary.rejections };
        let (committed, conflicts, listed) =
            (&mut summary.committed, &mut summary.conflicts, &mut summary.conflict_list);
        let ended = pass.run(hooks, totals, |_| {
            let batch: Vec<_> = rows.by_ref().take(opts.batch.max(1)).collect();
            if batch.is_empty() {
                return Ok(None);
            }
            let now = self.now_str();
            let (b, found) = if commit {
                self.store.write_deferring_index(|tx| run_batch(tx, actor, batch, &mut seen, whole, &now))?
            } else {
                self.store.rolled_back(|tx| run_batch(tx, actor, batch, &mut seen, false, &now))?
            };
            if commit {
                *committed += b.read;
            }
            *conflicts += found.len() as u64;
            listed.extend(found.into_iter().take(LISTED.saturating_sub(listed.len())));
            Ok(Some(b))
        })?;
        match ended {
            Ended::Done => {}
            Ended::Stopped => summary.status = RunStatus::Stopped,
            Ended::Refused => summary.status = RunStatus::Refused,
        }
        Ok(())
    }
}
