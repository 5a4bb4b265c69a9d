//! Ctrl-C (SIGINT) stops a bulk import cleanly between two batches: while it checks the file,
//! with nothing written; while it imports, after its last commit, and the same command then
//! finishes the job.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use serde_json::json;
use std::time::{Duration, Instant};
use support::cli::{Env, count};

fn env() -> Env {
    Env::with_clerk()
}

fn filings(env: &Env, n: usize) -> String {
    let text = support::cli::lines((1..=n).map(|i| {
        // Each born another day: a filer is matched among those born that day.
        let born = chrono::NaiveDate::from_ymd_opt(1940, 1, 1).unwrap() + chrono::Days::new(i as u64);
        json!({"v":1,"type":"filing","portal_id":format!("P-{i}"),"submitted_at":"2026-11-20T08:15:00Z",
                "citizen":{"given_name":"Jan","family_name":format!("Novák{i}"),"birth_date":born.to_string()},
                "situation":"OP-VYDANI","fields":{"reason":"expiry","express":"standard","under15":"no"}})
    }));
    let path = env.path("big.jsonl");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn spawn(env: &Env, file: &str) -> std::process::Child {
    env.bare_std()
        .arg("--db")
        .arg(env.db())
        .args(["import", "portal", file, "--as", "prepazka"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn interrupt(child: &std::process::Child) {
    let ok = std::process::Command::new("kill").args(["-s", "INT", &child.id().to_string()]).status().unwrap();
    assert!(ok.success());
}

/// Polls `sql` until it gives at least `at_least` (or a minute passes).
fn wait_for(env: &Env, sql: &str, at_least: i64) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if env.conn().query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap_or(0) >= at_least {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ctrl_c_while_checking_writes_nothing() {
    let env = env();
    let file = filings(&env, 30_000);
    let child = spawn(&env, &file);
    // The check of 30,000 filings takes seconds; the store is open once the binary has started.
    std::thread::sleep(Duration::from_millis(400));
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("stopped while checking") && stderr.contains("nothing was imported"), "{stderr}");
    let conn = env.conn();
    assert_eq!(count(&conn, "SELECT count(*) FROM cases"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM import_runs"), 0, "no run to resume");
}

#[test]
fn ctrl_c_while_importing_stops_after_a_commit_and_the_same_command_finishes() {
    let env = env();
    let n = 20_000;
    let file = filings(&env, n);
    let child = spawn(&env, &file);
    wait_for(&env, "SELECT coalesce(max(records_done), 0) FROM import_runs", 2_000);
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("run the same command again to finish"), "{stderr}");
    let conn = env.conn();
    let (done, status): (i64, String) =
        conn.query_row("SELECT records_done, status FROM import_runs", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(status, "stopped");
    assert!(done < i64::try_from(n).unwrap(), "stopped before the end: {done}");
    assert_eq!(count(&conn, "SELECT count(*) FROM cases"), done, "exactly the committed batches are in");
    let again = env.cmd(&["import", "portal", &file, "--as", "prepazka", "--json"]).output().unwrap();
    let s: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again.status.code(), Some(0), "{s}");
    assert_eq!(s["resumed_after"].as_i64(), Some(done));
    assert_eq!(s["new"].as_u64(), Some(n as u64), "the resumed run's counts cover the whole file: {s}");
    assert_eq!(count(&conn, "SELECT count(DISTINCT portal_id) FROM cases"), i64::try_from(n).unwrap());
    assert_eq!(count(&conn, "SELECT count(*) FROM cases"), i64::try_from(n).unwrap());
}
