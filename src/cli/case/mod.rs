//! `clerkdesk case file|show|assign|status|note|link|complex`: the desk's case operations for
//! scripts. The acting user is the run's actor (`cli::actor`): the account bound to the caller's
//! Unix login, `--user` with a password, or an administrator's `--as USER`; every change is
//! checked against that account's role and audited under its name.

pub mod list;
use super::{CliResult, Failure, Global, print_json, say};
use crate::desk::{CaseChange, CaseDetail, Desk, NewAttachment, NewCitizenInput, NewFiling, StatusRequest};
use crate::domain::case::{CaseStatus, Channel};
use crate::domain::dates::format_date;
use crate::domain::ids::CitizenId;
use clap::{Args, Subcommand};
use std::collections::BTreeMap;

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// File a new case: reference number, routing, deadline and fee in one step
    File(FileArgs),
    /// List cases: filters, search, newest first or by deadline, one page at a time
    List(list::ListArgs),
    /// Show a case with its history
    Show {
        reference: String,
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Assign (or reassign, with --reason) to a department and/or an official
    Assign {
        reference: String,
        #[command(flatten)]
        who: Acting,
        /// The department's code (e.g. OSA)
        #[arg(long)]
        department: Option<String>,
        /// The official's username
        #[arg(long)]
        official: Option<String>,
        #[arg(long, default_value = "")]
        reason: String,
    },
    #[allow(clippy::doc_markdown, reason = "clap prints this doc comment as --help text, backticks and all")]
    /// Move a case to another status: in_progress, suspended, resolved, closed, withdrawn, forwarded
    Status {
        reference: String,
        #[command(flatten)]
        who: Acting,
        #[arg(long, value_parser = parse_status)]
        to: CaseStatus,
        /// Why (required to suspend, withdraw and forward)
        #[arg(long, default_value = "")]
        reason: String,
        /// The decision (required to resolve; --reason is taken when missing)
        #[arg(long, default_value = "")]
        outcome: String,
        /// The authority a case is forwarded to
        #[arg(long, default_value = "")]
        authority: String,
    },
    /// Add a note to a case's history
    Note {
        reference: String,
        #[command(flatten)]
        who: Acting,
        #[arg(long)]
        text: String,
    },
    /// Link two related cases
    Link {
        reference: String,
        #[command(flatten)]
        who: Acting,
        /// The other case's reference number
        #[arg(long = "to")]
        other: String,
    },
    /// Mark a case especially complex: +30 days (§71(3)), once
    Complex {
        reference: String,
        #[command(flatten)]
        who: Acting,
        #[arg(long)]
        reason: String,
    },
}

/// Who acts, and the optimistic-concurrency check a script may ask for.
#[derive(Debug, Args)]
pub struct Acting {
    /// Refuse the change if the case's version is no longer this one (from `case show --json`)
    #[arg(long, value_name = "N")]
    pub expect_version: Option<i64>,
    /// Print the result as JSON, for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct FileArgs {
    /// The life situation's code (e.g. OP-VYDANI)
    #[arg(long)]
    pub situation: String,
    /// An existing citizen's id
    #[arg(long, conflicts_with_all = ["birth_number", "new_citizen"])]
    pub citizen: Option<i64>,
    /// The citizen's birth number: finds them, or with --new-citizen is recorded for the new one
    #[arg(long, value_name = "RC")]
    pub birth_number: Option<String>,
    /// A new citizen: 'Given Family,YYYY-MM-DD'
    #[arg(long, value_name = "NAME,DATE")]
    pub new_citizen: Option<String>,
    /// Create the new citizen even though someone of the same name and birth date is on file
    #[arg(long, requires = "new_citizen")]
    pub confirm_duplicate: bool,
    #[allow(clippy::doc_markdown, reason = "clap prints this doc comment as --help text, backticks and all")]
    /// counter, phone, post, email, data_box or portal
    #[arg(long, default_value = "counter", value_parser = parse_channel)]
    pub channel: Channel,
    /// A form field, KEY=VALUE (repeat)
    #[arg(long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// A document handed over, NAME:SIZE:SHA256 (repeat)
    #[arg(long = "attachment", value_name = "NAME:SIZE:SHA256")]
    pub attachments: Vec<String>,
    #[arg(long, default_value = "")]
    pub note: String,
    /// Print the result as JSON, for scripts
    #[arg(long)]
    pub json: bool,
}

fn parse_status(s: &str) -> Result<CaseStatus, String> {
    CaseStatus::parse(s).ok_or_else(|| {
        let all: Vec<&str> = CaseStatus::ALL.iter().map(|c| c.as_str()).collect();
        format!("'{s}' is not a status: {}", all.join(", "))
    })
}

fn parse_channel(s: &str) -> Result<Channel, String> {
    Channel::parse(s).ok_or_else(|| format!("'{s}' is not a channel: counter, phone, post, email, data_box or portal"))
}

fn bad(message: String) -> Failure {
    Failure { message, code: 1 }
}

fn parse_fields(raw: &[String]) -> Result<BTreeMap<String, String>, Failure> {
    let mut out = BTreeMap::new();
    for f in raw {
        let (k, v) = f.split_once('=').ok_or_else(|| bad(format!("--field '{f}': expected KEY=VALUE")))?;
        out.insert(k.trim().to_owned(), v.to_owned());
    }
    Ok(out)
}

/// `NAME:SIZE:SHA256`, split from the right so a name may contain ':'.
fn parse_attachment(raw: &str) -> Result<NewAttachment, Failure> {
    let mut parts = raw.rsplitn(3, ':');
    let (sha, size, name) = (parts.next(), parts.next(), parts.next());
    let (Some(sha256), Some(size), Some(name)) = (sha, size, name) else {
        return Err(bad(format!("--attachment '{raw}': expected NAME:SIZE:SHA256")));
    };
    let size = size.trim().parse().map_err(|_| bad(format!("--attachment '{raw}': size '{size}' is not a number")))?;
    Ok(NewAttachment { name: name.to_owned(), size, sha256: sha256.trim().to_owned() })
}

/// `Given Family,YYYY-MM-DD`: the last word is the family name.
pub(super) fn parse_new_citizen(raw: &str, birth_number: Option<&str>) -> Result<NewCitizenInput, Failure> {
    let err = || bad(format!("--new-citizen '{raw}': expected 'Given Family,YYYY-MM-DD'"));
    let (name, date) = raw.rsplit_once(',').ok_or_else(err)?;
    let (given, family) = name.trim().rsplit_once(char::is_whitespace).ok_or_else(err)?;
    Ok(NewCitizenInput {
        given_name: given.trim().to_owned(),
        family_name: family.trim().to_owned(),
        birth_date: date.trim().to_owned(),
        birth_number: birth_number.map(str::to_owned),
        ..NewCitizenInput::default()
    })
}

fn citizen_for(desk: &mut Desk, a: &FileArgs) -> Result<Option<CitizenId>, Failure> {
    if let Some(id) = a.citizen {
        return Ok(Some(CitizenId(id)));
    }
    if a.new_citizen.is_some() {
        // Filed together with the new citizen, in `file`.
        return Ok(None);
    }
    match &a.birth_number {
        Some(rc) => match desk.citizen_by_birth_number(rc)? {
            Some(c) => Ok(Some(c.id)),
            None => Err(bad(format!("no citizen with birth number {rc}; add one with --new-citizen"))),
        },
        None => Ok(None),
    }
}

fn file(g: &Global, a: &FileArgs) -> CliResult {
    let fields = parse_fields(&a.fields)?;
    let attachments = a.attachments.iter().map(|s| parse_attachment(s)).collect::<Result<Vec<_>, _>>()?;
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let citizen_id = citizen_for(&mut desk, a)?;
    let filing = NewFiling {
        citizen_id,
        situation_code: a.situation.trim().to_owned(),
        channel: a.channel,
        subject: String::new(),
        note: a.note.clone(),
        fields,
        attachments,
    };
    let filed = match &a.new_citizen {
        // One transaction: a refused filing leaves no new citizen behind.
        Some(raw) => {
            let input = parse_new_citizen(raw, a.birth_number.as_deref())?;
            desk.file_case_for_new_citizen(&actor, &input, a.confirm_duplicate, &filing)?
        }
        None => desk.file_case(&actor, &filing)?,
    };
    if a.json {
        return print_json(&filed);
    }
    let deadline = filed.deadline.map_or_else(|| "none".to_owned(), format_date);
    say!("{}  {}  department {}  deadline {deadline}", filed.reference_number, filed.status.as_str(), filed.department);
    Ok(())
}

fn print_change(c: &CaseChange, json: bool) -> CliResult {
    if json {
        return print_json(c);
    }
    let deadline = c.deadline.map_or_else(|| "none (clock stopped)".to_owned(), format_date);
    say!(
        "{}: {} → {}  department {}  deadline {deadline}  version {}",
        c.reference_number,
        c.from.as_str(),
        c.to.as_str(),
        c.department,
        c.version
    );
    Ok(())
}

fn show(d: &CaseDetail) {
    let c = &d.case;
    say!("{}  {}  (version {})", c.reference_number, c.status, c.version);
    say!("situation  {} {}", c.situation_code, c.situation_name_cs);
    say!("department {}  official {}", c.department_code, c.assignee.as_deref().unwrap_or("-"));
    if let Some(z) = &d.citizen {
        let name = |s: &str| crate::domain::plain::escape_line(s).into_owned();
        say!("citizen    #{} {} {}, born {}", z.id, name(&z.given_name), name(&z.family_name), z.birth_date);
    }
    let left = d.working_days_left.map(|n| format!(" ({n} working days left)")).unwrap_or_default();
    say!("deadline   {}{left}{}", c.deadline.as_deref().unwrap_or("none"), if c.complex { ", complex" } else { "" });
    if d.fees.claimed > 0 {
        say!("fees       claimed {} Kč, paid {} Kč, owed {} Kč", d.fees.claimed, d.fees.paid, d.fees.owed);
    }
    if !c.outcome.is_empty() {
        say!("outcome    {}", c.outcome);
    }
    if !c.forwarded_to.is_empty() {
        say!("forwarded  {}", c.forwarded_to);
    }
    for l in &d.links {
        say!("linked     {} ({})", l.reference_number, l.status);
    }
    say!("history:");
    for h in &d.history {
        let change = match (&h.from_status, &h.to_status) {
            (Some(f), Some(t)) => format!(" {f} → {t}"),
            _ => String::new(),
        };
        let why = if h.reason.is_empty() { String::new() } else { format!(" — {}", h.reason) };
        say!("  {}  {:<10} {}{change} {}{why}", h.at, h.user, h.event, h.detail);
    }
}

pub fn run(g: &Global, cmd: CaseCommand) -> CliResult {
    let cmd = match cmd {
        CaseCommand::File(a) => return file(g, &a),
        CaseCommand::List(a) => return list::list(g, a),
        other => other,
    };
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let (change, json) = match cmd {
        CaseCommand::File(_) | CaseCommand::List(_) => return Ok(()),
        CaseCommand::Show { reference, json } => {
            let d = desk.case_detail(&reference)?;
            if json {
                return print_json(&d);
            }
            show(&d);
            return Ok(());
        }
        CaseCommand::Assign { reference, who, department, official, reason } => {
            let c = desk.assign_case(
                &actor,
                &reference,
                who.expect_version,
                department.as_deref(),
                official.as_deref(),
                &reason,
            )?;
            (c, who.json)
        }
        CaseCommand::Status { reference, who, to, reason, outcome, authority } => {
            let req = StatusRequest { reason: &reason, outcome: &outcome, authority: &authority };
            (desk.change_status(&actor, &reference, to, &req, who.expect_version)?, who.json)
        }
        CaseCommand::Note { reference, who, text } => {
            (desk.add_note(&actor, &reference, who.expect_version, &text)?, who.json)
        }
        CaseCommand::Link { reference, who, other } => {
            (desk.link_cases(&actor, &reference, who.expect_version, &other)?, who.json)
        }
        CaseCommand::Complex { reference, who, reason } => {
            (desk.mark_complex(&actor, &reference, who.expect_version, &reason)?, who.json)
        }
    };
    print_change(&change, json)
}
