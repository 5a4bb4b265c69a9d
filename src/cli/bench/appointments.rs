//! `clerkdesk bench appointments`: on a store of its own (12 counters, a year of plans, 300,000
//! bookings), times the next free slots and a booking, then lets 8 processes fight over the same
//! 50 slots and checks that none was ever held twice.

use super::{Timing, timing};
use crate::cli::{CliResult, Failure, Global, print_json, resolve_db, say};
use crate::desk::bench::appointments::{bench_plan, booking_count, double_booking_report, fill_bookings};
use crate::desk::{Actor, BookingRequest, CitizenRef, DemoParams, Desk, DeskError};
use crate::domain::appointments::BookingAction;
use crate::domain::case::Channel;
use crate::domain::ids::CitizenId;
use chrono::{DateTime, Duration as Days, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

/// Citizens of the benchmark store.
const CITIZENS: u32 = 20_000;
/// Slots the processes fight over.
const CONTESTED: usize = 50;

pub struct Params {
    pub bookings: u32,
    pub queries: usize,
    pub workers: usize,
    pub seconds: u64,
    pub seed: u64,
    pub json: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct WorkerReport {
    pub attempts: u64,
    pub booked: u64,
    pub cancelled: u64,
    pub taken: u64,
    pub other_errors: u64,
    pub first_errors: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Contention {
    workers: usize,
    seconds: f64,
    slots: usize,
    #[serde(flatten)]
    sum: WorkerReport,
    bookings_per_second: f64,
    attempts_per_second: f64,
    overlapping_pairs: i64,
    max_held_at_once: i64,
}

#[derive(Debug, Serialize)]
struct Report {
    bookings_in_store: i64,
    fill_seconds: Option<f64>,
    timings: Vec<Timing>,
    contention: Contention,
}

/// Makes the benchmark store at `--db` when the file does not exist yet; refuses another store.
fn prepare(g: &Global, p: &Params) -> Result<(Desk, Actor, Option<f64>), Failure> {
    let path = resolve_db(g)?;
    let (mut desk, shell, fresh) = crate::cli::open_or_create(g)?;
    let mut fill = None;
    if fresh {
        let t = Instant::now();
        desk.init(&shell)?;
        desk.generate_demo(&shell, &DemoParams { citizens: CITIZENS, cases: 0, seed: p.seed }, None)?;
        desk.import_plan(&shell, &bench_plan(), "benchmark plan", false)?;
        let clerk = desk.act_for(&shell, "prepazka")?;
        let n = fill_bookings(&mut desk, &clerk, p.bookings, p.seed)?;
        fill = Some(t.elapsed().as_secs_f64());
        if !p.json {
            say!("made {} with {n} bookings in {:.1} s", path.display(), t.elapsed().as_secs_f64());
        }
    } else if desk.appointment_plan()?.plan.resource("B01").is_none() {
        return Err(Failure {
            message: format!("{} is not a benchmark store; give --db a path that does not exist yet", path.display()),
            code: 1,
        });
    }
    Ok((desk, shell, fill))
}

#[allow(
    clippy::cast_precision_loss,
    reason = "counts and nanoseconds far below 2^52 become seconds and rates for the report"
)]
pub fn run(g: &Global, p: &Params) -> CliResult {
    let (mut desk, actor, fill) = prepare(g, p)?;
    let mut rng = StdRng::seed_from_u64(p.seed);
    let now = Utc::now();
    let mut timings = Vec::new();
    let mut next = Vec::with_capacity(p.queries);
    for i in 0..p.queries {
        let service = if i % 2 == 0 { "OP-PREVZETI" } else { "OP-PODANI" };
        let from = now + Days::days(rng.random_range(0..300));
        let t = Instant::now();
        let found = desk.free_slots(service, from, 10, None)?;
        next.push(t.elapsed());
        if found.len() < 10 {
            return Err(Failure { message: format!("only {} free slots from {from}", found.len()), code: 1 });
        }
    }
    timings.push(timing("next 10 free slots of a service", next));
    let clerk = desk.act_for(&actor, "prepazka")?;
    let mut book = Vec::with_capacity(p.queries);
    for _ in 0..p.queries {
        let from = now + Days::days(rng.random_range(0..300));
        let Some(slot) = desk.free_slots("OP-PREVZETI", from, 1, None)?.into_iter().next() else { continue };
        let req = request(slot.start, &slot.resource, CitizenId(rng.random_range(1..=i64::from(CITIZENS))));
        let t = Instant::now();
        desk.book(&clerk, &req)?;
        book.push(t.elapsed());
        // What the workstation does while the clerk turns to the next citizen (untimed).
        desk.checkpoint_when_idle()?;
    }
    timings.push(timing("book a slot (one transaction)", book));
    let contention = contend(g, &mut desk, &actor, p, now)?;
    let bookings_in_store = i64::try_from(booking_count(&mut desk)?).unwrap_or(i64::MAX);
    let failed = contention.sum.other_errors > 0 || contention.overlapping_pairs > 0 || contention.max_held_at_once > 1;
    let report = Report { bookings_in_store, fill_seconds: fill, timings, contention };
    if p.json {
        print_json(&report)?;
    } else {
        print_human(&report);
    }
    if failed {
        return Err(Failure { message: "double booking or unexpected errors: see the report".into(), code: 1 });
    }
    Ok(())
}

fn request(start: DateTime<Utc>, resource: &str, citizen: CitizenId) -> BookingRequest {
    BookingRequest {
        service: "OP-PREVZETI".into(),
        start,
        resource: Some(resource.to_owned()),
        citizen: CitizenRef::Existing(citizen),
        channel: Channel::Counter,
        note: String::new(),
        portal_id: None,
    }
}

/// Starts the worker processes on the same 50 free slots and checks the store afterwards.
#[allow(
    clippy::cast_precision_loss,
    reason = "counts and nanoseconds far below 2^52 become seconds and rates for the report"
)]
fn contend(g: &Global, desk: &mut Desk, actor: &Actor, p: &Params, now: DateTime<Utc>) -> Result<Contention, Failure> {
    let slots = desk.free_slots("OP-PREVZETI", now + Days::days(7), CONTESTED, None)?;
    let arg: Vec<String> = slots.iter().map(|s| format!("{}@{}", s.start.to_rfc3339(), s.resource)).collect();
    let exe = std::env::current_exe().map_err(|e| Failure { message: format!("own binary: {e}"), code: 1 })?;
    let db = resolve_db(g)?;
    let t = Instant::now();
    let children: Vec<_> = (0..p.workers)
        .map(|i| {
            crate::door::spawn::command(&exe)
                .arg("--db")
                .arg(&db)
                .args(["bench", "appointments-worker", "--seconds", &p.seconds.to_string()])
                .args(["--seed", &(p.seed + 1 + i as u64).to_string(), "--slots", &arg.join(",")])
                .stdout(std::process::Stdio::piped())
                .spawn()
        })
        .collect::<Result<_, _>>()
        .map_err(|e| Failure { message: format!("cannot start a worker: {e}"), code: 1 })?;
    let mut sum = WorkerReport::default();
    for child in children {
        let out = child.wait_with_output().map_err(|e| Failure { message: format!("worker: {e}"), code: 1 })?;
        let r: WorkerReport = serde_json::from_slice(&out.stdout)
            .map_err(|e| Failure { message: format!("worker report: {e} (exit {})", out.status), code: 1 })?;
        sum.attempts += r.attempts;
        sum.booked += r.booked;
        sum.cancelled += r.cancelled;
        sum.taken += r.taken;
        sum.other_errors += r.other_errors;
        sum.first_errors.extend(r.first_errors);
    }
    let secs = t.elapsed().as_secs_f64();
    let check = double_booking_report(desk, actor)?;
    Ok(Contention {
        workers: p.workers,
        seconds: secs,
        slots: slots.len(),
        bookings_per_second: sum.booked as f64 / secs,
        attempts_per_second: sum.attempts as f64 / secs,
        sum,
        overlapping_pairs: check.overlapping_pairs,
        max_held_at_once: check.max_held_at_once,
    })
}

/// One worker: books a random one of the slots until the time is up; prints its counts as JSON.
pub fn worker(g: &Global, seconds: u64, seed: u64, slots: &str) -> CliResult {
    let (mut desk, actor) = crate::cli::open_as(g)?;
    let clerk = desk.act_for(&actor, "prepazka")?;
    let slots: Vec<(DateTime<Utc>, String)> = slots
        .split(',')
        .filter_map(|s| {
            let (at, r) = s.split_once('@')?;
            Some((DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc), r.to_owned()))
        })
        .collect();
    if slots.is_empty() {
        return Err(Failure { message: "--slots: no slot given".into(), code: 2 });
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let mut r = WorkerReport::default();
    let end = Instant::now() + Duration::from_secs(seconds);
    let note = |r: &mut WorkerReport, e: &DeskError| {
        r.other_errors += 1;
        if r.first_errors.len() < 5 {
            r.first_errors.push(e.to_string());
        }
    };
    // Each process holds at most one booking: winning a slot gives the previous one back, so
    // the slots stay contested for the whole run.
    let mut held: Option<(String, i64)> = None;
    let give_back = |desk: &mut Desk, r: &mut WorkerReport, held: Option<(String, i64)>| {
        if let Some((code, version)) = held {
            match desk.booking_action(&clerk, &code, BookingAction::Cancel, Some(version), "benchmark") {
                Ok(_) => r.cancelled += 1,
                Err(e) => note(r, &e),
            }
        }
    };
    while Instant::now() < end {
        let (start, resource) = &slots[rng.random_range(0..slots.len())];
        r.attempts += 1;
        let req = request(*start, resource, CitizenId(rng.random_range(1..=i64::from(CITIZENS))));
        match desk.book(&clerk, &req) {
            Ok(b) => {
                r.booked += 1;
                give_back(&mut desk, &mut r, held.replace((b.code, b.version)));
            }
            Err(DeskError::SlotTaken { .. }) => r.taken += 1,
            Err(e) => note(&mut r, &e),
        }
    }
    give_back(&mut desk, &mut r, held);
    print_json(&r)
}

fn print_human(r: &Report) {
    say!("bookings in the store: {}", r.bookings_in_store);
    say!("{:<42} {:>6} {:>9} {:>9} {:>9}", "operation", "runs", "p50 ms", "p99 ms", "max ms");
    for t in &r.timings {
        say!("{:<42} {:>6} {:>9.3} {:>9.3} {:>9.3}", t.what, t.runs, t.p50_ms, t.p99_ms, t.max_ms);
    }
    let c = &r.contention;
    say!(
        "{} processes, {} slots, {:.1} s: {} attempts ({:.0}/s), {} booked ({:.0}/s), each given back by the next win, {} slot taken, {} other errors",
        c.workers,
        c.slots,
        c.seconds,
        c.sum.attempts,
        c.attempts_per_second,
        c.sum.booked,
        c.bookings_per_second,
        c.sum.taken,
        c.sum.other_errors
    );
    say!(
        "double bookings: {} overlapping pairs now; at most {} held one slot at once in the history",
        c.overlapping_pairs,
        c.max_held_at_once
    );
    for e in &c.sum.first_errors {
        say!("  error: {e}");
    }
}
