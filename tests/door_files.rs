//! The files clerkdesk makes (issue 12, "Files"): the store, its WAL, backups, exports and logs
//! owner-only whatever the umask; a killed backup or export leaves nothing under the target's
//! name and nothing the next run trips on; the log holds command and flag names, never values.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use support::cli::Env;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

#[test]
fn the_store_its_wal_a_backup_and_an_export_are_owner_only() {
    let env = Env::new();
    env.init();
    env.ok(&["demo", "--citizens", "5", "--cases", "5", "--seed", "1"]);
    assert_eq!(mode(&env.db()), 0o600, "the store");
    // A reader keeps the WAL open while we look at it.
    let conn = env.conn();
    let _: i64 = conn.query_row("SELECT count(*) FROM cases", [], |r| r.get(0)).unwrap();
    for suffix in ["-wal", "-shm"] {
        let p = env.path(&format!("x.db{suffix}"));
        if p.exists() {
            assert_eq!(mode(&p), 0o600, "{}", p.display());
        }
    }
    let backup = env.path("b.db");
    env.ok(&["backup", backup.to_str().unwrap()]);
    assert_eq!(mode(&backup), 0o600, "the backup");
    let export = env.path("e.jsonl");
    env.ok(&["export", "portal", "-o", export.to_str().unwrap()]);
    assert_eq!(mode(&export), 0o600, "the export");
}

#[test]
fn a_killed_backup_leaves_no_file_under_its_name_and_the_next_one_works() {
    let env = Env::new();
    env.init();
    env.ok(&["demo", "--citizens", "20", "--cases", "20", "--seed", "1"]);
    let target = env.path("b.db");
    // A file-size limit of 100-200 KiB (dash counts 512-byte blocks, bash 1 KiB) kills the
    // process (SIGXFSZ) in the middle of the copy of the ~500 KiB store, as kill -9 or a full
    // disk would stop it.
    let inner = env.bare_std();
    let killed = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -f 200; exec "$@""#)
        .arg("sh")
        .arg(inner.get_program())
        .arg("--db")
        .arg(env.db())
        .args(["backup", target.to_str().unwrap()])
        .env_clear()
        .envs(inner.get_envs().filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))))
        .status()
        .unwrap();
    assert!(!killed.success(), "the limited backup failed");
    assert!(!target.exists(), "a failed backup left a file under the backup's name");
    assert!(!env.path("b.db-journal").exists(), "a failed backup left a journal under the backup's name");
    env.ok(&["backup", target.to_str().unwrap()]);
    assert!(target.exists());
    assert!(!env.path(".b.db.partial").exists(), "the partial file is gone");
}

#[test]
fn an_exports_leftover_temporary_files_are_removed_by_the_next_run() {
    let env = Env::new();
    env.init();
    env.ok(&["demo", "--citizens", "5", "--cases", "5", "--seed", "1"]);
    let leftover = env.path(".e.jsonl.AbC123.tmp");
    std::fs::write(&leftover, "personal data of a killed run").unwrap();
    let export = env.path("e.jsonl");
    env.ok(&["export", "portal", "-o", export.to_str().unwrap()]);
    assert!(!leftover.exists(), "the killed run's temporary file is still there");
    assert_eq!(mode(&export), 0o600);
    // A file the office prepared for a pick-up by its group keeps its mode, never wider than 0660.
    std::fs::set_permissions(&export, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.ok(&["export", "portal", "-o", export.to_str().unwrap()]);
    assert_eq!(mode(&export), 0o640);
}

#[test]
fn the_log_names_the_command_and_its_flags_but_no_values() {
    let env = Env::new();
    env.init();
    env.ok(&["directory", "7001011234", "Nováková"]);
    let logs = env.path("home/state/clerkdesk/logs");
    let mut text = String::new();
    for entry in std::fs::read_dir(&logs).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
        text.push_str(&std::fs::read_to_string(&path).unwrap());
    }
    assert!(text.contains("directory"), "{text}");
    assert!(!text.contains("7001011234") && !text.contains("Nováková"), "the log holds a value: {text}");
}
