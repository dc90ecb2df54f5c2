//! Checks the identifier validators against published examples.
//!
//! `data/identifiers.tsv` has one example per row: the kind of identifier, the value, the
//! expected verdict (`valid` or `invalid`) and the source where the example was published.

use kabinet_shared::Message;
use kabinet_shared::validate::{inn, kpp, ogrn, passport, snils};

/// Number of data rows in the file, so that a truncated copy fails.
const EXPECTED_ROWS: usize = 91;

struct Example {
    line: usize,
    kind: String,
    value: String,
    valid: bool,
    source: String,
}

fn load_examples() -> Vec<Example> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/identifiers.tsv");
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"));
    let mut lines = text.lines().enumerate();

    let (_, header) = lines.next().expect("identifiers.tsv is empty");
    assert_eq!(header, "kind\tvalue\texpected\tsource");

    lines
        .map(|(index, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                fields.len(),
                4,
                "line {}: expected 4 tab-separated fields in {line:?}",
                index + 1
            );
            let valid = match fields[2] {
                "valid" => true,
                "invalid" => false,
                other => panic!(
                    "line {}: expected valid or invalid, found {other:?}",
                    index + 1
                ),
            };
            Example {
                line: index + 1,
                kind: fields[0].to_owned(),
                value: fields[1].to_owned(),
                valid,
                source: fields[3].to_owned(),
            }
        })
        .collect()
}

/// Runs the validator for `kind` on `value` and returns its error, if any.
fn validate(kind: &str, value: &str) -> Result<(), Message> {
    match kind {
        "inn10" => inn::parse_legal(value).map(drop),
        "inn12" => inn::parse_person(value).map(drop),
        "ogrn" => ogrn::parse_ogrn(value).map(drop),
        "ogrnip" => ogrn::parse_ogrnip(value).map(drop),
        "snils" => snils::parse(value).map(drop),
        "kpp" => kpp::parse(value).map(drop),
        "passport" => passport::parse(value).map(drop),
        other => panic!("unknown identifier kind {other:?}"),
    }
}

#[test]
fn file_has_all_rows() {
    assert_eq!(load_examples().len(), EXPECTED_ROWS);
}

#[test]
fn every_example_gets_expected_verdict() {
    for example in load_examples() {
        let result = validate(&example.kind, &example.value);
        let expected = if example.valid { "valid" } else { "invalid" };
        assert_eq!(
            result.is_ok(),
            example.valid,
            "line {}: {} {:?} should be {expected}, validator returned {result:?} (source: {})",
            example.line,
            example.kind,
            example.value,
            example.source
        );
    }
}

#[test]
fn every_kind_is_covered() {
    let examples = load_examples();
    for kind in [
        "inn10", "inn12", "ogrn", "ogrnip", "snils", "kpp", "passport",
    ] {
        let valid = examples
            .iter()
            .filter(|example| example.kind == kind && example.valid)
            .count();
        let invalid = examples
            .iter()
            .filter(|example| example.kind == kind && !example.valid)
            .count();
        assert!(valid > 0, "no valid example of {kind}");
        assert!(invalid > 0, "no invalid example of {kind}");
    }
}
