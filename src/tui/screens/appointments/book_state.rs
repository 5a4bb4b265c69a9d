//! What a booking in progress holds: its step, what it is for, who it is for, and what the
//! clerk chose so far. Both halves of the booking (`book`, `citizen`) work on it.

use super::View;
use crate::desk::{BookingRow, CitizenRow};
use crate::desk::{DayMark, FreeSlot, NewCitizenInput, ServiceOffer};
use crate::tui::screens::Cursor;
use crate::tui::widgets::form::Form;
use chrono::NaiveDate;
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

    /// After a slot was taken meanwhile: the desk's next free times to choose from instead.
    pub fn offer_alternatives(&mut self, next: Vec<FreeSlot>) {
        self.slots = next;
        self.slot_cursor = Cursor::default();
        self.alternatives = true;
        self.step = Step::Slots;
    }
}
