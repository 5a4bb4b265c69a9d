//! (being written)
pub fn run(_desk: crate::desk::Desk) -> std::io::Result<()> {
    Ok(())
}
