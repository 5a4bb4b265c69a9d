//! What a citizen owes for a case and what they paid. Payments are append-only (the schema's
//! triggers): a wrong payment is corrected by a new line.

use super::{StoreError, Tx};
use crate::domain::ids::{CaseId, UserId};
use rusqlite::params;
use serde::Serialize;

/// A claim with what has been paid on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeClaimRow {
    pub id: i64,
    pub amount_czk: i64,
    pub due_on: String,
    pub paid_czk: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentRow {
    pub claim_id: i64,
    pub amount_czk: i64,
    pub method: String,
    pub receipt_number: String,
    pub paid_at: String,
    pub user_name: String,
}

impl Tx<'_> {
    pub fn insert_fee_claim(&self, case: CaseId, amount_czk: u32, due_on: &str, now: &str) -> Result<(), StoreError> {
        self.prepare_cached(
            "INSERT INTO fee_claims (case_id, amount_czk, due_on, created_at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![case.0, amount_czk, due_on, now])?;
        Ok(())
    }

    /// The case's claims, oldest first, with the sum paid on each.
    pub fn fee_claims(&self, case: CaseId) -> Result<Vec<FeeClaimRow>, StoreError> {
        let mut stmt = self.prepare_cached(
            "SELECT f.id, f.amount_czk, f.due_on, coalesce((SELECT sum(p.amount_czk) FROM payments p
                                                             WHERE p.claim_id = f.id), 0)
             FROM fee_claims f WHERE f.case_id = ?1 ORDER BY f.id",
        )?;
        let rows = stmt.query_map([case.0], |r| {
            Ok(FeeClaimRow { id: r.get(0)?, amount_czk: r.get(1)?, due_on: r.get(2)?, paid_czk: r.get(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn payments(&self, case: CaseId) -> Result<Vec<PaymentRow>, StoreError> {
        let mut stmt = self.prepare_cached(
            "SELECT p.claim_id, p.amount_czk, p.method, p.receipt_number, p.paid_at, u.full_name
             FROM payments p JOIN fee_claims f ON f.id = p.claim_id JOIN users u ON u.id = p.user_id
             WHERE f.case_id = ?1 ORDER BY p.id",
        )?;
        let rows = stmt.query_map([case.0], |r| {
            Ok(PaymentRow {
                claim_id: r.get(0)?,
                amount_czk: r.get(1)?,
                method: r.get(2)?,
                receipt_number: r.get(3)?,
                paid_at: r.get(4)?,
                user_name: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn receipt_exists(&self, receipt_number: &str) -> Result<bool, StoreError> {
        Ok(self.prepare_cached("SELECT 1 FROM payments WHERE receipt_number = ?1")?.exists([receipt_number])?)
    }

    /// # Errors
    /// A duplicate receipt number (unique) or a failing insert.
    pub fn insert_payment(
        &self,
        claim_id: i64,
        amount_czk: i64,
        method: &str,
        receipt_number: &str,
        at: &str,
        user: UserId,
    ) -> Result<(), StoreError> {
        self.prepare_cached(
            "INSERT INTO payments (id, claim_id, amount_czk, method, receipt_number, paid_at, user_id, hash)
             SELECT n.id, ?1, ?2, ?3, ?4, ?5, ?6,
                    clerkdesk_chain('payments', n.prev, n.id, ?1, ?2, ?3, ?4, ?5, ?6)
             FROM (SELECT coalesce((SELECT max(id) FROM payments), 0) + 1 AS id,
                          (SELECT hash FROM payments ORDER BY id DESC LIMIT 1) AS prev) n",
        )?
        .execute(params![claim_id, amount_czk, method, receipt_number, at, user.0])?;
        Ok(())
    }
}
