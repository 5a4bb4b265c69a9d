//! The appointment screen driven through actions on a temporary demo store, with a fixed clock on
//! Monday 23. 11. 2026 10:00 in Prague: booking by keys, a slot taken meanwhile, check-in opening
//! the linked filing, cancel with a reason, an official's day, the waiting list; snapshots at 80×24.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use support::tui::{frame_text, login, type_text};

use chrono::{TimeZone, Utc};
use clerkdesk::config::Config;
use clerkdesk::desk::{Actor, BookingRequest, CitizenRef, Desk, FreeSlot};
use clerkdesk::domain::case::Channel;
use clerkdesk::domain::clock::FixedClock;
use clerkdesk::domain::ids::CitizenId;
use clerkdesk::store::Store;
use clerkdesk::store::codec::utc_text;
use clerkdesk::tui::action::{Action, Appt};
use clerkdesk::tui::app::{App, MessageKind};
use clerkdesk::tui::screens::ScreenId;
use clerkdesk::tui::screens::appointments::Mode;
use clerkdesk::tui::screens::appointments::book::Step;
use clerkdesk::tui::screens::intake;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rusqlite::Connection;
use std::path::Path;
use std::sync::Arc;

/// Monday 23. 11. 2026, 10:00 in Prague (9:00 UTC).
fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()))
}

fn demo_store(dir: &Path) -> std::path::PathBuf {
    support::tui::demo_store(dir, clock().0, &Config::default(), 20)
}

fn app_on(path: &Path, color: bool) -> App {
    support::tui::app_at(path, clock().0, Config::default(), color)
}

/// Another workstation on the same store, logged in as `user`.
fn desk_as(path: &Path, user: &str) -> (Desk, Actor) {
    let mut desk = Desk::new(Store::open(path, false).unwrap(), clock(), Config::default());
    let actor = desk.login(user, "demo1234").unwrap();
    (desk, actor)
}

fn book_at(desk: &mut Desk, actor: &Actor, slot: &FreeSlot, service: &str, citizen: i64) -> String {
    let req = BookingRequest {
        service: service.to_owned(),
        start: slot.start,
        resource: Some(slot.resource.clone()),
        citizen: CitizenRef::Existing(CitizenId(citizen)),
        channel: Channel::Phone,
        note: String::new(),
        portal_id: None,
    };
    desk.book(actor, &req).unwrap().code
}

/// A citizen of the demo store: (id, family name, given name).
fn citizen(path: &Path, offset: u32) -> (i64, String, String) {
    Connection::open(path)
        .unwrap()
        .query_row("SELECT id, family_name, given_name FROM citizens ORDER BY id LIMIT 1 OFFSET ?1", [offset], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap()
}

/// The booking screen's calendar of one service, chosen from the list by keys.
fn open_service(app: &mut App, code: &str) {
    app.update(Action::GoTo(ScreenId::Appointments));
    app.update(Action::Appt(Appt::Book));
    assert_eq!(app.appointments.mode, Mode::Book);
    let i = app.appointments.services.iter().position(|s| s.code == code).unwrap();
    for _ in 0..i {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    assert_eq!(app.appointments.book.step, Step::Calendar);
    assert_eq!(app.appointments.book.service.as_ref().map(|s| s.code.as_str()), Some(code));
}

/// Picks the citizen of the demo store by their folded family name.
fn pick_citizen(app: &mut App, family: &str, given: &str) {
    assert_eq!(app.appointments.book.step, Step::Citizen);
    type_text(app, &clerkdesk::domain::text::fold(family));
    let i = app
        .appointments
        .book
        .citizens
        .iter()
        .position(|c| c.family_name == family && c.given_name == given)
        .unwrap_or_else(|| panic!("{family} {given} not found: {:?}", app.appointments.book.citizens));
    for _ in 0..i {
        app.update(Action::Down);
    }
    app.update(Action::Open);
}

fn message(app: &App) -> (MessageKind, String) {
    let m = app.message.clone().expect("a message");
    (m.kind, m.text)
}

#[test]
fn a_booking_by_keys_from_the_service_to_the_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let (id, family, given) = citizen(&path, 3);
    let mut app = app_on(&path, true);
    login(&mut app, "prepazka");
    app.update(Action::GoTo(ScreenId::Appointments));
    assert_eq!(app.appointments.mode, Mode::Book, "a counter clerk starts with booking");
    open_service(&mut app, "OP-PODANI");
    // The day of the next free time is selected: today (the minimum notice is an hour).
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert_eq!(app.appointments.book.day, today);
    insta::assert_snapshot!("appt_calendar_80x24", frame_text(&app, 80, 24));
    // → moves a day: Tuesday's free times.
    app.update(Action::Right);
    assert_eq!(app.appointments.book.day, today.succ_opt().unwrap());
    let slots = app.appointments.book.slots.clone();
    assert!(!slots.is_empty());
    assert!(slots.iter().all(|s| clerkdesk::domain::appointments::local_date(s.start) == app.appointments.book.day));
    // Enter: into the times; ↓ the second one; Enter books it.
    app.update(Action::Open);
    assert_eq!(app.appointments.book.step, Step::Slots);
    app.update(Action::Down);
    insta::assert_snapshot!("appt_slots_80x24", frame_text(&app, 80, 24));
    app.update(Action::Open);
    pick_citizen(&mut app, &family, &given);
    assert_eq!(app.appointments.book.step, Step::Confirm);
    type_text(&mut app, "přinese starý OP");
    app.update(Action::Open);
    assert_eq!(app.appointments.book.step, Step::Done, "{:?}", app.message);
    let booked = app.appointments.book.booked.clone().unwrap();
    let screen = frame_text(&app, 80, 24);
    assert!(screen.contains(&booked.code), "the code is shown: {screen}");
    assert_eq!(message(&app).0, MessageKind::Success);
    // The booking is in the store: the chosen time, counter and citizen, with its note.
    let (start, resource, who, note, status): (String, String, i64, String, String) = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT a.start_at, r.code, a.citizen_id, a.note, a.status FROM appointments a
             JOIN appt_resources r ON r.id = a.resource_id WHERE a.code = ?1",
            [&booked.code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(start, slots[1].start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    assert_eq!(
        (resource.as_str(), who, note.as_str(), status.as_str()),
        (slots[1].resource.as_str(), id, "přinese starý OP", "booked")
    );
    // Enter: the next booking starts from the service list.
    app.update(Action::Open);
    assert_eq!(app.appointments.book.step, Step::Services);
}

#[test]
fn a_new_citizen_is_created_with_the_booking_and_the_e_office_link_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let citizens = |p: &Path| -> i64 {
        Connection::open(p).unwrap().query_row("SELECT count(*) FROM citizens", [], |r| r.get(0)).unwrap()
    };
    let before = citizens(&path);
    let mut app = app_on(&path, true);
    login(&mut app, "linka");
    open_service(&mut app, "EUH-SU");
    app.update(Action::Open);
    app.update(Action::Open);
    // F2 here means a new citizen, not a new filing.
    app.update(Action::New);
    assert_eq!(app.screen, ScreenId::Appointments);
    assert_eq!(app.appointments.book.step, Step::NewCitizen);
    type_text(&mut app, "Jiří");
    app.update(Action::NextField);
    type_text(&mut app, "Zkušební");
    app.update(Action::NextField);
    type_text(&mut app, "1. 2. 1970");
    app.update(Action::NextField);
    app.update(Action::NextField);
    type_text(&mut app, "603 555 111");
    app.update(Action::Save);
    assert_eq!(app.appointments.book.step, Step::Confirm, "{:?}", app.message);
    assert_eq!(app.appointments.book.confirm.value("channel"), "phone", "the hotline books by phone");
    app.update(Action::Save);
    assert_eq!(app.appointments.book.step, Step::Done, "{:?}", app.message);
    let booked = app.appointments.book.booked.clone().unwrap();
    assert!(booked.meeting_url.contains(&booked.code), "{booked:?}");
    assert!(frame_text(&app, 80, 24).contains(&booked.meeting_url));
    assert_eq!(citizens(&path), before + 1);
    assert_eq!(booked.citizen_phone, "+420603555111");
}

#[test]
fn a_slot_taken_meanwhile_offers_the_next_free_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let (_, family, given) = citizen(&path, 5);
    let (other, ..) = citizen(&path, 6);
    let mut app = app_on(&path, true);
    login(&mut app, "prepazka");
    open_service(&mut app, "OP-PREVZETI");
    app.update(Action::Open);
    let slot = app.appointments.book.slots[0].clone();
    // Meanwhile a colleague books every seat of that time at that counter (capacity 2 at P3).
    let (mut desk, actor) = desk_as(&path, "linka");
    while desk
        .slots_on("OP-PREVZETI", clerkdesk::domain::appointments::local_date(slot.start), Some(&slot.resource))
        .unwrap()
        .iter()
        .any(|s| s.start == slot.start)
    {
        book_at(&mut desk, &actor, &slot, "OP-PREVZETI", other);
    }
    app.update(Action::Open);
    pick_citizen(&mut app, &family, &given);
    app.update(Action::Open);
    let (kind, msg) = message(&app);
    assert_eq!(kind, MessageKind::Error);
    assert!(msg.contains("mezitím obsadil"), "{msg}");
    assert_eq!(app.appointments.book.step, Step::Slots);
    assert!(app.appointments.book.alternatives);
    assert!(!app.appointments.book.slots.is_empty());
    assert!(!app.appointments.book.slots.iter().any(|s| s.start == slot.start && s.resource == slot.resource));
    insta::assert_snapshot!("appt_taken_80x24", frame_text(&app, 80, 24));
    // The citizen is kept: Enter on an alternative goes to the confirmation at once.
    app.update(Action::Open);
    assert_eq!(app.appointments.book.step, Step::Confirm);
    app.update(Action::Open);
    assert_eq!(app.appointments.book.step, Step::Done, "{:?}", app.message);
}

fn ymd(d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// The day view of one counter, with the booking `code` highlighted.
fn day_of(app: &mut App, resource: &str, day: u32, code: &str) {
    app.update(Action::GoTo(ScreenId::Appointments));
    app.update(Action::Appt(Appt::Day));
    for _ in 0..20 {
        if app.appointments.day.resource.as_deref() == Some(resource) {
            break;
        }
        app.update(Action::NextField);
    }
    assert_eq!(app.appointments.day.resource.as_deref(), Some(resource));
    while app.appointments.day.date.unwrap() < ymd(day) {
        app.update(Action::Right);
    }
    let i = app.appointments.day.entries.iter().position(|e| e.booking.code == code).unwrap();
    for _ in 0..i {
        app.update(Action::Down);
    }
}

#[test]
fn a_check_in_opens_the_filing_linked_to_the_booking() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let (cid, ..) = citizen(&path, 8);
    let (mut desk, actor) = desk_as(&path, "prepazka");
    let slot = desk.slots_on("OP-PODANI", ymd(23), Some("P1")).unwrap()[0].clone();
    let code = book_at(&mut desk, &actor, &slot, "OP-PODANI", cid);
    let mut app = app_on(&path, true);
    login(&mut app, "prepazka");
    day_of(&mut app, "P1", 23, &code);
    app.update(Action::Appt(Appt::CheckIn));
    // The intake, with the citizen filled in and only the ID card's situations offered.
    assert_eq!(app.screen, ScreenId::Intake, "{:?}", app.message);
    assert_eq!(app.intake.step, intake::Step::Situation);
    assert_eq!(app.intake.citizen.as_ref().map(|c| c.id.0), Some(cid));
    let mut offered: Vec<&str> = app.intake.situations.iter().map(|s| s.code.as_str()).collect();
    offered.sort_unstable();
    assert_eq!(offered, ["OP-VYDANI", "OP-ZTRATA"]);
    assert!(message(&app).1.contains(&code), "{:?}", app.message);
    app.update(Action::Open);
    assert_eq!(app.intake.step, intake::Step::Details);
    for _ in 0..10 {
        app.update(Action::Save);
        if app.intake.step == intake::Step::Done {
            break;
        }
        type_text(&mut app, "x");
    }
    assert_eq!(app.intake.step, intake::Step::Done, "{:?}", app.message);
    let filed = app.intake.filed.clone().unwrap();
    // The case is linked to the booking, and the booking's history says so.
    let (b, history) = desk.booking(&code).unwrap();
    assert!(b.case_id.is_some());
    assert_eq!(b.reference_number.as_deref(), Some(filed.reference_number.as_str()));
    assert_eq!(b.status.as_str(), "checked_in");
    assert_eq!(history.last().map(|h| h.action.as_str()), Some("filing"));
    // Esc goes back to the day's bookings, which shows the visit checked in.
    app.update(Action::Back);
    assert_eq!(app.screen, ScreenId::Appointments);
    let entry = app.appointments.day.entries.iter().find(|e| e.booking.code == code).unwrap();
    assert_eq!(entry.booking.status.as_str(), "checked_in");
}

#[test]
fn a_cancel_asks_a_reason_and_offers_the_freed_time_to_the_waiting_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let (cid, ..) = citizen(&path, 9);
    let (waiting, family, given) = citizen(&path, 10);
    let (mut desk, actor) = desk_as(&path, "prepazka");
    let slot = desk.slots_on("OP-PODANI", ymd(25), Some("P1")).unwrap()[0].clone();
    let code = book_at(&mut desk, &actor, &slot, "OP-PODANI", cid);
    desk.waitlist_add(&actor, "OP-PODANI", Some(ymd(25)), CitizenId(waiting), "volat dopoledne").unwrap();
    let mut app = app_on(&path, true);
    login(&mut app, "prepazka");
    day_of(&mut app, "P1", 25, &code);
    app.update(Action::Appt(Appt::Cancel));
    assert!(app.appointments.day.dialog.is_some());
    assert!(app.typing(), "the reason is typed");
    // No reason, no cancel.
    app.update(Action::Open);
    assert!(app.appointments.day.dialog.is_some());
    type_text(&mut app, "občan volal, nemůže přijít");
    insta::assert_snapshot!("appt_cancel_80x24", frame_text(&app, 80, 24));
    app.update(Action::Open);
    assert!(app.appointments.day.dialog.is_none());
    let (kind, msg) = message(&app);
    assert_eq!(kind, MessageKind::Success);
    assert!(msg.contains(&format!("{given} {family}")), "the clerk is told who to call: {msg}");
    let (b, history) = desk.booking(&code).unwrap();
    assert_eq!(b.status.as_str(), "cancelled");
    assert_eq!(history.last().map(|h| h.reason.as_str()), Some("občan volal, nemůže přijít"));
    // The waiting list shows the offer; Enter books it for that citizen in one step.
    app.update(Action::Appt(Appt::Waitlist));
    assert_eq!(app.appointments.mode, Mode::Waitlist);
    insta::assert_snapshot!("appt_waitlist_80x24", frame_text(&app, 80, 24));
    let i = app.appointments.waitlist.rows.iter().position(|r| r.citizen_id == waiting).unwrap();
    for _ in 0..i {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    assert_eq!((app.appointments.mode, app.appointments.book.step), (Mode::Book, Step::Done), "{:?}", app.message);
    let booked = app.appointments.book.booked.clone().unwrap();
    assert_eq!((booked.citizen_id, booked.start_at), (waiting, b.start_at));
    assert!(desk.waitlist(None).unwrap().iter().all(|w| w.citizen_id != waiting), "no longer waiting");
}

#[test]
#[allow(clippy::too_many_lines, reason = "an official's day in one story, key by key")]
fn an_officials_day_on_their_own_counter() {
    use ratatui::style::Color;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let mut app = app_on(&path, true);
    login(&mut app, "referent");
    app.update(Action::GoTo(ScreenId::Appointments));
    assert_eq!(app.appointments.mode, Mode::Day, "an official starts with their day");
    assert_eq!(app.appointments.day.resource.as_deref(), Some("M1"));
    let entries = app.appointments.day.entries.clone();
    assert!(entries.len() > 3 && entries.iter().all(|e| e.booking.resource == "M1"), "{entries:?}");
    let screen = frame_text(&app, 80, 24);
    insta::assert_snapshot!("appt_day_referent_80x24", screen);
    // Attendance is a colour and a symbol with a word (the highlight, on the last row now, would
    // cover a row's colours).
    app.update(Action::End);
    let mut t = Terminal::new(TestBackend::new(80, 40)).unwrap();
    t.draw(|f| clerkdesk::tui::view::draw(&app, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let shown = frame_text(&app, 80, 40);
    for (symbol, colour) in [("✔", Color::Green), ("✖", Color::Red), ("●", Color::Cyan)] {
        let y = shown.lines().position(|l| l.contains(&format!("{symbol} "))).unwrap_or_else(|| panic!("{symbol}"));
        let x = shown.lines().nth(y).unwrap().chars().position(|c| c.to_string() == symbol).unwrap();
        let cell = &buf[(u16::try_from(x).unwrap(), u16::try_from(y).unwrap())];
        assert_eq!(cell.fg, colour, "{symbol} on row {y}");
    }
    // In monochrome the same words and symbols, and no colour at all.
    let mut mono = app_on(&path, false);
    login(&mut mono, "referent");
    mono.update(Action::GoTo(ScreenId::Appointments));
    assert_eq!(frame_text(&mono, 80, 24), screen);
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| clerkdesk::tui::view::draw(&mono, f)).unwrap();
    assert!(t.backend().buffer().content.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
    // The one checked in is served.
    app.update(Action::Home);
    let i = entries.iter().position(|e| e.booking.status.as_str() == "checked_in").unwrap();
    for _ in 0..i {
        app.update(Action::Down);
    }
    let code = entries[i].booking.code.clone();
    app.update(Action::Appt(Appt::Serve));
    assert_eq!(message(&app).0, MessageKind::Success, "{:?}", app.message);
    let now = app.appointments.day.entries.iter().find(|e| e.booking.code == code).unwrap();
    assert_eq!(now.booking.status.as_str(), "served");
    // Enter: the detail with the history; Esc back.
    app.update(Action::Open);
    let detail = app.appointments.day.detail.clone().unwrap();
    assert_eq!(detail.booking.code, code);
    assert_eq!(detail.history.iter().map(|h| h.action.as_str()).collect::<Vec<_>>(), ["book", "serve"]);
    insta::assert_snapshot!("appt_detail_80x24", frame_text(&app, 80, 24));
    app.update(Action::Back);
    assert!(app.appointments.day.detail.is_none());
    // A visit that is still ahead cannot be a no-show yet: refused with the reason.
    let j = app
        .appointments
        .day
        .entries
        .iter()
        .position(|e| {
            e.booking.status.as_str() == "booked" && e.attendance == clerkdesk::domain::appointments::Attendance::Due
        })
        .unwrap();
    app.update(Action::Home);
    for _ in 0..j {
        app.update(Action::Down);
    }
    app.update(Action::Appt(Appt::NoShow));
    let (kind, msg) = message(&app);
    assert_eq!(kind, MessageKind::Error);
    assert!(msg.contains("ještě nezačala"), "{msg}");
}

#[test]
fn a_reschedule_picks_the_new_time_in_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let (cid, ..) = citizen(&path, 11);
    let (mut desk, actor) = desk_as(&path, "prepazka");
    let slot = desk.slots_on("OP-PODANI", ymd(24), Some("P1")).unwrap()[0].clone();
    let code = book_at(&mut desk, &actor, &slot, "OP-PODANI", cid);
    let mut app = app_on(&path, true);
    login(&mut app, "prepazka");
    day_of(&mut app, "P1", 24, &code);
    app.update(Action::Appt(Appt::Reschedule));
    assert_eq!((app.appointments.mode, app.appointments.book.step), (Mode::Book, Step::Calendar));
    while app.appointments.book.day < ymd(26) {
        app.update(Action::Right);
    }
    app.update(Action::Open);
    let new = app.appointments.book.slots[0].clone();
    app.update(Action::Open);
    assert_eq!(app.appointments.book.step, Step::Confirm, "the citizen is known: straight to the confirmation");
    type_text(&mut app, "dovolená");
    app.update(Action::Open);
    assert_eq!(app.appointments.mode, Mode::Day, "{:?}", app.message);
    assert_eq!(message(&app).0, MessageKind::Success);
    let (b, history) = desk.booking(&code).unwrap();
    assert_eq!(utc_text(b.start_at), new.start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    assert_eq!(history.last().map(|h| (h.action.as_str(), h.reason.as_str())), Some(("reschedule", "dovolená")));
}

#[test]
fn a_full_day_takes_the_citizen_onto_its_waiting_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let (other, ..) = citizen(&path, 12);
    let (cid, family, given) = citizen(&path, 13);
    let (mut desk, actor) = desk_as(&path, "linka");
    for slot in desk.slots_on("EUH-OSV", ymd(25), None).unwrap() {
        book_at(&mut desk, &actor, &slot, "EUH-OSV", other);
    }
    let mut app = app_on(&path, true);
    login(&mut app, "linka");
    open_service(&mut app, "EUH-OSV");
    // A free day refuses the waiting list.
    app.update(Action::Appt(Appt::WaitlistAdd));
    assert_eq!(message(&app).0, MessageKind::Error);
    while app.appointments.book.day > ymd(25) {
        app.update(Action::Left);
    }
    while app.appointments.book.day < ymd(25) {
        app.update(Action::Right);
    }
    assert!(frame_text(&app, 80, 24).contains("25✖"), "{}", frame_text(&app, 80, 24));
    assert!(frame_text(&app, 80, 24).contains("plně obsazen"));
    app.update(Action::Appt(Appt::WaitlistAdd));
    pick_citizen(&mut app, &family, &given);
    assert_eq!(app.appointments.book.step, Step::Confirm);
    type_text(&mut app, "kdykoli odpoledne");
    app.update(Action::Open);
    assert_eq!(message(&app).0, MessageKind::Success, "{:?}", app.message);
    assert_eq!(app.appointments.book.step, Step::Calendar);
    let list = desk.waitlist(Some("EUH-OSV")).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].citizen_id, list[0].day.as_deref(), list[0].note.as_str()),
        (cid, Some("2026-11-25"), "kdykoli odpoledne")
    );
}

#[test]
fn find_by_code_phone_or_name_opens_the_booking() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let (mut desk, actor) = desk_as(&path, "prepazka");
    let (cid, family, _) = citizen(&path, 14);
    let slot = desk.slots_on("OP-PODANI", ymd(26), Some("P2")).unwrap()[0].clone();
    let code = book_at(&mut desk, &actor, &slot, "OP-PODANI", cid);
    let mut app = app_on(&path, true);
    login(&mut app, "prepazka");
    app.update(Action::GoTo(ScreenId::Appointments));
    app.update(Action::Search);
    assert_eq!(app.appointments.mode, Mode::Find);
    assert!(app.typing());
    type_text(&mut app, &code.to_lowercase());
    assert_eq!(app.appointments.day.found.iter().map(|b| b.code.as_str()).collect::<Vec<_>>(), [code.as_str()]);
    insta::assert_snapshot!("appt_find_80x24", frame_text(&app, 80, 24));
    // Enter leaves the field, Enter again opens the booking.
    app.update(Action::Open);
    app.update(Action::Open);
    assert_eq!(app.appointments.day.detail.as_ref().map(|d| d.booking.code.clone()), Some(code.clone()));
    app.update(Action::Back);
    // By the citizen's name, without diacritics.
    app.update(Action::Search);
    for _ in 0..code.len() {
        app.update(Action::Backspace);
    }
    type_text(&mut app, &clerkdesk::domain::text::fold(&family));
    assert!(app.appointments.day.found.iter().any(|b| b.code == code));
    // Esc twice: out of the field, out of the find, back where the clerk was.
    app.update(Action::Back);
    app.update(Action::Back);
    assert_eq!(app.appointments.mode, Mode::Book);
}

#[test]
fn keys_of_the_calendar_move_days_weeks_and_months_and_letters_type_into_fields() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let mut app = app_on(&path, true);
    login(&mut app, "prepazka");
    open_service(&mut app, "OP-PODANI");
    let key = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
    assert_eq!(app.resolve(&key(KeyCode::Left)), Some(Action::Left));
    assert_eq!(app.resolve(&key(KeyCode::PageDown)), Some(Action::PageDown));
    assert_eq!(app.resolve(&key(KeyCode::Char('w'))), Some(Action::Appt(Appt::WaitlistAdd)));
    let day = app.appointments.book.day;
    app.update(Action::Down);
    assert_eq!(app.appointments.book.day, day + chrono::Days::new(7));
    app.update(Action::PageDown);
    assert_eq!(app.appointments.book.day, ymd(30) + chrono::Days::new(30), "a month on: 30. 12.");
    assert!(frame_text(&app, 80, 24).contains("Prosinec 2026"));
    // Help names the calendar's own meaning of the keys, not the list's.
    app.update(Action::Help);
    let help = frame_text(&app, 120, 40);
    assert!(help.contains("Další měsíc") && help.contains("O týden dál"), "{help}");
    assert!(!help.contains("O stránku dolů"), "PgDn is the month here: {help}");
    app.update(Action::Back);
    app.update(Action::PageUp);
    app.update(Action::Open);
    app.update(Action::Open);
    // In the citizen search, `w` is a letter.
    assert_eq!(app.resolve(&key(KeyCode::Char('w'))), Some(Action::Char('w')));
    // F9: the calendar in English.
    app.update(Action::Back);
    app.update(Action::Back);
    app.update(Action::CycleLanguage);
    let en = frame_text(&app, 80, 24);
    assert!(en.contains("November 2026") && en.contains("Mo    Tu"), "{en}");
}

#[test]
fn the_next_clerk_sees_nothing_of_the_last_ones_booking() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let mut app = app_on(&path, true);
    login(&mut app, "prepazka");
    open_service(&mut app, "OP-PODANI");
    app.update(Action::Open);
    app.update(Action::Open);
    type_text(&mut app, "nov");
    app.update(Action::Logout);
    login(&mut app, "referent");
    app.update(Action::GoTo(ScreenId::Appointments));
    assert_eq!(app.appointments.mode, Mode::Day, "the mode of the new clerk's role");
    assert!(app.appointments.book.service.is_none() && app.appointments.book.query.value().is_empty());
}

#[test]
fn no_state_of_the_screen_panics_at_any_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_store(dir.path());
    let sizes = [
        (1, 1),
        (2, 1),
        (1, 2),
        (5, 3),
        (10, 5),
        (20, 8),
        (40, 12),
        (60, 20),
        (79, 23),
        (80, 24),
        (120, 40),
        (300, 1),
        (1, 100),
    ];
    for color in [true, false] {
        let mut app = app_on(&path, color);
        login(&mut app, "vedouci");
        let mut states: Vec<Vec<Action>> = vec![vec![Action::GoTo(ScreenId::Appointments)]];
        states.push(vec![Action::Open]);
        states.push(vec![Action::Open]);
        states.push(vec![Action::Open, Action::Char('n'), Action::Char('o')]);
        states.push(vec![Action::New, Action::Char('Ш'), Action::Save]);
        states.push(vec![Action::Back, Action::Open]);
        states.push(vec![Action::Open]);
        states.push(vec![Action::Appt(Appt::Day), Action::Open]);
        states.push(vec![Action::Back, Action::Appt(Appt::Cancel)]);
        states.push(vec![Action::Back, Action::NextField, Action::Search, Action::Char('n'), Action::Char('o')]);
        states.push(vec![Action::Back, Action::Back, Action::Appt(Appt::Waitlist)]);
        for actions in states {
            for a in actions {
                app.update(a);
            }
            for &(w, h) in &sizes {
                frame_text(&app, w, h);
            }
            app.help = true;
            frame_text(&app, 80, 24);
            app.help = false;
        }
    }
}
