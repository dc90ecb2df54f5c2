//! The full profile: personal details, documents and addresses, their checks, the
//! passport checked by an operator, e-mail and phone changes, encryption at rest and
//! re-sealing with a new data key.

mod common;

use chrono::{Duration, NaiveDate};
use common::{PDF, PNG, TestCore, cores, normalized};
use kabinet_core::accounts::SessionUser;
use kabinet_core::applications::FileUpload;
use kabinet_core::crypto::key_id;
use kabinet_core::keys::{DataKeyring, Secret};
use kabinet_core::shared::Locale;
use kabinet_core::shared::forms::{
    AddressesForm, DocumentsForm, PassportForm, ProfileForm, SnilsForm,
};
use kabinet_core::shared::model::{
    Address, DrivingLicence, ForeignPassport, HistoryStatus, PassportDetails, ReviewStatus,
    ReviewedDocument, Role, Sex,
};
use kabinet_core::shared::validate::Login;
use kabinet_core::{Actor, Client, Error};

const PASSWORD: &str = "Tr0pinka-Lesnaya7";

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn personal() -> ProfileForm {
    ProfileForm {
        surname: "Соколова".into(),
        given_name: "Мария".into(),
        patronymic: "Ивановна".into(),
        birth_date: "09.03.1988".into(),
        former_names: "Петрова,  до 2012 года".into(),
        sex: "female".into(),
        birth_place: "гор. Казань".into(),
        citizenship: "Российская Федерация".into(),
        telegram: "https://t.me/maria_sokolova".into(),
        inn: "500100732259".into(),
        ..Default::default()
    }
}

/// Documents of a person born on 9 March 1988 (the harness's registration).
fn documents() -> DocumentsForm {
    DocumentsForm {
        licence_number: "16 ав 482913".into(),
        licence_issue_date: "21.06.2019".into(),
        licence_expiry_date: "21.06.2029".into(),
        foreign_number: "75 8841932".into(),
        foreign_issue_date: "2020-02-11".into(),
        foreign_expiry_date: "2030-02-11".into(),
        foreign_issued_by: "МВД 16001".into(),
    }
}

fn passport() -> PassportForm {
    PassportForm {
        passport: "92 08 739284".into(),
        passport_issue_date: "2008-04-02".into(),
        passport_issued_by: "Отделом УФМС России по Республике Татарстан".into(),
        passport_subdivision_code: "160005".into(),
    }
}

fn scan(bytes: &[u8]) -> FileUpload {
    FileUpload {
        document_code: "passport_scan".into(),
        file_name: "паспорт.pdf".into(),
        bytes: bytes.to_vec(),
    }
}

fn addresses() -> AddressesForm {
    AddressesForm {
        registration_postcode: "420111".into(),
        registration_address: "Республика Татарстан, г. Казань, ул. Кремлёвская, д. 17, кв. 4"
            .into(),
        residence_same: "no".into(),
        residence_postcode: "125009".into(),
        residence_address: "г. Москва, Брюсов пер., д. 2, кв. 31".into(),
    }
}

async fn session(core: &TestCore, phone: &str) -> SessionUser {
    let login = Login::Phone(normalized(phone));
    let token = core
        .sign_in(&login, PASSWORD, &Client::default())
        .await
        .unwrap()
        .token;
    core.resolve_session(&token).await.unwrap().unwrap()
}

/// The demo operator who checks documents.
const OPERATOR_PHONE: &str = "+79990000003";

/// Registers a person and fills every section, with a passport an operator approved.
async fn filled(core: &TestCore, phone: &str) -> Actor {
    core.register(phone, "").await;
    let session = session(core, phone).await;
    let actor = session.actor.clone();
    core.update_profile(&actor, &personal()).await.unwrap();
    core.update_documents(&actor, &documents()).await.unwrap();
    core.update_addresses(&actor, &addresses()).await.unwrap();
    let id = core
        .submit_passport(&session, &passport(), &scan(PDF))
        .await
        .unwrap();
    let operator = core.demo_actor(OPERATOR_PHONE).await;
    core.decide_review(&operator, id, true, "").await.unwrap();
    let snils = SnilsForm {
        snils: "123-456-789 64".into(),
    };
    let id = core
        .submit_snils(&session, &snils, &scan(PDF))
        .await
        .unwrap();
    core.decide_review(&operator, id, true, "").await.unwrap();
    actor
}

fn field_keys(error: Error) -> Vec<(String, String)> {
    match error {
        Error::Invalid(errors) => errors
            .0
            .iter()
            .map(|error| (error.field.clone(), error.message.key.clone()))
            .collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn every_section_is_saved_and_read_back() {
    for core in cores().await {
        let actor = filled(&core, "+79123470001").await;
        let profile = core.profile(&actor).await.unwrap();
        let label = core.label;

        assert_eq!(
            profile.former_names.as_deref(),
            Some("Петрова, до 2012 года"),
            "{label}"
        );
        assert_eq!(profile.sex, Some(Sex::Female), "{label}");
        assert_eq!(
            profile.birth_place.as_deref(),
            Some("гор. Казань"),
            "{label}"
        );
        assert_eq!(
            profile.citizenship.as_deref(),
            Some("Российская Федерация"),
            "{label}"
        );
        assert_eq!(
            profile.telegram.as_deref(),
            Some("@maria_sokolova"),
            "{label}"
        );
        assert_eq!(
            profile.documents.passport,
            Some(PassportDetails {
                series: "9208".into(),
                number: "739284".into(),
                issue_date: date("2008-04-02"),
                issued_by: "Отделом УФМС России по Республике Татарстан".into(),
                subdivision_code: "160-005".into(),
            }),
            "{label}"
        );
        assert_eq!(
            profile.documents.driving_licence,
            Some(DrivingLicence {
                number: "16 АВ 482913".into(),
                issue_date: date("2019-06-21"),
                expiry_date: date("2029-06-21"),
            }),
            "{label}"
        );
        assert_eq!(
            profile.documents.foreign_passport,
            Some(ForeignPassport {
                number: "75 8841932".into(),
                issue_date: date("2020-02-11"),
                expiry_date: date("2030-02-11"),
                issued_by: "МВД 16001".into(),
            }),
            "{label}"
        );
        assert_eq!(
            profile.addresses.actual_residence(),
            Some(&Address {
                postcode: "125009".into(),
                text: "г. Москва, Брюсов пер., д. 2, кв. 31".into(),
            }),
            "{label}"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn each_save_is_journaled_and_announced() {
    for core in cores().await {
        let actor = filled(&core, "+79123470002").await;
        let history = core.history(&actor, 0).await.unwrap();
        let label = core.label;

        let changes: Vec<(Option<&str>, Option<&str>)> = history
            .iter()
            .filter(|entry| entry.key == "history-profile-change")
            .map(|entry| {
                (
                    entry.args.get("section").map(String::as_str),
                    entry.args.get("fields").map(String::as_str),
                )
            })
            .collect();
        assert_eq!(
            changes,
            vec![
                (Some("personal"), Some("snils")),
                (Some("personal"), Some("snils")),
                (Some("documents"), Some("passport")),
                (Some("documents"), Some("passport")),
                (
                    Some("addresses"),
                    Some("registration_address,residence_address")
                ),
                (Some("documents"), Some("driving_licence,foreign_passport")),
                (
                    Some("personal"),
                    Some("inn,former_names,sex,birth_place,citizenship,telegram")
                ),
            ],
            "{label}"
        );
        // The passport is first sent, then approved by the operator.
        let passport_statuses: Vec<_> = history
            .iter()
            .filter(|entry| entry.args.get("fields").map(String::as_str) == Some("passport"))
            .map(|entry| (entry.status, entry.by_official))
            .collect();
        assert_eq!(
            passport_statuses,
            vec![
                (HistoryStatus::Succeeded, true),
                (HistoryStatus::InProgress, false)
            ],
            "{label}"
        );
        let sms = core.last_sms(&normalized("+79123470002")).await;
        assert!(sms.contains("новый документ проверен"), "{label}: {sms}");
        // The notice names no value.
        assert!(
            !sms.contains("739284") && !sms.contains("Казань"),
            "{label}: {sms}"
        );

        // Saving the same values again changes nothing and writes nothing.
        core.update_documents(&actor, &documents()).await.unwrap();
        assert_eq!(
            core.history(&actor, 0).await.unwrap().len(),
            history.len(),
            "{label}"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn document_given_whole_or_not_at_all() {
    for core in cores().await {
        let actor = core.register("+79123470003", "").await;
        let form = DocumentsForm {
            licence_number: "16 АВ 482913".into(),
            licence_issue_date: "2019-06-21".into(),
            licence_expiry_date: "2019-06-21".into(),
            foreign_number: "75 8841932".into(),
            ..Default::default()
        };
        let error = core.update_documents(&actor, &form).await.unwrap_err();

        assert_eq!(
            field_keys(error),
            vec![
                (
                    "licence_expiry_date".to_string(),
                    "error-expiry-before-issue".to_string()
                ),
                (
                    "foreign_issue_date".to_string(),
                    "error-required".to_string()
                ),
                (
                    "foreign_expiry_date".to_string(),
                    "error-required".to_string()
                ),
                (
                    "foreign_issued_by".to_string(),
                    "error-required".to_string()
                ),
            ],
            "{}",
            core.label
        );
        // Nothing was stored.
        assert_eq!(
            core.profile(&actor).await.unwrap().documents,
            Default::default()
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn passport_issue_date_follows_the_birth_date() {
    for core in cores().await {
        // Born on 9 March 1988: fourteen on 9 March 2002.
        core.register("+79123470004", "").await;
        let session = session(&core, "+79123470004").await;
        let mut form = passport();
        form.passport_issue_date = "08.03.2002".into();
        form.passport_subdivision_code = "16-0005".into();
        let error = core
            .submit_passport(&session, &form, &scan(PDF))
            .await
            .unwrap_err();
        assert_eq!(
            field_keys(error),
            vec![
                (
                    "passport_issue_date".to_string(),
                    "error-issue-date-too-early".to_string()
                ),
                (
                    "passport_subdivision_code".to_string(),
                    "error-subdivision-code-format".to_string()
                ),
            ],
            "{}",
            core.label
        );

        form.passport_issue_date = "09.03.2002".into();
        form.passport_subdivision_code = "160-005".into();
        core.submit_passport(&session, &form, &scan(PDF))
            .await
            .unwrap();
        core.finish().await;
    }
}

#[tokio::test]
async fn passport_scan_is_checked_by_content() {
    for core in cores().await {
        core.register("+79123470019", "").await;
        let session = session(&core, "+79123470019").await;
        let text = FileUpload {
            file_name: "скан.pdf".into(),
            bytes: b"not a PDF at all".to_vec(),
            ..scan(PDF)
        };
        let missing = FileUpload {
            file_name: String::new(),
            bytes: Vec::new(),
            ..scan(PDF)
        };
        let wrong_type = core
            .submit_passport(&session, &passport(), &text)
            .await
            .unwrap_err();
        assert_eq!(
            field_keys(wrong_type),
            vec![("scan".to_string(), "error-file-type".to_string())],
            "{}",
            core.label
        );
        let absent = core
            .submit_passport(&session, &passport(), &missing)
            .await
            .unwrap_err();
        assert_eq!(
            field_keys(absent),
            vec![("scan".to_string(), "error-scan-required".to_string())],
            "{}",
            core.label
        );
        core.submit_passport(&session, &passport(), &scan(PNG))
            .await
            .unwrap();
        core.finish().await;
    }
}

#[tokio::test]
async fn passport_waits_for_the_operator() {
    for core in cores().await {
        let label = core.label;
        core.register("+79123470020", "").await;
        let session = session(&core, "+79123470020").await;
        let owner = session.actor.clone();
        let operator = core.demo_actor(OPERATOR_PHONE).await;
        let official = core.demo_actor("+79990000002").await;

        let first = core
            .submit_passport(&session, &passport(), &scan(PDF))
            .await
            .unwrap();
        let waiting = core.profile(&owner).await.unwrap();
        assert_eq!(waiting.documents.passport, None, "{label}");
        let review = waiting.passport_review.expect("the submission is shown");
        assert_eq!(review.status, ReviewStatus::Pending, "{label}");
        assert_eq!(review.document.number(), "92 08 739284", "{label}");

        // Only operators see the queue; the citizen and an official do not.
        for outsider in [&owner, &official] {
            let refused = core.review_queue(outsider).await;
            assert!(
                matches!(refused, Err(Error::Forbidden)),
                "{label}: {refused:?}"
            );
            let refused = core.decide_review(outsider, first, true, "").await;
            assert!(
                matches!(refused, Err(Error::Forbidden)),
                "{label}: {refused:?}"
            );
        }
        let queue = core.review_queue(&operator).await.unwrap();
        assert_eq!(queue.len(), 1, "{label}");
        assert_eq!(queue[0].applicant, "Соколова Мария Ивановна", "{label}");
        let detail = core.review(&operator, first).await.unwrap();
        let ReviewedDocument::Passport(submitted) = &detail.submitted else {
            panic!("{label}: a passport was sent, got {:?}", detail.submitted);
        };
        assert_eq!(submitted.subdivision_code, "160-005", "{label}");
        assert_eq!(detail.current, None, "{label}");
        let (bytes, content_type) = core.review_scan(&operator, first).await.unwrap();
        assert_eq!(
            (bytes.as_slice(), content_type.as_str()),
            (PDF, "application/pdf"),
            "{label}"
        );

        // A rejection needs a reason, which is shown to the owner.
        let no_reason = core
            .decide_review(&operator, first, false, "  ")
            .await
            .unwrap_err();
        assert_eq!(
            field_keys(no_reason),
            vec![("reason".to_string(), "error-reason-required".to_string())],
            "{label}"
        );
        core.decide_review(&operator, first, false, "Скан нечитаем.")
            .await
            .unwrap();
        let rejected = core.profile(&owner).await.unwrap();
        assert_eq!(rejected.documents.passport, None, "{label}");
        let state = rejected.passport_review.unwrap();
        assert_eq!(state.status, ReviewStatus::Rejected, "{label}");
        assert_eq!(state.reason.as_deref(), Some("Скан нечитаем."), "{label}");
        let decided_twice = core
            .decide_review(&operator, first, true, "")
            .await
            .unwrap_err();
        assert!(
            matches!(decided_twice, Error::Rejected(ref message) if message.key == "error-review-decided"),
            "{label}"
        );

        // A second submission replaces nothing in the profile until it is approved.
        let second = core
            .submit_passport(&session, &passport(), &scan(PNG))
            .await
            .unwrap();
        core.decide_review(&operator, second, true, "")
            .await
            .unwrap();
        let approved = core.profile(&owner).await.unwrap();
        assert_eq!(
            approved
                .documents
                .passport
                .as_ref()
                .map(PassportDetails::display_number)
                .as_deref(),
            Some("92 08 739284"),
            "{label}"
        );
        assert_eq!(
            approved.passport_review.unwrap().status,
            ReviewStatus::Approved,
            "{label}"
        );
        assert!(
            core.review_queue(&operator).await.unwrap().is_empty(),
            "{label}"
        );

        // Every look at the owner's data is on the owner's access page.
        let access: Vec<String> = core
            .data_access_log(&owner, Locale::Ru)
            .await
            .unwrap()
            .into_iter()
            .map(|entry| {
                assert_eq!(entry.role, Role::Support, "{label}");
                entry.action
            })
            .collect();
        assert_eq!(
            access,
            vec![
                "document_review_decided",
                "document_review_decided",
                "document_review_scan_viewed",
                "document_review_viewed",
            ],
            "{label}"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn residence_can_follow_the_registration() {
    for core in cores().await {
        let actor = core.register("+79123470005", "").await;
        let only_same = AddressesForm {
            residence_same: "yes".into(),
            ..Default::default()
        };
        let error = core.update_addresses(&actor, &only_same).await.unwrap_err();
        assert_eq!(
            field_keys(error),
            vec![(
                "registration_address".to_string(),
                "error-registration-needed".to_string()
            )],
            "{}",
            core.label
        );

        let mut form = addresses();
        form.residence_same = "yes".into();
        form.residence_postcode = "12".into();
        core.update_addresses(&actor, &form).await.unwrap();
        let saved = core.profile(&actor).await.unwrap().addresses;
        assert!(saved.residence_same, "{}", core.label);
        assert_eq!(saved.residence, None, "{}", core.label);
        assert_eq!(
            saved.actual_residence(),
            saved.registration.as_ref(),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn passport_change_needs_a_fresh_step_up() {
    for core in cores().await {
        core.register("+79123470006", "").await;
        let fresh = session(&core, "+79123470006").await;
        // The same session sixteen minutes after its last proof of identity.
        let stale = SessionUser {
            stepped_up_at: Some(core.clock.now() - Duration::minutes(16)),
            ..fresh.clone()
        };

        let refused = core.submit_passport(&stale, &passport(), &scan(PDF)).await;
        assert!(
            matches!(refused, Err(Error::StepUpRequired)),
            "{}: {refused:?}",
            core.label
        );
        // Other documents need no step-up.
        core.update_documents(&stale.actor, &documents())
            .await
            .unwrap();
        core.submit_passport(&fresh, &passport(), &scan(PDF))
            .await
            .unwrap();
        core.finish().await;
    }
}

/// The values that must never be readable in a copy of the database, in every form
/// they could be written.
fn secrets() -> Vec<String> {
    let plain = [
        "12345678964",
        "123-456-789 64",
        "500100732259",
        "739284",
        "9208",
        "482913",
        "92 08 739284",
        "9208 739284",
        "9208739284",
        "8841932",
        "Кремлёвская",
        "Брюсов",
        "УФМС России по Республике Татарстан",
    ];
    plain
        .iter()
        .flat_map(|value| {
            let hex: String = value.bytes().map(|byte| format!("{byte:02x}")).collect();
            [value.to_string(), hex]
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

/// Whether `needle` is written in the dump. A run of fewer than eight digits counts only
/// when no hexadecimal digit touches it: PostgreSQL dumps binary columns as hexadecimal
/// text, where a short run such as a passport series turns up by chance. The series and
/// number written together are among the secrets, so a series stored beside its number
/// is still caught.
fn written(haystack: &[u8], needle: &str) -> bool {
    if needle.len() >= 8 || !needle.bytes().all(|byte| byte.is_ascii_digit()) {
        return contains(haystack, needle);
    }
    let width = needle.len();
    haystack.windows(width).enumerate().any(|(at, window)| {
        let before = at.checked_sub(1).map(|i| haystack[i]);
        let after = haystack.get(at + width).copied();
        window == needle.as_bytes()
            && !before.is_some_and(|byte| byte.is_ascii_hexdigit())
            && !after.is_some_and(|byte| byte.is_ascii_hexdigit())
    })
}

#[tokio::test]
async fn database_dump_has_no_documents_in_clear() {
    for core in cores().await {
        filled(&core, "+79123470007").await;
        let dump = core.dump().await;
        let label = core.label;

        // The dump is real: the surname is stored in clear and found.
        assert!(
            contains(&dump, "Соколова"),
            "{label}: the dump misses the surname"
        );
        for secret in secrets() {
            assert!(
                !written(&dump, &secret),
                "{label}: {secret:?} is in the dump in clear"
            );
        }
        core.finish().await;
    }
}

#[tokio::test]
async fn reseal_moves_every_value_to_the_new_key() {
    for mut core in cores().await {
        let actor = filled(&core, "+79123470008").await;
        let before = core.profile(&actor).await.unwrap();
        let old = core.keys.data.clone();
        let (old_id, _) = old.current();
        let rotated = DataKeyring::parse(&format!(
            "k2:{},{}",
            Secret::generate().to_text(),
            old.to_text()
        ))
        .unwrap();
        core.core.keys.data = rotated.clone();

        let report = core.reseal_with_current_key().await.unwrap();
        // The person's SNILS, INN, documents and addresses, the sealed form of the completed
        // registration, the passport and SNILS sent for checking, and the demo citizen's SNILS
        // and INN (seeded for the operator). Both submissions used one scan file.
        assert_eq!(report.values, 9, "{}: {report:?}", core.label);
        assert_eq!(report.files, 1, "{}: {report:?}", core.label);
        assert_eq!(report.current, 0, "{}", core.label);

        // Every value opens with the new key alone.
        let (new_id, new_key) = rotated.current();
        core.core.keys.data =
            DataKeyring::parse(&format!("{new_id}:{}", new_key.to_text())).unwrap();
        assert_eq!(
            core.profile(&actor).await.unwrap(),
            before,
            "{}",
            core.label
        );
        assert_ne!(new_id, old_id);

        // A second run finds nothing left to do.
        let again = core.reseal_with_current_key().await.unwrap();
        assert_eq!((again.values, again.current), (0, 10), "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn sealed_value_opens_only_for_its_owner() {
    for core in cores().await {
        let first = filled(&core, "+79123470009").await;
        let second = core.register("+79123470010", "").await;
        let label = core.label;
        let mut tx = core.db.begin().await.unwrap();
        kabinet_core::execute!(
            &mut tx,
            sqlx::query(
                "INSERT INTO profile_details (user_id, documents_enc, updated_at)
                 SELECT $1, documents_enc, updated_at FROM profile_details WHERE user_id = $2",
            )
            .bind(second.user_id)
            .bind(first.user_id)
        )
        .unwrap();
        tx.commit().await.unwrap();

        let copied = core.profile(&second).await;
        assert!(
            matches!(copied, Err(Error::Crypto(_))),
            "{label}: {copied:?}"
        );
        let sealed: Vec<u8> = {
            let mut tx = core.db.begin_read().await.unwrap();
            kabinet_core::on_conn!(&mut tx, conn => sqlx::query_scalar(
                "SELECT documents_enc FROM profile_details WHERE user_id = $1",
            )
            .bind(first.user_id)
            .fetch_one(conn)
            .await)
            .unwrap()
        };
        assert_eq!(
            key_id(&sealed).unwrap(),
            core.keys.data.current().0,
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

/// Builds a profile form of the registered names and birth date with `email`, which
/// several people can use without clashing on SNILS or INN.
fn with_email(email: &str) -> ProfileForm {
    ProfileForm {
        surname: "Соколова".into(),
        given_name: "Мария".into(),
        patronymic: "Ивановна".into(),
        birth_date: "09.03.1988".into(),
        email: email.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn email_change_waits_for_link() {
    for core in cores().await {
        let label = core.label;
        let actor = core.register("+79123470011", "").await;
        core.update_profile(&actor, &with_email("old@example.ru"))
            .await
            .unwrap();
        core.confirm_email_link("old@example.ru").await;

        let saved = core
            .update_profile(&actor, &with_email("новый@почта.рф"))
            .await
            .unwrap();
        assert_eq!(
            saved.email_pending.as_deref(),
            Some("новый@почта.рф"),
            "{label}"
        );
        let waiting = core.profile(&actor).await.unwrap();
        assert_eq!(waiting.email.as_deref(), Some("old@example.ru"), "{label}");
        assert_eq!(
            waiting.pending_email.as_deref(),
            Some("новый@почта.рф"),
            "{label}"
        );

        let letter = core.last_email("новый@почта.рф").await;
        assert!(
            letter.contains("http://127.0.0.1:3000/profile/email/confirm?token="),
            "{label}: {letter}"
        );
        let token = common::email_token(&letter);
        assert_eq!(
            core.email_change(&token).await.unwrap(),
            "новый@почта.рф",
            "{label}"
        );
        core.confirm_email_change(&token).await.unwrap();

        let confirmed = core.profile(&actor).await.unwrap();
        assert_eq!(
            confirmed.email.as_deref(),
            Some("новый@почта.рф"),
            "{label}"
        );
        assert_eq!(confirmed.pending_email, None, "{label}");
        let notice = core.last_email("old@example.ru").await;
        assert!(
            notice.contains("изменён на новый@почта.рф"),
            "{label}: {notice}"
        );

        // The link works once.
        let again = core.confirm_email_change(&token).await.unwrap_err();
        assert_eq!(rejection_key(again), "error-email-link-used", "{label}");
        let history = core.history(&actor, 0).await.unwrap();
        assert_eq!(
            history[0].args.get("fields").map(String::as_str),
            Some("email"),
            "{label}"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn email_link_expires_or_is_replaced() {
    for core in cores().await {
        let label = core.label;
        let actor = core.register("+79123470012", "").await;
        core.update_profile(&actor, &with_email("first@example.ru"))
            .await
            .unwrap();
        let first = common::email_token(&core.last_email("first@example.ru").await);
        core.update_profile(&actor, &with_email("second@example.ru"))
            .await
            .unwrap();
        let second = common::email_token(&core.last_email("second@example.ru").await);

        let replaced = core.confirm_email_change(&first).await.unwrap_err();
        assert_eq!(rejection_key(replaced), "error-email-link-used", "{label}");

        core.clock.advance(Duration::hours(24));
        let expired = core.confirm_email_change(&second).await.unwrap_err();
        assert_eq!(
            rejection_key(expired),
            "error-email-link-expired",
            "{label}"
        );
        let unknown = core.confirm_email_change("not-a-token").await.unwrap_err();
        assert_eq!(
            rejection_key(unknown),
            "error-email-link-unknown",
            "{label}"
        );
        let profile = core.profile(&actor).await.unwrap();
        assert_eq!(
            (profile.email, profile.pending_email),
            (None, None),
            "{label}"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn email_of_another_account_rejected() {
    for core in cores().await {
        let label = core.label;
        let first = core.register("+79123470013", "").await;
        let second = core.register("+79123470014", "").await;
        core.update_profile(&first, &with_email("shared@example.ru"))
            .await
            .unwrap();
        let first_token = common::email_token(&core.last_email("shared@example.ru").await);
        // Both wait for the same address, and the first to confirm gets it.
        core.update_profile(&second, &with_email("Shared@Example.ru"))
            .await
            .unwrap();
        let second_token = common::email_token(&core.last_email("Shared@example.ru").await);
        core.confirm_email_change(&first_token).await.unwrap();

        let late = core.confirm_email_change(&second_token).await.unwrap_err();
        assert_eq!(rejection_key(late), "error-email-taken", "{label}");
        let refused = core
            .update_profile(&second, &with_email("shared@example.ru"))
            .await
            .unwrap_err();
        assert_eq!(
            field_keys(refused),
            vec![("email".to_string(), "error-email-taken".to_string())],
            "{label}"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn phone_change_needs_the_new_numbers_code() {
    for core in cores().await {
        let label = core.label;
        core.register("+79123470015", "").await;
        let fresh = session(&core, "+79123470015").await;
        let stale = SessionUser {
            stepped_up_at: Some(core.clock.now() - Duration::minutes(16)),
            ..fresh.clone()
        };
        let client = Client::default();

        let without_step_up = core
            .start_phone_change(&stale, "+7 912 347-00-16", &client)
            .await;
        assert!(
            matches!(without_step_up, Err(Error::StepUpRequired)),
            "{label}: {without_step_up:?}"
        );
        let same = core
            .start_phone_change(&fresh, "8 912 347 00 15", &client)
            .await
            .unwrap_err();
        assert_eq!(
            field_keys(same),
            vec![("phone".to_string(), "error-phone-same".to_string())],
            "{label}"
        );

        let id = core
            .start_phone_change(&fresh, "+7 912 347-00-16", &client)
            .await
            .unwrap();
        let code = common::code_in(&core.last_sms("+79123470016").await);
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let error = core
            .confirm_phone_change(&fresh.actor, id, wrong)
            .await
            .unwrap_err();
        assert_eq!(
            field_keys(error),
            vec![("code".to_string(), "error-code-wrong".to_string())],
            "{label}"
        );
        // The old number is still the login until the code is entered.
        let profile = core.profile(&fresh.actor).await.unwrap();
        assert_eq!(profile.phone.as_deref(), Some("+79123470015"), "{label}");

        core.confirm_phone_change(&fresh.actor, id, &code)
            .await
            .unwrap();
        let profile = core.profile(&fresh.actor).await.unwrap();
        assert_eq!(profile.phone.as_deref(), Some("+79123470016"), "{label}");
        let notice = core.last_sms("+79123470015").await;
        assert!(
            notice.contains("номер телефона кабинета изменён"),
            "{label}: {notice}"
        );
        let history = core.history(&fresh.actor, 0).await.unwrap();
        assert_eq!(
            history[0].args.get("fields").map(String::as_str),
            Some("phone"),
            "{label}"
        );

        let new_login = Login::Phone("+79123470016".into());
        assert!(
            core.sign_in(&new_login, PASSWORD, &client).await.is_ok(),
            "{label}"
        );
        let old_login = Login::Phone("+79123470015".into());
        assert!(
            core.sign_in(&old_login, PASSWORD, &client).await.is_err(),
            "{label}"
        );

        // A used change cannot be confirmed again.
        let again = core
            .confirm_phone_change(&fresh.actor, id, &code)
            .await
            .unwrap_err();
        assert_eq!(
            rejection_key(again),
            "error-phone-change-expired",
            "{label}"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn phone_change_keeps_registered_numbers_private() {
    for core in cores().await {
        let label = core.label;
        core.register("+79123470017", "").await;
        core.register("+79123470018", "").await;
        let owner = session(&core, "+79123470017").await;
        let other = session(&core, "+79123470018").await;
        let client = Client::default();

        // The number of another account gets the registration notice, not a code.
        let id = core
            .start_phone_change(&owner, "+79123470018", &client)
            .await
            .unwrap();
        let sms = core.last_sms("+79123470018").await;
        assert!(
            sms.contains("этот номер уже зарегистрирован"),
            "{label}: {sms}"
        );

        // Another account cannot confirm the owner's change.
        let foreign = core
            .confirm_phone_change(&other.actor, id, "123456")
            .await
            .unwrap_err();
        assert_eq!(
            rejection_key(foreign),
            "error-phone-change-expired",
            "{label}"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn personal_data_pdf_reads_as_text() {
    for core in cores().await {
        let label = core.label;
        let actor = filled(&core, "+79123470021").await;
        let data = core.personal_data(&actor, Locale::Ru).await.unwrap();
        let pdf = data.to_pdf(Locale::Ru).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{label}");

        let path = core.data_dir().join("my-data.pdf");
        std::fs::write(&path, &pdf).unwrap();
        let output = std::process::Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .expect(
                "pdftotext runs (Debian's poppler-utils, installed by scripts/ensure-tools --test)",
            );
        assert!(output.status.success(), "{label}");
        let text = String::from_utf8(output.stdout).unwrap();
        for expected in [
            "Мои данные: Соколова Мария Ивановна",
            "Паспорт гражданина Российской Федерации",
            "92 08 739284",
            "Отделом УФМС России по Республике Татарстан",
            "16 АВ 482913",
            "420111, Республика Татарстан",
            "ул. Кремлёвская",
            "@maria_sokolova",
            "123-456-789 64",
            "Специалист поддержки",
            "Страница 1 из",
        ] {
            assert!(
                text.contains(expected),
                "{label}: {expected:?} is missing from:\n{text}"
            );
        }
        core.finish().await;
    }
}

#[tokio::test]
async fn snils_changes_after_the_operator_checks_it() {
    for core in cores().await {
        let label = core.label;
        core.register("+79123470022", "").await;
        let session = session(&core, "+79123470022").await;
        let owner = session.actor.clone();
        let operator = core.demo_actor(OPERATOR_PHONE).await;

        let invalid = SnilsForm {
            snils: "112-233-445 98".into(),
        };
        let error = core
            .submit_snils(&session, &invalid, &scan(PDF))
            .await
            .unwrap_err();
        assert_eq!(
            field_keys(error),
            vec![("snils".to_string(), "error-snils-checksum".to_string())],
            "{label}"
        );

        // The demo citizen has this number: the operator's approval fails on it.
        let taken = SnilsForm {
            snils: "112-233-445 95".into(),
        };
        let id = core
            .submit_snils(&session, &taken, &scan(PDF))
            .await
            .unwrap();
        let waiting = core.profile(&owner).await.unwrap();
        assert_eq!(waiting.snils, None, "{label}");
        assert_eq!(
            waiting
                .snils_review
                .map(|review| (review.status, review.document.number())),
            Some((ReviewStatus::Pending, "112-233-445 95".to_string())),
            "{label}"
        );
        let queue = core.review_queue(&operator).await.unwrap();
        assert_eq!(queue[0].kind, "snils", "{label}");
        let duplicate = core
            .decide_review(&operator, id, true, "")
            .await
            .unwrap_err();
        assert!(
            matches!(duplicate, Error::Rejected(ref message) if message.key == "error-snils-taken"),
            "{label}: {duplicate:?}"
        );
        core.decide_review(
            &operator,
            id,
            false,
            "Этот СНИЛС принадлежит другому человеку.",
        )
        .await
        .unwrap();

        let own = SnilsForm {
            snils: "123-456-789 64".into(),
        };
        let id = core.submit_snils(&session, &own, &scan(PNG)).await.unwrap();
        core.decide_review(&operator, id, true, "").await.unwrap();
        let profile = core.profile(&owner).await.unwrap();
        assert_eq!(profile.snils.as_deref(), Some("12345678964"), "{label}");
        let login = Login::Snils("12345678964".into());
        assert!(
            core.sign_in(&login, PASSWORD, &Client::default())
                .await
                .is_ok(),
            "{label}"
        );
        core.finish().await;
    }
}
