//! The frame every screen plugs into.
//!
//! ```text
//! ┌ header: office · screen · user (role) · date · ↻ ──────────────┐
//! │ navigation: 1 Spisy  2 Objednávky  3 Linka  4 Adresář  5 Přehled│
//! │ body: the screen                                                │
//! │ message line                                                    │
//! └ footer: the keys of this screen, from the key table ────────────┘
//! ```

use super::action::{Action, ScreenId};
use super::app::{App, MessageKind};
use super::keymap;
use super::screens::{appointments, cases, dashboard, directory, hotline, intake, login, watchdog};
use super::widgets::{cut, fit};
use crate::domain::dates::format_date;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table};
use unicode_width::UnicodeWidthStr;

/// Draws the whole screen: a pure function of the state.
pub fn draw(app: &App, f: &mut Frame<'_>) {
    let area = f.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let [header, nav, body, message, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(app.session.is_some())),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(app, f, header);
    let ctx = &app.ctx;
    if app.session.is_some() {
        draw_nav(app, f, nav);
        match app.screen {
            ScreenId::Intake => intake::view::view(ctx, &app.intake, f, body),
            ScreenId::Cases => cases::view::view(ctx, &app.cases, f, body),
            ScreenId::Watchdog => watchdog::view(ctx, &app.watchdog, f, body),
            ScreenId::Appointments => appointments::view::view(ctx, &app.appointments, f, body),
            ScreenId::Hotline => hotline::view(ctx, &app.hotline, f, body),
            ScreenId::Directory => directory::view(ctx, &app.directory, f, body),
            ScreenId::Dashboard => dashboard::view(ctx, &app.dashboard, f, body),
        }
    } else {
        login::view(ctx, &app.login, f, body);
    }
    draw_message(app, f, message);
    draw_footer(app, f, footer);
    if app.help {
        draw_help(app, f, body);
    }
}

fn draw_header(app: &App, f: &mut Frame<'_>, area: Rect) {
    let cfg = app.desk.config();
    let today = app.desk.clock().today();
    let screen = if app.session.is_some() { app.tr.t(app.screen.label()) } else { app.tr.t("screen-login") };
    let user = app
        .session
        .as_ref()
        .map_or_else(String::new, |a| format!("{} ({})", a.full_name, app.tr.t(&format!("role-{}", a.role.as_str()))));
    let mark = if app.refreshed { format!(" ↻ {}", app.tr.t("msg-refreshed")) } else { String::new() };
    let right = format!("{user}  {}{mark} ", format_date(today));
    let left = format!(" {} · {} · {screen}", cfg.designation, cfg.office_name);
    let width = usize::from(area.width);
    let right_w = right.width().min(width);
    let text = format!("{}{}", fit(&left, width - right_w), cut(&right, right_w));
    f.render_widget(Paragraph::new(text).style(app.theme.header()), area);
}

fn draw_nav(app: &App, f: &mut Frame<'_>, area: Rect) {
    let mut spans = Vec::new();
    for (i, id) in ScreenId::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, app.tr.t(id.label()));
        if *id == app.screen {
            spans.push(Span::styled(format!("▸{}", label.trim_start()), app.theme.nav_active()));
        } else {
            spans.push(Span::raw(label));
        }
        spans.push(Span::raw(" "));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_message(app: &App, f: &mut Frame<'_>, area: Rect) {
    let Some(m) = &app.message else { return };
    let (style, mark) = match m.kind {
        MessageKind::Info => (Style::new(), "ℹ"),
        MessageKind::Success => (app.theme.success(), "✔"),
        MessageKind::Error => (app.theme.error(), "✖"),
    };
    let text = cut(&format!(" {mark} {}", m.text.replace('\n', " · ")), usize::from(area.width));
    f.render_widget(Paragraph::new(text).style(style), area);
}

fn draw_footer(app: &App, f: &mut Frame<'_>, area: Rect) {
    let mut spans = Vec::new();
    let mut used = 0usize;
    let width = usize::from(area.width);
    for k in keymap::footer(&app.scopes(), app.typing()) {
        let key = keymap::key_name(k);
        let label = app.tr.t(&format!("{}-short", k.label));
        let w = key.width() + label.width() + 2;
        if used + w > width {
            break;
        }
        spans.push(Span::styled(key, app.theme.key()));
        spans.push(Span::raw(format!(" {label} ")));
        used += w;
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_help(app: &App, f: &mut Frame<'_>, body: Rect) {
    let rows = keymap::help_rows(&app.scopes());
    // Two columns when one does not fit the height, so no key is left out at 80×24.
    let two = rows.len() + 2 > usize::from(body.height) && body.width >= 70;
    let per_col = if two { rows.len().div_ceil(2) } else { rows.len() };
    let w = if two { body.width.min(100) } else { body.width.min(64) };
    let h = body.height.min(u16::try_from(per_col + 2).unwrap_or(u16::MAX));
    let area = Rect { x: body.x + (body.width - w) / 2, y: body.y + (body.height - h) / 2, width: w, height: h };
    f.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(format!(
        " {} ({}) ",
        app.tr.t("help-title"),
        keymap::action_key(Action::Back)
    ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let cols: Vec<Rect> = if two {
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).split(inner).to_vec()
    } else {
        vec![inner]
    };
    for (col, chunk) in cols.iter().zip(rows.chunks(per_col.max(1))) {
        let table = Table::new(
            chunk.iter().map(|(k, l)| Row::new([k.clone(), app.tr.t(l)])),
            [Constraint::Length(if two { 11 } else { 18 }), Constraint::Fill(1)],
        );
        f.render_widget(table, *col);
    }
}
