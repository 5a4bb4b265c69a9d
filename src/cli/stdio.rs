//! The one way the command line writes to its standard output and error.
//!
//! Everything printed passes [`crate::domain::plain::escape`], so a control character that
//! reached the store before the rule refused it (an ESC in a citizen's name from an old import)
//! shows as `\e` instead of acting on the reader's terminal. A reader that went away (`| head`,
//! `| true`) stops further output, quietly, and the command goes on to its own exit code: a
//! refused import stays exit 1 whatever became of its output. Nothing here panics, where
//! `println!` and `eprintln!` would on a closed stream.

use crate::domain::plain::escape;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set at the first failed write to stdout: the rest is not tried (nobody reads it).
static STDOUT_GONE: AtomicBool = AtomicBool::new(false);

/// Prints a line on stdout, escaped.
pub fn out(line: &str) {
    let mut text = escape(line).into_owned();
    text.push('\n');
    out_bytes(text.as_bytes());
}

/// Writes bytes of our own (shell completions, a man page) to stdout as they are.
pub fn out_bytes(bytes: &[u8]) {
    if STDOUT_GONE.load(Ordering::Relaxed) {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(bytes).and_then(|()| stdout.flush()).is_err() {
        STDOUT_GONE.store(true, Ordering::Relaxed);
    }
}

/// Prints a line on stderr, escaped; a closed stderr is ignored.
pub fn err(line: &str) {
    let mut text = escape(line).into_owned();
    text.push('\n');
    let mut stderr = std::io::stderr().lock();
    // Nothing is left to report a failing stderr to.
    let _ = stderr.write_all(text.as_bytes()).and_then(|()| stderr.flush());
}

/// `println!` that escapes and survives a closed pipe.
macro_rules! say {
    ($($arg:tt)*) => { $crate::cli::out(&format!($($arg)*)) };
}
pub(crate) use say;

/// `eprintln!` that escapes and survives a closed pipe.
macro_rules! tell {
    ($($arg:tt)*) => { $crate::cli::err(&format!($($arg)*)) };
}
pub(crate) use tell;
