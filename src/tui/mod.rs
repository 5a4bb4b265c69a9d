//! The terminal workstation: ratatui over crossterm.
//!
//! A key press flows: `terminal` reads it → `keymap` resolves it to an [`action::Action`] for the
//! current screen and mode → [`app::App::update`] handles global actions and hands the rest to the
//! screen, whose update returns an [`outcome::Outcome`] that `App` carries out → `view` draws the
//! state. Docs: docs/architecture.md.

pub mod action;
pub mod app;
pub mod context;
pub mod keymap;
pub mod outcome;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod widgets;

use crate::desk::Desk;

/// Runs the workstation until the clerk quits. The terminal is restored on every exit, a panic
/// included.
///
/// # Errors
/// The terminal could not be set up or read.
pub fn run(desk: Desk) -> std::io::Result<()> {
    let mut app = app::App::new(desk, theme::Theme::from_env());
    terminal::run(&mut app)
}
