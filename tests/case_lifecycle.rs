//! Every transition through the desk, allowed and refused; who may take which action; reasons;
//! bulk reassignment; and the conflict between two clerks on two connections.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use clerkdesk::desk::{Actor, CaseChange, Desk, DeskError, StatusRequest};
use clerkdesk::domain::case::CaseStatus;
use clerkdesk::domain::lifecycle::{Action, transition};
use support::desk::{Fx, actor, file, id_card, ymd};

/// Files a case and drives it to `status` as the supervisor.
fn drive(desk: &mut Desk, sup: &Actor, status: CaseStatus) -> String {
    let r = file(desk, &id_card()).reference_number;
    let assign = |d: &mut Desk| d.assign_case(sup, &r, None, Some("OSA"), Some("osa"), "").unwrap();
    match status {
        CaseStatus::Received => {}
        CaseStatus::Withdrawn => drop(desk.withdraw_case(sup, &r, None, "the citizen withdrew").unwrap()),
        CaseStatus::Forwarded => drop(desk.forward_case(sup, &r, None, "KÚ Olomouc", "not ours").unwrap()),
        _ => {
            assign(desk);
            if status != CaseStatus::Assigned {
                desk.start_case(sup, &r, None).unwrap();
            }
            match status {
                CaseStatus::Suspended => drop(desk.suspend_case(sup, &r, None, "waiting").unwrap()),
                CaseStatus::Resolved | CaseStatus::Closed => {
                    desk.resolve_case(sup, &r, None, "issued").unwrap();
                    if status == CaseStatus::Closed {
                        desk.close_case(sup, &r, None).unwrap();
                    }
                }
                _ => {}
            }
        }
    }
    assert_eq!(desk.case_detail(&r).unwrap().case.status.as_str(), status.as_str());
    r
}

fn run(desk: &mut Desk, a: &Actor, r: &str, action: Action, other: &str) -> Result<CaseChange, DeskError> {
    match action {
        Action::Assign => desk.assign_case(a, r, None, Some("OSA"), Some("osa2"), "holiday cover"),
        Action::Start => desk.start_case(a, r, None),
        Action::Suspend => desk.suspend_case(a, r, None, "waiting for a document"),
        Action::Resume => desk.resume_case(a, r, None),
        Action::Resolve => desk.resolve_case(a, r, None, "issued"),
        Action::Close => desk.close_case(a, r, None),
        Action::Withdraw => desk.withdraw_case(a, r, None, "the citizen withdrew"),
        Action::Forward => desk.forward_case(a, r, None, "KÚ Olomouc", "not our competence"),
        Action::MarkComplex => desk.mark_complex(a, r, None, "expert opinion"),
        Action::AddNote => desk.add_note(a, r, None, "called the citizen"),
        Action::Link => desk.link_cases(a, r, None, other),
    }
}

#[test]
fn every_transition_through_the_desk() {
    let fx = Fx::new();
    let mut desk = fx.desk(ymd(2026, 11, 2));
    let sup = actor(&mut desk, "vedouci");
    let other = file(&mut desk, &id_card()).reference_number;
    for from in CaseStatus::ALL {
        for action in Action::ALL {
            let r = drive(&mut desk, &sup, from);
            let before = desk.case_detail(&r).unwrap();
            let got = run(&mut desk, &sup, &r, action, &other);
            let after = desk.case_detail(&r).unwrap();
            match transition(from, action) {
                Ok(to) => {
                    let c = got.unwrap_or_else(|e| panic!("{from:?} {action:?}: {e}"));
                    assert_eq!(c.to, to.unwrap_or(from), "{from:?} {action:?}");
                    assert_eq!(after.case.status.as_str(), c.to.as_str());
                    assert_eq!(after.case.version, before.case.version + 1);
                    assert_eq!(after.history.len(), before.history.len() + 1);
                }
                Err(e) => {
                    let err = got.unwrap_err();
                    assert!(matches!(err, DeskError::Invalid { .. }), "{from:?} {action:?}: {err:?}");
                    assert_eq!(err.to_string(), format!("status: {e}"));
                    assert_eq!(after.case.version, before.case.version, "a refusal changes nothing");
                    assert_eq!(after.history.len(), before.history.len());
                    assert_eq!(after.case.status.as_str(), from.as_str());
                }
            }
        }
    }
}

#[test]
fn refusals_say_why_and_change_nothing() {
    let fx = Fx::new();
    let mut desk = fx.desk(ymd(2026, 11, 2));
    let sup = actor(&mut desk, "vedouci");
    let r = drive(&mut desk, &sup, CaseStatus::Resolved);
    let e = desk.suspend_case(&sup, &r, None, "x").unwrap_err();
    assert!(e.to_string().contains("a resolved case cannot be suspended"), "{e}");

    let r = drive(&mut desk, &sup, CaseStatus::InProgress);
    let audit = fx.count("SELECT count(*) FROM audit_log");
    for e in [
        desk.suspend_case(&sup, &r, None, " ").unwrap_err(),
        desk.resolve_case(&sup, &r, None, "").unwrap_err(),
        desk.withdraw_case(&sup, &r, None, "").unwrap_err(),
        desk.mark_complex(&sup, &r, None, "").unwrap_err(),
        desk.assign_case(&sup, &r, None, Some("OSA"), Some("osa2"), "").unwrap_err(),
    ] {
        assert!(matches!(&e, DeskError::Invalid { field, .. } if field == "reason"), "{e:?}");
        assert!(e.to_string().contains("needs"), "{e}");
    }
    assert_eq!(fx.count("SELECT count(*) FROM audit_log"), audit);
    assert_eq!(desk.case_detail(&r).unwrap().case.status.as_str(), "in_progress");

    desk.mark_complex(&sup, &r, None, "expert opinion").unwrap();
    let e = desk.mark_complex(&sup, &r, None, "again").unwrap_err();
    assert!(e.to_string().contains("already marked complex"), "{e}");
    let e = desk.change_status(&sup, &r, CaseStatus::Assigned, &StatusRequest::default(), None).unwrap_err();
    assert!(e.to_string().contains("case assign"), "{e}");
}

#[test]
fn who_may_do_what() {
    let fx = Fx::new();
    let mut desk = fx.desk(ymd(2026, 11, 2));
    let (clerk, hotline) = (actor(&mut desk, "prepazka"), actor(&mut desk, "linka"));
    let (osa, od, sup) = (actor(&mut desk, "osa"), actor(&mut desk, "od"), actor(&mut desk, "vedouci"));
    let r = file(&mut desk, &id_card()).reference_number;

    // Clerks note and link, nothing else.
    desk.add_note(&clerk, &r, None, "the citizen called").unwrap();
    desk.add_note(&hotline, &r, None, "called again").unwrap();
    let forbidden = |e: DeskError| assert!(matches!(e, DeskError::Forbidden(_)), "{e:?}");
    forbidden(desk.assign_case(&clerk, &r, None, Some("OSA"), Some("osa"), "").unwrap_err());
    forbidden(desk.withdraw_case(&hotline, &r, None, "x").unwrap_err());

    // An official of another department may not take it; one of its own takes it for themselves,
    // but not for a colleague.
    forbidden(desk.assign_case(&od, &r, None, None, Some("od"), "").unwrap_err());
    forbidden(desk.assign_case(&osa, &r, None, None, Some("osa2"), "").unwrap_err());
    forbidden(desk.forward_case(&osa, &r, None, "KÚ", "not ours").unwrap_err());
    let c = desk.assign_case(&osa, &r, None, None, Some("osa"), "").unwrap();
    assert_eq!((c.to, c.department.as_str()), (CaseStatus::Assigned, "OSA"));
    forbidden(desk.start_case(&od, &r, None).unwrap_err());
    desk.start_case(&osa, &r, None).unwrap();
    desk.suspend_case(&osa, &r, None, "waiting").unwrap();
    desk.resume_case(&osa, &r, None).unwrap();

    // The supervisor moves it to another department and official, with a reason.
    let c = desk.assign_case(&sup, &r, None, Some("OD"), Some("od"), "wrong department").unwrap();
    assert_eq!(c.department, "OD");
    forbidden(desk.start_case(&osa, &r, None).unwrap_err());
    let e = desk.assign_case(&sup, &r, None, Some("OSA"), Some("od"), "x").unwrap_err();
    assert!(e.to_string().contains("works in OD"), "{e}");
    let e = desk.assign_case(&sup, &r, None, None, Some("prepazka"), "x").unwrap_err();
    assert!(e.to_string().contains("not an official"), "{e}");

    let d = desk.case_detail(&r).unwrap();
    let events: Vec<&str> = d.history.iter().map(|h| h.event.as_str()).collect();
    assert_eq!(events, ["filed", "note", "note", "assign", "start", "suspend", "resume", "reassign"]);
    let last = d.history.last().unwrap();
    assert_eq!((last.user.as_str(), last.reason.as_str()), ("vedouci", "wrong department"));
    assert_eq!(last.from_status.as_deref(), Some("in_progress"));
    assert_eq!(fx.count("SELECT count(*) FROM audit_log WHERE action = 'case_reassign'"), 1);
    assert!(desk.bulk_reassign(&osa, &[r], Some("OSA"), None, "x").is_err());
}

#[test]
fn bulk_reassign_is_all_or_nothing() {
    let fx = Fx::new();
    let mut desk = fx.desk(ymd(2026, 11, 2));
    let sup = actor(&mut desk, "vedouci");
    let refs: Vec<String> = (0..3).map(|_| drive(&mut desk, &sup, CaseStatus::Assigned)).collect();
    let closed = drive(&mut desk, &sup, CaseStatus::Closed);

    let mut with_closed = refs.clone();
    with_closed.push(closed);
    let e = desk.bulk_reassign(&sup, &with_closed, Some("OSA"), Some("osa2"), "leave").unwrap_err();
    assert!(e.to_string().contains("a closed case cannot be assigned"), "{e}");
    for r in &refs {
        assert_eq!(desk.case_detail(r).unwrap().case.assignee.as_deref(), Some("osa"), "nothing moved");
    }

    let done = desk.bulk_reassign(&sup, &refs, Some("OSA"), Some("osa2"), "leave").unwrap();
    assert_eq!(done.len(), 3);
    for r in &refs {
        assert_eq!(desk.case_detail(r).unwrap().case.assignee.as_deref(), Some("osa2"));
    }
}

#[test]
fn second_clerk_with_a_stale_view_gets_a_conflict_and_nothing_is_overwritten() {
    let fx = Fx::new();
    let mut a = fx.desk(ymd(2026, 11, 2));
    let mut b = fx.desk(ymd(2026, 11, 2));
    let sup = actor(&mut a, "vedouci");
    let r = drive(&mut a, &sup, CaseStatus::Assigned);
    let (osa, osa2) = (actor(&mut a, "osa"), actor(&mut b, "osa2"));

    let seen_by_a = a.case_detail(&r).unwrap().case.version;
    let seen_by_b = b.case_detail(&r).unwrap().case.version;
    a.start_case(&osa, &r, Some(seen_by_a)).unwrap();

    let before = b.case_detail(&r).unwrap();
    let e = b.withdraw_case(&osa2, &r, Some(seen_by_b), "duplicate filing").unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, DeskError::Conflict(_)), "{e:?}");
    assert!(msg.contains(&format!("case {r} was changed by Test osa at 10:00 meanwhile")), "{msg}");
    let after = b.case_detail(&r).unwrap();
    assert_eq!(after.case.status.as_str(), "in_progress");
    assert_eq!(after.case.version, before.case.version);
    assert_eq!(after.history.len(), before.history.len());

    // With the refreshed view the second clerk's change goes through.
    b.suspend_case(&osa2, &r, Some(after.case.version), "waiting").unwrap();
}
