//! Generated portal files for the round trip: valid, in the form the office stores (names and
//! addresses trimmed, birth numbers as digits, phones in E.164, form values as the form keeps
//! them), so the export must give back exactly what was generated.
//!
//! - citizens: a pool of up to six, with and without birth numbers (9 digits before 1954, 10
//!   after), each born on another day (the same name and birth date would be one person), shared
//!   by the filings and bookings that pick them;
//! - filings: any situation of the default catalogue, with a valid value for every required field
//!   and some optional ones; subjects and notes of any Unicode the office takes (no control
//!   characters but a note's newlines and tabs, no direction overrides, no line separators in a
//!   subject: `clerkdesk::domain::plain`);
//!   attachments; submitted up to 90 days before the clock (or a little after it), to the
//!   nanosecond;
//! - bookings: distinct free slots of the default plan, named resource, a note.

use super::now;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use clerkdesk::desk::Desk;
use clerkdesk::domain::birth_number::{Sex, generate};
use clerkdesk::domain::catalogue::{Catalogue, DEFAULT_TOML, FieldKind, FormField, LifeSituation};
use clerkdesk::domain::portal::{PortalAttachment, PortalBooking, PortalCitizen, PortalFiling, PortalRecord};
use proptest::prelude::*;
use proptest::sample::{Index, subsequence};
use std::collections::BTreeMap;

/// A free slot of the plan: service, start, resource.
#[derive(Debug, Clone)]
pub struct Slot {
    pub service: String,
    pub start: DateTime<Utc>,
    pub resource: String,
}

/// Up to `n` free slots of `service` that do not overlap at their resource, so any of them can be
/// booked together.
pub fn disjoint_slots(desk: &mut Desk, service: &str, n: usize) -> Vec<Slot> {
    let free = desk.free_slots(service, now(), n * 4, None).unwrap();
    let mut taken: Vec<(String, DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    let mut out = Vec::new();
    for s in free {
        if taken.iter().any(|(r, a, b)| *r == s.resource && s.start < *b && *a < s.end) {
            continue;
        }
        taken.push((s.resource.clone(), s.start, s.end));
        out.push(Slot { service: service.to_owned(), start: s.start, resource: s.resource });
        if out.len() == n {
            break;
        }
    }
    assert!(!out.is_empty(), "the default plan offers {service}");
    out
}

/// What one case generated: the file's records (filings and bookings interleaved), and the
/// filings and bookings each in the order they were filed and booked.
#[derive(Debug, Clone)]
pub struct Generated {
    pub filings: Vec<PortalFiling>,
    pub bookings: Vec<PortalBooking>,
    pub records: Vec<PortalRecord>,
}

fn text(chars: impl Strategy<Value = char>, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(chars, 0..=max).prop_map(|v| v.into_iter().collect())
}

/// Whether the office refuses `c` in a one-line value (`clerkdesk::domain::plain::line`).
fn refused(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// A character of a one-line value (a name, a subject) the office takes.
fn line_char() -> impl Strategy<Value = char> {
    any::<char>().prop_filter("a character the office takes", |c| !refused(*c))
}

/// A character of a note the office takes: newlines and tabs too.
fn note_char() -> impl Strategy<Value = char> {
    any::<char>().prop_filter("a character of a note", |c| matches!(c, '\n' | '\t') || !refused(*c))
}

/// Any Unicode the office takes in a one-line value, as it keeps it: trimmed.
fn trimmed(max: usize) -> impl Strategy<Value = String> {
    text(line_char(), max).prop_map(|s| s.trim().to_owned())
}

/// A note as the office keeps it: trimmed, its inside as it was.
fn note(max: usize) -> impl Strategy<Value = String> {
    text(note_char(), max).prop_map(|s| s.trim().to_owned())
}

fn non_empty(max: usize) -> impl Strategy<Value = String> {
    trimmed(max).prop_filter("a name is required", |s| !s.is_empty())
}

/// A citizen of the pool, born on a day of their own (`slot` of 1,500 days from 1930).
fn citizen(slot: usize) -> impl Strategy<Value = PortalCitizen> {
    let names = (non_empty(12), non_empty(16));
    let birth = (0..1_500u64, any::<bool>(), prop::option::of(0..1_000u16));
    let address = (trimmed(20), trimmed(12), "[0-9]{3} [0-9]{2}|");
    let contact = (prop::option::of("[67][0-9]{8}"), "|[a-z]{1,8}@[a-z]{1,8}\\.cz");
    (names, birth, address, contact).prop_map(move |((given, family), (day, female, serial), address, contact)| {
        let base = NaiveDate::from_ymd_opt(1930, 1, 1).unwrap();
        let date = base + chrono::Days::new(slot as u64 * 1_500 + day);
        let sex = if female { Sex::Female } else { Sex::Male };
        let birth_number = serial.and_then(|s| generate(date, sex, s)).map(|bn| bn.digits().to_owned());
        PortalCitizen {
            given_name: given,
            family_name: family,
            birth_date: date.to_string(),
            birth_number,
            street: address.0,
            city: address.1,
            postcode: address.2,
            phone: contact.0.map(|p| format!("+420{p}")),
            email: contact.1,
            identified: false,
        }
    })
}

fn pool() -> impl Strategy<Value = Vec<PortalCitizen>> {
    (1..=6usize).prop_flat_map(|n| (0..n).map(citizen).collect::<Vec<_>>())
}

/// A value the form takes and keeps as it is.
fn field_value(f: &FormField) -> BoxedStrategy<String> {
    match f.kind {
        FieldKind::Text => text(any::<char>().prop_filter("a character of a form", |c| *c == '\n' || !refused(*c)), 30)
            .prop_map(|s| s.trim().to_owned())
            .prop_filter("a value", |s| !s.is_empty())
            .boxed(),
        FieldKind::Number => prop_oneof![
            any::<i64>().prop_map(|n| n.to_string()),
            (0..4_000u32).prop_map(|q| serde_json::Number::from_f64(f64::from(q) / 4.0).unwrap().to_string()),
        ]
        .boxed(),
        FieldKind::Date => (0..60_000u64)
            .prop_map(|d| (NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(d)).to_string())
            .boxed(),
        FieldKind::Choice => {
            let values: Vec<String> = f.options.iter().map(|o| o.value.clone()).collect();
            prop::sample::select(values).boxed()
        }
    }
}

/// A valid form of the situation: every required field, optional ones or not.
fn form(s: &LifeSituation) -> BoxedStrategy<BTreeMap<String, String>> {
    let parts: Vec<BoxedStrategy<Option<(String, String)>>> = s
        .fields
        .iter()
        .map(|f| {
            let key = f.key.clone();
            let value = field_value(f);
            if f.required {
                value.prop_map(move |v| Some((key.clone(), v))).boxed()
            } else {
                prop::option::of(value).prop_map(move |v| v.map(|v| (key.clone(), v))).boxed()
            }
        })
        .collect();
    parts.prop_map(|kv| kv.into_iter().flatten().collect()).boxed()
}

fn situation_and_form() -> impl Strategy<Value = (String, BTreeMap<String, String>)> {
    let catalogue = Catalogue::from_toml(DEFAULT_TOML).unwrap();
    let strategies: Vec<BoxedStrategy<(String, BTreeMap<String, String>)>> = catalogue
        .situations
        .iter()
        .map(|s| {
            let code = s.code.clone();
            form(s).prop_map(move |f| (code.clone(), f)).boxed()
        })
        .collect();
    prop::strategy::Union::new(strategies)
}

fn attachment() -> impl Strategy<Value = PortalAttachment> {
    let name = text(any::<char>().prop_filter("no control characters", |c| !c.is_control()), 40)
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("a name", |s| !s.is_empty());
    (name, 0..=i64::MAX as u64, "[0-9a-f]{64}").prop_map(|(name, size, sha256)| PortalAttachment { name, size, sha256 })
}

/// Up to 90 days before the clock, or an hour after it (a portal clock ahead of ours).
fn submitted_at() -> impl Strategy<Value = DateTime<Utc>> {
    (-(90 * 86_400)..3_600i64, 0..1_000_000_000u32)
        .prop_map(|(s, ns)| now() + Duration::seconds(s) + Duration::nanoseconds(i64::from(ns)))
}

/// The parts of a filing besides its citizen and id.
type FilingParts =
    (Index, bool, (String, BTreeMap<String, String>), String, String, Vec<PortalAttachment>, DateTime<Utc>);

fn filing_parts() -> impl Strategy<Value = FilingParts> {
    (
        any::<Index>(),
        any::<bool>(),
        situation_and_form(),
        trimmed(40),
        note(40),
        prop::collection::vec(attachment(), 0..=2),
        submitted_at(),
    )
}

fn id_suffix() -> impl Strategy<Value = String> {
    text(any::<char>(), 4)
}

/// The parts of a booking besides its slot: who, identified, note, when, the id's suffix.
fn booking_parts() -> impl Strategy<Value = (Index, bool, String, DateTime<Utc>, String)> {
    (any::<Index>(), any::<bool>(), note(20), submitted_at(), id_suffix())
}

/// Up to `max_filings` filings and `max_bookings` bookings onto distinct `slots`.
pub fn generated(slots: &[Slot], max_filings: usize, max_bookings: usize) -> impl Strategy<Value = Generated> {
    let filings = prop::collection::vec((filing_parts(), id_suffix()), 0..=max_filings);
    let bookings = subsequence(slots.to_vec(), 0..=max_bookings.min(slots.len())).prop_flat_map(|s| {
        let n = s.len();
        (Just(s), prop::collection::vec(booking_parts(), n))
    });
    (pool(), filings, bookings, any::<u64>()).prop_map(|(pool, filings, (slots, bookings), seed)| {
        let pick = |i: &Index, identified: bool| PortalCitizen { identified, ..i.get(&pool).clone() };
        let filings: Vec<PortalFiling> = filings
            .into_iter()
            .enumerate()
            .map(|(n, ((who, identified, (situation, fields), subject, note, attachments, at), suffix))| PortalFiling {
                portal_id: format!("P-{n}:{suffix}"),
                submitted_at: at,
                citizen: pick(&who, identified),
                situation,
                subject,
                note,
                fields,
                attachments,
            })
            .collect();
        let bookings: Vec<PortalBooking> = slots
            .into_iter()
            .zip(bookings)
            .enumerate()
            .map(|(n, (slot, (who, identified, note, at, suffix)))| PortalBooking {
                portal_id: format!("B-{n}:{suffix}"),
                submitted_at: at,
                citizen: pick(&who, identified),
                service: slot.service,
                start: slot.start,
                resource: Some(slot.resource),
                note,
            })
            .collect();
        let records = interleave(&filings, &bookings, seed);
        Generated { filings, bookings, records }
    })
}

/// Filings and bookings mixed in the file, each kind keeping its order.
fn interleave(filings: &[PortalFiling], bookings: &[PortalBooking], mut seed: u64) -> Vec<PortalRecord> {
    let (mut f, mut b) = (filings.iter(), bookings.iter());
    let mut out = Vec::with_capacity(filings.len() + bookings.len());
    loop {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let next = if seed >> 63 == 0 { f.next().map(|x| PortalRecord::Filing(x.clone())) } else { None };
        match next.or_else(|| b.next().map(|x| PortalRecord::Booking(x.clone()))) {
            Some(r) => out.push(r),
            None => match f.next() {
                Some(x) => out.push(PortalRecord::Filing(x.clone())),
                None => break,
            },
        }
    }
    out
}

/// A plain valid filing of an ID card by an identified citizen with a birth number.
pub fn sample_filing(portal_id: &str, at: DateTime<Utc>) -> PortalFiling {
    PortalFiling {
        portal_id: portal_id.to_owned(),
        submitted_at: at,
        citizen: PortalCitizen {
            given_name: "Jiří".into(),
            family_name: "Šťastný".into(),
            birth_date: "1980-02-01".into(),
            birth_number: generate(NaiveDate::from_ymd_opt(1980, 2, 1).unwrap(), Sex::Male, 123)
                .map(|bn| bn.digits().to_owned()),
            street: "Nová 1".into(),
            city: "Lipnice nad Orlicí".into(),
            postcode: "565 71".into(),
            phone: Some("+420601111111".into()),
            email: "jiri@example.cz".into(),
            identified: true,
        },
        situation: "OP-VYDANI".into(),
        subject: "nový občanský průkaz".into(),
        note: String::new(),
        fields: [("reason", "expiry"), ("express", "standard"), ("under15", "no")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .into(),
        attachments: vec![PortalAttachment { name: "foto.jpg".into(), size: 123, sha256: "a".repeat(64) }],
    }
}
