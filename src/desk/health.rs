//! Whether the store may take writes: the check a command runs before it changes anything
//! ([`crate::store::Store::write_check`]).

use super::Desk;

impl Desk {
    /// What is damaged in the store, as far as the check before a write looks: empty when sound.
    /// `full` runs SQLite's whole quick check whatever the store's size (a bulk import); without
    /// it a big store gets the structural check, which costs milliseconds.
    #[must_use]
    pub fn write_check(&self, full: bool) -> Vec<String> {
        self.store.write_check(full)
    }
}
