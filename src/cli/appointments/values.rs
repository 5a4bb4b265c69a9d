//! How the appointment commands read their values: an instant, a day or an instant, a day, a
//! booking channel; each error says what was expected.

use crate::domain::appointments::instant::{DayOrInstant, parse_day_or_instant, parse_instant};
use crate::domain::case::Channel;
use crate::domain::dates::parse_date;
use chrono::{DateTime, NaiveDate, Utc};

pub fn parse_at(s: &str) -> Result<DateTime<Utc>, String> {
    parse_instant(s).map_err(|e| e.to_string())
}

pub fn parse_from(s: &str) -> Result<DayOrInstant, String> {
    parse_day_or_instant(s).map_err(|e| e.to_string())
}

pub fn parse_day(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).ok_or_else(|| format!("'{s}' is not a date: give 2026-11-23 or 23. 11. 2026"))
}

pub fn parse_channel(s: &str) -> Result<Channel, String> {
    match Channel::parse(s) {
        Some(c @ (Channel::Counter | Channel::Phone | Channel::Portal)) => Ok(c),
        _ => Err(format!("'{s}' is not a booking channel: counter, phone or portal")),
    }
}
