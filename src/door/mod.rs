//! The operating system's door to the store.
//!
//! An installation keeps the store in a folder that belongs to a dedicated group (mode 2770, files
//! 0660); clerks are not in that group, and the installed binary is setgid to it. The program is
//! then the only way in: a clerk's `sqlite3` cannot open the file. That only holds if nothing the
//! clerk controls runs or reads with the group, so while the process is setgid (its effective gid
//! differs from its real gid) this module is the one place that:
//!
//! - opens the files a user names (imports, exports, receipts, configuration, logs, backups…)
//!   with the group dropped for that open ([`as_user`], [`files`]);
//! - spawns commands (the printer) with the group dropped for good in the child ([`spawn`]);
//! - decides whether a store path from the command line or the environment may be opened with the
//!   group at all ([`store`]);
//! - sets the modes of the files the program creates, and checks an installation
//!   ([`install`]).
//!
//! Gids are per thread on Linux (the kernel's `setresgid` changes the calling thread only; the C
//! library's wrapper signals every thread to follow). [`as_user`] relies on that: it switches the
//! calling thread's effective gid to the real gid for one call and back to the saved set-gid
//! afterwards, so another thread that works on the store at the same moment keeps the group. A
//! thread started inside [`as_user`] inherits the dropped gid (the log writer is started so).

pub mod files;
pub mod install;
pub mod spawn;
pub mod store;
#[cfg(test)]
mod tests;

use rustix::process::{Gid, Uid, getegid, getgid, getuid};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// The setgid group as found at start-up: `None` when not setgid.
static GROUP: OnceLock<Option<u32>> = OnceLock::new();
/// Set once the group is given up for good.
static DROPPED: AtomicBool = AtomicBool::new(false);

/// The folder `path` lies in (`.` for a bare name).
#[must_use]
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Notes the setgid group and narrows the umask so that whatever the program creates is
/// owner-only unless it says otherwise. Call first thing in `main`, before any thread starts and
/// before anything is opened.
pub fn init() {
    group_at_start();
    // Owner-only by default: a store, a backup, an export or a log is never wider than asked for.
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

fn group_at_start() -> Option<u32> {
    *GROUP.get_or_init(|| {
        let (real, effective) = (getgid(), getegid());
        (real != effective).then(|| effective.as_raw())
    })
}

/// The group the binary is setgid to, while the process still holds it.
#[must_use]
pub fn group() -> Option<u32> {
    group_at_start().filter(|_| !DROPPED.load(Ordering::SeqCst))
}

/// Whether the process runs setgid and still holds the group.
#[must_use]
pub fn is_setgid() -> bool {
    group().is_some()
}

/// The caller's real uid (who is at the keyboard, whatever `$USER` says).
#[must_use]
pub fn real_uid() -> u32 {
    getuid().as_raw()
}

/// The caller's real gid.
#[must_use]
pub fn real_gid() -> u32 {
    getgid().as_raw()
}

/// Whether the caller is root (root reads the store anyway).
#[must_use]
pub fn is_root() -> bool {
    getuid() == Uid::ROOT
}

/// Runs `f` with the calling thread's effective gid set to the real gid, and restores the group
/// afterwards; without setgid it just runs `f`. Whatever `f` opens, it opens with the user's own
/// rights.
///
/// # Errors
/// `f`'s error, or the failure to switch the gid (then `f` does not run).
pub fn as_user<T>(f: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
    let Some(group) = group() else { return f() };
    rustix::thread::set_thread_res_gid(None, Some(getgid()), None)?;
    let out = f();
    // The saved set-gid still holds the group, so taking it back cannot fail for lack of
    // privilege; were it to fail, the thread simply stays without the group.
    rustix::thread::set_thread_res_gid(None, Some(Gid::from_raw(group)), None)?;
    out
}

/// Gives up the group for good (real, effective and saved gid all become the real gid) for the
/// calling thread. Threads started later inherit that; call it before starting any (main does,
/// when the store in use is not the group's).
///
/// # Errors
/// When the kernel refuses (it does not for an unprivileged process dropping to its real gid).
pub fn drop_group() -> io::Result<()> {
    if group().is_none() {
        return Ok(());
    }
    let real = getgid();
    rustix::thread::set_thread_res_gid(Some(real), Some(real), Some(real))?;
    DROPPED.store(true, Ordering::SeqCst);
    tracing::info!("store group dropped for good");
    Ok(())
}
