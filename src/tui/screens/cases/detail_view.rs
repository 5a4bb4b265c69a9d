//! Drawing one case: the header facts, what the citizen handed over and owes, the timeline, and
//! the action menu or dialog over it.

use super::deadline::deadline_cell;
use super::detail::State;
use crate::domain::dates::{format_date, format_time};
use crate::domain::money::format_czk;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap;
use crate::tui::widgets::form;
use crate::tui::widgets::{cut, select_list};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// `2026-11-20T08:30:00Z` as the office's `20. 11. 2026 9:30`.
fn local(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_owned(),
        |t| {
            let l = t.with_timezone(&crate::domain::clock::OFFICE_TZ);
            format!("{} {}", format_date(l.date_naive()), format_time(l.time()))
        },
    )
}

#[allow(
    clippy::many_single_char_names,
    reason = "ratatui's `f: &mut Frame` and short names for the rects and rows being laid out"
)]
pub fn view(ctx: &Ctx, s: &State, f: &mut Frame<'_>, area: Rect) {
    let Some(d) = &s.detail else { return };
    let head = head_lines(ctx, s, d);
    let head_h = u16::try_from(head.len()).unwrap_or(u16::MAX);
    let [top, timeline] = Layout::vertical([Constraint::Length(head_h), Constraint::Fill(1)]).areas(area);
    f.render_widget(Paragraph::new(head), top);
    let block = Block::new().borders(Borders::TOP).title(format!(" {} ", ctx.tr.t("case-history")));
    let inner = block.inner(timeline);
    f.render_widget(block, timeline);
    let w = usize::from(inner.width);
    // The newest events are the ones that fit: a long history scrolls off the top.
    let lines = history_lines(ctx, d, w);
    let skip = lines.len().saturating_sub(usize::from(inner.height));
    f.render_widget(Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()), inner);
    draw_overlay(ctx, s, f, area);
}

/// The case's head: reference, status and deadline, situation, department, citizen, fees, the
/// form, the attachments and the outcome.
fn head_lines(ctx: &Ctx, s: &State, d: &crate::desk::CaseDetail) -> Vec<Line<'static>> {
    let c = &d.case;
    let label = |k: &str| Span::styled(format!("{}: ", ctx.tr.t(k)), ctx.theme.dim());
    let (dl, dl_style) = deadline_cell(ctx, c.status, c.deadline.as_deref());
    let citizen = d.citizen.as_ref().map_or_else(
        || ctx.tr.t("intake-no-citizen"),
        |z| format!("{} {} ({})", z.given_name, z.family_name, z.birth_number.as_deref().unwrap_or("—")),
    );
    let mut head = vec![
        Line::from(vec![
            Span::styled(c.reference_number.clone(), ctx.theme.title()),
            Span::raw(format!("  {}  ", ctx.tr.t(&format!("status-{}", c.status)))),
            Span::styled(dl, dl_style),
            Span::raw(if c.complex { format!("  (+30 {})", ctx.tr.t("case-complex")) } else { String::new() }),
        ]),
        Line::from(vec![
            label("case-situation"),
            Span::raw(format!(
                "{} ({})",
                s.situation_name.as_deref().unwrap_or(&c.situation_name_cs),
                c.situation_code
            )),
        ]),
        Line::from(vec![
            label("case-department"),
            Span::raw(c.department_code.clone()),
            Span::raw("  "),
            label("case-official"),
            Span::raw(c.assignee.clone().unwrap_or_else(|| "—".into())),
        ]),
        Line::from(vec![label("case-citizen"), Span::raw(citizen)]),
    ];
    if d.fees.claimed > 0 {
        head.push(Line::from(vec![
            label("dir-fee"),
            Span::raw(ctx.tr.ta(
                "case-fees",
                &[
                    ("claimed", format_czk(d.fees.claimed).into()),
                    ("paid", format_czk(d.fees.paid).into()),
                    ("owed", format_czk(d.fees.owed).into()),
                ],
            )),
        ]));
    }
    head.extend(form_line(ctx, s, d));
    if !d.attachments.is_empty() {
        let names: Vec<String> = d.attachments.iter().map(|a| format!("{} ({} B)", a.name, a.size)).collect();
        head.push(Line::from(vec![label("case-attachments"), Span::raw(names.join(", "))]));
    }
    if !c.outcome.is_empty() {
        head.push(Line::from(vec![label("case-outcome"), Span::raw(c.outcome.clone())]));
    }
    head
}

/// The filing's form in one line: each field by its label, a choice by its option's label, a date
/// the Czech way.
fn form_line(ctx: &Ctx, s: &State, d: &crate::desk::CaseDetail) -> Option<Line<'static>> {
    let obj = d.form.as_object().filter(|o| !o.is_empty())?;
    let label = |k: &str| Span::styled(format!("{}: ", ctx.tr.t(k)), ctx.theme.dim());
    let field_label = |k: &str| s.labels.iter().find(|(key, _)| key == k).map_or(k.to_owned(), |(_, l)| l.clone());
    // A choice shows its option's label; a date the Czech way.
    let value = |k: &str, v: &serde_json::Value| match v.as_str() {
        Some(t) => s.options.iter().find(|(key, val, _)| key == k && val == t).map_or_else(
            || chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").map_or_else(|_| t.to_owned(), format_date),
            |(_, _, l)| l.clone(),
        ),
        None => v.to_string(),
    };
    let text = obj.iter().map(|(k, v)| format!("{}: {}", field_label(k), value(k, v)));
    Some(Line::from(vec![label("case-form"), Span::raw(text.collect::<Vec<_>>().join(" · "))]))
}

/// The case's history, one line each, `w` columns wide.
fn history_lines(ctx: &Ctx, d: &crate::desk::CaseDetail, w: usize) -> Vec<Line<'static>> {
    d.history
        .iter()
        .map(|h| {
            let what = match (&h.from_status, &h.to_status) {
                (Some(a), Some(b)) => {
                    format!("{} → {}", ctx.tr.t(&format!("status-{a}")), ctx.tr.t(&format!("status-{b}")))
                }
                (None, Some(b)) => ctx.tr.t(&format!("status-{b}")),
                _ => ctx.tr.t(&format!("event-{}", h.event)),
            };
            // The filing's detail is its channel: show it in words.
            let detail = if h.event == "filed" { ctx.tr.t(&format!("channel-{}", h.detail)) } else { h.detail.clone() };
            let extra = [detail.as_str(), h.reason.as_str()].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>();
            let extra = if extra.is_empty() { String::new() } else { format!(" — {}", extra.join("; ")) };
            Line::raw(cut(&format!("{:<17} {:<10} {what}{extra}", local(&h.at), h.user), w))
        })
        .collect()
}

fn draw_overlay(ctx: &Ctx, s: &State, f: &mut Frame<'_>, area: Rect) {
    let popup = |h: u16| {
        let w = area.width.min(60);
        let h = h.min(area.height);
        Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
    };
    if let Some((actions, cursor)) = &s.menu {
        let r = popup(u16::try_from(actions.len() + 2).unwrap_or(u16::MAX));
        f.render_widget(Clear, r);
        let b = Block::new().borders(Borders::ALL).title(format!(" {} ", ctx.tr.t("case-actions")));
        let inner = b.inner(r);
        f.render_widget(b, r);
        let lines = actions.iter().map(|a| Line::raw(ctx.tr.t(&a.label()))).collect();
        select_list(f, inner, ctx.theme, lines, cursor.selected);
    }
    if let Some(d) = &s.dialog {
        let r = popup(u16::try_from(d.form.fields.len() + 3).unwrap_or(u16::MAX));
        f.render_widget(Clear, r);
        let b = Block::new().borders(Borders::ALL).title(format!(
            " {} ({}) ",
            ctx.tr.t(&d.item.label()),
            keymap::action_key(Action::Save)
        ));
        let inner = b.inner(r);
        f.render_widget(b, r);
        form::draw(f, inner, ctx.theme, &d.form, true);
    }
}
