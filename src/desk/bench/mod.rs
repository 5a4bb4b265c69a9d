//! What `clerkdesk bench` times, beyond the operations clerks already have: opening a case as
//! the detail screen reads it, and drawing realistic queries from the store.

pub mod appointments;
use super::{Actor, Desk, DeskError};
use crate::domain::ids::{CaseId, CitizenId};
use crate::domain::permissions::{Operation, Scope};
use crate::store::{CaseListRow, CitizenRow, Floor, HistoryLine, ShellImport};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;

/// A case with its citizen and history: what the detail screen and the hotline's status answer
/// read, in one snapshot.
#[derive(Debug, Clone, Serialize)]
pub struct CaseSummary {
    pub case: CaseListRow,
    pub citizen: Option<CitizenRow>,
    pub history: Vec<HistoryLine>,
}

/// What clerks type, drawn from the store itself.
#[derive(Debug, Clone, Default)]
pub struct BenchSamples {
    /// Surname prefixes without diacritics, 3 to 6 letters.
    pub surnames: Vec<String>,
    /// Fragments of reference numbers: the sequence number's digits, or its end with the year.
    pub references: Vec<String>,
    /// The first 4 to 8 digits of birth numbers, some with the slash.
    pub birth_numbers: Vec<String>,
    pub case_ids: Vec<CaseId>,
    /// Citizens' phone numbers as stored, for the hotline's caller lookup.
    pub phones: Vec<String>,
}

/// A case, its citizen and its history (oldest first).
///
/// # Errors
/// No such case; a failing query.
pub fn case_summary(desk: &mut Desk, actor: &Actor, id: CaseId) -> Result<CaseSummary, DeskError> {
    let _ = actor; // who may open which case is decided with the case detail screen
    desk.store.read(|tx| {
        let case = tx.case_list_row(id)?.ok_or_else(|| DeskError::NotFound(format!("case {id}")))?;
        let citizen_id = tx.case_citizen(id)?;
        let citizen = match citizen_id {
            Some(c) => tx.citizen(c)?,
            None => None,
        };
        Ok(CaseSummary { case, citizen, history: tx.case_history_lines(id)? })
    })
}

/// Whether `actor` may run benchmarks and the soak (they file, book and import for real).
///
/// # Errors
/// `Forbidden` for every role but the administrator.
pub fn may_run(actor: &Actor) -> Result<(), DeskError> {
    actor.may(crate::domain::permissions::Operation::Benchmark, crate::domain::permissions::Scope::ANY)
}

/// `n` samples of each kind, the same for the same seed and store.
///
/// # Errors
/// An empty store; a failing query.
pub fn samples(desk: &mut Desk, n: usize, seed: u64) -> Result<BenchSamples, DeskError> {
    let mut rng = StdRng::seed_from_u64(seed);
    desk.store.read(|tx| {
        let (cases, citizens) = tx.max_case_and_citizen_ids()?;
        if cases == 0 || citizens == 0 {
            return Err(DeskError::NotFound("cases and citizens to measure: run `clerkdesk demo`".into()));
        }
        let mut s = BenchSamples::default();
        let mut tries = 0;
        while (s.surnames.len() < n || s.birth_numbers.len() < n) && tries < n * 20 {
            tries += 1;
            let Some(c) = tx.citizen(CitizenId(rng.random_range(1..=citizens)))? else { continue };
            let folded = crate::domain::text::fold(&c.family_name);
            let len = rng.random_range(3..=6).min(folded.chars().count());
            if s.surnames.len() < n && len >= 3 {
                s.surnames.push(folded.chars().take(len).collect());
            }
            if s.phones.len() < n && !c.phone.is_empty() {
                s.phones.push(c.phone.clone());
            }
            if let (Some(bn), true) = (c.birth_number, s.birth_numbers.len() < n) {
                let k = rng.random_range(4..=8).min(bn.len());
                let frag = &bn[..k];
                s.birth_numbers.push(if k > 6 && rng.random_bool(0.5) {
                    format!("{}/{}", &frag[..6], &frag[6..])
                } else {
                    frag.to_owned()
                });
            }
        }
        while s.references.len() < n && tries < n * 40 {
            tries += 1;
            let id = CaseId(rng.random_range(1..=cases));
            let Some(row) = tx.case_list_row(id)? else { continue };
            s.case_ids.push(id);
            // e.g. MULO-00042/2026/OSA: "00042", or "0042/2026"
            let digits: String = row.reference_number.chars().skip_while(|c| !c.is_ascii_digit()).collect();
            let seq: String = digits.chars().take_while(char::is_ascii_digit).collect();
            let frag = if rng.random_bool(0.5) {
                seq.trim_start_matches('0').to_owned()
            } else {
                digits.chars().skip(1).take(9).collect()
            };
            if frag.chars().count() >= 3 {
                s.references.push(frag);
            }
        }
        Ok(s)
    })
}

/// The `meta` key that marks a store made by `bench export` (its value: the cases asked for).
const EXPORT_BENCH_KEY: &str = "bench_export";

/// The number of changes the export benchmark made this store with; `None` for any other
/// store, which the benchmark refuses to touch.
pub fn export_mark(desk: &Desk) -> Result<Option<String>, DeskError> {
    Ok(desk.store.meta(EXPORT_BENCH_KEY)?)
}

/// Marks this store as the export benchmark's (administrator).
///
/// # Errors
/// Another role; a failing write.
pub fn set_export_mark(desk: &mut Desk, actor: &Actor, changes: u32) -> Result<(), DeskError> {
    actor.may(Operation::Benchmark, Scope::ANY)?;
    desk.store.write(|tx| Ok::<_, DeskError>(tx.set_meta(EXPORT_BENCH_KEY, &changes.to_string())?))
}

/// Cases, imported portal records and indexed cases (the import benchmark).
///
/// # Errors
/// A failing query.
pub fn import_counts(desk: &mut Desk) -> Result<(i64, i64, i64), DeskError> {
    Ok(desk.store.read(|tx| tx.import_bench_counts())?)
}

/// Portal filings in the store whose portal id starts with `prefix` (the soak's own).
///
/// # Errors
/// A failing query.
pub fn portal_filings_like(desk: &mut Desk, prefix: &str) -> Result<i64, DeskError> {
    Ok(desk.store.read(|tx| tx.portal_filings_with_prefix(prefix))?)
}

/// Cases the search index finds for a word (the import benchmark's sample).
///
/// # Errors
/// A failing query.
pub fn import_found(desk: &mut Desk, word: &str) -> Result<i64, DeskError> {
    Ok(desk.store.read(|tx| tx.cases_matching_word(word))?)
}

/// The sqlite3 shell's `.import` of a CSV of `columns` columns into a bare table at `db`, timed:
/// the reference the import benchmark compares with; `None` without a sqlite3 shell.
///
/// # Errors
/// The shell or the files failed.
pub fn shell_import(
    db: &std::path::Path,
    csv: &std::path::Path,
    columns: usize,
) -> Result<Option<ShellImport>, DeskError> {
    Ok(crate::store::shell_import(db, csv, columns)?)
}

/// The import's floor: its own rows replayed from the imported store at `from` into the store at
/// `path`, with nothing else (see [`crate::store::Store::replay_rows_from`]).
///
/// # Errors
/// Either store could not be opened or read.
pub fn replay_floor(path: &std::path::Path, from: &std::path::Path) -> Result<Floor, DeskError> {
    Ok(crate::store::Store::open(path, false)?.replay_rows_from(from)?)
}

/// Checkpoints the store's WAL into the file and truncates it, so each timed run starts alike.
pub fn checkpoint_truncate(desk: &mut Desk) -> Result<(), DeskError> {
    Ok(desk.store.checkpoint_truncate()?)
}
