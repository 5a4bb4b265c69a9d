//! Drawing the case list: the filter line, the search field, the rows with their deadline state,
//! the bulk dialog; the detail replaces it all when a case is open.

use super::State;
use super::deadline::deadline_cell;
use crate::desk::CaseScope;
use crate::desk::CaseSort;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap;
use crate::tui::widgets::form;
use crate::tui::widgets::{cut, fit, select_list, text_field};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

fn filters(ctx: &Ctx, s: &State) -> String {
    let q = &s.query;
    let scope = match q.scope {
        Some(CaseScope::Mine) => ctx.tr.t("scope-mine"),
        Some(CaseScope::Department) => ctx.tr.t("scope-department"),
        Some(CaseScope::All) => ctx.tr.t("scope-all"),
        None => ctx.tr.t("scope-default"),
    };
    let status =
        q.statuses.first().map_or_else(|| ctx.tr.t("status-any"), |st| ctx.tr.t(&format!("status-{}", st.as_str())));
    let mut parts =
        vec![format!("{}: {scope}", ctx.tr.t("filter-scope")), format!("{}: {status}", ctx.tr.t("case-status"))];
    if q.overdue {
        parts.push(format!("✖ {}", ctx.tr.t("dash-overdue")));
    }
    if q.due_within.is_some() {
        parts.push(format!("! {}", ctx.tr.t("filter-due-soon")));
    }
    let sort = if q.sort == CaseSort::Deadline { ctx.tr.t("sort-deadline") } else { ctx.tr.t("sort-newest") };
    parts.push(format!("{}: {sort}", ctx.tr.t("filter-sort")));
    if !s.marked.is_empty() {
        parts.push(ctx.tr.ta("cases-marked", &[("count", s.marked.len().into())]));
    }
    parts.join(" · ")
}

#[allow(
    clippy::many_single_char_names,
    reason = "ratatui's `f: &mut Frame` and short names for the rects and rows being laid out"
)]
pub fn view(ctx: &Ctx, s: &State, f: &mut Frame<'_>, area: Rect) {
    let title =
        format!(" {} · {} ", ctx.tr.t("screen-cases"), ctx.tr.ta("cases-count", &[("count", s.rows.len().into())]));
    let title = if s.next.is_some() { format!("{}+ ", title.trim_end()) } else { title };
    let block = Block::new().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if s.detail_open() {
        super::detail_view::view(ctx, &s.detail, f, inner);
        return;
    }
    let [line, search, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    f.render_widget(Paragraph::new(cut(&filters(ctx, s), usize::from(line.width))).style(ctx.theme.dim()), line);
    text_field(f, search, ctx.theme, &ctx.tr.t("dir-search"), &s.search, s.searching, false);
    if s.rows.is_empty() {
        f.render_widget(Paragraph::new(ctx.tr.t("cases-empty")).style(ctx.theme.dim()), list);
    } else {
        let w = usize::from(list.width.saturating_sub(2));
        let rest = w.saturating_sub(2 + 20 + 12 + 23);
        // Only the rows on screen: the list grows by a page each time the clerk moves past its
        // end, and making every row's line on each key press cost 8 ms at 3,000 rows. The window
        // is the one ratatui's List picks with a fresh state (the selected row last when below).
        let height = usize::from(list.height).max(1);
        let first = s.cursor.selected.saturating_sub(height - 1);
        let lines = s
            .rows
            .iter()
            .skip(first)
            .take(height)
            .map(|r| {
                let (dl, style) = deadline_cell(ctx, r.status, r.deadline.as_deref());
                let mark = if s.marked.contains(&r.reference_number) { "● " } else { "  " };
                Line::from(vec![
                    Span::raw(mark),
                    Span::raw(fit(&r.reference_number, 20)),
                    Span::raw(fit(&ctx.tr.t(&format!("status-{}", r.status)), 12)),
                    Span::styled(fit(&dl, 23), style),
                    Span::raw(cut(
                        &format!(
                            "{} · {}",
                            s.situation_names.get(&r.situation_code).unwrap_or(&r.situation_name_cs),
                            r.citizen_name
                        ),
                        rest,
                    )),
                ])
            })
            .collect();
        select_list(f, list, ctx.theme, lines, s.cursor.selected - first);
    }
    if let Some(form) = &s.bulk {
        draw_bulk(ctx, s, f, area, form);
    }
}

/// The bulk hand-over's dialog over the list: where the marked cases go, and why.
#[allow(
    clippy::many_single_char_names,
    reason = "ratatui's `f: &mut Frame` and short names for the rects and rows being laid out"
)]
fn draw_bulk(ctx: &Ctx, s: &State, f: &mut Frame<'_>, area: Rect, form: &form::Form) {
    let w = area.width.min(64);
    let h = 5.min(area.height);
    let r = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
    f.render_widget(Clear, r);
    let b = Block::new().borders(Borders::ALL).title(format!(
        " {} ({}) ",
        ctx.tr.ta("cases-bulk", &[("count", s.marked.len().into())]),
        keymap::action_key(Action::Save)
    ));
    let inner = b.inner(r);
    f.render_widget(b, r);
    form::draw(f, inner, ctx.theme, form, true);
}
