//! Everything a key press can mean: a closed set, so every screen handles each one or says it
//! does not.

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

/// The workstation's screens: a closed set. A new screen does not compile until it is wired into
/// navigation, key scopes, update and view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenId {
    Intake,
    Cases,
    Watchdog,
    Appointments,
    Hotline,
    Directory,
    Dashboard,
}

impl ScreenId {
    pub const ALL: [ScreenId; 7] = [
        ScreenId::Intake,
        ScreenId::Cases,
        ScreenId::Watchdog,
        ScreenId::Appointments,
        ScreenId::Hotline,
        ScreenId::Directory,
        ScreenId::Dashboard,
    ];

    /// The translation id of its name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ScreenId::Intake => "screen-intake",
            ScreenId::Cases => "screen-cases",
            ScreenId::Watchdog => "screen-watchdog",
            ScreenId::Appointments => "screen-appointments",
            ScreenId::Hotline => "screen-hotline",
            ScreenId::Directory => "screen-directory",
            ScreenId::Dashboard => "screen-dashboard",
        }
    }

    #[must_use]
    pub fn has_list(self) -> bool {
        match self {
            ScreenId::Cases | ScreenId::Watchdog | ScreenId::Appointments | ScreenId::Directory | ScreenId::Hotline => {
                true
            }
            ScreenId::Intake | ScreenId::Dashboard => false,
        }
    }

    #[must_use]
    pub fn next(self) -> ScreenId {
        let i = ScreenId::ALL.iter().position(|s| *s == self).unwrap_or(0);
        ScreenId::ALL[(i + 1) % ScreenId::ALL.len()]
    }
}
