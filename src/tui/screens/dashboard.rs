//! The dashboard: the office at a glance.
//!
//! ```text
//! Otevřené: 412 případů   Po lhůtě: 37 případů   Lhůta do 5 prac. dnů: 51 případů
//! podle stavu …                     Občanů v evidenci …   Nejbližší svátek …
//! ```

use crate::desk::{Dashboard, DeskError};
use crate::domain::dates::format_date;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

#[derive(Debug, Default)]
pub struct State {
    pub data: Option<Dashboard>,
}

pub fn load(ctx: &mut Ctx, st: &mut State) -> Result<(), DeskError> {
    st.data = Some(ctx.desk.dashboard()?);
    Ok(())
}

pub fn view(ctx: &Ctx, st: &State, f: &mut Frame<'_>, area: Rect) {
    let block = Block::new().borders(Borders::ALL).title(format!(" {} ", ctx.tr.t("screen-dashboard")));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(d) = &st.data else { return };
    let count = |n: i64| ctx.tr.ta("cases-count", &[("count", n.into())]);
    let label = |k: &str| Span::styled(format!("{}: ", ctx.tr.t(k)), ctx.theme.dim());
    let mut lines = vec![
        Line::from(vec![label("dash-open"), Span::styled(count(d.open), ctx.theme.title())]),
        Line::from(vec![label("dash-overdue"), Span::styled(format!("✖ {}", count(d.overdue)), ctx.theme.overdue())]),
        Line::from(vec![
            Span::styled(
                format!("{}: ", ctx.tr.ta("dash-due-soon", &[("days", ctx.desk.config().warn_working_days.into())])),
                ctx.theme.dim(),
            ),
            Span::styled(format!("! {}", count(d.due_soon)), ctx.theme.due_soon()),
        ]),
        Line::raw(""),
        Line::styled(ctx.tr.t("dash-by-status"), ctx.theme.title()),
    ];
    for (status, n) in &d.by_status {
        lines.push(Line::raw(format!("  {:<14} {}", ctx.tr.t(&format!("status-{status}")), count(*n))));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        label("dash-citizens"),
        Span::raw(ctx.tr.ta("citizens-count", &[("count", d.citizens.into())])),
    ]));
    if let Some(h) = &d.next_holiday {
        lines.push(Line::from(vec![
            label("dash-next-holiday"),
            Span::raw(format!("{} {}", format_date(h.date), h.name.get(ctx.tr.lang()))),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
