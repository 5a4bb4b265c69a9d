//! `clerkdesk export portal`: what changed since the last export, for the citizen portal
//! (docs/admin-guide.md, "Exporting to the portal"). With `-o FILE` the export is written to a
//! temporary file of its own beside `FILE`, synced and renamed to `FILE` before the stored cursor
//! moves ([`super::out_file`]); without it, to stdout. The summary goes to stdout with `-o`, else
//! to stderr (stdout carries the records). Exit 0 when exported, 1 on a failure (the cursor
//! stays), 2 on bad usage. `export slots` is in [`slots`].

pub mod args;
pub mod sink;
pub mod slots;
use super::formats::{EncodingArg, FormatArg};
use super::{CliResult, Failure, Global, out_file};
use crate::bridge::Format;
use crate::bridge::csv::mapping::Encoding;
use crate::bridge::export::ExportWriter;
use crate::desk::{Actor, Desk, ExportCursor, ExportSummary, Since};
use args::{ExportAs, OutputFile};
use clap::{Args, Subcommand};
use sink::Sink;
use slots::SlotsArgs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Case states, watchdog notices and booking states changed since the last export
    ///
    /// An administrator's task, done by the run's account (or an administrator's --as)
    Portal(PortalArgs),
    /// The free slots of each bookable service for the next days, for the portal to offer
    Slots(SlotsArgs),
}

#[derive(Debug, Args)]
pub struct PortalArgs {
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: FormatArg,
    /// The CSV's encoding: UTF-8 with a BOM, or windows-1250
    #[arg(long, value_enum, default_value = "utf-8")]
    pub encoding: EncodingArg,
    /// Start from this cursor (as an earlier export reported it) instead of the stored one
    #[arg(long, value_name = "CURSOR", conflicts_with = "all")]
    pub since: Option<String>,
    /// Export everything, from the beginning
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub to: OutputFile,
    #[command(flatten)]
    pub by: ExportAs,
}

pub fn run(g: &Global, cmd: ExportCommand) -> CliResult {
    match cmd {
        ExportCommand::Portal(a) => portal(g, &a),
        ExportCommand::Slots(a) => slots::run(g, &a),
    }
}

/// Exports into `target`, whole or not at all, then moves the cursor (the path `export portal
/// -o` takes; `bench export` times it).
pub(super) fn portal_to_file(
    desk: &mut Desk,
    actor: &Actor,
    since: Since,
    format: Format,
    encoding: Encoding,
    target: &Path,
) -> Result<ExportSummary, Failure> {
    let writer =
        ExportWriter::begin(format, encoding, out_file::begin(target)?).map_err(|e| out_file::about(target, &e))?;
    Ok(desk.export_portal(actor, since, &mut Sink::new(writer, |w| out_file::finish(w, target)))?)
}

fn portal(g: &Global, a: &PortalArgs) -> CliResult {
    let since = match (&a.since, a.all) {
        (Some(s), _) => {
            Since::Cursor(s.parse::<ExportCursor>().map_err(|e| Failure { message: format!("--{e}"), code: 2 })?)
        }
        (None, true) => Since::All,
        (None, false) => Since::Stored,
    };
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let summary = if let Some(target) = &a.to.output {
        portal_to_file(&mut desk, &actor, since, a.format.into(), a.encoding.into(), target)?
    } else {
        let stdout = io::stdout();
        let writer =
            ExportWriter::begin(a.format.into(), a.encoding.into(), BufWriter::with_capacity(1 << 16, stdout.lock()))?;
        desk.export_portal(&actor, since, &mut Sink::new(writer, |mut w: BufWriter<_>| w.flush()))?
    };
    report(a, &summary)
}

fn report(a: &PortalArgs, s: &ExportSummary) -> CliResult {
    let text = if a.by.json {
        serde_json::to_string_pretty(s)?
    } else {
        format!(
            "exported {} case(s), {} notice(s), {} booking(s) from {} to {}{}\nchain heads: {}",
            s.cases,
            s.notices,
            s.bookings,
            s.cursor_from,
            s.cursor_to,
            if s.cursor_moved { "" } else { " (the stored cursor did not move)" },
            crate::domain::chain::compact(&s.heads)
        )
    };
    a.to.summary(&text);
    Ok(())
}
