//! `clerkdesk export slots`: the free slots of each bookable service for the next `--days` days,
//! for the portal to offer (docs/admin-guide.md, "Free slots for the portal"). Written as
//! `export portal` writes: with `-o FILE` whole or not at all (a temporary file beside it, renamed
//! when complete), else to stdout; the summary on stdout with `-o`, else on stderr. Exit 0 when
//! written, 1 on a failure (an unknown service, a failing write), 2 on bad usage.

use super::{CliResult, Failure, Global, open_desk, out, out_file};
use crate::bridge::export_slots::{SlotFormat, SlotWriter};
use crate::desk::{Desk, SLOT_DAYS_MAX, SlotsSummary};
use clap::{Args, ValueEnum};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SlotFormatArg {
    /// Our own JSON Lines, one `free_slot` per line (docs/bridge-format.md)
    Jsonl,
    /// CSV, UTF-8 with a BOM (Open311 GeoReport v2 knows no appointments)
    Csv,
}

#[derive(Debug, Args)]
pub struct SlotsArgs {
    /// Office days to cover, today included
    #[arg(long, default_value_t = 14, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(SLOT_DAYS_MAX)))]
    pub days: u32,
    /// Only this service (repeat for more) [default: every service a counter or official serves]
    #[arg(long = "service", value_name = "CODE")]
    pub services: Vec<String>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: SlotFormatArg,
    /// The file to write (via a temporary file beside it, renamed when complete) [default:
    /// standard output]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The summary as JSON
    #[arg(long)]
    pub json: bool,
}

/// Streams the slots into `w`; the writer back, flushed.
fn write_all<W: Write>(desk: &mut Desk, a: &SlotsArgs, w: W) -> Result<(SlotsSummary, W), Failure> {
    let format = match a.format {
        SlotFormatArg::Jsonl => SlotFormat::Jsonl,
        SlotFormatArg::Csv => SlotFormat::Csv,
    };
    let mut writer = SlotWriter::begin(format, w)?;
    let summary = desk.portal_slots(a.days, &a.services, &mut |s| writer.slot(&s))?;
    Ok((summary, writer.finish()?))
}

pub fn run(g: &Global, a: &SlotsArgs) -> CliResult {
    let mut desk = open_desk(g, false)?;
    let summary = match &a.output {
        Some(target) => {
            let at = |e: io::Error| Failure::from(format!("{}: {e}", target.display()));
            let tmp = out_file::create_beside(target).map_err(at)?;
            let (summary, w) = write_all(&mut desk, a, BufWriter::with_capacity(1 << 16, tmp))?;
            let tmp = w.into_inner().map_err(|e| at(e.into_error()))?;
            out_file::commit(tmp, target).map_err(at)?;
            summary
        }
        None => {
            let stdout = io::stdout();
            write_all(&mut desk, a, BufWriter::with_capacity(1 << 16, stdout.lock()))?.0
        }
    };
    let text = if a.json {
        serde_json::to_string_pretty(&summary)?
    } else {
        format!(
            "exported {} free slot(s) of {} service(s) from {} to {}",
            summary.slots,
            summary.services.len(),
            summary.from,
            summary.to
        )
    };
    if a.output.is_some() {
        out(&text);
    } else {
        eprintln!("{text}");
    }
    Ok(())
}
