//! Writes refused on a damaged store: before a command that may write runs, the store must pass
//! the check before a write ([`crate::desk::Desk::write_check`]): SQLite's quick check on a store
//! of up to 8 MB and for every bulk import, the store's structure otherwise. A store with a corrupt page once took
//! `case file` and `import portal` (exit 0), building on the damage; now they stop and say what to
//! run instead.

use super::{Command, Failure, Global, open_desk, resolve_db};

/// Whether `command` runs without the start-up check: those that make a store, read the
/// configuration or the program's own text, and the ones an administrator needs on a damaged
/// store (`check` reports the damage, `backup` saves what can be saved). The workstation runs the
/// check itself.
fn unchecked(command: Option<&Command>) -> bool {
    matches!(
        command,
        None | Some(
            Command::Tui
                | Command::Init { .. }
                | Command::Check { .. }
                | Command::Backup { .. }
                | Command::Config(_)
                | Command::Completions { .. }
                | Command::Man { .. }
                | Command::Bench(_)
                | Command::Audit(_)
        )
    )
}

/// Refuses the command when the store exists and fails the check (exit 1, naming the faults).
///
/// # Errors
/// The damage found, or a store too damaged to be checked at all.
pub(super) fn refuse_if_damaged(g: &Global, command: Option<&Command>) -> Result<(), Failure> {
    if unchecked(command) {
        return Ok(());
    }
    let path = resolve_db(g)?;
    if !path.exists() {
        // The command itself says that the store is missing.
        return Ok(());
    }
    let desk = open_desk(g, false)?;
    // A bulk import's seconds dwarf a full check's; a clerk's single write gets the cheap one on
    // a big store ([`crate::desk::Desk::write_check`] says what each costs).
    let full = matches!(command, Some(Command::Import(_) | Command::Demo { .. }));
    let faults = desk.write_check(full);
    if faults.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = faults.iter().take(3).map(String::as_str).collect();
    let more = if faults.len() > 3 { format!(" and {} more", faults.len() - 3) } else { String::new() };
    Err(Failure {
        message: format!(
            "store {} is damaged ({}{more}); nothing was changed\n\
             run `clerkdesk check` for the full report, then restore the last good backup",
            path.display(),
            shown.join("; ")
        ),
        code: 1,
    })
}
