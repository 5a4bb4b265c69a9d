//! Phone numbers as clerks type them ("603 123 456", "+420 603/123 456", "00420…") → E.164.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneError {
    Empty,
    BadCharacter(char),
    /// Neither a 9-digit Czech number nor an international one of 8 to 15 digits.
    BadLength(usize),
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhoneError::Empty => f.write_str("phone number is empty"),
            PhoneError::BadCharacter(c) => write!(f, "phone number contains '{c}'"),
            PhoneError::BadLength(n) => {
                write!(f, "phone number has {n} digits; expected 9 (Czech) or +country code and up to 15 digits")
            }
        }
    }
}

impl std::error::Error for PhoneError {}

impl PhoneError {
    /// The message id in the UI's translations.
    #[must_use]
    pub fn message_id(&self) -> &'static str {
        match self {
            PhoneError::Empty => "err-phone-empty",
            PhoneError::BadCharacter(_) => "err-phone-char",
            PhoneError::BadLength(_) => "err-phone-length",
        }
    }
}

/// Normalises to E.164 (`+420603123456`); a number without a country code is Czech (+420).
///
/// # Errors
/// When the text is not a phone number.
pub fn normalize(raw: &str) -> Result<String, PhoneError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(PhoneError::Empty);
    }
    let mut digits = String::with_capacity(16);
    let mut international = false;
    for c in trimmed.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() && !international => international = true,
            ' ' | '/' | '-' | '(' | ')' | '.' | '\u{a0}' => {}
            other => return Err(PhoneError::BadCharacter(other)),
        }
    }
    if !international {
        if let Some(rest) = digits.strip_prefix("00") {
            digits = rest.to_owned();
            international = true;
        }
    }
    if !international {
        if digits.len() == 9 {
            return Ok(format!("+420{digits}"));
        }
        // 420 603 123 456 typed without the plus.
        if digits.len() == 12 && digits.starts_with("420") {
            return Ok(format!("+{digits}"));
        }
        return Err(PhoneError::BadLength(digits.len()));
    }
    if digits.starts_with('0') || !(8..=15).contains(&digits.len()) {
        return Err(PhoneError::BadLength(digits.len()));
    }
    if digits.starts_with("420") && digits.len() != 12 {
        return Err(PhoneError::BadLength(digits.len()));
    }
    Ok(format!("+{digits}"))
}

/// E.164 shown the Czech way: `+420 603 123 456`.
#[must_use]
pub fn display(e164: &str) -> String {
    match e164.strip_prefix("+420") {
        Some(rest) if rest.len() == 9 => {
            format!("+420 {} {} {}", &rest[0..3], &rest[3..6], &rest[6..9])
        }
        _ => e164.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("603 123 456", "+420603123456")]
    #[case("603123456", "+420603123456")]
    #[case("+420 603 123 456", "+420603123456")]
    #[case("+420603/123456", "+420603123456")]
    #[case("00420 603-123-456", "+420603123456")]
    #[case("420 603 123 456", "+420603123456")]
    #[case("(+420) 585 153 111", "+420585153111")]
    #[case("+421 905 123 456", "+421905123456")]
    #[case("+380 44 123 4567", "+380441234567")]
    #[case("  603 123 456  ", "+420603123456")]
    fn accepts(#[case] raw: &str, #[case] e164: &str) {
        assert_eq!(normalize(raw), Ok(e164.to_owned()));
    }

    #[rstest]
    #[case("", PhoneError::Empty)]
    #[case("   ", PhoneError::Empty)]
    #[case("603 12 34", PhoneError::BadLength(7))]
    #[case("6031234567", PhoneError::BadLength(10))]
    #[case("+420 603 123 45", PhoneError::BadLength(11))]
    #[case("+1234567", PhoneError::BadLength(7))]
    #[case("+0420603123456", PhoneError::BadLength(13))]
    #[case("603 ABC 456", PhoneError::BadCharacter('A'))]
    #[case("603+123456", PhoneError::BadCharacter('+'))]
    fn refuses(#[case] raw: &str, #[case] e: PhoneError) {
        assert_eq!(normalize(raw), Err(e));
    }

    #[test]
    fn displays_czech_numbers_in_groups() {
        assert_eq!(display("+420603123456"), "+420 603 123 456");
        assert_eq!(display("+421905123456"), "+421905123456");
    }
}
