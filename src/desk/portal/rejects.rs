//! The rejections of a portal import run, kept in the store with the batch that made them
//! (migration 0009): a run resumed after a kill or a power cut lists those made before the
//! interruption, and its rejects file (written from the file, which a resumed run has unchanged:
//! the same SHA-256) holds their records too, as if it had never stopped.

use crate::desk::{Desk, DeskError};
use crate::domain::portal::{Location, Rejection};
use crate::store::{NewRejection, StoreError, Tx};

/// Keeps a batch's rejections in the batch's own transaction: one row for each, nothing for a
/// record that went in.
pub(crate) fn keep(tx: &Tx<'_>, run_id: i64, rejections: &[Rejection]) -> Result<(), StoreError> {
    for r in rejections {
        tx.insert_import_rejection(&NewRejection {
            run_id,
            index: r.location.index,
            line: r.location.line,
            field: &r.field,
            reason: &r.reason,
        })?;
    }
    Ok(())
}

impl Desk {
    /// Appends the rejections kept for `run` to `list`, in record order, until it holds `max`.
    pub(crate) fn list_kept_rejections(
        &mut self,
        run: i64,
        list: &mut Vec<Rejection>,
        max: usize,
    ) -> Result<(), DeskError> {
        if list.len() >= max {
            return Ok(());
        }
        self.store.read(|tx| {
            tx.each_import_rejection(run, |k| {
                let at = Location { line: k.line, index: k.index };
                list.push(Rejection { location: at, field: k.field, reason: k.reason });
                Ok::<_, DeskError>(list.len() < max)
            })
        })
    }

    /// Where the records an import run rejected lie, those of the run it resumed included, in
    /// record order: the rejections of the file as a whole or of its header name no record and
    /// are left out.
    pub fn import_rejected_records(&mut self, run: i64) -> Result<Vec<Location>, DeskError> {
        let mut found = Vec::new();
        self.store.read(|tx| {
            tx.each_import_rejection(run, |k| {
                if names_a_record(&k.field) {
                    found.push(Location { line: k.line, index: k.index });
                }
                Ok::<_, DeskError>(true)
            })
        })?;
        Ok(found)
    }
}

/// Whether a rejection is of one record, not of the file as a whole or of a CSV file's header.
#[must_use]
pub fn names_a_record(field: &str) -> bool {
    !matches!(field, "file" | "header")
}
