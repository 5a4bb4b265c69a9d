//! `clerkdesk import portal` and the citizen on file: a filer the portal verified brings the
//! citizen's phone, e-mail and address up to date (audited, names and birth number untouched); an
//! unverified filer never does; the same file again changes nothing; the search indexes follow,
//! also for a citizen created and updated within one batch.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use serde_json::{Value, json};
use support::cli::{Env, count, dump};

const TABLES: &[&str] = &["cases", "case_history", "citizens", "audit_log", "portal_imports"];

fn env() -> Env {
    Env::with_clerk()
}

/// A filing of Jan Novák, born 1 February 1980, with these citizen details on top.
fn filing(id: &str, identified: bool, details: &Value) -> Value {
    let mut citizen =
        json!({"given_name":"Jan","family_name":"Novák","birth_date":"1980-02-01","identified":identified});
    for (k, v) in details.as_object().unwrap() {
        citizen[k] = v.clone();
    }
    json!({"v":1,"type":"filing","portal_id":id,"submitted_at":"2026-11-20T08:15:00Z","citizen":citizen,
        "situation":"OP-VYDANI","fields":{"reason":"expiry","express":"standard","under15":"no"}})
}

fn old_address() -> Value {
    json!({"birth_number":"800201/0005","street":"Dlouhá 5","city":"Litoměřice","postcode":"412 01",
        "phone":"+420 601 111 222","email":"jan@example.cz"})
}

fn import(env: &Env, name: &str, records: &[Value], extra: &[&str]) -> Value {
    let text = support::cli::lines(records);
    let path = env.path(name);
    std::fs::write(&path, text).unwrap();
    let mut args = vec!["import", "portal", path.to_str().unwrap(), "--as", "prepazka", "--json"];
    args.extend_from_slice(extra);
    let out = env.cmd(&args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    assert!(summary.is_object(), "{stderr}");
    summary
}

/// The one citizen's (street, city, postcode, phone, email, version).
fn citizen(env: &Env) -> (String, String, String, String, String, i64) {
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM citizens"), 1, "one citizen");
    env.conn()
        .query_row("SELECT street, city, postcode, phone, email, version FROM citizens", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .unwrap()
}

fn updates(env: &Env) -> Vec<(String, String, String, String)> {
    let conn = env.conn();
    let mut stmt = conn
        .prepare("SELECT actor, entity_id, detail, reason FROM audit_log WHERE action = 'citizen_update' ORDER BY id")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn found(env: &Env, sql: &str) -> i64 {
    count(&env.conn(), sql)
}

#[test]
fn a_verified_filer_who_moved_updates_the_citizen_on_file_once_with_an_audit_line() {
    let env = env();
    assert_eq!(import(&env, "1.jsonl", &[filing("P-1", false, &old_address())], &[])["new"], 1);
    let before = citizen(&env);
    // Matched by name and birth date (the portal's spelling, no birth number); the e-mail differs
    // only in case, so it stays as the office has it.
    let mut moved = filing(
        "P-2",
        true,
        &json!({"street":"Krátká 7","city":"Lovosice","postcode":"410 02","phone":"602 333 444","email":"JAN@example.cz"}),
    );
    moved["citizen"]["given_name"] = json!("JAN");
    moved["citizen"]["family_name"] = json!("NOVAK");
    let dry = import(&env, "2.jsonl", std::slice::from_ref(&moved), &["--dry-run"]);
    assert_eq!((dry["new"].as_u64(), dry["updated"].as_u64()), (Some(1), Some(0)), "a new filing stays new: {dry}");
    assert_eq!(citizen(&env), before, "a dry run writes nothing");
    let s = import(&env, "2.jsonl", std::slice::from_ref(&moved), &[]);
    assert_eq!((s["new"].as_u64(), s["rejected"].as_u64()), (Some(1), Some(0)), "{s}");
    let want = ("Krátká 7", "Lovosice", "410 02", "+420602333444", "jan@example.cz", before.5 + 1);
    let now = citizen(&env);
    assert_eq!((&*now.0, &*now.1, &*now.2, &*now.3, &*now.4, now.5), want);
    let names: (String, String, String) = env
        .conn()
        .query_row("SELECT given_name, family_name, birth_number FROM citizens", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(names, ("Jan".into(), "Novák".into(), "8002010005".into()), "names and birth number are the office's");
    let audit = updates(&env);
    assert_eq!(audit.len(), 1, "{audit:?}");
    let (actor, id, detail, reason) = &audit[0];
    assert_eq!((actor.as_str(), id.as_str()), ("root (uid 0) acting as prepazka", "1"));
    for part in ["street 'Dlouhá 5' → 'Krátká 7'", "city 'Litoměřice' → 'Lovosice'", "postcode", "phone"] {
        assert!(detail.contains(part), "{detail}");
    }
    assert!(!detail.contains("email"), "{detail}");
    assert!(reason.contains("P-2") && reason.contains("verified"), "{reason}");
    // The search indexes moved with the citizen.
    assert_eq!(found(&env, "SELECT count(*) FROM citizens_fts WHERE citizens_fts MATCH 'kratka'"), 1);
    assert_eq!(found(&env, "SELECT count(*) FROM citizens_fts WHERE citizens_fts MATCH 'dlouha'"), 0);
    assert_eq!(found(&env, "SELECT count(*) FROM citizens_tri WHERE citizens_tri MATCH '\"602333\"'"), 1);
    env.cmd(&["check"]).assert().success();
    // The same file again: every record unchanged, nothing written.
    let before = dump(&env.conn(), TABLES);
    let again = import(&env, "2.jsonl", &[moved], &[]);
    assert_eq!((again["unchanged"].as_u64(), again["new"].as_u64()), (Some(1), Some(0)), "{again}");
    assert_eq!(dump(&env.conn(), TABLES), before, "nothing written the second time");
}

#[test]
fn an_unverified_filers_details_are_never_applied() {
    let env = env();
    let mut first = filing("P-1", true, &old_address());
    assert_eq!(import(&env, "1.jsonl", std::slice::from_ref(&first), &[])["new"], 1);
    let before = citizen(&env);
    // The same person by birth number, not verified by the portal: a new filing, the old details.
    first["portal_id"] = json!("P-2");
    first["citizen"]["identified"] = json!(false);
    first["citizen"]["street"] = json!("Krátká 7");
    first["citizen"]["phone"] = json!("602 333 444");
    let s = import(&env, "2.jsonl", &[first], &[]);
    assert_eq!(s["new"], 1, "{s}");
    assert_eq!(citizen(&env), before);
    assert!(updates(&env).is_empty());
    // Verified but with nothing new (empty parts keep the office's; the same street spelled
    // without diacritics is the same street): nothing changes either.
    let same = filing("P-3", true, &json!({"birth_number":"8002010005","street":"DLOUHA  5","city":""}));
    assert_eq!(import(&env, "3.jsonl", &[same], &[])["new"], 1);
    assert_eq!(citizen(&env), before);
    assert!(updates(&env).is_empty());
}

#[test]
fn a_verified_filers_bad_phone_is_the_records_rejection() {
    let env = env();
    assert_eq!(import(&env, "1.jsonl", &[filing("P-1", false, &old_address())], &[])["new"], 1);
    let before = citizen(&env);
    let bad = filing("P-2", true, &json!({"birth_number":"800201/0005","phone":"12","street":"Krátká 7"}));
    let s = import(&env, "2.jsonl", &[bad], &[]);
    assert_eq!((s["status"].as_str(), s["rejected"].as_u64()), (Some("refused"), Some(1)), "{s}");
    assert_eq!(s["rejections"][0]["field"], "citizen.phone", "{s}");
    assert_eq!(citizen(&env), before);
}

#[test]
fn a_citizen_created_and_updated_in_one_batch_is_indexed_once_as_it_ends() {
    let env = env();
    let moved = json!({"birth_number":"800201/0005","street":"Krátká 7","city":"Lovosice","postcode":"410 02"});
    let s = import(&env, "1.jsonl", &[filing("P-1", true, &old_address()), filing("P-2", true, &moved)], &[]);
    assert_eq!(s["new"], 2, "{s}");
    let now = citizen(&env);
    assert_eq!((&*now.0, &*now.1, &*now.3), ("Krátká 7", "Lovosice", "+420601111222"));
    assert_eq!(updates(&env).len(), 1);
    assert_eq!(found(&env, "SELECT count(*) FROM citizens_fts WHERE citizens_fts MATCH 'lovosice'"), 1);
    assert_eq!(found(&env, "SELECT count(*) FROM citizens_fts WHERE citizens_fts MATCH 'litomerice'"), 0);
    assert_eq!(found(&env, "SELECT count(*) FROM citizens_tri WHERE citizens_tri MATCH '\"601111\"'"), 1);
    env.cmd(&["check"]).assert().success();
}

#[test]
fn a_filing_changed_on_the_portal_brings_its_verified_filers_new_address() {
    let env = env();
    let mut record = filing("P-1", true, &old_address());
    assert_eq!(import(&env, "1.jsonl", std::slice::from_ref(&record), &[])["new"], 1);
    record["citizen"]["street"] = json!("Krátká 7");
    let s = import(&env, "2.jsonl", &[record], &[]);
    assert_eq!(s["updated"], 1, "{s}");
    assert_eq!(citizen(&env).0, "Krátká 7");
    let history = found(
        &env,
        "SELECT count(*) FROM case_history WHERE event = 'portal_update' AND detail LIKE '%contact details%'",
    );
    assert_eq!(history, 1);
    assert_eq!(updates(&env).len(), 1);
}
