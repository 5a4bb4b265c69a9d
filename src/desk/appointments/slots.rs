//! The appointment plan (import, export) and the free slots it gives: the next free ones, a day's,
//! and a month's calendar marks.

use crate::desk::{Actor, Desk, DeskError, audit};
use crate::domain::appointments::{
    self as appt, Closed, Plan, Resource, ServiceRules, Slot, Window, free_seat, local_date, seats,
};
use crate::domain::calendar;
use crate::domain::clock::OFFICE_TZ;
use crate::domain::lang::Localized;
use crate::domain::permissions::{Operation, Scope};
use crate::store::{PlanCounts, StoredPlan, Tx};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::{Serialize, Serializer};
use std::collections::HashSet;

/// A free slot: when, where, and how many seats are still free in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FreeSlot {
    /// ISO 8601 with the office's offset, e.g. `2026-11-23T08:00:00+01:00`.
    #[serde(serialize_with = "office_instant")]
    pub start: DateTime<Utc>,
    #[serde(serialize_with = "office_instant")]
    pub end: DateTime<Utc>,
    pub resource: String,
    pub resource_name: String,
    pub seats_free: u32,
}

/// An instant as ISO 8601 with the office's offset on that day.
///
/// # Errors
/// Never (the serializer's own errors only).
pub fn office_instant<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&office_iso(*t))
}

/// `2026-11-23T08:00:00+01:00`.
#[must_use]
pub fn office_iso(t: DateTime<Utc>) -> String {
    t.with_timezone(&OFFICE_TZ).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// A service that can be booked, with its rules and where it is served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceOffer {
    pub code: String,
    pub name: Localized,
    pub department: String,
    #[serde(flatten)]
    pub rules: ServiceRules,
    pub resources: Vec<String>,
}

/// How a day of the month calendar looks for one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum DayMark {
    /// Before today, or before the minimum notice allows.
    Past,
    /// Beyond the days the service may be booked ahead.
    Beyond,
    /// A public holiday (its Czech name).
    Holiday(String),
    /// Every resource closed or without hours (the closure's reason, if any).
    Closed(String),
    /// Every slot booked.
    Full,
    /// Free slots.
    Free(u32),
}

impl Desk {
    /// The plan with the store's ids.
    pub fn appointment_plan(&mut self) -> Result<StoredPlan, DeskError> {
        Ok(self.store.read(|tx| tx.load_plan())?)
    }

    /// The services that can be booked (those some resource serves), in catalogue order.
    pub fn appointment_services(&mut self) -> Result<Vec<ServiceOffer>, DeskError> {
        let (plan, dir) = (self.appointment_plan()?, self.directory()?);
        let mut out = Vec::new();
        for s in &dir.data.services {
            let Some(rules) = plan.plan.service(&s.code) else { continue };
            let resources: Vec<String> = plan.plan.resources_for(&s.code).map(|r| r.code.clone()).collect();
            if resources.is_empty() {
                continue;
            }
            let department = dir.department(s.department_id).map(|d| d.code.clone()).unwrap_or_default();
            out.push(ServiceOffer {
                code: s.code.clone(),
                name: s.name.clone(),
                department,
                rules: rules.clone(),
                resources,
            });
        }
        Ok(out)
    }

    /// Checks a plan file and, unless `dry_run`, makes it the store's plan; audited.
    ///
    /// # Errors
    /// A role other than administrator; every problem in the file (`Invalid`, naming entry and
    /// key); a failing write.
    pub fn import_plan(
        &mut self,
        actor: &Actor,
        text: &str,
        source: &str,
        dry_run: bool,
    ) -> Result<PlanCounts, DeskError> {
        actor.may(Operation::ImportPlan, Scope::ANY)?;
        let now = self.now_str();
        let run = |tx: &Tx<'_>| {
            let ctx = tx.plan_context()?;
            let plan = Plan::from_toml(text, &ctx).map_err(|errs| plan_error(source, &errs))?;
            let counts = tx.replace_plan(&plan)?;
            let detail = format!(
                "{source}: {} services, {} resources ({} deactivated), {} closures",
                counts.services, counts.resources, counts.deactivated, counts.closures
            );
            tx.audit(&audit(actor, &now, "plan_import", "appointment_plan", String::new(), detail, ""))?;
            Ok::<_, DeskError>(counts)
        };
        if dry_run { self.store.rolled_back(run) } else { self.store.write(run) }
    }

    /// The store's plan as a file `import_plan` reads back.
    pub fn export_plan(&mut self) -> Result<String, DeskError> {
        Ok(self.appointment_plan()?.plan.to_toml())
    }

    /// The next `count` free slots of `service` from `from` (not before the minimum notice), at
    /// one resource or any that serves it, earliest first.
    ///
    /// # Errors
    /// An unknown service or resource; a failing query.
    pub fn free_slots(
        &mut self,
        service: &str,
        from: DateTime<Utc>,
        count: usize,
        resource: Option<&str>,
    ) -> Result<Vec<FreeSlot>, DeskError> {
        let now = self.clock.now();
        self.store.read(|tx| next_free(tx, service, from.max(now), count, resource, now))
    }

    /// The free slots of `service` on one day.
    ///
    /// # Errors
    /// An unknown service or resource; a failing query.
    pub fn slots_on(
        &mut self,
        service: &str,
        day: NaiveDate,
        resource: Option<&str>,
    ) -> Result<Vec<FreeSlot>, DeskError> {
        let now = self.clock.now();
        self.store.read(|tx| {
            let sp = tx.load_plan()?;
            let (rules, resources) = pick(&sp.plan, service, resource)?;
            day_free(tx, &sp, rules, &resources, day, Window::of(rules, now))
        })
    }

    /// The month calendar of `service`: one mark per day of `month`.
    ///
    /// # Errors
    /// An unknown service; a bad month; a failing query.
    pub fn month_marks(
        &mut self,
        service: &str,
        year: i32,
        month: u32,
    ) -> Result<Vec<(NaiveDate, DayMark)>, DeskError> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or_else(|| DeskError::invalid("month", format!("{year}-{month} is no month"), "err-date"))?;
        let now = self.clock.now();
        let today = self.clock.today();
        self.store.read(|tx| {
            let sp = tx.load_plan()?;
            let (rules, resources) = pick(&sp.plan, service, None)?;
            let window = Window::of(rules, now);
            let mut out = Vec::new();
            let mut day = first;
            while day.month() == month {
                let mark = if day < today {
                    DayMark::Past
                } else if let Some(h) = calendar::holiday(day) {
                    DayMark::Holiday(h.name.cs)
                } else if day > window.last_day {
                    DayMark::Beyond
                } else if let Some(reason) = all_closed(&sp.plan, &resources, day) {
                    DayMark::Closed(reason)
                } else {
                    let free = day_free(tx, &sp, rules, &resources, day, window)?;
                    if free.is_empty() && day_has_slots(&sp.plan, rules, &resources, day, window) {
                        DayMark::Full
                    } else if free.is_empty() {
                        DayMark::Past
                    } else {
                        DayMark::Free(u32::try_from(free.len()).unwrap_or(u32::MAX))
                    }
                };
                out.push((day, mark));
                day = day + Days::new(1);
            }
            Ok(out)
        })
    }
}

pub(crate) fn plan_error(source: &str, errs: &[appt::PlanError]) -> DeskError {
    let lines: Vec<String> = errs.iter().map(|e| format!("{source}: {e}")).collect();
    DeskError::invalid("plan", lines.join("\n"), "err-plan")
}

/// The rules of `service` and the resources to look at.
pub(crate) fn pick<'a>(
    plan: &'a Plan,
    service: &'a str,
    resource: Option<&str>,
) -> Result<(&'a ServiceRules, Vec<&'a Resource>), DeskError> {
    let rules = plan.service(service).ok_or_else(|| {
        DeskError::invalid(
            "service",
            format!("'{service}' cannot be booked (not in the appointment plan)"),
            "err-unknown-service",
        )
    })?;
    let resources: Vec<&Resource> = match resource {
        Some(code) => {
            let r = plan.resource(code).ok_or_else(|| {
                DeskError::invalid("resource", format!("no counter or official '{code}'"), "err-unknown-resource")
            })?;
            if !r.serves(service) {
                return Err(DeskError::invalid(
                    "resource",
                    format!("{code} does not serve {service}"),
                    "err-unknown-resource",
                ));
            }
            vec![r]
        }
        None => plan.resources_for(service).collect(),
    };
    if resources.is_empty() {
        return Err(DeskError::invalid("service", format!("no counter serves '{service}'"), "err-unknown-service"));
    }
    Ok((rules, resources))
}

/// Why every resource is closed on `day`, if all are.
fn all_closed(plan: &Plan, resources: &[&Resource], day: NaiveDate) -> Option<String> {
    let mut reason = None;
    for r in resources {
        match plan.closed(r, day) {
            None => return None,
            Some(Closed::Closure(why)) => reason = Some(why),
            Some(_) => {}
        }
    }
    Some(reason.unwrap_or_default())
}

fn day_has_slots(plan: &Plan, rules: &ServiceRules, resources: &[&Resource], day: NaiveDate, w: Window) -> bool {
    resources.iter().any(|r| plan.day_slots(rules, r, day).iter().any(|s| w.admits(s)))
}

/// The free slots of one day at `resources`, in start order.
pub(crate) fn day_free(
    tx: &Tx<'_>,
    sp: &StoredPlan,
    rules: &ServiceRules,
    resources: &[&Resource],
    day: NaiveDate,
    window: Window,
) -> Result<Vec<FreeSlot>, DeskError> {
    let mut out = Vec::new();
    for r in resources {
        let slots: Vec<Slot> = sp.plan.day_slots(rules, r, day).into_iter().filter(|s| window.admits(s)).collect();
        let (Some(first), Some(last)) = (slots.first(), slots.last()) else { continue };
        let Some(&rid) = sp.resource_ids.get(&r.code) else { continue };
        let range = first.cells(rules).start..last.cells(rules).end;
        let held: HashSet<(i64, u32)> = tx.held_cells(rid, range)?.into_iter().collect();
        let seats = seats(rules, r);
        for s in slots {
            let cells = s.cells(rules);
            let free = (0..seats).filter(|&seat| cells.clone().all(|c| !held.contains(&(c, seat)))).count();
            if free_seat(cells, seats, |c, seat| held.contains(&(c, seat))).is_some() {
                out.push(FreeSlot {
                    start: s.start,
                    end: s.end,
                    resource: r.code.clone(),
                    resource_name: r.name.clone(),
                    seats_free: u32::try_from(free).unwrap_or(0),
                });
            }
        }
    }
    out.sort_by_key(|s| s.start);
    Ok(out)
}

/// The next `count` free slots from `from`, day by day through the booking window.
pub(crate) fn next_free(
    tx: &Tx<'_>,
    service: &str,
    from: DateTime<Utc>,
    count: usize,
    resource: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<FreeSlot>, DeskError> {
    let sp = tx.load_plan()?;
    let (rules, resources) = pick(&sp.plan, service, resource)?;
    let mut window = Window::of(rules, now);
    window.earliest = window.earliest.max(from);
    let mut out = Vec::new();
    let mut day = local_date(window.earliest);
    while day <= window.last_day && out.len() < count {
        out.extend(day_free(tx, &sp, rules, &resources, day, window)?);
        day = day + Days::new(1);
    }
    out.truncate(count);
    Ok(out)
}
