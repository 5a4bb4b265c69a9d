//! clerkdesk: a terminal workstation for a city hall's front office.
//!
//! Layers call only downwards: `tui`/`cli` → `desk` → `store` → `domain`.
//! See docs/architecture.md.

pub mod bridge;
pub mod cli;
pub mod config;
pub mod desk;
pub mod domain;
pub mod door;
pub mod i18n;
pub mod paths;
pub mod receipt;
pub mod store;
pub mod tui;
