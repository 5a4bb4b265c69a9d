//! The reference the import benchmark is held against (issue 5): the sqlite3 command-line shell
//! loading a CSV file into a bare table of a fresh database with `.import`. Here because it is
//! SQL, though it runs in the shell rather than on a store connection.

use crate::store::StoreError;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// What the shell took, and which shell it was.
#[derive(Debug, Clone)]
pub struct ShellImport {
    pub tool: String,
    pub elapsed: Duration,
}

/// `sqlite3 BARE "CREATE TABLE t (…)" ".mode csv" ".import CSV t"` for a CSV of `columns` columns,
/// timed; `None` when there is no sqlite3 shell on this machine.
///
/// # Errors
/// A shell that cannot be started or that fails the import.
pub fn shell_import(bare: &Path, csv: &Path, columns: usize) -> Result<Option<ShellImport>, StoreError> {
    let names: Vec<String> = (1..=columns).map(|i| format!("c{i}")).collect();
    let t = Instant::now();
    // Without the store's group: `sqlite3` is found on the caller's PATH.
    let out = crate::door::spawn::command("sqlite3")
        .arg(bare)
        .arg(format!("CREATE TABLE t ({})", names.join(", ")))
        .arg(".mode csv")
        .arg(format!(".import {} t", csv.display()))
        .stdin(Stdio::null())
        .output();
    let elapsed = t.elapsed();
    match out {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::Io(format!("cannot run sqlite3: {e}"))),
        Ok(o) if !o.status.success() => {
            Err(StoreError::Io(format!("sqlite3 .import failed: {}", String::from_utf8_lossy(&o.stderr).trim())))
        }
        Ok(_) => {
            let tool = crate::door::spawn::command("sqlite3").arg("--version").output().map_or_else(
                |_| "sqlite3".to_owned(),
                |v| format!("sqlite3 {}", String::from_utf8_lossy(&v.stdout).split(' ').next().unwrap_or("")),
            );
            Ok(Some(ShellImport { tool, elapsed }))
        }
    }
}
