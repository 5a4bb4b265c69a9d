//! Everything about one case on one screen (and in `case show --json`): the citizen, the form,
//! attachments, fees, the deadline and working days left, suspensions, links and the history.

use super::fees::FeeStatus;
use crate::desk::{Desk, DeskError};
use crate::domain::birth_number::BirthNumber;
use crate::domain::case::CaseStatus;
use crate::domain::deadline::working_days_left;
use crate::domain::ids::CaseId;
use crate::store::{
    AttachmentRow, CaseHeader, CitizenRow, FeeClaimRow, HistoryRow, LinkRow, PaymentRow, StoreError, SuspensionRow, Tx,
};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CaseDetail {
    #[serde(flatten)]
    pub case: CaseHeader,
    /// The birth number is masked: personal data.
    pub citizen: Option<CitizenRow>,
    pub form: serde_json::Value,
    pub attachments: Vec<AttachmentRow>,
    pub fees: FeeStatus,
    pub fee_claims: Vec<FeeClaimRow>,
    pub payments: Vec<PaymentRow>,
    /// Positive: left; 0: due today; negative: overdue. `None` while suspended or finished.
    pub working_days_left: Option<i64>,
    pub suspensions: Vec<SuspensionRow>,
    pub links: Vec<LinkRow>,
    pub history: Vec<HistoryRow>,
}

impl CaseDetail {
    #[must_use]
    pub fn status(&self) -> Option<CaseStatus> {
        Some(self.case.status)
    }
}

fn detail_in(tx: &Tx<'_>, id: CaseId, today: NaiveDate) -> Result<Option<CaseDetail>, DeskError> {
    let Some(case) = tx.case_header(id)? else { return Ok(None) };
    let citizen = match case.citizen_id {
        Some(c) => tx.citizen(c)?.map(|mut c| {
            c.birth_number =
                c.birth_number.as_deref().map(|d| BirthNumber::parse(d).map_or_else(|_| "****".into(), |b| b.masked()));
            c
        }),
        None => None,
    };
    let form = serde_json::from_str(&case.form_data)
        .map_err(|e| StoreError::Corrupt(format!("form of case {}: {e}", case.reference_number)))?;
    let open = case.status.is_open();
    let working_days_left = case
        .deadline
        .as_deref()
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .filter(|_| open)
        .map(|d| working_days_left(today, d));
    let fee_claims = tx.fee_claims(id)?;
    Ok(Some(CaseDetail {
        citizen,
        form,
        attachments: tx.attachments(id)?,
        fees: FeeStatus::of(&fee_claims),
        fee_claims,
        payments: tx.payments(id)?,
        working_days_left,
        suspensions: tx.suspensions(id)?,
        links: tx.case_links(id)?,
        history: tx.case_history(id)?,
        case,
    }))
}

impl Desk {
    /// # Errors
    /// An unknown reference number (`NotFound`), a failing query.
    pub fn case_detail(&mut self, reference: &str) -> Result<CaseDetail, DeskError> {
        let today = self.clock.today();
        self.store.read(|tx| {
            let state = super::flow::load(tx, reference)?;
            detail_in(tx, state.id, today)?.ok_or_else(|| DeskError::NotFound(format!("case '{reference}'")))
        })
    }

    /// # Errors
    /// An unknown id (`NotFound`), a failing query.
    pub fn case_detail_by_id(&mut self, id: CaseId) -> Result<CaseDetail, DeskError> {
        let today = self.clock.today();
        self.store.read(|tx| detail_in(tx, id, today)?.ok_or_else(|| DeskError::NotFound(format!("case #{id}"))))
    }
}
