//! The flags the imports share, declared once so that each means the same and reads the same in
//! every command's `--help`: those of a TOML file checked whole (`import catalogue|plan`,
//! `catalogue import`, `appointments plan import`), of a CSV file (`import citizens|officials`,
//! `import portal --format csv`), and of the bulk imports, which may leave bad records out
//! (`import portal|citizens`).

use crate::cli::formats::EncodingArg;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, Args)]
pub struct DryRun {
    /// Check the file and say what the import would do, writing nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// The catalogue and the plan: one TOML file, checked whole.
#[derive(Debug, Args)]
pub struct TomlArgs {
    pub file: PathBuf,
    #[command(flatten)]
    pub check: DryRun,
    /// The summary as JSON
    #[arg(long)]
    pub json: bool,
}

/// A CSV file laid out otherwise than the import's own column names and UTF-8.
#[derive(Debug, Args)]
pub struct CsvArgs {
    /// A TOML file naming the CSV file's columns, delimiter, encoding or date format
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// The CSV file's encoding [default: the mapping's, else UTF-8]
    #[arg(long, value_enum)]
    pub encoding: Option<EncodingArg>,
}

#[derive(Debug, Args)]
pub struct BulkArgs {
    #[command(flatten)]
    pub csv: CsvArgs,
    #[command(flatten)]
    pub check: DryRun,
    /// Import the valid records and leave out the invalid ones (without it, one invalid record
    /// refuses the file)
    #[arg(long)]
    pub skip_invalid: bool,
    /// Where to write the rejected records, as a file the same command imports again once they
    /// are fixed
    #[arg(long, value_name = "FILE", requires = "skip_invalid")]
    pub rejects: Option<PathBuf>,
    /// The summary as JSON
    #[arg(long)]
    pub json: bool,
}
