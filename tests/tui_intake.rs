//! The counter's work in the TUI, driven through actions on a temporary demo store: a filing from
//! the citizen search to the printed receipt, a new citizen with the duplicate warning, the case
//! list's search and filters, a supervisor's bulk hand-over, and the watchdog.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use support::tui::{frame_text, login, type_text};

use chrono::{TimeZone, Utc};
use clerkdesk::config::Config;

use clerkdesk::domain::clock::FixedClock;
use clerkdesk::tui::action::{Action, Filter};
use clerkdesk::tui::app::{App, MessageKind};
use clerkdesk::tui::screens::ScreenId;
use clerkdesk::tui::screens::intake::Step;
use rusqlite::Connection;
use std::path::Path;
use std::sync::Arc;

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(Utc.with_ymd_and_hms(2026, 11, 20, 9, 30, 0).unwrap()))
}

fn demo_store(dir: &Path, config: &Config) -> std::path::PathBuf {
    support::tui::demo_store(dir, clock().0, config, 60)
}

fn app_on(path: &Path, config: Config) -> App {
    support::tui::app_at(path, clock().0, config, true)
}

#[test]
fn a_filing_at_the_counter_from_citizen_search_to_printed_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let printed = dir.path().join("printed.txt");
    let config = Config::parse_str(&format!("[printer]\ncommand = \"cat > '{}'\"", printed.display()), "t").unwrap();
    let path = demo_store(dir.path(), &config);
    let (given, family): (String, String) = Connection::open(&path)
        .unwrap()
        .query_row("SELECT given_name, family_name FROM citizens ORDER BY id LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let mut app = app_on(&path, config);
    login(&mut app, "prepazka");
    app.update(Action::New);
    assert_eq!(app.screen, ScreenId::Intake);
    // The citizen, found by the surname typed without diacritics.
    type_text(&mut app, &clerkdesk::domain::text::fold(&family));
    assert!(app.intake.citizens.iter().any(|c| c.family_name == family), "{:?}", app.intake.citizens);
    let i = app.intake.citizens.iter().position(|c| c.family_name == family && c.given_name == given).unwrap();
    for _ in 0..i {
        app.update(Action::Down);
    }
    insta::assert_snapshot!("intake_citizen_80x24", frame_text(&app, 80, 24).replace(&family, "PŘÍJMENÍ"));
    app.update(Action::Open);
    assert_eq!(app.intake.step, Step::Situation);
    // The life situation, by a fuzzy, declined, accent-less query.
    type_text(&mut app, "obcansky prukaz vydani");
    insta::assert_snapshot!("intake_situation_80x24", frame_text(&app, 80, 24).replace(&family, "PŘÍJMENÍ"));
    app.update(Action::Open);
    assert_eq!(app.intake.situation.as_ref().map(|s| s.code.as_str()), Some("OP-VYDANI"));
    assert_eq!(app.intake.step, Step::Details);
    // Submitting with a required field empty marks it and files nothing.
    let required_text = app.intake.details.fields.iter().position(|f| f.required && f.value().is_empty());
    if let Some(i) = required_text {
        app.update(Action::Save);
        assert_eq!(app.intake.step, Step::Details);
        assert_eq!(app.intake.details.focus, i, "the focus jumps to the first wrong field");
        assert!(app.intake.details.fields[i].error.is_some());
        type_text(&mut app, "x");
    }
    insta::assert_snapshot!("intake_details_80x24", frame_text(&app, 80, 24).replace(&family, "PŘÍJMENÍ"));
    app.update(Action::Save);
    assert_eq!(app.intake.step, Step::Done, "{:?}", app.message);
    let filed = app.intake.filed.clone().unwrap();
    assert!(filed.reference_number.starts_with("MULO-") && filed.reference_number.ends_with("/2026/OSA"));
    assert!(frame_text(&app, 80, 24).contains(&filed.reference_number), "the clerk sees the number at once");
    // The receipt goes to the configured printer.
    app.update(Action::Print);
    assert_eq!(app.message.as_ref().map(|m| m.kind), Some(MessageKind::Success), "{:?}", app.message);
    let receipt = std::fs::read_to_string(&printed).unwrap();
    assert!(receipt.contains(&filed.reference_number) && receipt.contains("Potvrzení o přijetí podání"), "{receipt}");
    // The case is in the store, routed, with its history and audit.
    let conn = Connection::open(&path).unwrap();
    let (dept, status): (String, String) = conn
        .query_row(
            "SELECT d.code, c.status FROM cases c JOIN departments d ON d.id = c.department_id WHERE reference_number = ?1",
            [&filed.reference_number],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((dept.as_str(), status.as_str()), ("OSA", "received"));
    // Enter starts the next filing with a clean form.
    app.update(Action::Open);
    assert_eq!(app.intake.step, Step::Citizen);
    assert!(app.intake.citizen.is_none());
}

#[test]
fn a_new_citizen_is_checked_and_a_possible_duplicate_needs_a_second_ctrl_s() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path(), &Config::default());
    let (given, family, born): (String, String, String) = Connection::open(&path)
        .unwrap()
        .query_row("SELECT given_name, family_name, birth_date FROM citizens ORDER BY id LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    let mut app = app_on(&path, Config::default());
    login(&mut app, "prepazka");
    app.update(Action::New);
    app.update(Action::New);
    assert_eq!(app.intake.step, Step::NewCitizen);
    // A wrong birth number is refused beside its field.
    type_text(&mut app, "Jana");
    app.update(Action::NextField);
    type_text(&mut app, "Testová");
    app.update(Action::NextField);
    type_text(&mut app, "3. 5. 1980");
    app.update(Action::NextField);
    type_text(&mut app, "805503/1234");
    app.update(Action::Save);
    assert_eq!(app.intake.step, Step::NewCitizen);
    assert!(app.intake.new_citizen.get("birth_number").unwrap().error.is_some(), "{:?}", app.intake.new_citizen);
    insta::assert_snapshot!("intake_new_citizen_error_80x24", frame_text(&app, 80, 24));
    // The same name and birth date as someone on file: warned, then created on the second Ctrl+S.
    let mut app = app_on(&path, Config::default());
    login(&mut app, "prepazka");
    app.update(Action::New);
    app.update(Action::New);
    type_text(&mut app, &given);
    app.update(Action::NextField);
    type_text(&mut app, &family);
    app.update(Action::NextField);
    type_text(&mut app, &born);
    app.update(Action::Save);
    assert_eq!(app.intake.step, Step::NewCitizen, "a possible duplicate is not created at once");
    assert_eq!(app.message.as_ref().map(|m| m.kind), Some(MessageKind::Error));
    app.update(Action::Save);
    assert_eq!(app.intake.step, Step::Situation, "{:?}", app.message);
    assert_eq!(app.intake.citizen.as_ref().map(|c| c.family_name.as_str()), Some(family.as_str()));
}

#[test]
fn the_case_list_searches_as_you_type_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path(), &Config::default());
    let reference: String = Connection::open(&path)
        .unwrap()
        .query_row("SELECT reference_number FROM cases ORDER BY id DESC LIMIT 1 OFFSET 5", [], |r| r.get(0))
        .unwrap();
    let mut app = app_on(&path, Config::default());
    login(&mut app, "vedouci");
    app.update(Action::GoTo(ScreenId::Cases));
    let all = app.cases.rows.len();
    assert!(all > 10);
    app.update(Action::Search);
    // A fragment of the reference number finds it.
    type_text(&mut app, &reference[5..10]);
    assert!(app.cases.rows.iter().any(|r| r.reference_number == reference), "{:?}", app.cases.rows.len());
    assert!(app.cases.rows.len() < all);
    app.update(Action::Back);
    app.update(Action::Back);
    assert_eq!(app.cases.rows.len(), all, "Esc clears the search");
    app.update(Action::Filter(Filter::Overdue));
    assert!(!app.cases.rows.is_empty());
    let today = "2026-11-20";
    assert!(app.cases.rows.iter().all(|r| r.deadline.as_deref().is_some_and(|d| d < today)), "only overdue");
    insta::assert_snapshot!("cases_overdue_80x24", frame_text(&app, 80, 24));
    app.update(Action::Filter(Filter::Overdue));
    app.update(Action::Filter(Filter::Status));
    assert!(app.cases.rows.iter().all(|r| r.status.as_str() == "received"));
}

#[test]
fn a_supervisor_reassigns_marked_cases_in_one_action() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path(), &Config::default());
    let mut app = app_on(&path, Config::default());
    login(&mut app, "vedouci");
    app.update(Action::GoTo(ScreenId::Cases));
    app.update(Action::Filter(Filter::Status));
    let first_two: Vec<String> = app.cases.rows.iter().take(2).map(|r| r.reference_number.clone()).collect();
    assert_eq!(first_two.len(), 2);
    app.update(Action::Mark);
    app.update(Action::Mark);
    assert_eq!(app.cases.marked.len(), 2);
    app.update(Action::Menu);
    assert!(app.cases.bulk.is_some());
    type_text(&mut app, "OSA");
    app.update(Action::NextField);
    type_text(&mut app, "referent");
    app.update(Action::NextField);
    type_text(&mut app, "rozdělení práce");
    app.update(Action::Save);
    assert_eq!(app.message.as_ref().map(|m| m.kind), Some(MessageKind::Success), "{:?}", app.message);
    let conn = Connection::open(&path).unwrap();
    for r in &first_two {
        let (dept, who): (String, String) = conn
            .query_row(
                "SELECT d.code, u.username FROM cases c JOIN departments d ON d.id = c.department_id
                 JOIN users u ON u.id = c.assignee_id WHERE c.reference_number = ?1",
                [r],
                |x| Ok((x.get(0)?, x.get(1)?)),
            )
            .unwrap();
        assert_eq!((dept.as_str(), who.as_str()), ("OSA", "referent"));
    }
    // A counter clerk may not mark cases for a bulk hand-over.
    let mut clerk = app_on(&path, Config::default());
    login(&mut clerk, "prepazka");
    clerk.update(Action::GoTo(ScreenId::Cases));
    clerk.update(Action::Mark);
    assert!(clerk.cases.marked.is_empty());
    assert_eq!(clerk.message.as_ref().map(|m| m.kind), Some(MessageKind::Error));
}

#[test]
fn the_watchdog_counts_per_department_and_lists_them_on_enter() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path(), &Config::default());
    let mut app = app_on(&path, Config::default());
    login(&mut app, "vedouci");
    app.update(Action::GoTo(ScreenId::Watchdog));
    assert!(!app.watchdog.rows.is_empty());
    insta::assert_snapshot!("watchdog_80x24", frame_text(&app, 80, 24));
    let row = app.watchdog.rows[0].clone();
    app.update(Action::Open);
    assert_eq!(app.screen, ScreenId::Cases);
    assert!(!app.cases.rows.is_empty());
    assert!(app.cases.rows.iter().all(|r| r.department_code == row.department), "the row's department only");
}

#[test]
fn the_next_clerk_at_the_workstation_sees_nothing_of_the_last_ones_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path(), &Config::default());
    let mut app = app_on(&path, Config::default());
    login(&mut app, "vedouci");
    app.update(Action::GoTo(ScreenId::Cases));
    app.update(Action::Search);
    type_text(&mut app, "novak");
    app.update(Action::Back);
    app.update(Action::Filter(Filter::Overdue));
    app.update(Action::Open);
    app.update(Action::New);
    type_text(&mut app, "dvor");
    app.update(Action::Logout);
    login(&mut app, "prepazka");
    assert!(app.cases.query.search.is_empty() && !app.cases.query.overdue, "no search or filter left over");
    assert!(!app.cases.detail_open(), "no case left open");
    assert!(app.intake.citizen_query.value().is_empty(), "no half-typed filing left over");
    assert_eq!(app.screen, ScreenId::Dashboard);
}

#[test]
fn the_intake_form_empty_and_with_validation_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path(), &Config::default());
    let mut app = app_on(&path, Config::default());
    login(&mut app, "prepazka");
    app.update(Action::New);
    insta::assert_snapshot!("intake_empty_80x24", frame_text(&app, 80, 24));
    // No citizen (a change of permanent residence by post): Enter on an empty search.
    app.update(Action::Open);
    type_text(&mut app, "zmena trvaleho pobytu");
    app.update(Action::Open);
    assert_eq!(app.intake.situation.as_ref().map(|s| s.code.as_str()), Some("EO-TRVALY-POBYT"));
    // Ctrl+S with the required fields empty: marked, the focus on the first, nothing filed.
    app.update(Action::Save);
    assert_eq!(app.intake.step, Step::Details);
    let wrong: Vec<&str> =
        app.intake.details.fields.iter().filter(|f| f.error.is_some()).map(|f| f.key.as_str()).collect();
    assert_eq!(wrong, ["new_address", "since"]);
    // A date the domain refuses is named beside its field after the store's validation.
    type_text(&mut app, "Husova 5, Lipnice nad Orlicí");
    app.update(Action::NextField);
    type_text(&mut app, "31. 2. 2026");
    app.update(Action::Save);
    assert_eq!(app.intake.step, Step::Details, "an impossible date is refused");
    assert!(app.intake.details.get("since").unwrap().error.is_some(), "{:?}", app.intake.details);
    insta::assert_snapshot!("intake_details_errors_80x24", frame_text(&app, 80, 24));
    let n: i64 = Connection::open(&path).unwrap().query_row("SELECT count(*) FROM cases", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 60, "nothing was filed");
}
