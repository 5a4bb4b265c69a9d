//! Time comes into the rules as an argument; this is where it comes from.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Prague;

/// The time zone every date a clerk sees is in.
pub const OFFICE_TZ: chrono_tz::Tz = Prague;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// Today's date at the office (Europe/Prague), which is not always the UTC date.
    fn today(&self) -> NaiveDate {
        self.now().with_timezone(&OFFICE_TZ).date_naive()
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that always says the same instant: for tests and snapshots.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}
