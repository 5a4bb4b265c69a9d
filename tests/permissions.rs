//! The permission matrix (issue 12), run whole: for every operation of `domain::permissions` and
//! every role (an official once for a record of their own department, once for another's), a
//! fresh copy of one fixture store, the real desk operation, and the outcome the table says: done,
//! or refused with nothing changed. Then the gaps the issue found, each pinned by name, so
//! loosening the table cannot reopen them unseen.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

#[path = "permissions/cli.rs"]
mod cli;
#[path = "permissions/run.rs"]
mod run;
#[path = "permissions/tui.rs"]
mod tui;

use clerkdesk::desk::{Actor, Desk, DeskError};
use clerkdesk::domain::permissions::{self, Operation, Scope};
use clerkdesk::domain::role::Role;
use run::{Fixture, Trial, fixture};

/// Who acts in the trials: `osa` is an official of the records' department (OSA), `od` one of
/// another (OD); `spravce` the administrator.
const WHO: [&str; 6] = ["prepazka", "linka", "osa", "od", "vedouci", "spravce"];

/// The trials of one operation: everyone once, plus the variants a rule's scope needs.
fn trials(op: Operation) -> Vec<Trial> {
    let mut out: Vec<Trial> = WHO
        .iter()
        .map(|who| {
            let own = *who == "osa" || (op == Operation::SeeWatchdog && *who == "od");
            Trial { op, who, own, to_self: *who == "osa" }
        })
        .collect();
    match op {
        // An official gives a case of their own department to a colleague: refused.
        Operation::AssignCase => out.push(Trial { op, who: "osa", own: true, to_self: false }),
        // Everyone's own password, and someone else's.
        Operation::SetPassword => {
            for t in &mut out {
                t.to_self = true;
            }
            out.extend(WHO.iter().map(|who| Trial { op, who, own: false, to_self: false }));
        }
        _ => {}
    }
    out
}

/// What the store looks like, as far as any operation could change it.
/// What a refusal must leave as it was. A refused `--as` is itself audited (an attempt to act as
/// someone else is what the record must show), so for that one operation only the audit line
/// `act_as_refused` may be new.
fn fingerprint(fx: &Fixture) -> Vec<i64> {
    [
        "SELECT count(*) FROM audit_log WHERE action <> 'act_as_refused'",
        "SELECT total(version) FROM cases",
        "SELECT count(*) FROM case_history",
        "SELECT total(version) FROM appointments",
        "SELECT count(*) FROM appointments",
        "SELECT count(*) FROM appt_waitlist WHERE status IN ('waiting', 'offered')",
        "SELECT count(*) FROM users",
        "SELECT count(*) FROM citizens",
        "SELECT count(*) FROM cases",
    ]
    .iter()
    .map(|q| fx.count(q))
    .collect()
}

fn role_of(desk: &mut Desk, who: &str) -> Actor {
    desk.act_as(who).unwrap()
}

/// A refusal: `Forbidden`, or for the official named in an assignment the field error that
/// says they may not hold the case.
fn refused(op: Operation, e: &DeskError) -> bool {
    match e {
        DeskError::Forbidden(_) => true,
        DeskError::Invalid { field, .. } => op == Operation::HoldCase && field == "official",
        _ => false,
    }
}

/// Runs one trial on a fresh store and says what went against the table, if anything.
fn check(t: &Trial) -> Option<String> {
    let fx = fixture();
    let mut desk = fx.desk();
    let actor = role_of(&mut desk, t.who);
    let expected = permissions::may(actor.role, t.op, Scope { own_department: t.own, to_self: t.to_self });
    let before = fingerprint(&fx);
    let got = run::operation(&fx, &mut desk, &actor, t);
    let label = format!("{:?} by {} ({}, own={}, self={})", t.op, t.who, actor.role, t.own, t.to_self);
    let problem = match got {
        Ok(()) if expected => return None,
        Ok(()) => "the table refuses it, the desk did it".to_owned(),
        Err(e) if expected => format!("the table allows it, the desk said {e}"),
        Err(e) if !refused(t.op, &e) => format!("expected a refusal, got {e}"),
        Err(_) if fingerprint(&fx) != before => "refused, but the store changed".to_owned(),
        Err(_) => return None,
    };
    Some(format!("{label}: {problem}"))
}

#[test]
fn every_operation_by_every_role_is_allowed_or_refused_as_the_table_says() {
    let trials: Vec<Trial> = Operation::ALL.iter().flat_map(|op| trials(*op)).collect();
    assert!(trials.len() > Operation::ALL.len() * WHO.len());
    let wrong: Vec<String> = trials.iter().filter_map(check).collect();
    assert!(
        wrong.is_empty(),
        "{} of {} trials disagree with the table:\n{}",
        wrong.len(),
        trials.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_role_of_the_office_has_a_column_and_a_trial() {
    let mut desk = fixture().desk();
    let roles: Vec<Role> = WHO.iter().map(|w| role_of(&mut desk, w).role).collect();
    for role in Role::ALL {
        assert!(roles.contains(&role), "no trial acts as a {role}");
    }
}

/// The gaps of issue 12, by name: each one failed before the matrix.
mod gaps {
    use super::*;

    fn outcome(op: Operation, who: &'static str, own: bool) -> Result<(), DeskError> {
        let fx = fixture();
        let mut desk = fx.desk();
        let actor = role_of(&mut desk, who);
        run::operation(&fx, &mut desk, &actor, &Trial { op, who, own, to_self: false })
    }

    fn assert_refused(op: Operation, who: &'static str) {
        let fx = fixture();
        let mut desk = fx.desk();
        let actor = role_of(&mut desk, who);
        let before = fingerprint(&fx);
        let e = run::operation(&fx, &mut desk, &actor, &Trial { op, who, own: false, to_self: false }).unwrap_err();
        assert!(refused(op, &e), "{op:?} by {who}: {e}");
        assert_eq!(fingerprint(&fx), before, "{op:?} by {who} was refused but changed the store");
    }

    #[test]
    fn the_hotline_does_not_import() {
        assert_refused(Operation::ImportPortal, "linka");
        assert_refused(Operation::ImportCitizens, "linka");
        assert!(outcome(Operation::ImportPortal, "prepazka", false).is_ok());
    }

    #[test]
    fn an_official_of_another_department_leaves_its_bookings_alone() {
        for op in
            [Operation::CancelBooking, Operation::MoveBooking, Operation::CheckIn, Operation::NoShow, Operation::Serve]
        {
            assert_refused(op, "od");
            assert!(outcome(op, "osa", true).is_ok(), "{op:?} by the service's own department");
            assert!(outcome(op, "prepazka", false).is_ok(), "{op:?} at the counter");
        }
    }

    #[test]
    fn only_an_official_of_the_cases_department_holds_it() {
        assert_refused(Operation::HoldCase, "vedouci");
        assert_refused(Operation::HoldCase, "od");
        assert!(outcome(Operation::HoldCase, "osa", true).is_ok());
    }

    #[test]
    fn receipts_go_to_whoever_may_see_the_case() {
        assert_refused(Operation::PrintReceipt, "od");
        assert!(outcome(Operation::PrintReceipt, "osa", true).is_ok());
        assert!(outcome(Operation::PrintReceipt, "spravce", false).is_ok(), "the administrator, like a supervisor");
    }
}

#[test]
fn the_docs_show_the_table_in_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/security.md");
    let docs = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = ("<!-- matrix:begin -->\n", "<!-- matrix:end -->");
    let start = docs.find(begin).expect("docs/security.md has no <!-- matrix:begin --> marker") + begin.len();
    let stop = docs[start..].find(end).expect("no <!-- matrix:end --> marker") + start;
    let table = permissions::markdown();
    if std::env::var_os("UPDATE_MATRIX").is_some() {
        std::fs::write(&path, format!("{}{table}{}", &docs[..start], &docs[stop..])).unwrap();
        return;
    }
    assert!(
        docs[start..stop] == table,
        "docs/security.md's permission matrix differs from src/domain/permissions.rs; regenerate it with\n    \
         UPDATE_MATRIX=1 cargo test --test permissions the_docs_show_the_table_in_the_code\nThe table in the code:\n{table}"
    );
}
