//! Booking, the first half: the service, then a day in the month calendar (the day of the next
//! free time at first), then one of its free times. The citizen, the confirmation and the result
//! are `appt_citizen`'s. A reschedule and a waiting-list entry pick their day and time here too.

use super::citizen;
use super::{Mode, View};
use crate::desk::{BookingRow, CitizenRow};
use crate::desk::{DayMark, FreeSlot, NewCitizenInput, ServiceOffer};
use crate::domain::appointments::local_date;
use crate::tui::action::{Action, Appt};
use crate::tui::app::{App, MessageKind};
use crate::tui::screens::Cursor;
use crate::tui::widgets::form::Form;
use chrono::{Datelike, Days, Months, NaiveDate};
use tui_input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Step {
    #[default]
    Services,
    Calendar,
    Slots,
    Citizen,
    NewCitizen,
    Confirm,
    Done,
}

/// What the chosen day or time is for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Goal {
    /// A new booking.
    #[default]
    Book,
    /// Moving a booking: its code, the version the clerk saw, and whose and when it was (for the
    /// confirmation).
    Reschedule { code: String, version: i64, citizen: String, was: String },
    /// The chosen (full) day's waiting list.
    Waitlist,
}

/// Who the visit is for.
#[derive(Debug, Clone)]
pub enum Who {
    Existing(CitizenRow),
    /// Created with the booking, in its transaction.
    New(NewCitizenInput),
}

#[derive(Debug, Default)]
pub struct State {
    pub step: Step,
    pub goal: Goal,
    /// The service list's selection.
    pub cursor: Cursor,
    pub service: Option<ServiceOffer>,
    /// The selected day of the calendar.
    pub day: NaiveDate,
    /// The marks of the selected day's month.
    pub marks: Vec<(NaiveDate, DayMark)>,
    /// The free times shown: the selected day's, or the desk's next ones after a taken slot.
    pub slots: Vec<FreeSlot>,
    pub slot_cursor: Cursor,
    /// The slots are the desk's alternatives to a time just taken by someone else.
    pub alternatives: bool,
    pub slot: Option<FreeSlot>,
    pub query: Input,
    pub citizens: Vec<CitizenRow>,
    pub citizen_cursor: Cursor,
    pub who: Option<Who>,
    pub new_citizen: Form,
    pub confirm: Form,
    pub booked: Option<BookingRow>,
}

impl State {
    #[must_use]
    pub fn typing(&self) -> bool {
        matches!(self.step, Step::Citizen | Step::NewCitizen | Step::Confirm)
    }

    #[must_use]
    pub fn view(&self) -> View {
        match self.step {
            Step::Services => View::Services,
            Step::Calendar => View::Calendar,
            Step::Slots => View::Slots,
            Step::Citizen | Step::NewCitizen => View::Form,
            Step::Confirm => View::Confirm,
            Step::Done => View::Done,
        }
    }

    /// The selected day's mark.
    #[must_use]
    pub fn mark(&self) -> Option<&DayMark> {
        self.marks.iter().find(|(d, _)| *d == self.day).map(|(_, m)| m)
    }
}

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

/// After a slot was taken meanwhile: the desk's next free times to choose from instead.
pub fn offer_alternatives(app: &mut App, next: Vec<FreeSlot>) {
    let b = &mut app.appointments.book;
    b.slots = next;
    b.slot_cursor = Cursor::default();
    b.alternatives = true;
    b.step = Step::Slots;
}
