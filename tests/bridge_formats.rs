//! The bridge's readers against the real-world corpus in `../shared/corpus/` (skipped, with the
//! reason printed, where it is absent): never a panic, records or clear rejections, and a few
//! exact mappings from the Open311 spec's examples.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

use clerkdesk::bridge::csv::Rows;
use clerkdesk::bridge::csv::mapping::{CsvMapping, Encoding};
use clerkdesk::bridge::{Format, ReadOptions, jsonl, reader};
use clerkdesk::domain::portal::{PortalFiling, PortalRecord, ReadResult};
use std::path::{Path, PathBuf};

fn corpus(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent (the shared test corpus is not checked out)", dir.display());
        None
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { files(&path, out) } else { out.push(path) }
    }
    out.sort();
}

fn read(format: Format, bytes: Vec<u8>, options: &ReadOptions) -> Vec<ReadResult> {
    reader(format, Box::new(std::io::Cursor::new(bytes)), options).collect()
}

fn filing(r: &ReadResult) -> &PortalFiling {
    let PortalRecord::Filing(f) = &r.as_ref().unwrap().record else { panic!("a filing") };
    f
}

/// Records and rejections; every rejection names a field and a reason.
fn tally(path: &Path, got: &[ReadResult]) -> (usize, usize) {
    let bad: Vec<_> = got.iter().filter_map(|r| r.as_ref().err()).collect();
    for r in &bad {
        assert!(!r.field.is_empty() && !r.reason.is_empty(), "{}: {r}", path.display());
    }
    (got.len() - bad.len(), bad.len())
}

#[test]
fn every_open311_file_reads_to_records_or_clear_rejections() {
    let Some(dir) = corpus("open311") else { return };
    let mut all = Vec::new();
    files(&dir, &mut all);
    let (mut read_files, mut ok, mut bad) = (0, 0, 0);
    for path in all {
        let format = match path.extension().and_then(|e| e.to_str()) {
            Some("json") => Format::Open311Json,
            Some("xml") => Format::Open311Xml,
            _ => continue,
        };
        let got = read(format, std::fs::read(&path).unwrap(), &ReadOptions::default());
        let name = path.file_name().unwrap().to_string_lossy();
        let empty_list = name.contains("empty") || name.contains("service_requests.xml") && got.is_empty();
        assert!(!got.is_empty() || empty_list, "{}: neither records nor rejections", path.display());
        let (o, b) = tally(&path, &got);
        eprintln!("{name}: {o} records, {b} rejections");
        (read_files, ok, bad) = (read_files + 1, ok + o, bad + b);
    }
    eprintln!("open311: {read_files} files, {ok} records, {bad} rejections");
    assert!(read_files >= 40 && bad > 1000, "{read_files} files, {bad} rejections");
}

const BIRTH: &str =
    "<attributes><attribute><code>birth_date</code><value>1980-02-01</value></attribute></attributes></request>";

#[test]
fn the_spec_examples_map_exactly() {
    let Some(dir) = corpus("open311/spec-examples") else { return };
    let xml = std::fs::read_to_string(dir.join("10_xml-service-requests.xml")).unwrap();
    let plain = read(Format::Open311Xml, xml.clone().into_bytes(), &ReadOptions::default());
    let refused = plain[0].as_ref().unwrap_err();
    assert_eq!((refused.field.as_str(), refused.location.line), ("birth_date", 3));
    assert!(refused.reason.contains("add attribute[birth_date]"));
    let got = read(Format::Open311Xml, xml.replace("</request>", BIRTH).into_bytes(), &ReadOptions::default());
    let f = filing(&got[0]);
    assert_eq!((f.portal_id.as_str(), f.situation.as_str()), ("638344", "006"));
    assert_eq!((f.subject.as_str(), f.citizen.street.as_str()), ("Sidewalk and Curb Issues", "8TH AVE and JUDAH ST"));
    assert_eq!((f.citizen.postcode.as_str(), f.note.as_str()), ("94122", ""));
    assert_eq!(f.submitted_at.to_rfc3339(), "2010-04-14T14:37:38+00:00");
    assert!(f.attachments.is_empty(), "media_url is no attachment");
    // The spec's JSON writes `006`: not JSON, refused as a whole at its line.
    let json = read(
        Format::Open311Json,
        std::fs::read(dir.join("11_json-service-requests.json")).unwrap(),
        &ReadOptions::default(),
    );
    let err = json[0].as_ref().unwrap_err();
    assert!(err.reason.contains("not JSON") && err.reason.contains("line 7"), "{err}");
}

#[test]
fn real_servers_json_maps_with_the_birth_date_extension() {
    let Some(dir) = corpus("open311/bensheldon-open311status/test/mocks") else { return };
    let text = std::fs::read_to_string(dir.join("bloomington_requests.json")).unwrap();
    let mut list: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    for r in &mut list {
        r["attribute[birth_date]"] = "1980-02-01".into();
    }
    let got = read(Format::Open311Json, serde_json::to_vec(&list).unwrap(), &ReadOptions::default());
    assert!(got.iter().all(Result::is_ok));
    let f = filing(&got[0]);
    assert_eq!(f.portal_id, "4fbd40b2b1fe2c4b02000001");
    assert!(f.note.contains("pickup.\r\n\r\nThanks."));
    let Some(sf) = corpus("open311/sf311-annotation-tool") else { return };
    let wrapped = read(
        Format::Open311Json,
        std::fs::read(sf.join("homeless_api_wrapped.json")).unwrap(),
        &ReadOptions::default(),
    );
    assert_eq!(wrapped.len(), 1095, "the requests inside the JSON string body");
}

#[test]
fn json_test_suite_n_files_are_all_rejected() {
    let Some(dir) = corpus("nasty/JSONTestSuite/test_parsing") else { return };
    let mut all = Vec::new();
    files(&dir, &mut all);
    let mut n = 0;
    for path in all.iter().filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("n_")) {
        let bytes = std::fs::read(path).unwrap();
        let got = read(Format::Open311Json, bytes.clone(), &ReadOptions::default());
        assert!(!got.is_empty() && got.iter().all(Result::is_err), "{}: {got:?}", path.display());
        let line: Vec<u8> = bytes.iter().map(|b| if *b == b'\n' || *b == b'\r' { b' ' } else { *b }).collect();
        let jsonl = read(Format::Jsonl, line, &ReadOptions::default());
        assert!(jsonl.iter().all(Result::is_err), "{}: as JSON Lines: {jsonl:?}", path.display());
        n += 1;
    }
    eprintln!("{n} n_ files rejected");
    assert!(n > 150);
}

fn naughty() -> Option<Vec<String>> {
    let dir = corpus("nasty/big-list-of-naughty-strings")?;
    let text = std::fs::read_to_string(dir.join("blns.txt")).unwrap();
    Some(text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_owned).collect())
}

fn sample(value: &str) -> PortalFiling {
    let mut line = String::new();
    line.push_str(r#"{"v":1,"type":"filing","portal_id":"P-1","submitted_at":"2026-01-15T10:00:00Z","#);
    line.push_str(r#""citizen":{"given_name":"A","family_name":"B","birth_date":"1980-02-01"},"situation":"S"}"#);
    let mut f = filing(&read(Format::Jsonl, line.into_bytes(), &ReadOptions::default())[0]).clone();
    value.clone_into(&mut f.note);
    value.clone_into(&mut f.citizen.family_name);
    f.fields.insert(value.to_owned(), value.to_owned());
    f
}

#[test]
fn naughty_strings_round_trip_through_jsonl_and_csv() {
    let Some(strings) = naughty() else { return };
    let (mut jsonl_out, mut csv_out) = (Vec::new(), csv::Writer::from_writer(Vec::new()));
    csv_out.write_record(["portal_id", "submitted_at", "situation", "birth_date", "note", "fields.x"]).unwrap();
    for (i, s) in strings.iter().enumerate() {
        jsonl::write_record(&mut jsonl_out, &PortalRecord::Filing(sample(s))).unwrap();
        let id = format!("P-{i}");
        csv_out.write_record([id.as_str(), "2026-01-15T10:00:00Z", "S", "1980-02-01", s, s]).unwrap();
    }
    let back = read(Format::Jsonl, jsonl_out.clone(), &ReadOptions::default());
    let mut again = Vec::new();
    for r in &back {
        jsonl::write_record(&mut again, &r.as_ref().unwrap().record).unwrap();
    }
    assert_eq!(again, jsonl_out, "byte-identical");
    let got = read(Format::Csv, csv_out.into_inner().unwrap(), &ReadOptions::default());
    assert_eq!(got.len(), strings.len());
    for (r, s) in got.iter().zip(&strings) {
        let f = filing(r);
        assert_eq!(f.note, s.trim(), "values are trimmed");
        assert_eq!(f.fields.get("x").map_or("", String::as_str), s.trim());
    }
}

#[path = "bridge_formats/csv_corpus.rs"]
mod csv_corpus;
