//! The one path every case action takes inside its transaction: read the case, refuse a stale
//! view, check the role and the lifecycle, write the new state guarded by the version, and append
//! history and audit. `actions.rs` only says what each action changes.

use crate::desk::{Actor, DeskError, audit};
use crate::domain::case::CaseStatus;
use crate::domain::clock::OFFICE_TZ;
use crate::domain::deadline::{self, Suspension};
use crate::domain::ids::{DepartmentId, UserId};
use crate::domain::lifecycle::{self, Action, LifecycleError, Scope};
use crate::store::{CaseState, CaseUpdate, StoreError, Tx};
use chrono::NaiveDate;
use serde::Serialize;

/// What a case action did, for the clerk's status line and `--json`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CaseChange {
    pub reference_number: String,
    pub action: Action,
    pub from: CaseStatus,
    pub to: CaseStatus,
    /// The case's version after the change: pass it as `expected_version` next time.
    pub version: i64,
    pub department: String,
    pub assignee_id: Option<UserId>,
    pub deadline: Option<NaiveDate>,
}

/// What an action changes besides the status.
#[derive(Debug, Clone)]
pub(crate) enum Edit {
    Nothing,
    /// `department: None` keeps the case's department.
    Assign {
        department: Option<DepartmentId>,
        assignee: Option<UserId>,
        to_self: bool,
    },
    Suspend,
    Resume,
    Complex,
    Resolve(String),
    Forward(String),
}

/// One action on one case.
pub(crate) struct Step<'a> {
    pub action: Action,
    pub reason: &'a str,
    /// What the history line shows besides the statuses (the note, the new assignee …).
    pub detail: String,
    pub edit: Edit,
}

/// The instant and office date of the transaction.
pub(crate) struct When<'a> {
    pub now: &'a str,
    pub today: NaiveDate,
}

pub(crate) fn lifecycle_error(e: &LifecycleError) -> DeskError {
    let field = if matches!(e, LifecycleError::ReasonRequired { .. }) { "reason" } else { "status" };
    DeskError::invalid(field, e.to_string(), e.message_id())
}

/// The case by reference number, or a clear "not found".
pub(crate) fn load(tx: &Tx<'_>, reference: &str) -> Result<CaseState, DeskError> {
    tx.case_state(reference.trim())?.ok_or_else(|| DeskError::NotFound(format!("case '{}'", reference.trim())))
}

/// "case X was changed by Y at HH:MM meanwhile": the second clerk learns who and when.
pub(crate) fn conflict(tx: &Tx<'_>, state: &CaseState) -> DeskError {
    let who = tx.last_case_change(state.id).ok().flatten();
    let (by, at) = who.map_or_else(
        || ("another clerk".to_owned(), String::new()),
        |(at, name)| {
            let hm = chrono::DateTime::parse_from_rfc3339(&at)
                .map(|t| format!(" at {}", t.with_timezone(&OFFICE_TZ).format("%H:%M")))
                .unwrap_or_default();
            (name, hm)
        },
    );
    DeskError::Conflict(format!(
        "case {} was changed by {by}{at} meanwhile; the view is reloaded, please check it and try again",
        state.reference_number
    ))
}

fn date(s: &str) -> Result<NaiveDate, DeskError> {
    s.parse().map_err(|_| StoreError::Corrupt(format!("date '{s}'")).into())
}

/// The deadline from the case's period, its extension and every suspension on file.
pub(crate) fn recompute_deadline(tx: &Tx<'_>, state: &CaseState, complex: bool) -> Result<Option<String>, DeskError> {
    let mut spans = Vec::new();
    for s in tx.suspensions(state.id)? {
        spans.push(Suspension { from: date(&s.from_date)?, to: s.to_date.as_deref().map(date).transpose()? });
    }
    let extension = if complex { 30 } else { 0 };
    Ok(deadline::deadline(date(&state.received_on)?, state.period_days, extension, &spans).map(|d| d.to_string()))
}

/// Runs `step` on the case `reference` inside `tx`.
pub(crate) fn apply(
    tx: &Tx<'_>,
    actor: &Actor,
    reference: &str,
    expected_version: Option<i64>,
    step: &Step<'_>,
    when: &When<'_>,
) -> Result<CaseChange, DeskError> {
    let user = actor
        .user_id
        .ok_or_else(|| DeskError::Forbidden("a case is worked from a clerk's account; use --as USER".into()))?;
    let state = load(tx, reference)?;
    if expected_version.is_some_and(|v| v != state.version) {
        return Err(conflict(tx, &state));
    }
    let to_self = matches!(step.edit, Edit::Assign { to_self: true, .. });
    let scope = Scope { own_department: actor.department_id == Some(state.department_id), to_self };
    if !lifecycle::may(actor.role, step.action, scope) {
        return Err(DeskError::Forbidden(format!(
            "{} ({}) may not {} case {} of department {}",
            actor.name,
            actor.role,
            step.action.as_str().replace('_', " "),
            state.reference_number,
            state.department_code
        )));
    }
    let from = state.status;
    let to = lifecycle::transition(from, step.action).map_err(|e| lifecycle_error(&e))?.unwrap_or(from);
    lifecycle::check_reason(from, step.action, step.reason).map_err(|e| lifecycle_error(&e))?;
    crate::desk::error::plain_note("reason", step.reason)?;
    let change = write(tx, &state, from, to, step, when)?;
    let history_event = if lifecycle::is_reassign(from, step.action) { "reassign" } else { step.action.as_str() };
    let (fs, ts) = (Some(from.as_str()), Some(to.as_str()));
    let (fs, ts) = if from == to && step.action != Action::Assign { (None, None) } else { (fs, ts) };
    tx.insert_history(state.id, when.now, user, history_event, fs, ts, &step.detail, step.reason.trim())?;
    let detail = format!("{} {}→{} {}", state.reference_number, from.as_str(), to.as_str(), step.detail);
    let action = format!("case_{history_event}");
    tx.audit(&audit(actor, when.now, &action, "case", state.id.to_string(), detail, step.reason.trim()))?;
    Ok(change)
}

/// The new row, written only if the version is still the one read.
fn write(
    tx: &Tx<'_>,
    state: &CaseState,
    from: CaseStatus,
    to: CaseStatus,
    step: &Step<'_>,
    when: &When<'_>,
) -> Result<CaseChange, DeskError> {
    let today = when.today.to_string();
    let (mut department, mut assignee, mut complex) = (state.department_id, state.assignee_id, state.complex);
    let (mut outcome, mut forwarded_to) = (state.outcome.clone(), state.forwarded_to.clone());
    let mut deadline = state.deadline.clone();
    match &step.edit {
        Edit::Nothing => {}
        Edit::Assign { department: d, assignee: a, .. } => (department, assignee) = (d.unwrap_or(department), *a),
        Edit::Suspend => {
            tx.open_suspension(state.id, &today, step.reason.trim())?;
            deadline = recompute_deadline(tx, state, complex)?;
        }
        Edit::Resume => {
            tx.close_suspension(state.id, &today)?;
            deadline = recompute_deadline(tx, state, complex)?;
        }
        Edit::Complex => {
            lifecycle::check_complex(state.complex).map_err(|e| lifecycle_error(&e))?;
            complex = true;
            deadline = recompute_deadline(tx, state, complex)?;
        }
        Edit::Resolve(o) => outcome.clone_from(o),
        Edit::Forward(a) => forwarded_to.clone_from(a),
    }
    let update = CaseUpdate {
        status: to.as_str(),
        department_id: department,
        assignee_id: assignee,
        complex,
        deadline: deadline.as_deref(),
        outcome: &outcome,
        forwarded_to: &forwarded_to,
        updated_at: when.now,
    };
    if !tx.update_case_state(state.id, state.version, &update)? {
        return Err(conflict(tx, state));
    }
    let department_code = tx.department_code_of(department)?.unwrap_or_default();
    Ok(CaseChange {
        reference_number: state.reference_number.clone(),
        action: step.action,
        from,
        to,
        version: state.version + 1,
        department: department_code,
        assignee_id: assignee,
        deadline: deadline.as_deref().map(date).transpose()?,
    })
}
