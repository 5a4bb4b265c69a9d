//! What a bulk import shows and hears at the terminal: its progress, and Ctrl-C.

use crate::cli::Failure;
use crate::desk::{DeskError, ImportHooks};
use crate::domain::portal::Rejection;
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// What a bulk import shows and hears at the terminal while it runs: a progress spinner (not
/// with `--json`, nor when stderr is no terminal), and Ctrl-C or SIGTERM, which only raise a flag
/// the import reads between batches, so that the batch in progress commits.
pub(crate) struct Console {
    stop: Arc<AtomicBool>,
    bar: Option<indicatif::ProgressBar>,
}

impl Console {
    /// Neither a spinner nor signals: for a benchmark's import, whose own Ctrl-C ends the process.
    pub(crate) fn silent() -> Console {
        Console { stop: Arc::new(AtomicBool::new(false)), bar: None }
    }

    pub(crate) fn new(json: bool) -> Result<Console, Failure> {
        let stop = Arc::new(AtomicBool::new(false));
        for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            signal_hook::flag::register(sig, Arc::clone(&stop))?;
        }
        Ok(Console { stop, bar: progress_bar(json) })
    }

    /// Runs `import` with hooks that report to this console, and each rejection to `rejected`.
    pub(crate) fn run<T>(
        self,
        rejected: &mut dyn FnMut(&Rejection),
        import: impl FnOnce(&mut ImportHooks<'_>) -> Result<T, DeskError>,
    ) -> Result<T, Failure> {
        let mut progress = |n: u64, checking: bool| {
            if let Some(b) = &self.bar {
                b.set_message(if checking { "checking" } else { "importing" });
                b.set_position(n);
            }
        };
        let stop_now = || self.stop.load(Ordering::Relaxed);
        let out = import(&mut ImportHooks { progress: &mut progress, stop: &stop_now, rejected })?;
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
        Ok(out)
    }
}

fn progress_bar(json: bool) -> Option<indicatif::ProgressBar> {
    if json || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} {pos} records ({per_sec})") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}
