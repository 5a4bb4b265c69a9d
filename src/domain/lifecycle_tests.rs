#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

use super::*;
use CaseStatus as S;
use rstest::rstest;

/// Every legal (status, action) pair and where it leads; anything else is refused.
const LEGAL: &[(CaseStatus, Action, Option<CaseStatus>)] = &[
    (S::Received, Action::Assign, Some(S::Assigned)),
    (S::Assigned, Action::Assign, Some(S::Assigned)),
    (S::InProgress, Action::Assign, Some(S::Assigned)),
    (S::Assigned, Action::Start, Some(S::InProgress)),
    (S::Assigned, Action::Suspend, Some(S::Suspended)),
    (S::InProgress, Action::Suspend, Some(S::Suspended)),
    (S::Suspended, Action::Resume, Some(S::InProgress)),
    (S::InProgress, Action::Resolve, Some(S::Resolved)),
    (S::Resolved, Action::Close, Some(S::Closed)),
    (S::Received, Action::Withdraw, Some(S::Withdrawn)),
    (S::Assigned, Action::Withdraw, Some(S::Withdrawn)),
    (S::InProgress, Action::Withdraw, Some(S::Withdrawn)),
    (S::Suspended, Action::Withdraw, Some(S::Withdrawn)),
    (S::Received, Action::Forward, Some(S::Forwarded)),
    (S::Assigned, Action::Forward, Some(S::Forwarded)),
    (S::Received, Action::MarkComplex, None),
    (S::Assigned, Action::MarkComplex, None),
    (S::InProgress, Action::MarkComplex, None),
    (S::Suspended, Action::MarkComplex, None),
];

#[rstest]
fn every_status_and_action(
    #[values(
        S::Received,
        S::Assigned,
        S::InProgress,
        S::Suspended,
        S::Resolved,
        S::Closed,
        S::Withdrawn,
        S::Forwarded
    )]
    from: CaseStatus,
    #[values(
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
        Action::Link
    )]
    action: Action,
) {
    let got = transition(from, action);
    if matches!(action, Action::AddNote | Action::Link) {
        assert_eq!(got, Ok(None), "{from:?} {action:?}");
        return;
    }
    if let Some((_, _, to)) = LEGAL.iter().find(|(f, a, _)| *f == from && *a == action) {
        assert_eq!(got, Ok(*to), "{from:?} {action:?}");
    } else {
        let err = got.expect_err("refused");
        assert_eq!(err, LifecycleError::Illegal { from, action });
        assert_eq!(err.message_id(), "err-transition");
        assert!(err.to_string().contains(" case cannot be "), "{err}");
    }
}

#[test]
fn refusals_say_why_in_words() {
    let e = transition(S::Resolved, Action::Suspend).unwrap_err();
    assert_eq!(e.to_string(), "a resolved case cannot be suspended: it is decided; only closing is left");
    let e = transition(S::Received, Action::Start).unwrap_err();
    assert_eq!(e.to_string(), "a received case cannot be started: assign it first");
    let e = transition(S::Closed, Action::Withdraw).unwrap_err();
    assert!(e.to_string().starts_with("a closed case cannot be withdrawn"), "{e}");
}

#[rstest]
#[case(S::Assigned, Action::Suspend, true)]
#[case(S::Received, Action::Withdraw, true)]
#[case(S::Received, Action::Forward, true)]
#[case(S::Received, Action::MarkComplex, true)]
#[case(S::InProgress, Action::Resolve, true)]
#[case(S::Assigned, Action::Assign, true)]
#[case(S::InProgress, Action::Assign, true)]
#[case(S::Received, Action::Assign, false)]
#[case(S::Assigned, Action::Start, false)]
#[case(S::Suspended, Action::Resume, false)]
#[case(S::Resolved, Action::Close, false)]
#[case(S::Closed, Action::AddNote, false)]
#[case(S::Closed, Action::Link, false)]
fn reasons_where_the_law_wants_them(#[case] from: CaseStatus, #[case] action: Action, #[case] needed: bool) {
    assert_eq!(reason_needed(from, action).is_some(), needed);
    let blank = check_reason(from, action, "  ");
    assert_eq!(blank.is_err(), needed);
    if let Err(e) = blank {
        assert_eq!(e.message_id(), "err-reason-required");
    }
    assert_eq!(check_reason(from, action, "čekáme na posudek"), Ok(()));
}

#[test]
fn complex_only_once() {
    assert_eq!(check_complex(false), Ok(()));
    assert_eq!(check_complex(true), Err(LifecycleError::AlreadyComplex));
}

const OWN: Scope = Scope { own_department: true, to_self: false };
const OWN_SELF: Scope = Scope { own_department: true, to_self: true };
const OTHER: Scope = Scope { own_department: false, to_self: false };

#[rstest]
#[case(Role::CounterClerk, Action::AddNote, OTHER, true)]
#[case(Role::CounterClerk, Action::Link, OTHER, true)]
#[case(Role::CounterClerk, Action::Start, OWN, false)]
#[case(Role::CounterClerk, Action::Assign, OWN_SELF, false)]
#[case(Role::HotlineOperator, Action::AddNote, OTHER, true)]
#[case(Role::HotlineOperator, Action::Withdraw, OWN, false)]
#[case(Role::DepartmentOfficial, Action::Start, OWN, true)]
#[case(Role::DepartmentOfficial, Action::Start, OTHER, false)]
#[case(Role::DepartmentOfficial, Action::Suspend, OWN, true)]
#[case(Role::DepartmentOfficial, Action::Resume, OWN, true)]
#[case(Role::DepartmentOfficial, Action::Resolve, OWN, true)]
#[case(Role::DepartmentOfficial, Action::Close, OWN, true)]
#[case(Role::DepartmentOfficial, Action::MarkComplex, OWN, true)]
#[case(Role::DepartmentOfficial, Action::Withdraw, OWN, true)]
#[case(Role::DepartmentOfficial, Action::Withdraw, OTHER, false)]
#[case(Role::DepartmentOfficial, Action::Forward, OWN, false)]
#[case(Role::DepartmentOfficial, Action::Assign, OWN_SELF, true)]
#[case(Role::DepartmentOfficial, Action::Assign, OWN, false)]
#[case(Role::DepartmentOfficial, Action::AddNote, OTHER, true)]
#[case(Role::Supervisor, Action::Assign, OTHER, true)]
#[case(Role::Supervisor, Action::Forward, OTHER, true)]
#[case(Role::Administrator, Action::Resolve, OTHER, true)]
fn who_may_do_what(#[case] role: Role, #[case] action: Action, #[case] scope: Scope, #[case] allowed: bool) {
    assert_eq!(may(role, action, scope), allowed);
}

#[test]
fn filing_paying_and_bulk() {
    assert!(may_file(Role::CounterClerk) && may_file(Role::HotlineOperator) && may_file(Role::Supervisor));
    assert!(!may_file(Role::DepartmentOfficial));
    assert!(may_take_payment(Role::CounterClerk) && !may_take_payment(Role::HotlineOperator));
    assert!(!may_take_payment(Role::DepartmentOfficial));
    assert!(may_bulk_reassign(Role::Supervisor) && !may_bulk_reassign(Role::DepartmentOfficial));
}
