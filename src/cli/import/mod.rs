//! `clerkdesk import portal FILE|-`: filings and bookings made on the citizen portal become cases
//! and bookings through the desk's own operations (docs/admin-guide.md, "Importing from the
//! portal"). Exit 0 when every record is in (new, updated or already there), 1 when the file was
//! refused, a record rejected or the run stopped, 2 on bad usage.
//!
//! Ctrl-C (and SIGTERM) only raise a flag, read between batches: the batch in progress commits,
//! the run is marked stopped, and a rerun of the same file goes on from there.

pub mod args;
pub mod citizens;
pub mod officials;
pub mod rejects;
use super::formats::FormatArg;
use super::{CliResult, Failure, Global, open_desk, print_json, say};
use crate::bridge::{self, Format};
use crate::desk::{Actor, Desk, DeskError, IMPORT_BATCH, ImportHooks, ImportOptions, ImportSummary, Records};
use crate::domain::portal::Rejection;
use args::{BulkArgs, TomlArgs};
use clap::{Args, Subcommand};
use sha2::{Digest, Sha256};
use std::io::{BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Filings and bookings made on the citizen portal, as cases and bookings
    Portal(PortalArgs),
    /// Citizens from a register extract (CSV), through the counter's own rules
    Citizens(super::import::citizens::CitizensArgs),
    /// Officials of the directory (CSV), merged into the catalogue, with accounts where a role is given
    Officials(super::import::officials::OfficialsArgs),
    /// The catalogue (TOML), as `clerkdesk catalogue import`
    Catalogue(TomlArgs),
    /// The appointment plan (TOML), as `clerkdesk appointments plan import`
    Plan(TomlArgs),
}

#[derive(Debug, Args)]
pub struct PortalArgs {
    /// The file to import, or - for standard input
    pub file: String,
    /// The clerk account the cases are filed under (a counter clerk, supervisor or administrator account)
    #[arg(long = "as", value_name = "USER")]
    pub user: String,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: FormatArg,
    #[command(flatten)]
    pub bulk: BulkArgs,
    /// Records per transaction
    #[arg(long, default_value_t = IMPORT_BATCH, hide = true)]
    pub batch: usize,
}

fn usage(message: impl Into<String>) -> Failure {
    Failure { message: message.into(), code: 2 }
}

pub fn run(g: &Global, cmd: ImportCommand) -> CliResult {
    match cmd {
        ImportCommand::Portal(a) => portal(g, &a),
        ImportCommand::Citizens(a) => super::import::citizens::run(g, &a),
        ImportCommand::Officials(a) => super::import::officials::run(g, &a),
        ImportCommand::Catalogue(a) => super::catalogue::run(g, super::catalogue::CatalogueCommand::Import(a)),
        ImportCommand::Plan(a) => super::appointments::admin::import(g, &a),
    }
}

/// The file to read twice: the named one, or standard input spooled to a temporary file.
pub(super) struct Source {
    pub(super) path: PathBuf,
    sha256: String,
    _spool: Option<tempfile::NamedTempFile>,
}

pub(super) fn source(name: &str) -> Result<Source, Failure> {
    if name == "-" {
        let mut spool =
            tempfile::NamedTempFile::new().map_err(|e| Failure::from(format!("cannot spool stdin: {e}")))?;
        let sha = copy_hashing(&mut std::io::stdin().lock(), spool.as_file_mut())?;
        let path = spool.path().to_owned();
        return Ok(Source { path, sha256: sha, _spool: Some(spool) });
    }
    let path = PathBuf::from(name);
    let mut file = std::fs::File::open(&path).map_err(|e| Failure::from(format!("{name}: {e}")))?;
    let sha = copy_hashing(&mut file, &mut std::io::sink())?;
    Ok(Source { path, sha256: sha, _spool: None })
}

/// Copies `from` to `to` in flat memory; the SHA-256 of what went through.
fn copy_hashing(from: &mut dyn Read, to: &mut dyn Write) -> Result<String, Failure> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = from.read(&mut buf).map_err(|e| Failure::from(format!("cannot read the file: {e}")))?;
        if n == 0 {
            break;
        }
        let chunk = buf.get(..n).unwrap_or_default();
        hasher.update(chunk);
        to.write_all(chunk).map_err(|e| Failure::from(format!("cannot spool the file: {e}")))?;
    }
    Ok(crate::domain::text::hex(&hasher.finalize()))
}

fn check_usage(a: &PortalArgs) -> Result<(), Failure> {
    if Format::from(a.format) != Format::Csv && (a.bulk.csv.encoding.is_some() || a.bulk.csv.mapping.is_some()) {
        return Err(usage("--encoding and --mapping are for CSV files (--format csv)"));
    }
    Ok(())
}

/// The reader's options: the CSV mapping file (refused with its own fault), the encoding.
pub(super) fn read_options(a: &PortalArgs) -> Result<bridge::ReadOptions, Failure> {
    let mapping = match &a.bulk.csv.mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::from(format!("{}: cannot read: {e}", path.display())))?;
            Some(
                bridge::csv::mapping::CsvMapping::from_toml(&text)
                    .map_err(|e| Failure::from(format!("{}: {e}", path.display())))?,
            )
        }
        None => None,
    };
    let encoding = a.bulk.csv.encoding.map(Into::into);
    Ok(bridge::ReadOptions { mapping, encoding })
}

fn portal(g: &Global, a: &PortalArgs) -> CliResult {
    check_usage(a)?;
    let read_opts = read_options(a)?;
    let src = source(&a.file)?;
    let mut desk = open_desk(g, false)?;
    let actor = desk.act_as(&a.user)?;
    let console = Console::new(a.bulk.json)?;
    let (summary, outbound) = portal_into(&mut desk, &actor, a, (&src, read_opts), console)?;
    report(a, &summary, outbound)
}

/// Imports `a.file` (read by [`source`], with its [`read_options`]) as `actor`, showing and
/// hearing `console`, and writes the rejects file when asked: the whole of `import portal` but
/// the printing, so `bench export` fills its store through the very path the command takes.
/// The summary, and the outbound records passed over.
pub(super) fn portal_into(
    desk: &mut Desk,
    actor: &Actor,
    a: &PortalArgs,
    (src, read_opts): (&Source, bridge::ReadOptions),
    console: Console,
) -> Result<(ImportSummary, u64), Failure> {
    let mut rejected = Vec::new();
    let opts = ImportOptions {
        source: a.file.clone(),
        file_sha256: src.sha256.clone(),
        format: Format::from(a.format).as_str().to_owned(),
        dry_run: a.bulk.check.dry_run,
        skip_invalid: a.bulk.skip_invalid,
        batch: a.batch,
    };
    let format = Format::from(a.format);
    let rejects_options = read_opts.clone();
    // Our export's outbound records, passed over: counted afresh on each pass over the file.
    let outbound = bridge::Skipped::default();
    let mut open = passes(src.path.clone(), format, read_opts, outbound.clone());
    // A dry run keeps nothing in the store: its rejects file comes from these.
    let mut on_reject = |r: &Rejection| {
        if crate::desk::names_a_record(&r.field) {
            rejected.push(r.location);
        }
    };
    let summary = console.run(&mut on_reject, |hooks| desk.import_portal(actor, &mut open, &opts, hooks))?;
    if let Some(out) = &a.bulk.rejects {
        // A run's rejections, those of the run it resumed included, are kept in the store.
        if let Some(run) = summary.run_id {
            rejected = desk.import_rejected_records(run)?;
        }
        rejects::write(format, &src.path, &rejects_options, &rejected, out)?;
    }
    Ok((summary, outbound.get()))
}

/// Opens the file afresh for each pass of the import over it, read ahead on the second core, its
/// outbound records counted into `counter` anew.
fn passes(
    path: PathBuf,
    format: Format,
    options: bridge::ReadOptions,
    counter: bridge::Skipped,
) -> impl FnMut() -> Result<Records, crate::desk::DeskError> {
    move || {
        let f =
            std::fs::File::open(&path).map_err(|e| crate::desk::DeskError::Io(format!("{}: {e}", path.display())))?;
        counter.reset();
        let (options, counter) = (options.clone(), counter.clone());
        Ok(bridge::read_ahead(move || {
            let input = Box::new(BufReader::with_capacity(1 << 16, f));
            bridge::counting_reader(format, input, &options, counter)
        }))
    }
}

/// What a bulk import shows and hears at the terminal while it runs: a progress spinner (not
/// with `--json`, nor when stderr is no terminal), and Ctrl-C or SIGTERM, which only raise a flag
/// the import reads between batches, so that the batch in progress commits.
pub(super) struct Console {
    stop: Arc<AtomicBool>,
    bar: Option<indicatif::ProgressBar>,
}

impl Console {
    /// Neither a spinner nor signals: for a benchmark's import, whose own Ctrl-C ends the process.
    pub(super) fn silent() -> Console {
        Console { stop: Arc::new(AtomicBool::new(false)), bar: None }
    }

    pub(super) fn new(json: bool) -> Result<Console, Failure> {
        let stop = Arc::new(AtomicBool::new(false));
        for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            signal_hook::flag::register(sig, Arc::clone(&stop))?;
        }
        Ok(Console { stop, bar: progress_bar(json) })
    }

    /// Runs `import` with hooks that report to this console, and each rejection to `rejected`.
    pub(super) fn run<T>(
        self,
        rejected: &mut dyn FnMut(&Rejection),
        import: impl FnOnce(&mut ImportHooks<'_>) -> Result<T, DeskError>,
    ) -> Result<T, Failure> {
        let mut progress = |n: u64, checking: bool| {
            if let Some(b) = &self.bar {
                b.set_message(if checking { "checking" } else { "importing" });
                b.set_position(n);
            }
        };
        let stop_now = || self.stop.load(Ordering::Relaxed);
        let out = import(&mut ImportHooks { progress: &mut progress, stop: &stop_now, rejected })?;
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
        Ok(out)
    }
}

fn progress_bar(json: bool) -> Option<indicatif::ProgressBar> {
    if json || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} {pos} records ({per_sec})") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

/// The summary as printed with `--json`: the desk's, and the outbound records passed over.
#[derive(serde::Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    summary: &'a ImportSummary,
    outbound: u64,
}

fn report(a: &PortalArgs, s: &ImportSummary, outbound: u64) -> CliResult {
    if a.bulk.json {
        print_json(&Report { summary: s, outbound })?;
    } else {
        let c = &s.counts;
        let what = match s.status {
            "dry_run" => "would import",
            "refused" => "checked",
            "stopped" if s.run_id.is_none() => "checked",
            _ => "imported",
        };
        let skipped = if outbound > 0 { format!(", {outbound} outbound skipped") } else { String::new() };
        say!(
            "{what} {}: {} new, {} updated, {} unchanged, {} rejected{skipped}",
            a.file,
            c.new,
            c.updated,
            c.unchanged,
            c.rejected
        );
        if s.resumed_after > 0 {
            say!("resumed after record {} of an interrupted run", s.resumed_after);
        }
    }
    for r in &s.rejections {
        eprintln!("{r}");
    }
    let message = match s.status {
        "refused" => format!("{} refused: {} invalid record(s); nothing was imported", a.file, s.counts.rejected),
        "stopped" if s.run_id.is_none() => {
            format!("stopped while checking, after record {}; nothing was imported", s.records + s.resumed_after)
        }
        "stopped" => {
            format!("stopped after record {}; run the same command again to finish", s.records + s.resumed_after)
        }
        _ if s.counts.rejected > 0 => format!("{} record(s) rejected", s.counts.rejected),
        _ => return Ok(()),
    };
    Err(Failure { message, code: 1 })
}
