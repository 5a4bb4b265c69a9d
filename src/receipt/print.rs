//! Sending the receipt to the printer command from the config (`lp -d counter1`, `lpr`, or any
//! filter chain), through `sh -c` so the office can write pipes and options as in a terminal.

use super::ReceiptError;
use std::io::Write;
use std::process::Stdio;

/// Pipes `text` into `command` run by `sh -c` and waits for it.
///
/// # Errors
/// No command, a command the shell cannot find (exit 127), a non-zero exit or a signal (with the
/// command's own error output), or a failure to start the shell.
pub fn print(command: &str, text: &str) -> Result<(), ReceiptError> {
    if command.trim().is_empty() {
        return Err(ReceiptError::NoPrinter);
    }
    let io = |e: std::io::Error| ReceiptError::PrinterIo { command: command.to_owned(), message: e.to_string() };
    // Never with the store's group: the command comes from a configuration file.
    let mut child = crate::door::spawn::command("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        // The printer's chatter (`request id is …`) is not ours to show; its errors are.
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(io)?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that exits without reading closes the pipe; its exit status says why, so a
        // broken pipe here is not the error to report.
        if let Err(e) = stdin.write_all(text.as_bytes()) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                return Err(io(e));
            }
        }
    }
    let out = child.wait_with_output().map_err(io)?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let detail = match stderr.trim() {
        "" => String::new(),
        s => format!(": {}", s.lines().take(3).collect::<Vec<_>>().join(" / ")),
    };
    let command = command.to_owned();
    match out.status.code() {
        // POSIX shells exit 127 for a command they cannot find.
        Some(127) => Err(ReceiptError::PrinterMissing { command, detail }),
        Some(code) => Err(ReceiptError::PrinterFailed { command, status: format!("exit {code}"), detail }),
        None => Err(ReceiptError::PrinterFailed { command, status: "killed by a signal".into(), detail }),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;

    #[test]
    fn the_text_reaches_the_command() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("out.txt");
        print(&format!("cat > '{}'", file.display()), "Číslo jednací: X\n").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "Číslo jednací: X\n");
    }

    #[test]
    fn a_failing_command_is_reported_with_its_status() {
        let e = print("false", "x").unwrap_err();
        assert!(matches!(&e, ReceiptError::PrinterFailed { status, .. } if status == "exit 1"), "{e:?}");
        let e = print("echo 'out of paper' >&2; exit 3", "x").unwrap_err().to_string();
        assert!(e.contains("exit 3") && e.contains("out of paper"), "{e}");
    }

    #[test]
    fn a_missing_program_is_named() {
        let e = print("no-such-printer-program-xyz -d desk", "x").unwrap_err();
        assert!(matches!(e, ReceiptError::PrinterMissing { .. }), "{e:?}");
        assert!(e.to_string().contains("no-such-printer-program-xyz"), "{e}");
    }

    #[test]
    fn no_command_means_no_printer() {
        assert!(matches!(print("  ", "x"), Err(ReceiptError::NoPrinter)));
    }
}
