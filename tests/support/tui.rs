//! The workstation driven through actions on its state and drawn on ratatui's `TestBackend`: one
//! harness for the TUI tests (a demo store at a fixed time, login, typing, the screen as text).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    dead_code,
    reason = "a test stops at the first thing it did not expect; each test binary uses a part of the helpers"
)]

use chrono::{DateTime, Utc};
use clerkdesk::config::Config;
use clerkdesk::desk::{Actor, DemoParams, Desk};
use clerkdesk::domain::clock::FixedClock;
use clerkdesk::store::Store;
use clerkdesk::tui::action::Action;
use clerkdesk::tui::app::App;
use clerkdesk::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A demo store of `cases` cases at `dir/t.db` (built-in names, so snapshots do not depend on the
/// corpus), made as of `now`.
pub fn demo_store(dir: &Path, now: DateTime<Utc>, config: &Config, cases: u32) -> PathBuf {
    let path = dir.join("t.db");
    let mut desk = Desk::new(Store::open(&path, true).unwrap(), Arc::new(FixedClock(now)), config.clone());
    desk.init(&Actor::root()).unwrap();
    desk.generate_demo(&Actor::root(), &DemoParams { citizens: 40, cases, seed: 7 }, None).unwrap();
    path
}

/// The workstation on the store at `path`, its clock stopped at `now`.
pub fn app_at(path: &Path, now: DateTime<Utc>, config: Config, color: bool) -> App {
    App::new(Desk::new(Store::open(path, false).unwrap(), Arc::new(FixedClock(now)), config), Theme { color })
}

pub fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Char(c));
    }
}

/// Logs in as a demo account (password `demo1234`), as a clerk types it.
pub fn login(app: &mut App, user: &str) {
    type_text(app, user);
    app.update(Action::NextField);
    type_text(app, "demo1234");
    app.update(Action::Open);
    assert!(app.session.is_some(), "login as {user} failed: {:?}", app.message);
}

/// The frame drawn at `w`×`h`.
pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| clerkdesk::tui::view::draw(app, f)).unwrap();
    t
}

/// What a terminal shows, line by line, trailing blanks trimmed.
pub fn shown(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>().trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The frame drawn at `w`×`h`, as text.
pub fn frame_text(app: &App, w: u16, h: u16) -> String {
    shown(&draw(app, w, h))
}
