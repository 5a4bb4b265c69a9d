//! What the intake reads and writes outside the store: an attachment's size and checksum, and
//! the receipt sent to the printer.

use super::State;
use crate::tui::context::{Ctx, MessageKind};

/// A file the clerk names (an electronic filing on a stick, a scan): recorded by name, size and
/// SHA-256, never copied. Empty means no attachment.
///
/// # Errors
///
/// The path and the reason when the file cannot be opened or read.
pub fn attachment(path: &str) -> Result<Option<crate::desk::NewAttachment>, String> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let path = path.trim();
    if path.is_empty() {
        return Ok(None);
    }
    let p = std::path::Path::new(path);
    let mut file = std::fs::File::open(p).map_err(|e| format!("{path}: {e}"))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(|e| format!("{path}: {e}"))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    let name = p.file_name().map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned());
    let sha256 = crate::domain::text::hex(&hasher.finalize());
    Ok(Some(crate::desk::NewAttachment { name, size, sha256 }))
}

pub fn print_receipt(ctx: &mut Ctx, st: &State) {
    let Some(filed) = st.filed.clone() else { return };
    let Some(actor) = ctx.session.clone() else { return };
    let Some(command) = ctx.desk.config().printer_command.clone() else {
        return ctx.info(MessageKind::Error, "intake-no-printer");
    };
    match ctx.desk.receipt(&actor, &filed.reference_number, crate::desk::ReceiptFormat::Printer) {
        Ok(r) => match crate::receipt::print(&command, &crate::receipt::render_text(&r)) {
            Ok(()) => ctx.info(MessageKind::Success, "intake-printed"),
            Err(e) => {
                ctx.message = Some(crate::tui::context::Message { kind: MessageKind::Error, text: e.to_string() });
            }
        },
        Err(e) => ctx.set_error(&e),
    }
}
