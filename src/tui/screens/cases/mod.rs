//! The case list: by role, filtered, searched as you type, paged by keyset so it stays instant at a
//! million cases; Enter opens a case, Space marks cases for a supervisor's bulk hand-over.
//!
//! ```text
//! Rozsah: odbor · Stav: vše · ✖ po lhůtě · Řazení: nejnovější     Hledat: novak
//! ▶ MULO-00800/2026/OF  přijato     ✖ po lhůtě 3 prac. d. Poplatek ze psů  Novák Jan
//! ```

mod deadline;
pub mod detail;
pub mod detail_view;
pub mod view;
use super::{Cursor, edit};
use crate::desk::CaseListRow;
use crate::desk::CaseSort;
use crate::desk::{CaseQuery, CaseScope, Cursor as SearchCursor, DeskError};
use crate::domain::case::CaseStatus;
use crate::domain::role::Role;
use crate::tui::action::{Action, Filter};
use crate::tui::app::{App, Message, MessageKind};
use crate::tui::widgets::form::{Field, Form};

use std::collections::BTreeSet;
use tui_input::Input;

/// Rows one page fetches.
const PAGE: u32 = 100;

#[derive(Debug, Default)]
pub struct State {
    pub query: CaseQuery,
    pub search: Input,
    /// `/` puts the focus in the search field; Esc or Enter takes it out.
    pub searching: bool,
    pub rows: Vec<CaseListRow>,
    pub next: Option<SearchCursor>,
    pub cursor: Cursor,
    /// Reference numbers marked for a bulk hand-over.
    pub marked: BTreeSet<String>,
    pub bulk: Option<Form>,
    pub detail: super::cases::detail::State,
    /// Life situations' names in the UI's language, by code (the rows carry the Czech one), and
    /// the language they are in: read once, not on every key of a search.
    pub situation_names: std::collections::HashMap<String, String>,
    pub names_lang: Option<crate::domain::lang::Lang>,
}

impl State {
    #[must_use]
    pub fn detail_open(&self) -> bool {
        self.detail.detail.is_some()
    }

    #[must_use]
    pub fn typing(&self) -> bool {
        self.searching || self.bulk.is_some() || self.detail.typing()
    }
}

/// The first page for the current query.
///
/// # Errors
/// A failing query.
pub fn load(app: &mut App) -> Result<(), DeskError> {
    let Some(actor) = app.ctx.session.clone() else { return Ok(()) };
    let lang = app.ctx.tr.lang();
    if app.cases.names_lang != Some(lang) {
        app.cases.situation_names = app
            .ctx
            .desk
            .directory()?
            .data
            .situations
            .into_iter()
            .map(|s| (s.code, s.name.get(lang).to_owned()))
            .collect();
        app.cases.names_lang = Some(lang);
    }
    let page = app.ctx.desk.list_cases(&actor, &app.cases.query, None, PAGE)?;
    app.cases.rows = page.rows;
    app.cases.next = page.next;
    app.cases.cursor.clamp(app.cases.rows.len());
    Ok(())
}

/// The next page, appended, when the clerk moves past the last row.
fn load_more(app: &mut App) {
    let (Some(actor), Some(after)) = (app.ctx.session.clone(), app.cases.next.clone()) else { return };
    match app.ctx.desk.list_cases(&actor, &app.cases.query, Some(&after), PAGE) {
        Ok(page) => {
            app.cases.rows.extend(page.rows);
            app.cases.next = page.next;
        }
        Err(e) => app.ctx.set_error(&e),
    }
}

/// Shows the list for a query (the watchdog's Enter).
pub fn show_query(app: &mut App, query: CaseQuery) {
    app.cases.search = Input::new(query.search.clone());
    app.cases.query = query;
    app.cases.cursor = Cursor::default();
    app.cases.detail = super::cases::detail::State::default();
    app.show(super::ScreenId::Cases);
}

fn reload(app: &mut App) {
    app.cases.cursor = Cursor::default();
    if let Err(e) = load(app) {
        app.ctx.set_error(&e);
    }
}

pub fn update(app: &mut App, action: Action) {
    if app.cases.detail_open() {
        if super::cases::detail::update(app, action) {
            let _ = load(app).map_err(|e| app.ctx.set_error(&e));
        }
        return;
    }
    if app.cases.bulk.is_some() {
        return bulk_update(app, action);
    }
    if app.cases.searching {
        match action {
            Action::Back | Action::Open => app.cases.searching = false,
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                app.cases.searching = false;
                update(app, action);
            }
            other => {
                if edit(&mut app.cases.search, other) {
                    app.cases.query.search = app.cases.search.value().to_owned();
                    reload(app);
                }
            }
        }
        return;
    }
    let len = app.cases.rows.len();
    if matches!(action, Action::Down | Action::PageDown | Action::End) && app.cases.cursor.selected + 1 >= len {
        load_more(app);
    }
    if app.cases.cursor.apply(action, app.cases.rows.len()) {
        return;
    }
    let selected = app.cases.rows.get(app.cases.cursor.selected).map(|r| r.reference_number.clone());
    match action {
        Action::Search => app.cases.searching = true,
        Action::Filter(f) => {
            toggle(app, f);
            reload(app);
        }
        Action::Open => {
            if let Some(r) = selected {
                super::cases::detail::open(app, &r);
            }
        }
        Action::Mark => mark(app, selected),
        Action::Menu if !app.cases.marked.is_empty() => {
            let t = |k: &str| app.ctx.tr.t(k);
            app.cases.bulk = Some(Form::new(vec![
                Field::text("department", t("case-department"), false),
                Field::text("official", t("case-official"), false),
                Field::text("reason", t("case-reason"), true),
            ]));
        }
        Action::Menu => {
            if let Some(r) = selected {
                super::cases::detail::open(app, &r);
                super::cases::detail::update(app, Action::Menu);
            }
        }
        Action::Back if !app.cases.query.search.is_empty() => {
            app.cases.search = Input::default();
            app.cases.query.search.clear();
            reload(app);
        }
        _ => {}
    }
}

fn toggle(app: &mut App, f: Filter) {
    let q = &mut app.cases.query;
    let official = app.ctx.session.as_ref().is_some_and(|a| a.role == Role::DepartmentOfficial);
    match f {
        Filter::Scope => {
            q.scope = Some(match (q.scope, official) {
                (None | Some(CaseScope::Department), true) => CaseScope::Mine,
                (Some(CaseScope::Mine), true) => CaseScope::Department,
                _ => CaseScope::All,
            });
        }
        Filter::Status => {
            let all = CaseStatus::ALL;
            let next = match q.statuses.first() {
                None => Some(all[0]),
                Some(s) => all.iter().position(|x| x == s).and_then(|i| all.get(i + 1)).copied(),
            };
            q.statuses = next.into_iter().collect();
        }
        Filter::Overdue => q.overdue = !q.overdue,
        Filter::DueSoon => q.due_within = if q.due_within.is_some() { None } else { Some(None) },
        Filter::Sort => q.sort = if q.sort == CaseSort::Newest { CaseSort::Deadline } else { CaseSort::Newest },
    }
}

fn mark(app: &mut App, selected: Option<String>) {
    let may = app.ctx.session.as_ref().is_some_and(|a| crate::domain::lifecycle::may_bulk_reassign(a.role));
    if !may {
        return app.ctx.info(MessageKind::Error, "err-forbidden");
    }
    if let Some(r) = selected {
        if !app.cases.marked.remove(&r) {
            app.cases.marked.insert(r);
        }
    }
    app.update(Action::Down);
}

fn bulk_update(app: &mut App, action: Action) {
    let Some(form) = app.cases.bulk.as_mut() else { return };
    match action {
        Action::Back => app.cases.bulk = None,
        Action::NextField | Action::Open => form.next(),
        Action::PrevField => form.prev(),
        Action::Save => {
            let required = app.ctx.tr.t("err-required");
            if !form.check_required(&required) {
                return;
            }
            let opt = |k: &str| Some(form.value(k)).filter(|v| !v.is_empty());
            let (dept, official, reason) = (opt("department"), opt("official"), form.value("reason"));
            let refs: Vec<String> = app.cases.marked.iter().cloned().collect();
            let Some(actor) = app.ctx.session.clone() else { return };
            match app.ctx.desk.bulk_reassign(&actor, &refs, dept.as_deref(), official.as_deref(), &reason) {
                Ok(changed) => {
                    app.cases.bulk = None;
                    app.cases.marked.clear();
                    let text = app.ctx.tr.ta("cases-bulk-done", &[("count", changed.len().into())]);
                    app.ctx.message = Some(Message { kind: MessageKind::Success, text });
                    reload(app);
                }
                Err(e) => app.ctx.set_error(&e),
            }
        }
        other => {
            if let Some(f) = form.focused_mut() {
                f.handle(other);
            }
        }
    }
}
