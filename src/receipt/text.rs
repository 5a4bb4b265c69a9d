//! The receipt as plain text: labels in one column, values aligned beside them.

use super::{Receipt, TITLE, office_lines, sections, wrap};

/// Characters per line: fits an A4 sheet in a monospaced font with room to spare, and the
/// condensed mode of an 80 mm receipt printer.
pub const WIDTH: usize = 64;

/// Where values start: after the longest label (`Lhůta pro vyřízení:`) and two spaces.
const LABEL_WIDTH: usize = 21;

/// The receipt as lines of at most [`WIDTH`] characters, ending with a newline.
#[must_use]
pub fn render_text(r: &Receipt) -> String {
    let mut out: Vec<String> = Vec::new();
    for l in office_lines(r) {
        out.extend(wrap(&l, WIDTH));
    }
    out.push("=".repeat(WIDTH));
    out.push(String::new());
    out.push(TITLE.to_owned());
    out.push("-".repeat(TITLE.chars().count()));
    out.push(String::new());
    let value_width = WIDTH - LABEL_WIDTH;
    for s in sections(r) {
        let mut label = Some(s.label);
        for value in &s.values {
            let (first_prefix, width) = if s.list { ("– ", value_width - 2) } else { ("", value_width) };
            for (i, part) in wrap(value, width).into_iter().enumerate() {
                let mark = if i == 0 {
                    first_prefix
                } else if s.list {
                    "  "
                } else {
                    ""
                };
                let head = label.take().unwrap_or("");
                // Pad by characters, not bytes: `{:<21}` would count Czech letters' UTF-8 bytes.
                let pad = " ".repeat(LABEL_WIDTH.saturating_sub(head.chars().count()));
                out.push(format!("{head}{pad}{mark}{part}").trim_end().to_owned());
            }
        }
    }
    out.push(String::new());
    out.extend(wrap(&r.how_to_follow, WIDTH));
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::super::fixtures::{partly_paid, receipt};
    use super::super::{Documents, render_text};
    use super::WIDTH;

    #[test]
    fn with_a_fee_partly_paid() {
        let text = render_text(&receipt(Some(partly_paid())));
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
        insta::assert_snapshot!(text);
    }

    #[test]
    fn without_a_fee_and_nothing_recorded_as_handed_over() {
        let mut r = receipt(None);
        r.documents = Documents::Checklist(vec!["jiný doklad totožnosti, pokud jej máte".into()]);
        r.citizen = None;
        r.deadline = None;
        r.office_address = None;
        insta::assert_snapshot!(render_text(&r));
    }
}
