//! `clerkdesk bench tui`: one key press in the workstation, update and redraw, timed on the
//! store given with `--db`. The `App` is the one `clerkdesk` runs (same `Desk`, same config, same
//! theme); only the terminal is ratatui's `TestBackend` at 80×24, so the draw is the full
//! `view::draw` into a buffer and the flush costs nothing (a real terminal adds its own write).

use super::{Timing, timing};
use crate::cli::{CliResult, Failure, Global, print_json, say};
use crate::tui::action::{Action, Filter};
use crate::tui::app::App;
use crate::tui::screens::ScreenId;
use crate::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde::Serialize;
use std::time::{Duration, Instant};

#[derive(Debug, Serialize)]
struct Report {
    keys: Vec<Timing>,
    /// From /proc/self/status after the session: the peak and the current resident memory.
    vm_hwm_kb: Option<u64>,
    vm_rss_kb: Option<u64>,
}

struct Session {
    app: App,
    term: Terminal<TestBackend>,
}

impl Session {
    /// One key press as the event loop handles it: the update, then a full redraw.
    fn press(&mut self, action: Action) -> Result<Duration, Failure> {
        let t = Instant::now();
        self.app.update(action);
        let app = &self.app;
        self.term.draw(|f| crate::tui::view::draw(app, f)).map_err(|e| fail(&e.to_string()))?;
        Ok(t.elapsed())
    }
}

fn fail(message: &str) -> Failure {
    Failure { message: format!("bench tui: {message}"), code: 1 }
}

/// `kb` of a `Vm…:` line of /proc/self/status (Linux only; None elsewhere).
pub(crate) fn proc_status_kb(key: &str) -> Option<u64> {
    let text = crate::door::files::read_to_string(std::path::Path::new("/proc/self/status")).ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Fragments a clerk types: surnames and reference digits, letter by letter.
const TYPED: &[&str] = &["novak", "svob", "0042", "12/2026", "dvor", "kral"];

#[allow(
    clippy::too_many_lines,
    clippy::cast_precision_loss,
    reason = "one benchmark run, step by step; counts and durations become rates for the report"
)]
pub fn run(g: &Global, presses: usize, user: &str, json: bool) -> CliResult {
    let (mut desk, actor) = crate::cli::open_as(g)?;
    // Logged in without the password (a benchmark must not need one), as an administrator may act
    // for an account: the same actor a login makes, set as the session the login screen would set.
    let actor = desk.act_for(&actor, user)?;
    let mut app = App::new(desk, Theme::from_env());
    app.session = Some(actor);
    let term = Terminal::new(TestBackend::new(80, 24)).map_err(|e| fail(&e.to_string()))?;
    let mut s = Session { app, term };
    let n = presses.max(1);
    let mut keys = Vec::new();

    let open_list = vec![s.press(Action::GoTo(ScreenId::Cases))?];
    if s.app.cases.rows.is_empty() {
        return Err(fail("the case list is empty: run `clerkdesk demo` first"));
    }
    // Down from the top: a page is 100 rows, so this crosses keyset page boundaries.
    let mut down = Vec::with_capacity(n);
    for _ in 0..n {
        down.push(s.press(Action::Down)?);
    }
    let mut page_down = Vec::with_capacity(n);
    for _ in 0..n {
        page_down.push(s.press(Action::PageDown)?);
    }
    s.press(Action::Home)?;
    // Search as you type: `/`, the letters one by one (each a search), Esc, Esc (clears it).
    let (mut typing, mut clearing) = (Vec::new(), Vec::new());
    for word in TYPED.iter().cycle().take(n.div_ceil(5).max(TYPED.len())) {
        s.press(Action::Search)?;
        for c in word.chars() {
            typing.push(s.press(Action::Char(c))?);
        }
        s.press(Action::Back)?;
        clearing.push(s.press(Action::Back)?);
    }
    // Each filter key, round and round (status cycles through every status and back to all).
    let filters = [Filter::Scope, Filter::Status, Filter::Overdue, Filter::DueSoon, Filter::Sort];
    let mut filter = Vec::new();
    for f in filters.iter().cycle().take(n) {
        filter.push(s.press(Action::Filter(*f))?);
    }
    // Opening and closing a case, a different one each time.
    let (mut open, mut close) = (Vec::new(), Vec::new());
    for _ in 0..n.min(200) {
        s.press(Action::Down)?;
        open.push(s.press(Action::Open)?);
        if !s.app.cases.detail_open() {
            return Err(fail(&format!("Enter did not open a case: {:?}", s.app.message)));
        }
        close.push(s.press(Action::Back)?);
    }
    keys.push(timing("open the case list", open_list));
    keys.push(timing("Down (crossing 100-row pages)", down));
    keys.push(timing("PageDown", page_down));
    keys.push(timing("type a search letter", typing));
    keys.push(timing("Esc: clear the search", clearing));
    keys.push(timing("toggle a filter", filter));
    keys.push(timing("Enter: open a case", open));
    keys.push(timing("Esc: close the case", close));
    let report = Report { keys, vm_hwm_kb: proc_status_kb("VmHWM:"), vm_rss_kb: proc_status_kb("VmRSS:") };
    if json {
        return print_json(&report);
    }
    say!("{:<42} {:>6} {:>9} {:>9} {:>9}", "key press (update + draw 80x24)", "runs", "p50 ms", "p99 ms", "max ms");
    for r in &report.keys {
        say!("{:<42} {:>6} {:>9.3} {:>9.3} {:>9.3}", r.what, r.runs, r.p50_ms, r.p99_ms, r.max_ms);
    }
    let mb = |kb: Option<u64>| kb.map_or_else(|| "n/a".to_owned(), |k| format!("{:.1} MB", k as f64 / 1024.0));
    say!("resident memory: VmHWM {} (peak), VmRSS {} (now)", mb(report.vm_hwm_kb), mb(report.vm_rss_kb));
    Ok(())
}
