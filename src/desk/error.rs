//! Why an operation was refused, in words a clerk or administrator can act on.

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// Bad input: which field, what is wrong, and the translation id for the TUI.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String, message_id: &'static str },
    #[error("not found: {0}")]
    NotFound(String),
    #[error("wrong user name or password")]
    BadLogin,
    /// Failed logins for this name or on this terminal: the next attempt is refused unchecked
    /// until the delay has passed.
    #[error("too many failed logins: wait {seconds} s and try again")]
    LoginWait { seconds: u64 },
    /// Too many failed logins in a row for this name: an administrator lifts it (`user unlock`).
    #[error("too many failed logins: this user name is locked until an administrator unlocks it")]
    LockedOut,
    #[error("account '{0}' is disabled")]
    Disabled(String),
    #[error("{0}")]
    Conflict(String),
    /// The receipt could not be printed or rendered (no printer configured, the printer failed).
    #[error(transparent)]
    Receipt(#[from] crate::receipt::ReceiptError),
    /// A file the command reads or writes failed (its path and why).
    #[error("{0}")]
    Io(String),
    /// Somebody else holds the slot (or took it a moment ago): the next free ones instead.
    #[error("slot taken: {at} was just booked by someone else; next free: {}", next_text(.next))]
    SlotTaken { at: String, next: Vec<super::appointments::slots::FreeSlot> },
}

fn next_text(next: &[super::appointments::slots::FreeSlot]) -> String {
    if next.is_empty() {
        return "none in the booking window".to_owned();
    }
    let items: Vec<String> =
        next.iter().map(|s| format!("{} {}", super::appointments::slots::office_iso(s.start), s.resource)).collect();
    items.join(", ")
}

impl DeskError {
    pub(crate) fn invalid(field: &str, message: impl Into<String>, message_id: &'static str) -> DeskError {
        DeskError::Invalid { field: field.to_owned(), message: message.into(), message_id }
    }
}

/// A one-line value checked by [`crate::domain::plain::line`]: trimmed, or refused naming `field`.
pub(crate) fn plain_line<'a>(field: &str, raw: &'a str) -> Result<&'a str, DeskError> {
    crate::domain::plain::line(raw).map_err(|e| DeskError::invalid(field, e.to_string(), "err-field-control"))
}

/// A note checked by [`crate::domain::plain::note`]: trimmed, inner whitespace kept, or refused
/// naming `field`.
pub(crate) fn plain_note<'a>(field: &str, raw: &'a str) -> Result<&'a str, DeskError> {
    crate::domain::plain::note(raw).map_err(|e| DeskError::invalid(field, e.to_string(), "err-field-control"))
}
