//! `clerkdesk bench export`: on a store of its own (`--changes` cases with their history: a
//! quarter of them portal filings imported through `import portal`'s own path, the rest made by
//! the demo generator's bulk load; and the watchdog's notices), times the real `export portal
//! --all -o FILE` path in JSON Lines and Open311 JSON. The portal filings matter: each is written
//! back before its case (the round trip), the part of the export the portal depends on most. Each
//! export runs in a fresh process of this binary (`bench export-worker`), so its peak resident
//! memory (`VmHWM`) is the export's own and not the store generator's: streaming keeps it flat
//! however many records go out.

use super::tui::proc_status_kb;
use crate::bridge::Format;
use crate::bridge::csv::mapping::Encoding;
use crate::cli::formats::FormatArg;
use crate::cli::import::args::{BulkArgs, CsvArgs, DryRun};
use crate::cli::import::portal::PortalArgs;
use crate::cli::{CliResult, Failure, Global, default_corpus, print_json, resolve_db, say};
use crate::desk::RunStatus;
use crate::desk::{Actor, DemoParams, Desk, IMPORT_BATCH, Since};
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
    /// `case_status` records.
    pub cases: u64,
    /// Portal filings written back before their case (JSON Lines; read for every format).
    pub filings: u64,
    pub notices: u64,
    pub bookings: u64,
    /// Portal bookings written back before their booking (JSON Lines; read for every format).
    pub portal_bookings: u64,
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
    /// The `--changes` the store was made with (not the one given to a later run on it).
    changes: u32,
    /// What this run put into a new store; `None` when the store was there already.
    made: Option<Made>,
    runs: Vec<WorkerReport>,
}

/// A new benchmark store: its cases by origin, and the time it took.
#[derive(Debug, Serialize)]
struct Made {
    demo_cases: u32,
    portal_filings: u32,
    import_seconds: f64,
    setup_seconds: f64,
}

/// The portal filings among `changes` cases: a quarter, like an office whose citizens file a
/// quarter of their cases on the portal (enough for the write-back to weigh in the figures).
fn portal_share(changes: u32) -> u32 {
    changes / 4
}

/// Refuses a store that is not the benchmark's: its data is someone's. The `--changes` it was
/// made with.
fn refuse_other(desk: &Desk, path: &Path) -> Result<u32, Failure> {
    let fail = |message: String| Failure { message, code: 1 };
    let mark = crate::desk::bench::export_mark(desk)?.ok_or_else(|| {
        fail(format!("{} is not an export benchmark store; give --db a path that does not exist yet", path.display()))
    })?;
    mark.parse().map_err(|_| fail(format!("{}: the benchmark's mark '{mark}' is damaged", path.display())))
}

/// Makes the benchmark store at `--db` when the file does not exist yet; refuses another store.
/// The `--changes` the store was made with, and what this run made.
fn prepare(g: &Global, p: &Params) -> Result<(u32, Option<Made>), Failure> {
    let path = resolve_db(g)?;
    let (mut desk, shell, fresh) = crate::cli::open_or_create(g)?;
    if !fresh {
        return Ok((refuse_other(&desk, &path)?, None));
    }
    let t = Instant::now();
    desk.init(&shell)?;
    let filings = portal_share(p.changes);
    let demo_cases = p.changes - filings;
    let params = DemoParams { citizens: (demo_cases / 2).max(1_000), cases: demo_cases, seed: p.seed };
    desk.generate_demo(&shell, &params, default_corpus().as_deref())?;
    let ti = Instant::now();
    import_filings(&mut desk, &shell, &path, filings)?;
    let import_seconds = ti.elapsed().as_secs_f64();
    desk.watchdog_run(&shell)?;
    crate::desk::bench::set_export_mark(&mut desk, &shell, p.changes)?;
    let made = Made { demo_cases, portal_filings: filings, import_seconds, setup_seconds: t.elapsed().as_secs_f64() };
    if !p.json {
        say!(
            "made {} with {} cases ({} by the demo generator, {} portal filings imported in {:.1} s) and the watchdog's notices in {:.1} s",
            path.display(),
            p.changes,
            made.demo_cases,
            made.portal_filings,
            made.import_seconds,
            made.setup_seconds
        );
    }
    Ok((p.changes, Some(made)))
}

/// `n` portal filings (`bench import`'s) into the store as `import portal FILE --as prepazka`
/// does it: the file beside the store, removed after.
fn import_filings(desk: &mut Desk, admin: &Actor, db: &Path, n: u32) -> Result<(), Failure> {
    if n == 0 {
        return Ok(());
    }
    let mut name = db.as_os_str().to_owned();
    name.push(".filings.jsonl");
    let file = PathBuf::from(name);
    super::import::write_files(&file, None, n, "P-")?;
    let args = PortalArgs {
        file: file.to_string_lossy().into_owned(),
        format: FormatArg::Jsonl,
        bulk: BulkArgs {
            csv: CsvArgs { mapping: None, encoding: None },
            check: DryRun { dry_run: false },
            skip_invalid: false,
            rejects: None,
            json: true,
        },
        batch: IMPORT_BATCH,
    };
    let actor = desk.act_for(admin, "prepazka")?;
    let src = crate::cli::import::source::source(&args.file)?;
    let imported = crate::cli::import::portal::portal_into(
        desk,
        &actor,
        &args,
        (&src, crate::cli::import::portal::read_options(&args)?),
        crate::cli::import::console::Console::silent(),
    );
    crate::door::files::remove_file(&file)
        .map_err(|e| Failure { message: format!("{}: {e}", file.display()), code: 1 })?;
    let (summary, _) = imported?;
    if summary.status != RunStatus::Done || summary.counts.new != u64::from(n) {
        return Err(Failure {
            message: format!(
                "the portal filings were not all imported: {} ({} new of {n})",
                summary.status, summary.counts.new
            ),
            code: 1,
        });
    }
    Ok(())
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
        _ => Err(Failure { message: format!("--format: '{s}' is no export format"), code: 2 }),
    }
}

pub fn run(g: &Global, p: &Params) -> CliResult {
    let (changes, made) = prepare(g, p)?;
    let db = resolve_db(g)?;
    let exe = std::env::current_exe().map_err(|e| Failure { message: format!("own binary: {e}"), code: 1 })?;
    let mut runs = Vec::new();
    for format in FORMATS {
        let out = crate::door::spawn::command(&exe)
            .arg("--db")
            .arg(&db)
            .args(["bench", "export-worker", "--format", format])
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
    let report = Report { changes, made, runs };
    if p.json {
        return print_json(&report);
    }
    print_table(&report);
    Ok(())
}

/// The runs as a table, and the records of each kind an export read.
#[allow(
    clippy::cast_precision_loss,
    reason = "counts and nanoseconds far below 2^52 become seconds and rates for the report"
)]
fn print_table(report: &Report) {
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
        say!(
            "(records read per export: {} cases, {} portal filings, {} notices, {} bookings, {} portal bookings)",
            r.cases,
            r.filings,
            r.notices,
            r.bookings,
            r.portal_bookings
        );
    }
}

/// One timed export, in a process of its own: `export portal --all -o FILE` as the command does
/// it (the cursor moves too), then the figures as JSON on stdout.
#[allow(
    clippy::cast_precision_loss,
    reason = "counts and nanoseconds far below 2^52 become seconds and rates for the report"
)]
pub fn worker(g: &Global, format: &str) -> CliResult {
    let fmt = parse_format(format)?;
    let (mut desk, actor) = crate::cli::open_as(g)?;
    refuse_other(&desk, &resolve_db(g)?)?;
    let target = output_for(&resolve_db(g)?, format);
    let t = Instant::now();
    let s = crate::cli::export::portal_to_file(&mut desk, &actor, Since::All, fmt, Encoding::Utf8, &target)?;
    let seconds = t.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&target).map_or(0, |m| m.len());
    crate::door::files::remove_file(&target)
        .map_err(|e| Failure { message: format!("{}: {e}", target.display()), code: 1 })?;
    let records = s.cases + s.filings + s.notices + s.bookings + s.portal_bookings;
    let written = if matches!(fmt, Format::Open311Json | Format::Open311Xml) { s.cases } else { records };
    print_json(&WorkerReport {
        format: format.to_owned(),
        cases: s.cases,
        filings: s.filings,
        notices: s.notices,
        bookings: s.bookings,
        portal_bookings: s.portal_bookings,
        records,
        written,
        seconds,
        records_per_second: records as f64 / seconds.max(1e-9),
        bytes,
        vm_hwm_kb: proc_status_kb("VmHWM:"),
        vm_rss_kb: proc_status_kb("VmRSS:"),
    })
}
