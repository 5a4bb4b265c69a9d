//! The login: username and password. A demo store names its accounts here.
//!
//! ```text
//! ┌ Přihlášení ───────────────┐
//! │ ▶ Uživatel: [prepazka    ] │
//! │   Heslo:    [••••••••    ] │
//! └────────────────────────────┘
//!   demo accounts …
//! ```

use super::{ScreenId, edit};
use crate::desk::{DEMO_ACCOUNTS, DEMO_PASSWORD};
use crate::tui::action::Action;
use crate::tui::context::{Ctx, MessageKind};
use crate::tui::outcome::Outcome;
use crate::tui::widgets::text_field;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use tui_input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Field {
    #[default]
    Username,
    Password,
}

#[derive(Debug, Default)]
pub struct State {
    pub username: Input,
    pub password: Input,
    pub focus: Field,
}

pub fn update(ctx: &mut Ctx, s: &mut State, action: Action) -> Outcome {
    match action {
        Action::NextField | Action::PrevField => {
            s.focus = if s.focus == Field::Username { Field::Password } else { Field::Username };
        }
        Action::Back => {
            *s = State::default();
        }
        Action::Open if s.focus == Field::Username => s.focus = Field::Password,
        Action::Open => return submit(ctx, s),
        other => {
            let field = if s.focus == Field::Username { &mut s.username } else { &mut s.password };
            edit(field, other);
        }
    }
    Outcome::None
}

/// Logs in; the welcome stays unless the dashboard fails to load.
fn submit(ctx: &mut Ctx, st: &mut State) -> Outcome {
    let username = st.username.value().trim().to_owned();
    let password = st.password.value().to_owned();
    match ctx.desk.login(&username, &password) {
        Ok(actor) => {
            ctx.session = Some(actor);
            *st = State::default();
            ctx.info(MessageKind::Success, "msg-welcome");
            Outcome::Show(ScreenId::Dashboard)
        }
        Err(e) => {
            st.password = Input::default();
            ctx.set_error(&e);
            Outcome::None
        }
    }
}

pub fn view(ctx: &Ctx, s: &State, f: &mut Frame<'_>, area: Rect) {
    let [_, form, hint] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(4), Constraint::Fill(1)]).areas(area);
    let [_, form, _] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(44), Constraint::Fill(1)]).areas(form);
    let block = Block::new().borders(Borders::ALL).title(format!(" {} ", ctx.tr.t("login-title")));
    let inner = block.inner(form);
    f.render_widget(block, form);
    let [user, pass] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    text_field(f, user, ctx.theme, &ctx.tr.t("login-username"), &s.username, s.focus == Field::Username, false);
    text_field(f, pass, ctx.theme, &ctx.tr.t("login-password"), &s.password, s.focus == Field::Password, true);
    if ctx.no_accounts {
        let [_, hint] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(60.min(hint.width))]).areas(hint);
        let text = Paragraph::new(ctx.tr.t("login-no-accounts")).wrap(ratatui::widgets::Wrap { trim: true });
        f.render_widget(text.style(ctx.theme.dim()), hint);
    } else if ctx.is_demo {
        let mut lines = vec![Line::from(ctx.tr.ta("login-demo", &[("password", DEMO_PASSWORD.into())]))];
        for (name, full, role, _) in DEMO_ACCOUNTS {
            lines.push(Line::from(format!("  {name:<10} {full}, {}", ctx.tr.t(&format!("role-{}", role.as_str())))));
        }
        let [_, hint] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(60.min(hint.width))]).areas(hint);
        f.render_widget(Paragraph::new(lines).style(ctx.theme.dim()), hint);
    }
}
