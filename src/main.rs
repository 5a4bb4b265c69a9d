//! The `clerkdesk` binary: parse the command line, set up logging to a file, run, exit with the
//! code scripts rely on (0 done, 1 failed, 2 bad usage).

use clerkdesk::cli::{err, parse, run};
use clerkdesk::door;

fn main() {
    // Before anything is opened and before any thread starts: the setgid group is noted, the
    // umask narrowed, and a store that is not the group's makes the process give the group up
    // for good (door::store).
    door::init();
    let (cli, outline) = parse();
    if let Err(f) = clerkdesk::cli::guard_store(&cli.global) {
        err(&format!("error: {}", f.message));
        std::process::exit(f.code);
    }
    let _guard = init_logging();
    // The command and the names of its flags, never their values: those hold birth numbers,
    // notes and form values.
    tracing::info!(version = env!("CARGO_PKG_VERSION"), command = %outline, "clerkdesk started");
    match run(cli) {
        Ok(()) => {}
        Err(f) => {
            let mut lines = f.message.lines();
            err(&format!("error: {}", lines.next().unwrap_or("failed")));
            for l in lines {
                err(l);
            }
            // The message may quote the input it refused; the log keeps the code only.
            tracing::error!(code = f.code, command = %outline, "clerkdesk failed");
            std::process::exit(f.code);
        }
    }
}

/// Logs go to a daily file (0600: the umask set by `door::init`) in the platform's state
/// directory, never to the screen (the TUI owns it). No log directory: no logs, and the program
/// still runs. The folder, the file and the writer thread are made with the user's own rights
/// (`door::as_user`): the thread inherits them, so `XDG_STATE_HOME` pointing into the store's
/// folder gets nowhere.
fn init_logging() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = clerkdesk::paths::log_dir()?;
    door::files::create_dir_all(&dir).ok()?;
    let (writer, guard) = door::as_user(|| {
        let appender = tracing_appender::rolling::Builder::new()
            .rotation(tracing_appender::rolling::Rotation::DAILY)
            .filename_prefix("clerkdesk")
            .filename_suffix("log")
            .max_log_files(30)
            .build(&dir)
            .map_err(std::io::Error::other)?;
        Ok(tracing_appender::non_blocking(appender))
    })
    .ok()?;
    let filter = tracing_subscriber::EnvFilter::try_from_env("CLERKDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_writer(writer).with_ansi(false).with_env_filter(filter).init();
    Some(guard)
}
