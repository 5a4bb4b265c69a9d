//! Drawing a booking: the service, the month calendar beside the day's free times (the times
//! below the calendar on a narrow terminal), the citizen, the confirmation and the code.
//!
//! ```text
//! Občanský průkaz – podání žádosti · 15 min
//! ┌ Listopad 2026 ───────────────────────────┐┌ Po 23. 11. 2026 · 12 volných ┐
//! │  Po    Út    St    Čt    Pá    So    Ne  ││▶ 10:30  Přepážka 1           │
//! │                                      1–  ││  10:30  Přepážka 2           │
//! │ ▶[23•]  24•   25✖ …                      ││  10:50  Přepážka 1           │
//! └──────────────────────────────────────────┘│                              │
//! • volno  ✖ plno  * svátek  – zavřeno …      └──────────────────────────────┘
//! ```

use super::book::{Goal, Step, Who};
use crate::desk::{DayMark, FreeSlot, office_when};
use crate::domain::appointments::{local_date, local_time};
use crate::domain::dates::{format_date, format_time};
use crate::tui::context::Ctx;
use crate::tui::screens::intake::view::citizen_line;
use crate::tui::widgets::calendar;
use crate::tui::widgets::calendar::Month;
use crate::tui::widgets::form;
use crate::tui::widgets::{cut, fit, plain_list, select_list, text_field};
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn view(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let b = &st.book;
    if b.step == Step::Services {
        return draw_services(ctx, st, f, area);
    }
    let [summary, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    f.render_widget(
        Paragraph::new(Line::styled(cut(&summary_line(ctx, st), usize::from(summary.width)), ctx.theme.title())),
        summary,
    );
    match b.step {
        Step::Services | Step::Calendar | Step::Slots => draw_calendar_and_slots(ctx, st, f, body),
        Step::Citizen => draw_citizen(ctx, st, f, body),
        Step::NewCitizen => {
            let block = titled(ctx, "appt-new-citizen");
            let inner = block.inner(body);
            f.render_widget(block, body);
            form::draw(f, inner, ctx.theme, &b.new_citizen, true);
        }
        Step::Confirm => draw_confirm(ctx, st, f, body),
        Step::Done => draw_done(ctx, st, f, body),
    }
}

/// The services that can be booked: name, length, department, where.
fn draw_services(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let block = Block::new().borders(Borders::ALL).title(format!(" {} ", ctx.tr.t("appointments-services")));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let lang = ctx.tr.lang();
    let w = usize::from(inner.width.saturating_sub(2));
    let name_w = w.saturating_sub(26).max(w / 2);
    let lines = st
        .services
        .iter()
        .map(|s| {
            let minutes = ctx.tr.ta("appt-minutes", &[("n", s.rules.duration_min.into())]);
            let rest = format!("{minutes:>8}  {:<4} {}", s.department, s.resources.join(" "));
            Line::raw(cut(&format!("{}{rest}", fit(s.name.get(lang), name_w)), w))
        })
        .collect();
    select_list(f, inner, ctx.theme, lines, st.book.cursor.selected);
}

fn titled(ctx: &Ctx, id: &str) -> Block<'static> {
    Block::new().borders(Borders::ALL).title(format!(" {} ", ctx.tr.t(id)))
}

/// What is being booked: the service and length, or the booking being moved.
fn summary_line(ctx: &Ctx, st: &super::State) -> String {
    let b = &st.book;
    let service = b.service.as_ref().map_or_else(String::new, |s| {
        let minutes = ctx.tr.ta("appt-minutes", &[("n", s.rules.duration_min.into())]);
        format!("{} · {minutes}", s.name.get(ctx.tr.lang()))
    });
    match &b.goal {
        Goal::Reschedule { code, citizen, was, .. } => ctx.tr.ta(
            "appt-moving",
            &[("code", code.clone().into()), ("name", citizen.clone().into()), ("was", was.clone().into())],
        ),
        Goal::Waitlist => format!("{service} · {}", ctx.tr.t("appt-mode-waitlist")),
        Goal::Book => match &b.who {
            Some(who) => format!("{service} · {}", who.name()),
            None => service,
        },
    }
}

/// `Po 23. 11. 2026`.
pub fn day_title(ctx: &Ctx, day: NaiveDate) -> String {
    format!("{} {}", ctx.tr.weekday(day), format_date(day))
}

fn weekdays(ctx: &Ctx) -> Vec<String> {
    ctx.tr.t("appt-weekdays").split_whitespace().map(str::to_owned).collect()
}

fn draw_calendar_and_slots(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let b = &st.book;
    let cal_w = calendar::WIDTH + 2;
    let (cal, legend, slots) = if area.width >= cal_w + 24 {
        let [left, right] = Layout::horizontal([Constraint::Length(cal_w), Constraint::Fill(1)]).areas(area);
        let [cal, legend] = Layout::vertical([Constraint::Length(9), Constraint::Fill(1)]).areas(left);
        (cal, legend, right)
    } else {
        let [cal, legend, slots] =
            Layout::vertical([Constraint::Length(9), Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        (cal, legend, slots)
    };
    let month = ctx.tr.t(&format!("appt-month-{}", b.day.month()));
    let focus = |on: bool| if on { ctx.theme.focused() } else { Style::new() };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {month} {} ", b.day.year()), focus(b.step == Step::Calendar)));
    let inner = block.inner(cal);
    f.render_widget(block, cal);
    let names = weekdays(ctx);
    let m = Month { marks: &b.marks, selected: b.day, today: ctx.desk.clock().today(), weekdays: &names };
    f.render_widget(Paragraph::new(calendar::lines(&m, ctx.theme)), inner);
    f.render_widget(
        Paragraph::new(legend_lines(&ctx.tr.t("appt-legend"), legend.width)).style(ctx.theme.dim()),
        legend,
    );
    draw_slots(ctx, st, f, slots, focus(b.step == Step::Slots));
}

/// The legend's entries (separated by two spaces) wrapped between entries, never inside one.
fn legend_lines(legend: &str, width: u16) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(width);
    let mut lines: Vec<String> = vec![String::new()];
    for entry in legend.split("  ").map(str::trim).filter(|e| !e.is_empty()) {
        let last = lines.last().map_or(0, |l| l.width());
        if last > 0 && last + 2 + entry.width() > width {
            lines.push(String::new());
        }
        if let Some(l) = lines.last_mut() {
            if !l.is_empty() {
                l.push_str("  ");
            }
            l.push_str(entry);
        }
    }
    lines.into_iter().map(Line::raw).collect()
}

fn draw_slots(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect, title_style: Style) {
    let b = &st.book;
    let title = if b.alternatives {
        ctx.tr.t("appt-next-free")
    } else {
        format!("{} · {}", day_title(ctx, b.day), ctx.tr.ta("appt-free-count", &[("count", b.slots.len().into())]))
    };
    let block = Block::new().borders(Borders::ALL).title(Span::styled(format!(" {title} "), title_style));
    let inner = block.inner(area);
    f.render_widget(block, area);
    if b.slots.is_empty() {
        f.render_widget(Paragraph::new(empty_day(ctx, st)).style(ctx.theme.dim()).wrap(Wrap { trim: true }), inner);
        return;
    }
    let w = usize::from(inner.width.saturating_sub(2));
    let lines: Vec<Line<'static>> =
        b.slots.iter().map(|s| Line::raw(cut(&slot_line(ctx, s, b.alternatives), w))).collect();
    if b.step == Step::Slots {
        select_list(f, inner, ctx.theme, lines, b.slot_cursor.selected);
    } else {
        plain_list(f, inner, lines);
    }
}

/// `9:30  Přepážka 1`, with the day (`Po 23. 11.`) when the times are of several days.
fn slot_line(ctx: &Ctx, s: &FreeSlot, with_day: bool) -> String {
    let time = format!("{:>5}  {}", format_time(local_time(s.start)), s.resource_name);
    if !with_day {
        return time;
    }
    let day = local_date(s.start);
    format!("{} {}. {}. {time}", ctx.tr.weekday(day), day.day(), day.month())
}

/// Why the selected day has no free time.
fn empty_day(ctx: &Ctx, st: &super::State) -> String {
    let b = &st.book;
    if b.alternatives {
        return ctx.tr.t("appt-no-alternatives");
    }
    match b.mark() {
        Some(DayMark::Full) => ctx.tr.t("appt-day-full"),
        Some(DayMark::Holiday(cs)) => {
            let name = crate::domain::calendar::holiday(b.day)
                .map_or_else(|| cs.clone(), |h| h.name.get(ctx.tr.lang()).to_owned());
            ctx.tr.ta("appt-day-holiday", &[("name", name.into())])
        }
        Some(DayMark::Closed(reason)) if !reason.is_empty() => {
            ctx.tr.ta("appt-day-closed-why", &[("reason", reason.clone().into())])
        }
        Some(DayMark::Closed(_)) => ctx.tr.t("appt-day-closed"),
        Some(DayMark::Past) => ctx.tr.t("appt-day-past"),
        Some(DayMark::Beyond) => {
            let days = b.service.as_ref().map_or(0, |s| s.rules.max_days_ahead);
            ctx.tr.ta("appt-day-beyond", &[("days", days.into())])
        }
        Some(DayMark::Free(_)) | None => ctx.tr.t("appt-no-times"),
    }
}

/// The chosen time in words: `Po 23. 11. 2026 9:30 · Přepážka 1`.
fn when_line(ctx: &Ctx, st: &super::State) -> String {
    let b = &st.book;
    match &b.slot {
        Some(s) if b.goal != Goal::Waitlist => {
            format!(
                "{} {} · {}",
                day_title(ctx, local_date(s.start)),
                format_time(local_time(s.start)),
                s.resource_name
            )
        }
        _ => day_title(ctx, b.day),
    }
}

fn draw_citizen(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let b = &st.book;
    let block = titled(ctx, "appt-step-citizen");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [when, field, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    f.render_widget(Paragraph::new(when_line(ctx, st)).style(ctx.theme.dim()), when);
    text_field(f, field, ctx.theme, &ctx.tr.t("dir-search"), &b.query, true, false);
    if b.citizens.is_empty() {
        let hint = Paragraph::new(ctx.tr.t("appt-citizen-hint")).style(ctx.theme.dim()).wrap(Wrap { trim: true });
        f.render_widget(hint, list);
        return;
    }
    let w = usize::from(list.width.saturating_sub(2));
    let lines = b.citizens.iter().map(|c| Line::raw(cut(&citizen_line(ctx, c), w))).collect();
    select_list(f, list, ctx.theme, lines, b.citizen_cursor.selected);
}

fn draw_confirm(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let b = &st.book;
    let title = match b.goal {
        Goal::Book => "appt-confirm-book",
        Goal::Reschedule { .. } => "appt-confirm-move",
        Goal::Waitlist => "appt-confirm-waitlist",
    };
    let block = titled(ctx, title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let label = |k: &str| Span::styled(format!("  {}: ", ctx.tr.t(k)), ctx.theme.dim());
    let service = b.service.as_ref().map_or_else(String::new, |s| s.name.get(ctx.tr.lang()).to_owned());
    let who = match (&b.goal, &b.who) {
        (Goal::Reschedule { citizen, .. }, _) => citizen.clone(),
        (_, Some(Who::Existing(c))) => citizen_line(ctx, c),
        (_, Some(Who::New(i))) => format!("{} ({})", i.family_name, ctx.tr.t("appt-new-citizen-short")),
        (_, None) => String::new(),
    };
    // Long values are cut with "…" at the frame, never clipped mid-word.
    let room = |k: &str| usize::from(inner.width).saturating_sub(ctx.tr.t(k).chars().count() + 4);
    let mut lines = vec![
        Line::from(vec![label("appt-service"), Span::raw(cut(&service, room("appt-service")))]),
        Line::from(vec![label("appt-when"), Span::styled(when_line(ctx, st), ctx.theme.title())]),
        Line::from(vec![label("case-citizen"), Span::raw(cut(&who, room("case-citizen")))]),
    ];
    if let Goal::Reschedule { was, .. } = &b.goal {
        lines.insert(1, Line::from(vec![label("appt-was"), Span::raw(was.clone())]));
    }
    let h = u16::try_from(lines.len() + 1).unwrap_or(u16::MAX);
    let [top, rest] = Layout::vertical([Constraint::Length(h), Constraint::Fill(1)]).areas(inner);
    f.render_widget(Paragraph::new(lines), top);
    form::draw(f, rest, ctx.theme, &b.confirm, true);
}

fn draw_done(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let Some(booked) = &st.book.booked else { return };
    let block = titled(ctx, "appt-booked-title");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let when = office_when(booked.start_at);
    let label = |k: &str| Span::styled(format!("  {}: ", ctx.tr.t(k)), ctx.theme.dim());
    let mut lines = vec![
        Line::raw(""),
        Line::from(vec![
            label("appt-code"),
            Span::styled(
                format!(" {} ", booked.code),
                ctx.theme.selected().add_modifier(ratatui::style::Modifier::BOLD),
            ),
        ]),
        Line::raw(""),
        Line::from(vec![label("appt-when"), Span::raw(format!("{when} · {}", booked.resource_name))]),
        Line::from(vec![label("appt-service"), Span::raw(booked.service_name.get(ctx.tr.lang()).to_owned())]),
        Line::from(vec![label("case-citizen"), Span::raw(booked.citizen_name.clone())]),
    ];
    if !booked.meeting_url.is_empty() {
        lines
            .push(Line::from(vec![label("appt-meeting"), Span::styled(booked.meeting_url.clone(), ctx.theme.title())]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!("  {}", ctx.tr.t("appt-done-keys")), ctx.theme.dim()));
    f.render_widget(Paragraph::new(lines), inner);
}
