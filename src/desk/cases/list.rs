//! The case list and finding a citizen as the clerk types.

use crate::desk::{Actor, Desk, DeskError};
use crate::domain::calendar;
use crate::domain::case::{CaseStatus, Channel};
use crate::domain::dates;
use crate::domain::ids::CaseId;
use crate::domain::permissions::{self, Operation, Scope};
use crate::domain::text::czech_cmp;
use crate::store::{CaseFilter, CaseListRow, CaseSort, CitizenProbe, CitizenRow};
use chrono::Days;
use serde::{Deserialize, Serialize};

/// Whose cases: an official works "mine" or "department"; the others see all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseScope {
    All,
    Department,
    Mine,
}

/// What the clerk asked the case list for. Every set field narrows it.
#[derive(Debug, Clone, Default)]
pub struct CaseQuery {
    /// `None`: the role's own default (an official's department, everyone else all).
    pub scope: Option<CaseScope>,
    /// Any of these; empty for any status.
    pub statuses: Vec<CaseStatus>,
    pub department: Option<String>,
    /// An official's username.
    pub official: Option<String>,
    pub situation: Option<String>,
    pub channel: Option<Channel>,
    /// Open cases due within N working days from today; `Some(None)`: the configured warning
    /// period (`watchdog.warn_working_days`).
    pub due_within: Option<Option<u32>>,
    /// Open cases past their deadline (with `due_within` too: both).
    pub overdue: bool,
    /// Words of the citizen's name, the subject and notes (each a prefix, diacritics ignored), or
    /// a fragment of the reference number.
    pub search: String,
    pub sort: CaseSort,
}

/// Where the next page starts: the last row's sort key and id. Printed as `ID` (newest first) or
/// `DEADLINE:ID` (by deadline) for `--after`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub id: CaseId,
    pub deadline: Option<String>,
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.deadline {
            Some(d) => write!(f, "{d}:{}", self.id),
            None => write!(f, "{}", self.id),
        }
    }
}

impl std::str::FromStr for Cursor {
    type Err = String;
    fn from_str(s: &str) -> Result<Cursor, String> {
        let bad = || format!("'{s}' is not a page cursor (ID or YYYY-MM-DD:ID, as printed as `next`)");
        let (deadline, id) = match s.rsplit_once(':') {
            Some((d, id)) => {
                let date = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| bad())?;
                (Some(date.to_string()), id)
            }
            None => (None, s),
        };
        Ok(Cursor { id: CaseId(id.trim().parse().map_err(|_| bad())?), deadline })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CasePage {
    pub rows: Vec<CaseListRow>,
    pub next: Option<Cursor>,
}

/// How many matches a citizen search sorts: the newest of them. Sorting every "Nov…" of half a
/// million citizens the Czech way would take longer than the clerk's next key press.
const CITIZEN_CAP: u32 = 200;

impl Desk {
    /// One page of the case list, newest first or by deadline.
    ///
    /// # Errors
    /// A scope the role may not see, an unknown department, official or life situation, a failing
    /// query.
    pub fn list_cases(
        &mut self,
        actor: &Actor,
        q: &CaseQuery,
        after: Option<&Cursor>,
        limit: u32,
    ) -> Result<CasePage, DeskError> {
        let mut f = self.case_filter(actor, q)?;
        f.limit = limit.clamp(1, 1000);
        f.after_id = after.map(|c| c.id.0);
        f.after_deadline = after.and_then(|c| c.deadline.clone());
        if f.sort == CaseSort::Deadline && f.after_id.is_some() && f.after_deadline.is_none() {
            return Err(DeskError::invalid("after", "a page by deadline continues from DEADLINE:ID", "err-cursor"));
        }
        let department = q.department.clone();
        let official = q.official.clone();
        let situation = q.situation.clone();
        let mut rows = self.store.read(|tx| {
            if let Some(code) = &department {
                let id = tx.department_by_code(code)?.ok_or_else(|| {
                    DeskError::invalid("department", format!("unknown department '{code}'"), "err-unknown-department")
                })?;
                match f.department_id {
                    // An official asked for another department than their own: nothing of theirs.
                    Some(own) if own != id.0 => return Ok(Vec::new()),
                    _ => f.department_id = Some(id.0),
                }
            }
            if let Some(name) = &official {
                let user = tx.user_by_name(name)?.ok_or_else(|| {
                    DeskError::invalid("official", format!("unknown official '{name}'"), "err-unknown-user")
                })?;
                match f.assignee_id {
                    Some(own) if own != user.id.0 => return Ok(Vec::new()),
                    _ => f.assignee_id = Some(user.id.0),
                }
            }
            if let Some(code) = &situation {
                f.situation_id = Some(tx.situation_id_by_code(code)?.ok_or_else(|| {
                    DeskError::invalid("situation", format!("unknown life situation '{code}'"), "err-unknown-situation")
                })?);
            }
            Ok::<_, DeskError>(tx.list_cases(&f)?)
        })?;
        let next = if rows.len() > f.limit as usize {
            rows.truncate(f.limit as usize);
            rows.last().map(|r| Cursor {
                id: r.id,
                deadline: if f.sort == CaseSort::Deadline { r.deadline.clone() } else { None },
            })
        } else {
            None
        };
        Ok(CasePage { rows, next })
    }

    /// The store's filter for `q` as `actor` may see it (without the look-ups by code).
    fn case_filter(&self, actor: &Actor, q: &CaseQuery) -> Result<CaseFilter, DeskError> {
        let everywhere = permissions::may(actor.role, Operation::SeeCases, Scope::department(false));
        actor.may(Operation::SeeCases, Scope::department(true))?;
        let default = if everywhere { CaseScope::All } else { CaseScope::Department };
        let mut f = CaseFilter { sort: q.sort, ..CaseFilter::default() };
        match q.scope.unwrap_or(default) {
            CaseScope::All if !everywhere => actor.may(Operation::SeeCases, Scope::department(false))?,
            CaseScope::All => {}
            CaseScope::Mine => {
                let id = actor.user_id.ok_or_else(|| DeskError::Forbidden("'mine' needs a clerk's account".into()))?;
                f.assignee_id = Some(id.0);
            }
            CaseScope::Department => {
                let id = actor.department_id.ok_or_else(|| {
                    DeskError::invalid("scope", format!("{} belongs to no department", actor.name), "err-no-department")
                })?;
                f.department_id = Some(id.0);
            }
        }
        f.statuses = q.statuses.iter().map(|s| s.as_str().to_owned()).collect();
        f.channel = q.channel.map(|c| c.as_str().to_owned());
        let today = self.clock.today();
        if let Some(n) = q.due_within {
            let soon = calendar::add_working_days(today, n.unwrap_or(self.config.warn_working_days));
            f.open_only = true;
            f.deadline_to = Some(soon.to_string());
            if !q.overdue {
                f.deadline_from = Some(today.to_string());
            }
        } else if q.overdue {
            f.open_only = true;
            f.deadline_to = today.checked_sub_days(Days::new(1)).map(|d| d.to_string());
        }
        f.words = words_expression(&q.search);
        (f.fragment, f.fragment_contains) = fragment_probe(&q.search);
        Ok(f)
    }

    /// Citizens matching what the clerk typed: name or address words without diacritics, a birth
    /// date (`3. 5. 1980`, `3.5.1980`, `1980-05-03`), or a fragment of a birth number (slash
    /// optional) or phone number; in Czech order by family and given name.
    ///
    /// Not audited: it runs on every key press, and a list of names is what a counter clerk sees
    /// anyway. Opening a citizen's record, and the hotline's caller lookup, are audited.
    pub fn search_citizens(&mut self, actor: &Actor, text: &str, limit: u32) -> Result<Vec<CitizenRow>, DeskError> {
        actor.may(Operation::FindCitizens, Scope::ANY)?;
        let Some(probe) = citizen_probe(text) else { return Ok(Vec::new()) };
        let mut rows = self.store.read(|tx| tx.search_citizens(&probe, CITIZEN_CAP))?;
        rows.sort_by(|a, b| {
            czech_cmp(&a.family_name, &b.family_name)
                .then_with(|| czech_cmp(&a.given_name, &b.given_name))
                .then(a.id.cmp(&b.id))
        });
        rows.truncate(limit as usize);
        Ok(rows)
    }
}

/// An FTS5 string literal: double quotes inside are doubled, so nothing typed is syntax.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Every word a prefix: `nov ja` → `"nov"* "ja"*` (both must match). A one-letter word is left
/// out: it is the prefix of nearly every word in the index, narrows nothing a clerk can use, and
/// reading its million-row list took 45 ms, three frames of a key press; the list narrows from the
/// second letter on.
fn words_expression(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(|w| format!("{}*", quoted(w)))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A reference-number fragment: the trigram index needs three characters.
fn fragment_expression(text: &str) -> Option<String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (t.chars().count() >= 3).then(|| quoted(&t))
}

/// The trigram query for a reference fragment, and the whole fragment to check on the rows when
/// the query asks for less. The tail after the sequence number (`/2026/OSA`) is in nearly every
/// reference: its trigrams' lists hold a million rowids each, and a phrase over them read them
/// all (28 ms at p99). So the index is asked for the fragment up to the separator that ends its
/// first digits (`23456/2026` → `23456/`, at least three characters), which few rows contain, and
/// those rows, newest first, are checked for the whole fragment until the page is full.
fn fragment_probe(text: &str) -> (Option<String>, Option<String>) {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let chars: Vec<char> = t.chars().collect();
    if chars.len() < 3 {
        return (None, None);
    }
    let cut = chars
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, c)| matches!(c, '/' | '-') && chars[i - 1].is_ascii_digit())
        .map_or(chars.len(), |(i, _)| (i + 1).max(3));
    if cut >= chars.len() {
        return (fragment_expression(&t), None);
    }
    let head: String = chars[..cut].iter().collect();
    (Some(quoted(&head)), Some(t))
}

fn citizen_probe(text: &str) -> Option<CitizenProbe> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(d) = dates::parse_date(text) {
        return Some(CitizenProbe::BirthDate(d.to_string()));
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = compact.chars().filter(char::is_ascii_digit).count();
    if digits >= 3 && compact.chars().all(|c| c.is_ascii_digit() || c == '/' || c == '+') {
        let column = if compact.contains('/') {
            "birth_number : "
        } else if compact.starts_with('+') {
            "phone : "
        } else {
            ""
        };
        // Birth numbers are stored as digits only.
        let fragment: String = if compact.contains('/') { compact.replace('/', "") } else { compact };
        return Some(CitizenProbe::Fragment(format!("{column}{}", quoted(&fragment))));
    }
    words_expression(text).map(CitizenProbe::Words)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::*;

    #[test]
    fn what_the_clerk_typed() {
        assert_eq!(citizen_probe("3. 5. 1980"), Some(CitizenProbe::BirthDate("1980-05-03".into())));
        assert_eq!(citizen_probe("1980-05-03"), Some(CitizenProbe::BirthDate("1980-05-03".into())));
        assert_eq!(citizen_probe("8005/03"), Some(CitizenProbe::Fragment("birth_number : \"800503\"".into())));
        assert_eq!(citizen_probe("+420 777"), Some(CitizenProbe::Fragment("phone : \"+420777\"".into())));
        assert_eq!(citizen_probe("777 12"), Some(CitizenProbe::Fragment("\"77712\"".into())));
        assert_eq!(citizen_probe("Novák Ja"), Some(CitizenProbe::Words("\"Novák\"* \"Ja\"*".into())));
        assert_eq!(citizen_probe("12"), Some(CitizenProbe::Words("\"12\"*".into())));
        assert_eq!(citizen_probe("  "), None);
        assert_eq!(words_expression("ab\"cd"), Some("\"ab\"* \"cd\"*".into()));
        assert_eq!(words_expression("n"), None, "one letter narrows nothing yet");
        assert_eq!(words_expression("novák j"), Some("\"novák\"*".into()));
        assert_eq!(fragment_expression("0 42"), Some("\"042\"".into()));
        assert_eq!(fragment_expression("42"), None);
        let q = |s: &str| Some(s.to_owned());
        assert_eq!(fragment_probe("23456/2026"), (q("\"23456/\""), q("23456/2026")));
        assert_eq!(fragment_probe("0/2026"), (q("\"0/2\""), q("0/2026")));
        assert_eq!(fragment_probe("MULO-42/2026"), (q("\"MULO-42/\""), q("MULO-42/2026")));
        assert_eq!(fragment_probe("00042"), (q("\"00042\""), None));
        assert_eq!(fragment_probe("42/"), (q("\"42/\""), None));
        assert_eq!(fragment_probe("/2026"), (q("\"/2026\""), None));
        assert_eq!(fragment_probe("42"), (None, None));
    }

    #[test]
    fn cursors_round_trip() {
        for c in
            [Cursor { id: CaseId(42), deadline: None }, Cursor { id: CaseId(7), deadline: Some("2026-11-27".into()) }]
        {
            assert_eq!(c.to_string().parse::<Cursor>().unwrap(), c);
        }
        assert!("x".parse::<Cursor>().is_err());
        assert!("2026-13-01:4".parse::<Cursor>().is_err());
    }
}
