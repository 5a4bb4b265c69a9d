//! The case list (scope, filters, keyset pages, search), the citizen search and the bulk load's
//! trigger bypass, on a temporary store with demo data and a fixed clock.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

use chrono::{TimeZone, Utc};
use clerkdesk::config::Config;
use clerkdesk::desk::{Actor, CaseQuery, CaseScope, Cursor, DemoParams, Desk, DeskError, NewFiling};
use clerkdesk::domain::case::{CaseStatus, Channel};
use clerkdesk::domain::clock::FixedClock;
use clerkdesk::store::{CaseFilter, CaseSort, Store};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn setup(cases: u32) -> (tempfile::TempDir, PathBuf, Desk) {
    setup_with(40, cases)
}

fn setup_with(citizens: u32, cases: u32) -> (tempfile::TempDir, PathBuf, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap());
    let mut desk = Desk::new(Store::open(&path, true).unwrap(), Arc::new(clock), Config::default());
    desk.init(&Actor::root()).unwrap();
    desk.generate_demo(&Actor::root(), &DemoParams { citizens, cases, seed: 7 }, None).unwrap();
    (dir, path, desk)
}

fn all_pages(desk: &mut Desk, actor: &Actor, q: &CaseQuery, limit: u32) -> Vec<clerkdesk::store::CaseListRow> {
    let mut out = Vec::new();
    let mut after: Option<Cursor> = None;
    loop {
        let page = desk.list_cases(actor, q, after.as_ref(), limit).unwrap();
        out.extend(page.rows);
        match page.next {
            Some(n) => after = Some(n),
            None => return out,
        }
    }
}

fn file(desk: &mut Desk, citizen: Option<i64>, subject: &str, note: &str) -> clerkdesk::desk::FiledCase {
    let clerk = desk.act_as("prepazka").unwrap();
    let fields =
        desk.directory().unwrap().data.situations.iter().find(|s| s.code == "OP-VYDANI").unwrap().fields.clone();
    let filing = NewFiling {
        citizen_id: citizen.map(clerkdesk::domain::ids::CitizenId),
        situation_code: "OP-VYDANI".into(),
        channel: Channel::Counter,
        subject: subject.into(),
        note: note.into(),
        fields: clerkdesk::domain::form::example_values(&fields),
        attachments: Vec::new(),
    };
    desk.file_case(&clerk, &filing).unwrap()
}

fn new_citizen(path: &Path, given: &str, family: &str, bn: &str, phone: &str) -> i64 {
    let c = Connection::open(path).unwrap();
    c.execute(
        "INSERT INTO citizens (given_name, family_name, birth_date, birth_number, phone, street, city, created_at)
         VALUES (?1, ?2, '1980-05-03', ?3, ?4, 'Šafaříkova 12', 'Lipnice', '2026-01-01T00:00:00Z')",
        [given, family, bn, phone],
    )
    .unwrap();
    c.last_insert_rowid()
}

#[test]
fn keyset_pages_cover_every_case_once_in_order() {
    let (_d, _p, mut desk) = setup(150);
    let shell = Actor::root();
    let rows = all_pages(&mut desk, &shell, &CaseQuery::default(), 7);
    assert_eq!(rows.len(), 150);
    assert!(rows.windows(2).all(|w| w[0].id > w[1].id), "newest first, no repeats");

    let q = CaseQuery { sort: CaseSort::Deadline, ..CaseQuery::default() };
    let rows = all_pages(&mut desk, &shell, &q, 9);
    let keys: Vec<_> = rows.iter().map(|r| (r.deadline.clone().unwrap(), r.id)).collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "by deadline, then id");
    assert_eq!(rows.len(), 150, "demo cases all have a running clock");
}

#[test]
fn filters_narrow_the_list() {
    let (_d, _p, mut desk) = setup(150);
    let shell = Actor::root();
    let q = CaseQuery { statuses: vec![CaseStatus::Received, CaseStatus::Closed], ..CaseQuery::default() };
    let rows = all_pages(&mut desk, &shell, &q, 20);
    assert!(!rows.is_empty() && rows.iter().all(|r| r.status.as_str() == "received" || r.status.as_str() == "closed"));

    let q = CaseQuery { department: Some("OSA".into()), ..CaseQuery::default() };
    assert!(all_pages(&mut desk, &shell, &q, 20).iter().all(|r| r.department_code == "OSA"));
    let q = CaseQuery { official: Some("referent".into()), ..CaseQuery::default() };
    assert!(all_pages(&mut desk, &shell, &q, 20).iter().all(|r| r.assignee.as_deref() == Some("referent")));
    let q = CaseQuery { channel: Some(Channel::Portal), ..CaseQuery::default() };
    assert!(all_pages(&mut desk, &shell, &q, 20).iter().all(|r| r.channel == "portal"));

    let open = ["received", "assigned", "in_progress"];
    let q = CaseQuery { overdue: true, ..CaseQuery::default() };
    let overdue = all_pages(&mut desk, &shell, &q, 20);
    assert!(!overdue.is_empty());
    assert!(overdue.iter().all(|r| r.deadline.as_deref().unwrap() < "2026-11-20" && open.contains(&r.status.as_str())));
    // 5 working days from Friday 20 November 2026: Mon 23 … Fri 27.
    let q = CaseQuery { due_within: Some(None), ..CaseQuery::default() };
    let soon = all_pages(&mut desk, &shell, &q, 20);
    assert!(soon.iter().all(|r| {
        let d = r.deadline.as_deref().unwrap();
        ("2026-11-20"..="2026-11-27").contains(&d) && open.contains(&r.status.as_str())
    }));
    let q = CaseQuery { due_within: Some(Some(5)), overdue: true, ..CaseQuery::default() };
    assert_eq!(all_pages(&mut desk, &shell, &q, 20).len(), overdue.len() + soon.len());

    let q = CaseQuery { department: Some("NOPE".into()), ..CaseQuery::default() };
    assert!(matches!(desk.list_cases(&shell, &q, None, 5), Err(DeskError::Invalid { .. })));
}

#[test]
fn an_official_sees_their_department_or_their_own() {
    let (_d, _p, mut desk) = setup(120);
    let referent = desk.act_as("referent").unwrap();
    let mine = all_pages(&mut desk, &referent, &CaseQuery::default(), 50);
    assert!(!mine.is_empty() && mine.iter().all(|r| r.department_code == "OSA"));
    let q = CaseQuery { scope: Some(CaseScope::Mine), ..CaseQuery::default() };
    assert!(all_pages(&mut desk, &referent, &q, 50).iter().all(|r| r.assignee.as_deref() == Some("referent")));
    let q = CaseQuery { scope: Some(CaseScope::All), ..CaseQuery::default() };
    assert!(matches!(desk.list_cases(&referent, &q, None, 5), Err(DeskError::Forbidden(_))));
    let q = CaseQuery { department: Some("OD".into()), ..CaseQuery::default() };
    assert!(desk.list_cases(&referent, &q, None, 5).unwrap().rows.is_empty());
    // The counter sees everything, read-only.
    let clerk = desk.act_as("prepazka").unwrap();
    assert_eq!(all_pages(&mut desk, &clerk, &CaseQuery::default(), 50).len(), 120);
}

#[test]
fn search_finds_names_subjects_notes_and_reference_fragments() {
    let (_d, path, mut desk) = setup(30);
    let shell = Actor::root();
    let who = new_citizen(&path, "Řehoř", "Šťastný", "8005030011", "+420777123456");
    let filed = file(&mut desk, Some(who), "Ztráta dokladů", "Přišel osobně");
    let search = |desk: &mut Desk, text: &str| {
        let q = CaseQuery { search: text.into(), ..CaseQuery::default() };
        desk.list_cases(&shell, &q, None, 10).unwrap().rows.iter().map(|r| r.id).collect::<Vec<_>>()
    };
    for text in ["stastn", "Šťastný řeh", "ztrat dokl", "prisel"] {
        assert_eq!(search(&mut desk, text), vec![filed.id], "{text}");
    }
    // A note added later (as the lifecycle appends it, chained: see store::chain) is found too.
    let conn = Connection::open(&path).unwrap();
    clerkdesk::store::chain::register(&conn).unwrap();
    conn.execute(
        "INSERT INTO case_history (id, case_id, at, user_id, event, detail, hash)
         SELECT n, ?1, '2026-11-20T10:00:00Z', 1, 'note', 'Doloženo potvrzení',
                clerkdesk_chain('case_history', (SELECT hash FROM case_history WHERE id = n - 1), n, ?1,
                                '2026-11-20T10:00:00Z', 1, 'note', NULL, NULL, 'Doloženo potvrzení', '')
         FROM (SELECT max(id) + 1 AS n FROM case_history)",
        [filed.id.0],
    )
    .unwrap();
    assert_eq!(search(&mut desk, "dolozeno potvr"), vec![filed.id]);
    assert!(search(&mut desk, "prisel").contains(&filed.id), "the filing note stays");
    // The citizen renamed: the case follows.
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE citizens SET family_name = 'Veselý' WHERE id = ?1", [who])
        .unwrap();
    assert_eq!(search(&mut desk, "vesel rehor"), vec![filed.id]);
    assert!(search(&mut desk, "stastn").is_empty());
    // Reference-number fragments, newest first.
    let seq: String = filed.reference_number.chars().filter(char::is_ascii_digit).take(5).collect();
    assert_eq!(search(&mut desk, &seq), vec![filed.id]);
    // The sequence with its tail (the index is asked for the head, the rows checked for all of
    // it): only references that contain the whole fragment, lower case too, by deadline too.
    let tail: String = filed.reference_number.chars().skip_while(|c| !c.is_ascii_digit()).collect();
    assert_eq!(search(&mut desk, &tail), vec![filed.id], "{tail}");
    assert_eq!(search(&mut desk, &tail.to_lowercase()), vec![filed.id]);
    assert!(search(&mut desk, &format!("{tail}X")).is_empty());
    let q = CaseQuery { search: tail.clone(), sort: CaseSort::Deadline, ..CaseQuery::default() };
    let by_deadline: Vec<_> = desk.list_cases(&shell, &q, None, 10).unwrap().rows.iter().map(|r| r.id).collect();
    assert_eq!(by_deadline, vec![filed.id]);
    let found = search(&mut desk, "/2026/OSA");
    assert!(found.len() > 1 && found[0] == filed.id && found.windows(2).all(|w| w[0] > w[1]));
    assert!(search(&mut desk, "zzzqqq").is_empty());
    assert!(search(&mut desk, "\"*(").is_empty(), "nothing typed is FTS syntax");
}

#[test]
fn citizens_found_by_name_date_birth_number_phone_and_address() {
    let (_d, path, mut desk) = setup_with(0, 0);
    let shell = Actor::root();
    let a = new_citizen(&path, "Řehoř", "Čermák", "8005030011", "+420777123456");
    let b = new_citizen(&path, "Adam", "Cibulka", "8005030022", "+420608999888");
    let c = new_citizen(&path, "Hana", "Chalupová", "8055030033", "");
    let ids = |desk: &mut Desk, text: &str| {
        desk.search_citizens(&shell, text, 50).unwrap().iter().map(|r| r.id.0).collect::<Vec<_>>()
    };
    assert_eq!(ids(&mut desk, "cerm"), vec![a]);
    assert_eq!(ids(&mut desk, "rehor cermak"), vec![a]);
    // Czech order: C, Č, Ch.
    assert_eq!(ids(&mut desk, "3. 5. 1980"), vec![b, a, c]);
    assert_eq!(ids(&mut desk, "3.5.1980"), vec![b, a, c]);
    assert_eq!(ids(&mut desk, "800503/00"), vec![b, a]);
    assert_eq!(ids(&mut desk, "8055"), vec![c]);
    assert_eq!(ids(&mut desk, "777 123"), vec![a]);
    assert_eq!(ids(&mut desk, "+420608"), vec![b]);
    assert_eq!(ids(&mut desk, "safarik"), vec![b, a, c]);
    assert!(ids(&mut desk, "").is_empty());
}

#[test]
fn a_bulk_load_bypasses_the_index_and_rebuilds_it() {
    let (_d, path, mut desk) = setup(10);
    let shell = Actor::root();
    let mut other = Store::open(&path, false).unwrap();
    let triggers = |p: &Path| {
        Connection::open(p)
            .unwrap()
            .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'", [], |r| r.get::<_, i64>(0))
            .unwrap()
    };
    let schema = |p: &Path| -> Vec<(String, String, String)> {
        Connection::open(p)
            .unwrap()
            .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let plain_indexes =
        |p: &Path| schema(p).iter().filter(|(t, _, sql)| t == "index" && sql.starts_with("CREATE INDEX")).count();
    let before = triggers(&path);
    let schema_before = schema(&path);
    assert!(plain_indexes(&path) > 5);
    other.write(|tx| tx.begin_bulk_load()).unwrap();
    assert!(triggers(&path) < before);
    let left: Vec<String> = schema(&path)
        .into_iter()
        .filter(|(t, name, sql)| {
            t == "index"
                && sql.starts_with("CREATE INDEX")
                && ["cases", "case_history", "audit_log", "citizens", "fee_claims"]
                    .iter()
                    .any(|table| sql.contains(&format!(" ON {table} ")))
                && !name.is_empty()
        })
        .map(|(_, name, _)| name)
        .collect();
    assert!(left.is_empty(), "the big tables' plain indexes are dropped for the load: {left:?}");
    let filed = file(&mut desk, None, "Hromadný import", "");
    let q = CaseQuery { search: "hromadny".into(), ..CaseQuery::default() };
    assert!(desk.list_cases(&shell, &q, None, 5).unwrap().rows.is_empty(), "not indexed during the load");
    assert!(!desk.check().unwrap().ok, "check reports the unfinished load");
    other.write(|tx| tx.end_bulk_load()).unwrap();
    assert_eq!(triggers(&path), before);
    assert_eq!(schema(&path), schema_before, "every trigger and index is back as the migrations wrote it");
    assert_eq!(desk.list_cases(&shell, &q, None, 5).unwrap().rows[0].id, filed.id);
    assert!(desk.check().unwrap().ok);
}

#[test]
fn pages_walk_an_index_instead_of_sorting_the_table() {
    let (_d, path, _desk) = setup(20);
    let mut store = Store::open(&path, false).unwrap();
    let filters = [
        CaseFilter { department_id: Some(1), ..CaseFilter::default() },
        CaseFilter { assignee_id: Some(1), ..CaseFilter::default() },
        CaseFilter { situation_id: Some(1), ..CaseFilter::default() },
        CaseFilter { statuses: vec!["received".into()], after_id: Some(10), ..CaseFilter::default() },
        CaseFilter { words: Some("\"nov\"*".into()), department_id: Some(1), ..CaseFilter::default() },
        CaseFilter { fragment: Some("\"0004\"".into()), ..CaseFilter::default() },
        CaseFilter { sort: CaseSort::Deadline, open_only: true, ..CaseFilter::default() },
        CaseFilter {
            sort: CaseSort::Deadline,
            after_deadline: Some("2026-11-01".into()),
            after_id: Some(3),
            ..CaseFilter::default()
        },
    ];
    for f in &filters {
        let plan = store.read(|tx| tx.explain_list_cases(f)).unwrap();
        assert!(!plan.iter().any(|l| l.contains("TEMP B-TREE")), "{f:?}: {plan:#?}");
    }
}
