//! (being written on the domain-rules branch; this minimal form lets the rest build)
use chrono::{Datelike, NaiveDate};
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}
#[derive(Debug, Clone)]
pub struct BirthNumber(String);
impl BirthNumber {
    #[must_use]
    pub fn digits(&self) -> &str {
        &self.0
    }
}
#[must_use]
pub fn generate(date: NaiveDate, sex: Sex, serial: u16) -> Option<BirthNumber> {
    let m = date.month() + if sex == Sex::Female { 50 } else { 0 };
    let nine = format!("{:02}{:02}{:02}{:03}", date.year() % 100, m, date.day(), serial);
    let n: u64 = nine.parse().ok()?;
    Some(BirthNumber(format!("{nine}{}", (n % 11) % 10)))
}
