//! `clerkdesk export portal`: what changed since the stored cursor, once; `--since` repeats,
//! `--all` exports everything, a failed export leaves the cursor; Open311 JSON valid against the
//! community schemas; CSV with a BOM (or windows-1250) keeps Czech text.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use serde_json::{Value, json};
use std::path::Path;
use support::cli::{Env, count};

fn env() -> Env {
    let env = Env::new();
    env.init();
    for (user, role, dept) in [
        ("prepazka", "counter_clerk", None),
        ("osa", "department_official", Some("OSA")),
        ("vedouci", "supervisor", None),
    ] {
        env.add_user_in(user, role, dept);
    }
    env
}

fn file_case(env: &Env) -> String {
    let args = [support::cli::ID_CARD, &["--json"]].concat();
    env.json(&args)["reference_number"].as_str().unwrap().to_owned()
}

/// Assigned, worked, then suspended with a Czech reason.
fn suspend(env: &Env, r: &str) {
    env.ok(&["case", "assign", r, "--as", "vedouci", "--department", "OSA", "--official", "osa"]);
    env.ok(&["case", "status", r, "--as", "osa", "--to", "in_progress"]);
    env.ok(&["case", "status", r, "--as", "osa", "--to", "suspended", "--reason", "čekáme na posudek – Žďár"]);
}

/// Runs an export into `name`; (the records as JSON Lines, the summary).
fn export(env: &Env, name: &str, extra: &[&str]) -> (Vec<Value>, Value) {
    let out = env.path(name);
    let mut args = vec!["export", "portal", "--json", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let summary = env.json(&args);
    assert!(!Path::new(&format!("{}.tmp", out.display())).exists(), "the temporary file is renamed");
    let text = std::fs::read_to_string(&out).unwrap();
    (text.lines().map(|l| serde_json::from_str(l).unwrap()).collect(), summary)
}

fn stored_cursor(env: &Env) -> Option<String> {
    env.conn().query_row("SELECT value FROM meta WHERE key = 'portal_export_cursor'", [], |r| r.get(0)).ok()
}

#[test]
fn each_change_is_exported_once_since_repeats_and_all_exports_everything() {
    let env = env();
    let (a, b) = (file_case(&env), file_case(&env));
    let (first, s1) = export(&env, "1.jsonl", &[]);
    assert_eq!((s1["cases"].as_u64(), s1["cursor_from"].as_str()), (Some(2), Some("h0.o0.a0")));
    assert_eq!(first.len(), 2);
    assert_eq!(first[0]["v"], 1);
    assert_eq!(first[0]["type"], "case_status");
    assert_eq!(first[0]["reference_number"], a.as_str());
    assert_eq!((first[0]["status"].as_str(), first[0]["department"].as_str()), (Some("received"), Some("OSA")));
    assert_eq!(first[0]["status_note"], "", "a filing's channel is no status note");
    assert!(first[0]["deadline"].as_str().is_some() && first[0]["identified"] == false);
    let cursor1 = s1["cursor_to"].as_str().unwrap().to_owned();
    assert_eq!(stored_cursor(&env).as_deref(), Some(cursor1.as_str()));

    let (second, s2) = export(&env, "2.jsonl", &[]);
    assert!(second.is_empty(), "{second:?}");
    assert_eq!((s2["cursor_to"].as_str(), s2["cursor_moved"].as_bool()), (Some(cursor1.as_str()), Some(false)));
    assert_eq!(stored_cursor(&env).as_deref(), Some(cursor1.as_str()));

    suspend(&env, &b);
    let (third, s3) = export(&env, "3.jsonl", &[]);
    assert_eq!(third.len(), 1, "only the changed case: {third:?}");
    assert_eq!(third[0]["reference_number"], b.as_str());
    assert_eq!(third[0]["status"], "suspended");
    assert_eq!(third[0]["status_note"], "čekáme na posudek – Žďár");
    assert!(third[0]["deadline"].is_null(), "the clock stands still");
    assert_eq!(s3["cursor_moved"], true);

    let (again, s4) = export(&env, "4.jsonl", &["--since", &cursor1]);
    assert_eq!(again, third, "--since an older cursor repeats");
    assert_eq!(s4["cursor_moved"], false);
    let (all, _) = export(&env, "5.jsonl", &["--all"]);
    assert_eq!(all.len(), 2);
    // Every export is audited.
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM audit_log WHERE action = 'export_portal'"), 5);
}

#[test]
fn a_failed_export_leaves_the_cursor_and_a_bad_cursor_is_refused() {
    let env = env();
    file_case(&env);
    let missing = env.path("nope/out.jsonl");
    env.fails(&["export", "portal", "-o", missing.to_str().unwrap()], None, 1, &["nope"]);
    assert_eq!(stored_cursor(&env), None);
    // Written whole, then the rename into place fails (a directory is in the way): named, nothing moved.
    let dir = env.path("taken");
    std::fs::create_dir(&dir).unwrap();
    env.fails(&["export", "portal", "-o", dir.to_str().unwrap()], None, 1, &[dir.to_str().unwrap()]);
    assert_eq!(stored_cursor(&env), None);
    env.fails(&["export", "portal", "--since", "h1.o2"], None, 2, &["h1.o2", "cursor"]);
    env.fails(&["export", "portal", "--since", "h-1.o0.a0"], None, 2, &["cursor"]);
    env.cmd(&["export", "portal", "--all", "--since", "h0.o0.a0"]).assert().code(2);
    let (records, s) = export(&env, "ok.jsonl", &[]);
    assert_eq!((records.len(), s["cursor_from"].as_str()), (1, Some("h0.o0.a0")));
}

#[test]
fn notices_are_exported_once_and_marked() {
    let env = env();
    file_case(&env);
    env.conn()
        .execute(
            "INSERT INTO outbox (key, kind, case_id, recipient, payload, created_at)
             VALUES ('fee:1:2026-01-01', 'fee_due', 1, 'citizen:1', '{\"owed_czk\":50}', '2026-01-01T08:00:00Z')",
            [],
        )
        .unwrap();
    let (records, s) = export(&env, "n.jsonl", &[]);
    assert_eq!((s["cases"].as_u64(), s["notices"].as_u64()), (Some(1), Some(1)));
    let n = &records[1];
    assert_eq!((n["type"].as_str(), n["kind"].as_str()), (Some("notice"), Some("fee_due")));
    assert_eq!(n["payload"], json!({"owed_czk": 50}));
    assert_eq!(n["recipient"], "citizen:1");
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM outbox WHERE exported_at IS NOT NULL"), 1);
    let (again, _) = export(&env, "n2.jsonl", &[]);
    assert!(again.is_empty());
}

#[test]
fn open311_json_and_xml_are_service_requests() {
    let env = env();
    let (a, b) = (file_case(&env), file_case(&env));
    suspend(&env, &b);
    env.ok(&["case", "status", &b, "--as", "osa", "--to", "in_progress"]);
    env.ok(&["case", "status", &b, "--as", "osa", "--to", "resolved", "--outcome", "vydáno"]);
    env.ok(&["case", "status", &b, "--as", "osa", "--to", "closed"]);
    let out = env.path("o.json");
    env.ok(&["export", "portal", "--all", "--format", "open311-json", "-o", out.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let reqs = v.as_array().unwrap();
    assert_eq!(reqs.len(), 2);
    assert_eq!((reqs[0]["service_request_id"].as_str(), reqs[0]["status"].as_str()), (Some(a.as_str()), Some("open")));
    assert_eq!((reqs[1]["status"].as_str(), reqs[1]["agency_responsible"].as_str()), (Some("closed"), Some("OSA")));
    assert!(reqs[0]["expected_datetime"].as_str().unwrap().ends_with("T23:59:59+01:00"));
    validate_open311(&out);

    let xml = env.path("o.xml");
    env.ok(&["export", "portal", "--all", "--format", "open311-xml", "-o", xml.to_str().unwrap()]);
    let text = std::fs::read_to_string(&xml).unwrap();
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<service_requests>"), "{text}");
    assert_eq!(text.matches("<request>").count(), 2);
    assert!(text.contains(&format!("<service_request_id>{b}</service_request_id><status>closed</status>")));
}

/// Validates the Open311 JSON file against the community schemas, when they and Python are here.
fn validate_open311(file: &Path) {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/open311/schema-validation-jsonschema/schema/georeport-v2");
    if !schemas.join("request.json").is_file() {
        eprintln!("skipped the Open311 schema check: {} is absent", schemas.display());
        return;
    }
    let script = r#"
import json, sys
try:
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7
except ImportError as e:
    print("SKIP", e); sys.exit(0)
d = sys.argv[1]
request = json.load(open(d + "/request.json"))
requests = json.load(open(d + "/requests.json"))
registry = Registry().with_resource("request.json", Resource.from_contents(request, DRAFT7))
data = json.load(open(sys.argv[2]))
jsonschema.Draft7Validator(requests, registry=registry, format_checker=jsonschema.FormatChecker()).validate(data)
for item in data:
    jsonschema.Draft7Validator(request, format_checker=jsonschema.FormatChecker()).validate(item)
print("OK", len(data))
"#;
    let out = match std::process::Command::new("python3").arg("-c").arg(script).arg(&schemas).arg(file).output() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("skipped the Open311 schema check: no python3 ({e})");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    if stdout.starts_with("SKIP") {
        eprintln!("skipped the Open311 schema check: {stdout}");
        return;
    }
    assert!(out.status.success() && stdout.starts_with("OK"), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn csv_has_a_bom_and_keeps_czech_text_in_either_encoding() {
    let env = env();
    let r = file_case(&env);
    suspend(&env, &r);
    let out = env.path("o.csv");
    env.ok(&["export", "portal", "--all", "--format", "csv", "-o", out.to_str().unwrap()]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.split("\r\n");
    assert!(lines.next().unwrap().starts_with("type,portal_id,reference_number,status,status_note,department"));
    let row = lines.next().unwrap();
    assert!(row.starts_with(&format!("case_status,,{r},suspended,čekáme na posudek – Žďár,OSA,")), "{row}");

    let out = env.path("o1250.csv");
    env.ok(&[
        "export",
        "portal",
        "--all",
        "--format",
        "csv",
        "--encoding",
        "windows-1250",
        "-o",
        out.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
    let (decoded, _, bad) = encoding_rs::WINDOWS_1250.decode(&bytes);
    assert!(!bad);
    assert!(decoded.contains("čekáme na posudek – Žďár"), "{decoded}");
}

/// A sink that fails at the `fail_at`-th record (counting from 1), or at `finish` when 0.
struct Failing {
    seen: usize,
    fail_at: usize,
}

impl clerkdesk::desk::ExportSink for Failing {
    fn record(&mut self, _: clerkdesk::desk::ExportRecord) -> std::io::Result<()> {
        self.seen += 1;
        if self.seen == self.fail_at { Err(std::io::Error::other("disk full")) } else { Ok(()) }
    }
    fn finish(&mut self) -> std::io::Result<()> {
        if self.fail_at == 0 { Err(std::io::Error::other("rename failed")) } else { Ok(()) }
    }
}

#[test]
fn a_sink_failing_half_way_or_at_the_end_moves_nothing_and_only_administrators_export() {
    use clerkdesk::desk::{Actor, Since};
    let fx = support::desk::Fx::new();
    let mut desk = fx.desk(support::desk::ymd(2026, 11, 2));
    for _ in 0..3 {
        support::desk::file(&mut desk, &support::desk::id_card());
    }
    let shell = Actor::root();
    for fail_at in [2, 0] {
        let err = desk.export_portal(&shell, Since::Stored, &mut Failing { seen: 0, fail_at }).unwrap_err();
        assert!(err.to_string().contains("cannot write the export"), "{err}");
        assert_eq!(desk.export_cursor().unwrap().to_string(), "h0.o0.a0");
    }
    assert_eq!(fx.count("SELECT count(*) FROM meta WHERE key = 'portal_export_cursor'"), 0);
    assert_eq!(fx.count("SELECT count(*) FROM audit_log WHERE action = 'export_portal'"), 0);
    let clerk = support::desk::actor(&mut desk, "vedouci");
    let err = desk.export_portal(&clerk, Since::All, &mut Failing { seen: 0, fail_at: usize::MAX }).unwrap_err();
    assert!(err.to_string().contains("may not export"), "{err}");
    let mut ok = Failing { seen: 0, fail_at: usize::MAX };
    let s = desk.export_portal(&shell, Since::Stored, &mut ok).unwrap();
    assert_eq!((ok.seen, s.cases, s.cursor_to.as_str(), s.cursor_moved), (3, 3, "h3.o0.a0", true));
    assert_eq!(desk.export_cursor().unwrap().to_string(), "h3.o0.a0");
}

/// A sink that keeps every record as the JSON it serialises to.
#[derive(Default)]
struct Collect(Vec<Value>);

impl clerkdesk::desk::ExportSink for Collect {
    fn record(&mut self, r: clerkdesk::desk::ExportRecord) -> std::io::Result<()> {
        self.0.push(serde_json::to_value(&r).map_err(std::io::Error::other)?);
        Ok(())
    }
    fn finish(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn exported(desk: &mut clerkdesk::desk::Desk) -> (Vec<Value>, clerkdesk::desk::ExportSummary) {
    let mut sink = Collect::default();
    let s = desk.export_portal(&clerkdesk::desk::Actor::root(), clerkdesk::desk::Since::Stored, &mut sink).unwrap();
    (sink.0, s)
}

fn booking_request(at: &str, who: clerkdesk::domain::ids::CitizenId) -> clerkdesk::desk::BookingRequest {
    clerkdesk::desk::BookingRequest {
        service: "OP-PODANI".into(),
        start: chrono::DateTime::parse_from_rfc3339(at).unwrap().with_timezone(&chrono::Utc),
        resource: Some("P1".into()),
        citizen: clerkdesk::desk::CitizenRef::Existing(who),
        channel: clerkdesk::domain::case::Channel::Counter,
        note: String::new(),
        portal_id: None,
    }
}

#[test]
fn booking_states_are_exported_as_they_change_and_the_cursor_moves_past_them() {
    use clerkdesk::domain::appointments::BookingAction;
    let fx = support::desk::Fx::new();
    // Monday 23 November 2026, 10:00 in Prague.
    let mut desk = fx.desk_at(chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00Z").unwrap().into());
    let who = support::desk::citizen(&mut desk, "Jan", "Novák", "+420601111111");
    let clerk = support::desk::actor(&mut desk, "prepazka");
    let today = desk.book(&clerk, &booking_request("2026-11-23T10:00:00Z", who)).unwrap();
    let later = desk.book(&clerk, &booking_request("2026-11-24T08:00:00Z", who)).unwrap();
    let gone = desk.book(&clerk, &booking_request("2026-11-25T08:00:00Z", who)).unwrap();
    desk.booking_action(&clerk, &today.code, BookingAction::CheckIn, None, "").unwrap();
    desk.booking_action(&clerk, &gone.code, BookingAction::Cancel, None, "nemůže").unwrap();
    let (records, s) = exported(&mut desk);
    let bookings: Vec<&Value> = records.iter().filter(|r| r["type"] == "booking_status").collect();
    assert_eq!((s.bookings, bookings.len()), (3, 3), "one record per booking, as it is now: {records:?}");
    let status = |code: &str| bookings.iter().find(|b| b["code"] == code).map(|b| b["status"].clone());
    assert_eq!(status(&today.code), Some(json!("checked_in")));
    assert_eq!(status(&later.code), Some(json!("booked")));
    assert_eq!(status(&gone.code), Some(json!("cancelled")));
    let b = bookings.iter().find(|b| b["code"] == later.code.as_str()).unwrap();
    assert_eq!((b["service"].as_str(), b["start"].as_str()), (Some("OP-PODANI"), Some("2026-11-24T08:00:00Z")));
    // The cursor moved past every booking event: 3 bookings, a check-in and a cancel.
    let events = fx.count("SELECT max(id) FROM appt_history");
    assert_eq!(events, 5);
    assert!(s.cursor_to.contains(&format!(".a{events}")), "{}", s.cursor_to);
    assert_eq!(desk.export_cursor().unwrap().to_string(), s.cursor_to);
    let (again, _) = exported(&mut desk);
    assert!(again.iter().all(|r| r["type"] != "booking_status"), "{again:?}");
    // Served later: only that booking again.
    desk.booking_action(&clerk, &today.code, BookingAction::Serve, None, "").unwrap();
    let (served, s) = exported(&mut desk);
    assert_eq!((s.bookings, served.len()), (1, 1), "{served:?}");
    assert_eq!((served[0]["code"].as_str(), served[0]["status"].as_str()), (Some(today.code.as_str()), Some("served")));
}

#[test]
fn a_fee_paid_at_the_cash_desk_is_exported_without_any_other_change() {
    let env = env();
    let filed = env.json(&[support::cli::PASSPORT, &["--json"]].concat());
    let r = filed["reference_number"].as_str().unwrap();
    let (first, s1) = export(&env, "f1.jsonl", &[]);
    assert_eq!(first[0]["fees_owed_czk"], 2000);
    let filed_at = first[0]["updated_at"].as_str().unwrap().to_owned();
    assert_eq!(s1["cursor_to"], "h1.o0.a0", "no payment yet: no .p part");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    env.ok(&["fee", "pay", r, "--as", "prepazka", "--amount", "500", "--method", "cash", "--receipt", "A1"]);
    // The payment wrote no case history, yet the portal learns of it at once.
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM case_history"), 1);
    let (paid, s2) = export(&env, "f2.jsonl", &[]);
    assert_eq!(paid.len(), 1, "{paid:?}");
    assert_eq!((paid[0]["reference_number"].as_str(), paid[0]["fees_owed_czk"].as_i64()), (Some(r), Some(1500)));
    let updated = paid[0]["updated_at"].as_str().unwrap();
    assert!(updated > filed_at.as_str(), "the payment's time is the newer state: {updated} vs {filed_at}");
    assert_eq!((s2["cursor_to"].as_str(), s2["cursor_moved"].as_bool()), (Some("h1.o0.a0.p1"), Some(true)));
    let (again, _) = export(&env, "f3.jsonl", &[]);
    assert!(again.is_empty(), "{again:?}");
    // An old three-part cursor reads as p0: it repeats the paid case.
    let (repeat, _) = export(&env, "f4.jsonl", &["--since", "h1.o0.a0"]);
    assert_eq!(repeat.len(), 1);
    env.fails(&["export", "portal", "--since", "h1.o0.a0.x1"], None, 2, &["cursor"]);
}

#[test]
fn export_as_an_administrator_account_is_audited_under_it() {
    let env = env();
    env.add_user("spravce", "administrator");
    file_case(&env);
    let (records, s) = export(&env, "as.jsonl", &["--as", "spravce"]);
    assert_eq!((records.len(), s["cursor_moved"].as_bool()), (1, Some(true)));
    let actors: Vec<String> = {
        let conn = env.conn();
        let mut stmt = conn.prepare("SELECT actor FROM audit_log WHERE action = 'export_portal' ORDER BY id").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(actors, ["root (uid 0) acting as spravce"]);
    // Without --as: root's built-in administrator ($USER=tester counts for nothing).
    export(&env, "shell.jsonl", &[]);
    assert_eq!(
        count(&env.conn(), "SELECT count(*) FROM audit_log WHERE actor = 'root (uid 0)' AND action = 'export_portal'"),
        1
    );
    // A clerk may not export, an unknown account is refused, and neither moves the cursor.
    let cursor = stored_cursor(&env);
    let out = env.path("no.jsonl");
    env.fails(&["export", "portal", "--as", "vedouci", "-o", out.to_str().unwrap()], None, 1, &["may not export"]);
    env.fails(&["export", "portal", "--as", "nikdo", "-o", out.to_str().unwrap()], None, 1, &["nikdo"]);
    assert_eq!(stored_cursor(&env), cursor);
    assert!(!out.exists());
}

#[test]
fn exports_to_one_file_at_once_each_write_their_own_temporary_file() {
    let env = env();
    for _ in 0..20 {
        file_case(&env);
    }
    let out = env.path("same.jsonl");
    let children: Vec<_> = (0..6)
        .map(|_| {
            let mut c = env.bare_std();
            c.arg("--db").arg(env.db()).args(["export", "portal", "--all", "-o"]).arg(&out);
            c.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped()).spawn().unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    // Whichever rename came last, the file is one whole export.
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 20);
    let left: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| std::path::Path::new(n).extension().is_some_and(|e| e == "tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn the_full_export_reads_the_same_cases_as_a_window_over_everything() {
    use clerkdesk::desk::PaymentMethod;
    use clerkdesk::store::{CaseFeedRow, Marks, Store};
    let fx = support::desk::Fx::new();
    let mut desk = fx.desk(support::desk::ymd(2026, 11, 2));
    let passport = || support::desk::filing("PAS-VYDANI", &[("under15", "no"), ("express", "standard")]);
    let paid = support::desk::file(&mut desk, &passport()).reference_number;
    let part = support::desk::file(&mut desk, &passport()).reference_number;
    support::desk::file(&mut desk, &passport());
    support::desk::file(&mut desk, &support::desk::id_card());
    let clerk = support::desk::actor(&mut desk, "prepazka");
    let mut later = fx.desk_at(chrono::DateTime::parse_from_rfc3339("2026-11-03T09:00:00Z").unwrap().into());
    later.pay_fee(&clerk, &paid, 2000, PaymentMethod::Cash, "R-1").unwrap();
    later.pay_fee(&clerk, &part, 500, PaymentMethod::Card, "R-2").unwrap();
    later.pay_fee(&clerk, &part, 300, PaymentMethod::Cash, "R-3").unwrap();
    let mut store = Store::open(&fx.path, false).unwrap();
    let mut rows = |from: Marks| {
        let mut out = Vec::new();
        store
            .read(|tx| {
                let top = tx.export_top()?;
                tx.changed_cases(from, top, &mut |r| {
                    // Counter filings only: no portal filing goes before any case.
                    match r {
                        CaseFeedRow::Status(s) => out.push(s),
                        CaseFeedRow::Filing(f) => panic!("a counter filing written back as a portal filing: {f:?}"),
                    }
                    Ok(())
                })
            })
            .unwrap();
        out
    };
    // Marks of -1 take the window's query over everything; 0 the full export's.
    let window = rows(Marks { history: -1, outbox: 0, appt: 0, payment: -1 });
    let full = rows(Marks::default());
    assert_eq!(full.len(), 4);
    assert_eq!(full, window);
    let owed: Vec<(i64, &str)> = full.iter().map(|r| (r.fees_owed_czk, r.updated_at.as_str())).collect();
    assert_eq!(owed[0], (0, "2026-11-03T09:00:00Z"), "paid in full, the day after filing");
    assert_eq!(owed[1], (1200, "2026-11-03T09:00:00Z"));
    assert_eq!(owed[2], (2000, "2026-11-02T09:00:00Z"));
    assert_eq!(owed[3].0, 0, "the ID card is free");
}

#[test]
fn a_csv_cell_a_spreadsheet_would_run_as_a_formula_is_written_with_a_quote_before_it() {
    let env = env();
    let r = file_case(&env);
    env.ok(&["case", "assign", &r, "--as", "vedouci", "--department", "OSA", "--official", "osa"]);
    env.ok(&["case", "status", &r, "--as", "osa", "--to", "in_progress"]);
    let formula = "=HYPERLINK(\"http://evil.example\",\"klikni\")";
    env.ok(&["case", "status", &r, "--as", "osa", "--to", "suspended", "--reason", formula]);
    let out = env.path("o.csv");
    env.ok(&["export", "portal", "--all", "--format", "csv", "-o", out.to_str().unwrap()]);
    let text = String::from_utf8(std::fs::read(&out).unwrap()[3..].to_vec()).unwrap();
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|row| row.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert!(rows.iter().any(|row| row[4] == format!("'{formula}")), "{rows:?}");
    for cell in rows.iter().flatten() {
        assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
    }
}
