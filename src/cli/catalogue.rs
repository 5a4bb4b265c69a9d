//! `clerkdesk catalogue import|export` and `clerkdesk directory`.

use super::import::args::{DryRun, TomlArgs};
use super::{CliResult, Failure, Global, print_json, say};
use crate::domain::catalogue::Catalogue;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum CatalogueCommand {
    /// Bring the store's catalogue to exactly the file's (entries missing from it are deactivated)
    Import(TomlArgs),
    /// Write the store's catalogue as TOML, to edit and import again
    Export {
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
}

pub fn run(g: &Global, cmd: CatalogueCommand) -> CliResult {
    match cmd {
        CatalogueCommand::Import(TomlArgs { file, check: DryRun { dry_run }, json }) => {
            let text = crate::door::files::read_to_string(&file)
                .map_err(|e| Failure { message: format!("{}: {e}", file.display()), code: 1 })?;
            let cat = Catalogue::from_toml(&text).map_err(|errs| {
                let lines: Vec<String> = errs.iter().map(|e| format!("  {e}")).collect();
                Failure {
                    message: format!(
                        "{}: refused, nothing changed ({} fault(s)):\n{}",
                        file.display(),
                        errs.len(),
                        lines.join("\n")
                    ),
                    code: 1,
                }
            })?;
            let (mut desk, actor) = crate::cli::open_as(g)?;
            let source = file.display().to_string();
            let out = desk.import_catalogue_checked(&actor, &cat, &source, dry_run)?;
            if json {
                return print_json(&out);
            }
            let c = out.catalogue;
            let verb = if dry_run { "would change" } else { "changed" };
            for (name, u) in [
                ("departments", c.departments),
                ("officials", c.officials),
                ("services", c.services),
                ("situations", c.situations),
            ] {
                say!(
                    "{name:<12} {} new, {} updated, {} unchanged, {} deactivated",
                    u.inserted,
                    u.updated,
                    u.unchanged,
                    u.deactivated
                );
            }
            say!("{}", if out.changed { format!("The catalogue {verb}.") } else { "Nothing to change.".to_owned() });
            Ok(())
        }
        CatalogueCommand::Export { out } => {
            let (mut desk, _actor) = crate::cli::open_as(g)?;
            let cat = desk.export_catalogue()?;
            let text = toml::to_string_pretty(&cat)?;
            match out {
                Some(p) => {
                    crate::door::files::write(&p, text)?;
                    say!("Catalogue written to {}.", p.display());
                }
                None => super::out(text.trim_end()),
            }
            Ok(())
        }
    }
}

pub fn directory(g: &Global, query: &str, json: bool) -> CliResult {
    let (mut desk, _actor) = crate::cli::open_as(g)?;
    let lang = desk.config().language;
    let dir = desk.directory()?;
    let depts = dir.departments(query);
    let officials = dir.officials(query);
    let situations = dir.situations(query);
    if json {
        return print_json(&serde_json::json!({
            "departments": depts, "officials": officials, "situations": situations,
        }));
    }
    let code = |id| dir.department(id).map_or("?", |d| d.code.as_str());
    for d in depts {
        say!("{:<6} {}  {}  {}  {}", d.code, d.name.get(lang), d.room, d.phone, d.email);
    }
    for o in officials {
        say!("{:<6} {}, {}  {}  {}  {}", code(o.department_id), o.name, o.position.get(lang), o.room, o.phone, o.email);
    }
    for s in situations {
        say!(
            "{:<6} {}  [{}]  {}  {}",
            code(s.department_id),
            s.name.get(lang),
            s.code,
            crate::domain::money::format_czk(i64::from(s.fee_czk)),
            if s.deadline_days == 0 { "na počkání".to_owned() } else { format!("{} dní", s.deadline_days) }
        );
    }
    Ok(())
}
