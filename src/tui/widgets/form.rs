//! A form of typed fields with the focus on one: the intake form and the action dialogs use it.
//! The rules themselves live in the domain (`domain::form`, birth numbers, phones); a field here
//! only holds the text, shows its error beside it, and knows its kind.

use super::cut;
use crate::tui::action::Action;
use crate::tui::screens::edit;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A choice: ←/→ cycle through (value, label).
    Choice(Vec<(String, String)>),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub key: String,
    pub label: String,
    pub kind: Kind,
    pub required: bool,
    pub input: Input,
    /// The chosen option of a choice.
    pub choice: usize,
    pub error: Option<String>,
    /// Shown as dots (passwords).
    pub masked: bool,
}

impl Field {
    #[must_use]
    pub fn text(key: &str, label: String, required: bool) -> Field {
        Field {
            key: key.to_owned(),
            label,
            kind: Kind::Text,
            required,
            input: Input::default(),
            choice: 0,
            error: None,
            masked: false,
        }
    }

    #[must_use]
    pub fn choice(key: &str, label: String, options: Vec<(String, String)>) -> Field {
        Field { kind: Kind::Choice(options), ..Field::text(key, label, true) }
    }

    /// The value as the domain receives it: the text, or the chosen option's value.
    #[must_use]
    pub fn value(&self) -> String {
        match &self.kind {
            Kind::Text => self.input.value().trim().to_owned(),
            Kind::Choice(options) => options.get(self.choice).map(|o| o.0.clone()).unwrap_or_default(),
        }
    }

    #[must_use]
    pub fn with_value(mut self, v: &str) -> Field {
        match &self.kind {
            Kind::Text => self.input = Input::new(v.to_owned()),
            Kind::Choice(options) => self.choice = options.iter().position(|o| o.0 == v).unwrap_or(0),
        }
        self
    }

    /// Applies a typing action; says whether it was one.
    pub fn handle(&mut self, action: Action) -> bool {
        if let Kind::Choice(options) = &self.kind {
            let n = options.len().max(1);
            match action {
                Action::Right | Action::Char(' ') => self.choice = (self.choice + 1) % n,
                Action::Left => self.choice = (self.choice + n - 1) % n,
                _ => return false,
            }
            self.error = None;
            return true;
        }
        let edited = edit(&mut self.input, action);
        if edited {
            self.error = None;
        }
        edited
    }
}

/// Fields with one focused. Tab and Shift-Tab move; the caller validates as the focus leaves.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
}

impl Form {
    #[must_use]
    pub fn new(fields: Vec<Field>) -> Form {
        Form { fields, focus: 0 }
    }

    #[must_use]
    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub fn focused_mut(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    pub fn next(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    pub fn prev(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    #[must_use]
    pub fn value(&self, key: &str) -> String {
        self.get(key).map(Field::value).unwrap_or_default()
    }

    /// Puts an error beside a field (by key), and the focus on the first wrong field.
    pub fn set_errors(&mut self, errors: &[(String, String)]) {
        for f in &mut self.fields {
            f.error = errors.iter().find(|(k, _)| *k == f.key).map(|(_, m)| m.clone());
        }
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }

    /// Marks required fields left empty; says whether all are filled.
    pub fn check_required(&mut self, message: &str) -> bool {
        let missing: Vec<(String, String)> = self
            .fields
            .iter()
            .filter(|f| f.required && f.value().is_empty())
            .map(|f| (f.key.clone(), message.to_owned()))
            .collect();
        if missing.is_empty() {
            return true;
        }
        self.set_errors(&missing);
        false
    }
}

/// Draws the form one field a line: `▶ Label*: value   ✖ error`. Required fields carry `*` before
/// they are wrong; the focused one the `▶` marker and the cursor.
pub fn draw(f: &mut Frame<'_>, area: Rect, theme: Theme, form: &Form, active: bool) {
    let label_w = form.fields.iter().map(|x| x.label.width() + 1).max().unwrap_or(0).min(28);
    for (i, field) in form.fields.iter().enumerate() {
        let Ok(dy) = u16::try_from(i) else { break };
        if dy >= area.height {
            break;
        }
        let row = Rect { x: area.x, y: area.y + dy, width: area.width, height: 1 };
        let focused = active && i == form.focus;
        let marker = if focused { "▶ " } else { "  " };
        let star = if field.required { "*" } else { " " };
        let label = format!("{marker}{:<label_w$}{star} ", cut(&field.label, label_w));
        let value = match &field.kind {
            Kind::Text if field.masked => "•".repeat(field.input.value().chars().count()),
            Kind::Text => field.input.value().to_owned(),
            Kind::Choice(options) => {
                let shown = options.get(field.choice).map_or("", |o| o.1.as_str());
                format!("‹ {shown} ›")
            }
        };
        let style = if focused { theme.focused() } else { Style::new() };
        let room = usize::from(area.width).saturating_sub(label.width());
        let mut spans = vec![Span::styled(label.clone(), style), Span::raw(cut(&value, room))];
        if let Some(e) = &field.error {
            let used = label.width() + value.width().min(room);
            let left = usize::from(area.width).saturating_sub(used + 3);
            spans.push(Span::styled(format!("  ✖ {}", cut(e, left)), theme.overdue()));
        }
        f.render_widget(Paragraph::new(Line::from(spans)), row);
        if focused && field.kind == Kind::Text && !field.masked {
            let x = row.x.saturating_add(u16::try_from(label.width() + field.input.visual_cursor()).unwrap_or(0));
            if x < row.right() {
                f.set_cursor_position((x, row.y));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_fields_left_empty_get_the_focus_and_a_message() {
        let mut form = Form::new(vec![
            Field::text("a", "A".into(), false),
            Field::text("b", "B".into(), true),
            Field::choice("c", "C".into(), vec![("x".into(), "X".into()), ("y".into(), "Y".into())]),
        ]);
        assert!(!form.check_required("povinné"));
        assert_eq!(form.focus, 1);
        assert_eq!(form.fields[1].error.as_deref(), Some("povinné"));
        form.focused_mut().map(|f| f.handle(Action::Char('1')));
        assert!(form.fields[1].error.is_none(), "typing clears the error");
        assert!(form.check_required("povinné"));
        form.focus = 2;
        form.focused_mut().map(|f| f.handle(Action::Right));
        assert_eq!(form.value("c"), "y");
        form.focused_mut().map(|f| f.handle(Action::Right));
        assert_eq!(form.value("c"), "x", "choices wrap around");
    }
}
