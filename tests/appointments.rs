//! Booking at the desk level: the default plan of `init`, slots, the store's guarantee against
//! double booking, the booking's life, the waiting list, reminders and the plan file.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use chrono::{DateTime, Utc};
use clerkdesk::desk::{ActionOutcome, BookingRequest, CitizenRef, DayMark, Desk, DeskError};
use clerkdesk::domain::appointments::{Attendance, BookingAction};
use clerkdesk::domain::case::Channel;
use clerkdesk::domain::ids::CitizenId;
use clerkdesk::store::codec::utc_text;
use support::desk::{Fx, actor, citizen, id_card, ymd};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Monday 23 November 2026, 10:00 in Prague.
const MONDAY_10: &str = "2026-11-23T09:00:00Z";

fn request(service: &str, at: &str, resource: Option<&str>, who: CitizenId) -> BookingRequest {
    BookingRequest {
        service: service.into(),
        start: utc(at),
        resource: resource.map(Into::into),
        citizen: CitizenRef::Existing(who),
        channel: Channel::Counter,
        note: String::new(),
        portal_id: None,
    }
}

fn setup() -> (Fx, Desk, CitizenId, CitizenId) {
    let fx = Fx::new();
    let mut desk = fx.desk_at(utc(MONDAY_10));
    let a = citizen(&mut desk, "Jan", "Novák", "+420601111111");
    let b = citizen(&mut desk, "Eva", "Dvořáková", "+420602222222");
    (fx, desk, a, b)
}

#[test]
fn next_free_slots_respect_notice_breaks_and_buffers() {
    let (_fx, mut desk, _, _) = setup();
    // OP-PODANI: 15 min + 5 buffer, 60 min notice; P1 breaks 11:30–12:00, P2 12:00–12:30.
    let slots = desk.free_slots("OP-PODANI", utc(MONDAY_10), 6, Some("P1")).unwrap();
    let starts: Vec<String> = slots.iter().map(|s| clerkdesk::desk::office_iso(s.start)).collect();
    assert_eq!(
        starts,
        [
            "2026-11-23T11:00:00+01:00",
            "2026-11-23T12:00:00+01:00",
            "2026-11-23T12:20:00+01:00",
            "2026-11-23T12:40:00+01:00",
            "2026-11-23T13:00:00+01:00",
            "2026-11-23T13:20:00+01:00"
        ]
    );
    // Both counters: earliest first.
    let any = desk.free_slots("OP-PODANI", utc(MONDAY_10), 4, None).unwrap();
    let both: Vec<(String, String)> =
        any.iter().map(|s| (clerkdesk::desk::office_iso(s.start), s.resource.clone())).collect();
    assert_eq!(both[0], ("2026-11-23T11:00:00+01:00".into(), "P1".into()));
    assert_eq!(both[1], ("2026-11-23T11:00:00+01:00".into(), "P2".into()));
}

#[test]
fn a_taken_slot_is_refused_with_the_next_free_ones() {
    let (fx, mut desk, a, b) = setup();
    let clerk = actor(&mut desk, "prepazka");
    let first = desk.book(&clerk, &request("OP-PODANI", "2026-11-23T10:00:00Z", Some("P1"), a)).unwrap();
    assert_eq!(first.code.len(), 6);
    assert_eq!(first.status.as_str(), "booked");
    assert_eq!(utc_text(first.end_at), "2026-11-23T10:15:00Z");
    let err = desk.book(&clerk, &request("OP-PODANI", "2026-11-23T10:00:00Z", Some("P1"), b)).unwrap_err();
    let DeskError::SlotTaken { next, .. } = &err else { panic!("{err}") };
    assert!(err.to_string().starts_with("slot taken: 23. 11. 2026 11:00"), "{err}");
    assert!(!next.is_empty() && next.iter().all(|s| s.start >= utc("2026-11-23T10:00:00Z")));
    assert!(!next.iter().any(|s| s.start == utc("2026-11-23T10:00:00Z") && s.resource == "P1"));
    // Without a counter named, the same instant goes to the other counter that serves it.
    let second = desk.book(&clerk, &request("OP-PODANI", "2026-11-23T10:00:00Z", None, b)).unwrap();
    assert_eq!(second.resource, "P2");
    assert_eq!(fx.count("SELECT count(*) FROM appointments"), 2);
    // The buffer: 11:15–11:20 belongs to the first booking, so a 5-minute pick-up at 11:15 on
    // P1 is refused too.
    let pickup = desk.book(&clerk, &request("OP-PREVZETI", "2026-11-23T10:15:00Z", Some("P1"), b)).unwrap_err();
    assert!(matches!(pickup, DeskError::SlotTaken { .. }), "{pickup}");
}

#[test]
fn capacity_lets_two_pick_ups_share_a_slot_and_no_third() {
    let (fx, mut desk, a, b) = setup();
    let c = citizen(&mut desk, "Petr", "Černý", "+420603333333");
    let clerk = actor(&mut desk, "prepazka");
    let at = "2026-11-23T13:00:00Z";
    desk.book(&clerk, &request("OP-PREVZETI", at, Some("P3"), a)).unwrap();
    desk.book(&clerk, &request("PAS-PREVZETI", at, Some("P3"), b)).unwrap();
    let third = desk.book(&clerk, &request("OP-PREVZETI", at, Some("P3"), c)).unwrap_err();
    assert!(matches!(third, DeskError::SlotTaken { .. }), "{third}");
    assert_eq!(fx.count("SELECT count(DISTINCT seat) FROM appt_cells"), 2);
}

#[test]
fn the_store_itself_refuses_overlapping_cells_and_seats_beyond_capacity() {
    let (fx, mut desk, a, _) = setup();
    let clerk = actor(&mut desk, "prepazka");
    let b = desk.book(&clerk, &request("OP-PODANI", "2026-11-23T10:00:00Z", Some("P1"), a)).unwrap();
    let conn = fx.conn();
    let (resource, cell): (i64, i64) = conn
        .query_row("SELECT resource_id, min(cell) FROM appt_cells WHERE appointment_id = ?1", [b.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    // Code that forgot to check: the primary key still says no.
    let dup = conn.execute(
        "INSERT INTO appt_cells (resource_id, cell, seat, appointment_id) VALUES (?1, ?2, 0, ?3)",
        [resource, cell + 1, b.id],
    );
    assert!(dup.unwrap_err().to_string().contains("UNIQUE constraint failed"));
    let beyond = conn.execute(
        "INSERT INTO appt_cells (resource_id, cell, seat, appointment_id) VALUES (?1, ?2, 1, ?3)",
        [resource, cell, b.id],
    );
    assert!(beyond.unwrap_err().to_string().contains("beyond the resource capacity"));
}

#[test]
fn times_outside_the_window_or_the_grid_are_refused() {
    let (fx, mut desk, a, _) = setup();
    let clerk = actor(&mut desk, "prepazka");
    let cases = [
        // 10:20 Prague is 20 minutes ahead; OP-PODANI needs 60.
        ("OP-PODANI", "2026-11-23T09:20:00Z", "too soon"),
        // 63 days ahead; the window is 60.
        ("OP-PODANI", "2027-01-25T08:00:00Z", "too far ahead: OP-PODANI is booked at most 60 days ahead"),
        ("OP-PODANI", "2026-11-23T10:07:00Z", "not a slot"),
        // Tuesday 17 November is a holiday — and in the past; Christmas Eve is a holiday.
        ("OP-PODANI", "2026-12-24T08:00:00Z", "not a slot"),
        // The office closure of the default plan.
        ("OP-PODANI", "2026-12-31T08:00:00Z", "not a slot"),
        ("NOPE", "2026-11-24T08:00:00Z", "cannot be booked"),
    ];
    for (service, at, expect) in cases {
        let err = desk.book(&clerk, &request(service, at, None, a)).unwrap_err();
        assert!(err.to_string().contains(expect), "{service} {at}: {err}");
    }
    assert_eq!(fx.count("SELECT count(*) FROM appointments"), 0, "nothing half-written");
    assert_eq!(fx.count("SELECT count(*) FROM appt_cells"), 0);
}

#[test]
fn a_booking_for_a_new_citizen_is_one_transaction() {
    let (fx, mut desk, _, _) = setup();
    let clerk = actor(&mut desk, "prepazka");
    let before = fx.count("SELECT count(*) FROM citizens");
    let new = clerkdesk::desk::NewCitizenInput {
        given_name: "Marta".into(),
        family_name: "Veselá".into(),
        birth_date: "3. 4. 1990".into(),
        birth_number: None,
        phone: None,
        email: String::new(),
        street: String::new(),
        city: String::new(),
        postcode: String::new(),
    };
    let mut req = request("OP-PODANI", "2026-11-23T10:07:00Z", Some("P1"), CitizenId(0));
    req.citizen = CitizenRef::New(new.clone());
    assert!(desk.book(&clerk, &req).is_err());
    assert_eq!(fx.count("SELECT count(*) FROM citizens"), before, "a refused booking leaves no citizen");
    req.start = utc("2026-11-23T10:00:00Z");
    let b = desk.book(&clerk, &req).unwrap();
    assert_eq!(b.citizen_name, "Marta Veselá");
    assert_eq!(fx.count("SELECT count(*) FROM citizens"), before + 1);
}

#[test]
fn a_booking_lives_through_check_in_and_serving_with_history() {
    let (fx, mut desk, a, _) = setup();
    let clerk = actor(&mut desk, "prepazka");
    let b = desk.book(&clerk, &request("OP-PODANI", "2026-11-23T10:00:00Z", Some("P1"), a)).unwrap();
    let early = desk.booking_action(&clerk, &b.code, BookingAction::NoShow, None, "").unwrap_err();
    assert!(early.to_string().contains("not late yet"), "{early}");
    let serve = desk.booking_action(&clerk, &b.code, BookingAction::Serve, None, "").unwrap_err();
    assert!(serve.to_string().contains("cannot serve"), "{serve}");
    let ActionOutcome { booking, .. } =
        desk.booking_action(&clerk, &b.code.to_lowercase(), BookingAction::CheckIn, Some(b.version), "").unwrap();
    assert_eq!(booking.status.as_str(), "checked_in");
    assert!(booking.checked_in_at.is_some());
    // A stale version is a conflict, not an overwrite.
    let stale = desk.booking_action(&clerk, &b.code, BookingAction::Serve, Some(b.version), "").unwrap_err();
    assert!(matches!(stale, DeskError::Conflict(_)), "{stale}");
    // Check-in opened the filing: linked to the booking.
    let filed = desk.file_case_for_booking(&clerk, &b.code, &id_card()).unwrap();
    let (now, history) = desk.booking(&b.code).unwrap();
    assert_eq!(now.reference_number.as_deref(), Some(filed.reference_number.as_str()));
    desk.booking_action(&clerk, &b.code, BookingAction::Serve, Some(now.version), "").unwrap();
    let (done, history2) = desk.booking(&b.code).unwrap();
    assert_eq!(done.status.as_str(), "served");
    let actions: Vec<&str> = history2.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["book", "checkin", "filing", "serve"]);
    assert_eq!(history.len(), 3);
    assert!(fx.count("SELECT count(*) FROM audit_log WHERE action LIKE 'appointment_%'") >= 4);
}

#[test]
fn check_in_is_for_today_and_no_show_after_the_start() {
    let (fx, mut desk, a, b) = setup();
    let clerk = actor(&mut desk, "prepazka");
    let tomorrow = desk.book(&clerk, &request("OP-PODANI", "2026-11-24T08:00:00Z", Some("P1"), a)).unwrap();
    let err = desk.booking_action(&clerk, &tomorrow.code, BookingAction::CheckIn, None, "").unwrap_err();
    assert!(err.to_string().contains("is on 24. 11. 2026, not today"), "{err}");
    let today = desk.book(&clerk, &request("OP-PODANI", "2026-11-23T10:00:00Z", Some("P1"), b)).unwrap();
    let mut later = fx.desk_at(utc("2026-11-23T10:30:00Z"));
    let clerk = actor(&mut later, "prepazka");
    let day = later.day_list(ymd(2026, 11, 23), Some("P1")).unwrap();
    assert_eq!(day.len(), 1);
    assert_eq!(day[0].attendance, Attendance::Late);
    later.booking_action(&clerk, &today.code, BookingAction::NoShow, None, "").unwrap();
    // The citizen came after all: a late check-in takes the no-show back.
    let again = later.booking_action(&clerk, &today.code, BookingAction::CheckIn, None, "přišel pozdě").unwrap();
    assert_eq!(again.booking.status.as_str(), "checked_in");
}

#[test]
fn cancel_frees_the_slot_and_offers_it_to_the_waiting_list() {
    let (fx, mut desk, a, b) = setup();
    let clerk = actor(&mut desk, "prepazka");
    let booked = desk.book(&clerk, &request("MAT-DOKLAD", "2026-11-25T08:00:00Z", None, a)).unwrap();
    let wait = desk.waitlist_add(&clerk, "MAT-DOKLAD", Some(ymd(2026, 11, 25)), b, "ráno").unwrap();
    let out = desk.booking_action(&clerk, &booked.code, BookingAction::Cancel, None, "nemoc").unwrap();
    assert_eq!(out.booking.status.as_str(), "cancelled");
    let offer = out.offer.unwrap();
    assert_eq!(offer.id, wait);
    assert_eq!(offer.status.as_str(), "offered");
    assert_eq!(offer.offered_start.map(utc_text).as_deref(), Some("2026-11-25T08:00:00Z"));
    assert_eq!(fx.count("SELECT count(*) FROM appt_cells"), 0);
    // The waiting citizen takes the freed slot: off the list.
    desk.book(&clerk, &request("MAT-DOKLAD", "2026-11-25T08:00:00Z", Some("M1"), b)).unwrap();
    assert!(desk.waitlist(None).unwrap().is_empty());
    let again = desk.booking_action(&clerk, &booked.code, BookingAction::Cancel, None, "").unwrap_err();
    assert!(again.to_string().contains("is cancelled"), "{again}");
}

#[test]
fn reschedule_keeps_the_code_and_the_history() {
    let (fx, mut desk, a, b) = setup();
    let clerk = actor(&mut desk, "prepazka");
    let first = desk.book(&clerk, &request("OP-PODANI", "2026-11-23T10:00:00Z", Some("P1"), a)).unwrap();
    desk.book(&clerk, &request("OP-PODANI", "2026-11-23T11:00:00Z", Some("P1"), b)).unwrap();
    // Onto a taken slot: refused, and the booking keeps its time.
    let err = desk.reschedule(&clerk, &first.code, utc("2026-11-23T11:00:00Z"), Some("P1"), None, "").unwrap_err();
    assert!(matches!(err, DeskError::SlotTaken { .. }), "{err}");
    assert_eq!(utc_text(desk.booking(&first.code).unwrap().0.start_at), "2026-11-23T10:00:00Z");
    let moved = desk.reschedule(&clerk, &first.code, utc("2026-11-24T08:00:00Z"), None, None, "občan požádal").unwrap();
    assert_eq!(moved.booking.code, first.code);
    assert_eq!(utc_text(moved.booking.start_at), "2026-11-24T08:00:00Z");
    let (_, history) = desk.booking(&first.code).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.action, "reschedule");
    assert_eq!(last.reason, "občan požádal");
    assert!(last.detail.contains("23. 11. 2026 11:00 → 24. 11. 2026 9:00"), "{}", last.detail);
    // The old time is free again.
    assert!(desk.book(&clerk, &request("OP-PODANI", "2026-11-23T10:00:00Z", Some("P1"), b)).is_ok());
    assert_eq!(fx.count("SELECT count(*) FROM appointments WHERE status = 'booked'"), 3);
}

#[test]
fn bookings_are_found_by_code_phone_and_name() {
    let (_fx, mut desk, a, _) = setup();
    let clerk = actor(&mut desk, "prepazka");
    let b = desk.book(&clerk, &request("OP-PODANI", "2026-11-23T10:00:00Z", Some("P1"), a)).unwrap();
    let spaced = format!("{}-{}", &b.code[..3], &b.code[3..]).to_lowercase();
    for query in [spaced.as_str(), "601 111 111", "+420601111111", "novak"] {
        let found = desk.find_bookings(&clerk, query).unwrap();
        assert_eq!(found.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), [b.code.as_str()], "{query}");
    }
    assert!(desk.find_bookings(&clerk, "Dvořáková").unwrap().is_empty());
}

#[test]
fn e_office_hours_carry_the_meeting_link_and_the_officials_day() {
    let (_fx, mut desk, a, _) = setup();
    let clerk = actor(&mut desk, "linka");
    // E-SU: Tuesday and Thursday 14:00–16:00, booked a day ahead.
    let b = desk.book(&clerk, &request("EUH-SU", "2026-11-24T13:00:00Z", None, a)).unwrap();
    assert_eq!(b.resource, "E-SU");
    assert!(b.meeting_url.contains(&b.code), "{}", b.meeting_url);
    let counter = desk.book(&clerk, &request("OP-PODANI", "2026-11-23T10:00:00Z", None, a)).unwrap();
    assert_eq!(counter.meeting_url, "");
}

#[test]
fn the_month_marks_holidays_closures_and_full_days() {
    let (_fx, mut desk, _, _) = setup();
    let marks = desk.month_marks("MAT-UMRTI", 2026, 12).unwrap();
    let mark = |d: u32| marks.iter().find(|(day, _)| *day == ymd(2026, 12, d)).unwrap().1.clone();
    assert!(matches!(mark(24), DayMark::Holiday(_)));
    assert!(matches!(mark(2), DayMark::Free(_)), "{:?}", mark(2));
    assert!(matches!(mark(1), DayMark::Closed(_)), "M1 has no Tuesday hours: {:?}", mark(1));
    assert!(matches!(mark(10), DayMark::Beyond), "MAT-UMRTI is booked 14 days ahead");
    let past = desk.month_marks("MAT-UMRTI", 2026, 11).unwrap();
    assert_eq!(past[0].1, DayMark::Past);
}

#[test]
fn a_full_day_is_marked_full() {
    let (fx, mut desk, a, _) = setup();
    let clerk = actor(&mut desk, "prepazka");
    // Thursday 26 November at M1 (8:00–14:00 without 11:30–12:00): book every MAT-UMRTI slot.
    for s in desk.slots_on("MAT-UMRTI", ymd(2026, 11, 26), None).unwrap() {
        desk.book(&clerk, &request("MAT-UMRTI", &s.start.to_rfc3339(), Some(&s.resource), a)).unwrap();
    }
    assert!(fx.count("SELECT count(*) FROM appointments") > 10);
    let marks = desk.month_marks("MAT-UMRTI", 2026, 11).unwrap();
    assert_eq!(marks[25].1, DayMark::Full);
    assert!(desk.slots_on("MAT-UMRTI", ymd(2026, 11, 26), None).unwrap().is_empty());
}

#[test]
fn the_watchdog_reminds_of_tomorrows_visits_once() {
    let (fx, mut desk, a, b) = setup();
    let clerk = actor(&mut desk, "prepazka");
    desk.book(&clerk, &request("OP-PODANI", "2026-11-24T08:00:00Z", Some("P1"), a)).unwrap();
    let cancelled = desk.book(&clerk, &request("OP-PODANI", "2026-11-24T09:00:00Z", Some("P1"), b)).unwrap();
    desk.booking_action(&clerk, &cancelled.code, BookingAction::Cancel, None, "").unwrap();
    desk.book(&clerk, &request("OP-PODANI", "2026-11-25T08:00:00Z", Some("P1"), b)).unwrap();
    let admin = clerkdesk::desk::Actor::root();
    let run = desk.watchdog_run(&admin).unwrap();
    assert_eq!(run.counts.appointment_reminder.new, 1);
    let again = desk.watchdog_run(&admin).unwrap();
    assert_eq!((again.counts.appointment_reminder.new, again.counts.appointment_reminder.already), (0, 1));
    let payload: String = fx
        .conn()
        .query_row("SELECT payload FROM outbox WHERE kind = 'appointment_reminder'", [], |r| r.get(0))
        .unwrap();
    assert!(payload.contains("\"start\":\"2026-11-24T08:00:00Z\""), "{payload}");
}

#[test]
fn the_plan_file_is_checked_whole_and_a_dry_run_changes_nothing() {
    let (fx, mut desk, _, _) = setup();
    let admin = clerkdesk::desk::Actor::root();
    let before = desk.export_plan().unwrap();
    let broken = before.replace("8:00-17:00", "17:00-8:00");
    let err = desk.import_plan(&admin, &broken, "plan.toml", false).unwrap_err();
    assert!(err.to_string().contains("plan.toml: resource P3: week.mon: '17:00-8:00' ends before it starts"), "{err}");
    assert_eq!(desk.export_plan().unwrap(), before);
    let smaller = before.replace("code = \"P3\"", "code = \"P9\"");
    let counts = desk.import_plan(&admin, &smaller, "plan.toml", true).unwrap();
    assert_eq!(counts.resources, 8);
    assert_eq!(desk.export_plan().unwrap(), before, "dry run");
    desk.import_plan(&admin, &smaller, "plan.toml", false).unwrap();
    assert!(desk.export_plan().unwrap().contains("\"P9\""));
    assert_eq!(fx.count("SELECT count(*) FROM appt_resources WHERE code = 'P3' AND active = 0"), 1);
    let clerk = actor(&mut desk, "prepazka");
    assert!(matches!(desk.import_plan(&clerk, &before, "x", false), Err(DeskError::Forbidden(_))));
    // Export, import, export: the same file.
    desk.import_plan(&admin, &before, "again", false).unwrap();
    assert_eq!(desk.export_plan().unwrap(), before);
}

#[test]
fn the_clock_change_days_book_both_half_past_twos() {
    let (fx, mut desk, a, b) = setup();
    let admin = clerkdesk::desk::Actor::root();
    let night = "[[service]]\ncode = \"MAT-UMRTI\"\nmax_days_ahead = 400\n\
                 [[resource]]\ncode = \"N1\"\nname = \"Noční služba\"\nservices = [\"MAT-UMRTI\"]\nweek = { sun = \"1:00-4:00\" }\n";
    desk.import_plan(&admin, night, "night.toml", false).unwrap();
    let clerk = actor(&mut desk, "prepazka");
    let autumn = desk.slots_on("MAT-UMRTI", ymd(2027, 10, 31), None).unwrap();
    assert_eq!(autumn.len(), 12, "1:00–4:00 lasts four hours on the autumn day: 12 slots of 20 min");
    let twice: Vec<_> = autumn.iter().filter(|s| clerkdesk::desk::office_iso(s.start).contains("T02:20")).collect();
    assert_eq!(twice.len(), 2);
    desk.book(&clerk, &request("MAT-UMRTI", &twice[0].start.to_rfc3339(), None, a)).unwrap();
    desk.book(&clerk, &request("MAT-UMRTI", &twice[1].start.to_rfc3339(), None, b)).unwrap();
    let spring = desk.slots_on("MAT-UMRTI", ymd(2027, 3, 28), None).unwrap();
    assert_eq!(spring.len(), 6, "two hours on the spring day");
    assert!(!spring.iter().any(|s| clerkdesk::desk::office_iso(s.start).contains("T02:")));
    assert_eq!(fx.count("SELECT count(DISTINCT start_at) FROM appointments"), 2);
}

#[test]
fn check_finds_a_booking_that_lost_its_time() {
    let (fx, mut desk, a, _) = setup();
    let clerk = actor(&mut desk, "prepazka");
    let b = desk.book(&clerk, &request("OP-PODANI", "2026-11-23T10:00:00Z", Some("P1"), a)).unwrap();
    assert!(desk.check().unwrap().ok);
    fx.conn().execute("DELETE FROM appt_cells WHERE appointment_id = ?1", [b.id]).unwrap();
    let report = desk.check().unwrap();
    assert!(!report.ok);
    assert_eq!(report.appointments, [format!("booking {} is booked but holds no time", b.code)]);
}

#[test]
fn a_portal_booking_goes_through_the_same_guarantee_and_is_idempotent() {
    let (fx, mut desk, a, b) = setup();
    let clerk = actor(&mut desk, "prepazka");
    let mut online = request("OP-PODANI", "2026-11-23T10:00:00Z", Some("P1"), a);
    online.channel = Channel::Portal;
    online.portal_id = Some("portal-4711".into());
    let first = desk.book(&clerk, &online).unwrap();
    // The same portal record again (a re-run import): the same booking, nothing new.
    let again = desk.book(&clerk, &online).unwrap();
    assert_eq!(again.code, first.code);
    assert_eq!(fx.count("SELECT count(*) FROM appointments"), 1);
    // Another portal booking of the slot the counter took meanwhile: refused, with next slots.
    let counter = desk.book(&clerk, &request("OP-PODANI", "2026-11-23T11:00:00Z", Some("P1"), b)).unwrap();
    let mut late = request("OP-PODANI", &utc_text(counter.start_at), Some("P1"), a);
    late.portal_id = Some("portal-4712".into());
    let err = desk.book(&clerk, &late).unwrap_err();
    assert!(matches!(&err, DeskError::SlotTaken { next, .. } if !next.is_empty()), "{err}");
    assert_eq!(fx.count("SELECT count(*) FROM appointments"), 2);
}
