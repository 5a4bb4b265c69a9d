//! (being written on the domain-rules branch; this minimal form lets the rest build)
use chrono::NaiveDate;
pub struct Suspension {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}
#[must_use]
pub fn deadline(start: NaiveDate, days: u32, extension_days: u32, _s: &[Suspension]) -> Option<NaiveDate> {
    start.checked_add_days(chrono::Days::new(u64::from(days + extension_days)))
}
