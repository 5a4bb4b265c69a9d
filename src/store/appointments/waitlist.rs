//! The waiting list: citizens waiting for a day of a service, the time offered to them, and the
//! entry closed when they book.

use crate::domain::ids::{DepartmentId, UserId};
use crate::store::codec::Instant;
use crate::store::{StoreError, Tx};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitlistRow {
    pub id: i64,
    pub service: String,
    pub day: Option<String>,
    pub citizen_id: i64,
    pub citizen_name: String,
    pub citizen_phone: String,
    pub note: String,
    pub status: String,
    pub offered_start: Option<DateTime<Utc>>,
    pub offered_resource: Option<String>,
    pub created_at: String,
}

impl Tx<'_> {
    pub fn insert_waitlist(
        &self,
        service_id: i64,
        day: Option<&str>,
        citizen: i64,
        note: &str,
        at: &str,
        by: Option<UserId>,
    ) -> Result<i64, StoreError> {
        self.prepare_cached(
            "INSERT INTO appt_waitlist (service_id, day, citizen_id, note, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![service_id, day, citizen, note, at, by.map(|u| u.0)])?;
        Ok(self.last_insert_rowid())
    }

    /// The first citizen waiting for `service` on `day` (or on any day).
    pub fn first_waiting(&self, service_id: i64, day: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .prepare_cached(
                "SELECT id FROM appt_waitlist WHERE service_id = ?1 AND status = 'waiting'
                   AND (day IS NULL OR day = ?2) ORDER BY id LIMIT 1",
            )?
            .query_row(params![service_id, day], |r| r.get(0))
            .optional()?)
    }

    pub fn offer_waitlist(&self, id: i64, start: &str, resource: i64) -> Result<(), StoreError> {
        self.prepare_cached(
            "UPDATE appt_waitlist SET status = 'offered', offered_start = ?2, offered_resource_id = ?3 WHERE id = ?1",
        )?
        .execute(params![id, start, resource])?;
        Ok(())
    }

    /// Marks the citizen's open waiting-list entries for `service` as booked by `booking`.
    pub fn waitlist_booked(&self, service_id: i64, citizen: i64, booking: i64) -> Result<usize, StoreError> {
        Ok(self
            .prepare_cached(
                "UPDATE appt_waitlist SET status = 'booked', appointment_id = ?3
                 WHERE service_id = ?1 AND citizen_id = ?2 AND status IN ('waiting', 'offered')",
            )?
            .execute(params![service_id, citizen, booking])?)
    }

    /// The department whose service a waiting-list entry waits for.
    pub fn waitlist_department(&self, id: i64) -> Result<Option<DepartmentId>, StoreError> {
        Ok(self
            .prepare_cached(
                "SELECT s.department_id FROM appt_waitlist w JOIN services s ON s.id = w.service_id WHERE w.id = ?1",
            )?
            .query_row([id], |r| r.get(0).map(DepartmentId))
            .optional()?)
    }

    pub fn remove_waitlist(&self, id: i64) -> Result<bool, StoreError> {
        Ok(self
            .prepare_cached(
                "UPDATE appt_waitlist SET status = 'removed' WHERE id = ?1 AND status IN ('waiting', 'offered')",
            )?
            .execute([id])?
            == 1)
    }

    /// Open entries (waiting or offered), oldest first, optionally of one service.
    pub fn waitlist(&self, service: Option<&str>) -> Result<Vec<WaitlistRow>, StoreError> {
        let mut stmt = self.prepare_cached(
            "SELECT w.id, s.code, w.day, c.id, c.given_name || ' ' || c.family_name, c.phone, w.note, w.status,
                    w.offered_start, r.code, w.created_at
             FROM appt_waitlist w JOIN services s ON s.id = w.service_id JOIN citizens c ON c.id = w.citizen_id
             LEFT JOIN appt_resources r ON r.id = w.offered_resource_id
             WHERE w.status IN ('waiting', 'offered') AND (?1 IS NULL OR s.code = ?1) ORDER BY w.id",
        )?;
        let rows = stmt.query_map([service], |r| {
            Ok(WaitlistRow {
                id: r.get(0)?,
                service: r.get(1)?,
                day: r.get(2)?,
                citizen_id: r.get(3)?,
                citizen_name: r.get(4)?,
                citizen_phone: r.get(5)?,
                note: r.get(6)?,
                status: r.get(7)?,
                offered_start: r.get::<_, Option<Instant>>(8)?.map(|i| i.0),
                offered_resource: r.get(9)?,
                created_at: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
