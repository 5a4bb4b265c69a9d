//! `clerkdesk case list`: the case list for scripts (`CaseCommand::List` in `case/mod.rs`).

use crate::cli::{CliResult, Global, print_json, say};
use crate::desk::CaseSort;
use crate::desk::{CaseQuery, CaseScope, Cursor};
use crate::domain::case::{CaseStatus, Channel};
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScopeArg {
    All,
    Department,
    Mine,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Newest,
    Deadline,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Whose cases [default: an official's department, everyone else's all]
    #[arg(long, value_enum)]
    pub scope: Option<ScopeArg>,
    /// Only these statuses (repeat it, or separate with commas)
    #[arg(long, value_name = "S", value_delimiter = ',', value_parser = parse_status)]
    pub status: Vec<CaseStatus>,
    /// Only this department (its code, e.g. OSA)
    #[arg(long, value_name = "CODE")]
    pub department: Option<String>,
    /// Only cases assigned to this official (username)
    #[arg(long, value_name = "USER")]
    pub official: Option<String>,
    /// Only this life situation (its code)
    #[arg(long, value_name = "CODE")]
    pub situation: Option<String>,
    /// Only filings that came through this channel
    #[arg(long, value_parser = parse_channel)]
    pub channel: Option<Channel>,
    /// Open cases due within N working days [N default: the watchdog's warning period]
    #[arg(long, value_name = "N", num_args = 0..=1)]
    #[allow(clippy::option_option, reason = "clap's flag with an optional value: absent, bare, or with N")]
    pub due_within: Option<Option<u32>>,
    /// Open cases past their deadline
    #[arg(long)]
    pub overdue: bool,
    /// Words of the citizen's name, subject or notes (prefixes, diacritics ignored), or a
    /// fragment of the reference number
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    #[arg(long, value_enum, default_value = "newest")]
    pub sort: SortArg,
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Continue after this cursor (the `next` of the previous page)
    #[arg(long, value_name = "CURSOR")]
    pub after: Option<Cursor>,
    /// Print the result as JSON, for scripts
    #[arg(long)]
    pub json: bool,
}

fn parse_status(s: &str) -> Result<CaseStatus, String> {
    CaseStatus::parse(s).ok_or_else(|| {
        let all: Vec<&str> = CaseStatus::ALL.iter().map(|c| c.as_str()).collect();
        format!("unknown status '{s}' (one of {})", all.join(", "))
    })
}

fn parse_channel(s: &str) -> Result<Channel, String> {
    Channel::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Channel::ALL.iter().map(|c| c.as_str()).collect();
        format!("unknown channel '{s}' (one of {})", all.join(", "))
    })
}

pub fn list(g: &Global, a: ListArgs) -> CliResult {
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let query = CaseQuery {
        scope: a.scope.map(|s| match s {
            ScopeArg::All => CaseScope::All,
            ScopeArg::Department => CaseScope::Department,
            ScopeArg::Mine => CaseScope::Mine,
        }),
        statuses: a.status,
        department: a.department,
        official: a.official,
        situation: a.situation,
        channel: a.channel,
        due_within: a.due_within,
        overdue: a.overdue,
        search: a.search.unwrap_or_default(),
        sort: match a.sort {
            SortArg::Newest => CaseSort::Newest,
            SortArg::Deadline => CaseSort::Deadline,
        },
    };
    let page = desk.list_cases(&actor, &query, a.after.as_ref(), a.limit)?;
    let next = page.next.as_ref().map(ToString::to_string);
    if a.json {
        return print_json(&serde_json::json!({ "rows": page.rows, "next": next }));
    }
    for r in &page.rows {
        say!(
            "{:<24} {:<11} {:<10} {:<5} {:<12} {:<28} {}",
            r.reference_number,
            r.status,
            r.deadline.as_deref().unwrap_or("-"),
            r.department_code,
            r.assignee.as_deref().unwrap_or("-"),
            // One line per case: a line break stored before the rule must not forge a row.
            crate::domain::plain::escape_line(&r.citizen_name),
            r.situation_name_cs
        );
    }
    match next {
        Some(n) => say!("({} cases; more with --after {n})", page.rows.len()),
        None => say!("({} cases)", page.rows.len()),
    }
    Ok(())
}
