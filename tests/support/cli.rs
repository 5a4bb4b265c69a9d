//! Helpers for the CLI tests: a temporary home and store, runs with expected outcomes, dumps.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    dead_code,
    reason = "a test stops at the first thing it did not expect; each test binary uses a part of the helpers"
)]

use assert_cmd::Command;
use rusqlite::Connection;
use serde_json::Value;
use std::fmt::{Display, Write as _};
use std::path::PathBuf;

/// `case file` of an ID card (OP-VYDANI, its form filled) by the counter clerk `prepazka`.
pub const ID_CARD: &[&str] = &[
    "case",
    "file",
    "--as",
    "prepazka",
    "--situation",
    "OP-VYDANI",
    "--field",
    "reason=expiry",
    "--field",
    "express=standard",
    "--field",
    "under15=ne",
];

/// `case file` of a passport (PAS-VYDANI: a fee of 2,000 Kč is claimed) by `prepazka`.
pub const PASSPORT: &[&str] = &[
    "case",
    "file",
    "--as",
    "prepazka",
    "--situation",
    "PAS-VYDANI",
    "--field",
    "under15=no",
    "--field",
    "express=standard",
];

/// A temporary home: the store, the config and the logs all live in it.
pub struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("x.db")
    }

    /// `clerkdesk` with no way to reach the real home, the user's config or a stray store.
    pub fn bare(&self) -> Command {
        Command::from_std(self.bare_std())
    }

    /// The same as a `std::process::Command`, to spawn and wait for later.
    pub fn bare_std(&self) -> std::process::Command {
        let home = self.path("home");
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_clerkdesk"));
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("USER", "tester")
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_CACHE_HOME", home.join("cache"));
        c
    }

    /// `clerkdesk --db <temp>/x.db ARGS`.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = self.bare();
        c.arg("--db").arg(self.db()).args(args);
        c
    }

    /// Runs it and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Runs it, expects exit `code` and an `error:` line that contains every one of `words`.
    pub fn fails(&self, args: &[&str], stdin: Option<&str>, code: i32, words: &[&str]) -> String {
        let mut c = self.cmd(args);
        if let Some(s) = stdin {
            c.write_stdin(s);
        }
        let out = c.assert().code(code).get_output().clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("error:"), "{args:?}: stderr starts with 'error:': {err}");
        assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
        for w in words {
            assert!(err.contains(w), "{args:?}: stderr names '{w}': {err}");
        }
        err
    }

    pub fn conn(&self) -> Connection {
        Connection::open(self.db()).unwrap()
    }

    pub fn init(&self) -> &Env {
        self.ok(&["init"]);
        self
    }

    /// An initialised store with the counter clerk `prepazka`: where most CLI tests start.
    pub fn with_clerk() -> Env {
        let env = Env::new();
        env.init().add_user("prepazka", "counter_clerk");
        env
    }

    /// `user add NAME --role ROLE`, the password `heslo1234`, the full name the user name.
    pub fn add_user(&self, name: &str, role: &str) -> &Env {
        self.add_user_in(name, role, None)
    }

    /// [`Env::add_user`] in a department.
    pub fn add_user_in(&self, name: &str, role: &str, department: Option<&str>) -> &Env {
        let mut args = vec!["user", "add", name, "--name", name, "--role", role, "--password-stdin"];
        if let Some(d) = department {
            args.extend(["--department", d]);
        }
        self.cmd(&args).write_stdin("heslo1234\n").assert().success();
        self
    }
}

/// Each item on a line of its own, every line ended: the text of a JSON Lines or CSV file.
pub fn lines<T: Display>(items: impl IntoIterator<Item = T>) -> String {
    items.into_iter().fold(String::new(), |mut s, item| {
        let _ = writeln!(s, "{item}");
        s
    })
}

pub fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Every row of the tables, as text: equal dumps mean nothing changed.
pub fn dump(conn: &Connection, tables: &[&str]) -> String {
    let mut s = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {t} ORDER BY rowid")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| (0..n).map(|i| r.get::<_, rusqlite::types::Value>(i)).collect::<Result<Vec<_>, _>>())
            .unwrap();
        for row in rows {
            let _ = writeln!(s, "{t}: {:?}", row.unwrap());
        }
    }
    s
}

pub const CATALOGUE: &[&str] = &["departments", "officials", "services", "situations"];
