//! The catalogue: `init` loads the shipped default, `catalogue import` an administrator's edited
//! file, and the directory screen reads it back and searches it as the clerk types.

use super::{Actor, Desk, DeskError, audit};
use crate::domain::catalogue::{Catalogue, DEFAULT_TOML};
use crate::domain::lang::{Lang, Localized};
use crate::domain::permissions::{Operation, Scope};
use crate::domain::text::{fold, matches_words};
use crate::store::{CatalogueCounts, DepartmentRow, DirectoryData, OfficialRow, SituationRow};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct InitOutcome {
    pub catalogue: CatalogueCounts,
    /// False when the store already held this very catalogue: nothing was written.
    pub changed: bool,
}

/// The default appointment plan of the default catalogue's town.
pub const DEFAULT_PLAN: &str = include_str!("../../assets/appointments/default.toml");

impl Desk {
    /// Loads the default catalogue. A second run finds nothing to change and writes nothing.
    ///
    /// # Errors
    /// Not an administrator; a failing write.
    pub fn init(&mut self, actor: &Actor) -> Result<InitOutcome, DeskError> {
        let cat = Catalogue::from_toml(DEFAULT_TOML).map_err(|errs| catalogue_error("default catalogue", &errs))?;
        let mut outcome = self.import_catalogue(actor, &cat, "init")?;
        // A store without an appointment plan gets the default one; an administrator's own plan
        // is never overwritten.
        if self.appointment_plan()?.plan.resources.is_empty() {
            self.import_plan(actor, DEFAULT_PLAN, "default plan", false)?;
            outcome.changed = true;
        }
        Ok(outcome)
    }

    /// Brings the store's catalogue to exactly `cat`, in one transaction.
    ///
    /// # Errors
    /// Not an administrator; a failing write (then nothing changed).
    pub fn import_catalogue(&mut self, actor: &Actor, cat: &Catalogue, source: &str) -> Result<InitOutcome, DeskError> {
        actor.may(Operation::ImportCatalogue, Scope::ANY)?;
        let now = self.now_str();
        let counts = self.store.write(|tx| {
            let counts = tx.apply_catalogue(cat)?;
            if counts.changed() {
                let detail = serde_json::to_string(&counts).unwrap_or_default();
                tx.audit(&audit(actor, &now, "catalogue_import", "catalogue", source.to_owned(), detail, ""))?;
            }
            Ok::<_, DeskError>(counts)
        })?;
        Ok(InitOutcome { changed: counts.changed(), catalogue: counts })
    }

    /// The catalogue as the directory shows it, with its search keys.
    pub fn directory(&mut self) -> Result<Directory, DeskError> {
        Ok(Directory::new(self.store.read(|tx| tx.directory())?))
    }
}

/// Folds a list of catalogue faults into one error naming each place and field.
#[must_use]
pub fn catalogue_error(file: &str, errs: &[crate::domain::catalogue::CatalogueError]) -> DeskError {
    let lines: Vec<String> = errs.iter().map(ToString::to_string).collect();
    DeskError::invalid(file, lines.join("\n"), "err-catalogue")
}

/// The directory in memory: a town hall's catalogue is a few hundred entries, so filtering it on
/// each key press is instant without the database.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    pub data: DirectoryData,
    /// (the name folded, everything searchable folded) per entry.
    dept_keys: Vec<(String, String)>,
    official_keys: Vec<(String, String)>,
    situation_keys: Vec<(String, String)>,
}

fn all_langs(l: &Localized) -> String {
    format!("{} {} {}", l.cs, l.en, l.uk)
}

impl Directory {
    #[must_use]
    pub fn new(data: DirectoryData) -> Directory {
        let dept_name =
            |id| data.departments.iter().find(|d| d.id == id).map(|d| format!("{} {}", d.code, all_langs(&d.name)));
        let dept_keys = data
            .departments
            .iter()
            .map(|d| {
                let name = fold(&format!("{} {}", d.code, all_langs(&d.name)));
                (name.clone(), format!("{name} {}", fold(&format!("{} {} {}", d.room, d.phone, d.email))))
            })
            .collect();
        let official_keys = data
            .officials
            .iter()
            .map(|o| {
                let all = fold(&format!(
                    "{} {} {} {} {} {}",
                    o.name,
                    all_langs(&o.position),
                    o.room,
                    o.phone,
                    o.email,
                    dept_name(o.department_id).unwrap_or_default()
                ));
                (fold(&format!("{} {}", o.name, all_langs(&o.position))), all)
            })
            .collect();
        let situation_keys = data
            .situations
            .iter()
            .map(|s| {
                let all = fold(&format!(
                    "{} {} {} {} {}",
                    s.code,
                    all_langs(&s.name),
                    all_langs(&s.description),
                    s.documents.cs.join(" "),
                    dept_name(s.department_id).unwrap_or_default()
                ));
                (fold(&format!("{} {}", s.code, all_langs(&s.name))), all)
            })
            .collect();
        Directory { data, dept_keys, official_keys, situation_keys }
    }

    #[must_use]
    pub fn department(&self, id: crate::domain::ids::DepartmentId) -> Option<&DepartmentRow> {
        self.data.departments.iter().find(|d| d.id == id)
    }

    /// Departments matching `query` (every word, diacritics and case ignored); all when empty.
    #[must_use]
    pub fn departments(&self, query: &str) -> Vec<&DepartmentRow> {
        filter(&self.data.departments, &self.dept_keys, query)
    }

    #[must_use]
    pub fn officials(&self, query: &str) -> Vec<&OfficialRow> {
        filter(&self.data.officials, &self.official_keys, query)
    }

    #[must_use]
    pub fn situations(&self, query: &str) -> Vec<&SituationRow> {
        filter(&self.data.situations, &self.situation_keys, query)
    }

    /// The officials of one department.
    #[must_use]
    pub fn officials_of(&self, id: crate::domain::ids::DepartmentId) -> Vec<&OfficialRow> {
        self.data.officials.iter().filter(|o| o.department_id == id).collect()
    }

    /// A situation's name in `lang`, by id.
    #[must_use]
    pub fn situation_name(&self, code: &str, lang: Lang) -> Option<&str> {
        self.data.situations.iter().find(|s| s.code == code).map(|s| s.name.get(lang))
    }
}

/// Entries matching every word of `query`; those whose name matches come first, then those
/// matched only by their other text (documents, descriptions), each group in catalogue order.
fn filter<'a, T>(items: &'a [T], keys: &[(String, String)], query: &str) -> Vec<&'a T> {
    if query.trim().is_empty() {
        return items.iter().collect();
    }
    let mut hits: Vec<(bool, &T)> = items
        .iter()
        .zip(keys)
        .filter(|(_, (_, all))| matches_words(all, query))
        .map(|(i, (name, _))| (!matches_words(name, query), i))
        .collect();
    hits.sort_by_key(|(other, _)| *other);
    hits.into_iter().map(|(_, i)| i).collect()
}

impl Desk {
    /// Like [`Desk::import_catalogue`], or with `dry_run` the same work rolled back: the counts
    /// say what would change.
    ///
    /// # Errors
    /// Not an administrator; a failing statement.
    pub fn import_catalogue_checked(
        &mut self,
        actor: &Actor,
        cat: &Catalogue,
        source: &str,
        dry_run: bool,
    ) -> Result<InitOutcome, DeskError> {
        if !dry_run {
            return self.import_catalogue(actor, cat, source);
        }
        actor.may(Operation::ImportCatalogue, Scope::ANY)?;
        let counts = self.store.rolled_back(|tx| Ok::<_, DeskError>(tx.apply_catalogue(cat)?))?;
        Ok(InitOutcome { changed: counts.changed(), catalogue: counts })
    }

    /// The store's active catalogue in the file format, for an administrator to edit.
    pub fn export_catalogue(&mut self) -> Result<Catalogue, DeskError> {
        use crate::domain::catalogue::{AppointmentService, Department, LifeSituation, Official};
        let d = self.store.read(|tx| tx.directory())?;
        let dept = |id| d.departments.iter().find(|x| x.id == id).map(|x| x.code.clone()).unwrap_or_default();
        let service = |id| d.services.iter().find(|x| Some(x.id) == id).map(|x| x.code.clone());
        Ok(Catalogue {
            departments: d
                .departments
                .iter()
                .map(|x| Department {
                    code: x.code.clone(),
                    name: x.name.clone(),
                    room: x.room.clone(),
                    phone: x.phone.clone(),
                    email: x.email.clone(),
                })
                .collect(),
            officials: d
                .officials
                .iter()
                .map(|x| Official {
                    code: x.code.clone(),
                    name: x.name.clone(),
                    department: dept(x.department_id),
                    position: x.position.clone(),
                    room: x.room.clone(),
                    phone: x.phone.clone(),
                    email: x.email.clone(),
                })
                .collect(),
            situations: d
                .situations
                .iter()
                .map(|x| LifeSituation {
                    code: x.code.clone(),
                    name: x.name.clone(),
                    description: x.description.clone(),
                    department: dept(x.department_id),
                    fee_czk: x.fee_czk,
                    fee_note: x.fee_note.clone(),
                    deadline_days: x.deadline_days,
                    documents: x.documents.clone(),
                    service: service(x.service_id),
                    fields: x.fields.clone(),
                })
                .collect(),
            services: d
                .services
                .iter()
                .map(|x| AppointmentService {
                    code: x.code.clone(),
                    name: x.name.clone(),
                    department: dept(x.department_id),
                    duration_min: x.duration_min,
                })
                .collect(),
        })
    }
}
