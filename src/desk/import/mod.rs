//! The batch loop the bulk imports (`import portal`, `import citizens`) share: batch after batch,
//! each in a transaction of its own, until the file ends, Ctrl-C stops the run between two
//! batches, or a bad row refuses a file that must go in whole. In one place so that both stop,
//! count, list their rejections and report progress alike; what a batch does, and whether it is
//! committed, recorded for a resume or rolled back, stays the import's own.

pub mod citizens;
pub mod officials;
use super::DeskError;
use crate::domain::portal::{Location, Rejection};
use crate::store::{RunCounts, StoreError};
use std::time::Duration;

/// Rejections (and conflicts) kept for a summary; beyond it they are only counted, so a file of
/// a million bad rows does not fill the memory or the terminal.
pub(super) const LISTED: usize = 1_000;

/// Callbacks of a run: progress after each batch (rows or records read so far, and whether it is
/// the check before the import), the stop flag read at each batch boundary (Ctrl-C), and each
/// rejection as it is made.
pub struct ImportHooks<'a> {
    pub progress: &'a mut dyn FnMut(u64, bool),
    pub stop: &'a dyn Fn() -> bool,
    pub rejected: &'a mut dyn FnMut(&Rejection),
}

/// What one batch did, once its transaction ended.
pub(super) struct Batch {
    /// Rows or records taken from the file.
    pub read: u64,
    pub counts: RunCounts,
    pub rejections: Vec<Rejection>,
}

/// Why a batch ended its pass without a result.
pub(super) enum Halt {
    /// A bad row of a file that must go in whole; the batch was rolled back.
    Refused(Rejection),
    Failed(DeskError),
}

impl From<DeskError> for Halt {
    fn from(e: DeskError) -> Halt {
        Halt::Failed(e)
    }
}

impl From<StoreError> for Halt {
    fn from(e: StoreError) -> Halt {
        Halt::Failed(e.into())
    }
}

/// How a bulk import run ended, as its summary and the store's run table say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Every record is in (new, updated or already there).
    Done,
    /// Nothing written: the file had invalid records and `--skip-invalid` was not given.
    Refused,
    /// Ctrl-C between batches: the batches committed before stay; the same command finishes it.
    Stopped,
    /// Checked only: nothing written.
    DryRun,
}

impl RunStatus {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Done => "done",
            RunStatus::Refused => "refused",
            RunStatus::Stopped => "stopped",
            RunStatus::DryRun => "dry_run",
        }
    }
}

impl std::fmt::Display for RunStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a pass ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ended {
    /// The file's end.
    Done,
    /// Ctrl-C, between two batches.
    Stopped,
    /// [`Halt::Refused`].
    Refused,
}

/// The totals of a run, where its summary keeps them.
pub(super) struct Totals<'s> {
    pub read: &'s mut u64,
    pub counts: &'s mut RunCounts,
    pub rejections: &'s mut Vec<Rejection>,
}

impl Totals<'_> {
    fn reject(&mut self, hooks: &mut ImportHooks<'_>, r: Rejection) {
        (hooks.rejected)(&r);
        if self.rejections.len() < LISTED {
            self.rejections.push(r);
        }
    }
}

/// The pause after each batch of an import or of its check (both hold the write lock: the check
/// books portal bookings and matches citizens in a transaction it rolls back), so that clerks'
/// writes waiting for the lock (they try every millisecond) get it before the next batch takes it
/// again. Without it a clerk's filing waited through a whole 20,000-filing import (1.7 s).
pub(super) const YIELD: Duration = Duration::from_millis(3);

/// One pass over a file. Ctrl-C ends either pass between two batches: the check with nothing
/// written, the import after its last commit.
pub(super) struct Pass {
    /// The check before an import (or a dry run), not the import itself: said to the progress hook.
    pub checking: bool,
    /// [`YIELD`], or nothing where no clerk waits (the loop's own tests).
    pub pause: Duration,
}

impl Pass {
    /// Runs `next` until it returns `None` (the file's end), the stop flag is raised, or it halts.
    /// `next` runs one batch in its own transaction, handed the run's counts before it (for the
    /// import to record its progress in the same transaction).
    ///
    /// # Errors
    /// A batch's [`Halt::Failed`].
    pub(super) fn run(
        &self,
        hooks: &mut ImportHooks<'_>,
        mut totals: Totals<'_>,
        mut next: impl FnMut(RunCounts) -> Result<Option<Batch>, Halt>,
    ) -> Result<Ended, DeskError> {
        loop {
            if (hooks.stop)() {
                return Ok(Ended::Stopped);
            }
            let batch = match next(*totals.counts) {
                Ok(Some(b)) => b,
                Ok(None) => return Ok(Ended::Done),
                Err(Halt::Failed(e)) => return Err(e),
                Err(Halt::Refused(r)) => {
                    totals.counts.rejected += 1;
                    totals.reject(hooks, r);
                    return Ok(Ended::Refused);
                }
            };
            if !self.pause.is_zero() {
                std::thread::sleep(self.pause);
            }
            *totals.counts += batch.counts;
            *totals.read += batch.read;
            for r in batch.rejections {
                totals.reject(hooks, r);
            }
            (hooks.progress)(*totals.read, self.checking);
        }
    }
}

/// A rejection for a desk error about one row or record, or the error back when it is a failure
/// of the run itself (the store, the file), which no row can be blamed for.
pub(super) fn rejection(at: Location, e: DeskError) -> Result<Rejection, DeskError> {
    match e {
        DeskError::Invalid { field, message, .. } => Ok(Rejection::new(at, &field, message)),
        DeskError::Conflict(m) | DeskError::NotFound(m) => Ok(Rejection::new(at, "record", m)),
        other => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(index: u64) -> Rejection {
        Rejection::new(Location { line: index + 1, index }, "record", "bad")
    }

    fn batch(read: u64, rejected: u64) -> Batch {
        let counts = RunCounts { new: read - rejected, rejected, ..RunCounts::default() };
        Batch { read, counts, rejections: (0..rejected).map(bad).collect() }
    }

    /// What a pass did: how it ended, its totals, and what the hooks heard.
    struct Seen {
        ended: Result<Ended, DeskError>,
        read: u64,
        counts: RunCounts,
        listed: usize,
        progress: Vec<(u64, bool)>,
        heard: usize,
    }

    /// Runs `batches` through `pass`, the stop flag raised once `stop_after` batches ran.
    fn run(pass: &Pass, stop_after: usize, mut batches: Vec<Result<Batch, Halt>>) -> Seen {
        let (mut read, mut counts, mut listed) = (0, RunCounts::default(), Vec::new());
        let (mut progress, mut heard, calls) = (Vec::new(), 0, std::cell::Cell::new(0));
        let stop = || calls.get() >= stop_after;
        let mut on_progress = |n, checking| progress.push((n, checking));
        let mut on_reject = |_: &Rejection| heard += 1;
        let mut hooks = ImportHooks { progress: &mut on_progress, stop: &stop, rejected: &mut on_reject };
        let totals = Totals { read: &mut read, counts: &mut counts, rejections: &mut listed };
        batches.reverse();
        let ended = pass.run(&mut hooks, totals, |_| {
            calls.set(calls.get() + 1);
            batches.pop().transpose()
        });
        Seen { ended, read, counts, listed: listed.len(), progress, heard }
    }

    fn pass(checking: bool) -> Pass {
        Pass { checking, pause: Duration::ZERO }
    }

    #[test]
    fn batches_add_up_and_a_summary_lists_only_the_first_thousand_rejections() {
        let s = run(&pass(true), usize::MAX, vec![Ok(batch(600, 600)), Ok(batch(700, 500))]);
        assert_eq!(s.ended.ok(), Some(Ended::Done));
        assert_eq!((s.read, s.counts.new, s.counts.rejected), (1300, 200, 1100));
        assert_eq!((s.listed, s.heard), (LISTED, 1100), "every rejection is heard, a thousand kept");
        assert_eq!(s.progress, vec![(600, true), (1300, true)]);
    }

    #[test]
    fn ctrl_c_ends_either_pass_between_batches() {
        let two = || vec![Ok(batch(10, 0)), Ok(batch(10, 0))];
        for checking in [false, true] {
            let s = run(&pass(checking), 1, two());
            assert_eq!((s.ended.ok(), s.read), (Some(Ended::Stopped), 10), "the batch begun is counted");
        }
        let s = run(&pass(false), usize::MAX, two());
        assert_eq!((s.ended.ok(), s.read), (Some(Ended::Done), 20), "no Ctrl-C, no stop");
    }

    #[test]
    fn a_refused_row_is_counted_and_heard_and_a_failure_is_the_passes_error() {
        let s = run(&pass(false), usize::MAX, vec![Ok(batch(10, 0)), Err(Halt::Refused(bad(11)))]);
        assert_eq!(s.ended.ok(), Some(Ended::Refused));
        assert_eq!((s.read, s.counts.new, s.counts.rejected, s.listed, s.heard), (10, 10, 1, 1, 1));
        let s = run(&pass(false), usize::MAX, vec![Err(Halt::Failed(DeskError::NotFound("x".into())))]);
        assert!(matches!(s.ended, Err(DeskError::NotFound(_))));
    }
}
