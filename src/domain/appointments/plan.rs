//! The appointment plan file: booking rules per service, counters and officials with their week,
//! and closures. TOML, written by administrators; every error names the entry and the key.
//!
//! ```toml
//! [[service]]
//! code = "OP-PODANI"       # a service of the catalogue (which holds its name and duration)
//! capacity = 1             # bookings per slot at one resource
//! min_notice_min = 60
//! max_days_ahead = 60
//! buffer_min = 5
//! opens_filing = true      # check-in opens the intake of a filing
//!
//! [[resource]]
//! code = "P1"
//! name = "Přepážka 1"
//! kind = "counter"          # or "official" (e-office hours), with official = "CODE"
//! services = ["OP-PODANI"]
//! breaks = ["11:30-12:00"]  # taken out of every day
//! week = { mon = "8:00-17:00", wed = "8:00-17:00", fri = "8:00-12:00" }
//!
//! [[closure]]
//! resource = "P1"           # left out: the whole office
//! from = 2026-12-28
//! to = 2026-12-31
//! reason = "Dovolená"
//! ```
//!
//! Over 400 lines for a reason: the file's format and every check of it (each naming the entry and
//! the key) read best side by side; the tests are `plan_tests.rs`.

use super::{CELL_MIN, Closure, Interval, Resource, ResourceKind, ServiceRules};
use crate::domain::dates::parse_date;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

/// The whole plan of an office.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Plan {
    pub services: Vec<ServiceRules>,
    pub resources: Vec<Resource>,
    pub closures: Vec<Closure>,
}

/// What a plan file is checked against: the catalogue's services with their durations, its
/// officials, and the accounts of the store.
#[derive(Debug, Clone, Default)]
pub struct PlanContext {
    pub service_durations: HashMap<String, u32>,
    pub officials: HashSet<String>,
    pub users: HashSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {field}: {message}")]
pub struct PlanError {
    /// e.g. `resource P1` or `closure #2`.
    pub place: String,
    pub field: String,
    pub message: String,
}

pub const DEFAULT_CAPACITY: u32 = 1;
pub const DEFAULT_MAX_DAYS_AHEAD: u32 = 60;
pub const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    #[serde(default)]
    service: Vec<RawService>,
    #[serde(default)]
    resource: Vec<RawResource>,
    #[serde(default)]
    closure: Vec<RawClosure>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    code: String,
    capacity: Option<u32>,
    min_notice_min: Option<u32>,
    max_days_ahead: Option<u32>,
    buffer_min: Option<u32>,
    opens_filing: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResource {
    code: String,
    name: String,
    kind: Option<String>,
    official: Option<String>,
    user: Option<String>,
    capacity: Option<u32>,
    #[serde(default)]
    services: Vec<String>,
    #[serde(default)]
    breaks: Vec<String>,
    #[serde(default)]
    week: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawDate {
    Toml(toml::value::Datetime),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClosure {
    resource: Option<String>,
    from: RawDate,
    to: Option<RawDate>,
    #[serde(default)]
    reason: String,
}

struct Errors(Vec<PlanError>);

impl Errors {
    fn push(&mut self, place: &str, field: &str, message: impl Into<String>) {
        self.0.push(PlanError { place: place.to_owned(), field: field.to_owned(), message: message.into() });
    }
}

impl Plan {
    /// Reads and checks a plan file.
    ///
    /// # Errors
    /// Every problem found, each naming its entry and key.
    pub fn from_toml(text: &str, ctx: &PlanContext) -> Result<Plan, Vec<PlanError>> {
        let raw: RawPlan = toml::from_str(text).map_err(|e| {
            let place = match e.span() {
                Some(span) => format!("line {}", text[..span.start.min(text.len())].lines().count().max(1)),
                None => "file".to_owned(),
            };
            vec![PlanError { place, field: "syntax".into(), message: e.message().to_owned() }]
        })?;
        let mut errs = Errors(Vec::new());
        let mut services = Vec::new();
        for s in raw.service {
            if let Some(rules) = service_rules(&s, ctx, &mut errs) {
                if services.iter().any(|x: &ServiceRules| x.code == rules.code) {
                    errs.push(&format!("service {}", rules.code), "code", "listed twice");
                }
                services.push(rules);
            }
        }
        let mut resources: Vec<Resource> = Vec::new();
        for r in raw.resource {
            let res = resource(r, ctx, &mut errs);
            if resources.iter().any(|x| x.code == res.code) {
                errs.push(&format!("resource {}", res.code), "code", "listed twice");
            }
            resources.push(res);
        }
        // A served service without its own rules gets the defaults.
        for r in &resources {
            for code in &r.services {
                if !services.iter().any(|s| &s.code == code)
                    && let Some(&duration_min) = ctx.service_durations.get(code)
                {
                    services.push(default_rules(code, duration_min));
                }
            }
        }
        let codes: HashSet<&str> = resources.iter().map(|r| r.code.as_str()).collect();
        let mut closures = Vec::new();
        for (i, c) in raw.closure.into_iter().enumerate() {
            let place = format!("closure #{}", i + 1);
            if let Some(r) = &c.resource
                && !codes.contains(r.as_str())
            {
                errs.push(&place, "resource", format!("no resource '{r}' in this plan"));
            }
            let from = date(&c.from, &place, "from", &mut errs);
            let to = c.to.as_ref().map_or(from, |t| date(t, &place, "to", &mut errs));
            if let (Some(from), Some(to)) = (from, to) {
                if to < from {
                    errs.push(&place, "to", "ends before it starts");
                }
                closures.push(Closure { resource: c.resource, from, to, reason: c.reason.trim().to_owned() });
            }
        }
        if errs.0.is_empty() { Ok(Plan { services, resources, closures }) } else { Err(errs.0) }
    }

    /// The plan as a file `from_toml` reads back to the same plan.
    #[must_use]
    pub fn to_toml(&self) -> String {
        let mut out = String::from("# clerkdesk appointment plan\n");
        for s in &self.services {
            let _ = write!(
                out,
                "\n[[service]]\ncode = {}\ncapacity = {}\nmin_notice_min = {}\nmax_days_ahead = {}\nbuffer_min = {}\nopens_filing = {}\n",
                quote(&s.code),
                s.capacity,
                s.min_notice_min,
                s.max_days_ahead,
                s.buffer_min,
                s.opens_filing
            );
        }
        for r in &self.resources {
            let _ = write!(
                out,
                "\n[[resource]]\ncode = {}\nname = {}\nkind = {}\n",
                quote(&r.code),
                quote(&r.name),
                quote(r.kind.as_str())
            );
            if let Some(o) = &r.official {
                let _ = writeln!(out, "official = {}", quote(o));
            }
            if let Some(u) = &r.user {
                let _ = writeln!(out, "user = {}", quote(u));
            }
            let services: Vec<String> = r.services.iter().map(|s| quote(s)).collect();
            let _ = writeln!(out, "capacity = {}\nservices = [{}]", r.capacity, services.join(", "));
            let days: Vec<String> = DAY_KEYS
                .iter()
                .zip(&r.week)
                .filter(|(_, ivs)| !ivs.is_empty())
                .map(|(k, ivs)| format!("{k} = {}", quote(&intervals_text(ivs))))
                .collect();
            let _ = writeln!(out, "week = {{ {} }}", days.join(", "));
        }
        for c in &self.closures {
            out.push_str("\n[[closure]]\n");
            if let Some(r) = &c.resource {
                let _ = writeln!(out, "resource = {}", quote(r));
            }
            let _ = writeln!(out, "from = {}\nto = {}\nreason = {}", c.from, c.to, quote(&c.reason));
        }
        out
    }
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// `8:00-11:30, 12:00-17:00`.
#[must_use]
pub fn intervals_text(ivs: &[Interval]) -> String {
    let t = |m: u32| format!("{}:{:02}", m / 60, m % 60);
    ivs.iter().map(|iv| format!("{}-{}", t(iv.start), t(iv.end))).collect::<Vec<_>>().join(", ")
}

#[must_use]
pub fn default_rules(code: &str, duration_min: u32) -> ServiceRules {
    ServiceRules {
        code: code.to_owned(),
        duration_min,
        capacity: DEFAULT_CAPACITY,
        min_notice_min: 0,
        max_days_ahead: DEFAULT_MAX_DAYS_AHEAD,
        buffer_min: 0,
        opens_filing: false,
    }
}

fn service_rules(s: &RawService, ctx: &PlanContext, errs: &mut Errors) -> Option<ServiceRules> {
    let place = format!("service {}", s.code);
    let Some(&duration_min) = ctx.service_durations.get(&s.code) else {
        errs.push(&place, "code", "no such service in the catalogue");
        return None;
    };
    let mut rules = default_rules(&s.code, duration_min);
    rules.capacity = s.capacity.unwrap_or(DEFAULT_CAPACITY);
    rules.min_notice_min = s.min_notice_min.unwrap_or(0);
    rules.max_days_ahead = s.max_days_ahead.unwrap_or(DEFAULT_MAX_DAYS_AHEAD);
    rules.buffer_min = s.buffer_min.unwrap_or(0);
    rules.opens_filing = s.opens_filing.unwrap_or(false);
    if duration_min % CELL_MIN != 0 {
        errs.push(
            &place,
            "duration_min",
            format!("the catalogue's {duration_min} min is not a multiple of {CELL_MIN}"),
        );
    }
    if rules.buffer_min % CELL_MIN != 0 {
        errs.push(&place, "buffer_min", format!("must be a multiple of {CELL_MIN} minutes"));
    }
    if rules.capacity == 0 || rules.capacity > 100 {
        errs.push(&place, "capacity", "must be 1 to 100");
    }
    if rules.max_days_ahead == 0 || rules.max_days_ahead > 730 {
        errs.push(&place, "max_days_ahead", "must be 1 to 730");
    }
    Some(rules)
}

#[allow(clippy::too_many_lines, reason = "one check per field of a resource, each naming it")]
fn resource(r: RawResource, ctx: &PlanContext, errs: &mut Errors) -> Resource {
    let place = format!("resource {}", r.code);
    let code = r.code.trim().to_owned();
    if code.is_empty() || code.len() > 16 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        errs.push(&place, "code", "1 to 16 letters, digits or dashes");
    }
    if r.name.trim().is_empty() {
        errs.push(&place, "name", "must not be empty");
    }
    let kind = match r.kind.as_deref().map(ResourceKind::parse) {
        None => ResourceKind::Counter,
        Some(Some(k)) => k,
        Some(None) => {
            errs.push(&place, "kind", "must be \"counter\" or \"official\"");
            ResourceKind::Counter
        }
    };
    if let Some(o) = &r.official
        && !ctx.officials.contains(o)
    {
        errs.push(&place, "official", format!("no official '{o}' in the catalogue"));
    }
    if kind == ResourceKind::Official && r.official.is_none() {
        errs.push(&place, "official", "an official's e-office hours name the official");
    }
    if let Some(u) = &r.user
        && !ctx.users.contains(u)
    {
        errs.push(&place, "user", format!("no account '{u}'"));
    }
    let capacity = r.capacity.unwrap_or(1);
    if capacity == 0 || capacity > 100 {
        errs.push(&place, "capacity", "must be 1 to 100");
    }
    if r.services.is_empty() {
        errs.push(&place, "services", "serves no service");
    }
    for s in &r.services {
        if !ctx.service_durations.contains_key(s) {
            errs.push(&place, "services", format!("no service '{s}' in the catalogue"));
        }
    }
    let breaks = parse_intervals(&r.breaks.join(","), &place, "breaks", errs);
    let mut week: [Vec<Interval>; 7] = Default::default();
    for (key, text) in &r.week {
        let Some(day) = DAY_KEYS.iter().position(|k| k == key) else {
            errs.push(&place, &format!("week.{key}"), "days are mon, tue, wed, thu, fri, sat, sun");
            continue;
        };
        let ivs = parse_intervals(text, &place, &format!("week.{key}"), errs);
        week[day] = subtract(&ivs, &breaks);
    }
    Resource {
        code,
        name: r.name.trim().to_owned(),
        kind,
        official: r.official,
        user: r.user,
        capacity,
        services: r.services,
        week,
    }
}

/// `8:00-11:30, 12:00-17:00` → sorted, non-overlapping intervals on the 5-minute grid.
fn parse_intervals(text: &str, place: &str, field: &str, errs: &mut Errors) -> Vec<Interval> {
    let mut out: Vec<Interval> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let parsed = part.split_once('-').and_then(|(a, b)| Some((minutes(a)?, minutes(b)?)));
        match parsed {
            Some((start, end)) if start < end && start % CELL_MIN == 0 && end % CELL_MIN == 0 => {
                out.push(Interval { start, end });
            }
            Some((start, end)) if start >= end => errs.push(place, field, format!("'{part}' ends before it starts")),
            Some(_) => errs.push(place, field, format!("'{part}': times must be on the {CELL_MIN}-minute grid")),
            None => errs.push(place, field, format!("'{part}' is not a time range like 8:00-11:30")),
        }
    }
    out.sort();
    if out.windows(2).any(|w| w[1].start < w[0].end) {
        errs.push(place, field, "time ranges overlap");
    }
    out
}

/// `8:00`, `8.00` or `24:00` (the end of the day) → minutes after midnight.
fn minutes(s: &str) -> Option<u32> {
    use chrono::Timelike;
    let s = s.trim();
    if s == "24:00" {
        return Some(24 * 60);
    }
    let t = crate::domain::dates::parse_time(s)?;
    Some(t.hour() * 60 + t.minute())
}

/// The working intervals with the breaks cut out.
fn subtract(ivs: &[Interval], breaks: &[Interval]) -> Vec<Interval> {
    let mut out = Vec::new();
    for iv in ivs {
        let mut pieces = vec![*iv];
        for b in breaks {
            pieces = pieces
                .into_iter()
                .flat_map(|p| {
                    let mut keep = Vec::new();
                    if b.start > p.start {
                        keep.push(Interval { start: p.start, end: b.start.min(p.end) });
                    }
                    if b.end < p.end {
                        keep.push(Interval { start: b.end.max(p.start), end: p.end });
                    }
                    keep.into_iter().filter(|k| k.start < k.end)
                })
                .collect();
        }
        out.extend(pieces);
    }
    out
}

fn date(d: &RawDate, place: &str, field: &str, errs: &mut Errors) -> Option<NaiveDate> {
    let text = match d {
        RawDate::Toml(t) => t.to_string(),
        RawDate::Text(s) => s.clone(),
    };
    let parsed = parse_date(&text);
    if parsed.is_none() {
        errs.push(place, field, format!("'{text}' is not a date (2026-12-24 or 24. 12. 2026)"));
    }
    parsed
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
