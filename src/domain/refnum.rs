//! (being written on the domain-rules branch; this minimal form lets the rest build)
pub const DEFAULT_PATTERN: &str = "{office}-{seq:05}/{year}/{dept}";
#[derive(Debug, Clone, Default)]
pub struct RefPattern;
impl RefPattern {
    /// # Errors
    /// never, in this placeholder
    pub fn parse(_s: &str) -> Result<RefPattern, String> {
        Ok(RefPattern)
    }
    #[must_use]
    pub fn format(&self, office: &str, seq: u64, year: i32, dept: &str) -> String {
        format!("{office}-{seq:05}/{year}/{dept}")
    }
}
