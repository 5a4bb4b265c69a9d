//! The filing a check-in opens: the intake with the booking's citizen filled in, the life
//! situations narrowed to those of the booking's service, and the case filed linked to the
//! booking (`Desk::file_case_for_booking`, one transaction).

use super::{State, enter_situation_step};
use crate::desk::Directory;
use crate::desk::{CitizenRow, SituationRow};
use crate::tui::context::Ctx;

/// A booking the filing belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingLink {
    pub code: String,
    /// The appointment service's code.
    pub service: String,
}

/// Sets the intake to the filing a checked-in visit came for (the App then shows it). A half-typed filing on the intake gives way: the
/// citizen who came is at the counter now.
pub fn start_for_booking(ctx: &mut Ctx, st: &mut State, code: &str, service: &str, citizen: Option<CitizenRow>) {
    *st = State {
        citizen,
        booking: Some(BookingLink { code: code.to_owned(), service: service.to_owned() }),
        ..State::default()
    };
    enter_situation_step(ctx, st);
}

/// The situations to offer: all, or those linked to the booking's service (all again if none is).
#[must_use]
pub fn offered_situations(st: &State, dir: &Directory) -> Vec<SituationRow> {
    let all = dir.data.situations.clone();
    let Some(link) = &st.booking else { return all };
    let service = dir.data.services.iter().find(|s| s.code == link.service).map(|s| s.id);
    let narrowed: Vec<SituationRow> =
        all.iter().filter(|s| service.is_some() && s.service_id == service).cloned().collect();
    if narrowed.is_empty() { all } else { narrowed }
}
