//! Passwords: argon2id hashes, and the dummy hash an unknown name is checked against so that it
//! costs the same time as a wrong password.

use super::DeskError;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// What an unknown user name's password is verified against: a well-formed argon2id hash with
/// `hash_password`'s parameters (a unit test keeps them equal) that no password matches in
/// practice, so a login of an unknown name runs the same argon2 work as a wrong password.
pub(super) const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$Y2xlcmtkZXNrLWR1bW15$vCWtoJeLhWm0Qa5xpELc0PMr07SCd6zzXqdmmWvlGK4";

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

/// The terminal standard input is, as `/proc/self/fd/0` names it, or "no tty": failed logins
/// are throttled per terminal too.
#[must_use]
pub fn this_terminal() -> String {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return "no tty".to_owned();
    }
    std::fs::read_link("/proc/self/fd/0").map_or_else(|_| "tty".to_owned(), |p| p.display().to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;

    /// The part of a PHC string before the salt: algorithm, version and cost.
    fn params(phc: &str) -> String {
        phc.split('$').take(4).collect::<Vec<_>>().join("$")
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let real = hash_password("correct horse").unwrap();
        assert_eq!(params(DUMMY_HASH), params(&real));
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
        assert!(!verify_password("", DUMMY_HASH));
    }
}
