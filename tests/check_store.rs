//! `clerkdesk check` as an administrator relies on it (issue 12's reliability points): a store
//! with a corrupt page gets a whole report (and `--json` JSON), exit 1; a healthy store the
//! administrator may only read reports no fault; a store made before the hash chains is chained
//! by the upgrade.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use std::io::{Seek, SeekFrom, Write};
use std::os::unix::fs::PermissionsExt;
use support::cli::Env;

fn filed() -> Env {
    let env = Env::with_clerk();
    env.ok(support::cli::PASSPORT);
    env
}

/// Overwrites the b-tree header of `table`'s root page (the store's WAL already folded in: the
/// last process to close it checkpoints).
fn corrupt_root_page(env: &Env, table: &str) {
    let (root, page_size): (i64, i64) = {
        let c = env.conn();
        let root = c.query_row("SELECT rootpage FROM sqlite_schema WHERE name = ?1", [table], |r| r.get(0)).unwrap();
        (root, c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap())
    };
    let mut f = std::fs::OpenOptions::new().write(true).open(env.db()).unwrap();
    f.seek(SeekFrom::Start(u64::try_from((root - 1) * page_size).unwrap())).unwrap();
    f.write_all(&[0xFF; 12]).unwrap();
    f.sync_all().unwrap();
}

#[test]
fn a_corrupt_page_gets_a_whole_report_and_json() {
    let env = filed();
    corrupt_root_page(&env, "cases");
    let out = env.cmd(&["check"]).assert().code(1).get_output().clone();
    let text = String::from_utf8(out.stdout).unwrap();
    for part in ["integrity: ", "foreign keys: ", "full-text indexes: ", "appointments: ", "hash chains: "] {
        assert!(text.contains(part), "the report has its '{part}' part: {text}");
    }
    assert!(text.contains("integrity: ") && !text.contains("integrity: ok"), "{text}");

    let out = env.cmd(&["check", "--json"]).assert().code(1).get_output().clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check --json prints JSON");
    assert_eq!(v["ok"].as_bool(), Some(false), "{v}");
    assert!(!v["integrity"].as_array().unwrap().is_empty(), "{v}");
}

#[test]
fn a_store_that_cannot_be_opened_still_gets_json() {
    let env = filed();
    // The first page (the schema) destroyed: nothing can be read.
    let mut f = std::fs::OpenOptions::new().write(true).open(env.db()).unwrap();
    f.seek(SeekFrom::Start(100)).unwrap();
    f.write_all(&[0xFF; 200]).unwrap();
    drop(f);
    let out = env.cmd(&["check", "--json"]).assert().code(1).get_output().clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check --json prints JSON");
    assert_eq!(v["ok"].as_bool(), Some(false), "{v}");
}

#[test]
fn a_read_only_healthy_store_has_no_faults() {
    let env = filed();
    let dir = env.db().parent().unwrap().to_owned();
    let mut cmd = env.bare_std();
    cmd.arg("--db").arg(env.db()).arg("check");
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o444)).unwrap();
    // Root writes whatever the mode says: run the check as nobody then, in a folder it may use
    // for the shared-memory file, with a home of its own.
    let root = std::fs::OpenOptions::new().write(true).open(env.db()).is_ok();
    if root {
        use std::os::unix::process::CommandExt;
        // nobody acts as an account bound to its login (every command needs one).
        env.add_user("nob", "supervisor");
        env.ok(&["user", "bind", "nob", "nobody"]);
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        let home = dir.join("nobody");
        std::fs::create_dir(&home).unwrap();
        std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o777)).unwrap();
        cmd.env("HOME", &home).env("XDG_STATE_HOME", &home).env("XDG_DATA_HOME", &home);
        cmd.env("XDG_CONFIG_HOME", &home).env("XDG_CACHE_HOME", &home);
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("full-text indexes: ok") && text.contains("hash chains: ok"), "{text}");
    assert!(!text.contains("readonly"), "{text}");
}

#[test]
fn a_store_from_before_the_chains_is_chained_by_the_upgrade() {
    let env = Env::new();
    let at = clerkdesk::store::MIGRATIONS.iter().position(|(name, _)| *name == "0012_hash_chain").unwrap();
    clerkdesk::store::create_at_version(&env.db(), at).unwrap();
    env.conn()
        .execute_batch(
            "INSERT INTO audit_log (at, actor, action) VALUES ('2025-01-01T00:00:00Z', 'cli:root', 'init');
             INSERT INTO audit_log (at, actor, action, detail) VALUES ('2025-01-02T00:00:00Z', 'cli:root', 'backup', 'b.db');",
        )
        .unwrap();
    // The process that upgrades goes on to a bulk load (`--demo` does): the upgrade must leave
    // its connection free to change `temp_store` inside a transaction.
    let mut store = clerkdesk::store::Store::open(&env.db(), false).unwrap();
    store
        .write(|tx| {
            tx.begin_bulk_load()?;
            tx.end_bulk_load()
        })
        .unwrap();
    drop(store);
    // A store readable by every user is refused; made by rusqlite under the umask, it was.
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o600)).unwrap();
    env.ok(&["init"]);
    let heads = env.ok(&["audit", "head"]);
    let last: i64 = heads.lines().next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    assert!(heads.starts_with("audit_log ") && last >= 3, "the two old lines and init's: {heads}");
    env.ok(&["check"]);
    env.ok(&["audit", "verify"]);
}
