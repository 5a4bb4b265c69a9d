//! The watchdog (Hlídací pes): per department and per official, how many open cases are due
//! within the warning period and how many are overdue. Enter lists them.
//!
//! ```text
//! odbor  referent          ! do 5 prac. dnů   ✖ po lhůtě
//! ▶ OSA  —                  3                  1
//!   OSA  jnovakova          2                  4
//! ```

use super::Cursor;
use crate::desk::{CaseQuery, DeskError, WatchdogRow};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::outcome::Outcome;
use crate::tui::widgets::{fit, select_list};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

#[derive(Debug, Default)]
pub struct State {
    pub rows: Vec<WatchdogRow>,
    pub cursor: Cursor,
}

pub fn load(ctx: &mut Ctx, st: &mut State) -> Result<(), DeskError> {
    let Some(actor) = ctx.session.clone() else { return Ok(()) };
    st.rows = ctx.desk.watchdog_summary(&actor)?;
    st.cursor.clamp(st.rows.len());
    Ok(())
}

pub fn update(st: &mut State, action: Action) -> Outcome {
    if st.cursor.apply(action, st.rows.len()) || action != Action::Open {
        return Outcome::None;
    }
    let Some(row) = st.rows.get(st.cursor.selected) else { return Outcome::None };
    // The row's cases in the case list: due soon or overdue, of that department or official.
    let query = CaseQuery {
        department: Some(row.department.clone()),
        // A department's total and its unassigned cases both list the department.
        official: row.official.clone(),
        due_within: Some(None),
        overdue: true,
        scope: Some(crate::desk::CaseScope::All),
        ..CaseQuery::default()
    };
    Outcome::ShowCases(query)
}

fn official_label(ctx: &Ctx, row: &WatchdogRow) -> String {
    match (row.total, row.official.as_deref()) {
        (true, _) => format!("Σ {}", ctx.tr.t("watchdog-total")),
        (false, None) => ctx.tr.t("watchdog-unassigned"),
        (false, Some(name)) => format!("  {name}"),
    }
}

pub fn view(ctx: &Ctx, st: &State, f: &mut Frame<'_>, area: Rect) {
    let days = ctx.desk.config().warn_working_days;
    let block = Block::new().borders(Borders::ALL).title(format!(" {} ", ctx.tr.t("screen-watchdog")));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let soon = ctx.tr.ta("dash-due-soon", &[("days", days.into())]);
    let header = Line::from(vec![
        Span::styled(
            format!("  {}{}", fit(&ctx.tr.t("case-department"), 7), fit(&ctx.tr.t("case-official"), 18)),
            ctx.theme.dim(),
        ),
        Span::styled(fit(&format!("! {soon}"), 30), ctx.theme.due_soon()),
        Span::styled(format!("✖ {}", ctx.tr.t("dash-overdue")), ctx.theme.overdue()),
    ]);
    f.render_widget(Paragraph::new(header), head);
    if st.rows.is_empty() {
        f.render_widget(Paragraph::new(ctx.tr.t("watchdog-clear")).style(ctx.theme.on_time()), list);
        return;
    }
    let lines = st
        .rows
        .iter()
        .map(|r| {
            let soon_style = if r.due_soon > 0 { ctx.theme.due_soon() } else { ctx.theme.dim() };
            let over_style = if r.overdue > 0 { ctx.theme.overdue() } else { ctx.theme.dim() };
            Line::from(vec![
                Span::raw(fit(&r.department, 7)),
                Span::raw(fit(&official_label(ctx, r), 18)),
                Span::styled(fit(&format!("! {}", r.due_soon), 30), soon_style),
                Span::styled(format!("✖ {}", r.overdue), over_style),
            ])
        })
        .collect();
    select_list(f, list, ctx.theme, lines, st.cursor.selected);
}
