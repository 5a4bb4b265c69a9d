//! `clerkdesk export slots`: the free slots of each bookable service for the next `--days` days,
//! for the portal to offer (docs/admin-guide.md, "Free slots for the portal"). Written as
//! `export portal` writes: with `-o FILE` whole or not at all (a temporary file beside it, renamed
//! when complete), else to stdout; the summary on stdout with `-o`, else on stderr. Audited once
//! written (as `export portal` is): who, the days, services, format, count and file. Exit 0 when
//! written, 1 on a failure (an unknown service, a failing write), 2 on bad usage.

use super::args::{ExportAs, OutputFile};
use super::sink::Sink;
use crate::bridge::export::slots::{SlotFormat, SlotWriter};
use crate::cli::formats::SlotFormatArg;
use crate::cli::{CliResult, Failure, Global, out_file};
use crate::desk::{Actor, Desk, SLOT_DAYS_MAX, SlotExport, SlotsSummary};
use clap::Args;
use std::io::{self, BufWriter, Write};

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
    #[command(flatten)]
    pub to: OutputFile,
    #[command(flatten)]
    pub by: ExportAs,
}

/// Exports through the desk into `target` (whole or not at all) or standard output.
fn export(desk: &mut Desk, actor: &Actor, req: &SlotExport<'_>, format: SlotFormat) -> Result<SlotsSummary, Failure> {
    if let Some(target) = req.target {
        let writer = SlotWriter::begin(format, out_file::begin(target)?).map_err(|e| out_file::about(target, &e))?;
        Ok(desk.export_slots(actor, req, &mut Sink::new(writer, |w| out_file::finish(w, target)))?)
    } else {
        let stdout = io::stdout();
        let writer = SlotWriter::begin(format, BufWriter::with_capacity(1 << 16, stdout.lock()))?;
        let done = |mut w: BufWriter<_>| w.flush();
        Ok(desk.export_slots(actor, req, &mut Sink::new(writer, done))?)
    }
}

pub fn run(g: &Global, a: &SlotsArgs) -> CliResult {
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let format = SlotFormat::from(a.format);
    let req =
        SlotExport { days: a.days, services: &a.services, format: format.as_str(), target: a.to.output.as_deref() };
    let summary = export(&mut desk, &actor, &req, format)?;
    let text = if a.by.json {
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
    a.to.summary(&text);
    Ok(())
}
