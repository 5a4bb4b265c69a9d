#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]

use super::*;
use crate::domain::catalogue::ChoiceOption;
use crate::domain::lang::Localized;
use rstest::rstest;
use serde_json::json;

fn loc(cs: &str) -> Localized {
    Localized { cs: cs.into(), en: String::new(), uk: String::new() }
}

fn field(key: &str, kind: FieldKind, required: bool) -> FormField {
    let options = if kind == FieldKind::Choice {
        vec![
            ChoiceOption { value: "lost".into(), label: loc("ztráta") },
            ChoiceOption { value: "data_change".into(), label: loc("změna údajů") },
        ]
    } else {
        vec![]
    };
    FormField { key: key.into(), label: loc(key), kind, required, options }
}

fn one(kind: FieldKind, raw: &str) -> Result<Value, Vec<FieldError>> {
    let fields = [field("f", kind, true)];
    let values = BTreeMap::from([("f".to_owned(), raw.to_owned())]);
    validate_form(&fields, &values).map(|m| m["f"].clone())
}

#[rstest]
#[case(FieldKind::Number, "12", json!(12))]
#[case(FieldKind::Number, " -3 ", json!(-3))]
#[case(FieldKind::Number, "2,5", json!(2.5))]
#[case(FieldKind::Number, "2.5", json!(2.5))]
#[case(FieldKind::Number, "1 250", json!(1250))]
#[case(FieldKind::Date, "20. 11. 2026", json!("2026-11-20"))]
#[case(FieldKind::Date, "2026-11-20", json!("2026-11-20"))]
#[case(FieldKind::Choice, "lost", json!("lost"))]
#[case(FieldKind::Choice, "LOST", json!("lost"))]
#[case(FieldKind::Choice, "ztráta", json!("lost"))]
#[case(FieldKind::Choice, "Zmena udaju", json!("data_change"))]
#[case(FieldKind::Text, "  Dobrý den  ", json!("Dobrý den"))]
#[case(FieldKind::Text, "řádek\r\nřádek", json!("řádek\nřádek"))]
fn accepts(#[case] kind: FieldKind, #[case] raw: &str, #[case] want: Value) {
    assert_eq!(one(kind, raw), Ok(want));
}

#[rstest]
#[case(FieldKind::Number, "12a", "err-field-number")]
#[case(FieldKind::Number, "1,2,3", "err-field-number")]
#[case(FieldKind::Number, ",5", "err-field-number")]
#[case(FieldKind::Number, "5,", "err-field-number")]
#[case(FieldKind::Number, "--1", "err-field-number")]
#[case(FieldKind::Number, "99999999999999999999", "err-field-number")]
#[case(FieldKind::Date, "31. 4. 2026", "err-field-date")]
#[case(FieldKind::Date, "zítra", "err-field-date")]
#[case(FieldKind::Choice, "stolen", "err-field-choice")]
#[case(FieldKind::Text, "a\tb", "err-field-control")]
#[case(FieldKind::Text, "a\u{7}b", "err-field-control")]
#[case(FieldKind::Text, &"x".repeat(2001), "err-field-too-long")]
#[case(FieldKind::Text, "   ", "err-required")]
fn refuses(#[case] kind: FieldKind, #[case] raw: &str, #[case] id: &str) {
    let errs = one(kind, raw).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].key, "f");
    assert_eq!(errs[0].message_id, id, "{}", errs[0]);
}

#[test]
fn text_of_exactly_the_limit_is_fine() {
    assert!(one(FieldKind::Text, &"ž".repeat(MAX_TEXT)).is_ok());
}

#[test]
fn every_fault_is_named_and_blank_optionals_are_left_out() {
    let fields = [
        field("reason", FieldKind::Choice, true),
        field("count", FieldKind::Number, false),
        field("note", FieldKind::Text, false),
    ];
    let values = BTreeMap::from([("count".to_owned(), "x".to_owned()), ("colour".to_owned(), "red".to_owned())]);
    let errs = validate_form(&fields, &values).unwrap_err();
    let keys: Vec<(&str, &str)> = errs.iter().map(|e| (e.key.as_str(), e.message_id)).collect();
    assert_eq!(keys, [("reason", "err-required"), ("count", "err-field-number"), ("colour", "err-unknown-field")]);

    let values = BTreeMap::from([("reason".to_owned(), "lost".to_owned()), ("note".to_owned(), " ".to_owned())]);
    let form = validate_form(&fields, &values).unwrap();
    assert_eq!(Value::Object(form), json!({"reason": "lost"}));
}

#[test]
fn example_values_pass_the_form() {
    let fields = [field("reason", FieldKind::Choice, true), field("d", FieldKind::Date, true)];
    assert!(validate_form(&fields, &example_values(&fields)).is_ok());
}
