#![allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
use super::*;
use crate::bridge::table::columns::{CITIZEN_COLUMNS, OFFICIAL_COLUMNS};

fn open(bytes: &[u8], mapping: &TableMapping) -> Result<Table, Rejection> {
    Table::open(Box::new(std::io::Cursor::new(bytes.to_vec())), CITIZEN_COLUMNS, mapping, None)
}

#[test]
fn finds_columns_by_czech_headers_without_case_or_diacritics_and_sniffs_semicolons() {
    let text = "PRIJMENI;Jméno;Datum_narození;Rodné číslo;PSČ;Poznámka\r\n\
                Nováková;Jana;20. 11. 1980;;412 01;x\r\n\r\n\
                \"Dvořák\r\nml.\";Petr;1975-03-04;750304/1236;;\r\n";
    let t = open(text.as_bytes(), &TableMapping::default()).unwrap();
    assert_eq!(t.delimiter(), b';');
    assert_eq!(t.column_of("family_name"), Some("PRIJMENI"));
    assert_eq!(t.column_of("birth_number"), Some("Rodné číslo"));
    assert_eq!(t.ignored(), vec!["Poznámka".to_owned()]);
    let rows: Vec<TableRow> = t.collect();
    assert_eq!(rows.len(), 2, "the blank line is skipped");
    let first = rows[0].entry.as_ref().unwrap();
    assert_eq!((first.location.line, first.get("given_name"), first.get("postcode")), (2, "Jana", "412 01"));
    assert!(!first.values.contains_key("birth_number"), "blank cells are left out");
    let second = rows[1].entry.as_ref().unwrap();
    assert_eq!((second.location, second.get("family_name")), (Location { line: 4, index: 2 }, "Dvořák\r\nml."));
}

#[test]
fn refuses_a_header_without_a_required_column_naming_what_it_looked_for() {
    let err = open(b"jmeno,prijmeni\nJan,Novak\n", &TableMapping::default()).err().unwrap();
    assert_eq!((err.location.line, err.field.as_str()), (1, "header"));
    assert!(err.reason.contains("birth_date (looked for birth_date | datum narození"), "{}", err.reason);
    let err = open(b"", &TableMapping::default()).err().unwrap();
    assert!(err.reason.contains("empty"));
}

#[test]
fn a_mapping_renames_columns_and_reads_its_own_dates_in_windows_1250() {
    let mapping = TableMapping::from_toml(
        "encoding = \"windows-1250\"\ndate_format = \"%d/%m/%Y\"\n[columns]\ngiven_name = \"Křestní\"\n\
         family_name = [\"Rodné příjmení\", \"Příjmení\"]\nbirth_date = \"Narozen(a)\"\n",
        CITIZEN_COLUMNS,
    )
    .unwrap();
    let text = "Křestní,Příjmení,Narozen(a),Jméno\nŽofie,Šťastná,03/04/1975,x\nJan,Novák,1975-04-03,y\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(text);
    let t = open(&bytes, &mapping).unwrap();
    assert_eq!(t.ignored(), vec!["Jméno".to_owned()], "a mapped field no longer takes its default aliases");
    let rows: Vec<TableRow> = t.collect();
    let e = rows[0].entry.as_ref().unwrap();
    assert_eq!((e.get("given_name"), e.get("family_name"), e.get("birth_date")), ("Žofie", "Šťastná", "1975-04-03"));
    let bad = rows[1].entry.as_ref().unwrap_err();
    assert_eq!((bad.location.line, bad.field.as_str()), (3, "birth_date"));
    assert!(bad.reason.contains("does not match the date format %d/%m/%Y"), "{}", bad.reason);
}

#[test]
fn refuses_a_bad_mapping() {
    for (text, why) in [
        ("[columns]\nshoe_size = \"x\"", "'shoe_size' is not a field here"),
        ("delimiter = \"::\"", "not one ASCII character"),
        ("date_format = \"%Q\"", "does not read a date"),
        ("encoding = \"latin1\"", "unknown variant"),
        ("colour = 1", "unknown field"),
    ] {
        let err = TableMapping::from_toml(text, CITIZEN_COLUMNS).unwrap_err();
        assert!(err.contains(why), "{text}: {err}");
    }
    assert!(TableMapping::from_toml("[columns]\nrole = \"Účet\"", OFFICIAL_COLUMNS).is_ok());
}

#[test]
fn a_ragged_row_and_bytes_that_are_not_utf8_are_rejected_with_their_cells_kept() {
    let t = open(b"jmeno,prijmeni,narozen\nJan,Nov\xe1k,1980-01-01\nEva,Mala\n", &TableMapping::default()).unwrap();
    let rows: Vec<TableRow> = t.collect();
    let bad = rows[0].entry.as_ref().unwrap_err();
    assert_eq!((bad.location.line, bad.field.as_str()), (2, "family_name"));
    assert!(bad.reason.contains("windows-1250"), "{}", bad.reason);
    assert_eq!(rows[0].cells, ["Jan", "Nov\u{fffd}k", "1980-01-01"]);
    let ragged = rows[1].entry.as_ref().unwrap_err();
    assert_eq!((ragged.location.line, ragged.field.as_str()), (3, "row"));
}

#[test]
fn the_writer_writes_what_the_reader_reads_back() {
    let header = ["Jméno", "Příjmení", "Narozen", "error"].map(String::from);
    let row = ["Řehoř \"Jr\"", "Šťastný; ml.", "1. 2. 1980", "birth_date: bad — really"].map(String::from);
    for encoding in [Encoding::Utf8, Encoding::Windows1250] {
        let mut w = TableWriter::begin(Vec::new(), b';', encoding, &header).unwrap();
        w.row(&row).unwrap();
        let bytes = w.finish().unwrap();
        let t = Table::open(
            Box::new(std::io::Cursor::new(bytes)),
            CITIZEN_COLUMNS,
            &TableMapping::default(),
            Some(encoding),
        )
        .unwrap();
        assert_eq!(t.header(), header);
        let rows: Vec<TableRow> = t.collect();
        assert_eq!(rows[0].cells, row, "{encoding:?}");
    }
}

#[test]
fn a_formula_cell_is_neutralised_for_a_spreadsheet_and_reads_back_as_it_was() {
    let header = ["Jméno", "Příjmení", "Narozen", "Telefon", "error"].map(String::from);
    let row = ["=cmd|' /C calc'!A0", "-Nováková", "1980-02-01", "+420 601 111 111", "@SUM(1)"].map(String::from);
    let mut w = TableWriter::begin(Vec::new(), b';', Encoding::Utf8, &header).unwrap();
    w.row(&row).unwrap();
    let bytes = w.finish().unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    // What a spreadsheet opens: every such cell starts with a `'`, so none is run as a formula.
    assert!(text.contains("'=cmd") && text.contains(";'-Nováková;") && text.contains(";'+420 601"), "{text}");
    assert!(text.contains(";'@SUM(1)"), "{text}");
    let t =
        Table::open(Box::new(std::io::Cursor::new(bytes)), CITIZEN_COLUMNS, &TableMapping::default(), None).unwrap();
    let rows: Vec<TableRow> = t.collect();
    let entry = rows[0].entry.as_ref().unwrap();
    assert_eq!(entry.get("given_name"), row[0]);
    assert_eq!(entry.get("family_name"), row[1]);
    assert_eq!(entry.get("phone"), row[3]);
}
