//! The most reported failure of booking systems is the double booking: two clerks take one slot
//! at the same moment. Here 8 `clerkdesk appointments book` processes race for each slot; the
//! store's primary key on time cells must let exactly one win, and the others must hear
//! "slot taken".
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use clerkdesk::domain::clock::{Clock, SystemClock};
use std::process::{Output, Stdio};
use support::cli::Env;

const PROCESSES: usize = 8;
const SLOTS: usize = 5;
const NAMES: [&str; PROCESSES] = [
    "Jana Nováková",
    "Petr Svoboda",
    "Marie Dvořáková",
    "Jan Černý",
    "Eva Procházková",
    "Tomáš Kučera",
    "Lucie Veselá",
    "Jiří Horák",
];

/// Eight citizens on file, each made by filing a case for a new one.
fn citizens(env: &Env) -> Vec<String> {
    NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let new = format!("{name},1980-01-{:02}", i + 1);
            let args = ["case", "file", "--as", "prepazka", "--situation", "KC-REJSTRIK-TRESTU", "--new-citizen", &new];
            let filed = env.json(&[&args[..], &["--json"]].concat());
            let show = env.json(&["case", "show", filed["reference_number"].as_str().unwrap(), "--json"]);
            show["citizen"]["id"].as_i64().unwrap().to_string()
        })
        .collect()
}

/// Starts every process before waiting for any, so they run at once.
fn race(env: &Env, at: &str, resource: Option<&str>, citizens: &[String]) -> Vec<Output> {
    let children: Vec<_> = citizens
        .iter()
        .map(|c| {
            let mut cmd = env.bare_std();
            cmd.arg("--db").arg(env.db());
            cmd.args([
                "appointments",
                "book",
                "--as",
                "prepazka",
                "--service",
                "OP-PODANI",
                "--at",
                at,
                "--citizen",
                c,
            ]);
            if let Some(r) = resource {
                cmd.args(["--resource", r]);
            }
            cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
        })
        .collect();
    children.into_iter().map(|c| c.wait_with_output().unwrap()).collect()
}

/// The winners' stdout; every loser exited 1 saying the slot is taken.
fn winners(outputs: &[Output], at: &str) -> Vec<String> {
    let mut won = Vec::new();
    for o in outputs {
        let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        if o.status.success() {
            won.push(out.into_owned());
        } else {
            assert_eq!(o.status.code(), Some(1), "{at}: a loser exits 1: {err}");
            assert!(err.starts_with("error: slot taken"), "{at}: a loser hears 'slot taken': {err}");
            assert!(!err.contains("panicked") && !err.contains("locked"), "{at}: {err}");
        }
    }
    won
}

#[test]
fn eight_processes_race_for_each_slot_and_exactly_one_books_it() {
    let env = Env::new();
    env.init();
    env.add_user("prepazka", "counter_clerk");
    let citizens = citizens(&env);
    // From tomorrow: no slot can slip under the minimum notice while the test runs.
    let tomorrow = (SystemClock.today() + chrono::Days::new(1)).to_string();
    let n = (SLOTS + 1).to_string();
    let args = ["appt", "slots", "--service", "OP-PODANI", "--resource", "P1", "--from", &tomorrow, "--count", &n];
    let slots = env.json(&[&args[..], &["--json"]].concat());
    let starts: Vec<&str> = slots.as_array().unwrap().iter().map(|s| s["start"].as_str().unwrap()).collect();
    assert_eq!(starts.len(), SLOTS + 1);

    for at in &starts[..SLOTS] {
        let won = winners(&race(&env, at, Some("P1"), &citizens), at);
        assert_eq!(won.len(), 1, "{at}: exactly one of {PROCESSES} books it: {won:?}");
    }
    // Without --resource each takes the first counter free at that time: P1 and P2, then none.
    let at = starts[SLOTS];
    let won = winners(&race(&env, at, None, &citizens), at);
    assert_eq!(won.len(), 2, "{at}: one at P1, one at P2: {won:?}");
    assert!(won.iter().any(|w| w.contains(" at P1 ")) && won.iter().any(|w| w.contains(" at P2 ")), "{won:?}");

    assert_no_overlap(&env.conn(), SLOTS + 2);
}

/// In the store: the expected number of bookings, each holding its cells, and no two bookings
/// overlapping on one seat of one resource.
fn assert_no_overlap(conn: &rusqlite::Connection, expected: usize) {
    let mut stmt = conn
        .prepare(
            "SELECT a.id, a.resource_id, c.seat, min(c.cell), max(c.cell) + 1, count(*)
             FROM appointments a JOIN appt_cells c ON c.appointment_id = a.id
             WHERE a.status = 'booked' GROUP BY a.id, a.resource_id, c.seat",
        )
        .unwrap();
    let held: Vec<(i64, i64, i64, i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(held.len(), expected, "one seat per booking: {held:?}");
    assert_eq!(support::cli::count(conn, "SELECT count(*) FROM appointments"), i64::try_from(expected).unwrap());
    for (id, _, _, from, to, cells) in &held {
        assert_eq!(to - from, *cells, "booking {id} holds contiguous cells");
        assert_eq!(*cells, 4, "booking {id}: 15 min + 5 min buffer = four 5-minute cells");
    }
    for (i, a) in held.iter().enumerate() {
        for b in &held[i + 1..] {
            let same_seat = a.1 == b.1 && a.2 == b.2;
            assert!(!(same_seat && a.3 < b.4 && b.3 < a.4), "bookings {} and {} overlap: {a:?} {b:?}", a.0, b.0);
        }
    }
}
