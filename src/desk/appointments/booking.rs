//! Booking an appointment and what happens to it after: check-in, served, no-show, cancel,
//! reschedule, and the filing a check-in opens.

use super::slots::{next_free, office_iso, pick};
use crate::desk::citizens::{Checked, NewCitizenInput, check, create_in_tx};
use crate::desk::{Actor, Desk, DeskError, FiledCase, NewFiling, audit};
use crate::domain::appointments::{BookingAction, BookingStatus, ResourceKind, Window, free_seat, local_date, seats};
use crate::domain::case::Channel;
use crate::domain::dates::{format_date, format_time};
use crate::domain::ids::CitizenId;
use crate::store::{BookingRow, NewBookingRow, Tx, WaitlistRow};
use chrono::{DateTime, Utc};
use std::collections::HashSet;

/// Who the booking is for: a citizen on file, or a new one created in the same transaction.
// One value per booking request, never stored in bulk: boxing the new citizen would only make
// every caller that builds one (the TUI's booking form, the CLI) write `Box::new`.
#[allow(clippy::large_enum_variant, reason = "one value per request, never kept in bulk (see above)")]
#[derive(Debug, Clone)]
pub enum CitizenRef {
    Existing(CitizenId),
    New(NewCitizenInput),
}

#[derive(Debug, Clone)]
pub struct BookingRequest {
    pub service: String,
    pub start: DateTime<Utc>,
    /// A counter or official; `None` takes the first that is free at `start`.
    pub resource: Option<String>,
    pub citizen: CitizenRef,
    pub channel: Channel,
    pub note: String,
    /// The portal's id of a booking made online: booking it again returns the same booking.
    pub portal_id: Option<String>,
}

/// A booking after an action, and the waiting-list entry its freed time was offered to.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ActionOutcome {
    pub booking: BookingRow,
    pub offer: Option<WaitlistRow>,
}

/// Stored instants: RFC 3339 UTC to the second, so they sort as text.
pub(crate) fn utc_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(crate) fn parse_utc(s: &str) -> Result<DateTime<Utc>, DeskError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| DeskError::Store(crate::store::StoreError::Corrupt(format!("instant '{s}': {e}"))))
}

/// `23. 11. 2026 9:30`.
#[must_use]
pub fn office_when(t: DateTime<Utc>) -> String {
    format!("{} {}", format_date(local_date(t)), format_time(crate::domain::appointments::local_time(t)))
}

fn clerk(actor: &Actor) -> Result<crate::domain::ids::UserId, DeskError> {
    actor.user_id.ok_or_else(|| DeskError::Forbidden("bookings are made by a clerk's account; use --as USER".into()))
}

impl Desk {
    /// Books a slot; audited, with the booking's first history event. A slot somebody else holds
    /// comes back as [`DeskError::SlotTaken`] with the next free slots.
    ///
    /// # Errors
    /// No clerk account; an unknown service, resource or citizen; a time that is not a slot of
    /// the service or outside its booking window; a taken slot; a failing write.
    pub fn book(&mut self, actor: &Actor, req: &BookingRequest) -> Result<BookingRow, DeskError> {
        clerk(actor)?;
        let checked = match &req.citizen {
            CitizenRef::New(input) => Some(check(input)?),
            CitizenRef::Existing(_) => None,
        };
        let (now, now_s) = (self.clock.now(), self.now_str());
        let pattern = self.config.meeting_link.clone();
        let done = self.store.write(|tx| book_in_tx(tx, actor, req, checked.as_ref(), now, &now_s, &pattern));
        match done {
            Err(DeskError::SlotTaken { at, .. }) => {
                let next = self.free_slots(&req.service, req.start, 5, None)?;
                Err(DeskError::SlotTaken { at, next })
            }
            other => other,
        }
    }

    /// A booking by its code, with its history.
    ///
    /// # Errors
    /// An unknown code; a failing query.
    pub fn booking(&mut self, code: &str) -> Result<(BookingRow, Vec<crate::store::BookingEvent>), DeskError> {
        let code = normalized(code)?;
        self.store.read(|tx| {
            let b = tx.booking_by_code(&code)?.ok_or_else(|| DeskError::NotFound(format!("booking {code}")))?;
            let history = tx.booking_history(b.id)?;
            Ok((b, history))
        })
    }

    /// Check-in, served, no-show or cancel. `version` (when given) must be the one the clerk saw:
    /// a colleague's change meanwhile is a conflict. A cancel offers the freed time to the first
    /// citizen on the waiting list.
    ///
    /// # Errors
    /// An unknown code; an action the booking's state does not allow, a check-in on another day,
    /// a no-show before the start; a conflict; a failing write.
    pub fn booking_action(
        &mut self,
        actor: &Actor,
        code: &str,
        action: BookingAction,
        version: Option<i64>,
        reason: &str,
    ) -> Result<ActionOutcome, DeskError> {
        clerk(actor)?;
        let code = normalized(code)?;
        let (now, now_s, today) = (self.clock.now(), self.now_str(), self.clock.today());
        self.store.write(|tx| {
            let b = current(tx, &code, version)?;
            let from = status_of(&b)?;
            let to = action.next(from).ok_or_else(|| {
                DeskError::invalid(
                    "status",
                    format!("booking {code} is {}; cannot {}", b.status, action.as_str()),
                    "err-booking-state",
                )
            })?;
            let start = parse_utc(&b.start_at)?;
            if action == BookingAction::CheckIn && local_date(start) != today {
                let day = format_date(local_date(start));
                return Err(DeskError::invalid(
                    "day",
                    format!("booking {code} is on {day}, not today"),
                    "err-booking-day",
                ));
            }
            if action == BookingAction::NoShow && now < start {
                let when = office_when(start);
                return Err(DeskError::invalid(
                    "time",
                    format!("booking {code} starts at {when}; not late yet"),
                    "err-booking-early",
                ));
            }
            let checked_in = (action == BookingAction::CheckIn).then_some(now_s.as_str());
            if !tx.set_booking_status(b.id, b.version, to.as_str(), checked_in)? {
                return Err(conflict(&code));
            }
            let mut offer = None;
            if !to.holds_time() {
                tx.free_cells(b.id)?;
                offer = offer_freed(tx, &b, start, now)?;
            }
            let detail = offer.as_ref().map(|o| format!("offered to waiting list #{}", o.id)).unwrap_or_default();
            record(tx, actor, &now_s, &b, action.as_str(), (from.as_str(), to.as_str()), &detail, reason)?;
            let booking = tx.booking_by_code(&code)?.ok_or_else(|| DeskError::NotFound(format!("booking {code}")))?;
            Ok(ActionOutcome { booking, offer })
        })
    }

    /// Moves a booking to another slot (of the same service), keeping its code and history; the
    /// old time is offered to the waiting list.
    ///
    /// # Errors
    /// As [`Desk::book`] for the new slot, and as [`Desk::booking_action`] for the booking.
    pub fn reschedule(
        &mut self,
        actor: &Actor,
        code: &str,
        start: DateTime<Utc>,
        resource: Option<&str>,
        version: Option<i64>,
        reason: &str,
    ) -> Result<ActionOutcome, DeskError> {
        clerk(actor)?;
        let code = normalized(code)?;
        let (now, now_s) = (self.clock.now(), self.now_str());
        let done = self.store.write(|tx| {
            let b = current(tx, &code, version)?;
            let from = status_of(&b)?;
            if BookingAction::Reschedule.next(from).is_none() {
                return Err(DeskError::invalid(
                    "status",
                    format!("booking {code} is {}; cannot move it", b.status),
                    "err-booking-state",
                ));
            }
            let old_start = parse_utc(&b.start_at)?;
            tx.free_cells(b.id)?;
            let found = find_seat(tx, &b.service, start, resource, now)?;
            take(tx, &found, b.id, start)?;
            if !tx.move_booking(b.id, b.version, found.resource_id, &utc_text(start), &utc_text(found.end))? {
                return Err(conflict(&code));
            }
            let offer = offer_freed(tx, &b, old_start, now)?;
            let detail = format!("{} {} → {}", b.resource, office_when(old_start), office_when(start));
            record(tx, actor, &now_s, &b, "reschedule", ("booked", "booked"), &detail, reason)?;
            let booking = tx.booking_by_code(&code)?.ok_or_else(|| DeskError::NotFound(format!("booking {code}")))?;
            Ok(ActionOutcome { booking, offer })
        });
        match done {
            Err(DeskError::SlotTaken { at, .. }) => {
                let service = self.booking(&code)?.0.service;
                let next = self.free_slots(&service, start, 5, None)?;
                Err(DeskError::SlotTaken { at, next })
            }
            other => other,
        }
    }

    /// Files the case a checked-in visit came for, linked to the booking, in one transaction.
    ///
    /// # Errors
    /// A booking not checked in; whatever [`Desk::file_case`] refuses.
    pub fn file_case_for_booking(
        &mut self,
        actor: &Actor,
        code: &str,
        filing: &NewFiling,
    ) -> Result<FiledCase, DeskError> {
        let code = normalized(code)?;
        let (now, today) = (self.now_str(), self.clock.today());
        let office = crate::desk::cases::Office::of(&self.config);
        self.store.write(|tx| {
            let b = current(tx, &code, None)?;
            if b.status != BookingStatus::CheckedIn.as_str() {
                return Err(DeskError::invalid(
                    "status",
                    format!("booking {code} is {}, not checked in", b.status),
                    "err-booking-state",
                ));
            }
            let filing = NewFiling { citizen_id: Some(CitizenId(b.citizen_id)), ..filing.clone() };
            let filed = crate::desk::cases::file_in_tx(tx, actor, &filing, &now, today, &office)?;
            tx.link_booking_case(b.id, filed.id.0)?;
            record(tx, actor, &now, &b, "filing", ("checked_in", "checked_in"), &filed.reference_number, "")?;
            Ok(filed)
        })
    }
}

fn normalized(code: &str) -> Result<String, DeskError> {
    crate::domain::appointments::code::normalize_code(code).ok_or_else(|| {
        DeskError::invalid(
            "code",
            format!("'{}' is not a booking code (six letters and digits)", code.trim()),
            "err-booking-code",
        )
    })
}

fn status_of(b: &BookingRow) -> Result<BookingStatus, DeskError> {
    BookingStatus::parse(&b.status)
        .ok_or_else(|| DeskError::Store(crate::store::StoreError::Corrupt(format!("booking {}: status", b.code))))
}

fn conflict(code: &str) -> DeskError {
    DeskError::Conflict(format!("booking {code} was changed by a colleague meanwhile; reload it"))
}

/// The booking now, checked against the version the clerk saw.
fn current(tx: &Tx<'_>, code: &str, version: Option<i64>) -> Result<BookingRow, DeskError> {
    let b = tx.booking_by_code(code)?.ok_or_else(|| DeskError::NotFound(format!("booking {code}")))?;
    match version {
        Some(v) if v != b.version => Err(conflict(code)),
        _ => Ok(b),
    }
}

/// A history event and an audit line for one action on a booking.
#[allow(clippy::too_many_arguments, reason = "the event's columns and its audit line, each named at the call")]
fn record(
    tx: &Tx<'_>,
    actor: &Actor,
    at: &str,
    b: &BookingRow,
    action: &'static str,
    status: (&str, &str),
    detail: &str,
    reason: &str,
) -> Result<(), DeskError> {
    tx.booking_event(b.id, at, actor.user_id, &actor.name, action, (Some(status.0), Some(status.1)), detail, reason)?;
    let line = if detail.is_empty() {
        format!("{} {}→{}", b.code, status.0, status.1)
    } else {
        format!("{} {detail}", b.code)
    };
    tx.audit(&audit(actor, at, booking_audit_name(action), "appointment", b.id.to_string(), line, reason))?;
    Ok(())
}

fn booking_audit_name(action: &str) -> &'static str {
    match action {
        "book" => "appointment_book",
        "checkin" => "appointment_checkin",
        "serve" => "appointment_serve",
        "noshow" => "appointment_noshow",
        "cancel" => "appointment_cancel",
        "reschedule" => "appointment_reschedule",
        _ => "appointment_filing",
    }
}

/// Offers the time a booking gave up (if still ahead) to the first citizen waiting for that
/// service on that day.
fn offer_freed(
    tx: &Tx<'_>,
    b: &BookingRow,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<WaitlistRow>, DeskError> {
    if start <= now {
        return Ok(None);
    }
    let Some(service_id) = tx.service_id(&b.service)? else { return Ok(None) };
    let Some(id) = tx.first_waiting(service_id, &local_date(start).to_string())? else { return Ok(None) };
    tx.offer_waitlist(id, &utc_text(start), b.resource_id)?;
    Ok(tx.waitlist(Some(&b.service))?.into_iter().find(|w| w.id == id))
}

/// Where a slot is free: the resource, the seat and cells to take, and when the visit ends.
struct Found {
    resource_id: i64,
    seat: u32,
    cells: std::ops::Range<i64>,
    end: DateTime<Utc>,
    official: bool,
}

/// Finds a resource with a free seat at `start` (the given one, or the first that serves the
/// service).
fn find_seat(
    tx: &Tx<'_>,
    service: &str,
    start: DateTime<Utc>,
    resource: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Found, DeskError> {
    let sp = tx.load_plan()?;
    let (rules, resources) = pick(&sp.plan, service, resource)?;
    let window = Window::of(rules, now);
    let day = local_date(start);
    let mut exists = false;
    for r in resources {
        let Some(slot) = sp.plan.day_slots(rules, r, day).into_iter().find(|s| s.start == start) else { continue };
        exists = true;
        if !window.admits(&slot) {
            let msg = if slot.start < window.earliest {
                format!(
                    "{} is too soon: {service} is booked at least {} min ahead",
                    office_when(start),
                    rules.min_notice_min
                )
            } else {
                format!(
                    "{} is too far ahead: {service} is booked at most {} days ahead",
                    office_when(start),
                    rules.max_days_ahead
                )
            };
            return Err(DeskError::invalid("at", msg, "err-slot-window"));
        }
        let Some(&resource_id) = sp.resource_ids.get(&r.code) else { continue };
        let cells = slot.cells(rules);
        let held: HashSet<(i64, u32)> = tx.held_cells(resource_id, cells.clone())?.into_iter().collect();
        if let Some(seat) = free_seat(cells.clone(), seats(rules, r), |c, s| held.contains(&(c, s))) {
            return Ok(Found { resource_id, seat, cells, end: slot.end, official: r.kind == ResourceKind::Official });
        }
    }
    if exists {
        return Err(DeskError::SlotTaken { at: office_when(start), next: Vec::new() });
    }
    let hint = next_free(tx, service, start, 3, None, now)?;
    let hint: Vec<String> = hint.iter().map(|s| format!("{} {}", office_iso(s.start), s.resource)).collect();
    Err(DeskError::invalid(
        "at",
        format!("{} is not a slot of {service}; free slots: {}", office_when(start), hint.join(", ")),
        "err-not-a-slot",
    ))
}

/// Takes the found cells for booking `id`. The primary key of the cells is the guarantee: were
/// they taken meanwhile, the insert fails and the slot is reported taken.
fn take(tx: &Tx<'_>, found: &Found, id: i64, start: DateTime<Utc>) -> Result<(), DeskError> {
    match tx.take_cells(found.resource_id, found.cells.clone(), found.seat, id) {
        Ok(()) => Ok(()),
        Err(e) if e.is_primary_key_violation() => {
            Err(DeskError::SlotTaken { at: office_when(start), next: Vec::new() })
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn book_in_tx(
    tx: &Tx<'_>,
    actor: &Actor,
    req: &BookingRequest,
    checked: Option<&Checked>,
    now: DateTime<Utc>,
    now_s: &str,
    meeting_pattern: &str,
) -> Result<BookingRow, DeskError> {
    if let Some(pid) = &req.portal_id
        && let Some(existing) = tx.booking_by_portal_id(pid)?
    {
        return Ok(existing);
    }
    let citizen = match &req.citizen {
        CitizenRef::Existing(id) => {
            if !tx.citizen_exists(*id)? {
                return Err(DeskError::invalid("citizen", format!("no citizen with id {id}"), "err-unknown-citizen"));
            }
            *id
        }
        CitizenRef::New(input) => match checked {
            Some(c) => create_in_tx(tx, actor, input, c, false, now_s)?,
            None => return Err(DeskError::invalid("citizen", "new citizen not checked", "err-unknown-citizen")),
        },
    };
    let found = find_seat(tx, &req.service, req.start, req.resource.as_deref(), now)?;
    let service_id =
        tx.service_id(&req.service)?.ok_or_else(|| DeskError::NotFound(format!("service {}", req.service)))?;
    let (start_s, end_s) = (utc_text(req.start), utc_text(found.end));
    let (id, code) = tx.insert_booking(&NewBookingRow {
        service_id,
        resource_id: found.resource_id,
        citizen_id: citizen,
        start_at: &start_s,
        end_at: &end_s,
        channel: req.channel.as_str(),
        meeting_link_pattern: if found.official { meeting_pattern } else { "" },
        note: req.note.trim(),
        portal_id: req.portal_id.as_deref(),
        created_at: now_s,
        created_by: actor.user_id,
    })?;
    take(tx, &found, id, req.start)?;
    tx.waitlist_booked(service_id, citizen.0, id)?;
    let b = tx.booking_by_code(&code)?.ok_or_else(|| DeskError::NotFound(format!("booking {code}")))?;
    let detail = format!("{} {} {}", b.service, b.resource, office_when(req.start));
    tx.booking_event(id, now_s, actor.user_id, &actor.name, "book", (None, Some("booked")), &detail, "")?;
    tx.audit(&audit(actor, now_s, "appointment_book", "appointment", id.to_string(), format!("{code} {detail}"), ""))?;
    Ok(b)
}
