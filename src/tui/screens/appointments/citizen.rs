//! Booking, the second half: who the visit is for (found as you type, or a new citizen created
//! with the booking in one transaction), the confirmation, and the booking code. A time taken
//! meanwhile brings the desk's next free times to choose from; a reschedule and a waiting-list
//! entry are confirmed here too.

use super::book_state::{self, Goal, Step, Who};
use super::{Mode, switch};
use crate::desk::{Actor, BookingRequest, CitizenRef, DeskError, FreeSlot, office_when};
use crate::domain::case::Channel;
use crate::domain::role::Role;
use crate::tui::action::Action;
use crate::tui::context::{Ctx, Message, MessageKind};
use crate::tui::screens::intake::{citizen_input, new_citizen_form};
use crate::tui::screens::{Cursor, edit};
use crate::tui::widgets::form::{Field, Form};

impl Who {
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Who::Existing(c) => format!("{} {}", c.given_name, c.family_name),
            Who::New(i) => format!("{} {}", i.given_name.trim(), i.family_name.trim()),
        }
    }
}

pub fn update(ctx: &mut Ctx, st: &mut super::State, action: Action) {
    match st.book.step {
        Step::Citizen => citizen_step(ctx, st, action),
        Step::NewCitizen => new_citizen_step(ctx, st, action),
        Step::Confirm => confirm_step(ctx, st, action),
        Step::Done if matches!(action, Action::Open | Action::Back) => {
            let cursor = st.book.cursor;
            st.book = book_state::State { cursor, ..Default::default() };
        }
        _ => {}
    }
}

/// After the time (or the full day) is chosen: the citizen, unless known already.
pub fn ask_who(ctx: &mut Ctx, st: &mut super::State) {
    let b = &mut st.book;
    if b.who.is_some() || matches!(b.goal, Goal::Reschedule { .. }) {
        open_confirm(ctx, st);
    } else {
        b.step = Step::Citizen;
    }
}

/// The step before the citizen: the times, or the calendar for the waiting list.
fn before_citizen(goal: &Goal) -> Step {
    if *goal == Goal::Waitlist { Step::Calendar } else { Step::Slots }
}

fn citizen_step(ctx: &mut Ctx, st: &mut super::State, action: Action) {
    let b = &mut st.book;
    if b.citizen_cursor.apply(action, b.citizens.len()) {
        return;
    }
    match action {
        Action::Open => {
            if let Some(c) = b.citizens.get(b.citizen_cursor.selected).cloned() {
                b.who = Some(Who::Existing(c));
                open_confirm(ctx, st);
            } else {
                ctx.info(MessageKind::Info, "appt-citizen-needed");
            }
        }
        Action::New => {
            if b.new_citizen.fields.is_empty() {
                st.book.new_citizen = new_citizen_form(ctx);
            }
            st.book.step = Step::NewCitizen;
        }
        Action::Back => {
            if b.goal == Goal::Waitlist {
                b.goal = Goal::Book;
            }
            b.step = before_citizen(&b.goal);
        }
        other => {
            if edit(&mut b.query, other) {
                search(ctx, st);
            }
        }
    }
}

fn search(ctx: &mut Ctx, st: &mut super::State) {
    let q = st.book.query.value().to_owned();
    st.book.citizen_cursor = Cursor::default();
    if q.trim().chars().count() < 2 {
        st.book.citizens.clear();
        return;
    }
    let Some(actor) = ctx.session.clone() else { return };
    match ctx.desk.search_citizens(&actor, &q, 50) {
        Ok(rows) => st.book.citizens = rows,
        Err(e) => ctx.set_error(&e),
    }
}

fn new_citizen_step(ctx: &mut Ctx, st: &mut super::State, action: Action) {
    let form = &mut st.book.new_citizen;
    match action {
        Action::NextField | Action::Open => form.next(),
        Action::PrevField => form.prev(),
        Action::Save => check_new_citizen(ctx, st),
        Action::Back => st.book.step = Step::Citizen,
        other => {
            if let Some(f) = form.focused_mut() {
                f.handle(other);
            }
        }
    }
}

/// The new citizen checked before the confirmation: wrong fields marked, and a citizen who may
/// already be on file offered in the search instead of a duplicate.
fn check_new_citizen(ctx: &mut Ctx, st: &mut super::State) {
    let required = ctx.tr.t("err-required");
    if !st.book.new_citizen.check_required(&required) {
        return;
    }
    let input = citizen_input(&st.book.new_citizen);
    match ctx.desk.find_duplicates(&input) {
        Ok(found) if !found.is_empty() => {
            let b = &mut st.book;
            b.query = tui_input::Input::new(format!("{} {}", input.family_name, input.given_name));
            b.citizens = found;
            b.citizen_cursor = Cursor::default();
            b.step = Step::Citizen;
            ctx.info(MessageKind::Error, "appt-possible-duplicate");
        }
        Ok(_) => {
            st.book.who = Some(Who::New(input));
            open_confirm(ctx, st);
        }
        Err(e) => form_error(ctx, st, e),
    }
}

/// A refused new citizen: the message beside the field, and on the message line.
fn form_error(ctx: &mut Ctx, st: &mut super::State, e: DeskError) {
    match e {
        DeskError::Invalid { field, message, message_id } => {
            let text = if ctx.tr.t(message_id) == message_id { message } else { ctx.tr.t(message_id) };
            st.book.new_citizen.set_errors(&[(field, text.clone())]);
            st.book.step = Step::NewCitizen;
            ctx.message = Some(Message { kind: MessageKind::Error, text });
        }
        other => ctx.set_error(&other),
    }
}

fn open_confirm(ctx: &mut Ctx, st: &mut super::State) {
    let t = |k: &str| ctx.tr.t(k);
    let form = match st.book.goal {
        Goal::Book => {
            let hotline = ctx.session.as_ref().is_some_and(|a| a.role == Role::HotlineOperator);
            let default = if hotline { Channel::Phone } else { Channel::Counter };
            let channels = [Channel::Counter, Channel::Phone, Channel::Email]
                .map(|c| (c.as_str().to_owned(), t(&format!("channel-{}", c.as_str()))));
            Form::new(vec![
                Field::text("note", t("appt-note"), false),
                Field::choice("channel", t("appt-channel"), channels.to_vec()).with_value(default.as_str()),
            ])
        }
        Goal::Reschedule { .. } => Form::new(vec![Field::text("reason", t("case-reason"), false)]),
        Goal::Waitlist => Form::new(vec![Field::text("note", t("appt-note"), false)]),
    };
    st.book.confirm = form;
    st.book.step = Step::Confirm;
}

fn confirm_step(ctx: &mut Ctx, st: &mut super::State, action: Action) {
    let b = &mut st.book;
    match action {
        Action::Open | Action::Save => carry_out(ctx, st),
        Action::NextField => b.confirm.next(),
        Action::PrevField => b.confirm.prev(),
        Action::Back => {
            let searched = |id| b.citizens.iter().any(|c| c.id == id);
            b.step = match &b.who {
                _ if matches!(b.goal, Goal::Reschedule { .. }) => Step::Slots,
                Some(Who::New(_)) => Step::NewCitizen,
                Some(Who::Existing(c)) if searched(c.id) => Step::Citizen,
                _ => before_citizen(&b.goal),
            };
            if matches!(b.step, Step::Citizen | Step::NewCitizen) {
                b.who = None;
            }
        }
        other => {
            if let Some(f) = b.confirm.focused_mut() {
                f.handle(other);
            }
        }
    }
}

fn carry_out(ctx: &mut Ctx, st: &mut super::State) {
    let Some(actor) = ctx.session.clone() else { return };
    match st.book.goal.clone() {
        Goal::Book => book(ctx, st, &actor),
        Goal::Reschedule { code, version, .. } => reschedule(ctx, st, &actor, &code, version),
        Goal::Waitlist => add_to_waitlist(ctx, st, &actor),
    }
}

fn book(ctx: &mut Ctx, st: &mut super::State, actor: &Actor) {
    let b = &st.book;
    let (Some(service), Some(slot), Some(who)) = (&b.service, &b.slot, &b.who) else { return };
    let req = BookingRequest {
        service: service.code.clone(),
        start: slot.start,
        resource: Some(slot.resource.clone()),
        citizen: match who {
            Who::Existing(c) => CitizenRef::Existing(c.id),
            Who::New(input) => CitizenRef::New(input.clone()),
        },
        channel: Channel::parse(&b.confirm.value("channel")).unwrap_or(Channel::Counter),
        note: b.confirm.value("note"),
        portal_id: None,
    };
    match ctx.desk.book(actor, &req) {
        Ok(row) => {
            let text = ctx.tr.ta("appt-booked", &[("code", row.code.clone().into())]);
            st.book.booked = Some(row);
            st.book.step = Step::Done;
            ctx.message = Some(Message { kind: MessageKind::Success, text });
        }
        Err(DeskError::SlotTaken { at, next }) => taken(ctx, st, &at, next),
        Err(e @ DeskError::Invalid { .. }) if matches!(who, Who::New(_)) => form_error(ctx, st, e),
        Err(e) => ctx.set_error(&e),
    }
}

/// Somebody else took the time meanwhile: say so, and offer the next free ones.
pub fn taken(ctx: &mut Ctx, st: &mut super::State, at: &str, next: Vec<FreeSlot>) {
    let id = if next.is_empty() { "appt-slot-taken-none" } else { "appt-slot-taken" };
    let text = ctx.tr.ta(id, &[("at", at.to_owned().into())]);
    st.book.offer_alternatives(next);
    ctx.message = Some(Message { kind: MessageKind::Error, text });
}

fn reschedule(ctx: &mut Ctx, st: &mut super::State, actor: &Actor, code: &str, version: i64) {
    let b = &st.book;
    let Some(slot) = b.slot.clone() else { return };
    let reason = b.confirm.value("reason");
    match ctx.desk.reschedule(actor, code, slot.start, Some(&slot.resource), Some(version), &reason) {
        Ok(outcome) => {
            st.book = book_state::State::default();
            switch(ctx, st, Mode::Day);
            let when = office_when(slot.start);
            let text = ctx.tr.ta("appt-rescheduled", &[("code", code.to_owned().into()), ("when", when.into())]);
            super::day::say_done(ctx, text, outcome.offer.as_ref());
        }
        Err(DeskError::SlotTaken { at, next }) => taken(ctx, st, &at, next),
        Err(DeskError::Conflict(text)) => {
            st.book = book_state::State::default();
            switch(ctx, st, Mode::Day);
            ctx.message = Some(Message { kind: MessageKind::Error, text });
        }
        Err(e) => ctx.set_error(&e),
    }
}

fn add_to_waitlist(ctx: &mut Ctx, st: &mut super::State, actor: &Actor) {
    let b = &st.book;
    let (Some(service), Some(who)) = (b.service.clone(), b.who.clone()) else { return };
    let (day, note) = (b.day, b.confirm.value("note"));
    let citizen = match &who {
        Who::Existing(c) => c.id,
        Who::New(input) => match ctx.desk.create_citizen(actor, input, false) {
            Ok(id) => {
                // Created: a retry after a refused entry must not create them again.
                if let Ok(Some(row)) = ctx.desk.citizen(id) {
                    st.book.who = Some(Who::Existing(row));
                }
                id
            }
            Err(e) => return form_error(ctx, st, e),
        },
    };
    match ctx.desk.waitlist_add(actor, &service.code, Some(day), citizen, &note) {
        Ok(_) => {
            let date = crate::domain::dates::format_date(day);
            let text = ctx.tr.ta("appt-waitlisted", &[("name", who.name().into()), ("day", date.into())]);
            let b = &mut st.book;
            b.goal = Goal::Book;
            b.who = None;
            b.step = Step::Calendar;
            ctx.message = Some(Message { kind: MessageKind::Success, text });
        }
        Err(e) => ctx.set_error(&e),
    }
}
