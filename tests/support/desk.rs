//! A store with the default catalogue and one account per role, and desks on it at fixed days.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    dead_code,
    reason = "a test stops at the first thing it did not expect; each test binary uses a part of the helpers"
)]

use chrono::{NaiveDate, TimeZone, Utc};
use clerkdesk::config::Config;
use clerkdesk::desk::{Actor, Desk, FiledCase, NewFiling};
use clerkdesk::domain::case::Channel;
use clerkdesk::domain::clock::FixedClock;
use clerkdesk::domain::role::Role;
use clerkdesk::store::Store;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

pub struct Fx {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Usernames: `prepazka` (counter), `linka` (hotline), `osa` and `osa2` (officials of OSA), `od`
/// (official of OD), `vedouci` (supervisor).
pub const USERS: &[(&str, Role, Option<&str>)] = &[
    ("prepazka", Role::CounterClerk, None),
    ("linka", Role::HotlineOperator, None),
    ("osa", Role::DepartmentOfficial, Some("OSA")),
    ("osa2", Role::DepartmentOfficial, Some("OSA")),
    ("od", Role::DepartmentOfficial, Some("OD")),
    ("vedouci", Role::Supervisor, None),
];

impl Fx {
    pub fn new() -> Fx {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.db");
        let fx = Fx { _dir: dir, path };
        let mut desk =
            Desk::new(Store::open(&fx.path, true).unwrap(), Arc::new(fixed(ymd(2026, 11, 2))), Config::default());
        let shell = Actor::root();
        desk.init(&shell).unwrap();
        for (name, role, dept) in USERS {
            desk.add_user(&shell, name, &format!("Test {name}"), *role, "heslo1234", *dept).unwrap();
        }
        fx
    }

    /// A desk whose clock says 10:00 Prague time on `day`.
    pub fn desk(&self, day: NaiveDate) -> Desk {
        Desk::new(Store::open(&self.path, false).unwrap(), Arc::new(fixed(day)), Config::default())
    }

    pub fn conn(&self) -> Connection {
        Connection::open(&self.path).unwrap()
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

fn fixed(day: NaiveDate) -> FixedClock {
    // 9:00 UTC is 10:00 in Prague in winter: the same office day.
    FixedClock(Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap()))
}

pub fn actor(desk: &mut Desk, name: &str) -> Actor {
    desk.act_as(name).unwrap()
}

/// A valid filing of the ID-card agenda (OSA, 30 days, no fee).
pub fn id_card() -> NewFiling {
    filing("OP-VYDANI", &[("reason", "expiry"), ("express", "standard"), ("under15", "no")])
}

pub fn filing(code: &str, fields: &[(&str, &str)]) -> NewFiling {
    NewFiling {
        citizen_id: None,
        situation_code: code.to_owned(),
        channel: Channel::Counter,
        subject: String::new(),
        note: String::new(),
        fields: fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect::<BTreeMap<_, _>>(),
        attachments: Vec::new(),
    }
}

pub fn file(desk: &mut Desk, f: &NewFiling) -> FiledCase {
    let clerk = actor(desk, "prepazka");
    desk.file_case(&clerk, f).unwrap()
}

impl Fx {
    /// A desk whose clock says `at`.
    pub fn desk_at(&self, at: chrono::DateTime<Utc>) -> Desk {
        Desk::new(Store::open(&self.path, false).unwrap(), Arc::new(FixedClock(at)), Config::default())
    }
}

/// A citizen created by the counter clerk.
pub fn citizen(desk: &mut Desk, given: &str, family: &str, phone: &str) -> clerkdesk::domain::ids::CitizenId {
    let clerk = actor(desk, "prepazka");
    let input = clerkdesk::desk::NewCitizenInput {
        given_name: given.into(),
        family_name: family.into(),
        birth_date: "1. 2. 1980".into(),
        birth_number: None,
        phone: Some(phone.into()),
        email: String::new(),
        street: String::new(),
        city: String::new(),
        postcode: String::new(),
    };
    desk.create_citizen(&clerk, &input, true).unwrap()
}
