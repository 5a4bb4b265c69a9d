//! The columns of the tables administrators import (docs/admin-guide.md, "Importing citizens and
//! officials"): a register extract of citizens and the list of officials. Headers are compared
//! without case and diacritics, so `Příjmení`, `PRIJMENI` and `prijmeni` are one alias.

use super::Column;

const fn col(field: &'static str, aliases: &'static [&'static str], required: bool) -> Column {
    Column { field, aliases, required, date: false }
}

const PHONE: &[&str] = &["telefon", "tel", "tel.", "mobil", "telefonní číslo", "phone", "telephone"];
const EMAIL: &[&str] = &["e-mail", "email", "mail"];

/// A register extract: one citizen per row.
pub const CITIZEN_COLUMNS: &[Column] = &[
    col("given_name", &["jméno", "křestní jméno", "given name", "first name", "forename"], true),
    col("family_name", &["příjmení", "family name", "surname", "last name"], true),
    Column {
        field: "birth_date",
        aliases: &["datum narození", "narozen", "narozena", "narození", "date of birth", "birth date", "dob"],
        required: true,
        date: true,
    },
    col("birth_number", &["rodné číslo", "rč", "birth number"], false),
    col("phone", PHONE, false),
    col("email", EMAIL, false),
    col("street", &["ulice", "ulice a číslo", "adresa", "street", "address"], false),
    col("city", &["obec", "město", "city", "town", "municipality"], false),
    col("postcode", &["psč", "postcode", "postal code", "zip"], false),
];

/// The officials of the directory: one per row, known by their code, which is also the login of
/// their account.
pub const OFFICIAL_COLUMNS: &[Column] = &[
    col("code", &["login", "kód", "uživatelské jméno", "přihlašovací jméno", "username"], true),
    col("name", &["jméno", "jméno a příjmení", "celé jméno", "full name"], true),
    col("department", &["odbor", "kód odboru", "útvar", "department code"], true),
    col("position", &["funkce", "pozice", "pracovní pozice", "title", "position cs"], false),
    col("position_en", &["funkce en", "funkce anglicky", "title en"], false),
    col("position_uk", &["funkce uk", "funkce ukrajinsky", "title uk"], false),
    col("room", &["kancelář", "místnost", "dveře", "office"], false),
    col("phone", PHONE, false),
    col("email", EMAIL, false),
    col("role", &["role účtu", "account role"], false),
];
