//! What a screen's `update` asks of the workstation when it is done with a key: what only
//! `App`, which holds every screen, can carry out.

use super::action::{Action, ScreenId};
use crate::desk::{CaseQuery, CitizenRow};

#[derive(Debug, Default)]
pub enum Outcome {
    /// Nothing more: the screen has done all the key meant.
    #[default]
    None,
    /// Switch to a screen and load it (a load failure replaces the message).
    Show(ScreenId),
    /// Handle another action as if its key had been pressed next.
    Then(Action),
    /// The case list for a query (the watchdog's Enter).
    ShowCases(CaseQuery),
    /// The intake of the filing a checked-in booking came for, the citizen filled in.
    FileForBooking { code: String, service: String, citizen: Option<CitizenRow> },
}
