//! The fixture of the matrix test (a store with a case in every status of the OSA department, two
//! bookings of an OSA service and a waiting-list entry, copied fresh for every trial) and one call
//! of the real desk operation per row of the matrix.

use crate::support::desk::{Fx, filing, id_card};
use chrono::{DateTime, NaiveDate, Utc};
use clerkdesk::config::Config;
use clerkdesk::desk::{
    Actor, BookingRequest, CaseQuery, CaseScope, CitizenImportOptions, CitizenRef, DemoParams, Desk, DeskError,
    ExportRecord, ExportSink, IMPORT_BATCH, ImportHooks, ImportOptions, NewCitizenInput, OfficialImportOptions,
    PaymentMethod, ReceiptFormat, Since, SlotExport, SlotSink,
};
use clerkdesk::domain::appointments::BookingAction;
use clerkdesk::domain::case::Channel;
use clerkdesk::domain::clock::FixedClock;
use clerkdesk::domain::ids::CitizenId;
use clerkdesk::domain::permissions::Operation;
use clerkdesk::domain::role::Role;
use clerkdesk::store::Store;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// One operation by one user, on a record of their own department or not, naming themself or not.
#[derive(Debug, Clone, Copy)]
pub struct Trial {
    pub op: Operation,
    pub who: &'static str,
    pub own: bool,
    pub to_self: bool,
}

/// The records every trial finds in its copy of the store.
struct Template {
    fx: Fx,
    citizen: CitizenId,
    received: String,
    assigned: String,
    in_progress: String,
    suspended: String,
    resolved: String,
    fee: String,
    booked: String,
    checked_in: String,
    waiting: i64,
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

/// The fixture's day: Monday 23 November 2026; the store is made at 10:00 in Prague, the trials
/// run at 12:00 (after the bookings' start, so a no-show can be marked).
const MADE: &str = "2026-11-23T09:00:00Z";
const NOW: &str = "2026-11-23T11:00:00Z";
const DAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(build)
}

fn build() -> Template {
    let fx = Fx::new();
    let mut desk = fx.desk_at(utc(MADE));
    let shell = Actor::root();
    desk.add_user(&shell, "spravce", "Test spravce", Role::Administrator, "heslo1234", None).unwrap();
    let clerk = desk.act_as("prepazka").unwrap();
    let boss = desk.act_as("vedouci").unwrap();
    let citizen = crate::support::desk::citizen(&mut desk, "Jan", "Novák", "+420601111111");
    let mut case = |steps: &[&str]| {
        let f = clerkdesk::desk::NewFiling { citizen_id: Some(citizen), ..id_card() };
        let r = desk.file_case(&clerk, &f).unwrap().reference_number;
        for step in steps {
            match *step {
                "assign" => desk.assign_case(&boss, &r, None, Some("OSA"), Some("osa"), "").map(drop),
                "start" => desk.start_case(&boss, &r, None).map(drop),
                "suspend" => desk.suspend_case(&boss, &r, None, "čekáme na doklad").map(drop),
                _ => desk.resolve_case(&boss, &r, None, "vydáno").map(drop),
            }
            .unwrap();
        }
        r
    };
    let received = case(&[]);
    let assigned = case(&["assign"]);
    let in_progress = case(&["assign", "start"]);
    let suspended = case(&["assign", "suspend"]);
    let resolved = case(&["assign", "start", "resolve"]);
    let passport = clerkdesk::desk::NewFiling {
        citizen_id: Some(citizen),
        ..filing("PAS-VYDANI", &[("under15", "no"), ("express", "standard")])
    };
    let fee = desk.file_case(&clerk, &passport).unwrap().reference_number;
    let mut book = |counter: &str| desk.book(&clerk, &request(citizen, "2026-11-23T10:00:00Z", Some(counter))).unwrap();
    let booked = book("P1").code;
    let checked_in = book("P2").code;
    desk.booking_action(&clerk, &checked_in, BookingAction::CheckIn, None, "").unwrap();
    let waiting = desk.waitlist_add(&clerk, "OP-PODANI", Some(DAY), citizen, "").unwrap();
    Template { fx, citizen, received, assigned, in_progress, suspended, resolved, fee, booked, checked_in, waiting }
}

fn request(citizen: CitizenId, at: &str, resource: Option<&str>) -> BookingRequest {
    BookingRequest {
        service: "OP-PODANI".into(),
        start: utc(at),
        resource: resource.map(Into::into),
        citizen: CitizenRef::Existing(citizen),
        channel: Channel::Counter,
        note: String::new(),
        portal_id: None,
    }
}

/// A fresh copy of the template store.
pub struct Fixture {
    dir: tempfile::TempDir,
    path: PathBuf,
}

pub fn fixture() -> Fixture {
    let t = template();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let conn = rusqlite::Connection::open(&t.fx.path).unwrap();
    conn.execute("VACUUM INTO ?1", [path.to_str().unwrap()]).unwrap();
    Fixture { dir, path }
}

impl Fixture {
    pub fn desk(&self) -> Desk {
        Desk::new(Store::open(&self.path, false).unwrap(), Arc::new(FixedClock(utc(NOW))), Config::default())
    }

    pub fn count(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open(&self.path).unwrap();
        conn.query_row(&format!("SELECT CAST(({sql}) AS INTEGER)"), [], |r| r.get(0)).unwrap()
    }
}

struct Nowhere;

impl ExportSink for Nowhere {
    fn record(&mut self, _: ExportRecord) -> std::io::Result<()> {
        Ok(())
    }
    fn finish(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl SlotSink for Nowhere {
    fn slot(&mut self, _: clerkdesk::desk::PortalSlot) -> std::io::Result<()> {
        Ok(())
    }
    fn finish(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs the desk operation of `t.op` as `actor`; only whether it went through matters.
pub fn operation(fx: &Fixture, desk: &mut Desk, actor: &Actor, t: &Trial) -> Result<(), DeskError> {
    let tp = template();
    match t.op {
        Operation::FindCitizens => {
            desk.search_citizens(actor, "Novák", 5)?;
            desk.find_callers(actor, "+420601111111")?;
            desk.find_bookings(actor, "Novák").map(drop)
        }
        Operation::CreateCitizen => desk.create_citizen(actor, &newcomer(), true).map(drop),
        Operation::FileCase => desk.file_case(actor, &id_card()).map(drop),
        Operation::SeeCases => {
            let scope = if t.own { CaseScope::Department } else { CaseScope::All };
            desk.list_cases(actor, &CaseQuery { scope: Some(scope), ..CaseQuery::default() }, None, 10).map(drop)
        }
        Operation::PrintReceipt => desk.receipt(actor, &tp.received, ReceiptFormat::Text).map(drop),
        Operation::AssignCase => {
            let to = if t.to_self { "osa" } else { "osa2" };
            desk.assign_case(actor, &tp.received, None, Some("OSA"), Some(to), "").map(drop)
        }
        Operation::HoldCase => {
            let boss = desk.act_as("vedouci")?;
            desk.assign_case(&boss, &tp.received, None, Some("OSA"), Some(t.who), "").map(drop)
        }
        Operation::BulkReassign => {
            desk.bulk_reassign(actor, std::slice::from_ref(&tp.received), Some("OSA"), None, "").map(drop)
        }
        Operation::StartCase => desk.start_case(actor, &tp.assigned, None).map(drop),
        Operation::SuspendCase => desk.suspend_case(actor, &tp.assigned, None, "čekáme").map(drop),
        Operation::ResumeCase => desk.resume_case(actor, &tp.suspended, None).map(drop),
        Operation::MarkComplex => desk.mark_complex(actor, &tp.assigned, None, "znalecký posudek").map(drop),
        Operation::ResolveCase => desk.resolve_case(actor, &tp.in_progress, None, "vydáno").map(drop),
        Operation::CloseCase => desk.close_case(actor, &tp.resolved, None).map(drop),
        Operation::WithdrawCase => desk.withdraw_case(actor, &tp.received, None, "občan vzal zpět").map(drop),
        Operation::ForwardCase => desk.forward_case(actor, &tp.received, None, "MV ČR", "není naše").map(drop),
        Operation::AddNote => desk.add_note(actor, &tp.received, None, "volal občan").map(drop),
        Operation::LinkCases => desk.link_cases(actor, &tp.received, None, &tp.assigned).map(drop),
        Operation::TakePayment => desk.pay_fee(actor, &tp.fee, 100, PaymentMethod::Cash, "P-1").map(drop),
        Operation::SeeWatchdog => desk.watchdog_summary(actor).map(drop),
        Operation::RunWatchdog => desk.watchdog_run(actor).map(drop),
        Operation::ExportCalendars => desk.export_ics(actor, DAY, DAY, None).map(drop),
        Operation::ExportSlots => {
            let req = SlotExport { days: 1, services: &[], format: "jsonl", target: None };
            desk.export_slots(actor, &req, &mut Nowhere).map(drop)
        }
        Operation::ExportPortal => desk.export_portal(actor, Since::All, &mut Nowhere).map(drop),
        op => bookings_and_admin(fx, desk, actor, t, op),
    }
}

fn bookings_and_admin(fx: &Fixture, desk: &mut Desk, actor: &Actor, t: &Trial, op: Operation) -> Result<(), DeskError> {
    let tp = template();
    let act = |desk: &mut Desk, code: &str, a: BookingAction| desk.booking_action(actor, code, a, None, "").map(drop);
    let next_free = |desk: &mut Desk| desk.free_slots("OP-PODANI", utc(NOW), 1, None).unwrap()[0].start;
    match op {
        Operation::Book => {
            let at = next_free(desk);
            desk.book(actor, &BookingRequest { start: at, ..request(tp.citizen, NOW, None) }).map(drop)
        }
        Operation::CheckIn => act(desk, &tp.booked, BookingAction::CheckIn),
        Operation::Serve => act(desk, &tp.checked_in, BookingAction::Serve),
        Operation::NoShow => act(desk, &tp.booked, BookingAction::NoShow),
        Operation::CancelBooking => act(desk, &tp.booked, BookingAction::Cancel),
        Operation::MoveBooking => {
            let at = next_free(desk);
            desk.reschedule(actor, &tp.booked, at, None, None, "občan prosil").map(drop)
        }
        Operation::WaitlistAdd => desk.waitlist_add(actor, "OP-PODANI", None, tp.citizen, "").map(drop),
        Operation::WaitlistRemove => desk.waitlist_remove(actor, tp.waiting, "objednán").map(drop),
        Operation::ImportPortal => import_portal(desk, actor),
        Operation::ImportCitizens => {
            let opts = CitizenImportOptions { source: "r.csv".into(), dry_run: false, skip_invalid: false, batch: 10 };
            let (mut progress, stop, mut rejected) = hooks();
            let mut hooks = ImportHooks { progress: &mut progress, stop: &stop, rejected: &mut rejected };
            desk.import_citizens(actor, &mut || Ok(Box::new(std::iter::empty())), &opts, &mut hooks).map(drop)
        }
        Operation::ImportOfficials => {
            let opts = OfficialImportOptions { source: "o.csv".into(), dry_run: false, deactivate_missing: false };
            desk.import_officials(actor, Vec::new(), &opts).map(drop)
        }
        Operation::ImportCatalogue => desk.init(actor).map(drop),
        Operation::ImportPlan => {
            let plan = desk.export_plan()?;
            desk.import_plan(actor, &plan, "plan.toml", false).map(drop)
        }
        Operation::AddUser => desk.add_user(actor, "novy", "Nový", Role::CounterClerk, "heslo1234", None),
        Operation::SetPassword => desk.set_password(actor, if t.to_self { t.who } else { "osa2" }, "noveheslo123"),
        Operation::DisableUser => desk.set_user_disabled(actor, "osa2", true, "odešla").map(drop),
        Operation::ListUsers => desk.list_users(actor).map(drop),
        Operation::BindLogin => desk.bind_login(actor, "osa2", "nobody", 65534),
        Operation::UnlockAccount => desk.unlock_user(actor, "osa2").map(drop),
        Operation::ActFor => desk.act_for(actor, "osa2").map(drop),
        Operation::Backup => desk.backup(actor, &fx.dir.path().join("backup.db")).map(drop),
        Operation::GenerateDemo => {
            desk.generate_demo(actor, &DemoParams { citizens: 2, cases: 2, seed: 1 }, None).map(drop)
        }
        Operation::Benchmark => clerkdesk::desk::bench::appointments::double_booking_report(desk, actor).map(drop),
        other => unreachable!("{other:?} is run by `operation`"),
    }
}

type Hooks = (fn(u64, bool), fn() -> bool, fn(&clerkdesk::domain::portal::Rejection));

fn hooks() -> Hooks {
    (|_, _| {}, || false, |_| {})
}

fn import_portal(desk: &mut Desk, actor: &Actor) -> Result<(), DeskError> {
    let opts = ImportOptions {
        source: "portal.jsonl".into(),
        file_sha256: "0".repeat(64),
        format: "jsonl".into(),
        dry_run: false,
        skip_invalid: false,
        batch: IMPORT_BATCH,
    };
    let (mut progress, stop, mut rejected) = hooks();
    let mut hooks = ImportHooks { progress: &mut progress, stop: &stop, rejected: &mut rejected };
    desk.import_portal(actor, &mut || Ok(Box::new(std::iter::empty())), &opts, &mut hooks).map(drop)
}

fn newcomer() -> NewCitizenInput {
    NewCitizenInput {
        given_name: "Petra".into(),
        family_name: "Malá".into(),
        birth_date: "3. 4. 1990".into(),
        birth_number: None,
        phone: None,
        email: String::new(),
        street: String::new(),
        city: String::new(),
        postcode: String::new(),
    }
}
