//! `clerkdesk bench import`: the portal import at scale, beside its reference, in one run.
//!
//! 1. A base store at `--db`, made when the path does not exist: the demo generator's
//!    `--existing` cases (half as many citizens) and its accounts. Kept, so later runs skip it.
//! 2. A copy of it in a temporary folder beside it: each run imports into the same store.
//! 3. `--filings` OP-VYDANI filings by distinct new citizens as our JSON Lines, and the same
//!    records as a 14-column CSV (the shape of `benches/portal_filings.py`).
//! 4. The reference: the sqlite3 shell's `.import` of the CSV into a bare table.
//! 5. The real path: this binary's `import portal FILE --as prepazka` in a child process (check
//!    pass, validation, reference numbers, routing, deadlines, history, audit, search index), its
//!    peak memory read from /proc while it runs; meanwhile a clerk files a case every 50 ms
//!    through the desk on the same store, and each filing's wait is timed.
//! 6. What the store holds afterwards: every filing once, and a sample found by full-text search.
//! 7. The floor: every row the import wrote, written again into another copy of the base by SQLite
//!    itself, one `INSERT … SELECT` per table in one transaction, and indexed for search with the
//!    import's own statements (`Store::replay_rows_from`): what the store alone needs for that
//!    content, whatever program writes it.

use super::{Timing, timing};
use crate::cli::{CliResult, Failure, Global, load_config, print_json, resolve_db, say};
use crate::desk::{DemoParams, Desk, NewFiling};
use crate::domain::case::Channel;
use crate::domain::clock::SystemClock;
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub struct Params {
    pub filings: u32,
    pub existing: u32,
    pub seed: u64,
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct Reference {
    tool: String,
    seconds: f64,
    rows_per_second: f64,
}

#[derive(Debug, Serialize)]
struct FloorReport {
    seconds: f64,
    filings_per_second: f64,
    rows: i64,
    /// `(table, rows, seconds)`; `case_search` is the search indexing (all four indexes).
    tables: Vec<(String, i64, f64)>,
    /// From the transaction's start to the end of its commit, less the tables' own times.
    commit_and_rest_seconds: f64,
}

#[derive(Debug, Serialize)]
struct Report {
    cases_before: i64,
    base_made_seconds: Option<f64>,
    filings: u32,
    file_mb: f64,
    import_seconds: f64,
    filings_per_second: f64,
    peak_rss_mb: Option<f64>,
    reference: Option<Reference>,
    /// Import time over the reference's time (the target is at most 5).
    times_reference: Option<f64>,
    clerk_filings_during_import: Timing,
    /// The same rows written by SQLite itself (see the module's comment).
    floor: FloorReport,
    cases_after: i64,
    imported_once: bool,
    found_by_search: bool,
}

fn fail(message: impl Into<String>) -> Failure {
    Failure { message: message.into(), code: 1 }
}

fn io(what: &str, e: &std::io::Error) -> Failure {
    fail(format!("{what}: {e}"))
}

fn open(path: &Path, g: &Global) -> Result<Desk, Failure> {
    Ok(Desk::open(path, false, Arc::new(SystemClock), load_config(g)?)?)
}

/// The base store: made when absent; refused when it holds imported filings (not a base).
fn base(g: &Global, p: &Params) -> Result<(PathBuf, Option<f64>), Failure> {
    let path = resolve_db(g)?;
    let mut made = None;
    if !path.exists() {
        let t = Instant::now();
        let (mut desk, shell, _) = crate::cli::open_or_create(g)?;
        desk.init(&shell)?;
        let demo = DemoParams { citizens: (p.existing / 2).max(1), cases: p.existing, seed: p.seed };
        desk.generate_demo(&shell, &demo, None)?;
        crate::desk::bench::checkpoint_truncate(&mut desk)?;
        made = Some(t.elapsed().as_secs_f64());
        if !p.json {
            say!("made {} with {} cases in {:.1} s", path.display(), p.existing, t.elapsed().as_secs_f64());
        }
    }
    let mut desk = open(&path, g)?;
    if crate::desk::bench::import_counts(&mut desk)?.1 > 0 {
        return Err(fail(format!(
            "{} already holds imported filings, so it is not a base store for the benchmark; give --db a path that does not exist yet",
            path.display()
        )));
    }
    crate::desk::bench::checkpoint_truncate(&mut desk)?;
    Ok((path, made))
}

/// Writes `n` OP-VYDANI filings by distinct new citizens (verified, one attachment each) as our
/// JSON Lines, and with `csv` the same records as CSV; the JSON file's size in bytes. `bench
/// --export` imports the same filings into its store, and `soak` files of its own (their portal
/// ids start with `prefix`, so that each file is new to the store).
pub(crate) fn write_files(jsonl: &Path, csv: Option<&Path>, n: u32, prefix: &str) -> Result<u64, Failure> {
    let first = chrono::NaiveDate::from_ymd_opt(1940, 1, 1).ok_or_else(|| fail("bad first birth date"))?;
    let mut j = BufWriter::new(crate::door::files::create(jsonl).map_err(|e| io("cannot write the filings", &e))?);
    let mut c = match csv {
        Some(path) => {
            Some(BufWriter::new(crate::door::files::create(path).map_err(|e| io("cannot write the CSV", &e))?))
        }
        None => None,
    };
    let sha = "a".repeat(64);
    for i in 0..n {
        let born = first + chrono::Days::new(u64::from(i % 25_000));
        let record = serde_json::json!({
            "v": 1, "type": "filing", "portal_id": format!("{prefix}{i}"), "submitted_at": "2026-11-20T08:15:00Z",
            "citizen": {"given_name": "Jan", "family_name": format!("Novák{i}"), "birth_date": born.to_string(), "identified": true},
            "situation": "OP-VYDANI", "subject": "nový občanský průkaz",
            "fields": {"reason": "expiry", "express": "standard", "under15": "no"},
            "attachments": [{"name": "foto.jpg", "size": 123, "sha256": sha}]
        });
        writeln!(j, "{record}").map_err(|e| io("cannot write the filings", &e))?;
        if let Some(c) = &mut c {
            writeln!(
                c,
                "{prefix}{i},2026-11-20T08:15:00Z,Jan,Novák{i},{born},1,OP-VYDANI,nový občanský průkaz,expiry,standard,no,foto.jpg,123,{sha}"
            )
            .map_err(|e| io("cannot write the CSV", &e))?;
        }
    }
    j.flush().map_err(|e| io("cannot write the filings", &e))?;
    if let Some(c) = &mut c {
        c.flush().map_err(|e| io("cannot write the CSV", &e))?;
    }
    std::fs::metadata(jsonl).map(|m| m.len()).map_err(|e| io("cannot read the filings", &e))
}

/// The sqlite3 shell's `.import` of the CSV (14 columns) into a bare table, timed; `None` when
/// there is no sqlite3 shell.
#[allow(
    clippy::cast_precision_loss,
    reason = "counts and nanoseconds far below 2^52 become seconds and rates for the report"
)]
fn reference(dir: &Path, csv: &Path, n: u32) -> Result<Option<Reference>, Failure> {
    Ok(crate::desk::bench::shell_import(&dir.join("bare.db"), csv, 14)?.map(|r| {
        let seconds = r.elapsed.as_secs_f64();
        Reference { tool: r.tool, seconds, rows_per_second: f64::from(n) / seconds }
    }))
}

/// The child's peak resident memory so far (`VmHWM`), in kB.
fn peak_kb(pid: u32) -> Option<u64> {
    let status = crate::door::files::read_to_string(Path::new(&format!("/proc/{pid}/status"))).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A clerk filing a case every 50 ms until `stop`; each filing's time.
fn clerk(path: &Path, g: &Global, stop: &AtomicBool) -> Result<Vec<Duration>, Failure> {
    let mut desk = open(path, g)?;
    let admin = crate::cli::actor::resolve(g, &mut desk)?;
    let clerk = desk.act_for(&admin, "prepazka")?;
    let filing = NewFiling {
        citizen_id: None,
        situation_code: "OP-VYDANI".into(),
        channel: Channel::Counter,
        subject: "přepážka během importu".into(),
        note: String::new(),
        fields: [("reason", "expiry"), ("express", "standard"), ("under15", "no")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
        attachments: Vec::new(),
    };
    let mut waits = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        let t = Instant::now();
        desk.file_case(&clerk, &filing)?;
        waits.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(waits)
}

/// The floor (step 7), on a fresh copy of the base beside the imported store.
fn floor(base: &Path, dir: &Path, imported: &Path, filings: u32) -> Result<FloorReport, Failure> {
    let path = dir.join("floor.db");
    crate::door::files::copy(base, &path).map_err(|e| io("cannot copy the base store", &e))?;
    let f = crate::desk::bench::replay_floor(&path, imported)?;
    let seconds = f.elapsed.as_secs_f64();
    let rest = seconds - f.tables.iter().map(|t| t.2).sum::<f64>();
    Ok(FloorReport {
        seconds,
        filings_per_second: f64::from(filings) / seconds,
        rows: f.tables.iter().map(|t| t.1).sum(),
        tables: f.tables,
        commit_and_rest_seconds: rest,
    })
}

#[allow(
    clippy::cast_precision_loss,
    reason = "counts and nanoseconds far below 2^52 become seconds and rates for the report"
)]
#[allow(
    clippy::many_single_char_names,
    clippy::too_many_lines,
    reason = "one benchmark run, step by step as the module comment numbers them"
)]
pub fn run(g: &Global, p: &Params) -> CliResult {
    let (base_path, made) = base(g, p)?;
    let parent = base_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let dir = crate::door::files::temp_dir_in(parent, "clerkdesk-bench-import")
        .map_err(|e| io("cannot make a work folder", &e))?;
    let run_db = dir.path().join("store.db");
    crate::door::files::copy(&base_path, &run_db).map_err(|e| io("cannot copy the base store", &e))?;
    let cases_before = crate::desk::bench::import_counts(&mut open(&run_db, g)?)?.0;
    let (jsonl, csv) = (dir.path().join("filings.jsonl"), dir.path().join("filings.csv"));
    let bytes = write_files(&jsonl, Some(&csv), p.filings, "P-")?;
    let reference = reference(dir.path(), &csv, p.filings)?;

    let exe = std::env::current_exe().map_err(|e| io("cannot find this program", &e))?;
    let mut cmd = crate::door::spawn::command(exe);
    cmd.arg("--db").arg(&run_db);
    if let Some(c) = &g.config {
        cmd.arg("--config").arg(c);
    }
    cmd.args(["import", "portal", "--as", "prepazka", "--json"])
        .arg(&jsonl)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let stop = AtomicBool::new(false);
    let t = Instant::now();
    let mut child = cmd.spawn().map_err(|e| io("cannot start the import", &e))?;
    let pid = child.id();
    let (waits, peak, output) = std::thread::scope(|s| {
        let writer = s.spawn(|| clerk(&run_db, g, &stop));
        let mut peak = None;
        let status = loop {
            peak = peak_kb(pid).or(peak);
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => break Err(e),
            }
        };
        let seconds = t.elapsed().as_secs_f64();
        stop.store(true, Ordering::Relaxed);
        let waits = writer.join().map_err(|_| fail("the clerk's thread panicked"));
        (waits, peak, status.map(|s| (s, seconds)))
    });
    let (status, import_seconds) = output.map_err(|e| io("the import", &e))?;
    let out = child.wait_with_output().map_err(|e| io("the import's output", &e))?;
    if !status.success() {
        return Err(fail(format!(
            "the import failed ({status}): {}{}",
            String::from_utf8_lossy(&out.stdout).trim(),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let waits = waits??;
    let clerk_filings = waits.len();
    let mut desk = open(&run_db, g)?;
    let (cases_after, imported, _) = crate::desk::bench::import_counts(&mut desk)?;
    let expected = cases_before + i64::from(p.filings) + i64::try_from(clerk_filings).unwrap_or(i64::MAX);
    let sample = format!("novak{}", p.filings / 2);
    let found = crate::desk::bench::import_found(&mut desk, &sample)?;
    drop(desk);
    let floor = floor(&base_path, dir.path(), &run_db, p.filings)?;
    let report = Report {
        cases_before,
        base_made_seconds: made,
        filings: p.filings,
        file_mb: bytes as f64 / 1e6,
        import_seconds,
        filings_per_second: f64::from(p.filings) / import_seconds,
        peak_rss_mb: peak.map(|kb| kb as f64 / 1024.0),
        times_reference: reference.as_ref().map(|r| import_seconds / r.seconds),
        reference,
        clerk_filings_during_import: timing("a clerk's filing during the import", waits),
        floor,
        cases_after,
        imported_once: imported == i64::from(p.filings) && cases_after == expected,
        found_by_search: found == 1,
    };
    if p.json {
        print_json(&report)?;
    } else {
        say!(
            "imported {} filings into a store of {} cases in {:.2} s: {:.0} filings/s, peak memory {}",
            p.filings,
            cases_before,
            import_seconds,
            report.filings_per_second,
            report.peak_rss_mb.map_or("unknown".into(), |m| format!("{m:.0} MB"))
        );
        match &report.reference {
            Some(r) => say!(
                "{} .import of the same records as CSV into a bare table: {:.2} s ({:.0} rows/s); the import takes {:.1}× as long",
                r.tool,
                r.seconds,
                r.rows_per_second,
                import_seconds / r.seconds
            ),
            None => say!("no sqlite3 shell on this machine: the reference was not measured"),
        }
        let c = &report.clerk_filings_during_import;
        say!(
            "{} clerk filings during the import: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            c.runs,
            c.p50_ms,
            c.p99_ms,
            c.max_ms
        );
        let f = &report.floor;
        say!(
            "the same {} rows written by SQLite itself (INSERT … SELECT per table, one transaction) and indexed: {:.2} s ({:.0} filings/s)",
            f.rows,
            f.seconds,
            f.filings_per_second
        );
        let parts: Vec<String> = f.tables.iter().map(|(t, _, s)| format!("{t} {s:.2}")).collect();
        say!("  of which (s): {}, commit and the rest {:.2}", parts.join(", "), f.commit_and_rest_seconds);
        say!(
            "store after: {} cases; every filing imported once: {}; a sample found by search: {}",
            cases_after,
            report.imported_once,
            report.found_by_search
        );
    }
    if report.imported_once && report.found_by_search {
        Ok(())
    } else {
        Err(fail("the store after the import is not what it should be (see above)"))
    }
}
