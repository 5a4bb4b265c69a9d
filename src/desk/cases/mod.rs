//! Filing a case: the one transaction that gives a filing its reference number.
//! (The intake form, transitions and the back office build on this.)

pub mod actions;
pub mod detail;
pub mod fees;
pub mod flow;
pub mod list;
pub mod receipt;
pub mod watchdog;
use super::error::{plain_line, plain_note};
use super::{Actor, Desk, DeskError, audit};
use crate::domain::case::{CaseStatus, Channel};
use crate::domain::clock::OFFICE_TZ;
use crate::domain::deadline;
use crate::domain::form::validate_form;
use crate::domain::ids::{CaseId, CitizenId};
use crate::domain::permissions::{Operation, Scope};
use crate::store::{NewCaseRow, Tx};
use chrono::{DateTime, Datelike, Days, NaiveDate, SecondsFormat, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// The filing office as the configuration names it, and its reference-number pattern.
#[derive(Debug, Clone)]
pub(super) struct Office {
    pub designation: String,
    pub name: String,
    pub pattern: crate::domain::refnum::RefPattern,
}

impl Office {
    pub(super) fn of(config: &crate::config::Config) -> Office {
        Office {
            designation: config.designation.clone(),
            name: config.office_name.clone(),
            pattern: config.reference_pattern.clone(),
        }
    }
}

/// What a clerk submits.
#[derive(Debug, Clone)]
pub struct NewFiling {
    pub citizen_id: Option<CitizenId>,
    pub situation_code: String,
    pub channel: Channel,
    pub subject: String,
    pub note: String,
    /// The life situation's form, key → value as typed; checked against the situation's fields.
    pub fields: BTreeMap<String, String>,
    pub attachments: Vec<NewAttachment>,
}

/// A document the citizen handed over: recorded by name, size and checksum, not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub name: String,
    pub size: u64,
    /// SHA-256 as 64 hex digits (stored in lower case).
    pub sha256: String,
}

impl NewAttachment {
    /// # Errors
    /// A name that is empty, over 255 characters or holds a control character (the store counts a
    /// name only up to a NUL), a size beyond what the store keeps, or a checksum that is not 64 hex
    /// digits.
    pub fn check(&self) -> Result<(), DeskError> {
        let name = self.name.trim();
        let n = name.chars().count();
        if n == 0 || n > 255 || name.chars().any(char::is_control) {
            return Err(DeskError::invalid(
                "attachment",
                "a name of 1 to 255 characters, none of them a control character, is needed",
                "err-attachment-name",
            ));
        }
        if i64::try_from(self.size).is_err() {
            return Err(DeskError::invalid(
                "attachment",
                format!("'{name}': {} bytes is larger than any real file", self.size),
                "err-attachment-size",
            ));
        }
        if self.sha256.len() != 64 || !self.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(DeskError::invalid(
                "attachment",
                format!("'{}': the SHA-256 checksum must be 64 hex digits", self.name.trim()),
                "err-attachment-sha256",
            ));
        }
        Ok(())
    }
}

/// Days a fee filed elsewhere than at the counter is due in (at the counter it is paid at once).
pub const FEE_DUE_DAYS: u64 = 15;

/// What the clerk is shown at once.
#[derive(Debug, Clone, Serialize)]
pub struct FiledCase {
    pub id: CaseId,
    pub reference_number: String,
    pub status: CaseStatus,
    pub department: String,
    pub deadline: Option<NaiveDate>,
}

impl Desk {
    /// Creates the case: reference number, routing to the situation's department, the statutory
    /// deadline, history and audit, all in one transaction.
    ///
    /// # Errors
    /// Unknown life situation or citizen; a failing write (then no number is used up).
    pub fn file_case(&mut self, actor: &Actor, filing: &NewFiling) -> Result<FiledCase, DeskError> {
        let now = self.now_str();
        let today = self.clock.today();
        let office = Office::of(&self.config);
        self.store.write(|tx| file_in_tx(tx, actor, filing, &now, today, &office))
    }
}

/// The filing itself, inside the caller's transaction (the demo generator files many per
/// transaction through the same code).
pub(super) fn file_in_tx(
    tx: &Tx<'_>,
    actor: &Actor,
    filing: &NewFiling,
    now: &str,
    today: NaiveDate,
    office: &Office,
) -> Result<FiledCase, DeskError> {
    actor.may(Operation::FileCase, Scope::ANY)?;
    let terms = filing_terms(tx, &filing.situation_code)?;
    if let Some(c) = filing.citizen_id {
        if !tx.citizen_exists(c)? {
            return Err(DeskError::invalid("citizen", format!("no citizen with id {c}"), "err-unknown-citizen"));
        }
    }
    let form_data = check_filing(&terms, filing)?;
    let office_id = tx.office_id(&office.designation, &office.name)?;
    insert_filing(tx, actor, filing, &terms, &form_data, &Filed { now, today, office, office_id, portal: None })
}

/// The portal's id of an imported filing, whether the portal verified the filer's identity, and
/// when the citizen submitted it.
#[derive(Debug, Clone, Copy)]
pub(super) struct PortalMark<'a> {
    pub portal_id: &'a str,
    pub identified: bool,
    pub submitted_at: DateTime<Utc>,
}

/// A portal instant as stored: RFC 3339 UTC with the portal's own precision, so the export writes
/// back exactly the instant the portal sent.
pub(super) fn portal_instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The day a filing is received, from which its deadline runs (správní řád §71): at the office,
/// today; from the portal, the office day the citizen submitted it, which the import may follow by
/// days (never later than today, whatever the portal's clock said).
fn received_on(today: NaiveDate, portal: Option<PortalMark<'_>>) -> NaiveDate {
    portal.map_or(today, |p| p.submitted_at.with_timezone(&OFFICE_TZ).date_naive().min(today))
}

/// What filing under a life situation takes from the catalogue: looked up once per situation by
/// a bulk import, per filing at the counter.
#[derive(Debug, Clone)]
pub(super) struct FilingTerms {
    pub situation_id: crate::domain::ids::SituationId,
    pub department_id: crate::domain::ids::DepartmentId,
    pub dept_code: String,
    pub deadline_days: u32,
    pub fields: Vec<crate::domain::catalogue::FormField>,
    pub fee_czk: u32,
}

/// The active life situation with this code and its terms.
///
/// # Errors
/// An unknown or retired life situation (`Invalid`, field `situation`), a failing query.
pub(super) fn filing_terms(tx: &Tx<'_>, code: &str) -> Result<FilingTerms, DeskError> {
    let (situation_id, department_id, dept_code, deadline_days) = tx.situation_for_filing(code)?.ok_or_else(|| {
        DeskError::invalid("situation", format!("unknown life situation '{code}'"), "err-unknown-situation")
    })?;
    let (fields, fee_czk) = tx.situation_terms(situation_id)?;
    Ok(FilingTerms { situation_id, department_id, dept_code, deadline_days, fields, fee_czk })
}

/// Checks a filing's attachments and form against its situation's terms, writing nothing: the
/// form as stored (JSON), or why the filing is refused.
///
/// # Errors
/// A bad attachment (`attachment`) or form field (`form`).
pub(super) fn check_filing(terms: &FilingTerms, filing: &NewFiling) -> Result<String, DeskError> {
    plain_line("subject", &filing.subject)?;
    plain_note("note", &filing.note)?;
    for a in &filing.attachments {
        a.check()?;
    }
    let form = validate_form(&terms.fields, &filing.fields).map_err(|errors| {
        let message = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        let id = errors.first().map_or("err-form", |e| e.message_id);
        DeskError::invalid("form", message, id)
    })?;
    Ok(serde_json::Value::Object(form).to_string())
}

/// When, where and how a checked filing is filed.
pub(super) struct Filed<'a> {
    pub now: &'a str,
    pub today: NaiveDate,
    pub office: &'a Office,
    pub office_id: i64,
    pub portal: Option<PortalMark<'a>>,
}

/// Writes a filing that [`check_filing`] passed (its `form_data`): the reference number, the case
/// routed to the situation's department with its deadline, attachments, the fee claim, history
/// and audit. Every check is done before: nothing here refuses a filing, so a bulk import needs
/// no savepoint around it.
pub(super) fn insert_filing(
    tx: &Tx<'_>,
    actor: &Actor,
    filing: &NewFiling,
    terms: &FilingTerms,
    form_data: &str,
    at: &Filed<'_>,
) -> Result<FiledCase, DeskError> {
    let user = actor
        .user_id
        .ok_or_else(|| DeskError::Forbidden("a case is filed by a clerk's account; use --as USER".into()))?;
    let (now, today, office) = (at.now, at.today, at.office);
    // Checked by `check_filing` before: here only trimmed as stored.
    let subject = plain_line("subject", &filing.subject)?;
    let note = plain_note("note", &filing.note)?;
    let year = today.year();
    let seq = tx.next_ref_seq(at.office_id, year)?;
    let reference_number = office.pattern.format(&office.designation, seq, year, &terms.dept_code);
    let received = received_on(today, at.portal);
    let deadline = deadline::deadline(received, terms.deadline_days, 0, &[]);
    let received_on = received.to_string();
    let submitted_at = at.portal.map(|p| portal_instant(p.submitted_at));
    let deadline_str = deadline.map(|d| d.to_string());
    let id = tx.insert_case(&NewCaseRow {
        reference_number: &reference_number,
        office_id: at.office_id,
        ref_year: year,
        ref_seq: seq,
        citizen_id: filing.citizen_id,
        situation_id: terms.situation_id,
        department_id: terms.department_id,
        status: CaseStatus::Received.as_str(),
        channel: filing.channel.as_str(),
        subject,
        form_data,
        note,
        filed_at: now,
        filed_by: user,
        received_on: &received_on,
        deadline: deadline_str.as_deref(),
        period_days: terms.deadline_days,
        portal_id: at.portal.map(|p| p.portal_id),
        portal_identified: at.portal.is_some_and(|p| p.identified),
        portal_submitted_at: submitted_at.as_deref(),
    })?;
    for a in &filing.attachments {
        tx.insert_attachment(id, a.name.trim(), a.size, &a.sha256.to_ascii_lowercase(), now, user)?;
    }
    if terms.fee_czk > 0 {
        let due = if filing.channel == Channel::Counter { today } else { today + Days::new(FEE_DUE_DAYS) };
        tx.insert_fee_claim(id, terms.fee_czk, &due.to_string(), now)?;
    }
    tx.insert_history(id, now, user, "filed", None, Some(CaseStatus::Received.as_str()), filing.channel.as_str(), "")?;
    tx.audit(&audit(actor, now, "case_file", "case", id.to_string(), reference_number.clone(), ""))?;
    Ok(FiledCase { id, reference_number, status: CaseStatus::Received, department: terms.dept_code.clone(), deadline })
}
