//! `clerkdesk appointments …` (alias `appt`): free slots, booking and what follows it, the day's
//! list, for scripts and administrators. The acting clerk is the run's actor, as in `case`. Instants
//! are printed as ISO 8601 with the office's offset (`2026-11-23T09:30:00+01:00`) and the Czech
//! way (`23. 11. 2026 9:30`); they are read by [`parse_instant`].
//!
//! A taken slot exits 1 with `error: slot taken: …` and the next free slots on stderr, as every
//! refusal; with `--json`, stdout also gets `{"error": "slot_taken", "at", "message", "next"}`,
//! so a script reading JSON learns the alternatives without parsing the message.

pub mod admin;
pub mod print;
pub mod values;
use super::{CliResult, Failure, Global, print_json};
use crate::desk::{BookingRequest, CitizenRef, DeskError, office_iso};
use crate::domain::appointments::instant::DayOrInstant;
use crate::domain::appointments::{BookingAction, Edge, local_instant};
use crate::domain::case::Channel;
use crate::domain::ids::CitizenId;
use admin::{ExportArgs, PlanCommand, WaitlistCommand};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{ArgGroup, Args, Subcommand};
use print::BookingView;
use values::{parse_at, parse_channel, parse_day, parse_from};

#[derive(Debug, Subcommand)]
pub enum ApptCommand {
    /// The services that can be booked: duration, rules, where they are served
    Services {
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Free slots of a service: the next ones, or all of one day
    Slots(SlotsArgs),
    /// Book a slot for a citizen on file (--citizen) or a new one (--new-citizen)
    Book(BookArgs),
    /// Cancel a booking; its time is offered to the first citizen on the waiting list
    Cancel(ActionArgs),
    /// Check the citizen in (on the booking's day; also after a no-show, when they came late)
    Checkin(ActionArgs),
    /// Mark a booking not shown (once its start has passed)
    Noshow(ActionArgs),
    /// Mark a checked-in visit served
    Serve(ActionArgs),
    /// Move a booking to another slot of its service, keeping its code and history
    Reschedule(RescheduleArgs),
    /// Show a booking with its history
    Show {
        /// The booking's code (six letters and digits)
        code: String,
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Find bookings by code, phone number, or the citizen's name, birth date or birth number
    Find {
        /// What to look for (diacritics and case ignored)
        #[arg(required = true)]
        text: Vec<String>,
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    #[allow(clippy::doc_markdown, reason = "clap prints this doc comment as --help text, backticks and all")]
    /// One day's bookings, at every counter or one, with attendance (due, late, checked_in, …)
    List {
        /// The day: 2026-11-23 or 23. 11. 2026 [default: today]
        #[arg(long, value_parser = parse_day, value_name = "DATE")]
        day: Option<NaiveDate>,
        /// Only this counter or official (e.g. P1)
        #[arg(long, value_name = "R")]
        resource: Option<String>,
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// The waiting list: citizens who want a slot of a full day
    #[command(subcommand)]
    Waitlist(WaitlistCommand),
    /// The appointment plan (TOML): booking rules, counters, officials, closures
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Write calendars: one iCalendar file per counter or official
    ///
    /// An administrator's or supervisor's task, done by the run's account (or an administrator's --as)
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct SlotsArgs {
    /// The service's code (see `appointments services`), e.g. OP-PODANI
    #[arg(long, value_name = "CODE")]
    pub service: String,
    /// Start looking here: a date (its midnight) or an instant [default: now]
    #[arg(long, value_parser = parse_from, value_name = "DATE|INSTANT", conflicts_with = "day")]
    pub from: Option<DayOrInstant>,
    /// Instead: every free slot of this day (2026-11-23 or 23. 11. 2026)
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub day: Option<NaiveDate>,
    /// How many of the next free slots
    #[arg(long, default_value_t = 10, value_name = "N", conflicts_with = "day")]
    pub count: usize,
    /// Only this counter or official (e.g. P1)
    #[arg(long, value_name = "R")]
    pub resource: Option<String>,
    /// Print the result as JSON, for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("who").required(true).args(["citizen", "new_citizen"])))]
pub struct BookArgs {
    /// The service's code, e.g. OP-PODANI
    #[arg(long, value_name = "CODE")]
    pub service: String,
    /// The slot's start: 2026-11-23T09:30:00+01:00 (as `slots` prints it) or office time
    /// 2026-11-23 9:30 / 23. 11. 2026 9:30
    #[arg(long, value_parser = parse_at, value_name = "INSTANT")]
    pub at: DateTime<Utc>,
    /// The counter or official [default: the first one free at that time]
    #[arg(long, value_name = "R")]
    pub resource: Option<String>,
    /// An existing citizen's id
    #[arg(long, value_name = "ID")]
    pub citizen: Option<i64>,
    /// A new citizen, created with the booking: 'Given Family,YYYY-MM-DD'
    #[arg(long, value_name = "NAME,DATE")]
    pub new_citizen: Option<String>,
    /// The new citizen's phone number, for the reminder
    #[arg(long, requires = "new_citizen")]
    pub phone: Option<String>,
    /// counter, phone or portal
    #[arg(long, default_value = "counter", value_parser = parse_channel)]
    pub channel: Channel,
    /// A note for the clerk who serves the visit
    #[arg(long, default_value = "")]
    pub note: String,
    /// Print the result as JSON, for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ActionArgs {
    /// The booking's code (six letters and digits)
    pub code: String,
    #[command(flatten)]
    pub who: Who,
}

#[derive(Debug, Args)]
pub struct RescheduleArgs {
    /// The booking's code (six letters and digits)
    pub code: String,
    /// The new slot's start, as for `book`
    #[arg(long, value_parser = parse_at, value_name = "INSTANT")]
    pub at: DateTime<Utc>,
    /// The counter or official [default: the first one free at that time]
    #[arg(long, value_name = "R")]
    pub resource: Option<String>,
    #[command(flatten)]
    pub who: Who,
}

/// Who acts on a booking, why, and the optimistic-concurrency check a script may ask for.
#[derive(Debug, Args)]
pub struct Who {
    /// Why (kept in the booking's history)
    #[arg(long, default_value = "")]
    pub reason: String,
    /// Refuse if the booking's version is no longer this one (from `show --json`)
    #[arg(long, value_name = "N")]
    pub expect_version: Option<i64>,
    /// Print the result as JSON, for scripts
    #[arg(long)]
    pub json: bool,
}

pub fn run(g: &Global, cmd: ApptCommand) -> CliResult {
    match cmd {
        ApptCommand::Services { json } => services(g, json),
        ApptCommand::Slots(a) => slots(g, &a),
        ApptCommand::Book(a) => book(g, &a),
        ApptCommand::Cancel(a) => action(g, &a, BookingAction::Cancel),
        ApptCommand::Checkin(a) => action(g, &a, BookingAction::CheckIn),
        ApptCommand::Noshow(a) => action(g, &a, BookingAction::NoShow),
        ApptCommand::Serve(a) => action(g, &a, BookingAction::Serve),
        ApptCommand::Reschedule(a) => reschedule(g, &a),
        ApptCommand::Show { code, json } => show(g, &code, json),
        ApptCommand::Find { text, json } => find(g, &text.join(" "), json),
        ApptCommand::List { day, resource, json } => list(g, day, resource.as_deref(), json),
        ApptCommand::Waitlist(cmd) => admin::waitlist(g, cmd),
        ApptCommand::Plan(cmd) => admin::plan(g, cmd),
        ApptCommand::Export(a) => admin::export(g, &a),
    }
}

fn services(g: &Global, json: bool) -> CliResult {
    let (mut desk, _actor) = crate::cli::open_as(g)?;
    let offers = desk.appointment_services()?;
    if json {
        return print_json(&offers);
    }
    print::services(&offers, desk.config().language);
    Ok(())
}

fn slots(g: &Global, a: &SlotsArgs) -> CliResult {
    let (mut desk, _actor) = crate::cli::open_as(g)?;
    let service = a.service.trim();
    let found = match (a.day, a.from) {
        (Some(day), _) => desk.slots_on(service, day, a.resource.as_deref())?,
        (None, from) => {
            let from = match from {
                Some(DayOrInstant::Day(d)) => local_instant(d, 0, Edge::Start),
                Some(DayOrInstant::Instant(t)) => t,
                None => desk.clock().now(),
            };
            desk.free_slots(service, from, a.count, a.resource.as_deref())?
        }
    };
    if a.json {
        return print_json(&found);
    }
    print::slots(service, &found, desk.config().language);
    Ok(())
}

fn book(g: &Global, a: &BookArgs) -> CliResult {
    let citizen = match (&a.new_citizen, a.citizen) {
        (Some(raw), _) => {
            let mut input = super::case::parse_new_citizen(raw, None)?;
            input.phone.clone_from(&a.phone);
            CitizenRef::New(input)
        }
        (None, Some(id)) => CitizenRef::Existing(CitizenId(id)),
        (None, None) => return Err(Failure { message: "give --citizen ID or --new-citizen".into(), code: 2 }),
    };
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let req = BookingRequest {
        service: a.service.trim().to_owned(),
        start: a.at,
        resource: a.resource.as_ref().map(|r| r.trim().to_owned()),
        citizen,
        channel: a.channel,
        note: a.note.clone(),
        portal_id: None,
    };
    let b = desk.book(&actor, &req).map_err(|e| refusal(e, a.at, a.json))?;
    let view = BookingView::of(&b);
    if a.json {
        return print_json(&view);
    }
    print::booking(&format!("Booked {}", b.code), &view);
    Ok(())
}

/// What `--json` adds on stdout when the slot is taken.
#[derive(serde::Serialize)]
struct SlotTakenJson<'a> {
    error: &'static str,
    at: String,
    message: String,
    next: &'a [crate::desk::FreeSlot],
}

/// The failure to print; a taken slot in `--json` mode also goes to stdout as a JSON object.
fn refusal(e: DeskError, at: DateTime<Utc>, json: bool) -> Failure {
    if json && let DeskError::SlotTaken { next, .. } = &e {
        let obj = SlotTakenJson { error: "slot_taken", at: office_iso(at), message: e.to_string(), next };
        if let Err(f) = print_json(&obj) {
            return f;
        }
    }
    Failure::from(e)
}

fn action(g: &Global, a: &ActionArgs, what: BookingAction) -> CliResult {
    let w = &a.who;
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let out = desk.booking_action(&actor, &a.code, what, w.expect_version, &w.reason)?;
    print::outcome(&out, w.json)
}

fn reschedule(g: &Global, a: &RescheduleArgs) -> CliResult {
    let w = &a.who;
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let resource = a.resource.as_deref().map(str::trim);
    let out = desk
        .reschedule(&actor, &a.code, a.at, resource, w.expect_version, &w.reason)
        .map_err(|e| refusal(e, a.at, w.json))?;
    print::outcome(&out, w.json)
}

fn show(g: &Global, code: &str, json: bool) -> CliResult {
    let (mut desk, _actor) = crate::cli::open_as(g)?;
    let (b, history) = desk.booking(code)?;
    let mut view = BookingView::of(&b);
    view.history = Some(&history);
    if json {
        return print_json(&view);
    }
    print::show(&view);
    Ok(())
}

fn find(g: &Global, text: &str, json: bool) -> CliResult {
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let rows = desk.find_bookings(&actor, text)?;
    let views: Vec<_> = rows.iter().map(BookingView::of).collect();
    if json {
        return print_json(&views);
    }
    print::found(&views);
    Ok(())
}

fn list(g: &Global, day: Option<NaiveDate>, resource: Option<&str>, json: bool) -> CliResult {
    let (mut desk, _actor) = crate::cli::open_as(g)?;
    let day = day.unwrap_or_else(|| desk.clock().today());
    let entries = desk.day_list(day, resource.map(str::trim))?;
    let mut views = Vec::with_capacity(entries.len());
    for e in &entries {
        let mut v = BookingView::of(&e.booking);
        v.attendance = Some(e.attendance);
        views.push(v);
    }
    if json {
        return print_json(&views);
    }
    print::day(day, &views);
    Ok(())
}
