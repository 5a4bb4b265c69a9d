//! Booking an appointment: the request, the seat found for it and the booking written; what
//! happens to a booking after is `actions`.

use super::slots::{next_free, office_iso, pick};
use crate::desk::citizens::{Checked, NewCitizenInput, check, create_in_tx};
use crate::desk::{Actor, Desk, DeskError, audit};
use crate::domain::appointments::{ResourceKind, Window, free_seat, local_date, seats};
use crate::domain::case::Channel;
use crate::domain::dates::{format_date, format_time};
use crate::domain::ids::CitizenId;
use crate::domain::permissions::{Operation, Scope};
use crate::store::codec::utc_text;
use crate::store::{BookingRow, NewBookingRow, Tx};
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

/// `23. 11. 2026 9:30`.
#[must_use]
pub fn office_when(t: DateTime<Utc>) -> String {
    format!("{} {}", format_date(local_date(t)), format_time(crate::domain::appointments::local_time(t)))
}

/// Where a booking of `service` stands for `actor`: the service is of their department or not.
pub(crate) fn service_scope(tx: &Tx<'_>, actor: &Actor, service: &str) -> Result<Scope, DeskError> {
    let department = tx.service_department(service)?;
    Ok(Scope::department(department.is_some() && department == actor.department_id))
}

pub(super) fn clerk(actor: &Actor) -> Result<crate::domain::ids::UserId, DeskError> {
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
}

pub(super) fn normalized(code: &str) -> Result<String, DeskError> {
    crate::domain::appointments::code::normalize_code(code).ok_or_else(|| {
        DeskError::invalid(
            "code",
            format!("'{}' is not a booking code (six letters and digits)", code.trim()),
            "err-booking-code",
        )
    })
}

pub(super) fn conflict(code: &str) -> DeskError {
    DeskError::Conflict(format!("booking {code} was changed by a colleague meanwhile; reload it"))
}

/// Where a slot is free: the resource, the seat and cells to take, and when the visit ends.
pub(super) struct Found {
    pub(super) resource_id: i64,
    pub(super) seat: u32,
    pub(super) cells: std::ops::Range<i64>,
    pub(super) end: DateTime<Utc>,
    pub(super) official: bool,
}

/// Finds a resource with a free seat at `start` (the given one, or the first that serves the
/// service).
pub(super) fn find_seat(
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
pub(super) fn take(tx: &Tx<'_>, found: &Found, id: i64, start: DateTime<Utc>) -> Result<(), DeskError> {
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
    actor.may(Operation::Book, service_scope(tx, actor, &req.service)?)?;
    if matches!(req.citizen, CitizenRef::New(_)) {
        actor.may(Operation::CreateCitizen, Scope::ANY)?;
    }
    if let Some(pid) = &req.portal_id
        && let Some(existing) = tx.booking_by_portal_id(pid)?
    {
        return Ok(existing);
    }
    let note = crate::desk::error::plain_note("note", &req.note)?;
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
        note,
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
