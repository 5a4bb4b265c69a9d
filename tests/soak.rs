//! `clerkdesk soak`: the one-minute version CI runs. Eight clerks in processes of their own, an
//! import, an export and a backup over and over on one store; afterwards the store passes `check`,
//! holds no double booking and every imported filing, and no operation failed. The timings
//! themselves are for docs/performance.md, never asserted here.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;
use support::cli::Env;

fn demo_store() -> Env {
    let env = Env::new();
    env.init();
    env.ok(&["demo", "--citizens", "2000", "--cases", "4000", "--seed", "3"]);
    env
}

#[test]
fn a_one_minute_soak_keeps_every_invariant_and_times_every_kind_of_work() {
    let env = demo_store();
    let out = env.cmd(&["soak", "--minutes", "1", "--import-batch", "300", "--json"]).output().unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    assert!(out.status.success(), "{r:#}");
    assert_eq!(r["ok"], true, "{r:#}");
    assert_eq!(r["errors"], 0, "{r:#}");
    assert_eq!(r["check_ok"], true, "{r:#}");
    assert_eq!(r["double_bookings"], 0, "{r:#}");
    assert_eq!(r["imported_filings_in_store"], true, "{r:#}");
    let ops: Vec<&str> = r["operations"].as_array().unwrap().iter().map(|t| t["what"].as_str().unwrap()).collect();
    for op in ["file a case", "search citizens (surname prefix)", "case list, first page of 50", "open a case"] {
        assert!(ops.contains(&op), "{op} was timed: {ops:?}");
    }
    for job in r["jobs"].as_array().unwrap() {
        assert!(job["runs"].as_u64().unwrap() >= 1, "{job}");
        assert_eq!(job["failed"], 0, "{job}");
    }
    let filed = r["operations"].as_array().unwrap().iter().find(|t| t["what"] == "file a case").unwrap();
    assert!(
        r["cases_after"].as_i64().unwrap() >= r["cases_before"].as_i64().unwrap() + filed["runs"].as_i64().unwrap(),
        "every filing the clerks saw saved is in the store: {r:#}"
    );
}

#[test]
fn a_soak_on_a_store_with_a_broken_invariant_fails_and_says_which() {
    let env = demo_store();
    // A cancelled booking that still holds its time: what `check` looks for after the day.
    let conn = env.conn();
    conn.execute_batch(
        "UPDATE appointments SET status = 'cancelled' WHERE id = (SELECT min(appointment_id) FROM appt_cells);",
    )
    .unwrap();
    drop(conn);
    let out = env.cmd(&["soak", "--seconds", "5", "--clerks", "2", "--import-batch", "50", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["ok"], false, "{r:#}");
    assert_eq!(r["check_ok"], false, "{r:#}");
    assert!(r["check_faults"].to_string().contains("cancelled but still holds its time"), "{r:#}");
}

#[test]
fn a_soak_refuses_a_store_without_demo_data() {
    let env = Env::new();
    env.init();
    env.fails(&["soak", "--seconds", "1"], None, 1, &["not a demo store"]);
}
