//! Czech bank account numbers, `[prefix-]number/bank`, as printed on a receipt for paying a fee by
//! transfer. A typo here sends citizens' money nowhere, so the check digits are verified (vyhláška
//! ČNB č. 169/2011 Sb.: each part is a multiple of 11 under the weights 1, 2, 4, 8, 5, 10, 9, 7, 3, 6
//! read from the right).

const WEIGHTS: [u32; 10] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BankAccountError {
    #[error("expected [prefix-]number/bank code, e.g. 19-2701458312/0100")]
    Shape,
    #[error("the check digits of the {0} do not add up (a typo?)")]
    Checksum(&'static str),
}

/// Whether the digits (up to 10) are a multiple of 11 under the weights.
fn mod11_ok(digits: &str) -> bool {
    let sum: u32 = digits.bytes().rev().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    sum % 11 == 0
}

fn all_digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Checks an account number and returns it trimmed, in the usual written form.
///
/// # Errors
/// A wrong shape, or check digits that do not add up.
pub fn parse(raw: &str) -> Result<String, BankAccountError> {
    let s = raw.trim();
    let (account, bank) = s.split_once('/').ok_or(BankAccountError::Shape)?;
    let (prefix, number) = account.split_once('-').map_or(("", account), |(p, n)| (p, n));
    if !all_digits(bank, 4, 4) || !all_digits(number, 2, 10) || !(prefix.is_empty() || all_digits(prefix, 1, 6)) {
        return Err(BankAccountError::Shape);
    }
    if !mod11_ok(prefix) {
        return Err(BankAccountError::Checksum("prefix"));
    }
    if !mod11_ok(number) {
        return Err(BankAccountError::Checksum("account number"));
    }
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("19-2701458312/0100")]
    #[case(" 2701458312/0100 ")]
    #[case("9005000/0800")]
    fn accepts(#[case] raw: &str) {
        assert_eq!(parse(raw), Ok(raw.trim().to_owned()));
    }

    #[rstest]
    #[case("2701458312", BankAccountError::Shape)]
    #[case("2701458312/100", BankAccountError::Shape)]
    #[case("1234567-2701458312/0100", BankAccountError::Shape)]
    #[case("27014583x2/0100", BankAccountError::Shape)]
    #[case("2701458313/0100", BankAccountError::Checksum("account number"))]
    #[case("18-2701458312/0100", BankAccountError::Checksum("prefix"))]
    fn refuses(#[case] raw: &str, #[case] want: BankAccountError) {
        assert_eq!(parse(raw), Err(want));
    }
}
