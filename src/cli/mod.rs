//! The command line for administrators and scripts. Without a subcommand it opens the workstation.
//!
//! Exit codes: 0 done, 1 failed (the message says why), 2 bad usage (clap's own).

mod admin;
mod appointments;
mod bench;
mod case;
mod catalogue;
mod export;
mod fee;
mod formats;
mod import;
mod out_file;
mod receipt;
mod sound;
mod stdio;
mod user;
mod watchdog;

use crate::config::Config;
use crate::desk::{Actor, Desk};
use crate::domain::clock::SystemClock;
use clap::{Args, CommandFactory, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Parser)]
#[command(name = "clerkdesk", version, about = "A terminal workstation for a city hall's front office", long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone)]
pub struct Global {
    /// The case store (SQLite file) [default: the platform's data directory]
    #[arg(long, global = true, env = "CLERKDESK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The configuration file [default: the platform's config directory]
    #[arg(long, global = true, env = "CLERKDESK_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Use the demo store, creating it with demo data on first use
    #[arg(long, global = true)]
    pub demo: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the workstation (the default)
    Tui,
    /// Create the store with the default catalogue (a second run changes nothing)
    Init {
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Add reproducible demo data: accounts, citizens, cases
    Demo {
        #[arg(long, default_value_t = 300)]
        citizens: u32,
        #[arg(long, default_value_t = 800)]
        cases: u32,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// The shared test corpus, for realistic names [default: ../shared/corpus beside the sources]
        #[arg(long, env = "CLERKDESK_CORPUS", value_name = "DIR")]
        corpus: Option<PathBuf>,
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Check the store: integrity, foreign keys, full-text indexes (exit 1 on any fault)
    Check {
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Make a consistent copy of the store while clerks keep working
    Backup {
        /// The copy to write (must not exist)
        file: PathBuf,
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Manage clerk accounts
    #[command(subcommand)]
    User(user::UserCommand),
    /// File and work cases (the acting clerk is --as USER)
    #[command(subcommand)]
    Case(case::CaseCommand),
    /// Appointments: free slots, bookings, the day's list, the waiting list, the plan, calendars
    #[command(subcommand, visible_alias = "appt")]
    Appointments(appointments::ApptCommand),
    /// Fees: payments at the cash desk
    #[command(subcommand)]
    Fee(fee::FeeCommand),
    /// Bulk imports: citizens, officials, the catalogue, the appointment plan, portal filings
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Export to other systems: what changed since the last export, for the citizen portal
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// The watchdog: notices for the portal, cases near or past their deadline
    #[command(subcommand)]
    Watchdog(watchdog::WatchdogCommand),
    /// Time what clerks and the bridge wait for: search, the workstation, appointments, import, export
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Import or export the catalogue (departments, officials, life situations, services)
    #[command(subcommand)]
    Catalogue(catalogue::CatalogueCommand),
    /// Search the directory: departments, officials and the life-situation handbook
    Directory {
        /// Words to find, diacritics and case ignored
        query: Vec<String>,
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// The citizen's receipt of a filing: as text, an A4 PDF, or to the configured printer
    Receipt(receipt::ReceiptArgs),
    /// Show the configuration in force, or write an example file
    #[command(subcommand)]
    Config(admin::ConfigCommand),
    /// Print shell completions
    Completions { shell: clap_complete::Shell },
    /// Write the man pages into a folder
    Man {
        #[arg(long, short, default_value = ".")]
        out: PathBuf,
    },
}

/// A failure with its exit code; main prints it as `error: …` on stderr.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: i32,
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure { message: e.to_string(), code: 1 }
    }
}

pub type CliResult = Result<(), Failure>;

/// Where the demo store lives, unless `--db` names another.
fn resolve_db(g: &Global) -> Result<PathBuf, Failure> {
    if let Some(p) = &g.db {
        return Ok(p.clone());
    }
    let p = if g.demo { crate::paths::demo_store() } else { crate::paths::default_store() };
    p.ok_or_else(|| Failure { message: "no home directory to keep the store in; pass --db PATH".into(), code: 1 })
}

/// The configuration: the `--config` file, else the platform's one if it exists, else defaults.
///
/// # Errors
///
/// When the file cannot be read or is not a valid configuration.
pub fn load_config(g: &Global) -> Result<Config, Failure> {
    match &g.config {
        Some(p) => Ok(Config::load(p, true)?),
        None => match crate::paths::default_config() {
            Some(p) => Ok(Config::load(&p, false)?),
            None => Ok(Config::default()),
        },
    }
}

/// Opens the desk on an existing store (`create` for `init`).
///
/// # Errors
///
/// When the configuration cannot be loaded, no store path can be found, or the store cannot be
/// opened (see [`Desk::open`]).
pub fn open_desk(g: &Global, create: bool) -> Result<Desk, Failure> {
    let config = load_config(g)?;
    let path = resolve_db(g)?;
    Ok(Desk::open(&path, create, Arc::new(SystemClock), config)?)
}

/// The default corpus: `../shared/corpus` beside the sources this binary was built from.
fn default_corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    p.is_dir().then_some(p)
}

pub use stdio::{err, out, out_bytes};
pub(crate) use stdio::{say, tell};

/// Prints `v` as pretty JSON on stdout.
///
/// # Errors
///
/// When `v` cannot be serialized.
pub fn print_json<T: serde::Serialize>(v: &T) -> CliResult {
    out(&serde_json::to_string_pretty(v)?);
    Ok(())
}

/// Runs the parsed command line.
///
/// # Errors
/// The failure to print, with its exit code.
pub fn run(cli: Cli) -> CliResult {
    let g = &cli.global;
    sound::refuse_if_damaged(g, cli.command.as_ref())?;
    match cli.command {
        None | Some(Command::Tui) => run_tui(g),
        Some(Command::Init { json }) => admin::init(g, json),
        Some(Command::Demo { citizens, cases, seed, corpus, json }) => {
            let corpus = corpus.or_else(default_corpus);
            admin::demo(g, &crate::desk::DemoParams { citizens, cases, seed }, corpus.as_deref(), json)
        }
        Some(Command::Check { json }) => admin::check(g, json),
        Some(Command::Backup { file, json }) => admin::backup(g, &file, json),
        Some(Command::User(cmd)) => user::run(g, cmd),
        Some(Command::Case(cmd)) => case::run(g, cmd),
        Some(Command::Appointments(cmd)) => appointments::run(g, cmd),
        Some(Command::Fee(cmd)) => fee::run(g, cmd),
        Some(Command::Import(cmd)) => import::run(g, cmd),
        Some(Command::Export(cmd)) => export::run(g, cmd),
        Some(Command::Watchdog(cmd)) => watchdog::run(g, &cmd),
        Some(Command::Bench(cmd)) => bench::run(g, cmd),
        Some(Command::Catalogue(cmd)) => catalogue::run(g, cmd),
        Some(Command::Directory { query, json }) => catalogue::directory(g, &query.join(" "), json),
        Some(Command::Receipt(args)) => receipt::run(g, &args),
        Some(Command::Config(cmd)) => admin::config(g, &cmd),
        Some(Command::Completions { shell }) => {
            // Into a buffer first: clap_complete panics when its writer fails (`| head -c1`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "clerkdesk", &mut script);
            out_bytes(&script);
            Ok(())
        }
        Some(Command::Man { out }) => admin::man(&out),
    }
}

/// The workstation: on `--demo`, the demo store is made with demo data on first use.
fn run_tui(g: &Global) -> CliResult {
    let path = resolve_db(g)?;
    if g.demo && g.db.is_none() && !path.exists() {
        tell!("Creating the demo store at {} …", path.display());
        let mut desk = open_desk(g, true)?;
        let shell = Actor::shell();
        desk.init(&shell)?;
        desk.generate_demo(
            &shell,
            &crate::desk::DemoParams { citizens: 300, cases: 800, seed: 42 },
            default_corpus().as_deref(),
        )?;
    }
    if !path.exists() {
        return Err(Failure {
            message: format!(
                "store {} does not exist: create it with `clerkdesk init` (then `clerkdesk user add`), or try `clerkdesk --demo`",
                path.display()
            ),
            code: 1,
        });
    }
    let desk = open_desk(g, false)?;
    let faults = desk.quick_check()?;
    if !faults.is_empty() {
        return Err(Failure {
            message: format!("store {} is damaged: {}; run `clerkdesk check`", path.display(), faults.join("; ")),
            code: 1,
        });
    }
    crate::tui::run(desk)?;
    Ok(())
}
