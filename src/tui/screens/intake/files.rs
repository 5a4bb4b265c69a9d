//! What the intake reads and writes outside the store: an attachment the clerk names, and the
//! receipt sent to the printer (both done by the desk).

use super::State;
use crate::desk::{DeskError, NewAttachment};
use crate::tui::context::{Ctx, MessageKind};

/// A file the clerk names (an electronic filing on a stick, a scan): recorded by name, size and
/// SHA-256 ([`NewAttachment::from_file`]), never copied. Empty means no attachment.
pub fn attachment(path: &str) -> Result<Option<NewAttachment>, DeskError> {
    let path = path.trim();
    if path.is_empty() {
        return Ok(None);
    }
    NewAttachment::from_file(std::path::Path::new(path)).map(Some)
}

/// `p` on the result: the filing's receipt to the printer.
pub fn print_receipt(ctx: &mut Ctx, st: &State) {
    let Some(filed) = st.filed.clone() else { return };
    let Some(actor) = ctx.session.clone() else { return };
    match ctx.desk.print_receipt(&actor, &filed.reference_number) {
        Ok(()) => ctx.info(MessageKind::Success, "intake-printed"),
        Err(e) => ctx.set_error(&e),
    }
}
