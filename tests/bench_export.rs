//! `clerkdesk bench --export` at a small scale: its store holds portal filings imported through
//! `import portal`, the report says how many records of each kind each export read, and it
//! refuses a store that is not its own. The figures themselves are for docs/performance.md, never
//! asserted here.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;
use support::cli::Env;

#[test]
fn a_small_export_benchmark_reads_the_portal_filings_it_imported() {
    let env = Env::new();
    let args = ["bench", "export", "--changes", "2000", "--json"];
    let out = env.cmd(&args).assert().success().get_output().stdout.clone();
    let r: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        (r["made"]["demo_cases"].as_u64(), r["made"]["portal_filings"].as_u64()),
        (Some(1500), Some(500)),
        "{r}"
    );
    let runs = r["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2, "{r}");
    for run in runs {
        assert_eq!(run["cases"], 2000, "every case, demo or portal: {run}");
        assert_eq!(run["filings"], 500, "each portal filing written back before its case: {run}");
        let kinds = ["cases", "filings", "notices", "bookings", "portal_bookings"];
        let sum: u64 = kinds.iter().map(|k| run[k].as_u64().unwrap()).sum();
        assert_eq!(run["records"].as_u64(), Some(sum), "{run}");
        assert!(run["notices"].as_u64().unwrap() > 0, "the watchdog ran: {run}");
    }
    assert_eq!(runs[0]["written"], runs[0]["records"], "JSON Lines writes every record");
    assert_eq!(runs[1]["written"], 2000, "Open311 writes the cases only");
    // Again on the same store: nothing is made, the same records are read, and the report says
    // what the store was made with whatever --changes says now.
    let again = env.cmd(&["bench", "export", "--json"]).assert().success().get_output().stdout.clone();
    let r2: serde_json::Value = serde_json::from_slice(&again).unwrap();
    assert_eq!((&r2["made"], r2["changes"].as_u64()), (&serde_json::Value::Null, Some(2000)), "{r2}");
    assert_eq!(r2["runs"][0]["records"], runs[0]["records"], "{r2}");
    let left: Vec<_> = std::fs::read_dir(env.db().parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".filings.") || n.contains(".export."))
        .collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
}

#[test]
fn a_store_that_is_not_the_benchmarks_is_refused() {
    let env = Env::new();
    env.cmd(&["init"]).assert().success();
    let out = env.cmd(&["bench", "export", "--changes", "100"]).assert().code(1).get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&out).contains("not an export benchmark store"));
    let out = env.cmd(&["bench", "export-worker"]).assert().code(1).get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&out).contains("not an export benchmark store"));
}
