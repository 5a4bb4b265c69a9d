//! Appointments: the booking rules of a service, the working plans of counters and officials, and
//! the slots they give.
//!
//! Every instant is a UTC `DateTime`; a plan's hours are wall-clock times at the office
//! (Europe/Prague) and are turned into instants per day, so the day of a clock change is right:
//! on the spring day 02:30 does not exist, on the autumn day it exists twice. Slots step through
//! real time (UTC), not wall-clock time.
//!
//! A booking occupies whole cells of [`CELL_MIN`] minutes at its resource, duration plus buffer.
//! The store keeps one row per (resource, cell, seat) with that triple as its primary key, so two
//! bookings can never hold the same seat of a resource at the same time, whoever inserts them.

pub mod code;
pub mod instant;
pub mod plan;
pub mod status;

pub use plan::{Plan, PlanError};
pub use status::{Attendance, BookingAction, BookingStatus, attendance};

use super::calendar;
use super::clock::OFFICE_TZ;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::OffsetComponents;
use serde::Serialize;

/// The grain of the schedule: every plan time, duration and buffer is a multiple of it.
pub const CELL_MIN: u32 = 5;

/// What the booking rules of one service say (its duration comes from the catalogue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceRules {
    pub code: String,
    pub duration_min: u32,
    /// Bookings of this service one resource takes in one slot (never more than the resource's
    /// own capacity).
    pub capacity: u32,
    /// How long before its start a slot can still be booked.
    pub min_notice_min: u32,
    /// How many days ahead the calendar is open.
    pub max_days_ahead: u32,
    /// Time kept free after each visit.
    pub buffer_min: u32,
    /// Check-in opens the intake of a filing linked to the booking (an ID card application).
    pub opens_filing: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    /// A counter of the service centre.
    Counter,
    /// A named official holding e-office hours (video consultations).
    Official,
}

impl ResourceKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::Counter => "counter",
            ResourceKind::Official => "official",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<ResourceKind> {
        match s {
            "counter" => Some(ResourceKind::Counter),
            "official" => Some(ResourceKind::Official),
            _ => None,
        }
    }
}

/// Working time on one weekday, in minutes after local midnight; `end` is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Interval {
    pub start: u32,
    pub end: u32,
}

/// A counter or an official with their week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resource {
    pub code: String,
    pub name: String,
    pub kind: ResourceKind,
    /// The catalogue's official (e-office hours), by code.
    pub official: Option<String>,
    /// The account whose day this resource is ("my day" of an official).
    pub user: Option<String>,
    /// Visitors served at once.
    pub capacity: u32,
    pub services: Vec<String>,
    /// Monday (0) to Sunday (6): the working intervals, breaks already taken out, in order.
    pub week: [Vec<Interval>; 7],
}

impl Resource {
    #[must_use]
    pub fn serves(&self, service: &str) -> bool {
        self.services.iter().any(|s| s == service)
    }
}

/// Days a resource (or the whole office, `resource: None`) is closed: leave, a closed day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Closure {
    pub resource: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

/// Why nobody is booked at a resource on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Closed {
    Holiday(String),
    Closure(String),
    /// Nothing in the weekly plan for that weekday.
    NoHours,
}

/// One bookable time at one resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub resource: String,
}

impl Slot {
    /// The cells the booking holds: duration plus the service's buffer.
    #[must_use]
    pub fn cells(&self, rules: &ServiceRules) -> std::ops::Range<i64> {
        let first = cell_of(self.start);
        first..first + i64::from((rules.duration_min + rules.buffer_min) / CELL_MIN)
    }
}

/// The cell an instant falls in.
#[must_use]
pub fn cell_of(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(i64::from(CELL_MIN) * 60)
}

/// The instant a cell starts.
#[must_use]
pub fn cell_start(cell: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(cell * i64::from(CELL_MIN) * 60, 0).unwrap_or_default()
}

/// The local date of an instant at the office.
#[must_use]
pub fn local_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&OFFICE_TZ).date_naive()
}

/// `9:30` at the office.
#[must_use]
pub fn local_time(t: DateTime<Utc>) -> NaiveTime {
    t.with_timezone(&OFFICE_TZ).time()
}

/// Whether the office clock shows summer time at `t` (for telling the two 2:30s of the autumn
/// day apart).
#[must_use]
pub fn is_summer_time(t: DateTime<Utc>) -> bool {
    t.with_timezone(&OFFICE_TZ).offset().dst_offset() != Duration::zero()
}

/// Which end of a working interval a wall-clock time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// The instant of a wall-clock minute on `date` at the office. A time that occurs twice (the
/// autumn change) is its first occurrence for a start and its second for an end, so the interval
/// covers the whole repeated hour; a time that does not exist (the spring change) is the instant
/// the clock jumps to.
#[must_use]
pub fn local_instant(date: NaiveDate, minute: u32, edge: Edge) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    let mut local = midnight + Duration::minutes(i64::from(minute));
    // A gap is at most an hour; the loop ends within it.
    for _ in 0..=120 {
        match OFFICE_TZ.from_local_datetime(&local) {
            chrono::LocalResult::Single(t) => return t.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(early, late) => {
                return if edge == Edge::Start { early } else { late }.with_timezone(&Utc);
            }
            chrono::LocalResult::None => local += Duration::minutes(1),
        }
    }
    Utc.from_utc_datetime(&local)
}

impl Plan {
    #[must_use]
    pub fn service(&self, code: &str) -> Option<&ServiceRules> {
        self.services.iter().find(|s| s.code == code)
    }

    #[must_use]
    pub fn resource(&self, code: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.code == code)
    }

    /// The resources that serve a service, in plan order.
    pub fn resources_for<'a>(&'a self, service: &'a str) -> impl Iterator<Item = &'a Resource> + 'a {
        self.resources.iter().filter(move |r| r.serves(service))
    }

    /// Why `resource` takes no bookings on `date`, if it does not: a public holiday, a closure of
    /// the resource or the office, or no hours that weekday.
    #[must_use]
    pub fn closed(&self, resource: &Resource, date: NaiveDate) -> Option<Closed> {
        if let Some(h) = calendar::holiday(date) {
            return Some(Closed::Holiday(h.name.cs));
        }
        let closure = self
            .closures
            .iter()
            .find(|c| c.from <= date && date <= c.to && c.resource.as_deref().is_none_or(|r| r == resource.code));
        if let Some(c) = closure {
            return Some(Closed::Closure(c.reason.clone()));
        }
        if resource.week[weekday_index(date)].is_empty() {
            return Some(Closed::NoHours);
        }
        None
    }

    /// Every slot of `service` at `resource` on `date` by the plan alone, bookings aside.
    #[must_use]
    pub fn day_slots(&self, rules: &ServiceRules, resource: &Resource, date: NaiveDate) -> Vec<Slot> {
        if !resource.serves(&rules.code) || self.closed(resource, date).is_some() {
            return Vec::new();
        }
        let length = Duration::minutes(i64::from(rules.duration_min));
        let step = Duration::minutes(i64::from(rules.duration_min + rules.buffer_min));
        let mut slots = Vec::new();
        for iv in &resource.week[weekday_index(date)] {
            let end = local_instant(date, iv.end, Edge::End);
            let mut t = local_instant(date, iv.start, Edge::Start);
            while t + length <= end {
                slots.push(Slot { start: t, end: t + length, resource: resource.code.clone() });
                t += step;
            }
        }
        slots
    }
}

/// Monday 0 … Sunday 6.
#[must_use]
pub fn weekday_index(date: NaiveDate) -> usize {
    use chrono::Datelike;
    date.weekday().num_days_from_monday() as usize
}

/// When a service can be booked, seen at `now`: from the earliest start (minimum notice) to the
/// last day of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub earliest: DateTime<Utc>,
    pub last_day: NaiveDate,
}

impl Window {
    #[must_use]
    pub fn of(rules: &ServiceRules, now: DateTime<Utc>) -> Window {
        let earliest = now + Duration::minutes(i64::from(rules.min_notice_min));
        let last_day = local_date(now) + chrono::Days::new(u64::from(rules.max_days_ahead));
        Window { earliest, last_day }
    }

    #[must_use]
    pub fn admits(&self, slot: &Slot) -> bool {
        slot.start >= self.earliest && local_date(slot.start) <= self.last_day
    }
}

/// The lowest seat free in every cell of `cells`, below `seats`; `taken(cell, seat)` says whether
/// a booking holds it.
#[must_use]
pub fn free_seat(cells: std::ops::Range<i64>, seats: u32, taken: impl Fn(i64, u32) -> bool) -> Option<u32> {
    (0..seats).find(|&seat| cells.clone().all(|c| !taken(c, seat)))
}

/// The seats a service may use at a resource.
#[must_use]
pub fn seats(rules: &ServiceRules, resource: &Resource) -> u32 {
    rules.capacity.min(resource.capacity).max(1)
}

#[cfg(test)]
mod tests;
