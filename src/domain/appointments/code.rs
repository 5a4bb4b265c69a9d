//! The booking code a citizen quotes: six characters from an alphabet without the look-alikes
//! (0/O, 1/I/L, U/V), read out on the phone without spelling trouble.
//!
//! The code is a bijection of the booking's id, so it is unique by construction and needs no
//! retry loop; consecutive bookings get unrelated codes. It is not a secret: the hotline still
//! verifies the caller before telling anything.

const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTWXYZV";
const LEN: u32 = 6;
/// 30^6: the number of codes.
const SPACE: i64 = 729_000_000;
/// Coprime with 30^6 (no factor 2, 3 or 5), so multiplying by it permutes the code space.
const MULTIPLIER: i64 = 282_475_249;
const OFFSET: i64 = 104_729;

/// The code of booking `id` (ids 1 to 729 million have distinct codes).
#[must_use]
pub fn booking_code(id: i64) -> String {
    let mut n = (id.rem_euclid(SPACE) * MULTIPLIER + OFFSET).rem_euclid(SPACE);
    let mut out = [0u8; LEN as usize];
    for slot in out.iter_mut().rev() {
        // n % 30 < 30, so the index is in range.
        #[allow(clippy::cast_sign_loss, reason = "n >= 0 after rem_euclid")]
        let index = (n % 30) as usize;
        *slot = ALPHABET[index];
        n /= 30;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

/// A code as typed or read out: case, spaces and dashes ignored, U read as V (said alike); other
/// characters outside the alphabet make it no code.
#[must_use]
pub fn normalize_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'U' => 'V',
            other => other,
        })
        .collect();
    (code.len() == LEN as usize && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for id in 1..200_000 {
            let c = booking_code(id);
            assert_eq!(c.len(), 6);
            assert!(normalize_code(&c).as_deref() == Some(c.as_str()), "{c}");
            assert!(seen.insert(c), "duplicate at {id}");
        }
    }

    #[test]
    fn typed_codes_are_normalised() {
        let c = booking_code(42);
        let typed = format!(" {}-{} ", c[..3].to_lowercase(), &c[3..]);
        assert_eq!(normalize_code(&typed), Some(c));
        assert_eq!(normalize_code("ABC"), None);
        assert_eq!(normalize_code("OOOOOO"), None);
        assert_eq!(normalize_code("uuuuuu").as_deref(), Some("VVVVVV"));
    }
}
