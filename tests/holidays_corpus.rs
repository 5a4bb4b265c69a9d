//! `calendar::holidays` against two public holiday lists kept in the shared corpus:
//! vacanza/holidays (Python) and date-holidays (JavaScript), both its rule file and its fixtures.
//!
//! Only public holidays under zákon 245/2000 Sb. count; the lists' observances ("významné dny",
//! Mother's Day, the Easter week days) are ignored. The law took effect in 2000 and the calendar
//! models only the current law, so years before 2001 are not compared. Where a list disagrees with
//! the law, the disagreement must be in `KNOWN` with the reason the list is wrong; a new
//! disagreement fails, and so does a known one that has disappeared (the table must stay true).
//!
//! The corpus is found at `../shared/corpus` beside the crate, else at `$CLERKDESK_CORPUS`; when
//! neither exists the tests say so and pass.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate};
use clerkdesk::domain::calendar::{easter_sunday, holidays};

/// The first year compared: the first full year under zákon 245/2000 Sb.
const FIRST_YEAR: i32 = 2001;

const VACANZA: &str = "vacanza-holidays/CZ_COMMON.json";
const DH_RULES: &str = "date-holidays/data/countries/CZ.yaml";
const DH_FIXTURES: &str = "date-holidays/test/fixtures";

/// A known disagreement: `list` names dates as public holidays that are not (`extra`), or misses
/// ones that are (`!extra`).
struct Known {
    list: &'static str,
    extra: bool,
    dates: &'static [&'static str],
    why: &'static str,
}

const GOOD_FRIDAY_SINCE_2016: &str = "Good Friday became a public holiday only in 2016 (zákon 359/2015 Sb. \
     amending 245/2000 Sb.); the list has it in earlier years";

const KNOWN: &[Known] = &[
    Known {
        list: "date-holidays/test/fixtures/CZ-2015.json",
        extra: true,
        dates: &["2015-04-03"],
        why: GOOD_FRIDAY_SINCE_2016,
    },
    Known {
        // The rule `easter -2` has no start year, so it yields Good Friday in every year.
        list: DH_RULES,
        extra: true,
        dates: &[
            "2001-04-13",
            "2002-03-29",
            "2003-04-18",
            "2004-04-09",
            "2005-03-25",
            "2006-04-14",
            "2007-04-06",
            "2008-03-21",
            "2009-04-10",
            "2010-04-02",
            "2011-04-22",
            "2012-04-06",
            "2013-03-29",
            "2014-04-18",
            "2015-04-03",
        ],
        why: GOOD_FRIDAY_SINCE_2016,
    },
];

fn holidays_dir() -> Result<PathBuf, String> {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let corpus = if beside.is_dir() {
        beside
    } else {
        match std::env::var_os("CLERKDESK_CORPUS") {
            Some(dir) if Path::new(&dir).is_dir() => PathBuf::from(dir),
            Some(dir) => {
                return Err(format!(
                    "{} does not exist and CLERKDESK_CORPUS={} is not a directory",
                    beside.display(),
                    Path::new(&dir).display()
                ));
            }
            None => {
                return Err(format!("{} does not exist and CLERKDESK_CORPUS is not set", beside.display()));
            }
        }
    };
    let dir = corpus.join("czech/holidays");
    if dir.is_dir() { Ok(dir) } else { Err(format!("{} does not exist", dir.display())) }
}

/// The holidays directory, or `None` after printing why the test is skipped.
fn corpus(test: &str) -> Option<PathBuf> {
    match holidays_dir() {
        Ok(dir) => Some(dir),
        Err(why) => {
            println!("{test}: skipped, holiday corpus not found: {why}");
            None
        }
    }
}

fn law(year: i32) -> BTreeSet<NaiveDate> {
    holidays(year).into_iter().map(|h| h.date).collect()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("bad date {s:?}: {e}"))
}

/// The disagreements of `listed` (the list's public holidays of `year`) with the law, as
/// (list, extra, date).
fn compare(list: &str, year: i32, listed: &BTreeSet<NaiveDate>) -> Vec<(String, bool, NaiveDate)> {
    let want = law(year);
    let extra = listed.difference(&want).map(|d| (list.to_owned(), true, *d));
    let missing = want.difference(listed).map(|d| (list.to_owned(), false, *d));
    extra.chain(missing).collect()
}

/// Fails unless the disagreements found for the lists in `lists` are exactly the known ones.
fn check(lists: &[&str], found: Vec<(String, bool, NaiveDate)>) {
    let found: BTreeSet<_> = found.into_iter().collect();
    let known: BTreeSet<_> = KNOWN
        .iter()
        .filter(|k| lists.contains(&k.list))
        .flat_map(|k| k.dates.iter().map(|d| (k.list.to_owned(), k.extra, date(d))))
        .collect();
    for (list, extra, d) in &found {
        if known.contains(&(list.clone(), *extra, *d)) {
            let why = KNOWN.iter().find(|k| k.list == list).map_or("", |k| k.why);
            println!("{list}: {d}: known disagreement, the list is wrong: {why}");
        }
    }
    let describe = |(list, extra, d): &(String, bool, NaiveDate)| {
        let what = if *extra { "listed as a public holiday, but the law has none" } else { "a public holiday missing" };
        format!("{list}: {d}: {what}")
    };
    let new: Vec<String> = found.difference(&known).map(describe).collect();
    let gone: Vec<String> = known.difference(&found).map(describe).collect();
    assert!(new.is_empty(), "new disagreements with zákon 245/2000 Sb.:\n{}", new.join("\n"));
    assert!(gone.is_empty(), "known disagreements no longer found (update KNOWN):\n{}", gone.join("\n"));
}

#[test]
fn vacanza_holidays_agree_with_the_law() {
    let Some(dir) = corpus("vacanza_holidays_agree_with_the_law") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join(VACANZA)).unwrap();
    // A flat map of ISO date → English name; the COMMON category is the public holidays.
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    let dates: BTreeSet<NaiveDate> = map.keys().map(|k| date(k)).collect();
    let last = dates.iter().next_back().unwrap().year();
    assert!(last >= 2030, "{VACANZA} ends in {last}");
    let mut found = Vec::new();
    for year in FIRST_YEAR..=last {
        let listed = dates.iter().copied().filter(|d| d.year() == year).collect();
        found.extend(compare(VACANZA, year, &listed));
    }
    check(&[VACANZA], found);
}

#[test]
fn date_holidays_fixtures_agree_with_the_law() {
    let Some(dir) = corpus("date_holidays_fixtures_agree_with_the_law") else {
        return;
    };
    let mut found = Vec::new();
    let mut lists = Vec::new();
    for entry in std::fs::read_dir(dir.join(DH_FIXTURES)).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(year) = name.strip_prefix("CZ-").and_then(|n| n.strip_suffix(".json")) else {
            continue;
        };
        let year: i32 = year.parse().unwrap();
        let list = format!("{DH_FIXTURES}/{name}");
        let text = std::fs::read_to_string(dir.join(&list)).unwrap();
        let items: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        // Entries: {"date": "2016-03-25 00:00:00", "type": "public" | "observance", …}.
        let listed: BTreeSet<NaiveDate> =
            items.iter().filter(|i| i["type"] == "public").map(|i| date(&i["date"].as_str().unwrap()[..10])).collect();
        assert!(listed.iter().all(|d| d.year() == year), "{list} has dates of other years");
        found.extend(compare(&list, year, &listed));
        lists.push(list);
    }
    assert!(lists.len() >= 10, "only {} CZ fixtures found", lists.len());
    let lists: Vec<&str> = KNOWN.iter().map(|k| k.list).filter(|l| l.starts_with(DH_FIXTURES)).collect();
    check(&lists, found);
}

/// The date of a date-holidays rule in `year`: `MM-DD`, `easter` or `easter ±N`.
fn rule_date(rule: &str, year: i32) -> Option<NaiveDate> {
    if let Some(offset) = rule.strip_prefix("easter") {
        let offset: i64 = match offset.trim() {
            "" => 0,
            n => n.parse().ok()?,
        };
        let easter = easter_sunday(year);
        return if offset >= 0 {
            easter.checked_add_days(Days::new(offset.unsigned_abs()))
        } else {
            easter.checked_sub_days(Days::new(offset.unsigned_abs()))
        };
    }
    let (m, d) = rule.split_once('-')?;
    NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

#[test]
fn date_holidays_rules_agree_with_the_law() {
    let Some(dir) = corpus("date_holidays_rules_agree_with_the_law") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join(DH_RULES)).unwrap();
    let yaml: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).unwrap();
    let days = yaml["holidays"]["CZ"]["days"].as_mapping().expect("holidays.CZ.days");
    let mut public_rules = Vec::new();
    for (rule, spec) in days {
        let rule = rule.as_str().unwrap();
        // No type means public in date-holidays.
        let kind = spec.get("type").and_then(|t| t.as_str()).unwrap_or("public");
        if kind != "public" {
            continue;
        }
        // Keys such as `active` or `disable` would limit the rule to some years; this evaluator
        // does not know them, so it refuses to guess rather than report false disagreements.
        for key in spec.as_mapping().unwrap().keys() {
            let key = key.as_str().unwrap();
            assert!(["name", "_name", "type"].contains(&key), "{DH_RULES}: rule {rule}: key {key} not understood");
        }
        assert!(rule_date(rule, 2026).is_some(), "{DH_RULES}: rule {rule:?} not understood");
        public_rules.push(rule);
    }
    let mut found = Vec::new();
    for year in FIRST_YEAR..=2050 {
        let listed = public_rules.iter().filter_map(|r| rule_date(r, year)).collect();
        found.extend(compare(DH_RULES, year, &listed));
    }
    check(&[DH_RULES], found);
}
