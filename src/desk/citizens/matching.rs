//! One row of a register extract against the citizens on file. The citizen is the one with the
//! row's birth number, else the one with the same name (case and diacritics aside) and birth
//! date whose birth number does not contradict the row's, else a new citizen, created exactly as
//! at the counter ([`insert_checked_in_tx`]). A citizen on file is never overwritten: the row only fills
//! what the office left empty (the birth number, phone, e-mail, the address), and a value that
//! differs from a non-empty one on file is reported as a conflict, the office's value kept.

use super::{Checked, NewCitizenInput, describe, insert_checked_in_tx, same_name};
use crate::desk::{Actor, DeskError, audit};
use crate::domain::text::fold;
use crate::store::{CitizenDetails, CitizenRow, Tx};
use serde::Serialize;

/// What a row did to the citizens on file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    New,
    Updated,
    Unchanged,
}

/// A row's value that differs from what the office has on file (which stays).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub line: u64,
    pub citizen_id: i64,
    pub field: &'static str,
    pub on_file: String,
    pub in_file: String,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}: {}: citizen #{} has '{}' on file, the file '{}'; the office's value is kept",
            self.line, self.field, self.citizen_id, self.on_file, self.in_file
        )
    }
}

pub(crate) struct RowOutcome {
    pub kind: Kind,
    pub conflicts: Vec<Conflict>,
}

/// Imports one checked row inside the caller's transaction; `line` names it in conflicts.
///
/// # Errors
/// Several citizens on file the row could be (`Conflict`), a failing statement.
pub(crate) fn import_row(
    tx: &Tx<'_>,
    actor: &Actor,
    input: &NewCitizenInput,
    checked: &Checked,
    line: u64,
    now: &str,
) -> Result<RowOutcome, DeskError> {
    if let Some(bn) = &checked.birth_number {
        if let Some(found) = tx.citizen_by_birth_number(bn.digits())? {
            return merge(tx, actor, &found, input, checked, line, now);
        }
    }
    let born = tx.citizens_born_on(&checked.birth_date.to_string())?;
    let namesakes: Vec<&CitizenRow> = born.iter().filter(|c| same_name(c, input)).collect();
    // Two different birth numbers are two people, however alike their names.
    let candidates: Vec<&CitizenRow> =
        namesakes.iter().copied().filter(|c| c.birth_number.is_none() || checked.birth_number.is_none()).collect();
    match candidates.as_slice() {
        [] => {
            // Nobody on file with the birth number (looked up above), and the namesakes left are
            // other people by their birth numbers: the row is a new citizen, written without
            // looking again.
            let reason =
                if namesakes.is_empty() { "" } else { "a namesake born the same day has another birth number" };
            insert_checked_in_tx(tx, actor, input, checked, reason, now)?;
            Ok(RowOutcome { kind: Kind::New, conflicts: Vec::new() })
        }
        [found] => merge(tx, actor, found, input, checked, line, now),
        several => {
            let who: Vec<String> = several.iter().map(|c| format!("#{}", c.id)).collect();
            Err(DeskError::Conflict(format!(
                "{} citizens on file have this name and birth date ({}); give the birth number to tell them apart, or merge them at the desk",
                several.len(),
                who.join(", ")
            )))
        }
    }
}

/// The address parts compared as an address: case, diacritics and spacing aside.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    norm(a) == norm(b)
}

pub(crate) fn same_postcode(a: &str, b: &str) -> bool {
    a.split_whitespace().collect::<String>() == b.split_whitespace().collect::<String>()
}

/// Fills the empty details of `found` from the row and lists the values that differ.
#[allow(clippy::too_many_lines, reason = "one comparison per detail of the citizen")]
fn merge(
    tx: &Tx<'_>,
    actor: &Actor,
    found: &CitizenRow,
    input: &NewCitizenInput,
    checked: &Checked,
    line: u64,
    now: &str,
) -> Result<RowOutcome, DeskError> {
    let mut conflicts = Vec::new();
    let mut conflict = |field, on_file: &str, in_file: &str| {
        conflicts.push(Conflict {
            line,
            citizen_id: found.id.0,
            field,
            on_file: on_file.to_owned(),
            in_file: in_file.to_owned(),
        });
    };
    let mut filled = Vec::new();
    let birth_number = match (&found.birth_number, &checked.birth_number) {
        (None, Some(bn)) => {
            filled.push("birth_number");
            Some(bn.digits())
        }
        (on_file, _) => on_file.as_deref(),
    };
    for (field, on_file, in_file) in
        [("given_name", &found.given_name, &input.given_name), ("family_name", &found.family_name, &input.family_name)]
    {
        if fold(on_file.trim()) != fold(in_file.trim()) {
            conflict(field, on_file, in_file.trim());
        }
    }
    let mut phone = found.phone.as_str();
    match (found.phone.is_empty(), checked.phone.is_empty()) {
        (true, false) => {
            phone = &checked.phone;
            filled.push("phone");
        }
        (false, false) if found.phone != checked.phone => conflict("phone", &found.phone, &checked.phone),
        (_, true) | (false, false) => {}
    }
    let mut email = found.email.as_str();
    let new_email = input.email.trim();
    match (found.email.is_empty(), new_email.is_empty()) {
        (true, false) => {
            email = new_email;
            filled.push("email");
        }
        (false, false) if !found.email.eq_ignore_ascii_case(new_email) => conflict("email", &found.email, new_email),
        (_, true) | (false, false) => {}
    }
    let (street, city, postcode) = match address(found, input) {
        Address::Keep => (found.street.as_str(), found.city.as_str(), found.postcode.as_str()),
        Address::Fill(parts) => {
            filled.push("address");
            parts
        }
        Address::Differs(on_file, in_file) => {
            conflict("address", &on_file, &in_file);
            (found.street.as_str(), found.city.as_str(), found.postcode.as_str())
        }
    };
    if filled.is_empty() {
        return Ok(RowOutcome { kind: Kind::Unchanged, conflicts });
    }
    let details = CitizenDetails { birth_number, phone, email, street, city, postcode };
    tx.update_citizen_details(found.id, &details)?;
    let detail = format!("{}: filled from an import: {}", describe(found), filled.join(", "));
    tx.audit(&audit(actor, now, "citizen_update", "citizen", found.id.to_string(), detail, ""))?;
    Ok(RowOutcome { kind: Kind::Updated, conflicts })
}

enum Address<'a> {
    Keep,
    /// Street, city, postcode: the office's parts with the empty ones filled from the row.
    Fill((&'a str, &'a str, &'a str)),
    /// The office's address and the row's, as text.
    Differs(String, String),
}

/// The address is one thing: the row fills the office's empty parts only when every part both
/// have agrees (a postcode from another town must not join the office's street).
fn address<'a>(found: &'a CitizenRow, input: &'a NewCitizenInput) -> Address<'a> {
    let ours = [found.street.as_str(), found.city.as_str(), found.postcode.as_str()];
    let theirs = [input.street.trim(), input.city.trim(), input.postcode.trim()];
    let agree = [same_text(ours[0], theirs[0]), same_text(ours[1], theirs[1]), same_postcode(ours[2], theirs[2])];
    let mut fill = false;
    for i in 0..3 {
        match (ours[i].is_empty(), theirs[i].is_empty()) {
            (true, false) => fill = true,
            (false, false) if !agree[i] => {
                let text = |p: [&str; 3]| p.iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
                return Address::Differs(text(ours), text(theirs));
            }
            _ => {}
        }
    }
    if !fill {
        return Address::Keep;
    }
    let pick = |i: usize| if ours[i].is_empty() { theirs[i] } else { ours[i] };
    Address::Fill((pick(0), pick(1), pick(2)))
}

/// The citizens seen so far in one pass over a file: a second row for one of them is refused,
/// whichever batch it falls in.
#[derive(Default)]
pub(crate) struct SeenInFile {
    by_birth_number: std::collections::HashMap<String, u64>,
    by_name: std::collections::HashMap<(String, String, chrono::NaiveDate), Vec<(u64, bool)>>,
}

impl SeenInFile {
    fn key(input: &NewCitizenInput, checked: &Checked) -> (String, String, chrono::NaiveDate) {
        (fold(input.given_name.trim()), fold(input.family_name.trim()), checked.birth_date)
    }

    /// Refuses a row for a citizen an earlier row of the file is for.
    ///
    /// # Errors
    /// The same birth number (`birth_number`), or the same name and birth date without two birth
    /// numbers to tell them apart (`Conflict`).
    pub(crate) fn check(&self, input: &NewCitizenInput, checked: &Checked) -> Result<(), DeskError> {
        if let Some(bn) = &checked.birth_number {
            if let Some(line) = self.by_birth_number.get(bn.digits()) {
                let msg = format!("{} is on line {line} already", bn.masked());
                return Err(DeskError::invalid("birth_number", msg, "err-form"));
            }
        }
        let earlier = self.by_name.get(&Self::key(input, checked)).into_iter().flatten();
        for (line, had_bn) in earlier {
            if !had_bn || checked.birth_number.is_none() {
                return Err(DeskError::Conflict(format!(
                    "the same citizen as line {line} (same name and birth date, no two birth numbers to tell them apart)"
                )));
            }
        }
        Ok(())
    }

    pub(crate) fn add(&mut self, input: &NewCitizenInput, checked: &Checked, line: u64) {
        if let Some(bn) = &checked.birth_number {
            self.by_birth_number.insert(bn.digits().to_owned(), line);
        }
        let has_bn = checked.birth_number.is_some();
        self.by_name.entry(Self::key(input, checked)).or_default().push((line, has_bn));
    }
}
