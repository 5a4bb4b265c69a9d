//! `clerkdesk bench`: times what clerks wait for, on the store given with `--db` (usually the
//! demo store of a million cases). A subcommand rather than criterion: it measures the store an
//! office actually has, on its own machine, with the same binary the clerks run.

pub mod appointments;
pub mod export;
pub mod import;
pub mod tui;
use super::{CliResult, Failure, Global, print_json, say};
use crate::desk::CaseSort;
use crate::desk::{CaseQuery, Desk, NewFiling};
use crate::domain::case::{CaseStatus, Channel};
use clap::Subcommand;
use serde::Serialize;
use std::time::{Duration, Instant};

/// What `clerkdesk bench` times: one subcommand each, so that which benchmark runs never depends
/// on which flag clap saw first.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Search as you type, opening a case, the case list and (with `--file`) filing, on this store
    Search {
        /// Queries per kind
        #[arg(long, default_value_t = 300)]
        queries: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also time filing (files real cases: demo stores only)
        #[arg(long)]
        file: bool,
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Key presses in the workstation's case list (update + draw at 80×24), `--queries` of each
    /// kind, logged in as `--clerk` without a password, and its memory
    Tui {
        #[arg(long, default_value_t = 300)]
        queries: usize,
        /// The account the session acts as (an administrator acting for it)
        #[arg(long, default_value = "vedouci", value_name = "USER")]
        clerk: String,
        #[arg(long)]
        json: bool,
    },
    /// Appointments on a benchmark store made at `--db` when it does not exist (12 counters, a
    /// year of plans, `--bookings` bookings), then `--workers` processes book the same 50 slots
    /// for `--seconds` and the store is checked for double bookings
    Appointments {
        #[arg(long, default_value_t = 300_000)]
        bookings: u32,
        #[arg(long, default_value_t = 300)]
        queries: usize,
        #[arg(long, default_value_t = 8)]
        workers: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// One contending process of `bench appointments` (started by it)
    #[command(hide = true)]
    AppointmentsWorker {
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value = "")]
        slots: String,
    },
    /// `import portal` of `--filings` new filings into a copy of a base store of `--existing`
    /// cases (made at `--db` when it does not exist), beside the sqlite3 shell's `.import` of the
    /// same records, with a clerk filing meanwhile
    Import {
        #[arg(long, default_value_t = 1_000_000)]
        filings: u32,
        #[arg(long, default_value_t = 1_000_000)]
        existing: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// `export portal --all` to a file in JSON Lines and Open311 JSON, each in a process of its
    /// own (records/s, peak memory), on a benchmark store made at `--db` when it does not exist
    /// (`--changes` cases with their history, a quarter of them portal filings, and the
    /// watchdog's notices)
    Export {
        #[arg(long, default_value_t = 1_000_000)]
        changes: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// One timed export of `bench export` (started by it)
    #[command(hide = true)]
    ExportWorker {
        #[arg(long, default_value = "jsonl")]
        format: String,
    },
}

/// Runs the benchmark asked for.
pub fn run(g: &Global, cmd: BenchCommand) -> CliResult {
    match cmd {
        BenchCommand::Search { queries, seed, file, json } => search(g, queries, seed, file, json),
        BenchCommand::Tui { queries, clerk, json } => tui::run(g, queries, &clerk, json),
        BenchCommand::Appointments { bookings, queries, workers, seconds, seed, json } => {
            appointments::run(g, &appointments::Params { bookings, queries, workers, seconds, seed, json })
        }
        BenchCommand::AppointmentsWorker { seconds, seed, slots } => appointments::worker(g, seconds, seed, &slots),
        BenchCommand::Import { filings, existing, seed, json } => {
            import::run(g, &import::Params { filings, existing, seed, json })
        }
        BenchCommand::Export { changes, seed, json } => export::run(g, &export::Params { changes, seed, json }),
        BenchCommand::ExportWorker { format } => export::worker(g, &format),
    }
}

#[derive(Debug, Serialize)]
pub(super) struct Timing {
    pub what: String,
    pub runs: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

pub(super) fn timing(what: &str, mut samples: Vec<Duration>) -> Timing {
    samples.sort();
    let at = |q: f64| {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "a rank between 0 and len - 1: small, non-negative, and a run count fits an f64"
        )]
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Timing { what: what.to_owned(), runs: samples.len(), p50_ms: at(0.5), p99_ms: at(0.99), max_ms: at(1.0) }
}

/// Runs `f` once per item and keeps each run's time.
fn each<T>(items: &[T], mut f: impl FnMut(&T) -> Result<(), Failure>) -> Result<Vec<Duration>, Failure> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let t = Instant::now();
        f(item)?;
        out.push(t.elapsed());
    }
    Ok(out)
}

#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "percentile ranks of a few thousand samples, and their durations as milliseconds"
)]
#[allow(clippy::too_many_lines, reason = "one benchmark run, step by step, in the order its report lists")]
fn search(g: &Global, queries: usize, seed: u64, file: bool, json: bool) -> CliResult {
    let (mut desk, shell) = crate::cli::open_as(g)?;
    let s = crate::desk::bench::samples(&mut desk, queries, seed)?;
    let mut results = Vec::new();
    let search = |desk: &mut Desk, text: &str| -> Result<(), Failure> {
        let q = CaseQuery { search: text.to_owned(), ..CaseQuery::default() };
        desk.list_cases(&shell, &q, None, 20)?;
        Ok(())
    };
    results.push(timing(
        "citizen search: surname prefix",
        each(&s.surnames, |t| {
            desk.search_citizens(&shell, t, 20)?;
            Ok(())
        })?,
    ));
    results.push(timing(
        "citizen search: birth-number fragment",
        each(&s.birth_numbers, |t| {
            desk.search_citizens(&shell, t, 20)?;
            Ok(())
        })?,
    ));
    results.push(timing("case search: surname prefix", each(&s.surnames, |t| search(&mut desk, t))?));
    results.push(timing("case search: reference fragment", each(&s.references, |t| search(&mut desk, t))?));
    results.push(timing(
        "open a case (case, citizen, history)",
        each(&s.case_ids, |id| {
            crate::desk::bench::case_summary(&mut desk, &shell, *id)?;
            Ok(())
        })?,
    ));
    let filters = [
        CaseQuery::default(),
        CaseQuery { statuses: vec![CaseStatus::InProgress], department: Some("OSA".into()), ..CaseQuery::default() },
        CaseQuery { overdue: true, ..CaseQuery::default() },
        CaseQuery { due_within: Some(None), sort: CaseSort::Deadline, ..CaseQuery::default() },
        CaseQuery { channel: Some(Channel::Portal), statuses: vec![CaseStatus::Received], ..CaseQuery::default() },
    ];
    let reps: Vec<usize> = (0..queries.div_ceil(filters.len()).max(1)).collect();
    let (mut first, mut next) = (Vec::new(), Vec::new());
    for q in &filters {
        for _ in &reps {
            let t = Instant::now();
            let page = desk.list_cases(&shell, q, None, 50)?;
            first.push(t.elapsed());
            let t = Instant::now();
            desk.list_cases(&shell, q, page.next.as_ref(), 50)?;
            next.push(t.elapsed());
        }
    }
    results.push(timing("case list: first page of 50, filtered", first));
    results.push(timing("case list: next page of 50, filtered", next));
    if file {
        if !desk.is_demo()? {
            return Err(Failure { message: "--file files real cases: only on a demo store".into(), code: 1 });
        }
        let clerk = desk.act_for(&shell, "prepazka")?;
        let situation = desk.directory()?.data.situations.into_iter().next();
        let filing = NewFiling {
            citizen_id: None,
            fields: situation.as_ref().map(|x| crate::domain::form::example_values(&x.fields)).unwrap_or_default(),
            situation_code: situation.map(|x| x.code).unwrap_or_default(),
            channel: Channel::Counter,
            subject: "Benchmark".into(),
            note: "Zkušební podání".into(),
            attachments: Vec::new(),
        };
        // Between filings the bench does what the workstation does while the clerk types the next
        // one: a passive checkpoint on its idle tick (untimed).
        let mut times = Vec::with_capacity(reps.len());
        for _ in &reps {
            let t = Instant::now();
            desk.file_case(&clerk, &filing)?;
            times.push(t.elapsed());
            desk.checkpoint_when_idle()?;
        }
        results.push(timing("file a case (one transaction)", times));
    }
    if json {
        return print_json(&results);
    }
    say!("{:<42} {:>6} {:>9} {:>9} {:>9}", "operation", "runs", "p50 ms", "p99 ms", "max ms");
    for r in &results {
        say!("{:<42} {:>6} {:>9.3} {:>9.3} {:>9.3}", r.what, r.runs, r.p50_ms, r.p99_ms, r.max_ms);
    }
    Ok(())
}
