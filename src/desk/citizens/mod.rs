//! Citizens at the counter: find one, or create one without making a duplicate. A birth number
//! is on file once; the same name and birth date is most likely the same person, so it is refused
//! until the clerk confirms it is not.

pub mod callers;
pub mod matching;
use super::error::plain_line;
use super::{Actor, Desk, DeskError, audit};
use crate::domain::birth_number::BirthNumber;
use crate::domain::dates::parse_date;
use crate::domain::ids::CitizenId;
use crate::domain::permissions::{Operation, Scope};
use crate::domain::phone;
use crate::domain::text::fold_eq;
use crate::store::{CitizenRow, NewCitizen, Tx};
use chrono::NaiveDate;

/// What the clerk typed for a new citizen.
#[derive(Debug, Clone, Default)]
pub struct NewCitizenInput {
    pub given_name: String,
    pub family_name: String,
    /// `20. 11. 1980` or ISO.
    pub birth_date: String,
    pub birth_number: Option<String>,
    pub phone: Option<String>,
    pub email: String,
    pub street: String,
    pub city: String,
    pub postcode: String,
}

/// The input checked and normalised.
pub(super) struct Checked {
    pub(super) birth_date: NaiveDate,
    pub(super) birth_number: Option<BirthNumber>,
    /// E.164, or empty.
    pub(super) phone: String,
}

pub(super) fn check(input: &NewCitizenInput) -> Result<Checked, DeskError> {
    for (field, value) in [
        ("given_name", &input.given_name),
        ("family_name", &input.family_name),
        ("street", &input.street),
        ("city", &input.city),
        ("postcode", &input.postcode),
        ("email", &input.email),
    ] {
        plain_line(field, value)?;
    }
    if input.given_name.trim().is_empty() {
        return Err(DeskError::invalid("given_name", "is required", "err-required"));
    }
    if input.family_name.trim().is_empty() {
        return Err(DeskError::invalid("family_name", "is required", "err-required"));
    }
    let birth_date = parse_date(&input.birth_date).ok_or_else(|| {
        DeskError::invalid(
            "birth_date",
            format!("'{}' is not a date (e.g. 20. 11. 1980)", input.birth_date),
            "err-date",
        )
    })?;
    let birth_number = match input.birth_number.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => {
            let bn = BirthNumber::parse(raw)
                .map_err(|e| DeskError::invalid("birth_number", e.to_string(), e.message_id()))?;
            if bn.birth_date() != birth_date {
                return Err(DeskError::invalid(
                    "birth_number",
                    format!("the birth number's date is {}, not the birth date {birth_date}", bn.birth_date()),
                    "err-bn-date-mismatch",
                ));
            }
            Some(bn)
        }
    };
    let phone = match input.phone.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => String::new(),
        Some(raw) => phone::normalize(raw).map_err(|e| DeskError::invalid("phone", e.to_string(), e.message_id()))?,
    };
    let email = input.email.trim();
    if !email.is_empty() && !email.contains('@') {
        return Err(DeskError::invalid("email", format!("'{email}' is not an e-mail address"), "err-email"));
    }
    Ok(Checked { birth_date, birth_number, phone })
}

pub(super) fn same_name(c: &CitizenRow, input: &NewCitizenInput) -> bool {
    fold_eq(c.family_name.trim(), input.family_name.trim()) && fold_eq(c.given_name.trim(), input.given_name.trim())
}

pub(super) fn describe(c: &CitizenRow) -> String {
    format!("citizen #{} {} {}, born {}", c.id, c.given_name, c.family_name, c.birth_date)
}

/// Citizens the new one may be: the same birth number, or the same name and birth date.
fn duplicates_in(tx: &Tx<'_>, input: &NewCitizenInput, checked: &Checked) -> Result<Vec<CitizenRow>, DeskError> {
    let mut out = Vec::new();
    if let Some(bn) = &checked.birth_number {
        out.extend(tx.citizen_by_birth_number(bn.digits())?);
    }
    for c in tx.citizens_born_on(&checked.birth_date.to_string())? {
        if same_name(&c, input) && !out.iter().any(|o| o.id == c.id) {
            out.push(c);
        }
    }
    Ok(out)
}

impl Desk {
    /// Creates a citizen; audited.
    ///
    /// # Errors
    /// Bad input; a birth number already on file (`Conflict`, naming the citizen); someone of the
    /// same name and birth date already on file unless `confirm_duplicate` (`Conflict`).
    pub fn create_citizen(
        &mut self,
        actor: &Actor,
        input: &NewCitizenInput,
        confirm_duplicate: bool,
    ) -> Result<CitizenId, DeskError> {
        actor.may(Operation::CreateCitizen, Scope::ANY)?;
        let checked = check(input)?;
        let now = self.now_str();
        self.store.write(|tx| create_in_tx(tx, actor, input, &checked, confirm_duplicate, &now))
    }

    /// A new citizen and their first filing in one transaction: a refused filing leaves no
    /// citizen behind (the CLI's `case file --new-citizen`, the portal import).
    ///
    /// # Errors
    /// Anything [`Desk::create_citizen`] or [`Desk::file_case`] refuses; then nothing is written.
    pub fn file_case_for_new_citizen(
        &mut self,
        actor: &Actor,
        input: &NewCitizenInput,
        confirm_duplicate: bool,
        filing: &super::NewFiling,
    ) -> Result<super::FiledCase, DeskError> {
        actor.may(Operation::CreateCitizen, Scope::ANY)?;
        let checked = check(input)?;
        let now = self.now_str();
        let today = self.clock.today();
        let office = super::cases::Office::of(&self.config);
        self.store.write(|tx| {
            let id = create_in_tx(tx, actor, input, &checked, confirm_duplicate, &now)?;
            let filing = super::NewFiling { citizen_id: Some(id), ..filing.clone() };
            super::cases::file_in_tx(tx, actor, &filing, &now, today, &office)
        })
    }

    /// The citizens a new one may duplicate, for the form to warn before creating.
    ///
    /// # Errors
    /// Bad input (nothing to compare with), a failing query.
    pub fn find_duplicates(&mut self, input: &NewCitizenInput) -> Result<Vec<CitizenRow>, DeskError> {
        let checked = check(input)?;
        self.store.read(|tx| duplicates_in(tx, input, &checked))
    }

    /// # Errors
    /// A malformed birth number, a failing query.
    pub fn citizen_by_birth_number(&mut self, raw: &str) -> Result<Option<CitizenRow>, DeskError> {
        let bn =
            BirthNumber::parse(raw).map_err(|e| DeskError::invalid("birth_number", e.to_string(), e.message_id()))?;
        Ok(self.store.read(|tx| tx.citizen_by_birth_number(bn.digits()))?)
    }

    pub fn citizen(&mut self, id: CitizenId) -> Result<Option<CitizenRow>, DeskError> {
        Ok(self.store.read(|tx| tx.citizen(id))?)
    }
}

/// Creates the citizen inside the caller's transaction, refusing a known birth number and, unless
/// confirmed, a possible duplicate.
pub(super) fn create_in_tx(
    tx: &Tx<'_>,
    actor: &Actor,
    input: &NewCitizenInput,
    checked: &Checked,
    confirm_duplicate: bool,
    now: &str,
) -> Result<CitizenId, DeskError> {
    if let Some(bn) = &checked.birth_number {
        if let Some(c) = tx.citizen_by_birth_number(bn.digits())? {
            return Err(DeskError::Conflict(format!(
                "birth number {} is already on file: {}",
                bn.masked(),
                describe(&c)
            )));
        }
    }
    if !confirm_duplicate {
        if let Some(c) = duplicates_in(tx, input, checked)?.first() {
            return Err(DeskError::Conflict(format!(
                "possible duplicate: {} is already on file; confirm to create another citizen anyway",
                describe(c)
            )));
        }
    }
    let reason = if confirm_duplicate { "duplicate confirmed" } else { "" };
    insert_checked_in_tx(tx, actor, input, checked, reason, now)
}

/// Writes a citizen whose input [`check`] passed and whom the caller found to be no duplicate (or
/// a confirmed one: `reason` says so in the audit line).
pub(super) fn insert_checked_in_tx(
    tx: &Tx<'_>,
    actor: &Actor,
    input: &NewCitizenInput,
    checked: &Checked,
    reason: &str,
    now: &str,
) -> Result<CitizenId, DeskError> {
    let birth_date = checked.birth_date.to_string();
    let id = tx.insert_citizen(&NewCitizen {
        given_name: input.given_name.trim(),
        family_name: input.family_name.trim(),
        birth_date: &birth_date,
        birth_number: checked.birth_number.as_ref().map(BirthNumber::digits),
        phone: &checked.phone,
        email: input.email.trim(),
        street: input.street.trim(),
        city: input.city.trim(),
        postcode: input.postcode.trim(),
        now,
    })?;
    let detail = format!("{} {}", input.given_name.trim(), input.family_name.trim());
    tx.audit(&audit(actor, now, "citizen_create", "citizen", id.to_string(), detail, reason))?;
    Ok(id)
}
