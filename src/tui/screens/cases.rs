//! The case list: the newest cases with their deadline state; Enter shows the detail.
//! (The intake form, filters, search and actions build on this screen.)
//!
//! ```text
//! č.j.                 stav        lhůta              životní situace
//! ▶ MULO-00800/2026/OF  přijato      ✖ po lhůtě 3 d.    Poplatek ze psů
//! ```

use super::Cursor;
use crate::desk::DeskError;
use crate::domain::case::CaseStatus;
use crate::domain::dates::format_date;
use crate::domain::deadline::working_days_left;
use crate::store::CaseRow;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::widgets::{cut, fit, select_list};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

#[derive(Debug, Default)]
pub struct State {
    pub rows: Vec<CaseRow>,
    pub cursor: Cursor,
    pub detail: super::case_detail::State,
}

impl State {
    #[must_use]
    pub fn detail_open(&self) -> bool {
        self.detail.detail.is_some()
    }
}

/// How many of the newest cases the list shows.
const LIMIT: u32 = 500;

/// # Errors
/// A failing query.
pub fn load(app: &mut App) -> Result<(), DeskError> {
    app.cases.rows = app.desk.recent_cases(LIMIT)?;
    app.cases.cursor.clamp(app.cases.rows.len());
    Ok(())
}

pub fn update(app: &mut App, action: Action) {
    if app.cases.detail_open() {
        if super::case_detail::update(app, action) {
            // Back on the list: show what the actions changed.
            let _ = load(app).map_err(|e| app.set_error(&e));
        }
        return;
    }
    let s = &mut app.cases;
    if s.cursor.apply(action, s.rows.len()) {
        return;
    }
    match action {
        Action::Open => {
            if let Some(r) = s.rows.get(s.cursor.selected).map(|r| r.reference_number.clone()) {
                super::case_detail::open(app, &r);
            }
        }
        Action::Menu => {
            if let Some(r) = s.rows.get(s.cursor.selected).map(|r| r.reference_number.clone()) {
                super::case_detail::open(app, &r);
                super::case_detail::update(app, Action::Menu);
            }
        }
        _ => {}
    }
}

/// The deadline as a word, a symbol and a colour: red overdue, yellow within the warning period,
/// green on time, grey when the case is no longer open.
#[must_use]
pub fn deadline_cell(app: &App, status: &str, deadline: Option<&str>) -> (String, Style) {
    let open = CaseStatus::parse(status).is_some_and(CaseStatus::is_open);
    let Some(d) = deadline.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) else {
        return (app.tr.t("deadline-none"), app.theme.dim());
    };
    if !open {
        return (format!("– {}", format_date(d)), app.theme.dim());
    }
    let left = working_days_left(app.desk.clock().today(), d);
    let warn = i64::from(app.desk.config().warn_working_days);
    if left < 0 {
        (format!("✖ {}", app.tr.ta("deadline-overdue", &[("days", (-left).into())])), app.theme.overdue())
    } else if left <= warn {
        (format!("! {}", app.tr.ta("deadline-left", &[("days", left.into())])), app.theme.due_soon())
    } else {
        (format!("✔ {}", format_date(d)), app.theme.on_time())
    }
}

pub fn view(app: &App, f: &mut Frame<'_>, area: Rect) {
    let s = &app.cases;
    let block = Block::new().borders(Borders::ALL).title(format!(
        " {} · {} ",
        app.tr.t("cases-newest"),
        app.tr.ta("cases-count", &[("count", s.rows.len().into())])
    ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    if s.detail_open() {
        super::case_detail_view::view(app, f, inner);
        return;
    }
    if s.rows.is_empty() {
        f.render_widget(Paragraph::new(app.tr.t("cases-empty")).style(app.theme.dim()), inner);
        return;
    }
    let w = usize::from(inner.width.saturating_sub(2));
    let rest = w.saturating_sub(20 + 12 + 22);
    let lines = s
        .rows
        .iter()
        .map(|r| {
            let (dl, style) = deadline_cell(app, &r.status, r.deadline.as_deref());
            Line::from(vec![
                Span::raw(fit(&r.reference_number, 20)),
                Span::raw(fit(&app.tr.t(&format!("status-{}", r.status)), 12)),
                Span::styled(fit(&dl, 22), style),
                Span::raw(cut(&r.situation_name_cs, rest)),
            ])
        })
        .collect();
    select_list(f, inner, app.theme, lines, s.cursor.selected);
}
