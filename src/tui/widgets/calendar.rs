//! A Monday-first month calendar: each day with its mark as a symbol and a colour, today in
//! brackets, the selected day marked `▶`, so it reads in monochrome too. Each day takes
//! [`CELL`] columns: the selection, an opening bracket, two digits, the mark, a closing bracket.
//!
//! ```text
//!   Po    Út    St    Čt    Pá    So    Ne
//!                                        1–
//!    2•    3•    4•    5•    6•    7–    8–
//! ▶[23•]  24•   25✖   26•   27•   28–   29–
//! ```

use crate::desk::DayMark;
use crate::domain::appointments::weekday_index;
use crate::tui::theme::Theme;
use chrono::{Datelike, Days, NaiveDate};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::fmt::Write as _;

/// Columns per day.
pub const CELL: usize = 6;
/// Columns of a week.
pub const WIDTH: u16 = 42;

/// The symbol of a day's mark (the legend explains them).
#[must_use]
pub fn symbol(mark: Option<&DayMark>) -> &'static str {
    match mark {
        Some(DayMark::Free(_)) => "•",
        Some(DayMark::Full) => "✖",
        Some(DayMark::Holiday(_)) => "*",
        Some(DayMark::Closed(_)) => "–",
        Some(DayMark::Past) => "·",
        Some(DayMark::Beyond) => "›",
        None => " ",
    }
}

/// The colour of a day's mark: green free, red full, magenta holiday, grey the rest.
#[must_use]
pub fn style(theme: Theme, mark: Option<&DayMark>) -> Style {
    match mark {
        Some(DayMark::Free(_)) => theme.on_time(),
        Some(DayMark::Full) => theme.overdue(),
        Some(DayMark::Holiday(_)) => theme.holiday(),
        Some(DayMark::Closed(_) | DayMark::Past | DayMark::Beyond) | None => theme.dim(),
    }
}

/// One month to draw.
pub struct Month<'a> {
    pub marks: &'a [(NaiveDate, DayMark)],
    pub selected: NaiveDate,
    pub today: NaiveDate,
    /// Monday to Sunday, two columns each ("Po" … "Ne").
    pub weekdays: &'a [String],
}

/// The weekday header and one line per week of the selected day's month.
#[must_use]
pub fn lines(m: &Month<'_>, theme: Theme) -> Vec<Line<'static>> {
    let header = m.weekdays.iter().take(7).fold(String::new(), |mut s, w| {
        let _ = write!(s, "  {w:<2}  ");
        s
    });
    let mut out = vec![Line::styled(header.trim_end().to_owned(), theme.dim())];
    let Some(first) = m.selected.with_day(1) else { return out };
    let mut week: Vec<Span<'static>> = vec![Span::raw(" ".repeat(CELL * weekday_index(first)))];
    let mut day = first;
    while day.month() == first.month() {
        week.push(cell(m, day, theme));
        if weekday_index(day) == 6 {
            out.push(Line::from(std::mem::take(&mut week)));
        }
        match day.checked_add_days(Days::new(1)) {
            Some(next) => day = next,
            None => break,
        }
    }
    if week.iter().any(|s| !s.content.trim().is_empty()) {
        out.push(Line::from(week));
    }
    out
}

fn cell(m: &Month<'_>, day: NaiveDate, theme: Theme) -> Span<'static> {
    let mark = m.marks.iter().find(|(d, _)| *d == day).map(|(_, k)| k);
    let sel = if day == m.selected { "▶" } else { " " };
    let (open, close) = if day == m.today { ("[", "]") } else { (" ", " ") };
    let text = format!("{sel}{open}{:>2}{}{close}", day.day(), symbol(mark));
    let mut style = if day == m.selected { theme.selected() } else { style(theme, mark) };
    if day == m.today {
        style = style.add_modifier(Modifier::BOLD);
    }
    Span::styled(text, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, mo: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, mo, d).unwrap_or_default()
    }

    fn text(l: &Line<'_>) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn weeks_start_on_monday_with_today_selected_and_marks_as_symbols() {
        let weekdays: Vec<String> = "Po Út St Čt Pá So Ne".split(' ').map(String::from).collect();
        let marks = vec![(ymd(2026, 11, 17), DayMark::Holiday("Den boje".into())), (ymd(2026, 11, 24), DayMark::Full)];
        let today = ymd(2026, 11, 23);
        let m = Month { marks: &marks, selected: ymd(2026, 11, 25), today, weekdays: &weekdays };
        let l = lines(&m, Theme { color: false });
        assert_eq!(text(&l[0]), "  Po    Út    St    Čt    Pá    So    Ne");
        // 1. 11. 2026 is a Sunday: alone in the first week, in the last column.
        assert_eq!(text(&l[1]), format!("{}   1  ", " ".repeat(36)));
        assert!(text(&l[4]).contains("  17* "), "{}", text(&l[4]));
        assert!(text(&l[5]).starts_with(" [23 ]  24✖ ▶ 25  "), "{}", text(&l[5]));
        assert_eq!(text(&l[6]), "  30  ", "Monday the 30th alone in the sixth week");
        assert_eq!(l.len(), 7, "the header and six weeks");
    }
}
