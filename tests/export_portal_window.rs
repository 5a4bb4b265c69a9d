//! The cron export (a window since the stored cursor) carries a portal filing or booking again
//! only when the portal sent it in that window: a filing when it was filed or changed on the
//! portal, a booking when it was booked on the portal and is still booked. A change the office
//! makes goes out as the case's or booking's state alone. (The full export's rule, every filing
//! before its case, is the round trip's: `tests/bridge_roundtrip.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use serde_json::{Value, json};
use support::cli::Env;

fn env() -> Env {
    let env = Env::new();
    env.init();
    for (user, role) in [("prepazka", "counter_clerk"), ("vedouci", "supervisor")] {
        env.add_user(user, role);
    }
    env
}

fn filing(id: &str, subject: &str) -> Value {
    json!({"v":1,"type":"filing","portal_id":id,"submitted_at":"2026-11-20T08:15:00Z",
        "citizen":{"given_name":"Jan","family_name":"Novák","birth_date":"1980-02-01","identified":true},
        "situation":"OP-VYDANI","subject":subject,
        "fields":{"reason":"expiry","express":"standard","under15":"no"},
        "attachments":[{"name":"foto.jpg","size":123,"sha256":"a".repeat(64)}]})
}

fn booking(id: &str, at: &str) -> Value {
    json!({"v":1,"type":"booking","portal_id":id,"submitted_at":"2026-11-20T08:15:00Z",
        "citizen":{"given_name":"Eva","family_name":"Malá","birth_date":"1990-01-01"},
        "service":"OP-PODANI","resource":"P1","start":at})
}

fn import(env: &Env, name: &str, records: &[Value]) {
    let path = env.path(name);
    std::fs::write(&path, support::cli::lines(records)).unwrap();
    env.ok(&["import", "portal", path.to_str().unwrap(), "--as", "prepazka"]);
}

/// The next export since the stored cursor, as (type, portal id or reference) per record.
fn window(env: &Env, name: &str) -> Vec<(String, String)> {
    let out = env.path(name);
    env.ok(&["export", "portal", "-o", out.to_str().unwrap()]);
    std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let id = v["portal_id"].as_str().or(v["reference_number"].as_str()).unwrap_or_default();
            (v["type"].as_str().unwrap().to_owned(), id.to_owned())
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

fn free_slot(env: &Env) -> String {
    let from = (chrono::Utc::now().date_naive() + chrono::Days::new(2)).to_string();
    let args =
        ["appt", "slots", "--service", "OP-PODANI", "--resource", "P1", "--from", &from, "--count", "1", "--json"];
    env.json(&args)[0]["start"].as_str().unwrap().to_owned()
}

#[test]
fn a_window_carries_a_filing_only_when_the_portal_sent_it_in_that_window() {
    let env = env();
    import(&env, "a.jsonl", &[filing("P-1", "nový průkaz")]);
    assert_eq!(window(&env, "w1.jsonl"), pairs(&[("filing", "P-1"), ("case_status", "P-1")]));

    import(&env, "b.jsonl", &[filing("P-1", "ztracený průkaz"), filing("P-2", "nový průkaz")]);
    assert_eq!(
        window(&env, "w2.jsonl"),
        pairs(&[("filing", "P-1"), ("case_status", "P-1"), ("filing", "P-2"), ("case_status", "P-2")]),
        "a change on the portal and a new filing each go out with their case"
    );
    let text = std::fs::read_to_string(env.path("w2.jsonl")).unwrap();
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["subject"], "ztracený průkaz", "the filing as the portal last sent it");
    assert_eq!(first["attachments"][0]["name"], "foto.jpg");

    assert_eq!(window(&env, "w3.jsonl"), pairs(&[]), "nothing changed, nothing goes out");

    let reference: String =
        env.conn().query_row("SELECT reference_number FROM cases WHERE portal_id = 'P-1'", [], |r| r.get(0)).unwrap();
    env.ok(&["case", "assign", &reference, "--as", "vedouci", "--department", "OSA"]);
    assert_eq!(
        window(&env, "w4.jsonl"),
        pairs(&[("case_status", "P-1")]),
        "the office's change goes out as the case's state, without the filing again"
    );

    import(&env, "b2.jsonl", &[filing("P-1", "ztracený průkaz")]);
    assert_eq!(window(&env, "w5.jsonl"), pairs(&[]), "the same filing again changes nothing, so nothing goes out");
}

#[test]
fn a_window_carries_a_portal_booking_only_while_it_is_booked_and_in_the_window_it_was_made_in() {
    let env = env();
    let slot = free_slot(&env);
    import(&env, "a.jsonl", &[booking("B-1", &slot)]);
    let w1 = window(&env, "w1.jsonl");
    assert_eq!(w1.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), ["booking", "booking_status"], "{w1:?}");
    assert_eq!(w1[0].1, "B-1");

    let code: String =
        env.conn().query_row("SELECT code FROM appointments WHERE portal_id = 'B-1'", [], |r| r.get(0)).unwrap();
    env.ok(&["appt", "cancel", &code, "--as", "prepazka", "--reason", "nemoc"]);
    let text = {
        let w2 = window(&env, "w2.jsonl");
        assert_eq!(w2, pairs(&[("booking_status", "B-1")]), "a cancellation goes out as the booking's state alone");
        std::fs::read_to_string(env.path("w2.jsonl")).unwrap()
    };
    let state: Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(state["status"], "cancelled");

    let slot = free_slot(&env);
    import(&env, "b.jsonl", &[booking("B-2", &slot)]);
    let code: String =
        env.conn().query_row("SELECT code FROM appointments WHERE portal_id = 'B-2'", [], |r| r.get(0)).unwrap();
    env.ok(&["appt", "cancel", &code, "--as", "prepazka"]);
    assert_eq!(
        window(&env, "w3.jsonl"),
        pairs(&[("booking_status", "B-2")]),
        "booked and cancelled in one window: the portal gets the cancellation, not a booking to make again"
    );
}
