//! What the integration tests share: `cli` (a temporary home and store for the command line),
//! `desk` (a store with one account per role, desks at fixed days) and `tui` (the workstation
//! driven by actions and drawn on a test backend). Each test binary uses a part of it.

pub mod cli;
pub mod desk;
pub mod tui;
