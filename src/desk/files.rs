//! What the desk learns from a file a user names, without keeping it: an attachment's size and
//! SHA-256, and the SHA-256 of an import file (by which a rerun finds its interrupted run).

use super::{DeskError, NewAttachment};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::Path;

/// Copies `from` to `to` (`std::io::sink()` to only read) in flat memory: the bytes that went
/// through and their SHA-256 in lower-case hex.
pub fn sha256_copy(from: &mut dyn Read, to: &mut dyn Write) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let chunk = buf.get(..n).unwrap_or_default();
        hasher.update(chunk);
        to.write_all(chunk)?;
        size += n as u64;
    }
    Ok((size, format!("{:x}", hasher.finalize())))
}

impl NewAttachment {
    /// A file the clerk names (an electronic filing on a stick, a scan): recorded by its name,
    /// size and SHA-256, never copied. The error names the path and why it cannot be read.
    pub fn from_file(path: &Path) -> Result<NewAttachment, DeskError> {
        let shown = path.display();
        let mut file = crate::door::files::open(path).map_err(|e| DeskError::Io(format!("{shown}: {e}")))?;
        let (size, sha256) =
            sha256_copy(&mut file, &mut std::io::sink()).map_err(|e| DeskError::Io(format!("{shown}: {e}")))?;
        let name = path.file_name().map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned());
        Ok(NewAttachment { name, size, sha256 })
    }
}
