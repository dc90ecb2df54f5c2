//! Corrections of an application's answers after the official asked for action, on every
//! backend under test.

mod common;

use std::collections::BTreeMap;

use common::{PDF, TestCore, certificate_answers, cores, rejection_key};
use kabinet_core::applications::{FileUpload, Submission};
use kabinet_core::shared::Locale;
use kabinet_core::shared::model::{AnswerChange, ApplicationStatus, HistoryStep};
use kabinet_core::{Actor, Error};
use uuid::Uuid;

const OFFICIAL_PHONE: &str = "+79990000002";

/// Returns the certificate's answers with `changes`, as the form sends them.
fn typed(changes: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut answers = certificate_answers();
    for (name, value) in changes {
        answers.insert(name.to_string(), value.to_string());
    }
    answers
}

/// Submits a citizen's application that the official takes and requests action on.
/// Returns the citizen, the official and the application's id.
async fn requested_application(core: &TestCore, phone: &str) -> (Actor, Actor, Uuid) {
    core.seed_demo().await.unwrap();
    let citizen = core.register(phone, "").await;
    let submitted = core
        .submit_application(
            &citizen,
            Submission {
                service_code: "criminal-record-certificate".into(),
                request_key: Uuid::new_v4().to_string(),
                answers: typed(&[]),
                uploads: vec![FileUpload {
                    document_code: "passport_scan".into(),
                    file_name: "паспорт.pdf".into(),
                    bytes: PDF.to_vec(),
                }],
                remove_staged: Vec::new(),
            },
        )
        .await
        .unwrap();
    let official = core.demo_actor(OFFICIAL_PHONE).await;
    core.take_application(&official, submitted.id)
        .await
        .unwrap();
    core.change_application_status(
        &official,
        submitted.id,
        ApplicationStatus::ActionRequired,
        "Укажите место рождения, как в паспорте",
    )
    .await
    .unwrap();
    (citizen, official, submitted.id)
}

#[tokio::test]
async fn corrected_answers_keep_their_versions() {
    for core in cores().await {
        let (citizen, official, id) = requested_application(&core, "+79123490001").await;
        let form = core.correction_form(&citizen, id).await.unwrap();
        assert_eq!(
            form.request.as_deref(),
            Some("Укажите место рождения, как в паспорте"),
            "{}",
            core.label
        );
        let mut shown = typed(&[("birth_date", "1988-03-09")]);
        shown.remove("former_names");
        assert_eq!(
            form.answers, shown,
            "{}: the form shows the answers in the fields' own format",
            core.label
        );

        core.correct_application(
            &citizen,
            id,
            &typed(&[("birth_place", "г. Пермь, Пермский край")]),
        )
        .await
        .unwrap();

        let for_official = core.application(&official, id, Locale::Ru).await.unwrap();
        assert_eq!(
            for_official.summary.status,
            ApplicationStatus::InProgress,
            "{}",
            core.label
        );
        assert_eq!(for_official.corrections.len(), 1, "{}", core.label);
        assert_eq!(for_official.corrections[0].version, 2, "{}", core.label);
        assert_eq!(
            for_official.corrections[0].changes,
            vec![AnswerChange {
                label: "Место рождения".into(),
                before: Some("г. Пермь".into()),
                after: Some("г. Пермь, Пермский край".into()),
            }],
            "{}",
            core.label
        );
        let last = for_official.history.last().unwrap();
        assert_eq!(last.step, HistoryStep::Corrected, "{}", core.label);
        assert_eq!(last.status, ApplicationStatus::InProgress, "{}", core.label);
        assert!(
            for_official
                .answers
                .iter()
                .any(|answer| answer.value == "г. Пермь, Пермский край"),
            "{}: the current answers are the corrected ones",
            core.label
        );
        let notices = core.notifications(&official).await.unwrap();
        assert!(
            notices
                .iter()
                .any(|notice| notice.key == "notification-application-corrected"),
            "{}: {notices:?}",
            core.label
        );
        let journal = core.history(&citizen, 0).await.unwrap();
        assert!(
            journal
                .iter()
                .any(|entry| entry.key == "history-application-corrected"),
            "{}",
            core.label
        );

        // A second request and correction add version 3, compared with version 2.
        core.change_application_status(
            &official,
            id,
            ApplicationStatus::ActionRequired,
            "Ещё СНИЛС",
        )
        .await
        .unwrap();
        core.correct_application(
            &citizen,
            id,
            &typed(&[
                ("birth_place", "г. Пермь, Пермский край"),
                ("former_names", "Петрова"),
            ]),
        )
        .await
        .unwrap();
        let detail = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert_eq!(detail.corrections.len(), 2, "{}", core.label);
        assert_eq!(detail.corrections[1].version, 3, "{}", core.label);
        assert_eq!(
            detail.corrections[1].changes,
            vec![AnswerChange {
                label: "Прежние фамилия, имя, отчество (если менялись)".into(),
                before: None,
                after: Some("Петрова".into()),
            }],
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn correction_needs_a_request_and_a_change() {
    for core in cores().await {
        let (citizen, official, id) = requested_application(&core, "+79123490002").await;
        let stranger = core.register("+79123490003", "").await;

        let unchanged = core
            .correct_application(&citizen, id, &typed(&[]))
            .await
            .unwrap_err();
        let invalid = core
            .correct_application(&citizen, id, &typed(&[("birth_date", "31.02.1988")]))
            .await
            .unwrap_err();
        let by_official = core
            .correct_application(&official, id, &typed(&[("birth_place", "Пермь")]))
            .await
            .unwrap_err();
        let by_stranger = core
            .correct_application(&stranger, id, &typed(&[("birth_place", "Пермь")]))
            .await
            .unwrap_err();

        assert_eq!(
            rejection_key(unchanged),
            "error-correction-unchanged",
            "{}",
            core.label
        );
        match invalid {
            Error::Invalid(errors) => {
                assert!(
                    errors.get("birth_date").is_some(),
                    "{}: {errors:?}",
                    core.label
                );
            }
            other => panic!("{}: expected invalid input, got {other:?}", core.label),
        }
        assert!(
            matches!(by_official, Error::NotFound),
            "{}: {by_official:?}",
            core.label
        );
        assert!(
            matches!(by_stranger, Error::NotFound),
            "{}: {by_stranger:?}",
            core.label
        );
        let still = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert_eq!(
            still.summary.status,
            ApplicationStatus::ActionRequired,
            "{}",
            core.label
        );
        assert!(still.can_correct, "{}", core.label);
        assert!(still.corrections.is_empty(), "{}", core.label);

        // Once corrected, the application is the official's again.
        core.correct_application(&citizen, id, &typed(&[("birth_place", "Пермь")]))
            .await
            .unwrap();
        let again = core
            .correct_application(&citizen, id, &typed(&[("birth_place", "Москва")]))
            .await
            .unwrap_err();
        assert_eq!(
            rejection_key(again),
            "error-correction-not-requested",
            "{}",
            core.label
        );
        let after = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert!(!after.can_correct, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn concurrent_corrections_succeed_once() {
    for core in cores().await {
        let (citizen, _, id) = requested_application(&core, "+79123490004").await;
        let first = typed(&[("birth_place", "Пермь")]);
        let second = typed(&[("birth_place", "Москва")]);

        let (a, b) = tokio::join!(
            core.correct_application(&citizen, id, &first),
            core.correct_application(&citizen, id, &second),
        );

        let failed = match (a, b) {
            (Ok(()), Err(error)) | (Err(error), Ok(())) => error,
            other => panic!("{}: one correction must succeed, got {other:?}", core.label),
        };
        // SQLite runs the two one after the other, so the second finds the request
        // answered; PostgreSQL runs them side by side, so the second finds a new version.
        let key = rejection_key(failed);
        assert!(
            key == "error-correction-not-requested" || key == "error-application-changed",
            "{}: {key}",
            core.label
        );
        let detail = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert_eq!(detail.corrections.len(), 1, "{}", core.label);
        core.finish().await;
    }
}
