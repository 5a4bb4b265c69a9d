//! Bookings, the cells they hold, their history and the reminders; the waiting list is
//! `waitlist`, the plan `plan`.

pub mod plan;
pub mod waitlist;
use super::codec::Instant;
use super::{StoreError, Tx};
use crate::domain::appointments::BookingStatus;
use crate::domain::appointments::code::booking_code;
use crate::domain::ids::{CitizenId, DepartmentId, UserId};
use crate::domain::lang::Localized;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

/// A booking as the screens and the CLI show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookingRow {
    pub id: i64,
    pub code: String,
    pub service: String,
    pub service_name: Localized,
    pub resource: String,
    pub resource_name: String,
    pub resource_id: i64,
    pub citizen_id: i64,
    pub citizen_name: String,
    pub citizen_phone: String,
    pub citizen_birth_date: String,
    pub start_at: DateTime<Utc>,
    pub end_at: DateTime<Utc>,
    pub status: BookingStatus,
    pub channel: String,
    pub meeting_url: String,
    pub note: String,
    pub case_id: Option<i64>,
    pub reference_number: Option<String>,
    pub portal_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub version: i64,
}

const BOOKING_SELECT: &str = "SELECT a.id, a.code, s.code, s.name_cs, s.name_en, s.name_uk, r.code, r.name, r.id,
        c.id, c.given_name || ' ' || c.family_name, c.phone, c.birth_date, a.start_at, a.end_at, a.status,
        a.channel, a.meeting_url, a.note, a.case_id, k.reference_number, a.portal_id, a.created_at,
        a.checked_in_at, a.version
    FROM appointments a JOIN services s ON s.id = a.service_id JOIN appt_resources r ON r.id = a.resource_id
    JOIN citizens c ON c.id = a.citizen_id LEFT JOIN cases k ON k.id = a.case_id";

fn booking_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<BookingRow> {
    Ok(BookingRow {
        id: r.get(0)?,
        code: r.get(1)?,
        service: r.get(2)?,
        service_name: Localized { cs: r.get(3)?, en: r.get(4)?, uk: r.get(5)? },
        resource: r.get(6)?,
        resource_name: r.get(7)?,
        resource_id: r.get(8)?,
        citizen_id: r.get(9)?,
        citizen_name: r.get(10)?,
        citizen_phone: r.get(11)?,
        citizen_birth_date: r.get(12)?,
        start_at: r.get::<_, Instant>(13)?.0,
        end_at: r.get::<_, Instant>(14)?.0,
        status: r.get(15)?,
        channel: r.get(16)?,
        meeting_url: r.get(17)?,
        note: r.get(18)?,
        case_id: r.get(19)?,
        reference_number: r.get(20)?,
        portal_id: r.get(21)?,
        created_at: r.get::<_, Instant>(22)?.0,
        checked_in_at: r.get::<_, Option<Instant>>(23)?.map(|i| i.0),
        version: r.get(24)?,
    })
}

/// A booking to insert; its cells are inserted separately.
#[derive(Debug, Clone)]
pub struct NewBookingRow<'a> {
    pub service_id: i64,
    pub resource_id: i64,
    pub citizen_id: CitizenId,
    pub start_at: &'a str,
    pub end_at: &'a str,
    pub channel: &'a str,
    pub meeting_link_pattern: &'a str,
    pub note: &'a str,
    pub portal_id: Option<&'a str>,
    pub created_at: &'a str,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookingEvent {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub detail: String,
    pub reason: String,
}

impl Tx<'_> {
    /// Inserts a booking with the code of its id and returns the id and code. The id is the next
    /// one: the write transaction is IMMEDIATE, so nobody else takes it meanwhile.
    pub fn insert_booking(&self, b: &NewBookingRow<'_>) -> Result<(i64, String), StoreError> {
        let id: i64 = self.query_row("SELECT coalesce(max(id), 0) + 1 FROM appointments", [], |r| r.get(0))?;
        let code = booking_code(id);
        let meeting = b.meeting_link_pattern.replace("{code}", &code);
        self.prepare_cached(
            "INSERT INTO appointments (id, code, service_id, resource_id, citizen_id, start_at, end_at, status,
                                       channel, meeting_url, note, portal_id, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'booked', ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            id,
            code,
            b.service_id,
            b.resource_id,
            b.citizen_id.0,
            b.start_at,
            b.end_at,
            b.channel,
            meeting,
            b.note,
            b.portal_id,
            b.created_at,
            b.created_by.map(|u| u.0)
        ])?;
        Ok((id, code))
    }

    /// Takes `cells` on `seat` of `resource` for a booking. A cell another booking holds fails
    /// the primary key: [`StoreError::is_primary_key_violation`].
    ///
    /// # Errors
    /// The violation, or another failing insert.
    pub fn take_cells(
        &self,
        resource: i64,
        cells: std::ops::Range<i64>,
        seat: u32,
        booking: i64,
    ) -> Result<(), StoreError> {
        let mut stmt = self.prepare_cached(
            "INSERT INTO appt_cells (resource_id, cell, seat, appointment_id) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for cell in cells {
            stmt.execute(params![resource, cell, seat, booking])?;
        }
        Ok(())
    }

    /// The department a service belongs to (whose staff work its bookings).
    pub fn service_department(&self, code: &str) -> Result<Option<DepartmentId>, StoreError> {
        Ok(self
            .prepare_cached("SELECT department_id FROM services WHERE code = ?1")?
            .query_row([code], |r| r.get(0).map(DepartmentId))
            .optional()?)
    }

    pub fn service_id(&self, code: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .prepare_cached("SELECT id FROM services WHERE code = ?1")?
            .query_row([code], |r| r.get(0))
            .optional()?)
    }

    /// # Errors
    /// A failing delete.
    pub fn free_cells(&self, booking: i64) -> Result<(), StoreError> {
        self.prepare_cached("DELETE FROM appt_cells WHERE appointment_id = ?1")?.execute([booking])?;
        Ok(())
    }

    /// The (cell, seat) pairs held at `resource` in `cells`.
    pub fn held_cells(&self, resource: i64, cells: std::ops::Range<i64>) -> Result<Vec<(i64, u32)>, StoreError> {
        let mut stmt = self
            .prepare_cached("SELECT cell, seat FROM appt_cells WHERE resource_id = ?1 AND cell >= ?2 AND cell < ?3")?;
        let rows = stmt.query_map(params![resource, cells.start, cells.end], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn booking_by_code(&self, code: &str) -> Result<Option<BookingRow>, StoreError> {
        Ok(self
            .prepare_cached(&format!("{BOOKING_SELECT} WHERE a.code = ?1"))?
            .query_row([code], booking_row)
            .optional()?)
    }

    pub fn booking_by_portal_id(&self, portal_id: &str) -> Result<Option<BookingRow>, StoreError> {
        Ok(self
            .prepare_cached(&format!("{BOOKING_SELECT} WHERE a.portal_id = ?1"))?
            .query_row([portal_id], booking_row)
            .optional()?)
    }

    /// Bookings starting in [`from`, `to`) (RFC 3339 UTC), optionally at one resource, by start.
    pub fn bookings_between(&self, from: &str, to: &str, resource: Option<i64>) -> Result<Vec<BookingRow>, StoreError> {
        let mut stmt = self.prepare_cached(&format!(
            "{BOOKING_SELECT} WHERE a.start_at >= ?1 AND a.start_at < ?2 AND (?3 IS NULL OR a.resource_id = ?3)
             ORDER BY a.start_at, r.position, a.id"
        ))?;
        let rows = stmt.query_map(params![from, to, resource], booking_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A citizen's bookings, newest first.
    pub fn bookings_of_citizen(&self, citizen: i64, limit: u32) -> Result<Vec<BookingRow>, StoreError> {
        let mut stmt = self
            .prepare_cached(&format!("{BOOKING_SELECT} WHERE a.citizen_id = ?1 ORDER BY a.start_at DESC LIMIT ?2"))?;
        let rows = stmt.query_map(params![citizen, limit], booking_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sets status (and check-in time) if the booking is still at `version`; false when a
    /// colleague changed it meanwhile.
    pub fn set_booking_status(
        &self,
        id: i64,
        version: i64,
        status: &str,
        checked_in_at: Option<&str>,
    ) -> Result<bool, StoreError> {
        let n = self.prepare_cached(
            "UPDATE appointments SET status = ?3, checked_in_at = coalesce(?4, checked_in_at), version = version + 1
             WHERE id = ?1 AND version = ?2",
        )?
        .execute(params![id, version, status, checked_in_at])?;
        Ok(n == 1)
    }

    /// Moves a booking to another time or resource, if still at `version`.
    pub fn move_booking(
        &self,
        id: i64,
        version: i64,
        resource: i64,
        start: &str,
        end: &str,
    ) -> Result<bool, StoreError> {
        let n = self
            .prepare_cached(
                "UPDATE appointments SET resource_id = ?3, start_at = ?4, end_at = ?5, version = version + 1
             WHERE id = ?1 AND version = ?2",
            )?
            .execute(params![id, version, resource, start, end])?;
        Ok(n == 1)
    }

    pub fn link_booking_case(&self, id: i64, case_id: i64) -> Result<(), StoreError> {
        self.prepare_cached("UPDATE appointments SET case_id = ?2, version = version + 1 WHERE id = ?1")?
            .execute(params![id, case_id])?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments, reason = "the columns of one row, each named at the call")]
    pub fn booking_event(
        &self,
        booking: i64,
        at: &str,
        user: Option<UserId>,
        actor: &str,
        action: &str,
        status: (Option<&str>, Option<&str>),
        detail: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.prepare_cached(
            "INSERT INTO appt_history (appointment_id, at, user_id, actor, action, from_status, to_status, detail, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![booking, at, user.map(|u| u.0), actor, action, status.0, status.1, detail, reason])?;
        Ok(())
    }

    pub fn booking_history(&self, booking: i64) -> Result<Vec<BookingEvent>, StoreError> {
        let mut stmt = self.prepare_cached(
            "SELECT at, actor, action, from_status, to_status, detail, reason FROM appt_history
             WHERE appointment_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([booking], |r| {
            Ok(BookingEvent {
                at: r.get::<_, Instant>(0)?.0,
                actor: r.get(1)?,
                action: r.get(2)?,
                from_status: r.get(3)?,
                to_status: r.get(4)?,
                detail: r.get(5)?,
                reason: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Reminders into the outbox for bookings starting in [`from`, `to`) and still booked; a
    /// moved booking gets a new reminder (the key carries the start).
    pub fn generate_reminders(&self, now: &str, from: &str, to: &str) -> Result<super::NoticeCounts, StoreError> {
        let select = "SELECT 'appointment:' || a.id || ':' || a.start_at, 'appointment_reminder', a.case_id,
                    'citizen:' || a.citizen_id,
                    json_object('code', a.code, 'service', s.code, 'start', a.start_at, 'resource', r.name,
                                'meeting_url', a.meeting_url)
             FROM appointments a JOIN services s ON s.id = a.service_id JOIN appt_resources r ON r.id = a.resource_id
             WHERE a.status = 'booked' AND a.start_at >= ?2 AND a.start_at < ?3";
        let due: i64 =
            self.query_row(&format!("SELECT count(*) FROM ({select})"), params![now, from, to], |r| r.get(0))?;
        let new = self.execute(
            &format!(
                "INSERT INTO outbox (key, kind, case_id, recipient, payload, created_at)
                 SELECT n.*, ?1 FROM ({select}) n WHERE true ON CONFLICT (key) DO NOTHING"
            ),
            params![now, from, to],
        )?;
        let new = u64::try_from(new).unwrap_or(0);
        Ok(super::NoticeCounts { new, already: u64::try_from(due).unwrap_or(0).saturating_sub(new) })
    }
}

/// What the contention benchmark checks after the fact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DoubleBookingReport {
    /// Pairs of bookings that hold their time at one resource and overlap, beyond its capacity
    /// (capacity 1: any overlap).
    pub overlapping_pairs: i64,
    /// The most bookings that ever held one slot of a capacity-1 resource at once, replaying
    /// every booking's history (book, cancel) in commit order.
    pub max_held_at_once: i64,
}

impl Tx<'_> {
    pub fn booking_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self.query_row("SELECT count(*) FROM appointments", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Checks the bookings of capacity-1 resources for double booking, now and in history.
    pub fn double_booking_report(&self) -> Result<DoubleBookingReport, StoreError> {
        let overlapping_pairs = self.query_row(
            // Each overlapping pair once: b starts within a (ties by id), so the (resource,
            // start) index finds b in a short range instead of comparing every pair.
            "SELECT count(*) FROM appointments a JOIN appointments b
               ON b.resource_id = a.resource_id AND b.start_at >= a.start_at AND b.start_at < a.end_at
              AND (b.start_at > a.start_at OR b.id > a.id)
             JOIN appt_resources r ON r.id = a.resource_id
             WHERE a.status <> 'cancelled' AND b.status <> 'cancelled' AND r.capacity = 1",
            [],
            |r| r.get(0),
        )?;
        // Replay: each booking holds its (resource, start) from its 'book' event to its 'cancel';
        // the bench never moves bookings, so start and resource are the booking's own.
        let max_held_at_once = self.query_row(
            "WITH ev AS (
                SELECT h.id, a.resource_id, a.start_at,
                       CASE h.action WHEN 'book' THEN 1 WHEN 'cancel' THEN -1 ELSE 0 END AS delta
                FROM appt_history h JOIN appointments a ON a.id = h.appointment_id
                JOIN appt_resources r ON r.id = a.resource_id
                WHERE h.action IN ('book', 'cancel') AND r.capacity = 1),
             running AS (
                SELECT sum(delta) OVER (PARTITION BY resource_id, start_at ORDER BY id) AS held FROM ev)
             SELECT coalesce(max(held), 0) FROM running",
            [],
            |r| r.get(0),
        )?;
        Ok(DoubleBookingReport { overlapping_pairs, max_held_at_once })
    }
}
