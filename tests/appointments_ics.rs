//! The iCalendar export read back by another implementation: Python's `icalendar` package. The
//! test skips (saying why) where python3 or the package is missing, as on a bare CI runner.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::process::Command;
use support::cli::Env;

/// Prints one JSON object per event of the files given as arguments.
const READER: &str = r"
import json, sys, icalendar
out = []
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        cal = icalendar.Calendar.from_ical(f.read())
    for ev in cal.walk('VEVENT'):
        start, end = ev.decoded('dtstart'), ev.decoded('dtend')
        out.append({'file': path, 'uid': str(ev['uid']), 'summary': str(ev['summary']),
                    'start_raw': ev['dtstart'].to_ical().decode(), 'end_raw': ev['dtend'].to_ical().decode(),
                    'start': start.isoformat(), 'end': end.isoformat(),
                    'utc_offset': start.utcoffset().total_seconds()})
print(json.dumps(out))
";

/// Why the test cannot run here, if it cannot.
fn missing_python() -> Option<String> {
    match Command::new("python3").args(["-c", "import icalendar"]).output() {
        Err(e) => Some(format!("no python3 ({e})")),
        Ok(o) if !o.status.success() => Some(format!(
            "python3 has no icalendar package: {}",
            String::from_utf8_lossy(&o.stderr).lines().last().unwrap_or_default()
        )),
        Ok(_) => None,
    }
}

fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn citizen(env: &Env, name: &str) -> String {
    let new = format!("{name},1975-03-04");
    let filed = env.json(&[
        "case",
        "file",
        "--as",
        "prepazka",
        "--situation",
        "KC-REJSTRIK-TRESTU",
        "--new-citizen",
        &new,
        "--json",
    ]);
    let show = env.json(&["case", "show", filed["reference_number"].as_str().unwrap(), "--json"]);
    show["citizen"]["id"].as_i64().unwrap().to_string()
}

/// Books the first free slot of `service` (at `resource`) for `citizen`; the booking's JSON.
fn book_first(env: &Env, service: &str, resource: &str, citizen: &str) -> Value {
    let slots = env.json(&["appt", "slots", "--service", service, "--resource", resource, "--count", "1", "--json"]);
    let at = slots[0]["start"].as_str().unwrap();
    let args = ["appt", "book", "--as", "prepazka", "--service", service, "--resource", resource, "--at", at];
    env.json(&[&args[..], &["--citizen", citizen, "--json"]].concat())
}

#[test]
#[allow(clippy::too_many_lines, reason = "one calendar written and read back by another program, step by step")]
fn exported_calendars_read_back_with_python_icalendar() {
    if let Some(why) = missing_python() {
        eprintln!("skipped: {why}");
        return;
    }
    let env = Env::new();
    env.init();
    env.add_user("prepazka", "counter_clerk");
    let (rehor, zofie) = (citizen(&env, "Řehoř Šťastný"), citizen(&env, "Žofie Dvořáčková"));
    let mut booked = vec![
        book_first(&env, "OP-PODANI", "P1", &rehor),
        book_first(&env, "OP-PODANI", "P1", &zofie),
        book_first(&env, "PAS-PODANI", "P2", &zofie),
        book_first(&env, "EUH-SU", "E-SU", &rehor),
    ];
    // A cancelled booking holds no time and is not in the calendar.
    let gone = book_first(&env, "MAT-DOKLAD", "M1", &rehor);
    env.ok(&["appt", "cancel", gone["code"].as_str().unwrap(), "--as", "prepazka"]);

    let dir = env.path("calendars");
    let out = env.json(&["appt", "export", "--ics", "-o", dir.to_str().unwrap(), "--json"]);
    let files: Vec<String> =
        out["calendars"].as_array().unwrap().iter().map(|c| c["file"].as_str().unwrap().to_owned()).collect();
    assert_eq!(files.len(), 8, "one file per counter and official: {out}");
    assert!(files.iter().any(|f| f.ends_with("/E-SU.ics")), "{files:?}");

    let read = Command::new("python3").arg("-c").arg(READER).args(&files).output().unwrap();
    assert!(read.status.success(), "python: {}", String::from_utf8_lossy(&read.stderr));
    let events: Vec<Value> = serde_json::from_slice(&read.stdout).unwrap();
    assert_eq!(events.len(), booked.len(), "one event per booking that holds time: {events:#?}");

    let uids: HashSet<&str> = events.iter().map(|e| e["uid"].as_str().unwrap()).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    let by_code: HashMap<&str, &Value> =
        events.iter().map(|e| (e["uid"].as_str().unwrap().split('@').next().unwrap(), e)).collect();
    booked.sort_by_key(|b| b["code"].as_str().unwrap().to_owned());
    for b in &booked {
        let code = b["code"].as_str().unwrap();
        let e = by_code.get(code).unwrap_or_else(|| panic!("no event for {code}: {events:#?}"));
        assert!(e["file"].as_str().unwrap().ends_with(&format!("/{}.ics", b["resource"].as_str().unwrap())));
        assert!(e["start_raw"].as_str().unwrap().ends_with('Z'), "DTSTART in UTC: {e}");
        assert!(e["end_raw"].as_str().unwrap().ends_with('Z'), "DTEND in UTC: {e}");
        assert_eq!(e["utc_offset"], 0.0);
        assert_eq!(instant(e["start"].as_str().unwrap()), instant(b["start"].as_str().unwrap()), "{code}");
        assert_eq!(instant(e["end"].as_str().unwrap()), instant(b["end"].as_str().unwrap()), "{code}");
        let summary = e["summary"].as_str().unwrap();
        assert!(summary.contains(b["citizen_name"].as_str().unwrap()), "{summary}");
        assert!(summary.contains(b["service_name"]["cs"].as_str().unwrap()), "{summary}");
    }
    let summaries: Vec<&str> = events.iter().map(|e| e["summary"].as_str().unwrap()).collect();
    assert!(summaries.iter().any(|s| s.contains("Řehoř Šťastný")), "diacritics kept: {summaries:?}");
    assert!(summaries.iter().any(|s| s.contains("Žofie Dvořáčková")), "diacritics kept: {summaries:?}");

    // One resource and a range without the bookings: files with no events.
    let far = env.path("far");
    env.ok(&[
        "appt",
        "export",
        "--ics",
        "--resource",
        "P1",
        "--from",
        "2030-01-01",
        "--to",
        "2030-01-31",
        "-o",
        far.to_str().unwrap(),
    ]);
    let p1 = std::fs::read_to_string(far.join("P1.ics")).unwrap();
    assert!(p1.starts_with("BEGIN:VCALENDAR") && !p1.contains("BEGIN:VEVENT"), "{p1}");
    assert_eq!(std::fs::read_dir(&far).unwrap().count(), 1);
    env.fails(
        &["appt", "export", "--ics", "--from", "2030-02-01", "--to", "2030-01-01", "-o", far.to_str().unwrap()],
        None,
        1,
        &["before"],
    );
}
