//! The cash desk: payments on a case's fee claim. Partial payments add up; more than is owed
//! is refused, and a receipt number is used once.

use crate::desk::{Actor, Desk, DeskError, audit};
use crate::domain::money::format_czk;
use crate::domain::permissions::{Operation, Scope};
use crate::store::FeeClaimRow;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Cash,
    Card,
    Transfer,
}

impl PaymentMethod {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Card => "card",
            PaymentMethod::Transfer => "transfer",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<PaymentMethod> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cash" | "hotove" | "hotově" => Some(PaymentMethod::Cash),
            "card" | "karta" => Some(PaymentMethod::Card),
            "transfer" | "prevod" | "převod" => Some(PaymentMethod::Transfer),
            _ => None,
        }
    }
}

/// What a case's fees stand at, in whole crowns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct FeeStatus {
    pub claimed: i64,
    pub paid: i64,
    pub owed: i64,
}

impl FeeStatus {
    #[must_use]
    pub fn of(claims: &[FeeClaimRow]) -> FeeStatus {
        let claimed = claims.iter().map(|c| c.amount_czk).sum();
        let paid = claims.iter().map(|c| c.paid_czk).sum();
        FeeStatus { claimed, paid, owed: claimed - paid }
    }
}

impl Desk {
    /// Records a payment at the cash desk on the oldest claim with something owed; audited.
    ///
    /// # Errors
    /// Not a counter clerk, supervisor or administrator; an unknown case; no fee owed; an amount
    /// of 0 or more than owed; a blank or already used receipt number.
    pub fn pay_fee(
        &mut self,
        actor: &Actor,
        reference: &str,
        amount_czk: i64,
        method: PaymentMethod,
        receipt_number: &str,
    ) -> Result<FeeStatus, DeskError> {
        actor.may(Operation::TakePayment, Scope::ANY)?;
        let user = actor
            .user_id
            .ok_or_else(|| DeskError::Forbidden("payments are taken from a clerk's account; use --as USER".into()))?;
        let receipt = receipt_number.trim();
        if receipt.is_empty() {
            return Err(DeskError::invalid("receipt", "the receipt number is required", "err-required"));
        }
        if amount_czk <= 0 {
            return Err(DeskError::invalid("amount", "must be a positive number of crowns", "err-amount"));
        }
        let now = self.now_str();
        self.store.write(|tx| {
            let case = super::flow::load(tx, reference)?;
            let claims = tx.fee_claims(case.id)?;
            let status = FeeStatus::of(&claims);
            let Some(claim) = claims.iter().find(|c| c.amount_czk > c.paid_czk) else {
                return Err(DeskError::invalid(
                    "amount",
                    format!("case {} owes nothing", case.reference_number),
                    "err-nothing-owed",
                ));
            };
            if amount_czk > status.owed {
                return Err(DeskError::invalid(
                    "amount",
                    format!(
                        "{} is more than the {} owed on case {}",
                        format_czk(amount_czk),
                        format_czk(status.owed),
                        case.reference_number
                    ),
                    "err-overpaid",
                ));
            }
            if tx.receipt_exists(receipt)? {
                return Err(DeskError::Conflict(format!("receipt number {receipt} is already used")));
            }
            tx.insert_payment(claim.id, amount_czk, method.as_str(), receipt, &now, user)?;
            let detail =
                format!("{} {} {} receipt {receipt}", case.reference_number, format_czk(amount_czk), method.as_str());
            tx.audit(&audit(actor, &now, "fee_pay", "case", case.id.to_string(), detail, ""))?;
            Ok(FeeStatus { paid: status.paid + amount_czk, owed: status.owed - amount_czk, ..status })
        })
    }
}
