//! Drawing the intake: one step at a time, the chosen citizen and situation always in sight.

use super::{State, Step};
use crate::desk::{CitizenRow, SituationRow};
use crate::domain::dates::format_date;
use crate::domain::money::format_czk;
use crate::tui::context::Ctx;
use crate::tui::widgets::form;
use crate::tui::widgets::{cut, select_list, text_field};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

#[allow(
    clippy::many_single_char_names,
    reason = "ratatui's `f: &mut Frame` and short names for the rects and rows being laid out"
)]
pub fn view(ctx: &Ctx, s: &State, f: &mut Frame<'_>, area: Rect) {
    let [summary, body] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    draw_summary(ctx, s, f, summary);
    let title = |k: &str| format!(" {} ", ctx.tr.t(k));
    let block = |k: &str| Block::new().borders(Borders::ALL).title(title(k));
    match s.step {
        Step::Citizen => {
            let b = block("intake-step-citizen");
            let inner = b.inner(body);
            f.render_widget(b, body);
            let [field, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
            text_field(f, field, ctx.theme, &ctx.tr.t("dir-search"), &s.citizen_query, true, false);
            if s.citizens.is_empty() {
                f.render_widget(
                    Paragraph::new(ctx.tr.t("intake-citizen-hint")).style(ctx.theme.dim()).wrap(Wrap { trim: true }),
                    list,
                );
            } else {
                let w = usize::from(list.width.saturating_sub(2));
                let lines = s.citizens.iter().map(|c| Line::raw(cut(&citizen_line(ctx, c), w))).collect();
                select_list(f, list, ctx.theme, lines, s.citizen_cursor.selected);
            }
        }
        Step::NewCitizen => {
            let b = block("intake-new-citizen");
            let inner = b.inner(body);
            f.render_widget(b, body);
            form::draw(f, inner, ctx.theme, &s.new_citizen, true);
        }
        Step::Situation => draw_situation(ctx, s, f, body),
        Step::Details => {
            let b = block("intake-step-details");
            let inner = b.inner(body);
            f.render_widget(b, body);
            form::draw(f, inner, ctx.theme, &s.details, true);
        }
        Step::Done => draw_done(ctx, s, f, body),
    }
}

/// The life-situation picker: the search field, the matches, and the handbook of the chosen one.
#[allow(
    clippy::many_single_char_names,
    reason = "ratatui's `f: &mut Frame` and short names for the rects and rows being laid out"
)]
fn draw_situation(ctx: &Ctx, s: &State, f: &mut Frame<'_>, body: Rect) {
    let b = Block::new().borders(Borders::ALL).title(format!(" {} ", ctx.tr.t("intake-step-situation")));
    let inner = b.inner(body);
    f.render_widget(b, body);
    let [field, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    text_field(f, field, ctx.theme, &ctx.tr.t("dir-search"), &s.situation_query, true, false);
    let (list, hand) = if rest.width >= 90 {
        let [l, h] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(rest);
        (l, h)
    } else {
        let [l, h] = Layout::vertical([Constraint::Fill(1), Constraint::Length(6)]).areas(rest);
        (l, h)
    };
    let lang = ctx.tr.lang();
    let w = usize::from(list.width.saturating_sub(2));
    let matches = s.picker.as_ref().map_or(&[][..], |p| p.matches.as_slice());
    let lines =
        matches.iter().filter_map(|i| s.situations.get(*i)).map(|x| Line::raw(cut(x.name.get(lang), w))).collect();
    select_list(f, list, ctx.theme, lines, s.situation_cursor.selected);
    let chosen = matches.get(s.situation_cursor.selected).and_then(|i| s.situations.get(*i));
    if let Some(x) = chosen {
        f.render_widget(Paragraph::new(handbook(ctx, x)).wrap(Wrap { trim: true }), hand);
    }
}

/// A citizen in one line: name, birth date, masked birth number, address.
#[must_use]
pub fn citizen_line(ctx: &Ctx, c: &CitizenRow) -> String {
    let born =
        chrono::NaiveDate::parse_from_str(&c.birth_date, "%Y-%m-%d").map_or_else(|_| c.birth_date.clone(), format_date);
    let bn = c
        .birth_number
        .as_deref()
        .and_then(|d| crate::domain::birth_number::BirthNumber::parse(d).ok())
        .map_or_else(String::new, |b| format!(", {}", b.masked()));
    format!("{} {}, {} {born}{bn}, {} {}", c.family_name, c.given_name, ctx.tr.t("born"), c.street, c.city)
}

fn draw_summary(ctx: &Ctx, s: &State, f: &mut Frame<'_>, area: Rect) {
    let who = s.citizen.as_ref().map_or_else(|| ctx.tr.t("intake-no-citizen"), |c| citizen_line(ctx, c));
    let what = s.situation.as_ref().map_or_else(|| "—".to_owned(), |x| x.name.get(ctx.tr.lang()).to_owned());
    let w = usize::from(area.width);
    let label = |k: &str| Span::styled(format!("{}: ", ctx.tr.t(k)), ctx.theme.dim());
    let lines = vec![
        Line::from(vec![label("case-citizen"), Span::raw(cut(&who, w.saturating_sub(10)))]),
        Line::from(vec![label("case-situation"), Span::raw(cut(&what, w.saturating_sub(18)))]),
    ];
    f.render_widget(Paragraph::new(lines), area);
}

fn handbook(ctx: &Ctx, x: &SituationRow) -> Vec<Line<'static>> {
    let lang = ctx.tr.lang();
    let deadline = if x.deadline_days == 0 {
        ctx.tr.t("deadline-on-the-spot")
    } else {
        ctx.tr.ta("deadline-days", &[("days", x.deadline_days.into())])
    };
    let mut lines = vec![
        Line::styled(x.name.get(lang).to_owned(), ctx.theme.title()),
        Line::raw(format!(
            "{}: {} · {}: {deadline}",
            ctx.tr.t("dir-fee"),
            format_czk(i64::from(x.fee_czk)),
            ctx.tr.t("dir-deadline")
        )),
        Line::styled(ctx.tr.t("dir-documents"), ctx.theme.dim()),
    ];
    lines.extend(x.documents.get(lang).iter().map(|d| Line::raw(format!(" • {d}"))));
    lines
}

fn draw_done(ctx: &Ctx, st: &State, f: &mut Frame<'_>, area: Rect) {
    let Some(filed) = &st.filed else { return };
    let b = Block::new().borders(Borders::ALL).title(format!(" {} ", ctx.tr.t("intake-filed")));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let deadline = filed.deadline.map_or_else(|| ctx.tr.t("deadline-none"), format_date);
    let lines = vec![
        Line::raw(""),
        Line::from(vec![
            Span::styled(format!("  {}: ", ctx.tr.t("intake-reference")), ctx.theme.dim()),
            Span::styled(filed.reference_number.clone(), ctx.theme.focused()),
        ]),
        Line::raw(format!("  {}: {}", ctx.tr.t("case-department"), filed.department)),
        Line::raw(format!("  {}: {deadline}", ctx.tr.t("case-deadline"))),
        Line::raw(st.situation.as_ref().filter(|s| s.fee_czk > 0).map_or_else(String::new, |s| {
            format!("  {}: {} ({})", ctx.tr.t("dir-fee"), format_czk(i64::from(s.fee_czk)), ctx.tr.t("intake-fee-owed"))
        })),
        Line::raw(""),
        Line::styled(format!("  {}", ctx.tr.t("intake-done-keys")), ctx.theme.dim()),
    ];
    f.render_widget(Paragraph::new(lines), inner);
}
