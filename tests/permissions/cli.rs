//! The attacks of issue 12 as they were reproduced, at the command line: each exits 1, says who
//! may not do what, and changes nothing.

use crate::support::cli::{Env, ID_CARD, count};

fn filing() -> String {
    serde_json::json!({"v":1,"type":"filing","portal_id":"P-1","submitted_at":"2026-11-20T08:15:00Z",
        "citizen":{"given_name":"Eva","family_name":"Malá","birth_date":"1990-01-01"},
        "situation":"OP-VYDANI","subject":"nový občanský průkaz",
        "fields":{"reason":"expiry","express":"standard","under15":"no"}})
    .to_string()
}

#[test]
fn the_hotline_cannot_import_portal_filings() {
    let env = Env::with_clerk();
    env.add_user("linka", "hotline_operator");
    let file = env.path("p.jsonl");
    std::fs::write(&file, format!("{}\n", filing())).unwrap();
    let file = file.to_str().unwrap();
    env.fails(&["import", "portal", file, "--as", "linka"], None, 1, &["may not import portal filings"]);
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM cases"), 0);
    env.ok(&["import", "portal", file, "--as", "prepazka"]);
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM cases"), 1);
}

#[test]
fn an_official_prints_no_receipt_of_another_departments_case_nor_holds_a_case_as_supervisor() {
    let env = Env::with_clerk();
    env.add_user_in("od", "department_official", Some("OD"))
        .add_user_in("osa", "department_official", Some("OSA"))
        .add_user("vedouci", "supervisor");
    let filed = env.json(&[ID_CARD, &["--new-citizen", "Jana Nováková,1980-05-03", "--json"]].concat());
    let r = filed["reference_number"].as_str().unwrap().to_owned();
    let audit = || count(&env.conn(), "SELECT count(*) FROM audit_log");
    let before = audit();
    env.fails(&["receipt", &r, "--as", "od"], None, 1, &["may not print receipts outside their own department"]);
    let assign = ["case", "assign", &r, "--as", "vedouci", "--department", "OSA", "--official", "vedouci"];
    env.fails(&assign, None, 1, &["not an official who works cases"]);
    assert_eq!(audit(), before, "the refusals wrote nothing");
    env.ok(&["receipt", &r, "--as", "osa"]);
    env.ok(&["case", "assign", &r, "--as", "vedouci", "--department", "OSA", "--official", "osa"]);
}
