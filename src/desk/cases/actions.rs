//! The actions on a case, one method each. Every one checks the role, the lifecycle and the
//! reason the law wants, refuses a stale view (`expected_version`), runs one transaction and
//! writes history and audit (see `flow.rs`). Notes and links go the same way, so a clerk's
//! view is never silently out of date.

use super::flow::{CaseChange, Edit, Step, When, apply, load};
use crate::desk::{Actor, Desk, DeskError};
use crate::domain::case::CaseStatus;
use crate::domain::lifecycle::Action;
use crate::domain::permissions::{self, Operation, Scope};
use crate::store::Tx;

/// What `case status --to` asks for; the outcome and authority only where the target needs them.
#[derive(Debug, Clone, Default)]
pub struct StatusRequest<'a> {
    pub reason: &'a str,
    pub outcome: &'a str,
    pub authority: &'a str,
}

/// The department and/or official a case goes to.
fn assignment(
    tx: &Tx<'_>,
    actor: &Actor,
    dept_code: Option<&str>,
    official: Option<&str>,
) -> Result<(Edit, String), DeskError> {
    let department = match dept_code.map(str::trim).filter(|d| !d.is_empty()) {
        Some(code) => Some(tx.department_by_code(code)?.ok_or_else(|| {
            DeskError::invalid("department", format!("unknown department '{code}'"), "err-unknown-department")
        })?),
        None => None,
    };
    let Some(username) = official.map(str::trim).filter(|u| !u.is_empty()) else {
        let Some(department) = department else {
            return Err(DeskError::invalid("department", "name a department or an official", "err-assign-target"));
        };
        let detail = format!("department {}", dept_code.unwrap_or_default().trim());
        return Ok((Edit::Assign { department: Some(department), assignee: None, to_self: false }, detail));
    };
    let user = tx.user_by_name(username)?.filter(|u| !u.disabled).ok_or_else(|| {
        DeskError::invalid("official", format!("no enabled account '{username}'"), "err-unknown-user")
    })?;
    // Who may hold a case is the matrix's `HoldCase`: an official of the case's department.
    if !Operation::HoldCase.ever(user.role) {
        return Err(DeskError::invalid(
            "official",
            format!("'{username}' is a {}, not an official who works cases", user.role),
            "err-not-official",
        ));
    }
    let department = department.or(user.department_id);
    let own = department.is_some() && department == user.department_id;
    if !permissions::may(user.role, Operation::HoldCase, Scope::department(own)) {
        return Err(DeskError::invalid(
            "official",
            format!(
                "'{username}' works in {}, not {}",
                user.department_code.as_deref().unwrap_or("no department"),
                dept_code.unwrap_or_default()
            ),
            "err-official-department",
        ));
    }
    let to_self = actor.user_id == Some(user.id) && department.is_some() && department == actor.department_id;
    let detail = format!("{} ({})", user.username, user.department_code.unwrap_or_default());
    Ok((Edit::Assign { department, assignee: Some(user.id), to_self }, detail))
}

impl Desk {
    fn act(
        &mut self,
        actor: &Actor,
        reference: &str,
        expected_version: Option<i64>,
        step: &Step<'_>,
    ) -> Result<CaseChange, DeskError> {
        let now = self.now_str();
        let when = When { now: &now, today: self.clock.today() };
        self.store.write(|tx| apply(tx, actor, reference, expected_version, step, &when))
    }

    fn simple(
        &mut self,
        actor: &Actor,
        reference: &str,
        expected_version: Option<i64>,
        action: Action,
        reason: &str,
        edit: Edit,
    ) -> Result<CaseChange, DeskError> {
        let step = Step { action, reason, detail: String::new(), edit };
        self.act(actor, reference, expected_version, &step)
    }

    /// Assigns (or reassigns, with a reason) to a department and/or an official.
    ///
    /// # Errors
    /// Role, lifecycle, a missing reason for a reassign, an unknown department or official, a
    /// stale `expected_version` (`Conflict`).
    pub fn assign_case(
        &mut self,
        actor: &Actor,
        reference: &str,
        expected_version: Option<i64>,
        dept_code: Option<&str>,
        official_username: Option<&str>,
        reason: &str,
    ) -> Result<CaseChange, DeskError> {
        let now = self.now_str();
        let when = When { now: &now, today: self.clock.today() };
        self.store.write(|tx| {
            let (edit, detail) = assignment(tx, actor, dept_code, official_username)?;
            let step = Step { action: Action::Assign, reason, detail, edit };
            apply(tx, actor, reference, expected_version, &step, &when)
        })
    }

    /// Several cases to one department and/or official, all or none (supervisors).
    ///
    /// # Errors
    /// As [`Desk::assign_case`] for any one case; then nothing changes.
    pub fn bulk_reassign(
        &mut self,
        actor: &Actor,
        references: &[String],
        dept_code: Option<&str>,
        official_username: Option<&str>,
        reason: &str,
    ) -> Result<Vec<CaseChange>, DeskError> {
        actor.may(Operation::BulkReassign, Scope::ANY)?;
        let now = self.now_str();
        let when = When { now: &now, today: self.clock.today() };
        self.store.write(|tx| {
            let (edit, detail) = assignment(tx, actor, dept_code, official_username)?;
            let step = Step { action: Action::Assign, reason, detail, edit };
            references.iter().map(|r| apply(tx, actor, r, None, &step, &when)).collect()
        })
    }

    /// # Errors
    /// Role, lifecycle, `Conflict`.
    pub fn start_case(&mut self, actor: &Actor, reference: &str, v: Option<i64>) -> Result<CaseChange, DeskError> {
        self.simple(actor, reference, v, Action::Start, "", Edit::Nothing)
    }

    /// Stops the deadline clock from today (§64); the deadline is unknown until resumed.
    ///
    /// # Errors
    /// Role, lifecycle, a blank reason, `Conflict`.
    pub fn suspend_case(
        &mut self,
        actor: &Actor,
        reference: &str,
        v: Option<i64>,
        reason: &str,
    ) -> Result<CaseChange, DeskError> {
        self.simple(actor, reference, v, Action::Suspend, reason, Edit::Suspend)
    }

    /// Restarts the clock; the deadline moves by the days it stood still.
    ///
    /// # Errors
    /// Role, lifecycle, `Conflict`.
    pub fn resume_case(&mut self, actor: &Actor, reference: &str, v: Option<i64>) -> Result<CaseChange, DeskError> {
        self.simple(actor, reference, v, Action::Resume, "", Edit::Resume)
    }

    /// +30 days (§71(3)), once.
    ///
    /// # Errors
    /// Role, lifecycle, already complex, a blank reason, `Conflict`.
    pub fn mark_complex(
        &mut self,
        actor: &Actor,
        reference: &str,
        v: Option<i64>,
        reason: &str,
    ) -> Result<CaseChange, DeskError> {
        self.simple(actor, reference, v, Action::MarkComplex, reason, Edit::Complex)
    }

    /// # Errors
    /// Role, lifecycle, a blank outcome, `Conflict`.
    pub fn resolve_case(
        &mut self,
        actor: &Actor,
        reference: &str,
        v: Option<i64>,
        outcome: &str,
    ) -> Result<CaseChange, DeskError> {
        self.simple(actor, reference, v, Action::Resolve, outcome, Edit::Resolve(outcome.trim().to_owned()))
    }

    /// # Errors
    /// Role, lifecycle, `Conflict`.
    pub fn close_case(&mut self, actor: &Actor, reference: &str, v: Option<i64>) -> Result<CaseChange, DeskError> {
        self.simple(actor, reference, v, Action::Close, "", Edit::Nothing)
    }

    /// # Errors
    /// Role, lifecycle, a blank reason, `Conflict`.
    pub fn withdraw_case(
        &mut self,
        actor: &Actor,
        reference: &str,
        v: Option<i64>,
        reason: &str,
    ) -> Result<CaseChange, DeskError> {
        self.simple(actor, reference, v, Action::Withdraw, reason, Edit::Nothing)
    }

    /// To another authority (§12): not our competence.
    ///
    /// # Errors
    /// Role, lifecycle, a blank authority or reason, `Conflict`.
    pub fn forward_case(
        &mut self,
        actor: &Actor,
        reference: &str,
        v: Option<i64>,
        authority: &str,
        reason: &str,
    ) -> Result<CaseChange, DeskError> {
        let authority = crate::desk::error::plain_line("authority", authority)?;
        if authority.is_empty() {
            return Err(DeskError::invalid("authority", "forwarding names the authority", "err-authority-required"));
        }
        let step = Step {
            action: Action::Forward,
            reason,
            detail: authority.to_owned(),
            edit: Edit::Forward(authority.to_owned()),
        };
        self.act(actor, reference, v, &step)
    }

    /// # Errors
    /// A blank text, role, `Conflict`.
    pub fn add_note(
        &mut self,
        actor: &Actor,
        reference: &str,
        v: Option<i64>,
        text: &str,
    ) -> Result<CaseChange, DeskError> {
        let text = crate::desk::error::plain_note("text", text)?;
        if text.is_empty() {
            return Err(DeskError::invalid("text", "a note needs text", "err-required"));
        }
        let step = Step { action: Action::AddNote, reason: "", detail: text.to_owned(), edit: Edit::Nothing };
        self.act(actor, reference, v, &step)
    }

    /// Links two related cases (both show the link).
    ///
    /// # Errors
    /// The other case unknown, the same case, already linked, role, `Conflict`.
    pub fn link_cases(
        &mut self,
        actor: &Actor,
        reference: &str,
        v: Option<i64>,
        other_reference: &str,
    ) -> Result<CaseChange, DeskError> {
        let now = self.now_str();
        let when = When { now: &now, today: self.clock.today() };
        self.store.write(|tx| {
            let this = load(tx, reference)?;
            let other = load(tx, other_reference)?;
            if this.id == other.id {
                return Err(DeskError::invalid("link", "a case cannot be linked to itself", "err-link-self"));
            }
            let step =
                Step { action: Action::Link, reason: "", detail: other.reference_number.clone(), edit: Edit::Nothing };
            let change = apply(tx, actor, reference, v, &step, &when)?;
            let user = actor.user_id.ok_or_else(|| DeskError::Forbidden("use --as USER".into()))?;
            if !tx.insert_link(this.id, other.id, &now, user)? {
                return Err(DeskError::Conflict(format!(
                    "cases {} and {} are already linked",
                    this.reference_number, other.reference_number
                )));
            }
            tx.insert_history(other.id, &now, user, "link", None, None, &this.reference_number, "")?;
            Ok(change)
        })
    }

    /// Moves a case to `to` by the action that leads there (`case status --to`).
    ///
    /// # Errors
    /// No action leads to `to` from here (assignment has its own command), or as the action.
    pub fn change_status(
        &mut self,
        actor: &Actor,
        reference: &str,
        to: CaseStatus,
        req: &StatusRequest<'_>,
        expected_version: Option<i64>,
    ) -> Result<CaseChange, DeskError> {
        let v = expected_version;
        match to {
            CaseStatus::InProgress => {
                let current = self.store.read(|tx| load(tx, reference))?;
                if current.status == CaseStatus::Suspended {
                    self.resume_case(actor, reference, v)
                } else {
                    self.start_case(actor, reference, v)
                }
            }
            CaseStatus::Suspended => self.suspend_case(actor, reference, v, req.reason),
            CaseStatus::Resolved => {
                let outcome = if req.outcome.trim().is_empty() { req.reason } else { req.outcome };
                self.resolve_case(actor, reference, v, outcome)
            }
            CaseStatus::Closed => self.close_case(actor, reference, v),
            CaseStatus::Withdrawn => self.withdraw_case(actor, reference, v, req.reason),
            CaseStatus::Forwarded => self.forward_case(actor, reference, v, req.authority, req.reason),
            CaseStatus::Received | CaseStatus::Assigned => Err(DeskError::invalid(
                "status",
                format!("no status change leads to '{}': use `case assign` to assign a case", to.as_str()),
                "err-transition",
            )),
        }
    }
}
