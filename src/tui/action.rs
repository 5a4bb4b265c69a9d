//! Everything a key press can mean: a closed set, so every screen handles each one or says it
//! does not.

use super::screens::ScreenId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Logout,
    CycleLanguage,
    GoTo(ScreenId),
    NextScreen,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Enter: open the selected item, or confirm.
    Open,
    /// Esc: close, clear, go back.
    Back,
    NextField,
    PrevField,
    /// Typing into the focused field.
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    /// F2: a new filing, a new record.
    New,
    /// Ctrl+S: save the form, carry out the dialog.
    Save,
    /// `a`: the actions a case allows.
    Menu,
    /// `p`: print the receipt.
    Print,
    /// Space: mark a row for a bulk action.
    Mark,
    /// `/`: the focus into the list's search field.
    Search,
    /// A filter of the case list toggled.
    Filter(Filter),
    /// One of the appointment screen's own commands.
    Appt(Appt),
    /// The UI's clock tick: notice other clerks' commits.
    Tick,
}

/// The case list's filters, one key each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Mine, my department, all.
    Scope,
    /// Cycle through the statuses.
    Status,
    Overdue,
    DueSoon,
    /// Newest first or by deadline.
    Sort,
}

/// The appointment screen's commands, one key each (find is `/`, the next counter Tab, the day
/// ←/→, the month PgUp/PgDn: the shared actions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appt {
    /// Book a visit: the service list and the calendar.
    Book,
    /// A counter's or official's day.
    Day,
    /// The waiting list.
    Waitlist,
    /// Put a citizen on the waiting list of the (full) day chosen in the calendar.
    WaitlistAdd,
    CheckIn,
    Serve,
    NoShow,
    /// Cancel (asks a reason).
    Cancel,
    /// Move to another time, picked in the calendar.
    Reschedule,
}
