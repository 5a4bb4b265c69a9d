//! The command line as its users read it: every command's `--help`, kept as a snapshot so a
//! changed option or wording shows up in review, and the man pages' `.TH` lines.

#![allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use clap::CommandFactory;
use clerkdesk::cli::Cli;
use std::fmt::Write as _;
use support::cli::Env;

/// `clerkdesk …` and the help of each command under it, depth first, at 100 columns.
fn every_help(cmd: &mut clap::Command, out: &mut String) {
    let name = cmd.get_display_name().unwrap_or_else(|| cmd.get_name()).to_owned();
    let _ = writeln!(out, "==== {}\n{}", name.replace('-', " "), cmd.render_long_help());
    for sub in cmd.get_subcommands_mut() {
        if !sub.is_hide_set() {
            every_help(sub, out);
        }
    }
}

#[test]
fn the_help_of_every_command() {
    let mut cmd = Cli::command().term_width(100).disable_help_subcommand(true);
    cmd.build();
    let mut out = String::new();
    every_help(&mut cmd, &mut out);
    assert!(out.matches("==== ").count() > 30, "every subcommand has its page");
    insta::assert_snapshot!("help", out);
}

#[test]
fn man_pages_have_a_whole_th_line() {
    let env = Env::new();
    let dir = env.path("man");
    // 2026-12-07 00:00:00 UTC
    let out = env.bare().args(["man", "--out", dir.to_str().unwrap()]).env("SOURCE_DATE_EPOCH", "1796601600").assert();
    let said = String::from_utf8(out.success().get_output().stdout.clone()).unwrap();
    let pages: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(said.contains(&format!("{} man pages", pages.len())), "{said}");
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        let th = text.lines().find(|l| l.starts_with(".TH ")).unwrap();
        let stem = page.file_stem().unwrap().to_str().unwrap();
        let title = stem.to_uppercase();
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(
            th,
            format!(".TH {title} 1 2026-12-07 \"clerkdesk {version}\" \"clerkdesk manual\""),
            "{}",
            page.display()
        );
    }
    assert!(pages.iter().any(|p| p.ends_with("clerkdesk-user-add.1")), "{pages:?}");
}
