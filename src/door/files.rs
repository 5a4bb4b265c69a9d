//! Files a user names, opened with the user's own rights ([`super::as_user`]): an import source,
//! an export, a receipt, a `-o` file, a configuration, the corpus, a catalogue or plan file, an
//! attachment, the man-page folder, a log. A clerk who names the store itself, or plants a
//! symlink to it, gets "permission denied", as from any other program of theirs.
//!
//! Files created here are owner-only (0600): what the program writes holds personal data. A file
//! that replaces another ([`write`] over an existing one) keeps the old one's mode, never wider
//! than 0660.

use super::as_user;
use std::fs::{File, OpenOptions, Permissions};
use std::io::{self, Read};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Owner-only, for everything the program creates on a user's behalf.
pub const PRIVATE: u32 = 0o600;

/// Opens `path` for reading.
///
/// # Errors
/// As [`File::open`] with the user's rights.
pub fn open(path: &Path) -> io::Result<File> {
    as_user(|| File::open(path))
}

/// The whole of `path`.
///
/// # Errors
/// As [`std::fs::read`] with the user's rights.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The whole of `path` as UTF-8.
///
/// # Errors
/// As [`std::fs::read_to_string`] with the user's rights.
pub fn read_to_string(path: &Path) -> io::Result<String> {
    let mut text = String::new();
    open(path)?.read_to_string(&mut text)?;
    Ok(text)
}

/// The entries of the folder `path`.
///
/// # Errors
/// As [`std::fs::read_dir`] with the user's rights.
pub fn read_dir(path: &Path) -> io::Result<Vec<PathBuf>> {
    as_user(|| std::fs::read_dir(path)?.map(|e| e.map(|e| e.path())).collect())
}

/// Creates or truncates `path` for writing: a new file 0600, an existing one keeps its mode
/// capped at 0660.
///
/// # Errors
/// As [`File::create`] with the user's rights.
pub fn create(path: &Path) -> io::Result<File> {
    as_user(|| {
        let file = OpenOptions::new().write(true).create(true).truncate(true).mode(PRIVATE).open(path)?;
        let mode = file.metadata()?.permissions().mode() & 0o7777;
        if mode & !0o660 != 0 {
            file.set_permissions(Permissions::from_mode(mode & 0o660))?;
        }
        Ok(file)
    })
}

/// Creates or truncates `path` with exactly `mode`: for what holds no personal data (man pages).
///
/// # Errors
/// As [`File::create`] with the user's rights.
pub fn create_mode(path: &Path, mode: u32) -> io::Result<File> {
    as_user(|| {
        let file = OpenOptions::new().write(true).create(true).truncate(true).mode(mode).open(path)?;
        file.set_permissions(Permissions::from_mode(mode))?;
        Ok(file)
    })
}

/// Writes `bytes` to `path` (see [`create`]).
///
/// # Errors
/// As [`std::fs::write`] with the user's rights.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) -> io::Result<()> {
    use std::io::Write;
    create(path)?.write_all(bytes.as_ref())
}

/// Creates the folder `path` and its parents (new ones 0700 before the umask).
///
/// # Errors
/// As [`std::fs::create_dir_all`] with the user's rights.
pub fn create_dir_all(path: &Path) -> io::Result<()> {
    as_user(|| std::fs::DirBuilder::new().recursive(true).mode(0o700).create(path))
}

/// Removes the file `path`.
///
/// # Errors
/// As [`std::fs::remove_file`] with the user's rights.
pub fn remove_file(path: &Path) -> io::Result<()> {
    as_user(|| std::fs::remove_file(path))
}

/// A new owner-only temporary file in `dir` named `<prefix><random><suffix>`.
///
/// # Errors
/// A missing or unwritable folder.
pub fn temp_in(dir: &Path, prefix: &str, suffix: &str) -> io::Result<NamedTempFile> {
    as_user(|| {
        tempfile::Builder::new()
            .prefix(prefix)
            .suffix(suffix)
            .permissions(Permissions::from_mode(PRIVATE))
            .tempfile_in(dir)
    })
}

/// A new owner-only temporary file in the system's temporary folder (stdin spooled for an
/// import).
///
/// # Errors
/// As [`temp_in`].
pub fn temp() -> io::Result<NamedTempFile> {
    temp_in(&std::env::temp_dir(), ".clerkdesk.", ".tmp")
}

/// A temporary folder in `parent` (benches that build stores of their own).
///
/// # Errors
/// As [`tempfile::TempDir::new_in`] with the user's rights.
pub fn temp_dir_in(parent: &Path, prefix: &str) -> io::Result<tempfile::TempDir> {
    as_user(|| tempfile::Builder::new().prefix(prefix).tempdir_in(parent))
}

/// Copies `from` to `to` (a new file, 0600).
///
/// # Errors
/// As [`std::fs::copy`] with the user's rights.
pub fn copy(from: &Path, to: &Path) -> io::Result<u64> {
    let mut src = open(from)?;
    let mut dst = as_user(|| OpenOptions::new().write(true).create_new(true).mode(PRIVATE).open(to))?;
    io::copy(&mut src, &mut dst)
}

/// Makes the finished file `partial` owner-only, syncs it and gives it the name `target`, which
/// must not exist yet (a hard link, so an existing `target` is never replaced), then syncs the
/// folder so the name survives a power cut.
///
/// # Errors
/// A failing sync, an existing `target`, a folder that takes no links.
pub fn finish_new(partial: &Path, target: &Path) -> io::Result<()> {
    as_user(|| {
        let file = OpenOptions::new().read(true).write(true).open(partial)?;
        file.set_permissions(Permissions::from_mode(PRIVATE))?;
        file.sync_all()?;
        match std::fs::hard_link(partial, target) {
            Ok(()) => std::fs::remove_file(partial)?,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
            // A file system without hard links (a FAT backup disk): rename, having looked first.
            Err(_) if !target.exists() => std::fs::rename(partial, target)?,
            Err(_) => return Err(io::Error::from(io::ErrorKind::AlreadyExists)),
        }
        File::open(super::folder_of(target))?.sync_all()
    })
}
