//! Output files written whole or not at all. A run writes into a temporary file of its own beside
//! the target (`.<name>.<random>.tmp`: two runs at once never share one), syncs it, renames it
//! onto the target and syncs the folder, so the rename survives a power cut too. A run that
//! fails leaves the target as it was; its temporary file is removed when it is dropped.
//!
//! The temporary file is owner-only (0600: it holds personal data) and made with the user's own
//! rights (`door`), and it stays locked (`flock`) while its run lives. A run killed outright
//! leaves its file behind: the next run to the same target removes every leftover it can lock,
//! which is exactly the ones whose run is gone.

use crate::door::files;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// The folder `target` goes in (`.` for a bare file name).
fn folder(target: &Path) -> PathBuf {
    crate::door::folder_of(target)
}

/// `.<name>.`: how the temporary files of `target` begin.
fn prefix(target: &Path) -> String {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    format!(".{name}.")
}

/// Removes the temporary files that killed runs to `target` left behind; a file another run
/// still holds (locked) stays.
fn sweep(target: &Path) {
    let prefix = prefix(target);
    let Ok(entries) = files::read_dir(&folder(target)) else { return };
    for path in entries {
        let leftover = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(&prefix) && n.len() > prefix.len() + 4)
            && path.extension().is_some_and(|e| e == "tmp");
        if leftover && files::open(&path).is_ok_and(|f| lock(&f).is_ok()) {
            let _ = files::remove_file(&path);
        }
    }
}

/// Locks `file` for this process without waiting (`flock`): held until the file is closed.
fn lock(file: &std::fs::File) -> io::Result<()> {
    Ok(rustix::fs::flock(file, rustix::fs::FlockOperation::NonBlockingLockExclusive)?)
}

/// A fresh, locked, owner-only temporary file beside `target`.
///
/// # Errors
/// A missing or unwritable folder.
fn create_beside(target: &Path) -> io::Result<NamedTempFile> {
    sweep(target);
    let tmp = files::temp_in(&folder(target), &prefix(target), ".tmp")?;
    lock(tmp.as_file())?;
    Ok(tmp)
}

/// Syncs `tmp`, renames it onto `target` and syncs the folder.
///
/// # Errors
/// A failing sync or rename (the temporary file is removed then).
fn commit(tmp: NamedTempFile, target: &Path) -> io::Result<()> {
    // A file replaced keeps its mode (a pick-up by another user of the group stays possible),
    // never wider than 0660; a new one stays 0600.
    if let Ok(old) = crate::door::as_user(|| std::fs::metadata(target)) {
        use std::os::unix::fs::PermissionsExt;
        let mode = old.permissions().mode() & 0o660;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode | 0o600))?;
    }
    tmp.as_file().sync_all()?;
    crate::door::as_user(|| tmp.persist(target).map(drop).map_err(|e| e.error))?;
    files::open(&folder(target))?.sync_all()?;
    Ok(())
}

/// `e`, saying which file it is about.
pub fn about(target: &Path, e: &io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", target.display()))
}

/// A buffered writer into a fresh temporary file beside `target`, for [`finish`].
///
/// # Errors
/// As [`create_beside`], naming `target`.
pub fn begin(target: &Path) -> io::Result<BufWriter<NamedTempFile>> {
    create_beside(target).map(|f| BufWriter::with_capacity(1 << 16, f)).map_err(|e| about(target, &e))
}

/// Flushes `w` and [`commit`]s it onto `target`.
///
/// # Errors
/// A failing write, sync or rename, naming `target` (the temporary file is removed then).
pub fn finish(w: BufWriter<NamedTempFile>, target: &Path) -> io::Result<()> {
    let tmp = w.into_inner().map_err(|e| about(target, &e.into_error()))?;
    commit(tmp, target).map_err(|e| about(target, &e))
}
