//! How the store writes the values it keeps as text, and reads them back: one place, so every
//! table agrees.

use super::StoreError;
use chrono::{DateTime, Utc};

/// Stored instants: RFC 3339 UTC to the second, so they sort as text.
#[must_use]
pub fn utc_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// An instant as stored; anything else is a damaged store.
pub fn parse_utc(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("instant '{s}': {e}")))
}
