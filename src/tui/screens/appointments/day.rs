//! The day's bookings of one counter or official (Tab: the next, then all), and the bookings
//! found by code, phone or name (`/`): check-in, served, no-show, cancel with a reason,
//! reschedule in the calendar, and Enter for the detail with its history. Checking in a visit
//! whose service opens a filing opens the intake for it, the citizen filled in.

use super::book;
use super::book::Goal;
use super::{Mode, reload};
use crate::desk::{BookingEvent, BookingRow, WaitlistRow};
use crate::desk::{DayEntry, DeskError, office_when};
use crate::domain::appointments::BookingAction;
use crate::domain::ids::CitizenId;
use crate::tui::action::{Action, Appt};
use crate::tui::context::{Ctx, Message, MessageKind};
use crate::tui::outcome::Outcome;
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
pub fn refresh(ctx: &mut Ctx, st: &mut super::State) -> Result<(), DeskError> {
    let today = ctx.desk.clock().today();
    if st.day.resources.is_empty() {
        let plan = ctx.desk.appointment_plan()?.plan;
        st.day.resources = plan.resources.iter().map(|r| (r.code.clone(), r.name.clone())).collect();
    }
    let d = &mut st.day;
    let date = *d.date.get_or_insert(today);
    let resource = d.resource.clone();
    let entries = ctx.desk.day_list(date, resource.as_deref())?;
    let d = &mut st.day;
    d.entries = entries;
    d.cursor.clamp(d.entries.len());
    if st.mode == Mode::Find {
        run_find(ctx, st)?;
    }
    if let Some(code) = st.day.detail.as_ref().map(|x| x.booking.code.clone()) {
        let (booking, history) = ctx.desk.booking(&code)?;
        st.day.detail = Some(Detail { booking, history });
    }
    Ok(())
}

pub fn update(ctx: &mut Ctx, st: &mut super::State, action: Action) -> Outcome {
    let d = &mut st.day;
    if d.dialog.is_some() {
        return dialog_step(ctx, st, action);
    }
    if d.searching {
        search_step(ctx, st, action);
        return Outcome::None;
    }
    if d.detail.is_some() {
        match action {
            Action::Back => d.detail = None,
            Action::Appt(a) => return act(ctx, st, a),
            _ => {}
        }
        return Outcome::None;
    }
    let find = st.mode == Mode::Find;
    let (cursor, len) = if find { (&mut d.found_cursor, d.found.len()) } else { (&mut d.cursor, d.entries.len()) };
    if cursor.apply(action, len) {
        return Outcome::None;
    }
    match action {
        Action::Open => open_detail(ctx, st),
        Action::Appt(a) => return act(ctx, st, a),
        Action::NextField if !find => cycle_resource(ctx, st, true),
        Action::PrevField if !find => cycle_resource(ctx, st, false),
        Action::Left if !find => move_day(ctx, st, false),
        Action::Right if !find => move_day(ctx, st, true),
        Action::Back if find => leave_find(ctx, st),
        _ => {}
    }
    Outcome::None
}

/// `/`: the find field, with the focus in it.
pub fn start_find(s: &mut super::State) {
    if s.mode != Mode::Find {
        s.day.return_to = Some(s.mode);
        s.mode = Mode::Find;
    }
    s.day.detail = None;
    s.day.searching = true;
}

fn leave_find(ctx: &mut Ctx, st: &mut super::State) {
    let d = &mut st.day;
    d.searching = false;
    d.query = Input::default();
    d.found.clear();
    let back = d.return_to.take().unwrap_or(Mode::Day);
    super::switch(ctx, st, back);
}

fn search_step(ctx: &mut Ctx, st: &mut super::State, action: Action) {
    let d = &mut st.day;
    match action {
        Action::Back if d.query.value().is_empty() => leave_find(ctx, st),
        Action::Back | Action::Open => d.searching = false,
        Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
            d.searching = false;
            update(ctx, st, action);
        }
        other => {
            if edit(&mut d.query, other) {
                d.found_cursor = Cursor::default();
                if let Err(e) = run_find(ctx, st) {
                    ctx.set_error(&e);
                }
            }
        }
    }
}

/// Bookings by code, phone or the citizen's name, from two letters on.
fn run_find(ctx: &mut Ctx, st: &mut super::State) -> Result<(), DeskError> {
    let q = st.day.query.value().trim().to_owned();
    let Some(actor) = ctx.session.clone() else { return Ok(()) };
    let found = if q.chars().count() < 2 { Vec::new() } else { ctx.desk.find_bookings(&actor, &q)? };
    let d = &mut st.day;
    d.found = found;
    d.found_cursor.clamp(d.found.len());
    Ok(())
}

fn cycle_resource(ctx: &mut Ctx, st: &mut super::State, forward: bool) {
    let d = &mut st.day;
    let mut options: Vec<Option<String>> = d.resources.iter().map(|r| Some(r.0.clone())).collect();
    options.push(None);
    let n = options.len();
    let i = options.iter().position(|o| *o == d.resource).unwrap_or(0);
    let j = if forward { (i + 1) % n } else { (i + n - 1) % n };
    d.resource = options.get(j).cloned().flatten();
    d.cursor = Cursor::default();
    reload(ctx, st);
}

fn move_day(ctx: &mut Ctx, st: &mut super::State, forward: bool) {
    let d = &mut st.day;
    let Some(date) = d.date else { return };
    let next = if forward { date.checked_add_days(Days::new(1)) } else { date.checked_sub_days(Days::new(1)) };
    d.date = next.or(d.date);
    d.cursor = Cursor::default();
    reload(ctx, st);
}

/// The booking the keys act on: the one open, or the highlighted one.
#[must_use]
pub fn selected(st: &super::State) -> Option<BookingRow> {
    let d = &st.day;
    if let Some(x) = &d.detail {
        return Some(x.booking.clone());
    }
    if st.mode == Mode::Find {
        d.found.get(d.found_cursor.selected).cloned()
    } else {
        d.entries.get(d.cursor.selected).map(|e| e.booking.clone())
    }
}

fn open_detail(ctx: &mut Ctx, st: &mut super::State) {
    let Some(b) = selected(st) else { return };
    match ctx.desk.booking(&b.code) {
        Ok((booking, history)) => st.day.detail = Some(Detail { booking, history }),
        Err(e) => ctx.set_error(&e),
    }
}

fn act(ctx: &mut Ctx, st: &mut super::State, key: Appt) -> Outcome {
    let Some(b) = selected(st) else { return Outcome::None };
    let action = match key {
        Appt::CheckIn => BookingAction::CheckIn,
        Appt::Serve => BookingAction::Serve,
        Appt::NoShow => BookingAction::NoShow,
        Appt::Cancel => BookingAction::Cancel,
        Appt::Reschedule => BookingAction::Reschedule,
        Appt::Book | Appt::Day | Appt::Waitlist | Appt::WaitlistAdd => return Outcome::None,
    };
    // Asking a reason or a new time only makes sense when the booking's state allows the action
    // and the permission matrix lets this clerk take it.
    let permitted = ctx.session.as_ref().is_some_and(|me| ctx.desk.may_act_on_booking(me, &b.code, action).is_ok());
    if !permitted {
        ctx.info(MessageKind::Error, "err-forbidden");
        return Outcome::None;
    }
    let allowed = action.next(b.status).is_some();
    match action {
        BookingAction::Cancel | BookingAction::Reschedule if !allowed => {
            ctx.info(MessageKind::Error, "err-booking-state");
        }
        BookingAction::Cancel => {
            let form = Form::new(vec![Field::text("reason", ctx.tr.t("case-reason"), true)]);
            st.day.dialog = Some(Dialog { booking: b, form });
        }
        BookingAction::Reschedule => reschedule(ctx, st, &b),
        other => return run(ctx, st, &b, other, ""),
    }
    Outcome::None
}

fn dialog_step(ctx: &mut Ctx, st: &mut super::State, action: Action) -> Outcome {
    let Some(dialog) = st.day.dialog.as_mut() else { return Outcome::None };
    match action {
        Action::Back => st.day.dialog = None,
        Action::Open | Action::Save => {
            let required = ctx.tr.t("err-required");
            if !dialog.form.check_required(&required) {
                return Outcome::None;
            }
            let (booking, reason) = (dialog.booking.clone(), dialog.form.value("reason"));
            st.day.dialog = None;
            return run(ctx, st, &booking, BookingAction::Cancel, &reason);
        }
        other => {
            if let Some(f) = dialog.form.focused_mut() {
                f.handle(other);
            }
        }
    }
    Outcome::None
}

/// Carries out an action on the booking as the clerk saw it (its version): a colleague's change
/// meanwhile is a conflict, and the view reloads. A check-in may open the intake.
fn run(ctx: &mut Ctx, st: &mut super::State, b: &BookingRow, action: BookingAction, reason: &str) -> Outcome {
    let Some(actor) = ctx.session.clone() else { return Outcome::None };
    match ctx.desk.booking_action(&actor, &b.code, action, Some(b.version), reason) {
        Ok(outcome) => {
            let id = match action {
                BookingAction::CheckIn => "appt-checked-in",
                BookingAction::Serve => "appt-served",
                BookingAction::NoShow => "appt-no-show-done",
                BookingAction::Cancel | BookingAction::Reschedule => "appt-cancelled",
            };
            let text = ctx.tr.ta(id, &[("code", b.code.clone().into()), ("name", b.citizen_name.clone().into())]);
            reload(ctx, st);
            say_done(ctx, text, outcome.offer.as_ref());
            if action == BookingAction::CheckIn {
                return open_filing(ctx, st, &outcome.booking);
            }
        }
        Err(DeskError::Conflict(text)) => {
            reload(ctx, st);
            ctx.message = Some(Message { kind: MessageKind::Error, text });
        }
        Err(e) => ctx.set_error(&e),
    }
    Outcome::None
}

/// A success message, and who the freed time was offered to (with the phone, to call them).
pub fn say_done(ctx: &mut Ctx, text: String, offer: Option<&WaitlistRow>) {
    let text = match offer {
        None => text,
        Some(o) => {
            let when = o.offered_start.map_or_else(String::new, office_when);
            let phone = super::view::phone_text(&o.citizen_phone);
            let args = [("name", o.citizen_name.clone().into()), ("phone", phone.into()), ("when", when.into())];
            format!("{text} {}", ctx.tr.ta("appt-offered", &args))
        }
    };
    ctx.message = Some(Message { kind: MessageKind::Success, text });
}

/// After a check-in: the intake of the filing the visit is for, when the service opens one and
/// the clerk files cases.
fn open_filing(ctx: &mut Ctx, st: &super::State, b: &BookingRow) -> Outcome {
    let opens = st.service(&b.service).is_some_and(|s| s.rules.opens_filing);
    let files = ctx.session.as_ref().is_some_and(|a| crate::domain::lifecycle::may_file(a.role));
    if !opens || !files || b.case_id.is_some() {
        return Outcome::None;
    }
    match ctx.desk.citizen(CitizenId(b.citizen_id)) {
        Ok(citizen) => Outcome::FileForBooking { code: b.code.clone(), service: b.service.clone(), citizen },
        Err(e) => {
            ctx.set_error(&e);
            Outcome::None
        }
    }
}

/// `r`: the booking's service in the calendar, to pick its new time.
fn reschedule(ctx: &mut Ctx, st: &mut super::State, b: &BookingRow) {
    let Some(service) = st.service(&b.service).cloned() else {
        return ctx.info(MessageKind::Error, "err-unknown-service");
    };
    let was = office_when(b.start_at);
    st.day.detail = None;
    st.mode = Mode::Book;
    st.book = book::State {
        goal: Goal::Reschedule { code: b.code.clone(), version: b.version, citizen: b.citizen_name.clone(), was },
        ..book::State::default()
    };
    book::open_calendar(ctx, st, service, None);
}
