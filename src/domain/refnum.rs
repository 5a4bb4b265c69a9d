//! The pattern of the číslo jednací (reference number), set per office.
//!
//! The law (zákon 499/2004 Sb. and its vyhláška) requires a reference number to carry the
//! office's designation, a sequence number and the period the sequence runs in; hence `{office}`,
//! `{seq}` and `{year}` are each required exactly once. The department is a common local addition.

use std::fmt;
use std::fmt::Write as _;

/// The default pattern, e.g. `MULT-00042/2026/OSA`.
pub const DEFAULT_PATTERN: &str = "{office}-{seq:05}/{year}/{dept}";

/// The widest zero padding `{seq:N}` accepts: u32 sequences fit in 10 digits.
const MAX_WIDTH: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefPatternError {
    /// A `{` without its `}`, or a `}` without its `{`; the byte offset of the brace.
    UnbalancedBrace(usize),
    /// A placeholder other than office, seq, seq:N, year, dept (its text without braces).
    UnknownPlaceholder(String),
    /// `{seq:N}` with N not a number from 1 to 10.
    BadWidth(String),
    /// A required placeholder is missing (its name).
    Missing(&'static str),
    /// A placeholder occurs more than once (its name).
    Duplicate(&'static str),
}

impl fmt::Display for RefPatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefPatternError::UnbalancedBrace(at) => {
                write!(f, "reference number pattern has an unbalanced brace at position {at}")
            }
            RefPatternError::UnknownPlaceholder(name) => write!(
                f,
                "reference number pattern has an unknown placeholder {{{name}}}; \
                 known are {{office}}, {{seq}}, {{seq:N}}, {{year}}, {{dept}}"
            ),
            RefPatternError::BadWidth(w) => {
                write!(f, "reference number pattern: {{seq:{w}}} needs a width from 1 to 10")
            }
            RefPatternError::Missing(name) => {
                write!(f, "reference number pattern lacks the required {{{name}}}")
            }
            RefPatternError::Duplicate(name) => {
                write!(f, "reference number pattern has {{{name}}} more than once")
            }
        }
    }
}

impl std::error::Error for RefPatternError {}

impl RefPatternError {
    /// The message id in the UI's translations.
    #[must_use]
    pub fn message_id(&self) -> &'static str {
        match self {
            RefPatternError::UnbalancedBrace(_) => "err-refpattern-brace",
            RefPatternError::UnknownPlaceholder(_) => "err-refpattern-unknown",
            RefPatternError::BadWidth(_) => "err-refpattern-width",
            RefPatternError::Missing(_) => "err-refpattern-missing",
            RefPatternError::Duplicate(_) => "err-refpattern-duplicate",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Office,
    /// The zero-padding width; 0 means no padding.
    Seq(usize),
    Year,
    Dept,
}

/// A parsed, valid reference number pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefPattern {
    source: String,
    parts: Vec<Part>,
}

impl RefPattern {
    /// # Errors
    /// On an unbalanced brace, an unknown placeholder, a bad `{seq:N}` width, or when `{office}`,
    /// `{seq}` or `{year}` is missing or any placeholder is repeated.
    pub fn parse(pattern: &str) -> Result<RefPattern, RefPatternError> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = pattern;
        let mut offset = 0;
        while let Some(i) = rest.find(['{', '}']) {
            if rest[i..].starts_with('}') {
                return Err(RefPatternError::UnbalancedBrace(offset + i));
            }
            literal.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let close = match after.find(['{', '}']) {
                Some(j) if after[j..].starts_with('}') => j,
                _ => return Err(RefPatternError::UnbalancedBrace(offset + i)),
            };
            let part = placeholder(&after[..close])?;
            if !literal.is_empty() {
                parts.push(Part::Literal(std::mem::take(&mut literal)));
            }
            parts.push(part);
            offset += i + 1 + close + 1;
            rest = &after[close + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        for (name, required) in [("office", true), ("seq", true), ("year", true), ("dept", false)] {
            let count = parts.iter().filter(|p| part_name(p) == Some(name)).count();
            if count > 1 {
                return Err(RefPatternError::Duplicate(name));
            }
            if required && count == 0 {
                return Err(RefPatternError::Missing(name));
            }
        }
        Ok(RefPattern { source: pattern.to_owned(), parts })
    }

    /// The reference number, e.g. `MULT-00042/2026/OSA`. A sequence number wider than the padding
    /// is written in full, never cut: two cases must not share a number.
    #[must_use]
    pub fn format(&self, office: &str, seq: u64, year: i32, dept: &str) -> String {
        let mut out = String::with_capacity(self.source.len() + office.len() + dept.len() + 16);
        for part in &self.parts {
            match part {
                Part::Literal(s) => out.push_str(s),
                Part::Office => out.push_str(office),
                Part::Seq(width) => {
                    let _ = write!(out, "{seq:0width$}");
                }
                Part::Year => out.push_str(&year.to_string()),
                Part::Dept => out.push_str(dept),
            }
        }
        out
    }

    /// Whether the pattern has a `{dept}`.
    #[must_use]
    pub fn has_dept(&self) -> bool {
        self.parts.contains(&Part::Dept)
    }

    /// The pattern as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.source
    }
}

impl Default for RefPattern {
    fn default() -> Self {
        RefPattern {
            source: DEFAULT_PATTERN.to_owned(),
            parts: vec![
                Part::Office,
                Part::Literal("-".to_owned()),
                Part::Seq(5),
                Part::Literal("/".to_owned()),
                Part::Year,
                Part::Literal("/".to_owned()),
                Part::Dept,
            ],
        }
    }
}

impl fmt::Display for RefPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

fn part_name(part: &Part) -> Option<&'static str> {
    match part {
        Part::Literal(_) => None,
        Part::Office => Some("office"),
        Part::Seq(_) => Some("seq"),
        Part::Year => Some("year"),
        Part::Dept => Some("dept"),
    }
}

fn placeholder(inner: &str) -> Result<Part, RefPatternError> {
    match inner {
        "office" => Ok(Part::Office),
        "seq" => Ok(Part::Seq(0)),
        "year" => Ok(Part::Year),
        "dept" => Ok(Part::Dept),
        _ => match inner.strip_prefix("seq:") {
            Some(w) => match w.parse::<usize>() {
                Ok(width) if (1..=MAX_WIDTH).contains(&width) && w.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Part::Seq(width))
                }
                _ => Err(RefPatternError::BadWidth(w.to_owned())),
            },
            None => Err(RefPatternError::UnknownPlaceholder(inner.to_owned())),
        },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(DEFAULT_PATTERN, 42, "OSA", "MULT-00042/2026/OSA")]
    #[case(DEFAULT_PATTERN, 123_456, "OSA", "MULT-123456/2026/OSA")]
    #[case("{office}-{seq}/{year}", 42, "", "MULT-42/2026")]
    #[case("č.j. {office} {seq:1}/{year}", 7, "", "č.j. MULT 7/2026")]
    #[case("{year}/{dept}/{seq:10}-{office}", 42, "OD", "2026/OD/0000000042-MULT")]
    #[case("{office}{seq:3}{year}", 5, "", "MULT0052026")]
    fn formats(#[case] pattern: &str, #[case] seq: u64, #[case] dept: &str, #[case] want: &str) {
        let p = RefPattern::parse(pattern).unwrap();
        assert_eq!(p.format("MULT", seq, 2026, dept), want);
        assert_eq!(p.to_string(), pattern);
    }

    #[test]
    fn default_is_the_parsed_default_pattern() {
        assert_eq!(RefPattern::default(), RefPattern::parse(DEFAULT_PATTERN).unwrap());
        assert!(RefPattern::default().has_dept());
        assert!(!RefPattern::parse("{office}{seq}{year}").unwrap().has_dept());
    }

    #[rstest]
    #[case("{office}-{seq}/{year", RefPatternError::UnbalancedBrace(15))]
    #[case("{office}-{seq}/year}", RefPatternError::UnbalancedBrace(19))]
    #[case("{office-{seq}/{year}", RefPatternError::UnbalancedBrace(0))]
    #[case("{office}-{seq}/{year}/{{dept}}", RefPatternError::UnbalancedBrace(22))]
    #[case("{office}-{seq}/{year}/{odbor}", RefPatternError::UnknownPlaceholder("odbor".to_owned()))]
    #[case("{office}-{}/{year}", RefPatternError::UnknownPlaceholder(String::new()))]
    #[case("{Office}-{seq}/{year}", RefPatternError::UnknownPlaceholder("Office".to_owned()))]
    #[case("{office}-{seq:0}/{year}", RefPatternError::BadWidth("0".to_owned()))]
    #[case("{office}-{seq:11}/{year}", RefPatternError::BadWidth("11".to_owned()))]
    #[case("{office}-{seq:}/{year}", RefPatternError::BadWidth(String::new()))]
    #[case("{office}-{seq:+5}/{year}", RefPatternError::BadWidth("+5".to_owned()))]
    #[case("{office}-{seq:x}/{year}", RefPatternError::BadWidth("x".to_owned()))]
    #[case("", RefPatternError::Missing("office"))]
    #[case("{seq}/{year}", RefPatternError::Missing("office"))]
    #[case("{office}/{year}", RefPatternError::Missing("seq"))]
    #[case("{office}/{seq}", RefPatternError::Missing("year"))]
    #[case("{office}/{seq}/{year}/{office}", RefPatternError::Duplicate("office"))]
    #[case("{office}/{seq}/{seq:5}/{year}", RefPatternError::Duplicate("seq"))]
    #[case("{office}/{seq}/{year}/{year}", RefPatternError::Duplicate("year"))]
    #[case("{office}/{seq}/{year}/{dept}/{dept}", RefPatternError::Duplicate("dept"))]
    fn refuses(#[case] pattern: &str, #[case] e: RefPatternError) {
        assert_eq!(RefPattern::parse(pattern), Err(e));
    }

    #[test]
    fn errors_name_the_culprit() {
        let e = RefPattern::parse("{office}-{seq}/{rok}").unwrap_err();
        assert_eq!(e.message_id(), "err-refpattern-unknown");
        assert!(e.to_string().contains("{rok}"), "{e}");
        let e = RefPattern::parse("{office}-{seq}").unwrap_err();
        assert_eq!(e.to_string(), "reference number pattern lacks the required {year}");
    }
}
