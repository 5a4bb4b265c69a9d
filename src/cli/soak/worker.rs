//! One simulated clerk of `clerkdesk soak`: a process of its own that works the store through the
//! desk, as the workstation would, for a set time, and prints each operation's timings as JSON.
//! Times are measured around the desk call alone (no process start-up, no drawing).

use crate::cli::{CliResult, Failure, Global, open_as, print_json};
use crate::desk::{
    Actor, BookingRequest, CaseQuery, CitizenRef, Desk, DeskError, NewFiling, PaymentMethod, SituationRow,
};
use crate::domain::case::{CaseStatus, Channel};
use chrono::{Duration as Days, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The kinds of clerk the soak runs, each with its own mix of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize)]
pub enum Seat {
    Counter,
    Official,
    Hotline,
    Supervisor,
}

impl Seat {
    /// The demo account each seat logs in as.
    fn account(self) -> &'static str {
        match self {
            Seat::Counter => "prepazka",
            Seat::Official => "referent",
            Seat::Hotline => "linka",
            Seat::Supervisor => "vedouci",
        }
    }
}

/// What one clerk did: every operation's times in milliseconds, and what went wrong.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SeatReport {
    pub times_ms: BTreeMap<String, Vec<f64>>,
    /// Another clerk changed the case or took the slot first: the expected answer of optimistic
    /// concurrency and of the store's guard against double booking.
    pub conflicts: u64,
    pub errors: u64,
    pub first_errors: Vec<String>,
}

struct Clerk {
    desk: Desk,
    actor: Actor,
    rng: StdRng,
    report: SeatReport,
    surnames: Vec<String>,
    phones: Vec<String>,
    fee_situation: Option<SituationRow>,
    department: Option<String>,
    serial: u64,
}

impl Clerk {
    /// Times `f` under `what`; a conflict or an error is counted, not fatal.
    fn timed<T>(&mut self, what: &str, f: impl FnOnce(&mut Desk, &Actor) -> Result<T, DeskError>) -> Option<T> {
        let t = Instant::now();
        let r = f(&mut self.desk, &self.actor);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        match r {
            Ok(v) => {
                self.report.times_ms.entry(what.to_owned()).or_default().push(ms);
                Some(v)
            }
            Err(DeskError::Conflict(_) | DeskError::SlotTaken { .. }) => {
                self.report.conflicts += 1;
                None
            }
            Err(e) => {
                self.report.errors += 1;
                if self.report.first_errors.len() < 5 {
                    self.report.first_errors.push(format!("{what}: {e}"));
                }
                None
            }
        }
    }

    fn surname(&mut self) -> String {
        let i = self.rng.random_range(0..self.surnames.len().max(1));
        self.surnames.get(i).cloned().unwrap_or_else(|| "nov".into())
    }

    /// A citizen found by a surname prefix, as the counter does before filing.
    fn find_citizen(&mut self) -> Option<crate::domain::ids::CitizenId> {
        let s = self.surname();
        let found = self.timed("search citizens (surname prefix)", |d, a| d.search_citizens(a, &s, 20))?;
        let n = found.len();
        (n > 0).then(|| found[self.rng.random_range(0..n)].id)
    }

    /// Files a case for a citizen on file (a third of them with a fee, paid at once).
    fn file(&mut self) {
        let citizen_id = self.find_citizen();
        let with_fee = self.rng.random_ratio(1, 3);
        let situation = self.fee_situation.clone().filter(|_| with_fee);
        let filing = NewFiling {
            citizen_id,
            fields: situation.as_ref().map_or_else(
                || {
                    [("reason", "expiry"), ("express", "standard"), ("under15", "no")]
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v.to_owned()))
                        .collect()
                },
                |s| crate::domain::form::example_values(&s.fields),
            ),
            situation_code: situation.as_ref().map_or_else(|| "OP-VYDANI".to_owned(), |s| s.code.clone()),
            channel: Channel::Counter,
            subject: "soak".into(),
            note: "Podání během zátěžového testu".into(),
            attachments: Vec::new(),
        };
        let Some(filed) = self.timed("file a case", |d, a| d.file_case(a, &filing)) else { return };
        if let Some(s) = situation.filter(|s| s.fee_czk > 0) {
            self.serial += 1;
            let receipt = format!("SOAK-{}-{}", std::process::id(), self.serial);
            self.timed("take a payment", |d, a| {
                d.pay_fee(a, &filed.reference_number, i64::from(s.fee_czk), PaymentMethod::Cash, &receipt)
            });
        }
    }

    /// Books the next free ID-card application slot some days ahead for a citizen on file.
    fn book(&mut self) {
        let Some(citizen) = self.find_citizen() else { return };
        let from = Utc::now() + Days::days(self.rng.random_range(1..60));
        let Some(slot) = self.timed("next free slot", |d, _| d.free_slots("OP-PODANI", from, 1, None)) else { return };
        let Some(slot) = slot.into_iter().next() else { return };
        let req = BookingRequest {
            service: "OP-PODANI".into(),
            start: slot.start,
            resource: Some(slot.resource),
            citizen: CitizenRef::Existing(citizen),
            channel: Channel::Counter,
            note: String::new(),
            portal_id: None,
        };
        self.timed("book an appointment", |d, a| d.book(a, &req));
    }

    /// A page of the case list, then one of its cases opened.
    fn browse(&mut self, q: &CaseQuery) {
        let Some(page) = self.timed("case list, first page of 50", |d, a| d.list_cases(a, q, None, 50)) else {
            return;
        };
        if page.rows.is_empty() {
            return;
        }
        let id = page.rows[self.rng.random_range(0..page.rows.len())].id;
        self.timed("open a case", |d, _| d.case_detail_by_id(id));
    }

    /// An official takes the next case of theirs a step on: start what is assigned, resolve what
    /// is in progress.
    fn work(&mut self) {
        let (status, start) =
            if self.rng.random_bool(0.5) { (CaseStatus::Assigned, true) } else { (CaseStatus::InProgress, false) };
        let q = CaseQuery { statuses: vec![status], official: Some(self.actor.name.clone()), ..CaseQuery::default() };
        let Some(page) = self.timed("case list, first page of 50", |d, a| d.list_cases(a, &q, None, 50)) else {
            return;
        };
        let Some(row) = page.rows.first().cloned() else { return };
        if start {
            self.timed("start a case", |d, a| d.start_case(a, &row.reference_number, Some(row.version)));
        } else {
            self.timed("resolve a case", |d, a| {
                d.resolve_case(a, &row.reference_number, Some(row.version), "vyřízeno při zátěžovém testu")
            });
        }
    }

    /// A supervisor hands a received case of the official's department to the official.
    fn assign(&mut self) {
        let q = CaseQuery {
            statuses: vec![CaseStatus::Received],
            department: self.department.clone(),
            ..CaseQuery::default()
        };
        let Some(page) = self.timed("case list, first page of 50", |d, a| d.list_cases(a, &q, None, 50)) else {
            return;
        };
        let Some(row) = page.rows.first().cloned() else { return };
        self.timed("assign a case", |d, a| {
            d.assign_case(a, &row.reference_number, Some(row.version), None, Some("referent"), "rozdělení práce")
        });
    }

    fn caller(&mut self) {
        let i = self.rng.random_range(0..self.phones.len().max(1));
        let Some(phone) = self.phones.get(i).cloned() else { return };
        self.timed("look a caller up by phone", |d, a| d.find_callers(a, &phone));
    }

    /// One step of this seat's work.
    fn step(&mut self, seat: Seat) {
        let roll = self.rng.random_range(0..100);
        match seat {
            Seat::Counter => match roll {
                0..40 => {
                    let s = self.surname();
                    self.timed("search citizens (surname prefix)", |d, a| d.search_citizens(a, &s, 20));
                }
                40..75 => self.file(),
                _ => self.book(),
            },
            Seat::Official => match roll {
                0..60 => self.browse(&CaseQuery::default()),
                _ => self.work(),
            },
            Seat::Hotline => match roll {
                0..40 => self.caller(),
                40..70 => {
                    let s = self.surname();
                    self.timed("search citizens (surname prefix)", |d, a| d.search_citizens(a, &s, 20));
                }
                _ => {
                    let s = self.surname();
                    self.browse(&CaseQuery { search: s, ..CaseQuery::default() });
                }
            },
            Seat::Supervisor => match roll {
                0..50 => self.browse(&CaseQuery { overdue: true, ..CaseQuery::default() }),
                _ => self.assign(),
            },
        }
    }
}

/// Runs one seat for `seconds`, a clerk's think time of 20–200 ms between steps, and prints its
/// report as JSON on stdout.
pub fn run(g: &Global, seat: Seat, seconds: u64, seed: u64) -> CliResult {
    // The administrator who started the soak acts for each demo account, audited as such.
    let (mut desk, admin) = open_as(g)?;
    crate::desk::bench::may_run(&admin)?;
    let actor = desk.act_for(&admin, seat.account())?;
    let samples = crate::desk::bench::samples(&mut desk, 200, seed)?;
    let directory = desk.directory()?.data;
    let fee_situation = directory.situations.iter().find(|s| s.fee_czk > 0 && s.code.starts_with("PAS")).cloned();
    let referent = desk.act_for(&admin, "referent")?;
    let department =
        referent.department_id.and_then(|id| directory.departments.iter().find(|d| d.id == id)).map(|d| d.code.clone());
    let mut clerk = Clerk {
        desk,
        actor,
        rng: StdRng::seed_from_u64(seed),
        report: SeatReport::default(),
        surnames: samples.surnames,
        phones: samples.phones,
        fee_situation,
        department,
        serial: 0,
    };
    let end = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < end {
        clerk.step(seat);
        // The clerk reads the screen and types; the workstation checkpoints on its idle tick.
        if let Err(e) = clerk.desk.checkpoint_when_idle() {
            return Err(Failure::from(e));
        }
        std::thread::sleep(Duration::from_millis(clerk.rng.random_range(20..200)));
    }
    print_json(&clerk.report)
}
