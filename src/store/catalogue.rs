//! The catalogue tables: departments, officials, appointment services and life situations.

use super::{StoreError, Tx};
use crate::domain::catalogue::{Catalogue, FormField, LocalizedList, Official};
use crate::domain::ids::{DepartmentId, OfficialId, ServiceId, SituationId};
use crate::domain::lang::Localized;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params_from_iter};
use serde::Serialize;

/// What a catalogue import did to one kind of entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct UpsertCounts {
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// In the store but not in the file: kept for the cases that refer to them, marked inactive.
    pub deactivated: u32,
}

impl UpsertCounts {
    #[must_use]
    pub fn changed(&self) -> bool {
        self.inserted + self.updated + self.deactivated > 0
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CatalogueCounts {
    pub departments: UpsertCounts,
    pub officials: UpsertCounts,
    pub services: UpsertCounts,
    pub situations: UpsertCounts,
}

impl CatalogueCounts {
    #[must_use]
    pub fn changed(&self) -> bool {
        self.departments.changed() || self.officials.changed() || self.services.changed() || self.situations.changed()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DepartmentRow {
    pub id: DepartmentId,
    pub code: String,
    pub name: Localized,
    pub room: String,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfficialRow {
    pub id: OfficialId,
    pub code: String,
    pub name: String,
    pub department_id: DepartmentId,
    pub position: Localized,
    pub room: String,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceRow {
    pub id: ServiceId,
    pub code: String,
    pub name: Localized,
    pub department_id: DepartmentId,
    pub duration_min: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct SituationRow {
    pub id: SituationId,
    pub code: String,
    pub name: Localized,
    pub description: Localized,
    pub department_id: DepartmentId,
    pub fee_czk: u32,
    pub fee_note: Localized,
    pub deadline_days: u32,
    pub documents: LocalizedList,
    pub fields: Vec<FormField>,
    pub service_id: Option<ServiceId>,
}

/// Everything the directory screen shows, read in one snapshot.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DirectoryData {
    pub departments: Vec<DepartmentRow>,
    pub officials: Vec<OfficialRow>,
    pub services: Vec<ServiceRow>,
    pub situations: Vec<SituationRow>,
}

fn loc(l: &Localized) -> [Value; 3] {
    [Value::Text(l.cs.clone()), Value::Text(l.en.clone()), Value::Text(l.uk.clone())]
}

fn get_loc(r: &Row<'_>, first: usize) -> rusqlite::Result<Localized> {
    Ok(Localized { cs: r.get(first)?, en: r.get(first + 1)?, uk: r.get(first + 2)? })
}

fn json<T: Serialize>(v: &T) -> Result<Value, StoreError> {
    serde_json::to_string(v).map(Value::Text).map_err(|e| StoreError::Io(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(idx: usize, text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

impl Tx<'_> {
    /// Inserts or updates one row of a catalogue table by its `code`; says which it was.
    /// `columns` are fixed names from this module, never user input.
    fn upsert_by_code(
        &self,
        table: &str,
        code: &str,
        columns: &[&str],
        values: Vec<Value>,
        counts: &mut UpsertCounts,
    ) -> Result<i64, StoreError> {
        let existing: Option<i64> =
            self.query_row(&format!("SELECT id FROM {table} WHERE code = ?1"), [code], |r| r.get(0)).optional()?;
        let Some(id) = existing else {
            let names = columns.join(", ");
            let marks = (2..=columns.len() + 1).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
            let mut all = vec![Value::Text(code.to_owned())];
            all.extend(values);
            self.execute(&format!("INSERT INTO {table} (code, {names}) VALUES (?1, {marks})"), params_from_iter(all))?;
            counts.inserted += 1;
            return Ok(self.last_insert_rowid());
        };
        let sets = columns.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 2)).collect::<Vec<_>>();
        let differs = columns.iter().enumerate().map(|(i, c)| format!("{c} IS NOT ?{}", i + 2)).collect::<Vec<_>>();
        let mut all = vec![Value::Integer(id)];
        all.extend(values);
        let n = self.execute(
            &format!(
                "UPDATE {table} SET {}, active = 1 WHERE id = ?1 AND ({} OR active = 0)",
                sets.join(", "),
                differs.join(" OR ")
            ),
            params_from_iter(all),
        )?;
        if n == 0 {
            counts.unchanged += 1;
        } else {
            counts.updated += 1;
        }
        Ok(id)
    }

    fn deactivate_missing(&self, table: &str, codes: &[&str], counts: &mut UpsertCounts) -> Result<(), StoreError> {
        let list = serde_json::to_string(codes).map_err(|e| StoreError::Io(e.to_string()))?;
        let n = self.execute(
            &format!(
                "UPDATE {table} SET active = 0 WHERE active = 1 AND code NOT IN (SELECT value FROM json_each(?1))"
            ),
            [list],
        )?;
        counts.deactivated += u32::try_from(n).unwrap_or(u32::MAX);
        Ok(())
    }

    fn id_by_code(&self, table: &str, code: &str) -> Result<i64, StoreError> {
        self.query_row(&format!("SELECT id FROM {table} WHERE code = ?1"), [code], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::Corrupt(format!("{table} '{code}' vanished during the import")))
    }

    /// Inserts or updates one official by code (reactivating one that was deactivated); its
    /// department must exist.
    ///
    /// # Errors
    /// An unknown department, a failing statement.
    pub fn upsert_official(&self, o: &Official, counts: &mut UpsertCounts) -> Result<i64, StoreError> {
        let dept = self.id_by_code("departments", &o.department)?;
        let mut v = vec![Value::Text(o.name.clone()), Value::Integer(dept)];
        v.extend(loc(&o.position));
        v.extend([Value::Text(o.room.clone()), Value::Text(o.phone.clone()), Value::Text(o.email.clone())]);
        let cols = ["name", "department_id", "position_cs", "position_en", "position_uk", "room", "phone", "email"];
        self.upsert_by_code("officials", &o.code, &cols, v, counts)
    }

    /// An official by code, active or not, as the catalogue file has it.
    pub fn official_by_code(&self, code: &str) -> Result<Option<Official>, StoreError> {
        Ok(self
            .prepare_cached(
                "SELECT o.code, o.name, d.code, o.position_cs, o.position_en, o.position_uk, o.room, o.phone, o.email
                 FROM officials o JOIN departments d ON d.id = o.department_id WHERE o.code = ?1",
            )?
            .query_row([code], |r| {
                Ok(Official {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    department: r.get(2)?,
                    position: get_loc(r, 3)?,
                    room: r.get(6)?,
                    phone: r.get(7)?,
                    email: r.get(8)?,
                })
            })
            .optional()?)
    }

    /// Deactivates the active officials whose code is not in `codes`.
    pub fn deactivate_officials_except(&self, codes: &[&str], counts: &mut UpsertCounts) -> Result<(), StoreError> {
        self.deactivate_missing("officials", codes, counts)
    }

    /// Brings the catalogue tables to exactly `cat` (validated by the caller), in the caller's
    /// transaction. Running it twice with the same catalogue changes nothing.
    ///
    /// # Errors
    /// A failing statement; the caller's transaction is then rolled back whole.
    pub fn apply_catalogue(&self, cat: &Catalogue) -> Result<CatalogueCounts, StoreError> {
        let mut c = CatalogueCounts::default();
        for d in &cat.departments {
            let mut v = loc(&d.name).to_vec();
            v.extend([Value::Text(d.room.clone()), Value::Text(d.phone.clone()), Value::Text(d.email.clone())]);
            let cols = ["name_cs", "name_en", "name_uk", "room", "phone", "email"];
            self.upsert_by_code("departments", &d.code, &cols, v, &mut c.departments)?;
        }
        let codes: Vec<&str> = cat.departments.iter().map(|d| d.code.as_str()).collect();
        self.deactivate_missing("departments", &codes, &mut c.departments)?;

        for o in &cat.officials {
            self.upsert_official(o, &mut c.officials)?;
        }
        let codes: Vec<&str> = cat.officials.iter().map(|o| o.code.as_str()).collect();
        self.deactivate_missing("officials", &codes, &mut c.officials)?;

        for s in &cat.services {
            let dept = self.id_by_code("departments", &s.department)?;
            let mut v = loc(&s.name).to_vec();
            v.extend([Value::Integer(dept), Value::Integer(i64::from(s.duration_min))]);
            let cols = ["name_cs", "name_en", "name_uk", "department_id", "duration_min"];
            self.upsert_by_code("services", &s.code, &cols, v, &mut c.services)?;
        }
        let codes: Vec<&str> = cat.services.iter().map(|s| s.code.as_str()).collect();
        self.deactivate_missing("services", &codes, &mut c.services)?;

        for s in &cat.situations {
            let dept = self.id_by_code("departments", &s.department)?;
            let service = match &s.service {
                Some(code) => Value::Integer(self.id_by_code("services", code)?),
                None => Value::Null,
            };
            let mut v = loc(&s.name).to_vec();
            v.extend(loc(&s.description));
            v.extend([Value::Integer(dept), Value::Integer(i64::from(s.fee_czk))]);
            v.extend(loc(&s.fee_note));
            v.extend([Value::Integer(i64::from(s.deadline_days)), json(&s.documents)?, json(&s.fields)?, service]);
            let cols = [
                "name_cs",
                "name_en",
                "name_uk",
                "description_cs",
                "description_en",
                "description_uk",
                "department_id",
                "fee_czk",
                "fee_note_cs",
                "fee_note_en",
                "fee_note_uk",
                "deadline_days",
                "documents",
                "fields",
                "service_id",
            ];
            self.upsert_by_code("situations", &s.code, &cols, v, &mut c.situations)?;
        }
        let codes: Vec<&str> = cat.situations.iter().map(|s| s.code.as_str()).collect();
        self.deactivate_missing("situations", &codes, &mut c.situations)?;
        Ok(c)
    }

    /// The active catalogue, Czech-sorted by name, for the directory and pick lists.
    ///
    /// # Errors
    /// A failing query or a damaged JSON column.
    #[allow(clippy::too_many_lines, reason = "one query per kind of entry in the directory")]
    pub fn directory(&self) -> Result<DirectoryData, StoreError> {
        let mut d = DirectoryData::default();
        let mut stmt = self.prepare(
            "SELECT id, code, name_cs, name_en, name_uk, room, phone, email FROM departments
             WHERE active = 1 ORDER BY name_cs COLLATE czech",
        )?;
        d.departments = stmt
            .query_map([], |r| {
                Ok(DepartmentRow {
                    id: DepartmentId(r.get(0)?),
                    code: r.get(1)?,
                    name: get_loc(r, 2)?,
                    room: r.get(5)?,
                    phone: r.get(6)?,
                    email: r.get(7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.prepare(
            "SELECT id, code, name, department_id, position_cs, position_en, position_uk, room, phone, email
             FROM officials WHERE active = 1 ORDER BY name COLLATE czech",
        )?;
        d.officials = stmt
            .query_map([], |r| {
                Ok(OfficialRow {
                    id: OfficialId(r.get(0)?),
                    code: r.get(1)?,
                    name: r.get(2)?,
                    department_id: DepartmentId(r.get(3)?),
                    position: get_loc(r, 4)?,
                    room: r.get(7)?,
                    phone: r.get(8)?,
                    email: r.get(9)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.prepare(
            "SELECT id, code, name_cs, name_en, name_uk, department_id, duration_min FROM services
             WHERE active = 1 ORDER BY name_cs COLLATE czech",
        )?;
        d.services = stmt
            .query_map([], |r| {
                Ok(ServiceRow {
                    id: ServiceId(r.get(0)?),
                    code: r.get(1)?,
                    name: get_loc(r, 2)?,
                    department_id: DepartmentId(r.get(5)?),
                    duration_min: r.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.prepare(
            "SELECT id, code, name_cs, name_en, name_uk, description_cs, description_en, description_uk,
                    department_id, fee_czk, fee_note_cs, fee_note_en, fee_note_uk, deadline_days,
                    documents, fields, service_id
             FROM situations WHERE active = 1 ORDER BY name_cs COLLATE czech",
        )?;
        d.situations = stmt
            .query_map([], |r| {
                Ok(SituationRow {
                    id: SituationId(r.get(0)?),
                    code: r.get(1)?,
                    name: get_loc(r, 2)?,
                    description: get_loc(r, 5)?,
                    department_id: DepartmentId(r.get(8)?),
                    fee_czk: r.get(9)?,
                    fee_note: get_loc(r, 10)?,
                    deadline_days: r.get(13)?,
                    documents: from_json(14, &r.get::<_, String>(14)?)?,
                    fields: from_json(15, &r.get::<_, String>(15)?)?,
                    service_id: r.get::<_, Option<i64>>(16)?.map(ServiceId),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(d)
    }

    pub fn department_by_code(&self, code: &str) -> Result<Option<DepartmentId>, StoreError> {
        Ok(self
            .query_row("SELECT id FROM departments WHERE code = ?1", [code], |r| r.get(0))
            .optional()?
            .map(DepartmentId))
    }
}
