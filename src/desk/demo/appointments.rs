//! Demo bookings: the next days of every counter partly booked, and today's visits already
//! served, checked in, late or not shown, so the day view has something to show.

use crate::desk::appointments::booking::{BookingRequest, CitizenRef, book_in_tx};
use crate::desk::appointments::slots::day_free;
use crate::desk::{Actor, Desk, DeskError};
use crate::domain::appointments::{BookingStatus, Edge, Window, local_instant};
use crate::domain::case::Channel;
use crate::domain::ids::CitizenId;
use crate::store::codec::utc_text;
use chrono::{Days, Duration};
use rand::Rng;
use rand::rngs::StdRng;

/// Days ahead the demo books.
const DAYS: u64 = 10;
/// The share of free slots the demo books.
const FILL: f64 = 0.35;

impl Desk {
    /// Gives the demo official (`referent`) the registry counter as "my day", and books up to
    /// `max` visits through the same booking code the counter uses.
    #[allow(clippy::too_many_lines, reason = "the demo's appointment day, built step by step")]
    pub(crate) fn demo_bookings(
        &mut self,
        clerk: &Actor,
        citizens: &[CitizenId],
        rng: &mut StdRng,
        max: u32,
    ) -> Result<u32, DeskError> {
        let now_s = self.now_str();
        let today = self.clock.today();
        let now = self.clock.now();
        // The demo books from the start of today, as if the bookings had been made earlier.
        let morning = local_instant(today, 0, Edge::Start);
        let pattern = self.config.meeting_link.clone();
        self.store.write(|tx| {
            let mut sp = tx.load_plan()?;
            if let Some(m1) = sp.plan.resources.iter_mut().find(|r| r.code == "M1")
                && tx.user_by_name("referent")?.is_some()
            {
                m1.user = Some("referent".into());
                tx.replace_plan(&sp.plan)?;
            }
            let mut booked = 0u32;
            if citizens.is_empty() {
                return Ok(0);
            }
            'days: for d in 0..DAYS {
                let day = today + Days::new(d);
                for rules in &sp.plan.services {
                    let resources: Vec<_> = sp.plan.resources_for(&rules.code).collect();
                    // Booked as if the minimum notice before the morning: today's slots can be
                    // taken, and the booking's own window check agrees with the listing.
                    let booked_at = morning - Duration::minutes(i64::from(rules.min_notice_min));
                    let window = Window::of(rules, booked_at);
                    for slot in day_free(tx, &sp, rules, &resources, day, window)? {
                        if booked >= max {
                            break 'days;
                        }
                        if !rng.random_bool(FILL) {
                            continue;
                        }
                        let citizen = citizens[rng.random_range(0..citizens.len())];
                        let req = BookingRequest {
                            service: rules.code.clone(),
                            start: slot.start,
                            resource: Some(slot.resource.clone()),
                            citizen: CitizenRef::Existing(citizen),
                            channel: if rng.random_bool(0.3) { Channel::Phone } else { Channel::Counter },
                            note: String::new(),
                            portal_id: None,
                        };
                        let b = match book_in_tx(tx, clerk, &req, None, booked_at, &now_s, &pattern) {
                            Ok(b) => b,
                            // Another service's visit took the time meanwhile.
                            Err(DeskError::SlotTaken { .. }) => continue,
                            Err(e) => return Err(e),
                        };
                        booked += 1;
                        if slot.end <= now {
                            let roll: f64 = rng.random();
                            let (status, in_at) = if roll < 0.75 {
                                (BookingStatus::Served, Some(utc_text(slot.start - Duration::minutes(3))))
                            } else if roll < 0.9 {
                                (BookingStatus::NoShow, None)
                            } else {
                                (BookingStatus::Booked, None)
                            };
                            tx.set_booking_status(b.id, b.version, status.as_str(), in_at.as_deref())?;
                        } else if slot.start <= now {
                            let in_at = utc_text(slot.start - Duration::minutes(2));
                            tx.set_booking_status(b.id, b.version, BookingStatus::CheckedIn.as_str(), Some(&in_at))?;
                        }
                    }
                }
            }
            Ok::<_, DeskError>(booked)
        })
    }
}
