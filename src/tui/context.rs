//! What every screen may use besides its own state: the desk, the language, the theme, who is
//! logged in and the message line. It knows no screen, so any screen can take it.

use super::theme::Theme;
use crate::desk::{Actor, Desk, DeskError};
use crate::i18n::Tr;
use crate::receipt::ReceiptError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Success,
    Error,
}

/// One message in one place; it stays until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub kind: MessageKind,
    pub text: String,
}

/// The workstation's shared state, handed to each screen's `load`, `update` and `view`.
pub struct Ctx {
    pub desk: Desk,
    pub tr: Tr,
    pub theme: Theme,
    pub session: Option<Actor>,
    pub message: Option<Message>,
    pub is_demo: bool,
    /// No account exists yet: the login screen says how an administrator makes one.
    pub no_accounts: bool,
}

impl Ctx {
    /// A desk's context: its language, whether it is the demo, whether it has accounts.
    #[must_use]
    pub fn new(desk: Desk, theme: Theme) -> Ctx {
        let tr = Tr::new(desk.config().language);
        let is_demo = desk.is_demo().unwrap_or(false);
        let mut desk = desk;
        let no_accounts = !desk.has_accounts().unwrap_or(true);
        Ctx { desk, tr, theme, session: None, message: None, is_demo, no_accounts }
    }

    /// Puts a desk error on the message line, in the UI's language where it has an id.
    pub fn set_error(&mut self, e: &DeskError) {
        let text = match e {
            DeskError::Invalid { message_id, field, message } => {
                let t = self.tr.t(message_id);
                if t == *message_id { format!("{field}: {message}") } else { t }
            }
            DeskError::BadLogin => self.tr.t("err-login"),
            DeskError::Disabled(_) => self.tr.t("err-login-disabled"),
            DeskError::LoginWait { seconds } => self.tr.ta("err-login-wait", &[("seconds", (*seconds).into())]),
            DeskError::LockedOut => self.tr.t("err-login-locked"),
            DeskError::Forbidden(_) => self.tr.t("err-forbidden"),
            DeskError::Receipt(ReceiptError::NoPrinter) => self.tr.t("intake-no-printer"),
            // The printer's own words (not found, its exit status and stderr) say what to fix.
            DeskError::Receipt(e) => e.to_string(),
            DeskError::Io(text) => text.clone(),
            other => format!("{}: {other}", self.tr.t("err-generic")),
        };
        self.message = Some(Message { kind: MessageKind::Error, text });
    }

    /// Puts a translated message on the message line.
    pub fn info(&mut self, kind: MessageKind, id: &str) {
        self.message = Some(Message { kind, text: self.tr.t(id) });
    }
}
