//! The birth number (rodné číslo): `YYMMDD/XXXX`, the Czech personal identification number.
//!
//! Rules (zákon 133/2000 Sb., §13): women have the month + 50; from 2004 on, + 20 may be added to
//! the month when a day's serials run out. Born before 1954: 9 digits, no check digit. From 1954:
//! 10 digits, the check digit is the first 9 digits as a number mod 11, a remainder of 10 giving 0.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    Male,
    Female,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BirthNumberError {
    Empty,
    /// Not 6 digits, an optional slash and 3 or 4 digits.
    BadFormat,
    /// The month part is none of 1–12, 21–32, 51–62, 71–82.
    BadMonth(u32),
    /// The date part is not a real date (e.g. 29 February of a common year).
    BadDate,
    /// The last digit is not the check digit of the first nine.
    BadChecksum,
    /// 9-digit numbers were only issued to people born before 1954.
    NineDigitsAfter1953,
    /// The + 20 month offset exists only for births from 2004 on.
    PlusTwentyBefore2004,
}

impl fmt::Display for BirthNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BirthNumberError::Empty => f.write_str("birth number is empty"),
            BirthNumberError::BadFormat => {
                f.write_str("birth number must be YYMMDD/XXXX (or YYMMDD/XXX if born before 1954)")
            }
            BirthNumberError::BadMonth(m) => {
                write!(f, "birth number has an impossible month {m:02}")
            }
            BirthNumberError::BadDate => f.write_str("birth number's date does not exist"),
            BirthNumberError::BadChecksum => f.write_str("birth number's check digit is wrong"),
            BirthNumberError::NineDigitsAfter1953 => {
                f.write_str("9-digit birth numbers exist only for births before 1954")
            }
            BirthNumberError::PlusTwentyBefore2004 => {
                f.write_str("birth number months + 20 exist only for births from 2004")
            }
        }
    }
}

impl std::error::Error for BirthNumberError {}

impl BirthNumberError {
    /// The message id in the UI's translations.
    #[must_use]
    pub fn message_id(&self) -> &'static str {
        match self {
            BirthNumberError::Empty => "err-bn-empty",
            BirthNumberError::BadFormat => "err-bn-format",
            BirthNumberError::BadMonth(_) => "err-bn-month",
            BirthNumberError::BadDate => "err-bn-date",
            BirthNumberError::BadChecksum => "err-bn-checksum",
            BirthNumberError::NineDigitsAfter1953 => "err-bn-nine-digits",
            BirthNumberError::PlusTwentyBefore2004 => "err-bn-plus-twenty",
        }
    }
}

/// A valid birth number.
///
/// There is deliberately no `Display`, and `Debug` shows the masked form: the number is personal
/// data, so printing it in full has to be asked for with [`BirthNumber::canonical`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BirthNumber {
    /// 9 or 10 ASCII digits, no slash.
    digits: String,
    birth_date: NaiveDate,
    sex: Sex,
}

impl fmt::Debug for BirthNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BirthNumber({})", self.masked())
    }
}

/// The check digit of the first nine digits (remainder 10 gives 0, as the law says).
fn check_digit(first_nine: u64) -> u64 {
    match first_nine % 11 {
        10 => 0,
        r => r,
    }
}

fn two(digits: &[u8]) -> u32 {
    u32::from(digits[0] - b'0') * 10 + u32::from(digits[1] - b'0')
}

impl BirthNumber {
    /// Parses `YYMMDD/XXXX`, `YYMMDDXXXX` or the 9-digit forms; spaces around it are ignored.
    ///
    /// A 10-digit number with YY below 54 is read as 20YY; a date in the future cannot be told
    /// apart here (no clock in the domain), so callers that know today may check it.
    ///
    /// # Errors
    /// When the text is not a valid birth number; the error says which rule it breaks.
    pub fn parse(raw: &str) -> Result<BirthNumber, BirthNumberError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(BirthNumberError::Empty);
        }
        let digits: String = match trimmed.split_once('/') {
            Some((head, tail)) if head.len() == 6 => format!("{head}{tail}"),
            Some(_) => return Err(BirthNumberError::BadFormat),
            None => trimmed.to_owned(),
        };
        let bytes = digits.as_bytes();
        if !(9..=10).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(BirthNumberError::BadFormat);
        }
        let yy = two(&bytes[0..2]);
        let mm = two(&bytes[2..4]);
        let dd = two(&bytes[4..6]);
        let (month, sex, plus_twenty) = match mm {
            1..=12 => (mm, Sex::Male, false),
            21..=32 => (mm - 20, Sex::Male, true),
            51..=62 => (mm - 50, Sex::Female, false),
            71..=82 => (mm - 70, Sex::Female, true),
            _ => return Err(BirthNumberError::BadMonth(mm)),
        };
        let nine_digits = bytes.len() == 9;
        let year = if nine_digits {
            if yy >= 54 {
                return Err(BirthNumberError::NineDigitsAfter1953);
            }
            1900 + yy
        } else if yy >= 54 {
            1900 + yy
        } else {
            2000 + yy
        };
        if plus_twenty && year < 2004 {
            return Err(BirthNumberError::PlusTwentyBefore2004);
        }
        // `year` is 1900..=2053, so the conversion cannot fail.
        let year = i32::try_from(year).map_err(|_| BirthNumberError::BadDate)?;
        let birth_date = NaiveDate::from_ymd_opt(year, month, dd).ok_or(BirthNumberError::BadDate)?;
        if !nine_digits {
            let first_nine = digits[..9].parse::<u64>().map_err(|_| BirthNumberError::BadFormat)?;
            if u64::from(bytes[9] - b'0') != check_digit(first_nine) {
                return Err(BirthNumberError::BadChecksum);
            }
        }
        Ok(BirthNumber { digits, birth_date, sex })
    }

    /// `YYMMDD/XXXX` (`YYMMDD/XXX` for a 9-digit number).
    #[must_use]
    pub fn canonical(&self) -> String {
        format!("{}/{}", &self.digits[..6], &self.digits[6..])
    }

    /// The digits without the slash.
    #[must_use]
    pub fn digits(&self) -> &str {
        &self.digits
    }

    #[must_use]
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    #[must_use]
    pub fn sex(&self) -> Sex {
        self.sex
    }

    /// `YYMMDD/****`: the serial hidden. Always four stars, so the mask does not tell 9 digits
    /// from 10 either.
    #[must_use]
    pub fn masked(&self) -> String {
        format!("{}/****", &self.digits[..6])
    }
}

/// A valid birth number for demo and test data: 10 digits for births 1954..=2053 (check digit
/// computed), 9 digits for 1900..=1953. `serial` is the 3-digit serial, 0..=999. The month never
/// carries the + 20 offset. `None` when the date or the serial is out of those ranges.
#[must_use]
pub fn generate(date: NaiveDate, sex: Sex, serial: u16) -> Option<BirthNumber> {
    if serial > 999 || !(1900..=2053).contains(&date.year()) {
        return None;
    }
    let month = match sex {
        Sex::Male => date.month(),
        Sex::Female => date.month() + 50,
    };
    let yy = date.year() % 100;
    let first_nine = format!("{yy:02}{month:02}{:02}{serial:03}", date.day());
    let digits = if date.year() < 1954 {
        first_nine
    } else {
        let n = first_nine.parse::<u64>().ok()?;
        format!("{first_nine}{}", check_digit(n))
    };
    Some(BirthNumber { digits, birth_date: date, sex })
}

impl Serialize for BirthNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.canonical())
    }
}

impl<'de> Deserialize<'de> for BirthNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        BirthNumber::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;
    use rstest::rstest;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[rstest]
    #[case("780123/1230", "780123/1230", ymd(1978, 1, 23), Sex::Male)]
    #[case("7801231230", "780123/1230", ymd(1978, 1, 23), Sex::Male)]
    #[case("  780123/1230 ", "780123/1230", ymd(1978, 1, 23), Sex::Male)]
    #[case("855612/1233", "855612/1233", ymd(1985, 6, 12), Sex::Female)]
    #[case("040521/1235", "040521/1235", ymd(2004, 5, 21), Sex::Male)]
    #[case("045321/1231", "045321/1231", ymd(2004, 3, 21), Sex::Female)]
    #[case("042521/1237", "042521/1237", ymd(2004, 5, 21), Sex::Male)] // + 20
    #[case("047521/1231", "047521/1231", ymd(2004, 5, 21), Sex::Female)] // + 20 + 50
    #[case("000229/4567", "000229/4567", ymd(2000, 2, 29), Sex::Male)] // 2000 is a leap year
    #[case("540101/0000", "540101/0000", ymd(1954, 1, 1), Sex::Male)] // first 10-digit year
    #[case("250101/0457", "250101/0457", ymd(2025, 1, 1), Sex::Male)]
    #[case("530101/123", "530101/123", ymd(1953, 1, 1), Sex::Male)] // last 9-digit year
    #[case("405229123", "405229/123", ymd(1940, 2, 29), Sex::Female)] // 1940 leap
    #[case("000101/000", "000101/000", ymd(1900, 1, 1), Sex::Male)]
    fn accepts(#[case] raw: &str, #[case] canonical: &str, #[case] date: NaiveDate, #[case] sex: Sex) {
        let bn = BirthNumber::parse(raw).unwrap();
        assert_eq!(bn.canonical(), canonical);
        assert_eq!(bn.digits(), canonical.replace('/', ""));
        assert_eq!(bn.birth_date(), date);
        assert_eq!(bn.sex(), sex);
    }

    #[test]
    fn remainder_ten_gives_check_digit_zero() {
        // 780123123 mod 11 = 10, so the check digit is 0; the whole number is not divisible by 11,
        // which is why "divisible by 11" is the wrong test.
        assert_eq!(780_123_123_u64 % 11, 10);
        assert_ne!(7_801_231_230_u64 % 11, 0);
        assert!(BirthNumber::parse("780123/1230").is_ok());
        assert_eq!(BirthNumber::parse("780123/1231"), Err(BirthNumberError::BadChecksum));
    }

    #[rstest]
    #[case("", BirthNumberError::Empty)]
    #[case("   ", BirthNumberError::Empty)]
    #[case("780123/12", BirthNumberError::BadFormat)]
    #[case("78012/31230", BirthNumberError::BadFormat)]
    #[case("780123//1230", BirthNumberError::BadFormat)]
    #[case("780123 1230", BirthNumberError::BadFormat)]
    #[case("780123/123a", BirthNumberError::BadFormat)]
    #[case("78-01-23/1230", BirthNumberError::BadFormat)]
    #[case("12345678", BirthNumberError::BadFormat)]
    #[case("78012312301", BirthNumberError::BadFormat)]
    #[case("７80123/1230", BirthNumberError::BadFormat)] // full-width digit
    #[case("781323/1230", BirthNumberError::BadMonth(13))]
    #[case("780023/1230", BirthNumberError::BadMonth(0))]
    #[case("783323/1230", BirthNumberError::BadMonth(33))]
    #[case("785023/1230", BirthNumberError::BadMonth(50))]
    #[case("786323/1230", BirthNumberError::BadMonth(63))]
    #[case("787023/1230", BirthNumberError::BadMonth(70))]
    #[case("788323/1230", BirthNumberError::BadMonth(83))]
    #[case("780132/1230", BirthNumberError::BadDate)]
    #[case("780100/1230", BirthNumberError::BadDate)]
    #[case("115229/0018", BirthNumberError::BadDate)] // 29 Feb 2011
    #[case("000229/456", BirthNumberError::BadDate)] // 1900 was not a leap year
    #[case("780431/1230", BirthNumberError::BadDate)]
    #[case("780123/1234", BirthNumberError::BadChecksum)]
    #[case("855612/1234", BirthNumberError::BadChecksum)]
    #[case("540101/123", BirthNumberError::NineDigitsAfter1953)]
    #[case("780123/123", BirthNumberError::NineDigitsAfter1953)]
    #[case("753101/4568", BirthNumberError::PlusTwentyBefore2004)]
    #[case("032501/0000", BirthNumberError::PlusTwentyBefore2004)]
    #[case("522101/123", BirthNumberError::PlusTwentyBefore2004)]
    fn refuses(#[case] raw: &str, #[case] e: BirthNumberError) {
        assert_eq!(BirthNumber::parse(raw), Err(e));
    }

    #[test]
    fn errors_have_message_ids_and_text() {
        assert_eq!(BirthNumberError::BadChecksum.message_id(), "err-bn-checksum");
        assert_eq!(BirthNumberError::BadMonth(13).to_string(), "birth number has an impossible month 13");
    }

    #[test]
    fn masks_and_hides_from_debug() {
        let bn = BirthNumber::parse("855612/1233").unwrap();
        assert_eq!(bn.masked(), "855612/****");
        assert_eq!(format!("{bn:?}"), "BirthNumber(855612/****)");
        assert_eq!(BirthNumber::parse("530101/123").unwrap().masked(), "530101/****");
    }

    #[test]
    fn serializes_as_canonical_string() {
        let bn = BirthNumber::parse("8556121233").unwrap();
        assert_eq!(serde_json::to_string(&bn).unwrap(), "\"855612/1233\"");
        let back: BirthNumber = serde_json::from_str("\"855612/1233\"").unwrap();
        assert_eq!(back, bn);
        assert!(serde_json::from_str::<BirthNumber>("\"855612/1234\"").is_err());
    }

    #[rstest]
    #[case(ymd(1978, 1, 23), Sex::Male, 123, "780123/1230")]
    #[case(ymd(1985, 6, 12), Sex::Female, 123, "855612/1233")]
    #[case(ymd(1953, 12, 31), Sex::Female, 7, "536231/007")]
    fn generates(#[case] date: NaiveDate, #[case] sex: Sex, #[case] serial: u16, #[case] want: &str) {
        assert_eq!(generate(date, sex, serial).unwrap().canonical(), want);
    }

    #[test]
    fn generate_refuses_out_of_range() {
        assert_eq!(generate(ymd(1985, 6, 12), Sex::Male, 1000), None);
        assert_eq!(generate(ymd(1899, 12, 31), Sex::Male, 1), None);
        assert_eq!(generate(ymd(2054, 1, 1), Sex::Male, 1), None);
    }

    #[test]
    fn generate_then_parse_round_trips() {
        let mut date = ymd(1900, 1, 1);
        let mut serial: u16 = 0;
        while date <= ymd(2053, 12, 31) {
            for sex in [Sex::Male, Sex::Female] {
                let bn = generate(date, sex, serial).unwrap();
                let parsed = BirthNumber::parse(&bn.canonical()).unwrap();
                assert_eq!(parsed, bn, "{}", bn.canonical());
                assert_eq!(parsed.birth_date(), date);
                assert_eq!(parsed.sex(), sex);
                assert_eq!(parsed.digits().len(), if date.year() < 1954 { 9 } else { 10 });
            }
            serial = (serial + 37) % 1000;
            date = date + chrono::Days::new(13);
        }
        // Every serial on one date, covering every check digit including the remainder-10 case.
        for serial in 0..=999 {
            let bn = generate(ymd(1990, 7, 15), Sex::Female, serial).unwrap();
            assert_eq!(BirthNumber::parse(bn.digits()), Ok(bn));
        }
    }
}
