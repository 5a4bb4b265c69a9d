//! Plain types and the rules the law fixes. No I/O, no clock reads: time comes in as an argument.

pub mod appointments;
pub mod bank_account;
pub mod birth_number;
pub mod calendar;
pub mod case;
pub mod catalogue;
pub mod chain;
pub mod clock;
pub mod dates;
pub mod deadline;
pub mod form;
pub mod ids;
pub mod lang;
pub mod lifecycle;
pub mod money;
pub mod names;
pub mod permissions;
pub mod phone;
pub mod plain;
pub mod portal;
pub mod refnum;
pub mod role;
pub mod text;
