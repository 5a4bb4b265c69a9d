//! Logging in: the password checked by argon2 whether or not the name exists, failed attempts
//! slowed per account name and per terminal, a lockout an administrator lifts, and an audit line
//! for every attempt, refusal, lockout and unlock.
//!
//! An unknown name, a wrong password and a disabled account get the same answer
//! ([`DeskError::BadLogin`]) after the same argon2 work; the real reason is only in the audit. The
//! delay is stored as a "not before" instant on the desk's clock: an attempt before it is refused
//! unchecked, so the program never sleeps and tests run on a fixed clock.

use super::auth::{DUMMY_HASH, this_terminal, verify_password};
use super::users::NO_PASSWORD;
use super::{Actor, Desk, DeskError, audit};
use crate::domain::permissions::{Operation, Scope};
use crate::domain::role::Role;
use crate::store::{ThrottleRow, Tx, codec::utc_text};
use chrono::{DateTime, Duration, Utc};

/// The longest wait between two attempts: 2^8 seconds, reached after nine failures.
const MAX_DELAY_EXPONENT: u32 = 8;

fn account_key(username: &str) -> String {
    format!("account:{username}")
}

fn terminal_key(terminal: &str) -> String {
    format!("terminal:{terminal}")
}

/// The wait after the `failures`-th failure in a row: 1 s, 2 s, 4 s … up to 256 s.
fn delay(failures: u32) -> Duration {
    Duration::seconds(1_i64 << failures.saturating_sub(1).min(MAX_DELAY_EXPONENT))
}

/// Why an attempt is refused before its password is looked at: a locked account name, or a wait
/// that has not passed yet (for the name or the terminal).
fn refusal(rows: &[Option<ThrottleRow>], now: DateTime<Utc>) -> Option<DeskError> {
    if rows.iter().flatten().any(|r| r.key.starts_with("account:") && r.locked_at.is_some()) {
        return Some(DeskError::LockedOut);
    }
    let until = rows
        .iter()
        .flatten()
        .filter_map(|r| DateTime::parse_from_rfc3339(&r.not_before).ok())
        .map(|t| t.with_timezone(&Utc))
        .max()?;
    let left = (until - now).num_seconds();
    (left > 0).then(|| DeskError::LoginWait { seconds: left.unsigned_abs() })
}

/// A stand-in for the one trying to log in, for the audit line of a failed attempt.
fn claimant(username: &str, user_id: Option<crate::domain::ids::UserId>) -> Actor {
    Actor {
        user_id,
        name: username.to_owned(),
        full_name: String::new(),
        role: Role::CounterClerk,
        department_id: None,
        by: None,
    }
}

impl Desk {
    /// Checks the username and password on this process's terminal; see [`Desk::login_from`].
    ///
    /// # Errors
    /// As [`Desk::login_from`].
    pub fn login(&mut self, username: &str, password: &str) -> Result<Actor, DeskError> {
        self.login_from(username, password, &this_terminal())
    }

    /// Checks the username and password typed on `terminal`; every attempt is audited.
    ///
    /// # Errors
    /// `BadLogin` for an unknown user, a wrong password or a disabled account (the same answer
    /// after the same work, so names cannot be probed), `LoginWait` while an earlier failure's
    /// delay runs, `LockedOut` after `login.lockout_after` failures in a row.
    pub fn login_from(&mut self, username: &str, password: &str, terminal: &str) -> Result<Actor, DeskError> {
        let username = username.trim();
        let now = self.clock.now();
        let keys = [account_key(username), terminal_key(terminal)];
        let rows =
            self.store.read(|tx| Ok::<_, DeskError>([tx.login_throttle(&keys[0])?, tx.login_throttle(&keys[1])?]))?;
        if let Some(refused) = refusal(&rows, now) {
            let detail = format!("terminal={terminal}; {refused}");
            self.store.write(|tx| {
                tx.audit(&audit(
                    &claimant(username, None),
                    &utc_text(now),
                    "login_refused",
                    "user",
                    username.to_owned(),
                    detail,
                    "",
                ))?;
                Ok::<_, DeskError>(())
            })?;
            tracing::warn!(user = %username, "login refused before the password was checked");
            return Err(refused);
        }
        let user = self.store.read(|tx| tx.user_by_name(username))?;
        self.password_checks += 1;
        // An account without a password yet (`import officials`, a new store's first administrator)
        // is checked against the dummy hash too, so it costs the same and never matches.
        let stored = user.as_ref().map(|u| u.password_hash.as_str()).filter(|h| *h != NO_PASSWORD);
        let matches = verify_password(password, stored.unwrap_or(DUMMY_HASH)) && stored.is_some();
        let why = match &user {
            None => "unknown user",
            Some(_) if !matches => "wrong password",
            Some(u) if u.disabled => "account disabled",
            Some(u) => {
                let actor = super::identity::actor_of(u.clone());
                self.store.write(|tx| {
                    tx.clear_login_throttle(&keys[0])?;
                    tx.clear_login_throttle(&keys[1])?;
                    let detail = format!("terminal={terminal}");
                    tx.audit(&audit(&actor, &utc_text(now), "login", "user", actor.name.clone(), detail, ""))?;
                    Ok::<_, DeskError>(())
                })?;
                tracing::info!(user = %actor.name, role = %actor.role, "login");
                return Ok(actor);
            }
        };
        let who = claimant(username, user.as_ref().map(|u| u.id));
        self.record_failure(&who, &keys, now, &format!("terminal={terminal}; {why}"))?;
        tracing::warn!(user = %username, "login refused");
        Err(DeskError::BadLogin)
    }

    /// Counts a failure against the name and the terminal, starts their delay, locks the name
    /// after `login.lockout_after` failures, and audits it all in one transaction.
    fn record_failure(
        &mut self,
        who: &Actor,
        keys: &[String; 2],
        now: DateTime<Utc>,
        detail: &str,
    ) -> Result<(), DeskError> {
        let lockout_after = self.config.login_lockout_after;
        let at = utc_text(now);
        self.store.write(|tx| {
            let mut locked_now = None;
            for key in keys {
                let old = tx.login_throttle(key)?;
                let failures = old.as_ref().map_or(0, |r| r.failures).saturating_add(1);
                let mut locked_at = old.and_then(|r| r.locked_at);
                if key.starts_with("account:") && lockout_after > 0 && failures >= lockout_after && locked_at.is_none()
                {
                    locked_at = Some(at.clone());
                    locked_now = Some(failures);
                }
                let not_before = utc_text(now + delay(failures));
                tx.set_login_throttle(&ThrottleRow { key: key.clone(), failures, not_before, locked_at })?;
            }
            tx.audit(&audit(who, &at, "login_failed", "user", who.name.clone(), detail.to_owned(), ""))?;
            if let Some(n) = locked_now {
                let text = format!("locked after {n} failed logins in a row");
                tx.audit(&audit(who, &at, "login_lockout", "user", who.name.clone(), text, ""))?;
            }
            Ok::<_, DeskError>(())
        })
    }

    /// Lifts a lockout (and the delay) of an account name; whether it was locked or delayed.
    ///
    /// # Errors
    /// Not an administrator; a failing write.
    pub fn unlock_user(&mut self, actor: &Actor, username: &str) -> Result<bool, DeskError> {
        actor.may(Operation::UnlockAccount, Scope::ANY)?;
        let username = username.trim();
        let at = self.now_str();
        self.store.write(|tx| unlock_in(tx, actor, username, &at))
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

    /// How many argon2 verifications this desk has run: the seam a test uses to see that an
    /// unknown name is checked as hard as a known one.
    #[must_use]
    pub fn password_checks(&self) -> u64 {
        self.password_checks
    }
}

fn unlock_in(tx: &Tx<'_>, actor: &Actor, username: &str, at: &str) -> Result<bool, DeskError> {
    let was = tx.login_throttle(&account_key(username))?;
    if !tx.clear_login_throttle(&account_key(username))? {
        return Ok(false);
    }
    let detail = format!("failures={}", was.map_or(0, |r| r.failures));
    tx.audit(&audit(actor, at, "user_unlock", "user", username.to_owned(), detail, ""))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_up_to_a_ceiling() {
        let secs: Vec<i64> = [1, 2, 3, 9, 10, 40].into_iter().map(|n| delay(n).num_seconds()).collect();
        assert_eq!(secs, [1, 2, 4, 256, 256, 256]);
    }
}
