//! Who acts on the command line (issue 12): the account bound to the caller's real uid, never
//! `$USER`; `--as` only for an administrator. Run as a real unprivileged Unix user, made here with
//! `useradd` (CI runs as root); elsewhere the tests say why they skip.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use std::os::unix::process::CommandExt;
use std::sync::atomic::{AtomicU32, Ordering};
use support::cli::{Env, ID_CARD, count};

/// A Unix login made for one test and removed after it.
struct Login {
    name: String,
    uid: u32,
    gid: u32,
}

impl Login {
    /// A fresh login, or `None` (with the reason printed) where the test cannot make one.
    fn new() -> Option<Login> {
        static N: AtomicU32 = AtomicU32::new(0);
        if !rustix::process::getuid().is_root() {
            eprintln!("skipped: making a Unix login needs root (CI runs as root)");
            return None;
        }
        let name = format!("cdid{}x{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
        let made =
            std::process::Command::new("useradd").args(["--no-create-home", "--shell", "/bin/false", &name]).status();
        match made {
            Ok(s) if s.success() => {}
            Ok(s) => {
                eprintln!("skipped: useradd {name} failed ({s})");
                return None;
            }
            Err(e) => {
                eprintln!("skipped: no useradd here ({e})");
                return None;
            }
        }
        let u = nix::unistd::User::from_name(&name).unwrap().expect("the login just made");
        Some(Login { name, uid: u.uid.as_raw(), gid: u.gid.as_raw() })
    }

    /// `clerkdesk --db STORE ARGS` run as this login, with `USER=admin` to show it is ignored.
    fn cmd(&self, env: &Env, args: &[&str]) -> assert_cmd::Command {
        // The store, its folder and the home the logs go to, open to the login (the installation
        // of docs/security.md keeps them behind a group instead; this is about who acts).
        std::process::Command::new("chmod").arg("-R").arg("a+rwX").arg(env.path("")).status().unwrap();
        let mut c = env.bare_std();
        c.env("USER", "admin").arg("--db").arg(env.db()).args(args).uid(self.uid).gid(self.gid);
        assert_cmd::Command::from_std(c)
    }
}

impl Drop for Login {
    fn drop(&mut self) {
        let _ = std::process::Command::new("userdel").arg(&self.name).status();
    }
}

/// A store made by root with the counter clerk `prepazka`, the supervisor `vedouci` and an
/// administrator `admin`.
fn office() -> Env {
    let env = Env::with_clerk();
    env.add_user("vedouci", "supervisor").add_user("admin", "administrator");
    env
}

#[test]
fn a_shell_user_without_an_account_cannot_add_an_administrator_by_setting_user() {
    let Some(mallory) = Login::new() else { return };
    let env = office();
    let out = mallory
        .cmd(&env, &["user", "add", "mallory", "--name", "Mallory", "--role", "administrator", "--password-stdin"])
        .write_stdin("heslo12345\n")
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("no clerkdesk account is bound to your Unix login"), "{err}");
    assert!(err.contains("--user"), "it says how to get an account: {err}");
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM users WHERE username = 'mallory'"), 0);
    // Reading needs an actor too.
    mallory.cmd(&env, &["case", "list"]).assert().code(1);
    mallory.cmd(&env, &["user", "list"]).assert().code(1);
    // The password login needs a terminal, which a test has not.
    let out = mallory.cmd(&env, &["--user", "admin", "user", "list"]).assert().code(1);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("terminal"));
}

#[test]
fn a_bound_clerk_acts_as_themselves_and_may_not_act_as_another() {
    let Some(clerk) = Login::new() else { return };
    let env = office();
    env.ok(&["user", "bind", "prepazka", &clerk.name]);
    // Filing without --as: the account bound to the login, audited under its name.
    clerk
        .cmd(&env, &ID_CARD.iter().copied().filter(|a| *a != "--as" && *a != "prepazka").collect::<Vec<_>>())
        .assert()
        .success();
    let conn = env.conn();
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log WHERE action = 'case_file' AND actor = 'prepazka'"), 1);
    // --as by a counter clerk: refused, and the refusal audited.
    let out = clerk.cmd(&env, &["--as", "vedouci", "case", "list"]).assert().code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("only an administrator"), "{err}");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM audit_log WHERE action = 'act_as_refused' AND actor = 'prepazka'"),
        1
    );
    // Leaving out --as no longer makes anyone the administrator: the clerk's export is refused.
    let out = env.path("e.jsonl");
    clerk.cmd(&env, &["export", "portal", "-o", out.to_str().unwrap()]).assert().code(1);
    assert!(!out.exists());
    // Nor may the clerk administer accounts.
    clerk
        .cmd(&env, &["user", "add", "x2", "--name", "X", "--role", "administrator", "--password-stdin"])
        .write_stdin("heslo12345\n")
        .assert()
        .code(1);
    assert_eq!(count(&conn, "SELECT count(*) FROM users WHERE username = 'x2'"), 0);
}

#[test]
fn a_bound_administrator_acts_for_another_account_recorded_as_such() {
    let Some(boss) = Login::new() else { return };
    let env = office();
    env.ok(&["user", "bind", "admin", &boss.name]);
    boss.cmd(&env, ID_CARD).assert().success();
    let conn = env.conn();
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE action = 'case_file' AND actor = 'admin acting as prepazka'"
        ),
        1
    );
    // Unbound again, the login is nobody.
    env.ok(&["user", "unbind", "admin"]);
    boss.cmd(&env, &["user", "list"]).assert().code(1);
}

#[test]
fn init_of_a_new_store_makes_its_creator_the_administrator() {
    let Some(dev) = Login::new() else { return };
    let env = Env::new();
    dev.cmd(&env, &["init"]).assert().success();
    let conn = env.conn();
    let (role, uid): (String, u32) = conn
        .query_row("SELECT role, unix_uid FROM users WHERE username = ?1", [&dev.name], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((role.as_str(), uid), ("administrator", dev.uid));
    // Bound to it, the creator administers the store without root.
    dev.cmd(&env, &["user", "add", "prepazka", "--name", "P", "--role", "counter_clerk", "--password-stdin"])
        .write_stdin("heslo12345\n")
        .assert()
        .success();
    // Another login may not init the now existing store.
    let other = Login::new().unwrap();
    other.cmd(&env, &["init"]).assert().code(1);
}
