//! The day's bookings of one counter or official (Tab: the next, then all), and the bookings
//! found by code, phone or name (`/`): check-in, served, no-show, cancel with a reason,
//! reschedule in the calendar, and Enter for the detail with its history. Checking in a visit
//! whose service opens a filing opens the intake for it, the citizen filled in.

use super::book;
use super::book::Goal;
use super::{Mode, reload};
use crate::desk::{BookingEvent, BookingRow, WaitlistRow};
use crate::desk::{DayEntry, DeskError, office_when};
use crate::domain::appointments::{BookingAction, BookingStatus};
use crate::domain::ids::CitizenId;
use crate::tui::action::{Action, Appt};
use crate::tui::app::{App, Message, MessageKind};
use crate::tui::screens::{Cursor, edit};
use crate::tui::widgets::form::{Field, Form};
use chrono::{Days, NaiveDate};
use tui_input::Input;

/// One booking opened, with its history.
#[derive(Debug, Clone)]
pub struct Detail {
    pub booking: BookingRow,
    pub history: Vec<BookingEvent>,
}

/// The cancel dialog: the booking as the clerk saw it, and the reason.
#[derive(Debug, Clone)]
pub struct Dialog {
    pub booking: BookingRow,
    pub form: Form,
}

#[derive(Debug, Default)]
pub struct State {
    /// The counters and officials (code, name), in plan order.
    pub resources: Vec<(String, String)>,
    /// The one whose day is shown; `None` shows all.
    pub resource: Option<String>,
    pub date: Option<NaiveDate>,
    pub entries: Vec<DayEntry>,
    pub cursor: Cursor,
    pub query: Input,
    /// The focus is in the find field.
    pub searching: bool,
    pub found: Vec<BookingRow>,
    pub found_cursor: Cursor,
    /// Where Esc leaves the find for.
    pub return_to: Option<Mode>,
    pub detail: Option<Detail>,
    pub dialog: Option<Dialog>,
}

impl State {
    #[must_use]
    pub fn typing(&self) -> bool {
        self.searching || self.dialog.is_some()
    }
}

/// Reloads the day, the bookings found and the booking open.
///
/// # Errors
/// A failing query.
pub fn refresh(app: &mut App) -> Result<(), DeskError> {
    let today = app.ctx.desk.clock().today();
    if app.appointments.day.resources.is_empty() {
        let plan = app.ctx.desk.appointment_plan()?.plan;
        app.appointments.day.resources = plan.resources.iter().map(|r| (r.code.clone(), r.name.clone())).collect();
    }
    let d = &mut app.appointments.day;
    let date = *d.date.get_or_insert(today);
    let resource = d.resource.clone();
    let entries = app.ctx.desk.day_list(date, resource.as_deref())?;
    let d = &mut app.appointments.day;
    d.entries = entries;
    d.cursor.clamp(d.entries.len());
    if app.appointments.mode == Mode::Find {
        run_find(app)?;
    }
    if let Some(code) = app.appointments.day.detail.as_ref().map(|x| x.booking.code.clone()) {
        let (booking, history) = app.ctx.desk.booking(&code)?;
        app.appointments.day.detail = Some(Detail { booking, history });
    }
    Ok(())
}

pub fn update(app: &mut App, action: Action) {
    let d = &mut app.appointments.day;
    if d.dialog.is_some() {
        return dialog_step(app, action);
    }
    if d.searching {
        return search_step(app, action);
    }
    if d.detail.is_some() {
        match action {
            Action::Back => d.detail = None,
            Action::Appt(a) => act(app, a),
            _ => {}
        }
        return;
    }
    let find = app.appointments.mode == Mode::Find;
    let (cursor, len) = if find { (&mut d.found_cursor, d.found.len()) } else { (&mut d.cursor, d.entries.len()) };
    if cursor.apply(action, len) {
        return;
    }
    match action {
        Action::Open => open_detail(app),
        Action::Appt(a) => act(app, a),
        Action::NextField if !find => cycle_resource(app, true),
        Action::PrevField if !find => cycle_resource(app, false),
        Action::Left if !find => move_day(app, false),
        Action::Right if !find => move_day(app, true),
        Action::Back if find => leave_find(app),
        _ => {}
    }
}

/// `/`: the find field, with the focus in it.
pub fn start_find(app: &mut App) {
    let s = &mut app.appointments;
    if s.mode != Mode::Find {
        s.day.return_to = Some(s.mode);
        s.mode = Mode::Find;
    }
    s.day.detail = None;
    s.day.searching = true;
}

fn leave_find(app: &mut App) {
    let d = &mut app.appointments.day;
    d.searching = false;
    d.query = Input::default();
    d.found.clear();
    let back = d.return_to.take().unwrap_or(Mode::Day);
    super::switch(app, back);
}

fn search_step(app: &mut App, action: Action) {
    let d = &mut app.appointments.day;
    match action {
        Action::Back if d.query.value().is_empty() => leave_find(app),
        Action::Back | Action::Open => d.searching = false,
        Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
            d.searching = false;
            update(app, action);
        }
        other => {
            if edit(&mut d.query, other) {
                d.found_cursor = Cursor::default();
                if let Err(e) = run_find(app) {
                    app.ctx.set_error(&e);
                }
            }
        }
    }
}

/// Bookings by code, phone or the citizen's name, from two letters on.
fn run_find(app: &mut App) -> Result<(), DeskError> {
    let q = app.appointments.day.query.value().trim().to_owned();
    let Some(actor) = app.ctx.session.clone() else { return Ok(()) };
    let found = if q.chars().count() < 2 { Vec::new() } else { app.ctx.desk.find_bookings(&actor, &q)? };
    let d = &mut app.appointments.day;
    d.found = found;
    d.found_cursor.clamp(d.found.len());
    Ok(())
}

fn cycle_resource(app: &mut App, forward: bool) {
    let d = &mut app.appointments.day;
    let mut options: Vec<Option<String>> = d.resources.iter().map(|r| Some(r.0.clone())).collect();
    options.push(None);
    let n = options.len();
    let i = options.iter().position(|o| *o == d.resource).unwrap_or(0);
    let j = if forward { (i + 1) % n } else { (i + n - 1) % n };
    d.resource = options.get(j).cloned().flatten();
    d.cursor = Cursor::default();
    reload(app);
}

fn move_day(app: &mut App, forward: bool) {
    let d = &mut app.appointments.day;
    let Some(date) = d.date else { return };
    let next = if forward { date.checked_add_days(Days::new(1)) } else { date.checked_sub_days(Days::new(1)) };
    d.date = next.or(d.date);
    d.cursor = Cursor::default();
    reload(app);
}

/// The booking the keys act on: the one open, or the highlighted one.
#[must_use]
pub fn selected(app: &App) -> Option<BookingRow> {
    let d = &app.appointments.day;
    if let Some(x) = &d.detail {
        return Some(x.booking.clone());
    }
    if app.appointments.mode == Mode::Find {
        d.found.get(d.found_cursor.selected).cloned()
    } else {
        d.entries.get(d.cursor.selected).map(|e| e.booking.clone())
    }
}

fn open_detail(app: &mut App) {
    let Some(b) = selected(app) else { return };
    match app.ctx.desk.booking(&b.code) {
        Ok((booking, history)) => app.appointments.day.detail = Some(Detail { booking, history }),
        Err(e) => app.ctx.set_error(&e),
    }
}

fn act(app: &mut App, key: Appt) {
    let Some(b) = selected(app) else { return };
    let action = match key {
        Appt::CheckIn => BookingAction::CheckIn,
        Appt::Serve => BookingAction::Serve,
        Appt::NoShow => BookingAction::NoShow,
        Appt::Cancel => BookingAction::Cancel,
        Appt::Reschedule => BookingAction::Reschedule,
        Appt::Book | Appt::Day | Appt::Waitlist | Appt::WaitlistAdd => return,
    };
    // Asking a reason or a new time only makes sense when the booking's state allows the action.
    let allowed = BookingStatus::parse(&b.status).and_then(|s| action.next(s)).is_some();
    match action {
        BookingAction::Cancel | BookingAction::Reschedule if !allowed => {
            app.ctx.info(MessageKind::Error, "err-booking-state");
        }
        BookingAction::Cancel => {
            let form = Form::new(vec![Field::text("reason", app.ctx.tr.t("case-reason"), true)]);
            app.appointments.day.dialog = Some(Dialog { booking: b, form });
        }
        BookingAction::Reschedule => reschedule(app, &b),
        other => run(app, &b, other, ""),
    }
}

fn dialog_step(app: &mut App, action: Action) {
    let Some(dialog) = app.appointments.day.dialog.as_mut() else { return };
    match action {
        Action::Back => app.appointments.day.dialog = None,
        Action::Open | Action::Save => {
            let required = app.ctx.tr.t("err-required");
            if !dialog.form.check_required(&required) {
                return;
            }
            let (booking, reason) = (dialog.booking.clone(), dialog.form.value("reason"));
            app.appointments.day.dialog = None;
            run(app, &booking, BookingAction::Cancel, &reason);
        }
        other => {
            if let Some(f) = dialog.form.focused_mut() {
                f.handle(other);
            }
        }
    }
}

/// Carries out an action on the booking as the clerk saw it (its version): a colleague's change
/// meanwhile is a conflict, and the view reloads.
fn run(app: &mut App, b: &BookingRow, action: BookingAction, reason: &str) {
    let Some(actor) = app.ctx.session.clone() else { return };
    match app.ctx.desk.booking_action(&actor, &b.code, action, Some(b.version), reason) {
        Ok(outcome) => {
            let id = match action {
                BookingAction::CheckIn => "appt-checked-in",
                BookingAction::Serve => "appt-served",
                BookingAction::NoShow => "appt-no-show-done",
                BookingAction::Cancel | BookingAction::Reschedule => "appt-cancelled",
            };
            let text = app.ctx.tr.ta(id, &[("code", b.code.clone().into()), ("name", b.citizen_name.clone().into())]);
            reload(app);
            say_done(app, text, outcome.offer.as_ref());
            if action == BookingAction::CheckIn {
                open_filing(app, &outcome.booking);
            }
        }
        Err(DeskError::Conflict(text)) => {
            reload(app);
            app.ctx.message = Some(Message { kind: MessageKind::Error, text });
        }
        Err(e) => app.ctx.set_error(&e),
    }
}

/// A success message, and who the freed time was offered to (with the phone, to call them).
pub fn say_done(app: &mut App, text: String, offer: Option<&WaitlistRow>) {
    let text = match offer {
        None => text,
        Some(o) => {
            let when = o
                .offered_start
                .as_deref()
                .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
                .map_or_else(String::new, |t| office_when(t.to_utc()));
            let phone = super::view::phone_text(&o.citizen_phone);
            let args = [("name", o.citizen_name.clone().into()), ("phone", phone.into()), ("when", when.into())];
            format!("{text} {}", app.ctx.tr.ta("appt-offered", &args))
        }
    };
    app.ctx.message = Some(Message { kind: MessageKind::Success, text });
}

/// After a check-in: the intake of the filing the visit is for, when the service opens one and
/// the clerk files cases.
fn open_filing(app: &mut App, b: &BookingRow) {
    let opens = app.appointments.service(&b.service).is_some_and(|s| s.rules.opens_filing);
    let files = app.ctx.session.as_ref().is_some_and(|a| crate::domain::lifecycle::may_file(a.role));
    if !opens || !files || b.case_id.is_some() {
        return;
    }
    let citizen = match app.ctx.desk.citizen(CitizenId(b.citizen_id)) {
        Ok(c) => c,
        Err(e) => return app.ctx.set_error(&e),
    };
    crate::tui::screens::intake::booking::start_for_booking(app, &b.code, &b.service, citizen);
}

/// `r`: the booking's service in the calendar, to pick its new time.
fn reschedule(app: &mut App, b: &BookingRow) {
    let Some(service) = app.appointments.service(&b.service).cloned() else {
        return app.ctx.info(MessageKind::Error, "err-unknown-service");
    };
    let was = chrono::DateTime::parse_from_rfc3339(&b.start_at)
        .map_or_else(|_| b.start_at.clone(), |t| office_when(t.to_utc()));
    app.appointments.day.detail = None;
    app.appointments.mode = Mode::Book;
    app.appointments.book = book::State {
        goal: Goal::Reschedule { code: b.code.clone(), version: b.version, citizen: b.citizen_name.clone(), was },
        ..book::State::default()
    };
    book::open_calendar(app, service, None);
}
