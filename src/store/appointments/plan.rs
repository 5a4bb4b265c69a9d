//! The appointment plan in the store: booking rules, resources with their week, closures.

use crate::domain::appointments::plan::PlanContext;
use crate::domain::appointments::{Closure, Interval, Plan, Resource, ResourceKind, ServiceRules};
use crate::store::{StoreError, Tx};
use rusqlite::params;
use serde::Serialize;
use std::collections::HashMap;

/// The plan with the store's ids of its resources and services.
#[derive(Debug, Clone, Default)]
pub struct StoredPlan {
    pub plan: Plan,
    pub resource_ids: HashMap<String, i64>,
    pub service_ids: HashMap<String, i64>,
}

/// What replacing the plan did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PlanCounts {
    pub services: usize,
    pub resources: usize,
    pub deactivated: usize,
    pub closures: usize,
}

fn week_json(week: &[Vec<Interval>; 7]) -> String {
    let days: Vec<Vec<[u32; 2]>> = week.iter().map(|d| d.iter().map(|iv| [iv.start, iv.end]).collect()).collect();
    serde_json::json!(days).to_string()
}

fn week_from_json(text: &str) -> Result<[Vec<Interval>; 7], StoreError> {
    let days: Vec<Vec<[u32; 2]>> =
        serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("resource week: {e}")))?;
    let mut week: [Vec<Interval>; 7] = Default::default();
    for (i, d) in days.into_iter().enumerate().take(7) {
        week[i] = d.into_iter().map(|[start, end]| Interval { start, end }).collect();
    }
    Ok(week)
}

impl Tx<'_> {
    /// What a plan file is checked against.
    pub fn plan_context(&self) -> Result<PlanContext, StoreError> {
        let mut ctx = PlanContext::default();
        let mut stmt = self.prepare("SELECT code, duration_min FROM services WHERE active = 1")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))? {
            let (code, d) = row?;
            ctx.service_durations.insert(code, d);
        }
        let mut stmt = self.prepare("SELECT code FROM officials WHERE active = 1")?;
        ctx.officials = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut stmt = self.prepare("SELECT username FROM users WHERE disabled = 0")?;
        ctx.users = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(ctx)
    }

    /// Makes the store's plan exactly `plan`. Resources left out are deactivated (bookings refer
    /// to them); rules and closures are replaced.
    ///
    /// # Errors
    /// A failing statement (a service or official unknown to the catalogue among them).
    pub fn replace_plan(&self, plan: &Plan) -> Result<PlanCounts, StoreError> {
        let mut counts = PlanCounts::default();
        self.execute("DELETE FROM appt_services", [])?;
        for s in &plan.services {
            self.execute(
                "INSERT INTO appt_services (service_id, capacity, min_notice_min, max_days_ahead, buffer_min, opens_filing)
                 SELECT id, ?2, ?3, ?4, ?5, ?6 FROM services WHERE code = ?1",
                params![s.code, s.capacity, s.min_notice_min, s.max_days_ahead, s.buffer_min, s.opens_filing],
            )?;
            counts.services += 1;
        }
        counts.deactivated = self.execute("UPDATE appt_resources SET active = 0 WHERE active = 1", [])?;
        for (position, r) in plan.resources.iter().enumerate() {
            self.execute(
                "INSERT INTO appt_resources (code, name, kind, official_id, user_id, capacity, week, position, active)
                 VALUES (?1, ?2, ?3, (SELECT id FROM officials WHERE code = ?4),
                         (SELECT id FROM users WHERE username = ?5), ?6, ?7, ?8, 1)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                     official_id = excluded.official_id, user_id = excluded.user_id,
                     capacity = excluded.capacity, week = excluded.week, position = excluded.position, active = 1",
                params![
                    r.code,
                    r.name,
                    r.kind.as_str(),
                    r.official,
                    r.user,
                    r.capacity,
                    week_json(&r.week),
                    i64::try_from(position).unwrap_or(i64::MAX)
                ],
            )?;
            counts.resources += 1;
        }
        counts.deactivated = counts.deactivated.saturating_sub(counts.resources);
        self.execute("DELETE FROM appt_resource_services", [])?;
        for r in &plan.resources {
            for s in &r.services {
                self.execute(
                    "INSERT INTO appt_resource_services (resource_id, service_id)
                     SELECT r.id, s.id FROM appt_resources r, services s WHERE r.code = ?1 AND s.code = ?2",
                    params![r.code, s],
                )?;
            }
        }
        self.execute("DELETE FROM appt_closures", [])?;
        for c in &plan.closures {
            self.execute(
                "INSERT INTO appt_closures (resource_id, from_date, to_date, reason)
                 VALUES ((SELECT id FROM appt_resources WHERE code = ?1), ?2, ?3, ?4)",
                params![c.resource, c.from.to_string(), c.to.to_string(), c.reason],
            )?;
            counts.closures += 1;
        }
        Ok(counts)
    }

    /// The plan as the store holds it (active resources only).
    ///
    /// # Errors
    /// A failing query or a damaged week.
    #[allow(clippy::too_many_lines, reason = "one query per table of the plan, in order")]
    pub fn load_plan(&self) -> Result<StoredPlan, StoreError> {
        let mut out = StoredPlan::default();
        let mut stmt = self.prepare_cached(
            "SELECT s.id, s.code, s.duration_min, a.capacity, a.min_notice_min, a.max_days_ahead, a.buffer_min,
                    a.opens_filing
             FROM appt_services a JOIN services s ON s.id = a.service_id ORDER BY s.code",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ServiceRules {
                    code: r.get(1)?,
                    duration_min: r.get(2)?,
                    capacity: r.get(3)?,
                    min_notice_min: r.get(4)?,
                    max_days_ahead: r.get(5)?,
                    buffer_min: r.get(6)?,
                    opens_filing: r.get(7)?,
                },
            ))
        })?;
        for row in rows {
            let (id, rules) = row?;
            out.service_ids.insert(rules.code.clone(), id);
            out.plan.services.push(rules);
        }
        let mut stmt = self.prepare_cached(
            "SELECT r.id, r.code, r.name, r.kind, o.code, u.username, r.capacity, r.week,
                    (SELECT json_group_array(s.code) FROM appt_resource_services rs JOIN services s ON s.id = rs.service_id
                     WHERE rs.resource_id = r.id)
             FROM appt_resources r LEFT JOIN officials o ON o.id = r.official_id LEFT JOIN users u ON u.id = r.user_id
             WHERE r.active = 1 ORDER BY r.position, r.code",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, u32>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
            ))
        })?;
        for row in rows {
            let (id, code, name, kind, official, user, capacity, week, services) = row?;
            let kind =
                ResourceKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("resource {code}: kind")))?;
            let mut services: Vec<String> = serde_json::from_str(&services)
                .map_err(|e| StoreError::Corrupt(format!("resource {code} services: {e}")))?;
            services.sort();
            out.resource_ids.insert(code.clone(), id);
            out.plan.resources.push(Resource {
                code,
                name,
                kind,
                official,
                user,
                capacity,
                services,
                week: week_from_json(&week)?,
            });
        }
        let mut stmt = self.prepare_cached(
            "SELECT r.code, c.from_date, c.to_date, c.reason FROM appt_closures c
             LEFT JOIN appt_resources r ON r.id = c.resource_id ORDER BY c.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        for row in rows {
            let (resource, from, to, reason) = row?;
            let date = |s: &str| {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|e| StoreError::Corrupt(format!("closure date '{s}': {e}")))
            };
            out.plan.closures.push(Closure { resource, from: date(&from)?, to: date(&to)?, reason });
        }
        Ok(out)
    }
}
