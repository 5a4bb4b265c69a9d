//! The JSON Schema of our JSON Lines format (assets/bridge/portal-v1.schema.json) against the
//! reader: the documentation's examples and written records are valid, and on a set of broken
//! lines the schema and the reader agree. The schema is checked with Python's `jsonschema`; the
//! test skips, saying why, where python3 or the package is absent.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

use clerkdesk::bridge::jsonl::{Reader, write_record};
use clerkdesk::domain::portal::{PortalAttachment, PortalBooking, PortalCitizen, PortalFiling, PortalRecord};
use std::path::Path;
use std::process::Command;

const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/bridge/portal-v1.schema.json");

const CHECK: &str = r#"
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1], encoding="utf-8"))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
for line in open(sys.argv[2], encoding="utf-8"):
    try:
        doc = json.loads(line)
    except ValueError:
        print("bad"); continue
    print("ok" if v.is_valid(doc) else "bad")
"#;

/// Each line's verdict by the schema, or `None` (with the reason printed) where it cannot run.
fn schema_verdicts(lines: &[String]) -> Option<Vec<bool>> {
    let probe = Command::new("python3").args(["-c", "import jsonschema"]).output();
    match probe {
        Ok(out) if out.status.success() => {}
        Ok(_) => {
            println!("skipped: Python's jsonschema package is not installed (pip install jsonschema)");
            return None;
        }
        Err(_) => {
            println!("skipped: python3 is not installed, so the schema cannot be checked here");
            return None;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lines.jsonl");
    std::fs::write(&file, lines.iter().fold(String::new(), |s, l| s + l + "\n")).unwrap();
    let out = Command::new("python3").args(["-c", CHECK, SCHEMA]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap().lines().map(|l| l == "ok").collect())
}

fn reader_accepts(line: &str) -> bool {
    Reader::new(line.as_bytes()).all(|r| r.is_ok())
}

fn written(records: &[PortalRecord]) -> Vec<String> {
    records
        .iter()
        .map(|r| {
            let mut out = Vec::new();
            write_record(&mut out, r).unwrap();
            String::from_utf8(out).unwrap().trim_end().to_owned()
        })
        .collect()
}

fn full_records() -> Vec<PortalRecord> {
    let citizen = PortalCitizen {
        given_name: "Jiří".into(),
        family_name: "Šťastný".into(),
        birth_date: "1980-02-01".into(),
        birth_number: Some("800201/0008".into()),
        street: "Nová 1".into(),
        city: "Lipnice nad Orlicí".into(),
        postcode: "565 71".into(),
        phone: Some("+420601111111".into()),
        email: "jiri@example.cz".into(),
        identified: true,
    };
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T08:15:00Z").unwrap().to_utc();
    vec![
        PortalRecord::Filing(PortalFiling {
            portal_id: "P-1".into(),
            submitted_at: at,
            citizen: citizen.clone(),
            situation: "OP-VYDANI".into(),
            subject: "nový průkaz".into(),
            note: "poznámka".into(),
            fields: [("reason".to_owned(), "expiry".to_owned())].into(),
            attachments: vec![PortalAttachment { name: "foto.jpg".into(), size: 123, sha256: "a".repeat(64) }],
        }),
        PortalRecord::Booking(PortalBooking {
            portal_id: "B-1".into(),
            submitted_at: at,
            citizen,
            service: "OP-PODANI".into(),
            start: at,
            resource: Some("P1".into()),
            note: String::new(),
        }),
    ]
}

/// The example lines of docs/bridge-format.md's JSON Lines section.
fn doc_examples() -> Vec<String> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/bridge-format.md")).unwrap();
    doc.lines()
        .filter(|l| l.starts_with("{\"v\":1,\"type\":\"filing\"") || l.starts_with("{\"v\":1,\"type\":\"booking\""))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_documented_and_written_records_are_valid_and_the_schema_agrees_with_the_reader() {
    let examples = doc_examples();
    assert!(examples.len() >= 2, "the doc's examples were not found");
    // An export's outbound records are skipped by the reader and allowed by the schema, unread.
    let outbound = [
        r#"{"v":1,"type":"case_status","portal_id":null,"reference_number":"MULO-00001/2026/OSA"}"#.to_owned(),
        r#"{"v":1,"type":"notice","key":"fee:1:2026-01-01","payload":{"owed_czk":50}}"#.to_owned(),
    ];
    let good: Vec<String> = examples.into_iter().chain(written(&full_records())).chain(outbound).collect();
    let base = &good[0];
    let broken = vec![
        base.replace("\"v\":1", "\"v\":2"),
        base.replace("\"type\":\"filing\"", "\"type\":\"complaint\""),
        r#"{"v":2,"type":"case_status"}"#.to_owned(),
        base.replace("\"situation\":\"OP-VYDANI\",", ""),
        base.replace("\"identified\":true", "\"identified\":\"yes\""),
        base.replace("\"size\":123", "\"size\":-1"),
        base.replace("\"given_name\":\"Jan\"", "\"given_name\":\"Jan\",\"shoe_size\":44"),
        base.replace("\"portal_id\":\"P-1\"", "\"portal_id\":1"),
        base.replace("\"fields\":{\"reason\":\"expiry\"}", "\"fields\":{\"reason\":3}"),
        "[]".to_owned(),
    ];
    for line in &good {
        assert!(reader_accepts(line), "the reader refuses {line}");
    }
    for line in &broken {
        assert!(!reader_accepts(line), "the reader accepts {line}");
    }
    let all: Vec<String> = good.iter().chain(&broken).cloned().collect();
    let Some(verdicts) = schema_verdicts(&all) else { return };
    for (line, ok) in all.iter().zip(&verdicts) {
        assert_eq!(*ok, reader_accepts(line), "the schema and the reader disagree on {line}");
    }
}
