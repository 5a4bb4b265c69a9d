//! How the store writes the values it keeps as text, and reads them back: one place, so every
//! table agrees.

use crate::domain::appointments::BookingStatus;
use crate::domain::case::CaseStatus;
use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// Stored instants: RFC 3339 UTC to the second, so they sort as text.
#[must_use]
pub fn utc_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// An instant in a row: written as [`utc_text`] writes it, read back only in that form (rusqlite's
/// own `DateTime` reading also takes a time without a zone, which this store never writes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant(pub DateTime<Utc>);

impl ToSql for Instant {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(utc_text(self.0)))
    }
}

impl FromSql for Instant {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        DateTime::parse_from_rfc3339(s)
            .map(|t| Instant(t.with_timezone(&Utc)))
            .map_err(|e| FromSqlError::Other(format!("instant '{s}': {e}").into()))
    }
}

impl ToSql for CaseStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for CaseStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        CaseStatus::parse(s).ok_or_else(|| FromSqlError::Other(format!("case status '{s}'").into()))
    }
}

impl ToSql for BookingStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for BookingStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        BookingStatus::parse(s).ok_or_else(|| FromSqlError::Other(format!("booking status '{s}'").into()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn round_trip<T: ToSql + FromSql>(v: &T) -> rusqlite::Result<(String, T)> {
        let conn = Connection::open_in_memory()?;
        conn.query_row("SELECT ?1, ?1", [v], |r| Ok((r.get(0)?, r.get(1)?)))
    }

    fn read<T: FromSql>(text: &str) -> rusqlite::Result<T> {
        Connection::open_in_memory()?.query_row("SELECT ?1", [text], |r| r.get(0))
    }

    #[test]
    fn instants_are_stored_as_rfc3339_utc_seconds_and_nothing_else_is_read() {
        let t = DateTime::parse_from_rfc3339("2026-11-20T09:30:00+01:00").unwrap().with_timezone(&Utc);
        let (text, back) = round_trip(&Instant(t)).unwrap();
        assert_eq!(text, "2026-11-20T08:30:00Z");
        assert_eq!(back, Instant(t));
        for bad in ["2026-11-20 08:30:00", "2026-11-20", "", "včera"] {
            let e = read::<Instant>(bad).unwrap_err().to_string();
            assert!(e.contains(&format!("instant '{bad}'")), "{bad}: {e}");
        }
    }

    #[test]
    fn statuses_are_stored_by_name_and_an_unknown_one_is_an_error() {
        for s in BookingStatus::ALL {
            assert_eq!(round_trip(&s).unwrap(), (s.as_str().to_owned(), s));
        }
        let e = read::<BookingStatus>("lost").unwrap_err().to_string();
        assert!(e.contains("booking status 'lost'"), "{e}");
        for s in CaseStatus::ALL {
            assert_eq!(round_trip(&s).unwrap(), (s.as_str().to_owned(), s));
        }
        let e = read::<CaseStatus>("Received").unwrap_err().to_string();
        assert!(e.contains("case status 'Received'"), "{e}");
    }
}
