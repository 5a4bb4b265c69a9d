//! `import portal`: portal records into cases and bookings in batches, each one `BEGIN IMMEDIATE`
//! transaction that also records the run's progress, so a run killed at any moment resumes where
//! its last commit ended and nothing is imported twice (the portal id and content hash make every
//! record idempotent besides). Without `skip_invalid` every record is first tried in rolled-back
//! batches, and a file with any bad record is refused as a whole. A run's rejections are kept
//! with their batch ([`rejects`]), so a resumed run lists those made before too.

pub mod filer;
pub mod record;
pub mod rejects;
use super::cases::Office;
use super::import;
use super::import::{Batch, Ended, ImportHooks, LISTED, Pass, Totals, YIELD};
use super::{Actor, Desk, DeskError};
use crate::desk::cases::{FilingTerms, filing_terms};
use crate::desk::import::RunStatus;
use crate::domain::permissions::{Operation, Scope};
use crate::domain::portal::{Location, ReadResult, Rejection};
use crate::store::{RunCounts, Tx};
use chrono::{DateTime, NaiveDate, Utc};
use record::{Outcome, import_record};
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// What every record of a batch shares.
pub(crate) struct Ctx<'a> {
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
    pub now_s: String,
    pub today: NaiveDate,
    pub office: &'a Office,
    pub meeting_pattern: &'a str,
    pub run_id: Option<i64>,
    /// Only check: look everything up and validate, write nothing (bookings excepted: they are
    /// tried in a savepoint, in a transaction the caller rolls back).
    pub check_only: bool,
    /// The catalogue terms of each situation and the office's id, looked up once per batch.
    pub terms: RefCell<HashMap<String, Rc<FilingTerms>>>,
    pub office_id: Cell<Option<i64>>,
}

impl Ctx<'_> {
    fn terms(&self, tx: &Tx<'_>, code: &str) -> Result<Rc<FilingTerms>, DeskError> {
        if let Some(t) = self.terms.borrow().get(code) {
            return Ok(Rc::clone(t));
        }
        let t = Rc::new(filing_terms(tx, code)?);
        self.terms.borrow_mut().insert(code.to_owned(), Rc::clone(&t));
        Ok(t)
    }

    fn office_id(&self, tx: &Tx<'_>) -> Result<i64, DeskError> {
        if let Some(id) = self.office_id.get() {
            return Ok(id);
        }
        let id = tx.office_id(&self.office.designation, &self.office.name)?;
        self.office_id.set(Some(id));
        Ok(id)
    }
}

/// The records of the file, from its start: called once per pass (validation, import).
pub type Records = Box<dyn Iterator<Item = ReadResult>>;

/// Records per transaction at most; a batch also ends after [`BATCH_TIME`]. A clerk's write waits
/// for at most one batch, and fewer, larger commits (each one an fsync) make the import faster.
pub const IMPORT_BATCH: usize = 10_000;

/// How long a batch may hold the store's write lock: what a clerk's write may have to wait.
pub const BATCH_TIME: std::time::Duration = std::time::Duration::from_millis(100);

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The file as named on the command line (`-` for stdin).
    pub source: String,
    pub file_sha256: String,
    pub format: String,
    pub dry_run: bool,
    pub skip_invalid: bool,
    pub batch: usize,
}

/// What a run did (or, on a dry run or a refused file, would have done).
#[derive(Debug, Clone, Serialize)]
pub struct ImportSummary {
    pub run_id: Option<i64>,
    /// `done`, `refused` (nothing written), `stopped` (Ctrl-C: while checking, nothing written and
    /// no `run_id`; while importing, a rerun finishes it) or `dry_run`.
    pub status: RunStatus,
    /// Records of the file read by this run.
    pub records: u64,
    /// The records an earlier, interrupted run of the same file had committed and this one skipped.
    pub resumed_after: u64,
    #[serde(flatten)]
    pub counts: RunCounts,
    /// The first 1,000 rejections, in record order, those of the interrupted run this one resumed
    /// first: where, which field, why.
    pub rejections: Vec<Rejection>,
}

/// [`super::import::rejection`], in a record's terms: a filing's form is its `fields`, and a
/// booking's taken slot is its `start`.
fn rejection(at: Location, e: DeskError) -> Result<Rejection, DeskError> {
    match e {
        DeskError::Invalid { field, message, .. } if field == "form" => Ok(Rejection::new(at, "fields", message)),
        e @ DeskError::SlotTaken { .. } => Ok(Rejection::new(at, "start", e.to_string())),
        other => import::rejection(at, other),
    }
}

/// One batch's result, merged into the run's once committed.
#[derive(Default)]
struct BatchResult {
    /// Records taken from the file.
    read: usize,
    counts: RunCounts,
    last_index: u64,
    rejections: Vec<Rejection>,
}

/// Imports (or, with `ctx.check_only`, checks) a batch's records. A rejected record wrote
/// nothing (every check of a filing comes before its first write; a booking runs in a savepoint),
/// so the batch goes on without it.
fn run_batch(
    tx: &Tx<'_>,
    ctx: &Ctx<'_>,
    records: &mut dyn Iterator<Item = ReadResult>,
    max: usize,
) -> Result<BatchResult, DeskError> {
    let mut out = BatchResult::default();
    let until = std::time::Instant::now() + BATCH_TIME;
    while out.read < max && !(out.read % 64 == 0 && out.read > 0 && std::time::Instant::now() >= until) {
        let Some(item) = records.next() else { break };
        out.read += 1;
        let rejected = match item {
            Err(r) => r,
            Ok(located) => {
                out.last_index = located.location.index;
                match import_record(tx, ctx, &located.record) {
                    Ok(Outcome::New) => {
                        out.counts.new += 1;
                        continue;
                    }
                    Ok(Outcome::Updated) => {
                        out.counts.updated += 1;
                        continue;
                    }
                    Ok(Outcome::Unchanged) => {
                        out.counts.unchanged += 1;
                        continue;
                    }
                    Err(e) => rejection(located.location, e)?,
                }
            }
        };
        out.last_index = out.last_index.max(rejected.location.index);
        out.counts.rejected += 1;
        out.rejections.push(rejected);
    }
    Ok(out)
}

impl Desk {
    /// Imports portal records as the acting clerk; see the module documentation.
    ///
    /// # Errors
    /// Not a clerk who may file; a failing store or file. Bad records are no error: they are in
    /// the summary (and the run is `refused` unless `skip_invalid`).
    pub fn import_portal(
        &mut self,
        actor: &Actor,
        open: &mut dyn FnMut() -> Result<Records, DeskError>,
        opts: &ImportOptions,
        hooks: &mut ImportHooks<'_>,
    ) -> Result<ImportSummary, DeskError> {
        if actor.user_id.is_none() {
            return Err(DeskError::Forbidden(
                "portal filings are imported under a clerk's account; use --as USER".into(),
            ));
        }
        actor.may(Operation::ImportPortal, Scope::ANY)?;
        self.store.prepare_for_bulk()?;
        let resume = if opts.dry_run { None } else { self.store.read(|tx| tx.open_import_run(&opts.file_sha256))? };
        let skip = resume.map_or(0, |r| r.records_done);
        let mut summary = ImportSummary {
            run_id: None,
            status: RunStatus::DryRun,
            records: 0,
            resumed_after: skip,
            counts: RunCounts::default(),
            rejections: Vec::new(),
        };
        if opts.dry_run || !opts.skip_invalid {
            self.import_pass(actor, open()?, skip, None, opts, hooks, &mut summary)?;
            // Ctrl-C while checking: nothing written, no run recorded.
            if opts.dry_run || summary.status == RunStatus::Stopped {
                return Ok(summary);
            }
            if summary.counts.rejected > 0 {
                summary.status = RunStatus::Refused;
                return Ok(summary);
            }
        }
        let now = self.now_str();
        let run_id = match resume {
            Some(r) => r.id,
            None => self
                .store
                .write(|tx| tx.start_import_run(&opts.source, &opts.file_sha256, &opts.format, &now, &actor.name))?,
        };
        let base = resume.map(|r| r.counts).unwrap_or_default();
        summary = ImportSummary {
            run_id: Some(run_id),
            status: RunStatus::Done,
            counts: base,
            rejections: Vec::new(),
            records: 0,
            ..summary
        };
        if let Some(r) = resume {
            self.list_kept_rejections(r.id, &mut summary.rejections, LISTED)?;
        }
        self.import_pass(actor, open()?, skip, Some(run_id), opts, hooks, &mut summary)
            .map_err(|e| interrupted(e, &summary))?;
        Ok(summary)
    }

    /// One pass over the records after `skip`: rolled back when `run` is `None` (validation, dry
    /// run), else committed batch by batch with the run's progress.
    #[allow(
        clippy::too_many_arguments,
        reason = "the pass's inputs, the hooks and the running totals, each named at the call"
    )]
    fn import_pass(
        &mut self,
        actor: &Actor,
        records: Records,
        skip: u64,
        run: Option<i64>,
        opts: &ImportOptions,
        hooks: &mut ImportHooks<'_>,
        summary: &mut ImportSummary,
    ) -> Result<(), DeskError> {
        let index = |r: &ReadResult| match r {
            Ok(l) => l.location.index,
            Err(r) => r.location.index,
        };
        let mut records = records.filter(move |r| index(r) > skip);
        let office = Office::of(&self.config);
        let meeting = self.config.meeting_link.clone();
        let mut done = skip;
        let max = opts.batch.max(1);
        let pass = Pass { checking: run.is_none(), pause: YIELD };
        let totals =
            Totals { read: &mut summary.records, counts: &mut summary.counts, rejections: &mut summary.rejections };
        let ended = pass.run(hooks, totals, |counts_before| {
            let ctx = self.batch_ctx(actor, &office, &meeting, run);
            let b = match run {
                None => self.store.rolled_back(|tx| run_batch(tx, &ctx, &mut records, max))?,
                Some(id) => self.store.write_deferring_index(|tx| {
                    let b = run_batch(tx, &ctx, &mut records, max)?;
                    rejects::keep(tx, id, &b.rejections)?;
                    let mut c = counts_before;
                    c += b.counts;
                    tx.update_import_run(id, done.max(b.last_index), c, "running", None)?;
                    Ok::<_, DeskError>(b)
                })?,
            };
            if b.read == 0 {
                return Ok(None);
            }
            done = done.max(b.last_index);
            Ok(Some(Batch { read: b.read as u64, counts: b.counts, rejections: b.rejections }))
        })?;
        match (ended, run) {
            (Ended::Stopped, _) => self.finish_run(run, done, summary, RunStatus::Stopped),
            (_, Some(_)) => self.finish_run(run, done, summary, RunStatus::Done),
            (_, None) => Ok(()),
        }
    }

    /// A batch's context: the clock read afresh, the catalogue's terms looked up anew.
    fn batch_ctx<'a>(&self, actor: &'a Actor, office: &'a Office, meeting: &'a str, run: Option<i64>) -> Ctx<'a> {
        Ctx {
            actor,
            now: self.clock.now(),
            now_s: self.now_str(),
            today: self.clock.today(),
            office,
            meeting_pattern: meeting,
            run_id: run,
            check_only: run.is_none(),
            terms: RefCell::default(),
            office_id: Cell::new(None),
        }
    }

    /// Ends a run with `status` (kept `running` would let a rerun resume it; `stopped` does too).
    fn finish_run(
        &mut self,
        run: Option<i64>,
        done: u64,
        summary: &mut ImportSummary,
        status: RunStatus,
    ) -> Result<(), DeskError> {
        summary.status = status;
        let Some(id) = run else { return Ok(()) };
        let now = self.now_str();
        let finished = (status != RunStatus::Stopped).then_some(now.as_str());
        let counts = summary.counts;
        self.store.write(|tx| tx.update_import_run(id, done, counts, status.as_str(), finished))?;
        Ok(())
    }
}

/// A failure in the middle of a committed import: on a full disk, what went in (the batches
/// committed stay) and that the same command finishes the job, since the run resumes after its
/// last committed record.
fn interrupted(e: DeskError, s: &ImportSummary) -> DeskError {
    match e {
        DeskError::Store(ref store) if store.is_disk_full() => {
            let c = s.counts;
            DeskError::Io(format!(
                "the disk is full (database or disk is full): the import stopped after record {}; \
                 the batches committed before stay imported ({} new, {} updated, {} unchanged, {} rejected); \
                 free some space, then run the same command again to finish the job",
                s.resumed_after + s.records,
                c.new,
                c.updated,
                c.unchanged,
                c.rejected
            ))
        }
        e => e,
    }
}
