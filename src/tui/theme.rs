//! Colours that mean something, and a monochrome set for `NO_COLOR`. Meaning never rests on colour
//! alone: every coloured state also has a word or a symbol.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    #[must_use]
    pub fn from_env() -> Theme {
        Theme { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }

    fn pick(self, colored: Style, mono: Style) -> Style {
        if self.color { colored } else { mono }
    }

    #[must_use]
    pub fn header(self) -> Style {
        self.pick(
            Style::new().fg(Color::White).bg(Color::Blue).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }
    #[must_use]
    pub fn nav_active(self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }
    #[must_use]
    pub fn selected(self) -> Style {
        self.pick(Style::new().fg(Color::Black).bg(Color::Cyan), Style::new().add_modifier(Modifier::REVERSED))
    }
    #[must_use]
    pub fn key(self) -> Style {
        self.pick(Style::new().fg(Color::Black).bg(Color::Cyan), Style::new().add_modifier(Modifier::REVERSED))
    }
    #[must_use]
    pub fn focused(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }
    #[must_use]
    pub fn dim(self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }
    #[must_use]
    pub fn error(self) -> Style {
        self.pick(
            Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }
    #[must_use]
    pub fn success(self) -> Style {
        self.pick(Style::new().fg(Color::Black).bg(Color::Green), Style::new().add_modifier(Modifier::BOLD))
    }
    #[must_use]
    pub fn overdue(self) -> Style {
        self.pick(Style::new().fg(Color::Red).add_modifier(Modifier::BOLD), Style::new().add_modifier(Modifier::BOLD))
    }
    #[must_use]
    pub fn due_soon(self) -> Style {
        self.pick(Style::new().fg(Color::Yellow), Style::new())
    }
    #[must_use]
    pub fn on_time(self) -> Style {
        self.pick(Style::new().fg(Color::Green), Style::new())
    }
    /// A public holiday in the calendar.
    #[must_use]
    pub fn holiday(self) -> Style {
        self.pick(Style::new().fg(Color::Magenta), Style::new())
    }
    /// A citizen who has come (checked in) and waits to be served.
    #[must_use]
    pub fn present(self) -> Style {
        self.pick(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD), Style::new().add_modifier(Modifier::BOLD))
    }
    #[must_use]
    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}
