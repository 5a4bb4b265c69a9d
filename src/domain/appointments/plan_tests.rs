#![allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]

use super::*;

fn ctx() -> PlanContext {
    PlanContext {
        service_durations: [("OP".to_owned(), 15), ("PAS".to_owned(), 20), ("ODD".to_owned(), 7)].into(),
        officials: ["OSA-1".to_owned()].into(),
        users: ["referent".to_owned()].into(),
    }
}

const PLAN: &str = r#"
[[service]]
code = "OP"
buffer_min = 5
opens_filing = true

[[resource]]
code = "P1"
name = "Přepážka 1"
services = ["OP", "PAS"]
breaks = ["11:30-12:00"]
week = { mon = "8:00-17:00", fri = "8:00-12:00" }

[[resource]]
code = "E1"
name = "e-úřední hodiny"
kind = "official"
official = "OSA-1"
user = "referent"
services = ["PAS"]
week = { wed = "13:00-15:00" }

[[closure]]
resource = "P1"
from = 2026-12-28
to = "31. 12. 2026"
reason = "Dovolená"
"#;

#[test]
fn reads_a_plan_with_breaks_and_default_rules() {
    let plan = Plan::from_toml(PLAN, &ctx()).unwrap();
    let p1 = plan.resource("P1").unwrap();
    assert_eq!(p1.week[0], vec![Interval { start: 480, end: 690 }, Interval { start: 720, end: 1020 }]);
    assert_eq!(p1.week[4], vec![Interval { start: 480, end: 690 }]);
    assert!(p1.week[1].is_empty());
    assert_eq!(plan.service("OP").unwrap().buffer_min, 5);
    assert!(plan.service("OP").unwrap().opens_filing);
    // PAS has no rules of its own: the defaults, with the catalogue's duration.
    assert_eq!(plan.service("PAS").unwrap(), &default_rules("PAS", 20));
    assert_eq!(plan.closures[0].to, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
}

#[test]
fn export_reads_back_to_the_same_plan() {
    let plan = Plan::from_toml(PLAN, &ctx()).unwrap();
    let again = Plan::from_toml(&plan.to_toml(), &ctx()).unwrap();
    assert_eq!(plan, again);
}

#[test]
fn errors_name_the_entry_and_the_key() {
    let bad = r#"
[[service]]
code = "ODD"
[[service]]
code = "NOPE"
[[resource]]
code = "P 1"
name = ""
kind = "robot"
user = "nobody"
services = ["OP", "XX"]
week = { mon = "8:00-7:00", tue = "8:03-9:00", sun = "8-9", fri = "8:00-10:00, 9:00-11:00", xyz = "8:00-9:00" }
[[closure]]
resource = "P9"
from = "31. 2. 2026"
"#;
    let errs = Plan::from_toml(bad, &ctx()).unwrap_err();
    let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
    let expect = [
        "service ODD: duration_min: the catalogue's 7 min is not a multiple of 5",
        "service NOPE: code: no such service in the catalogue",
        "resource P 1: code: 1 to 16 letters, digits or dashes",
        "resource P 1: name: must not be empty",
        "resource P 1: kind: must be \"counter\" or \"official\"",
        "resource P 1: user: no account 'nobody'",
        "resource P 1: services: no service 'XX' in the catalogue",
        "resource P 1: week.mon: '8:00-7:00' ends before it starts",
        "resource P 1: week.tue: '8:03-9:00': times must be on the 5-minute grid",
        "resource P 1: week.sun: '8-9' is not a time range like 8:00-11:30",
        "resource P 1: week.fri: time ranges overlap",
        "resource P 1: week.xyz: days are mon, tue, wed, thu, fri, sat, sun",
        "closure #1: resource: no resource 'P9' in this plan",
        "closure #1: from: '31. 2. 2026' is not a date (2026-12-24 or 24. 12. 2026)",
    ];
    for e in expect {
        assert!(text.iter().any(|t| t == e), "missing {e:?} in {text:#?}");
    }
}

#[test]
fn syntax_errors_name_the_line() {
    let errs = Plan::from_toml("[[resource]]\ncode = \"P1\"\nname = \n", &ctx()).unwrap_err();
    assert_eq!(errs[0].place, "line 3", "{errs:?}");
}
