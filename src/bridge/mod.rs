//! The portal bridge: readers and writers of the formats the national citizen portal and other
//! systems exchange filings in (our JSON Lines, Open311 GeoReport v2 JSON and XML, CSV). Every
//! reader yields the same [`record::PortalRecord`]s, each with its place in the file, and never
//! panics on what it is given: bad input is a [`record::Rejection`] naming the line, the field and
//! the reason. The import itself is the desk's, the same operations as at the counter.

pub mod jsonl;
pub mod record;
