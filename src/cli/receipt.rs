//! `clerkdesk receipt REF [--format pdf|text] [-o FILE] [--print]`: the citizen's
//! receipt of a filing, on stdout, into a file, or to the configured printer.

use super::{CliResult, Failure, Global, out, say};
use crate::desk::ReceiptFormat;
use crate::receipt::{ReceiptError, render_pdf, render_text};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Pdf,
}

#[derive(Debug, Args)]
pub struct ReceiptArgs {
    /// The case's reference number (číslo jednací), e.g. MULO-00042/2026/OSA
    pub reference: String,
    /// Plain text (for stdout, a file or a printer) or an A4 PDF (needs -o FILE)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the receipt into FILE instead of stdout (overwritten if it exists)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Pipe the text receipt to the printer command of the config ([printer] command)
    #[arg(long)]
    pub print: bool,
}

fn usage(message: &str) -> Failure {
    Failure { message: message.to_owned(), code: 2 }
}

fn write_file(path: &Path, bytes: &[u8]) -> CliResult {
    crate::door::files::write(path, bytes)
        .map_err(|e| Failure { message: format!("cannot write {}: {e}", path.display()), code: 1 })
}

/// Runs `clerkdesk receipt`.
///
/// # Errors
/// Bad usage (exit 2); an unknown account or reference number, no printer configured, a failing
/// printer or file (exit 1).
pub fn run(g: &Global, args: &ReceiptArgs) -> CliResult {
    if args.format == Format::Pdf && args.output.is_none() {
        return Err(usage("--format pdf writes a file: pass -o FILE"));
    }
    let (mut desk, actor) = crate::cli::open_as(g)?;
    // Checked before the receipt is made, so the audit does not record a print that never happened.
    let printer =
        if args.print { Some(desk.config().printer_command.clone().ok_or(ReceiptError::NoPrinter)?) } else { None };
    let audited = match (args.print, args.format) {
        (true, _) => ReceiptFormat::Printer,
        (false, Format::Text) => ReceiptFormat::Text,
        (false, Format::Pdf) => ReceiptFormat::Pdf,
    };
    let receipt = desk.receipt(&actor, &args.reference, audited)?;
    let text = render_text(&receipt);
    if let Some(command) = printer {
        crate::receipt::print(&command, &text)?;
        say!("Receipt {} sent to the printer.", receipt.reference_number);
    }
    match (&args.output, args.format) {
        (Some(path), Format::Pdf) => {
            write_file(path, &render_pdf(&receipt)?)?;
            say!("Receipt {} written to {}.", receipt.reference_number, path.display());
        }
        (Some(path), Format::Text) => {
            write_file(path, text.as_bytes())?;
            say!("Receipt {} written to {}.", receipt.reference_number, path.display());
        }
        // Printed already; stdout carries the text only when nothing else was asked for.
        (None, _) if args.print => {}
        (None, _) => out(text.trim_end_matches('\n')),
    }
    Ok(())
}
