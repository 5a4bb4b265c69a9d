//! The hotline: identify a caller by the number they call from (E.164, +420 by default).
//! Every lookup is audited. (Verification, call logging and review build on this screen.)
//!
//! ```text
//! ▶ Telefon volajícího: [603 123 456]
//! +420 603 123 456: 2 záznamy
//! ▶ Nováková Jana, nar. 3. 5. 1980, 805503/****, Masarykova 12, Lipnice …
//! ```

use super::{Cursor, edit};
use crate::desk::CitizenRow;
use crate::domain::birth_number::BirthNumber;
use crate::domain::dates::format_date;
use crate::domain::phone;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::widgets::{cut, select_list, text_field};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use tui_input::Input;

#[derive(Debug, Default)]
pub struct State {
    pub phone: Input,
    /// The normalised number and who has it, after Enter.
    pub found: Option<(String, Vec<CitizenRow>)>,
    pub cursor: Cursor,
}

pub fn update(ctx: &mut Ctx, st: &mut State, action: Action) {
    let len = st.found.as_ref().map_or(0, |f| f.1.len());
    if st.cursor.apply(action, len) {
        return;
    }
    match action {
        Action::Open => {
            let Some(actor) = ctx.session.clone() else { return };
            let raw = st.phone.value().to_owned();
            match ctx.desk.find_callers(&actor, &raw) {
                Ok(found) => {
                    st.found = Some(found);
                    st.cursor = Cursor::default();
                }
                Err(e) => {
                    st.found = None;
                    ctx.set_error(&e);
                }
            }
        }
        Action::Back => *st = State::default(),
        other => {
            edit(&mut st.phone, other);
        }
    }
}

/// A birth number as a clerk may see it: masked.
fn masked(digits: Option<&str>) -> String {
    digits.and_then(|d| BirthNumber::parse(d).ok()).map_or_else(|| "—".to_owned(), |b| b.masked())
}

pub fn view(ctx: &Ctx, s: &State, f: &mut Frame<'_>, area: Rect) {
    let [field, summary, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    text_field(f, field, ctx.theme, &ctx.tr.t("hotline-phone"), &s.phone, true, false);
    let block = Block::new().borders(Borders::ALL);
    let inner = block.inner(list);
    f.render_widget(block, list);
    let Some((e164, rows)) = &s.found else {
        f.render_widget(Paragraph::new(ctx.tr.t("hotline-hint")).style(ctx.theme.dim()), inner);
        return;
    };
    let head = format!("{}: {}", phone::display(e164), ctx.tr.ta("records-count", &[("count", rows.len().into())]));
    f.render_widget(Paragraph::new(head).style(ctx.theme.title()), summary);
    if rows.is_empty() {
        f.render_widget(Paragraph::new(ctx.tr.t("hotline-unknown")).style(ctx.theme.dim()), inner);
        return;
    }
    let w = usize::from(inner.width.saturating_sub(2));
    let lines = rows
        .iter()
        .map(|c| {
            let born = chrono::NaiveDate::parse_from_str(&c.birth_date, "%Y-%m-%d")
                .map_or_else(|_| c.birth_date.clone(), format_date);
            Line::raw(cut(
                &format!(
                    "{} {}, {} {born}, {}, {}, {}",
                    c.family_name,
                    c.given_name,
                    ctx.tr.t("born"),
                    masked(c.birth_number.as_deref()),
                    c.street,
                    c.city
                ),
                w,
            ))
        })
        .collect();
    select_list(f, inner, ctx.theme, lines, s.cursor.selected);
}
