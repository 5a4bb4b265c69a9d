//! `clerkdesk import …`: the bulk imports an administrator runs (portal filings, citizens,
//! officials, the catalogue, the appointment plan), one file each.

pub mod args;
pub mod citizens;
pub mod console;
pub mod officials;
pub mod portal;
pub mod rejects;
pub mod source;
use super::{CliResult, Global};
use args::TomlArgs;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Filings and bookings made on the citizen portal, as cases and bookings
    Portal(portal::PortalArgs),
    /// Citizens from a register extract (CSV), through the counter's own rules
    Citizens(citizens::CitizensArgs),
    /// Officials of the directory (CSV), merged into the catalogue, with accounts where a role is given
    Officials(officials::OfficialsArgs),
    /// The catalogue (TOML), as `clerkdesk catalogue import`
    Catalogue(TomlArgs),
    /// The appointment plan (TOML), as `clerkdesk appointments plan import`
    Plan(TomlArgs),
}

pub fn run(g: &Global, cmd: ImportCommand) -> CliResult {
    match cmd {
        ImportCommand::Portal(a) => portal::run(g, &a),
        ImportCommand::Citizens(a) => citizens::run(g, &a),
        ImportCommand::Officials(a) => officials::run(g, &a),
        ImportCommand::Catalogue(a) => super::catalogue::run(g, super::catalogue::CatalogueCommand::Import(a)),
        ImportCommand::Plan(a) => super::appointments::admin::import(g, &a),
    }
}
