//! Booking, the first half: the service, then a day in the month calendar (the day of the next
//! free time at first), then one of its free times. The citizen, the confirmation and the result
//! are `appt_citizen`'s. A reschedule and a waiting-list entry pick their day and time here too.

pub use super::book_state::{Goal, State, Step, Who};
use super::{Mode, citizen};
use crate::desk::{DayMark, ServiceOffer};
use crate::domain::appointments::local_date;
use crate::tui::action::{Action, Appt};
use crate::tui::app::{App, MessageKind};
use chrono::{Datelike, Days, Months, NaiveDate};

/// Reloads the month and the day shown (after a colleague's booking, a language switch).
///
/// # Errors
/// A failing query.
pub fn refresh(app: &mut App) -> Result<(), crate::desk::DeskError> {
    let b = &app.appointments.book;
    if !matches!(b.step, Step::Calendar | Step::Slots) || b.alternatives {
        return Ok(());
    }
    let Some(code) = b.service.as_ref().map(|s| s.code.clone()) else { return Ok(()) };
    let day = b.day;
    app.appointments.book.marks = app.ctx.desk.month_marks(&code, day.year(), day.month())?;
    load_slots(app, &code, day)
}

pub fn update(app: &mut App, action: Action) {
    match app.appointments.book.step {
        Step::Services => services_step(app, action),
        Step::Calendar => calendar_step(app, action),
        Step::Slots => slots_step(app, action),
        Step::Citizen | Step::NewCitizen | Step::Confirm | Step::Done => citizen::update(app, action),
    }
}

fn services_step(app: &mut App, action: Action) {
    let len = app.appointments.services.len();
    if app.appointments.book.cursor.apply(action, len) {
        return;
    }
    if action == Action::Open {
        let chosen = app.appointments.services.get(app.appointments.book.cursor.selected).cloned();
        if let Some(s) = chosen {
            open_calendar(app, s, None);
        }
    }
}

/// The calendar of a service at `day`, or at the day of its next free time.
pub fn open_calendar(app: &mut App, service: ServiceOffer, day: Option<NaiveDate>) {
    let now = app.ctx.desk.clock().now();
    let first_free = match app.ctx.desk.free_slots(&service.code, now, 1, None) {
        Ok(s) => s.first().map(|s| local_date(s.start)),
        Err(e) => return app.ctx.set_error(&e),
    };
    let code = service.code.clone();
    let b = &mut app.appointments.book;
    b.service = Some(service);
    b.step = Step::Calendar;
    b.alternatives = false;
    b.marks.clear();
    let today = app.ctx.desk.clock().today();
    select_day(app, &code, day.or(first_free).unwrap_or(today));
}

/// Moves the calendar to `day`: its month's marks when the month changed, and its free times.
fn select_day(app: &mut App, code: &str, day: NaiveDate) {
    let b = &mut app.appointments.book;
    let same_month = b.marks.first().is_some_and(|(d, _)| d.year() == day.year() && d.month() == day.month());
    b.day = day;
    if !same_month {
        match app.ctx.desk.month_marks(code, day.year(), day.month()) {
            Ok(m) => app.appointments.book.marks = m,
            Err(e) => return app.ctx.set_error(&e),
        }
    }
    if let Err(e) = load_slots(app, code, day) {
        app.ctx.set_error(&e);
    }
}

fn load_slots(app: &mut App, code: &str, day: NaiveDate) -> Result<(), crate::desk::DeskError> {
    let slots = app.ctx.desk.slots_on(code, day, None)?;
    let b = &mut app.appointments.book;
    // Keep the highlighted time when a reload brings the same day back.
    let keep = b.slots.get(b.slot_cursor.selected).map(|s| (s.start, s.resource.clone()));
    b.slot_cursor.selected =
        keep.and_then(|k| slots.iter().position(|s| (s.start, s.resource.clone()) == k)).unwrap_or(0);
    b.slots = slots;
    Ok(())
}

fn calendar_step(app: &mut App, action: Action) {
    let Some(code) = app.appointments.book.service.as_ref().map(|s| s.code.clone()) else { return };
    let day = app.appointments.book.day;
    let moved = match action {
        Action::Left => day.checked_sub_days(Days::new(1)),
        Action::Right => day.checked_add_days(Days::new(1)),
        Action::Up => day.checked_sub_days(Days::new(7)),
        Action::Down => day.checked_add_days(Days::new(7)),
        Action::PageUp => day.checked_sub_months(Months::new(1)),
        Action::PageDown => day.checked_add_months(Months::new(1)),
        Action::Home => {
            if let Some(s) = app.appointments.book.service.clone() {
                open_calendar(app, s, None);
            }
            return;
        }
        _ => None,
    };
    if let Some(d) = moved {
        return select_day(app, &code, d);
    }
    match action {
        Action::Open | Action::NextField if app.appointments.book.slots.is_empty() => {
            app.ctx.info(MessageKind::Info, "appt-no-times");
        }
        Action::Open | Action::NextField => app.appointments.book.step = Step::Slots,
        Action::Appt(Appt::WaitlistAdd) => waitlist_add(app),
        Action::Back => back_from_calendar(app),
        _ => {}
    }
}

/// Esc from the calendar: to the services, or back to the day's bookings when moving one.
fn back_from_calendar(app: &mut App) {
    let rescheduling = matches!(app.appointments.book.goal, Goal::Reschedule { .. });
    app.appointments.book = State { cursor: app.appointments.book.cursor, ..State::default() };
    if rescheduling {
        super::switch(app, Mode::Day);
    }
}

/// `w` on a full day: who is to wait for it.
fn waitlist_add(app: &mut App) {
    let b = &mut app.appointments.book;
    if !matches!(b.mark(), Some(DayMark::Full)) || matches!(b.goal, Goal::Reschedule { .. }) {
        return app.ctx.info(MessageKind::Error, "appt-waitlist-only-full");
    }
    b.goal = Goal::Waitlist;
    citizen::ask_who(app);
}

fn slots_step(app: &mut App, action: Action) {
    let len = app.appointments.book.slots.len();
    if app.appointments.book.slot_cursor.apply(action, len) {
        return;
    }
    match action {
        Action::Open => {
            let b = &mut app.appointments.book;
            b.slot = b.slots.get(b.slot_cursor.selected).cloned();
            if b.slot.is_some() {
                citizen::ask_who(app);
            }
        }
        Action::Back | Action::NextField | Action::PrevField => {
            app.appointments.book.step = Step::Calendar;
            if app.appointments.book.alternatives {
                app.appointments.book.alternatives = false;
                if let Err(e) = refresh(app) {
                    app.ctx.set_error(&e);
                }
            }
        }
        _ => {}
    }
}
