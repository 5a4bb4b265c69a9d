//! The workstation follows the matrix too: the day view does not ask the hotline for a reason to
//! cancel a visit it may not cancel; it says so, and the booking stays.

use crate::support::tui::{app_at, demo_store, login};
use chrono::{TimeZone, Utc};
use clerkdesk::config::Config;
use clerkdesk::desk::{BookingRequest, CitizenRef, Desk};
use clerkdesk::domain::case::Channel;
use clerkdesk::domain::clock::FixedClock;
use clerkdesk::domain::ids::CitizenId;
use clerkdesk::store::Store;
use clerkdesk::tui::action::{Action, Appt};
use clerkdesk::tui::app::MessageKind;
use clerkdesk::tui::screens::ScreenId;
use std::sync::Arc;

#[test]
fn the_day_view_refuses_the_hotline_a_cancel_before_asking_why() {
    let dir = tempfile::tempdir().unwrap();
    // Monday 23. 11. 2026, 10:00 in Prague.
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let path = demo_store(dir.path(), now, &Config::default(), 5);
    let mut desk = Desk::new(Store::open(&path, false).unwrap(), Arc::new(FixedClock(now)), Config::default());
    let clerk = desk.login("prepazka", "demo1234").unwrap();
    let day = now.date_naive();
    let slot = desk.slots_on("OP-PODANI", day, Some("P1")).unwrap()[0].clone();
    let citizen: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT id FROM citizens ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let req = BookingRequest {
        service: "OP-PODANI".into(),
        start: slot.start,
        resource: Some("P1".into()),
        citizen: CitizenRef::Existing(CitizenId(citizen)),
        channel: Channel::Phone,
        note: String::new(),
        portal_id: None,
    };
    let code = desk.book(&clerk, &req).unwrap().code;
    let mut app = app_at(&path, now, Config::default(), false);
    login(&mut app, "linka");
    app.update(Action::GoTo(ScreenId::Appointments));
    app.update(Action::Appt(Appt::Day));
    for _ in 0..20 {
        if app.appointments.day.resource.as_deref() == Some("P1") {
            break;
        }
        app.update(Action::NextField);
    }
    let i = app.appointments.day.entries.iter().position(|e| e.booking.code == code).unwrap();
    for _ in 0..i {
        app.update(Action::Down);
    }
    app.update(Action::Appt(Appt::Cancel));
    assert!(app.appointments.day.dialog.is_none(), "no reason is asked for a cancel the hotline may not make");
    let m = app.message.clone().expect("a message");
    assert_eq!(m.kind, MessageKind::Error);
    assert!(m.text.contains("oprávnění"), "{}", m.text);
    assert_eq!(desk.booking(&code).unwrap().0.status.as_str(), "booked");
}
