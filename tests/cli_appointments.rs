//! `clerkdesk appointments …` as scripts use it. The binary reads the real clock, so every test
//! takes its slots from `appointments slots --json` instead of hard-coding dates.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use clerkdesk::domain::clock::{Clock, SystemClock};
use serde_json::Value;
use support::cli::Env;

const APPT_TABLES: &[&str] = &["appointments", "appt_cells", "appt_history", "appt_waitlist", "citizens"];
const PLAN_TABLES: &[&str] = &["appt_services", "appt_resources", "appt_resource_services", "appt_closures"];

/// Every row of the tables as text, sorted (the cell tables are WITHOUT ROWID): equal snapshots
/// mean nothing changed.
fn dump(conn: &rusqlite::Connection, tables: &[&str]) -> String {
    let mut lines = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {t}")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| (0..n).map(|i| r.get::<_, rusqlite::types::Value>(i)).collect::<Result<Vec<_>, _>>())
            .unwrap();
        lines.extend(rows.map(|row| format!("{t}: {:?}", row.unwrap())));
    }
    lines.sort();
    lines.join("\n")
}

fn env() -> Env {
    let env = Env::new();
    env.init();
    for (user, role) in [("prepazka", "counter_clerk"), ("vedouci", "supervisor"), ("pryc", "counter_clerk")] {
        env.add_user(user, role);
    }
    env.ok(&["user", "disable", "pryc"]);
    env
}

/// A citizen on file (made by filing a case for a new one); their id.
fn citizen(env: &Env, name: &str) -> i64 {
    let new = format!("{name},1980-01-15");
    let args =
        ["case", "file", "--as", "prepazka", "--situation", "KC-REJSTRIK-TRESTU", "--new-citizen", &new, "--json"];
    let filed = env.json(&args);
    let show = env.json(&["case", "show", filed["reference_number"].as_str().unwrap(), "--json"]);
    show["citizen"]["id"].as_i64().unwrap()
}

/// The next free slots of OP-PODANI at P1 from tomorrow on (the office's tomorrow: nothing of
/// them is today, whatever the clock says).
fn slots_from_tomorrow(env: &Env, count: usize) -> Vec<Value> {
    let tomorrow = (SystemClock.today() + chrono::Days::new(1)).to_string();
    let n = count.to_string();
    let args = ["appt", "slots", "--service", "OP-PODANI", "--resource", "P1", "--from", &tomorrow, "--count", &n];
    let mut a = args.to_vec();
    a.push("--json");
    let v = env.json(&a);
    let slots = v.as_array().unwrap().clone();
    assert_eq!(slots.len(), count, "{v}");
    slots
}

fn book(env: &Env, at: &str, citizen: i64) -> Value {
    let id = citizen.to_string();
    let args = [
        "appt",
        "book",
        "--as",
        "prepazka",
        "--service",
        "OP-PODANI",
        "--resource",
        "P1",
        "--at",
        at,
        "--citizen",
        &id,
    ];
    let mut a = args.to_vec();
    a.push("--json");
    env.json(&a)
}

#[test]
fn services_and_slots_json_shape() {
    let env = env();
    let services = env.json(&["appointments", "services", "--json"]);
    let op = services.as_array().unwrap().iter().find(|s| s["code"] == "OP-PODANI").unwrap();
    assert_eq!(op["duration_min"], 15);
    assert_eq!(op["resources"], serde_json::json!(["P1", "P2"]));
    assert!(op["name"]["cs"].as_str().unwrap().contains("Občanský průkaz"), "{op}");
    let human = env.ok(&["appt", "services"]);
    assert!(human.contains("OP-PODANI") && human.contains("EUH-SU"), "{human}");

    let slots = env.json(&["appt", "slots", "--service", "OP-PODANI", "--count", "3", "--json"]);
    let slots = slots.as_array().unwrap();
    assert_eq!(slots.len(), 3);
    for s in slots {
        let (start, end) = (s["start"].as_str().unwrap(), s["end"].as_str().unwrap());
        let (a, b) =
            (chrono::DateTime::parse_from_rfc3339(start).unwrap(), chrono::DateTime::parse_from_rfc3339(end).unwrap());
        assert!(start.ends_with("+01:00") || start.ends_with("+02:00"), "office offset: {start}");
        assert_eq!((b - a).num_minutes(), 15);
        assert!(["P1", "P2"].contains(&s["resource"].as_str().unwrap()), "{s}");
    }
    // One day's slots, all on that day; the human form shows the Czech date and the ISO instant.
    let day = &slots[0]["start"].as_str().unwrap()[..10];
    let on_day = env.json(&["appt", "slots", "--service", "OP-PODANI", "--day", day, "--json"]);
    assert!(on_day.as_array().unwrap().iter().all(|s| s["start"].as_str().unwrap().starts_with(day)));
    let text = env.ok(&["appt", "slots", "--service", "OP-PODANI", "--count", "1"]);
    assert!(text.contains(slots[0]["start"].as_str().unwrap()) && text.contains("free slot"), "{text}");

    env.fails(&["appt", "slots", "--service", "NOPE"], None, 1, &["service", "NOPE"]);
    env.fails(&["appt", "slots", "--service", "OP-PODANI", "--resource", "P3"], None, 1, &["P3 does not serve"]);
    env.fails(&["appt", "slots", "--service", "OP-PODANI", "--day", "31. 2. 2026"], None, 2, &["--day", "not a date"]);
}

/// `Po 23. 11. 2026`: the weekday as the booking calendar names it, in the configured language
/// (Czech without a configuration), never chrono's English `Mon`.
#[test]
fn slots_name_the_weekday_in_the_configured_language() {
    use chrono::Datelike;
    let env = env();
    let names = [
        (None, ["Po", "Út", "St", "Čt", "Pá", "So", "Ne"]),
        (Some("cs"), ["Po", "Út", "St", "Čt", "Pá", "So", "Ne"]),
        (Some("en"), ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]),
        (Some("uk"), ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Нд"]),
    ];
    for (lang, week) in names {
        let mut args: Vec<String> = Vec::new();
        if let Some(lang) = lang {
            let config = env.path(&format!("{lang}.toml"));
            std::fs::write(&config, format!("[ui]\nlanguage = \"{lang}\"\n")).unwrap();
            args.extend(["--config".to_owned(), config.to_str().unwrap().to_owned()]);
        }
        args.extend(["appt", "slots", "--service", "OP-PODANI", "--count", "3"].map(String::from));
        let text = env.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('(')).collect();
        assert_eq!(lines.len(), 3, "{text}");
        for line in lines {
            let words: Vec<&str> = line.split_whitespace().collect();
            let date = chrono::NaiveDate::parse_from_str(&words[1..4].join(" "), "%d. %m. %Y").unwrap();
            let want = week[date.weekday().num_days_from_monday() as usize];
            assert_eq!(words[0], want, "{lang:?}: {line}");
        }
        for english in ["Mon ", "Tue ", "Wed ", "Thu ", "Fri "] {
            assert!(lang == Some("en") || !text.contains(english), "{lang:?}: {text}");
        }
    }
}

#[test]
fn book_then_the_same_slot_again_is_taken_with_the_next_free() {
    let env = env();
    let (jana, petr) = (citizen(&env, "Jana Nováková"), citizen(&env, "Petr Dvořák"));
    let slot = &slots_from_tomorrow(&env, 1)[0];
    let at = slot["start"].as_str().unwrap();
    let b = book(&env, at, jana);
    assert_eq!(b["status"], "booked");
    assert_eq!(b["start"], at);
    assert_eq!(b["resource"], "P1");
    assert_eq!(b["code"].as_str().unwrap().len(), 6);

    let id = petr.to_string();
    let again = ["appt", "book", "--as", "prepazka", "--service", "OP-PODANI", "--resource", "P1", "--at", at];
    let mut args = again.to_vec();
    args.extend(["--citizen", &id]);
    let err = env.fails(&args, None, 1, &["slot taken", "next free: 20"]);
    assert!(!err.contains(&format!("{at} P1")), "the taken slot is not offered: {err}");

    // With --json, stdout also carries the refusal with the next free slots.
    args.push("--json");
    let out = env.cmd(&args).assert().code(1).get_output().stdout.clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["error"], "slot_taken");
    assert_eq!(v["at"], at);
    assert!(!v["next"].as_array().unwrap().is_empty(), "{v}");
    assert!(v["next"][0]["start"].as_str().unwrap() >= at);

    // The same instant written as office time is the same slot.
    let local = at[..16].replace('T', " ");
    let mut args = again.to_vec();
    args[9] = &local;
    args.extend(["--citizen", &id]);
    env.fails(&args, None, 1, &["slot taken"]);

    let show = env.ok(&["appt", "show", b["code"].as_str().unwrap()]);
    assert!(show.contains("Jana Nováková") && show.contains("history:") && show.contains("book"), "{show}");
}

#[test]
fn a_new_citizen_and_the_booking_in_one_step() {
    let env = env();
    let at = slots_from_tomorrow(&env, 1)[0]["start"].as_str().unwrap().to_owned();
    let args = [
        "appt",
        "book",
        "--as",
        "prepazka",
        "--service",
        "OP-PODANI",
        "--at",
        &at,
        "--resource",
        "P1",
        "--new-citizen",
        "Věra Šťastná,1990-02-03",
        "--phone",
        "777 123 456",
        "--channel",
        "phone",
        "--note",
        "zavolá",
    ];
    let out = env.ok(&args);
    assert!(out.starts_with("Booked ") && out.contains("Věra Šťastná"), "{out}");
    let code = out.split_whitespace().nth(1).unwrap().trim_end_matches(':');
    let v = env.json(&["appt", "show", code, "--json"]);
    assert_eq!(v["citizen_name"], "Věra Šťastná");
    assert_eq!(v["citizen_phone"], "+420777123456");
    assert_eq!(v["channel"], "phone");
    assert_eq!(v["note"], "zavolá");
    assert_eq!(v["history"][0]["action"], "book");
    let found = env.json(&["appt", "find", "stastna", "--json"]);
    assert_eq!(found[0]["code"], code);

    // A refused booking leaves no new citizen behind.
    let before = dump(&env.conn(), APPT_TABLES);
    let mut again = args.to_vec();
    again[11] = "Karel Nový,1970-05-05";
    env.fails(&again, None, 1, &["slot taken"]);
    again[11] = "Karel,1970-05-05";
    env.fails(&again, None, 1, &["Given Family"]);
    again[11] = "Karel Nový,1970-13-05";
    env.fails(&again, None, 1, &["birth"]);
    assert_eq!(dump(&env.conn(), APPT_TABLES), before);
}

#[test]
fn e_office_hours_print_the_meeting_link() {
    let env = env();
    let jana = citizen(&env, "Jana Nováková").to_string();
    let slots = env.json(&["appt", "slots", "--service", "EUH-SU", "--count", "1", "--json"]);
    let at = slots[0]["start"].as_str().unwrap();
    let out = env.ok(&["appt", "book", "--as", "prepazka", "--service", "EUH-SU", "--at", at, "--citizen", &jana]);
    assert!(out.contains("meeting  https://"), "{out}");
}

#[test]
fn actions_refused_with_clear_messages() {
    let env = env();
    let jana = citizen(&env, "Jana Nováková");
    let slots = slots_from_tomorrow(&env, 2);
    let code = book(&env, slots[0]["start"].as_str().unwrap(), jana)["code"].as_str().unwrap().to_owned();
    let act = |verb: &'static str| vec!["appt", verb, code.as_str(), "--as", "prepazka"];

    env.fails(&act("checkin"), None, 1, &[&code, "not today"]);
    env.fails(&act("noshow"), None, 1, &[&code, "not late yet"]);
    env.fails(&act("serve"), None, 1, &[&code, "is booked; cannot serve"]);
    env.fails(&["appt", "cancel", &code, "--as", "nikdo"], None, 1, &["nikdo"]);
    env.fails(&["appt", "cancel", &code, "--as", "pryc"], None, 1, &["disabled"]);
    env.fails(&["appt", "cancel", &code, "--as", "prepazka", "--expect-version", "7"], None, 1, &["colleague"]);
    env.fails(&["appt", "cancel", "XYZ", "--as", "prepazka"], None, 1, &["not a booking code"]);
    env.fails(&["appt", "show", "AAAAAA"], None, 1, &["not found"]);

    let moved = ["appt", "reschedule", &code, "--at", slots[1]["start"].as_str().unwrap(), "--as", "prepazka"];
    let mut m = moved.to_vec();
    m.extend(["--reason", "citizen asked", "--json"]);
    let v = env.json(&m);
    assert_eq!(v["booking"]["start"], slots[1]["start"]);
    assert_eq!(v["booking"]["version"], 2);

    let mut c = act("cancel");
    c.extend(["--reason", "nemoc", "--json"]);
    assert_eq!(env.json(&c)["booking"]["status"], "cancelled");
    env.fails(&act("cancel"), None, 1, &["is cancelled; cannot cancel"]);
    env.fails(&act("checkin"), None, 1, &["is cancelled; cannot checkin"]);
    env.fails(&moved, None, 1, &["is cancelled; cannot move it"]);
    let history = env.json(&["appt", "show", &code, "--json"])["history"].clone();
    let actions: Vec<&str> = history.as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["book", "reschedule", "cancel"]);
    assert_eq!(history[2]["reason"], "nemoc");
}

#[test]
fn bad_at_names_the_field_and_changes_nothing() {
    let env = env();
    let jana = citizen(&env, "Jana Nováková").to_string();
    let before = dump(&env.conn(), APPT_TABLES);
    let with = |at: &'static str| {
        vec!["appt", "book", "--as", "prepazka", "--service", "OP-PODANI", "--at", at, "--citizen", jana.as_str()]
    };
    env.fails(&with("zítra v osm"), None, 2, &["--at", "not a date and time"]);
    env.fails(&with("2026-03-29 2:30"), None, 2, &["--at", "does not exist"]);
    env.fails(&with("2026-10-25 2:30"), None, 2, &["--at", "happens twice", "+01:00 or +02:00"]);
    env.fails(&with("2026-11-23T08:00+25:00"), None, 2, &["--at", "offset"]);
    // A time that is no slot of the service: the field and free slots instead.
    let at = slots_from_tomorrow(&env, 1)[0]["start"].as_str().unwrap().replace(":00+", ":05+");
    let mut args = with("x");
    args[7] = &at;
    env.fails(&args, None, 1, &["at:", "not a slot of OP-PODANI", "free slots"]);
    env.fails(&with("2020-01-06 8:00"), None, 1, &["at:"]);
    let mut no_one = with("2026-11-23 8:00");
    no_one.truncate(8);
    env.fails(&no_one, None, 2, &["--citizen"]);
    env.fails(&[&with("2026-11-23 8:00")[..], &["--channel", "post"]].concat(), None, 2, &["booking channel"]);
    assert_eq!(dump(&env.conn(), APPT_TABLES), before);
}

#[test]
fn day_list_waitlist_and_find() {
    let env = env();
    let jana = citizen(&env, "Jana Nováková");
    let slot = &slots_from_tomorrow(&env, 1)[0];
    let b = book(&env, slot["start"].as_str().unwrap(), jana);
    let day = &slot["start"].as_str().unwrap()[..10];
    let list = env.json(&["appt", "list", "--day", day, "--json"]);
    assert_eq!(list[0]["code"], b["code"]);
    assert_eq!(list[0]["attendance"], "due");
    let text = env.ok(&["appt", "list", "--day", day, "--resource", "P1"]);
    assert!(text.contains(b["code"].as_str().unwrap()) && text.contains("due"), "{text}");
    env.fails(&["appt", "list", "--day", day, "--resource", "X9"], None, 1, &["X9"]);

    let id = jana.to_string();
    let w = env.json(&[
        "appt",
        "waitlist",
        "add",
        "--service",
        "OP-PODANI",
        "--day",
        day,
        "--citizen",
        &id,
        "--as",
        "prepazka",
        "--json",
    ]);
    let wid = w["id"].as_i64().unwrap().to_string();
    let rows = env.json(&["appt", "waitlist", "list", "--service", "OP-PODANI", "--json"]);
    assert_eq!(rows[0]["citizen_id"], jana);
    assert_eq!(rows[0]["status"], "waiting");
    // The cancelled booking's time goes to the first one waiting for that day.
    let out = env.ok(&["appt", "cancel", b["code"].as_str().unwrap(), "--as", "prepazka"]);
    assert!(out.contains(&format!("waiting-list entry #{wid}")), "{out}");
    env.ok(&["appt", "waitlist", "remove", &wid, "--as", "prepazka", "--reason", "booked by phone"]);
    env.fails(&["appt", "waitlist", "remove", &wid, "--as", "prepazka"], None, 1, &["not found"]);
    env.fails(
        &["appt", "waitlist", "add", "--service", "NOPE", "--citizen", &id, "--as", "prepazka"],
        None,
        1,
        &["NOPE"],
    );

    let found = env.json(&["appt", "find", "Novakova", "--json"]);
    assert_eq!(found[0]["code"], b["code"]);
    assert_eq!(env.json(&["appt", "find", b["code"].as_str().unwrap(), "--json"]).as_array().unwrap().len(), 1);
}

const BROKEN_PLAN: &str = r#"
[[resource]]
code = "P1"
name = "Přepážka 1"
services = ["OP-PODANI"]
week = { mon = "8:00-7:00", tue = "8:00-12:00" }

[[resource]]
code = "X1"
name = "Nová přepážka"
services = ["NOPE"]
week = { thu = "8:00-12:00" }
"#;

#[test]
fn plan_import_refuses_a_broken_file_and_changes_nothing() {
    let env = env();
    let exported = env.ok(&["appt", "plan", "export"]);
    let before = dump(&env.conn(), PLAN_TABLES);
    let broken = env.path("broken.toml");
    std::fs::write(&broken, BROKEN_PLAN).unwrap();
    let b = broken.to_str().unwrap();
    let err = env.fails(&["appt", "plan", "import", b], None, 1, &["nothing changed", "broken.toml"]);
    assert!(err.contains("resource P1: week.mon: '8:00-7:00' ends before it starts"), "{err}");
    assert!(err.contains("resource X1: services: no service 'NOPE'"), "{err}");
    env.fails(&["appt", "plan", "import", b, "--dry-run"], None, 1, &["resource P1: week.mon"]);
    env.fails(&["appt", "plan", "import", "/nonexistent/plan.toml"], None, 1, &["/nonexistent/plan.toml"]);
    assert_eq!(env.ok(&["appt", "plan", "export"]), exported);
    assert_eq!(dump(&env.conn(), PLAN_TABLES), before);
}

#[test]
fn plan_dry_run_changes_nothing_and_export_import_round_trips() {
    let env = env();
    let exported = env.ok(&["appt", "plan", "export"]);
    let before = dump(&env.conn(), PLAN_TABLES);
    let audit = support::cli::count(&env.conn(), "SELECT count(*) FROM audit_log");
    // A plan without P3: a dry run says it would deactivate one, and changes nothing.
    let file = env.path("plan.toml");
    let start = exported.find("code = \"P3\"").unwrap();
    let end = start + exported[start..].find("\n\n").unwrap();
    let without_p3 =
        format!("{}{}", &exported[..exported[..start].rfind("[[resource]]").unwrap()], &exported[end + 2..]);
    std::fs::write(&file, &without_p3).unwrap();
    let f = file.to_str().unwrap();
    let v = env.json(&["appt", "plan", "import", f, "--dry-run", "--json"]);
    assert_eq!((v["dry_run"].as_bool(), v["counts"]["deactivated"].as_u64()), (Some(true), Some(1)), "{v}");
    assert!(env.ok(&["appt", "plan", "import", f, "--dry-run"]).contains("nothing changed"));
    assert_eq!(dump(&env.conn(), PLAN_TABLES), before);
    assert_eq!(support::cli::count(&env.conn(), "SELECT count(*) FROM audit_log"), audit);

    // Export → file → import → export: the same text.
    let out = env.ok(&["appt", "plan", "export", "-o", f]);
    assert!(out.contains("written"), "{out}");
    env.ok(&["appt", "plan", "import", f]);
    assert_eq!(env.ok(&["appt", "plan", "export"]), exported);
    assert_eq!(std::fs::read_to_string(&file).unwrap().trim_end(), exported.trim_end());
}

#[test]
fn help_names_every_command() {
    let env = Env::new();
    let help = env.ok(&["appointments", "--help"]);
    for c in [
        "services",
        "slots",
        "book",
        "cancel",
        "checkin",
        "noshow",
        "serve",
        "reschedule",
        "show",
        "find",
        "list",
        "waitlist",
        "plan",
        "export",
    ] {
        assert!(help.contains(&format!("  {c} ")), "{c} in {help}");
    }
    assert!(env.ok(&["appt", "book", "--help"]).contains("--new-citizen"));
}
