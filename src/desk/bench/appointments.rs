//! The appointments benchmark's store: twelve counters open twelve hours every working day for
//! a year, filled with bookings through the same booking code the counter uses.

use crate::desk::appointments::booking::{BookingRequest, CitizenRef, book_in_tx};
use crate::desk::appointments::slots::day_free;
use crate::desk::{Actor, Desk, DeskError};
use crate::domain::appointments::Window;
use crate::domain::case::Channel;
use crate::domain::permissions::{Operation, Scope};
use crate::store::DoubleBookingReport;
use chrono::Days;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::fmt::Write as _;

/// Counters in the benchmark's plan.
pub const BENCH_COUNTERS: usize = 12;
/// The services every benchmark counter serves.
pub const BENCH_SERVICES: [&str; 4] = ["OP-PREVZETI", "PAS-PREVZETI", "OP-PODANI", "PAS-PODANI"];
/// Bookings per transaction while filling.
const FILL_BATCH: u32 = 5_000;

/// The benchmark plan: 12 counters, Monday to Friday 7:00–19:00, booked a year ahead.
#[must_use]
pub fn bench_plan() -> String {
    let mut out = String::new();
    for s in BENCH_SERVICES {
        let _ = writeln!(out, "[[service]]\ncode = \"{s}\"\nmax_days_ahead = 366\n");
    }
    let services: Vec<String> = BENCH_SERVICES.iter().map(|s| format!("\"{s}\"")).collect();
    for i in 1..=BENCH_COUNTERS {
        let _ = writeln!(
            out,
            "[[resource]]\ncode = \"B{i:02}\"\nname = \"Přepážka {i}\"\nservices = [{}]\n\
             week = {{ mon = \"7:00-19:00\", tue = \"7:00-19:00\", wed = \"7:00-19:00\", thu = \"7:00-19:00\", fri = \"7:00-19:00\" }}\n",
            services.join(", ")
        );
    }
    out
}

/// Books up to `target` visits over the year ahead (about seven in ten five-minute cells),
/// as `clerk`, in batches; returns how many. Deterministic for a seed.
pub fn fill_bookings(desk: &mut Desk, clerk: &Actor, target: u32, seed: u64) -> Result<u32, DeskError> {
    let mut rng = StdRng::seed_from_u64(seed);
    let citizens = desk.store.read(|tx| tx.citizen_ids())?;
    if citizens.is_empty() {
        return Err(DeskError::NotFound("citizens: the benchmark store has none".into()));
    }
    let (now, now_s, today) = (desk.clock.now(), desk.now_str(), desk.clock.today());
    let mut booked = 0u32;
    let mut day = today;
    while booked < target && day <= today + Days::new(366) {
        desk.store.write(|tx| {
            let sp = tx.load_plan()?;
            let start = booked;
            while booked < target && booked - start < FILL_BATCH && day <= today + Days::new(366) {
                for (i, code) in ["OP-PREVZETI", "OP-PODANI"].iter().enumerate() {
                    let Some(rules) = sp.plan.service(code) else { continue };
                    let resources: Vec<_> = sp.plan.resources_for(code).collect();
                    // Pick-ups fill most of the day; applications take what is left.
                    let share = if i == 0 { 0.75 } else { 0.5 };
                    for slot in day_free(tx, &sp, rules, &resources, day, Window::of(rules, now))? {
                        if booked >= target || !rng.random_bool(share) {
                            continue;
                        }
                        let req = BookingRequest {
                            service: (*code).to_owned(),
                            start: slot.start,
                            resource: Some(slot.resource.clone()),
                            citizen: CitizenRef::Existing(citizens[rng.random_range(0..citizens.len())]),
                            channel: Channel::Counter,
                            note: String::new(),
                            portal_id: None,
                        };
                        match book_in_tx(tx, clerk, &req, None, now, &now_s, "") {
                            Ok(_) => booked += 1,
                            Err(DeskError::SlotTaken { .. }) => {}
                            Err(e) => return Err(e),
                        }
                    }
                }
                day = day + Days::new(1);
            }
            Ok::<_, DeskError>(())
        })?;
    }
    Ok(booked)
}

/// Bookings in the store, in any state.
pub fn booking_count(desk: &mut Desk) -> Result<u64, DeskError> {
    Ok(desk.store.read(|tx| tx.booking_count())?)
}

/// Double bookings now and in the history (the contention benchmark's check).
///
/// # Errors
/// Not an administrator; a failing query.
pub fn double_booking_report(desk: &mut Desk, actor: &Actor) -> Result<DoubleBookingReport, DeskError> {
    actor.may(Operation::Benchmark, Scope::ANY)?;
    Ok(desk.store.read(|tx| tx.double_booking_report())?)
}
