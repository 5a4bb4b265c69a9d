//! Statutory deadlines under the správní řád (zákon 500/2004 Sb.): §71 (30 days, plus up to 30
//! for a complex case) counted the §40 way, with the clock stopped while the office waits (§6(2)).

use chrono::{Days, NaiveDate};

use super::calendar::{next_working_day, working_days_between};

/// A period during which the deadline clock stands still.
///
/// Day counting: the clock stops *on* `from`, so `from` itself is not counted; it runs again the
/// day after `to`, so every day from `from` to `to` inclusive is left out and `to + 1` is the
/// first day counted again. A one-day suspension has `from == to`. `to: None` means the case is
/// still suspended: every day from `from` on is left out and the deadline is unknown. A `to`
/// before `from` is read as `to == from`. Overlapping suspensions are fine; a day is left out
/// once however many suspensions cover it. Days before the start of the period do not matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suspension {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

/// The last day of a period of `days` + `extension_days` calendar days that starts with the event
/// on `start`.
///
/// - §40(1)(a): the day of the event (`start`) is not counted; the first day counted is the next.
/// - Suspended days (see [`Suspension`]) are not counted.
/// - A complex case passes `extension_days = 30` (§71(3)(a)); it simply lengthens the period.
/// - §40(1)(c): a period ending on a Saturday, Sunday or public holiday ends on the next working
///   day.
/// - `days + extension_days == 0` is "on the spot": the deadline is `start` itself, moved to the
///   next working day if `start` is a day off.
///
/// Returns `None` while a suspension that began before the period ran out is still open (the
/// deadline cannot be known), and at the end of chrono's date range. A suspension opened only
/// after the period had run out does not move it: the case was already overdue.
#[must_use]
pub fn deadline(start: NaiveDate, days: u32, extension_days: u32, suspensions: &[Suspension]) -> Option<NaiveDate> {
    let mut left = u64::from(days) + u64::from(extension_days);
    if left == 0 {
        return Some(next_working_day(start));
    }
    let mut spans: Vec<(NaiveDate, Option<NaiveDate>)> =
        suspensions.iter().map(|s| (s.from, s.to.map(|to| to.max(s.from)))).collect();
    spans.sort_by_key(|span| span.0);
    // The last day already accounted for, counted or suspended.
    let mut last = start;
    for (from, to) in spans {
        if from > last {
            // Days strictly between `last` and `from` run the clock.
            let gap = u64::try_from((from - last).num_days() - 1).unwrap_or(0);
            if left <= gap {
                break;
            }
            left -= gap;
        }
        last = last.max(to?);
    }
    let end = last.checked_add_days(Days::new(left))?;
    Some(next_working_day(end))
}

/// Working days from `today` to `deadline`: positive "n working days left", 0 "due today",
/// negative "n working days overdue". Days off are never counted, so a deadline on Monday seen
/// on the Saturday before leaves 1.
#[must_use]
pub fn working_days_left(today: NaiveDate, deadline: NaiveDate) -> i64 {
    working_days_between(today, deadline)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;
    use rstest::rstest;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn closed(from: NaiveDate, to: NaiveDate) -> Suspension {
        Suspension { from, to: Some(to) }
    }

    #[rstest]
    // Filed on Friday 20 Nov 2026: day 30 is Sunday 20 Dec, so Monday 21 Dec.
    #[case(ymd(2026, 11, 20), 30, ymd(2026, 12, 21))]
    // Ends on a working day: no move.
    #[case(ymd(2026, 1, 5), 30, ymd(2026, 2, 4))]
    // Ends on Saturday 7 Feb.
    #[case(ymd(2026, 1, 8), 30, ymd(2026, 2, 9))]
    // Ends on Christmas Eve (Thursday): 24, 25 Dec, then the weekend, so Monday 28 Dec.
    #[case(ymd(2026, 11, 24), 30, ymd(2026, 12, 28))]
    #[case(ymd(2026, 11, 25), 30, ymd(2026, 12, 28))]
    #[case(ymd(2026, 11, 26), 30, ymd(2026, 12, 28))]
    // Ends on Good Friday 2026 (3 April): over Easter to Tuesday 7 April.
    #[case(ymd(2026, 3, 4), 30, ymd(2026, 4, 7))]
    // Ends on Easter Monday 2026 (6 April).
    #[case(ymd(2026, 3, 7), 30, ymd(2026, 4, 7))]
    // Good Friday 2015 was still a working day.
    #[case(ymd(2015, 3, 4), 30, ymd(2015, 4, 3))]
    // Across the turn of the year: 30 days from 2 Dec end on 1 Jan, a holiday.
    #[case(ymd(2026, 12, 2), 30, ymd(2027, 1, 4))]
    // Short periods (a 15-day one, a 1-day one on a Friday).
    #[case(ymd(2026, 11, 20), 15, ymd(2026, 12, 7))]
    #[case(ymd(2026, 11, 20), 1, ymd(2026, 11, 23))]
    // On the spot.
    #[case(ymd(2026, 11, 20), 0, ymd(2026, 11, 20))]
    #[case(ymd(2026, 11, 21), 0, ymd(2026, 11, 23))]
    #[case(ymd(2026, 12, 24), 0, ymd(2026, 12, 28))]
    fn without_suspensions(#[case] start: NaiveDate, #[case] days: u32, #[case] want: NaiveDate) {
        assert_eq!(deadline(start, days, 0, &[]), Some(want));
    }

    #[test]
    fn complex_case_adds_thirty_days() {
        // 60 days from Monday 5 Jan 2026: Friday 6 March.
        assert_eq!(deadline(ymd(2026, 1, 5), 30, 30, &[]), Some(ymd(2026, 3, 6)));
        // Extension alone still counts as a period, not "on the spot".
        assert_eq!(deadline(ymd(2026, 1, 5), 0, 30, &[]), Some(ymd(2026, 2, 4)));
    }

    #[rstest]
    // 10 days suspended (10–19 Jan): 4 Feb + 10 = Saturday 14 Feb, so Monday 16 Feb.
    #[case(vec![closed(ymd(2026, 1, 10), ymd(2026, 1, 19))], ymd(2026, 2, 16))]
    // And 3 more (1–3 Feb): Tuesday 17 Feb.
    #[case(
        vec![closed(ymd(2026, 1, 10), ymd(2026, 1, 19)), closed(ymd(2026, 2, 1), ymd(2026, 2, 3))],
        ymd(2026, 2, 17)
    )]
    // The order of the suspensions does not matter.
    #[case(
        vec![closed(ymd(2026, 2, 1), ymd(2026, 2, 3)), closed(ymd(2026, 1, 10), ymd(2026, 1, 19))],
        ymd(2026, 2, 17)
    )]
    // Overlapping suspensions leave a day out once: 10–19 Jan in all.
    #[case(
        vec![closed(ymd(2026, 1, 10), ymd(2026, 1, 15)), closed(ymd(2026, 1, 12), ymd(2026, 1, 19))],
        ymd(2026, 2, 16)
    )]
    // A one-day suspension: 5 Feb.
    #[case(vec![closed(ymd(2026, 1, 6), ymd(2026, 1, 6))], ymd(2026, 2, 5))]
    // Suspended from the day of filing: the filing day is not counted anyway, 6 Jan is.
    #[case(vec![closed(ymd(2026, 1, 5), ymd(2026, 1, 6))], ymd(2026, 2, 5))]
    // Before the start: no effect.
    #[case(vec![closed(ymd(2025, 12, 1), ymd(2025, 12, 31))], ymd(2026, 2, 4))]
    // After the period ran out: no effect, even while still open.
    #[case(vec![closed(ymd(2026, 2, 5), ymd(2026, 2, 20))], ymd(2026, 2, 4))]
    #[case(vec![Suspension { from: ymd(2026, 2, 5), to: None }], ymd(2026, 2, 4))]
    // Suspended on the last day: it moves by one day.
    #[case(vec![closed(ymd(2026, 2, 4), ymd(2026, 2, 4))], ymd(2026, 2, 5))]
    fn with_suspensions(#[case] suspensions: Vec<Suspension>, #[case] want: NaiveDate) {
        assert_eq!(deadline(ymd(2026, 1, 5), 30, 0, &suspensions), Some(want));
    }

    #[test]
    fn suspension_and_complex_extension_combine() {
        let s = [closed(ymd(2026, 1, 10), ymd(2026, 1, 19))];
        // 6 March + 10 days = Monday 16 March.
        assert_eq!(deadline(ymd(2026, 1, 5), 30, 30, &s), Some(ymd(2026, 3, 16)));
    }

    #[test]
    fn open_suspension_gives_no_deadline() {
        let open = Suspension { from: ymd(2026, 1, 10), to: None };
        assert_eq!(deadline(ymd(2026, 1, 5), 30, 0, &[open]), None);
        let earlier = closed(ymd(2026, 1, 6), ymd(2026, 1, 7));
        assert_eq!(deadline(ymd(2026, 1, 5), 30, 30, &[earlier, open]), None);
    }

    #[test]
    fn far_dates_do_not_panic() {
        assert_eq!(deadline(NaiveDate::MAX, 30, 0, &[]), None);
        // About 23 million years: past chrono's range.
        assert_eq!(deadline(ymd(2026, 1, 5), u32::MAX, u32::MAX, &[]), None);
    }

    #[rstest]
    #[case(ymd(2026, 12, 21), ymd(2026, 12, 28), 3)] // Tue 22, Wed 23, Mon 28
    #[case(ymd(2026, 12, 26), ymd(2026, 12, 28), 1)] // seen on Saturday
    #[case(ymd(2026, 12, 28), ymd(2026, 12, 28), 0)]
    #[case(ymd(2026, 12, 30), ymd(2026, 12, 28), -2)]
    #[case(ymd(2027, 1, 4), ymd(2026, 12, 28), -4)] // 29, 30, 31 Dec, (1 Jan off), 4 Jan
    fn days_left(#[case] today: NaiveDate, #[case] due: NaiveDate, #[case] want: i64) {
        assert_eq!(working_days_left(today, due), want);
    }
}
