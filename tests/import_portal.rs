//! `clerkdesk import portal`: idempotent, all-or-nothing per file unless --skip-invalid,
//! resumable after kill -9, bookings through the counter's booking operation.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use serde_json::{Value, json};
use support::cli::{Env, count, dump};

const TABLES: &[&str] =
    &["cases", "case_history", "citizens", "attachments", "appointments", "audit_log", "portal_imports"];

fn env() -> Env {
    Env::with_clerk()
}

fn filing(i: usize) -> Value {
    json!({"v":1,"type":"filing","portal_id":format!("P-{i}"),"submitted_at":"2026-11-20T08:15:00Z",
        "citizen":{"given_name":"Jan","family_name":format!("Novák{}", i % 500),"birth_date":"1980-02-01","identified":true},
        "situation":"OP-VYDANI","subject":"nový občanský průkaz",
        "fields":{"reason":"expiry","express":"standard","under15":"no"},
        "attachments":[{"name":"foto.jpg","size":123,"sha256":"a".repeat(64)}]})
}

fn booking(i: usize, at: &str) -> Value {
    json!({"v":1,"type":"booking","portal_id":format!("B-{i}"),"submitted_at":"2026-11-20T08:15:00Z",
        "citizen":{"given_name":"Eva","family_name":format!("Malá{i}"),"birth_date":"1990-01-01"},
        "service":"OP-PODANI","resource":"P1","start":at})
}

fn write(env: &Env, name: &str, records: &[Value]) -> String {
    let text = support::cli::lines(records);
    let path = env.path(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn import(env: &Env, file: &str, extra: &[&str]) -> (i32, Value, String) {
    let mut args = vec!["import", "portal", file, "--as", "prepazka", "--json"];
    args.extend_from_slice(extra);
    let out = env.cmd(&args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap(), serde_json::from_str(&stdout).unwrap_or(Value::Null), stderr)
}

fn free_slots(env: &Env, n: usize) -> Vec<String> {
    let from = (chrono::Utc::now().date_naive() + chrono::Days::new(2)).to_string();
    let args = [
        "appt",
        "slots",
        "--service",
        "OP-PODANI",
        "--resource",
        "P1",
        "--from",
        &from,
        "--count",
        &n.to_string(),
        "--json",
    ];
    env.json(&args).as_array().unwrap().iter().map(|s| s["start"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_file_imports_once_and_the_same_file_again_changes_nothing() {
    let env = env();
    let slots = free_slots(&env, 2);
    let mut records: Vec<Value> = (1..=40).map(filing).collect();
    records.push(booking(1, &slots[0]));
    records.push(booking(2, &slots[1]));
    let file = write(&env, "p.jsonl", &records);
    let (code, s, err) = import(&env, &file, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!((s["new"].as_u64(), s["rejected"].as_u64(), s["status"].as_str()), (Some(42), Some(0), Some("done")));
    let conn = env.conn();
    assert_eq!(count(&conn, "SELECT count(*) FROM cases WHERE channel = 'portal' AND portal_id IS NOT NULL"), 40);
    assert_eq!(count(&conn, "SELECT count(*) FROM appointments WHERE portal_id LIKE 'B-%' AND channel = 'portal'"), 2);
    assert_eq!(count(&conn, "SELECT max(ref_seq) - min(ref_seq) + 1 FROM cases"), 40, "gap-free numbers");
    let before = dump(&conn, TABLES);
    let (code, s, _) = import(&env, &file, &[]);
    assert_eq!(code, 0);
    assert_eq!((s["new"].as_u64(), s["unchanged"].as_u64()), (Some(0), Some(42)));
    assert_eq!(dump(&env.conn(), TABLES), before, "nothing written the second time");
}

#[test]
fn a_change_on_the_portal_updates_with_history_unless_the_office_changed_the_case() {
    let env = env();
    let file = write(&env, "p.jsonl", &[filing(1), filing(2)]);
    assert_eq!(import(&env, &file, &[]).0, 0);
    let mut changed = [filing(1), filing(2)];
    changed[0]["subject"] = json!("ztracený průkaz");
    changed[0]["fields"]["reason"] = json!("lost");
    changed[1]["note"] = json!("doplněno");
    let reference: String =
        env.conn().query_row("SELECT reference_number FROM cases WHERE portal_id = 'P-2'", [], |r| r.get(0)).unwrap();
    env.ok(&["case", "note", &reference, "--as", "prepazka", "--text", "volali jsme"]);
    let file = write(&env, "p2.jsonl", &changed);
    let (code, s, err) = import(&env, &file, &["--skip-invalid"]);
    assert_eq!(code, 1, "a conflict is not imported: {err}");
    assert_eq!((s["updated"].as_u64(), s["rejected"].as_u64()), (Some(1), Some(1)));
    assert!(s["rejections"][0]["reason"].as_str().unwrap().contains("conflict"), "{s}");
    assert_eq!(s["rejections"][0]["location"]["line"], 2);
    let conn = env.conn();
    let (subject, form): (String, String) = conn
        .query_row("SELECT subject, form_data FROM cases WHERE portal_id = 'P-1'", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(subject, "ztracený průkaz");
    assert!(form.contains("lost"));
    let history = count(
        &conn,
        "SELECT count(*) FROM case_history h JOIN cases c ON c.id = h.case_id WHERE c.portal_id = 'P-1' AND h.event = 'portal_update' AND h.detail LIKE '%subject%'",
    );
    assert_eq!(history, 1);
    assert_eq!(count(&conn, "SELECT count(*) FROM cases WHERE portal_id = 'P-2' AND note = 'doplněno'"), 0);
}

#[test]
fn one_invalid_record_refuses_the_whole_file_naming_line_field_and_reason() {
    let env = env();
    let mut records: Vec<Value> = (1..=5).map(filing).collect();
    records[2]["citizen"]["birth_date"] = json!("31. 2. 1980");
    records[3]["situation"] = json!("NO-SUCH");
    let file = write(&env, "p.jsonl", &records);
    let before = dump(&env.conn(), TABLES);
    let (code, s, err) = import(&env, &file, &[]);
    assert_eq!(code, 1);
    assert_eq!(s["status"], "refused");
    assert!(err.contains("line 3 (record 3): citizen.birth_date: '31. 2. 1980' is not a date"), "{err}");
    assert!(err.contains("line 4 (record 4): situation: unknown life situation 'NO-SUCH'"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(dump(&env.conn(), TABLES), before);
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM import_runs"), 0);
}

#[test]
fn skip_invalid_imports_the_rest_and_writes_exactly_the_bad_lines() {
    let env = env();
    let mut text = support::cli::lines((1..=4).map(filing));
    text.push_str("{\"v\":1,\"type\":\"filing\" broken\n");
    let bad = {
        let mut f = filing(6);
        f["fields"]["reason"] = json!("bored");
        f.to_string()
    };
    text.push_str(&bad);
    text.push('\n');
    let file = env.path("p.jsonl");
    std::fs::write(&file, &text).unwrap();
    let rejects = env.path("rejects.jsonl");
    let expected = format!("{{\"v\":1,\"type\":\"filing\" broken\n{bad}\n");
    // A dry run keeps nothing: its rejects come from the file.
    let args = ["--skip-invalid", "--rejects", rejects.to_str().unwrap()];
    let (_, s, _) = import(&env, file.to_str().unwrap(), &[&args[..], &["--dry-run"]].concat());
    assert_eq!((s["status"].as_str(), s["rejected"].as_u64()), (Some("dry_run"), Some(2)));
    assert_eq!(std::fs::read_to_string(&rejects).unwrap(), expected);
    std::fs::remove_file(&rejects).unwrap();
    let (code, s, _) = import(&env, file.to_str().unwrap(), &args);
    assert_eq!(code, 1);
    assert_eq!((s["new"].as_u64(), s["rejected"].as_u64()), (Some(4), Some(2)));
    assert_eq!(s["rejections"][1]["field"], "fields");
    assert_eq!(std::fs::read_to_string(&rejects).unwrap(), expected);
}

#[test]
fn a_resumed_run_lists_and_writes_the_rejections_of_the_run_it_resumes() {
    let env = env();
    let mut bad = filing(2);
    bad["fields"]["reason"] = json!("bored");
    let (bad, broken) = (bad.to_string(), "{\"v\":1,\"type\":\"filing\" broken");
    let text = format!("{}\n{bad}\n{}\n{}\n{}\n{broken}\n", filing(1), filing(3), filing(4), filing(5));
    let file = env.path("p.jsonl");
    std::fs::write(&file, &text).unwrap();
    let file = file.to_str().unwrap();
    let rejects = env.path("rejects.jsonl");
    let args = ["--skip-invalid", "--batch", "2", "--rejects", rejects.to_str().unwrap()];
    // The power goes out in the third batch: its transaction is lost, the first two are in.
    let cut =
        "CREATE TRIGGER cut BEFORE INSERT ON cases WHEN NEW.portal_id = 'P-5' BEGIN SELECT RAISE(ABORT, 'cut'); END";
    env.conn().execute(cut, []).unwrap();
    let (code, _, err) = import(&env, file, &args);
    assert_eq!(code, 1, "{err}");
    let conn = env.conn();
    conn.execute("DROP TRIGGER cut", []).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM import_runs WHERE status = 'running' AND records_done = 4"), 1);
    assert_eq!(count(&conn, "SELECT count(*) FROM import_rejections"), 1, "kept with its batch");

    let (code, s, err) = import(&env, file, &args);
    assert_eq!(code, 1, "rejections exit 1: {err}");
    assert_eq!((s["resumed_after"].as_u64(), s["new"].as_u64(), s["rejected"].as_u64()), (Some(4), Some(4), Some(2)));
    let listed = s["rejections"].as_array().unwrap();
    assert_eq!(listed.len(), 2, "as many listed as counted: {s}");
    assert_eq!((&listed[0]["location"]["line"], &listed[0]["field"]), (&json!(2), &json!("fields")), "{s}");
    assert!(listed[0]["reason"].as_str().unwrap().contains("bored"), "{s}");
    assert_eq!((&listed[1]["location"]["line"], &listed[1]["field"]), (&json!(6), &json!("line")), "{s}");
    assert!(err.contains("line 2 (record 2): fields:"), "the text listing names it too: {err}");
    assert_eq!(std::fs::read_to_string(&rejects).unwrap(), format!("{bad}\n{broken}\n"));
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM import_rejections"), 2, "none twice");
    env.cmd(&["check"]).assert().success();
}

#[test]
fn dry_run_and_stdin() {
    let env = env();
    let file = write(&env, "p.jsonl", &[filing(1), filing(2)]);
    let before = dump(&env.conn(), TABLES);
    let (code, s, _) = import(&env, &file, &["--dry-run"]);
    assert_eq!((code, s["status"].as_str(), s["new"].as_u64()), (0, Some("dry_run"), Some(2)));
    assert_eq!(dump(&env.conn(), TABLES), before);
    let text = std::fs::read_to_string(&file).unwrap();
    let out = env.cmd(&["import", "portal", "-", "--as", "prepazka"]).write_stdin(text).assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("2 new"), "{stdout}");
    // Without --as, root's built-in administrator has no clerk's account to file under.
    env.fails(&["import", "portal", &file], None, 1, &["--as"]);
    env.fails(
        &["import", "portal", &file, "--as", "prepazka", "--encoding", "windows-1250"],
        None,
        2,
        &["--encoding", "CSV"],
    );
}

#[test]
fn a_portal_booking_onto_a_taken_slot_is_rejected_with_the_next_free_slots() {
    let env = env();
    let slot = free_slots(&env, 1).remove(0);
    let file = write(&env, "p.jsonl", &[booking(1, &slot)]);
    assert_eq!(import(&env, &file, &[]).0, 0);
    let file = write(&env, "p2.jsonl", &[booking(2, &slot)]);
    let (code, s, err) = import(&env, &file, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("line 1 (record 1): start: slot taken"), "{err}");
    assert!(err.contains("next free: 20"), "{err}");
    assert_eq!(s["status"], "refused");
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM appointments"), 1);
}

#[test]
fn killed_with_sigkill_a_rerun_finishes_with_every_record_exactly_once() {
    let env = env();
    let n = 20_000;
    let mut records: Vec<Value> = (1..=n).map(filing).collect();
    // Three records the import rejects: two before the kill, one after; lines 300, 1500, 15000.
    let mut bad = Vec::new();
    for line in [300, 1_500, 15_000] {
        let mut f = filing(line);
        f["portal_id"] = json!(format!("BAD-{line}"));
        f["fields"]["reason"] = json!("bored");
        bad.push(format!("{f}\n"));
        records.insert(line - 1, f);
    }
    let file = write(&env, "big.jsonl", &records);
    let rejects = env.path("rejects.jsonl");
    let args = ["--skip-invalid", "--rejects", rejects.to_str().unwrap()];
    let mut child = env
        .bare_std()
        .arg("--db")
        .arg(env.db())
        .args(["import", "portal", &file, "--as", "prepazka"])
        .args(args)
        .spawn()
        .unwrap();
    // Let it commit some batches, then kill it in the middle of one.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let done = env
            .conn()
            .query_row("SELECT coalesce(max(records_done), 0) FROM import_runs", [], |r| r.get::<_, i64>(0))
            .unwrap_or(0);
        if done >= 2_000 || std::time::Instant::now() > deadline {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let conn = env.conn();
    let partial = count(&conn, "SELECT count(*) FROM cases");
    assert!(partial > 0 && partial < 20_000, "killed midway: {partial}");
    assert_eq!(count(&conn, "SELECT count(*) FROM import_runs WHERE status = 'running'"), 1);
    let (code, s, err) = import(&env, &file, &args);
    assert_eq!(code, 1, "three rejected: {err}");
    assert!(s["resumed_after"].as_u64().unwrap() >= 1_500, "the first two were rejected before the kill: {s}");
    assert_eq!(s["new"].as_u64().unwrap(), 20_000, "the resumed run's counts cover the whole file: {s}");
    let lines: Vec<&Value> = s["rejections"].as_array().unwrap().iter().map(|r| &r["location"]["line"]).collect();
    assert_eq!(lines, [&json!(300), &json!(1_500), &json!(15_000)], "every rejection of the job, in order: {s}");
    assert_eq!(s["rejected"], 3);
    assert_eq!(std::fs::read_to_string(&rejects).unwrap(), bad.concat(), "every rejected record, byte for byte");
    let conn = env.conn();
    assert_eq!(count(&conn, "SELECT count(DISTINCT portal_id) FROM cases"), 20_000);
    assert_eq!(count(&conn, "SELECT count(*) FROM cases"), 20_000);
    assert_eq!(count(&conn, "SELECT max(ref_seq) - min(ref_seq) + 1 FROM cases"), 20_000, "gap-free");
    assert_eq!(count(&conn, "SELECT count(*) FROM import_runs WHERE status = 'done' AND records_done = 20003"), 1);
    assert_eq!(count(&conn, "SELECT count(*) FROM import_rejections"), 3, "each kept once");
    assert_eq!(count(&conn, "SELECT count(*) FROM import_runs WHERE status <> 'done'"), 0);
    // Indexed for search in the batch that filed them (migration 0007): every case and citizen is
    // found, and the full-text indexes agree with their tables (`check` runs their integrity-check).
    assert_eq!(count(&conn, "SELECT count(*) FROM case_search"), 20_000);
    assert_eq!(count(&conn, "SELECT count(*) FROM case_fts WHERE case_fts MATCH 'novak137'"), 40);
    assert_eq!(count(&conn, "SELECT count(*) FROM case_ref_tri WHERE reference_number LIKE '%-12345/%'"), 1);
    assert_eq!(count(&conn, "SELECT count(*) FROM citizens_fts WHERE citizens_fts MATCH 'novak137'"), 1);
    env.cmd(&["check"]).assert().success();
}

#[test]
fn a_czech_spreadsheet_and_open311_requests_import_through_the_same_path() {
    let env = env();
    // A spreadsheet export: windows-1250, semicolons, CRLF, Czech headers, day-first dates.
    let csv = "Číslo podání;Podáno;Jméno;Příjmení;Datum narození;Důvod;Expresně;Do 15 let\r\n\
               X-1;20.11.2026 9:15;Jiří;Šťastný;1.2.1980;expiry;standard;no\r\n\
               X-2;20.11.2026 9:20;Růžena;Žluťoučká;3.4.1975;expiry;standard;no\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(csv);
    let data = env.path("podani.csv");
    std::fs::write(&data, &bytes).unwrap();
    let mapping = env.path("mapping.toml");
    std::fs::write(
        &mapping,
        "delimiter = \";\"\nencoding = \"windows-1250\"\ndatetime_format = \"%d.%m.%Y %H:%M\"\ndate_format = \"%d.%m.%Y\"\n\
         [columns]\nportal_id = \"Číslo podání\"\nsubmitted_at = \"Podáno\"\ngiven_name = \"Jméno\"\nfamily_name = \"Příjmení\"\n\
         birth_date = \"Datum narození\"\n\"fields.reason\" = \"Důvod\"\n\"fields.express\" = \"Expresně\"\n\"fields.under15\" = \"Do 15 let\"\n\
         [constants]\nsituation = \"OP-VYDANI\"\n",
    )
    .unwrap();
    let (code, summary, err) =
        import(&env, data.to_str().unwrap(), &["--format", "csv", "--mapping", mapping.to_str().unwrap()]);
    assert_eq!((code, &summary["new"]), (0, &json!(2)), "{summary} {err}");
    let conn = env.conn();
    let names: Vec<String> = conn
        .prepare("SELECT family_name FROM citizens ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(names, ["Šťastný", "Žluťoučká"]);

    // Open311 requests: the birth date as the extension attribute the format documents.
    let requests = json!([{
        "service_request_id": 638_344, "service_code": "OP-VYDANI", "requested_datetime": "2026-11-20T10:00:00+01:00",
        "first_name": "Karel", "last_name": "Dvořák", "email": "karel@example.cz", "lat": "49.9", "long": null,
        "attributes": {"birth_date": "1970-05-06", "reason": "expiry", "express": "standard", "under15": "no"}
    }]);
    let file = env.path("requests.json");
    std::fs::write(&file, requests.to_string()).unwrap();
    let (code, summary, err) = import(&env, file.to_str().unwrap(), &["--format", "open311-json"]);
    assert_eq!((code, &summary["new"]), (0, &json!(1)), "{summary} {err}");
    assert_eq!(count(&conn, "SELECT count(*) FROM cases WHERE portal_id = '638344'"), 1);
    // The same requests again: already there.
    let (code, summary, _) = import(&env, file.to_str().unwrap(), &["--format", "open311-json"]);
    assert_eq!((code, &summary["unchanged"]), (0, &json!(1)), "{summary}");
}

#[test]
fn a_filer_is_matched_by_birth_number_else_by_name_and_birth_date_whatever_the_case_and_diacritics() {
    let env = env();
    let person = |id: &str, given: &str, family: &str, bn: Option<&str>| {
        let mut f = filing(1);
        f["portal_id"] = json!(id);
        f["citizen"] = json!({"given_name": given, "family_name": family, "birth_date": "1980-02-01"});
        if let Some(bn) = bn {
            f["citizen"]["birth_number"] = json!(bn);
        }
        f
    };
    let records = [
        person("M-1", "Jan", "Novák", None),
        // The portal's spelling of the same person: one citizen, the office's spelling kept.
        person("M-2", "JAN", "NOVAK", None),
        // Two men of one name and birthday with different birth numbers are two people.
        person("M-3", "Petr", "Svoboda", Some("800201/0005")),
        person("M-4", "Petr", "Svoboda", Some("800201/0016")),
        // Without a birth number the filing is taken as the first namesake's on file (M-3's).
        person("M-5", "Petr", "Svoboda", None),
    ];
    let file = write(&env, "people.jsonl", &records);
    let (code, s, err) = import(&env, &file, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(s["new"], 5, "{s}");
    let conn = env.conn();
    assert_eq!(count(&conn, "SELECT count(*) FROM citizens WHERE birth_date = '1980-02-01'"), 3);
    assert_eq!(count(&conn, "SELECT count(*) FROM citizens WHERE family_name = 'NOVAK'"), 0);
    let filer = |id: &str| count(&conn, &format!("SELECT citizen_id FROM cases WHERE portal_id = '{id}'"));
    assert_eq!(filer("M-1"), filer("M-2"));
    assert_ne!(filer("M-3"), filer("M-4"));
    // The first on file of those born that day with the name (the lowest id): M-3's filer.
    assert_eq!(filer("M-5"), filer("M-3"));
}
