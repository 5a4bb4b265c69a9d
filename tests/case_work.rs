//! Deadlines across holidays and suspensions, filing with form, attachments and fees, payments,
//! and citizens without duplicates.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

mod support;

use clerkdesk::desk::{DeskError, NewAttachment, NewCitizenInput, PaymentMethod};
use clerkdesk::domain::birth_number::{Sex, generate};
use clerkdesk::domain::case::Channel;
use support::desk::{Fx, actor, file, filing, id_card, ymd};

fn deadline_of(fx: &Fx, r: &str) -> Option<String> {
    fx.desk(ymd(2026, 11, 2)).case_detail(r).unwrap().case.deadline
}

#[test]
fn suspending_stops_the_clock_and_resuming_moves_the_deadline_by_the_days_it_stood() {
    let fx = Fx::new();
    // Filed on Monday 2 Nov 2026: 30 days end on Wednesday 2 Dec.
    let mut d = fx.desk(ymd(2026, 11, 2));
    let r = file(&mut d, &id_card()).reference_number;
    assert_eq!(deadline_of(&fx, &r).as_deref(), Some("2026-12-02"));
    let osa = actor(&mut d, "osa");
    d.assign_case(&osa, &r, None, None, Some("osa"), "").unwrap();
    d.start_case(&osa, &r, None).unwrap();

    let c = fx.desk(ymd(2026, 11, 10)).suspend_case(&osa, &r, None, "waiting for the birth certificate").unwrap();
    assert_eq!(c.deadline, None, "no deadline while the clock stands");
    let detail = fx.desk(ymd(2026, 11, 12)).case_detail(&r).unwrap();
    assert_eq!(detail.working_days_left, None);
    assert_eq!(detail.suspensions[0].to_date, None);

    // 10–19 Nov stood still: 2 Dec + 10 days = Saturday 12 Dec, so Monday 14 Dec.
    let c = fx.desk(ymd(2026, 11, 19)).resume_case(&osa, &r, None).unwrap();
    assert_eq!(c.deadline, Some(ymd(2026, 12, 14)));
    let detail = fx.desk(ymd(2026, 12, 10)).case_detail(&r).unwrap();
    assert_eq!(detail.case.deadline.as_deref(), Some("2026-12-14"));
    assert_eq!(detail.working_days_left, Some(2));
    assert_eq!(detail.suspensions[0].to_date.as_deref(), Some("2026-11-19"));
}

#[test]
fn a_resumed_deadline_moves_off_christmas_and_complex_adds_thirty_days() {
    let fx = Fx::new();
    // Friday 20 Nov 2026: day 30 is Sunday 20 Dec, so Monday 21 Dec.
    let mut d = fx.desk(ymd(2026, 11, 20));
    let r = file(&mut d, &id_card()).reference_number;
    assert_eq!(deadline_of(&fx, &r).as_deref(), Some("2026-12-21"));
    let sup = actor(&mut d, "vedouci");
    d.assign_case(&sup, &r, None, Some("OSA"), None, "").unwrap();
    // 23–26 Nov stand still: 24 Dec, a holiday; 25, 26 (Sat), 27 (Sun) too: Monday 28 Dec.
    fx.desk(ymd(2026, 11, 23)).suspend_case(&sup, &r, None, "waiting").unwrap();
    let c = fx.desk(ymd(2026, 11, 26)).resume_case(&sup, &r, None).unwrap();
    assert_eq!(c.deadline, Some(ymd(2026, 12, 28)));
    // Complex: 30 more days from 24 Dec = 23 Jan 2027, a Saturday: Monday 25 Jan.
    let c = fx.desk(ymd(2026, 12, 1)).mark_complex(&sup, &r, None, "expert opinion needed").unwrap();
    assert_eq!(c.deadline, Some(ymd(2027, 1, 25)));
    assert!(fx.desk(ymd(2026, 12, 1)).case_detail(&r).unwrap().case.complex);
}

#[test]
fn filing_checks_the_form_and_records_attachments() {
    let fx = Fx::new();
    let mut d = fx.desk(ymd(2026, 11, 2));
    let clerk = actor(&mut d, "prepazka");
    let cases = fx.count("SELECT count(*) FROM cases");

    let mut bad = id_card();
    bad.fields.insert("express".into(), "tomorrow".into());
    bad.fields.remove("reason");
    let e = d.file_case(&clerk, &bad).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("reason: is required") && msg.contains("express: 'tomorrow'"), "{msg}");

    let mut bad = id_card();
    bad.attachments.push(NewAttachment { name: "scan.pdf".into(), size: 10, sha256: "abc".into() });
    assert!(d.file_case(&clerk, &bad).unwrap_err().to_string().contains("64 hex digits"));
    assert_eq!(fx.count("SELECT count(*) FROM cases"), cases, "nothing filed");

    let mut good = id_card();
    good.fields.insert("reason".into(), "Změna údajů".into());
    good.attachments.push(NewAttachment { name: " oddací list.pdf ".into(), size: 2048, sha256: "AB".repeat(32) });
    let f = d.file_case(&clerk, &good).unwrap();
    assert_eq!(f.reference_number, "MULO-00001/2026/OSA", "the refused filings used no number");
    let detail = d.case_detail(&f.reference_number).unwrap();
    assert_eq!(detail.form["reason"], "data_change");
    assert_eq!(detail.attachments[0].name, "oddací list.pdf");
    assert_eq!(detail.attachments[0].sha256, "ab".repeat(32));
    assert_eq!(detail.fees.claimed, 0, "the ID card is free");
    assert_eq!(detail.history[0].event, "filed");

    // A department official does not file.
    let osa = actor(&mut d, "osa");
    assert!(matches!(d.file_case(&osa, &id_card()), Err(DeskError::Forbidden(_))));
}

#[test]
fn fees_partial_payments_overpayment_and_receipts() {
    let fx = Fx::new();
    let mut d = fx.desk(ymd(2026, 11, 2));
    let passport = || filing("PAS-VYDANI", &[("under15", "no"), ("express", "standard")]);
    let r = file(&mut d, &passport()).reference_number;
    let mut by_post = passport();
    by_post.channel = Channel::Post;
    let r2 = file(&mut d, &by_post).reference_number;
    let free = file(&mut d, &id_card()).reference_number;

    let detail = d.case_detail(&r).unwrap();
    assert_eq!((detail.fees.claimed, detail.fees.owed), (2000, 2000));
    assert_eq!(detail.fee_claims[0].due_on, "2026-11-02", "at the counter: due at once");
    assert_eq!(d.case_detail(&r2).unwrap().fee_claims[0].due_on, "2026-11-17", "by post: 15 days");

    let (clerk, hotline) = (actor(&mut d, "prepazka"), actor(&mut d, "linka"));
    assert!(matches!(d.pay_fee(&hotline, &r, 100, PaymentMethod::Cash, "P-1"), Err(DeskError::Forbidden(_))));
    let s = d.pay_fee(&clerk, &r, 500, PaymentMethod::Cash, "P-1").unwrap();
    assert_eq!((s.claimed, s.paid, s.owed), (2000, 500, 1500));
    let e = d.pay_fee(&clerk, &r, 1600, PaymentMethod::Card, "P-2").unwrap_err();
    assert!(e.to_string().contains("more than the 1 500 Kč owed"), "{e}");
    let e = d.pay_fee(&clerk, &r, 100, PaymentMethod::Card, "P-1").unwrap_err();
    assert!(matches!(e, DeskError::Conflict(_)) && e.to_string().contains("P-1"), "{e}");
    assert!(d.pay_fee(&clerk, &r, 0, PaymentMethod::Card, "P-3").is_err());
    let s = d.pay_fee(&clerk, &r, 1500, PaymentMethod::Transfer, "P-4").unwrap();
    assert_eq!(s.owed, 0);
    assert!(d.pay_fee(&clerk, &r, 1, PaymentMethod::Cash, "P-5").unwrap_err().to_string().contains("owes nothing"));
    assert!(d.pay_fee(&clerk, &free, 1, PaymentMethod::Cash, "P-6").is_err());

    let detail = d.case_detail(&r).unwrap();
    assert_eq!(detail.payments.len(), 2);
    assert_eq!((detail.fees.paid, detail.fees.owed), (2000, 0));
    assert_eq!(fx.count("SELECT count(*) FROM audit_log WHERE action = 'fee_pay'"), 2);
}

fn jan(bn: Option<String>) -> NewCitizenInput {
    NewCitizenInput {
        given_name: "Jan".into(),
        family_name: "Novák".into(),
        birth_date: "15. 3. 1980".into(),
        birth_number: bn,
        phone: Some("603 123 456".into()),
        email: "jan@example.cz".into(),
        ..NewCitizenInput::default()
    }
}

#[test]
fn citizens_are_not_duplicated() {
    let fx = Fx::new();
    let mut d = fx.desk(ymd(2026, 11, 2));
    let clerk = actor(&mut d, "prepazka");
    let rc = generate(ymd(1980, 3, 15), Sex::Male, 123).unwrap().canonical();
    let id = d.create_citizen(&clerk, &jan(Some(rc.clone())), false).unwrap();
    let c = d.citizen(id).unwrap().unwrap();
    assert_eq!((c.phone.as_str(), c.birth_date.as_str()), ("+420603123456", "1980-03-15"));
    assert_eq!(d.citizen_by_birth_number(&rc).unwrap().unwrap().id, id);

    // The same birth number: refused, naming who has it.
    let e = d.create_citizen(&clerk, &jan(Some(rc.clone())), true).unwrap_err();
    assert!(e.to_string().contains(&format!("citizen #{id} Jan Novák")), "{e}");

    // The same name and birth date: a warning first, created when confirmed.
    let mut same = jan(None);
    same.family_name = "NOVAK".into();
    assert_eq!(d.find_duplicates(&same).unwrap().len(), 1);
    let e = d.create_citizen(&clerk, &same, false).unwrap_err();
    assert!(matches!(e, DeskError::Conflict(_)) && e.to_string().contains("possible duplicate"), "{e}");
    let id2 = d.create_citizen(&clerk, &same, true).unwrap();
    assert_ne!(id, id2);
    assert_eq!(fx.count("SELECT count(*) FROM citizens"), 2);

    // Bad input is refused before anything is written.
    let other_date = generate(ymd(1981, 3, 15), Sex::Male, 1).unwrap().canonical();
    for (input, field) in [
        (jan(Some(other_date)), "birth_number"),
        (jan(Some("800315/1234".into())), "birth_number"),
        (NewCitizenInput { given_name: " ".into(), ..jan(None) }, "given_name"),
        (NewCitizenInput { email: "jan.example.cz".into(), ..jan(None) }, "email"),
        (NewCitizenInput { phone: Some("12".into()), ..jan(None) }, "phone"),
        (NewCitizenInput { birth_date: "31. 2. 1980".into(), ..jan(None) }, "birth_date"),
    ] {
        let e = d.create_citizen(&clerk, &input, true).unwrap_err();
        assert!(matches!(&e, DeskError::Invalid { field: f, .. } if f == field), "{field}: {e:?}");
    }
    assert_eq!(fx.count("SELECT count(*) FROM citizens"), 2);
    assert_eq!(fx.count("SELECT count(*) FROM audit_log WHERE action = 'citizen_create'"), 2);
}
