//! `clerkdesk import portal FILE|-`: filings and bookings made on the citizen portal become cases
//! and bookings through the desk's own operations (docs/admin-guide.md, "Importing from the
//! portal"). Exit 0 when every record is in (new, updated or already there), 1 when the file was
//! refused, a record rejected or the run stopped, 2 on bad usage.
//!
//! Ctrl-C (and SIGTERM) only raise a flag, read between batches: the batch in progress commits,
//! the run is marked stopped, and a rerun of the same file goes on from there.

use super::args::BulkArgs;
use super::console::Console;
use super::rejects;
use super::source::{Source, source};
use crate::bridge::{self, Format};
use crate::cli::formats::FormatArg;
use crate::cli::{CliResult, Failure, Global, print_json, say, tell};
use crate::desk::RunStatus;
use crate::desk::{Actor, Desk, IMPORT_BATCH, ImportOptions, ImportSummary, Records};
use crate::domain::portal::Rejection;
use clap::Args;
use std::io::BufReader;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct PortalArgs {
    /// The file to import, or - for standard input
    pub file: String,
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

fn check_usage(a: &PortalArgs) -> Result<(), Failure> {
    if Format::from(a.format) != Format::Csv && (a.bulk.csv.encoding.is_some() || a.bulk.csv.mapping.is_some()) {
        return Err(usage("--encoding and --mapping are for CSV files (--format csv)"));
    }
    Ok(())
}

/// The reader's options: the CSV mapping file (refused with its own fault), the encoding.
pub(crate) fn read_options(a: &PortalArgs) -> Result<bridge::ReadOptions, Failure> {
    let mapping = match &a.bulk.csv.mapping {
        Some(path) => {
            let text = crate::door::files::read_to_string(path)
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

pub fn run(g: &Global, a: &PortalArgs) -> CliResult {
    check_usage(a)?;
    let read_opts = read_options(a)?;
    let src = source(&a.file)?;
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let console = Console::new(a.bulk.json)?;
    let (summary, outbound) = portal_into(&mut desk, &actor, a, (&src, read_opts), console)?;
    report(a, &summary, outbound)
}

/// Imports `a.file` (read by [`source`], with its [`read_options`]) as `actor`, showing and
/// hearing `console`, and writes the rejects file when asked: the whole of `import portal` but
/// the printing, so `bench export` fills its store through the very path the command takes.
/// The summary, and the outbound records passed over.
pub(crate) fn portal_into(
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
        let f = crate::door::files::open(&path)
            .map_err(|e| crate::desk::DeskError::Io(format!("{}: {e}", path.display())))?;
        counter.reset();
        let (options, counter) = (options.clone(), counter.clone());
        Ok(bridge::read_ahead(move || {
            let input = Box::new(BufReader::with_capacity(1 << 16, f));
            bridge::counting_reader(format, input, &options, counter)
        }))
    }
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
            RunStatus::DryRun => "would import",
            RunStatus::Refused => "checked",
            RunStatus::Stopped if s.run_id.is_none() => "checked",
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
        tell!("{r}");
    }
    let message = match s.status {
        RunStatus::Refused => {
            format!("{} refused: {} invalid record(s); nothing was imported", a.file, s.counts.rejected)
        }
        RunStatus::Stopped if s.run_id.is_none() => {
            format!("stopped while checking, after record {}; nothing was imported", s.records + s.resumed_after)
        }
        RunStatus::Stopped => {
            format!("stopped after record {}; run the same command again to finish", s.records + s.resumed_after)
        }
        _ if s.counts.rejected > 0 => format!("{} record(s) rejected", s.counts.rejected),
        _ => return Ok(()),
    };
    Err(Failure { message, code: 1 })
}
