//! `clerkdesk import officials FILE|-`: the officials of the directory from a CSV table, merged
//! into the catalogue by their code; a row with a role gets an account (docs/admin-guide.md,
//! "Importing citizens and officials"). The whole file or nothing; exit 1 when refused.

use super::args::{CsvArgs, DryRun};
use super::citizens::{Labels, mapping, open_table};
use super::source::source;
use crate::bridge::table::columns::OFFICIAL_COLUMNS;
use crate::cli::{CliResult, Failure, Global, print_json, say, tell};
use crate::desk::RunStatus;
use crate::desk::{OfficialImportOptions, OfficialImportSummary};
use clap::Args;

#[derive(Debug, Args)]
pub struct OfficialsArgs {
    /// The table of officials (CSV with a header row), or - for standard input
    pub file: String,
    #[command(flatten)]
    pub csv: CsvArgs,
    #[command(flatten)]
    pub check: DryRun,
    /// The file is the whole list: deactivate the officials missing from it (as a catalogue file does)
    #[arg(long)]
    pub deactivate_missing: bool,
    /// The summary as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(g: &Global, a: &OfficialsArgs) -> CliResult {
    let map = mapping(a.csv.mapping.as_deref(), OFFICIAL_COLUMNS)?;
    let src = source(&a.file)?;
    let table = open_table(&src.path, &a.file, OFFICIAL_COLUMNS, &map, a.csv.encoding.map(Into::into))?;
    let labels = Labels::of(&table, OFFICIAL_COLUMNS);
    let ignored = table.ignored();
    let entries: Vec<_> = table.entries().collect();
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let opts = OfficialImportOptions {
        source: a.file.clone(),
        dry_run: a.check.dry_run,
        deactivate_missing: a.deactivate_missing,
    };
    let s = desk.import_officials(&actor, entries, &opts)?;
    let note = (!ignored.is_empty()).then(|| format!("note: column(s) not imported: {}", ignored.join(", ")));
    if a.json {
        let mut v = serde_json::to_value(&s)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("file".into(), a.file.clone().into());
            o.insert("ignored_columns".into(), ignored.clone().into());
        }
        print_json(&v)?;
    }
    if s.status == RunStatus::Refused {
        let mut lines: Vec<String> = s.rejections.iter().map(|r| format!("  {}", labels.rejection(r))).collect();
        let head = format!("{}: refused, nothing changed ({} fault(s)):", a.file, lines.len());
        lines.insert(0, head);
        lines.extend(note);
        return Err(Failure { message: lines.join("\n"), code: 1 });
    }
    if let Some(note) = note {
        tell!("{note}");
    }
    if !a.json {
        report(a, &s);
    }
    Ok(())
}

fn report(a: &OfficialsArgs, s: &OfficialImportSummary) {
    let u = &s.officials;
    let dry = s.status == RunStatus::DryRun;
    say!(
        "{} {}: {} new, {} updated, {} unchanged, {} deactivated",
        if dry { "would import" } else { "imported" },
        a.file,
        u.inserted,
        u.updated,
        u.unchanged,
        u.deactivated
    );
    if !s.accounts_created.is_empty() {
        say!(
            "{} account(s) {} without a password: {}",
            s.accounts_created.len(),
            if dry { "would be created" } else { "created" },
            s.accounts_created.join(", ")
        );
        say!("  set one with `clerkdesk user passwd LOGIN`; until then nobody can log in to them");
    }
    for n in &s.accounts_kept {
        say!("line {}: account '{}' {}", n.line, n.username, n.note);
    }
    if dry {
        say!("Dry run: nothing changed.");
    }
}
