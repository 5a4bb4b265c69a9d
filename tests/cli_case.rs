//! `clerkdesk case …` and `fee pay` as scripts use them: `--as USER`, `--json`, exit 1 with the
//! reason on a refusal, and bad input that changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use support::cli::{Env, ID_CARD, count, dump};

const CASE_TABLES: &[&str] = &["cases", "case_history", "citizens", "fee_claims", "payments", "attachments"];

fn env() -> Env {
    let env = Env::new();
    env.init();
    for (user, role, dept) in [
        ("prepazka", "counter_clerk", None),
        ("osa", "department_official", Some("OSA")),
        ("vedouci", "supervisor", None),
        ("pryc", "counter_clerk", None),
    ] {
        env.add_user_in(user, role, dept);
    }
    env.ok(&["user", "disable", "pryc"]);
    env
}

fn file_id_card(env: &Env) -> String {
    let mut args = ID_CARD.to_vec();
    args.push("--json");
    env.json(&args)["reference_number"].as_str().unwrap().to_owned()
}

#[test]
fn file_with_a_new_citizen_attachment_and_show_it() {
    let env = env();
    let sha = "0".repeat(64);
    let att = format!("scan:1.pdf:2048:{sha}");
    let mut args = ID_CARD.to_vec();
    args.extend(["--new-citizen", "Jana Marie Nováková,1985-06-15", "--attachment", &att, "--note", "u přepážky"]);
    let out = env.ok(&args);
    assert!(out.starts_with("MULO-00001/") && out.contains("/OSA  received  department OSA  deadline "), "{out}");
    let r = out.split_whitespace().next().unwrap().to_owned();

    let show = env.json(&["case", "show", &r, "--json"]);
    assert_eq!(show["status"], "received");
    assert_eq!(show["citizen"]["given_name"], "Jana Marie");
    assert_eq!(show["citizen"]["family_name"], "Nováková");
    assert_eq!(show["form"]["under15"], "no");
    assert_eq!(show["attachments"][0]["name"], "scan:1.pdf");
    assert_eq!(show["history"][0]["event"], "filed");
    assert_eq!(show["version"], 1);
    let text = env.ok(&["case", "show", &r]);
    assert!(text.contains("history:") && text.contains("filed"), "{text}");

    // The same person again: a possible duplicate, refused unless confirmed.
    let mut again = ID_CARD.to_vec();
    again.extend(["--new-citizen", "Jana Marie Novakova,1985-06-15"]);
    env.fails(&again, None, 1, &["possible duplicate"]);
    again.push("--confirm-duplicate");
    env.ok(&again);
}

#[test]
fn file_refuses_bad_input_and_changes_nothing() {
    fn with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut a = ID_CARD.to_vec();
        a.extend_from_slice(extra);
        a
    }
    let env = env();
    let before = dump(&env.conn(), CASE_TABLES);
    env.fails(&with(&["--field", "express=zitra"]), None, 1, &["express", "not one of"]);
    env.fails(&with(&["--field", "colour=red"]), None, 1, &["colour"]);
    env.fails(&with(&["--field", "novalue"]), None, 1, &["KEY=VALUE"]);
    env.fails(&with(&["--attachment", "a.pdf:10:xyz"]), None, 1, &["64 hex digits"]);
    env.fails(&with(&["--attachment", "a.pdf"]), None, 1, &["NAME:SIZE:SHA256"]);
    env.fails(&with(&["--birth-number", "800101/0001"]), None, 1, &["birth number"]);
    env.fails(&with(&["--new-citizen", "Jan"]), None, 1, &["Given Family"]);
    env.fails(&with(&["--citizen", "999"]), None, 1, &["999"]);
    env.fails(&with(&["--channel", "pigeon"]), None, 2, &["pigeon"]);
    let mut wrong_user = ID_CARD.to_vec();
    wrong_user[3] = "nikdo";
    env.fails(&wrong_user, None, 1, &["nikdo"]);
    wrong_user[3] = "pryc";
    env.fails(&wrong_user, None, 1, &["disabled"]);
    wrong_user[3] = "osa";
    env.fails(&wrong_user, None, 1, &["may not file"]);
    env.fails(&["case", "show", "MULO-99999/2026/OSA"], None, 1, &["not found"]);
    assert_eq!(dump(&env.conn(), CASE_TABLES), before);
}

#[test]
fn assign_status_note_link_complex() {
    let env = env();
    let r = file_id_card(&env);
    let r2 = file_id_card(&env);

    let out = env.ok(&["case", "assign", &r, "--as", "vedouci", "--department", "OSA", "--official", "osa"]);
    assert!(out.contains("received → assigned"), "{out}");
    env.fails(
        &["case", "status", &r, "--as", "osa", "--to", "resolved", "--outcome", "x"],
        None,
        1,
        &["an assigned case cannot be resolved"],
    );
    let j = env.json(&["case", "status", &r, "--as", "osa", "--to", "in_progress", "--json"]);
    assert_eq!((j["from"].as_str(), j["to"].as_str()), (Some("assigned"), Some("in_progress")));
    env.fails(&["case", "status", &r, "--as", "osa", "--to", "suspended"], None, 1, &["needs a reason"]);
    let out = env.ok(&["case", "status", &r, "--as", "osa", "--to", "suspended", "--reason", "čekáme"]);
    assert!(out.contains("deadline none"), "{out}");
    env.ok(&["case", "status", &r, "--as", "osa", "--to", "in_progress"]);
    env.fails(&["case", "complex", &r, "--as", "prepazka", "--reason", "x"], None, 1, &["may not"]);
    env.ok(&["case", "complex", &r, "--as", "osa", "--reason", "posudek"]);
    env.fails(&["case", "complex", &r, "--as", "osa", "--reason", "again"], None, 1, &["already"]);
    env.ok(&["case", "note", &r, "--as", "prepazka", "--text", "občan volal"]);
    env.fails(&["case", "note", &r, "--as", "prepazka", "--text", " "], None, 1, &["text"]);
    env.ok(&["case", "link", &r, "--as", "prepazka", "--to", &r2]);
    env.fails(&["case", "link", &r2, "--as", "prepazka", "--to", &r], None, 1, &["already linked"]);
    env.fails(&["case", "link", &r, "--as", "prepazka", "--to", &r], None, 1, &["itself"]);
    env.fails(&["case", "status", &r, "--as", "osa", "--to", "bogus"], None, 2, &["bogus"]);
    env.fails(&["case", "status", &r, "--as", "osa", "--to", "assigned"], None, 1, &["case assign"]);
    let version = env.json(&["case", "show", &r, "--json"])["version"].as_i64().unwrap();
    let stale = (version - 1).to_string();
    env.fails(
        &["case", "note", &r, "--as", "osa", "--text", "x", "--expect-version", &stale],
        None,
        1,
        &["was changed by"],
    );
    env.ok(&["case", "status", &r, "--as", "osa", "--to", "resolved", "--outcome", "vydáno"]);
    env.ok(&["case", "status", &r, "--as", "osa", "--to", "closed"]);
    env.fails(
        &["case", "status", &r, "--as", "osa", "--to", "withdrawn", "--reason", "x"],
        None,
        1,
        &["a closed case cannot be withdrawn"],
    );
    env.ok(&["case", "status", &r2, "--as", "vedouci", "--to", "forwarded", "--authority", "KÚ", "--reason", "§12"]);

    let show = env.json(&["case", "show", &r, "--json"]);
    assert_eq!(show["status"], "closed");
    assert_eq!(show["outcome"], "vydáno");
    assert_eq!(show["complex"], true);
    assert_eq!(show["links"][0]["reference_number"], r2.as_str());
    let events: Vec<&str> = show["history"].as_array().unwrap().iter().map(|h| h["event"].as_str().unwrap()).collect();
    assert_eq!(
        events,
        ["filed", "assign", "start", "suspend", "resume", "mark_complex", "note", "link", "resolve", "close"]
    );
    assert_eq!(env.json(&["case", "show", &r2, "--json"])["forwarded_to"], "KÚ");
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "the cash desk in one story: a fee claimed, paid in parts, refused when overpaid"
)]
fn fee_pay() {
    let env = env();
    let j = env.json(&[support::cli::PASSPORT, &["--json"]].concat());
    let r = j["reference_number"].as_str().unwrap();
    let j = env.json(&[
        "fee",
        "pay",
        r,
        "--as",
        "prepazka",
        "--amount",
        "500",
        "--method",
        "cash",
        "--receipt",
        "A1",
        "--json",
    ]);
    assert_eq!((j["claimed"].as_i64(), j["paid"].as_i64(), j["owed"].as_i64()), (Some(2000), Some(500), Some(1500)));
    let out = env.ok(&["fee", "pay", r, "--as", "prepazka", "--amount", "1000", "--method", "card", "--receipt", "A2"]);
    assert!(out.contains("owed 500 Kč"), "{out}");
    let before = dump(&env.conn(), CASE_TABLES);
    env.fails(
        &["fee", "pay", r, "--as", "prepazka", "--amount", "600", "--method", "cash", "--receipt", "A3"],
        None,
        1,
        &["more than"],
    );
    env.fails(
        &["fee", "pay", r, "--as", "prepazka", "--amount", "100", "--method", "cash", "--receipt", "A1"],
        None,
        1,
        &["already used"],
    );
    env.fails(
        &["fee", "pay", r, "--as", "osa", "--amount", "100", "--method", "cash", "--receipt", "A4"],
        None,
        1,
        &["may not take payments"],
    );
    env.fails(
        &["fee", "pay", r, "--as", "prepazka", "--amount", "100", "--method", "gold", "--receipt", "A5"],
        None,
        2,
        &["gold"],
    );
    env.fails(
        &["fee", "pay", r, "--as", "prepazka", "--amount", "-5", "--method", "cash", "--receipt", "A6"],
        None,
        2,
        &[],
    );
    assert_eq!(dump(&env.conn(), CASE_TABLES), before);
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM payments"), 2);
    let show = env.json(&["case", "show", r, "--json"]);
    assert_eq!(show["fees"]["owed"], 500);
}

#[test]
fn a_refused_filing_for_a_new_citizen_leaves_no_citizen_behind() {
    let env = Env::new();
    env.init();
    env.ok(&["demo", "--citizens", "0", "--cases", "0", "--seed", "1"]);
    let citizens =
        |env: &Env| -> i64 { env.conn().query_row("SELECT count(*) FROM citizens", [], |r| r.get(0)).unwrap() };
    // OP-VYDANI requires its choices; without them the filing is refused…
    env.fails(
        &["case", "file", "--as", "prepazka", "--situation", "OP-VYDANI", "--new-citizen", "Jana Nováková,1980-05-03"],
        None,
        1,
        &["express"],
    );
    // …and the citizen it would have created is not on file.
    assert_eq!(citizens(&env), 0);
    env.ok(&[
        "case",
        "file",
        "--as",
        "prepazka",
        "--situation",
        "OP-VYDANI",
        "--new-citizen",
        "Jana Nováková,1980-05-03",
        "--field",
        "reason=expiry",
        "--field",
        "express=standard",
        "--field",
        "under15=no",
    ]);
    assert_eq!(citizens(&env), 1);
}
