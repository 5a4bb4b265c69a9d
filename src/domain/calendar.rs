//! Czech public holidays (zákon 245/2000 Sb.) and working-day arithmetic.
//!
//! The rules are those of the current law for every year: the thirteen days listed in the law,
//! with Good Friday only from 2016 (added by zákon 359/2015 Sb.). Earlier holiday regimes (before
//! the law took effect in 2000: 9 May instead of 8 May, no 28 September, …) are deliberately not
//! modelled: the workstation computes deadlines of current proceedings, and the corpus test checks
//! the lists from 2001 onwards.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::lang::Localized;

/// A public holiday: a day no deadline may end on and no counter is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: Localized,
}

/// The first year Good Friday is a public holiday (zákon 359/2015 Sb.).
const GOOD_FRIDAY_SINCE: i32 = 2016;

/// The holidays of the law, in calendar order. Kept as one enum so that `holiday()` can answer
/// for a single date without building the year's list (it sits in every working-day loop).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NewYear,
    GoodFriday,
    EasterMonday,
    LabourDay,
    VictoryDay,
    CyrilMethodius,
    JanHus,
    Statehood,
    Czechoslovakia,
    Freedom,
    ChristmasEve,
    Christmas,
    StStephen,
}

/// The fixed-date holidays as (month, day).
const FIXED: [(u32, u32, Kind); 11] = [
    (1, 1, Kind::NewYear),
    (5, 1, Kind::LabourDay),
    (5, 8, Kind::VictoryDay),
    (7, 5, Kind::CyrilMethodius),
    (7, 6, Kind::JanHus),
    (9, 28, Kind::Statehood),
    (10, 28, Kind::Czechoslovakia),
    (11, 17, Kind::Freedom),
    (12, 24, Kind::ChristmasEve),
    (12, 25, Kind::Christmas),
    (12, 26, Kind::StStephen),
];

impl Kind {
    fn name(self) -> Localized {
        let (cs, en, uk) = match self {
            Kind::NewYear => (
                "Den obnovy samostatného českého státu; Nový rok",
                "Restoration Day of the Independent Czech State; New Year's Day",
                "День відновлення незалежної Чеської держави; Новий рік",
            ),
            Kind::GoodFriday => ("Velký pátek", "Good Friday", "Велика пʼятниця"),
            Kind::EasterMonday => ("Velikonoční pondělí", "Easter Monday", "Великодній понеділок"),
            Kind::LabourDay => ("Svátek práce", "Labour Day", "День праці"),
            Kind::VictoryDay => ("Den vítězství", "Victory Day", "День перемоги"),
            Kind::CyrilMethodius => (
                "Den slovanských věrozvěstů Cyrila a Metoděje",
                "Saints Cyril and Methodius Day",
                "День словʼянських просвітителів Кирила і Мефодія",
            ),
            Kind::JanHus => ("Den upálení mistra Jana Husa", "Jan Hus Day", "День спалення магістра Яна Гуса"),
            Kind::Statehood => ("Den české státnosti", "Czech Statehood Day", "День чеської державності"),
            Kind::Czechoslovakia => (
                "Den vzniku samostatného československého státu",
                "Independent Czechoslovak State Day",
                "День утворення незалежної Чехословацької держави",
            ),
            // The law's wording since 2019 (zákon 206/2019 Sb.) adds the International Students' Day.
            Kind::Freedom => (
                "Den boje za svobodu a demokracii a Mezinárodní den studentstva",
                "Struggle for Freedom and Democracy Day and International Students' Day",
                "День боротьби за свободу і демократію та Міжнародний день студентів",
            ),
            Kind::ChristmasEve => ("Štědrý den", "Christmas Eve", "Святвечір"),
            Kind::Christmas => ("1. svátek vánoční", "Christmas Day", "Різдво Христове"),
            Kind::StStephen => ("2. svátek vánoční", "St Stephen's Day", "Другий день Різдва"),
        };
        Localized { cs: cs.to_owned(), en: en.to_owned(), uk: uk.to_owned() }
    }
}

/// Easter Sunday of `year` by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
///
/// Meaningful for 1583..=9999 (the Gregorian calendar's first full year up to four-digit years).
/// Outside that range it never panics: the same arithmetic is applied (Euclidean division, so
/// negative years work), and a year chrono cannot represent gives `NaiveDate::MIN`/`MAX`.
#[must_use]
#[allow(clippy::many_single_char_names, reason = "the letters of the published computus (Meeus/Jones/Butcher)")]
pub fn easter_sunday(year: i32) -> NaiveDate {
    // i64 so that no intermediate product can overflow, whatever the year.
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    // n / 31 is 3 or 4 and n % 31 + 1 is 1..=31 by construction, so the conversions cannot fail.
    let month = u32::try_from(n / 31).unwrap_or(4);
    let day = u32::try_from(n % 31 + 1).unwrap_or(1);
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(if year < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
}

fn kind_of(date: NaiveDate) -> Option<Kind> {
    let (m, d) = (date.month(), date.day());
    if let Some(&(_, _, kind)) = FIXED.iter().find(|(fm, fd, _)| *fm == m && *fd == d) {
        return Some(kind);
    }
    // Easter falls between 22 March and 25 April, so Good Friday and Easter Monday lie in
    // March or April: skip computing Easter for the other ten months.
    if m != 3 && m != 4 {
        return None;
    }
    let easter = easter_sunday(date.year());
    if date.checked_add_days(Days::new(2)) == Some(easter) && date.year() >= GOOD_FRIDAY_SINCE {
        return Some(Kind::GoodFriday);
    }
    if easter.checked_add_days(Days::new(1)) == Some(date) {
        return Some(Kind::EasterMonday);
    }
    None
}

/// The public holidays of `year`, sorted by date.
#[must_use]
pub fn holidays(year: i32) -> Vec<Holiday> {
    let easter = easter_sunday(year);
    let mut dates: Vec<NaiveDate> = FIXED.iter().filter_map(|&(m, d, _)| NaiveDate::from_ymd_opt(year, m, d)).collect();
    if year >= GOOD_FRIDAY_SINCE {
        dates.extend(easter.checked_sub_days(Days::new(2)));
    }
    dates.extend(easter.checked_add_days(Days::new(1)));
    dates.sort_unstable();
    dates.into_iter().filter_map(holiday).collect()
}

/// The holiday on `date`, if it is one.
#[must_use]
pub fn holiday(date: NaiveDate) -> Option<Holiday> {
    kind_of(date).map(|kind| Holiday { date, name: kind.name() })
}

/// Whether offices work on `date`: not a Saturday, Sunday or public holiday.
#[must_use]
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && kind_of(date).is_none()
}

/// `date` itself when it is a working day, else the first working day after it
/// (§40 správní řád: a period ending on a day off ends on the next working day).
#[must_use]
pub fn next_working_day(date: NaiveDate) -> NaiveDate {
    let mut d = date;
    while !is_working_day(d) {
        match d.succ_opt() {
            Some(next) => d = next,
            // Only at the end of chrono's range; there is nothing later to return.
            None => return d,
        }
    }
    d
}

/// The `n`-th working day after `date` (`date` itself when `n` is 0, working day or not).
#[must_use]
pub fn add_working_days(date: NaiveDate, n: u32) -> NaiveDate {
    let mut d = date;
    let mut left = n;
    while left > 0 {
        match d.succ_opt() {
            Some(next) => d = next,
            None => return d,
        }
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// The number of working days in `(from, to]`; when `to < from`, minus the number in `(to, from]`.
///
/// With `from` = today and `to` = a deadline: 3 means "3 working days left", 0 "due today (or
/// only days off until then)", -2 "2 working days overdue".
#[must_use]
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let (lo, hi, sign) = if to >= from { (from, to, 1) } else { (to, from, -1) };
    let count = lo.iter_days().skip(1).take_while(|d| *d <= hi).filter(|d| is_working_day(*d)).count();
    sign * i64::try_from(count).unwrap_or(i64::MAX)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;
    use rstest::rstest;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[rstest]
    #[case(1583, 4, 10)]
    #[case(1818, 3, 22)] // the earliest possible date
    #[case(1943, 4, 25)] // the latest possible date
    #[case(2000, 4, 23)]
    #[case(2015, 4, 5)]
    #[case(2016, 3, 27)]
    #[case(2019, 4, 21)]
    #[case(2024, 3, 31)]
    #[case(2025, 4, 20)]
    #[case(2026, 4, 5)]
    #[case(2027, 3, 28)]
    #[case(2038, 4, 25)]
    #[case(2285, 3, 22)]
    fn easter(#[case] y: i32, #[case] m: u32, #[case] d: u32) {
        assert_eq!(easter_sunday(y), ymd(y, m, d));
    }

    #[test]
    fn easter_is_a_sunday_in_its_window_and_never_panics() {
        for y in 1583..=9999 {
            let e = easter_sunday(y);
            assert_eq!(e.weekday(), Weekday::Sun, "{y}");
            assert!(e >= ymd(y, 3, 22) && e <= ymd(y, 4, 25), "{y}");
        }
        for y in [i32::MIN, -1, 0, 1, 1582, 10_000, 262_143, i32::MAX] {
            let _ = easter_sunday(y);
        }
    }

    #[rstest]
    #[case(ymd(2015, 4, 3), false)]
    #[case(ymd(2016, 3, 25), true)]
    #[case(ymd(2026, 4, 3), true)]
    fn good_friday_only_from_2016(#[case] date: NaiveDate, #[case] is_holiday: bool) {
        assert_eq!(holiday(date).is_some(), is_holiday);
        assert_eq!(holidays(date.year()).iter().any(|h| h.date == date), is_holiday);
    }

    #[test]
    fn holidays_of_2026() {
        let got: Vec<(u32, u32)> = holidays(2026).iter().map(|h| (h.date.month(), h.date.day())).collect();
        let want = [
            (1, 1),
            (4, 3),
            (4, 6),
            (5, 1),
            (5, 8),
            (7, 5),
            (7, 6),
            (9, 28),
            (10, 28),
            (11, 17),
            (12, 24),
            (12, 25),
            (12, 26),
        ];
        assert_eq!(got, want);
        assert_eq!(holidays(2015).len(), 12);
        let easter_monday = holiday(ymd(2026, 4, 6)).unwrap();
        assert_eq!(easter_monday.name.cs, "Velikonoční pondělí");
        assert_eq!(easter_monday.name.en, "Easter Monday");
        assert!(holidays(2026).iter().all(|h| !h.name.uk.is_empty()));
    }

    #[rstest]
    #[case(ymd(2026, 11, 20), true)] // Friday
    #[case(ymd(2026, 11, 21), false)] // Saturday
    #[case(ymd(2026, 11, 22), false)] // Sunday
    #[case(ymd(2026, 11, 17), false)] // Tuesday, holiday
    #[case(ymd(2026, 4, 2), true)] // Maundy Thursday is a working day
    #[case(ymd(2026, 4, 5), false)] // Easter Sunday
    #[case(ymd(2026, 4, 7), true)]
    #[case(ymd(2026, 12, 24), false)] // Thursday
    #[case(ymd(2026, 12, 31), true)] // New Year's Eve is a working day
    fn working_days(#[case] date: NaiveDate, #[case] working: bool) {
        assert_eq!(is_working_day(date), working);
    }

    #[rstest]
    #[case(ymd(2026, 11, 20), ymd(2026, 11, 20))]
    #[case(ymd(2026, 11, 21), ymd(2026, 11, 23))]
    #[case(ymd(2026, 12, 24), ymd(2026, 12, 28))] // Thu–Sun off
    #[case(ymd(2026, 4, 3), ymd(2026, 4, 7))] // Good Friday to Tuesday after Easter
    #[case(ymd(2015, 4, 3), ymd(2015, 4, 3))] // Good Friday 2015 was a working day
    fn next_working(#[case] date: NaiveDate, #[case] want: NaiveDate) {
        assert_eq!(next_working_day(date), want);
    }

    #[rstest]
    #[case(ymd(2026, 12, 23), 0, ymd(2026, 12, 23))]
    #[case(ymd(2026, 12, 26), 0, ymd(2026, 12, 26))]
    #[case(ymd(2026, 12, 23), 1, ymd(2026, 12, 28))]
    #[case(ymd(2026, 12, 22), 3, ymd(2026, 12, 29))]
    #[case(ymd(2026, 12, 30), 2, ymd(2027, 1, 4))] // 31 Dec, (1 Jan off), weekend, Monday
    #[case(ymd(2026, 4, 2), 1, ymd(2026, 4, 7))]
    #[case(ymd(2026, 3, 30), 5, ymd(2026, 4, 8))]
    fn adds_working_days(#[case] date: NaiveDate, #[case] n: u32, #[case] want: NaiveDate) {
        assert_eq!(add_working_days(date, n), want);
    }

    #[rstest]
    #[case(ymd(2026, 12, 23), ymd(2026, 12, 23), 0)]
    #[case(ymd(2026, 12, 23), ymd(2026, 12, 28), 1)]
    #[case(ymd(2026, 12, 28), ymd(2026, 12, 23), -1)]
    #[case(ymd(2026, 12, 23), ymd(2026, 12, 27), 0)]
    #[case(ymd(2026, 4, 1), ymd(2026, 4, 8), 3)] // Thu, Tue, Wed
    #[case(ymd(2026, 4, 8), ymd(2026, 4, 1), -3)]
    #[case(ymd(2026, 1, 1), ymd(2026, 12, 31), 250)]
    fn counts_working_days(#[case] from: NaiveDate, #[case] to: NaiveDate, #[case] want: i64) {
        assert_eq!(working_days_between(from, to), want);
    }

    #[test]
    fn working_day_helpers_agree() {
        let start = ymd(2025, 12, 1);
        for n in 0..60 {
            let end = add_working_days(start, n);
            assert_eq!(working_days_between(start, end), i64::from(n));
            assert_eq!(working_days_between(end, start), -i64::from(n));
        }
    }
}
