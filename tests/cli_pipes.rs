//! Exit codes hold whatever happens to stdout and stderr (issue 12): a reader that goes away
//! (`| true`, `| head -c1`) stops the output but not the command's own verdict, and a closed
//! stderr never makes the program panic (exit 101).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use std::process::Stdio;
use support::cli::Env;

/// A portal file with two bad records: the import is refused (exit 1), says so on stdout and
/// lists each rejection on stderr.
fn bad_file(env: &Env) -> String {
    let path = env.path("bad.jsonl");
    std::fs::write(&path, "{\"v\":1,\"type\":\"filing\"}\nnot json\n").unwrap();
    path.to_str().unwrap().to_owned()
}

/// Runs `clerkdesk --db … ARGS` with stdout and/or stderr a pipe whose reading end is closed at
/// once (nobody reads it: every write fails with EPIPE); the exit code and what stderr said when
/// it was kept.
fn run_closed(env: &Env, args: &[&str], close_stdout: bool, close_stderr: bool) -> (Option<i32>, String) {
    let mut c = env.bare_std();
    c.arg("--db").arg(env.db()).args(args);
    c.stdout(if close_stdout { Stdio::piped() } else { Stdio::null() });
    c.stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    drop(child.stdout.take());
    let mut said = String::new();
    if close_stderr {
        drop(child.stderr.take());
    } else if let Some(mut e) = child.stderr.take() {
        std::io::Read::read_to_string(&mut e, &mut said).unwrap();
    }
    let status = child.wait().unwrap();
    (status.code(), said)
}

#[test]
fn a_refused_import_exits_1_when_nobody_reads_its_stdout() {
    let env = Env::with_clerk();
    let file = bad_file(&env);
    let (code, said) = run_closed(&env, &["import", "portal", &file, "--as", "prepazka"], true, false);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("error:") && said.contains("refused"), "{said}");
}

#[test]
fn a_closed_stderr_is_no_panic_and_the_exit_code_stands() {
    let env = Env::with_clerk();
    let file = bad_file(&env);
    let (code, _) = run_closed(&env, &["import", "portal", &file, "--as", "prepazka"], false, true);
    assert_eq!(code, Some(1), "refused, not a panic (101)");
    let (code, _) = run_closed(&env, &["import", "portal", &file, "--as", "prepazka"], true, true);
    assert_eq!(code, Some(1));
    let (code, _) = run_closed(&env, &["case", "show", "NO-SUCH/2026"], true, true);
    assert_eq!(code, Some(1));
}

#[test]
fn completions_into_a_closed_pipe_are_no_panic() {
    let env = Env::new();
    let (code, said) = run_closed(&env, &["completions", "bash"], true, false);
    assert_eq!(code, Some(0), "{said}");
    assert!(!said.contains("panicked"), "{said}");
}

/// The shell lines of the issue, through bash's real pipes; `PIPESTATUS` is clerkdesk's code.
#[test]
fn the_shell_lines_of_the_issue() {
    if std::process::Command::new("bash").arg("-c").arg("true").status().is_err() {
        println!("skipped: no bash to run the pipelines");
        return;
    }
    let env = Env::with_clerk();
    let file = bad_file(&env);
    let bin = env!("CARGO_BIN_EXE_clerkdesk");
    let db = env.db();
    let db = db.to_str().unwrap();
    for (line, want) in [
        (format!("'{bin}' --db '{db}' import portal '{file}' --as prepazka | true"), "1"),
        (format!("'{bin}' completions bash | head -c1 >/dev/null"), "0"),
        (format!("'{bin}' --db '{db}' import portal '{file}' --as prepazka 2>&1 >/dev/null | head -1 >/dev/null"), "1"),
    ] {
        let script = format!("{line}; echo \"${{PIPESTATUS[0]}}\"");
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(&script)
            .env("HOME", env.path("home"))
            .env("XDG_CONFIG_HOME", env.path("home/config"))
            .env("XDG_STATE_HOME", env.path("home/state"))
            .output()
            .unwrap();
        let got = String::from_utf8_lossy(&out.stdout);
        assert_eq!(got.trim(), want, "{line}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
