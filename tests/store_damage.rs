//! A damaged store takes no writes, and a full disk ends an import with what went in (issue 12).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use std::io::{Seek, SeekFrom, Write};
use support::cli::{Env, count};

/// Overwrites the header of a leaf page in the middle of the citizens table, one that filing a
/// case for another citizen never reads, as a failing disk or a stray write would.
fn corrupt_a_citizens_page(env: &Env) {
    let conn = env.conn();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let pages: Vec<i64> = conn
        .prepare("SELECT pageno FROM dbstat WHERE name = 'citizens' AND pagetype = 'leaf' ORDER BY pageno")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(pages.len() > 4, "enough pages: {}", pages.len());
    let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    drop(conn);
    let page = pages[pages.len() / 2];
    let mut f = std::fs::OpenOptions::new().write(true).open(env.db()).unwrap();
    f.seek(SeekFrom::Start(u64::try_from((page - 1) * page_size).unwrap())).unwrap();
    f.write_all(&[0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]).unwrap();
    f.sync_all().unwrap();
}

#[test]
fn writes_are_refused_on_a_store_with_a_corrupt_page() {
    let env = Env::new();
    env.init();
    env.ok(&["demo", "--citizens", "2000", "--cases", "20", "--seed", "1"]);
    let citizen: i64 = count(&env.conn(), "SELECT max(id) FROM citizens");
    corrupt_a_citizens_page(&env);
    let cases = count(&env.conn(), "SELECT count(*) FROM cases");

    let mut filing = support::cli::ID_CARD.to_vec();
    let id = citizen.to_string();
    filing.extend(["--citizen", id.as_str()]);
    env.fails(&filing, None, 1, &["damaged", "clerkdesk check"]);
    let portal = env.path("p.jsonl");
    std::fs::write(
        &portal,
        "{\"v\":1,\"type\":\"filing\",\"portal_id\":\"P-1\",\"submitted_at\":\"2026-11-20T08:15:00Z\",\
         \"citizen\":{\"given_name\":\"Eva\",\"family_name\":\"Malá\",\"birth_date\":\"1990-01-01\"},\
         \"situation\":\"OP-VYDANI\",\"fields\":{\"reason\":\"expiry\",\"express\":\"standard\",\"under15\":\"ne\"}}\n",
    )
    .unwrap();
    env.fails(&["import", "portal", portal.to_str().unwrap(), "--as", "prepazka"], None, 1, &["damaged"]);
    assert_eq!(count(&env.conn(), "SELECT count(*) FROM cases"), cases, "nothing was filed");
    // The administrator's tools still run: the check reports (exit 1), the backup saves.
    let out = env.cmd(&["check"]).assert().code(1).get_output().clone();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

/// `mount -t tmpfs -o size=SIZE tmpfs DIR`, if this test may (root, a mount namespace that
/// allows it); `None` with the reason otherwise.
fn small_disk(dir: &std::path::Path, size: &str) -> Result<(), String> {
    let out = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .output()
        .map_err(|e| format!("cannot run mount: {e}"))?;
    if out.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&out.stderr).trim().to_owned()) }
}

fn remount(dir: &std::path::Path, size: &str) {
    let ok = std::process::Command::new("mount")
        .args(["-o", &format!("remount,size={size}")])
        .arg(dir)
        .status()
        .unwrap()
        .success();
    assert!(ok, "remount {size}");
}

struct Unmount(std::path::PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Filings with a long note each, so that a few thousand fill a few megabytes.
fn portal_file(n: usize) -> String {
    let note = "Žádám o vydání nového průkazu. ".repeat(40);
    (1..=n)
        .map(|i| {
            let bn_day = 1 + (i % 28);
            serde_json::json!({
                "v": 1, "type": "filing", "portal_id": format!("P-{i}"), "submitted_at": "2026-11-20T08:15:00Z",
                "citizen": {"given_name": "Eva", "family_name": format!("Malá{i}"),
                            "birth_date": format!("1990-01-{bn_day:02}")},
                "situation": "OP-VYDANI", "note": note,
                "fields": {"reason": "expiry", "express": "standard", "under15": "ne"}
            })
            .to_string()
                + "\n"
        })
        .collect()
}

#[test]
fn an_import_that_fills_the_disk_says_what_went_in_and_a_rerun_finishes_it() {
    let env = Env::with_clerk();
    let disk = env.path("disk");
    std::fs::create_dir(&disk).unwrap();
    let store_size = std::fs::metadata(env.db()).unwrap().len();
    let room = format!("{}k", store_size / 1024 + 3 * 1024);
    if let Err(why) = small_disk(&disk, &room) {
        println!("skipped: cannot mount a small file system here ({why})");
        return;
    }
    let _unmount = Unmount(disk.clone());
    let db = disk.join("x.db");
    std::fs::copy(env.db(), &db).unwrap();
    let file = env.path("p.jsonl");
    let n = 6000;
    std::fs::write(&file, portal_file(n)).unwrap();
    let run = || {
        let mut c = env.bare();
        c.arg("--db").arg(&db).args(["import", "portal", file.to_str().unwrap(), "--as", "prepazka"]);
        c.assert()
    };
    let out = run().code(1).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(err.contains("disk is full") && err.contains("run the same command again"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let went_in = count(&conn, "SELECT count(*) FROM cases");
    drop(conn);
    assert!(err.contains(&format!("{went_in} new")), "the message counts the {went_in} committed filings: {err}");

    remount(&disk, "200m");
    let out = run().success().get_output().clone();
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(said.contains("resumed after record"), "{said}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM cases"), i64::try_from(n).unwrap(), "each filing once");
    assert_eq!(count(&conn, "SELECT count(DISTINCT portal_id) FROM cases"), i64::try_from(n).unwrap());
}
