//! The issue's demand: "8 processes file cases at once and every reference number is unique and
//! gap-free". Each `demo` process files its cases through the counter's own `file_in_tx`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use std::collections::HashSet;
use support::cli::{Env, count};

const PROCESSES: u64 = 8;
const CASES_EACH: i64 = 150;

#[test]
fn eight_processes_file_cases_at_once_with_unique_gap_free_numbers() {
    let env = Env::new();
    env.init();
    let children: Vec<_> = (0..PROCESSES)
        .map(|seed| {
            env.bare_std()
                .arg("--db")
                .arg(env.db())
                .args(["demo", "--citizens", "0", "--cases", &CASES_EACH.to_string(), "--seed", &seed.to_string()])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "process {i} failed: {}", String::from_utf8_lossy(&out.stderr));
    }

    let conn = env.conn();
    let total = CASES_EACH * i64::try_from(PROCESSES).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM cases"), total);
    let mut stmt =
        conn.prepare("SELECT ref_year, ref_seq, reference_number FROM cases ORDER BY ref_year, ref_seq").unwrap();
    let rows: Vec<(i64, i64, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
    let year = rows[0].0;
    assert!(rows.iter().all(|r| r.0 == year), "all filed in one year");
    let seqs: Vec<i64> = rows.iter().map(|r| r.1).collect();
    assert_eq!(seqs, (1..=total).collect::<Vec<_>>(), "ref_seq is exactly 1..={total}");
    let unique: HashSet<&str> = rows.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(unique.len(), rows.len(), "reference numbers are unique");
    for (_, seq, reference) in &rows {
        assert!(well_formed(reference, *seq, year), "{reference} is MULO-<5 digits>/<year>/<dept> for {seq}");
    }
    assert_eq!(count(&conn, "SELECT last FROM ref_sequences"), total, "the counter agrees");
}

/// `MULO-00042/2025/OSA`: the office, the sequence in 5 digits, the year, a department code.
fn well_formed(reference: &str, seq: i64, year: i64) -> bool {
    let parts: Vec<&str> = reference.split('/').collect();
    let [head, y, dept] = parts[..] else { return false };
    let Some(digits) = head.strip_prefix("MULO-") else { return false };
    digits.len() == 5
        && digits.chars().all(|c| c.is_ascii_digit())
        && digits.parse::<i64>() == Ok(seq)
        && y == year.to_string()
        && !dept.is_empty()
        && dept.chars().all(|c| c.is_ascii_uppercase())
}
