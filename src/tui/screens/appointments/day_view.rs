//! Drawing the day's bookings, the bookings found, one booking with its history, and the cancel
//! dialog over them. Attendance is a symbol, a word and a colour.
//!
//! ```text
//! Po 23. 11. 2026 · M1 Matrika – Mgr. Jana Nováková · 9 objednávek
//! ┌──────────────────────────────────────────────────────────────────────┐
//! │  Čas  Stav          Kód     Občan                 Služba             │
//! │▶ 8:00 ✔ vyřízeno    K7M2QX  Jan Novák             Matrika – vydání … │
//! │ 10:30 ● přítomen    …                                                │
//! ```

use super::Mode;
use super::book_view::day_title;
use super::day::Detail;
use crate::desk::BookingRow;
use crate::desk::office_when;
use crate::domain::appointments::{Attendance, attendance, local_time};
use crate::domain::dates::format_time;
use crate::domain::phone;
use crate::tui::context::Ctx;
use crate::tui::widgets::form;
use crate::tui::widgets::{cut, fit, plain_list, select_list, text_field};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Attendance as a symbol and a word, and its colour.
#[must_use]
pub fn attendance_cell(ctx: &Ctx, a: Attendance) -> (String, Style) {
    let t = &ctx.theme;
    let (symbol, id, style) = match a {
        Attendance::Due => ("○", "appt-att-due", Style::new()),
        Attendance::Late => ("!", "appt-att-late", t.due_soon()),
        Attendance::CheckedIn => ("●", "appt-att-checked-in", t.present()),
        Attendance::Served => ("✔", "appt-att-served", t.on_time()),
        Attendance::NoShow => ("✖", "appt-att-no-show", t.overdue()),
        Attendance::Cancelled => ("–", "appt-att-cancelled", t.dim()),
    };
    (format!("{symbol} {}", ctx.tr.t(id)), style)
}

/// A booking's attendance now (the find's rows carry only the status).
fn attendance_of(ctx: &Ctx, b: &BookingRow) -> Attendance {
    attendance(b.status, b.start_at, ctx.desk.clock().now())
}

pub fn view(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let d = &st.day;
    let find = st.mode == Mode::Find;
    let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    if find {
        text_field(f, top, ctx.theme, &ctx.tr.t("appt-find-label"), &d.query, d.searching, false);
    } else {
        let line = cut(&day_line(ctx, st), usize::from(top.width));
        f.render_widget(Paragraph::new(Line::styled(line, ctx.theme.title())), top);
    }
    let block = Block::new().borders(Borders::ALL);
    let inner = block.inner(body);
    f.render_widget(block, body);
    match &d.detail {
        Some(x) => draw_detail(ctx, f, inner, x),
        None if find => draw_found(ctx, st, f, inner),
        None => draw_day(ctx, st, f, inner),
    }
    draw_dialog(ctx, st, f, body);
}

/// `Po 23. 11. 2026 · M1 Matrika – Mgr. Jana Nováková · 9 objednávek`.
fn day_line(ctx: &Ctx, st: &super::State) -> String {
    let d = &st.day;
    let date = d.date.unwrap_or_else(|| ctx.desk.clock().today());
    let resource = match &d.resource {
        Some(code) => {
            let name = d.resources.iter().find(|r| r.0 == *code).map_or("", |r| r.1.as_str());
            format!("{code} {name}")
        }
        None => ctx.tr.t("appt-all-resources"),
    };
    let count = ctx.tr.ta("appt-bookings-count", &[("count", d.entries.len().into())]);
    format!("{} · {resource} · {count}", day_title(ctx, date))
}

fn draw_day(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let d = &st.day;
    if d.entries.is_empty() {
        f.render_widget(Paragraph::new(ctx.tr.t("appt-day-empty")).style(ctx.theme.dim()), area);
        return;
    }
    let all = d.resource.is_none();
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let w = usize::from(list.width.saturating_sub(2));
    f.render_widget(Paragraph::new(header(ctx, w, all, false)).style(ctx.theme.dim()), head);
    let lines = d.entries.iter().map(|e| row(ctx, &e.booking, e.attendance, w, all, false)).collect();
    select_list(f, list, ctx.theme, lines, d.cursor.selected);
}

fn draw_found(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let d = &st.day;
    if d.found.is_empty() {
        let id = if d.query.value().trim().chars().count() < 2 { "appt-find-hint" } else { "appt-find-none" };
        f.render_widget(Paragraph::new(ctx.tr.t(id)).style(ctx.theme.dim()), area);
        return;
    }
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let w = usize::from(list.width.saturating_sub(2));
    f.render_widget(Paragraph::new(header(ctx, w, false, true)).style(ctx.theme.dim()), head);
    let lines = d.found.iter().map(|b| row(ctx, b, attendance_of(ctx, b), w, false, true)).collect();
    if d.searching {
        plain_list(f, list, lines);
    } else {
        select_list(f, list, ctx.theme, lines, d.found_cursor.selected);
    }
}

/// Column widths: time (with the date in the find), counter, attendance, code; the rest is split
/// between the citizen and the service.
fn widths(w: usize, resource: bool, date: bool) -> [usize; 6] {
    let time = if date { 19 } else { 6 };
    let res = if resource { 6 } else { 0 };
    let fixed = time + res + 14 + 8;
    let rest = w.saturating_sub(fixed);
    let citizen = (rest * 9 / 20).max(rest.min(12));
    [time, res, 14, 8, citizen, rest.saturating_sub(citizen)]
}

fn header(ctx: &Ctx, w: usize, resource: bool, date: bool) -> String {
    let [time, res, state, code, citizen, _] = widths(w, resource, date);
    let t = |k: &str| ctx.tr.t(k);
    let res_h = if resource { fit(&t("appt-col-resource"), res) } else { String::new() };
    cut(
        &format!(
            "  {}{res_h}{}{}{}{}",
            fit(&t("appt-col-time"), time),
            fit(&t("case-status"), state),
            fit(&t("appt-col-code"), code),
            fit(&t("case-citizen"), citizen),
            t("appt-service")
        ),
        w + 2,
    )
}

fn row(ctx: &Ctx, b: &BookingRow, a: Attendance, w: usize, resource: bool, date: bool) -> Line<'static> {
    let [time_w, res_w, state_w, code_w, citizen_w, service_w] = widths(w, resource, date);
    let time = if date { office_when(b.start_at) } else { format!("{:>5}", format_time(local_time(b.start_at))) };
    let (state, style) = attendance_cell(ctx, a);
    let service = b.service_name.get(ctx.tr.lang()).to_owned();
    // Each column keeps a space before the next, however long its text.
    let col = |s: &str, w: usize| fit(&cut(s, w.saturating_sub(1)), w);
    let mut spans = vec![Span::raw(col(&time, time_w))];
    if resource {
        spans.push(Span::raw(col(&b.resource, res_w)));
    }
    spans.extend([
        Span::styled(col(&state, state_w), style),
        Span::raw(col(&b.code, code_w)),
        Span::raw(col(&b.citizen_name, citizen_w)),
        Span::raw(cut(&service, service_w)),
    ]);
    Line::from(spans)
}

#[allow(
    clippy::many_single_char_names,
    reason = "ratatui's `f: &mut Frame` and short names for the rects and rows being laid out"
)]
fn draw_detail(ctx: &Ctx, f: &mut Frame<'_>, area: Rect, x: &Detail) {
    let b = &x.booking;
    let label = |k: &str| Span::styled(format!("{}: ", ctx.tr.t(k)), ctx.theme.dim());
    let (state, style) = attendance_cell(ctx, attendance_of(ctx, b));
    let when = format!("{}–{}", office_when(b.start_at), format_time(local_time(b.end_at)));
    let phone = if b.citizen_phone.is_empty() { "—".to_owned() } else { phone::display(&b.citizen_phone) };
    let mut lines = vec![
        Line::from(vec![Span::styled(b.code.clone(), ctx.theme.title()), Span::raw("  "), Span::styled(state, style)]),
        Line::from(vec![label("appt-service"), Span::raw(b.service_name.get(ctx.tr.lang()).to_owned())]),
        Line::from(vec![label("appt-when"), Span::raw(format!("{when} · {}", b.resource_name))]),
        Line::from(vec![label("case-citizen"), Span::raw(format!("{} · {phone}", b.citizen_name))]),
        Line::from(vec![label("appt-channel"), Span::raw(ctx.tr.t(&format!("channel-{}", b.channel)))]),
    ];
    let optional = [("appt-note", &b.note), ("appt-meeting", &b.meeting_url)];
    for (id, value) in optional.into_iter().filter(|(_, v)| !v.is_empty()) {
        lines.push(Line::from(vec![label(id), Span::raw(value.clone())]));
    }
    if let Some(r) = &b.reference_number {
        lines.push(Line::from(vec![label("appt-case"), Span::raw(r.clone())]));
    }
    let head_h = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let [top, timeline] = Layout::vertical([Constraint::Length(head_h), Constraint::Fill(1)]).areas(area);
    f.render_widget(Paragraph::new(lines), top);
    let block = Block::new().borders(Borders::TOP).title(format!(" {} ", ctx.tr.t("case-history")));
    let inner = block.inner(timeline);
    f.render_widget(block, timeline);
    let w = usize::from(inner.width);
    let events: Vec<Line<'static>> = x
        .history
        .iter()
        .map(|h| {
            let at = office_when(h.at);
            let what = ctx.tr.t(&format!("appt-event-{}", h.action));
            let extra =
                [h.detail.as_str(), h.reason.as_str()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
            let extra = if extra.is_empty() { String::new() } else { format!(" — {}", extra.join("; ")) };
            Line::raw(cut(&format!("{at:<17} {:<10} {what}{extra}", h.actor), w))
        })
        .collect();
    let skip = events.len().saturating_sub(usize::from(inner.height));
    f.render_widget(Paragraph::new(events.into_iter().skip(skip).collect::<Vec<_>>()), inner);
}

#[allow(
    clippy::many_single_char_names,
    reason = "ratatui's `f: &mut Frame` and short names for the rects and rows being laid out"
)]
fn draw_dialog(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let Some(d) = &st.day.dialog else { return };
    let w = area.width.min(64);
    let h = 4.min(area.height);
    let r = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
    f.render_widget(Clear, r);
    let title = ctx.tr.ta("appt-cancel-title", &[("code", d.booking.code.clone().into())]);
    let b = Block::new().borders(Borders::ALL).title(format!(" {title} "));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let [who, field] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    f.render_widget(Paragraph::new(cut(&d.booking.citizen_name, usize::from(who.width))).style(ctx.theme.dim()), who);
    form::draw(f, field, ctx.theme, &d.form, true);
}
