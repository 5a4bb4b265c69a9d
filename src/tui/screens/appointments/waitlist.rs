//! The waiting list: who waits for which service and day, with their phone, and the time a
//! cancellation offered them. Enter on an offer books it for that citizen in one step; Enter on
//! a waiting entry opens the service's calendar with the citizen already chosen.

use super::Mode;
use super::book;
use super::book::{Step, Who};
use crate::desk::WaitlistRow;
use crate::desk::{BookingRequest, CitizenRef, DeskError};
use crate::domain::case::Channel;
use crate::domain::ids::CitizenId;
use crate::tui::action::Action;
use crate::tui::app::{App, Message, MessageKind};
use crate::tui::screens::Cursor;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Default)]
pub struct State {
    pub rows: Vec<WaitlistRow>,
    pub cursor: Cursor,
}

/// # Errors
/// A failing query.
pub fn refresh(app: &mut App) -> Result<(), DeskError> {
    app.appointments.waitlist.rows = app.ctx.desk.waitlist(None)?;
    let w = &mut app.appointments.waitlist;
    w.cursor.clamp(w.rows.len());
    Ok(())
}

pub fn update(app: &mut App, action: Action) {
    let w = &mut app.appointments.waitlist;
    if w.cursor.apply(action, w.rows.len()) {
        return;
    }
    if action == Action::Open {
        let Some(row) = w.rows.get(w.cursor.selected).cloned() else { return };
        match offer(&row) {
            Some((start, resource)) => book_offer(app, &row, start, resource),
            None => pick_time(app, &row),
        }
    }
}

/// The time and counter offered to an entry, if any.
#[must_use]
pub fn offer(row: &WaitlistRow) -> Option<(DateTime<Utc>, String)> {
    let start = DateTime::parse_from_rfc3339(row.offered_start.as_deref()?).ok()?.to_utc();
    Some((start, row.offered_resource.clone()?))
}

/// Books the offered time for the citizen at once (the clerk has them on the phone); the result
/// shows as a booking made on the booking screen.
fn book_offer(app: &mut App, row: &WaitlistRow, start: DateTime<Utc>, resource: String) {
    let Some(actor) = app.ctx.session.clone() else { return };
    let req = BookingRequest {
        service: row.service.clone(),
        start,
        resource: Some(resource),
        citizen: CitizenRef::Existing(CitizenId(row.citizen_id)),
        channel: Channel::Phone,
        note: row.note.clone(),
        portal_id: None,
    };
    match app.ctx.desk.book(&actor, &req) {
        Ok(booked) => {
            let text = app.ctx.tr.ta("appt-booked", &[("code", booked.code.clone().into())]);
            app.appointments.mode = Mode::Book;
            let service = app.appointments.service(&row.service).cloned();
            app.appointments.book =
                book::State { step: Step::Done, service, booked: Some(booked), ..Default::default() };
            app.ctx.message = Some(Message { kind: MessageKind::Success, text });
        }
        Err(DeskError::SlotTaken { at, next }) => {
            pick_time(app, row);
            super::citizen::taken(app, &at, next);
        }
        Err(e) => app.ctx.set_error(&e),
    }
}

/// The service's calendar at the day waited for, the citizen chosen already.
fn pick_time(app: &mut App, row: &WaitlistRow) {
    let Some(service) = app.appointments.service(&row.service).cloned() else {
        return app.ctx.info(MessageKind::Error, "err-unknown-service");
    };
    let citizen = match app.ctx.desk.citizen(CitizenId(row.citizen_id)) {
        Ok(Some(c)) => c,
        Ok(None) => return app.ctx.info(MessageKind::Error, "err-unknown-citizen"),
        Err(e) => return app.ctx.set_error(&e),
    };
    let today = app.ctx.desk.clock().today();
    let day = row.day.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).filter(|d| *d >= today);
    app.appointments.mode = Mode::Book;
    app.appointments.book = book::State { who: Some(Who::Existing(citizen)), ..Default::default() };
    book::open_calendar(app, service, day);
}
