//! Clerk accounts: add, change password, disable, enable, list (administrators).

use super::{Actor, Desk, DeskError, audit, hash_password};
use crate::domain::permissions::{Operation, Scope};
use crate::domain::role::Role;
use crate::store::NewUser;
use serde::Serialize;

/// What `user list` shows; never the hash.
#[derive(Debug, Clone, Serialize)]
pub struct UserInfo {
    pub username: String,
    pub full_name: String,
    pub role: Role,
    pub department: Option<String>,
    pub disabled: bool,
    /// False for an account made by `import officials` until `user passwd` sets one.
    pub password_set: bool,
    pub created_at: String,
    /// The Unix uid the account is bound to (the command line run by it acts as the account).
    pub unix_uid: Option<u32>,
    /// Locked after too many failed logins until an administrator unlocks it.
    pub locked: bool,
}

/// The password hash of an account made without a password (by `import officials`): no
/// password matches it, so nobody logs in until an administrator sets one (`user passwd`).
pub(super) const NO_PASSWORD: &str = "!no-password";

/// The shortest password an account may have.
pub const MIN_PASSWORD: usize = 8;

/// Whether `u` may be a username: 2–32 characters, a lowercase letter first.
///
/// # Errors
/// Why it may not.
pub fn check_username(u: &str) -> Result<(), DeskError> {
    let ok = (2..=32).contains(&u.len())
        && u.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        && u.starts_with(|c: char| c.is_ascii_lowercase());
    if ok {
        Ok(())
    } else {
        Err(DeskError::invalid(
            "username",
            format!("'{u}' must be 2–32 characters: a lowercase letter first, then a-z, 0-9, '.', '_' or '-'"),
            "err-username",
        ))
    }
}

fn check_password(p: &str) -> Result<(), DeskError> {
    if p.chars().count() < MIN_PASSWORD {
        return Err(DeskError::invalid(
            "password",
            format!("must be at least {MIN_PASSWORD} characters"),
            "err-password-short",
        ));
    }
    Ok(())
}

impl Desk {
    /// Creates an account.
    ///
    /// # Errors
    /// Not an administrator, a bad or taken username, a short password, an unknown department.
    pub fn add_user(
        &mut self,
        actor: &Actor,
        username: &str,
        full_name: &str,
        role: Role,
        password: &str,
        department: Option<&str>,
    ) -> Result<(), DeskError> {
        actor.may(Operation::AddUser, Scope::ANY)?;
        check_username(username)?;
        if full_name.trim().is_empty() {
            return Err(DeskError::invalid("full_name", "is empty", "err-required"));
        }
        check_password(password)?;
        let hash = hash_password(password)?;
        let now = self.now_str();
        self.store.write(|tx| {
            let department_id = match department {
                Some(code) => Some(tx.department_by_code(code)?.ok_or_else(|| {
                    DeskError::invalid("department", format!("unknown department '{code}'"), "err-unknown-department")
                })?),
                None => None,
            };
            if tx.user_by_name(username)?.is_some() {
                return Err(DeskError::Conflict(format!("user '{username}' already exists")));
            }
            let id = tx.insert_user(&NewUser {
                username,
                full_name: full_name.trim(),
                role,
                password_hash: &hash,
                department_id,
                now: &now,
            })?;
            let detail = format!("role={role} department={}", department.unwrap_or("-"));
            tx.audit(&audit(actor, &now, "user_add", "user", id.to_string(), detail, ""))?;
            Ok(())
        })
    }

    /// Sets a new password: an administrator for anyone, a clerk for themselves.
    ///
    /// # Errors
    /// Not allowed, unknown user, short password.
    pub fn set_password(&mut self, actor: &Actor, username: &str, password: &str) -> Result<(), DeskError> {
        actor.may(Operation::SetPassword, Scope { own_department: false, to_self: actor.name == username })?;
        check_password(password)?;
        let hash = hash_password(password)?;
        let now = self.now_str();
        self.store.write(|tx| {
            let u = tx.user_by_name(username)?.ok_or_else(|| DeskError::NotFound(format!("user '{username}'")))?;
            tx.set_password_hash(u.id, &hash, &now)?;
            tx.audit(&audit(actor, &now, "user_passwd", "user", u.id.to_string(), String::new(), ""))?;
            Ok(())
        })
    }

    /// Disables or re-enables an account; a disabled clerk cannot log in, their history stays.
    ///
    /// # Errors
    /// Not an administrator, unknown user.
    pub fn set_user_disabled(
        &mut self,
        actor: &Actor,
        username: &str,
        disabled: bool,
        reason: &str,
    ) -> Result<bool, DeskError> {
        actor.may(Operation::DisableUser, Scope::ANY)?;
        let now = self.now_str();
        self.store.write(|tx| {
            let u = tx.user_by_name(username)?.ok_or_else(|| DeskError::NotFound(format!("user '{username}'")))?;
            if u.disabled == disabled {
                return Ok(false);
            }
            tx.set_user_disabled(u.id, disabled, &now)?;
            let action = if disabled { "user_disable" } else { "user_enable" };
            tx.audit(&audit(actor, &now, action, "user", u.id.to_string(), String::new(), reason))?;
            Ok(true)
        })
    }

    /// Every account, by username.
    ///
    /// # Errors
    /// Not an administrator or supervisor; a failing query.
    pub fn list_users(&mut self, actor: &Actor) -> Result<Vec<UserInfo>, DeskError> {
        actor.may(Operation::ListUsers, Scope::ANY)?;
        let (rows, locked) = self.store.read(|tx| Ok::<_, DeskError>((tx.users()?, tx.locked_accounts()?)))?;
        Ok(rows
            .into_iter()
            .map(|u| UserInfo {
                locked: locked.contains(&u.username),
                username: u.username,
                full_name: u.full_name,
                role: u.role,
                department: u.department_code,
                disabled: u.disabled,
                password_set: u.password_hash != NO_PASSWORD,
                created_at: u.created_at,
                unix_uid: u.unix_uid,
            })
            .collect())
    }
}
