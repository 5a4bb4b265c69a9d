//! The filer of a portal record: the citizen on file it is (birth number, else the same name and
//! birth date), else a new citizen created as at the counter. When the portal verified the
//! identity (eID), the citizen on file also takes the record's phone, e-mail and address where
//! they are given and differ, so a citizen who moved and filed online is found at the new address
//! at the counter. Names, the birth date and the birth number are the office's: never changed
//! here. Looking at the details costs nothing for a filer who is not on file.

use super::Ctx;
use crate::desk::citizens::matching::{same_postcode, same_text};
use crate::desk::citizens::{Checked, NewCitizenInput, check, describe, insert_checked_in_tx, same_name};
use crate::desk::{DeskError, audit};
use crate::domain::ids::CitizenId;
use crate::domain::portal::PortalCitizen;
use crate::domain::text::fold_eq;
use crate::store::{CitizenDetails, CitizenRow, Tx};

/// A filer's details as the counter's form would have them: checked and normalised.
pub(crate) struct Filer {
    input: NewCitizenInput,
    checked: Checked,
}

/// A citizen's errors name the field under `citizen.`, as the file does.
fn in_citizen(e: DeskError) -> DeskError {
    match e {
        DeskError::Invalid { field, message, message_id } => {
            DeskError::Invalid { field: format!("citizen.{field}"), message, message_id }
        }
        other => other,
    }
}

/// Checks the record's citizen by the counter's own rules ([`check`]): a bad phone or e-mail is
/// the record's rejection, whoever the filer turns out to be.
///
/// # Errors
/// The first invalid field, named `citizen.<field>`.
pub(crate) fn check_filer(c: &PortalCitizen) -> Result<Filer, DeskError> {
    let input = NewCitizenInput {
        given_name: c.given_name.clone(),
        family_name: c.family_name.clone(),
        birth_date: c.birth_date.clone(),
        birth_number: c.birth_number.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        street: c.street.clone(),
        city: c.city.clone(),
        postcode: c.postcode.clone(),
    };
    let checked = check(&input).map_err(in_citizen)?;
    Ok(Filer { input, checked })
}

/// The citizen on file with the birth number, else the one born the same day with the same name
/// (case and diacritics aside: the portal's "NOVAK Jan" is the office's "Jan Novák") unless both
/// have birth numbers, which then differ and so are two people; else a new citizen, created as at
/// the counter. A bulk import has no clerk to confirm a possible duplicate, and the portal
/// identified its user, so a match is taken, not refused. A verified filer found on file updates
/// the citizen's contact details ([`apply_verified`]). Without `write` (a check) the input is
/// only validated, since finding the citizen refuses nothing, and the answer is `None`.
pub(crate) fn resolve_citizen(
    tx: &Tx<'_>,
    ctx: &Ctx<'_>,
    c: &PortalCitizen,
    portal_id: &str,
    write: bool,
) -> Result<Option<CitizenId>, DeskError> {
    let filer = check_filer(c)?;
    // Finding the citizen on file refuses nothing: a check needs only the input's own validity.
    if !write {
        return Ok(None);
    }
    let (input, checked) = (&filer.input, &filer.checked);
    if let Some(bn) = &checked.birth_number {
        if let Some(found) = tx.citizen_by_birth_number(bn.digits())? {
            if offers_details(c) {
                apply_verified(tx, ctx, &found, &filer, portal_id)?;
            }
            return Ok(Some(found.id));
        }
    }
    let (given, family) = (input.given_name.trim(), input.family_name.trim());
    let has_bn = checked.birth_number.is_some();
    let same = |found_family: &str, found_given: &str, found_bn: bool| {
        !(found_bn && has_bn) && fold_eq(found_family.trim(), family) && fold_eq(found_given.trim(), given)
    };
    if let Some(found) = tx.first_born_on_named(&checked.birth_date.to_string(), &same)? {
        if offers_details(c) {
            let row = tx.citizen(found)?.ok_or_else(|| DeskError::NotFound(format!("citizen #{}", found.0)))?;
            apply_verified(tx, ctx, &row, &filer, portal_id)?;
        }
        return Ok(Some(found));
    }
    insert_checked_in_tx(tx, ctx.actor, input, checked, "", &ctx.now_s).map(Some).map_err(in_citizen)
}

/// A filing changed on the portal keeps its citizen; a verified filer's new details go to that
/// citizen when the record still names the same person (its birth number, else its name and
/// birth date). Whether they did.
pub(crate) fn update_case_filer(
    tx: &Tx<'_>,
    ctx: &Ctx<'_>,
    citizen: Option<CitizenId>,
    c: &PortalCitizen,
    filer: &Filer,
    portal_id: &str,
) -> Result<bool, DeskError> {
    let Some(id) = citizen.filter(|_| offers_details(c)) else { return Ok(false) };
    let Some(row) = tx.citizen(id)? else { return Ok(false) };
    let same_person = match (&row.birth_number, &filer.checked.birth_number) {
        (Some(ours), Some(theirs)) => ours == theirs.digits(),
        _ => row.birth_date == filer.checked.birth_date.to_string() && same_name(&row, &filer.input),
    };
    if !same_person {
        return Ok(false);
    }
    apply_verified(tx, ctx, &row, filer, portal_id)
}

/// Whether the portal verified the filer and gives any contact detail to compare.
fn offers_details(c: &PortalCitizen) -> bool {
    c.identified
        && [c.phone.as_deref().unwrap_or_default(), &c.email, &c.street, &c.city, &c.postcode]
            .iter()
            .any(|v| !v.trim().is_empty())
}

/// Whether the office's value and the record's are the same.
type Same = fn(&str, &str) -> bool;

/// Writes the verified filer's phone, e-mail, street, city and postcode over the citizen's where
/// the record gives one that differs (the phone in E.164; the e-mail without regard to case; the
/// address parts without regard to case, diacritics and spacing, so the office's spelling of the
/// same street stays). A part the record leaves empty keeps the office's. One audit line names
/// each change, old value and new, and the portal id. Whether anything changed.
fn apply_verified(
    tx: &Tx<'_>,
    ctx: &Ctx<'_>,
    found: &CitizenRow,
    filer: &Filer,
    portal_id: &str,
) -> Result<bool, DeskError> {
    let input = &filer.input;
    let fields: [(&str, &str, &str, Same); 5] = [
        ("phone", &found.phone, &filer.checked.phone, |a, b| a == b),
        ("email", &found.email, input.email.trim(), |a, b| a.eq_ignore_ascii_case(b)),
        ("street", &found.street, input.street.trim(), same_text),
        ("city", &found.city, input.city.trim(), same_text),
        ("postcode", &found.postcode, input.postcode.trim(), same_postcode),
    ];
    let mut values = [""; 5];
    let mut changed = Vec::new();
    for (i, (field, ours, theirs, same)) in fields.into_iter().enumerate() {
        values[i] = ours;
        if !theirs.is_empty() && !same(ours, theirs) {
            values[i] = theirs;
            changed.push(format!("{field} '{ours}' → '{theirs}'"));
        }
    }
    if changed.is_empty() {
        return Ok(false);
    }
    let [phone, email, street, city, postcode] = values;
    let details = CitizenDetails { birth_number: found.birth_number.as_deref(), phone, email, street, city, postcode };
    tx.update_citizen_details(found.id, &details)?;
    let detail = format!("{}: contact details from the portal: {}", describe(found), changed.join(", "));
    let reason = format!("portal record {portal_id}: the portal verified the filer's identity");
    tx.audit(&audit(ctx.actor, &ctx.now_s, "citizen_update", "citizen", found.id.to_string(), detail, &reason))?;
    Ok(true)
}
