//! The file a bulk import reads twice (a check pass, then the import): the named file, or standard
//! input spooled to a temporary file, with the SHA-256 of its bytes.

use crate::cli::Failure;
use crate::desk::files::sha256_copy;
use std::io::{Read, Write};
use std::path::PathBuf;

/// The file to read twice: the named one, or standard input spooled to a temporary file.
pub(crate) struct Source {
    pub(crate) path: PathBuf,
    pub(crate) sha256: String,
    _spool: Option<tempfile::NamedTempFile>,
}

pub(crate) fn source(name: &str) -> Result<Source, Failure> {
    if name == "-" {
        let mut spool = crate::door::files::temp().map_err(|e| Failure::from(format!("cannot spool stdin: {e}")))?;
        let sha = copy_hashing(&mut std::io::stdin().lock(), spool.as_file_mut())?;
        let path = spool.path().to_owned();
        return Ok(Source { path, sha256: sha, _spool: Some(spool) });
    }
    let path = PathBuf::from(name);
    let mut file = crate::door::files::open(&path).map_err(|e| Failure::from(format!("{name}: {e}")))?;
    let sha = copy_hashing(&mut file, &mut std::io::sink())?;
    Ok(Source { path, sha256: sha, _spool: None })
}

/// Copies `from` to `to`; the SHA-256 of what went through.
fn copy_hashing(from: &mut dyn Read, to: &mut dyn Write) -> Result<String, Failure> {
    let (_, sha) = sha256_copy(from, to).map_err(|e| Failure::from(format!("cannot read or spool the file: {e}")))?;
    Ok(sha)
}
