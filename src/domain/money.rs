//! Amounts of money as the office shows them: whole crowns (fees are set in whole crowns).

/// `1 250 Kč`: digits grouped by three with plain spaces (U+0020, not the no-break space, so that
/// terminal width and copy-paste into other systems behave), a minus sign for negative amounts.
#[must_use]
pub fn format_czk(amount: i64) -> String {
    // unsigned_abs so that i64::MIN does not overflow.
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() * 4 / 3 + 5);
    if amount < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out.push_str(" Kč");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(0, "0 Kč")]
    #[case(5, "5 Kč")]
    #[case(50, "50 Kč")]
    #[case(999, "999 Kč")]
    #[case(1000, "1 000 Kč")]
    #[case(1250, "1 250 Kč")]
    #[case(12_500, "12 500 Kč")]
    #[case(100_000, "100 000 Kč")]
    #[case(1_000_000, "1 000 000 Kč")]
    #[case(-300, "-300 Kč")]
    #[case(-1250, "-1 250 Kč")]
    #[case(-100_000, "-100 000 Kč")]
    #[case(i64::MAX, "9 223 372 036 854 775 807 Kč")]
    #[case(i64::MIN, "-9 223 372 036 854 775 808 Kč")]
    fn formats(#[case] amount: i64, #[case] want: &str) {
        assert_eq!(format_czk(amount), want);
    }
}
