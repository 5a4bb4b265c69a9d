//! The flags the exports share (`export portal`, `export slots`, `appointments export`), declared
//! once so that each means the same and reads the same in every command's `--help`, with what
//! they decide: who exports, and where the summary goes.

use crate::cli::{out, tell};
use clap::Args;
use std::path::PathBuf;

/// How the summary is printed. Who exports is the run's actor (the global `--user` and `--as`);
/// which accounts may export is each export's own rule, said in its `--help`.
#[derive(Debug, Args)]
pub struct ExportAs {
    /// The summary as JSON
    #[arg(long)]
    pub json: bool,
}

/// One file written whole or not at all ([`super::out_file`]), or standard output.
#[derive(Debug, Args)]
pub struct OutputFile {
    /// The file to write (via a temporary file beside it, renamed when complete) [default:
    /// standard output]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputFile {
    /// Prints the export's summary: on stdout when the export went into a file, else on stderr,
    /// so that it does not mix with the exported records on stdout.
    pub(crate) fn summary(&self, text: &str) {
        if self.output.is_some() {
            out(text);
        } else {
            tell!("{text}");
        }
    }
}
