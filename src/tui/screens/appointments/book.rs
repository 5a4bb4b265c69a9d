//! Booking, the first half: the service, then a day in the month calendar (the day of the next
//! free time at first), then one of its free times. The citizen, the confirmation and the result
//! are `citizen`'s. A reschedule and a waiting-list entry pick their day and time here too.

pub use super::book_state::{Goal, State, Step, Who};
use super::{Mode, citizen};
use crate::desk::{DayMark, ServiceOffer};
use crate::domain::appointments::local_date;
use crate::tui::action::{Action, Appt};
use crate::tui::context::{Ctx, MessageKind};
use chrono::{Datelike, Days, Months, NaiveDate};

/// Reloads the month and the day shown (after a colleague's booking, a language switch).
pub fn refresh(ctx: &mut Ctx, st: &mut super::State) -> Result<(), crate::desk::DeskError> {
    let b = &st.book;
    if !matches!(b.step, Step::Calendar | Step::Slots) || b.alternatives {
        return Ok(());
    }
    let Some(code) = b.service.as_ref().map(|s| s.code.clone()) else { return Ok(()) };
    let day = b.day;
    st.book.marks = ctx.desk.month_marks(&code, day.year(), day.month())?;
    load_slots(ctx, st, &code, day)
}

pub fn update(ctx: &mut Ctx, st: &mut super::State, action: Action) {
    match st.book.step {
        Step::Services => services_step(ctx, st, action),
        Step::Calendar => calendar_step(ctx, st, action),
        Step::Slots => slots_step(ctx, st, action),
        Step::Citizen | Step::NewCitizen | Step::Confirm | Step::Done => citizen::update(ctx, st, action),
    }
}

fn services_step(ctx: &mut Ctx, st: &mut super::State, action: Action) {
    let len = st.services.len();
    if st.book.cursor.apply(action, len) {
        return;
    }
    if action == Action::Open {
        let chosen = st.services.get(st.book.cursor.selected).cloned();
        if let Some(s) = chosen {
            open_calendar(ctx, st, s, None);
        }
    }
}

/// The calendar of a service at `day`, or at the day of its next free time.
pub fn open_calendar(ctx: &mut Ctx, st: &mut super::State, service: ServiceOffer, day: Option<NaiveDate>) {
    let now = ctx.desk.clock().now();
    let first_free = match ctx.desk.free_slots(&service.code, now, 1, None) {
        Ok(s) => s.first().map(|s| local_date(s.start)),
        Err(e) => return ctx.set_error(&e),
    };
    let code = service.code.clone();
    let b = &mut st.book;
    b.service = Some(service);
    b.step = Step::Calendar;
    b.alternatives = false;
    b.marks.clear();
    let today = ctx.desk.clock().today();
    select_day(ctx, st, &code, day.or(first_free).unwrap_or(today));
}

/// Moves the calendar to `day`: its month's marks when the month changed, and its free times.
fn select_day(ctx: &mut Ctx, st: &mut super::State, code: &str, day: NaiveDate) {
    let b = &mut st.book;
    let same_month = b.marks.first().is_some_and(|(d, _)| d.year() == day.year() && d.month() == day.month());
    b.day = day;
    if !same_month {
        match ctx.desk.month_marks(code, day.year(), day.month()) {
            Ok(m) => st.book.marks = m,
            Err(e) => return ctx.set_error(&e),
        }
    }
    if let Err(e) = load_slots(ctx, st, code, day) {
        ctx.set_error(&e);
    }
}

fn load_slots(ctx: &mut Ctx, st: &mut super::State, code: &str, day: NaiveDate) -> Result<(), crate::desk::DeskError> {
    let slots = ctx.desk.slots_on(code, day, None)?;
    let b = &mut st.book;
    // Keep the highlighted time when a reload brings the same day back.
    let keep = b.slots.get(b.slot_cursor.selected).map(|s| (s.start, s.resource.clone()));
    b.slot_cursor.selected =
        keep.and_then(|k| slots.iter().position(|s| (s.start, s.resource.clone()) == k)).unwrap_or(0);
    b.slots = slots;
    Ok(())
}

fn calendar_step(ctx: &mut Ctx, st: &mut super::State, action: Action) {
    let Some(code) = st.book.service.as_ref().map(|s| s.code.clone()) else { return };
    let day = st.book.day;
    let moved = match action {
        Action::Left => day.checked_sub_days(Days::new(1)),
        Action::Right => day.checked_add_days(Days::new(1)),
        Action::Up => day.checked_sub_days(Days::new(7)),
        Action::Down => day.checked_add_days(Days::new(7)),
        Action::PageUp => day.checked_sub_months(Months::new(1)),
        Action::PageDown => day.checked_add_months(Months::new(1)),
        Action::Home => {
            if let Some(s) = st.book.service.clone() {
                open_calendar(ctx, st, s, None);
            }
            return;
        }
        _ => None,
    };
    if let Some(d) = moved {
        return select_day(ctx, st, &code, d);
    }
    match action {
        Action::Open | Action::NextField if st.book.slots.is_empty() => {
            ctx.info(MessageKind::Info, "appt-no-times");
        }
        Action::Open | Action::NextField => st.book.step = Step::Slots,
        Action::Appt(Appt::WaitlistAdd) => waitlist_add(ctx, st),
        Action::Back => back_from_calendar(ctx, st),
        _ => {}
    }
}

/// Esc from the calendar: to the services, or back to the day's bookings when moving one.
fn back_from_calendar(ctx: &mut Ctx, st: &mut super::State) {
    let rescheduling = matches!(st.book.goal, Goal::Reschedule { .. });
    st.book = State { cursor: st.book.cursor, ..State::default() };
    if rescheduling {
        super::switch(ctx, st, Mode::Day);
    }
}

/// `w` on a full day: who is to wait for it.
fn waitlist_add(ctx: &mut Ctx, st: &mut super::State) {
    let b = &mut st.book;
    if !matches!(b.mark(), Some(DayMark::Full)) || matches!(b.goal, Goal::Reschedule { .. }) {
        return ctx.info(MessageKind::Error, "appt-waitlist-only-full");
    }
    b.goal = Goal::Waitlist;
    citizen::ask_who(ctx, st);
}

fn slots_step(ctx: &mut Ctx, st: &mut super::State, action: Action) {
    let len = st.book.slots.len();
    if st.book.slot_cursor.apply(action, len) {
        return;
    }
    match action {
        Action::Open => {
            let b = &mut st.book;
            b.slot = b.slots.get(b.slot_cursor.selected).cloned();
            if b.slot.is_some() {
                citizen::ask_who(ctx, st);
            }
        }
        Action::Back | Action::NextField | Action::PrevField => {
            st.book.step = Step::Calendar;
            if st.book.alternatives {
                st.book.alternatives = false;
                if let Err(e) = refresh(ctx, st) {
                    ctx.set_error(&e);
                }
            }
        }
        _ => {}
    }
}
