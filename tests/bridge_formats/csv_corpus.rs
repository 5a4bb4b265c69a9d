//! CSV: real 311 exports, the CSV edge-case suites, CR-only line ends and windows-1250.

use super::*;

const MAP_311: &str = r#"
datetime_format = "%m/%d/%Y %I:%M:%S %p"
timezone = "America/New_York"
[columns]
portal_id = ["Unique Key", "SRNumber", "case_enquiry_id"]
submitted_at = ["Created Date", "CreatedDate", "open_dt"]
situation = ["Complaint Type", "RequestType", "type"]
street = ["Incident Address", "Address", "location"]
postcode = ["Incident Zip", "ZipCode", "location_zipcode"]
note = ["Descriptor", "case_title"]
"#;

fn options(toml: &str) -> ReadOptions {
    ReadOptions { mapping: Some(CsvMapping::from_toml(toml).unwrap()), encoding: None }
}

#[test]
fn real_311_exports_are_refused_for_the_birth_date_or_mapped_row_by_row() {
    let Some(dir) = corpus("311-csv") else { return };
    let mut all = Vec::new();
    files(&dir, &mut all);
    let with_birth = options(&format!("{MAP_311}\n[constants]\nbirth_date = \"1900-01-01\"\n"));
    let (mut n, mut ok, mut bad) = (0, 0, 0);
    for path in all {
        if !matches!(path.extension().and_then(|e| e.to_str()), Some("csv" | "tsv" | "ssv" | "tab")) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let refused = read(Format::Csv, bytes.clone(), &options(MAP_311));
        let err = refused[0].as_ref().unwrap_err();
        assert_eq!((refused.len(), err.field.as_str()), (1, "header"), "{}", path.display());
        assert!(err.reason.contains("birth_date (not mapped, no constant)"), "{}: {err}", path.display());
        let got = read(Format::Csv, bytes, &with_birth);
        let (o, b) = tally(&path, &got);
        eprintln!(
            "{}: {o} records, {b} rejections; first: {:?}",
            path.display(),
            got.iter().find_map(|r| r.as_ref().err())
        );
        (n, ok, bad) = (n + 1, ok + o, bad + b);
    }
    eprintln!("311 CSV: {n} files, {ok} records, {bad} rejections");
    assert!(n >= 15 && ok > 1000 && bad > 0);
}

fn rows(bytes: Vec<u8>, encoding: Encoding) -> Vec<(u64, Vec<String>)> {
    Rows::new(Box::new(std::io::Cursor::new(bytes)), Some(b','), encoding)
        .map(|r| r.map_err(|e| format!("{e:?}")).unwrap())
        .collect()
}

/// Cases whose expectation we knowingly differ from.
const DIFFERENT: &[(&str, &str)] = &[
    ("location_coordinates", "the corpus CSV holds U+FFFD where its JSON has a degree sign"),
    ("all-empty", "blank lines are skipped, not rows of one empty cell"),
    ("empty-one-column", "blank lines are skipped, not rows of one empty cell"),
];

#[test]
fn csv_suites_parse_as_expected() {
    for suite in ["nasty/csv-spectrum", "nasty/sineemore-csv-test-data"] {
        let Some(dir) = corpus(suite) else { return };
        let csvs = if dir.join("csvs").is_dir() { dir.join("csvs") } else { dir.join("csv") };
        let mut all = Vec::new();
        files(&csvs, &mut all);
        for path in all {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            if let Some(why) = DIFFERENT.iter().find(|(name, _)| *name == stem).map(|(_, why)| why) {
                eprintln!("skipped {suite}/{stem}: {why}");
                continue;
            }
            let Ok(expected) = std::fs::read_to_string(dir.join("json").join(format!("{stem}.json"))) else { continue };
            // The corpus copies of the *_crlf files have LF line ends; their JSON still says CRLF.
            let expected: serde_json::Value = serde_json::from_str(&expected.replace("\\r\\n", "\\n")).unwrap();
            let got = rows(std::fs::read(&path).unwrap(), Encoding::Utf8);
            let arrays = serde_json::json!(got.iter().map(|(_, cells)| cells.clone()).collect::<Vec<_>>());
            if arrays == expected || (got.is_empty() && expected == serde_json::json!([])) {
                continue;
            }
            let Some((_, header)) = got.first() else { panic!("{suite}/{stem}: no rows") };
            let objects: Vec<serde_json::Map<String, serde_json::Value>> = got[1..]
                .iter()
                .map(|(_, cells)| header.iter().cloned().zip(cells.iter().map(|c| c.clone().into())).collect())
                .collect();
            let objects = serde_json::json!(objects);
            assert_eq!(objects, expected, "{suite}/{stem}");
        }
    }
}

#[test]
fn bad_csv_files_are_refused() {
    let Some(dir) = corpus("nasty/sineemore-csv-test-data/csv") else { return };
    let map = options(
        "[columns]\nportal_id = \"foo\"\nsituation = \"bar\"\n\"fields.baz\" = \"baz\"\n[constants]\nsubmitted_at = \"2026-01-15T10:00:00Z\"\nbirth_date = \"1980-02-01\"\n",
    );
    // The csv crate reads a stray quote inside an unquoted field as text, like most spreadsheets.
    let lenient = ["bad-unescaped-quote", "bad-quotes-with-unescaped-quote"];
    for name in [
        "bad-header-less-fields",
        "bad-header-more-fields",
        "bad-header-no-header",
        "bad-header-wrong-header",
        "bad-missing-quote",
    ] {
        let got = read(Format::Csv, std::fs::read(dir.join(format!("{name}.csv"))).unwrap(), &map);
        assert!(!got.is_empty() && got.iter().all(Result::is_err), "{name}: {got:?}");
    }
    for name in lenient {
        let got = read(Format::Csv, std::fs::read(dir.join(format!("{name}.csv"))).unwrap(), &map);
        assert_eq!(got.len(), 1, "{name}");
    }
}

#[test]
fn cr_only_line_ends_count_lines() {
    let Some(dir) = corpus("nasty/qsv-odd-csv") else { return };
    let got = rows(std::fs::read(dir.join("311011.csv")).unwrap(), Encoding::Utf8);
    assert!(got.len() > 10, "{} rows", got.len());
    assert!(got.windows(2).all(|w| w[1].0 > w[0].0), "lines increase");
    assert_eq!(got[1].0, 2);
}

#[test]
fn windows_1250_reads_as_the_utf8_original() {
    let Some(dir) = corpus("czech/names") else { return };
    let cp = rows(std::fs::read(dir.join("datarozhlas_prijmeni_over50_cp1250.csv")).unwrap(), Encoding::Windows1250);
    let utf8 = std::fs::read_to_string(dir.join("datarozhlas_prijmeni_over50_utf8.txt")).unwrap();
    let expected: Vec<&str> = utf8.lines().filter(|l| !l.is_empty()).collect();
    let names: Vec<&String> = cp[0].1.iter().filter(|n| !n.is_empty()).collect();
    let same = names.len() == expected.len() && names.iter().zip(&expected).all(|(a, b)| a == b);
    let first_diff = names.iter().zip(&expected).position(|(a, b)| a != b);
    assert!(same, "{} vs {} names, first difference at {first_diff:?}", names.len(), expected.len());
    let Some(xml) = corpus("nasty/quick-xml-documents") else { return };
    let mut all = Vec::new();
    files(&xml, &mut all);
    for path in all.iter().filter(|p| p.extension().is_some_and(|e| e == "xml")) {
        let got = read(Format::Open311Xml, std::fs::read(path).unwrap(), &ReadOptions::default());
        let (_, b) = tally(path, &got);
        assert!(b >= 1, "{}: not a list of requests, refused", path.display());
    }
}
