//! The administrator's work that `clerkdesk soak` runs beside the clerks, each as this program's
//! own command in a child process, over and over until the time is up: a portal import of a new
//! file, a portal export, and a backup.

use crate::cli::{Failure, Global};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Which job a loop runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Job {
    Import,
    Export,
    Backup,
}

impl Job {
    pub fn name(self) -> &'static str {
        match self {
            Job::Import => "import portal",
            Job::Export => "export portal",
            Job::Backup => "backup",
        }
    }

    /// The pause between two runs: the cron-like rhythm of a busy day, squeezed.
    fn pause(self) -> Duration {
        match self {
            Job::Import => Duration::from_secs(2),
            Job::Export => Duration::from_secs(5),
            Job::Backup => Duration::from_secs(10),
        }
    }
}

/// What one job's loop did.
#[derive(Debug, Default, Serialize)]
pub struct JobReport {
    pub job: String,
    pub runs: u32,
    pub failed: u32,
    pub seconds: Vec<f64>,
    pub first_failures: Vec<String>,
    /// Portal filings the import loop wrote into its files (all of them must be in the store).
    pub filings: u64,
}

/// What the loops need to know.
pub struct Setup<'a> {
    pub g: &'a Global,
    pub db: &'a Path,
    pub dir: &'a Path,
    /// The portal ids of this run's filings start with it.
    pub prefix: &'a str,
    pub import_batch: u32,
}

fn command(s: &Setup<'_>) -> Result<Command, Failure> {
    let exe = std::env::current_exe().map_err(|e| Failure::from(format!("cannot find this program: {e}")))?;
    let mut cmd = crate::door::spawn::command(exe);
    cmd.arg("--db").arg(s.db);
    if let Some(c) = &s.g.config {
        cmd.arg("--config").arg(c);
    }
    cmd.stdout(Stdio::null()).stderr(Stdio::piped()).stdin(Stdio::null());
    Ok(cmd)
}

/// The command of one run (and, for the import, the file it reads).
fn prepare(job: Job, s: &Setup<'_>, round: u32) -> Result<(Command, Option<PathBuf>), Failure> {
    let mut cmd = command(s)?;
    match job {
        Job::Import => {
            let file = s.dir.join(format!("filings-{round}.jsonl"));
            let prefix = format!("{}{round}-", s.prefix);
            crate::cli::bench::import::write_files(&file, None, s.import_batch, &prefix)?;
            cmd.args(["import", "portal", "--as", "prepazka"]).arg(&file);
            Ok((cmd, Some(file)))
        }
        Job::Export => {
            cmd.args(["export", "portal", "--as", "admin", "-o"]).arg(s.dir.join("export.jsonl"));
            Ok((cmd, None))
        }
        Job::Backup => {
            let file = s.dir.join(format!("backup-{round}.db"));
            cmd.arg("backup").arg(&file);
            Ok((cmd, Some(file)))
        }
    }
}

/// Runs `job` until `end`; every run's wall time (the child's start-up included: these are
/// batch jobs, not what a clerk waits for).
pub fn run_loop(job: Job, s: &Setup<'_>, end: Instant) -> JobReport {
    let mut r = JobReport { job: job.name().to_owned(), ..JobReport::default() };
    let mut round = 0;
    while Instant::now() < end {
        round += 1;
        let outcome = prepare(job, s, round).and_then(|(mut cmd, file)| {
            let t = Instant::now();
            let out = cmd.output().map_err(|e| Failure::from(format!("cannot start: {e}")))?;
            r.seconds.push(t.elapsed().as_secs_f64());
            if let Some(f) = &file {
                // A file's content is in the store (or in the backup's copy): keep the disk free.
                let _ = crate::door::files::remove_file(f);
            }
            if out.status.success() {
                Ok(())
            } else {
                Err(Failure::from(format!("{}: {}", out.status, String::from_utf8_lossy(&out.stderr).trim())))
            }
        });
        r.runs += 1;
        match outcome {
            Ok(()) if matches!(job, Job::Import) => r.filings += u64::from(s.import_batch),
            Ok(()) => {}
            Err(f) => {
                r.failed += 1;
                if r.first_failures.len() < 3 {
                    r.first_failures.push(f.message);
                }
            }
        }
        let rest = end.saturating_duration_since(Instant::now()).min(job.pause());
        std::thread::sleep(rest);
    }
    r
}
