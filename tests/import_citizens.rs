//! `clerkdesk import citizens`: a register extract through the counter's rules; idempotent,
//! all-or-nothing unless --skip-invalid, a rejects file that imports back, Czech spreadsheets.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use chrono::NaiveDate;
use clerkdesk::domain::birth_number::{Sex, generate};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;
use support::cli::{Env, count, dump};

const TABLES: &[&str] = &["citizens", "audit_log"];

fn env() -> Env {
    let env = Env::new();
    env.init();
    for (user, role) in [("prepazka", "counter_clerk"), ("referent", "department_official")] {
        env.add_user(user, role);
    }
    env
}

/// A valid birth number, `YYMMDD/XXXX`.
fn bn(y: i32, m: u32, d: u32, sex: Sex, serial: u16) -> String {
    generate(NaiveDate::from_ymd_opt(y, m, d).unwrap(), sex, serial).unwrap().canonical()
}

fn write(env: &Env, name: &str, text: &str) -> String {
    let path = env.path(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn import(env: &Env, file: &str, extra: &[&str]) -> (i32, Value, String) {
    let mut args = vec!["import", "citizens", file, "--as", "prepazka", "--json"];
    args.extend_from_slice(extra);
    let out = env.cmd(&args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap(), serde_json::from_str(&stdout).unwrap_or(Value::Null), stderr)
}

fn counts(s: &Value) -> [u64; 4] {
    ["new", "updated", "unchanged", "rejected"].map(|k| s[k].as_u64().unwrap_or(u64::MAX))
}

fn citizen(env: &Env, family: &str) -> (String, Option<String>, String, String, String, String, String, i64) {
    env.conn()
        .query_row(
            "SELECT birth_date, birth_number, phone, email, street, city, postcode, version FROM citizens WHERE family_name = ?1",
            [family],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
        )
        .unwrap()
}

fn extract() -> String {
    format!(
        "Jméno,Příjmení,Datum narození,Rodné číslo,Telefon,E-mail,Ulice,Obec,PSČ\n\
         Jana,Nováková,20. 11. 1980,{},777 123 456,jana@example.cz,Dlouhá 12,Lipnice,412 01\n\
         Petr,Dvořák,4.3.1975,{},,,,,\n\
         Eva,Malá,1990-01-01,,,,Krátká 3,Lipnice,\n",
        bn(1980, 11, 20, Sex::Female, 12),
        bn(1975, 3, 4, Sex::Male, 7)
    )
}

#[test]
fn a_register_extract_imports_once_and_the_same_file_again_changes_nothing() {
    let env = env();
    let file = write(&env, "reg.csv", &extract());
    let (code, s, err) = import(&env, &file, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!((counts(&s), s["status"].as_str()), ([3, 0, 0, 0], Some("done")));
    let (date, number, phone, email, street, city, postcode, _) = citizen(&env, "Nováková");
    assert_eq!((date.as_str(), phone.as_str(), email.as_str()), ("1980-11-20", "+420777123456", "jana@example.cz"));
    assert_eq!(number.as_deref(), Some(bn(1980, 11, 20, Sex::Female, 12).replace('/', "").as_str()));
    assert_eq!((street.as_str(), city.as_str(), postcode.as_str()), ("Dlouhá 12", "Lipnice", "412 01"));
    assert_eq!(citizen(&env, "Dvořák").0, "1975-03-04");
    let conn = env.conn();
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE action = 'citizen_create' AND actor = 'root (uid 0) acting as prepazka'"
        ),
        3
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log WHERE action = 'citizens_import'"), 1);
    let before = dump(&conn, &["citizens"]);
    let (code, s, err) = import(&env, &file, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&s), [0, 0, 3, 0]);
    assert_eq!(s["conflicts"], 0);
    assert_eq!(dump(&env.conn(), &["citizens"]), before, "nothing written the second time");
    // Found by the desk's search as any citizen created at the counter.
    let found = count(&env.conn(), "SELECT count(*) FROM citizens_fts WHERE citizens_fts MATCH 'novakova'");
    assert_eq!(found, 1);
    // Indexed at the end of each batch (migration 0007): the birth-number fragment index too, and
    // the full-text indexes agree with the table (`check` runs their integrity-check).
    let fragment = count(&env.conn(), "SELECT count(*) FROM citizens_tri WHERE birth_number LIKE '%806120%'");
    assert_eq!(fragment, 1);
    env.cmd(&["check"]).assert().success();
}

#[test]
fn a_row_fills_what_the_office_left_empty_and_a_differing_value_is_a_conflict() {
    let env = env();
    let number = bn(1975, 3, 4, Sex::Male, 7);
    let first = format!("jmeno;prijmeni;narozen;rc\nPetr;Dvořák;1975-03-04;{number}\nEva;Malá;1990-01-01;\n");
    assert_eq!(import(&env, &write(&env, "a.csv", &first), &[]).0, 0);
    // Petr by birth number gets a phone and an address; Eva by name and birth date gets her
    // birth number (written in capitals without diacritics in this file).
    let eva = bn(1990, 1, 1, Sex::Female, 3);
    let second = format!(
        "jmeno;prijmeni;narozen;rc;telefon;ulice;obec;psc\n\
         Petr;Dvořák;4. 3. 1975;{number};+420 603 111 222;Dlouhá 1;Lipnice;41201\n\
         EVA;MALA;1. 1. 1990;{eva};;;;\n"
    );
    let (code, s, err) = import(&env, &write(&env, "b.csv", &second), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&s), [0, 2, 0, 0]);
    let petr = citizen(&env, "Dvořák");
    assert_eq!((petr.2.as_str(), petr.4.as_str(), petr.6.as_str(), petr.7), ("+420603111222", "Dlouhá 1", "41201", 2));
    assert_eq!(citizen(&env, "Malá").1.as_deref(), Some(eva.replace('/', "").as_str()));
    let audit = count(
        &env.conn(),
        "SELECT count(*) FROM audit_log WHERE action = 'citizen_update' AND detail LIKE '%phone, address%'",
    );
    assert_eq!(audit, 1);

    // Another phone and another town: the office's values stay, each difference reported.
    let third = format!(
        "jmeno;prijmeni;narozen;rc;telefon;ulice;obec;psc;e-mail\n\
         Petr;Dvořák;1975-03-04;{number};777 000 111;Náměstí 5;Praha;11000;petr@example.cz\n"
    );
    let before = citizen(&env, "Dvořák");
    let (code, s, err) = import(&env, &write(&env, "c.csv", &third), &[]);
    assert_eq!(code, 0, "conflicts are reported, not refused: {err}");
    assert_eq!((counts(&s), s["conflicts"].as_u64()), ([0, 1, 0, 0], Some(2)), "the empty e-mail is filled");
    let fields: Vec<&str> =
        s["conflict_list"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["phone", "address"]);
    assert!(err.contains("conflict: line 2: phone: citizen #1 has '+420603111222' on file"), "{err}");
    let after = citizen(&env, "Dvořák");
    assert_eq!((&after.2, &after.4, &after.5, after.3.as_str()), (&before.2, &before.4, &before.5, "petr@example.cz"));
}

#[test]
fn one_bad_row_refuses_the_whole_file_naming_line_and_column() {
    let env = env();
    let good = extract();
    let bad_checksum = {
        let n = bn(1985, 6, 1, Sex::Male, 5);
        let last = n.chars().last().unwrap().to_digit(10).unwrap();
        format!("{}{}", &n[..n.len() - 1], (last + 1) % 10)
    };
    let text = format!("{good}Karel,Veselý,1. 6. 1985,{bad_checksum},,,,,\nZdeněk,Malý,31. 2. 1980,,,,,,\n");
    let file = write(&env, "bad.csv", &text);
    let before = dump(&env.conn(), TABLES);
    let (code, s, err) = import(&env, &file, &[]);
    assert_eq!(code, 1);
    assert_eq!((s["status"].as_str(), s["rejected"].as_u64()), (Some("refused"), Some(2)));
    assert!(err.contains("line 5: birth_number (column 'Rodné číslo'): birth number's check digit is wrong"), "{err}");
    assert!(err.contains("line 6: birth_date (column 'Datum narození'): '31. 2. 1980' is not a date"), "{err}");
    assert!(
        err.starts_with("error: ") && err.contains("bad.csv refused, nothing imported (2 invalid row(s)):"),
        "{err}"
    );
    assert_eq!(dump(&env.conn(), TABLES), before, "a refused file writes nothing, not even an audit line");
}

#[test]
fn skip_invalid_imports_the_rest_and_the_rejects_file_imports_back_once_fixed() {
    let env = env();
    let number = bn(1980, 11, 20, Sex::Female, 12);
    let text = format!(
        "Jméno;Příjmení;Datum narození;Rodné číslo;Poznámka\r\n\
         Jana;Nováková;20.11.1980;{number};první\r\n\
         Karel;Veselý;1. 6. 1985;850601/0000;\"špatné; RČ\"\r\n\
         Jana;Nováková;20. 11. 1980;{number};podruhé\r\n\
         ;Bez jména;1. 1. 1970;;\r\n"
    );
    let file = write(&env, "mixed.csv", &text);
    let rejects = env.path("rejects.csv");
    let (code, s, err) = import(&env, &file, &["--skip-invalid", "--rejects", rejects.to_str().unwrap()]);
    assert_eq!(code, 1, "rejections exit 1: {err}");
    assert_eq!(counts(&s), [1, 0, 0, 3]);
    assert!(
        err.contains("line 4: birth_number (column 'Rodné číslo'):") && err.contains("is on line 2 already"),
        "{err}"
    );
    assert!(err.contains("line 5: given_name (column 'Jméno'): is required"), "{err}");
    let written = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<&str> = written.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 4, "{written}");
    assert_eq!(lines[0], "Jméno;Příjmení;Datum narození;Rodné číslo;Poznámka;error");
    assert!(lines[1].starts_with("Karel;Veselý;1. 6. 1985;850601/0000;\"špatné; RČ\";"), "{written}");
    assert!(lines[1].contains("birth_number (column 'Rodné číslo'): "), "{written}");

    // Fixed (a right birth number, a given name, the duplicate row dropped), it imports; the
    // error column is ignored.
    let fixed = written
        .replace("850601/0000", &bn(1985, 6, 1, Sex::Male, 5))
        .replace(";Bez jména", "Josef;Bez jména")
        .lines()
        .filter(|l| !l.contains("podruhé"))
        .collect::<Vec<_>>()
        .join("\r\n");
    let (code, s, err) = import(&env, &write(&env, "fixed.csv", &fixed), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&s), [2, 0, 0, 0]);
    assert_eq!(s["ignored_columns"], serde_json::json!(["Poznámka", "error"]));
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM citizens"), 3);
}

#[test]
fn a_windows_1250_spreadsheet_with_semicolons_and_crlf() {
    let env = env();
    let text = format!(
        "Příjmení;Jméno;Datum narození;Rodné číslo;Obec\r\n\
         Šťastná;Žofie;3. 4. 1975;{};Ústí nad Labem\r\n\
         Řehoř;Čeněk;1.1.1950;{};Český Krumlov\r\n",
        bn(1975, 4, 3, Sex::Female, 21),
        bn(1950, 1, 1, Sex::Male, 4)
    );
    let (bytes, _, bad) = encoding_rs::WINDOWS_1250.encode(&text);
    assert!(!bad);
    let path = env.path("cp1250.csv");
    std::fs::write(&path, &bytes).unwrap();
    let file = path.to_str().unwrap();
    let (code, _, err) = import(&env, file, &[]);
    assert_eq!(code, 1, "read as UTF-8 it is refused");
    assert!(err.contains("line 1: header: not UTF-8") && err.contains("windows-1250"), "{err}");
    let (code, s, err) = import(&env, file, &["--encoding", "windows-1250"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&s), [2, 0, 0, 0]);
    let name: String = env
        .conn()
        .query_row(
            "SELECT given_name || ' ' || family_name || ', ' || city FROM citizens WHERE birth_date = '1975-04-03'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(name, "Žofie Šťastná, Ústí nad Labem");
    assert_eq!(citizen(&env, "Řehoř").1.map(|n| n.len()), Some(9), "born before 1954: nine digits");
    // The same file through a mapping file that says its encoding, from standard input.
    let mapping = write(&env, "map.toml", "encoding = \"windows-1250\"\ndelimiter = \";\"\n");
    let out = env
        .cmd(&["import", "citizens", "-", "--as", "prepazka", "--mapping", &mapping, "--json"])
        .write_stdin(bytes.into_owned())
        .output()
        .unwrap();
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(counts(&s), [0, 0, 2, 0]);
}

#[test]
fn a_run_killed_half_way_is_finished_by_running_it_again() {
    // There is no run table: the batches committed before the kill hold whole rows, and every
    // row is idempotent by itself, so the rerun finds them on file and adds the rest once.
    let env = env();
    let n = 20_000u16;
    let rows = support::cli::lines((0..n).map(|i| {
        let born = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap() + chrono::Days::new(u64::from(i % 10_000));
        let number = generate(born, Sex::Female, i / 10_000).unwrap().canonical();
        format!("Jana;Nováková{i};{born};{number}")
    }));
    let file = write(&env, "big.csv", &format!("jmeno;prijmeni;narozen;rc\n{rows}"));
    let mut child = env
        .bare_std()
        .arg("--db")
        .arg(env.db())
        .args(["import", "citizens", &file, "--as", "prepazka", "--batch", "500"])
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let done = env.conn().query_row("SELECT count(*) FROM citizens", [], |r| r.get::<_, i64>(0)).unwrap_or(0);
        if done >= 2_000 || std::time::Instant::now() > deadline {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = count(&env.conn(), "SELECT count(*) FROM citizens");
    assert!(partial > 0 && partial < i64::from(n), "killed midway: {partial}");
    assert_eq!(partial % 500, 0, "only whole batches are committed: {partial}");
    let (code, s, err) = import(&env, &file, &["--batch", "500"]);
    let partial = u64::try_from(partial).unwrap();
    assert_eq!((code, counts(&s)), (0, [u64::from(n) - partial, 0, partial, 0]), "{err}");
    let conn = env.conn();
    assert_eq!(count(&conn, "SELECT count(*) FROM citizens"), i64::from(n));
    assert_eq!(count(&conn, "SELECT count(DISTINCT birth_number) FROM citizens"), i64::from(n), "each once");
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log WHERE action = 'citizen_create'"), i64::from(n));
}

#[test]
fn a_clerk_files_a_case_while_a_large_extract_is_imported() {
    // The import commits batch by batch and lets go of the lock between them, so a clerk's
    // write waiting for it gets in between instead of after the whole import.
    let env = env();
    let n = 30_000u16;
    let rows = support::cli::lines((0..n).map(|i| {
        let born = NaiveDate::from_ymd_opt(1940, 1, 1).unwrap() + chrono::Days::new(u64::from(i));
        format!("Jana;Nováková{i};{born};")
    }));
    let file = write(&env, "big.csv", &format!("jmeno;prijmeni;narozen;rc\n{rows}"));
    let mut child = env
        .bare_std()
        .arg("--db")
        .arg(env.db())
        .args(["import", "citizens", &file, "--as", "prepazka", "--batch", "200"])
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while count(&env.conn(), "SELECT count(*) FROM citizens") < 1_000 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let filed = env.json(&[support::cli::ID_CARD, &["--json"]].concat());
    let during = count(&env.conn(), "SELECT count(*) FROM citizens");
    assert!(filed["reference_number"].is_string(), "{filed}");
    assert!(during < i64::from(n), "the clerk's filing went in while the import ran ({during} of {n} in)");
    assert!(child.wait().unwrap().success());
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM citizens"), i64::from(n));
}

#[test]
fn a_dry_run_writes_nothing_and_says_what_would_change() {
    let env = env();
    let file = write(&env, "reg.csv", &extract());
    let before = dump(&env.conn(), TABLES);
    let out = env.ok(&["import", "citizens", &file, "--as", "prepazka", "--dry-run"]);
    assert!(out.contains("would import") && out.contains("3 new, 0 updated, 0 unchanged, 0 rejected"), "{out}");
    assert!(out.contains("Dry run: nothing changed."), "{out}");
    assert_eq!(dump(&env.conn(), TABLES), before);
    let (code, s, _) = import(&env, &file, &["--dry-run"]);
    assert_eq!((code, s["status"].as_str()), (0, Some("dry_run")));
}

#[test]
fn a_mapping_file_names_other_columns_and_a_date_format() {
    let env = env();
    let mapping = write(
        &env,
        "map.toml",
        "date_format = \"%d/%m/%Y\"\n[columns]\ngiven_name = \"Křestní\"\nfamily_name = \"Rodinné\"\nbirth_date = \"Nar.\"\n",
    );
    let file = write(&env, "x.csv", "Křestní,Rodinné,Nar.\nJan,Novák,02/01/1980\n");
    let (code, s, err) = import(&env, &file, &["--mapping", &mapping]);
    assert_eq!((code, counts(&s)), (0, [1, 0, 0, 0]), "{err}");
    assert_eq!(citizen(&env, "Novák").0, "1980-01-02");
    let bad = write(&env, "bad.toml", "[columns]\nshoe_size = \"x\"\n");
    env.fails(
        &["import", "citizens", &file, "--as", "prepazka", "--mapping", &bad],
        None,
        1,
        &["bad.toml", "shoe_size"],
    );
    env.fails(&["import", "citizens", &file, "--as", "prepazka"], None, 1, &["no column for given_name", "line 1"]);
}

#[test]
fn usage_errors_and_accounts_that_may_not_create_citizens() {
    let env = env();
    let file = write(&env, "reg.csv", &extract());
    env.cmd(&["import", "citizens", &file, "--as", "prepazka", "--rejects", "r.csv"]).assert().code(2);
    env.fails(&["import", "citizens", &file, "--as", "referent"], None, 1, &["not allowed"]);
    env.fails(&["import", "citizens", &file, "--as", "nobody"], None, 1, &["nobody"]);
    env.fails(&["import", "citizens", "missing.csv", "--as", "prepazka"], None, 1, &["missing.csv"]);
    let help = env.ok(&["import", "--help"]);
    for sub in ["portal", "citizens", "officials", "catalogue", "plan"] {
        assert!(help.contains(sub), "{help}");
    }
}

/// Realistic names from the shared corpus: a town's extract of 1,500 people in windows-1250,
/// imported in batches of 200 and then again.
#[test]
fn fifteen_hundred_citizens_with_real_czech_names_in_batches() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/czech/names");
    let (Ok(given), Ok(family)) = (
        std::fs::read_to_string(dir.join("czechitas_jmena100.csv")),
        std::fs::read_to_string(dir.join("datarozhlas_prijmeni_over50_utf8.txt")),
    ) else {
        eprintln!("skipped: ../shared/corpus/czech/names is absent (a fresh clone has no shared corpus)");
        return;
    };
    let given: Vec<(&str, Sex)> = given
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split(',').collect();
            Some((*cols.first()?, if *cols.get(3)? == "ž" { Sex::Female } else { Sex::Male }))
        })
        .collect();
    let family: Vec<&str> = family.lines().filter(|l| !l.trim().is_empty()).step_by(17).collect();
    let mut text = String::from("Jméno;Příjmení;Datum narození;Rodné číslo\r\n");
    let start = NaiveDate::from_ymd_opt(1940, 1, 1).unwrap();
    for i in 0..1500u16 {
        let (name, sex) = given[usize::from(i) % given.len()];
        let surname = family[usize::from(i) * 7 % family.len()];
        let born = start + chrono::Days::new(u64::from(i) * 17);
        let number = generate(born, sex, i % 1000).unwrap().canonical();
        let _ = write!(text, "{name};{surname};{};{number}\r\n", born.format("%-d. %-m. %Y"));
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(&text);
    let env = env();
    let path = env.path("town.csv");
    std::fs::write(&path, &bytes).unwrap();
    let file = path.to_str().unwrap();
    let (code, s, err) = import(&env, file, &["--encoding", "windows-1250", "--batch", "200"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!((counts(&s), s["rows"].as_u64()), ([1500, 0, 0, 0], Some(1500)));
    let (code, s, _) = import(&env, file, &["--encoding", "windows-1250", "--batch", "200"]);
    assert_eq!((code, counts(&s)), (0, [0, 0, 1500, 0]));
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM citizens"), 1500);
}
