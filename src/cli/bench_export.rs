//! `clerkdesk bench --export`: on a store of its own (`--changes` cases with their history, made
//! by the demo generator's bulk load, and the watchdog's notices), times the real `export portal
//! --all -o FILE` path in JSON Lines and Open311 JSON. Each export runs in a fresh process of
//! this binary (`bench --export-worker`), so its peak resident memory (`VmHWM`) is the export's
//! own and not the store generator's: streaming keeps it flat however many records go out.

use super::bench_tui::proc_status_kb;
use super::{CliResult, Failure, Global, default_corpus, open_desk, print_json, resolve_db, say};
use crate::bridge::Format;
use crate::bridge::csv_mapping::Encoding;
use crate::desk::{Actor, DemoParams, Since};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The formats timed, by their command-line names.
const FORMATS: [&str; 2] = ["jsonl", "open311-json"];

pub struct Params {
    pub changes: u32,
    pub seed: u64,
    pub json: bool,
}

/// What one export process measured.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct WorkerReport {
    pub format: String,
    pub cases: u64,
    pub notices: u64,
    pub bookings: u64,
    /// Every record the export read and handed to the writer (Open311 writes the cases only).
    pub records: u64,
    pub written: u64,
    pub seconds: f64,
    pub records_per_second: f64,
    pub bytes: u64,
    pub vm_hwm_kb: Option<u64>,
    pub vm_rss_kb: Option<u64>,
}

#[derive(Debug, Serialize)]
struct Report {
    changes: u32,
    setup_seconds: Option<f64>,
    runs: Vec<WorkerReport>,
}

/// Makes the benchmark store at `--db` when the file does not exist yet; refuses another store.
fn prepare(g: &Global, p: &Params) -> Result<Option<f64>, Failure> {
    let path = resolve_db(g)?;
    let fresh = !path.exists();
    let mut desk = open_desk(g, true)?;
    let shell = Actor::shell();
    if !fresh {
        if desk.export_bench_mark()?.is_none() {
            return Err(Failure {
                message: format!(
                    "{} is not an export benchmark store; give --db a path that does not exist yet",
                    path.display()
                ),
                code: 1,
            });
        }
        return Ok(None);
    }
    let t = Instant::now();
    desk.init(&shell)?;
    let params = DemoParams { citizens: (p.changes / 2).max(1_000), cases: p.changes, seed: p.seed };
    desk.generate_demo(&shell, &params, default_corpus().as_deref())?;
    desk.watchdog_run(&shell)?;
    desk.set_export_bench_mark(&shell, p.changes)?;
    let secs = t.elapsed().as_secs_f64();
    if !p.json {
        say!("made {} with {} cases and the watchdog's notices in {secs:.1} s", path.display(), p.changes);
    }
    Ok(Some(secs))
}

/// Where a run writes: beside the store, removed after it was measured.
fn output_for(db: &Path, format: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(format!(".export.{format}"));
    PathBuf::from(name)
}

fn parse_format(s: &str) -> Result<Format, Failure> {
    match s {
        "jsonl" => Ok(Format::Jsonl),
        "open311-json" => Ok(Format::Open311Json),
        "open311-xml" => Ok(Format::Open311Xml),
        "csv" => Ok(Format::Csv),
        _ => Err(Failure { message: format!("--export-format: '{s}' is no export format"), code: 2 }),
    }
}

pub fn run(g: &Global, p: &Params) -> CliResult {
    let setup_seconds = prepare(g, p)?;
    let db = resolve_db(g)?;
    let exe = std::env::current_exe().map_err(|e| Failure { message: format!("own binary: {e}"), code: 1 })?;
    let mut runs = Vec::new();
    for format in FORMATS {
        let out = std::process::Command::new(&exe)
            .arg("--db")
            .arg(&db)
            .args(["bench", "--export-worker", "--export-format", format])
            .output()
            .map_err(|e| Failure { message: format!("cannot start the export: {e}"), code: 1 })?;
        if !out.status.success() {
            return Err(Failure {
                message: format!("the {format} export failed: {}", String::from_utf8_lossy(&out.stderr).trim()),
                code: 1,
            });
        }
        let r: WorkerReport = serde_json::from_slice(&out.stdout)
            .map_err(|e| Failure { message: format!("export report: {e}"), code: 1 })?;
        runs.push(r);
    }
    let report = Report { changes: p.changes, setup_seconds, runs };
    if p.json {
        return print_json(&report);
    }
    let mb = |kb: Option<u64>| kb.map_or_else(|| "?".to_owned(), |k| format!("{:.1}", k as f64 / 1024.0));
    say!(
        "{:<13} {:>9} {:>9} {:>8} {:>11} {:>10} {:>14}",
        "format",
        "records",
        "written",
        "seconds",
        "records/s",
        "MB out",
        "VmHWM MB"
    );
    for r in &report.runs {
        say!(
            "{:<13} {:>9} {:>9} {:>8.2} {:>11.0} {:>10.1} {:>14}",
            r.format,
            r.records,
            r.written,
            r.seconds,
            r.records_per_second,
            r.bytes as f64 / 1e6,
            mb(r.vm_hwm_kb)
        );
    }
    if let Some(r) = report.runs.first() {
        say!("({} cases, {} notices, {} bookings per export)", r.cases, r.notices, r.bookings);
    }
    Ok(())
}

/// One timed export, in a process of its own: `export portal --all -o FILE` as the command does
/// it (the cursor moves too), then the figures as JSON on stdout.
#[allow(clippy::cast_precision_loss)]
pub fn worker(g: &Global, format: &str) -> CliResult {
    let fmt = parse_format(format)?;
    let mut desk = open_desk(g, false)?;
    if desk.export_bench_mark()?.is_none() {
        return Err(Failure { message: "not an export benchmark store".into(), code: 1 });
    }
    let target = output_for(&resolve_db(g)?, format);
    let t = Instant::now();
    let s = super::export::portal_to_file(&mut desk, &Actor::shell(), Since::All, fmt, Encoding::Utf8, &target)?;
    let seconds = t.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    std::fs::remove_file(&target).map_err(|e| Failure { message: format!("{}: {e}", target.display()), code: 1 })?;
    let records = s.cases + s.notices + s.bookings;
    let written = if matches!(fmt, Format::Open311Json | Format::Open311Xml) { s.cases } else { records };
    print_json(&WorkerReport {
        format: format.to_owned(),
        cases: s.cases,
        notices: s.notices,
        bookings: s.bookings,
        records,
        written,
        seconds,
        records_per_second: records as f64 / seconds.max(1e-9),
        bytes,
        vm_hwm_kb: proc_status_kb("VmHWM:"),
        vm_rss_kb: proc_status_kb("VmRSS:"),
    })
}
