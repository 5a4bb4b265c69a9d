//! `clerkdesk watchdog run|show`: the notices for the portal (from cron) and the deadline view.

use super::{CliResult, Global, print_json, say};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum WatchdogCommand {
    /// Generate the notices due now into the outbox (safe to run from cron every minute)
    Run {
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Open cases due within the warning period and overdue, per department and official
    Show {
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
}

pub fn run(g: &Global, cmd: &WatchdogCommand) -> CliResult {
    let (mut desk, actor) = crate::cli::open_as(g)?;

    match *cmd {
        WatchdogCommand::Run { json } => {
            let s = desk.watchdog_run(&actor)?;
            if json {
                return print_json(&s);
            }
            say!("As of {} (warning until {}): {} new notice(s).", s.today, s.warn_until, s.new_total());
            let c = &s.counts;
            for (kind, n) in [
                ("status_changed", c.status_changed),
                ("deadline_near", c.deadline_near),
                ("overdue", c.overdue),
                ("fee_due", c.fee_due),
                ("appointment_reminder", c.appointment_reminder),
            ] {
                say!("  {kind:<20} {:>7} new {:>9} already there", n.new, n.already);
            }
            Ok(())
        }
        WatchdogCommand::Show { json } => {
            let rows = desk.watchdog_summary(&actor)?;
            if json {
                return print_json(&rows);
            }
            say!("{:<8} {:<16} {:>9} {:>9}", "dept", "official", "due soon", "overdue");
            for r in &rows {
                let who = match (r.total, r.official.as_deref()) {
                    (true, _) => "(all)",
                    (false, None) => "(unassigned)",
                    (false, Some(u)) => u,
                };
                say!("{:<8} {:<16} {:>9} {:>9}", r.department, who, r.due_soon, r.overdue);
            }
            Ok(())
        }
    }
}
