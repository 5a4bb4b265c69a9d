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
use crate::tui::app::App;
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

/// # Errors
/// A failing query.
pub fn load(app: &mut App) -> Result<(), DeskError> {
    let Some(actor) = app.ctx.session.clone() else { return Ok(()) };
    app.watchdog.rows = app.ctx.desk.watchdog_summary(&actor)?;
    app.watchdog.cursor.clamp(app.watchdog.rows.len());
    Ok(())
}

pub fn update(app: &mut App, action: Action) {
    if app.watchdog.cursor.apply(action, app.watchdog.rows.len()) {
        return;
    }
    if action == Action::Open {
        let Some(row) = app.watchdog.rows.get(app.watchdog.cursor.selected) else { return };
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
        super::cases::show_query(app, query);
    }
}

fn official_label(app: &App, row: &WatchdogRow) -> String {
    match (row.total, row.official.as_deref()) {
        (true, _) => format!("Σ {}", app.ctx.tr.t("watchdog-total")),
        (false, None) => app.ctx.tr.t("watchdog-unassigned"),
        (false, Some(name)) => format!("  {name}"),
    }
}

pub fn view(app: &App, f: &mut Frame<'_>, area: Rect) {
    let days = app.ctx.desk.config().warn_working_days;
    let block = Block::new().borders(Borders::ALL).title(format!(" {} ", app.ctx.tr.t("screen-watchdog")));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let soon = app.ctx.tr.ta("dash-due-soon", &[("days", days.into())]);
    let header = Line::from(vec![
        Span::styled(
            format!("  {}{}", fit(&app.ctx.tr.t("case-department"), 7), fit(&app.ctx.tr.t("case-official"), 18)),
            app.ctx.theme.dim(),
        ),
        Span::styled(fit(&format!("! {soon}"), 30), app.ctx.theme.due_soon()),
        Span::styled(format!("✖ {}", app.ctx.tr.t("dash-overdue")), app.ctx.theme.overdue()),
    ]);
    f.render_widget(Paragraph::new(header), head);
    if app.watchdog.rows.is_empty() {
        f.render_widget(Paragraph::new(app.ctx.tr.t("watchdog-clear")).style(app.ctx.theme.on_time()), list);
        return;
    }
    let lines = app
        .watchdog
        .rows
        .iter()
        .map(|r| {
            let soon_style = if r.due_soon > 0 { app.ctx.theme.due_soon() } else { app.ctx.theme.dim() };
            let over_style = if r.overdue > 0 { app.ctx.theme.overdue() } else { app.ctx.theme.dim() };
            Line::from(vec![
                Span::raw(fit(&r.department, 7)),
                Span::raw(fit(&official_label(app, r), 18)),
                Span::styled(fit(&format!("! {}", r.due_soon), 30), soon_style),
                Span::styled(format!("✖ {}", r.overdue), over_style),
            ])
        })
        .collect();
    select_list(f, list, app.ctx.theme, lines, app.watchdog.cursor.selected);
}
