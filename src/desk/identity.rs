//! Who acts: an account by name (for trusted callers), the account bound to a Unix uid, an
//! administrator acting for another account, the binding of accounts to Unix logins, and the first
//! administrator of a new store.

use super::users::{NO_PASSWORD, check_username};
use super::{Actor, Desk, DeskError, audit};
use crate::domain::permissions::{Operation, Scope};
use crate::domain::role::Role;
use crate::store::{NewUser, UserRow};

/// The actor of an account row.
pub(super) fn actor_of(u: UserRow) -> Actor {
    Actor {
        user_id: Some(u.id),
        name: u.username,
        full_name: u.full_name,
        role: u.role,
        department_id: u.department_id,
        by: None,
    }
}

fn enabled(u: UserRow) -> Result<Actor, DeskError> {
    if u.disabled {
        return Err(DeskError::Disabled(u.username));
    }
    Ok(actor_of(u))
}

impl Desk {
    /// An existing, enabled account by username, without a password: for callers that have
    /// already authenticated someone allowed to act as it (an administrator's `--as`, tests,
    /// benchmarks on their own stores). The command line goes through [`Desk::act_for`].
    ///
    /// # Errors
    /// An unknown or disabled account.
    pub fn act_as(&mut self, username: &str) -> Result<Actor, DeskError> {
        let u = self
            .store
            .read(|tx| tx.user_by_name(username.trim()))?
            .ok_or_else(|| DeskError::NotFound(format!("account '{}'", username.trim())))?;
        enabled(u)
    }

    /// The account bound to the Unix uid `uid`, if one is.
    ///
    /// # Errors
    /// The bound account is disabled; a failing query.
    pub fn act_as_uid(&mut self, uid: u32) -> Result<Option<Actor>, DeskError> {
        self.store.read(|tx| tx.user_by_uid(uid))?.map(enabled).transpose()
    }

    /// `admin` acting for the account `username` (`--as`): that account's rights, recorded as
    /// "ADMIN acting as USERNAME". Only an administrator may; a refusal is audited.
    ///
    /// An account naming itself is itself, whatever its role.
    ///
    /// # Errors
    /// `admin` is not an administrator; an unknown or disabled account.
    pub fn act_for(&mut self, admin: &Actor, username: &str) -> Result<Actor, DeskError> {
        let username = username.trim();
        // `--as` naming oneself changes nothing: a script may always say who it runs as.
        if admin.user_id.is_some() && username == admin.name {
            return Ok(admin.clone());
        }
        if !crate::domain::permissions::may(admin.role, Operation::ActFor, Scope::ANY) {
            let at = self.now_str();
            let detail = format!("{} ({}) is not an administrator", admin.name, admin.role);
            self.store.write(|tx| {
                tx.audit(&audit(admin, &at, "act_as_refused", "user", username.to_owned(), detail, ""))?;
                Ok::<_, DeskError>(())
            })?;
            return Err(DeskError::Forbidden(format!(
                "{} ({}) may not act as another account (--as): only an administrator may",
                admin.name, admin.role
            )));
        }
        let mut actor = self.act_as(username)?;
        if actor.name != admin.name {
            actor.by = Some(admin.name.clone());
        }
        Ok(actor)
    }

    /// Binds the account `username` to the Unix login `login` (uid `uid`): the command line run by
    /// that login acts as the account. A uid is bound to at most one account.
    ///
    /// # Errors
    /// Not an administrator; an unknown account; the uid already bound to another account.
    pub fn bind_login(&mut self, actor: &Actor, username: &str, login: &str, uid: u32) -> Result<(), DeskError> {
        actor.may(Operation::BindLogin, Scope::ANY)?;
        let now = self.now_str();
        self.store.write(|tx| {
            let u = tx.user_by_name(username)?.ok_or_else(|| DeskError::NotFound(format!("user '{username}'")))?;
            if let Some(other) = tx.user_by_uid(uid)?.filter(|o| o.id != u.id) {
                return Err(DeskError::Conflict(format!(
                    "the Unix login '{login}' (uid {uid}) is already bound to the account '{}': `clerkdesk user unbind {}` first",
                    other.username, other.username
                )));
            }
            tx.set_user_unix_uid(u.id, Some(uid), &now)?;
            let detail = format!("login={login} uid={uid}");
            tx.audit(&audit(actor, &now, "user_bind", "user", u.id.to_string(), detail, ""))?;
            Ok(())
        })
    }

    /// Unbinds the account from its Unix login; whether it was bound.
    ///
    /// # Errors
    /// Not an administrator; an unknown account.
    pub fn unbind_login(&mut self, actor: &Actor, username: &str) -> Result<bool, DeskError> {
        actor.may(Operation::BindLogin, Scope::ANY)?;
        let now = self.now_str();
        self.store.write(|tx| {
            let u = tx.user_by_name(username)?.ok_or_else(|| DeskError::NotFound(format!("user '{username}'")))?;
            let Some(uid) = u.unix_uid else { return Ok(false) };
            tx.set_user_unix_uid(u.id, None, &now)?;
            tx.audit(&audit(actor, &now, "user_unbind", "user", u.id.to_string(), format!("uid={uid}"), ""))?;
            Ok(true)
        })
    }

    /// The first administrator of a store that has no account yet, named after the Unix login
    /// that created it and bound to its uid, with no password (`user passwd` sets one for the
    /// workstation): so whoever runs `init` of a new store can administer it without root.
    ///
    /// # Errors
    /// The store already has accounts; a login name that is not a valid username.
    pub fn bootstrap_admin(&mut self, login: &str, uid: u32) -> Result<Actor, DeskError> {
        let username = login.to_lowercase();
        check_username(&username)?;
        let now = self.now_str();
        let row = self.store.write(|tx| {
            if tx.user_count()? > 0 {
                return Err(DeskError::Forbidden(
                    "the store already has accounts: its administrator adds yours (`clerkdesk user add`)".into(),
                ));
            }
            let id = tx.insert_user(&NewUser {
                username: &username,
                full_name: login,
                role: Role::Administrator,
                password_hash: NO_PASSWORD,
                department_id: None,
                now: &now,
            })?;
            tx.set_user_unix_uid(id, Some(uid), &now)?;
            let row = tx.user_by_name(&username)?.ok_or_else(|| DeskError::NotFound(format!("user '{username}'")))?;
            let actor = actor_of(row.clone());
            let detail = format!("role=administrator, the store's first account, bound to login={login} uid={uid}");
            tx.audit(&audit(&actor, &now, "user_add", "user", id.to_string(), detail, ""))?;
            Ok(row)
        })?;
        Ok(actor_of(row))
    }
}
