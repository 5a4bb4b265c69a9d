//! The citizen's receipt of a filing: read the case, fill in the office from the config, and
//! audit it, since a receipt discloses the case (who filed what) to whoever holds the paper.

use crate::config::Config;
use crate::desk::{Actor, Desk, DeskError, audit};
use crate::domain::clock::OFFICE_TZ;
use crate::domain::permissions::{Operation, Scope};
use crate::receipt::{Documents, FeeInfo, Receipt, ReceiptError};
use crate::store::{ReceiptRow, StoreError};
use chrono::{DateTime, NaiveDate};

/// How the receipt leaves the desk; written into the audit line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceiptFormat {
    Text,
    Pdf,
    Printer,
}

impl ReceiptFormat {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ReceiptFormat::Text => "text",
            ReceiptFormat::Pdf => "pdf",
            ReceiptFormat::Printer => "printer",
        }
    }
}

impl Desk {
    /// The receipt of the case `reference`, audited as `receipt_print` with the format.
    ///
    /// # Errors
    /// A role that may not see the case (`domain::permissions`), an unknown reference number,
    /// damaged stored dates, or a failing read or audit write.
    pub fn receipt(&mut self, actor: &Actor, reference: &str, format: ReceiptFormat) -> Result<Receipt, DeskError> {
        let reference = reference.trim();
        let at = self.now_str();
        let receipt = self.store.write(|tx| {
            let missing = || DeskError::NotFound(format!("case with reference number '{reference}'"));
            // Whoever may see the case: an official only their own department's.
            let department = tx.case_state(reference)?.ok_or_else(missing)?.department_id;
            actor.may(Operation::PrintReceipt, Scope::department(actor.department_id == Some(department)))?;
            let row = tx.receipt_row(reference)?.ok_or_else(missing)?;
            let receipt = build(&self.config, row)?;
            let detail = format!("format={}", format.as_str());
            tx.audit(&audit(actor, &at, "receipt_print", "case", reference.to_owned(), detail, ""))?;
            Ok::<_, DeskError>(receipt)
        })?;
        tracing::info!(user = %actor.name, reference, format = format.as_str(), "receipt");
        Ok(receipt)
    }

    /// The text receipt of the case `reference` sent to the configured printer: what the intake's
    /// `p` and the case detail's reprint do. No printer configured is refused before the receipt
    /// is made, so the audit never records a print that did not happen.
    pub fn print_receipt(&mut self, actor: &Actor, reference: &str) -> Result<(), DeskError> {
        let command = self.config.printer_command.clone().ok_or(ReceiptError::NoPrinter)?;
        let receipt = self.receipt(actor, reference, ReceiptFormat::Printer)?;
        Ok(crate::receipt::print(&command, &crate::receipt::render_text(&receipt))?)
    }
}

fn build(config: &Config, row: ReceiptRow) -> Result<Receipt, DeskError> {
    let filed_at_local = DateTime::parse_from_rfc3339(&row.filed_at)
        .map_err(|e| StoreError::Corrupt(format!("filing time '{}' of {}: {e}", row.filed_at, row.reference_number)))?
        .with_timezone(&OFFICE_TZ)
        .naive_local();
    let deadline = row
        .deadline
        .as_deref()
        .map(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|e| StoreError::Corrupt(format!("deadline '{d}' of {}: {e}", row.reference_number)))
        })
        .transpose()?;
    let documents = if row.attachments.is_empty() {
        Documents::Checklist(row.situation_documents_cs)
    } else {
        Documents::HandedOver(row.attachments)
    };
    let fee = fee(config, row.claimed_czk, row.paid_czk, row.situation_fee_czk, &row.fee_note_cs);
    let phone = config.office_phone.as_deref().map(crate::domain::phone::display);
    Ok(Receipt {
        office_name: config.office_name.clone(),
        office_designation: config.designation.clone(),
        office_address: config.office_address.clone(),
        how_to_follow: how_to_follow(config.office_web.as_deref(), phone.as_deref(), &row.reference_number),
        office_phone: phone,
        office_web: config.office_web.clone(),
        reference_number: row.reference_number,
        filed_at_local,
        situation: row.situation_name_cs,
        department: row.department_name_cs,
        citizen: row.citizen_name,
        documents,
        fee,
        deadline,
    })
}

/// What the citizen owes. A fee claimed on the case is the amount; before one is claimed, the
/// situation's usual fee is shown with its rule, since the actual amount may differ.
fn fee(config: &Config, claimed: Option<i64>, paid: i64, usual: i64, note: &str) -> Option<FeeInfo> {
    let (claimed, note) = match claimed {
        Some(c) => (c, ""),
        None if usual > 0 => (usual, note.trim()),
        None => return None,
    };
    let owed = claimed - paid;
    let how_to_pay = if owed > 0 {
        let mut s = match &config.bank_account {
            Some(account) => format!(
                "V hotovosti nebo kartou na pokladně úřadu, nebo převodem na účet {account}; \
                 do zprávy pro příjemce uveďte číslo jednací."
            ),
            None => "V hotovosti nebo kartou na pokladně úřadu.".to_owned(),
        };
        if !note.is_empty() {
            s.push(' ');
            s.push_str(note);
        }
        s
    } else {
        String::new()
    };
    Some(FeeInfo { claimed, paid, owed, how_to_pay })
}

fn how_to_follow(web: Option<&str>, phone: Option<&str>, reference: &str) -> String {
    match (web, phone) {
        (Some(w), Some(p)) => {
            format!("Stav podání sledujte na {w} pod číslem jednacím {reference}, nebo se informujte na telefonu {p}.")
        }
        (Some(w), None) => format!("Stav podání sledujte na {w} pod číslem jednacím {reference}."),
        (None, Some(p)) => format!("Na stav podání se informujte na telefonu {p}; uveďte číslo jednací {reference}."),
        (None, None) => format!("Na stav podání se informujte u přepážky úřadu; uveďte číslo jednací {reference}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_fee_is_shown_with_its_rule_until_one_is_claimed() {
        let c = Config::default();
        let f = fee(&c, None, 0, 200, "Za ztracený průkaz 200 Kč.").unwrap_or_else(|| panic!("a fee"));
        assert_eq!((f.claimed, f.owed), (200, 200));
        assert!(f.how_to_pay.contains("19-2701458312/0100") && f.how_to_pay.ends_with("200 Kč."), "{}", f.how_to_pay);
        let f = fee(&c, Some(500), 500, 200, "pravidlo").unwrap_or_else(|| panic!("a fee"));
        assert_eq!((f.claimed, f.owed, f.how_to_pay.as_str()), (500, 0, ""));
        assert_eq!(fee(&c, None, 0, 0, "zdarma"), None);
    }

    #[test]
    fn how_to_follow_uses_what_the_office_has() {
        assert!(how_to_follow(None, None, "R/1").contains("u přepážky"));
        assert!(how_to_follow(Some("https://x.cz"), Some("+420 1"), "R/1").contains("https://x.cz pod číslem"));
    }
}
