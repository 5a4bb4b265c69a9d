//! The round trip (issue 5): export everything (JSON Lines), import it into an empty store with
//! the same catalogue and clock, export again: the two exports are the same, byte for byte, and
//! the export carries every portal filing and booking exactly as the portal sent it. Property-
//! tested over generated filings and bookings (`tests/bridge_roundtrip/gen.rs`), and over the naughty
//! strings of the shared corpus as subjects and notes; the CLI imports an export file, skipping and
//! counting its outbound records; an attachment the store cannot keep is a rejection by line.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

#[path = "bridge_roundtrip/gen.rs"]
mod generate;
mod support;

use chrono::{DateTime, Utc};
use clerkdesk::bridge::csv::mapping::Encoding;
use clerkdesk::bridge::export::ExportWriter;
use clerkdesk::bridge::{self, Format, ReadOptions, Skipped, jsonl};
use clerkdesk::config::Config;
use clerkdesk::desk::{
    Actor, Desk, DeskError, ExportRecord, ExportSink, ExportSummary, IMPORT_BATCH, ImportHooks, ImportOptions,
    ImportSummary, Records, Since,
};
use clerkdesk::domain::clock::FixedClock;
use clerkdesk::domain::portal::{PortalBooking, PortalFiling, PortalRecord};
use clerkdesk::store::Store;
use generate::{Generated, Slot};
use proptest::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A store with the default catalogue, plan and accounts, copied for each store of a test, and
/// the free slots its plan offers at the fixed clock.
struct Template {
    fx: support::desk::Fx,
    slots: Vec<Slot>,
}

fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| {
        let fx = support::desk::Fx::new();
        let mut desk = open(&fx.path);
        let slots = generate::disjoint_slots(&mut desk, "OP-PODANI", 24);
        Template { fx, slots }
    })
}

/// The fixed clock of every store: 10:00 in Prague on Monday 2 November 2026.
fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-02T09:00:00Z").unwrap().to_utc()
}

fn open(path: &Path) -> Desk {
    Desk::new(Store::open(path, false).unwrap(), Arc::new(FixedClock(now())), Config::default())
}

/// A fresh copy of the template store in `dir`.
fn empty_store(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let conn = rusqlite::Connection::open(&template().fx.path).unwrap();
    conn.execute("VACUUM INTO ?1", [path.to_str().unwrap()]).unwrap();
    path
}

/// Imports `bytes` (JSON Lines) as the counter clerk; the summary and the outbound records skipped.
fn import(desk: &mut Desk, bytes: &[u8]) -> (ImportSummary, u64) {
    let actor = desk.act_as("prepazka").unwrap();
    let data = Arc::new(bytes.to_vec());
    let skipped = Skipped::default();
    let counter = skipped.clone();
    let mut open_records = move || -> Result<Records, DeskError> {
        counter.reset();
        let input = Box::new(std::io::Cursor::new(data.as_ref().clone()));
        Ok(bridge::counting_reader(Format::Jsonl, input, &ReadOptions::default(), counter.clone()))
    };
    let opts = ImportOptions {
        source: "generated.jsonl".into(),
        file_sha256: format!("{:x}", fingerprint(bytes)),
        format: "jsonl".into(),
        dry_run: false,
        skip_invalid: false,
        batch: IMPORT_BATCH,
    };
    let (mut progress, stop, mut rejected) =
        (|_: u64, _: bool| {}, || false, |_: &clerkdesk::domain::portal::Rejection| {});
    let mut hooks = ImportHooks { progress: &mut progress, stop: &stop, rejected: &mut rejected };
    let summary = desk.import_portal(&actor, &mut open_records, &opts, &mut hooks).unwrap();
    (summary, skipped.get())
}

/// A cheap fingerprint for the run record (only a resumed run compares it).
fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// An export into memory, through the same writer as `export portal`.
struct VecSink {
    writer: Option<ExportWriter<Vec<u8>>>,
    out: Vec<u8>,
}

impl ExportSink for VecSink {
    fn record(&mut self, r: ExportRecord) -> std::io::Result<()> {
        self.writer.as_mut().unwrap().record(&r)
    }
    fn finish(&mut self) -> std::io::Result<()> {
        self.out = self.writer.take().unwrap().finish()?;
        Ok(())
    }
}

fn export_all(desk: &mut Desk) -> (Vec<u8>, ExportSummary) {
    let writer = ExportWriter::begin(Format::Jsonl, Encoding::Utf8, Vec::new()).unwrap();
    let mut sink = VecSink { writer: Some(writer), out: Vec::new() };
    let summary = desk.export_portal(&Actor::root(), Since::All, &mut sink).unwrap();
    (sink.out, summary)
}

fn jsonl_of(records: &[PortalRecord]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        jsonl::write_record(&mut out, r).unwrap();
    }
    out
}

/// The filings and bookings an export carries, read back by the import's own reader.
fn portal_records(export: &[u8]) -> (Vec<PortalFiling>, Vec<PortalBooking>) {
    let (mut filings, mut bookings) = (Vec::new(), Vec::new());
    for r in jsonl::Reader::new(export) {
        match r.unwrap().record {
            PortalRecord::Filing(f) => filings.push(f),
            PortalRecord::Booking(b) => bookings.push(b),
        }
    }
    (filings, bookings)
}

/// What the round trip of `records` gave: the first export, the second, and the second import's
/// skipped outbound records.
struct Trip {
    x: Vec<u8>,
    y: Vec<u8>,
    skipped: u64,
    summary_a: ExportSummary,
    /// X imported back into its own store: (new, updated, unchanged).
    reimported: (u64, u64, u64),
}

#[allow(clippy::many_single_char_names, reason = "a, b: the two stores; x, s: export and summary")]
fn round_trip(records: &[PortalRecord]) -> Trip {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(&empty_store(dir.path(), "a.db"));
    let (s, _) = import(&mut a, &jsonl_of(records));
    assert_eq!(
        (s.status.as_str(), s.counts.new, s.counts.rejected),
        ("done", records.len() as u64, 0),
        "{:?}",
        s.rejections
    );
    let (x, summary_a) = export_all(&mut a);
    let mut b = open(&empty_store(dir.path(), "b.db"));
    let (s, skipped) = import(&mut b, &x);
    assert_eq!(
        (s.status.as_str(), s.counts.new, s.counts.rejected),
        ("done", records.len() as u64, 0),
        "{:?}",
        s.rejections
    );
    let (y, _) = export_all(&mut b);
    let (again, _) = import(&mut a, &x);
    let reimported = (again.counts.new, again.counts.updated, again.counts.unchanged);
    Trip { x, y, skipped, summary_a, reimported }
}

fn lines(bytes: &[u8]) -> Vec<&str> {
    std::str::from_utf8(bytes).unwrap().lines().collect()
}

/// X == Y, with the first differing line on failure rather than two walls of bytes.
fn assert_same(x: &[u8], y: &[u8]) -> Result<(), TestCaseError> {
    if x != y {
        let (lx, ly) = (lines(x), lines(y));
        let at = lx.iter().zip(&ly).position(|(a, b)| a != b).unwrap_or(lx.len().min(ly.len()));
        return Err(TestCaseError::fail(format!(
            "the exports differ at line {} ({} and {} lines):\n{:?}\n{:?}",
            at + 1,
            lx.len(),
            ly.len(),
            lx.get(at),
            ly.get(at)
        )));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_byte_identical_and_carries_every_portal_record(
        g in generate::generated(&template().slots, 24, 4)
    ) {
        let Generated { filings, bookings, records } = g;
        let trip = round_trip(&records);
        assert_same(&trip.x, &trip.y)?;
        let (got_filings, got_bookings) = portal_records(&trip.x);
        prop_assert_eq!(&got_filings, &filings, "one filing record per filing, as generated, in filing order");
        prop_assert_eq!(&got_bookings, &bookings, "one booking record per booking, as generated");
        let outbound = lines(&trip.x).len() - filings.len() - bookings.len();
        prop_assert_eq!(trip.skipped, outbound as u64, "every other record of the export is skipped, none rejected");
        prop_assert_eq!(
            (trip.summary_a.filings, trip.summary_a.portal_bookings, trip.summary_a.cases),
            (filings.len() as u64, bookings.len() as u64, filings.len() as u64)
        );
        let n = (filings.len() + bookings.len()) as u64;
        prop_assert_eq!(trip.reimported, (0, 0, n), "the export imported into its own store changes nothing");
    }
}

#[test]
fn a_filing_precedes_its_case_status_and_is_received_on_the_day_it_was_submitted() {
    // Submitted on the portal on Friday 30 October at 23:30 Prague time (22:30 UTC), imported on
    // Monday 2 November: received on the 30th, and its 30 days run from then.
    let at = DateTime::parse_from_rfc3339("2026-10-30T22:30:00.25Z").unwrap().to_utc();
    let filing = generate::sample_filing("P-1", at);
    let trip = round_trip(&[PortalRecord::Filing(filing.clone())]);
    assert_eq!(trip.x, trip.y);
    let x: Vec<Value> = lines(&trip.x).iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(x.len(), 2);
    assert_eq!((x[0]["v"].as_u64(), x[0]["type"].as_str()), (Some(1), Some("filing")));
    assert_eq!(x[0]["submitted_at"], "2026-10-30T22:30:00.250Z", "the portal's instant, to its precision");
    assert_eq!(x[0]["citizen"]["identified"], true);
    assert_eq!((x[1]["type"].as_str(), x[1]["portal_id"].as_str()), (Some("case_status"), Some("P-1")));
    assert_eq!(x[1]["deadline"], "2026-11-30", "30 days from Friday 30 October (a Sunday: the next working day)");
    assert_eq!(portal_records(&trip.x).0, vec![filing]);
}

#[test]
fn the_naughty_strings_round_trip_as_subjects_and_notes() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/nasty/big-list-of-naughty-strings");
    let Ok(text) = std::fs::read_to_string(corpus.join("blns.json")) else {
        println!("skipped: {} is absent (the shared test corpus is not checked out)", corpus.display());
        return;
    };
    let all: Vec<String> = serde_json::from_str(&text).unwrap();
    assert!(all.len() > 500);
    // The office keeps a subject trimmed and refuses control characters, direction overrides and
    // line separators in it (an_import_refuses_… in tests/output_safety.rs): those that it takes
    // round trip.
    let strings: Vec<String> = all
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty() && clerkdesk::domain::plain::line(s).is_ok())
        .collect();
    assert!(strings.len() > 400, "{} of the strings are taken", strings.len());
    let records: Vec<PortalRecord> = strings
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut f = generate::sample_filing(&format!("N-{i}"), now());
            f.subject.clone_from(s);
            f.note = format!("{s}\n\t{s}");
            PortalRecord::Filing(f)
        })
        .collect();
    let trip = round_trip(&records);
    assert!(trip.x == trip.y, "the exports differ");
    assert_eq!(trip.reimported, (0, 0, strings.len() as u64));
    let (filings, _) = portal_records(&trip.x);
    assert_eq!(filings.len(), strings.len());
    for (f, s) in filings.iter().zip(&strings) {
        assert_eq!(&f.subject, s);
        assert_eq!(f.note, format!("{s}\n\t{s}"));
    }
}

#[test]
fn the_cli_imports_an_export_file_skipping_and_counting_its_outbound_records() {
    let (a, b) = (cli_env(), cli_env());
    let records: Vec<Value> = (1..=2)
        .map(|i| serde_json::to_value(generate::sample_filing(&format!("P-{i}"), now())).unwrap())
        .map(|mut v| {
            v.as_object_mut().unwrap().insert("type".into(), "filing".into());
            v["v"] = 1.into();
            v
        })
        .collect();
    let file = a.path("p.jsonl");
    std::fs::write(&file, support::cli::lines(&records)).unwrap();
    a.ok(&["import", "portal", file.to_str().unwrap(), "--as", "prepazka"]);
    let x = a.path("x.jsonl");
    let summary = a.json(&["export", "portal", "--all", "--json", "-o", x.to_str().unwrap()]);
    assert_eq!((summary["cases"].as_u64(), summary["filings"].as_u64()), (Some(2), Some(2)));
    let text = std::fs::read_to_string(&x).unwrap();
    let kinds: Vec<String> =
        text.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["type"].as_str().unwrap().to_owned()).collect();
    assert_eq!(kinds, ["filing", "case_status", "filing", "case_status"]);

    let out = b.ok(&["import", "portal", x.to_str().unwrap(), "--as", "prepazka"]);
    assert!(out.contains("2 new, 0 updated, 0 unchanged, 0 rejected, 2 outbound skipped"), "{out}");
    let again = b.json(&["import", "portal", x.to_str().unwrap(), "--as", "prepazka", "--json"]);
    assert_eq!((again["unchanged"].as_u64(), again["outbound"].as_u64()), (Some(2), Some(2)), "{again}");
    // CSV and Open311 carry no filing records: a spreadsheet row has no room for them.
    let csv = a.path("x.csv");
    a.ok(&["export", "portal", "--all", "--format", "csv", "-o", csv.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&csv).unwrap().lines().count(), 3, "the header and two case_status rows");
}

fn cli_env() -> support::cli::Env {
    support::cli::Env::with_clerk()
}

#[test]
fn an_attachment_the_store_cannot_keep_is_a_rejection_naming_its_line_not_a_failed_run() {
    // SQLite counts a name only up to a NUL, and keeps sizes up to i64::MAX: both once failed the
    // whole import with a store error instead of naming the record.
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(&empty_store(dir.path(), "a.db"));
    let mut f = generate::sample_filing("P-1", now());
    f.attachments[0].name = "\u{0}foto.jpg".into();
    let mut g = generate::sample_filing("P-2", now());
    g.attachments[0].size = u64::MAX;
    let (s, _) = import(&mut a, &jsonl_of(&[PortalRecord::Filing(f), PortalRecord::Filing(g)]));
    assert_eq!(s.status.as_str(), "refused");
    let got: Vec<(u64, &str, bool)> = s
        .rejections
        .iter()
        .map(|r| {
            (r.location.line, r.field.as_str(), r.reason.contains("control character") || r.reason.contains("bytes"))
        })
        .collect();
    assert_eq!(got, [(1, "attachment", true), (2, "attachment", true)], "{:?}", s.rejections);
}
