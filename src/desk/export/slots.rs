//! `export slots`: the free slots of each bookable service for the next days, for the portal to
//! offer. Computed by the very code the counter's calendar uses ([`day_free`] with the service's
//! booking window), from one read transaction, so the portal offers exactly what a clerk sees:
//! holidays, closures, breaks, capacity, the minimum notice and the clock changes included.
//! An export ([`Desk::export_slots`]) is audited once it is complete: who, what and where to.

use crate::desk::appointments::slots::{FreeSlot, day_free, office_iso, pick};
use crate::desk::{Actor, Desk, DeskError, audit};
use crate::domain::appointments::Window;
use crate::domain::permissions::{Operation, Scope};
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// The longest span an export may cover (no service is booked further ahead than a year).
pub const SLOT_DAYS_MAX: u32 = 366;

/// One free slot as the portal gets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortalSlot {
    /// The service's code, e.g. `OP-PODANI`.
    pub service: String,
    /// The counter or official, e.g. `P1`.
    pub resource: String,
    pub resource_name: String,
    /// RFC 3339 UTC, e.g. `2026-11-23T07:00:00Z`.
    pub start: String,
    pub end: String,
    /// The office's wall time with its offset that day, e.g. `2026-11-23T08:00:00+01:00`.
    pub local_start: String,
    pub local_end: String,
    /// Bookings the slot still takes (a pick-up counter may seat two).
    pub seats_free: u32,
}

impl PortalSlot {
    fn of(service: &str, s: &FreeSlot) -> PortalSlot {
        let utc = crate::store::codec::utc_text;
        PortalSlot {
            service: service.to_owned(),
            resource: s.resource.clone(),
            resource_name: s.resource_name.clone(),
            start: utc(s.start),
            end: utc(s.end),
            local_start: office_iso(s.start),
            local_end: office_iso(s.end),
            seats_free: s.seats_free,
        }
    }
}

/// Where an export's slots go: each one as it comes, then `finish` once after the last (the
/// export is complete, and audited, only when it returns `Ok`).
pub trait SlotSink {
    /// # Errors
    /// A failing write (which ends the export).
    fn slot(&mut self, s: PortalSlot) -> std::io::Result<()>;
    /// # Errors
    /// A failing write, sync or rename: nothing was exported.
    fn finish(&mut self) -> std::io::Result<()>;
}

/// What an administrator asked to export, as the audit line names it.
#[derive(Debug, Clone)]
pub struct SlotExport<'a> {
    pub days: u32,
    /// Empty: every service some counter or official serves.
    pub services: &'a [String],
    /// `jsonl` or `csv`.
    pub format: &'a str,
    /// The file written; `None` for standard output.
    pub target: Option<&'a std::path::Path>,
}

/// What an export of free slots covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlotsSummary {
    /// The first and the last office day looked at.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub services: Vec<String>,
    pub slots: u64,
}

impl Desk {
    /// Hands `f` every free slot of `services` (every service some counter or official serves
    /// when empty) from today through `days` office days, by service in the order given (else the
    /// plan's), then by start. Needs no account: the slots are what the public calendar shows.
    ///
    /// # Errors
    /// `days` outside 1..=366; an unknown service; a failing query; `f`'s error (which ends it).
    pub fn portal_slots(
        &mut self,
        days: u32,
        services: &[String],
        f: &mut dyn FnMut(PortalSlot) -> std::io::Result<()>,
    ) -> Result<SlotsSummary, DeskError> {
        if days == 0 || days > SLOT_DAYS_MAX {
            return Err(DeskError::invalid(
                "days",
                format!("{days} is not a number of days from 1 to {SLOT_DAYS_MAX}"),
                "err-field-number",
            ));
        }
        let now = self.clock.now();
        let from = self.clock.today();
        let to = from + Days::new(u64::from(days - 1));
        self.store.read(|tx| {
            let sp = tx.load_plan()?;
            let codes: Vec<String> = if services.is_empty() {
                let served = sp.plan.services.iter().filter(|s| sp.plan.resources_for(&s.code).next().is_some());
                served.map(|s| s.code.clone()).collect()
            } else {
                services.iter().map(|s| s.trim().to_owned()).collect()
            };
            let mut slots = 0;
            for code in &codes {
                let (rules, resources) = pick(&sp.plan, code, None)?;
                let window = Window::of(rules, now);
                let mut day = from;
                while day <= to {
                    for s in day_free(tx, &sp, rules, &resources, day, window)? {
                        f(PortalSlot::of(code, &s)).map_err(|e| DeskError::Store(super::portal::sink_error(&e)))?;
                        slots += 1;
                    }
                    day = day + Days::new(1);
                }
            }
            Ok(SlotsSummary { from, to, services: codes, slots })
        })
    }

    /// Exports the free slots of `req` into `sink` ([`Desk::portal_slots`]) and, once the sink
    /// finished, writes the audit line: the acting account, the days, the services, the format,
    /// the number of slots and the file (or standard output). Any account may: the slots are what
    /// the public calendar shows.
    ///
    /// # Errors
    /// Anything [`Desk::portal_slots`] refuses; a failing sink (nothing is audited then); a
    /// failing audit write.
    pub fn export_slots(
        &mut self,
        actor: &Actor,
        req: &SlotExport<'_>,
        sink: &mut dyn SlotSink,
    ) -> Result<SlotsSummary, DeskError> {
        actor.may(Operation::ExportSlots, Scope::ANY)?;
        let summary = self.portal_slots(req.days, req.services, &mut |s| sink.slot(s))?;
        sink.finish().map_err(|e| DeskError::Store(super::portal::sink_error(&e)))?;
        let services = if req.services.is_empty() {
            format!("all ({})", summary.services.len())
        } else {
            summary.services.join(",")
        };
        // The whole path: a cron job's relative name says little in the log.
        let target = req.target.map_or_else(
            || "stdout".to_owned(),
            |t| std::path::absolute(t).unwrap_or_else(|_| t.to_path_buf()).display().to_string(),
        );
        let detail = format!(
            "days={} ({}..{}) services={services} format={} slots={} target={target}",
            req.days, summary.from, summary.to, req.format, summary.slots
        );
        let now = self.now_str();
        self.store.write(|tx| {
            tx.audit(&audit(actor, &now, "export_slots", "portal", String::new(), detail, ""))?;
            Ok::<_, DeskError>(())
        })?;
        Ok(summary)
    }
}
