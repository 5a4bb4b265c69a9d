//! The real binary in a real terminal (tmux at 100×30): a counter clerk files a case, a
//! supervisor finds it and assigns it, the official starts and resolves it. Skips, saying why,
//! where tmux is not installed.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    session: String,
}

impl Tmux {
    fn start(db: &Path, home: &Path) -> Tmux {
        // The tests of this file run in parallel in one process: the store's file name tells
        // their sessions apart.
        let tag = db.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let session = format!("clerkdesk-e2e-{}-{tag}", std::process::id());
        let cmd = format!(
            "HOME='{}' XDG_CONFIG_HOME='{}/c' XDG_DATA_HOME='{}/d' XDG_STATE_HOME='{}/s' '{}' --db '{}'; sleep 5",
            home.display(),
            home.display(),
            home.display(),
            home.display(),
            env!("CARGO_BIN_EXE_clerkdesk"),
            db.display()
        );
        let ok = Command::new("tmux")
            .args(["new-session", "-d", "-s", &session, "-x", "100", "-y", "30", &cmd])
            .status()
            .unwrap()
            .success();
        assert!(ok, "tmux new-session");
        Tmux { session }
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            Command::new("tmux").args(["send-keys", "-t", &self.session, k]).status().unwrap();
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn text(&self, s: &str) {
        Command::new("tmux").args(["send-keys", "-t", &self.session, "-l", s]).status().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux").args(["capture-pane", "-t", &self.session, "-p"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `what` (the UI redraws on its own; a fixed sleep would be flaky).
    fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(what) {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(15), "waited for {what:?}; the screen:\n{s}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn login(&self, user: &str) {
        self.wait_for("Přihlášení");
        self.text(user);
        self.keys(&["Tab"]);
        self.text("demo1234");
        self.keys(&["Enter"]);
        self.wait_for("Přihlášení proběhlo");
    }

    /// Picks `label` from the open action menu by moving the highlight onto it.
    fn pick(&self, label: &str) {
        self.keys(&["a"]);
        self.wait_for("Úkony (Enter vybrat)");
        for _ in 0..12 {
            if self.screen().lines().any(|l| l.contains('▶') && l.contains(label)) {
                self.keys(&["Enter"]);
                return;
            }
            self.keys(&["Down"]);
        }
        panic!("{label} not in the menu:\n{}", self.screen());
    }

    fn find_case(&self, reference: &str) {
        self.keys(&["M-2"]);
        self.wait_for("Rozsah:");
        self.keys(&["/"]);
        self.text(&reference[5..10]);
        self.wait_for(reference);
        self.keys(&["Escape"]);
        for _ in 0..60 {
            if self.screen().lines().any(|l| l.contains('▶') && l.contains(reference)) {
                self.keys(&["Enter"]);
                self.wait_for("Historie");
                return;
            }
            self.keys(&["Down"]);
        }
        panic!("{reference} not selectable:\n{}", self.screen());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["kill-session", "-t", &self.session]).status();
    }
}

fn clerkdesk(db: &Path, home: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_clerkdesk"))
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("c"))
        .env("XDG_DATA_HOME", home.join("d"))
        .env("XDG_STATE_HOME", home.join("s"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
#[allow(clippy::too_many_lines, reason = "one session in a real terminal, key by key")]
fn file_find_assign_start_and_resolve_in_a_real_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("skipped: tmux is not installed, so the real binary cannot be driven in a terminal here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, home) = (dir.path().join("e2e.db"), dir.path().to_path_buf());
    clerkdesk(&db, &home, &["init"]);
    clerkdesk(&db, &home, &["demo", "--citizens", "30", "--cases", "10", "--seed", "3"]);

    // The counter clerk files a filing for a new citizen: an ID card application.
    let t = Tmux::start(&db, &home);
    t.login("prepazka");
    t.keys(&["F2"]);
    t.wait_for("1 · Občan");
    t.keys(&["F2"]);
    t.wait_for("Nový občan");
    t.text("Karolína");
    t.keys(&["Tab"]);
    t.text("Šťastná");
    t.keys(&["Tab"]);
    t.text("3. 5. 1980");
    t.keys(&["C-s"]);
    t.wait_for("2 · Životní situace");
    t.text("obcansky prukaz vydani");
    t.wait_for("Vydání občanského průkazu");
    t.keys(&["Enter"]);
    t.wait_for("3 · Údaje podání");
    t.keys(&["C-s"]);
    let screen = t.wait_for("Podání přijato");
    let reference = screen
        .split_whitespace()
        .find(|w| w.starts_with("MULO-") && w.contains("/2026/"))
        .unwrap_or_else(|| panic!("no reference number on screen:\n{screen}"))
        .to_owned();
    t.keys(&["Escape", "F8"]);

    // The supervisor finds it by a fragment of its number and assigns it to the official.
    t.login("vedouci");
    t.find_case(&reference);
    t.pick("Přidělit / předat");
    t.wait_for("(Ctrl+S)");
    t.text("OSA");
    t.keys(&["Tab"]);
    t.text("referent");
    t.keys(&["C-s"]);
    t.wait_for("Provedeno.");
    t.keys(&["Escape", "F8"]);

    // The official starts it and resolves it with an outcome.
    t.login("referent");
    t.keys(&["M-2"]);
    t.wait_for("Rozsah:");
    t.keys(&["m", "m"]);
    t.find_case(&reference);
    t.pick("Zahájit vyřizování");
    t.wait_for("v řešení");
    t.pick("Vyřídit s výsledkem");
    t.wait_for("(Ctrl+S)");
    t.text("výpis vydán");
    t.keys(&["C-s"]);
    t.wait_for("Provedeno.");
    t.keys(&["F10"]);

    let shown = clerkdesk(&db, &home, &["case", "show", &reference, "--json"]);
    let json: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(json["status"], "resolved", "{shown}");
    assert_eq!(json["outcome"], "výpis vydán");
    let events: Vec<&str> = json["history"].as_array().unwrap().iter().filter_map(|h| h["event"].as_str()).collect();
    assert_eq!(events, ["filed", "assign", "start", "resolve"], "{shown}");
}

/// A booking at the counter in a real terminal, with the real clock: whatever day the test runs,
/// the calendar opens at the next free day and its first free time is booked.
#[test]
fn book_a_visit_in_a_real_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("skipped: tmux is not installed, so the real binary cannot be driven in a terminal here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, home) = (dir.path().join("e2e-appt.db"), dir.path().to_path_buf());
    clerkdesk(&db, &home, &["init"]);
    clerkdesk(&db, &home, &["demo", "--citizens", "30", "--cases", "0", "--seed", "3"]);
    let t = Tmux::start(&db, &home);
    t.login("prepazka");
    t.keys(&["M-4"]);
    t.wait_for("Služby k objednání");
    // The pick-up of an ID card: served at three counters, a month ahead.
    t.keys(&["Down", "Down", "Down", "Down", "Down", "Down", "Down", "Down", "Down"]);
    t.wait_for("▶ Občanský průkaz – převzetí");
    t.keys(&["Enter"]);
    t.wait_for("Po    Út    St    Čt    Pá    So    Ne");
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    t.wait_for("Pro koho");
    t.keys(&["F2"]);
    t.wait_for("Jméno");
    t.text("Radka");
    t.keys(&["Tab"]);
    t.text("Kratochvílová");
    t.keys(&["Tab"]);
    t.text("7. 8. 1991");
    t.keys(&["C-s"]);
    t.wait_for("Potvrzení objednávky");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Kód objednávky:");
    let code = screen
        .lines()
        .find_map(|l| l.split("Kód objednávky:").nth(1))
        .map(|rest| rest.trim().trim_end_matches('│').trim().to_owned())
        .unwrap();
    assert_eq!(code.len(), 6, "{screen}");
    let shown = clerkdesk(&db, &home, &["appointments", "show", &code, "--json"]);
    assert!(shown.contains("Radka Kratochvílová") && shown.contains("\"status\": \"booked\""), "{shown}");
}
