//! Small shared pieces of the screens: cut text, a labelled field, a selectable list.

pub mod calendar;
pub mod form;
pub mod picker;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `s` to `width` terminal columns with `…`; wide characters (Ukrainian is narrow, but CJK
/// and emoji in a citizen's note are not) never break the columns.
#[must_use]
pub fn cut(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pads or cuts to exactly `width` columns.
#[must_use]
pub fn fit(s: &str, width: usize) -> String {
    let c = cut(s, width);
    let pad = width.saturating_sub(c.width());
    format!("{c}{}", " ".repeat(pad))
}

/// A one-line text field: `Label: [value]`, with the cursor placed when focused. The focus shows
/// as a `▶` marker too, which survives `NO_COLOR`.
pub fn text_field(
    f: &mut Frame<'_>,
    area: Rect,
    theme: Theme,
    label: &str,
    input: &tui_input::Input,
    focused: bool,
    masked: bool,
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let marker = if focused { "▶ " } else { "  " };
    let prefix = format!("{marker}{label}: ");
    let prefix_w = u16::try_from(prefix.width()).unwrap_or(u16::MAX);
    let field_w = usize::from(area.width.saturating_sub(prefix_w));
    let scroll = input.visual_scroll(field_w.saturating_sub(1));
    let shown: String = if masked { "•".repeat(input.value().chars().count()) } else { input.value().to_owned() };
    let visible: String = shown.chars().skip(scroll).collect();
    let style = if focused { theme.focused() } else { Style::new() };
    let line = Line::from(vec![Span::styled(prefix, style), Span::raw(cut(&visible, field_w))]);
    f.render_widget(Paragraph::new(line), area);
    if focused {
        let cursor = u16::try_from(input.visual_cursor().saturating_sub(scroll)).unwrap_or(0);
        let x = area.x.saturating_add(prefix_w).saturating_add(cursor);
        if x < area.right() {
            f.set_cursor_position((x, area.y));
        }
    }
}

/// A list of lines with the selected one highlighted and marked `▶`.
pub fn select_list(f: &mut Frame<'_>, area: Rect, theme: Theme, lines: Vec<Line<'static>>, selected: usize) {
    let items: Vec<ListItem<'_>> = lines.into_iter().map(ListItem::new).collect();
    let mut state = ListState::default().with_selected((!items.is_empty()).then_some(selected));
    let list = List::new(items).highlight_style(theme.selected()).highlight_symbol("▶ ");
    f.render_stateful_widget(list, area, &mut state);
}

/// The same list without a selection (the focus is elsewhere), the lines where [`select_list`]
/// puts them.
pub fn plain_list(f: &mut Frame<'_>, area: Rect, lines: Vec<Line<'static>>) {
    let lines: Vec<Line<'static>> = lines
        .into_iter()
        .map(|mut l| {
            l.spans.insert(0, Span::raw("  "));
            l
        })
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_columns_with_an_ellipsis() {
        assert_eq!(cut("Nováková", 20), "Nováková");
        assert_eq!(cut("Vydání občanského průkazu", 10), "Vydání ob…");
        assert_eq!(cut("Шевченко Тарас", 8), "Шевченк…");
        assert_eq!(cut("日本語テキスト", 5), "日本…");
        assert_eq!(cut("abc", 0), "");
        assert_eq!(fit("ab", 4), "ab  ");
    }
}
