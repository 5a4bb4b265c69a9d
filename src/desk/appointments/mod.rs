//! Appointments at the desk: booking a visit and what follows it (`booking`), the plan and the
//! free slots it gives (`slots`), and looking at bookings: a day, a code, the waiting list (`views`).

pub mod booking;
pub mod slots;
pub mod views;
