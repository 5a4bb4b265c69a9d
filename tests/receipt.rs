//! `clerkdesk receipt` end to end: a demo store, a case with documents, a fee and a part payment,
//! and its receipt as text, as a PDF and through the printer command.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use rusqlite::params;
use support::cli::{Env, count};

/// A store with demo data; returns the reference number of a case that has a citizen, after
/// recording two documents, a fee of 1 250 Kč and a payment of 500 Kč on it.
fn store_with_a_case(env: &Env) -> String {
    env.init();
    env.ok(&["demo", "--citizens", "20", "--cases", "20", "--seed", "1"]);
    let conn = env.conn();
    let (id, reference): (i64, String) = conn
        .query_row(
            "SELECT id, reference_number FROM cases WHERE citizen_id IS NOT NULL
             AND id NOT IN (SELECT case_id FROM fee_claims) ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let user: i64 = conn.query_row("SELECT id FROM users WHERE username = 'prepazka'", [], |r| r.get(0)).unwrap();
    let now = "2026-11-20T08:30:00Z";
    for name in ["dosavadní občanský průkaz", "oddací list"] {
        conn.execute(
            "INSERT INTO attachments (case_id, name, size, sha256, added_at, added_by) VALUES (?1, ?2, 1, ?3, ?4, ?5)",
            params![id, name, "a".repeat(64), now, user],
        )
        .unwrap();
    }
    conn.execute(
        "INSERT INTO fee_claims (case_id, amount_czk, due_on, created_at) VALUES (?1, 1250, '2026-12-04', ?2)",
        params![id, now],
    )
    .unwrap();
    let claim = conn.last_insert_rowid();
    // Chained to the payment before it (see store::chain).
    clerkdesk::store::chain::register(&conn).unwrap();
    conn.execute(
        "INSERT INTO payments (id, claim_id, amount_czk, method, receipt_number, paid_at, user_id, hash)
         SELECT n, ?1, 500, 'cash', 'P-1', ?2, ?3,
                clerkdesk_chain('payments', (SELECT hash FROM payments WHERE id = n - 1), n, ?1, 500, 'cash', 'P-1', ?2, ?3)
         FROM (SELECT coalesce(max(id), 0) + 1 AS n FROM payments)",
        params![claim, now, user],
    )
    .unwrap();
    reference
}

#[test]
fn text_receipt_on_stdout_is_audited() {
    let env = Env::new();
    let reference = store_with_a_case(&env);
    let out = env.ok(&["receipt", &reference, "--as", "prepazka"]);
    for want in [
        "Městský úřad Lipnice nad Orlicí",
        "Potvrzení o přijetí podání",
        &format!("Číslo jednací:       {reference}"),
        "Předané doklady:     – dosavadní občanský průkaz",
        "– oddací list",
        "Poplatek:            1 250 Kč, zaplaceno 500 Kč, zbývá 750 Kč",
        "19-2701458312/0100",
        "Lhůta pro vyřízení:",
    ] {
        assert!(out.contains(want), "receipt has '{want}':\n{out}");
    }
    let conn = env.conn();
    let sql = format!(
        "SELECT count(*) FROM audit_log WHERE action = 'receipt_print' AND actor = 'root (uid 0) acting as prepazka'
         AND entity_id = '{reference}' AND detail = 'format=text'"
    );
    assert_eq!(count(&conn, &sql), 1);
}

#[test]
fn pdf_receipt_is_a_file_whose_text_keeps_its_diacritics() {
    let env = Env::new();
    let reference = store_with_a_case(&env);
    let file = env.path("receipt.pdf");
    let out = env.ok(&["receipt", &reference, "--format", "pdf", "-o", file.to_str().unwrap(), "--as", "prepazka"]);
    assert!(out.contains("written to"), "{out}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let text = doc.extract_text(&[1]).unwrap();
    for want in ["Číslo jednací", "Lipnice nad Orlicí", reference.as_str(), "zbývá 750 Kč"] {
        assert!(text.contains(want), "the PDF's text has '{want}':\n{text}");
    }
    env.fails(&["receipt", &reference, "--format", "pdf", "--as", "prepazka"], None, 2, &["-o FILE"]);
}

#[test]
fn print_pipes_the_text_to_the_configured_command() {
    let env = Env::new();
    let reference = store_with_a_case(&env);
    let printed = env.path("printed.txt");
    let config = env.path("config.toml");
    std::fs::write(&config, format!("[printer]\ncommand = \"cat > '{}'\"\n", printed.display())).unwrap();
    let out = env.ok(&["--config", config.to_str().unwrap(), "receipt", &reference, "--print", "--as", "prepazka"]);
    assert!(out.contains("sent to the printer"), "{out}");
    let text = std::fs::read_to_string(&printed).unwrap();
    assert!(text.contains(&reference) && text.contains("Potvrzení o přijetí podání"), "{text}");

    std::fs::write(&config, "[printer]\ncommand = \"exit 4\"\n").unwrap();
    env.fails(
        &["--config", config.to_str().unwrap(), "receipt", &reference, "--print", "--as", "prepazka"],
        None,
        1,
        &["exit 4"],
    );
    // The default config has no printer.
    env.fails(&["receipt", &reference, "--print", "--as", "prepazka"], None, 1, &["no printer is configured"]);
}

#[test]
fn unknown_references_and_accounts_are_named() {
    let env = Env::new();
    store_with_a_case(&env);
    env.fails(&["receipt", "MULO-99999/2026/XX", "--as", "prepazka"], None, 1, &["MULO-99999/2026/XX"]);
    env.fails(&["receipt", "MULO-99999/2026/XX", "--as", "nobody"], None, 1, &["nobody"]);
}

#[test]
fn the_workstations_print_goes_through_the_desk_once_and_not_at_all_without_a_printer() {
    use clerkdesk::config::Config;
    use clerkdesk::desk::{Desk, DeskError};
    use clerkdesk::domain::clock::FixedClock;
    use clerkdesk::receipt::ReceiptError;
    use clerkdesk::store::Store;
    use support::desk::{Fx, actor, file, id_card, ymd};
    let fx = Fx::new();
    let mut desk = fx.desk(ymd(2026, 11, 2));
    let clerk = actor(&mut desk, "prepazka");
    let filed = file(&mut desk, &id_card());
    let prints = || fx.count("SELECT count(*) FROM audit_log WHERE action = 'receipt_print'");
    let e = desk.print_receipt(&clerk, &filed.reference_number).unwrap_err();
    assert!(matches!(e, DeskError::Receipt(ReceiptError::NoPrinter)), "{e}");
    assert_eq!(prints(), 0, "no printer: nothing printed, nothing audited");

    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("paper.txt");
    let config = Config { printer_command: Some(format!("cat > '{}'", paper.display())), ..Config::default() };
    let clock = std::sync::Arc::new(FixedClock(chrono::Utc::now()));
    let mut desk = Desk::new(Store::open(&fx.path, false).unwrap(), clock, config);
    desk.print_receipt(&clerk, &filed.reference_number).unwrap();
    let text = std::fs::read_to_string(&paper).unwrap();
    assert!(text.contains(&filed.reference_number), "{text}");
    assert_eq!(prints(), 1);
    let detail: String =
        fx.conn().query_row("SELECT detail FROM audit_log WHERE action = 'receipt_print'", [], |r| r.get(0)).unwrap();
    assert_eq!(detail, "format=printer");

    let broken = Config { printer_command: Some("exit 3".into()), ..Config::default() };
    let clock = std::sync::Arc::new(FixedClock(chrono::Utc::now()));
    let mut desk = Desk::new(Store::open(&fx.path, false).unwrap(), clock, broken);
    let e = desk.print_receipt(&clerk, &filed.reference_number).unwrap_err();
    assert!(matches!(e, DeskError::Receipt(ReceiptError::PrinterFailed { .. })), "{e}");
}
