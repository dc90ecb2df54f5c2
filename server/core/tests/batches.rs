//! One form that makes an application per item of a group, on every backend under test.

mod common;

use std::collections::BTreeMap;

use common::{PDF, TestCore, cores, field_key};
use kabinet_core::applications::{FileUpload, Submission};
use kabinet_core::shared::Locale;
use kabinet_core::{Actor, Error};
use uuid::Uuid;

const SERVICE: &str = "oms-policy-child";

/// Returns the answers of the children's policy form for the given children, each as
/// (given name, birth date, SNILS), as the form sends them.
fn answers(children: &[(&str, &str, &str)]) -> BTreeMap<String, String> {
    let mut answers: BTreeMap<String, String> = [
        ("surname", "Соколова"),
        ("given_name", "Мария"),
        ("passport", "4510 123456"),
        ("relation", "parent"),
        ("insurer_name", "СОГАЗ-Мед"),
        ("policy_form", "electronic"),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_string(), value.to_string()))
    .collect();
    answers.insert("children".into(), children.len().to_string());
    for (index, (given_name, birth_date, snils)) in children.iter().enumerate() {
        let item = |field: &str| format!("children.{}.{field}", index + 1);
        answers.insert(item("surname"), "Соколов".into());
        answers.insert(item("given_name"), given_name.to_string());
        answers.insert(item("birth_date"), birth_date.to_string());
        answers.insert(item("birth_certificate"), format!("IV-АБ 12345{index}"));
        answers.insert(item("snils"), snils.to_string());
    }
    answers
}

fn submission(answers: BTreeMap<String, String>) -> Submission {
    Submission {
        service_code: SERVICE.into(),
        request_key: Uuid::new_v4().to_string(),
        answers,
        uploads: vec![FileUpload {
            document_code: "guardianship_document".into(),
            file_name: "решение.pdf".into(),
            bytes: PDF.to_vec(),
        }],
        remove_staged: Vec::new(),
    }
}

async fn citizen(core: &TestCore, phone: &str) -> Actor {
    core.seed_catalogue().await.unwrap();
    core.register(phone, "").await
}

/// Returns the value of the answer labelled `label` on the application's page.
fn answer(detail: &kabinet_core::shared::model::ApplicationDetail, label: &str) -> String {
    detail
        .answers
        .iter()
        .find(|answer| answer.label == label)
        .unwrap_or_else(|| panic!("no answer {label}: {:?}", detail.answers))
        .value
        .clone()
}

#[tokio::test]
async fn each_child_gets_an_application() {
    for core in cores().await {
        let citizen = citizen(&core, "+79123491001").await;
        let mut typed = answers(&[
            ("Анна", "01.04.2015", ""),
            ("Пётр", "01.02.2020", "112-233-445 95"),
            ("Ольга", "12.11.2023", ""),
        ]);
        // An item left wholly empty is dropped, not made into an application.
        typed.insert("children".into(), "4".into());

        let form = submission(typed);
        let key = form.request_key.clone();
        let first = core.submit_application(&citizen, form).await.unwrap();

        let list = core.my_applications(&citizen, Locale::Ru).await.unwrap();
        assert_eq!(list.len(), 3, "{}", core.label);
        let detail = core
            .application(&citizen, first.id, Locale::Ru)
            .await
            .unwrap();
        assert_eq!(
            detail.summary.number,
            first.number.to_string(),
            "{}",
            core.label
        );
        assert_eq!(answer(&detail, "Ребёнок 1: Имя"), "Анна", "{}", core.label);
        assert_eq!(answer(&detail, "Ваше имя"), "Мария", "{}", core.label);
        assert_eq!(detail.batch.len(), 2, "{}", core.label);
        assert!(
            !detail
                .answers
                .iter()
                .any(|answer| answer.label.starts_with("Ребёнок 2")),
            "{}: each application holds one child",
            core.label
        );

        let expected = [("Пётр", "112-233-445 95"), ("Ольга", "")];
        for (other, (name, snils)) in detail.batch.iter().zip(expected) {
            let sibling = core
                .application(&citizen, other.id, Locale::Ru)
                .await
                .unwrap();
            assert_eq!(sibling.summary.number, other.number, "{}", core.label);
            assert_ne!(other.number, detail.summary.number, "{}", core.label);
            assert_eq!(answer(&sibling, "Ребёнок 1: Имя"), name, "{}", core.label);
            assert_eq!(answer(&sibling, "Ваше имя"), "Мария", "{}", core.label);
            if !snils.is_empty() {
                assert_eq!(answer(&sibling, "Ребёнок 1: СНИЛС (если уже есть)"), snils);
            }
            assert_eq!(sibling.documents.len(), 1, "{}", core.label);
            assert_eq!(sibling.documents[0].file_name, "решение.pdf");
            let mut others: Vec<Uuid> = sibling.batch.iter().map(|other| other.id).collect();
            others.sort();
            let mut expected: Vec<Uuid> = list
                .iter()
                .map(|summary| summary.id)
                .filter(|id| *id != other.id)
                .collect();
            expected.sort();
            assert_eq!(others, expected, "{}", core.label);
        }

        let notifications = core.notifications(&citizen).await.unwrap();
        let submitted = notifications
            .iter()
            .filter(|notification| notification.key == "notification-application-submitted")
            .count();
        assert_eq!(
            submitted, 3,
            "{}: one notification per application",
            core.label
        );
        let history = core.history(&citizen, 0).await.unwrap();
        let entries = history
            .iter()
            .filter(|entry| entry.key == "history-application-submitted")
            .count();
        assert_eq!(
            entries, 3,
            "{}: one history entry per application",
            core.label
        );
        let staged = core.staged_files(&citizen, &key).await.unwrap();
        assert!(
            staged.is_empty(),
            "{}: the files went to the applications",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn resent_form_makes_no_more() {
    for core in cores().await {
        let citizen = citizen(&core, "+79123491002").await;
        let form = submission(answers(&[
            ("Анна", "01.04.2015", ""),
            ("Пётр", "01.02.2020", ""),
        ]));

        // A double click sends the same form twice at once.
        let (one, two) = tokio::join!(
            core.submit_application(&citizen, form.clone()),
            core.submit_application(&citizen, form.clone()),
        );
        let again = core.submit_application(&citizen, form).await.unwrap();

        assert_eq!(one.unwrap(), again, "{}", core.label);
        assert_eq!(two.unwrap(), again, "{}", core.label);
        let list = core.my_applications(&citizen, Locale::Ru).await.unwrap();
        assert_eq!(list.len(), 2, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn one_invalid_child_stops_all() {
    for core in cores().await {
        let citizen = citizen(&core, "+79123491003").await;
        let typed = answers(&[
            ("Анна", "01.04.2015", ""),
            ("Пётр", "01.02.2020", "112-233-445 96"),
        ]);

        let error = core
            .submit_application(&citizen, submission(typed))
            .await
            .unwrap_err();

        assert_eq!(
            field_key(error, "children.2.snils"),
            "error-snils-checksum",
            "{}",
            core.label
        );
        let list = core.my_applications(&citizen, Locale::Ru).await.unwrap();
        assert!(list.is_empty(), "{}", core.label);

        let none = core
            .submit_application(&citizen, submission(answers(&[])))
            .await
            .unwrap_err();
        assert_eq!(
            field_key(none, "children"),
            "error-group-empty",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn stranger_sees_no_batch_application() {
    for core in cores().await {
        let citizen = citizen(&core, "+79123491004").await;
        let stranger = core.register("+79123491005", "").await;
        let first = core
            .submit_application(
                &citizen,
                submission(answers(&[
                    ("Анна", "01.04.2015", ""),
                    ("Пётр", "01.02.2020", ""),
                ])),
            )
            .await
            .unwrap();
        let detail = core
            .application(&citizen, first.id, Locale::Ru)
            .await
            .unwrap();

        for id in [first.id, detail.batch[0].id] {
            let denied = core.application(&stranger, id, Locale::Ru).await;
            assert!(
                matches!(denied, Err(Error::NotFound)),
                "{}: {denied:?}",
                core.label
            );
        }

        // One child makes one application, which is sent with no other.
        let alone = core
            .submit_application(
                &citizen,
                submission(answers(&[("Ольга", "12.11.2023", "")])),
            )
            .await
            .unwrap();
        let alone = core
            .application(&citizen, alone.id, Locale::Ru)
            .await
            .unwrap();
        assert!(alone.batch.is_empty(), "{}", core.label);
        core.finish().await;
    }
}
