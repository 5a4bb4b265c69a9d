//! Logging in (issue 12): an unknown name costs the same argon2 work as a wrong password and gets
//! the same answer as a wrong password or a disabled account; failures start a doubling wait per
//! name and per terminal; a lockout after `login.lockout_after` failures that an administrator
//! lifts; every attempt, refusal, lockout and unlock in the audit log. No test here is timed: the
//! delay is a "not before" instant on the desk's clock.
#![allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use clerkdesk::config::Config;
use clerkdesk::desk::{Actor, Desk, DeskError};
use clerkdesk::domain::clock::FixedClock;
use clerkdesk::store::Store;
use std::sync::Arc;
use support::desk::Fx;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

/// A desk at `t0 + secs`, with a lockout after `lockout` failures.
fn desk(fx: &Fx, secs: i64, lockout: u32) -> Desk {
    let config = Config { login_lockout_after: lockout, ..Config::default() };
    Desk::new(Store::open(&fx.path, false).unwrap(), Arc::new(FixedClock(t0() + Duration::seconds(secs))), config)
}

fn audit_actions(fx: &Fx) -> Vec<(String, String)> {
    let conn = fx.conn();
    let mut stmt = conn
        .prepare(
            "SELECT action, detail FROM audit_log WHERE action LIKE 'login%' OR action = 'user_unlock' ORDER BY id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn an_unknown_name_is_checked_by_argon2_and_answered_like_a_wrong_password_or_a_disabled_account() {
    let fx = Fx::new();
    let mut d = desk(&fx, 0, 10);
    d.set_user_disabled(&Actor::root(), "linka", true, "left the office").unwrap();
    let before = d.password_checks();
    // Each on its own terminal, so no wait from one attempt meets the next.
    let unknown = d.login_from("nikdo", "heslo1234", "/dev/pts/1").unwrap_err();
    assert_eq!(d.password_checks(), before + 1, "an unknown name runs argon2 like a known one");
    let wrong = d.login_from("prepazka", "spatne-heslo", "/dev/pts/2").unwrap_err();
    let disabled = d.login_from("linka", "heslo1234", "/dev/pts/3").unwrap_err();
    assert_eq!(d.password_checks(), before + 3);
    for e in [&unknown, &wrong, &disabled] {
        assert!(matches!(e, DeskError::BadLogin), "{e:?}");
    }
    assert_eq!(unknown.to_string(), wrong.to_string());
    assert_eq!(disabled.to_string(), wrong.to_string());
    // The real reasons are only in the audit.
    let details: Vec<String> = audit_actions(&fx).into_iter().map(|(_, d)| d).collect();
    assert!(details[0].ends_with("unknown user"), "{details:?}");
    assert!(details[1].ends_with("wrong password"), "{details:?}");
    assert!(details[2].ends_with("account disabled"), "{details:?}");
}

#[test]
fn failures_start_a_doubling_wait_per_name_and_per_terminal() {
    let fx = Fx::new();
    let tty = "/dev/pts/7";
    desk(&fx, 0, 10).login_from("prepazka", "spatne-heslo", tty).unwrap_err();
    // Within the second: refused unchecked, the right password too, with how long to wait.
    let mut d = desk(&fx, 0, 10);
    let checks = d.password_checks();
    assert!(matches!(d.login_from("prepazka", "heslo1234", tty), Err(DeskError::LoginWait { seconds: 1 })));
    assert_eq!(d.password_checks(), checks, "a refused attempt is not checked");
    // The same terminal waits for another name too; another terminal waits for the same name.
    assert!(matches!(d.login_from("vedouci", "heslo1234", tty), Err(DeskError::LoginWait { .. })));
    assert!(matches!(d.login_from("prepazka", "heslo1234", "/dev/pts/8"), Err(DeskError::LoginWait { .. })));
    // A second failure waits 2 s, a third 4 s.
    desk(&fx, 1, 10).login_from("prepazka", "spatne", tty).unwrap_err();
    assert!(matches!(desk(&fx, 2, 10).login_from("prepazka", "x", tty), Err(DeskError::LoginWait { seconds: 1 })));
    desk(&fx, 3, 10).login_from("prepazka", "spatne", tty).unwrap_err();
    assert!(matches!(desk(&fx, 3, 10).login_from("prepazka", "x", tty), Err(DeskError::LoginWait { seconds: 4 })));
    // Once the wait has passed, the right password logs in and clears the count.
    let a = desk(&fx, 7, 10).login_from("prepazka", "heslo1234", tty).unwrap();
    assert_eq!(a.name, "prepazka");
    desk(&fx, 7, 10).login_from("prepazka", "spatne", tty).unwrap_err();
    assert!(matches!(desk(&fx, 7, 10).login_from("prepazka", "x", tty), Err(DeskError::LoginWait { seconds: 1 })));
    let actions: Vec<String> = audit_actions(&fx).into_iter().map(|(a, _)| a).collect();
    assert_eq!(actions.iter().filter(|a| *a == "login_refused").count(), 6, "{actions:?}");
    assert_eq!(actions.iter().filter(|a| *a == "login").count(), 1, "{actions:?}");
}

#[test]
fn a_name_is_locked_after_the_configured_failures_until_an_administrator_unlocks_it() {
    let fx = Fx::new();
    // Far apart in time, from different terminals: only the count matters.
    for i in 0..3 {
        let e = desk(&fx, i * 1000, 3).login_from("vedouci", "spatne", &format!("/dev/pts/{i}")).unwrap_err();
        assert!(matches!(e, DeskError::BadLogin), "{e:?}");
    }
    let mut d = desk(&fx, 10_000, 3);
    let locked = d.login_from("vedouci", "heslo1234", "/dev/pts/9").unwrap_err();
    assert!(matches!(locked, DeskError::LockedOut), "the right password no longer helps: {locked:?}");
    // An unknown name locks the same way, so a lock tells nothing about who exists.
    for i in 0..3 {
        desk(&fx, i * 1000, 3).login_from("nikdo", "spatne", &format!("/dev/tty{i}")).unwrap_err();
    }
    assert!(matches!(d.login_from("nikdo", "x", "/dev/pts/9"), Err(DeskError::LockedOut)));
    // Only an administrator unlocks.
    let clerk = d.act_as("prepazka").unwrap();
    assert!(matches!(d.unlock_user(&clerk, "vedouci"), Err(DeskError::Forbidden(_))));
    assert!(d.unlock_user(&Actor::root(), "vedouci").unwrap());
    assert!(!d.unlock_user(&Actor::root(), "vedouci").unwrap(), "a second unlock finds nothing");
    assert_eq!(d.login_from("vedouci", "heslo1234", "/dev/pts/9").unwrap().name, "vedouci");
    let actions: Vec<String> = audit_actions(&fx).into_iter().map(|(a, _)| a).collect();
    assert_eq!(actions.iter().filter(|a| *a == "login_lockout").count(), 2, "{actions:?}");
    assert_eq!(actions.iter().filter(|a| *a == "user_unlock").count(), 1, "{actions:?}");
    assert_eq!(fx.count("SELECT count(*) FROM audit_log WHERE action = 'user_unlock' AND actor = 'root (uid 0)'"), 1);
}

#[test]
fn an_administrator_acting_for_an_account_is_audited_as_such_and_nobody_else_may() {
    let fx = Fx::new();
    let mut d = desk(&fx, 0, 10);
    d.add_user(&Actor::root(), "admin", "Správce", clerkdesk::domain::role::Role::Administrator, "heslo1234", None)
        .unwrap();
    let admin = d.act_as("admin").unwrap();
    let boss = d.act_for(&admin, "vedouci").unwrap();
    assert_eq!((boss.name.as_str(), boss.by.as_deref()), ("vedouci", Some("admin")));
    assert_eq!(boss.role, clerkdesk::domain::role::Role::Supervisor, "the rights are the account's");
    d.logout(&boss).unwrap();
    assert_eq!(fx.count("SELECT count(*) FROM audit_log WHERE actor = 'admin acting as vedouci'"), 1);
    let clerk = d.act_as("prepazka").unwrap();
    assert!(matches!(d.act_for(&clerk, "vedouci"), Err(DeskError::Forbidden(_))));
    assert_eq!(fx.count("SELECT count(*) FROM audit_log WHERE action = 'act_as_refused' AND actor = 'prepazka'"), 1);
}

/// The login screen tells the clerk to wait, in each language, whole at 80 columns.
#[test]
fn the_login_screen_says_how_long_to_wait_in_every_language() {
    use clerkdesk::tui::action::Action;
    use support::tui::{app_at, demo_store, frame_text, type_text};
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path(), t0(), &Config::default(), 0);
    let mut app = app_at(&path, t0(), Config::default(), false);
    type_text(&mut app, "prepazka");
    app.update(Action::NextField);
    let attempt = |app: &mut clerkdesk::tui::app::App| {
        type_text(app, "spatne-heslo");
        app.update(Action::Open);
        app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
    };
    assert_eq!(attempt(&mut app), "Špatné jméno nebo heslo.");
    let waits = ["Počkejte 1 s a zkuste to znovu.", "Wait 1 s and try again.", "Зачекайте 1 с і спробуйте знову."];
    for want in waits {
        let said = attempt(&mut app);
        assert!(said.contains(want), "{said}");
        assert!(frame_text(&app, 80, 24).contains(want), "shown whole at 80 columns:\n{}", frame_text(&app, 80, 24));
        app.update(Action::CycleLanguage);
    }
    assert!(app.session.is_none());
}
