//! Appointments: the services citizens book, with their length and department.
//! (The booking calendar, day view and check-in build on this screen.)
//!
//! ```text
//! ▶ Podání žádosti o občanský průkaz     15 min   OSA
//! ```

use super::Cursor;
use crate::desk::{DeskError, Directory};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::widgets::{cut, fit, select_list};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

#[derive(Debug, Default)]
pub struct State {
    pub dir: Option<Directory>,
    pub cursor: Cursor,
}

/// # Errors
/// A failing query.
pub fn load(app: &mut App) -> Result<(), DeskError> {
    app.appointments.dir = Some(app.desk.directory()?);
    Ok(())
}

pub fn update(app: &mut App, action: Action) {
    let len = app.appointments.dir.as_ref().map_or(0, |d| d.data.services.len());
    app.appointments.cursor.apply(action, len);
}

pub fn view(app: &App, f: &mut Frame<'_>, area: Rect) {
    let block = Block::new().borders(Borders::ALL).title(format!(" {} ", app.tr.t("appointments-services")));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(d) = &app.appointments.dir else { return };
    let lang = app.tr.lang();
    let w = usize::from(inner.width.saturating_sub(2));
    let name_w = w.saturating_sub(16);
    let lines = d
        .data
        .services
        .iter()
        .map(|s| {
            let dept = d.department(s.department_id).map_or("", |x| x.code.as_str());
            Line::raw(format!("{}{:>6} min  {}", fit(&cut(s.name.get(lang), name_w), name_w), s.duration_min, dept))
        })
        .collect();
    select_list(f, inner, app.theme, lines, app.appointments.cursor.selected);
}
