//! `clerkdesk export portal`: what changed since the last export, for the citizen portal
//! (docs/admin-guide.md, "Exporting to the portal"). With `-o FILE` the export is written to
//! `FILE.tmp`, synced and renamed to `FILE` before the stored cursor moves; without it, to stdout.
//! The summary goes to stdout with `-o`, else to stderr (stdout carries the records). Exit 0 when
//! exported, 1 on a failure (the cursor stays), 2 on bad usage.

use super::bridge_args::{EncodingArg, FormatArg};
use super::{CliResult, Failure, Global, open_desk, out};
use crate::bridge::export::ExportWriter;
use crate::desk::{Actor, ExportCursor, ExportRecord, ExportSink, ExportSummary, Since};
use clap::{Args, Subcommand};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Case states, watchdog notices and booking states changed since the last export
    Portal(PortalArgs),
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
    /// The file to write (via FILE.tmp, renamed when complete) [default: standard output]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The summary as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(g: &Global, cmd: ExportCommand) -> CliResult {
    match cmd {
        ExportCommand::Portal(a) => portal(g, &a),
    }
}

/// A writer into a temporary file beside the target, renamed onto it by `finish`.
struct FileSink {
    writer: Option<ExportWriter<BufWriter<File>>>,
    tmp: PathBuf,
    target: PathBuf,
}

impl ExportSink for FileSink {
    fn record(&mut self, r: ExportRecord) -> io::Result<()> {
        match &mut self.writer {
            Some(w) => w.record(&r),
            None => Err(io::Error::other("the export is already finished")),
        }
    }
    fn finish(&mut self) -> io::Result<()> {
        let w = self.writer.take().ok_or_else(|| io::Error::other("the export is already finished"))?;
        let file = w.finish()?.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        std::fs::rename(&self.tmp, &self.target)
    }
}

impl Drop for FileSink {
    /// An export that did not finish leaves no temporary file behind.
    fn drop(&mut self) {
        if self.tmp.exists() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

struct StdoutSink<'a> {
    writer: Option<ExportWriter<BufWriter<io::StdoutLock<'a>>>>,
}

impl ExportSink for StdoutSink<'_> {
    fn record(&mut self, r: ExportRecord) -> io::Result<()> {
        match &mut self.writer {
            Some(w) => w.record(&r),
            None => Err(io::Error::other("the export is already finished")),
        }
    }
    fn finish(&mut self) -> io::Result<()> {
        let w = self.writer.take().ok_or_else(|| io::Error::other("the export is already finished"))?;
        w.finish()?.flush()
    }
}

fn tmp_path(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(".tmp");
    PathBuf::from(name)
}

fn portal(g: &Global, a: &PortalArgs) -> CliResult {
    let since = match (&a.since, a.all) {
        (Some(s), _) => {
            Since::Cursor(s.parse::<ExportCursor>().map_err(|e| Failure { message: format!("--{e}"), code: 2 })?)
        }
        (None, true) => Since::All,
        (None, false) => Since::Stored,
    };
    let mut desk = open_desk(g, false)?;
    let actor = Actor::shell();
    let summary = match &a.output {
        Some(target) => {
            let tmp = tmp_path(target);
            let file = File::create(&tmp).map_err(|e| Failure::from(format!("{}: {e}", tmp.display())))?;
            let mut sink = FileSink { writer: None, tmp: tmp.clone(), target: target.clone() };
            sink.writer = Some(
                ExportWriter::begin(a.format.into(), a.encoding.into(), BufWriter::with_capacity(1 << 16, file))
                    .map_err(|e| Failure::from(format!("{}: {e}", tmp.display())))?,
            );
            desk.export_portal(&actor, since, &mut sink)?
        }
        None => {
            let stdout = io::stdout();
            let writer = ExportWriter::begin(
                a.format.into(),
                a.encoding.into(),
                BufWriter::with_capacity(1 << 16, stdout.lock()),
            )?;
            let mut sink = StdoutSink { writer: Some(writer) };
            desk.export_portal(&actor, since, &mut sink)?
        }
    };
    report(a, &summary)
}

fn report(a: &PortalArgs, s: &ExportSummary) -> CliResult {
    let text = if a.json {
        serde_json::to_string_pretty(s)?
    } else {
        format!(
            "exported {} case(s), {} notice(s), {} booking(s) from {} to {}{}",
            s.cases,
            s.notices,
            s.bookings,
            s.cursor_from,
            s.cursor_to,
            if s.cursor_moved { "" } else { " (the stored cursor did not move)" }
        )
    };
    if a.output.is_some() {
        out(&text);
    } else {
        eprintln!("{text}");
    }
    Ok(())
}
