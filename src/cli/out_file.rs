//! Output files written whole or not at all. A run writes into a temporary file of its own beside
//! the target (`.<name>.<random>.tmp`: two runs at once never share one), syncs it, renames it
//! onto the target and syncs the folder, so the rename survives a power cut too. A run that
//! fails or is interrupted leaves the target as it was; its temporary file is removed when it is
//! dropped.

use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// The folder `target` goes in (`.` for a bare file name).
fn folder(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A fresh temporary file beside `target`, with the permissions a plain create would give
/// (subject to the umask), not `tempfile`'s owner-only default: the portal's pick-up may run as
/// another user.
///
/// # Errors
/// A missing or unwritable folder.
fn create_beside(target: &Path) -> io::Result<NamedTempFile> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut b = tempfile::Builder::new();
    b.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(folder(target))
}

/// Syncs `tmp`, renames it onto `target` and syncs the folder.
///
/// # Errors
/// A failing sync or rename (the temporary file is removed then).
fn commit(tmp: NamedTempFile, target: &Path) -> io::Result<()> {
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    #[cfg(unix)]
    std::fs::File::open(folder(target))?.sync_all()?;
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
