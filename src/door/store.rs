//! Which store a setgid process may open with the group, and the modes of a new store.
//!
//! While setgid, the store path (from `--db`, `CLERKDESK_DB` or the platform's data folder, which
//! `XDG_DATA_HOME` moves) is the user's choice. It is opened with the group only when its folder
//! belongs to the group (the installation's store); any other path is opened after the group is
//! given up for good, with the user's own rights. A clerk cannot create a new store in the group's
//! folder (that would be a file only the program can read, made by a clerk); root can.

use super::{drop_group, folder_of, group, is_root};
use std::fs::{OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// What a store's files get: owner and group read-write in the group's folder, owner-only
/// elsewhere.
pub const SHARED: u32 = 0o660;

/// Whether `dir` is a folder that belongs to `gid`.
fn owned_by_group(dir: &Path, gid: u32) -> bool {
    std::fs::canonicalize(dir).and_then(std::fs::metadata).is_ok_and(|m| m.is_dir() && m.gid() == gid)
}

/// Lets the process open the store at `path`: with the group when it is the group's store,
/// otherwise after giving the group up for good. Without setgid it does nothing.
///
/// # Errors
/// A new store (`create` and no file yet) in the group's folder by anyone but root; a symlink
/// in the group's folder standing for the store; failing to give up the group.
pub fn admit(path: &Path, create: bool) -> io::Result<()> {
    let Some(gid) = group() else { return Ok(()) };
    if !owned_by_group(&folder_of(path), gid) {
        return drop_group();
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("{}: the store may not be a symbolic link", path.display()),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound && create && !is_root() => Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{}: only root creates a store in the store group's folder (run `sudo clerkdesk --db {} init --group …`)",
                path.display(),
                path.display()
            ),
        )),
        _ => Ok(()),
    }
}

/// The mode a new store at `path` gets: 0660 in a folder that belongs to a group and lets no one
/// else in (the installation's folder, setgid so new files take its group), 0600 anywhere else.
#[must_use]
pub fn mode_for_new_store(path: &Path) -> u32 {
    if in_shared_folder(path) { SHARED } else { super::files::PRIVATE }
}

/// Whether `path` lies in a shared installation's folder: setgid, and closed to others.
#[must_use]
pub fn in_shared_folder(path: &Path) -> bool {
    std::fs::metadata(folder_of(path)).is_ok_and(|m| !open_to_others(m.mode()) && m.mode() & 0o2000 != 0)
}

/// Creates the empty store file at `path` with [`mode_for_new_store`], before SQLite opens it
/// (SQLite gives the `-wal` and `-shm` files the store's own mode). An existing file is left
/// alone.
///
/// # Errors
/// When the file cannot be created.
pub fn create_store_file(path: &Path) -> io::Result<()> {
    let mode = mode_for_new_store(path);
    match OpenOptions::new().write(true).create_new(true).mode(mode).open(path) {
        // The umask may have narrowed the mode; the folder's group still needs its half.
        Ok(f) => f.set_permissions(Permissions::from_mode(mode)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Whether `mode` gives others (neither owner nor group) any access.
#[must_use]
pub fn open_to_others(mode: u32) -> bool {
    mode & 0o007 != 0
}

/// Refuses a store that others (neither its owner nor its group) may read or write.
///
/// # Errors
/// Naming the file, its mode and the `chmod` that fixes it.
pub fn refuse_open_to_others(path: &Path) -> io::Result<()> {
    let mode = std::fs::metadata(path)?.mode() & 0o7777;
    if !open_to_others(mode) {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!(
            "{}: mode {mode:04o} lets every user on this machine read the store; fix: chmod {:04o} {}",
            path.display(),
            mode & 0o770,
            path.display()
        ),
    ))
}
