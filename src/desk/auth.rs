//! Logging in: argon2id password hashes, and an audit line for every attempt.

use super::{Actor, Desk, DeskError, audit};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// An argon2id PHC string with a fresh random salt.
///
/// # Errors
/// When the system's random source fails.
pub fn hash_password(password: &str) -> Result<String, DeskError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| DeskError::invalid("password", format!("cannot hash: {e}"), "err-internal"))
}

/// Whether `password` matches the stored PHC string; a damaged hash never matches.
#[must_use]
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

impl Desk {
    /// Checks the username and password; every attempt, failed or not, is audited.
    ///
    /// # Errors
    /// `BadLogin` for an unknown user or a wrong password (the same answer, so names cannot be
    /// probed), `Disabled` for a disabled account.
    pub fn login(&mut self, username: &str, password: &str) -> Result<Actor, DeskError> {
        let username = username.trim();
        let at = self.now_str();
        let user = self.store.read(|tx| tx.user_by_name(username))?;
        let outcome = match &user {
            None => Err(DeskError::BadLogin),
            Some(u) if !verify_password(password, &u.password_hash) => Err(DeskError::BadLogin),
            Some(u) if u.disabled => Err(DeskError::Disabled(u.username.clone())),
            Some(u) => Ok(Actor {
                user_id: Some(u.id),
                name: u.username.clone(),
                full_name: u.full_name.clone(),
                role: u.role,
                department_id: u.department_id,
            }),
        };
        let who = Actor {
            user_id: user.as_ref().map(|u| u.id),
            name: username.to_owned(),
            full_name: String::new(),
            role: user.as_ref().map_or(crate::domain::role::Role::CounterClerk, |u| u.role),
            department_id: None,
        };
        match &outcome {
            Ok(a) => tracing::info!(user = %a.name, role = %a.role, "login"),
            Err(e) => tracing::warn!(user = %username, reason = %e, "login refused"),
        }
        let (action, detail) = match &outcome {
            Ok(_) => ("login", String::new()),
            Err(e) => ("login_failed", e.to_string()),
        };
        self.store.write(|tx| {
            tx.audit(&audit(&who, &at, action, "user", username.to_owned(), detail, ""))?;
            Ok::<_, DeskError>(())
        })?;
        outcome
    }

    /// Records that a clerk left the workstation.
    pub fn logout(&mut self, actor: &Actor) -> Result<(), DeskError> {
        let at = self.now_str();
        self.store.write(|tx| {
            tx.audit(&audit(actor, &at, "logout", "user", actor.name.clone(), String::new(), ""))?;
            Ok::<_, DeskError>(())
        })
    }

    /// Records a change of the UI language (a user action in the TUI, so it is audited too).
    pub fn note_language(&mut self, actor: &Actor, lang: crate::domain::lang::Lang) -> Result<(), DeskError> {
        let at = self.now_str();
        self.store.write(|tx| {
            tx.audit(&audit(actor, &at, "set_language", "user", actor.name.clone(), lang.code().to_owned(), ""))?;
            Ok::<_, DeskError>(())
        })
    }
}
