//! `clerkdesk fee pay`: a payment at the cash desk, from a script. The acting clerk as in `case`.

use super::{CliResult, Global, print_json, say};
use crate::desk::PaymentMethod;
use crate::domain::money::format_czk;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum FeeCommand {
    /// Record a payment on a case's fee (partial payments add up)
    Pay {
        reference: String,
        /// Whole crowns
        #[arg(long)]
        amount: i64,
        /// cash, card or transfer
        #[arg(long, value_parser = parse_method)]
        method: PaymentMethod,
        /// The receipt's number (each is used once)
        #[arg(long)]
        receipt: String,
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
}

fn parse_method(s: &str) -> Result<PaymentMethod, String> {
    PaymentMethod::parse(s).ok_or_else(|| format!("'{s}' is not a payment method: cash, card or transfer"))
}

pub fn run(g: &Global, cmd: FeeCommand) -> CliResult {
    match cmd {
        FeeCommand::Pay { reference, amount, method, receipt, json } => {
            let (mut desk, actor) = crate::cli::open_as(g)?;
            let status = desk.pay_fee(&actor, &reference, amount, method, &receipt)?;
            if json {
                return print_json(&status);
            }
            say!(
                "{reference}: paid {} ({}); claimed {}, paid {}, owed {}",
                format_czk(amount),
                method.as_str(),
                format_czk(status.claimed),
                format_czk(status.paid),
                format_czk(status.owed)
            );
        }
    }
    Ok(())
}
