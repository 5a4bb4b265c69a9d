//! One portal record through the desk's own operations, as if filed or booked at the counter:
//! the citizen matched (birth number, else name and birth date whatever the case and diacritics)
//! or created, a verified filer's new contact details applied ([`super::filer`]), the
//! filing through the counter's own steps ([`crate::desk::cases::filing_terms`], [`check_filing`], [`insert_filing`]),
//! the booking through [`book_in_tx`]. A record imported
//! before is unchanged (same content hash), updated with a history event, or a conflict when the
//! office changed the case since.

use super::Ctx;
use super::filer::{check_filer, resolve_citizen, update_case_filer};
use crate::desk::appointments::booking::{BookingRequest, CitizenRef, book_in_tx};
use crate::desk::appointments::slots::next_free;
use crate::desk::cases::{Filed, NewAttachment, NewFiling, PortalMark, check_filing, insert_filing, portal_instant};
use crate::desk::error::{plain_line, plain_note};
use crate::desk::{DeskError, audit};
use crate::domain::case::Channel;
use crate::domain::form::validate_form;
use crate::domain::ids::CaseId;
use crate::domain::portal::{PortalBooking, PortalFiling, PortalRecord};
use crate::store::{ImportedRow, NewImported, Tx};
use sha2::{Digest, Sha256};

/// What importing a record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    New,
    Updated,
    Unchanged,
}

/// Imports one record inside the caller's transaction (and savepoint).
///
/// # Errors
/// Why the record cannot be imported (`Invalid`, `Conflict`, `SlotTaken`, `NotFound`), or a
/// failing statement.
pub(crate) fn import_record(tx: &Tx<'_>, ctx: &Ctx<'_>, record: &PortalRecord) -> Result<Outcome, DeskError> {
    let (kind, sha) = content_hash(record)?;
    let before = tx.imported(kind, record.portal_id())?;
    match (record, before) {
        (_, Some(b)) if b.content_sha256 == sha => Ok(Outcome::Unchanged),
        (PortalRecord::Filing(f), Some(b)) => update_filing(tx, ctx, f, &b, &sha),
        (PortalRecord::Booking(b), Some(_)) => Err(DeskError::Conflict(format!(
            "booking {} was changed on the portal after it was imported; a booking is moved or cancelled at the desk",
            b.portal_id
        ))),
        (PortalRecord::Filing(f), None) => new_filing(tx, ctx, f, &sha),
        (PortalRecord::Booking(b), None) => new_booking(tx, ctx, b, &sha),
    }
}

/// The record's kind and the SHA-256 of its canonical JSON (fields in a fixed order).
fn content_hash(record: &PortalRecord) -> Result<(&'static str, String), DeskError> {
    let (kind, json) = match record {
        PortalRecord::Filing(f) => ("filing", serde_json::to_vec(f)),
        PortalRecord::Booking(b) => ("booking", serde_json::to_vec(b)),
    };
    let json = json.map_err(|e| DeskError::invalid("record", e.to_string(), "err-form"))?;
    let digest = Sha256::digest(&json);
    Ok((kind, format!("{digest:x}")))
}

fn attachments(f: &PortalFiling) -> Vec<NewAttachment> {
    f.attachments
        .iter()
        .map(|a| NewAttachment { name: a.name.clone(), size: a.size, sha256: a.sha256.clone() })
        .collect()
}

fn new_filing(tx: &Tx<'_>, ctx: &Ctx<'_>, f: &PortalFiling, sha: &str) -> Result<Outcome, DeskError> {
    let mut filing = NewFiling {
        citizen_id: None,
        situation_code: f.situation.clone(),
        channel: Channel::Portal,
        subject: f.subject.clone(),
        note: f.note.clone(),
        fields: f.fields.clone(),
        attachments: attachments(f),
    };
    // Every check before the first write: a refused filing leaves nothing behind, without a
    // savepoint (which would make the full-text index flush at every record).
    let terms = ctx.terms(tx, &f.situation)?;
    let form_data = check_filing(&terms, &filing)?;
    let citizen = resolve_citizen(tx, ctx, &f.citizen, &f.portal_id, !ctx.check_only)?;
    if ctx.check_only {
        return Ok(Outcome::New);
    }
    filing.citizen_id = citizen;
    let at = Filed {
        now: &ctx.now_s,
        today: ctx.today,
        office: ctx.office,
        office_id: ctx.office_id(tx)?,
        portal: Some(PortalMark {
            portal_id: &f.portal_id,
            identified: f.citizen.identified,
            submitted_at: f.submitted_at,
        }),
    };
    let filed = insert_filing(tx, ctx.actor, &filing, &terms, &form_data, &at)?;
    tx.insert_imported(&NewImported {
        kind: "filing",
        portal_id: &f.portal_id,
        content_sha256: sha,
        case_id: Some(filed.id.0),
        appointment_id: None,
        run_id: ctx.run_id,
        now: &ctx.now_s,
    })?;
    Ok(Outcome::New)
}

fn new_booking(tx: &Tx<'_>, ctx: &Ctx<'_>, b: &PortalBooking, sha: &str) -> Result<Outcome, DeskError> {
    tx.within_savepoint(|tx| book_record(tx, ctx, b, sha))
}

/// A portal booking through the counter's booking operation. It may be refused after its first
/// write (the slot's cells are the store's to refuse), so it runs in a savepoint, and a check
/// books it too, in the caller's rolled-back transaction.
fn book_record(tx: &Tx<'_>, ctx: &Ctx<'_>, b: &PortalBooking, sha: &str) -> Result<Outcome, DeskError> {
    let citizen = resolve_citizen(tx, ctx, &b.citizen, &b.portal_id, true)?
        .ok_or_else(|| DeskError::Conflict("the citizen could not be created".into()))?;
    let req = BookingRequest {
        service: b.service.clone(),
        start: b.start,
        resource: b.resource.clone(),
        citizen: CitizenRef::Existing(citizen),
        channel: Channel::Portal,
        note: b.note.clone(),
        portal_id: Some(b.portal_id.clone()),
    };
    let booked = match book_in_tx(tx, ctx.actor, &req, None, ctx.now, &ctx.now_s, ctx.meeting_pattern) {
        Err(DeskError::SlotTaken { at, .. }) => {
            let next = next_free(tx, &b.service, b.start, 5, None, ctx.now)?;
            return Err(DeskError::SlotTaken { at, next });
        }
        other => other?,
    };
    tx.set_booking_portal_origin(booked.id, &portal_instant(b.submitted_at), b.citizen.identified)?;
    tx.insert_imported(&NewImported {
        kind: "booking",
        portal_id: &b.portal_id,
        content_sha256: sha,
        case_id: None,
        appointment_id: Some(booked.id),
        run_id: ctx.run_id,
        now: &ctx.now_s,
    })?;
    Ok(Outcome::New)
}

/// The case a filing imported before became, unless the office changed it since (a conflict:
/// the office's work is never overwritten).
fn untouched_case(tx: &Tx<'_>, f: &PortalFiling, before: &ImportedRow) -> Result<CaseId, DeskError> {
    let case = CaseId(before.case_id.ok_or_else(|| DeskError::NotFound(format!("the case of {}", f.portal_id)))?);
    if tx.case_mark(case)? != (before.case_version, before.last_history_id) {
        return Err(DeskError::Conflict(format!(
            "conflict: case #{} was changed at the office since {} was imported; the portal's change is not applied",
            case.0, f.portal_id
        )));
    }
    Ok(case)
}

/// A filing changed on the portal: applied with a history event, unless the office changed the
/// case since it was imported (a conflict: the office's work is never overwritten).
fn update_filing(
    tx: &Tx<'_>,
    ctx: &Ctx<'_>,
    f: &PortalFiling,
    before: &ImportedRow,
    sha: &str,
) -> Result<Outcome, DeskError> {
    let user = ctx.actor.user_id.ok_or_else(|| DeskError::Forbidden("the import needs a clerk's account".into()))?;
    let case = untouched_case(tx, f, before)?;
    let (situation, subject, note, old_form) =
        tx.case_portal_view(case)?.ok_or_else(|| DeskError::NotFound(format!("case #{}", case.0)))?;
    if situation != f.situation {
        let msg = format!("was {situation}; a filing's life situation cannot change after filing");
        return Err(DeskError::invalid("situation", msg, "err-unknown-situation"));
    }
    let terms = ctx.terms(tx, &f.situation)?;
    let form = validate_form(&terms.fields, &f.fields).map_err(|errors| {
        let message = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        DeskError::invalid("fields", message, errors.first().map_or("err-form", |e| e.message_id))
    })?;
    let form = serde_json::Value::Object(form).to_string();
    let new_attachments = attachments(f);
    for a in &new_attachments {
        a.check()?;
    }
    let filer = check_filer(&f.citizen)?;
    let new_subject = plain_line("subject", &f.subject)?;
    let new_note = plain_note("note", &f.note)?;
    if ctx.check_only {
        return Ok(Outcome::Updated);
    }
    let mut changed = Vec::new();
    let known = tx.attachment_checksums(case)?;
    for a in new_attachments {
        let sum = a.sha256.to_ascii_lowercase();
        if !known.contains(&sum) {
            tx.insert_attachment(case, a.name.trim(), a.size, &sum, &ctx.now_s, user)?;
            changed.push(format!("attachment {}", a.name.trim()));
        }
    }
    for (what, old, new) in [
        ("subject", subject.as_str(), new_subject),
        ("note", note.as_str(), new_note),
        ("form", old_form.as_str(), form.as_str()),
    ] {
        if old != new {
            changed.push(what.to_owned());
        }
    }
    if update_case_filer(tx, ctx, tx.case_citizen(case)?, &f.citizen, &filer, &f.portal_id)? {
        changed.push("the citizen's contact details".to_owned());
    }
    tx.portal_update_case(case, new_subject, new_note, &form, f.citizen.identified, &ctx.now_s)?;
    tx.set_case_portal_submitted_at(case, &portal_instant(f.submitted_at))?;
    let detail = format!(
        "changed on the portal: {}",
        if changed.is_empty() { "citizen's details".to_owned() } else { changed.join(", ") }
    );
    tx.insert_history(case, &ctx.now_s, user, "portal_update", None, None, &detail, "")?;
    tx.audit(&audit(ctx.actor, &ctx.now_s, "case_portal_update", "case", case.0.to_string(), detail.clone(), ""))?;
    tx.update_imported("filing", &f.portal_id, sha, case, ctx.run_id, &ctx.now_s)?;
    Ok(Outcome::Updated)
}
