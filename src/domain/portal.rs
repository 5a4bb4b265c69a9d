//! What every portal reader produces and every writer takes: one filing or one booking made on
//! the citizen portal, with where it stood in its file. Readers only parse and map; the rules
//! (the situation's form, the birth number, the slot) are checked by the desk, exactly as for a
//! filing at the counter.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The version of our own JSON Lines format ([`crate::bridge::jsonl`]).
pub const FORMAT_VERSION: u32 = 1;

/// The citizen as the portal identified them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalCitizen {
    pub given_name: String,
    pub family_name: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_number: Option<String>,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: String,
    /// Whether the portal verified the identity (eID): only then is the citizen told the state
    /// of the case.
    #[serde(default)]
    pub identified: bool,
}

/// A document attached on the portal, by name, size and checksum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalAttachment {
    pub name: String,
    pub size: u64,
    /// SHA-256, 64 hex digits.
    pub sha256: String,
}

/// A filing made on the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalFiling {
    pub portal_id: String,
    pub submitted_at: DateTime<Utc>,
    pub citizen: PortalCitizen,
    /// The life situation's code (Open311: `service_code`).
    pub situation: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub note: String,
    /// The situation's form, key → value as entered.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    #[serde(default)]
    pub attachments: Vec<PortalAttachment>,
}

/// A visit booked on the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalBooking {
    pub portal_id: String,
    pub submitted_at: DateTime<Utc>,
    pub citizen: PortalCitizen,
    /// The appointment service's code.
    pub service: String,
    pub start: DateTime<Utc>,
    /// A counter or official; `None` takes the first free one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// One record of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortalRecord {
    Filing(PortalFiling),
    Booking(PortalBooking),
}

impl PortalRecord {
    #[must_use]
    pub fn portal_id(&self) -> &str {
        match self {
            PortalRecord::Filing(f) => &f.portal_id,
            PortalRecord::Booking(b) => &b.portal_id,
        }
    }
}

/// Where a record stood in its file: the line (JSON Lines, CSV: the physical line it starts on)
/// and its index among the file's records (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: u64,
    pub index: u64,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {} (record {})", self.line, self.index)
    }
}

/// A record as read, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub location: Location,
    pub record: PortalRecord,
}

/// A record (or a part of the file) that cannot be imported: where, which field, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{location}: {field}: {reason}")]
pub struct Rejection {
    pub location: Location,
    pub field: String,
    pub reason: String,
}

impl Rejection {
    #[must_use]
    pub fn new(location: Location, field: &str, reason: impl Into<String>) -> Rejection {
        Rejection { location, field: field.to_owned(), reason: reason.into() }
    }
}

/// What a reader yields for each record: the record, or why it cannot be read.
pub type ReadResult = Result<Located, Rejection>;

/// One entry of the table: our field → its value (trimmed; blank cells left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub location: Location,
    pub values: std::collections::BTreeMap<&'static str, String>,
}

impl Entry {
    /// The value of `field`, or "" when the file has none.
    #[must_use]
    pub fn get(&self, field: &str) -> &str {
        self.values.get(field).map_or("", String::as_str)
    }
}
