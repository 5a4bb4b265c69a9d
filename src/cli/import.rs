//! `clerkdesk import portal FILE|-`: filings and bookings made on the citizen portal become cases
//! and bookings through the desk's own operations (docs/admin-guide.md, "Importing from the
//! portal"). Exit 0 when every record is in (new, updated or already there), 1 when the file was
//! refused, a record rejected or the run stopped, 2 on bad usage.
//!
//! Ctrl-C (and SIGTERM) only raise a flag, read between batches: the batch in progress commits,
//! the run is marked stopped, and a rerun of the same file goes on from there.

use super::bridge_args::{EncodingArg, FormatArg};
use super::import_rejects;
use super::{CliResult, Failure, Global, open_desk, print_json, say};
use crate::bridge::record::Rejection;
use crate::bridge::{self, Format};
use crate::desk::{Actor, Desk, IMPORT_BATCH, ImportHooks, ImportOptions, ImportSummary, Records};
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
    Citizens(super::import_citizens::CitizensArgs),
    /// Officials of the directory (CSV), merged into the catalogue, with accounts where a role is given
    Officials(super::import_officials::OfficialsArgs),
    /// The catalogue (TOML), as `clerkdesk catalogue import`
    Catalogue(TomlArgs),
    /// The appointment plan (TOML), as `clerkdesk appointments plan import`
    Plan(TomlArgs),
}

/// The catalogue and the plan: one TOML file, checked whole.
#[derive(Debug, Args)]
pub struct TomlArgs {
    pub file: PathBuf,
    /// Check the file and say what would change, without writing
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long)]
    pub json: bool,
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
    /// The column mapping of a CSV file
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// The CSV file's encoding [default: the mapping's, else UTF-8]
    #[arg(long, value_enum)]
    pub encoding: Option<EncodingArg>,
    /// Check every record and say what would change, writing nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import the valid records and leave out the invalid ones (without it, one bad record refuses the file)
    #[arg(long)]
    pub skip_invalid: bool,
    /// Where to write the rejected records, in the file's own format, to fix and import again
    #[arg(long, value_name = "FILE", requires = "skip_invalid")]
    pub rejects: Option<PathBuf>,
    /// Records per transaction
    #[arg(long, default_value_t = IMPORT_BATCH, hide = true)]
    pub batch: usize,
    #[arg(long)]
    pub json: bool,
}

fn usage(message: impl Into<String>) -> Failure {
    Failure { message: message.into(), code: 2 }
}

pub fn run(g: &Global, cmd: ImportCommand) -> CliResult {
    match cmd {
        ImportCommand::Portal(a) => portal(g, &a),
        ImportCommand::Citizens(a) => super::import_citizens::run(g, &a),
        ImportCommand::Officials(a) => super::import_officials::run(g, &a),
        ImportCommand::Catalogue(TomlArgs { file, dry_run, json }) => {
            super::catalogue::run(g, super::catalogue::CatalogueCommand::Import { file, dry_run, json })
        }
        ImportCommand::Plan(TomlArgs { file, dry_run, json }) => super::appt_admin::import(g, &file, dry_run, json),
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
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn check_usage(a: &PortalArgs) -> Result<(), Failure> {
    if Format::from(a.format) != Format::Csv && (a.encoding.is_some() || a.mapping.is_some()) {
        return Err(usage("--encoding and --mapping are for CSV files (--format csv)"));
    }
    Ok(())
}

/// The reader's options: the CSV mapping file (refused with its own fault), the encoding.
pub(super) fn read_options(a: &PortalArgs) -> Result<bridge::ReadOptions, Failure> {
    let mapping = match &a.mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::from(format!("{}: cannot read: {e}", path.display())))?;
            Some(
                bridge::csv_mapping::CsvMapping::from_toml(&text)
                    .map_err(|e| Failure::from(format!("{}: {e}", path.display())))?,
            )
        }
        None => None,
    };
    let encoding = a.encoding.map(Into::into);
    Ok(bridge::ReadOptions { mapping, encoding })
}

fn portal(g: &Global, a: &PortalArgs) -> CliResult {
    check_usage(a)?;
    let read_opts = read_options(a)?;
    let src = source(&a.file)?;
    let mut desk = open_desk(g, false)?;
    let actor = desk.act_as(&a.user)?;
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let (summary, outbound) = portal_into(&mut desk, &actor, a, (&src, read_opts), &stop)?;
    report(a, &summary, outbound)
}

/// Imports `a.file` (read by [`source`], with its [`read_options`]) as `actor`, stopping at a batch boundary once `stop` is set, and writes the
/// rejects file when asked: the whole of `import portal` but the printing, so `bench --export`
/// fills its store through the very path the command takes. The summary, and the outbound
/// records passed over.
pub(super) fn portal_into(
    desk: &mut Desk,
    actor: &Actor,
    a: &PortalArgs,
    (src, read_opts): (&Source, bridge::ReadOptions),
    stop: &AtomicBool,
) -> Result<(ImportSummary, u64), Failure> {
    let bar = progress_bar(a.json);
    let mut rejected = Vec::new();
    let opts = ImportOptions {
        source: a.file.clone(),
        file_sha256: src.sha256.clone(),
        format: Format::from(a.format).as_str().to_owned(),
        dry_run: a.dry_run,
        skip_invalid: a.skip_invalid,
        batch: a.batch,
    };
    let format = Format::from(a.format);
    let rejects_options = read_opts.clone();
    // Our export's outbound records, passed over: counted afresh on each pass over the file.
    let outbound = bridge::Skipped::default();
    let mut open = passes(src.path.clone(), format, read_opts, outbound.clone());
    let mut progress = |n: u64, checking: bool| {
        if let Some(b) = &bar {
            b.set_message(if checking { "checking" } else { "importing" });
            b.set_position(n);
        }
    };
    let stop_now = || stop.load(Ordering::Relaxed);
    // A dry run keeps nothing in the store: its rejects file comes from these.
    let mut on_reject = |r: &Rejection| {
        if crate::desk::names_a_record(&r.field) {
            rejected.push(r.location);
        }
    };
    let mut hooks = ImportHooks { progress: &mut progress, stop: &stop_now, rejected: &mut on_reject };
    let summary = desk.import_portal(actor, &mut open, &opts, &mut hooks)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if let Some(out) = &a.rejects {
        // A run's rejections, those of the run it resumed included, are kept in the store.
        if let Some(run) = summary.run_id {
            rejected = desk.import_rejected_records(run)?;
        }
        import_rejects::write(format, &src.path, &rejects_options, &rejected, out)?;
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
            std::fs::File::open(&path).map_err(|e| crate::store::StoreError::Io(format!("{}: {e}", path.display())))?;
        counter.reset();
        let (options, counter) = (options.clone(), counter.clone());
        Ok(bridge::read_ahead(move || {
            let input = Box::new(BufReader::with_capacity(1 << 16, f));
            bridge::counting_reader(format, input, &options, counter)
        }))
    }
}

pub(super) fn progress_bar(json: bool) -> Option<indicatif::ProgressBar> {
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
    if a.json {
        print_json(&Report { summary: s, outbound })?;
    } else {
        let c = &s.counts;
        let what = match s.status {
            "dry_run" => "would import",
            "refused" => "checked",
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
        "stopped" => {
            format!("stopped after record {}; run the same command again to finish", s.records + s.resumed_after)
        }
        _ if s.counts.rejected > 0 => format!("{} record(s) rejected", s.counts.rejected),
        _ => return Ok(()),
    };
    Err(Failure { message, code: 1 })
}
