//! The case lifecycle: which action may move a case from which status, which actions the law or
//! practice wants a reason for, and which roles may take them. Pure, so the TUI, the CLI and the
//! tests read the same table.

use super::case::CaseStatus;
use super::permissions::{self, Operation};
use super::role::Role;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a clerk does to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// To a department and/or an official; from `assigned` or `in_progress` it is a reassign.
    Assign,
    Start,
    Suspend,
    Resume,
    Resolve,
    Close,
    Withdraw,
    Forward,
    MarkComplex,
    AddNote,
    Link,
}

impl Action {
    pub const ALL: [Action; 11] = [
        Action::Assign,
        Action::Start,
        Action::Suspend,
        Action::Resume,
        Action::Resolve,
        Action::Close,
        Action::Withdraw,
        Action::Forward,
        Action::MarkComplex,
        Action::AddNote,
        Action::Link,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Assign => "assign",
            Action::Start => "start",
            Action::Suspend => "suspend",
            Action::Resume => "resume",
            Action::Resolve => "resolve",
            Action::Close => "close",
            Action::Withdraw => "withdraw",
            Action::Forward => "forward",
            Action::MarkComplex => "mark_complex",
            Action::AddNote => "note",
            Action::Link => "link",
        }
    }

    /// The words for "a resolved case cannot be …".
    fn participle(self) -> &'static str {
        match self {
            Action::Assign => "assigned",
            Action::Start => "started",
            Action::Suspend => "suspended",
            Action::Resume => "resumed",
            Action::Resolve => "resolved",
            Action::Close => "closed",
            Action::Withdraw => "withdrawn",
            Action::Forward => "forwarded",
            Action::MarkComplex => "marked complex",
            Action::AddNote => "noted",
            Action::Link => "linked",
        }
    }
}

/// Why an action is refused, said so the clerk knows what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LifecycleError {
    Illegal {
        from: CaseStatus,
        action: Action,
    },
    /// The law (or the office's practice) wants a reason, an outcome or an authority named.
    ReasonRequired {
        action: Action,
        why: &'static str,
    },
    AlreadyComplex,
}

fn status_words(s: CaseStatus) -> &'static str {
    match s {
        CaseStatus::Received => "a received",
        CaseStatus::Assigned => "an assigned",
        CaseStatus::InProgress => "an in-progress",
        CaseStatus::Suspended => "a suspended",
        CaseStatus::Resolved => "a resolved",
        CaseStatus::Closed => "a closed",
        CaseStatus::Withdrawn => "a withdrawn",
        CaseStatus::Forwarded => "a forwarded",
    }
}

/// What a clerk can do instead, for the refusal's second half.
fn hint(from: CaseStatus, action: Action) -> &'static str {
    match (from, action) {
        (CaseStatus::Received, Action::Start | Action::Suspend) => "assign it first",
        (CaseStatus::Suspended, _) => "resume it first",
        (CaseStatus::Assigned, Action::Resolve) => "start it first",
        (CaseStatus::Resolved, _) => "it is decided; only closing is left",
        (CaseStatus::Closed | CaseStatus::Withdrawn | CaseStatus::Forwarded, _) => {
            "it is finished; file a new case or add a note"
        }
        (_, Action::Close) => "only a resolved case is closed",
        (_, Action::Forward) => "only a case nobody has started on is forwarded",
        _ => "see the case's status",
    }
}

impl fmt::Display for LifecycleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LifecycleError::Illegal { from, action } => {
                write!(f, "{} case cannot be {}: {}", status_words(*from), action.participle(), hint(*from, *action))
            }
            LifecycleError::ReasonRequired { action, why } => {
                write!(f, "{} needs {why}", action.as_str().replace('_', " "))
            }
            LifecycleError::AlreadyComplex => {
                f.write_str("the case is already marked complex: the 30 extra days (§71(3)) are given once")
            }
        }
    }
}

impl std::error::Error for LifecycleError {}

impl LifecycleError {
    /// The message id in the UI's translations.
    #[must_use]
    pub fn message_id(&self) -> &'static str {
        match self {
            LifecycleError::Illegal { .. } => "err-transition",
            LifecycleError::ReasonRequired { .. } => "err-reason-required",
            LifecycleError::AlreadyComplex => "err-already-complex",
        }
    }
}

/// The status `action` moves a case in `from` to: `Some(status)` for a change, `None` for an
/// action that leaves the status alone (a note, a link, marking complex).
///
/// # Errors
/// The action is illegal in that status.
pub fn transition(from: CaseStatus, action: Action) -> Result<Option<CaseStatus>, LifecycleError> {
    use CaseStatus as S;
    let to = match (action, from) {
        (Action::Assign, S::Received | S::Assigned | S::InProgress) => Some(S::Assigned),
        (Action::Start, S::Assigned) | (Action::Resume, S::Suspended) => Some(S::InProgress),
        (Action::Suspend, S::Assigned | S::InProgress) => Some(S::Suspended),
        (Action::Resolve, S::InProgress) => Some(S::Resolved),
        (Action::Close, S::Resolved) => Some(S::Closed),
        (Action::Withdraw, s) if s.is_open() => Some(S::Withdrawn),
        (Action::Forward, S::Received | S::Assigned) => Some(S::Forwarded),
        (Action::MarkComplex, s) if s.is_open() => None,
        (Action::AddNote | Action::Link, _) => None,
        _ => return Err(LifecycleError::Illegal { from, action }),
    };
    Ok(to)
}

/// Whether the action from `from` is a reassign (a case someone already holds moves on).
#[must_use]
pub fn is_reassign(from: CaseStatus, action: Action) -> bool {
    action == Action::Assign && matches!(from, CaseStatus::Assigned | CaseStatus::InProgress)
}

/// What the action needs written down, if anything: `Some(what)` names it for the refusal.
#[must_use]
pub fn reason_needed(from: CaseStatus, action: Action) -> Option<&'static str> {
    match action {
        Action::Suspend => Some("a reason (what the office waits for, §64 správní řád)"),
        Action::Withdraw => Some("a reason (the citizen's withdrawal, or why the case ends)"),
        Action::Forward => Some("a reason (why it is not our competence, §12 správní řád)"),
        Action::MarkComplex => Some("a reason (why the case is especially complex, §71(3))"),
        Action::Resolve => Some("an outcome (the decision)"),
        Action::Assign if is_reassign(from, action) => Some("a reason (why the case moves)"),
        _ => None,
    }
}

/// Checks the reason: present (non-blank) when the action needs one.
///
/// # Errors
/// A needed reason is blank.
pub fn check_reason(from: CaseStatus, action: Action, reason: &str) -> Result<(), LifecycleError> {
    match reason_needed(from, action) {
        Some(why) if reason.trim().is_empty() => Err(LifecycleError::ReasonRequired { action, why }),
        _ => Ok(()),
    }
}

/// A case is marked complex once only.
///
/// # Errors
/// It already is.
pub fn check_complex(already: bool) -> Result<(), LifecycleError> {
    if already { Err(LifecycleError::AlreadyComplex) } else { Ok(()) }
}

/// Where the case stands relative to the acting user, for the role rules.
pub use super::permissions::Scope;

/// Whether `role` may take `action` on a case in `scope`, as the permission matrix
/// (`domain::permissions`) says: counter clerks and hotline operators file, note and link;
/// department officials work the cases of their own department (and take one for themselves);
/// supervisors and administrators may do everything on any case.
#[must_use]
pub fn may(role: Role, action: Action, scope: Scope) -> bool {
    permissions::may(role, operation(action), scope)
}

/// The row of the permission matrix a lifecycle action is.
#[must_use]
pub fn operation(action: Action) -> Operation {
    match action {
        Action::Assign => Operation::AssignCase,
        Action::Start => Operation::StartCase,
        Action::Suspend => Operation::SuspendCase,
        Action::Resume => Operation::ResumeCase,
        Action::Resolve => Operation::ResolveCase,
        Action::Close => Operation::CloseCase,
        Action::Withdraw => Operation::WithdrawCase,
        Action::Forward => Operation::ForwardCase,
        Action::MarkComplex => Operation::MarkComplex,
        Action::AddNote => Operation::AddNote,
        Action::Link => Operation::LinkCases,
    }
}

/// Who files cases (at the counter, on the phone, or an import).
#[must_use]
pub fn may_file(role: Role) -> bool {
    Operation::FileCase.ever(role)
}

/// Who takes money at the cash desk.
#[must_use]
pub fn may_take_payment(role: Role) -> bool {
    Operation::TakePayment.ever(role)
}

/// Who moves several cases at once.
#[must_use]
pub fn may_bulk_reassign(role: Role) -> bool {
    Operation::BulkReassign.ever(role)
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
