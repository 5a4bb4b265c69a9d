//! Reading an instant a clerk or a script typed: RFC 3339 with an offset (`2026-11-23T08:00:00+01:00`,
//! `…Z`), or a wall-clock time at the office without one (`2026-11-23T08:00`, `2026-11-23 8:00`,
//! `23. 11. 2026 8:00`), read at Europe/Prague.
//!
//! A wall-clock time is refused rather than guessed when the office clock never shows it (the
//! spring change skips 2:00–2:59) or shows it twice (the autumn change repeats 2:00–2:59): a
//! booking an hour off is worse than a question.

use super::super::clock::OFFICE_TZ;
use super::super::dates::{format_date, parse_date, parse_time};
use chrono::{DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Why a text is not an instant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstantError {
    #[error(
        "'{0}' is not a date and time: give 2026-11-23T08:00:00+01:00, 2026-11-23 8:00 or 23. 11. 2026 8:00 (office time)"
    )]
    Format(String),
    #[error("'{0}' has a bad offset: give it as +01:00, +02:00 or Z")]
    Offset(String),
    /// The spring change: the clock jumps over this time.
    #[error("{time} on {date} does not exist in Prague: the clocks jump from {from} to {to} that night")]
    Gap { date: String, time: String, from: String, to: String },
    /// The autumn change: the clock shows this time twice.
    #[error(
        "{time} on {date} happens twice in Prague (the clocks go back that night): give the offset +01:00 or +02:00, e.g. {example}"
    )]
    Ambiguous { date: String, time: String, example: String },
}

/// A date alone, or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrInstant {
    Day(NaiveDate),
    Instant(DateTime<Utc>),
}

/// An instant: RFC 3339 with an offset or `Z`, or a wall-clock time at the office.
///
/// # Errors
/// A text that is no date and time; a bad offset; a wall-clock time that does not exist or
/// exists twice at the office.
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, InstantError> {
    let s = text.trim();
    let bad = || InstantError::Format(s.to_owned());
    let (date, rest) = split_date_time(s).ok_or_else(bad)?;
    let date = parse_date(date).ok_or_else(bad)?;
    let (time, offset) = split_offset(rest);
    let time = clock_time(time).ok_or_else(bad)?;
    let local = date.and_time(time);
    match offset {
        Some(o) => {
            let o = parse_offset(o).ok_or_else(|| InstantError::Offset(s.to_owned()))?;
            Ok(Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(o.local_minus_utc())))))
        }
        None => at_office(local),
    }
}

/// A date (`2026-11-23`, `23. 11. 2026`) or an instant as [`parse_instant`] reads it.
///
/// # Errors
/// As [`parse_instant`], for a text that is not a date alone.
pub fn parse_day_or_instant(text: &str) -> Result<DayOrInstant, InstantError> {
    match parse_date(text) {
        Some(d) => Ok(DayOrInstant::Day(d)),
        None => parse_instant(text).map(DayOrInstant::Instant),
    }
}

/// `2026-11-23T08:00…` splits at the `T`; `2026-11-23 8:00` and `23. 11. 2026 8:00` at the last
/// space (the Czech date has spaces of its own).
fn split_date_time(s: &str) -> Option<(&str, &str)> {
    if let Some(i) = s.find(['T', 't'])
        && s[..i].contains('-')
    {
        return Some((&s[..i], &s[i + 1..]));
    }
    let (date, time) = s.rsplit_once(char::is_whitespace)?;
    Some((date.trim_end(), time))
}

/// `08:00:00+01:00` → (`08:00:00`, `+01:00`); `Z` is `+00:00`.
fn split_offset(s: &str) -> (&str, Option<&str>) {
    if let Some(t) = s.strip_suffix(['Z', 'z']) {
        return (t, Some("+00:00"));
    }
    match s.find(['+', '-']) {
        Some(i) => (&s[..i], Some(&s[i..])),
        None => (s, None),
    }
}

/// `8:00`, `08:00`, `8.00` or `08:00:00` (seconds, when given, must be whole).
fn clock_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    match s.matches(':').count() {
        2 => NaiveTime::parse_from_str(s, "%H:%M:%S").ok(),
        _ => parse_time(s),
    }
}

/// `+01:00`, `+0100` or `+01`.
fn parse_offset(s: &str) -> Option<FixedOffset> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    if !(digits.len() == 2 || digits.len() == 4) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = if digits.len() == 4 { digits[2..].parse().ok()? } else { 0 };
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// A wall-clock time at the office, refused in the spring gap and in the repeated autumn hour.
fn at_office(local: NaiveDateTime) -> Result<DateTime<Utc>, InstantError> {
    let date = format_date(local.date());
    let time = hm(local.time());
    match OFFICE_TZ.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(early, _) => {
            let example = early.fixed_offset().format("%Y-%m-%dT%H:%M%:z").to_string();
            Err(InstantError::Ambiguous { date, time, example })
        }
        LocalResult::None => {
            let (from, to) = gap_around(local);
            Err(InstantError::Gap { date, time, from: hm(from), to: hm(to) })
        }
    }
}

/// The wall-clock times the clock jumps between around a time that does not exist.
fn gap_around(local: NaiveDateTime) -> (NaiveTime, NaiveTime) {
    let exists = |t: NaiveDateTime| !matches!(OFFICE_TZ.from_local_datetime(&t), LocalResult::None);
    let (mut before, mut after) = (local, local);
    // A gap is at most a couple of hours anywhere; an hour in Prague.
    for _ in 0..240 {
        if exists(before) {
            break;
        }
        before -= Duration::minutes(1);
    }
    for _ in 0..240 {
        if exists(after) {
            break;
        }
        after += Duration::minutes(1);
    }
    ((before + Duration::minutes(1)).time(), after.time())
}

/// `2:30`.
fn hm(t: NaiveTime) -> String {
    t.format("%-H:%M").to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;
    use rstest::rstest;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[rstest]
    #[case("2026-11-23T08:00:00+01:00", "2026-11-23T07:00:00Z")]
    #[case("2026-11-23T07:00:00Z", "2026-11-23T07:00:00Z")]
    #[case("2026-11-23t07:00:00z", "2026-11-23T07:00:00Z")]
    #[case("2026-11-23T08:00+01:00", "2026-11-23T07:00:00Z")]
    #[case("2026-11-23 08:00:00+0100", "2026-11-23T07:00:00Z")]
    #[case("2026-11-23T03:00:00-04:00", "2026-11-23T07:00:00Z")]
    #[case("2026-11-23T08:00", "2026-11-23T07:00:00Z")]
    #[case("2026-11-23 8:00", "2026-11-23T07:00:00Z")]
    #[case("  23. 11. 2026 8:00 ", "2026-11-23T07:00:00Z")]
    #[case("23.11.2026 8.00", "2026-11-23T07:00:00Z")]
    #[case("2026-07-01 9:30", "2026-07-01T07:30:00Z")]
    // The spring change, 29 March 2026: 1:59 is winter time, 3:00 summer time.
    #[case("2026-03-29 1:59", "2026-03-29T00:59:00Z")]
    #[case("2026-03-29 3:00", "2026-03-29T01:00:00Z")]
    #[case("2026-03-29T02:30:00+01:00", "2026-03-29T01:30:00Z")]
    // The autumn change, 25 October 2026: 2:30 twice, told apart by the offset.
    #[case("2026-10-25T02:30+02:00", "2026-10-25T00:30:00Z")]
    #[case("2026-10-25T02:30+01:00", "2026-10-25T01:30:00Z")]
    #[case("2026-10-25 1:59", "2026-10-24T23:59:00Z")]
    #[case("2026-10-25 3:00", "2026-10-25T02:00:00Z")]
    fn reads_instants(#[case] text: &str, #[case] expect: &str) {
        assert_eq!(parse_instant(text), Ok(utc(expect)), "{text}");
    }

    #[rstest]
    #[case("2026-03-29 2:00", "2:00 on 29. 3. 2026 does not exist in Prague: the clocks jump from 2:00 to 3:00")]
    #[case("29. 3. 2026 2:30", "2:30 on 29. 3. 2026 does not exist in Prague: the clocks jump from 2:00 to 3:00")]
    #[case("2026-03-29T02:59", "2:59 on 29. 3. 2026 does not exist")]
    #[case("2026-10-25 2:00", "2:00 on 25. 10. 2026 happens twice in Prague")]
    #[case("2026-10-25T02:30", "give the offset +01:00 or +02:00, e.g. 2026-10-25T02:30+02:00")]
    #[case("25. 10. 2026 2:59", "2:59 on 25. 10. 2026 happens twice")]
    #[case("", "'' is not a date and time")]
    #[case("zítra v osm", "'zítra v osm' is not a date and time")]
    #[case("2026-11-23", "'2026-11-23' is not a date and time")]
    #[case("2026-02-30 8:00", "is not a date and time")]
    #[case("2026-11-23 25:00", "is not a date and time")]
    #[case("2026-11-23 8:0", "is not a date and time")]
    #[case("2026-11-23T08:00+1:00", "bad offset")]
    #[case("2026-11-23T08:00+25:00", "bad offset")]
    #[case("2026-11-23T08:00+01:00:00", "bad offset")]
    fn refuses_with_a_reason(#[case] text: &str, #[case] words: &str) {
        let e = parse_instant(text).unwrap_err().to_string();
        assert!(e.contains(words), "{text}: {e}");
    }

    #[rstest]
    #[case("2026-11-23", DayOrInstant::Day(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()))]
    #[case("23. 11. 2026", DayOrInstant::Day(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()))]
    #[case("2026-11-23 8:00", DayOrInstant::Instant(utc("2026-11-23T07:00:00Z")))]
    fn reads_a_day_or_an_instant(#[case] text: &str, #[case] expect: DayOrInstant) {
        assert_eq!(parse_day_or_instant(text), Ok(expect));
    }
}
