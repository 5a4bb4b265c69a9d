//! The portal filings of an export: the full export (`--all`, its own query) and a window over
//! everything (the cron export's query) write back the same filings, each with its own
//! attachments in the order they were added and the citizen as on file, and leave out the filing
//! of a portal case without a citizen, among counter cases with attachments of their own.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use clerkdesk::store::{CaseFeedRow, Marks, PortalFilingRow, Store};
use serde_json::json;
use support::cli::Env;

fn counter_case(env: &Env, attachments: &[&String]) {
    let mut args = support::cli::ID_CARD.to_vec();
    for a in attachments {
        args.extend(["--attachment", a.as_str()]);
    }
    env.ok(&args);
}

fn portal_filing(id: &str, family: &str, identified: bool, attachments: &[(&str, u64)]) -> serde_json::Value {
    let attachments: Vec<_> =
        attachments.iter().map(|(name, size)| json!({"name": name, "size": size, "sha256": "b".repeat(64)})).collect();
    json!({
        "v": 1, "type": "filing", "portal_id": id, "submitted_at": "2026-11-20T08:15:00Z",
        "citizen": {"given_name": "Jan", "family_name": family, "birth_date": "1980-02-01", "identified": identified},
        "situation": "OP-VYDANI", "subject": format!("průkaz {id}"), "note": "poznámka",
        "fields": {"reason": "expiry", "express": "standard", "under15": "no"},
        "attachments": attachments
    })
}

/// Every row of the case feed from `from` to the top, portal filings and case states alike.
fn feed(store: &mut Store, from: Marks) -> (Vec<PortalFilingRow>, Vec<String>) {
    let (mut filings, mut states) = (Vec::new(), Vec::new());
    store
        .read(|tx| {
            let top = tx.export_top()?;
            tx.changed_cases(from, top, &mut |r| {
                match r {
                    CaseFeedRow::Filing(f) => filings.push(f),
                    CaseFeedRow::Status(s) => states.push(s.reference_number),
                }
                Ok(())
            })
        })
        .unwrap();
    (filings, states)
}

#[test]
fn the_full_export_and_a_window_over_everything_write_back_the_same_filings() {
    let env = Env::new();
    env.init();
    env.add_user("prepazka", "counter_clerk");
    let sha = |c: &str| c.repeat(64);
    counter_case(&env, &[&format!("sken.pdf:10:{}", sha("c"))]);
    let records = [
        portal_filing("P-1", "Dvořák", true, &[("foto.jpg", 123), ("podpis.png", 7)]),
        portal_filing("P-2", "Svoboda", false, &[]),
        portal_filing("P-3", "Černý", true, &[("foto.jpg", 5)]),
    ];
    let lines: Vec<String> = records.iter().map(ToString::to_string).collect();
    let file = env.path("in.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    env.ok(&["import", "portal", "--as", "prepazka", file.to_str().unwrap()]);
    counter_case(&env, &[&format!("a.pdf:1:{}", sha("d")), &format!("b.pdf:2:{}", sha("e"))]);
    // No import makes a portal case without a citizen; the export must still pass one over.
    env.conn().execute("UPDATE cases SET citizen_id = NULL WHERE portal_id = 'P-3'", []).unwrap();
    let mut store = Store::open(&env.db(), false).unwrap();
    // Marks of -1 take the window's query over everything; 0 the full export's.
    let window = feed(&mut store, Marks { history: -1, outbox: 0, appt: 0, payment: -1 });
    let full = feed(&mut store, Marks::default());
    assert_eq!(full, window);
    let (filings, states) = full;
    assert_eq!(states.len(), 5, "every case, counter and portal: {states:?}");
    let got: Vec<(&str, Option<&str>, Vec<&str>)> = filings
        .iter()
        .map(|f| {
            let who = f.citizen.as_ref().map(|c| c.family_name.as_str());
            (f.portal_id.as_str(), who, f.attachments.iter().map(|a| a.name.as_str()).collect())
        })
        .collect();
    assert_eq!(
        got,
        [
            ("P-1", Some("Dvořák"), vec!["foto.jpg", "podpis.png"]),
            ("P-2", Some("Svoboda"), vec![]),
            ("P-3", None, vec!["foto.jpg"]),
        ],
        "each filing with its own attachments in order, none of the counter cases'"
    );
    let p1 = &filings[0];
    assert_eq!((p1.subject.as_str(), p1.note.as_str(), p1.situation.as_str()), ("průkaz P-1", "poznámka", "OP-VYDANI"));
    assert_eq!((p1.submitted_at.as_str(), p1.identified), ("2026-11-20T08:15:00Z", true));
    assert_eq!(p1.attachments[1].size, 7);
    assert!(!filings[1].identified);
    // The desk writes back the filings with a citizen only.
    let out = env.path("all.jsonl");
    let summary = env.json(&["export", "portal", "--all", "--json", "-o", out.to_str().unwrap()]);
    assert_eq!((summary["cases"].as_u64(), summary["filings"].as_u64()), (Some(5), Some(2)), "{summary}");
}
