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
    pub detail_open: bool,
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
    let s = &mut app.cases;
    if !s.detail_open && s.cursor.apply(action, s.rows.len()) {
        return;
    }
    match action {
        Action::Open if !s.rows.is_empty() => s.detail_open = true,
        Action::Back => s.detail_open = false,
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
    if s.detail_open {
        if let Some(r) = s.rows.get(s.cursor.selected) {
            detail(app, f, inner, r);
        }
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

fn detail(app: &App, f: &mut Frame<'_>, area: Rect, r: &CaseRow) {
    let (dl, style) = deadline_cell(app, &r.status, r.deadline.as_deref());
    let filed = chrono::DateTime::parse_from_rfc3339(&r.filed_at).map_or_else(
        |_| r.filed_at.clone(),
        |t| {
            let local = t.with_timezone(&crate::domain::clock::OFFICE_TZ);
            format!("{} {}", format_date(local.date_naive()), crate::domain::dates::format_time(local.time()))
        },
    );
    let kv = |k: &str, v: String| {
        Line::from(vec![Span::styled(format!("{}: ", app.tr.t(k)), app.theme.dim()), Span::raw(v)])
    };
    let lines = vec![
        Line::styled(r.reference_number.clone(), app.theme.title()),
        Line::raw(""),
        kv("case-status", app.tr.t(&format!("status-{}", r.status))),
        Line::from(vec![
            Span::styled(format!("{}: ", app.tr.t("case-deadline")), app.theme.dim()),
            Span::styled(dl, style),
        ]),
        kv("case-situation", format!("{} ({})", r.situation_name_cs, r.situation_code)),
        kv("case-department", r.department_code.clone()),
        kv("case-citizen", r.citizen_name.clone()),
        kv("case-channel", app.tr.t(&format!("channel-{}", r.channel))),
        kv("case-filed", filed),
    ];
    f.render_widget(Paragraph::new(lines), area);
}
