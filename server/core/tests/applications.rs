//! Submitting applications, the citizen's view and the official's work, on every backend.

mod common;

use std::collections::BTreeMap;

use common::{PDF, PNG, TestCore, cores, pdf_text};
use kabinet_core::applications::{FileUpload, NewMessage, Submission};
use kabinet_core::calendar::WorkCalendar;
use kabinet_core::shared::Locale;
use kabinet_core::shared::applications::{ApplicationQuery, QueueFilter};
use kabinet_core::shared::forms::AddressesForm;
use kabinet_core::shared::model::{Address, ApplicationPage, ApplicationStatus, Role};
use kabinet_core::shared::service::{CatalogueQuery, Category};
use kabinet_core::shared::validate::application_number::ApplicationNumber;
use kabinet_core::{Actor, Error};
use uuid::Uuid;

const OFFICIAL_PHONE: &str = "+79990000002";

fn answers() -> BTreeMap<String, String> {
    [
        ("surname", "Соколова"),
        ("given_name", "Мария"),
        ("patronymic", "Ивановна"),
        ("former_names", ""),
        ("birth_date", "09.03.1988"),
        ("birth_place", "г. Пермь"),
        ("snils", "112-233-445 95"),
        ("purpose", "employment"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn upload(code: &str, name: &str, bytes: &[u8]) -> FileUpload {
    FileUpload {
        document_code: code.into(),
        file_name: name.into(),
        bytes: bytes.to_vec(),
    }
}

fn submission(request_key: &str, uploads: Vec<FileUpload>) -> Submission {
    Submission {
        service_code: "criminal-record-certificate".into(),
        request_key: request_key.into(),
        answers: answers(),
        uploads,
        remove_staged: Vec::new(),
    }
}

fn queue_filter(overdue: bool) -> QueueFilter {
    QueueFilter {
        overdue,
        page: 1,
        ..QueueFilter::default()
    }
}

fn invalid(error: Error) -> kabinet_core::shared::FieldErrors {
    match error {
        Error::Invalid(errors) => errors,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

async fn citizen_with_application(core: &TestCore, phone: &str) -> (Actor, Uuid) {
    core.seed_demo().await.unwrap();
    let citizen = core.register(phone, "").await;
    let key = Uuid::new_v4().to_string();
    let submitted = core
        .submit_application(
            &citizen,
            submission(&key, vec![upload("passport_scan", "паспорт.pdf", PDF)]),
        )
        .await
        .unwrap();
    (citizen, submitted.id)
}

#[tokio::test]
async fn submitted_application_has_number_documents_and_history() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000001", "").await;
        let key = Uuid::new_v4().to_string();

        let submitted = core
            .submit_application(
                &citizen,
                submission(&key, vec![upload("passport_scan", "паспорт.pdf", PDF)]),
            )
            .await
            .unwrap();
        let detail = core
            .application(&citizen, submitted.id, Locale::Ru)
            .await
            .unwrap();
        let list = core.my_applications(&citizen, Locale::Ru).await.unwrap();
        let unread = core.unread_notifications(citizen.user_id).await.unwrap();

        assert_eq!(
            ApplicationNumber::parse(&detail.summary.number).unwrap(),
            submitted.number,
            "{}",
            core.label
        );
        assert_eq!(
            detail.summary.status,
            ApplicationStatus::Submitted,
            "{}",
            core.label
        );
        assert_eq!(detail.documents.len(), 1, "{}", core.label);
        assert_eq!(
            detail.documents[0].file_name, "паспорт.pdf",
            "{}",
            core.label
        );
        assert_eq!(
            detail.documents[0].content_type, "application/pdf",
            "{}",
            core.label
        );
        assert!(
            detail
                .answers
                .iter()
                .any(|a| a.label == "СНИЛС" && a.value == "112-233-445 95"),
            "{}",
            core.label
        );
        assert!(
            detail
                .answers
                .iter()
                .any(|a| a.label == "Дата рождения" && a.value == "09.03.1988"),
            "{}",
            core.label
        );
        assert_eq!(detail.history.len(), 1, "{}", core.label);
        assert_eq!(
            detail.history[0].actor, None,
            "{}: the applicant is not named",
            core.label
        );
        assert_eq!(list.len(), 1, "{}", core.label);
        assert_eq!(unread, 1, "{}", core.label);

        let file = core
            .application_document(&citizen, submitted.id, detail.documents[0].id)
            .await
            .unwrap();
        assert_eq!(file.bytes, PDF, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn bad_file_keeps_answers_errors_and_good_files() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000002", "").await;
        let key = Uuid::new_v4().to_string();
        let mut first = submission(
            &key,
            vec![upload("passport_scan", "virus.pdf", b"MZ\x90\x00binary")],
        );
        first
            .answers
            .insert("snils".into(), "112-233-445 98".into());

        let errors = invalid(core.submit_application(&citizen, first).await.unwrap_err());
        assert_eq!(
            errors.get("doc_passport_scan").unwrap().key,
            "error-file-type",
            "{}",
            core.label
        );
        assert_eq!(
            errors.get("snils").unwrap().key,
            "error-snils-checksum",
            "{}",
            core.label
        );

        let second = submission(&key, vec![upload("passport_scan", "scan.png", PNG)]);
        let mut second_bad = second.clone();
        second_bad
            .answers
            .insert("purpose".into(), "bribery".into());
        let errors = invalid(
            core.submit_application(&citizen, second_bad)
                .await
                .unwrap_err(),
        );
        assert_eq!(
            errors.get("purpose").unwrap().key,
            "error-choice",
            "{}",
            core.label
        );
        assert!(
            errors.get("doc_passport_scan").is_none(),
            "{}: the good file was kept",
            core.label
        );
        assert_eq!(
            core.staged_files(&citizen, &key).await.unwrap().len(),
            1,
            "{}",
            core.label
        );

        let third = submission(&key, Vec::new());
        let submitted = core.submit_application(&citizen, third).await.unwrap();
        let detail = core
            .application(&citizen, submitted.id, Locale::Ru)
            .await
            .unwrap();
        assert_eq!(detail.documents.len(), 1, "{}", core.label);
        assert_eq!(detail.documents[0].file_name, "scan.png", "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn oversized_file_is_named_on_its_field() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000003", "").await;
        let mut big = PDF.to_vec();
        big.resize(5 * 1024 * 1024 + 1, b' ');
        let mut exact = PDF.to_vec();
        exact.resize(5 * 1024 * 1024, b' ');

        let too_big = core
            .submit_application(
                &citizen,
                submission(
                    &Uuid::new_v4().to_string(),
                    vec![upload("passport_scan", "big.pdf", &big)],
                ),
            )
            .await
            .unwrap_err();
        let errors = invalid(too_big);
        let message = errors.get("doc_passport_scan").unwrap();
        assert_eq!(message.key, "error-file-too-large", "{}", core.label);
        assert!(
            message.args.contains(&("max".to_string(), "5".to_string())),
            "{}",
            core.label
        );

        let at_limit = core
            .submit_application(
                &citizen,
                submission(
                    &Uuid::new_v4().to_string(),
                    vec![upload("passport_scan", "exact.pdf", &exact)],
                ),
            )
            .await;
        assert!(
            at_limit.is_ok(),
            "{}: exactly 5 MiB is accepted",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn missing_document_is_an_error() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000004", "").await;
        let errors = invalid(
            core.submit_application(
                &citizen,
                submission(&Uuid::new_v4().to_string(), Vec::new()),
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(
            errors.get("doc_passport_scan").unwrap().key,
            "error-document-required",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn repeated_submission_makes_one_application() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000005", "").await;
        let key = Uuid::new_v4().to_string();
        let form = submission(&key, vec![upload("passport_scan", "scan.pdf", PDF)]);

        let (first, second) = tokio::join!(
            core.submit_application(&citizen, form.clone()),
            core.submit_application(&citizen, form.clone()),
        );
        let third = core.submit_application(&citizen, form).await;

        let first = first.unwrap();
        assert_eq!(second.unwrap(), first, "{}", core.label);
        assert_eq!(third.unwrap(), first, "{}", core.label);
        assert_eq!(
            core.my_applications(&citizen, Locale::Ru)
                .await
                .unwrap()
                .len(),
            1,
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn official_takes_and_decides() {
    for core in cores().await {
        let (citizen, id) = citizen_with_application(&core, "+79120000006").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;

        let queue = core
            .department_queue(&official, &queue_filter(false), Locale::Ru)
            .await
            .unwrap()
            .applications;
        assert_eq!(queue.len(), 1, "{}", core.label);
        assert_eq!(
            queue[0].applicant.as_deref(),
            Some("Соколова Мария Ивановна"),
            "{}",
            core.label
        );

        core.take_application(&official, id).await.unwrap();
        let refused_without_reason = core
            .change_application_status(&official, id, ApplicationStatus::Refused, "  ")
            .await
            .unwrap_err();
        let errors = invalid(refused_without_reason);
        assert_eq!(
            errors.get("comment").unwrap().key,
            "error-comment-required",
            "{}",
            core.label
        );
        assert_eq!(
            errors.get("reason").unwrap().key,
            "error-refusal-ground-required",
            "{}",
            core.label
        );
        core.change_application_status(
            &official,
            id,
            ApplicationStatus::ActionRequired,
            "Приложите скан второй страницы",
        )
        .await
        .unwrap();
        core.change_application_status(&official, id, ApplicationStatus::Completed, "")
            .await
            .unwrap();

        let detail = core.application(&citizen, id, Locale::Ru).await.unwrap();
        let statuses: Vec<_> = detail.history.iter().map(|change| change.status).collect();
        assert_eq!(
            statuses,
            vec![
                ApplicationStatus::Submitted,
                ApplicationStatus::InProgress,
                ApplicationStatus::ActionRequired,
                ApplicationStatus::Completed
            ],
            "{}",
            core.label
        );
        assert_eq!(
            detail.history[1].actor.as_deref(),
            Some("Петров Сергей Николаевич, Министерство внутренних дел Российской Федерации"),
            "{}",
            core.label
        );
        assert_eq!(
            detail.history[2].comment.as_deref(),
            Some("Приложите скан второй страницы"),
            "{}",
            core.label
        );
        assert_eq!(
            core.unread_notifications(citizen.user_id).await.unwrap(),
            4,
            "{}",
            core.label
        );

        let notifications = core.notifications(&citizen).await.unwrap();
        assert_eq!(
            notifications[0].key, "notification-status-changed",
            "{}",
            core.label
        );
        assert_eq!(
            notifications[0].args.get("status").map(String::as_str),
            Some("completed"),
            "{}",
            core.label
        );

        let journal = core.history(&citizen, 0).await.unwrap();
        assert_eq!(
            journal[0].key, "history-application-status-changed",
            "{}",
            core.label
        );
        assert_eq!(
            journal[0].args.get("status").map(String::as_str),
            Some("completed"),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn decided_application_accepts_no_more_changes() {
    for core in cores().await {
        let (_, id) = citizen_with_application(&core, "+79120000007").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        core.take_application(&official, id).await.unwrap();
        core.decide_application(
            &official,
            id,
            ApplicationStatus::Refused,
            "other",
            "Нет оснований",
        )
        .await
        .unwrap();

        let error = core
            .change_application_status(&official, id, ApplicationStatus::Completed, "")
            .await
            .unwrap_err();
        assert_eq!(
            invalid(error).get("status").unwrap().key,
            "error-status-not-allowed",
            "{}",
            core.label
        );
        let again = core.take_application(&official, id).await.unwrap_err();
        assert!(
            matches!(again, Error::Rejected(ref m) if m.key == "error-application-already-taken"),
            "{}: {again:?}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn citizen_cannot_see_another_application() {
    for core in cores().await {
        let (_, id) = citizen_with_application(&core, "+79120000008").await;
        let stranger = core.register("+79120000009", "").await;

        let error = core
            .application(&stranger, id, Locale::Ru)
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::NotFound),
            "{}: {error:?}",
            core.label
        );
        let take = core.take_application(&stranger, id).await.unwrap_err();
        assert!(matches!(take, Error::Forbidden), "{}: {take:?}", core.label);
        let queue = core
            .department_queue(&stranger, &queue_filter(false), Locale::Ru)
            .await
            .unwrap_err();
        assert!(
            matches!(queue, Error::Forbidden),
            "{}: {queue:?}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn official_of_other_department_sees_nothing() {
    for core in cores().await {
        let (_, id) = citizen_with_application(&core, "+79120000010").await;
        let mut other = core.demo_actor(OFFICIAL_PHONE).await;
        other.department = Some("fns".into());

        assert!(
            matches!(
                core.application(&other, id, Locale::Ru).await,
                Err(Error::NotFound)
            ),
            "{}",
            core.label
        );
        assert!(
            core.department_queue(&other, &queue_filter(false), Locale::Ru)
                .await
                .unwrap()
                .applications
                .is_empty(),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn only_assignee_decides() {
    for core in cores().await {
        let (_, id) = citizen_with_application(&core, "+79120000011").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let colleague = Actor {
            user_id: Uuid::now_v7(),
            role: Role::Official,
            department: Some("mvd".into()),
            time_zone: "Europe/Moscow".into(),
        };
        core.take_application(&official, id).await.unwrap();

        let error = core
            .change_application_status(&colleague, id, ApplicationStatus::Completed, "")
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::Rejected(ref m) if m.key == "error-application-not-yours"),
            "{}: {error:?}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn notifications_are_private_and_marked_read() {
    for core in cores().await {
        let (citizen, _) = citizen_with_application(&core, "+79120000012").await;
        let stranger = core.register("+79120000013", "").await;
        let notification = core.notifications(&citizen).await.unwrap()[0].id;

        core.mark_notifications_read(&stranger, Some(notification))
            .await
            .unwrap();
        assert_eq!(
            core.unread_notifications(citizen.user_id).await.unwrap(),
            1,
            "{}",
            core.label
        );
        core.mark_notifications_read(&citizen, Some(notification))
            .await
            .unwrap();
        assert_eq!(
            core.unread_notifications(citizen.user_id).await.unwrap(),
            0,
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn applicant_sees_which_staff_viewed_their_data() {
    for core in cores().await {
        let (citizen, id) = citizen_with_application(&core, "+79120000021").await;
        let other = core.register("+79120000022", "").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let label = core.label;

        // The applicant's own views are not staff access.
        let own = core.application(&citizen, id, Locale::Ru).await.unwrap();
        core.take_application(&official, id).await.unwrap();
        core.application(&official, id, Locale::Ru).await.unwrap();

        let log = core.data_access_log(&citizen, Locale::Ru).await.unwrap();
        let seen: Vec<_> = log
            .iter()
            .map(|entry| {
                (
                    entry.action.as_str(),
                    entry.role,
                    entry.department.as_deref(),
                    entry.application_number.as_deref(),
                    entry.application_id,
                )
            })
            .collect();
        let mvd: Option<&str> = Some("Министерство внутренних дел Российской Федерации");
        let number: Option<&str> = Some(own.summary.number.as_str());
        assert_eq!(
            seen,
            vec![
                ("application_viewed", Role::Official, mvd, number, Some(id)),
                ("application_taken", Role::Official, mvd, number, Some(id)),
            ],
            "{label}"
        );
        let english = core.data_access_log(&citizen, Locale::En).await.unwrap();
        assert_eq!(
            english[0].department.as_deref(),
            Some("Ministry of Internal Affairs of the Russian Federation"),
            "{label}"
        );
        assert!(
            core.data_access_log(&other, Locale::Ru)
                .await
                .unwrap()
                .is_empty(),
            "{label}"
        );

        // The export of the applicant's data holds the same, and nothing of the other person.
        let data = core.personal_data(&citizen, Locale::Ru).await.unwrap();
        assert_eq!(data.profile.surname, "Соколова", "{label}");
        assert_eq!(data.applications.len(), 1, "{label}");
        assert_eq!(data.applications[0].id, id, "{label}");
        assert_eq!(data.data_access, log, "{label}");
        assert!(
            data.history
                .iter()
                .any(|entry| entry.application_id == Some(id)),
            "{label}"
        );
        let others = core.personal_data(&other, Locale::Ru).await.unwrap();
        assert!(
            others.applications.is_empty() && others.data_access.is_empty(),
            "{label}"
        );
        core.finish().await;
    }
}

fn rejection_key(error: Error) -> String {
    match error {
        Error::Rejected(message) => message.key,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

/// The profile changes journaled since the start, newest first, as `fields`.
async fn profile_changes(core: &TestCore, citizen: &Actor) -> Vec<String> {
    core.history(citizen, 0)
        .await
        .unwrap()
        .iter()
        .filter(|entry| entry.key == "history-profile-change")
        .filter_map(|entry| entry.args.get("fields").cloned())
        .collect()
}

#[tokio::test]
async fn missing_answers_saved_to_profile() {
    for core in cores().await {
        let label = core.label;
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000041", "").await;
        let mut submission = submission(
            &Uuid::new_v4().to_string(),
            vec![upload("passport_scan", "паспорт.pdf", PDF)],
        );
        // The registration gave the same names and birth date, but no birth place and no
        // former names. The SNILS differs too, but it changes only with an operator's check.
        submission
            .answers
            .insert("former_names".into(), "Петрова,  до 2012 года".into());
        let id = core
            .submit_application(&citizen, submission)
            .await
            .unwrap()
            .id;
        let unread_before = core.unread_notifications(citizen.user_id).await.unwrap();

        let offers = core
            .application(&citizen, id, Locale::Ru)
            .await
            .unwrap()
            .profile_offers;
        let offered: Vec<(&str, &str, &str)> = offers
            .iter()
            .map(|offer| {
                (
                    offer.field.as_str(),
                    offer.label.as_str(),
                    offer.value.as_str(),
                )
            })
            .collect();
        assert_eq!(
            offered,
            vec![
                (
                    "former_names",
                    "Прежние фамилия, имя, отчество (если менялись)",
                    "Петрова,  до 2012 года"
                ),
                ("birth_place", "Место рождения", "г. Пермь"),
            ],
            "{label}"
        );

        // Nobody else sees or saves the offers.
        let other = core.register("+79120000042", "").await;
        assert!(
            matches!(
                core.save_answers_to_profile(&other, id, None, Locale::Ru)
                    .await,
                Err(Error::NotFound)
            ),
            "{label}"
        );
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        assert!(
            core.application(&official, id, Locale::Ru)
                .await
                .unwrap()
                .profile_offers
                .is_empty(),
            "{label}: an official gets no offers"
        );
        assert!(
            matches!(
                core.save_answers_to_profile(&official, id, None, Locale::Ru)
                    .await,
                Err(Error::NotFound)
            ),
            "{label}"
        );

        // One answer, then the rest.
        let saved = core
            .save_answers_to_profile(&citizen, id, Some("birth_place"), Locale::Ru)
            .await
            .unwrap();
        assert_eq!(saved, 1, "{label}");
        let profile = core.profile(&citizen).await.unwrap();
        assert_eq!(profile.birth_place.as_deref(), Some("г. Пермь"), "{label}");
        assert_eq!(profile.former_names, None, "{label}");
        let rejected = core
            .save_answers_to_profile(&citizen, id, Some("birth_place"), Locale::Ru)
            .await
            .unwrap_err();
        assert_eq!(
            rejection_key(rejected),
            "error-profile-offer-gone",
            "{label}"
        );
        let rejected = core
            .save_answers_to_profile(&citizen, id, Some("snils"), Locale::Ru)
            .await
            .unwrap_err();
        assert_eq!(
            rejection_key(rejected),
            "error-profile-offer-gone",
            "{label}: the SNILS is never offered"
        );

        let saved = core
            .save_answers_to_profile(&citizen, id, None, Locale::Ru)
            .await
            .unwrap();
        assert_eq!(saved, 1, "{label}");
        let profile = core.profile(&citizen).await.unwrap();
        assert_eq!(
            profile.former_names.as_deref(),
            Some("Петрова, до 2012 года"),
            "{label}: stored with single spaces"
        );
        assert_eq!(profile.surname, "Соколова", "{label}");
        assert_eq!(profile.snils, None, "{label}");
        assert!(
            core.application(&citizen, id, Locale::Ru)
                .await
                .unwrap()
                .profile_offers
                .is_empty(),
            "{label}: nothing is left to offer"
        );
        assert_eq!(
            core.save_answers_to_profile(&citizen, id, None, Locale::Ru)
                .await
                .unwrap(),
            0,
            "{label}"
        );

        // Each save is journaled and announced as a profile change.
        assert_eq!(
            profile_changes(&core, &citizen).await,
            vec!["former_names".to_string(), "birth_place".to_string()],
            "{label}"
        );
        assert_eq!(
            core.unread_notifications(citizen.user_id).await.unwrap(),
            unread_before + 2,
            "{label}"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn address_answers_go_to_the_address_section() {
    for core in cores().await {
        let label = core.label;
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000043", "").await;
        let registration = AddressesForm {
            registration_postcode: "420111".into(),
            registration_address: "г. Казань, ул. Кремлёвская, д. 17, кв. 4".into(),
            residence_same: "yes".into(),
            ..Default::default()
        };
        core.update_addresses(&citizen, &registration)
            .await
            .unwrap();

        let answers: BTreeMap<String, String> = [
            ("reason", "age_45"),
            ("surname", "Соколова"),
            ("given_name", "Мария"),
            ("patronymic", "Ивановна"),
            ("birth_date", "09.03.1988"),
            ("birth_place", "г. Пермь"),
            ("current_passport", "92 08 739284"),
            (
                "registration_address",
                "141600, Московская обл., г. Клин, ул. Мира, д. 3",
            ),
            ("phone", "+7 912 000-00-43"),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
        let submission = Submission {
            service_code: "passport-replacement".into(),
            request_key: Uuid::new_v4().to_string(),
            answers,
            uploads: vec![
                upload("current_passport_scan", "паспорт.pdf", PDF),
                upload("photo", "фото.png", PNG),
            ],
            remove_staged: Vec::new(),
        };
        let id = core
            .submit_application(&citizen, submission)
            .await
            .unwrap()
            .id;
        let offers = core
            .application(&citizen, id, Locale::Ru)
            .await
            .unwrap()
            .profile_offers;
        let fields: Vec<&str> = offers.iter().map(|offer| offer.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["birth_place", "registration_address"],
            "{label}: the passport and the phone are never offered"
        );

        let saved = core
            .save_answers_to_profile(&citizen, id, Some("registration_address"), Locale::Ru)
            .await
            .unwrap();
        assert_eq!(saved, 1, "{label}");
        let addresses = core.profile(&citizen).await.unwrap().addresses;
        assert_eq!(
            addresses.registration,
            Some(Address {
                postcode: "141600".into(),
                text: "Московская обл., г. Клин, ул. Мира, д. 3".into(),
            }),
            "{label}"
        );
        assert!(
            addresses.residence_same,
            "{label}: the person still lives at the registration address"
        );
        assert_eq!(
            profile_changes(&core, &citizen).await,
            vec![
                "registration_address,residence_address".to_string(),
                "registration_address,residence_address".to_string(),
            ],
            "{label}"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn data_export_has_every_application() {
    for core in cores().await {
        let label = core.label;
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000044", "").await;
        // One more than the list of "Мои заявления" shows.
        for _ in 0..201 {
            core.submit_application(
                &citizen,
                submission(
                    &Uuid::new_v4().to_string(),
                    vec![upload("passport_scan", "паспорт.pdf", PDF)],
                ),
            )
            .await
            .unwrap();
        }

        let newest = core.my_applications(&citizen, Locale::Ru).await.unwrap()[0].id;
        core.post_message(
            &citizen,
            newest,
            NewMessage {
                body: "Вопрос по справке".into(),
                files: Vec::new(),
            },
        )
        .await
        .unwrap();

        let listed = core.my_applications(&citizen, Locale::Ru).await.unwrap();
        let exported = core.personal_data(&citizen, Locale::Ru).await.unwrap();
        assert_eq!(listed.len(), 200, "{label}");
        assert_eq!(exported.applications.len(), 201, "{label}");
        assert_eq!(
            exported.applications[..200],
            listed[..],
            "{label}: the same order, newest first"
        );
        assert_eq!(exported.application_details.len(), 201, "{label}");
        let first = &exported.application_details[0];
        assert_eq!(first.summary, exported.applications[0], "{label}");
        let birth_place = first
            .answers
            .iter()
            .find(|answer| answer.label == "Место рождения")
            .map(|answer| answer.value.as_str());
        assert_eq!(birth_place, Some("г. Пермь"), "{label}");
        assert_eq!(first.messages.len(), 1, "{label}");
        assert_eq!(first.messages[0].body, "Вопрос по справке", "{label}");
        assert_eq!(first.documents.len(), 1, "{label}");
        core.finish().await;
    }
}

fn inn_submission(request_key: &str) -> Submission {
    let answers = [
        ("surname", "Соколова"),
        ("given_name", "Мария"),
        ("birth_date", "09.03.1988"),
        ("passport", "45 10 123456"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    Submission {
        service_code: "inn-certificate".into(),
        request_key: request_key.into(),
        answers,
        uploads: vec![upload("passport_scan", "паспорт.pdf", PDF)],
        remove_staged: Vec::new(),
    }
}

fn search(q: &str) -> ApplicationQuery {
    ApplicationQuery {
        q: q.into(),
        ..ApplicationQuery::default()
    }
}

/// The numbers of a filtered page, in order.
async fn listed(core: &TestCore, citizen: &Actor, query: ApplicationQuery) -> ApplicationPage {
    let filter = query.parse().unwrap();
    core.my_applications_page(citizen, &filter, Locale::Ru)
        .await
        .unwrap()
}

fn numbers(page: &ApplicationPage) -> Vec<String> {
    page.applications
        .iter()
        .map(|application| application.number.clone())
        .collect()
}

#[tokio::test]
async fn my_applications_are_searched_filtered_and_paged() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000031", "").await;
        let stranger = core.register("+79120000032", "").await;
        // 22 certificates on the first day, then 3 INN applications two days later.
        let mut submitted = Vec::new();
        for _ in 0..22 {
            let key = Uuid::new_v4().to_string();
            let uploads = vec![upload("passport_scan", "паспорт.pdf", PDF)];
            submitted.push(
                core.submit_application(&citizen, submission(&key, uploads))
                    .await
                    .unwrap(),
            );
            core.clock.advance(chrono::Duration::seconds(1));
        }
        // Days in the citizen's time zone, as the filter reads dates: in the last hours of
        // a UTC day, Moscow is already in the next one.
        let zone: chrono_tz::Tz = citizen.time_zone.parse().unwrap();
        let first_day = core.clock.now().with_timezone(&zone).date_naive();
        core.clock.advance(chrono::Duration::days(2));
        let inn_day = core.clock.now().with_timezone(&zone).date_naive();
        for _ in 0..3 {
            let key = Uuid::new_v4().to_string();
            submitted.push(
                core.submit_application(&citizen, inn_submission(&key))
                    .await
                    .unwrap(),
            );
            core.clock.advance(chrono::Duration::seconds(1));
        }
        let number_of = |index: usize| submitted[index].number.to_string();

        let all = listed(&core, &citizen, ApplicationQuery::default()).await;
        assert_eq!(all.total, 25, "{}", core.label);
        assert_eq!(all.pages, 2, "{}", core.label);
        assert_eq!(all.page, 1, "{}", core.label);
        assert_eq!(all.applications.len(), 20, "{}", core.label);
        assert_eq!(numbers(&all)[0], number_of(24), "{}", core.label);
        assert_eq!(numbers(&all)[19], number_of(5), "{}", core.label);

        let second = listed(
            &core,
            &citizen,
            ApplicationQuery {
                page: "2".into(),
                ..Default::default()
            },
        )
        .await;
        assert_eq!(
            numbers(&second),
            (0..5).rev().map(number_of).collect::<Vec<_>>(),
            "{}",
            core.label
        );
        let past_end = listed(
            &core,
            &citizen,
            ApplicationQuery {
                page: "99".into(),
                ..Default::default()
            },
        )
        .await;
        assert_eq!(past_end.page, 2, "{}", core.label);
        assert_eq!(numbers(&past_end), numbers(&second), "{}", core.label);

        let oldest = listed(
            &core,
            &citizen,
            ApplicationQuery {
                sort: "oldest".into(),
                ..Default::default()
            },
        )
        .await;
        assert_eq!(numbers(&oldest)[0], number_of(0), "{}", core.label);

        // A number in any format finds exactly that application.
        let wanted = &submitted[7].number;
        for typed in [wanted.to_string(), format!("№ {}", wanted.as_str())] {
            let found = listed(&core, &citizen, search(&typed)).await;
            assert_eq!(
                numbers(&found),
                [wanted.to_string()],
                "{}: {typed}",
                core.label
            );
        }
        let part = &wanted.as_str()[2..8];
        let found = listed(&core, &citizen, search(part)).await;
        assert!(
            numbers(&found).contains(&wanted.to_string()),
            "{}",
            core.label
        );
        assert!(
            found
                .applications
                .iter()
                .all(|application| application.number.replace('-', "").contains(part)),
            "{}",
            core.label
        );

        // Words of the service's title in any form and either language, ё or е.
        for words in ["налоговом учете", "НАЛОГОВЫЙ учёт", "tax authority", "ИНН"]
        {
            let found = listed(&core, &citizen, search(words)).await;
            assert_eq!(found.total, 3, "{}: {words}", core.label);
        }
        assert_eq!(
            listed(&core, &citizen, search("судимости")).await.total,
            22,
            "{}",
            core.label
        );
        assert_eq!(
            listed(&core, &citizen, search("судимость паспорт"))
                .await
                .total,
            0,
            "{}",
            core.label
        );

        let by_category = |category: &str| ApplicationQuery {
            category: category.into(),
            ..Default::default()
        };
        assert_eq!(
            listed(&core, &citizen, by_category("taxes")).await.total,
            3,
            "{}",
            core.label
        );
        assert_eq!(
            listed(&core, &citizen, by_category("family")).await.total,
            0,
            "{}",
            core.label
        );
        let by_service = ApplicationQuery {
            service: "inn-certificate".into(),
            ..Default::default()
        };
        assert_eq!(
            listed(&core, &citizen, by_service).await.total,
            3,
            "{}",
            core.label
        );

        let on_inn_day = ApplicationQuery {
            from: inn_day.format("%d.%m.%Y").to_string(),
            to: inn_day.format("%Y-%m-%d").to_string(),
            ..Default::default()
        };
        assert_eq!(
            listed(&core, &citizen, on_inn_day).await.total,
            3,
            "{}",
            core.label
        );
        let first_day_only = ApplicationQuery {
            to: first_day.format("%d.%m.%Y").to_string(),
            ..Default::default()
        };
        assert_eq!(
            listed(&core, &citizen, first_day_only).await.total,
            22,
            "{}",
            core.label
        );

        // Withdrawing an old one makes it the most recently changed.
        core.withdraw_application(&citizen, submitted[3].id, "")
            .await
            .unwrap();
        let withdrawn = ApplicationQuery {
            status: "withdrawn".into(),
            ..Default::default()
        };
        assert_eq!(
            numbers(&listed(&core, &citizen, withdrawn).await),
            [number_of(3)],
            "{}",
            core.label
        );
        let updated = listed(
            &core,
            &citizen,
            ApplicationQuery {
                sort: "updated".into(),
                ..Default::default()
            },
        )
        .await;
        assert_eq!(numbers(&updated)[0], number_of(3), "{}", core.label);
        let combined = ApplicationQuery {
            q: "справка".into(),
            status: "submitted".into(),
            ..Default::default()
        };
        assert_eq!(
            listed(&core, &citizen, combined).await.total,
            21,
            "{}",
            core.label
        );

        let strangers = listed(&core, &stranger, ApplicationQuery::default()).await;
        assert_eq!(strangers.total, 0, "{}", core.label);
        assert_eq!(strangers.pages, 1, "{}", core.label);
        let strangers_search = listed(&core, &stranger, search(wanted.as_str())).await;
        assert_eq!(strangers_search.total, 0, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn applicant_withdraws_undecided_application() {
    for core in cores().await {
        let (citizen, id) = citizen_with_application(&core, "+79120000033").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        core.take_application(&official, id).await.unwrap();
        let other = core.register("+79120000034", "").await;

        let by_stranger = core.withdraw_application(&other, id, "").await.unwrap_err();
        assert!(
            matches!(by_stranger, Error::NotFound),
            "{}: {by_stranger:?}",
            core.label
        );
        let by_official = core
            .withdraw_application(&official, id, "")
            .await
            .unwrap_err();
        assert!(
            matches!(by_official, Error::NotFound),
            "{}: {by_official:?}",
            core.label
        );
        let too_long = core
            .withdraw_application(&citizen, id, &"я".repeat(2001))
            .await
            .unwrap_err();
        assert_eq!(
            invalid(too_long).get("reason").unwrap().key,
            "error-too-long",
            "{}",
            core.label
        );
        let before = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert!(before.can_withdraw, "{}", core.label);
        assert_eq!(
            before.summary.status,
            ApplicationStatus::InProgress,
            "{}",
            core.label
        );

        let official_unread = core.unread_notifications(official.user_id).await.unwrap();
        core.withdraw_application(&citizen, id, "  Подам заявление позже  ")
            .await
            .unwrap();
        assert_eq!(
            core.unread_notifications(official.user_id).await.unwrap(),
            official_unread + 1,
            "{}: the official who took it is told",
            core.label
        );

        let detail = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert_eq!(
            detail.summary.status,
            ApplicationStatus::Withdrawn,
            "{}",
            core.label
        );
        assert!(!detail.can_withdraw, "{}", core.label);
        let last = detail.history.last().unwrap();
        assert_eq!(last.status, ApplicationStatus::Withdrawn, "{}", core.label);
        assert_eq!(last.actor, None, "{}", core.label);
        assert_eq!(
            last.comment.as_deref(),
            Some("Подам заявление позже"),
            "{}",
            core.label
        );

        let journal = core.history(&citizen, 0).await.unwrap();
        assert_eq!(
            journal[0].key, "history-application-withdrawn",
            "{}",
            core.label
        );
        assert_eq!(
            journal[0].category,
            kabinet_core::shared::history::HistoryCategory::Cancellation,
            "{}",
            core.label
        );
        assert_eq!(
            journal[0].text,
            format!("Отзыв заявления № {}", detail.summary.number),
            "{}",
            core.label
        );
        let notifications = core.notifications(&citizen).await.unwrap();
        assert_eq!(
            notifications[0].key, "notification-status-changed",
            "{}",
            core.label
        );
        assert_eq!(
            notifications[0].args.get("status").map(String::as_str),
            Some("withdrawn"),
            "{}",
            core.label
        );

        let again = core
            .withdraw_application(&citizen, id, "")
            .await
            .unwrap_err();
        assert!(
            matches!(again, Error::Rejected(ref m) if m.key == "error-application-decided"),
            "{}: {again:?}",
            core.label
        );
        let official_after = core
            .change_application_status(&official, id, ApplicationStatus::Completed, "")
            .await
            .unwrap_err();
        assert_eq!(
            invalid(official_after).get("status").unwrap().key,
            "error-status-not-allowed",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn decided_application_cannot_be_withdrawn() {
    for core in cores().await {
        let (citizen, id) = citizen_with_application(&core, "+79120000035").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        core.take_application(&official, id).await.unwrap();
        core.decide_application(
            &official,
            id,
            ApplicationStatus::Refused,
            "other",
            "Нет оснований",
        )
        .await
        .unwrap();

        let detail = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert!(!detail.can_withdraw, "{}", core.label);
        let error = core
            .withdraw_application(&citizen, id, "")
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::Rejected(ref m) if m.key == "error-application-decided"),
            "{}: {error:?}",
            core.label
        );
        let after = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert_eq!(
            after.summary.status,
            ApplicationStatus::Refused,
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn concurrent_withdrawals_succeed_once() {
    for core in cores().await {
        let (citizen, id) = citizen_with_application(&core, "+79120000036").await;
        let (first, second) = tokio::join!(
            core.withdraw_application(&citizen, id, "первый"),
            core.withdraw_application(&citizen, id, "второй"),
        );
        let outcomes = [first.is_ok(), second.is_ok()];
        assert_eq!(
            outcomes.iter().filter(|ok| **ok).count(),
            1,
            "{}: {outcomes:?}",
            core.label
        );
        let loser = if first.is_ok() { second } else { first }.unwrap_err();
        assert!(
            matches!(loser, Error::Rejected(ref m)
                if m.key == "error-application-decided" || m.key == "error-application-changed"),
            "{}: {loser:?}",
            core.label
        );
        let detail = core.application(&citizen, id, Locale::Ru).await.unwrap();
        let withdrawals = detail
            .history
            .iter()
            .filter(|change| change.status == ApplicationStatus::Withdrawn)
            .count();
        assert_eq!(withdrawals, 1, "{}", core.label);
        let journal = core.history(&citizen, 0).await.unwrap();
        let entries = journal
            .iter()
            .filter(|entry| entry.key == "history-application-withdrawn")
            .count();
        assert_eq!(entries, 1, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn catalogue_search_finds_word_forms() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let find = |q: &str, category: &str| {
            let filter = CatalogueQuery {
                q: q.into(),
                category: category.into(),
            }
            .parse()
            .unwrap();
            let core = &core;
            async move {
                core.search_services(Locale::Ru, &filter)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|service| service.code)
                    .collect::<Vec<_>>()
            }
        };

        let all = find("", "").await;
        assert!(all.len() >= 12, "{}: {all:?}", core.label);
        for form in ["паспорт", "паспорта", "ПАСПОРТОВ", "passport"] {
            let found = find(form, "").await;
            assert_eq!(
                found.first().map(String::as_str),
                Some("passport-replacement"),
                "{}: {form}",
                core.label
            );
        }
        assert_eq!(
            find("замена паспорта 45 лет", "").await,
            ["passport-replacement"],
            "{}",
            core.label
        );
        assert_eq!(
            find("справка судимость", "").await,
            ["criminal-record-certificate"],
            "{}",
            core.label
        );
        assert!(
            find("несуществующаяуслуга", "").await.is_empty(),
            "{}",
            core.label
        );

        let taxes = find("", "taxes").await;
        assert!(
            taxes.contains(&"inn-certificate".to_string()),
            "{}",
            core.label
        );
        assert!(
            !taxes.contains(&"passport-replacement".to_string()),
            "{}",
            core.label
        );
        assert!(
            find("паспорт", "family")
                .await
                .iter()
                .all(|code| code != "passport-replacement"),
            "{}",
            core.label
        );
        for category in Category::ALL {
            assert!(
                !find("", category.code()).await.is_empty(),
                "{}: {category:?}",
                core.label
            );
        }
        core.finish().await;
    }
}

#[tokio::test]
async fn dashboard_puts_action_required_first() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000041", "").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let mut ids = Vec::new();
        for _ in 0..14 {
            let key = Uuid::new_v4().to_string();
            let uploads = vec![upload("passport_scan", "паспорт.pdf", PDF)];
            let submitted = core
                .submit_application(&citizen, submission(&key, uploads))
                .await
                .unwrap();
            ids.push(submitted.id);
            core.clock.advance(chrono::Duration::seconds(1));
        }
        // ids[0] waits for the citizen, ids[1] is completed, ids[2] withdrawn after it.
        core.take_application(&official, ids[0]).await.unwrap();
        core.change_application_status(
            &official,
            ids[0],
            ApplicationStatus::ActionRequired,
            "Нужен скан",
        )
        .await
        .unwrap();
        core.take_application(&official, ids[1]).await.unwrap();
        core.change_application_status(&official, ids[1], ApplicationStatus::Completed, "")
            .await
            .unwrap();
        core.clock.advance(chrono::Duration::seconds(1));
        core.withdraw_application(&citizen, ids[2], "")
            .await
            .unwrap();

        let dashboard = core.dashboard(&citizen, Locale::Ru).await.unwrap();
        let ids_of = |list: &[kabinet_core::shared::model::ApplicationSummary]| {
            list.iter()
                .map(|application| application.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(dashboard.total, 14, "{}", core.label);
        assert_eq!(
            ids_of(&dashboard.action_required),
            [ids[0]],
            "{}",
            core.label
        );
        assert_eq!(dashboard.action_required_total, 1, "{}", core.label);
        assert_eq!(dashboard.in_progress_total, 11, "{}", core.label);
        assert_eq!(dashboard.in_progress.len(), 10, "{}", core.label);
        assert_eq!(dashboard.in_progress[0].id, ids[13], "{}", core.label);
        assert_eq!(
            ids_of(&dashboard.results),
            [ids[2], ids[1]],
            "{}",
            core.label
        );
        assert_eq!(dashboard.results_total, 2, "{}", core.label);

        let stranger = core.register("+79120000042", "").await;
        let empty = core.dashboard(&stranger, Locale::Ru).await.unwrap();
        assert_eq!(
            empty,
            kabinet_core::shared::model::Dashboard::default(),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn deadline_counts_working_days() {
    for core in cores().await {
        let (citizen, id) = citizen_with_application(&core, "+79120000043").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let calendar = WorkCalendar::russia();
        let moscow = |at: chrono::DateTime<chrono::Utc>| {
            at.with_timezone(&chrono_tz::Europe::Moscow).date_naive()
        };
        let submitted_on = moscow(core.clock.now());
        // The criminal record certificate takes 30 working days.
        let expected = calendar.add_working_days(submitted_on, 30);

        let detail = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert_eq!(detail.summary.deadline, Some(expected), "{}", core.label);
        assert_eq!(detail.summary.days_left, Some(30), "{}", core.label);
        let overdue = core
            .department_queue(&official, &queue_filter(true), Locale::Ru)
            .await
            .unwrap()
            .applications;
        assert!(overdue.is_empty(), "{}", core.label);

        core.clock.advance(chrono::Duration::days(60));
        let late = core.application(&citizen, id, Locale::Ru).await.unwrap();
        let today = moscow(core.clock.now());
        let days_left = late.summary.days_left.unwrap();
        assert!(days_left < 0, "{}: {days_left}", core.label);
        assert_eq!(
            days_left,
            calendar.days_left(today, expected),
            "{}",
            core.label
        );
        let overdue = core
            .department_queue(&official, &queue_filter(true), Locale::Ru)
            .await
            .unwrap()
            .applications;
        assert_eq!(overdue.len(), 1, "{}", core.label);
        assert_eq!(overdue[0].id, id, "{}", core.label);

        core.take_application(&official, id).await.unwrap();
        core.decide_application(
            &official,
            id,
            ApplicationStatus::Refused,
            "other",
            "Нет оснований",
        )
        .await
        .unwrap();
        let decided = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert_eq!(decided.summary.deadline, None, "{}", core.label);
        assert_eq!(decided.summary.days_left, None, "{}", core.label);
        core.finish().await;
    }
}

fn message(body: &str, files: Vec<FileUpload>) -> NewMessage {
    NewMessage {
        body: body.into(),
        files,
    }
}

#[tokio::test]
async fn answer_to_request_returns_application() {
    for core in cores().await {
        let (citizen, id) = citizen_with_application(&core, "+79120000051").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let stranger = core.register("+79120000052", "").await;

        // Before anyone takes it, the applicant may write; an official may not.
        core.post_message(&citizen, id, message("Когда будет готово?", Vec::new()))
            .await
            .unwrap();
        let not_taken = core
            .post_message(&official, id, message("Ответ", Vec::new()))
            .await
            .unwrap_err();
        assert!(
            matches!(not_taken, Error::Rejected(ref m) if m.key == "error-application-not-yours"),
            "{}: {not_taken:?}",
            core.label
        );
        let by_stranger = core
            .post_message(&stranger, id, message("Чужое", Vec::new()))
            .await
            .unwrap_err();
        assert!(
            matches!(by_stranger, Error::NotFound),
            "{}: {by_stranger:?}",
            core.label
        );

        core.take_application(&official, id).await.unwrap();
        core.change_application_status(
            &official,
            id,
            ApplicationStatus::ActionRequired,
            "Приложите скан второй страницы",
        )
        .await
        .unwrap();
        core.post_message(&official, id, message("Скан нужен в цвете", Vec::new()))
            .await
            .unwrap();

        let unread_before = core.unread_notifications(official.user_id).await.unwrap();
        core.post_message(
            &citizen,
            id,
            message(
                "  Прикладываю скан  ",
                vec![upload("", "вторая страница.png", PNG)],
            ),
        )
        .await
        .unwrap();

        let detail = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert_eq!(
            detail.summary.status,
            ApplicationStatus::InProgress,
            "{}",
            core.label
        );
        let statuses: Vec<_> = detail.history.iter().map(|change| change.status).collect();
        assert_eq!(
            statuses,
            [
                ApplicationStatus::Submitted,
                ApplicationStatus::InProgress,
                ApplicationStatus::ActionRequired,
                ApplicationStatus::InProgress
            ],
            "{}",
            core.label
        );
        assert_eq!(detail.history[3].actor, None, "{}", core.label);
        let bodies: Vec<&str> = detail.messages.iter().map(|m| m.body.as_str()).collect();
        assert_eq!(
            bodies,
            [
                "Когда будет готово?",
                "Скан нужен в цвете",
                "Прикладываю скан"
            ],
            "{}",
            core.label
        );
        assert!(detail.messages[0].from_applicant, "{}", core.label);
        assert_eq!(
            detail.messages[1].author.as_deref(),
            Some("Петров Сергей Николаевич, Министерство внутренних дел Российской Федерации"),
            "{}",
            core.label
        );
        assert_eq!(detail.messages[2].files.len(), 1, "{}", core.label);
        assert_eq!(
            detail.messages[2].files[0].file_name, "вторая страница.png",
            "{}",
            core.label
        );
        assert_eq!(
            detail.messages[2].files[0].content_type, "image/png",
            "{}",
            core.label
        );
        // Files of messages stay out of the application's own documents.
        assert_eq!(detail.documents.len(), 1, "{}", core.label);
        let file = core
            .application_document(&official, id, detail.messages[2].files[0].id)
            .await
            .unwrap();
        assert_eq!(file.bytes, PNG, "{}", core.label);

        // The official is notified of the reply, and the applicant of the official's message.
        assert_eq!(
            core.unread_notifications(official.user_id).await.unwrap(),
            unread_before + 1,
            "{}",
            core.label
        );
        let notifications = core.notifications(&citizen).await.unwrap();
        assert!(
            notifications
                .iter()
                .any(|n| n.key == "notification-application-message"),
            "{}",
            core.label
        );
        let journal = core.history(&citizen, 0).await.unwrap();
        assert_eq!(
            journal[0].key, "history-application-message",
            "{}",
            core.label
        );
        assert_eq!(journal[0].attachments.len(), 1, "{}", core.label);
        assert!(journal[1].by_official, "{}", core.label);

        core.change_application_status(&official, id, ApplicationStatus::Completed, "")
            .await
            .unwrap();
        let closed = core
            .post_message(&citizen, id, message("Спасибо", Vec::new()))
            .await
            .unwrap_err();
        assert!(
            matches!(closed, Error::Rejected(ref m) if m.key == "error-application-closed"),
            "{}: {closed:?}",
            core.label
        );
        let after = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert!(!after.can_post, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn bad_message_is_rejected_whole() {
    for core in cores().await {
        let (citizen, id) = citizen_with_application(&core, "+79120000053").await;
        let empty = core
            .post_message(&citizen, id, message("   ", Vec::new()))
            .await
            .unwrap_err();
        assert_eq!(
            invalid(empty).get("body").unwrap().key,
            "error-message-empty",
            "{}",
            core.label
        );
        let too_long = core
            .post_message(&citizen, id, message(&"я".repeat(2001), Vec::new()))
            .await
            .unwrap_err();
        assert_eq!(
            invalid(too_long).get("body").unwrap().key,
            "error-too-long",
            "{}",
            core.label
        );
        let bad_file = core
            .post_message(
                &citizen,
                id,
                message(
                    "Файл",
                    vec![upload("", "письмо.txt", b"plain text, not a scan")],
                ),
            )
            .await
            .unwrap_err();
        assert_eq!(
            invalid(bad_file).get("files").unwrap().key,
            "error-file-type",
            "{}",
            core.label
        );
        let six = (0..6)
            .map(|i| upload("", &format!("{i}.pdf"), PDF))
            .collect();
        let too_many = core
            .post_message(&citizen, id, message("", six))
            .await
            .unwrap_err();
        assert_eq!(
            invalid(too_many).get("files").unwrap().key,
            "error-document-too-many",
            "{}",
            core.label
        );
        let exactly = core
            .post_message(&citizen, id, message(&"я".repeat(2000), Vec::new()))
            .await;
        assert!(exactly.is_ok(), "{}: {exactly:?}", core.label);

        let detail = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert_eq!(detail.messages.len(), 1, "{}", core.label);
        assert_eq!(
            detail.summary.status,
            ApplicationStatus::Submitted,
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn decision_document_is_issued() {
    for core in cores().await {
        let (citizen, completed) = citizen_with_application(&core, "+79120000061").await;
        let key = Uuid::new_v4().to_string();
        let refused = core
            .submit_application(
                &citizen,
                submission(&key, vec![upload("passport_scan", "паспорт.pdf", PDF)]),
            )
            .await
            .unwrap()
            .id;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        for id in [completed, refused] {
            core.take_application(&official, id).await.unwrap();
        }
        let pending = core
            .application(&citizen, completed, Locale::Ru)
            .await
            .unwrap();
        assert_eq!(pending.documents.len(), 1, "{}", core.label);
        core.change_application_status(&official, completed, ApplicationStatus::Completed, "")
            .await
            .unwrap();
        core.decide_application(
            &official,
            refused,
            ApplicationStatus::Refused,
            "incomplete_documents",
            "Не приложена вторая страница паспорта",
        )
        .await
        .unwrap();

        let detail = core
            .application(&citizen, completed, Locale::Ru)
            .await
            .unwrap();
        assert_eq!(detail.documents.len(), 2, "{}", core.label);
        let decision = &detail.documents[1];
        assert_eq!(decision.title, "Решение по заявлению", "{}", core.label);
        assert_eq!(decision.content_type, "application/pdf", "{}", core.label);
        let number = &detail.summary.number;
        assert_eq!(
            decision.file_name,
            format!("Решение по заявлению {number}.pdf"),
            "{}",
            core.label
        );
        let file = core
            .application_document(&citizen, completed, decision.id)
            .await
            .unwrap();
        let text = pdf_text(&core, &file.bytes);
        for expected in [
            format!("Решение по заявлению № {number}"),
            "Справка о наличии (отсутствии) судимости".to_string(),
            "Соколова Мария Ивановна".to_string(),
            "Услуга оказана.".to_string(),
            "Петров Сергей Николаевич, Министерство внутренних дел Российской Федерации"
                .to_string(),
        ] {
            assert!(
                text.contains(&expected),
                "{}: «{expected}» not in: {text}",
                core.label
            );
        }
        let journal = core.history(&citizen, 0).await.unwrap();
        let entry = journal
            .iter()
            .find(|entry| {
                entry.application_id == Some(completed)
                    && entry.args.get("status").map(String::as_str) == Some("completed")
            })
            .unwrap();
        assert_eq!(entry.attachments.len(), 1, "{}", core.label);
        assert_eq!(
            entry.attachments[0].document_id, decision.id,
            "{}",
            core.label
        );

        let refusal = core
            .application(&citizen, refused, Locale::Ru)
            .await
            .unwrap();
        let document = refusal.documents.last().unwrap();
        let file = core
            .application_document(&citizen, refused, document.id)
            .await
            .unwrap();
        let text = pdf_text(&core, &file.bytes);
        assert!(
            text.contains("В предоставлении услуги отказано"),
            "{}: {text}",
            core.label
        );
        assert!(
            text.contains("Не приложена вторая страница паспорта"),
            "{}: {text}",
            core.label
        );
        assert!(text.contains("Основание отказа"), "{}: {text}", core.label);
        assert!(
            text.contains("Не представлены документы"),
            "{}: {text}",
            core.label
        );
        assert!(!text.contains("Услуга оказана"), "{}: {text}", core.label);

        let stranger = core.register("+79120000062", "").await;
        let hidden = core
            .application_document(&stranger, completed, decision.id)
            .await
            .unwrap_err();
        assert!(
            matches!(hidden, Error::NotFound),
            "{}: {hidden:?}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn conditional_fields_follow_earlier_answers() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000071", "").await;
        let pension = |key: &str, pairs: &[(&str, &str)]| {
            let mut answers: BTreeMap<String, String> = [
                ("surname", "Соколова"),
                ("given_name", "Мария"),
                ("birth_date", "09.03.1958"),
                ("snils", "112-233-445 95"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
            for (name, value) in pairs {
                answers.insert(name.to_string(), value.to_string());
            }
            Submission {
                service_code: "pension-amount-certificate".into(),
                request_key: key.into(),
                answers,
                uploads: Vec::new(),
                remove_staged: Vec::new(),
            }
        };

        let by_post = core
            .submit_application(
                &citizen,
                pension(
                    &Uuid::new_v4().to_string(),
                    &[("period", "chosen_period"), ("delivery", "post")],
                ),
            )
            .await
            .unwrap_err();
        let errors = invalid(by_post);
        for field in ["period_start", "period_end", "postal_address"] {
            assert_eq!(
                errors.get(field).unwrap().key,
                "error-required",
                "{}: {field}",
                core.label
            );
        }

        let submitted = core
            .submit_application(
                &citizen,
                pension(
                    &Uuid::new_v4().to_string(),
                    &[
                        ("period", "current_month"),
                        ("period_start", "01.01.2026"),
                        ("delivery", "personal_account"),
                        ("postal_address", "614000, г. Пермь, ул. Ленина, д. 1"),
                    ],
                ),
            )
            .await
            .unwrap();
        let detail = core
            .application(&citizen, submitted.id, Locale::Ru)
            .await
            .unwrap();
        let labels: Vec<&str> = detail
            .answers
            .iter()
            .map(|answer| answer.label.as_str())
            .collect();
        assert!(
            !labels.contains(&"Почтовый адрес"),
            "{}: {labels:?}",
            core.label
        );
        assert!(
            !labels.contains(&"Начало периода"),
            "{}: {labels:?}",
            core.label
        );
        assert!(
            labels.contains(&"Как получить справку"),
            "{}: {labels:?}",
            core.label
        );
        core.finish().await;
    }
}
