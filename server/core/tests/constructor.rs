//! The administrators' service constructor on every backend: editing a definition as
//! TOML text, checking it and publishing new versions.

mod common;

use std::collections::BTreeMap;

use common::{PDF, TestCore, cores};
use kabinet_core::applications::{FileUpload, Submission};
use kabinet_core::catalogue::constructor::{
    NEW_SERVICE_EXAMPLE, Published, SOURCE_FIELD, parse_source, to_toml,
};
use kabinet_core::shared::service::{FieldKind, ServiceDefinition};
use kabinet_core::shared::{Locale, Message};
use kabinet_core::{Actor, Error};
use uuid::Uuid;

const ADMIN_PHONE: &str = "+79990000004";
const OFFICIAL_PHONE: &str = "+79990000002";
const SERVICE: &str = "criminal-record-certificate";

fn submission() -> Submission {
    let answers: BTreeMap<String, String> = [
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
    .collect();
    Submission {
        service_code: SERVICE.into(),
        request_key: Uuid::new_v4().to_string(),
        answers,
        uploads: vec![FileUpload {
            document_code: "passport_scan".into(),
            file_name: "паспорт.pdf".into(),
            bytes: PDF.to_vec(),
        }],
        remove_staged: Vec::new(),
    }
}

/// Returns the message on the editor's text field of an [`Error::Invalid`].
fn source_message(error: Error) -> Message {
    match error {
        Error::Invalid(errors) => errors
            .get(SOURCE_FIELD)
            .unwrap_or_else(|| panic!("no error on the text: {errors:?}"))
            .clone(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn arg<'a>(message: &'a Message, name: &str) -> &'a str {
    message
        .args
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
        .unwrap_or_else(|| panic!("{message:?} has no argument {name}"))
}

async fn stored(core: &TestCore) -> (i32, ServiceDefinition) {
    core.service(SERVICE).await.unwrap().unwrap()
}

/// Returns the service's latest text with the title and the first label changed.
async fn edited_text(core: &TestCore, admin: &Actor) -> String {
    let (_, text) = core
        .service_source(admin, SERVICE, Locale::Ru)
        .await
        .unwrap();
    let mut definition = parse_source(&text).unwrap();
    definition.title.ru = "Справка о судимости (новая форма)".into();
    definition.fields[0].label.ru = "Фамилия заявителя".into();
    to_toml(&definition).unwrap()
}

#[tokio::test]
async fn publish_changes_form_and_keeps_earlier_applications() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000301", "").await;
        let admin = core.demo_actor(ADMIN_PHONE).await;
        let earlier = core
            .submit_application(&citizen, submission())
            .await
            .unwrap();

        let (_, text) = core
            .service_source(&admin, SERVICE, Locale::Ru)
            .await
            .unwrap();
        assert_eq!(parse_source(&text).unwrap(), stored(&core).await.1);
        let published = core
            .publish_service(&admin, Some(SERVICE), &edited_text(&core, &admin).await)
            .await
            .unwrap();
        assert_eq!(
            published,
            Published {
                code: SERVICE.into(),
                version: 2
            },
            "{}",
            core.label
        );

        let (version, definition) = stored(&core).await;
        assert_eq!(version, 2, "{}", core.label);
        assert_eq!(definition.fields[0].label.ru, "Фамилия заявителя");
        let later = core
            .submit_application(&citizen, submission())
            .await
            .unwrap();
        let old = core
            .application(&citizen, earlier.id, Locale::Ru)
            .await
            .unwrap();
        let new = core
            .application(&citizen, later.id, Locale::Ru)
            .await
            .unwrap();
        assert_eq!(
            old.summary.service_title,
            "Справка о наличии (отсутствии) судимости"
        );
        assert_eq!(old.answers[0].label, "Фамилия", "{}", core.label);
        assert_eq!(
            new.summary.service_title,
            "Справка о судимости (новая форма)"
        );
        assert_eq!(new.answers[0].label, "Фамилия заявителя", "{}", core.label);

        let listed = core.constructor_services(&admin, Locale::Ru).await.unwrap();
        let entry = listed.iter().find(|entry| entry.code == SERVICE).unwrap();
        assert_eq!(entry.version, 2);
        assert!(entry.published_by.is_some(), "{}", core.label);
        let bundled = listed
            .iter()
            .find(|entry| entry.code == "oms-policy")
            .unwrap();
        assert_eq!(bundled.published_by, None);

        let audit = core.audit_entries().await.unwrap();
        let entry = audit
            .iter()
            .find(|entry| entry.action == "service_published")
            .expect("the publication is in the audit log");
        assert_eq!(entry.actor_id, Some(admin.user_id));
        assert!(entry.details.contains(SERVICE), "{}", entry.details);
        core.finish().await;
    }
}

#[tokio::test]
async fn restart_keeps_administrators_version() {
    for core in cores().await {
        let admin = core.demo_actor(ADMIN_PHONE).await;
        core.publish_service(&admin, Some(SERVICE), &edited_text(&core, &admin).await)
            .await
            .unwrap();

        core.seed_catalogue().await.unwrap();

        let (version, definition) = stored(&core).await;
        assert_eq!(version, 2, "{}", core.label);
        assert_eq!(definition.fields[0].label.ru, "Фамилия заявителя");
        core.finish().await;
    }
}

#[tokio::test]
async fn new_service_starts_at_version_one() {
    for core in cores().await {
        let admin = core.demo_actor(ADMIN_PHONE).await;
        let published = core
            .publish_service(&admin, None, NEW_SERVICE_EXAMPLE)
            .await
            .unwrap();
        assert_eq!(published.version, 1, "{}", core.label);
        let (version, definition) = core.service(&published.code).await.unwrap().unwrap();
        assert_eq!(version, 1);
        assert_eq!(definition.title.ru, "Новая услуга");

        let again = core
            .publish_service(&admin, None, NEW_SERVICE_EXAMPLE)
            .await
            .unwrap_err();
        assert_eq!(source_message(again).key, "admin-error-code-taken");
        core.finish().await;
    }
}

#[tokio::test]
async fn syntax_error_names_line_and_column() {
    for core in cores().await {
        let admin = core.demo_actor(ADMIN_PHONE).await;
        let mut text = edited_text(&core, &admin).await;
        text.push_str("\n[[fields]\nname = \"broken\"\n");
        let line = text.lines().position(|line| line == "[[fields]").unwrap() + 1;

        for error in [
            core.preview_service(&admin, Some(SERVICE), &text)
                .await
                .unwrap_err(),
            core.publish_service(&admin, Some(SERVICE), &text)
                .await
                .unwrap_err(),
        ] {
            let message = source_message(error);
            assert_eq!(message.key, "admin-error-toml-syntax", "{}", core.label);
            assert_eq!(arg(&message, "line"), line.to_string(), "{message:?}");
            assert_eq!(arg(&message, "column"), "10", "{message:?}");
        }
        assert_eq!(stored(&core).await.0, 1, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn definition_errors_name_the_field() {
    for core in cores().await {
        let admin = core.demo_actor(ADMIN_PHONE).await;
        let (_, mut definition) = stored(&core).await;
        let mut copy = definition.fields[1].clone();
        copy.kind = FieldKind::Text;
        definition.fields.push(copy);

        let error = core
            .preview_service(&admin, Some(SERVICE), &to_toml(&definition).unwrap())
            .await
            .unwrap_err();
        let message = source_message(error);
        assert_eq!(message.key, "definition-field-twice", "{}", core.label);
        assert_eq!(arg(&message, "field"), "given_name");

        let (_, mut definition) = stored(&core).await;
        definition.department = "nowhere".into();
        let error = core
            .publish_service(&admin, Some(SERVICE), &to_toml(&definition).unwrap())
            .await
            .unwrap_err();
        let message = source_message(error);
        assert_eq!(message.key, "definition-department-unknown");
        assert_eq!(arg(&message, "code"), "nowhere");

        let (_, mut definition) = stored(&core).await;
        definition.refusal_reasons.push("whim".into());
        let error = core
            .publish_service(&admin, Some(SERVICE), &to_toml(&definition).unwrap())
            .await
            .unwrap_err();
        assert_eq!(
            source_message(error).key,
            "definition-refusal-reason-unknown"
        );

        let (_, mut definition) = stored(&core).await;
        definition.code = "another-service".into();
        let error = core
            .publish_service(&admin, Some(SERVICE), &to_toml(&definition).unwrap())
            .await
            .unwrap_err();
        assert_eq!(source_message(error).key, "admin-error-code-changed");

        let missing = core
            .publish_service(&admin, Some(SERVICE), "code = \"x\"\n")
            .await
            .unwrap_err();
        let message = source_message(missing);
        assert_eq!(message.key, "admin-error-toml-structure");
        assert!(
            arg(&message, "detail").contains("department"),
            "{message:?}"
        );
        assert_eq!(stored(&core).await.0, 1, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn identical_text_is_rejected() {
    for core in cores().await {
        let admin = core.demo_actor(ADMIN_PHONE).await;
        let (_, text) = core
            .service_source(&admin, SERVICE, Locale::Ru)
            .await
            .unwrap();
        let error = core
            .publish_service(&admin, Some(SERVICE), &text)
            .await
            .unwrap_err();
        let message = source_message(error);
        assert_eq!(message.key, "admin-error-unchanged", "{}", core.label);
        assert_eq!(arg(&message, "version"), "1");
        assert_eq!(stored(&core).await.0, 1);
        core.finish().await;
    }
}

#[tokio::test]
async fn citizen_and_official_are_forbidden() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000302", "").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        for actor in [&citizen, &official] {
            assert!(matches!(
                core.constructor_services(actor, Locale::Ru).await,
                Err(Error::Forbidden)
            ));
            assert!(matches!(
                core.service_source(actor, SERVICE, Locale::Ru).await,
                Err(Error::Forbidden)
            ));
            assert!(matches!(
                core.preview_service(actor, None, NEW_SERVICE_EXAMPLE).await,
                Err(Error::Forbidden)
            ));
            assert!(matches!(
                core.publish_service(actor, None, NEW_SERVICE_EXAMPLE).await,
                Err(Error::Forbidden)
            ));
        }
        assert!(core.service("new-service").await.unwrap().is_none());
        core.finish().await;
    }
}
