//! The translation files agree with each other and with the code: every message id exists
//! in Russian and English, and every id the code asks for is defined.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kabinet_shared::model::ApplicationStatus;
use regex::Regex;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Message ids defined in each language folder of `app/locales`.
fn defined() -> BTreeMap<String, BTreeSet<String>> {
    let id = Regex::new(r"(?m)^([a-z][a-z0-9-]*)\s*=").unwrap();
    let mut languages = BTreeMap::new();
    for language in ["ru", "en"] {
        let folder = repository().join("app/locales").join(language);
        let mut ids = BTreeSet::new();
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ftl") {
                let text = std::fs::read_to_string(&path).unwrap();
                for captures in id.captures_iter(&text) {
                    let new = ids.insert(captures[1].to_string());
                    assert!(
                        new,
                        "{} is defined twice in {}",
                        &captures[1],
                        folder.display()
                    );
                }
            }
        }
        languages.insert(language.to_string(), ids);
    }
    languages
}

fn rust_files(folder: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// Message ids the code names literally, with the file that names them.
fn referenced() -> Vec<(String, PathBuf)> {
    let call = Regex::new(
        r#"(?:\bt|\bt_with|Message::new|rejected|\btext|\btext_with)\(\s*(?:[a-z_]+(?:\(\))?\s*,\s*)?"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)""#,
    )
    .unwrap();
    let mut files = Vec::new();
    for folder in ["app/src", "app/shared/src", "server/src", "server/core/src"] {
        rust_files(&repository().join(folder), &mut files);
    }
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for captures in call.captures_iter(&text) {
            found.push((captures[1].to_string(), file.clone()));
        }
    }
    found
}

#[test]
fn languages_define_same_ids() {
    let defined = defined();
    let russian = &defined["ru"];
    let english = &defined["en"];

    let only_russian: Vec<_> = russian.difference(english).collect();
    let only_english: Vec<_> = english.difference(russian).collect();
    assert!(
        only_russian.is_empty(),
        "missing in English: {only_russian:?}"
    );
    assert!(
        only_english.is_empty(),
        "missing in Russian: {only_english:?}"
    );
}

#[test]
fn every_referenced_id_is_defined() {
    let defined = defined();
    let references = referenced();
    assert!(
        references.len() > 100,
        "the scan found only {} references",
        references.len()
    );

    let missing: Vec<_> = references
        .iter()
        .filter(|(id, _)| !defined["ru"].contains(id))
        .map(|(id, file)| format!("{id} ({})", file.display()))
        .collect();
    assert!(missing.is_empty(), "not defined: {missing:#?}");
}

#[test]
fn generated_ids_are_defined() {
    let defined = &defined()["ru"];
    let mut generated: Vec<String> = ApplicationStatus::ALL
        .iter()
        .map(|status| status.message_key())
        .collect();
    for kind in [
        "registration",
        "sign-in",
        "sign-out",
        "profile-change",
        "application-submitted",
        "application-status-changed",
    ] {
        generated.push(format!("history-{kind}"));
    }
    for status in ["succeeded", "failed", "in-progress"] {
        generated.push(format!("history-status-{status}"));
    }
    for kind in ["application-submitted", "status-changed"] {
        generated.push(format!("notification-{kind}"));
    }
    for category in [
        "taxes",
        "passports-registration",
        "social-support",
        "family",
        "transport",
        "business",
        "health",
    ] {
        generated.push(format!("category-{category}"));
    }

    let missing: Vec<_> = generated
        .iter()
        .filter(|id| !defined.contains(*id))
        .collect();
    assert!(missing.is_empty(), "not defined: {missing:?}");
}

#[test]
fn russian_plurals_have_all_forms() {
    use kabinet_shared::{Locale, i18n};
    let texts: Vec<String> = ["1", "2", "5", "11", "21", "22", "25"]
        .iter()
        .map(|count| {
            i18n::text_with(
                Locale::Ru,
                "cabinet-applications-count",
                &[("count", count)],
            )
        })
        .collect();
    assert_eq!(
        texts,
        [
            "1 заявление",
            "2 заявления",
            "5 заявлений",
            "11 заявлений",
            "21 заявление",
            "22 заявления",
            "25 заявлений"
        ]
    );
}
