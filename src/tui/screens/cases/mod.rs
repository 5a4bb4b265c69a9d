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
use crate::tui::context::{Ctx, Message, MessageKind};
use crate::tui::outcome::Outcome;
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
    pub detail: detail::State,
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
pub fn load(ctx: &mut Ctx, st: &mut State) -> Result<(), DeskError> {
    let Some(actor) = ctx.session.clone() else { return Ok(()) };
    let lang = ctx.tr.lang();
    if st.names_lang != Some(lang) {
        st.situation_names =
            ctx.desk.directory()?.data.situations.into_iter().map(|s| (s.code, s.name.get(lang).to_owned())).collect();
        st.names_lang = Some(lang);
    }
    let page = ctx.desk.list_cases(&actor, &st.query, None, PAGE)?;
    st.rows = page.rows;
    st.next = page.next;
    st.cursor.clamp(st.rows.len());
    Ok(())
}

/// The next page, appended, when the clerk moves past the last row.
fn load_more(ctx: &mut Ctx, st: &mut State) {
    let (Some(actor), Some(after)) = (ctx.session.clone(), st.next.clone()) else { return };
    match ctx.desk.list_cases(&actor, &st.query, Some(&after), PAGE) {
        Ok(page) => {
            st.rows.extend(page.rows);
            st.next = page.next;
        }
        Err(e) => ctx.set_error(&e),
    }
}

/// Sets the list to a query (the watchdog's Enter); the App then shows and loads it.
pub fn show_query(st: &mut State, query: CaseQuery) {
    st.search = Input::new(query.search.clone());
    st.query = query;
    st.cursor = Cursor::default();
    st.detail = detail::State::default();
}

fn reload(ctx: &mut Ctx, st: &mut State) {
    st.cursor = Cursor::default();
    if let Err(e) = load(ctx, st) {
        ctx.set_error(&e);
    }
}

pub fn update(ctx: &mut Ctx, st: &mut State, action: Action) -> Outcome {
    if st.detail_open() {
        if detail::update(ctx, &mut st.detail, action) {
            let _ = load(ctx, st).map_err(|e| ctx.set_error(&e));
        }
        return Outcome::None;
    }
    if st.bulk.is_some() {
        bulk_update(ctx, st, action);
        return Outcome::None;
    }
    if st.searching {
        return search_update(ctx, st, action);
    }
    let len = st.rows.len();
    if matches!(action, Action::Down | Action::PageDown | Action::End) && st.cursor.selected + 1 >= len {
        load_more(ctx, st);
    }
    if st.cursor.apply(action, st.rows.len()) {
        return Outcome::None;
    }
    let selected = st.rows.get(st.cursor.selected).map(|r| r.reference_number.clone());
    match action {
        Action::Search => st.searching = true,
        Action::Filter(f) => {
            toggle(ctx, st, f);
            reload(ctx, st);
        }
        Action::Open => {
            if let Some(r) = selected {
                detail::open(ctx, &mut st.detail, &r);
            }
        }
        Action::Mark => return mark(ctx, st, selected),
        Action::Menu if !st.marked.is_empty() => {
            let t = |k: &str| ctx.tr.t(k);
            st.bulk = Some(Form::new(vec![
                Field::text("department", t("case-department"), false),
                Field::text("official", t("case-official"), false),
                Field::text("reason", t("case-reason"), true),
            ]));
        }
        Action::Menu => {
            if let Some(r) = selected {
                detail::open(ctx, &mut st.detail, &r);
                detail::open_menu(ctx, &mut st.detail);
            }
        }
        Action::Back if !st.query.search.is_empty() => {
            st.search = Input::default();
            st.query.search.clear();
            reload(ctx, st);
        }
        _ => {}
    }
    Outcome::None
}

/// A key while the search field has the focus: typing searches as you type; a list key leaves the
/// field and moves in the list.
fn search_update(ctx: &mut Ctx, st: &mut State, action: Action) -> Outcome {
    match action {
        Action::Back | Action::Open => st.searching = false,
        Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
            st.searching = false;
            return update(ctx, st, action);
        }
        other => {
            if edit(&mut st.search, other) {
                st.query.search = st.search.value().to_owned();
                reload(ctx, st);
            }
        }
    }
    Outcome::None
}

fn toggle(ctx: &mut Ctx, st: &mut State, f: Filter) {
    let q = &mut st.query;
    let official = ctx.session.as_ref().is_some_and(|a| a.role == Role::DepartmentOfficial);
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

/// Space: marks or unmarks the row, then moves down as ↓ would.
fn mark(ctx: &mut Ctx, st: &mut State, selected: Option<String>) -> Outcome {
    let may = ctx.session.as_ref().is_some_and(|a| crate::domain::lifecycle::may_bulk_reassign(a.role));
    if !may {
        ctx.info(MessageKind::Error, "err-forbidden");
        return Outcome::None;
    }
    if let Some(r) = selected {
        if !st.marked.remove(&r) {
            st.marked.insert(r);
        }
    }
    Outcome::Then(Action::Down)
}

fn bulk_update(ctx: &mut Ctx, st: &mut State, action: Action) {
    let Some(form) = st.bulk.as_mut() else { return };
    match action {
        Action::Back => st.bulk = None,
        Action::NextField | Action::Open => form.next(),
        Action::PrevField => form.prev(),
        Action::Save => {
            let required = ctx.tr.t("err-required");
            if !form.check_required(&required) {
                return;
            }
            let opt = |k: &str| Some(form.value(k)).filter(|v| !v.is_empty());
            let (dept, official, reason) = (opt("department"), opt("official"), form.value("reason"));
            let refs: Vec<String> = st.marked.iter().cloned().collect();
            let Some(actor) = ctx.session.clone() else { return };
            match ctx.desk.bulk_reassign(&actor, &refs, dept.as_deref(), official.as_deref(), &reason) {
                Ok(changed) => {
                    st.bulk = None;
                    st.marked.clear();
                    let text = ctx.tr.ta("cases-bulk-done", &[("count", changed.len().into())]);
                    ctx.message = Some(Message { kind: MessageKind::Success, text });
                    reload(ctx, st);
                }
                Err(e) => ctx.set_error(&e),
            }
        }
        other => {
            if let Some(f) = form.focused_mut() {
                f.handle(other);
            }
        }
    }
}
