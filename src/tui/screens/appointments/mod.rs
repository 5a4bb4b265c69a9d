//! Appointments (Alt+4): booking a visit, a counter's or official's day with check-in, finding a
//! booking, and the waiting list. Every action goes through the desk, which checks and audits it.
//!
//! - Book (`n`; the default of counter clerks and the hotline): service → day in the month
//!   calendar → free time → citizen → confirm → the booking code (`book`, `citizen`).
//! - Day (`d`; the default of department officials, on their own counter): the day's bookings
//!   with check-in, served, no-show, cancel and reschedule (`day`); `/` finds a booking.
//! - Waiting list (`l`): who waits for which day, and the times offered to them (`waitlist`).

pub mod book;
pub mod book_state;
pub mod book_view;
pub mod citizen;
pub mod day;
pub mod day_view;
pub mod view;
pub mod waitlist;
use crate::desk::{DeskError, ServiceOffer};
use crate::domain::role::Role;
use crate::tui::action::{Action, Appt};
use crate::tui::context::Ctx;
use crate::tui::outcome::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Book,
    Day,
    Find,
    Waitlist,
}

/// What the keys act on now: the key table's scope within this screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Services,
    Calendar,
    Slots,
    /// A text field or a form has the focus (the citizen search, a new citizen, a reason).
    Form,
    Confirm,
    Done,
    /// A list of bookings (the day's, or those found) or one booking's detail.
    Bookings,
    Waitlist,
}

#[derive(Debug, Default)]
pub struct State {
    /// Set once the mode for the clerk's role was chosen, on the first visit.
    pub started: bool,
    pub mode: Mode,
    /// The services that can be booked, in catalogue order.
    pub services: Vec<ServiceOffer>,
    pub book: book::State,
    pub day: day::State,
    pub waitlist: waitlist::State,
}

impl State {
    /// Whether printable keys go to a field.
    #[must_use]
    pub fn typing(&self) -> bool {
        match self.mode {
            Mode::Book => self.book.typing(),
            Mode::Day | Mode::Find => self.day.typing(),
            Mode::Waitlist => false,
        }
    }

    #[must_use]
    pub fn view(&self) -> View {
        match self.mode {
            Mode::Book => self.book.view(),
            // The cancel dialog: Enter carries it out.
            Mode::Day | Mode::Find if self.day.dialog.is_some() => View::Confirm,
            Mode::Day | Mode::Find if self.day.typing() => View::Form,
            Mode::Day | Mode::Find => View::Bookings,
            Mode::Waitlist => View::Waitlist,
        }
    }

    /// Whether F2 means a new citizen here (the booking asks who the visit is for), not a filing.
    #[must_use]
    pub fn claims_new(&self) -> bool {
        self.mode == Mode::Book && self.book.step == book::Step::Citizen
    }

    /// The service offer of a code.
    #[must_use]
    pub fn service(&self, code: &str) -> Option<&ServiceOffer> {
        self.services.iter().find(|s| s.code == code)
    }
}

/// Loads what the current mode shows; on the first visit, picks the mode for the clerk's role.
pub fn load(ctx: &mut Ctx, st: &mut State) -> Result<(), DeskError> {
    let Some(actor) = ctx.session.clone() else { return Ok(()) };
    st.services = ctx.desk.appointment_services()?;
    if !st.started {
        st.started = true;
        if actor.role == Role::DepartmentOfficial {
            st.mode = Mode::Day;
            st.day.resource = ctx.desk.my_resource(&actor)?;
        }
    }
    match st.mode {
        Mode::Book => book::refresh(ctx, st),
        Mode::Day | Mode::Find => day::refresh(ctx, st),
        Mode::Waitlist => waitlist::refresh(ctx, st),
    }
}

/// Loads, and puts a failure on the message line.
pub fn reload(ctx: &mut Ctx, st: &mut State) {
    if let Err(e) = load(ctx, st) {
        ctx.set_error(&e);
    }
}

pub fn update(ctx: &mut Ctx, st: &mut State, action: Action) -> Outcome {
    let typing = st.typing();
    match action {
        Action::Appt(Appt::Book) if !typing => switch(ctx, st, Mode::Book),
        Action::Appt(Appt::Day) if !typing => switch(ctx, st, Mode::Day),
        Action::Appt(Appt::Waitlist) if !typing => switch(ctx, st, Mode::Waitlist),
        Action::Search if !typing => day::start_find(st),
        _ => match st.mode {
            Mode::Book => book::update(ctx, st, action),
            Mode::Day | Mode::Find => return day::update(ctx, st, action),
            Mode::Waitlist => waitlist::update(ctx, st, action),
        },
    }
    Outcome::None
}

/// Changes the mode. `n` is a new booking: it starts from the service list when pressed while
/// booking, after a booking is done, or after leaving a reschedule or a waiting-list entry; a
/// booking left half-way for a look at the day is kept.
pub fn switch(ctx: &mut Ctx, st: &mut State, mode: Mode) {
    let b = &st.book;
    let fresh = st.mode == Mode::Book || b.step == book::Step::Done || b.goal != book::Goal::Book;
    if mode == Mode::Book && fresh {
        st.book = book::State::default();
    }
    st.day.detail = None;
    st.mode = mode;
    reload(ctx, st);
}
