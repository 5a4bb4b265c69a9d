//! The installation behind one door (docs/security.md), run under a real unprivileged user: the
//! store's folder 2770 in a group of its own, the binary setgid to it, a clerk outside it. The
//! clerk's shell cannot read the store; the setgid binary can, and lets nothing the clerk names
//! (an output file, a configuration, a printer command, a log folder) use the group.
//!
//! It needs root (to add a group and a user, and to install a setgid binary) and a temporary
//! folder not mounted nosuid; elsewhere it says why it skipped.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A group and a user made for one test run, removed when dropped.
struct Accounts {
    group: String,
    clerk: String,
    uid: u32,
    gid: u32,
}

impl Drop for Accounts {
    fn drop(&mut self) {
        let _ = Command::new("userdel").arg(&self.clerk).output();
        let _ = Command::new("groupdel").arg(&self.group).output();
    }
}

fn id(flag: &str, name: &str) -> u32 {
    let out = Command::new("id").args([flag, name]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// Why this machine cannot run the test, if it cannot.
fn skip_reason(dir: &Path) -> Option<String> {
    if !rustix::process::getuid().is_root() {
        return Some("not root: cannot add users or install a setgid binary".into());
    }
    for tool in ["useradd", "groupadd", "userdel", "groupdel", "gpasswd"] {
        if Command::new(tool).arg("--help").output().is_err() {
            return Some(format!("{tool} is missing"));
        }
    }
    match rustix::fs::statvfs(dir) {
        Ok(s) if s.f_flag.contains(rustix::fs::StatVfsMountFlags::NOSUID) => {
            Some(format!("{} is mounted nosuid", dir.display()))
        }
        Ok(_) => None,
        Err(e) => Some(format!("cannot statvfs {}: {e}", dir.display())),
    }
}

fn accounts() -> Accounts {
    let tag = std::process::id();
    let (group, clerk) = (format!("cdstore{tag}"), format!("cdclerk{tag}"));
    assert!(Command::new("groupadd").arg(&group).status().unwrap().success());
    let made = Command::new("useradd").args(["--no-create-home", "--shell", "/bin/sh", &clerk]).status().unwrap();
    let mut accounts = Accounts { uid: 0, gid: 0, group, clerk };
    assert!(made.success(), "useradd");
    accounts.uid = id("-u", &accounts.clerk);
    accounts.gid = id("-g", &accounts.clerk);
    accounts
}

/// `program args…` as the clerk, with a home of their own and nothing else from the test's
/// environment.
fn as_clerk(a: &Accounts, home: &Path, program: &Path, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("HOME", home)
        .env("USER", &a.clerk)
        .uid(a.uid)
        .gid(a.gid)
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// As root, with the plain build: `args` must succeed.
fn as_root(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_clerkdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("HOME", db.parent().unwrap().parent().unwrap().join("roothome"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", text(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

struct Install {
    _dir: tempfile::TempDir,
    bin: PathBuf,
    db: PathBuf,
    home: PathBuf,
}

fn install(a: &Accounts) -> Install {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = dir.path().join("clerkdesk");
    std::fs::copy(env!("CARGO_BIN_EXE_clerkdesk"), &bin).unwrap();
    std::os::unix::fs::chown(&bin, Some(0), Some(group_gid(&a.group))).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o2755)).unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    std::os::unix::fs::chown(&home, Some(a.uid), Some(a.gid)).unwrap();
    let db = dir.path().join("srv").join("office.db");
    as_root(&db, &["init", "--group", &a.group]);
    as_root(&db, &["demo", "--citizens", "5", "--cases", "5", "--seed", "1"]);
    // The clerk's Unix login acts as the counter clerk's account (every command needs one).
    as_root(&db, &["user", "bind", "prepazka", &a.clerk]);
    Install { _dir: dir, bin, db, home }
}

fn group_gid(name: &str) -> u32 {
    let out = Command::new("getent").args(["group", name]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).split(':').nth(2).unwrap().trim().parse().unwrap()
}

#[test]
fn a_clerk_reaches_the_store_only_through_the_setgid_binary() {
    let probe = std::env::temp_dir();
    if let Some(why) = skip_reason(&probe) {
        eprintln!("skipped: {why}");
        return;
    }
    let a = accounts();
    let i = install(&a);
    let db = i.db.to_str().unwrap();
    let conn = rusqlite::Connection::open(&i.db).unwrap();
    // Like clerkdesk, keep the -wal and -shm files when closing last: another SQLite client
    // deletes them, and the next clerk's process would make them anew as their owner.
    conn.file_control(Some(rusqlite::MAIN_DB), rusqlite::FileControl::PersistWal(&mut 1)).unwrap();
    let reference = conn
        .query_row("SELECT reference_number FROM cases ORDER BY id LIMIT 1", [], |r| r.get::<_, String>(0))
        .unwrap();
    drop(conn);

    // The layout init made.
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(i.db.parent().unwrap()), 0o2770);
    assert_eq!(mode(&i.db), 0o660);

    // The clerk's shell cannot read the store …
    let cat = as_clerk(&a, &i.home, Path::new("/bin/cat"), &[db]);
    assert!(!cat.status.success() && text(&cat).contains("Permission denied"), "{}", text(&cat));
    // … the setgid binary can.
    let dir = as_clerk(&a, &i.home, &i.bin, &["--db", db, "directory", "matrika"]);
    assert!(dir.status.success(), "{}", text(&dir));

    // Nothing the clerk names is opened with the group.
    let srv = i.db.parent().unwrap();
    let inside = srv.join("receipt.txt");
    let export = srv.join("export.jsonl");
    // A symlink the clerk planted, pointing at the store.
    let planted = i.home.join("planted.txt");
    std::os::unix::fs::symlink(&i.db, &planted).unwrap();
    for args in [
        vec!["--db", db, "receipt", &reference, "--as", "prepazka", "-o", planted.to_str().unwrap()],
        vec!["--db", db, "export", "portal", "-o", export.to_str().unwrap()],
        vec!["--db", db, "receipt", &reference, "--as", "prepazka", "-o", db],
        vec!["--db", db, "receipt", &reference, "--as", "prepazka", "-o", inside.to_str().unwrap()],
        vec!["--db", db, "import", "catalogue", db],
        vec!["--db", db, "--config", db, "directory", "matrika"],
    ] {
        let out = as_clerk(&a, &i.home, &i.bin, &args);
        assert!(!out.status.success(), "{args:?} must fail: {}", text(&out));
        assert!(text(&out).contains("Permission denied"), "{args:?}: {}", text(&out));
        assert!(!text(&out).contains("SQLite format"), "{args:?} shows the store: {}", text(&out));
    }
    assert!(!inside.exists() && !export.exists());
    // A log folder in the store's folder: no log is written there.
    let out = Command::new(&i.bin)
        .args(["--db", db, "directory", "matrika"])
        .env_clear()
        .env("HOME", &i.home)
        .env("XDG_STATE_HOME", srv)
        .uid(a.uid)
        .gid(a.gid)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(!srv.join("clerkdesk").exists(), "a clerk's XDG_STATE_HOME put logs in the store's folder");
    // A store path of the clerk's choosing is opened without the group: a symlink to the store.
    let link = i.home.join("mine.db");
    std::os::unix::fs::symlink(&i.db, &link).unwrap();
    let out = as_clerk(&a, &i.home, &i.bin, &["--db", link.to_str().unwrap(), "directory", "matrika"]);
    assert!(!out.status.success(), "a symlink to the store opened it: {}", text(&out));

    printer_runs_without_the_group(&a, &i, &reference);
    security_check_names_each_fault(&a, &i);
}

fn printer_runs_without_the_group(a: &Accounts, i: &Install, reference: &str) {
    let db = i.db.to_str().unwrap();
    // The printer runs without the group.
    let groups = i.home.join("groups.txt");
    let config = i.home.join("config.toml");
    std::fs::write(&config, format!("[printer]\ncommand = \"id -G > '{}'\"\n", groups.display())).unwrap();
    std::os::unix::fs::chown(&config, Some(a.uid), Some(a.gid)).unwrap();
    let out = as_clerk(
        a,
        &i.home,
        &i.bin,
        &["--db", db, "--config", config.to_str().unwrap(), "receipt", reference, "--print", "--as", "prepazka"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let seen = std::fs::read_to_string(&groups).unwrap();
    let store_gid = group_gid(&a.group).to_string();
    assert!(!seen.split_whitespace().any(|g| g == store_gid), "the printer ran in the store's group: {seen}");
}

fn security_check_names_each_fault(a: &Accounts, i: &Install) {
    let db = i.db.to_str().unwrap();
    let check = || as_clerk(a, &i.home, &i.bin, &["--db", db, "check", "--security"]);
    let good = check();
    assert!(good.status.success(), "{}", text(&good));

    std::fs::set_permissions(&i.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let bad = check();
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    assert!(text(&bad).contains("mode 0644 instead of 0660") && text(&bad).contains("chmod 0660"), "{}", text(&bad));
    std::fs::set_permissions(&i.db, std::fs::Permissions::from_mode(0o660)).unwrap();

    assert!(Command::new("gpasswd").args(["-a", &a.clerk, &a.group]).output().unwrap().status.success());
    let bad = check();
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    let fix = format!("gpasswd -d {} {}", a.clerk, a.group);
    assert!(text(&bad).contains(&fix), "{}", text(&bad));
    assert!(Command::new("gpasswd").args(["-d", &a.clerk, &a.group]).output().unwrap().status.success());

    // Not setgid: the binary is named (and the clerk cannot even see the store's files).
    std::fs::set_permissions(&i.bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let bad = check();
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    assert!(text(&bad).contains("not setgid") && text(&bad).contains("chmod 2755"), "{}", text(&bad));
    let json = as_clerk(a, &i.home, &i.bin, &["--db", db, "check", "--security", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["ok"], false);
}
