//! `clerkdesk bench --import` at a small scale: the benchmark's own checks hold (every filing in
//! once, a sample found by search, the clerk's filings timed), and it refuses a store that is not
//! its base. The figures themselves are for docs/performance.md, never asserted here.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;
use support::cli::Env;

#[test]
fn a_small_import_benchmark_checks_what_it_imported_and_leaves_its_base_as_it_was() {
    let env = Env::new();
    let args = ["bench", "import", "--existing", "300", "--filings", "400", "--json"];
    let out = env.cmd(&args).assert().success().get_output().stdout.clone();
    let r: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(r["cases_before"], 300, "{r}");
    assert_eq!(r["filings"], 400);
    assert_eq!(r["imported_once"], true, "{r}");
    assert_eq!(r["found_by_search"], true, "{r}");
    assert!(r["filings_per_second"].as_f64().unwrap() > 0.0);
    let clerk = &r["clerk_filings_during_import"];
    assert!(clerk["runs"].as_u64().unwrap() >= 1, "a clerk filed meanwhile: {r}");
    assert_eq!(
        r["cases_after"].as_i64().unwrap(),
        300 + 400 + clerk["runs"].as_i64().unwrap(),
        "the base, the file and the clerk's filings: {r}"
    );
    // The floor wrote every row the import wrote (it fails the run when a table's count differs).
    let floor = &r["floor"];
    let tables: std::collections::HashMap<String, i64> = floor["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t[0].as_str().unwrap().to_owned(), t[1].as_i64().unwrap()))
        .collect();
    let cases = 400 + clerk["runs"].as_i64().unwrap();
    assert_eq!(tables.get("cases"), Some(&cases), "{floor}");
    assert_eq!(tables.get("case_search"), Some(&cases), "{floor}");
    assert_eq!(tables.get("portal_imports"), Some(&400), "{floor}");
    assert!(tables.get("citizens").is_some_and(|&n| n >= 400), "{floor}");
    assert!(floor["rows"].as_i64().unwrap() > 4 * 400, "{floor}");
    // The import went into a copy: the base is reused as it was, and the work folder is gone.
    let again = env.cmd(&args).assert().success().get_output().stdout.clone();
    let r2: serde_json::Value = serde_json::from_slice(&again).unwrap();
    assert_eq!(r2["cases_before"], 300, "{r2}");
    assert_eq!(r2["base_made_seconds"], serde_json::Value::Null);
    let left: Vec<_> = std::fs::read_dir(env.db().parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("clerkdesk-bench-import"))
        .collect();
    assert!(left.is_empty(), "work folders left behind: {left:?}");
}

#[test]
fn a_store_with_imported_filings_is_not_a_base_store() {
    let env = Env::new();
    env.cmd(&["init"]).assert().success();
    env.add_user("prepazka", "counter_clerk");
    let file = env.path("one.jsonl");
    std::fs::write(
        &file,
        r#"{"v":1,"type":"filing","portal_id":"P-1","submitted_at":"2026-11-20T08:15:00Z","citizen":{"given_name":"Jan","family_name":"Novák","birth_date":"1980-02-01","identified":true},"situation":"OP-VYDANI","subject":"","fields":{"reason":"expiry","express":"standard","under15":"no"},"attachments":[]}"#,
    )
    .unwrap();
    env.cmd(&["import", "portal", file.to_str().unwrap(), "--as", "prepazka"]).assert().success();
    let out = env.cmd(&["bench", "import", "--filings", "10"]).assert().code(1).get_output().stderr.clone();
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("not a base store"), "{err}");
}
