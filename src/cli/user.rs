//! `clerkdesk user add|passwd|disable|enable|bind|unbind|unlock|list`.

use super::{CliResult, Failure, Global, open_as, print_json, say};
use crate::domain::role::Role;
use clap::Subcommand;
use std::io::{BufRead, IsTerminal};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account (the password is asked for, or read from stdin with --password-stdin)
    Add {
        username: String,
        /// Full name as shown in the header and history
        #[arg(long)]
        name: String,
        #[allow(clippy::doc_markdown, reason = "clap prints this doc comment as --help text, backticks and all")]
        /// counter_clerk, hotline_operator, department_official, supervisor or administrator
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The department's code (e.g. OSA)
        #[arg(long)]
        department: Option<String>,
        #[arg(long)]
        password_stdin: bool,
        /// Bind the account to this Unix login: the command line run by it acts as the account
        #[arg(long, value_name = "LOGIN")]
        unix_user: Option<String>,
    },
    /// Set a new password
    Passwd {
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable an account: it can no longer log in; its history stays
    Disable {
        username: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Enable a disabled account again
    Enable { username: String },
    /// Bind an account to a Unix login: the command line run by that login acts as the account
    Bind {
        username: String,
        /// The login's name in the passwd database (its uid is stored)
        login: String,
    },
    /// Unbind an account from its Unix login
    Unbind { username: String },
    /// Lift the lockout after too many failed logins (and the wait between attempts)
    Unlock { username: String },
    /// List the accounts
    List {
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| {
        format!(
            "'{s}' is not a role: counter_clerk, hotline_operator, department_official, supervisor or administrator"
        )
    })
}

/// One line from stdin, or asked twice on the terminal without echo.
fn read_password(from_stdin: bool) -> Result<String, Failure> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure { message: "no terminal to ask for the password: pass --password-stdin".into(), code: 2 });
    }
    let a = rpassword::prompt_password("Password: ")?;
    let b = rpassword::prompt_password("Again: ")?;
    if a != b {
        return Err(Failure { message: "the two passwords differ; nothing changed".into(), code: 1 });
    }
    Ok(a)
}

fn changed_or_not(changed: bool, username: &str, done: &str) -> String {
    if changed { format!("Account '{username}' {done}.") } else { format!("Account '{username}' was already {done}.") }
}

pub fn run(g: &Global, cmd: UserCommand) -> CliResult {
    match cmd {
        UserCommand::Add { username, name, role, department, password_stdin, unix_user } => {
            let uid = unix_user.as_deref().map(super::actor::uid_of).transpose()?;
            let password = read_password(password_stdin)?;
            let (mut desk, actor) = open_as(g)?;
            desk.add_user(&actor, &username, &name, role, &password, department.as_deref())?;
            say!("Account '{username}' ({role}) created.");
            if let (Some(login), Some(uid)) = (unix_user, uid) {
                desk.bind_login(&actor, &username, &login, uid)?;
                say!("Bound to the Unix login '{login}' (uid {uid}).");
            }
        }
        UserCommand::Passwd { username, password_stdin } => {
            let password = read_password(password_stdin)?;
            let (mut desk, actor) = open_as(g)?;
            desk.set_password(&actor, &username, &password)?;
            say!("Password of '{username}' changed.");
        }
        UserCommand::Disable { username, reason } => {
            let (mut desk, actor) = open_as(g)?;
            let changed = desk.set_user_disabled(&actor, &username, true, &reason)?;
            say!("{}", changed_or_not(changed, &username, "disabled"));
        }
        UserCommand::Enable { username } => {
            let (mut desk, actor) = open_as(g)?;
            let changed = desk.set_user_disabled(&actor, &username, false, "")?;
            say!("{}", changed_or_not(changed, &username, "enabled"));
        }
        UserCommand::Bind { username, login } => {
            let uid = super::actor::uid_of(&login)?;
            let (mut desk, actor) = open_as(g)?;
            desk.bind_login(&actor, &username, &login, uid)?;
            say!("Account '{username}' bound to the Unix login '{login}' (uid {uid}).");
        }
        UserCommand::Unbind { username } => {
            let (mut desk, actor) = open_as(g)?;
            let changed = desk.unbind_login(&actor, &username)?;
            say!("{}", changed_or_not(changed, &username, "unbound from its Unix login"));
        }
        UserCommand::Unlock { username } => {
            let (mut desk, actor) = open_as(g)?;
            let changed = desk.unlock_user(&actor, &username)?;
            say!("{}", changed_or_not(changed, &username, "unlocked"));
        }
        UserCommand::List { json } => list(g, json)?,
    }
    Ok(())
}

fn list(g: &Global, json: bool) -> CliResult {
    let (mut desk, actor) = open_as(g)?;
    let users = desk.list_users(&actor)?;
    if json {
        return print_json(&users);
    }
    for u in users {
        let mut state = Vec::new();
        if u.disabled {
            state.push("disabled".to_owned());
        } else if !u.password_set {
            state.push("no password".to_owned());
        }
        if u.locked {
            state.push("locked".to_owned());
        }
        if let Some(uid) = u.unix_uid {
            let login = super::actor::login_name(uid).unwrap_or_else(|_| "?".into());
            state.push(format!("login {login} (uid {uid})"));
        }
        say!(
            "{:<16} {:<22} {:<20} {:<6} {}",
            u.username,
            u.full_name,
            u.role.as_str(),
            u.department.as_deref().unwrap_or("-"),
            state.join(", ")
        );
    }
    Ok(())
}
