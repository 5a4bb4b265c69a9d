//! The watchdog with a fixed clock: notices generated once, never twice; new status changes, paid
//! fees and holidays in the warning period.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

use chrono::{TimeZone, Utc};
use clerkdesk::config::Config;
use clerkdesk::desk::{Actor, DemoParams, Desk, NewFiling};
use clerkdesk::domain::case::Channel;
use clerkdesk::domain::clock::FixedClock;
use clerkdesk::domain::ids::CitizenId;
use clerkdesk::store::Store;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Wednesday 23 December 2026: 24–26 December and 1 January are holidays, so five working days
/// reach Monday 4 January 2027 (without holidays they would end on 30 December).
fn setup() -> (tempfile::TempDir, PathBuf, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 12, 23, 9, 0, 0).unwrap());
    let mut desk = Desk::new(Store::open(&path, true).unwrap(), Arc::new(clock), Config::default());
    desk.init(&Actor::root()).unwrap();
    desk.generate_demo(&Actor::root(), &DemoParams { citizens: 3, cases: 0, seed: 1 }, None).unwrap();
    (dir, path, desk)
}

/// A case of citizen 1 with the given deadline; `portal` marks its filer an identified portal user.
fn case(desk: &mut Desk, path: &Path, deadline: &str, portal: bool) -> i64 {
    let clerk = desk.act_as("prepazka").unwrap();
    let fields =
        desk.directory().unwrap().data.situations.iter().find(|s| s.code == "OP-VYDANI").unwrap().fields.clone();
    let filing = NewFiling {
        citizen_id: Some(CitizenId(1)),
        situation_code: "OP-VYDANI".into(),
        channel: Channel::Portal,
        subject: String::new(),
        note: String::new(),
        fields: clerkdesk::domain::form::example_values(&fields),
        attachments: Vec::new(),
    };
    let id = desk.file_case(&clerk, &filing).unwrap().id.0;
    Connection::open(path)
        .unwrap()
        .execute(
            "UPDATE cases SET deadline = ?2, portal_identified = ?3 WHERE id = ?1",
            rusqlite::params![id, deadline, i64::from(portal)],
        )
        .unwrap();
    id
}

/// Runs `sql` on a plain connection that has the program's chain function, so inserts into the
/// chained tables (case history, payments) can carry their hashes.
fn sql(path: &Path, sql: &str) {
    let conn = Connection::open(path).unwrap();
    clerkdesk::store::chain::register(&conn).unwrap();
    conn.execute_batch(sql).unwrap();
}

fn outbox(path: &Path) -> Vec<(String, String, String)> {
    let c = Connection::open(path).unwrap();
    let mut s = c.prepare("SELECT key, kind, recipient FROM outbox ORDER BY id").unwrap();
    s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn notices_are_generated_once_and_never_twice() {
    let (_d, path, mut desk) = setup();
    let shell = Actor::root();
    let portal = case(&mut desk, &path, "2027-03-01", true);
    let near = case(&mut desk, &path, "2026-12-28", false);
    let late = case(&mut desk, &path, "2026-12-22", false);
    let first = desk.watchdog_run(&shell).unwrap();
    assert_eq!((first.counts.status_changed.new, first.counts.deadline_near.new, first.counts.overdue.new), (1, 1, 1));
    let keys: Vec<String> = outbox(&path).into_iter().map(|(k, _, _)| k).collect();
    assert!(keys.contains(&format!("deadline:{near}:2026-12-28")), "{keys:?}");
    assert!(keys.contains(&format!("overdue:{late}:2026-12-22")), "{keys:?}");
    assert!(keys.iter().any(|k| k.starts_with(&format!("status:{portal}:"))), "{keys:?}");
    // Unassigned: the department is told.
    assert!(outbox(&path).iter().any(|(k, _, r)| k.starts_with("deadline:") && r == "department:OSA"));

    let again = desk.watchdog_run(&shell).unwrap();
    assert_eq!(again.new_total(), 0);
    assert_eq!((again.counts.deadline_near.already, again.counts.overdue.already), (1, 1));
    assert_eq!(outbox(&path).len(), 3);

    // A new status change of the portal filer's case is a new notice; assignment moves the
    // deadline notice's recipient only when the deadline changes (the key names the deadline).
    sql(
        &path,
        &format!(
            "INSERT INTO case_history (id, case_id, at, user_id, event, from_status, to_status, hash)
             SELECT n, {portal}, '2026-12-23T10:00:00Z', 1, 'status', 'received', 'assigned',
                    clerkdesk_chain('case_history', (SELECT hash FROM case_history WHERE id = n - 1), n, {portal},
                                    '2026-12-23T10:00:00Z', 1, 'status', 'received', 'assigned', '', '')
             FROM (SELECT max(id) + 1 AS n FROM case_history);
             UPDATE cases SET status = 'assigned', assignee_id = 3 WHERE id = {portal};"
        ),
    );
    let third = desk.watchdog_run(&shell).unwrap();
    assert_eq!(third.counts.status_changed.new, 1);
    assert_eq!(third.new_total(), 1);
    // Audited with the counts.
    let audits: i64 = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'watchdog_run' AND detail LIKE 'status_changed=%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audits, 3);
}

#[test]
fn holidays_count_in_the_warning_period() {
    let (_d, path, mut desk) = setup();
    let inside = case(&mut desk, &path, "2027-01-04", false);
    let outside = case(&mut desk, &path, "2027-01-05", false);
    let run = desk.watchdog_run(&Actor::root()).unwrap();
    assert_eq!(run.warn_until, "2027-01-04");
    let keys: Vec<String> = outbox(&path).into_iter().map(|(k, _, _)| k).collect();
    assert!(keys.contains(&format!("deadline:{inside}:2027-01-04")));
    assert!(!keys.iter().any(|k| k.starts_with(&format!("deadline:{outside}:"))));
    let rows = desk.watchdog_summary(&Actor::root()).unwrap();
    let osa = rows.iter().find(|r| r.department == "OSA" && r.total).unwrap();
    assert_eq!((osa.due_soon, osa.overdue), (1, 0));
}

#[test]
fn fees_due_until_paid_in_full() {
    let (_d, path, mut desk) = setup();
    let c = case(&mut desk, &path, "2027-03-01", false);
    sql(
        &path,
        &format!(
            "INSERT INTO fee_claims (id, case_id, amount_czk, due_on, created_at) VALUES
                 (1, {c}, 500, '2026-12-20', 'x'), (2, {c}, 300, '2026-12-20', 'x'), (3, {c}, 100, '2026-12-30', 'x');
             INSERT INTO payments (id, claim_id, amount_czk, method, receipt_number, paid_at, user_id, hash)
                 VALUES (1, 1, 200, 'cash', 'P1', 'x', 1, clerkdesk_chain('payments', NULL, 1, 1, 200, 'cash', 'P1', 'x', 1));
             INSERT INTO payments (id, claim_id, amount_czk, method, receipt_number, paid_at, user_id, hash)
                 SELECT 2, 2, 300, 'card', 'P2', 'x', 1,
                        clerkdesk_chain('payments', hash, 2, 2, 300, 'card', 'P2', 'x', 1) FROM payments WHERE id = 1;"
        ),
    );
    let run = desk.watchdog_run(&Actor::root()).unwrap();
    assert_eq!(run.counts.fee_due.new, 1, "partly paid: due; paid in full: not; not yet due: not");
    let conn = Connection::open(&path).unwrap();
    let (key, recipient, owed): (String, String, i64) = conn
        .query_row("SELECT key, recipient, payload ->> 'owed_czk' FROM outbox WHERE kind = 'fee_due'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((key.as_str(), recipient.as_str(), owed), ("fee:1:2026-12-20", "citizen:1", 300));
}

#[test]
fn only_supervisors_and_administrators_run_it() {
    let (_d, _path, mut desk) = setup();
    let clerk = desk.act_as("prepazka").unwrap();
    assert!(desk.watchdog_run(&clerk).is_err());
    assert!(desk.watchdog_summary(&clerk).is_err());
    let boss = desk.act_as("vedouci").unwrap();
    assert!(desk.watchdog_run(&boss).is_ok());
}
