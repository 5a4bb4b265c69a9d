//! Store behaviour on temporary files: upgrades from every earlier schema, refusing a newer one,
//! the pragmas, the append-only tables, `data_version`, concurrent first opens, and logging in.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

use chrono::{TimeZone, Utc};
use clerkdesk::config::Config;
use clerkdesk::desk::{Actor, DemoParams, Desk, DeskError};
use clerkdesk::domain::clock::FixedClock;
use clerkdesk::domain::role::Role;
use clerkdesk::store::{MIGRATIONS, SCHEMA_VERSION, Store, StoreError, create_at_version};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    (dir, path)
}

fn desk_on(path: &Path) -> Desk {
    let clock = FixedClock(Utc.with_ymd_and_hms(2025, 3, 12, 9, 30, 0).unwrap());
    Desk::new(Store::open(path, true).unwrap(), Arc::new(clock), Config::default())
}

/// [`desk_on`] `secs` seconds later.
fn desk_on_at(path: &Path, secs: i64) -> Desk {
    let clock = FixedClock(Utc.with_ymd_and_hms(2025, 3, 12, 9, 30, 0).unwrap() + chrono::Duration::seconds(secs));
    Desk::new(Store::open(path, false).unwrap(), Arc::new(clock), Config::default())
}

fn raw(path: &Path) -> Connection {
    Connection::open(path).unwrap()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn upgrades_a_store_made_by_every_earlier_migration() {
    assert_eq!(usize::try_from(SCHEMA_VERSION).unwrap(), MIGRATIONS.len());
    for k in 0..MIGRATIONS.len() {
        let (_dir, path) = temp_db();
        create_at_version(&path, k).unwrap();
        if k >= 1 {
            // `meta` exists from the first migration on and keeps its meaning.
            raw(&path).execute("INSERT INTO meta (key, value) VALUES ('upgrade_test', ?1)", [k.to_string()]).unwrap();
            // A filed case, written with the first version's columns only.
            raw(&path)
                .execute_batch(
                    "INSERT INTO offices (id, designation, name) VALUES (1, 'MULO', 'Úřad');
                     INSERT INTO departments (id, code, name_cs, name_en, name_uk) VALUES (1, 'OSA', 'Odbor', 'Dept', 'Відділ');
                     INSERT INTO situations (id, code, name_cs, name_en, name_uk, department_id, deadline_days)
                         VALUES (1, 'OP-VYDANI', 'Vydání OP', 'ID card', 'ID', 1, 30);
                     INSERT INTO users (id, username, full_name, role, password_hash, created_at, updated_at)
                         VALUES (1, 'clerk', 'Clerk', 'counter_clerk', 'x', '2025-01-01', '2025-01-01');
                     INSERT INTO citizens (id, given_name, family_name, birth_date, created_at)
                         VALUES (1, 'Jana', 'Nováková', '1980-05-03', '2025-01-01');
                     INSERT INTO cases (id, reference_number, office_id, ref_year, ref_seq, citizen_id, situation_id,
                         department_id, status, channel, filed_at, filed_by, received_on, deadline, updated_at)
                         VALUES (1, 'MULO-00001/2025/OSA', 1, 2025, 1, 1, 1, 1, 'received', 'counter',
                                 '2025-01-02T09:00:00Z', 1, '2025-01-02', '2025-02-03', '2025-01-02T09:00:00Z');
                     INSERT INTO case_history (case_id, at, user_id, event, to_status)
                         VALUES (1, '2025-01-02T09:00:00Z', 1, 'filed', 'received');",
                )
                .unwrap();
        }
        let before = raw(&path).query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(before, i64::try_from(k).unwrap(), "store made at version {k}");

        let store = Store::open(&path, k == 0).unwrap_or_else(|e| panic!("upgrade from version {k}: {e}"));
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION, "upgrade from version {k}");
        if k >= 1 {
            assert_eq!(store.meta("upgrade_test").unwrap().as_deref(), Some(k.to_string().as_str()));
            let conn = raw(&path);
            let (reference, deadline, period, complex): (String, String, i64, i64) = conn
                .query_row("SELECT reference_number, deadline, period_days, complex FROM cases WHERE id = 1", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .unwrap();
            assert_eq!((reference.as_str(), deadline.as_str()), ("MULO-00001/2025/OSA", "2025-02-03"));
            assert_eq!((period, complex), (30, 0), "columns added later get their defaults");
            assert_eq!(count(&conn, "SELECT count(*) FROM case_history WHERE case_id = 1"), 1);
        }
        assert!(store.check().unwrap().ok, "upgraded store from version {k} passes check");
    }
}

#[test]
fn create_at_version_refuses_a_version_it_does_not_know() {
    let (_dir, path) = temp_db();
    let too_far = MIGRATIONS.len() + 1;
    assert!(matches!(create_at_version(&path, too_far), Err(StoreError::TooNew { .. })));
}

#[test]
fn a_store_newer_than_the_program_is_refused() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path, true).unwrap());
    raw(&path).pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();

    let err = Store::open(&path, false).err().expect("a newer store must be refused");
    assert!(
        matches!(err, StoreError::TooNew { found, known, .. } if found == SCHEMA_VERSION + 1 && known == SCHEMA_VERSION),
        "{err:?}"
    );
    assert!(err.to_string().contains("upgrade"), "message says to upgrade: {err}");
    // Refusing it changed nothing.
    let v: i64 = raw(&path).query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION + 1);
}

#[test]
fn open_sets_wal_and_foreign_keys() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path, true).unwrap();
    drop(store);
    // WAL is persistent in the file; a fresh connection sees it.
    let mode: String = raw(&path).query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");

    // foreign_keys is per connection: prove the store's own connection enforces it.
    let mut store = Store::open(&path, false).unwrap();
    let err = store
        .write(|tx| {
            tx.execute(
                "INSERT INTO officials (code, name, department_id, position_cs, position_en, position_uk)
                 VALUES ('x', 'X', 999, '', '', '')",
                [],
            )
            .map_err(StoreError::from)
        })
        .expect_err("an official of a missing department is refused");
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
}

#[test]
fn audit_log_and_case_history_are_append_only() {
    let (_dir, path) = temp_db();
    let mut desk = desk_on(&path);
    let shell = Actor::root();
    desk.init(&shell).unwrap();
    desk.generate_demo(&shell, &DemoParams { citizens: 2, cases: 3, seed: 7 }, None).unwrap();
    drop(desk);

    let conn = raw(&path);
    let audit_rows = count(&conn, "SELECT count(*) FROM audit_log");
    let history_rows = count(&conn, "SELECT count(*) FROM case_history");
    assert!(audit_rows > 0 && history_rows > 0);
    for sql in [
        "UPDATE audit_log SET detail = 'rewritten'",
        "DELETE FROM audit_log",
        "UPDATE case_history SET reason = 'rewritten'",
        "DELETE FROM case_history",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), audit_rows);
    assert_eq!(count(&conn, "SELECT count(*) FROM case_history"), history_rows);
}

#[test]
fn data_version_changes_only_after_another_connections_commit() {
    let (_dir, path) = temp_db();
    let a = Store::open(&path, true).unwrap();
    let mut b = Store::open(&path, false).unwrap();

    let v0 = a.data_version().unwrap();
    let _ = a.meta("nothing").unwrap();
    assert_eq!(a.data_version().unwrap(), v0, "A's own read does not change it");

    b.write(|tx| tx.set_meta("touched", "1")).unwrap();
    let v1 = a.data_version().unwrap();
    assert_ne!(v1, v0, "B's commit is seen by A");
    assert_eq!(a.meta("touched").unwrap().as_deref(), Some("1"));
    assert_eq!(a.data_version().unwrap(), v1, "and stays put until the next foreign commit");
}

#[test]
fn two_first_opens_at_once_both_succeed_and_migrate_once() {
    for round in 0..20 {
        let (_dir, path) = temp_db();
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let (path, barrier) = (path.clone(), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&path, true).map(|s| s.schema_version().unwrap())
                })
            })
            .collect();
        for h in handles {
            let v = h.join().unwrap().unwrap_or_else(|e| panic!("round {round}: open failed: {e}"));
            assert_eq!(v, SCHEMA_VERSION);
        }
        let conn = raw(&path);
        assert_eq!(count(&conn, "PRAGMA user_version"), SCHEMA_VERSION);
        // Applied once: every table exists once and `meta` holds nothing a second run would add.
        assert_eq!(count(&conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'cases'"), 1);
        assert_eq!(count(&conn, "SELECT count(*) FROM meta"), 0);
    }
}

fn audit_count(path: &Path, action: &str) -> i64 {
    raw(path).query_row("SELECT count(*) FROM audit_log WHERE action = ?1", [action], |r| r.get(0)).unwrap()
}

#[test]
fn login_is_checked_audited_and_permissions_hold() {
    let (_dir, path) = temp_db();
    let mut desk = desk_on(&path);
    let shell = Actor::root();
    desk.init(&shell).unwrap();
    desk.add_user(&shell, "pepa", "Josef Novák", Role::CounterClerk, "heslo1234", Some("KC")).unwrap();

    let clerk = desk.login("pepa", "heslo1234").unwrap();
    assert_eq!((clerk.name.as_str(), clerk.role), ("pepa", Role::CounterClerk));
    assert_eq!(audit_count(&path, "login"), 1);

    // Each from its own terminal: a failure makes its terminal wait (tests/login.rs).
    let wrong = desk.login_from("pepa", "wrong-password", "/dev/pts/1").unwrap_err();
    let unknown = desk.login_from("nikdo", "heslo1234", "/dev/pts/2").unwrap_err();
    assert!(matches!(wrong, DeskError::BadLogin), "{wrong:?}");
    assert!(matches!(unknown, DeskError::BadLogin), "{unknown:?}");
    assert_eq!(wrong.to_string(), unknown.to_string(), "a user name cannot be probed");
    assert_eq!(audit_count(&path, "login_failed"), 2);

    // A counter clerk may not create accounts, and the refusal writes nothing.
    let users_before = count(&raw(&path), "SELECT count(*) FROM users");
    let audit_before = count(&raw(&path), "SELECT count(*) FROM audit_log");
    let err = desk.add_user(&clerk, "novy", "Nový Člověk", Role::Administrator, "heslo1234", None).unwrap_err();
    assert!(matches!(err, DeskError::Forbidden(_)), "{err:?}");
    assert_eq!(count(&raw(&path), "SELECT count(*) FROM users"), users_before);
    assert_eq!(count(&raw(&path), "SELECT count(*) FROM audit_log"), audit_before);

    assert!(desk.set_user_disabled(&shell, "pepa", true, "left the office").unwrap());
    // A disabled account answers like a wrong password (the reason is in the audit only); the
    // name's wait after the wrong password has passed on another desk's clock.
    let mut later = desk_on_at(&path, 60);
    let err = later.login_from("pepa", "heslo1234", "/dev/pts/3").unwrap_err();
    assert!(matches!(err, DeskError::BadLogin), "{err:?}");
    assert_eq!(audit_count(&path, "login_failed"), 3);
    assert_eq!(audit_count(&path, "login"), 1);
}

#[test]
fn each_office_keeps_its_own_gap_free_series_and_a_failed_filing_uses_no_number() {
    use clerkdesk::desk::NewFiling;
    use clerkdesk::domain::case::Channel;
    let (_dir, path) = temp_db();
    let clock = Arc::new(FixedClock(Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap()));
    let mut main = Desk::new(Store::open(&path, true).unwrap(), clock.clone(), Config::default());
    main.init(&Actor::root()).unwrap();
    main.generate_demo(&Actor::root(), &DemoParams { citizens: 0, cases: 0, seed: 1 }, None).unwrap();
    let clerk = main.login("prepazka", "demo1234").unwrap();
    let filing = |code: &str| NewFiling {
        citizen_id: None,
        situation_code: code.to_owned(),
        channel: Channel::Counter,
        subject: String::new(),
        note: String::new(),
        fields: match code {
            "OP-VYDANI" => [("reason", "expiry"), ("express", "standard"), ("under15", "no")].as_slice(),
            "OF-PES" => [("housing", "flat"), ("chip", "203164000123456")].as_slice(),
            "KC-OVERENI-PODPISU" => [("signatures", "1")].as_slice(),
            _ => [].as_slice(),
        }
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect(),
        attachments: Vec::new(),
    };
    let branch_config =
        Config::parse_str("[office]\ndesignation = \"MULO-POB\"\nname = \"Detašované pracoviště\"", "t").unwrap();
    let mut branch = Desk::new(Store::open(&path, false).unwrap(), clock, branch_config);

    let a1 = main.file_case(&clerk, &filing("OP-VYDANI")).unwrap();
    // A refused filing (unknown situation) rolls back and gives its number back.
    assert!(matches!(main.file_case(&clerk, &filing("NO-SUCH")), Err(DeskError::Invalid { .. })));
    let b1 = branch.file_case(&clerk, &filing("OF-PES")).unwrap();
    let a2 = main.file_case(&clerk, &filing("KC-OVERENI-PODPISU")).unwrap();
    assert_eq!(a1.reference_number, "MULO-00001/2026/OSA");
    assert_eq!(a2.reference_number, "MULO-00002/2026/KC");
    assert_eq!(b1.reference_number, "MULO-POB-00001/2026/OF");
    // The deadline is computed and routed: ID card, 30 days from 20 Nov 2026 → 20 Dec is a Sunday.
    assert_eq!(a1.deadline.map(|d| d.to_string()).as_deref(), Some("2026-12-21"));
    assert_eq!(a1.department, "OSA");
}
