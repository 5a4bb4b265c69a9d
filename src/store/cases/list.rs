//! The case list: filters, search as you type and keyset pages over a million cases.
//!
//! Newest first follows the rowid (a case's id grows with filing), so a page is a walk down the
//! primary key or down an index whose leading columns the filters fix; never `OFFSET`. With search
//! text the full-text index drives the walk (FTS5 hands out rowids newest first and stops at the
//! page's end); bm25 ranking would read every match (306 ms for a common word at 1 M rows).

use crate::domain::case::CaseStatus;
use crate::domain::ids::CaseId;
use crate::store::{StoreError, Tx};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    /// The newest filing first (the default).
    #[default]
    Newest,
    /// The nearest deadline first; only cases whose clock runs (a suspended case has no deadline).
    Deadline,
}

/// What to list, resolved to ids by the desk. Every `Some` narrows the list.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub department_id: Option<i64>,
    pub assignee_id: Option<i64>,
    /// Any of these statuses; empty for any.
    pub statuses: Vec<String>,
    /// Only cases the office still owes a decision on with a running clock (the deadline filters).
    pub open_only: bool,
    pub situation_id: Option<i64>,
    pub channel: Option<String>,
    /// Deadline bounds, inclusive, as ISO dates.
    pub deadline_from: Option<String>,
    pub deadline_to: Option<String>,
    /// An FTS5 expression over `case_fts` (citizen, subject, notes).
    pub words: Option<String>,
    /// An FTS5 expression over `case_ref_tri` (reference-number fragments).
    pub fragment: Option<String>,
    /// What the reference number must contain (ASCII case ignored, as the trigram index does),
    /// when `fragment` asks the index only for a selective head of what was typed.
    pub fragment_contains: Option<String>,
    pub sort: CaseSort,
    /// The last row of the previous page: its id, and its deadline when sorted by deadline.
    pub after_id: Option<i64>,
    pub after_deadline: Option<String>,
    pub limit: u32,
}

/// One line of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseListRow {
    pub id: CaseId,
    pub reference_number: String,
    pub status: CaseStatus,
    pub channel: String,
    pub situation_code: String,
    pub situation_name_cs: String,
    pub department_code: String,
    pub assignee: Option<String>,
    pub citizen_name: String,
    pub filed_at: String,
    pub deadline: Option<String>,
    pub version: i64,
}

const SELECT: &str = "SELECT c.id, c.reference_number, c.status, c.channel, s.code, s.name_cs, d.code, u.username,
        coalesce(z.given_name || ' ' || z.family_name, ''), c.filed_at, c.deadline, c.version";
const JOINS: &str = "JOIN situations s ON s.id = c.situation_id
        JOIN departments d ON d.id = c.department_id
        LEFT JOIN users u ON u.id = c.assignee_id
        LEFT JOIN citizens z ON z.id = c.citizen_id";

/// Which index drives one query of a page.
enum Driver<'a> {
    Cases,
    /// (the FTS table, its match expression)
    Fts(&'a str, &'a str),
}

impl Tx<'_> {
    /// Up to `limit + 1` rows of the page after the cursor (the extra row tells there is a next
    /// page).
    ///
    /// # Errors
    /// A failing query (a malformed match expression among them).
    pub fn list_cases(&self, f: &CaseFilter) -> Result<Vec<CaseListRow>, StoreError> {
        let want = usize::try_from(f.limit).unwrap_or(usize::MAX).saturating_add(1);
        let mut f = f.clone();
        if f.open_only {
            // Spelled out as statuses, so that each can walk its own index (below).
            let open = ["received", "assigned", "in_progress"];
            f.statuses = if f.statuses.is_empty() {
                open.iter().map(|s| (*s).to_owned()).collect()
            } else {
                f.statuses.iter().filter(|s| open.contains(&s.as_str())).cloned().collect()
            };
            if f.statuses.is_empty() {
                return Ok(Vec::new());
            }
            f.open_only = false;
        }
        let mut rows = Vec::new();
        match (f.words.as_deref(), f.fragment.as_deref()) {
            (None, None) if f.statuses.len() > 1 => {
                // One walk per status down `cases_status` (newest first) or `cases_status_deadline`
                // (by deadline), merged: an IN list over either index would sort every match.
                for status in &f.statuses {
                    let one = CaseFilter { statuses: vec![status.clone()], ..f.clone() };
                    rows.extend(self.case_page(&one, &Driver::Cases)?);
                }
            }
            (None, None) => rows = self.case_page(&f, &Driver::Cases)?,
            _ if f.sort == CaseSort::Deadline => rows = self.case_page(&f, &Driver::Cases)?,
            (words, fragment) => {
                // Each index gives its newest matches; the page is the newest of both.
                if let Some(w) = words {
                    rows.extend(self.case_page(&f, &Driver::Fts("case_fts", w))?);
                }
                if let Some(r) = fragment {
                    rows.extend(self.case_page(&f, &Driver::Fts("case_ref_tri", r))?);
                }
            }
        }
        match f.sort {
            CaseSort::Newest => rows.sort_by_key(|r| std::cmp::Reverse(r.id)),
            CaseSort::Deadline => rows.sort_by(|a, b| (&a.deadline, a.id).cmp(&(&b.deadline, b.id))),
        }
        rows.dedup_by_key(|r| r.id);
        rows.truncate(want);
        Ok(rows)
    }

    fn case_page(&self, f: &CaseFilter, driver: &Driver<'_>) -> Result<Vec<CaseListRow>, StoreError> {
        let (sql, args) = page_sql(f, driver);
        let mut stmt = self.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), list_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The situation's id by its code (inactive ones too: old cases keep theirs).
    pub fn situation_id_by_code(&self, code: &str) -> Result<Option<i64>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .prepare_cached("SELECT id FROM situations WHERE code = ?1")?
            .query_row([code], |r| r.get(0))
            .optional()?)
    }

    /// The query plans of one page (one per index that drives it): for the benchmark's record and
    /// the test that no filter falls back to a sort of the whole table.
    pub fn explain_list_cases(&self, f: &CaseFilter) -> Result<Vec<String>, StoreError> {
        // As `list_cases` runs it: the open statuses spelled out, one walk per status (all alike).
        let mut f = f.clone();
        if f.open_only {
            f.open_only = false;
            f.statuses = vec!["received".into()];
        }
        if f.words.is_none() && f.fragment.is_none() {
            f.statuses.truncate(1);
        }
        let f = &f;
        let mut drivers = Vec::new();
        match (f.sort, f.words.as_deref(), f.fragment.as_deref()) {
            (CaseSort::Newest, None, None) | (CaseSort::Deadline, _, _) => drivers.push(Driver::Cases),
            (CaseSort::Newest, w, r) => {
                drivers.extend(w.map(|w| Driver::Fts("case_fts", w)));
                drivers.extend(r.map(|r| Driver::Fts("case_ref_tri", r)));
            }
        }
        let mut out = Vec::new();
        for d in &drivers {
            let (sql, args) = page_sql(f, d);
            let mut stmt = self.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            let lines = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))?;
            for l in lines {
                out.push(l?);
            }
        }
        Ok(out)
    }
}

/// The SQL of one page and its arguments.
#[allow(clippy::too_many_lines, reason = "one clause per filter of the case list")]
fn page_sql(f: &CaseFilter, driver: &Driver<'_>) -> (String, Vec<Value>) {
    let mut sql = String::from(SELECT);
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let arg = |v: Value, args: &mut Vec<Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    let order = match driver {
        Driver::Cases => {
            sql.push_str(" FROM cases c ");
            if f.sort == CaseSort::Deadline { "c.deadline, c.id" } else { "c.id DESC" }
        }
        Driver::Fts(table, expr) => {
            // CROSS JOIN keeps the full-text index the outer loop, walking rowids newest first.
            let _ = write!(sql, " FROM {table} f CROSS JOIN cases c ON c.id = f.rowid ");
            let p = arg(Value::Text((*expr).to_owned()), &mut args);
            conds.push(format!("{table} MATCH {p}"));
            "f.rowid DESC"
        }
    };
    sql.push_str(JOINS);
    if let Some(id) = f.department_id {
        conds.push(format!("c.department_id = {}", arg(Value::Integer(id), &mut args)));
    }
    if let Some(id) = f.assignee_id {
        conds.push(format!("c.assignee_id = {}", arg(Value::Integer(id), &mut args)));
    }
    if !f.statuses.is_empty() {
        let ps: Vec<String> = f.statuses.iter().map(|s| arg(Value::Text(s.clone()), &mut args)).collect();
        conds.push(format!("c.status IN ({})", ps.join(", ")));
    }
    if f.open_only {
        conds.push("c.status IN ('received', 'assigned', 'in_progress')".into());
    }
    if let Some(id) = f.situation_id {
        conds.push(format!("c.situation_id = {}", arg(Value::Integer(id), &mut args)));
    }
    if let Some(ch) = &f.channel {
        conds.push(format!("c.channel = {}", arg(Value::Text(ch.clone()), &mut args)));
    }
    if let (Some(part), Driver::Fts("case_ref_tri", _)) = (&f.fragment_contains, driver) {
        let p = arg(Value::Text(part.to_lowercase()), &mut args);
        conds.push(format!("instr(lower(c.reference_number), {p}) > 0"));
    }
    // Newest first, a deadline range must not pick the index: it would then sort every overdue
    // case (0.6 s at a million); `+` keeps the walk on the status index, in id order.
    let deadline = if f.sort == CaseSort::Newest { "+c.deadline" } else { "c.deadline" };
    if let Some(d) = &f.deadline_from {
        conds.push(format!("{deadline} >= {}", arg(Value::Text(d.clone()), &mut args)));
    }
    if let Some(d) = &f.deadline_to {
        conds.push(format!("{deadline} <= {}", arg(Value::Text(d.clone()), &mut args)));
    }
    if f.sort == CaseSort::Deadline {
        conds.push("c.deadline IS NOT NULL".into());
        let mut text: Vec<String> = Vec::new();
        if let Some(e) = &f.words {
            text.push(format!(
                "SELECT rowid FROM case_fts WHERE case_fts MATCH {}",
                arg(Value::Text(e.clone()), &mut args)
            ));
        }
        if let Some(e) = &f.fragment {
            let m = arg(Value::Text(e.clone()), &mut args);
            text.push(match &f.fragment_contains {
                Some(part) => format!(
                    "SELECT t.rowid FROM case_ref_tri t JOIN cases r ON r.id = t.rowid \
                     WHERE case_ref_tri MATCH {m} AND instr(lower(r.reference_number), {}) > 0",
                    arg(Value::Text(part.to_lowercase()), &mut args)
                ),
                None => format!("SELECT rowid FROM case_ref_tri WHERE case_ref_tri MATCH {m}"),
            });
        }
        if !text.is_empty() {
            conds.push(format!("c.id IN ({})", text.join(" UNION ")));
        }
        if let (Some(d), Some(id)) = (&f.after_deadline, f.after_id) {
            let (pd, pi) = (arg(Value::Text(d.clone()), &mut args), arg(Value::Integer(id), &mut args));
            conds.push(format!("(c.deadline, c.id) > ({pd}, {pi})"));
        }
    } else if let Some(id) = f.after_id {
        let col = if matches!(driver, Driver::Fts(..)) { "f.rowid" } else { "c.id" };
        conds.push(format!("{col} < {}", arg(Value::Integer(id), &mut args)));
    }
    if !conds.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&conds.join(" AND "));
    }
    let limit = arg(Value::Integer(i64::from(f.limit) + 1), &mut args);
    let _ = write!(sql, " ORDER BY {order} LIMIT {limit}");
    (sql, args)
}

/// One event of a case's history, as the case detail shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryLine {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub event: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub detail: String,
}

impl Tx<'_> {
    /// One case as a line of the list.
    pub fn case_list_row(&self, id: CaseId) -> Result<Option<CaseListRow>, StoreError> {
        let f = CaseFilter { limit: 1, ..CaseFilter::default() };
        let (sql, _) = page_sql(&f, &Driver::Cases);
        // The page query with `c.id = ?1` in place of its filters.
        let sql = sql.replace(" ORDER BY c.id DESC LIMIT ?1", " WHERE c.id = ?1");
        let mut stmt = self.prepare_cached(&sql)?;
        let mut rows = stmt.query_map([id.0], list_row)?;
        Ok(rows.next().transpose()?)
    }

    /// A case's history, oldest first.
    pub fn case_history_lines(&self, id: CaseId) -> Result<Vec<HistoryLine>, StoreError> {
        let mut stmt = self.prepare_cached(
            "SELECT h.id, h.at, u.username, h.event, h.from_status, h.to_status, h.detail
             FROM case_history h JOIN users u ON u.id = h.user_id WHERE h.case_id = ?1 ORDER BY h.id",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(HistoryLine {
                id: r.get(0)?,
                at: r.get(1)?,
                user: r.get(2)?,
                event: r.get(3)?,
                from_status: r.get(4)?,
                to_status: r.get(5)?,
                detail: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The highest case and citizen ids, for drawing samples.
    pub fn max_case_and_citizen_ids(&self) -> Result<(i64, i64), StoreError> {
        Ok(self.query_row(
            "SELECT (SELECT coalesce(max(id), 0) FROM cases), (SELECT coalesce(max(id), 0) FROM citizens)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }
}

fn list_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CaseListRow> {
    Ok(CaseListRow {
        id: CaseId(r.get(0)?),
        reference_number: r.get(1)?,
        status: r.get(2)?,
        channel: r.get(3)?,
        situation_code: r.get(4)?,
        situation_name_cs: r.get(5)?,
        department_code: r.get(6)?,
        assignee: r.get(7)?,
        citizen_name: r.get(8)?,
        filed_at: r.get(9)?,
        deadline: r.get(10)?,
        version: r.get(11)?,
    })
}

impl Tx<'_> {
    pub fn case_citizen(&self, id: CaseId) -> Result<Option<crate::domain::ids::CitizenId>, StoreError> {
        use rusqlite::OptionalExtension;
        let found: Option<Option<i64>> = self
            .prepare_cached("SELECT citizen_id FROM cases WHERE id = ?1")?
            .query_row([id.0], |r| r.get(0))
            .optional()?;
        Ok(found.flatten().map(crate::domain::ids::CitizenId))
    }
}
