//! Looking at bookings: a counter's or official's day, finding a booking by code, citizen or
//! phone, the waiting list, and the iCalendar export.

use crate::desk::{Actor, Desk, DeskError, audit};
use crate::domain::appointments::{Attendance, BookingStatus, Edge, attendance, local_instant};
use crate::domain::ids::CitizenId;
use crate::domain::permissions::{Operation, Scope};
use crate::domain::phone;
use crate::store::codec::utc_text;
use crate::store::{BookingRow, WaitlistRow};
use chrono::{Days, NaiveDate};
use icalendar::{Component, EventLike};
use serde::Serialize;

/// One line of the day view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayEntry {
    #[serde(flatten)]
    pub booking: BookingRow,
    pub attendance: Attendance,
}

/// The instants a local day at the office runs between (23 or 25 hours on clock-change days).
pub(crate) fn day_range(day: NaiveDate) -> (String, String) {
    let next = day + Days::new(1);
    (utc_text(local_instant(day, 0, Edge::Start)), utc_text(local_instant(next, 0, Edge::Start)))
}

impl Desk {
    /// The bookings of one day, at one resource or all, by start, with who is due, late,
    /// checked in or served.
    ///
    /// # Errors
    /// An unknown resource; a failing query.
    pub fn day_list(&mut self, day: NaiveDate, resource: Option<&str>) -> Result<Vec<DayEntry>, DeskError> {
        let now = self.clock.now();
        let (from, to) = day_range(day);
        let rows = self.store.read(|tx| {
            let rid = match resource {
                Some(code) => Some(tx.load_plan()?.resource_ids.get(code).copied().ok_or_else(|| {
                    DeskError::invalid("resource", format!("no counter or official '{code}'"), "err-unknown-resource")
                })?),
                None => None,
            };
            Ok::<_, DeskError>(tx.bookings_between(&from, &to, rid)?)
        })?;
        rows.into_iter()
            .map(|b| Ok(DayEntry { attendance: attendance(b.status, b.start_at, now), booking: b }))
            .collect()
    }

    /// The resource whose day is this clerk's (an official's e-office hours), if any.
    pub fn my_resource(&mut self, actor: &Actor) -> Result<Option<String>, DeskError> {
        let plan = self.appointment_plan()?.plan;
        Ok(plan.resources.iter().find(|r| r.user.as_deref() == Some(actor.name.as_str())).map(|r| r.code.clone()))
    }

    /// Bookings found by code, phone number, or the citizen's name, birth date or birth-number
    /// fragment (as the citizen search); newest first.
    pub fn find_bookings(&mut self, actor: &Actor, text: &str) -> Result<Vec<BookingRow>, DeskError> {
        actor.may(Operation::FindCitizens, Scope::ANY)?;
        let text = text.trim();
        if let Some(code) = crate::domain::appointments::code::normalize_code(text)
            && let Some(b) = self.store.read(|tx| tx.booking_by_code(&code))?
        {
            return Ok(vec![b]);
        }
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let citizens: Vec<CitizenId> = if digits >= 9
            && let Ok(e164) = phone::normalize(text)
        {
            let found = self.store.read(|tx| tx.citizens_by_phone(&e164))?;
            if found.is_empty() {
                self.search_citizens(actor, text, 20)?.iter().map(|c| c.id).collect()
            } else {
                found.iter().map(|c| c.id).collect()
            }
        } else {
            self.search_citizens(actor, text, 20)?.iter().map(|c| c.id).collect()
        };
        let mut out = Vec::new();
        self.store.read(|tx| {
            for c in citizens.iter().take(20) {
                out.extend(tx.bookings_of_citizen(c.0, 10)?);
            }
            Ok::<_, DeskError>(())
        })?;
        out.sort_by_key(|b| std::cmp::Reverse(b.start_at));
        Ok(out)
    }

    /// Puts a citizen on the waiting list of a service, for one day or any; audited.
    ///
    /// # Errors
    /// No clerk account; an unknown service or citizen; a failing write.
    pub fn waitlist_add(
        &mut self,
        actor: &Actor,
        service: &str,
        day: Option<NaiveDate>,
        citizen: CitizenId,
        note: &str,
    ) -> Result<i64, DeskError> {
        actor.user_id.ok_or_else(|| DeskError::Forbidden("use --as USER".into()))?;
        let now = self.now_str();
        self.store.write(|tx| {
            let service_id = tx.load_plan()?.service_ids.get(service).copied().ok_or_else(|| {
                DeskError::invalid("service", format!("'{service}' cannot be booked"), "err-unknown-service")
            })?;
            actor.may(Operation::WaitlistAdd, super::booking::service_scope(tx, actor, service)?)?;
            if !tx.citizen_exists(citizen)? {
                return Err(DeskError::invalid(
                    "citizen",
                    format!("no citizen with id {citizen}"),
                    "err-unknown-citizen",
                ));
            }
            let day_s = day.map(|d| d.to_string());
            let id = tx.insert_waitlist(service_id, day_s.as_deref(), citizen.0, note.trim(), &now, actor.user_id)?;
            let detail = format!("{service} {} citizen {citizen}", day_s.as_deref().unwrap_or("any day"));
            tx.audit(&audit(actor, &now, "waitlist_add", "appt_waitlist", id.to_string(), detail, ""))?;
            Ok(id)
        })
    }

    /// Takes an entry off the waiting list; audited.
    ///
    /// # Errors
    /// An entry not on the list; a failing write.
    pub fn waitlist_remove(&mut self, actor: &Actor, id: i64, reason: &str) -> Result<(), DeskError> {
        let now = self.now_str();
        self.store.write(|tx| {
            let department = tx.waitlist_department(id)?;
            let own = department.is_some() && department == actor.department_id;
            actor.may(Operation::WaitlistRemove, Scope::department(own))?;
            if !tx.remove_waitlist(id)? {
                return Err(DeskError::NotFound(format!("waiting-list entry {id}")));
            }
            tx.audit(&audit(actor, &now, "waitlist_remove", "appt_waitlist", id.to_string(), String::new(), reason))?;
            Ok(())
        })
    }

    /// The open waiting list, oldest first.
    pub fn waitlist(&mut self, service: Option<&str>) -> Result<Vec<WaitlistRow>, DeskError> {
        Ok(self.store.read(|tx| tx.waitlist(service))?)
    }

    /// One iCalendar file per counter or official (code, text) with the bookings from `from` to
    /// `to` inclusive that still hold their time. Instants are UTC (no VTIMEZONE needed); each
    /// event's UID is stable, so re-importing an export updates instead of duplicating.
    ///
    /// # Errors
    /// A role other than administrator or supervisor; an unknown resource; a failing query.
    pub fn export_ics(
        &mut self,
        actor: &Actor,
        from: NaiveDate,
        to: NaiveDate,
        resource: Option<&str>,
    ) -> Result<Vec<(String, String)>, DeskError> {
        actor.may(Operation::ExportCalendars, Scope::ANY)?;
        let plan = self.appointment_plan()?;
        let (start, _) = day_range(from);
        let (_, end) = day_range(to);
        let stamp = self.clock.now();
        let mut out = Vec::new();
        for r in &plan.plan.resources {
            if resource.is_some_and(|code| code != r.code) {
                continue;
            }
            let rid = plan.resource_ids.get(&r.code).copied();
            let rows = self.store.read(|tx| tx.bookings_between(&start, &end, rid))?;
            let mut cal = icalendar::Calendar::new();
            cal.name(&format!("{} – {}", self.config.office_name, r.name));
            for b in rows.iter().filter(|b| b.status != BookingStatus::Cancelled) {
                let mut ev = icalendar::Event::new();
                ev.uid(&format!("{}@{}", b.code, self.config.designation.to_lowercase()))
                    .timestamp(stamp)
                    .summary(&format!("{} – {}", b.service_name.cs, b.citizen_name))
                    .starts(b.start_at)
                    .ends(b.end_at)
                    .location(&r.name)
                    .description(&format!("{} {}", b.code, b.status));
                if !b.meeting_url.is_empty() {
                    ev.url(&b.meeting_url);
                }
                cal.push(ev.done());
            }
            out.push((r.code.clone(), cal.done().to_string()));
        }
        if out.is_empty() {
            let code = resource.unwrap_or_default();
            return Err(DeskError::invalid(
                "resource",
                format!("no counter or official '{code}'"),
                "err-unknown-resource",
            ));
        }
        let now = self.now_str();
        let detail = format!("{from}..{to}, {} calendars", out.len());
        self.store.write(|tx| {
            tx.audit(&audit(actor, &now, "ics_export", "appointments", String::new(), detail, ""))?;
            Ok::<_, DeskError>(())
        })?;
        Ok(out)
    }
}
