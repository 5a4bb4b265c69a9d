//! What the office sends the portal: the change feed since the last export (`portal`) and the
//! free slots for the portal to offer (`slots`).

pub mod portal;
pub mod slots;
