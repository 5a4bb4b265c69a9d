//! A case's deadline as the list and the detail both show it.

use crate::domain::case::CaseStatus;
use crate::domain::dates::format_date;
use crate::domain::deadline::working_days_left;
use crate::tui::context::Ctx;
use chrono::NaiveDate;
use ratatui::style::Style;

/// The deadline as a word, a symbol and a colour: red overdue, yellow within the warning period,
/// green on time, grey when the case is no longer open.
#[must_use]
pub fn deadline_cell(ctx: &Ctx, status: CaseStatus, deadline: Option<&str>) -> (String, Style) {
    let open = status.is_open();
    let Some(d) = deadline.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) else {
        return (ctx.tr.t("deadline-none"), ctx.theme.dim());
    };
    if !open {
        return (format!("– {}", format_date(d)), ctx.theme.dim());
    }
    let left = working_days_left(ctx.desk.clock().today(), d);
    let warn = i64::from(ctx.desk.config().warn_working_days);
    if left < 0 {
        (format!("✖ {}", ctx.tr.ta("deadline-overdue", &[("days", (-left).into())])), ctx.theme.overdue())
    } else if left <= warn {
        (format!("! {}", ctx.tr.ta("deadline-left", &[("days", left.into())])), ctx.theme.due_soon())
    } else {
        (format!("✔ {}", format_date(d)), ctx.theme.on_time())
    }
}
