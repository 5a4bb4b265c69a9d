//! The CLI's account, catalogue, directory, config and documentation commands.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use chrono::{TimeZone, Utc};
use clerkdesk::config::Config;
use clerkdesk::desk::{Desk, DeskError};
use clerkdesk::domain::clock::FixedClock;
use clerkdesk::store::Store;
use predicates::prelude::*;
use std::sync::Arc;
use support::cli::{CATALOGUE, Env, count, dump};

const ACCOUNTS: &[&str] = &["users", "audit_log"];

/// A login on a desk an hour later than the one before, so no failure's wait meets the next.
fn login(env: &Env, user: &str, password: &str) -> Result<(), DeskError> {
    static HOURS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
    let later = chrono::Duration::hours(HOURS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let clock = FixedClock(Utc.with_ymd_and_hms(2025, 3, 12, 9, 30, 0).unwrap() + later);
    let mut desk = Desk::new(Store::open(&env.db(), false).unwrap(), Arc::new(clock), Config::default());
    desk.login(user, password).map(|_| ())
}

#[test]
fn user_accounts_lifecycle() {
    let env = Env::new();
    env.init();
    env.cmd(&["user", "add", "jnovak", "--name", "Jan Novák", "--role", "counter_clerk", "--department", "KC"])
        .arg("--password-stdin")
        .write_stdin("tajne-heslo\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("jnovak"));
    let list = env.ok(&["user", "list", "--json"]);
    assert!(!list.contains("argon2") && !list.contains("hash"), "no hash in the list: {list}");
    let users: serde_json::Value = serde_json::from_str(&list).unwrap();
    let u = &users.as_array().unwrap()[0];
    assert_eq!((u["username"].as_str(), u["role"].as_str()), (Some("jnovak"), Some("counter_clerk")));
    assert_eq!((u["department"].as_str(), u["disabled"].as_bool()), (Some("KC"), Some(false)));
    login(&env, "jnovak", "tajne-heslo").unwrap();

    env.cmd(&["user", "passwd", "jnovak", "--password-stdin"]).write_stdin("nove-heslo\n").assert().success();
    assert!(matches!(login(&env, "jnovak", "tajne-heslo"), Err(DeskError::BadLogin)));
    login(&env, "jnovak", "nove-heslo").unwrap();

    assert!(env.ok(&["user", "disable", "jnovak", "--reason", "odešel"]).contains("disabled"));
    assert!(env.ok(&["user", "disable", "jnovak"]).contains("already disabled"));
    assert_eq!(env.json(&["user", "list", "--json"])[0]["disabled"], true);
    // Disabled answers like a wrong password (the audit says why).
    assert!(matches!(login(&env, "jnovak", "nove-heslo"), Err(DeskError::BadLogin)));
    env.ok(&["user", "enable", "jnovak"]);
    login(&env, "jnovak", "nove-heslo").unwrap();

    // Ten failures in a row lock the name (login.lockout_after); an administrator unlocks it.
    for _ in 0..10 {
        assert!(matches!(login(&env, "jnovak", "spatne-heslo"), Err(DeskError::BadLogin)));
    }
    assert!(matches!(login(&env, "jnovak", "nove-heslo"), Err(DeskError::LockedOut)));
    assert!(env.ok(&["user", "list"]).contains("locked"));
    assert_eq!(env.json(&["user", "list", "--json"])[0]["locked"], true);
    assert!(env.ok(&["user", "unlock", "jnovak"]).contains("unlocked"));
    assert!(env.ok(&["user", "unlock", "jnovak"]).contains("already unlocked"));
    login(&env, "jnovak", "nove-heslo").unwrap();
    let conn = env.conn();
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log WHERE action = 'login_lockout'"), 1);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM audit_log WHERE action = 'user_unlock' AND actor = 'root (uid 0)'"),
        1
    );
}

#[test]
fn bad_account_input_says_what_is_wrong_and_changes_nothing() {
    let env = Env::new();
    env.init();
    env.cmd(&["user", "add", "eva", "--name", "Eva", "--role", "supervisor", "--password-stdin"])
        .write_stdin("dlouhe-heslo\n")
        .assert()
        .success();
    let before = dump(&env.conn(), ACCOUNTS);
    let add = |user: &str, role: &str, dept: Option<&str>| {
        let mut a = vec!["user", "add", user, "--name", "Někdo", "--role", role, "--password-stdin"];
        if let Some(d) = dept {
            a.extend(["--department", d]);
        }
        a.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let cases: Vec<(Vec<String>, &str, i32, Vec<&str>)> = vec![
        (add("petr", "counter_clerk", None), "kratke\n", 1, vec!["password", "8"]),
        (add("Petr Velky", "counter_clerk", None), "dlouhe-heslo\n", 1, vec!["username"]),
        (add("petr", "boss", None), "dlouhe-heslo\n", 2, vec!["boss", "role"]),
        (add("petr", "counter_clerk", Some("XYZ")), "dlouhe-heslo\n", 1, vec!["department", "XYZ"]),
        (add("eva", "counter_clerk", None), "dlouhe-heslo\n", 1, vec!["eva", "already exists"]),
        (vec!["user".into(), "disable".into(), "nikdo".into()], "", 1, vec!["nikdo"]),
        (vec!["user".into(), "passwd".into(), "eva".into(), "--password-stdin".into()], "abc\n", 1, vec!["password"]),
    ];
    for (args, stdin, code, words) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.fails(&args, Some(stdin), code, &words);
        assert_eq!(dump(&env.conn(), ACCOUNTS), before, "{args:?} changed nothing");
    }
}

#[test]
fn catalogue_round_trip_dry_run_and_refusals() {
    let env = Env::new();
    env.init();
    let file = env.path("catalogue.toml");
    env.ok(&["catalogue", "export", "-o", file.to_str().unwrap()]);
    let before = dump(&env.conn(), CATALOGUE);
    let audit = count(&env.conn(), "SELECT count(*) FROM audit_log");
    assert!(env.ok(&["catalogue", "import", file.to_str().unwrap()]).contains("Nothing to change"));
    assert_eq!(dump(&env.conn(), CATALOGUE), before);
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM audit_log"), audit);

    // One fee changed.
    let mut cat: toml::Table = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let situation =
        cat["situation"].as_array_mut().unwrap().iter_mut().find(|s| s["code"].as_str() == Some("OP-VYDANI"));
    situation.unwrap().as_table_mut().unwrap().insert("fee_czk".into(), toml::Value::Integer(123));
    let edited = env.path("edited.toml");
    std::fs::write(&edited, toml::to_string(&cat).unwrap()).unwrap();
    let fee = || count(&env.conn(), "SELECT fee_czk FROM situations WHERE code = 'OP-VYDANI'");
    let old_fee = fee();

    let dry = env.json(&["catalogue", "import", edited.to_str().unwrap(), "--dry-run", "--json"]);
    assert_eq!(dry["changed"], true);
    assert_eq!(dry["catalogue"]["situations"]["updated"], 1);
    assert_eq!(dry["catalogue"]["departments"]["updated"], 0);
    assert_eq!(dump(&env.conn(), CATALOGUE), before, "a dry run changes nothing");
    assert_eq!(fee(), old_fee);

    let real = env.json(&["catalogue", "import", edited.to_str().unwrap(), "--json"]);
    assert_eq!(real["catalogue"]["situations"]["updated"], 1);
    assert_eq!(fee(), 123);
    let changed = dump(&env.conn(), CATALOGUE);

    // An official in a department that does not exist: refused, naming the entry and the field.
    let text = std::fs::read_to_string(&file).unwrap();
    let bad_dept = env.path("bad-dept.toml");
    std::fs::write(&bad_dept, text.replacen("department = \"OSA\"", "department = \"NOPE\"", 1)).unwrap();
    env.fails(
        &["catalogue", "import", bad_dept.to_str().unwrap()],
        None,
        1,
        &["department", "NOPE", "nothing changed"],
    );
    // A TOML syntax error: refused, naming the line.
    let bad_syntax = env.path("bad-syntax.toml");
    std::fs::write(&bad_syntax, format!("{}\n[[department]\ncode = \"X\"\n", &text[..200.min(text.len())])).unwrap();
    env.fails(&["catalogue", "import", bad_syntax.to_str().unwrap(), "--dry-run"], None, 1, &["line"]);
    env.fails(&["catalogue", "import", env.path("missing.toml").to_str().unwrap()], None, 1, &["missing.toml"]);
    assert_eq!(dump(&env.conn(), CATALOGUE), changed, "refused files changed nothing");
}

fn situation_codes(env: &Env, query: &[&str]) -> Vec<String> {
    let mut args = vec!["directory"];
    args.extend(query);
    args.push("--json");
    let json = env.json(&args);
    json["situations"].as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn directory_finds_the_id_card_without_diacritics() {
    let env = Env::new();
    env.init();
    let plain = situation_codes(&env, &["obcansky", "prukaz"]);
    // The three ID-card situations match by name, so they come before those that only mention an
    // ID card among the documents to bring.
    let mut first: Vec<&str> = plain.iter().take(3).map(String::as_str).collect();
    first.sort_unstable();
    assert_eq!(first, ["OP-PREVZETI", "OP-VYDANI", "OP-ZTRATA"], "name matches first: {plain:?}");
    assert!(plain.len() > 3, "document mentions follow: {plain:?}");
    assert_eq!(situation_codes(&env, &["OBČANSKÝ", "PRŮKAZ"]), plain, "diacritics and case are ignored");
    assert_eq!(situation_codes(&env, &["občanský průkaz"]), plain, "one argument or several");
    assert!(situation_codes(&env, &["xyzzy-nic"]).is_empty());
}

#[test]
fn config_show_validate_and_example() {
    let env = Env::new();
    let good = env.path("good.toml");
    std::fs::write(&good, "[office]\nname = \"Úřad Testov\"\n[hotline]\nreview_share = 0.25\n").unwrap();
    let json = env.json(&["--config", good.to_str().unwrap(), "config", "show", "--json"]);
    assert_eq!(json["office"]["name"], "Úřad Testov");
    assert_eq!(json["hotline"]["review_share"], 0.25);

    let bad = env.path("bad.toml");
    std::fs::write(&bad, "[hotline]\nreview_share = 2\n").unwrap();
    env.fails(&["--config", bad.to_str().unwrap(), "config", "show"], None, 1, &["hotline.review_share"]);
    env.fails(&["--config", env.path("absent.toml").to_str().unwrap(), "config", "show"], None, 1, &["absent.toml"]);

    let example = env.ok(&["config", "example"]);
    Config::parse_str(&example, "example").unwrap();
    let ex = env.path("example.toml");
    std::fs::write(&ex, &example).unwrap();
    let from_example = env.json(&["--config", ex.to_str().unwrap(), "config", "show", "--json"]);
    assert_eq!(from_example, env.json(&["config", "show", "--json"]), "the example holds the defaults");

    // Without --json: TOML, where a setting left unset (no printer by default) is left out.
    let shown: toml::Value = toml::from_str(&env.ok(&["config", "show"])).unwrap();
    assert_eq!(shown["office"]["designation"].as_str(), Some("MULO"));
    assert!(shown["printer"].get("command").is_none(), "{shown}");
}

#[test]
fn completions_man_help_and_version() {
    let env = Env::new();
    for shell in ["bash", "zsh"] {
        let script = env.ok(&["completions", shell]);
        assert!(script.contains("clerkdesk") && script.len() > 500, "{shell}");
    }
    env.fails(&["completions", "tcsh-9"], None, 2, &["tcsh-9"]);
    let man = env.path("man");
    env.ok(&["man", "--out", man.to_str().unwrap()]);
    let page = std::fs::read_to_string(man.join("clerkdesk.1")).unwrap();
    assert!(page.contains(".TH") && page.contains("clerkdesk"));
    for args in [&["--help"][..], &["user", "add", "--help"], &["catalogue", "import", "--help"], &["backup", "--help"]]
    {
        let out = env.ok(args);
        assert!(out.contains("Usage:"), "{args:?}: {out}");
    }
    assert!(env.ok(&["--version"]).contains(env!("CARGO_PKG_VERSION")));
    env.fails(&["no-such-command"], None, 2, &["no-such-command"]);
    env.fails(&["demo", "--cases", "many"], None, 2, &["many"]);
}

#[test]
fn output_to_a_closed_reader_does_not_panic() {
    let env = Env::new();
    env.init();
    // The catalogue is far larger than a pipe's buffer, so the writer meets the closed pipe.
    let mut child = env
        .bare_std()
        .arg("--db")
        .arg(env.db())
        .args(["catalogue", "export"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}
