//! `clerkdesk import citizens FILE|-`: a register extract (CSV) into the citizens on file, each
//! row through the counter's own rules (docs/admin-guide.md, "Importing citizens and officials").
//! Exit 0 when every row is in (new, updated or already there), 1 when the file was refused, a
//! row rejected or the run stopped, 2 on bad usage.

use super::args::BulkArgs;
use super::console::Console;
use super::source::{Source, source};
use crate::bridge::csv::mapping::{Encoding, fold};
use crate::bridge::table::columns::CITIZEN_COLUMNS;
use crate::bridge::table::{Column, Table, TableMapping, TableWriter};
use crate::cli::{CliResult, Failure, Global, say, tell};
use crate::desk::RunStatus;
use crate::desk::{CITIZEN_BATCH, CitizenImportOptions, CitizenImportSummary, Entries};
use crate::domain::portal::Rejection;
use clap::Args;
use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::Path;

#[derive(Debug, Args)]
pub struct CitizensArgs {
    /// The register extract (CSV with a header row), or - for standard input
    pub file: String,
    #[command(flatten)]
    pub bulk: BulkArgs,
    /// Rows per transaction
    #[arg(long, default_value_t = CITIZEN_BATCH, hide = true)]
    pub batch: usize,
}

/// Reads a mapping file for a table of `spec`.
pub(crate) fn mapping(path: Option<&Path>, spec: &[Column]) -> Result<TableMapping, Failure> {
    let Some(path) = path else { return Ok(TableMapping::default()) };
    let text = crate::door::files::read_to_string(path)
        .map_err(|e| Failure::from(format!("{}: cannot read: {e}", path.display())))?;
    TableMapping::from_toml(&text, spec).map_err(|e| Failure::from(format!("{}: {e}", path.display())))
}

/// Opens the table at `path`; a header fault refuses the file.
pub(crate) fn open_table(
    path: &Path,
    name: &str,
    spec: &'static [Column],
    mapping: &TableMapping,
    encoding: Option<Encoding>,
) -> Result<Table, Failure> {
    let f = crate::door::files::open(path).map_err(|e| Failure::from(format!("{name}: {e}")))?;
    Table::open(Box::new(BufReader::with_capacity(1 << 16, f)), spec, mapping, encoding).map_err(|r| {
        Failure::from(format!("{name}: refused, nothing imported: line {}: {}: {}", r.location.line, r.field, r.reason))
    })
}

/// What the file calls a field: `birth_number (column 'Rodné číslo')` when its header differs.
pub(crate) struct Labels(BTreeMap<String, String>);

impl Labels {
    pub(crate) fn of(table: &Table, spec: &[Column]) -> Labels {
        let mut m = BTreeMap::new();
        for c in spec {
            if let Some(h) = table.column_of(c.field).filter(|h| fold(h) != fold(c.field)) {
                m.insert(c.field.to_owned(), format!("{} (column '{h}')", c.field));
            }
        }
        Labels(m)
    }

    pub(crate) fn field<'a>(&'a self, field: &'a str) -> &'a str {
        self.0.get(field).map_or(field, String::as_str)
    }

    /// `line 3: birth_number (column 'RČ'): why`.
    pub(crate) fn rejection(&self, r: &Rejection) -> String {
        format!("line {}: {}: {}", r.location.line, self.field(&r.field), r.reason)
    }
}

pub fn run(g: &Global, a: &CitizensArgs) -> CliResult {
    let map = mapping(a.bulk.csv.mapping.as_deref(), CITIZEN_COLUMNS)?;
    let encoding = a.bulk.csv.encoding.map(Into::into);
    let src: Source = source(&a.file)?;
    let table = open_table(&src.path, &a.file, CITIZEN_COLUMNS, &map, encoding)?;
    let labels = Labels::of(&table, CITIZEN_COLUMNS);
    let ignored = table.ignored();
    drop(table);
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let console = Console::new(a.bulk.json)?;
    let mut rejected: BTreeMap<u64, String> = BTreeMap::new();
    let opts = CitizenImportOptions {
        source: a.file.clone(),
        dry_run: a.bulk.check.dry_run,
        skip_invalid: a.bulk.skip_invalid,
        batch: a.batch,
    };
    let path = src.path.clone();
    let (name, map2) = (a.file.clone(), map.clone());
    let mut open = move || -> Result<Entries, crate::desk::DeskError> {
        let table = open_table(&path, &name, CITIZEN_COLUMNS, &map2, encoding)
            .map_err(|f| crate::desk::DeskError::Io(f.message))?;
        Ok(Box::new(table.entries()))
    };
    let mut on_reject = |r: &Rejection| {
        rejected.insert(r.location.index, format!("{}: {}", labels.field(&r.field), r.reason));
    };
    let summary = console.run(&mut on_reject, |hooks| desk.import_citizens(&actor, &mut open, &opts, hooks))?;
    if let Some(out) = &a.bulk.rejects {
        let table = open_table(&src.path, &a.file, CITIZEN_COLUMNS, &map, encoding)?;
        write_rejects(table, out, &rejected)?;
    }
    report(a, &summary, &labels, &ignored)
}

/// The rejected rows as they stood, with the header and an `error` column (replaced if the file
/// has one already, as a rejects file imported again does).
pub(crate) fn write_rejects(table: Table, out: &Path, rejected: &BTreeMap<u64, String>) -> CliResult {
    let mut header = table.header().to_vec();
    let error_at = header.iter().position(|h| fold(h) == "error").unwrap_or_else(|| {
        header.push("error".to_owned());
        header.len() - 1
    });
    let file = crate::door::files::create(out).map_err(|e| Failure::from(format!("{}: {e}", out.display())))?;
    let mut w = TableWriter::begin(std::io::BufWriter::new(file), table.delimiter(), table.encoding(), &header)?;
    for (index, row) in (1u64..).zip(table) {
        let Some(why) = rejected.get(&index) else { continue };
        let mut cells = row.cells;
        cells.resize(cells.len().max(error_at + 1), String::new());
        if let Some(c) = cells.get_mut(error_at) {
            why.clone_into(c);
        }
        w.row(&cells)?;
    }
    w.finish()?;
    Ok(())
}

#[allow(clippy::too_many_lines, reason = "one report, a line per outcome, read top to bottom")]
fn report(a: &CitizensArgs, s: &CitizenImportSummary, labels: &Labels, ignored: &[String]) -> CliResult {
    if a.bulk.json {
        let mut v = serde_json::to_value(s)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("file".into(), a.file.clone().into());
            o.insert("ignored_columns".into(), ignored.into());
        }
        crate::cli::print_json(&v)?;
    } else {
        let c = &s.counts;
        let what = match s.status {
            RunStatus::DryRun => "would import",
            RunStatus::Refused | RunStatus::Stopped if s.committed == 0 => "checked",
            _ => "imported",
        };
        say!(
            "{what} {}: {} new, {} updated, {} unchanged, {} rejected; {} conflict(s)",
            a.file,
            c.new,
            c.updated,
            c.unchanged,
            c.rejected,
            s.conflicts
        );
        if s.status == RunStatus::DryRun {
            say!("Dry run: nothing changed.");
        }
    }
    let mut notes: Vec<String> = s.conflict_list.iter().map(|c| format!("conflict: {c}")).collect();
    if s.conflicts > s.conflict_list.len() as u64 {
        notes.push(format!("conflict: … and {} more", s.conflicts - s.conflict_list.len() as u64));
    }
    if !ignored.is_empty() {
        notes.push(format!("note: column(s) not imported: {}", ignored.join(", ")));
    }
    let headline = match s.status {
        RunStatus::Refused if s.committed > 0 => format!(
            "{} refused at a row the check had passed (changed meanwhile); the {} row(s) before its batch are imported: run it again",
            a.file, s.committed
        ),
        RunStatus::Refused => format!("{} refused, nothing imported ({} invalid row(s)):", a.file, s.counts.rejected),
        RunStatus::Stopped if s.committed == 0 => {
            format!("stopped while checking, after row {}; nothing was imported", s.rows)
        }
        RunStatus::Stopped => format!(
            "stopped after row {}; run the same command again to finish (the rows in count as unchanged)",
            s.committed
        ),
        _ if s.counts.rejected > 0 => format!("{} row(s) rejected:", s.counts.rejected),
        _ => {
            for n in notes {
                tell!("{n}");
            }
            return Ok(());
        }
    };
    // The error line first, then every rejection, then the notes.
    let mut lines = vec![headline];
    lines.extend(s.rejections.iter().map(|r| format!("  {}", labels.rejection(r))));
    if s.counts.rejected > s.rejections.len() as u64 {
        lines.push(format!("  … and {} more", s.counts.rejected - s.rejections.len() as u64));
    }
    lines.extend(notes);
    Err(Failure { message: lines.join("\n"), code: 1 })
}
