//! Dates and times the Czech way: `20. 11. 2026`, `9:30`, and what clerks type for them.

use chrono::{NaiveDate, NaiveTime};

/// `20. 11. 2026`: day and month without a leading zero, a space after each dot (ČSN 01 6910).
#[must_use]
pub fn format_date(d: NaiveDate) -> String {
    d.format("%-d. %-m. %Y").to_string()
}

/// `9:30`: hours without a leading zero, minutes with.
#[must_use]
pub fn format_time(t: NaiveTime) -> String {
    t.format("%-H:%M").to_string()
}

/// 1 to `max` ASCII digits as a number; anything else (signs, spaces inside, nothing) is `None`.
fn number(s: &str, max: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Accepts `20.11.2026`, `20. 11. 2026`, `20.11. 2026` and ISO `2026-11-20`, with spaces around.
/// The year must have four digits: a two-digit year is ambiguous across centuries (birth dates).
/// `None` for anything else and for dates that do not exist (31. 4., 29. 2. of a common year).
#[must_use]
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let (year, month, day) = if s.contains('-') {
        let mut it = s.split('-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        (y, m, d)
    } else {
        let mut it = s.split('.').map(str::trim);
        let (d, m, y) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() || y.len() != 4 {
            return None;
        }
        (y, m, d)
    };
    let year = i32::try_from(number(year, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(month, 2)?, number(day, 2)?)
}

/// Accepts `9:30`, `09:30` and `9.30` (the Czech way of writing times), with spaces around.
/// Minutes need two digits; 24:00 and later are refused.
#[must_use]
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let (h, m) = s.trim().split_once([':', '.'])?;
    if m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(number(h, 2)?, number(m, 2)?, 0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;
    use rstest::rstest;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[rstest]
    #[case(ymd(2026, 11, 20), "20. 11. 2026")]
    #[case(ymd(2026, 1, 5), "5. 1. 2026")]
    #[case(ymd(1999, 12, 31), "31. 12. 1999")]
    fn formats_dates(#[case] d: NaiveDate, #[case] want: &str) {
        assert_eq!(format_date(d), want);
        assert_eq!(parse_date(want), Some(d));
    }

    #[rstest]
    #[case(hm(9, 30), "9:30")]
    #[case(hm(0, 5), "0:05")]
    #[case(hm(17, 0), "17:00")]
    fn formats_times(#[case] t: NaiveTime, #[case] want: &str) {
        assert_eq!(format_time(t), want);
        assert_eq!(parse_time(want), Some(t));
    }

    #[rstest]
    #[case("20.11.2026", ymd(2026, 11, 20))]
    #[case("20. 11. 2026", ymd(2026, 11, 20))]
    #[case("20.11. 2026", ymd(2026, 11, 20))]
    #[case("05.01.2026", ymd(2026, 1, 5))]
    #[case("5.1.2026", ymd(2026, 1, 5))]
    #[case("  20. 11. 2026 ", ymd(2026, 11, 20))]
    #[case("2026-11-20", ymd(2026, 11, 20))]
    #[case("2024-02-29", ymd(2024, 2, 29))]
    #[case("29. 2. 2024", ymd(2024, 2, 29))]
    fn parses_dates(#[case] s: &str, #[case] want: NaiveDate) {
        assert_eq!(parse_date(s), Some(want));
    }

    #[rstest]
    #[case("")]
    #[case("dnes")]
    #[case("20.11.")]
    #[case("20.11.26")]
    #[case("20.11.2026.")]
    #[case("20.11.20261")]
    #[case("20 11 2026")]
    #[case("20/11/2026")]
    #[case("31.4.2026")]
    #[case("29.2.2026")]
    #[case("0.1.2026")]
    #[case("1.13.2026")]
    #[case("1.0.2026")]
    #[case("+1.1.2026")]
    #[case("1.-1.2026")]
    #[case("2 0.11.2026")]
    #[case("123.1.2026")]
    #[case("2026-2-3")]
    #[case("2026-02-30")]
    #[case("2026-11-20-1")]
    #[case("26-11-20")]
    #[case("2026-11")]
    fn refuses_dates(#[case] s: &str) {
        assert_eq!(parse_date(s), None);
    }

    #[rstest]
    #[case("9:30", hm(9, 30))]
    #[case("09:30", hm(9, 30))]
    #[case("9.30", hm(9, 30))]
    #[case(" 17:05 ", hm(17, 5))]
    #[case("0:00", hm(0, 0))]
    #[case("23:59", hm(23, 59))]
    fn parses_times(#[case] s: &str, #[case] want: NaiveTime) {
        assert_eq!(parse_time(s), Some(want));
    }

    #[rstest]
    #[case("")]
    #[case("930")]
    #[case("9")]
    #[case("9:3")]
    #[case("9:300")]
    #[case("24:00")]
    #[case("9:60")]
    #[case("009:30")]
    #[case(":30")]
    #[case("9:30:00")]
    #[case("9,30")]
    #[case("-1:30")]
    #[case("9: 30")]
    fn refuses_times(#[case] s: &str) {
        assert_eq!(parse_time(s), None);
    }
}
