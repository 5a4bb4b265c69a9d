//! The workstation's screens: a closed set. A new screen does not compile until it is wired into
//! navigation, key scopes, update and view.

pub mod appointments;
pub mod cases;
pub mod dashboard;
pub mod directory;
pub mod hotline;
pub mod intake;
pub mod login;
pub mod watchdog;

use super::action::Action;
pub use super::action::ScreenId;

/// A selection in a list of `len` items, moved by the list keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
}

/// Rows one PgUp/PgDn moves.
const PAGE: usize = 10;

impl Cursor {
    /// Applies a movement; says whether the action was one.
    pub fn apply(&mut self, action: Action, len: usize) -> bool {
        let last = len.saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(PAGE),
            Action::PageDown => (self.selected + PAGE).min(last),
            Action::Home => 0,
            Action::End => last,
            _ => return false,
        };
        true
    }

    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }
}

/// Edits a tui-input field with a typing action; says whether it was one.
pub fn edit(input: &mut tui_input::Input, action: Action) -> bool {
    use tui_input::InputRequest;
    let req = match action {
        Action::Char(c) => InputRequest::InsertChar(c),
        Action::Backspace => InputRequest::DeletePrevChar,
        Action::Delete => InputRequest::DeleteNextChar,
        Action::Left => InputRequest::GoToPrevChar,
        Action::Right => InputRequest::GoToNextChar,
        _ => return false,
    };
    input.handle(req);
    true
}
