//! The workstation's state and the global actions; screen actions go to the screen's update.

use super::action::{Action, ScreenId};
pub use super::context::{Ctx, Message, MessageKind};
use super::keymap;
use super::outcome::Outcome;
use super::screens::{appointments, cases, dashboard, directory, hotline, intake, login, watchdog};
use super::theme::Theme;
use crate::desk::Desk;

/// The workstation: the shared context, the screen shown and every screen's state. The only
/// place that knows all screens: it hands each key to one and carries out its [`Outcome`].
pub struct App {
    /// The desk, the language, the session and the message line (also reached as `app.desk` …).
    pub ctx: Ctx,
    pub screen: ScreenId,
    pub help: bool,
    /// Another clerk's commit was just loaded (the header shows a mark until the next key).
    pub refreshed: bool,
    pub quit: bool,
    pub login: login::State,
    pub intake: intake::State,
    pub cases: cases::State,
    pub watchdog: watchdog::State,
    pub appointments: appointments::State,
    pub hotline: hotline::State,
    pub directory: directory::State,
    pub dashboard: dashboard::State,
    data_version: i64,
    /// Ticks since the last key: after two (a second), the store is checkpointed.
    idle_ticks: u32,
}

impl std::ops::Deref for App {
    type Target = Ctx;
    fn deref(&self) -> &Ctx {
        &self.ctx
    }
}

impl std::ops::DerefMut for App {
    fn deref_mut(&mut self) -> &mut Ctx {
        &mut self.ctx
    }
}

impl App {
    #[must_use]
    pub fn new(desk: Desk, theme: Theme) -> App {
        let mut ctx = Ctx::new(desk, theme);
        ctx.tr.set_keys(keymap::message_keys());
        let data_version = ctx.desk.data_version().unwrap_or(0);
        App {
            ctx,
            screen: ScreenId::Dashboard,
            help: false,
            refreshed: false,
            quit: false,
            login: login::State::default(),
            intake: intake::State::default(),
            cases: cases::State::default(),
            watchdog: watchdog::State::default(),
            appointments: appointments::State::default(),
            hotline: hotline::State::default(),
            directory: directory::State::default(),
            dashboard: dashboard::State::default(),
            data_version,
            idle_ticks: 0,
        }
    }

    /// Whether a text field has the focus (printable keys then belong to it).
    #[must_use]
    pub fn typing(&self) -> bool {
        if self.ctx.session.is_none() {
            return true;
        }
        match self.screen {
            ScreenId::Directory => self.directory.typing(),
            ScreenId::Intake => self.intake.typing(),
            ScreenId::Cases => self.cases.typing(),
            ScreenId::Appointments => self.appointments.typing(),
            ScreenId::Hotline => true,
            ScreenId::Watchdog | ScreenId::Dashboard => false,
        }
    }

    #[must_use]
    pub fn scopes(&self) -> Vec<keymap::Scope> {
        let mut v = keymap::scopes(self.ctx.session.is_some(), self.screen, self.typing());
        if self.ctx.session.is_some() && self.screen == ScreenId::Appointments {
            v.insert(0, keymap::Scope::Appt(self.appointments.view()));
        }
        v
    }

    /// Turns a key into an action in the current screen and mode.
    #[must_use]
    pub fn resolve(&self, ev: &ratatui::crossterm::event::KeyEvent) -> Option<Action> {
        keymap::resolve(&self.scopes(), self.typing(), ev)
    }

    /// The next language, for the screens and (audited) for the session.
    fn cycle_language(&mut self) {
        let lang = self.ctx.tr.lang().next();
        self.ctx.tr.set_lang(lang);
        // Catalogue names on screen come in the language too.
        if self.ctx.session.is_some() {
            self.reload();
        }
        if let Some(actor) = &self.ctx.session {
            if let Err(e) = self.ctx.desk.note_language(actor, lang) {
                self.ctx.set_error(&e);
            }
        }
    }

    /// Ends the session (audited) and forgets what it had on screen.
    fn logout(&mut self) {
        if let Some(actor) = self.ctx.session.take() {
            if let Err(e) = self.ctx.desk.logout(&actor) {
                self.ctx.set_error(&e);
            }
        }
        self.reset_screens();
        self.ctx.info(MessageKind::Info, "msg-logged-out");
    }

    /// Handles one action.
    pub fn update(&mut self, action: Action) {
        if action == Action::Tick {
            self.tick();
            return;
        }
        self.ctx.message = None;
        self.refreshed = false;
        self.idle_ticks = 0;
        if self.help {
            if matches!(action, Action::Help | Action::Back | Action::Open) {
                self.help = false;
                return;
            }
            if action != Action::Quit {
                return;
            }
        }
        match action {
            Action::Quit => {
                if let Some(actor) = self.ctx.session.take() {
                    let _ = self.ctx.desk.logout(&actor);
                }
                self.quit = true;
            }
            Action::Help => self.help = true,
            Action::CycleLanguage => self.cycle_language(),
            Action::Logout => self.logout(),
            Action::GoTo(id) if self.ctx.session.is_some() => self.show(id),
            Action::NextScreen if self.ctx.session.is_some() => self.show(self.screen.next()),
            // F2 opens a new filing from anywhere; on the intake itself, and where the appointment
            // screen asks who the visit is for, it means a new citizen.
            Action::New
                if self.ctx.session.is_some()
                    && self.screen != ScreenId::Intake
                    && !(self.screen == ScreenId::Appointments && self.appointments.claims_new()) =>
            {
                if self.intake.step == intake::Step::Done {
                    self.intake = intake::State::default();
                }
                self.show(ScreenId::Intake);
            }
            _ => {
                let outcome = self.screen_update(action);
                self.carry_out(outcome);
            }
        }
    }

    /// Hands an action to the screen shown (the login while nobody is logged in).
    fn screen_update(&mut self, action: Action) -> Outcome {
        let ctx = &mut self.ctx;
        if ctx.session.is_none() {
            return login::update(ctx, &mut self.login, action);
        }
        match self.screen {
            ScreenId::Intake => intake::update(ctx, &mut self.intake, action),
            ScreenId::Cases => cases::update(ctx, &mut self.cases, action),
            ScreenId::Watchdog => watchdog::update(&mut self.watchdog, action),
            ScreenId::Appointments => appointments::update(ctx, &mut self.appointments, action),
            ScreenId::Hotline => {
                hotline::update(ctx, &mut self.hotline, action);
                Outcome::None
            }
            ScreenId::Directory => {
                directory::update(&mut self.directory, action);
                Outcome::None
            }
            ScreenId::Dashboard => Outcome::None,
        }
    }

    /// Does what a screen's update asked for: what needs another screen's state or the App.
    fn carry_out(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::None => {}
            Outcome::Show(id) => self.show(id),
            Outcome::Then(action) => self.update(action),
            Outcome::ShowCases(query) => {
                cases::show_query(&mut self.cases, query);
                self.show(ScreenId::Cases);
            }
            Outcome::FileForBooking { code, service, citizen } => {
                intake::booking::start_for_booking(&mut self.ctx, &mut self.intake, &code, &service, citizen);
                self.show(ScreenId::Intake);
            }
        }
    }

    /// Forgets everything the last clerk had on screen: the next one at this workstation must not
    /// see their searches, filters, open case or half-typed filing.
    pub fn reset_screens(&mut self) {
        self.login = login::State::default();
        self.intake = intake::State::default();
        self.cases = cases::State::default();
        self.watchdog = watchdog::State::default();
        self.appointments = appointments::State::default();
        self.hotline = hotline::State::default();
        self.directory = directory::State::default();
        self.dashboard = dashboard::State::default();
        self.screen = ScreenId::Dashboard;
        self.help = false;
    }

    /// Switches to a screen and loads what it shows.
    pub fn show(&mut self, id: ScreenId) {
        self.screen = id;
        self.reload();
    }

    /// Reloads the current screen's data from the store.
    pub fn reload(&mut self) {
        let ctx = &mut self.ctx;
        let result = match self.screen {
            ScreenId::Cases => cases::load(ctx, &mut self.cases),
            ScreenId::Watchdog => watchdog::load(ctx, &mut self.watchdog),
            ScreenId::Appointments => appointments::load(ctx, &mut self.appointments),
            ScreenId::Intake | ScreenId::Hotline => Ok(()),
            ScreenId::Directory => directory::load(ctx, &mut self.directory),
            ScreenId::Dashboard => dashboard::load(ctx, &mut self.dashboard),
        };
        if let Err(e) = result {
            self.ctx.set_error(&e);
        }
    }

    /// On the UI tick: another clerk's commit changes `data_version`; reload only then.
    fn tick(&mut self) {
        self.idle_ticks = self.idle_ticks.saturating_add(1);
        // A second after the last key, and every ten seconds while idle: never during typing.
        if self.idle_ticks % 20 == 2 {
            if let Err(e) = self.ctx.desk.checkpoint_when_idle() {
                tracing::warn!(error = %e, "idle checkpoint");
            }
        }
        let Ok(v) = self.ctx.desk.data_version() else { return };
        if v != self.data_version {
            self.data_version = v;
            if self.ctx.session.is_some() {
                self.reload();
                self.refreshed = true;
            }
        }
    }
}
