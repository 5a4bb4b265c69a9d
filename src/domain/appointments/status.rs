//! The life of a booking: its states, the actions that move it, and whether the citizen came.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// The life of a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Booked,
    CheckedIn,
    Served,
    NoShow,
    Cancelled,
}

impl BookingStatus {
    pub const ALL: [BookingStatus; 5] = [
        BookingStatus::Booked,
        BookingStatus::CheckedIn,
        BookingStatus::Served,
        BookingStatus::NoShow,
        BookingStatus::Cancelled,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            BookingStatus::Booked => "booked",
            BookingStatus::CheckedIn => "checked_in",
            BookingStatus::Served => "served",
            BookingStatus::NoShow => "no_show",
            BookingStatus::Cancelled => "cancelled",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<BookingStatus> {
        BookingStatus::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// Whether the booking still holds its time (its cells).
    #[must_use]
    pub fn holds_time(self) -> bool {
        !matches!(self, BookingStatus::Cancelled)
    }
}

impl std::fmt::Display for BookingStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a clerk does to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingAction {
    CheckIn,
    Serve,
    NoShow,
    Cancel,
    Reschedule,
}

impl BookingAction {
    /// The row of the permission matrix this action is.
    #[must_use]
    pub fn operation(self) -> crate::domain::permissions::Operation {
        use crate::domain::permissions::Operation;
        match self {
            BookingAction::CheckIn => Operation::CheckIn,
            BookingAction::Serve => Operation::Serve,
            BookingAction::NoShow => Operation::NoShow,
            BookingAction::Cancel => Operation::CancelBooking,
            BookingAction::Reschedule => Operation::MoveBooking,
        }
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            BookingAction::CheckIn => "checkin",
            BookingAction::Serve => "serve",
            BookingAction::NoShow => "noshow",
            BookingAction::Cancel => "cancel",
            BookingAction::Reschedule => "reschedule",
        }
    }

    /// The status an action leads to from `from`; `None` when it is not allowed. A no-show can be
    /// taken back by a late check-in (the citizen came after all).
    #[must_use]
    pub fn next(self, from: BookingStatus) -> Option<BookingStatus> {
        use BookingStatus as S;
        match (self, from) {
            (BookingAction::CheckIn, S::Booked | S::NoShow) => Some(S::CheckedIn),
            (BookingAction::Serve, S::CheckedIn) => Some(S::Served),
            (BookingAction::NoShow, S::Booked) => Some(S::NoShow),
            (BookingAction::Cancel, S::Booked) => Some(S::Cancelled),
            (BookingAction::Reschedule, S::Booked) => Some(S::Booked),
            _ => None,
        }
    }
}

/// How a booking stands on its day, for the day view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Booked, start still ahead.
    Due,
    /// Booked, start passed, not checked in.
    Late,
    CheckedIn,
    Served,
    NoShow,
    Cancelled,
}

#[must_use]
pub fn attendance(status: BookingStatus, start: DateTime<Utc>, now: DateTime<Utc>) -> Attendance {
    match status {
        BookingStatus::Booked if now > start => Attendance::Late,
        BookingStatus::Booked => Attendance::Due,
        BookingStatus::CheckedIn => Attendance::CheckedIn,
        BookingStatus::Served => Attendance::Served,
        BookingStatus::NoShow => Attendance::NoShow,
        BookingStatus::Cancelled => Attendance::Cancelled,
    }
}
