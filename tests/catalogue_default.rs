//! The shipped catalogue (assets/catalogue/default.toml) parses, validates and has the shape the
//! product promises; `Catalogue::validate` reports faults where an administrator can find them.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

use clerkdesk::domain::catalogue::{Catalogue, CatalogueError, DEFAULT_TOML, LifeSituation};
use clerkdesk::domain::lang::Localized;
use clerkdesk::domain::phone;

fn default_catalogue() -> Catalogue {
    match Catalogue::from_toml(DEFAULT_TOML) {
        Ok(cat) => cat,
        Err(errors) => panic!("the default catalogue is invalid: {errors:#?}"),
    }
}

fn situation<'a>(cat: &'a Catalogue, code: &str) -> &'a LifeSituation {
    cat.situations.iter().find(|s| s.code == code).unwrap_or_else(|| panic!("situation {code} is missing"))
}

fn assert_localized(what: &str, text: &Localized) {
    assert!(!text.cs.trim().is_empty(), "{what}: Czech is empty");
    assert!(!text.en.trim().is_empty(), "{what}: English is empty");
    assert!(!text.uk.trim().is_empty(), "{what}: Ukrainian is empty");
}

#[test]
fn default_catalogue_is_valid() {
    default_catalogue();
}

#[test]
fn default_catalogue_has_the_promised_size() {
    let cat = default_catalogue();
    assert!(cat.departments.len() >= 8, "{} departments", cat.departments.len());
    assert!(cat.officials.len() >= 20, "{} officials", cat.officials.len());
    assert!(cat.situations.len() >= 30, "{} situations", cat.situations.len());
}

#[test]
fn every_department_has_an_official_and_contacts() {
    let cat = default_catalogue();
    for d in &cat.departments {
        assert!(cat.officials.iter().any(|o| o.department == d.code), "department {} has no official", d.code);
        assert!(!d.room.is_empty(), "department {} has no room", d.code);
        assert!(d.email.contains('@'), "department {} has no e-mail", d.code);
        assert!(phone::normalize(&d.phone).is_ok(), "department {} phone {}", d.code, d.phone);
    }
}

#[test]
fn officials_have_logins_titles_positions_and_contacts() {
    let cat = default_catalogue();
    for o in &cat.officials {
        assert!(o.code.chars().all(|c| c.is_ascii_lowercase()), "official code {} is not a lowercase login", o.code);
        assert_localized(&format!("official {} position", o.code), &o.position);
        assert!(phone::normalize(&o.phone).is_ok(), "official {} phone {}", o.code, o.phone);
        assert!(o.email.ends_with("@mesto-lipnice.cz"), "official {} e-mail {}", o.code, o.email);
        assert!(!o.room.is_empty(), "official {} has no room", o.code);
    }
}

#[test]
fn everything_is_translated() {
    let cat = default_catalogue();
    for d in &cat.departments {
        assert_localized(&format!("department {}", d.code), &d.name);
    }
    for s in &cat.services {
        assert_localized(&format!("service {}", s.code), &s.name);
    }
    for s in &cat.situations {
        assert_localized(&format!("situation {} name", s.code), &s.name);
        assert_localized(&format!("situation {} description", s.code), &s.description);
        let docs = &s.documents;
        assert!(!docs.cs.is_empty(), "situation {}: no documents in Czech", s.code);
        assert_eq!(docs.cs.len(), docs.en.len(), "situation {}: English documents", s.code);
        assert_eq!(docs.cs.len(), docs.uk.len(), "situation {}: Ukrainian documents", s.code);
        if !s.fee_note.cs.is_empty() {
            assert_localized(&format!("situation {} fee note", s.code), &s.fee_note);
        }
        for f in &s.fields {
            assert_localized(&format!("situation {} field {}", s.code, f.key), &f.label);
            for o in &f.options {
                let what = format!("situation {} field {} option {}", s.code, f.key, o.value);
                assert_localized(&what, &o.label);
            }
        }
    }
}

#[test]
fn the_must_have_situations_exist() {
    let cat = default_catalogue();
    for code in [
        "OP-VYDANI",
        "OP-PREVZETI",
        "OP-ZTRATA",
        "PAS-VYDANI",
        "MAT-DOKLAD",
        "MAT-SNATEK",
        "MAT-UMRTI",
        "EO-TRVALY-POBYT",
        "OF-PES",
        "OF-ODPAD",
        "RP-VYMENA",
        "RV-REGISTRACE",
        "SU-POVOLENI",
        "OZP-KACENI",
        "OSV-POHREB",
        "KC-OVERENI-PODPISU",
        "KC-OVERENI-KOPIE",
        "KC-REJSTRIK-TRESTU",
        "OZP-RYBARSKY-LISTEK",
        "KS-INFORMACE",
        "KS-PODNET",
    ] {
        situation(&cat, code);
    }
}

#[test]
fn fees_follow_the_law_and_the_town_ordinances() {
    let cat = default_catalogue();
    // Zákon č. 634/2004 Sb., sazebník.
    for (code, fee) in [
        ("OP-VYDANI", 0),
        ("OP-ZTRATA", 200),
        ("PAS-VYDANI", 2000),
        ("MAT-DOKLAD", 300),
        ("MAT-UMRTI", 0),
        ("EO-TRVALY-POBYT", 50),
        ("KC-OVERENI-PODPISU", 50),
        ("KC-OVERENI-KOPIE", 30),
        ("KC-REJSTRIK-TRESTU", 100),
        ("RP-VYMENA", 200),
        ("RV-REGISTRACE", 800),
        ("OZP-RYBARSKY-LISTEK", 100),
        ("OZP-KACENI", 0),
        ("ZU-OHLASENI-ZIVNOSTI", 1000),
        ("KS-INFORMACE", 0),
        ("KS-PODNET", 0),
        // The town's own ordinances.
        ("OF-PES", 1200),
        ("OF-ODPAD", 900),
    ] {
        assert_eq!(situation(&cat, code).fee_czk, fee, "fee of {code}");
    }
}

#[test]
fn deadlines_follow_the_law() {
    let cat = default_catalogue();
    for (code, days) in [
        ("OP-VYDANI", 30),
        ("PAS-VYDANI", 30),
        ("MAT-DOKLAD", 0),
        ("KC-OVERENI-PODPISU", 0),
        ("OZP-KACENI", 30),
        ("OSV-POHREB", 30),
        ("SU-POVOLENI", 30),
        ("KS-INFORMACE", 15),
        ("KS-STIZNOST", 60),
    ] {
        assert_eq!(situation(&cat, code).deadline_days, days, "deadline of {code}");
    }
}

#[test]
fn every_situation_service_exists_and_the_id_card_form_has_its_choices() {
    let cat = default_catalogue();
    for s in &cat.situations {
        if let Some(svc) = &s.service {
            assert!(cat.services.iter().any(|x| &x.code == svc), "{}: service {svc}", s.code);
        }
    }
    let op = situation(&cat, "OP-VYDANI");
    assert_eq!(op.service.as_deref(), Some("OP-PODANI"));
    let reason = op.fields.iter().find(|f| f.key == "reason").expect("reason field");
    let values: Vec<&str> = reason.options.iter().map(|o| o.value.as_str()).collect();
    for v in ["expiry", "lost", "stolen", "damaged", "data_change"] {
        assert!(values.contains(&v), "ID card reason {v} missing");
    }
    let express = op.fields.iter().find(|f| f.key == "express").expect("express field");
    assert_eq!(express.options.len(), 3);
}

#[test]
fn the_passport_slot_is_longer_than_the_id_card_slot() {
    let cat = default_catalogue();
    let minutes = |code: &str| cat.services.iter().find(|s| s.code == code).map(|s| s.duration_min).expect(code);
    assert!(minutes("PAS-PODANI") > minutes("OP-PODANI"));
    for code in ["MAT-DOKLAD", "MAT-SNATEK", "MAT-UMRTI", "OP-PREVZETI", "PAS-PREVZETI", "RP", "RV", "EUH-SU"] {
        assert!(minutes(code) > 0);
    }
}

// ─── Validation faults, on small inline catalogues ──────────────────────────────────────────────

const BASE: &str = r#"
[[department]]
code = "OSA"
name = { cs = "Odbor správních agend" }
phone = "+420 465 503 200"

[[official]]
code = "jnovakova"
name = "Mgr. Jana Nováková"
department = "OSA"
position = { cs = "vedoucí odboru" }
"#;

fn errors_of(extra: &str) -> Vec<CatalogueError> {
    match Catalogue::from_toml(&format!("{BASE}{extra}")) {
        Ok(_) => panic!("the catalogue should be refused:\n{extra}"),
        Err(errors) => errors,
    }
}

#[test]
fn the_base_of_the_negative_tests_is_valid() {
    assert!(Catalogue::from_toml(BASE).is_ok());
}

#[test]
fn an_unknown_department_names_the_entry_and_the_field() {
    let errors = errors_of(
        r#"
[[situation]]
code = "OP-VYDANI"
name = { cs = "Vydání občanského průkazu" }
department = "XYZ"
deadline_days = 30
"#,
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].place.contains("OP-VYDANI"), "{:?}", errors[0]);
    assert_eq!(errors[0].field, "department");
    assert!(errors[0].message.contains("XYZ"), "{:?}", errors[0]);
}

#[test]
fn an_official_of_an_unknown_department_is_refused() {
    let errors = errors_of(
        r#"
[[official]]
code = "pnovak"
name = "Petr Novák"
department = "OD"
position = { cs = "referent" }
"#,
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].place.contains("pnovak"));
    assert_eq!(errors[0].field, "department");
}

#[test]
fn a_duplicate_code_is_refused() {
    let errors = errors_of(
        r#"
[[official]]
code = "jnovakova"
name = "Jana Nováková"
department = "OSA"
position = { cs = "matrikářka" }
"#,
    );
    assert!(
        errors.iter().any(|e| e.field == "code" && e.message.contains("twice") && e.place.contains("#2")),
        "{errors:?}"
    );
}

#[test]
fn a_choice_without_options_is_refused() {
    let errors = errors_of(
        r#"
[[situation]]
code = "OP-VYDANI"
name = { cs = "Vydání občanského průkazu" }
department = "OSA"
deadline_days = 30

[[situation.field]]
key = "reason"
label = { cs = "Důvod" }
kind = "choice"
"#,
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].place.contains("OP-VYDANI") && errors[0].place.contains("reason"));
    assert_eq!(errors[0].field, "option");
}

#[test]
fn a_bad_phone_is_refused() {
    let errors = errors_of(
        r#"
[[department]]
code = "OD"
name = { cs = "Odbor dopravy" }
phone = "465 503 30"
"#,
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].place.contains("OD"));
    assert_eq!(errors[0].field, "phone");
}

#[test]
fn an_unknown_service_is_refused() {
    let errors = errors_of(
        r#"
[[situation]]
code = "OP-VYDANI"
name = { cs = "Vydání občanského průkazu" }
department = "OSA"
deadline_days = 30
service = "OP-NIKDE"
"#,
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "service");
}

#[test]
fn a_toml_syntax_error_reports_its_line() {
    let text = "[[department]]\ncode = \"OSA\"\nname = { cs = \"Odbor\" \n";
    let errors = Catalogue::from_toml(text).expect_err("broken TOML");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].place, "file");
    assert_eq!(errors[0].field, "toml");
    assert!(errors[0].message.contains("line 3"), "{}", errors[0].message);
}
