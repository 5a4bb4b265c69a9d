//! `import portal --skip-invalid --rejects FILE` for CSV and Open311 JSON and XML files: the rejected
//! records as they stood in the file (its encoding, delimiter and line ends), framed so that the
//! same command imports them once fixed; a real run's rejects come from what the store kept, a
//! dry run's from the file (a resumed run's: `tests/import_portal.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use serde_json::{Value, json};
use support::cli::{Env, count};

fn env() -> Env {
    Env::with_clerk()
}

fn import(env: &Env, file: &str, extra: &[&str]) -> (i32, Value, String) {
    let mut args = vec!["import", "portal", file, "--as", "prepazka", "--json"];
    args.extend_from_slice(extra);
    let out = env.cmd(&args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap_or(Value::Null), stderr)
}

const MAPPING: &str = "delimiter = \";\"\nencoding = \"windows-1250\"\ndatetime_format = \"%d.%m.%Y %H:%M\"\n\
    date_format = \"%d.%m.%Y\"\n[columns]\nportal_id = \"Číslo podání\"\nsubmitted_at = \"Podáno\"\n\
    given_name = \"Jméno\"\nfamily_name = \"Příjmení\"\nbirth_date = \"Datum narození\"\n\
    \"fields.reason\" = \"Důvod\"\n\"fields.express\" = \"Expresně\"\n\"fields.under15\" = \"Do 15 let\"\n\
    [constants]\nsituation = \"OP-VYDANI\"\n";

const HEADER: &str = "Číslo podání;Podáno;Jméno;Příjmení;Datum narození;Důvod;Expresně;Do 15 let\r\n";
/// The second row's birth date does not exist; the fourth row's reason is not one of the form's.
const ROWS: [&str; 4] = [
    "X-1;20.11.2026 9:15;Jiří;Šťastný;1.2.1980;expiry;standard;no\r\n",
    "X-2;20.11.2026 9:20;Růžena;Žluťoučká;31.2.1975;expiry;standard;no\r\n",
    "X-3;20.11.2026 9:25;\"Petr; ml.\";Čermák;5.6.1990;expiry;standard;no\r\n",
    "X-4;20.11.2026 9:30;Ondřej;Hruška;7.8.1985;bored;standard;no\r\n",
];

fn cp1250(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1250.encode(text).0.into_owned()
}

#[test]
fn a_spreadsheet_s_rejected_rows_come_back_as_they_stood_and_import_once_fixed() {
    let env = env();
    let mapping = env.path("mapping.toml");
    std::fs::write(&mapping, MAPPING).unwrap();
    // A blank row between the first and the second: not a record, not counted.
    let text = format!("{HEADER}{}\r\n{}{}{}", ROWS[0], ROWS[1], ROWS[2], ROWS[3]);
    let data = env.path("podani.csv");
    std::fs::write(&data, cp1250(&text)).unwrap();
    let rejects = env.path("oprava.csv");
    let args = ["--format", "csv", "--mapping", mapping.to_str().unwrap(), "--skip-invalid", "--rejects"];
    let args = [&args[..], &[rejects.to_str().unwrap()]].concat();
    let expected = cp1250(&format!("{HEADER}{}{}", ROWS[1], ROWS[3]));

    // A dry run's rejects come from the file; a run's from what the store kept.
    let (_, s, err) = import(&env, data.to_str().unwrap(), &[&args[..], &["--dry-run"]].concat());
    assert_eq!((s["rejected"].as_u64(), s["new"].as_u64()), (Some(2), Some(2)), "{s} {err}");
    assert_eq!(std::fs::read(&rejects).unwrap(), expected, "the header and rows 2 and 4, byte for byte");
    std::fs::remove_file(&rejects).unwrap();
    let (code, s, err) = import(&env, data.to_str().unwrap(), &args);
    assert_eq!((code, s["new"].as_u64(), s["rejected"].as_u64()), (1, Some(2), Some(2)), "{s} {err}");
    assert_eq!(std::fs::read(&rejects).unwrap(), expected);

    // Fixed in the spreadsheet and imported with the same command: both go in.
    let fixed = format!("{HEADER}{}{}", ROWS[1].replace("31.2.1975", "3.4.1975"), ROWS[3].replace("bored", "expiry"));
    std::fs::write(&rejects, cp1250(&fixed)).unwrap();
    let again = env.path("znovu.csv");
    let args = ["--format", "csv", "--mapping", mapping.to_str().unwrap(), "--skip-invalid", "--rejects"];
    let (code, s, err) = import(&env, rejects.to_str().unwrap(), &[&args[..], &[again.to_str().unwrap()]].concat());
    assert_eq!((code, s["new"].as_u64(), s["rejected"].as_u64()), (0, Some(2), Some(0)), "{s} {err}");
    assert_eq!(std::fs::read(&again).unwrap(), cp1250(HEADER), "nothing rejected: the header alone");
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM cases WHERE portal_id LIKE 'X-%'"), 4);
}

#[test]
fn an_open311_file_s_rejected_requests_come_back_as_a_json_array_and_import_once_fixed() {
    let env = env();
    let request = |id: u32, code: &str| {
        json!({"service_request_id": id, "service_code": code, "requested_datetime": "2026-11-20T10:00:00+01:00",
            "first_name": "Karel", "last_name": format!("Dvořák{id}"),
            "attributes": {"birth_date": "1970-05-06", "reason": "expiry", "express": "standard", "under15": "no"}})
    };
    let list = json!([request(1, "OP-VYDANI"), request(2, "NO-SUCH"), request(3, "OP-VYDANI"), request(4, "")]);
    // Pretty-printed (a top-level array, streamed) and wrapped (read whole): the same rejects.
    let shapes = [serde_json::to_string_pretty(&list).unwrap(), json!({"service_requests": list}).to_string()];
    for (n, text) in shapes.iter().enumerate() {
        let file = env.path(&format!("requests{n}.json"));
        std::fs::write(&file, text).unwrap();
        let rejects = env.path(&format!("rejects{n}.json"));
        let args = ["--format", "open311-json", "--skip-invalid", "--dry-run", "--rejects", rejects.to_str().unwrap()];
        let (_, s, err) = import(&env, file.to_str().unwrap(), &args);
        assert_eq!(s["rejected"].as_u64(), Some(2), "{s} {err}");
        let back: Value = serde_json::from_slice(&std::fs::read(&rejects).unwrap()).unwrap();
        assert_eq!(back, json!([request(2, "NO-SUCH"), request(4, "")]), "shape {n}");
    }
    let file = env.path("requests0.json");
    let rejects = env.path("rejects.json");
    let args = ["--format", "open311-json", "--skip-invalid", "--rejects", rejects.to_str().unwrap()];
    let (code, s, _) = import(&env, file.to_str().unwrap(), &args);
    assert_eq!((code, s["new"].as_u64(), s["rejected"].as_u64()), (1, Some(2), Some(2)), "{s}");
    let text = std::fs::read_to_string(&rejects).unwrap();
    assert!(text.contains("\"service_code\": \"NO-SUCH\""), "as it stood, pretty-printed: {text}");
    std::fs::write(
        &rejects,
        text.replace("NO-SUCH", "OP-VYDANI").replace("\"service_code\": \"\"", "\"service_code\": \"OP-VYDANI\""),
    )
    .unwrap();
    let (code, s, err) = import(&env, rejects.to_str().unwrap(), &["--format", "open311-json"]);
    assert_eq!((code, s["new"].as_u64()), (0, Some(2)), "{s} {err}");
}

#[test]
fn an_xml_file_s_rejected_requests_come_back_in_its_own_encoding_and_import_once_fixed() {
    let env = env();
    let request = |id: u32, code: &str, name: &str| {
        format!(
            "  <request>\r\n    <service_request_id>{id}</service_request_id>\r\n    <service_code>{code}</service_code>\r\n    \
             <requested_datetime>2026-11-20T10:00:00+01:00</requested_datetime>\r\n    <first_name>Jiří</first_name>\r\n    \
             <last_name>{name}</last_name>\r\n    <attributes><birth_date>1970-05-06</birth_date><reason>expiry</reason>\
             <express>standard</express><under15>no</under15></attributes>\r\n  </request>"
        )
    };
    let declaration = "<?xml version=\"1.0\" encoding=\"windows-1250\"?>";
    let (good, bad, also_bad) =
        (request(1, "OP-VYDANI", "Šťastný"), request(2, "NO-SUCH", "Žluťoučký"), request(3, "", "Řeřicha"));
    let text =
        format!("{declaration}\r\n<service_requests>\r\n{good}\r\n{bad}\r\n{also_bad}\r\n</service_requests>\r\n");
    let file = env.path("requests.xml");
    std::fs::write(&file, cp1250(&text)).unwrap();
    let rejects = env.path("rejects.xml");
    let args = ["--format", "open311-xml", "--skip-invalid", "--rejects", rejects.to_str().unwrap()];
    let (code, s, err) = import(&env, file.to_str().unwrap(), &args);
    assert_eq!((code, s["new"].as_u64(), s["rejected"].as_u64()), (1, Some(1), Some(2)), "{s} {err}");
    let expected = format!(
        "{declaration}\n<service_requests>\n{}\n{}\n</service_requests>\n",
        bad.trim_start(),
        also_bad.trim_start()
    );
    assert_eq!(
        std::fs::read(&rejects).unwrap(),
        cp1250(&expected),
        "the declaration and the two requests, byte for byte"
    );

    let fixed = expected
        .replace("NO-SUCH", "OP-VYDANI")
        .replace("<service_code></service_code>", "<service_code>OP-VYDANI</service_code>");
    std::fs::write(&rejects, cp1250(&fixed)).unwrap();
    let (code, s, err) = import(&env, rejects.to_str().unwrap(), &["--format", "open311-xml"]);
    assert_eq!((code, s["new"].as_u64()), (0, Some(2)), "{s} {err}");
    let names: i64 = count(&env.conn(), "SELECT count(*) FROM citizens WHERE family_name IN ('Žluťoučký', 'Řeřicha')");
    assert_eq!(names, 2, "the names came back in windows-1250 and were read as such");
}
