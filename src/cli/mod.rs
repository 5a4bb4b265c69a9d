//! The command line for administrators and scripts. Without a subcommand it opens the workstation.
//!
//! Exit codes: 0 done, 1 failed (the message says why), 2 bad usage (clap's own).

mod actor;
mod admin;
mod appointments;
mod audit;
mod bench;
mod case;
mod catalogue;
mod export;
mod fee;
mod formats;
mod import;
mod out_file;
mod receipt;
mod soak;
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
    /// Act as this account, its password asked on the terminal [default: the account bound to
    /// your Unix login]
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,
    /// An administrator acting for this account (its rights; audited as "ADMIN acting as USER")
    #[arg(long = "as", global = true, value_name = "USER")]
    pub act_as: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the workstation (the default)
    Tui,
    /// Create the store with the default catalogue (a second run changes nothing)
    Init {
        /// The store group of a shared installation: a missing folder is made 2770 in it, the
        /// store 0660 (without it: 0700 and 0600); see docs/security.md
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
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
    /// Check the store: integrity, foreign keys, full-text indexes, hash chains (exit 1 on any fault)
    Check {
        /// Check the installation instead: modes, owners and group of the store's folder and
        /// files, the binary's setgid bit, the group's members; each fault with its fix
        #[arg(long)]
        security: bool,
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
    /// The tamper-evident record: chain heads for the paper log, verification against them
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Manage clerk accounts
    #[command(subcommand)]
    User(user::UserCommand),
    /// File and work cases (as the account bound to your login, or an administrator's --as USER)
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
    /// A working day squeezed into minutes on a demo store: 8 clerks (separate processes) with an
    /// import, an export and a backup beside them; then every invariant and `check` (exit 1 on
    /// any error); each operation's p50/p99/max as measured inside the desk
    Soak {
        /// How long the clerks work
        #[arg(long, default_value_t = 10)]
        minutes: u64,
        /// How long, in seconds instead (for tests)
        #[arg(long, hide = true)]
        seconds: Option<u64>,
        /// Simulated clerks (counter, official, hotline, supervisor … in turn)
        #[arg(long, default_value_t = 8)]
        clerks: usize,
        /// Portal filings in each file the import job imports
        #[arg(long, default_value_t = 2000)]
        import_batch: u32,
        /// The administrator's jobs beside the clerks, comma-separated (`--jobs` alone: none)
        #[arg(long, value_enum, value_delimiter = ',', num_args = 0.., default_value = "import,export,backup")]
        jobs: Vec<soak::Job>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print the report as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// One clerk of `soak` (started by it)
    #[command(hide = true)]
    SoakWorker {
        #[arg(long, value_enum)]
        seat: soak::worker::Seat,
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
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

/// The parsed command line, and an outline of it for the log: the subcommands and the names of
/// the flags given, never their values (`case file --as --json`).
#[must_use]
pub fn parse() -> (Cli, String) {
    let command = Cli::command();
    let matches = command.clone().get_matches();
    let cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let mut words = Vec::new();
    let (mut c, mut m) = (&command, &matches);
    loop {
        outline_flags(c, m, &mut words);
        let Some((name, sub_m)) = m.subcommand() else { break };
        let Some(sub_c) = c.find_subcommand(name) else { break };
        words.push(name.to_owned());
        (c, m) = (sub_c, sub_m);
    }
    (cli, words.join(" "))
}

/// The flags of `cmd` given in `m`, by name (`--as`; a positional argument as `<QUERY>`).
fn outline_flags(cmd: &clap::Command, m: &clap::ArgMatches, words: &mut Vec<String>) {
    for arg in cmd.get_arguments() {
        let given = matches!(
            m.try_get_raw(arg.get_id().as_str()).ok().flatten().map(|_| m.value_source(arg.get_id().as_str())),
            Some(Some(clap::parser::ValueSource::CommandLine | clap::parser::ValueSource::EnvVariable))
        );
        let word = match arg.get_long() {
            Some(long) => format!("--{long}"),
            None => format!("<{}>", arg.get_id().as_str().to_uppercase()),
        };
        if given && !words.contains(&word) {
            words.push(word);
        }
    }
}

/// Lets a setgid process use the store the command line names: keeps the group for the
/// installation's store, gives it up for good for any other (see `door::store`). Main calls it
/// before any thread starts; [`open_desk`] calls it again.
///
/// # Errors
/// A new store in the group's folder by anyone but root.
pub fn guard_store(g: &Global) -> CliResult {
    if !crate::door::is_setgid() {
        return Ok(());
    }
    match resolve_db(g) {
        Ok(path) => crate::door::store::admit(&path, false).map_err(Failure::from),
        // No store to speak of: nothing needs the group.
        Err(_) => crate::door::drop_group().map_err(Failure::from),
    }
}

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
    crate::door::store::admit(&path, create)?;
    Ok(Desk::open(&path, create, Arc::new(SystemClock), config)?)
}

/// Opens the desk on an existing store and resolves who acts (see [`actor::resolve`]).
///
/// # Errors
/// As [`open_desk`] and [`actor::resolve`].
pub fn open_as(g: &Global) -> Result<(Desk, Actor), Failure> {
    let mut desk = open_desk(g, false)?;
    let actor = actor::resolve(g, &mut desk)?;
    Ok((desk, actor))
}

/// Opens the store for a command that creates it when missing (`init`, benchmark stores): the
/// founder of a new one ([`actor::founder`]), else the actor resolved as always.
///
/// # Errors
/// As [`open_desk`], [`actor::founder`] and [`actor::resolve`].
pub fn open_or_create(g: &Global) -> Result<(Desk, Actor, bool), Failure> {
    // An empty file is no store yet either (`Store::open` makes one of it only when creating).
    let created = std::fs::metadata(resolve_db(g)?).map_or(true, |m| m.len() == 0);
    if created {
        actor::check_founder()?;
    }
    let mut desk = open_desk(g, created)?;
    let actor = if created { actor::founder(&mut desk)? } else { actor::resolve(g, &mut desk)? };
    Ok((desk, actor, created))
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
        Some(Command::Init { group, json }) => admin::init(g, group.as_deref(), json),
        Some(Command::Demo { citizens, cases, seed, corpus, json }) => {
            let corpus = corpus.or_else(default_corpus);
            admin::demo(g, &crate::desk::DemoParams { citizens, cases, seed }, corpus.as_deref(), json)
        }
        Some(Command::Check { security: true, json }) => admin::check_security(g, json),
        Some(Command::Check { security: false, json }) => admin::check(g, json),
        Some(Command::Backup { file, json }) => admin::backup(g, &file, json),
        Some(Command::Audit(cmd)) => audit::run(g, &cmd),
        Some(Command::User(cmd)) => user::run(g, cmd),
        Some(Command::Case(cmd)) => case::run(g, cmd),
        Some(Command::Appointments(cmd)) => appointments::run(g, cmd),
        Some(Command::Fee(cmd)) => fee::run(g, cmd),
        Some(Command::Import(cmd)) => import::run(g, cmd),
        Some(Command::Export(cmd)) => export::run(g, cmd),
        Some(Command::Watchdog(cmd)) => watchdog::run(g, &cmd),
        Some(Command::Bench(cmd)) => bench::run(g, cmd),
        Some(Command::Soak { minutes, seconds, clerks, import_batch, jobs, seed, json }) => {
            let seconds = seconds.unwrap_or(minutes.saturating_mul(60));
            soak::run(g, &soak::Params { seconds, clerks: clerks.max(1), seed, import_batch, jobs, json })
        }
        Some(Command::SoakWorker { seat, seconds, seed }) => soak::worker::run(g, seat, seconds, seed),
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
        let (mut desk, shell, _) = open_or_create(g)?;
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
