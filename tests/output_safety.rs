//! Text that cannot be turned against its reader (issue 12): control characters are refused on
//! the way in by every door, and what reached the store before the rule is escaped on the way out
//! (the command line, the text and PDF receipts, the printer).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use support::cli::Env;

/// The attack of the issue: set the terminal's title, then clear the screen.
const HOSTILE: &str = "Eva\u{1b}]0;PWNED\u{7}\u{1b}[2J";

/// Characters that must never reach a terminal or a printer raw.
fn assert_clean(what: &str, text: &str) {
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\r'] {
        assert!(!text.contains(bad), "{what} holds a raw U+{:04X}:\n{text:?}", u32::from(bad));
    }
}

/// A demo store whose first case (with a citizen) has a hostile name, subject and note, put in
/// with SQL as an import from before the rule could have; its reference number.
fn store_with_a_hostile_case(env: &Env) -> String {
    env.init();
    env.ok(&["demo", "--citizens", "10", "--cases", "10", "--seed", "1"]);
    let conn = env.conn();
    let (case, citizen, reference): (i64, i64, String) = conn
        .query_row(
            "SELECT id, citizen_id, reference_number FROM cases WHERE citizen_id IS NOT NULL ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    conn.execute(
        "UPDATE citizens SET given_name = ?1, family_name = ?2 WHERE id = ?3",
        rusqlite::params![HOSTILE, "Nov\u{9b}2J\u{202e}ák\rMallory\nerror: forged", citizen],
    )
    .unwrap();
    conn.execute(
        "UPDATE cases SET subject = ?1, note = ?2 WHERE id = ?3",
        rusqlite::params![HOSTILE, format!("line one\n{HOSTILE}"), case],
    )
    .unwrap();
    reference
}

#[test]
fn a_hostile_name_in_the_store_reaches_no_terminal() {
    let env = Env::new();
    let reference = store_with_a_hostile_case(&env);
    for args in [
        vec!["case", "show", reference.as_str()],
        vec!["case", "show", reference.as_str(), "--json"],
        vec!["case", "list", "--as", "prepazka"],
        vec!["case", "list", "--as", "prepazka", "--search", "pwned"],
        vec!["case", "list", "--as", "prepazka", "--json"],
        vec!["receipt", reference.as_str(), "--as", "prepazka"],
    ] {
        let out = env.cmd(&args).assert().success().get_output().clone();
        let (stdout, stderr) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
        assert_clean(&format!("{args:?} stdout"), &stdout);
        assert_clean(&format!("{args:?} stderr"), &stderr);
        if args.contains(&"--json") {
            // Escaped JSON is still JSON, and still says what is stored.
            let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert!(v.to_string().contains("PWNED"), "{v}");
        } else if args[1] != "list" || args.len() > 3 {
            assert!(stdout.contains("Eva\\e]0;PWNED\\x07\\e[2J"), "{args:?} shows the escape visibly:\n{stdout}");
            assert!(!stdout.lines().any(|l| l.starts_with("error: forged")), "{args:?} forged a line:\n{stdout}");
        }
    }
}

#[test]
fn a_hostile_name_reaches_neither_the_pdf_nor_the_printer_raw() {
    let env = Env::new();
    let reference = store_with_a_hostile_case(&env);
    let pdf = env.path("r.pdf");
    env.ok(&["receipt", &reference, "--format", "pdf", "-o", pdf.to_str().unwrap(), "--as", "prepazka"]);
    let doc = lopdf::Document::load_mem(&std::fs::read(&pdf).unwrap()).unwrap();
    let text = doc.extract_text(&[1]).unwrap();
    assert_clean("the PDF's text", &text);
    assert!(text.contains("PWNED"), "{text}");

    let printed = env.path("printed.txt");
    let script = env.path("printer.sh");
    std::fs::write(&script, format!("#!/bin/sh\ncat > '{}'\n", printed.display())).unwrap();
    let config = env.path("config.toml");
    std::fs::write(&config, format!("[printer]\ncommand = \"sh '{}'\"\n", script.display())).unwrap();
    env.ok(&["--config", config.to_str().unwrap(), "receipt", &reference, "--print", "--as", "prepazka"]);
    let paper = std::fs::read_to_string(&printed).unwrap();
    assert_clean("the printer's input", &paper);
    assert!(paper.contains("Eva\\e]0;PWNED\\x07\\e[2J"), "{paper}");
}

/// A portal filing of the issue, as one line of our JSON Lines.
fn portal_line(given: &str, subject: &str, note: &str) -> String {
    serde_json::json!({
        "v": 1, "type": "filing", "portal_id": "P-1", "submitted_at": "2026-11-20T08:15:00Z",
        "citizen": {"given_name": given, "family_name": "Malá", "birth_date": "1990-01-01"},
        "situation": "OP-VYDANI", "subject": subject, "note": note,
        "fields": {"reason": "expiry", "express": "standard", "under15": "ne"}
    })
    .to_string()
}

#[test]
fn an_import_refuses_a_control_character_naming_the_record_line_and_field() {
    let env = Env::with_clerk();
    let file = env.path("p.jsonl");
    for (line, field) in [
        (portal_line(HOSTILE, "", ""), "given_name"),
        (portal_line("Eva", "a\u{202e}b", ""), "subject"),
        (portal_line("Eva", "", "a\rb"), "note"),
        (portal_line("Eva", "", "a\u{0}b"), "note"),
    ] {
        std::fs::write(&file, format!("{line}\n")).unwrap();
        let out = env.cmd(&["import", "portal", file.to_str().unwrap(), "--as", "prepazka"]).assert().code(1);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(err.contains("refused") && err.contains("line 1 (record 1)"), "{field}: {err}");
        assert!(err.contains(field) && err.contains("U+"), "{field}: {err}");
        assert_clean("the refusal", &err);
    }
    assert_eq!(support::cli::count(&env.conn(), "SELECT count(*) FROM cases"), 0);
}

#[test]
fn whitespace_around_is_trimmed_and_a_notes_inside_is_kept_exactly() {
    let env = Env::with_clerk();
    let file = env.path("p.jsonl");
    let note = "\u{a0}\u{2029} first\r\n\n\tsecond  with  spaces\u{a0}inside\n\u{85} ";
    std::fs::write(&file, format!("{}\n", portal_line("\u{a0}Eva\u{2029}", " subject\u{85}", note))).unwrap();
    env.ok(&["import", "portal", file.to_str().unwrap(), "--as", "prepazka"]);
    let conn = env.conn();
    let (given, subject, stored): (String, String, String) = conn
        .query_row(
            "SELECT z.given_name, c.subject, c.note FROM cases c JOIN citizens z ON z.id = c.citizen_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((given.as_str(), subject.as_str()), ("Eva", "subject"));
    assert_eq!(stored, "first\r\n\n\tsecond  with  spaces\u{a0}inside");
}

#[test]
fn the_cli_refuses_a_control_character_in_a_new_citizen_and_a_note() {
    let env = Env::with_clerk();
    let mut args = support::cli::ID_CARD.to_vec();
    let citizen = format!("{HOSTILE} Malá,1990-01-01");
    args.extend(["--new-citizen", citizen.as_str()]);
    env.fails(&args, None, 1, &["given_name", "U+001B"]);
    let mut args = support::cli::ID_CARD.to_vec();
    args.extend(["--note", "a\u{1b}[2Jb"]);
    env.fails(&args, None, 1, &["note", "U+001B"]);
    assert_eq!(support::cli::count(&env.conn(), "SELECT count(*) FROM cases"), 0);
}
