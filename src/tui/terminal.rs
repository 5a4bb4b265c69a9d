//! The only file that touches the real terminal.

use super::action::Action;
use super::app::App;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::time::{Duration, Instant};

/// How often the UI looks for other clerks' commits.
const TICK: Duration = Duration::from_millis(500);

/// The event loop. `ratatui::init` puts the terminal in raw mode on the alternate screen and
/// installs a panic hook that restores it; `ratatui::restore` undoes it on the way out.
///
/// # Errors
/// The terminal could not be set up, read or drawn on.
pub fn run(app: &mut App) -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, app);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    let mut last_tick = Instant::now();
    while !app.quit {
        terminal.draw(|f| super::view::draw(app, f))?;
        let timeout = TICK.saturating_sub(last_tick.elapsed());
        if event::poll(timeout)? {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    if let Some(action) = app.resolve(&key) {
                        app.update(action);
                    }
                }
                // A resize or anything else: the next loop redraws at the new size.
                _ => {}
            }
        }
        if last_tick.elapsed() >= TICK {
            app.update(Action::Tick);
            last_tick = Instant::now();
        }
    }
    Ok(())
}
