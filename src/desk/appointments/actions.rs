//! What happens to a booking after it is made: check-in, served, no-show, cancel, reschedule, and
//! the filing a check-in opens; each with a history event and an audit line.

use super::booking::{clerk, conflict, find_seat, normalized, office_when, service_scope, take};
use crate::desk::{Actor, Desk, DeskError, FiledCase, NewFiling, audit};
use crate::domain::appointments::{BookingAction, BookingStatus, local_date};
use crate::domain::dates::format_date;
use crate::domain::ids::CitizenId;
use crate::store::codec::utc_text;
use crate::store::{BookingRow, Tx, WaitlistRow};
use chrono::{DateTime, Utc};

/// A booking after an action, and the waiting-list entry its freed time was offered to.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ActionOutcome {
    pub booking: BookingRow,
    pub offer: Option<WaitlistRow>,
}

impl Desk {
    /// Whether `actor` may take `action` on the booking `code`: the same question
    /// [`Desk::booking_action`] and [`Desk::reschedule`] ask, for a screen that wants to know
    /// before it asks the clerk for a reason.
    ///
    /// # Errors
    /// `Forbidden` as the matrix says; an unknown code.
    pub fn may_act_on_booking(&mut self, actor: &Actor, code: &str, action: BookingAction) -> Result<(), DeskError> {
        let code = normalized(code)?;
        self.store.read(|tx| {
            let b = current(tx, &code, None)?;
            actor.may(action.operation(), service_scope(tx, actor, &b.service)?)
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
            actor.may(action.operation(), service_scope(tx, actor, &b.service)?)?;
            let from = b.status;
            let to = action.next(from).ok_or_else(|| {
                DeskError::invalid(
                    "status",
                    format!("booking {code} is {}; cannot {}", b.status, action.as_str()),
                    "err-booking-state",
                )
            })?;
            let start = b.start_at;
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
            actor.may(BookingAction::Reschedule.operation(), service_scope(tx, actor, &b.service)?)?;
            let from = b.status;
            if BookingAction::Reschedule.next(from).is_none() {
                return Err(DeskError::invalid(
                    "status",
                    format!("booking {code} is {}; cannot move it", b.status),
                    "err-booking-state",
                ));
            }
            let old_start = b.start_at;
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
            if b.status != BookingStatus::CheckedIn {
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
    // Inside the action's transaction: a refused reason undoes the action with it.
    let reason = crate::desk::error::plain_note("reason", reason)?;
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
