//! `import officials`: the officials of the directory from a table (CSV), merged into the
//! catalogue by their code, as `catalogue import` would bring in each of them (the same checks,
//! the same upsert). Unlike a catalogue file, a table of officials is usually one department's
//! or the new ones: officials missing from it stay, unless `deactivate_missing` (then the table
//! is the whole list, as a catalogue file is), and a blank cell keeps what the directory has. A row with a role also gets an account of that
//! name, without a password until an administrator sets one; an existing account is never
//! changed. The whole file is one transaction: any fault refuses it, every fault named.

use crate::desk::import::RunStatus;
use crate::desk::users::{NO_PASSWORD, check_username};
use crate::desk::{Actor, Desk, DeskError, audit};
use crate::domain::catalogue::Official;
use crate::domain::lang::Localized;
use crate::domain::permissions::{Operation, Scope};
use crate::domain::portal::Entry;
use crate::domain::portal::{Location, Rejection};
use crate::domain::role::Role;
use crate::store::{NewUser, Tx, UpsertCounts};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
pub struct OfficialImportOptions {
    /// The file as named on the command line, for the audit line.
    pub source: String,
    pub dry_run: bool,
    pub deactivate_missing: bool,
}

/// An account the file asked for that exists already, with what differs (left as it is).
#[derive(Debug, Clone, Serialize)]
pub struct AccountNote {
    pub line: u64,
    pub username: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfficialImportSummary {
    /// `done`, `dry_run` or `refused` (nothing written).
    pub status: RunStatus,
    pub rows: u64,
    pub officials: UpsertCounts,
    /// Accounts made (or, on a dry run, to be made), without a password yet.
    pub accounts_created: Vec<String>,
    pub accounts_kept: Vec<AccountNote>,
    /// Every fault of a refused file.
    pub rejections: Vec<Rejection>,
}

/// A checked row: the official and the account's role, if one is wanted.
struct Row {
    location: Location,
    official: Official,
    role: Option<Role>,
}

fn official_of(e: &Entry) -> Official {
    Official {
        code: e.get("code").to_owned(),
        name: e.get("name").to_owned(),
        department: e.get("department").to_owned(),
        position: Localized {
            cs: e.get("position").to_owned(),
            en: e.get("position_en").to_owned(),
            uk: e.get("position_uk").to_owned(),
        },
        room: e.get("room").to_owned(),
        phone: e.get("phone").to_owned(),
        email: e.get("email").to_owned(),
    }
}

/// The official on file with the row's non-empty values over it: a blank cell, or a column the
/// file does not have, keeps what the directory holds (to empty a value, edit the catalogue).
fn over(on_file: Official, row: &Official) -> Official {
    let pick = |new: &str, old: String| if new.trim().is_empty() { old } else { new.trim().to_owned() };
    Official {
        code: on_file.code,
        name: pick(&row.name, on_file.name),
        department: pick(&row.department, on_file.department),
        position: Localized {
            cs: pick(&row.position.cs, on_file.position.cs),
            en: pick(&row.position.en, on_file.position.en),
            uk: pick(&row.position.uk, on_file.position.uk),
        },
        room: pick(&row.room, on_file.room),
        phone: pick(&row.phone, on_file.phone),
        email: pick(&row.email, on_file.email),
    }
}

/// Checks every row against the rules and the store's departments; every fault found.
fn check_rows(
    tx: &Tx<'_>,
    entries: Vec<Result<Entry, Rejection>>,
) -> Result<Result<Vec<Row>, Vec<Rejection>>, DeskError> {
    let departments: HashSet<String> = tx.directory()?.departments.into_iter().map(|d| d.code).collect();
    let mut faults = Vec::new();
    let mut rows = Vec::new();
    let mut lines: HashMap<String, u64> = HashMap::new();
    for entry in entries {
        let e = match entry {
            Ok(e) => e,
            Err(r) => {
                faults.push(r);
                continue;
            }
        };
        let at = e.location;
        let before = faults.len();
        let official = official_of(&e);
        for (field, why) in official.faults() {
            faults.push(Rejection::new(at, field, why));
        }
        if let Some(line) = lines.insert(official.code.clone(), at.line) {
            faults.push(Rejection::new(at, "code", format!("'{}' is on line {line} already", official.code)));
        }
        if official.department.is_empty() {
            faults.push(Rejection::new(at, "department", "is empty"));
        } else if !departments.contains(&official.department) {
            let why = format!("no department '{}' in the catalogue", official.department);
            faults.push(Rejection::new(at, "department", why));
        }
        let role = match e.get("role") {
            "" => None,
            raw => Role::parse(raw).or_else(|| {
                let why = format!(
                    "'{raw}' is not a role: counter_clerk, hotline_operator, department_official, supervisor or administrator"
                );
                faults.push(Rejection::new(at, "role", why));
                None
            }),
        };
        if role.is_some() {
            if let Err(DeskError::Invalid { message, .. }) = check_username(&official.code) {
                faults.push(Rejection::new(at, "code", format!("the login of an account: {message}")));
            }
        }
        if faults.len() == before {
            rows.push(Row { location: at, official, role });
        }
    }
    Ok(if faults.is_empty() { Ok(rows) } else { Err(faults) })
}

/// The account of a row with a role: made when missing, else compared and left alone.
fn account(
    tx: &Tx<'_>,
    actor: &Actor,
    row: &Row,
    role: Role,
    now: &str,
    summary: &mut OfficialImportSummary,
) -> Result<(), DeskError> {
    let o = &row.official;
    let department_id = tx.department_by_code(&o.department)?;
    if let Some(u) = tx.user_by_name(&o.code)? {
        let dept = u.department_code.as_deref().unwrap_or("-");
        if u.role != role || u.department_id != department_id {
            summary.accounts_kept.push(AccountNote {
                line: row.location.line,
                username: u.username,
                note: format!(
                    "exists as {} ({dept}); the file says {role} ({}): not changed (an account is changed with `clerkdesk user`)",
                    u.role, o.department
                ),
            });
        }
        return Ok(());
    }
    let id = tx.insert_user(&NewUser {
        username: &o.code,
        full_name: o.name.trim(),
        role,
        password_hash: NO_PASSWORD,
        department_id,
        now,
    })?;
    let detail = format!("role={role} department={} (import officials; no password yet)", o.department);
    tx.audit(&audit(actor, now, "user_add", "user", id.to_string(), detail, ""))?;
    summary.accounts_created.push(o.code.clone());
    Ok(())
}

impl Desk {
    /// Merges a table of officials into the catalogue; see the module documentation.
    ///
    /// # Errors
    /// Not an administrator; a failing store. A faulty file is no error: the summary is
    /// `refused` and names every fault.
    pub fn import_officials(
        &mut self,
        actor: &Actor,
        entries: Vec<Result<Entry, Rejection>>,
        opts: &OfficialImportOptions,
    ) -> Result<OfficialImportSummary, DeskError> {
        actor.may(Operation::ImportOfficials, Scope::ANY)?;
        let now = self.now_str();
        let mut summary = OfficialImportSummary {
            status: if opts.dry_run { RunStatus::DryRun } else { RunStatus::Done },
            rows: entries.len() as u64,
            officials: UpsertCounts::default(),
            accounts_created: Vec::new(),
            accounts_kept: Vec::new(),
            rejections: Vec::new(),
        };
        let work = |tx: &Tx<'_>| -> Result<OfficialImportSummary, DeskError> {
            let rows = match check_rows(tx, entries)? {
                Ok(rows) => rows,
                Err(faults) => {
                    return Ok(OfficialImportSummary { status: RunStatus::Refused, rejections: faults, ..summary });
                }
            };
            for row in &rows {
                let merged = match tx.official_by_code(&row.official.code)? {
                    Some(on_file) => over(on_file, &row.official),
                    None => row.official.clone(),
                };
                tx.upsert_official(&merged, &mut summary.officials)?;
                if let Some(role) = row.role {
                    account(tx, actor, row, role, &now, &mut summary)?;
                }
            }
            if opts.deactivate_missing {
                let codes: Vec<&str> = rows.iter().map(|r| r.official.code.as_str()).collect();
                tx.deactivate_officials_except(&codes, &mut summary.officials)?;
            }
            if summary.officials.changed() {
                let detail = serde_json::to_string(&summary.officials).unwrap_or_default();
                tx.audit(&audit(actor, &now, "officials_import", "catalogue", opts.source.clone(), detail, ""))?;
            }
            Ok(summary)
        };
        // A refused file is found before anything is written, so its transaction commits nothing.
        if opts.dry_run { self.store.rolled_back(work) } else { self.store.write(work) }
    }
}
