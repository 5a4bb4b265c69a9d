//! Drawing the appointment screen: the mode line, then the mode's body.
//!
//! ```text
//! ▸Objednat n   Den d   Čekací listina l   Hledat /
//! ┌ Služby k objednání ─────────────────────────────────────────────────┐
//! │▶ Občanský průkaz – podání žádosti         15 min  OSA  P1 P2        │
//! ```

use super::Mode;
use super::{book_view, day_view};
use crate::domain::dates::format_date;
use crate::tui::action::{Action, Appt};
use crate::tui::context::Ctx;
use crate::tui::keymap;
use crate::tui::screens::ScreenId;
use crate::tui::widgets::{cut, fit, select_list};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn view(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    draw_modes(ctx, st, f, bar);
    match st.mode {
        Mode::Book => book_view::view(ctx, st, f, body),
        Mode::Day | Mode::Find => day_view::view(ctx, st, f, body),
        Mode::Waitlist => draw_waitlist(ctx, st, f, body),
    }
}

fn draw_modes(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let modes = [
        (Mode::Book, "appt-mode-book", Action::Appt(Appt::Book)),
        (Mode::Day, "appt-mode-day", Action::Appt(Appt::Day)),
        (Mode::Waitlist, "appt-mode-waitlist", Action::Appt(Appt::Waitlist)),
        (Mode::Find, "appt-mode-find", Action::Search),
    ];
    let mut spans = Vec::new();
    for (mode, id, action) in modes {
        let label = format!("{} ", ctx.tr.t(id));
        if mode == st.mode {
            spans.push(Span::styled(format!("▸{label}"), ctx.theme.nav_active()));
        } else {
            spans.push(Span::raw(format!(" {label}")));
        }
        // The key from the key table, so the line cannot drift from what the keys do.
        if let Some(key) = keymap::key_of(ScreenId::Appointments, action) {
            spans.push(Span::styled(key, ctx.theme.key()));
        }
        spans.push(Span::raw("  "));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A service's name in the clerk's language, by its code.
#[must_use]
pub fn service_name(ctx: &Ctx, st: &super::State, code: &str) -> String {
    st.service(code).map_or_else(|| code.to_owned(), |s| s.name.get(ctx.tr.lang()).to_owned())
}

fn draw_waitlist(ctx: &Ctx, st: &super::State, f: &mut Frame<'_>, area: Rect) {
    let w = &st.waitlist;
    let count = ctx.tr.ta("records-count", &[("count", w.rows.len().into())]);
    let block = Block::new().borders(Borders::ALL).title(format!(" {} · {count} ", ctx.tr.t("appt-mode-waitlist")));
    let inner = block.inner(area);
    f.render_widget(block, area);
    if w.rows.is_empty() {
        f.render_widget(Paragraph::new(ctx.tr.t("appt-waitlist-empty")).style(ctx.theme.dim()), inner);
        return;
    }
    let [list, detail] = Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(inner);
    let width = usize::from(list.width.saturating_sub(2));
    let rest = width.saturating_sub(13 + 12 + 17);
    let lines = w
        .rows
        .iter()
        .map(|r| {
            let day = r.day.as_deref().and_then(parse_day).map_or_else(|| ctx.tr.t("appt-any-day"), format_date);
            let (state, style) = if super::waitlist::offer(r).is_some() {
                (format!("! {}", ctx.tr.t("appt-offered-short")), ctx.theme.due_soon())
            } else {
                (format!("○ {}", ctx.tr.t("appt-waiting")), ratatui::style::Style::new())
            };
            Line::from(vec![
                Span::raw(fit(&day, 13)),
                Span::styled(fit(&state, 12), style),
                Span::raw(fit(&phone_text(&r.citizen_phone), 17)),
                Span::raw(cut(&format!("{} · {}", r.citizen_name, service_name(ctx, st, &r.service)), rest)),
            ])
        })
        .collect();
    select_list(f, list, ctx.theme, lines, w.cursor.selected);
    if let Some(r) = w.rows.get(w.cursor.selected) {
        let text = match super::waitlist::offer(r) {
            Some((start, resource)) => ctx.tr.ta(
                "appt-offer-line",
                &[("when", crate::desk::office_when(start).into()), ("resource", resource.into())],
            ),
            None => ctx.tr.t("appt-waiting-line"),
        };
        let note = if r.note.is_empty() { String::new() } else { format!(" · {}", r.note) };
        let lines = vec![
            Line::styled(
                format!("{} · {}{note}", r.citizen_name, service_name(ctx, st, &r.service)),
                ctx.theme.title(),
            ),
            Line::raw(text),
        ];
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), detail);
    }
}

/// A phone as people read it, or a dash.
#[must_use]
pub fn phone_text(e164: &str) -> String {
    if e164.is_empty() { "—".to_owned() } else { crate::domain::phone::display(e164) }
}

fn parse_day(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}
