//! The command line as a script sees it: exit codes (0 ok, 1 failed, 2 bad usage), `error:` on
//! stderr and never a panic, `--json` that parses, and bad input that changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use rusqlite::Connection;
use serde_json::Value;
use std::path::{Path, PathBuf};
use support::cli::{CATALOGUE, Env, count, dump};

/// The shared corpus beside the sources, when this checkout has it.
fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    p.is_dir().then_some(p)
}

#[test]
fn init_creates_the_store_and_a_second_run_changes_nothing() {
    let env = Env::new();
    let out = env.ok(&["init"]);
    assert!(out.contains("9 departments") && out.contains("38 life situations"), "{out}");
    let conn = env.conn();
    let audit = count(&conn, "SELECT count(*) FROM audit_log");
    let catalogue = dump(&conn, CATALOGUE);
    drop(conn);

    let again = env.ok(&["init"]);
    assert!(again.contains("nothing changed"), "{again}");
    let json = env.json(&["init", "--json"]);
    assert_eq!(json["changed"], false);
    assert_eq!(json["catalogue"]["situations"]["unchanged"], 38);
    assert_eq!(json["catalogue"]["departments"]["inserted"], 0);

    let conn = env.conn();
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), audit, "a no-op init writes no audit line");
    assert_eq!(dump(&conn, CATALOGUE), catalogue);
}

#[test]
fn init_json_on_a_new_store_says_it_changed() {
    let env = Env::new();
    let json = env.json(&["init", "--json"]);
    assert_eq!(json["changed"], true);
    assert_eq!(json["catalogue"]["departments"]["inserted"], 9);
}

/// Citizens and cases as text, without the wall-clock timestamps.
fn demo_data(db: &Path) -> (Vec<String>, Vec<String>) {
    let conn = Connection::open(db).unwrap();
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..n).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap())).collect::<Vec<_>>())
        })
        .unwrap()
        .map(|r| r.unwrap().join("|"))
        .collect()
    };
    let citizens = rows(
        "SELECT given_name, family_name, birth_date, birth_number, phone, email, street, city, postcode
         FROM citizens ORDER BY id",
    );
    let cases = rows(
        "SELECT c.reference_number, s.code, c.status, c.channel, c.citizen_id FROM cases c
         JOIN situations s ON s.id = c.situation_id ORDER BY c.id",
    );
    (citizens, cases)
}

#[test]
fn demo_is_reproducible_by_seed() {
    let corpus = corpus();
    if corpus.is_none() {
        eprintln!("no ../shared/corpus: comparing demo data made from the built-in name lists");
    }
    let run = |seed: &str| {
        let env = Env::new();
        env.init();
        let mut args = vec!["demo", "--citizens", "40", "--cases", "30", "--seed", seed, "--json"];
        let corpus_str = corpus.as_ref().map(|p| p.display().to_string());
        if let Some(c) = &corpus_str {
            args.extend(["--corpus", c]);
        }
        let json = env.json(&args);
        assert_eq!((json["citizens"].as_u64(), json["cases"].as_u64()), (Some(40), Some(30)));
        assert_eq!(json["accounts_created"], 5);
        let data = demo_data(&env.db());
        (env, data)
    };
    let (_a, first) = run("7");
    let (_b, second) = run("7");
    let (_c, other) = run("8");
    assert_eq!(first.0.len(), 40);
    assert_eq!(first.1.len(), 30);
    assert_eq!(first, second, "the same seed gives the same citizens and cases");
    assert_ne!(first.0, other.0, "another seed gives other citizens");
    assert_ne!(first.1, other.1, "another seed gives other cases");
}

#[test]
fn check_passes_a_healthy_store() {
    let env = Env::new();
    env.init();
    env.ok(&["demo", "--citizens", "20", "--cases", "10"]);
    let json = env.json(&["check", "--json"]);
    assert_eq!(json["ok"], true);
    assert_eq!(json["schema_version"], clerkdesk::store::SCHEMA_VERSION);
    let text = env.ok(&["check"]);
    assert!(text.contains("integrity: ok") && text.contains("full-text indexes: ok"), "{text}");
}

/// `check` exits 1 and its report names `fault` in the list `list`.
fn check_reports(env: &Env, list: &str, fault: &str) {
    let out = env.cmd(&["check", "--json"]).assert().code(1).get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error:") && !err.contains("panicked"), "{err}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["ok"], false);
    let faults = json[list].as_array().unwrap();
    assert!(faults.iter().any(|f| f.as_str().unwrap().contains(fault)), "{list} names '{fault}': {json}");
}

#[test]
fn check_reports_a_foreign_key_fault() {
    let env = Env::new();
    env.init();
    let conn = env.conn();
    conn.pragma_update(None, "foreign_keys", false).unwrap();
    conn.execute(
        "INSERT INTO officials (code, name, department_id, position_cs, position_en, position_uk)
         VALUES ('sirotek', 'Sirotek', 4242, '', '', '')",
        [],
    )
    .unwrap();
    drop(conn);
    check_reports(&env, "foreign_keys", "officials");
    let text = env.cmd(&["check"]).assert().code(1).get_output().stdout.clone();
    assert!(String::from_utf8(text).unwrap().contains("missing departments row"));
}

#[test]
fn check_reports_a_full_text_index_fault() {
    let env = Env::new();
    env.init();
    env.ok(&["demo", "--citizens", "5", "--cases", "0"]);
    // An index entry with no citizen behind it, as a bypassed trigger leaves.
    env.conn()
        .execute(
            "INSERT INTO citizens_fts (rowid, given_name, family_name, street, city)
             VALUES (424242, 'Duch', 'Bezdomný', 'Nikde', 'Nikde')",
            [],
        )
        .unwrap();
    check_reports(&env, "fts", "citizens_fts");
}

#[test]
fn a_damaged_file_is_refused_or_reported_never_a_panic() {
    let env = Env::new();
    env.init();
    env.ok(&["demo", "--citizens", "300", "--cases", "100"]);
    let mut bytes = std::fs::read(env.db()).unwrap();
    assert!(!env.path("x.db-wal").exists(), "the last process checkpointed the WAL");
    // Scribble over the middle of several b-tree pages (never the 100-byte file header).
    for page in [2usize, 3, 5, 8] {
        let at = page * 4096 + 8;
        if at + 600 < bytes.len() {
            bytes[at..at + 600].fill(0xA5);
        }
    }
    std::fs::write(env.db(), &bytes).unwrap();
    let out = env.cmd(&["check"]).assert().code(1).get_output().clone();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(stderr.starts_with("error:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stdout.contains("fault") || stderr.contains("malformed") || stderr.contains("damaged"),
        "says the store is damaged:\n{stdout}\n{stderr}"
    );
}

#[test]
fn a_db_that_is_not_a_store_is_refused() {
    let env = Env::new();
    let text = env.path("notes.txt");
    std::fs::write(&text, "Toto není databáze, jen poznámky z porady.\n".repeat(50)).unwrap();
    let foreign = env.path("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('svíčková');")
        .unwrap();
    let missing = env.path("nowhere/missing.db");
    for (path, words) in [
        (&text, &["not a SQLite database"][..]),
        (&foreign, &["another program"][..]),
        (&missing, &["does not exist", "clerkdesk init"][..]),
    ] {
        for args in [&["check"][..], &["user", "list"][..], &["directory", "x"][..]] {
            let mut c = env.bare();
            c.arg("--db").arg(path).args(args);
            let out = c.assert().code(1).get_output().clone();
            let err = String::from_utf8(out.stderr).unwrap();
            assert!(err.starts_with("error:") && !err.contains("panicked"), "{path:?} {args:?}: {err}");
            for w in words {
                assert!(err.contains(w), "{path:?} {args:?}: '{w}' in {err}");
            }
        }
    }
    // Nothing was written into the foreign file, and no missing store was created.
    assert_eq!(count(&Connection::open(&foreign).unwrap(), "SELECT count(*) FROM sqlite_schema"), 1);
    assert!(!missing.exists());
}

#[test]
fn an_empty_file_as_db_is_refused_and_left_empty() {
    // An empty file is a valid, empty SQLite database, but not a clerkdesk store: a wrong --db
    // must not get a schema written into it. Only `init` makes a store of it.
    let env = Env::new();
    std::fs::write(env.db(), b"").unwrap();
    env.fails(&["check"], None, 1, &["empty", "clerkdesk init"]);
    env.fails(&["user", "list"], None, 1, &["empty"]);
    assert_eq!(std::fs::metadata(env.db()).unwrap().len(), 0, "nothing was written into it");
    // init refuses to make a store of a file every user may read …
    env.fails(&["init"], None, 1, &["lets every user on this machine read the store", "chmod 0640"]);
    // … and takes it once it is closed to others.
    std::fs::set_permissions(env.db(), std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    env.ok(&["init"]);
    env.ok(&["check"]);
}

#[test]
fn clerkdesk_db_works_like_the_option() {
    let env = Env::new();
    env.bare().env("CLERKDESK_DB", env.db()).arg("init").assert().success();
    assert!(env.db().exists());
    let out = env.bare().env("CLERKDESK_DB", env.db()).args(["check", "--json"]).assert().success();
    let json: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["ok"], true);
    // Nothing was made in the default place.
    assert!(!env.path("home/data/clerkdesk/clerkdesk.db").exists());
}

const COUNTED: &[&str] = &["departments", "situations", "users", "citizens", "cases", "case_history"];

fn counts(db: &Path) -> Vec<i64> {
    let conn = Connection::open(db).unwrap();
    COUNTED.iter().map(|t| count(&conn, &format!("SELECT count(*) FROM {t}"))).collect()
}

#[test]
fn backup_writes_a_checked_copy_and_refuses_an_existing_target() {
    let env = Env::new();
    env.init();
    env.ok(&["demo", "--citizens", "30", "--cases", "20"]);
    let target = env.path("copy.db");
    let json = env.json(&["backup", target.to_str().unwrap(), "--json"]);
    assert_eq!(json["backup"], target.display().to_string());
    assert_eq!(counts(&target), counts(&env.db()));
    let mut c = env.bare();
    c.arg("--db").arg(&target).args(["check", "--json"]).assert().success();

    let before = std::fs::read(&target).unwrap();
    env.fails(&["backup", target.to_str().unwrap()], None, 1, &["already exists"]);
    assert_eq!(std::fs::read(&target).unwrap(), before, "the existing file is untouched");
}

#[test]
fn backup_while_demo_writes_is_consistent() {
    let env = Env::new();
    env.init();
    let mut writer = env
        .bare_std()
        .arg("--db")
        .arg(env.db())
        .args(["demo", "--citizens", "2000", "--cases", "4000", "--seed", "3"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Back up only once the demo has begun writing (it hashes the demo passwords first).
    let started = std::time::Instant::now();
    while count(&env.conn(), "SELECT count(*) FROM citizens") == 0 {
        assert!(started.elapsed().as_secs() < 30, "demo never started writing");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let copies: Vec<PathBuf> = (0..3).map(|i| env.path(&format!("copy{i}.db"))).collect();
    for copy in &copies {
        env.ok(&["backup", copy.to_str().unwrap()]);
    }
    assert!(writer.wait().unwrap().success());
    let citizens_in_first = count(&Connection::open(&copies[0]).unwrap(), "SELECT count(*) FROM citizens");
    assert!(citizens_in_first > 0, "the first copy was taken while the demo was writing");
    for copy in &copies {
        let mut c = env.bare();
        c.arg("--db").arg(copy).args(["check", "--json"]).assert().success();
        let conn = Connection::open(copy).unwrap();
        let cases = count(&conn, "SELECT count(*) FROM cases");
        // One snapshot: the counter and the cases agree, and whole batches of 200 are in it.
        assert_eq!(cases, count(&conn, "SELECT coalesce(max(last), 0) FROM ref_sequences"));
        assert_eq!(cases % 200, 0, "{copy:?} has {cases} cases");
        assert_eq!(count(&conn, "SELECT count(*) FROM citizens") % 200, 0);
        assert_eq!(count(&conn, "SELECT count(*) FROM case_history WHERE event = 'filed'"), cases);
    }
}
