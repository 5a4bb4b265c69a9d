//! Tamper evidence (issue 12): the audit log, the case history and the payments as hash chains,
//! protected by triggers a REPLACE cannot slip past, verified by `check` and `audit verify`,
//! against heads taken earlier too. Each attack is made as a colleague with write access to the
//! store file would: a plain rusqlite connection, without the program's functions.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use rusqlite::Connection;
use support::cli::Env;

/// A store with a filed case (its history), two payments (100 and 500 Kč) and audit lines.
fn store() -> Env {
    let env = Env::with_clerk();
    let j = env.json(&[support::cli::PASSPORT, &["--json"]].concat());
    let r = j["reference_number"].as_str().unwrap().to_owned();
    for (amount, receipt) in [("100", "A1"), ("500", "A2")] {
        env.ok(&["fee", "pay", &r, "--as", "prepazka", "--amount", amount, "--method", "cash", "--receipt", receipt]);
    }
    env.ok(&["check"]);
    env
}

/// `check` fails with exit 1 and its report names every one of `words`.
fn check_names(env: &Env, words: &[&str]) -> String {
    let out = env.cmd(&["check"]).assert().code(1).get_output().clone();
    let text = String::from_utf8(out.stdout).unwrap();
    for w in words {
        assert!(text.contains(w), "check names '{w}': {text}");
    }
    let verify = env.cmd(&["audit", "verify"]).assert().code(1).get_output().clone();
    let verify = String::from_utf8(verify.stdout).unwrap();
    for w in words {
        assert!(verify.contains(w), "audit verify names '{w}': {verify}");
    }
    text
}

/// Runs `sql` with the protecting triggers of `table` dropped, then puts them back exactly as
/// they were: what a careful forger does, so only the chain can tell.
fn behind_the_triggers(conn: &Connection, table: &str, sql: &str) {
    let triggers: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1")
        .unwrap()
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
    }
    conn.execute_batch(sql).unwrap();
    for (_, sql) in &triggers {
        conn.execute_batch(sql).unwrap();
    }
}

#[test]
fn replace_update_and_delete_are_refused_by_the_triggers() {
    let env = store();
    let conn = env.conn();
    // A REPLACE of an existing line: conflict resolution would delete the old row without firing
    // the DELETE trigger; the BEFORE INSERT guard refuses it first.
    let replace = conn.execute(
        "INSERT OR REPLACE INTO audit_log (id, at, actor, action) VALUES (1, '2020-01-01T00:00:00Z', 'mallory', 'nothing')",
        [],
    );
    assert!(replace.is_err(), "REPLACE of audit line 1 refused");
    // A REPLACE of a payment by its receipt number (the other UNIQUE column) is refused too.
    let replace = conn.execute(
        "INSERT OR REPLACE INTO payments (id, claim_id, amount_czk, method, receipt_number, paid_at, user_id)
         VALUES (3, 1, 1, 'cash', 'A1', 'x', 1)",
        [],
    );
    assert!(replace.is_err(), "REPLACE of payment A1 by its receipt number refused");
    for sql in [
        "UPDATE audit_log SET actor = 'mallory' WHERE id = 1",
        "DELETE FROM audit_log WHERE id = 1",
        "UPDATE case_history SET detail = 'x'",
        "DELETE FROM case_history",
        "UPDATE payments SET amount_czk = 1",
        "DELETE FROM payments",
    ] {
        assert!(conn.execute(sql, []).is_err(), "refused: {sql}");
    }
    // A forged line from a plain connection: it cannot compute the chain's hash (the program's
    // function is not there), so the guard refuses it.
    let forged = conn.execute(
        "INSERT INTO audit_log (id, at, actor, action) VALUES ((SELECT max(id) + 1 FROM audit_log), 'x', 'admin', 'user_add')",
        [],
    );
    assert!(forged.is_err(), "a forged line is refused");
    env.ok(&["check"]);
}

#[test]
fn a_forged_line_with_a_wrong_hash_is_refused_even_with_the_function() {
    let env = store();
    let conn = env.conn();
    clerkdesk::store::chain::register(&conn).unwrap();
    let forged = conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, hash) VALUES ((SELECT max(id) + 1 FROM audit_log), 'x', 'admin', 'user_add', zeroblob(32))",
        [],
    );
    assert!(forged.is_err(), "a line whose hash does not chain is refused");
}

#[test]
fn a_replaced_audit_line_behind_dropped_triggers_is_named_by_check() {
    let env = store();
    behind_the_triggers(
        &env.conn(),
        "audit_log",
        "INSERT OR REPLACE INTO audit_log (id, at, actor, action, hash)
         SELECT id, at, 'mallory', action, hash FROM audit_log WHERE id = 2",
    );
    check_names(&env, &["audit_log row 2", "does not match"]);
}

#[test]
fn an_updated_history_event_is_named_by_check() {
    let env = store();
    behind_the_triggers(
        &env.conn(),
        "case_history",
        "UPDATE case_history SET user_id = 1, detail = 'portal' WHERE id = 1",
    );
    check_names(&env, &["case_history row 1"]);
}

#[test]
fn a_payment_of_100_turned_into_1_is_named_by_check() {
    let env = store();
    behind_the_triggers(&env.conn(), "payments", "UPDATE payments SET amount_czk = 1 WHERE amount_czk = 100");
    let report = check_names(&env, &["payments row 1", "does not match"]);
    assert!(!report.contains("payments row 2"), "only the first broken row: {report}");
}

#[test]
fn a_deleted_row_is_a_gap_named_by_check() {
    let env = store();
    behind_the_triggers(&env.conn(), "audit_log", "DELETE FROM audit_log WHERE id = 2");
    check_names(&env, &["audit_log row 3", "id 2 missing"]);
}

#[test]
fn a_dropped_or_changed_trigger_is_named_by_check() {
    let env = store();
    env.conn().execute_batch("DROP TRIGGER payments_no_delete").unwrap();
    check_names(&env, &["trigger payments_no_delete is missing"]);

    let env = store();
    env.conn()
        .execute_batch(
            "DROP TRIGGER audit_log_no_update;
             CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN 0 BEGIN SELECT 1; END;",
        )
        .unwrap();
    check_names(&env, &["trigger audit_log_no_update differs"]);

    let env = store();
    env.conn().execute_batch("CREATE TRIGGER audit_log_hide AFTER INSERT ON audit_log BEGIN SELECT 1; END;").unwrap();
    check_names(&env, &["trigger audit_log_hide was not made by the migrations"]);
}

#[test]
fn a_truncated_tail_is_detected_against_an_earlier_head() {
    let env = store();
    let heads = env.ok(&["audit", "head"]);
    assert_eq!(heads.lines().count(), 3, "{heads}");
    assert!(heads.lines().any(|l| l.starts_with("payments 2 ")), "{heads}");
    let file = env.path("heads.txt");
    std::fs::write(&file, &heads).unwrap();
    env.ok(&["audit", "verify", "--head", file.to_str().unwrap()]);

    // The last payment and the audit lines after the first payment cut off: every chain that
    // remains holds, so only a head kept elsewhere tells.
    behind_the_triggers(&env.conn(), "payments", "DELETE FROM payments WHERE id = 2");
    behind_the_triggers(&env.conn(), "audit_log", "DELETE FROM audit_log WHERE id > 3");
    env.ok(&["check"]);
    let out = env.cmd(&["audit", "verify", "--head", file.to_str().unwrap()]).assert().code(1).get_output().clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("payments row 2") && text.contains("cut off"), "{text}");
    // The compact form works as well as the file.
    let compact: String = heads.lines().map(|l| l.replace(' ', ":")).collect::<Vec<_>>().join(",");
    env.cmd(&["audit", "verify", "--head", &compact]).assert().code(1);
}

#[test]
fn a_chain_recomputed_by_a_forger_is_detected_against_an_earlier_head() {
    let env = store();
    let heads = env.ok(&["audit", "head"]);
    // The forger has the program's function, changes the first payment and recomputes every hash
    // after it: the chain holds, the triggers are as they were.
    let conn = env.conn();
    clerkdesk::store::chain::register(&conn).unwrap();
    behind_the_triggers(
        &conn,
        "payments",
        "UPDATE payments SET amount_czk = 1 WHERE id = 1;
         UPDATE payments SET hash = clerkdesk_chain('payments', NULL, id, claim_id, amount_czk, method,
                                                    receipt_number, paid_at, user_id) WHERE id = 1;
         UPDATE payments SET hash = clerkdesk_chain('payments', (SELECT hash FROM payments WHERE id = 1), id,
                                                    claim_id, amount_czk, method, receipt_number, paid_at, user_id)
         WHERE id = 2;",
    );
    env.ok(&["check"]);
    let compact: String = heads.lines().map(|l| l.replace(' ', ":")).collect::<Vec<_>>().join(",");
    let out = env.cmd(&["audit", "verify", "--head", &compact]).assert().code(1).get_output().clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("payments row 2") && text.contains("rewritten"), "{text}");
}

#[test]
fn backups_and_exports_carry_the_heads() {
    let env = store();
    let heads = env.ok(&["audit", "head"]);
    let backup = env.path("b.db");
    let out = env.ok(&["backup", backup.to_str().unwrap()]);
    for line in heads.lines() {
        assert!(out.contains(line), "the backup prints {line}: {out}");
    }
    let detail: String =
        env.conn().query_row("SELECT detail FROM audit_log WHERE action = 'backup'", [], |r| r.get(0)).unwrap();
    let first = heads.lines().next().unwrap().replace(' ', ":");
    assert!(detail.contains(&first), "the backup's audit line holds the heads: {detail}");
    // The backup itself verifies against the heads it printed.
    let compact: String = heads.lines().map(|l| l.replace(' ', ":")).collect::<Vec<_>>().join(",");
    env.bare().arg("--db").arg(&backup).args(["audit", "verify", "--head", &compact]).assert().success();

    env.add_user("spravce", "administrator");
    let export = env.path("e.jsonl");
    let summary = env.json(&["export", "portal", "--as", "spravce", "-o", export.to_str().unwrap(), "--json"]);
    assert_eq!(summary["heads"].as_array().map(Vec::len), Some(3), "{summary}");
    let detail: String =
        env.conn().query_row("SELECT detail FROM audit_log WHERE action = 'export_portal'", [], |r| r.get(0)).unwrap();
    assert!(detail.contains("heads=audit_log:"), "the export's audit line holds the heads: {detail}");
}

#[test]
fn a_head_file_that_is_not_one_is_named_never_quoted() {
    let env = store();
    let db = env.db();
    let err = env.fails(&["audit", "verify", "--head", db.to_str().unwrap()], None, 2, &["line 1", "not a chain head"]);
    assert!(!err.contains("SQLite format"), "the file's text is not shown: {err}");
    env.fails(&["audit", "verify", "--head", "audit_log:1:xyz"], None, 2, &["`xyz` is not the 64-digit hash"]);
}
