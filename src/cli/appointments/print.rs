//! How `appointments` commands print: a booking for scripts (JSON with office-time ISO instants)
//! and for people (Czech dates, English words, as the rest of the admin CLI; a day's weekday name
//! in the configured language, as the booking calendar shows it).

use crate::cli::{CliResult, print_json, say};
use crate::desk::{ActionOutcome, FreeSlot, ServiceOffer, office_iso, office_when};
use crate::desk::{BookingEvent, BookingRow, WaitlistRow};
use crate::domain::appointments::{Attendance, local_date, local_time};
use crate::domain::dates::{format_date, format_time, parse_date};
use crate::domain::lang::Lang;
use crate::i18n::Tr;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// A booking as the CLI prints it: the stored row (UTC `start_at`/`end_at`) and the same
/// instants with the office's offset and the Czech way.
#[derive(Debug, Serialize)]
pub struct BookingView<'a> {
    #[serde(flatten)]
    pub booking: &'a BookingRow,
    /// ISO 8601 with the office's offset on that day, e.g. `2026-11-23T09:30:00+01:00`.
    pub start: String,
    pub end: String,
    /// `23. 11. 2026 9:30–9:45`.
    pub when: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance: Option<Attendance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<&'a [BookingEvent]>,
    #[serde(skip)]
    start_utc: DateTime<Utc>,
}

impl<'a> BookingView<'a> {
    #[must_use]
    pub fn of(b: &'a BookingRow) -> BookingView<'a> {
        let (start, end) = (b.start_at, b.end_at);
        BookingView {
            booking: b,
            start: office_iso(start),
            end: office_iso(end),
            when: span(start, end),
            attendance: None,
            history: None,
            start_utc: start,
        }
    }
}

/// `23. 11. 2026 9:30–9:45` (the end's date too when it is another day).
fn span(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    if local_date(start) == local_date(end) {
        format!("{}–{}", office_when(start), format_time(local_time(end)))
    } else {
        format!("{} – {}", office_when(start), office_when(end))
    }
}

fn short_time_span(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    format!("{}–{}", format_time(local_time(start)), format_time(local_time(end)))
}

pub fn services(offers: &[ServiceOffer], lang: Lang) {
    say!("{:<13} {:>7} {:>7} {:>8} {:>6}  {:<18} name", "service", "length", "buffer", "notice", "ahead", "where");
    for o in offers {
        let r = &o.rules;
        say!(
            "{:<13} {:>3} min {:>3} min {:>4} min {:>4} d  {:<18} {}",
            o.code,
            r.duration_min,
            r.buffer_min,
            r.min_notice_min,
            r.max_days_ahead,
            o.resources.join(", "),
            o.name.get(lang)
        );
    }
}

/// One line per slot, its day as the booking calendar writes it in the configured language
/// (`Po 23. 11. 2026`).
pub fn slots(service: &str, found: &[FreeSlot], lang: Lang) {
    let tr = Tr::new(lang);
    for s in found {
        let seats = if s.seats_free > 1 { format!("  ({} seats free)", s.seats_free) } else { String::new() };
        let day = local_date(s.start);
        say!(
            "{} {:<12} {:<11} {:<6} {}  {}{seats}",
            tr.weekday(day),
            format_date(day),
            short_time_span(s.start, s.end),
            s.resource,
            office_iso(s.start),
            s.resource_name
        );
    }
    say!("({} free slot(s) of {service})", found.len());
}

/// The booking in a few lines, under a title.
pub fn booking(title: &str, v: &BookingView<'_>) {
    let b = v.booking;
    say!("{title}: {}, {} at {} {}", b.service, v.when, b.resource, b.resource_name);
    say!("  code     {}", b.code);
    say!("  service  {} {}", b.service, b.service_name.cs);
    say!("  citizen  #{} {}, born {}", b.citizen_id, b.citizen_name, b.citizen_birth_date);
    say!("  start    {}", v.start);
    if !b.meeting_url.is_empty() {
        say!("  meeting  {}", b.meeting_url);
    }
}

/// The booking after an action, and the waiting-list entry its freed time was offered to.
#[derive(Serialize)]
struct Outcome<'a> {
    booking: BookingView<'a>,
    offer: Option<&'a WaitlistRow>,
}

/// After cancel, check-in, no-show, serve or reschedule.
pub fn outcome(out: &ActionOutcome, json: bool) -> CliResult {
    let view = BookingView::of(&out.booking);
    if json {
        return print_json(&Outcome { booking: view, offer: out.offer.as_ref() });
    }
    say!(
        "{}: {}  {} at {}  version {}",
        out.booking.code,
        out.booking.status,
        view.when,
        out.booking.resource,
        out.booking.version
    );
    if let Some(w) = &out.offer {
        say!("The freed time was offered to waiting-list entry #{} (citizen {}).", w.id, who(w));
    }
    Ok(())
}

pub fn show(v: &BookingView<'_>) {
    let b = v.booking;
    booking(&format!("{} ({})", b.code, b.status), v);
    say!("  channel  {}  version {}", b.channel, b.version);
    if !b.citizen_phone.is_empty() {
        say!("  phone    {}", b.citizen_phone);
    }
    if let Some(r) = &b.reference_number {
        say!("  case     {r}");
    }
    if !b.note.is_empty() {
        say!("  note     {}", b.note);
    }
    say!("history:");
    for h in v.history.unwrap_or_default() {
        let at = office_when(h.at);
        let change = match (&h.from_status, &h.to_status) {
            (Some(f), Some(t)) if f != t => format!("{f} → {t}"),
            (None, Some(t)) => format!("→ {t}"),
            _ => String::new(),
        };
        let why = if h.reason.is_empty() { String::new() } else { format!("— {}", h.reason) };
        let words: Vec<&str> =
            [h.action.as_str(), &change, &h.detail, &why].into_iter().filter(|w| !w.is_empty()).collect();
        say!("  {at:<17} {:<10} {}", h.actor, words.join(" "));
    }
}

pub fn found(views: &[BookingView<'_>]) {
    for v in views {
        let b = v.booking;
        say!("{}  {:<24} {:<6} {:<10} {:<13} {}", b.code, v.when, b.resource, b.status, b.service, b.citizen_name);
    }
    say!("({} booking(s))", views.len());
}

pub fn day(day: NaiveDate, views: &[BookingView<'_>]) {
    for v in views {
        let b = v.booking;
        let attendance = v.attendance.map_or("", attendance_str);
        let end = format_time(local_time(b.end_at));
        let line = format!(
            "{:>5}–{:<5} {:<6} {}  {:<10} {:<13} {:<24} {}",
            format_time(local_time(v.start_utc)),
            end,
            b.resource,
            b.code,
            attendance,
            b.service,
            b.citizen_name,
            b.citizen_phone
        );
        say!("{}", line.trim_end());
    }
    say!("({} booking(s) on {})", views.len(), format_date(day));
}

fn attendance_str(a: Attendance) -> &'static str {
    match a {
        Attendance::Due => "due",
        Attendance::Late => "late",
        Attendance::CheckedIn => "checked_in",
        Attendance::Served => "served",
        Attendance::NoShow => "no_show",
        Attendance::Cancelled => "cancelled",
    }
}

pub fn waitlist(rows: &[WaitlistRow]) {
    for w in rows {
        let day =
            w.day.as_deref().map_or_else(|| "any day".to_owned(), |d| parse_date(d).map_or(d.to_owned(), format_date));
        let mut parts = vec![format!("#{:<4} {:<13} {:<12} {:<8} {}", w.id, w.service, day, w.status, who(w))];
        if let Some(t) = w.offered_start {
            parts.push(format!("offered {} {}", office_when(t), w.offered_resource.as_deref().unwrap_or("")));
        }
        if !w.note.is_empty() {
            parts.push(format!("({})", w.note));
        }
        say!("{}", parts.join("  ").trim_end());
    }
    say!("({} on the waiting list)", rows.len());
}

/// `#12 Jana Nováková +420777123456` (no phone, no trailing space).
fn who(w: &WaitlistRow) -> String {
    let line = format!("#{} {} {}", w.citizen_id, w.citizen_name, w.citizen_phone);
    line.trim_end().to_owned()
}
