//! `clerkdesk import officials`, and the catalogue and the plan under `clerkdesk import`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use chrono::{TimeZone, Utc};
use clerkdesk::config::Config;
use clerkdesk::desk::{Desk, DeskError};
use clerkdesk::domain::clock::FixedClock;
use clerkdesk::store::Store;
use serde_json::Value;
use std::sync::Arc;
use support::cli::{CATALOGUE, Env, count, dump};

/// A login on a desk an hour later than the one before, so no failure's wait meets the next.
fn login(env: &Env, user: &str, password: &str) -> Result<(), DeskError> {
    static HOURS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
    let later = chrono::Duration::hours(HOURS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 11, 20, 9, 30, 0).unwrap() + later);
    let mut desk = Desk::new(Store::open(&env.db(), false).unwrap(), Arc::new(clock), Config::default());
    desk.login(user, password).map(|_| ())
}

const OFFICIALS: &str = "Login;Jméno;Odbor;Funkce;Funkce EN;Kancelář;Telefon;E-mail;Role\r\n\
    mdvorak;Ing. Martin Dvořák;OSA;referent přestupků;offences officer;A015;+420 465 503 215;martin.dvorak@mesto-lipnice.cz;official\r\n\
    jnovakova;Mgr. Jana Nováková;OSA;vedoucí odboru správních agend;;A012;+420 465 503 201;jana.novakova@mesto-lipnice.cz;\r\n\
    kmalikova;Kateřina Malíková;KC;pracovnice klientského centra;;A001;;;counter_clerk\r\n";

fn write(env: &Env, name: &str, text: &str) -> String {
    let path = env.path(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn official(env: &Env, code: &str) -> (String, String, String, i64) {
    env.conn()
        .query_row(
            "SELECT o.name, d.code, o.room, o.active FROM officials o JOIN departments d ON d.id = o.department_id WHERE o.code = ?1",
            [code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap()
}

#[test]
fn officials_merge_into_the_directory_with_accounts_and_a_second_run_changes_nothing() {
    let env = Env::new();
    env.init();
    let file = write(&env, "officials.csv", OFFICIALS);
    let before = dump(&env.conn(), &["officials", "users", "audit_log"]);
    let dry = env.json(&["import", "officials", &file, "--dry-run", "--json"]);
    assert_eq!((dry["status"].as_str(), &dry["officials"]["inserted"]), (Some("dry_run"), &Value::from(2)));
    assert_eq!(dump(&env.conn(), &["officials", "users", "audit_log"]), before, "a dry run writes nothing");

    let out = env.ok(&["import", "officials", &file]);
    assert!(out.contains("2 new, 1 updated, 0 unchanged, 0 deactivated"), "{out}");
    assert!(out.contains("2 account(s) created without a password: mdvorak, kmalikova"), "{out}");
    assert_eq!(official(&env, "mdvorak"), ("Ing. Martin Dvořák".into(), "OSA".into(), "A015".into(), 1));
    assert_eq!(official(&env, "jnovakova").2, "A012", "an official of the catalogue is updated by code");
    let en: String =
        env.conn().query_row("SELECT position_en FROM officials WHERE code = 'jnovakova'", [], |r| r.get(0)).unwrap();
    assert_eq!(en, "head of the Civil Agendas Department", "a blank cell keeps what the directory has");
    assert!(count(&env.conn(), "SELECT count(*) FROM officials WHERE active = 1") > 20, "the others stay");
    let users = env.json(&["user", "list", "--json"]);
    let kmalikova = users.as_array().unwrap().iter().find(|u| u["username"] == "kmalikova").unwrap();
    assert_eq!((kmalikova["role"].as_str(), kmalikova["department"].as_str()), (Some("counter_clerk"), Some("KC")));
    assert_eq!(kmalikova["password_set"], false);
    assert!(env.ok(&["user", "list"]).contains("no password"));
    // No password yet: nobody logs in until an administrator sets one.
    for guess in ["", "!no-password", "heslo1234"] {
        assert!(matches!(login(&env, "mdvorak", guess), Err(DeskError::BadLogin)), "{guess:?}");
    }
    env.cmd(&["user", "passwd", "mdvorak", "--password-stdin"]).write_stdin("heslo1234\n").assert().success();
    login(&env, "mdvorak", "heslo1234").unwrap();

    let again = env.json(&["import", "officials", &file, "--json"]);
    assert_eq!(again["officials"]["unchanged"], 3);
    assert_eq!(again["accounts_created"], serde_json::json!([]));
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM audit_log WHERE action = 'officials_import'"), 1);
    // The directory shows the new official.
    let dir = env.json(&["directory", "Dvořák přestupků", "--json"]);
    assert!(dir["officials"].as_array().unwrap().iter().any(|o| o["code"] == "mdvorak"), "{dir}");
}

#[test]
fn an_existing_account_is_never_changed_by_the_file() {
    let env = Env::new();
    env.init();
    env.add_user("mdvorak", "counter_clerk");
    let file = write(&env, "officials.csv", OFFICIALS);
    let s = env.json(&["import", "officials", &file, "--json"]);
    assert_eq!(s["accounts_created"], serde_json::json!(["kmalikova"]));
    let note = s["accounts_kept"][0]["note"].as_str().unwrap();
    assert!(note.contains("exists as counter_clerk") && note.contains("not changed"), "{note}");
    let role: String =
        env.conn().query_row("SELECT role FROM users WHERE username = 'mdvorak'", [], |r| r.get(0)).unwrap();
    assert_eq!(role, "counter_clerk");
}

#[test]
fn a_faulty_file_is_refused_whole_naming_every_line_and_field() {
    let env = Env::new();
    env.init();
    let text = "kód,jméno,odbor,telefon,e-mail,role\n\
                novy,Jan Nový,OSA,,,\n\
                mdvorak,Martin Dvořák,NOPE,123,,\n\
                novy,Jan Nový II,OSA,,jan(at)example.cz,\n\
                Bad Code,,KC,,,chief\n";
    let file = write(&env, "bad.csv", text);
    let before = dump(&env.conn(), &["officials", "users", "audit_log"]);
    let err = env.fails(&["import", "officials", &file], None, 1, &["refused, nothing changed"]);
    for want in [
        "line 3: department (column 'odbor'): no department 'NOPE' in the catalogue",
        "line 3: phone (column 'telefon'): ",
        "line 4: code (column 'kód'): 'novy' is on line 2 already",
        "line 4: email (column 'e-mail'): 'jan(at)example.cz' is not an e-mail address",
        "line 5: code (column 'kód'): must be 1–32 letters",
        "line 5: name (column 'jméno'): is empty",
        "line 5: role: 'chief' is not a role",
    ] {
        assert!(err.contains(want), "wants '{want}':\n{err}");
    }
    assert_eq!(dump(&env.conn(), &["officials", "users", "audit_log"]), before);
    // A script asking for JSON gets the refusal as JSON too, every fault in it, and exit 1.
    let out = env.cmd(&["import", "officials", &file, "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((s["status"].as_str(), s["rejections"].as_array().map(Vec::len)), (Some("refused"), Some(7)), "{s}");
    env.fails(&["import", "officials", &write(&env, "h.csv", "name,odbor\nX,OSA\n")], None, 1, &["no column for code"]);
}

#[test]
fn deactivate_missing_makes_the_file_the_whole_list() {
    let env = Env::new();
    env.init();
    let file = write(&env, "officials.csv", OFFICIALS);
    let s = env.json(&["import", "officials", &file, "--deactivate-missing", "--json"]);
    let active = count(&env.conn(), "SELECT count(*) FROM officials WHERE active = 1");
    assert_eq!(active, 3);
    assert!(s["officials"]["deactivated"].as_u64().unwrap() >= 20, "{s}");
    assert_eq!(official(&env, "tbenes").3, 0, "kept for the cases that refer to it, inactive");
}

#[test]
fn the_catalogue_and_the_plan_import_under_import_too() {
    let env = Env::new();
    env.init();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let catalogue = root.join("assets/catalogue/default.toml");
    let plan = root.join("assets/appointments/default.toml");
    let before = dump(&env.conn(), CATALOGUE);
    let out = env.ok(&["import", "catalogue", catalogue.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("Nothing to change."), "{out}");
    let s = env.json(&["import", "catalogue", catalogue.to_str().unwrap(), "--json"]);
    assert_eq!(s["changed"], false);
    let out = env.ok(&["import", "plan", plan.to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("Dry run: nothing changed."), "{out}");
    let s = env.json(&["import", "plan", plan.to_str().unwrap(), "--json"]);
    assert_eq!(s["dry_run"], false);
    assert_eq!(dump(&env.conn(), CATALOGUE), before);
    // The old spellings still work.
    env.ok(&["catalogue", "import", catalogue.to_str().unwrap(), "--dry-run"]);
    env.ok(&["appointments", "plan", "import", plan.to_str().unwrap(), "--dry-run"]);
}
