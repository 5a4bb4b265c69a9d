//! The `clerkdesk` binary: parse the command line, set up logging to a file, run, exit with the
//! code scripts rely on (0 done, 1 failed, 2 bad usage).

use clap::Parser;
use clerkdesk::cli::{Cli, err, run};

fn main() {
    let cli = Cli::parse();
    let _guard = init_logging();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), command = ?cli.command, "clerkdesk started");
    match run(cli) {
        Ok(()) => {}
        Err(f) => {
            let mut lines = f.message.lines();
            err(&format!("error: {}", lines.next().unwrap_or("failed")));
            for l in lines {
                err(l);
            }
            tracing::error!(code = f.code, "{}", f.message);
            std::process::exit(f.code);
        }
    }
}

/// Logs go to a daily file in the platform's state directory, never to the screen (the TUI owns
/// it). No log directory: no logs, and the program still runs.
fn init_logging() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = clerkdesk::paths::log_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("clerkdesk")
        .filename_suffix("log")
        .max_log_files(30)
        .build(&dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = tracing_subscriber::EnvFilter::try_from_env("CLERKDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_writer(writer).with_ansi(false).with_env_filter(filter).init();
    Some(guard)
}
