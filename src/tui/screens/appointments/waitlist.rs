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
use crate::tui::context::{Ctx, Message, MessageKind};
use crate::tui::screens::Cursor;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Default)]
pub struct State {
    pub rows: Vec<WaitlistRow>,
    pub cursor: Cursor,
}

pub fn refresh(ctx: &mut Ctx, st: &mut super::State) -> Result<(), DeskError> {
    st.waitlist.rows = ctx.desk.waitlist(None)?;
    let w = &mut st.waitlist;
    w.cursor.clamp(w.rows.len());
    Ok(())
}

pub fn update(ctx: &mut Ctx, st: &mut super::State, action: Action) {
    let w = &mut st.waitlist;
    if w.cursor.apply(action, w.rows.len()) {
        return;
    }
    if action == Action::Open {
        let Some(row) = w.rows.get(w.cursor.selected).cloned() else { return };
        match offer(&row) {
            Some((start, resource)) => book_offer(ctx, st, &row, start, resource),
            None => pick_time(ctx, st, &row),
        }
    }
}

/// The time and counter offered to an entry, if any.
#[must_use]
pub fn offer(row: &WaitlistRow) -> Option<(DateTime<Utc>, String)> {
    Some((row.offered_start?, row.offered_resource.clone()?))
}

/// Books the offered time for the citizen at once (the clerk has them on the phone); the result
/// shows as a booking made on the booking screen.
fn book_offer(ctx: &mut Ctx, st: &mut super::State, row: &WaitlistRow, start: DateTime<Utc>, resource: String) {
    let Some(actor) = ctx.session.clone() else { return };
    let req = BookingRequest {
        service: row.service.clone(),
        start,
        resource: Some(resource),
        citizen: CitizenRef::Existing(CitizenId(row.citizen_id)),
        channel: Channel::Phone,
        note: row.note.clone(),
        portal_id: None,
    };
    match ctx.desk.book(&actor, &req) {
        Ok(booked) => {
            let text = ctx.tr.ta("appt-booked", &[("code", booked.code.clone().into())]);
            st.mode = Mode::Book;
            let service = st.service(&row.service).cloned();
            st.book = book::State { step: Step::Done, service, booked: Some(booked), ..Default::default() };
            ctx.message = Some(Message { kind: MessageKind::Success, text });
        }
        Err(DeskError::SlotTaken { at, next }) => {
            pick_time(ctx, st, row);
            super::citizen::taken(ctx, st, &at, next);
        }
        Err(e) => ctx.set_error(&e),
    }
}

/// The service's calendar at the day waited for, the citizen chosen already.
fn pick_time(ctx: &mut Ctx, st: &mut super::State, row: &WaitlistRow) {
    let Some(service) = st.service(&row.service).cloned() else {
        return ctx.info(MessageKind::Error, "err-unknown-service");
    };
    let citizen = match ctx.desk.citizen(CitizenId(row.citizen_id)) {
        Ok(Some(c)) => c,
        Ok(None) => return ctx.info(MessageKind::Error, "err-unknown-citizen"),
        Err(e) => return ctx.set_error(&e),
    };
    let today = ctx.desk.clock().today();
    let day = row.day.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).filter(|d| *d >= today);
    st.mode = Mode::Book;
    st.book = book::State { who: Some(Who::Existing(citizen)), ..Default::default() };
    book::open_calendar(ctx, st, service, day);
}
