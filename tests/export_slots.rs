//! `clerkdesk export slots`: the free slots the portal offers are exactly the ones a clerk sees
//! (`appointments slots`), a booked slot leaves them, a holiday has none. The binary reads the
//! real clock, so the CLI tests compare against the clerk's own command run just before and just
//! after the export (time only takes slots away); the holiday test runs at the desk with a fixed
//! clock.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use chrono::{DateTime, Days, NaiveDate, Utc};
use clerkdesk::domain::clock::{Clock, SystemClock};
use serde_json::Value;
use std::collections::BTreeSet;
use support::cli::Env;

/// (service, resource, local start, seats free)
type Key = (String, String, String, u64);

fn env() -> Env {
    Env::with_clerk()
}

/// Runs `export slots ARGS -o FILE --json`; (the slots, the summary).
fn export(env: &Env, name: &str, args: &[&str]) -> (Vec<Value>, Value) {
    let out = env.path(name);
    let mut a = vec!["export", "slots", "--json", "-o", out.to_str().unwrap()];
    a.extend_from_slice(args);
    let summary = env.json(&a);
    let text = std::fs::read_to_string(&out).unwrap();
    (text.lines().map(|l| serde_json::from_str(l).unwrap()).collect(), summary)
}

fn keys(slots: &[Value]) -> BTreeSet<Key> {
    slots
        .iter()
        .map(|s| {
            (
                s["service"].as_str().unwrap().to_owned(),
                s["resource"].as_str().unwrap().to_owned(),
                s["local_start"].as_str().unwrap().to_owned(),
                s["seats_free"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// What a clerk sees with `appointments slots --day` for each service and day.
fn clerk_view(env: &Env, services: &[&str], days: &[NaiveDate]) -> BTreeSet<Key> {
    let mut out = BTreeSet::new();
    for s in services {
        for d in days {
            let day = d.to_string();
            let v = env.json(&["appointments", "slots", "--service", s, "--day", &day, "--json"]);
            for slot in v.as_array().unwrap() {
                out.insert((
                    (*s).to_owned(),
                    slot["resource"].as_str().unwrap().to_owned(),
                    slot["start"].as_str().unwrap().to_owned(),
                    slot["seats_free"].as_u64().unwrap(),
                ));
            }
        }
    }
    out
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn the_exported_slots_are_what_a_clerk_sees() {
    let env = env();
    // A counter service, a pick-up of capacity 2, and a wedding booked a day ahead.
    let services = ["OP-PODANI", "OP-PREVZETI", "MAT-SNATEK"];
    let today = SystemClock.today();
    let days: Vec<NaiveDate> = (0..7).map(|i| today + Days::new(i)).collect();
    let before = clerk_view(&env, &services, &days);
    let args = ["--days", "7", "--service", "OP-PODANI", "--service", "OP-PREVZETI", "--service", "MAT-SNATEK"];
    let (slots, summary) = export(&env, "s.jsonl", &args);
    let after = clerk_view(&env, &services, &days);
    let exported = keys(&slots);
    assert_eq!(exported.len(), slots.len(), "no slot twice");
    assert!(exported.is_subset(&before), "nothing a clerk did not see: {:?}", exported.difference(&before));
    assert!(after.is_subset(&exported), "everything a clerk still sees: {:?}", after.difference(&exported));
    assert!(exported.len() > 100, "a week of three services: {}", exported.len());
    assert_eq!(summary["slots"].as_u64(), Some(slots.len() as u64));
    assert_eq!(
        (summary["from"].as_str(), summary["to"].as_str()),
        (Some(&*days[0].to_string()), Some(&*days[6].to_string()))
    );
    for s in &slots {
        assert_eq!((s["v"].as_i64(), s["type"].as_str()), (Some(1), Some("free_slot")));
        let (start, end) = (s["start"].as_str().unwrap(), s["end"].as_str().unwrap());
        assert!(start.ends_with('Z') && end.ends_with('Z'), "{s}");
        assert_eq!(utc(start), utc(s["local_start"].as_str().unwrap()), "the same instant: {s}");
        assert_eq!(utc(end), utc(s["local_end"].as_str().unwrap()), "{s}");
        assert!(utc(start) > Utc::now() - chrono::Duration::minutes(1), "no slot in the past: {s}");
        assert!(!s["resource_name"].as_str().unwrap().is_empty());
    }
    // Without --service: every bookable service, the same slots for these three.
    let (all, summary) = export(&env, "all.jsonl", &["--days", "7"]);
    assert!(summary["services"].as_array().unwrap().len() > 3, "{summary}");
    let of_three: BTreeSet<Key> = keys(&all).into_iter().filter(|k| services.contains(&k.0.as_str())).collect();
    let later = clerk_view(&env, &services, &days);
    assert!(later.is_subset(&of_three) && of_three.is_subset(&exported));
}

#[test]
fn a_booked_slot_leaves_the_export_and_a_shared_one_loses_a_seat() {
    let env = env();
    let filed = env.json(&[
        "case",
        "file",
        "--as",
        "prepazka",
        "--situation",
        "KC-REJSTRIK-TRESTU",
        "--new-citizen",
        "Jan Novák,1980-01-15",
        "--json",
    ]);
    let show = env.json(&["case", "show", filed["reference_number"].as_str().unwrap(), "--json"]);
    let citizen = show["citizen"]["id"].as_i64().unwrap().to_string();
    // From the third day on, so the minimum notice cannot take the slot away meanwhile.
    let third = (SystemClock.today() + Days::new(2)).to_string();
    let pick = |slots: &[Value], service: &str, seats: u64| -> Value {
        slots
            .iter()
            .find(|s| {
                s["service"] == service
                    && s["seats_free"] == seats
                    && s["local_start"].as_str().unwrap() >= third.as_str()
            })
            .unwrap()
            .clone()
    };
    let (before, _) = export(&env, "1.jsonl", &["--service", "OP-PODANI", "--service", "OP-PREVZETI"]);
    // The pick-up counter seats two (the service's capacity at a counter that takes two).
    let (single, shared) = (pick(&before, "OP-PODANI", 1), pick(&before, "OP-PREVZETI", 2));
    for s in [&single, &shared] {
        let args = [
            "appointments",
            "book",
            "--as",
            "prepazka",
            "--service",
            s["service"].as_str().unwrap(),
            "--resource",
            s["resource"].as_str().unwrap(),
            "--at",
            s["local_start"].as_str().unwrap(),
            "--citizen",
            &citizen,
        ];
        env.ok(&args);
    }
    let (after, _) = export(&env, "2.jsonl", &["--service", "OP-PODANI", "--service", "OP-PREVZETI"]);
    let find = |slots: &[Value], s: &Value| -> Option<Value> {
        slots
            .iter()
            .find(|x| x["service"] == s["service"] && x["resource"] == s["resource"] && x["start"] == s["start"])
            .cloned()
    };
    assert_eq!(find(&after, &single), None, "the booked slot is gone");
    assert_eq!(find(&after, &shared).map(|s| s["seats_free"].clone()), Some(Value::from(1)), "one seat left");
}

#[test]
fn csv_bad_usage_and_no_file_left_behind() {
    let env = env();
    let out = env.path("s.csv");
    let said = env.ok(&["export", "slots", "--days", "3", "--format", "csv", "-o", out.to_str().unwrap()]);
    assert!(said.starts_with("exported ") && said.contains("free slot(s)"), "{said}");
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.starts_with("service,resource,resource_name,start,end,local_start,local_end,seats_free\r\n"),
        "{text}"
    );
    env.cmd(&["export", "slots", "--days", "0"]).assert().code(2);
    env.cmd(&["export", "slots", "--days", "367"]).assert().code(2);
    env.cmd(&["export", "slots", "--format", "open311-json"]).assert().code(2);
    let out2 = env.path("x.jsonl");
    env.fails(&["export", "slots", "--service", "NIC", "-o", out2.to_str().unwrap()], None, 1, &["NIC"]);
    assert!(!out2.exists());
    let missing = env.path("nope/s.jsonl");
    env.fails(&["export", "slots", "-o", missing.to_str().unwrap()], None, 1, &["nope"]);
    let left: Vec<String> = std::fs::read_dir(env.path(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| std::path::Path::new(n).extension().is_some_and(|e| e == "tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn christmas_has_no_slots_and_each_day_is_the_counters_own() {
    use support::desk::ymd;
    let fx = support::desk::Fx::new();
    // Monday 21 December 2026, 10:00 in Prague: 24–26 December are holidays, 27 a Sunday.
    let mut desk = fx.desk(ymd(2026, 12, 21));
    let mut slots = Vec::new();
    let summary = desk
        .portal_slots(7, &[], &mut |s| {
            slots.push(s);
            Ok(())
        })
        .unwrap();
    assert_eq!((summary.from, summary.to), (ymd(2026, 12, 21), ymd(2026, 12, 27)));
    let day = |s: &clerkdesk::desk::PortalSlot| s.local_start[..10].to_owned();
    let days: BTreeSet<String> = slots.iter().map(day).collect();
    assert!(days.contains("2026-12-22") && days.contains("2026-12-23"), "{days:?}");
    for d in ["2026-12-24", "2026-12-25", "2026-12-26", "2026-12-27"] {
        assert!(!days.contains(d), "{d} has slots");
    }
    // Service by service, day by day: exactly the counter's calendar.
    for service in &summary.services {
        let mut d = summary.from;
        while d <= summary.to {
            let clerk: Vec<(String, String, u32)> = desk
                .slots_on(service, d, None)
                .unwrap()
                .into_iter()
                .map(|s| (s.resource, s.start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), s.seats_free))
                .collect();
            let ours: Vec<(String, String, u32)> = slots
                .iter()
                .filter(|s| &s.service == service && day(s) == d.to_string())
                .map(|s| (s.resource.clone(), s.start.clone(), s.seats_free))
                .collect();
            assert_eq!(ours, clerk, "{service} on {d}");
            d = d + Days::new(1);
        }
    }
}

/// The audit lines of the slot exports: (actor, user id, detail).
fn audited(env: &Env) -> Vec<(String, Option<i64>, String)> {
    let conn = env.conn();
    let mut stmt =
        conn.prepare("SELECT actor, user_id, detail FROM audit_log WHERE action = 'export_slots' ORDER BY id").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[test]
fn each_export_is_audited_with_who_what_and_where_and_a_failed_one_is_not() {
    let env = env();
    let (slots, summary) = export(&env, "s.jsonl", &["--days", "3", "--service", "OP-PODANI"]);
    let lines = audited(&env);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let (actor, user, detail) = &lines[0];
    assert_eq!((actor.as_str(), *user), ("root (uid 0)", None), "root's built-in administrator");
    let target = env.path("s.jsonl");
    let want = format!(
        "days=3 ({}..{}) services=OP-PODANI format=jsonl slots={} target={}",
        summary["from"].as_str().unwrap(),
        summary["to"].as_str().unwrap(),
        slots.len(),
        target.display()
    );
    assert_eq!(detail, &want);
    // To standard output, as a clerk's account, every service, CSV.
    let out = env.cmd(&["export", "slots", "--days", "2", "--format", "csv", "--as", "prepazka"]).assert().success();
    let rows = String::from_utf8(out.get_output().stdout.clone()).unwrap().lines().count() - 1;
    let lines = audited(&env);
    assert_eq!(lines.len(), 2, "{lines:?}");
    let (actor, user, detail) = &lines[1];
    assert_eq!(actor, "root (uid 0) acting as prepazka");
    assert!(user.is_some());
    assert!(detail.contains("services=all (") && detail.contains("format=csv"), "{detail}");
    assert!(detail.ends_with(&format!("slots={rows} target=stdout")), "{detail}");
    // Nothing exported, nothing audited: an unknown service, a missing folder, an unknown account.
    env.fails(&["export", "slots", "--service", "NIC"], None, 1, &["NIC"]);
    env.fails(&["export", "slots", "-o", env.path("nope/s.jsonl").to_str().unwrap()], None, 1, &["nope"]);
    env.fails(&["export", "slots", "--as", "nikdo"], None, 1, &["nikdo"]);
    assert_eq!(audited(&env).len(), 2);
}
