//! (being written on the catalogue branch; this minimal form lets the rest build)
pub const MALE_GIVEN: &[&str] = &["Jan", "Petr"];
pub const FEMALE_GIVEN: &[&str] = &["Jana", "Eva"];
pub const FAMILY_MALE: &[&str] = &["Novák", "Dvořák"];
pub const STREETS: &[&str] = &["Masarykova", "Nádražní"];
pub const TOWN: &str = "Lipnice nad Orlicí";
pub const POSTCODE: &str = "565 01";
#[must_use]
pub fn female_surname(male: &str) -> String {
    format!("{male}ová")
}
