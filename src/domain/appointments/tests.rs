//! Table tests of slot generation: breaks, closures, holidays, capacity, buffers, minimum notice
//! and the two clock-change days.

#![allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]

use super::plan::{PlanContext, default_rules};
use super::*;
use rstest::rstest;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A plan with one resource `R` serving `S` (duration, buffer) on the given week.
fn plan(duration: u32, buffer: u32, week: &str, breaks: &str, closures: &str) -> Plan {
    let text = format!(
        "[[service]]\ncode = \"S\"\nbuffer_min = {buffer}\ncapacity = 2\n\
         [[resource]]\ncode = \"R\"\nname = \"R\"\ncapacity = 2\nservices = [\"S\"]\nbreaks = [{breaks}]\nweek = {{ {week} }}\n{closures}"
    );
    let ctx = PlanContext { service_durations: [("S".to_owned(), duration)].into(), ..PlanContext::default() };
    Plan::from_toml(&text, &ctx).unwrap()
}

/// The slots of day `date` as local `H:MM` (with `s`/`w` after the time on clock-change days).
fn local_starts(p: &Plan, date: NaiveDate) -> Vec<String> {
    let rules = p.service("S").unwrap();
    let r = p.resource("R").unwrap();
    p.day_slots(rules, r, date)
        .iter()
        .map(|s| {
            let t = crate::domain::dates::format_time(local_time(s.start));
            let season = if is_summer_time(s.start) { "s" } else { "w" };
            format!("{t}{season}")
        })
        .collect()
}

const EVERY_DAY: &str = "mon = \"8:00-10:00\", tue = \"8:00-10:00\", wed = \"8:00-10:00\", thu = \"8:00-10:00\", \
                         fri = \"8:00-10:00\", sat = \"8:00-10:00\", sun = \"8:00-10:00\"";

#[rstest]
// A plain Monday in winter: 30-minute slots through the interval.
#[case(30, 0, "mon = \"8:00-10:00\"", "", ymd(2026, 11, 23), &["8:00w", "8:30w", "9:00w", "9:30w"])]
// A break cuts the day in two; the slot that would cross it is not offered.
#[case(30, 0, "mon = \"8:00-12:00\"", "\"9:45-10:30\"", ymd(2026, 11, 23), &["8:00w", "8:30w", "9:00w", "10:30w", "11:00w", "11:30w"])]
// A buffer after each visit: 15 + 5 minutes; the last visit still ends by 9:00.
#[case(15, 5, "mon = \"8:00-9:00\"", "", ymd(2026, 11, 23), &["8:00w", "8:20w", "8:40w"])]
// A weekday without hours.
#[case(30, 0, "mon = \"8:00-10:00\"", "", ymd(2026, 11, 24), &[])]
// 17 November and Christmas Eve are public holidays, whatever the plan says.
#[case(30, 0, EVERY_DAY, "", ymd(2026, 11, 17), &[])]
#[case(30, 0, EVERY_DAY, "", ymd(2026, 12, 24), &[])]
// Good Friday 2026 (3 April) and Easter Monday (6 April).
#[case(30, 0, EVERY_DAY, "", ymd(2026, 4, 3), &[])]
#[case(30, 0, EVERY_DAY, "", ymd(2026, 4, 6), &[])]
// Summer time: the same wall-clock hours.
#[case(60, 0, EVERY_DAY, "", ymd(2026, 6, 15), &["8:00s", "9:00s"])]
// The spring change, Sunday 29 March 2026: 2:00–3:00 does not exist, so 1:00–4:00 is two hours.
#[case(30, 0, "sun = \"1:00-4:00\"", "", ymd(2026, 3, 29), &["1:00w", "1:30w", "3:00s", "3:30s"])]
// An interval starting inside the gap starts when the clock jumps.
#[case(30, 0, "sun = \"2:30-4:00\"", "", ymd(2026, 3, 29), &["3:00s", "3:30s"])]
// The autumn change, Sunday 25 October 2026: 2:00–3:00 happens twice, so 1:00–4:00 is four hours
// and 2:30 is offered twice, once in summer time and once in winter time.
#[case(30, 0, "sun = \"1:00-4:00\"", "", ymd(2026, 10, 25), &["1:00s", "1:30s", "2:00s", "2:30s", "2:00w", "2:30w", "3:00w", "3:30w"])]
fn slots_of_a_day(
    #[case] duration: u32,
    #[case] buffer: u32,
    #[case] week: &str,
    #[case] breaks: &str,
    #[case] date: NaiveDate,
    #[case] expected: &[&str],
) {
    let p = plan(duration, buffer, week, breaks, "");
    assert_eq!(local_starts(&p, date), expected);
}

#[test]
fn slots_are_utc_instants() {
    let p = plan(30, 0, EVERY_DAY, "", "");
    let rules = p.service("S").unwrap();
    let r = p.resource("R").unwrap();
    let winter = p.day_slots(rules, r, ymd(2026, 11, 23));
    assert_eq!(winter[0].start, utc("2026-11-23T07:00:00Z"));
    let summer = p.day_slots(rules, r, ymd(2026, 6, 15));
    assert_eq!(summer[0].start, utc("2026-06-15T06:00:00Z"));
    let autumn = p.day_slots(rules, r, ymd(2026, 10, 25));
    assert_eq!(autumn[0].end - autumn[0].start, Duration::minutes(30));
}

#[test]
fn the_autumn_day_has_two_distinct_half_past_twos() {
    let p = plan(30, 0, "sun = \"1:00-4:00\"", "", "");
    let slots = p.day_slots(p.service("S").unwrap(), p.resource("R").unwrap(), ymd(2026, 10, 25));
    let at_230: Vec<_> = slots.iter().filter(|s| local_time(s.start).format("%H:%M").to_string() == "02:30").collect();
    assert_eq!(at_230.len(), 2);
    assert_eq!(at_230[0].start, utc("2026-10-25T00:30:00Z"));
    assert_eq!(at_230[1].start, utc("2026-10-25T01:30:00Z"));
    // Consecutive slots never overlap in real time.
    assert!(slots.windows(2).all(|w| w[0].end <= w[1].start));
}

#[rstest]
#[case::resource_closure("[[closure]]\nresource = \"R\"\nfrom = 2026-11-23\nto = 2026-11-24\nreason = \"Dovolená\"", ymd(2026, 11, 23), Some(Closed::Closure("Dovolená".into())))]
#[case::office_closure("[[closure]]\nfrom = 2026-11-25\nreason = \"Sanitární den\"", ymd(2026, 11, 25), Some(Closed::Closure("Sanitární den".into())))]
#[case::day_after_closure(
    "[[closure]]\nresource = \"R\"\nfrom = 2026-11-23\nto = 2026-11-24\nreason = \"x\"",
    ymd(2026, 11, 25),
    None
)]
#[case::holiday("", ymd(2026, 12, 25), Some(Closed::Holiday("1. svátek vánoční".into())))]
fn closed_days(#[case] closures: &str, #[case] date: NaiveDate, #[case] expected: Option<Closed>) {
    let p = plan(30, 0, EVERY_DAY, "", closures);
    let closed = p.closed(p.resource("R").unwrap(), date);
    match (&closed, &expected) {
        (Some(Closed::Holiday(_)), Some(Closed::Holiday(_))) => {}
        _ => assert_eq!(closed, expected),
    }
    assert_eq!(p.day_slots(p.service("S").unwrap(), p.resource("R").unwrap(), date).is_empty(), expected.is_some());
}

#[test]
fn the_window_keeps_minimum_notice_and_days_ahead() {
    let mut rules = default_rules("S", 30);
    rules.min_notice_min = 120;
    rules.max_days_ahead = 10;
    let now = utc("2026-11-23T07:10:00Z"); // 8:10 in Prague
    let w = Window::of(&rules, now);
    let slot = |s: &str| Slot { start: utc(s), end: utc(s) + Duration::minutes(30), resource: "R".into() };
    assert!(!w.admits(&slot("2026-11-23T09:00:00Z")), "1 h 50 min ahead: too soon");
    assert!(w.admits(&slot("2026-11-23T09:10:00Z")), "exactly two hours ahead");
    assert!(w.admits(&slot("2026-12-03T15:00:00Z")), "the tenth day");
    assert!(!w.admits(&slot("2026-12-04T07:00:00Z")), "the eleventh day");
}

#[test]
fn capacity_and_buffers_decide_the_free_seat() {
    let p = plan(15, 5, "mon = \"8:00-9:00\"", "", "");
    let rules = p.service("S").unwrap();
    let r = p.resource("R").unwrap();
    let slots = p.day_slots(rules, r, ymd(2026, 11, 23));
    let cells = slots[0].cells(rules);
    assert_eq!(cells.end - cells.start, 4, "15 minutes plus the 5-minute buffer");
    let taken: std::collections::HashSet<(i64, u32)> = cells.clone().map(|c| (c, 0)).collect();
    assert_eq!(free_seat(cells.clone(), seats(rules, r), |c, s| taken.contains(&(c, s))), Some(1));
    let mut both = taken.clone();
    both.extend(cells.clone().map(|c| (c, 1)));
    assert_eq!(free_seat(cells.clone(), seats(rules, r), |c, s| both.contains(&(c, s))), None);
    // One cell of the buffer taken on seat 0 is enough to move the booking to seat 1.
    let last: std::collections::HashSet<(i64, u32)> = [(cells.end - 1, 0)].into();
    assert_eq!(free_seat(cells, seats(rules, r), |c, s| last.contains(&(c, s))), Some(1));
}

#[rstest]
#[case(BookingAction::CheckIn, BookingStatus::Booked, Some(BookingStatus::CheckedIn))]
#[case(BookingAction::CheckIn, BookingStatus::NoShow, Some(BookingStatus::CheckedIn))]
#[case(BookingAction::CheckIn, BookingStatus::Cancelled, None)]
#[case(BookingAction::Serve, BookingStatus::CheckedIn, Some(BookingStatus::Served))]
#[case(BookingAction::Serve, BookingStatus::Booked, None)]
#[case(BookingAction::NoShow, BookingStatus::Booked, Some(BookingStatus::NoShow))]
#[case(BookingAction::NoShow, BookingStatus::CheckedIn, None)]
#[case(BookingAction::Cancel, BookingStatus::Booked, Some(BookingStatus::Cancelled))]
#[case(BookingAction::Cancel, BookingStatus::Served, None)]
#[case(BookingAction::Reschedule, BookingStatus::Booked, Some(BookingStatus::Booked))]
#[case(BookingAction::Reschedule, BookingStatus::CheckedIn, None)]
fn booking_transitions(#[case] action: BookingAction, #[case] from: BookingStatus, #[case] to: Option<BookingStatus>) {
    assert_eq!(action.next(from), to);
}

#[test]
fn attendance_on_the_day() {
    let start = utc("2026-11-23T08:00:00Z");
    assert_eq!(attendance(BookingStatus::Booked, start, start - Duration::minutes(1)), Attendance::Due);
    assert_eq!(attendance(BookingStatus::Booked, start, start + Duration::minutes(1)), Attendance::Late);
    assert_eq!(attendance(BookingStatus::CheckedIn, start, start), Attendance::CheckedIn);
}
