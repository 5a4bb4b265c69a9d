//! Who acts on the command line: the account bound to the caller's real Unix uid, or the one
//! whose password is typed on the terminal (`--user`), or, for root (who can open the store file
//! anyway), a built-in administrator; `--as` lets an administrator act for another account.
//! Never `$USER`: anyone can set it.

use super::{Failure, Global};
use crate::desk::{Actor, Desk};

/// The actor of this run, from the global `--user` and `--as` and the real uid.
///
/// # Errors
/// No account bound to the caller and no `--user`; a failed password; `--as` by someone who is
/// not an administrator (audited).
pub fn resolve(g: &Global, desk: &mut Desk) -> Result<Actor, Failure> {
    let base = authenticate(g, desk)?;
    match &g.act_as {
        None => Ok(base),
        Some(name) => Ok(desk.act_for(&base, name)?),
    }
}

/// The actor of a store this run has just created: root's built-in administrator, or a new
/// administrator account bound to the caller's login, so a developer can run `init` as
/// themselves and administer the store.
///
/// # Errors
/// A uid with no name in the passwd database, or one that is not a valid username.
pub fn founder(desk: &mut Desk) -> Result<Actor, Failure> {
    let uid = rustix::process::getuid();
    if uid.is_root() {
        return Ok(Actor::root());
    }
    let login = login_name(uid.as_raw())?;
    Ok(desk.bootstrap_admin(&login, uid.as_raw())?)
}

/// Whether `founder` can make an account for the caller: checked before a new store is created,
/// so a bad login name leaves no empty store behind.
///
/// # Errors
/// As [`founder`].
pub fn check_founder() -> Result<(), Failure> {
    let uid = rustix::process::getuid();
    if !uid.is_root() {
        crate::desk::check_username(&login_name(uid.as_raw())?.to_lowercase())?;
    }
    Ok(())
}

fn authenticate(g: &Global, desk: &mut Desk) -> Result<Actor, Failure> {
    if let Some(name) = &g.user {
        return login_on_terminal(desk, name);
    }
    let uid = rustix::process::getuid();
    if uid.is_root() {
        return Ok(Actor::root());
    }
    if let Some(actor) = desk.act_as_uid(uid.as_raw())? {
        return Ok(actor);
    }
    let login = login_name(uid.as_raw()).unwrap_or_else(|_| format!("uid {}", uid.as_raw()));
    Err(Failure {
        message: format!(
            "no clerkdesk account is bound to your Unix login '{login}': ask an administrator to run \
             `clerkdesk user bind ACCOUNT {login}`, or log in with `--user ACCOUNT` (the password is asked on the terminal)"
        ),
        code: 1,
    })
}

/// `--user NAME`: the password typed on the terminal (never from a pipe, so it cannot be scripted
/// past the login delay).
fn login_on_terminal(desk: &mut Desk, name: &str) -> Result<Actor, Failure> {
    if crate::door::files::open(std::path::Path::new("/dev/tty")).is_err() {
        return Err(Failure {
            message: format!(
                "--user {name} asks for the password on the terminal, and this run has none: run it from a \
                 terminal, or have the account bound to your Unix login (`clerkdesk user bind`)"
            ),
            code: 1,
        });
    }
    let password = rpassword::prompt_password(format!("Password of {name}: "))?;
    Ok(desk.login(name, &password)?)
}

/// The login name of `uid` in the passwd database.
///
/// # Errors
/// No such uid.
pub fn login_name(uid: u32) -> Result<String, Failure> {
    match nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid)) {
        Ok(Some(u)) => Ok(u.name),
        _ => Err(Failure { message: format!("uid {uid} has no login name in the passwd database"), code: 1 }),
    }
}

/// The uid of the login `login` in the passwd database.
///
/// # Errors
/// No such login.
pub fn uid_of(login: &str) -> Result<u32, Failure> {
    match nix::unistd::User::from_name(login) {
        Ok(Some(u)) => Ok(u.uid.as_raw()),
        Ok(None) => Err(Failure { message: format!("no Unix login '{login}' in the passwd database"), code: 1 }),
        Err(e) => Err(Failure { message: format!("cannot look up the Unix login '{login}': {e}"), code: 1 }),
    }
}
