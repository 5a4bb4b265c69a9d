//! The filing a check-in opens: the intake with the booking's citizen filled in, the life
//! situations narrowed to those of the booking's service, and the case filed linked to the
//! booking (`Desk::file_case_for_booking`, one transaction).

use super::{State, enter_situation_step};
use crate::desk::Directory;
use crate::desk::{CitizenRow, SituationRow};
use crate::tui::app::App;
use crate::tui::screens::ScreenId;

/// A booking the filing belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingLink {
    pub code: String,
    /// The appointment service's code.
    pub service: String,
}

/// Opens the filing a checked-in visit came for. A half-typed filing on the intake gives way: the
/// citizen who came is at the counter now.
pub fn start_for_booking(app: &mut App, code: &str, service: &str, citizen: Option<CitizenRow>) {
    app.intake = State {
        citizen,
        booking: Some(BookingLink { code: code.to_owned(), service: service.to_owned() }),
        ..State::default()
    };
    enter_situation_step(app);
    app.show(ScreenId::Intake);
}

/// The situations to offer: all, or those linked to the booking's service (all again if none is).
#[must_use]
pub fn offered_situations(app: &App, dir: &Directory) -> Vec<SituationRow> {
    let all = dir.data.situations.clone();
    let Some(link) = &app.intake.booking else { return all };
    let service = dir.data.services.iter().find(|s| s.code == link.service).map(|s| s.id);
    let narrowed: Vec<SituationRow> =
        all.iter().filter(|s| service.is_some() && s.service_id == service).cloned().collect();
    if narrowed.is_empty() { all } else { narrowed }
}
