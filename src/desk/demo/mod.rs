//! Reproducible demo data: accounts for each role, citizens with realistic Czech names and
//! addresses, and cases filed through the same code as at the counter.

pub mod appointments;
use super::cases::{NewFiling, file_in_tx};
use super::{Actor, Desk, DeskError, audit, hash_password};
use crate::domain::birth_number::{self, Sex};
use crate::domain::case::{CaseStatus, Channel};
use crate::domain::ids::{CitizenId, UserId};
use crate::domain::names;
use crate::domain::permissions::{Operation, Scope};
use crate::domain::role::Role;
use crate::store::{NewCitizen, NewUser, Tx};
use chrono::{Days, NaiveDate, NaiveTime, TimeZone};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The password of every demo account; the login screen of a demo store says so.
pub const DEMO_PASSWORD: &str = "demo1234";

/// (username, full name, role, department code)
pub const DEMO_ACCOUNTS: &[(&str, &str, Role, Option<&str>)] = &[
    ("prepazka", "Lucie Králová", Role::CounterClerk, Some("KC")),
    ("linka", "Tomáš Veselý", Role::HotlineOperator, Some("KC")),
    ("referent", "Mgr. Jana Nováková", Role::DepartmentOfficial, Some("OSA")),
    ("vedouci", "Mgr. Eva Svobodová", Role::Supervisor, None),
    ("admin", "Jan Novotný", Role::Administrator, None),
];

#[derive(Debug, Clone)]
pub struct DemoParams {
    pub citizens: u32,
    pub cases: u32,
    pub seed: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DemoSummary {
    pub accounts_created: u32,
    pub citizens: u32,
    pub cases: u32,
    pub bookings: u32,
    /// Where the names came from: the shared corpus, or the built-in lists.
    pub names_from: String,
}

/// Citizens and cases per transaction: at 10–50 k rows a batch costs as little per row as one
/// huge transaction, and clerks' writes wait at most a fraction of a second between batches.
const BATCH: usize = 20_000;

/// From this many rows the full-text sync triggers are bypassed and the indexes rebuilt once at
/// the end (ten times faster); below it, rebuilding a big store's indexes would cost more.
const BULK_FROM: u32 = 20_000;

/// Notes an official adds to a case; they feed the case search.
const NOTES: &[&str] = &[
    "Občan doložil chybějící podklady.",
    "Telefonicky urgováno, žadatel dodá výpis do pátku.",
    "Vyžádáno stanovisko odboru dopravy.",
    "Předáno vedoucímu k podpisu.",
    "Čeká se na doplnění žádosti o přílohy.",
    "Žadatelka se omluvila, přijde osobně ve středu.",
    "Ověřeno v základních registrech.",
];

/// Name pools: from `corpus/czech/names` when given, else the built-in lists.
struct Names {
    male: Vec<String>,
    female: Vec<String>,
    family: Vec<String>,
    places: Vec<(String, String)>,
    source: String,
}

impl Names {
    fn load(corpus: Option<&Path>) -> Names {
        let builtin = Names {
            male: names::MALE_GIVEN.iter().map(|s| (*s).to_owned()).collect(),
            female: names::FEMALE_GIVEN.iter().map(|s| (*s).to_owned()).collect(),
            family: names::FAMILY_MALE.iter().map(|s| (*s).to_owned()).collect(),
            places: Vec::new(),
            source: "built-in lists".to_owned(),
        };
        let Some(dir) = corpus else { return builtin };
        let given = crate::door::files::read_to_string(&dir.join("czech/names/czechitas_jmena100.csv"));
        let family = crate::door::files::read_to_string(&dir.join("czech/names/datarozhlas_prijmeni_over50_utf8.txt"));
        let (Ok(given), Ok(family)) = (given, family) else { return builtin };
        let mut male = Vec::new();
        let mut female = Vec::new();
        for line in given.lines().skip(1) {
            let cols: Vec<&str> = line.split(',').collect();
            match cols.get(3) {
                Some(&"m") => male.push(cols[0].to_owned()),
                Some(&"ž") => female.push(cols[0].to_owned()),
                _ => {}
            }
        }
        // The surname list holds both forms; keep the male ones and derive the female form.
        let family: Vec<String> =
            family.lines().map(str::trim).filter(|s| !s.is_empty() && !s.ends_with('á')).map(str::to_owned).collect();
        let places =
            crate::door::files::read_to_string(&dir.join("czech/municipalities/ruian_casti_obci_psc_Dominik-97.csv"))
                .map(|t| {
                    t.lines()
                        .skip(1)
                        .filter_map(|l| {
                            let c: Vec<&str> = l.split(',').collect();
                            let psc = c.get(2).filter(|p| p.len() == 5 && p.is_ascii())?;
                            Some((c.get(1)?.to_string(), format!("{} {}", &psc[..3], &psc[3..])))
                        })
                        .collect()
                })
                .unwrap_or_default();
        if male.is_empty() || female.is_empty() || family.is_empty() {
            return builtin;
        }
        Names { male, female, family, places, source: dir.display().to_string() }
    }
}

fn pick<'a, T>(rng: &mut StdRng, v: &'a [T]) -> Option<&'a T> {
    if v.is_empty() { None } else { v.get(rng.random_range(0..v.len())) }
}

impl Desk {
    /// Adds demo data. The same seed on the same store state gives the same data.
    ///
    /// # Errors
    /// Not an administrator; a catalogue without the demo departments; a failing write.
    pub fn generate_demo(
        &mut self,
        actor: &Actor,
        p: &DemoParams,
        corpus: Option<&Path>,
    ) -> Result<DemoSummary, DeskError> {
        actor.may(Operation::GenerateDemo, Scope::ANY)?;
        let mut rng = StdRng::seed_from_u64(p.seed);
        let names = Names::load(corpus);
        let mut summary = DemoSummary { names_from: names.source.clone(), ..DemoSummary::default() };
        summary.accounts_created = self.demo_accounts(actor)?;
        let bulk = p.citizens.saturating_add(p.cases) >= BULK_FROM
            || self.store.read(|tx| Ok::<_, DeskError>(tx.bulk_load_running()?))?;
        if bulk {
            self.store.write(|tx| tx.begin_bulk_load())?;
        }
        let generated = self.generate_demo_rows(p, &names, &mut rng, &mut summary);
        // Put the triggers back and rebuild the indexes even when a batch failed: the batches
        // before it are committed and must be searchable.
        let ended = if bulk { self.store.write(|tx| tx.end_bulk_load()) } else { Ok(()) };
        generated?;
        ended?;
        let now = self.now_str();
        self.store.write(|tx| {
            tx.set_meta("demo", "1")?;
            let detail = format!("citizens={} cases={} seed={}", summary.citizens, summary.cases, p.seed);
            tx.audit(&audit(actor, &now, "demo_generate", "store", String::new(), detail, ""))?;
            Ok::<_, DeskError>(())
        })?;
        Ok(summary)
    }

    /// The citizens and cases of [`Desk::generate_demo`], in batches.
    fn generate_demo_rows(
        &mut self,
        p: &DemoParams,
        names: &Names,
        rng: &mut StdRng,
        summary: &mut DemoSummary,
    ) -> Result<(), DeskError> {
        let now = self.now_str();
        let today = self.clock.today();

        for chunk in (0..p.citizens).collect::<Vec<_>>().chunks(BATCH) {
            self.store.write(|tx| {
                for _ in chunk {
                    insert_demo_citizen(tx, rng, names, &now)?;
                }
                Ok::<_, DeskError>(())
            })?;
            summary.citizens += u32::try_from(chunk.len()).unwrap_or(0);
        }

        let (clerk, official) = self.store.read(|tx| {
            let id = |n: &str| tx.user_by_name(n).map(|u| u.map(|u| u.id));
            Ok::<_, DeskError>((id("prepazka")?, id("referent")?))
        })?;
        let clerk = clerk.ok_or_else(|| DeskError::NotFound("demo account 'prepazka'".into()))?;
        let citizens = self.store.read(|tx| tx.citizen_ids())?;
        // Each situation with a valid form, since filing checks the form like any other.
        let situations: Vec<(String, BTreeMap<String, String>)> = self
            .directory()?
            .data
            .situations
            .iter()
            .map(|s| (s.code.clone(), crate::domain::form::example_values(&s.fields)))
            .collect();
        if situations.is_empty() && p.cases > 0 {
            return Err(DeskError::NotFound("life situations: run `clerkdesk init` first".into()));
        }
        let office = super::cases::Office::of(&self.config);
        let clerk_actor = Actor {
            user_id: Some(clerk),
            name: "prepazka".into(),
            full_name: String::new(),
            role: Role::CounterClerk,
            department_id: None,
            by: None,
        };
        for chunk in (0..p.cases).collect::<Vec<_>>().chunks(BATCH) {
            self.store.write(|tx| {
                for _ in chunk {
                    demo_case(tx, rng, &clerk_actor, official, &citizens, &situations, today, &office)?;
                }
                Ok::<_, DeskError>(())
            })?;
            summary.cases += u32::try_from(chunk.len()).unwrap_or(0);
        }
        summary.bookings = self.demo_bookings(&clerk_actor, &citizens, rng, p.citizens.min(400) / 2)?;
        Ok(())
    }

    /// Creates the demo accounts that do not exist yet; says how many it created.
    fn demo_accounts(&mut self, actor: &Actor) -> Result<u32, DeskError> {
        let now = self.now_str();
        let missing: Vec<_> = self.store.read(|tx| {
            let mut v = Vec::new();
            for a in DEMO_ACCOUNTS {
                if tx.user_by_name(a.0)?.is_none() {
                    v.push(*a);
                }
            }
            Ok::<_, DeskError>(v)
        })?;
        let hashes: Vec<String> = missing.iter().map(|_| hash_password(DEMO_PASSWORD)).collect::<Result<_, _>>()?;
        self.store.write(|tx| {
            let mut created = 0;
            for ((username, full_name, role, dept), hash) in missing.iter().zip(&hashes) {
                // Another process may have made it meanwhile: this transaction decides.
                if tx.user_by_name(username)?.is_some() {
                    continue;
                }
                let department_id = match dept {
                    Some(code) => tx.department_by_code(code)?,
                    None => None,
                };
                let id = tx.insert_user(&NewUser {
                    username,
                    full_name,
                    role: *role,
                    password_hash: hash,
                    department_id,
                    now: &now,
                })?;
                tx.audit(&audit(
                    actor,
                    &now,
                    "user_add",
                    "user",
                    id.to_string(),
                    format!("demo account, role={role}"),
                    "",
                ))?;
                created += 1;
            }
            Ok(created)
        })
    }
}

fn insert_demo_citizen(tx: &Tx<'_>, rng: &mut StdRng, n: &Names, now: &str) -> Result<CitizenId, DeskError> {
    let sex = if rng.random_bool(0.5) { Sex::Female } else { Sex::Male };
    let given = pick(rng, if sex == Sex::Female { &n.female } else { &n.male }).cloned().unwrap_or_default();
    let male_family = pick(rng, &n.family).cloned().unwrap_or_default();
    let family = if sex == Sex::Female { names::female_surname(&male_family) } else { male_family };
    let birth = NaiveDate::from_ymd_opt(1935, 1, 1)
        .and_then(|d| d.checked_add_days(Days::new(rng.random_range(0..26_000))))
        .unwrap_or_default();
    let phone = if rng.random_bool(0.6) {
        format!("+420{}{:08}", ["6", "7"][rng.random_range(0..2)], rng.random_range(0..100_000_000))
    } else {
        String::new()
    };
    let email = if rng.random_bool(0.3) {
        format!("{}.{}@example.cz", crate::domain::text::fold(&given), crate::domain::text::fold(&family))
    } else {
        String::new()
    };
    let (city, postcode) = match pick(rng, &n.places) {
        Some(p) if rng.random_bool(0.2) => p.clone(),
        _ => (names::TOWN.to_owned(), pick(rng, names::POSTCODES).copied().unwrap_or("565 71").to_owned()),
    };
    let street = format!("{} {}", pick(rng, names::STREETS).copied().unwrap_or("Náměstí"), rng.random_range(1..300));
    let with_number = rng.random_bool(0.9);
    for _ in 0..20 {
        let bn = if with_number { birth_number::generate(birth, sex, rng.random_range(0..1000)) } else { None };
        let c = NewCitizen {
            given_name: &given,
            family_name: &family,
            birth_date: &birth.to_string(),
            birth_number: bn.as_ref().map(|b| b.digits()),
            phone: &phone,
            email: &email,
            street: &street,
            city: &city,
            postcode: &postcode,
            now,
        };
        match tx.insert_citizen(&c) {
            Ok(id) => return Ok(id),
            // Two generated people born the same day drew the same serial: draw again.
            Err(e) if e.is_unique_violation() => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(DeskError::Conflict(format!("no free birth-number serial left for {birth}")))
}

#[allow(clippy::too_many_arguments, reason = "what one demo case is drawn from, each named at the call")]
#[allow(clippy::too_many_lines, reason = "one demo case from its filing to its last history event")]
fn demo_case(
    tx: &Tx<'_>,
    rng: &mut StdRng,
    clerk: &Actor,
    official: Option<UserId>,
    citizens: &[CitizenId],
    situations: &[(String, BTreeMap<String, String>)],
    today: NaiveDate,
    office: &super::cases::Office,
) -> Result<(), DeskError> {
    let days_ago = rng.random_range(0..60u64);
    let day = today.checked_sub_days(Days::new(days_ago)).unwrap_or(today);
    let at = NaiveTime::from_hms_opt(rng.random_range(8..16), rng.random_range(0..60), 0).unwrap_or_default();
    let instant = crate::domain::clock::OFFICE_TZ.from_local_datetime(&day.and_time(at)).earliest().map_or_else(
        || day.to_string(),
        |t| t.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    );
    let channel = [
        Channel::Counter,
        Channel::Counter,
        Channel::Post,
        Channel::Email,
        Channel::DataBox,
        Channel::Portal,
        Channel::Phone,
    ][rng.random_range(0..7)];
    let citizen_id = pick(rng, citizens).copied();
    let situation = pick(rng, situations).cloned().unwrap_or_default();
    let filing = NewFiling {
        citizen_id,
        situation_code: situation.0.clone(),
        channel,
        subject: String::new(),
        note: String::new(),
        fields: situation.1.clone(),
        attachments: Vec::new(),
    };
    let filed = file_in_tx(tx, clerk, &filing, &instant, day, office)?;
    // Move some cases along, as a real office's store looks after two months.
    // On-the-spot agendas are done the same day; the older a case, the likelier it is finished.
    let age_bonus = u32::try_from(days_ago / 10).unwrap_or(0);
    let roll = if filed.deadline == Some(day) { 9 } else { (rng.random_range(0..10u32) + age_bonus).min(9) };
    let steps: &[CaseStatus] = match roll {
        0..=2 => &[],
        3..=4 => &[CaseStatus::Assigned],
        5..=6 => &[CaseStatus::Assigned, CaseStatus::InProgress],
        7..=8 => &[CaseStatus::Assigned, CaseStatus::InProgress, CaseStatus::Resolved],
        _ => &[CaseStatus::Assigned, CaseStatus::InProgress, CaseStatus::Resolved, CaseStatus::Closed],
    };
    let mut from = CaseStatus::Received;
    let user = clerk.user_id.unwrap_or(UserId(0));
    // Every step is a history event; the case row is updated once, to where the steps end: each
    // update moves the case in four indexes, and at a million cases that was half the run.
    if let Some(last) = steps.last() {
        tx.demo_set_case_status(filed.id, last.as_str(), official, &instant)?;
    }
    for to in steps {
        tx.insert_history(
            filed.id,
            &instant,
            official.unwrap_or(user),
            "status",
            Some(from.as_str()),
            Some(to.as_str()),
            "",
            "",
        )?;
        from = *to;
    }
    // A stream of its own per case, so the notes do not shift the data the main stream makes.
    let mut note_rng =
        StdRng::seed_from_u64(u64::try_from(filed.id.0).unwrap_or(0).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    if note_rng.random_bool(0.3) {
        let note = pick(&mut note_rng, NOTES).copied().unwrap_or_default();
        tx.insert_history(filed.id, &instant, official.unwrap_or(user), "note", None, None, note, "")?;
    }
    Ok(())
}
