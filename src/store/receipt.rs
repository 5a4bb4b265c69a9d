//! What the citizen's receipt of a filing shows, read in one transaction so the fee, the payments
//! and the documents all belong to the same moment.

use super::{StoreError, Tx};
use rusqlite::OptionalExtension;

/// One case as its receipt needs it; names in Czech (the receipt is a Czech official paper).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRow {
    pub reference_number: String,
    /// UTC instant, RFC 3339.
    pub filed_at: String,
    /// Office date (ISO); `None` while the deadline clock is suspended.
    pub deadline: Option<String>,
    pub situation_name_cs: String,
    /// The situation's list of documents to bring, in Czech.
    pub situation_documents_cs: Vec<String>,
    /// The situation's usual fee, and the rule when it is not flat.
    pub situation_fee_czk: i64,
    pub fee_note_cs: String,
    pub department_name_cs: String,
    pub citizen_name: Option<String>,
    /// The names of the documents recorded as handed over, in the order they were recorded.
    pub attachments: Vec<String>,
    /// Sum of the fee claims, `None` when no fee was claimed for the case.
    pub claimed_czk: Option<i64>,
    /// Sum of the payments against those claims (corrections are negative lines).
    pub paid_czk: i64,
}

impl Tx<'_> {
    /// The receipt's data of the case with this reference number; `None` when there is none.
    pub fn receipt_row(&self, reference: &str) -> Result<Option<ReceiptRow>, StoreError> {
        let head = self
            .prepare_cached(
                "SELECT c.id, c.reference_number, c.filed_at, c.deadline, s.id, s.name_cs, s.fee_czk, s.fee_note_cs,
                        d.name_cs, z.given_name || ' ' || z.family_name
                 FROM cases c
                 JOIN situations s ON s.id = c.situation_id
                 JOIN departments d ON d.id = c.department_id
                 LEFT JOIN citizens z ON z.id = c.citizen_id
                 WHERE c.reference_number = ?1",
            )?
            .query_row([reference], |r| {
                let case_id: i64 = r.get(0)?;
                let situation_id: i64 = r.get(4)?;
                let row = ReceiptRow {
                    reference_number: r.get(1)?,
                    filed_at: r.get(2)?,
                    deadline: r.get(3)?,
                    situation_name_cs: r.get(5)?,
                    situation_documents_cs: Vec::new(),
                    situation_fee_czk: r.get(6)?,
                    fee_note_cs: r.get(7)?,
                    department_name_cs: r.get(8)?,
                    citizen_name: r.get(9)?,
                    attachments: Vec::new(),
                    claimed_czk: None,
                    paid_czk: 0,
                };
                Ok((case_id, situation_id, row))
            })
            .optional()?;
        let Some((case_id, situation_id, mut row)) = head else {
            return Ok(None);
        };
        // json_each keeps the catalogue's order of the list; a situation without a Czech list
        // yields no rows rather than an error.
        row.situation_documents_cs = self
            .prepare_cached(
                "SELECT j.value FROM situations s, json_each(s.documents, '$.cs') j WHERE s.id = ?1 ORDER BY j.key",
            )?
            .query_map([situation_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        row.attachments = self
            .prepare_cached("SELECT name FROM attachments WHERE case_id = ?1 ORDER BY id")?
            .query_map([case_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        (row.claimed_czk, row.paid_czk) = self
            .prepare_cached(
                "SELECT (SELECT sum(amount_czk) FROM fee_claims WHERE case_id = ?1),
                        (SELECT coalesce(sum(p.amount_czk), 0) FROM payments p
                         JOIN fee_claims f ON f.id = p.claim_id WHERE f.case_id = ?1)",
            )?
            .query_row([case_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(Some(row))
    }
}
