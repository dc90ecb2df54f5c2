//! Forms with steps and repeating groups, on every backend under test: the unified
//! allowance asks its applicant, family, account and documents on four pages, and each
//! child under 17 as an item of a group.

mod common;

use std::collections::BTreeMap;

use common::{cores, field_key};
use kabinet_core::Error;
use kabinet_core::applications::Submission;
use kabinet_core::shared::Locale;
use kabinet_core::shared::service::{FieldKind, validate_field};
use uuid::Uuid;

const SERVICE: &str = "unified-allowance";

fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

fn form(key: &str, answers: BTreeMap<String, String>) -> Submission {
    Submission {
        service_code: SERVICE.into(),
        request_key: key.into(),
        answers,
        ..Submission::default()
    }
}

/// The first page's answers, all valid.
const APPLICANT: [(&str, &str); 5] = [
    ("surname", "Соколова"),
    ("given_name", "Мария"),
    ("patronymic", "Ивановна"),
    ("snils", "112-233-445 95"),
    (
        "registration_address",
        "614000, г. Пермь, ул. Ленина, д. 1, кв. 2",
    ),
];

/// Every page's answers, with two children.
fn complete() -> BTreeMap<String, String> {
    let mut all = answers(&APPLICANT);
    all.extend(answers(&[
        ("marital_status", "married"),
        ("children", "2"),
        ("children.1.surname", "Соколов"),
        ("children.1.given_name", "Пётр"),
        ("children.1.birth_date", "2015-04-01"),
        ("children.1.snils", "112-233-445 95"),
        ("children.2.surname", "Соколова"),
        ("children.2.given_name", "Анна"),
        ("children.2.patronymic", "Сергеевна"),
        ("children.2.birth_date", "2026-11-30"),
        ("children.2.snils", "087-654-303 00"),
        ("has_other_members", "no"),
        ("bank_account", "40817810099910004312"),
        ("bank_bik", "044525225"),
    ]));
    all
}

#[tokio::test]
async fn step_checks_only_its_own_page() {
    for core in cores().await {
        core.seed_catalogue().await.unwrap();
        let citizen = core.register("+79123490001", "").await;
        let key = Uuid::new_v4().to_string();

        // The surname is missing on page 1; page 2 has a wrong choice, not checked yet.
        let mut first = answers(&APPLICANT);
        first.insert("surname".into(), " ".into());
        first.insert("marital_status".into(), "divorced_twice".into());
        let error = core
            .save_step(&citizen, form(&key, first), 1)
            .await
            .unwrap_err();
        let Error::Invalid(errors) = error else {
            panic!("{}: expected invalid answers, got {error:?}", core.label);
        };
        assert_eq!(errors.0.len(), 1, "{}: {errors:?}", core.label);
        assert_eq!(errors.get("surname").unwrap().key, "error-required");
        // The page was saved as a draft all the same.
        let draft = core.draft(&citizen, &key).await.unwrap();
        assert_eq!(
            draft.answers.get("given_name").map(String::as_str),
            Some("Мария"),
            "{}",
            core.label
        );
        assert_eq!(
            draft.answers.get("marital_status").map(String::as_str),
            Some("divorced_twice"),
            "{}",
            core.label
        );

        core.save_step(&citizen, form(&key, answers(&APPLICANT)), 1)
            .await
            .unwrap();

        // Page 2 without children: the group itself carries the error.
        let mut second = answers(&APPLICANT);
        second.insert("marital_status".into(), "married".into());
        second.insert("has_other_members".into(), "no".into());
        second.insert("children".into(), "1".into());
        let error = core
            .save_step(&citizen, form(&key, second.clone()), 2)
            .await
            .unwrap_err();
        assert_eq!(field_key(error, "children"), "error-group-empty");

        // A child born in the future is reported on its own field, by its number.
        second.extend(answers(&[
            ("children.1.surname", "Соколов"),
            ("children.1.given_name", "Пётр"),
            ("children.1.birth_date", "2099-01-01"),
            ("children.1.snils", "112-233-445 95"),
        ]));
        let error = core
            .save_step(&citizen, form(&key, second), 2)
            .await
            .unwrap_err();
        assert_eq!(
            field_key(error, "children.1.birth_date"),
            "error-date-future"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn group_items_read_back_by_number() {
    for core in cores().await {
        core.seed_catalogue().await.unwrap();
        let citizen = core.register("+79123490002", "").await;
        // A third item left empty between the two children is dropped.
        let mut typed = complete();
        typed.insert("children".into(), "3".into());
        let second: Vec<(String, String)> = typed
            .iter()
            .filter(|(key, _)| key.starts_with("children.2."))
            .map(|(key, value)| (key.replace("children.2.", "children.3."), value.clone()))
            .collect();
        typed.retain(|key, _| !key.starts_with("children.2."));
        typed.extend(second);

        let submitted = core
            .submit_application(&citizen, form(&Uuid::new_v4().to_string(), typed))
            .await
            .unwrap();
        let detail = core
            .application(&citizen, submitted.id, Locale::Ru)
            .await
            .unwrap();
        let shown: Vec<(&str, &str)> = detail
            .answers
            .iter()
            .filter(|answer| answer.label.starts_with("Ребёнок"))
            .map(|answer| (answer.label.as_str(), answer.value.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Ребёнок 1: Фамилия", "Соколов"),
                ("Ребёнок 1: Имя", "Пётр"),
                ("Ребёнок 1: Дата рождения", "01.04.2015"),
                ("Ребёнок 1: СНИЛС", "112-233-445 95"),
                ("Ребёнок 2: Фамилия", "Соколова"),
                ("Ребёнок 2: Имя", "Анна"),
                ("Ребёнок 2: Отчество (если есть)", "Сергеевна"),
                ("Ребёнок 2: Дата рождения", "30.11.2026"),
                ("Ребёнок 2: СНИЛС", "087-654-303 00"),
            ],
            "{}",
            core.label
        );
        let english = core
            .application(&citizen, submitted.id, Locale::En)
            .await
            .unwrap();
        assert!(
            english
                .answers
                .iter()
                .any(|answer| answer.label == "Child 2: Given name" && answer.value == "Анна"),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn draft_drops_keys_outside_the_groups() {
    for core in cores().await {
        core.seed_catalogue().await.unwrap();
        let citizen = core.register("+79123490003", "").await;
        let key = Uuid::new_v4().to_string();
        let typed = answers(&[
            ("children", "2"),
            ("children.1.surname", "Соколов"),
            ("children.2.given_name", "Анна"),
            // The group allows 10 children, and a child has no such question.
            ("children.11.surname", "Лишний"),
            ("children.1.salary", "100"),
            ("children.01.surname", "Ноль"),
            ("surname.1.given_name", "Не группа"),
        ]);
        core.save_draft(&citizen, form(&key, typed)).await.unwrap();

        let draft = core.draft(&citizen, &key).await.unwrap();
        assert_eq!(
            draft.answers,
            answers(&[
                ("children", "2"),
                ("children.1.surname", "Соколов"),
                ("children.2.given_name", "Анна"),
            ]),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn child_birth_date_accepts_a_newborn() {
    for core in cores().await {
        core.seed_catalogue().await.unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        for (code, name) in [
            ("birth-registration", "child_birth_date"),
            ("maternity-capital-certificate", "child_birth_date"),
        ] {
            let (_, service) = core.service(code).await.unwrap().unwrap();
            let field = service.field(name).unwrap();
            assert_eq!(field.kind, FieldKind::PastDate, "{code}");
            assert_eq!(
                validate_field(field, "2026-12-05", today).as_deref(),
                Ok("2026-12-05"),
                "{code}: born today"
            );
            assert_eq!(
                validate_field(field, "2026-12-06", today).unwrap_err().key,
                "error-date-future",
                "{code}"
            );
        }
        core.finish().await;
    }
}
