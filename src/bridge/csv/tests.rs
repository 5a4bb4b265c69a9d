#![allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
use super::*;

const OURS: &str = "portal_id;submitted_at;situation;given_name;family_name;birth_date;note;fields.reason\r\n\
P-1;2026-01-15T10:00:00Z;OP-VYDANI;Jan;Novák;1980-02-01;\"two\r\nlines; \"\"quoted\"\"\";expiry\r\n\
P-2;2026-01-15T10:00:00Z;;Eva;Malá;1990-01-01;;\r\n\
P-3;2026-01-15T10:00:00Z;OP\r\n";

fn read(bytes: &[u8], mapping: CsvMapping) -> Vec<ReadResult> {
    Reader::new(Box::new(std::io::Cursor::new(bytes.to_vec())), mapping).collect()
}

fn filing(r: &ReadResult) -> &crate::domain::portal::PortalFiling {
    let PortalRecord::Filing(f) = &r.as_ref().unwrap().record else { panic!() };
    f
}

#[test]
fn reads_our_layout_with_a_bom_sniffed_semicolons_and_quoted_line_breaks() {
    let got = read(format!("\u{feff}{OURS}").as_bytes(), CsvMapping::default());
    assert_eq!(got.len(), 3);
    let f = filing(&got[0]);
    assert_eq!((f.portal_id.as_str(), f.citizen.family_name.as_str()), ("P-1", "Novák"));
    assert_eq!(f.note, "two\r\nlines; \"quoted\"");
    assert_eq!(f.fields["reason"], "expiry");
    let empty = got[1].as_ref().unwrap_err();
    assert_eq!((empty.location, empty.field.as_str()), (Location { line: 4, index: 2 }, "situation"));
    let ragged = got[2].as_ref().unwrap_err();
    assert_eq!((ragged.location.line, ragged.field.as_str()), (5, "row"));
}

#[test]
fn a_mapping_with_aliases_constants_windows_1250_and_cr_line_ends() {
    let mapping = CsvMapping::from_toml(
        "encoding = \"windows-1250\"\ndatetime_format = \"%d.%m.%Y %H:%M:%S\"\ndate_format = \"%d.%m.%Y\"\n\
         [columns]\nportal_id = \"Číslo\"\nsubmitted_at = \"Podáno\"\nfamily_name = \"Příjmení\"\nbirth_date = \"Narozen\"\n\
         [constants]\nsituation = \"OP-VYDANI\"\n",
    )
    .unwrap();
    let text = "CISLO,podano,prijmeni,narozen\r1,15.01.2026 10:00:00,\u{17d}lut\u{fd},01.02.1980\r2,x,Y,01.02.1980\r";
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(text);
    let got = read(&bytes, mapping);
    let f = filing(&got[0]);
    assert_eq!((f.citizen.family_name.as_str(), f.situation.as_str()), ("Žlutý", "OP-VYDANI"));
    assert_eq!(
        (f.citizen.birth_date.as_str(), f.submitted_at.to_rfc3339().as_str()),
        ("1980-02-01", "2026-01-15T09:00:00+00:00")
    );
    let bad = got[1].as_ref().unwrap_err();
    assert_eq!((bad.location, bad.field.as_str()), (Location { line: 3, index: 2 }, "podano"));
}

#[test]
fn refuses_a_header_without_the_required_columns_and_bad_utf8() {
    let got = read(b"id,when\n1,2\n", CsvMapping::default());
    assert_eq!(got.len(), 1);
    let err = got[0].as_ref().unwrap_err();
    assert_eq!(err.field, "header");
    assert!(err.reason.contains("portal_id (looked for portal_id)") && err.reason.contains("birth_date"), "{err}");
    assert_eq!(read(b"", CsvMapping::default())[0].as_ref().unwrap_err().field, "header");
    let latin = read(
        b"portal_id,submitted_at,situation,birth_date,note\n1,2026-01-15T10:00:00Z,S,1980-02-01,\x9Elu\n",
        CsvMapping::default(),
    );
    let err = latin[0].as_ref().unwrap_err();
    assert_eq!((err.field.as_str(), err.location.line), ("note", 2));
    assert!(err.reason.contains("windows-1250"));
}

#[test]
fn sniffs_the_delimiter_outside_quotes() {
    assert_eq!(sniff(b"\"a,b,c\";x;y\n1,2,3,4,5"), b';');
    assert_eq!(sniff(b"a\tb\tc"), b'\t');
    assert_eq!(sniff(b"abc"), b',');
}

#[test]
fn rows_start_on_their_physical_line_whatever_the_line_ends() {
    for text in ["h\r\na\r\n\"b\r\nc\"\r\n\r\nd\r\n", "h\na\n\"b\nc\"\n\nd\n", "h\ra\r\"b\rc\"\r\rd"] {
        let input = Box::new(std::io::Cursor::new(text.as_bytes().to_vec()));
        let lines: Vec<u64> = Rows::new(input, None, Encoding::Utf8).map(|r| r.unwrap().0).collect();
        assert_eq!(lines, [1, 2, 3, 6], "{text:?}");
    }
}
