//! Tamper evidence (migration 0012): the audit log, the case history and the payments are hash
//! chains. Each row's `hash` is SHA-256 over a canonical encoding of: the table's name, the
//! previous row's hash (NULL for the first row), the row's id and every other column in the order
//! of [`CHAINED`]. Every value is encoded as a type tag and its bytes, lengths fixed or prefixed,
//! so no two different rows encode alike.
//!
//! The same function, registered on every connection as `clerkdesk_chain()`, computes the hash in
//! the insert statements, checks it in the guard triggers, and chains the rows that existed when
//! the migration ran; [`Store::verify_chains`] recomputes it row by row in Rust.

use super::{Store, StoreError, Tx};
use crate::domain::chain::{ChainHead, hex};
use rusqlite::Connection;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

/// The chained tables and their columns after `id`, in the order the hash covers them. A new
/// column on one of them needs a new encoding (a test compares this with the schema).
pub const CHAINED: &[(&str, &[&str])] = &[
    ("audit_log", &["at", "user_id", "actor", "action", "entity", "entity_id", "detail", "reason"]),
    ("case_history", &["case_id", "at", "user_id", "event", "from_status", "to_status", "detail", "reason"]),
    ("payments", &["claim_id", "amount_czk", "method", "receipt_number", "paid_at", "user_id"]),
];

/// Where the encoding starts: a new version of it would change this.
const DOMAIN: &[u8] = b"clerkdesk chain v1\n";

/// Registers `clerkdesk_chain(table, prev_hash, id, columns...)` on `conn`. Tools and tests that
/// open a store with plain rusqlite call it before they insert into a chained table.
///
/// # Errors
/// When SQLite refuses the function.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "clerkdesk_chain",
        -1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS,
        |ctx: &Context<'_>| {
            let values: Vec<ValueRef<'_>> = (0..ctx.len()).map(|i| ctx.get_raw(i)).collect();
            Ok(digest(&values).to_vec())
        },
    )
}

/// The chain hash of one row given as (table, previous hash, id, columns…).
fn digest(values: &[ValueRef<'_>]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(DOMAIN);
    for v in values {
        match *v {
            ValueRef::Null => h.update([0]),
            ValueRef::Integer(i) => {
                h.update([1]);
                h.update(i.to_be_bytes());
            }
            ValueRef::Real(f) => {
                h.update([2]);
                h.update(f.to_bits().to_be_bytes());
            }
            ValueRef::Text(t) => {
                h.update([3]);
                h.update((t.len() as u64).to_be_bytes());
                h.update(t);
            }
            ValueRef::Blob(b) => {
                h.update([4]);
                h.update((b.len() as u64).to_be_bytes());
                h.update(b);
            }
        }
    }
    h.finalize().into()
}

/// The heads of every chain, read on `conn` (inside whatever transaction it is in).
fn heads_on(conn: &Connection) -> Result<Vec<ChainHead>, StoreError> {
    use rusqlite::OptionalExtension;
    let mut heads = Vec::with_capacity(CHAINED.len());
    for (table, _) in CHAINED {
        let row: Option<(i64, Option<Vec<u8>>)> = conn
            .query_row(&format!("SELECT id, hash FROM {table} ORDER BY id DESC LIMIT 1"), [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let (last_id, hash) = row.map_or((0, String::new()), |(id, h)| (id, h.map_or_else(String::new, |h| hex(&h))));
        heads.push(ChainHead { table: (*table).to_owned(), last_id, hash });
    }
    Ok(heads)
}

/// The first fault of one chain: a gap in the ids, a missing or wrong hash.
fn first_fault(conn: &Connection, table: &str, columns: &[&str]) -> Result<Option<String>, StoreError> {
    let sql = format!("SELECT id, hash, {} FROM {table} ORDER BY id", columns.join(", "));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut prev: Option<(i64, Vec<u8>)> = None;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let expected_id = prev.as_ref().map_or(1, |(p, _)| p + 1);
        if id != expected_id {
            let missing = if id == expected_id + 1 {
                format!("id {expected_id}")
            } else {
                format!("ids {expected_id}–{}", id - 1)
            };
            return Ok(Some(format!("{table} row {id}: {missing} missing before it (rows deleted)")));
        }
        let Some(stored) = r.get::<_, Option<Vec<u8>>>(1)? else {
            return Ok(Some(format!("{table} row {id}: no hash (inserted past the chain)")));
        };
        let mut values = vec![ValueRef::Text(table.as_bytes())];
        values.push(prev.as_ref().map_or(ValueRef::Null, |(_, h)| ValueRef::Blob(h)));
        values.push(ValueRef::Integer(id));
        for i in 0..columns.len() {
            values.push(r.get_ref(i + 2)?);
        }
        if digest(&values).as_slice() != stored.as_slice() {
            return Ok(Some(format!(
                "{table} row {id}: its hash does not match its contents and the row before it (changed, or inserted out of chain)"
            )));
        }
        prev = Some((id, stored));
    }
    Ok(None)
}

/// What the store's row at each head's id says against that head.
fn against_heads(conn: &Connection, heads: &[ChainHead]) -> Result<Vec<String>, StoreError> {
    use rusqlite::OptionalExtension;
    let mut faults = Vec::new();
    for head in heads {
        if !CHAINED.iter().any(|(t, _)| *t == head.table) {
            faults.push(format!("the head names {}, which is not a chained table", head.table));
            continue;
        }
        if head.last_id == 0 {
            continue;
        }
        let table = &head.table;
        let row: Option<Option<Vec<u8>>> = conn
            .query_row(&format!("SELECT hash FROM {table} WHERE id = ?1"), [head.last_id], |r| r.get(0))
            .optional()?;
        match row {
            None => {
                let last: i64 =
                    conn.query_row(&format!("SELECT coalesce(max(id), 0) FROM {table}"), [], |r| r.get(0))?;
                faults.push(format!(
                    "{table} row {}: in the head taken earlier, gone from the store (which ends at row {last}): its tail was cut off",
                    head.last_id
                ));
            }
            Some(h) if h.as_deref().map(hex).as_deref() != Some(head.hash.as_str()) => faults.push(format!(
                "{table} row {}: its hash differs from the head taken earlier: the chain up to it was rewritten",
                head.last_id
            )),
            Some(_) => {}
        }
    }
    Ok(faults)
}

impl Tx<'_> {
    /// The head of each chain in this transaction's snapshot.
    pub fn chain_heads(&self) -> Result<Vec<ChainHead>, StoreError> {
        heads_on(self)
    }
}

impl Store {
    /// The head of each chain now.
    pub fn chain_heads(&self) -> Result<Vec<ChainHead>, StoreError> {
        heads_on(self.conn())
    }

    /// The heads of the store file at `path` (a backup just written), read without migrating or
    /// changing it.
    ///
    /// # Errors
    /// A file that cannot be opened or read as a store.
    pub fn chain_heads_of(path: &std::path::Path) -> Result<Vec<ChainHead>, StoreError> {
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::open(path, &e))?;
        heads_on(&conn)
    }

    /// Every chain walked from its first row: the first broken row of each (gap, missing or wrong
    /// hash), then each head given against the row it names. Faults, not errors: an empty list
    /// means every chain holds.
    ///
    /// # Errors
    /// A store too damaged to be read (the check reports that as a fault itself).
    pub fn verify_chains(&self, heads: &[ChainHead]) -> Result<Vec<String>, StoreError> {
        let conn = self.conn();
        let mut faults = Vec::new();
        for (table, columns) in CHAINED {
            faults.extend(first_fault(conn, table, columns)?);
        }
        faults.extend(against_heads(conn, heads)?);
        Ok(faults)
    }
}

/// `(type, name) -> sql` of the chained tables and their triggers.
fn guard_schema(conn: &Connection) -> Result<std::collections::BTreeMap<(String, String), String>, StoreError> {
    let list = CHAINED.iter().map(|(t, _)| format!("'{t}'")).collect::<Vec<_>>().join(", ");
    let mut stmt = conn.prepare(&format!(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_schema
         WHERE type IN ('table', 'trigger') AND tbl_name IN ({list})"
    ))?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The chained tables and every trigger on them, against what the migrations make on an empty
/// store: a trigger dropped, changed or added is a fault. While a bulk load runs, its dropped
/// full-text sync triggers are not (the check reports the unfinished load by itself).
fn guard_faults(conn: &Connection, bulk_running: bool) -> Result<Vec<String>, StoreError> {
    let mut reference = Connection::open_in_memory()?;
    super::register_functions(&reference)?;
    super::migrate::migrate_to(&mut reference, std::path::Path::new(":memory:"), super::MIGRATIONS)?;
    let want = guard_schema(&reference)?;
    let have = guard_schema(conn)?;
    let mut faults = Vec::new();
    for ((kind, name), sql) in &want {
        match have.get(&(kind.clone(), name.clone())) {
            None if bulk_running && super::bulk::SYNC_TRIGGERS.contains(&name.as_str()) => {}
            None => faults.push(format!("{kind} {name} is missing (dropped?)")),
            Some(found) if found != sql => {
                faults.push(format!("{kind} {name} differs from the one the migrations made"));
            }
            Some(_) => {}
        }
    }
    for (kind, name) in have.keys().filter(|k| !want.contains_key(*k)) {
        faults.push(format!("{kind} {name} was not made by the migrations"));
    }
    Ok(faults)
}

impl Store {
    /// The chained tables' definitions and their protecting triggers, exactly as the migrations
    /// made them.
    ///
    /// # Errors
    /// A store too damaged to read its schema.
    pub fn verify_guards(&self) -> Result<Vec<String>, StoreError> {
        let bulk_running = self.meta(super::bulk::BULK_META_KEY)?.is_some();
        guard_faults(self.conn(), bulk_running)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;

    /// A column added to a chained table without a new encoding would go unprotected.
    #[test]
    fn the_chain_covers_every_column_of_its_tables() {
        let store = Store::open_in_memory().unwrap();
        for (table, columns) in CHAINED {
            let mut stmt =
                store.conn().prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid")).unwrap();
            let names: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
            let mut want = vec!["id".to_owned()];
            want.extend(columns.iter().map(|c| (*c).to_owned()));
            want.push("hash".to_owned());
            assert_eq!(names, want, "{table}");
        }
    }

    #[test]
    fn the_encoding_tells_values_and_types_apart() {
        let row = |x: ValueRef<'static>, y: ValueRef<'static>| {
            digest(&[ValueRef::Text(b"audit_log"), ValueRef::Null, ValueRef::Integer(1), x, y])
        };
        let split_ab_c = row(ValueRef::Text(b"ab"), ValueRef::Text(b"c"));
        let split_a_bc = row(ValueRef::Text(b"a"), ValueRef::Text(b"bc"));
        let text_one = row(ValueRef::Text(b"1"), ValueRef::Text(b"c"));
        let int_one = row(ValueRef::Integer(1), ValueRef::Text(b"c"));
        assert!(split_ab_c != split_a_bc && text_one != int_one, "shifted boundaries and types hash differently");
    }
}
