//! `clerkdesk user add|passwd|disable|enable|list`.

use super::{CliResult, Failure, Global, open_desk, print_json, say};
use crate::desk::Actor;
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

#[allow(clippy::too_many_lines, reason = "one arm per user subcommand")]
pub fn run(g: &Global, cmd: UserCommand) -> CliResult {
    let shell = Actor::shell();
    match cmd {
        UserCommand::Add { username, name, role, department, password_stdin } => {
            let password = read_password(password_stdin)?;
            let mut desk = open_desk(g, false)?;
            desk.add_user(&shell, &username, &name, role, &password, department.as_deref())?;
            say!("Account '{username}' ({role}) created.");
        }
        UserCommand::Passwd { username, password_stdin } => {
            let password = read_password(password_stdin)?;
            let mut desk = open_desk(g, false)?;
            desk.set_password(&shell, &username, &password)?;
            say!("Password of '{username}' changed.");
        }
        UserCommand::Disable { username, reason } => {
            let mut desk = open_desk(g, false)?;
            let changed = desk.set_user_disabled(&shell, &username, true, &reason)?;
            say!(
                "{}",
                if changed {
                    format!("Account '{username}' disabled.")
                } else {
                    format!("Account '{username}' was already disabled.")
                }
            );
        }
        UserCommand::Enable { username } => {
            let mut desk = open_desk(g, false)?;
            let changed = desk.set_user_disabled(&shell, &username, false, "")?;
            say!(
                "{}",
                if changed {
                    format!("Account '{username}' enabled.")
                } else {
                    format!("Account '{username}' was already enabled.")
                }
            );
        }
        UserCommand::List { json } => {
            let mut desk = open_desk(g, false)?;
            let users = desk.list_users(&shell)?;
            if json {
                return print_json(&users);
            }
            for u in users {
                let state = match (u.disabled, u.password_set) {
                    (true, _) => "disabled",
                    (false, false) => "no password",
                    (false, true) => "",
                };
                say!(
                    "{:<16} {:<22} {:<20} {:<6} {}",
                    u.username,
                    u.full_name,
                    u.role.as_str(),
                    u.department.as_deref().unwrap_or("-"),
                    state
                );
            }
        }
    }
    Ok(())
}
