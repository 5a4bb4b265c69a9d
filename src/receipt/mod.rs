//! The receipt a citizen takes home after filing: what was filed, when, under which reference
//! number, what was handed over, what it costs and how to follow the case. In Czech, since it is
//! an official paper of a Czech office. Rendered as plain text (an A4 sheet or a receipt printer),
//! as a PDF, or piped to the configured printer command.
//!
//! The layout is decided once here ([`sections`]); the text and PDF renderers only place it.

mod pdf;
mod print;
mod text;

pub use pdf::render_pdf;
pub use print::print;
pub use text::{WIDTH, render_text};

use crate::domain::dates::{format_date, format_time};
use crate::domain::money::format_czk;
use chrono::{NaiveDate, NaiveDateTime};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub office_name: String,
    pub office_designation: String,
    pub office_address: Option<String>,
    /// As shown: `+420 465 503 111`.
    pub office_phone: Option<String>,
    pub office_web: Option<String>,
    pub reference_number: String,
    /// When the filing was received, office time (Europe/Prague).
    pub filed_at_local: NaiveDateTime,
    /// The life situation's Czech name.
    pub situation: String,
    /// The department that handles it, Czech name.
    pub department: String,
    /// The filer; `None` for an anonymous filing (a report of a pothole, say).
    pub citizen: Option<String>,
    pub documents: Documents,
    /// `None`: the filing is free of charge.
    pub fee: Option<FeeInfo>,
    /// `None` while the deadline clock is suspended, or for a situation without proceedings.
    pub deadline: Option<NaiveDate>,
    pub how_to_follow: String,
}

/// What the receipt says about documents. Only what a clerk recorded as handed over is printed as
/// handed over: a receipt is evidence, and listing the catalogue's checklist as "handed over" would
/// certify papers nobody saw. When nothing was recorded, the checklist is printed under its own
/// heading, which still tells the citizen what the office needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Documents {
    /// The attachments' names as recorded on the case.
    HandedOver(Vec<String>),
    /// Nothing recorded: the situation's list of documents to bring.
    Checklist(Vec<String>),
}

impl Documents {
    /// The names, whichever kind.
    #[must_use]
    pub fn names(&self) -> &[String] {
        match self {
            Documents::HandedOver(v) | Documents::Checklist(v) => v,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeInfo {
    pub claimed: i64,
    pub paid: i64,
    /// `claimed - paid`; negative when overpaid.
    pub owed: i64,
    /// Where and how to pay, and the rule of the fee when it is not flat; empty when nothing is owed.
    pub how_to_pay: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    #[error("the embedded font cannot be read")]
    Font,
    #[error("cannot write the PDF: {0}")]
    Pdf(String),
    #[error("no printer is configured: set [printer] command in the config file")]
    NoPrinter,
    #[error("printer command `{command}` was not found (exit 127){detail}")]
    PrinterMissing { command: String, detail: String },
    #[error("printer command `{command}` failed ({status}){detail}")]
    PrinterFailed { command: String, status: String, detail: String },
    #[error("cannot run printer command `{command}`: {message}")]
    PrinterIo { command: String, message: String },
}

/// The document's title, on paper and in the PDF's metadata.
pub const TITLE: &str = "Potvrzení o přijetí podání";

/// One labelled block of the receipt: `Číslo jednací:` and its value, or a heading for a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    pub label: &'static str,
    /// Each entry starts a new line; long entries are wrapped by the renderer.
    pub values: Vec<String>,
    /// List items get a dash, so a wrapped item is told from the next.
    pub list: bool,
}

fn line(label: &'static str, value: String) -> Section {
    Section { label, values: vec![value], list: false }
}

/// The header lines: the office, its address and contacts.
pub(crate) fn office_lines(r: &Receipt) -> Vec<String> {
    let mut v = vec![r.office_name.clone()];
    v.extend(r.office_address.clone());
    let contacts: Vec<String> =
        [r.office_phone.as_ref().map(|p| format!("tel. {p}")), r.office_web.clone()].into_iter().flatten().collect();
    if !contacts.is_empty() {
        v.push(contacts.join(", "));
    }
    v
}

/// `1 250 Kč, zaplaceno 500 Kč, zbývá 750 Kč`, said naturally for each state of payment.
pub(crate) fn fee_summary(f: &FeeInfo) -> String {
    let claimed = format_czk(f.claimed);
    match (f.paid, f.owed) {
        (0, _) => format!("{claimed}, dosud nezaplaceno"),
        (_, 0) => format!("{claimed}, zaplaceno v plné výši"),
        (paid, owed) if owed < 0 => {
            format!("{claimed}, zaplaceno {}, přeplatek {}", format_czk(paid), format_czk(-owed))
        }
        (paid, owed) => format!("{claimed}, zaplaceno {}, zbývá {}", format_czk(paid), format_czk(owed)),
    }
}

/// The body of the receipt, in reading order.
pub(crate) fn sections(r: &Receipt) -> Vec<Section> {
    let when = format!("{} {}", format_date(r.filed_at_local.date()), format_time(r.filed_at_local.time()));
    let mut v = vec![line("Číslo jednací:", r.reference_number.clone()), line("Datum:", when)];
    if let Some(c) = &r.citizen {
        v.push(line("Podatel:", c.clone()));
    }
    v.push(line("Životní situace:", r.situation.clone()));
    v.push(line("Vyřizuje:", r.department.clone()));
    let (label, names) = match &r.documents {
        Documents::HandedOver(n) => ("Předané doklady:", n),
        Documents::Checklist(n) => ("Potřebné doklady:", n),
    };
    if names.is_empty() {
        v.push(line(label, "žádné".into()));
    } else {
        v.push(Section { label, values: names.clone(), list: true });
    }
    match &r.fee {
        None => v.push(line("Poplatek:", "bez poplatku".into())),
        Some(f) => {
            v.push(line("Poplatek:", fee_summary(f)));
            if !f.how_to_pay.is_empty() {
                v.push(line("Jak zaplatit:", f.how_to_pay.clone()));
            }
        }
    }
    let deadline = r.deadline.map_or_else(|| "bude oznámena".to_owned(), |d| format!("do {}", format_date(d)));
    v.push(line("Lhůta pro vyřízení:", deadline));
    v
}

/// Breaks `text` into lines of at most `width` characters at spaces; a word longer than the line
/// (a URL) is cut rather than run past the edge of the paper.
///
/// Every piece of text a receipt shows passes here, so here a control character that reached the
/// store before the rule refused it is made visible (`\e`), never sent raw to a printer.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = crate::domain::plain::escape(text);
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let cur_len = cur.chars().count();
            let sep = usize::from(cur_len > 0);
            if cur_len + sep + word.len() <= width {
                if sep == 1 {
                    cur.push(' ');
                }
                cur.extend(word.iter());
                break;
            }
            if cur_len > 0 {
                lines.push(std::mem::take(&mut cur));
                continue;
            }
            lines.push(word.drain(..width).collect());
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    #[allow(clippy::unwrap_used, reason = "a test fixture with fixed, valid dates")]
    pub fn receipt(fee: Option<FeeInfo>) -> Receipt {
        Receipt {
            office_name: "Městský úřad Lipnice nad Orlicí".into(),
            office_designation: "MULO".into(),
            office_address: Some("Masarykovo náměstí 1, 565 71 Lipnice nad Orlicí".into()),
            office_phone: Some("+420 465 503 111".into()),
            office_web: Some("https://www.mesto-lipnice.cz".into()),
            reference_number: "MULO-00042/2026/OSA".into(),
            filed_at_local: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(9, 30, 0).unwrap(),
            situation: "Občanský průkaz – žádost o vydání".into(),
            department: "Odbor správních agend".into(),
            citizen: Some("Jiřina Dvořáková".into()),
            documents: Documents::HandedOver(vec![
                "dosavadní občanský průkaz".into(),
                "oddací list (doklad o změně příjmení, ověřená kopie ze dne 3. 11. 2026)".into(),
            ]),
            fee,
            deadline: NaiveDate::from_ymd_opt(2026, 12, 21),
            how_to_follow: "Stav podání sledujte na https://www.mesto-lipnice.cz pod číslem jednacím \
                            MULO-00042/2026/OSA, nebo na telefonu +420 465 503 111."
                .into(),
        }
    }

    pub fn partly_paid() -> FeeInfo {
        FeeInfo {
            claimed: 1250,
            paid: 500,
            owed: 750,
            how_to_pay: "V hotovosti nebo kartou na pokladně úřadu, nebo převodem na účet 19-2701458312/0100; \
                         do zprávy pro příjemce uveďte číslo jednací."
                .into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_cuts_overlong_words() {
        assert_eq!(wrap("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("https://example.cz/abc", 10), vec!["https://ex", "ample.cz/a", "bc"]);
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(wrap("čř žů", 5), vec!["čř žů"]);
    }

    #[test]
    fn the_fee_is_said_for_each_state_of_payment() {
        let f = |claimed, paid| FeeInfo { claimed, paid, owed: claimed - paid, how_to_pay: String::new() };
        assert_eq!(fee_summary(&f(1250, 0)), "1 250 Kč, dosud nezaplaceno");
        assert_eq!(fee_summary(&f(1250, 500)), "1 250 Kč, zaplaceno 500 Kč, zbývá 750 Kč");
        assert_eq!(fee_summary(&f(1250, 1250)), "1 250 Kč, zaplaceno v plné výši");
        assert_eq!(fee_summary(&f(100, 150)), "100 Kč, zaplaceno 150 Kč, přeplatek 50 Kč");
    }
}
