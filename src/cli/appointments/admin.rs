//! `clerkdesk appointments waitlist|plan|export`: the waiting list, the plan file, and the
//! iCalendar export for the counters' and officials' calendars.

use super::values::parse_day;
use crate::cli::export::args::ExportAs;
use crate::cli::import::args::TomlArgs;
use crate::cli::{CliResult, Failure, Global, print_json, say};
use crate::desk::DeskError;
use crate::domain::dates::format_date;
use crate::domain::ids::CitizenId;
use chrono::{Days, NaiveDate};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum WaitlistCommand {
    /// Put a citizen on the waiting list of a service (for one day, or any)
    Add {
        /// The service's code, e.g. OP-PODANI
        #[arg(long, value_name = "CODE")]
        service: String,
        /// The day they want (2026-11-23 or 23. 11. 2026) [default: any day]
        #[arg(long, value_parser = parse_day, value_name = "DATE")]
        day: Option<NaiveDate>,
        /// The citizen's id
        #[arg(long, value_name = "ID")]
        citizen: i64,
        #[arg(long, default_value = "")]
        note: String,
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// The open waiting list, oldest first
    List {
        /// Only this service
        #[arg(long, value_name = "CODE")]
        service: Option<String>,
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Take an entry off the waiting list
    Remove {
        /// The entry's number (from `waitlist list`)
        id: i64,
        #[arg(long, default_value = "")]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Make the file the store's plan (resources missing from it are deactivated); nothing
    /// changes when the file has any fault
    Import(TomlArgs),
    /// Write the store's plan as TOML, to edit and import again
    Export {
        /// The file to write [default: stdout]
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// iCalendar (RFC 5545), instants in UTC: the only format, named for the scripts' sake
    #[arg(long, required = true)]
    pub ics: bool,
    /// Only this counter or official [default: every one]
    #[arg(long, value_name = "R")]
    pub resource: Option<String>,
    /// The first day [default: today]
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// The last day, included [default: 30 days after the first]
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub to: Option<NaiveDate>,
    /// The folder to write `<resource>.ics` files into (made when missing)
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub by: ExportAs,
}

pub fn waitlist(g: &Global, cmd: WaitlistCommand) -> CliResult {
    let (mut desk, actor) = crate::cli::open_as(g)?;
    match cmd {
        WaitlistCommand::Add { service, day, citizen, note, json } => {
            let id = desk.waitlist_add(&actor, service.trim(), day, CitizenId(citizen), &note)?;
            if json {
                return print_json(&serde_json::json!({ "id": id }));
            }
            let when = day.map_or_else(|| "any day".to_owned(), format_date);
            say!("Waiting-list entry #{id}: citizen #{citizen} for {} on {when}.", service.trim());
        }
        WaitlistCommand::List { service, json } => {
            let rows = desk.waitlist(service.as_deref().map(str::trim))?;
            if json {
                return print_json(&rows);
            }
            super::print::waitlist(&rows);
        }
        WaitlistCommand::Remove { id, reason } => {
            desk.waitlist_remove(&actor, id, &reason)?;
            say!("Waiting-list entry #{id} removed.");
        }
    }
    Ok(())
}

pub fn plan(g: &Global, cmd: PlanCommand) -> CliResult {
    match cmd {
        PlanCommand::Import(a) => import(g, &a),
        PlanCommand::Export { out } => {
            let (mut desk, _actor) = crate::cli::open_as(g)?;
            let text = desk.export_plan()?;
            match out {
                Some(p) => {
                    crate::door::files::write(&p, &text)
                        .map_err(|e| Failure { message: format!("{}: {e}", p.display()), code: 1 })?;
                    say!("Appointment plan written to {}.", p.display());
                }
                None => crate::cli::out(text.trim_end()),
            }
            Ok(())
        }
    }
}

pub(crate) fn import(g: &Global, a: &TomlArgs) -> CliResult {
    let (file, dry_run, json) = (&a.file, a.check.dry_run, a.json);
    let text = crate::door::files::read_to_string(file)
        .map_err(|e| Failure { message: format!("{}: {e}", file.display()), code: 1 })?;
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let source = file.display().to_string();
    let counts = match desk.import_plan(&actor, &text, &source, dry_run) {
        Ok(c) => c,
        // The desk names file, entry and key on each line; say first that nothing changed.
        Err(DeskError::Invalid { field, message, .. }) if field == "plan" => {
            let lines: Vec<String> = message.lines().map(|l| format!("  {l}")).collect();
            return Err(Failure {
                message: format!(
                    "{source}: refused, nothing changed ({} fault(s)):\n{}",
                    lines.len(),
                    lines.join("\n")
                ),
                code: 1,
            });
        }
        Err(e) => return Err(e.into()),
    };
    if json {
        return print_json(&serde_json::json!({ "dry_run": dry_run, "counts": counts }));
    }
    let verb = if dry_run { "would hold" } else { "now holds" };
    say!(
        "The plan {verb} {} service(s), {} counter(s) and official(s), {} closure(s); {} deactivated.",
        counts.services,
        counts.resources,
        counts.closures,
        counts.deactivated
    );
    if dry_run {
        say!("Dry run: nothing changed.");
    }
    Ok(())
}

pub fn export(g: &Global, a: &ExportArgs) -> CliResult {
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let from = a.from.unwrap_or_else(|| desk.clock().today());
    let to = a.to.unwrap_or(from + Days::new(30));
    if to < from {
        return Err(Failure { message: format!("--to {to} is before --from {from}"), code: 1 });
    }
    let calendars = desk.export_ics(&actor, from, to, a.resource.as_deref().map(str::trim))?;
    crate::door::files::create_dir_all(&a.out)
        .map_err(|e| Failure { message: format!("{}: {e}", a.out.display()), code: 1 })?;
    let mut written = Vec::new();
    for (code, text) in &calendars {
        let path = a.out.join(format!("{code}.ics"));
        crate::door::files::write(&path, text)
            .map_err(|e| Failure { message: format!("{}: {e}", path.display()), code: 1 })?;
        let events = text.matches("BEGIN:VEVENT").count();
        written.push(serde_json::json!({ "resource": code, "file": path, "events": events }));
        if !a.by.json {
            say!("{:<6} {:>4} event(s)  {}", code, events, path.display());
        }
    }
    if a.by.json {
        return print_json(&serde_json::json!({ "from": from, "to": to, "calendars": written }));
    }
    say!("({} calendar(s), {} to {})", calendars.len(), format_date(from), format_date(to));
    Ok(())
}
