//! The heads of the hash chains (audit log, case history, payments): what `clerkdesk audit head`
//! prints for the daily paper log, what every export and backup carries, and what
//! `clerkdesk audit verify --head` reads back. A head is the last row's id and hash; a store
//! whose row at that id no longer has that hash was rewritten after the head was taken.

use serde::Serialize;
use std::fmt;

/// One chain's head: its table, the id of its last row (0 for an empty table) and that row's
/// hash in lower-case hex (empty for an empty table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainHead {
    pub table: String,
    pub last_id: i64,
    pub hash: String,
}

impl fmt::Display for ChainHead {
    /// `table:id:hash`, the compact form (`-` for an empty chain's hash).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hash = if self.hash.is_empty() { "-" } else { &self.hash };
        write!(f, "{}:{}:{hash}", self.table, self.last_id)
    }
}

/// The heads in their compact form, comma-separated: one token for an audit line or a summary.
#[must_use]
pub fn compact(heads: &[ChainHead]) -> String {
    heads.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

/// Reads heads back from what `audit head` printed (one `table id hash` a line, `#` comments and
/// blank lines ignored) or from the compact form (`table:id:hash`, separated by commas or
/// whitespace).
///
/// # Errors
/// A malformed entry: its line (0 when nothing was given) and what is wrong with it, quoting it.
pub fn parse_heads(text: &str) -> Result<Vec<ChainHead>, (usize, String)> {
    let mut heads = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        // `table id hash` on a line, or compact tokens separated by commas or spaces.
        let entries: Vec<Vec<&str>> = if words.len() == 3 && !words[0].contains(':') {
            vec![words]
        } else {
            line.split(|c: char| c == ',' || c.is_whitespace())
                .filter(|t| !t.is_empty())
                .map(|t| t.split(':').collect())
                .collect()
        };
        for fields in entries {
            heads.push(head_of(&fields).map_err(|e| (n + 1, e))?);
        }
    }
    if heads.is_empty() {
        return Err((0, "no chain head given (expected `table id hash` lines or `table:id:hash`)".into()));
    }
    Ok(heads)
}

fn head_of(fields: &[&str]) -> Result<ChainHead, String> {
    let [table, id, hash] = fields else {
        return Err(format!("`{}` is not `table:id:hash`", fields.join(":")));
    };
    let last_id: i64 = id.parse().map_err(|_| format!("`{id}` is not a row id (table {table})"))?;
    if last_id < 0 {
        return Err(format!("`{id}` is not a row id (table {table})"));
    }
    let hash = if *hash == "-" { String::new() } else { hash.to_ascii_lowercase() };
    let well_formed = (last_id == 0 && hash.is_empty())
        || (last_id > 0 && hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    if !well_formed {
        return Err(format!("`{hash}` is not the 64-digit hash of {table} row {last_id}"));
    }
    Ok(ChainHead { table: (*table).to_owned(), last_id, hash })
}

/// Lower-case hex of a hash.
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;

    fn head(table: &str, id: i64, hash: &str) -> ChainHead {
        ChainHead { table: table.into(), last_id: id, hash: hash.into() }
    }

    #[test]
    fn the_printed_and_the_compact_form_read_back() {
        let h = "ab".repeat(32);
        let heads = vec![head("audit_log", 12, &h), head("payments", 0, "")];
        assert_eq!(parse_heads(&compact(&heads)).unwrap(), heads);
        let printed = format!("# daily log\naudit_log 12 {}\npayments 0 -\n", h.to_uppercase());
        assert_eq!(parse_heads(&printed).unwrap(), heads);
    }

    #[test]
    fn a_malformed_head_is_named() {
        assert!(parse_heads("audit_log:x:ab").unwrap_err().1.contains("`x` is not a row id"));
        assert!(
            parse_heads("\naudit_log:3:abc").unwrap_err()
                == (2, "`abc` is not the 64-digit hash of audit_log row 3".into())
        );
        assert!(parse_heads("  \n# nothing\n").is_err());
    }
}
