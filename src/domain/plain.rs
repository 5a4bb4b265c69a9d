//! Plain text that cannot be turned against its reader: what names, subjects, form fields and
//! notes may hold (checked on the way in, by the TUI, the CLI and every import alike), and how
//! text that slipped in before the rule is shown on the way out (a terminal, a receipt, the
//! printer, a CSV cell a spreadsheet opens).
//!
//! Refused on the way in:
//! - every control character (Unicode `Cc`: C0, DEL, C1), except a newline and a tab in a note
//!   (and a newline in a form's text field); an ESC starts a terminal escape sequence (set the
//!   window title, clear the screen, remap keys on some terminals), a CR overwrites the line
//!   already printed, and the C1 codes are escape sequences of their own on 8-bit terminals;
//! - the explicit bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069): an
//!   unmatched override reverses the text after it, so a name or a reference number on a
//!   receipt or a screen would read differently from what is stored (the "Trojan Source" trick).
//!   Right-to-left names need none of them: the implicit marks U+200E and U+200F stay allowed;
//! - the line and paragraph separators U+2028 and U+2029 inside a one-line value (a name, a
//!   subject), where they would break the line as a newline does.
//!
//! Leading and trailing whitespace (Unicode `White_Space`, which takes in NBSP, U+0085 and
//! U+2029) is trimmed; a note keeps its inner whitespace exactly, a Windows line end (CR LF, as a
//! browser sends a text area) included. A form's text field makes CR LF a newline.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A character a value may not hold, and where it stands (from 1, in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("contains the {} U+{:04X} at character {at}; it is not allowed here", kind(*.ch), u32::from(*.ch))]
pub struct Refused {
    pub ch: char,
    pub at: usize,
}

fn kind(c: char) -> &'static str {
    if c.is_control() {
        "control character"
    } else if is_bidi_control(c) {
        "text-direction control"
    } else {
        "line separator"
    }
}

/// The explicit bidirectional embeddings, overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` may not appear in text shown to a reader as it is.
fn is_dangerous(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The first character of `s` that is dangerous and not `allowed`; with `'\n'` allowed, a CR
/// right before it (a Windows line end) is allowed too.
fn first_refused(s: &str, allowed: &[char]) -> Result<(), Refused> {
    let crlf = allowed.contains(&'\n');
    let mut chars = s.chars().enumerate().peekable();
    while let Some((i, ch)) = chars.next() {
        let line_end = crlf && ch == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n');
        if is_dangerous(ch) && !allowed.contains(&ch) && !line_end {
            return Err(Refused { ch, at: i + 1 });
        }
    }
    Ok(())
}

/// A one-line value (a name, a subject, an address line, a reason): trimmed, without any
/// control character, direction control or line separator.
///
/// # Errors
/// The first character refused.
pub fn line(raw: &str) -> Result<&str, Refused> {
    let s = raw.trim();
    first_refused(s, &[])?;
    Ok(s)
}

/// A note: trimmed, its inner whitespace kept exactly (newlines, Windows line ends, tabs, runs
/// of spaces); nothing else that [`line`] refuses is allowed (a lone CR included).
///
/// # Errors
/// The first character refused.
pub fn note(raw: &str) -> Result<&str, Refused> {
    let s = raw.trim();
    first_refused(s, &['\n', '\t'])?;
    Ok(s)
}

/// A form's text field: trimmed, CR LF made a newline (pasted text brings them), newlines kept, a
/// tab refused (the form's rule since it was written), and everything [`line`] refuses.
///
/// # Errors
/// The first character refused.
pub fn form_text(raw: &str) -> Result<Cow<'_, str>, Refused> {
    let s = raw.trim();
    let s = if s.contains("\r\n") { Cow::Owned(s.replace("\r\n", "\n")) } else { Cow::Borrowed(s) };
    first_refused(&s, &['\n'])?;
    Ok(s)
}

/// Text for a terminal or a printer, newlines and tabs kept: every other dangerous character
/// shown as a visible escape (ESC as `\e`, CR as `\r`, another C0 character as `\xNN`, DEL, C1,
/// direction controls and line separators as `\uNNNN`, which inside a JSON string is the JSON
/// escape of the same character, so escaping JSON output keeps it valid and equal).
#[must_use]
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_keeping(s, &['\n', '\t'])
}

/// As [`escape`], for one line or one cell: newlines and tabs escaped too (`\n`, `\t`).
#[must_use]
pub fn escape_line(s: &str) -> Cow<'_, str> {
    escape_keeping(s, &[])
}

fn escape_keeping<'a>(s: &'a str, keep: &[char]) -> Cow<'a, str> {
    if first_refused(s, keep).is_ok() {
        return Cow::Borrowed(s);
    }
    let crlf = keep.contains(&'\n');
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let line_end = crlf && c == '\r' && chars.peek() == Some(&'\n');
        if !is_dangerous(c) || keep.contains(&c) || line_end {
            out.push(c);
            continue;
        }
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // Writing into a String cannot fail.
            c if u32::from(c) < 0x20 => drop(write!(out, "\\x{:02x}", u32::from(c))),
            c => drop(write!(out, "\\u{:04x}", u32::from(c))),
        }
    }
    Cow::Owned(out)
}

/// A text cell of a CSV file a spreadsheet may open: a cell starting with `=`, `+`, `-`, `@`, a
/// tab or a CR is a formula to Excel and `LibreOffice`, so it gets a leading `'` (OWASP's advice on
/// CSV injection). A reader takes the `'` off with [`csv_cell_read`].
#[must_use]
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) || (s.starts_with('\'') && starts_formula(&s[1..])) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// What [`csv_cell`] wrote, read back: one leading `'` before a formula character (or before a
/// `'` that [`csv_cell`] doubled) is taken off, so our own files read back unchanged.
#[must_use]
pub fn csv_cell_read(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) || (rest.starts_with('\'') && starts_formula(&rest[1..])) => rest,
        _ => s,
    }
}

fn starts_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("Eva\u{1b}]0;PWNED\u{7}\u{1b}[2J", '\u{1b}', 4)]
    #[case("Eva\rMallory", '\r', 4)]
    #[case("Eva\nNovák", '\n', 4)]
    #[case("Eva\tNovák", '\t', 4)]
    #[case("Ev\u{9b}a", '\u{9b}', 3)]
    #[case("Ev\u{7f}a", '\u{7f}', 3)]
    #[case("\u{202e}kávoN", '\u{202e}', 1)]
    #[case("a\u{2066}b", '\u{2066}', 2)]
    #[case("a\u{2028}b", '\u{2028}', 2)]
    fn a_line_refuses(#[case] raw: &str, #[case] ch: char, #[case] at: usize) {
        assert_eq!(line(raw), Err(Refused { ch, at }));
    }

    #[test]
    fn a_line_is_trimmed_of_unicode_whitespace_and_keeps_letters() {
        assert_eq!(line("\u{a0} Jana\u{2029}\u{85}"), Ok("Jana"));
        assert_eq!(line("Šťastná-Nováková O'Brien"), Ok("Šťastná-Nováková O'Brien"));
        assert_eq!(
            line("\u{5e9}\u{5dc}\u{5d5}\u{5dd}\u{200f}"),
            Ok("\u{5e9}\u{5dc}\u{5d5}\u{5dd}\u{200f}"),
            "RTL mark"
        );
    }

    #[test]
    fn a_note_keeps_its_inner_whitespace_exactly() {
        let raw = "\u{a0}\n  first line\n\n\tindented  two  spaces\u{a0}inside\r\n last \u{2029}";
        assert_eq!(note(raw), Ok("first line\n\n\tindented  two  spaces\u{a0}inside\r\n last"));
        assert_eq!(note("a\r\nb\r\n"), Ok("a\r\nb"));
        assert_eq!(note("a\rb"), Err(Refused { ch: '\r', at: 2 }));
        assert_eq!(note("a\n\u{1b}[2J"), Err(Refused { ch: '\u{1b}', at: 3 }));
        assert_eq!(note("a\u{2028}b"), Err(Refused { ch: '\u{2028}', at: 2 }));
    }

    #[test]
    fn escaping_shows_every_dangerous_character_and_nothing_else() {
        assert_eq!(escape("Eva\u{1b}]0;PWNED\u{7}\u{1b}[2J"), "Eva\\e]0;PWNED\\x07\\e[2J");
        assert_eq!(escape("a\r\u{9b}\u{202e}\u{7f}"), "a\\r\\u009b\\u202e\\u007f");
        assert_eq!(escape("line\r\n\tnext"), "line\r\n\tnext");
        assert_eq!(escape("over\rwritten\r"), "over\\rwritten\\r");
        assert_eq!(escape_line("line\n\tnext"), "line\\n\\tnext");
        assert!(matches!(escape("Příliš žluťoučký kůň"), Cow::Borrowed(_)));
    }

    #[test]
    fn escaped_json_stays_the_same_json() {
        let v = serde_json::json!({"name": "a\u{9b}b\u{202e}c\u{7f}\u{1b}"});
        let text = serde_json::to_string(&v).unwrap_or_default();
        let escaped = escape(&text);
        assert!(!escaped.chars().any(is_dangerous));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap_or_default();
        assert_eq!(back, v);
    }

    #[rstest]
    #[case("=1+1", "'=1+1")]
    #[case("+420 777", "'+420 777")]
    #[case("-5", "'-5")]
    #[case("@SUM(A1)", "'@SUM(A1)")]
    #[case("\tx", "'\tx")]
    #[case("\rx", "'\rx")]
    #[case("'=x", "''=x")]
    #[case("Novák", "Novák")]
    #[case("'quoted'", "'quoted'")]
    #[case("", "")]
    fn csv_cells_are_neutralised_and_read_back(#[case] cell: &str, #[case] written: &str) {
        assert_eq!(csv_cell(cell), written);
        assert_eq!(csv_cell_read(written), cell);
    }
}
