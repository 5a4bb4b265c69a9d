//! The rejections of a portal import run, kept in the store with the batch that made them
//! (migration 0009): a run resumed after a kill or a power cut lists those made before the
//! interruption, and writes them to its rejects file, as if it had never stopped.

use super::{Desk, DeskError};
use crate::bridge::record::{Location, Rejection};
use crate::store::{NewRejection, StoreError, Tx};

/// Where the text of a rejected record comes from: the record at a location as the rejects file
/// takes it, or `None` for a format without one.
pub type RecordText<'a> = &'a mut dyn FnMut(&Location) -> Option<Vec<u8>>;

/// Keeps a batch's rejections in the batch's own transaction. Only rejected records cost
/// anything here (their text is read from the file again, on demand).
pub(super) fn keep(tx: &Tx<'_>, run_id: i64, rejections: &[Rejection], text: RecordText<'_>) -> Result<(), StoreError> {
    for r in rejections {
        let record = text(&r.location);
        tx.insert_import_rejection(&NewRejection {
            run_id,
            index: r.location.index,
            line: r.location.line,
            field: &r.field,
            reason: &r.reason,
            record: record.as_deref(),
        })?;
    }
    Ok(())
}

impl Desk {
    /// Appends the rejections kept for `run` to `list`, in record order, until it holds `max`.
    pub(super) fn list_kept_rejections(
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

    /// Every rejected record of an import run, those of the run it resumed included, in record
    /// order, as the rejects file takes them (records of formats without one are left out).
    ///
    /// # Errors
    /// A failing query, or what `out` returns.
    pub fn import_rejects(
        &mut self,
        run: i64,
        out: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
    ) -> Result<(), DeskError> {
        self.store.read(|tx| {
            tx.each_import_rejection(run, |k| {
                if let Some(record) = &k.record {
                    out(record).map_err(|e| StoreError::Io(format!("cannot write the rejects: {e}")))?;
                }
                Ok::<_, DeskError>(true)
            })
        })
    }

    /// The indexes of the records an import run rejected, those of the run it resumed included:
    /// the rejections of the file as a whole or of its header name no record and are left out.
    ///
    /// # Errors
    /// A failing query.
    pub fn import_rejected_indexes(&mut self, run: i64) -> Result<std::collections::BTreeSet<u64>, DeskError> {
        let mut found = std::collections::BTreeSet::new();
        self.store.read(|tx| {
            tx.each_import_rejection(run, |k| {
                if names_a_record(&k.field) {
                    found.insert(k.index);
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
