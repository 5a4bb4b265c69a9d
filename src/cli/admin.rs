//! init, demo, check, backup, config, man.

use super::{CliResult, Failure, Global, open_as, open_or_create, out, print_json, say};
use crate::desk::DemoParams;
use clap::{CommandFactory, Subcommand};
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show the configuration in force (defaults filled in)
    Show {
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Print an example configuration file with every key at its default
    Example,
}

pub fn init(g: &Global, group: Option<&str>, json: bool) -> CliResult {
    let path = super::resolve_db(g)?;
    crate::door::store::admit(&path, true)?;
    crate::door::install::lay_out(&path, group)?;
    let (mut desk, actor, created) = open_or_create(g)?;
    let out = desk.init(&actor)?;
    if json {
        return print_json(&out);
    }
    let path = desk.store_path().display().to_string();
    if out.changed {
        let c = out.catalogue;
        say!(
            "Store {path} is ready: {} departments, {} officials, {} life situations, {} appointment services.",
            c.departments.inserted + c.departments.updated + c.departments.unchanged,
            c.officials.inserted + c.officials.updated + c.officials.unchanged,
            c.situations.inserted + c.situations.updated + c.situations.unchanged,
            c.services.inserted + c.services.updated + c.services.unchanged,
        );
        if created && actor.user_id.is_some() {
            say!("You administer it as the account '{}', bound to your Unix login.", actor.name);
        }
        say!("Next: add accounts with `clerkdesk user add`.");
    } else {
        say!("Store {path} already has the default catalogue; nothing changed.");
    }
    Ok(())
}

pub fn demo(g: &Global, p: &DemoParams, corpus: Option<&Path>, json: bool) -> CliResult {
    let (mut desk, actor) = open_as(g)?;
    let s = desk.generate_demo(&actor, p, corpus)?;
    if json {
        return print_json(&s);
    }
    say!(
        "Added {} citizens and {} cases (names from {}); {} demo accounts created, password '{}'.",
        s.citizens,
        s.cases,
        s.names_from,
        s.accounts_created,
        crate::desk::DEMO_PASSWORD
    );
    Ok(())
}

pub fn check(g: &Global, json: bool) -> CliResult {
    // A store that cannot even be opened is a report too: `--json` always prints JSON. Reading
    // the store needs an actor, though any account may check it.
    let r = match open_as(g) {
        Ok((desk, _actor)) => desk.check()?,
        Err(f) if json => crate::desk::CheckReport::unopenable(f.message),
        Err(f) => return Err(f),
    };
    if json {
        print_json(&r)?;
    } else {
        say!("schema version {}", r.schema_version);
        for (name, faults) in [
            ("integrity", &r.integrity),
            ("foreign keys", &r.foreign_keys),
            ("full-text indexes", &r.fts),
            ("appointments", &r.appointments),
            ("hash chains", &r.chains),
        ] {
            if faults.is_empty() {
                say!("{name}: ok");
            } else {
                say!("{name}: {} fault(s)", faults.len());
                for f in faults {
                    say!("  {f}");
                }
            }
        }
    }
    if r.ok { Ok(()) } else { Err(Failure { message: "the store has faults (listed above)".into(), code: 1 }) }
}

/// `check --security`: the installation, each fault with the command that fixes it.
pub fn check_security(g: &Global, json: bool) -> CliResult {
    let path = super::resolve_db(g)?;
    let exe = std::env::current_exe().map_err(|e| Failure::from(format!("cannot find this binary: {e}")))?;
    let r = crate::door::install::check(&path, &exe);
    if json {
        print_json(&r)?;
    } else {
        if let Some(group) = &r.group {
            say!("store group: {group}");
        }
        for f in &r.findings {
            if f.ok {
                say!("ok     {}", f.item);
            } else {
                say!("WRONG  {}: {}", f.item, f.problem);
                if !f.fix.is_empty() {
                    say!("       fix: {}", f.fix);
                }
            }
        }
    }
    if r.ok {
        Ok(())
    } else {
        Err(Failure { message: "the installation lets clerks around the program (listed above)".into(), code: 1 })
    }
}

pub fn backup(g: &Global, file: &Path, json: bool) -> CliResult {
    let (mut desk, actor) = open_as(g)?;
    let heads = desk.backup(&actor, file)?;
    if json {
        return print_json(&serde_json::json!({ "backup": file.display().to_string(), "heads": heads }));
    }
    say!("Backup written to {}.", file.display());
    say!("Chain heads in it (for the paper log; `clerkdesk audit verify --head`):");
    for h in &heads {
        say!("{}", super::audit::head_line(h));
    }
    Ok(())
}

pub fn config(g: &Global, cmd: &ConfigCommand) -> CliResult {
    match *cmd {
        ConfigCommand::Example => {
            out(crate::config::EXAMPLE.trim_end());
            Ok(())
        }
        ConfigCommand::Show { json } => {
            let c = super::load_config(g)?;
            let hours: Vec<String> = c
                .office_hours
                .iter()
                .map(|h| {
                    h.map_or_else(
                        || "closed".to_owned(),
                        |(a, b)| format!("{}-{}", a.format("%-H:%M"), b.format("%-H:%M")),
                    )
                })
                .collect();
            let v = serde_json::json!({
                "office": {
                    "name": c.office_name, "designation": c.designation, "address": c.office_address,
                    "phone": c.office_phone, "web": c.office_web, "bank_account": c.bank_account,
                },
                "cases": { "reference_pattern": c.reference_pattern_text },
                "ui": { "language": c.language.code() },
                "office_hours": hours,
                "printer": { "command": c.printer_command },
                "eoffice": { "meeting_link": c.meeting_link },
                "hotline": { "review_share": c.hotline_review_share },
                "watchdog": { "warn_working_days": c.warn_working_days },
            });
            if json {
                print_json(&v)
            } else {
                // TOML has no null: a setting left unset is left out, as in the file.
                say!("{}", toml::to_string_pretty(&without_nulls(v))?);
                Ok(())
            }
        }
    }
}

/// One page per command and subcommand, each with a whole `.TH` line: the title in capitals, the
/// section, the date (`SOURCE_DATE_EPOCH`'s day when set, for reproducible packages; else today),
/// the source and the manual's name. (`clap_mangen` leaves the date empty, and an empty argument
/// shifts the source into the date's slot.)
pub fn man(out: &Path) -> CliResult {
    crate::door::files::create_dir_all(out)?;
    let date = man_date();
    let mut cmd = super::Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = 0;
    write_pages(&cmd, out, &date, &mut pages)?;
    say!("{pages} man pages written to {}.", out.display());
    Ok(())
}

fn write_pages(cmd: &clap::Command, out: &Path, date: &str, pages: &mut usize) -> Result<(), std::io::Error> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, out, date, pages)?;
    }
    let name = cmd.get_display_name().unwrap_or_else(|| cmd.get_name()).to_owned();
    let man = clap_mangen::Man::new(cmd.clone())
        .title(name.to_uppercase())
        .date(date)
        .source(format!("clerkdesk {}", env!("CARGO_PKG_VERSION")))
        .manual("clerkdesk manual");
    // Man pages hold no personal data: readable by all, as packages install them.
    let mut file = crate::door::files::create_mode(&out.join(man.get_filename()), 0o644)?;
    man.render(&mut file)?;
    *pages += 1;
    Ok(())
}

/// `YYYY-MM-DD`: the day of `SOURCE_DATE_EPOCH` (the reproducible-builds convention), else today.
fn man_date() -> String {
    let from_env = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    let at = from_env.and_then(|secs| chrono::DateTime::from_timestamp(secs, 0)).unwrap_or_else(chrono::Utc::now);
    at.format("%Y-%m-%d").to_string()
}

/// The value with every null member removed, at any depth.
fn without_nulls(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(map) => {
            map.into_iter().filter(|(_, x)| !x.is_null()).map(|(k, x)| (k, without_nulls(x))).collect()
        }
        serde_json::Value::Array(items) => items.into_iter().map(without_nulls).collect(),
        other => other,
    }
}
