//! Appointments at the desk: booking a visit and what follows it (`booking`), the plan and the
//! free slots it gives (`slots`), what happens to a booking after
//! (`actions`), and looking at bookings: a day, a code, the waiting list (`views`).

pub mod actions;
pub mod booking;
pub mod slots;
pub mod views;
