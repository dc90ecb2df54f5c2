//! Templates of applications, on every backend under test.

mod common;

use common::{PDF, TestCore, certificate_answers, cores, field_key};
use kabinet_core::applications::{FileUpload, Submission, TEMPLATES_MAX};
use kabinet_core::shared::Locale;
use kabinet_core::{Actor, Error};
use uuid::Uuid;

const SERVICE: &str = "criminal-record-certificate";

/// Registers a citizen and submits a criminal record certificate application for them.
async fn citizen_with_application(core: &TestCore, phone: &str) -> (Actor, Uuid) {
    core.seed_catalogue().await.unwrap();
    let citizen = core.register(phone, "").await;
    let submission = Submission {
        service_code: SERVICE.into(),
        request_key: Uuid::new_v4().to_string(),
        answers: certificate_answers(),
        uploads: vec![FileUpload {
            document_code: "passport_scan".into(),
            file_name: "паспорт.pdf".into(),
            bytes: PDF.to_vec(),
        }],
        remove_staged: Vec::new(),
    };
    let submitted = core.submit_application(&citizen, submission).await.unwrap();
    (citizen, submitted.id)
}

#[tokio::test]
async fn template_keeps_answers_without_files() {
    for core in cores().await {
        let (citizen, application) = citizen_with_application(&core, "+79123490001").await;

        let id = core
            .save_template(&citizen, application, "  Справка для работы ")
            .await
            .unwrap();
        let template = core.template(&citizen, id).await.unwrap();
        let list = core.templates(&citizen, Locale::Ru).await.unwrap();
        let history = core.history(&citizen, 0).await.unwrap();

        assert_eq!(template.service_code, SERVICE, "{}", core.label);
        assert_eq!(template.name, "Справка для работы", "{}", core.label);
        assert_eq!(
            template.answers.get("surname").map(String::as_str),
            Some("Соколова"),
            "{}",
            core.label
        );
        assert_eq!(
            template.answers.get("snils").map(String::as_str),
            Some("11223344595"),
            "{}: answers as the application stored them",
            core.label
        );
        assert!(
            !template.answers.contains_key("passport_scan"),
            "{}: files stay with the application",
            core.label
        );
        assert_eq!(list.len(), 1, "{}", core.label);
        assert_eq!(list[0].id, id, "{}", core.label);
        assert_eq!(list[0].name, "Справка для работы", "{}", core.label);
        assert_eq!(
            list[0].service_title, "Справка о наличии (отсутствии) судимости",
            "{}",
            core.label
        );
        assert_eq!(
            list[0].answers as usize,
            template.answers.len(),
            "{}",
            core.label
        );
        assert_eq!(history[0].key, "history-template-saved", "{}", core.label);
        assert_eq!(
            history[0].application_id,
            Some(application),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn template_name_is_checked() {
    for core in cores().await {
        let (citizen, application) = citizen_with_application(&core, "+79123490002").await;
        let longest = "ш".repeat(100);

        let empty = core.save_template(&citizen, application, " \t ").await;
        let too_long = core
            .save_template(&citizen, application, &"ш".repeat(101))
            .await;
        core.save_template(&citizen, application, &longest)
            .await
            .unwrap();
        core.save_template(&citizen, application, "Для  Анны")
            .await
            .unwrap();
        let same_name = core
            .save_template(&citizen, application, " для анны ")
            .await;
        let other_name = core.save_template(&citizen, application, "Для Ани").await;

        assert_eq!(
            field_key(empty.unwrap_err(), "template_name"),
            "error-required",
            "{}",
            core.label
        );
        assert_eq!(
            field_key(too_long.unwrap_err(), "template_name"),
            "error-too-long",
            "{}",
            core.label
        );
        assert_eq!(
            field_key(same_name.unwrap_err(), "template_name"),
            "error-template-name-taken",
            "{}: names compare without case and spacing",
            core.label
        );
        assert!(other_name.is_ok(), "{}", core.label);
        let names: Vec<String> = core
            .templates(&citizen, Locale::Ru)
            .await
            .unwrap()
            .into_iter()
            .map(|template| template.name)
            .collect();
        assert_eq!(
            names,
            vec!["Для Ани".to_string(), "Для  Анны".to_string(), longest],
            "{}: newest first, names as typed but trimmed",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn templates_stop_at_maximum() {
    for core in cores().await {
        let (citizen, application) = citizen_with_application(&core, "+79123490003").await;
        for number in 1..=TEMPLATES_MAX {
            core.save_template(&citizen, application, &format!("Шаблон {number}"))
                .await
                .unwrap();
        }

        let one_more = core.save_template(&citizen, application, "Ещё один").await;
        let first = core.templates(&citizen, Locale::Ru).await.unwrap()[TEMPLATES_MAX - 1].id;
        core.delete_template(&citizen, first).await.unwrap();
        let after_delete = core.save_template(&citizen, application, "Ещё один").await;

        assert_eq!(
            field_key(one_more.unwrap_err(), "template_name"),
            "error-templates-too-many",
            "{}",
            core.label
        );
        assert!(after_delete.is_ok(), "{}", core.label);
        assert_eq!(
            core.templates(&citizen, Locale::Ru).await.unwrap().len(),
            TEMPLATES_MAX,
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn templates_belong_to_their_owner() {
    for core in cores().await {
        let (owner, application) = citizen_with_application(&core, "+79123490004").await;
        let stranger = core.register("+79123490005", "").await;
        let official = core.demo_actor("+79990000002").await;
        let id = core
            .save_template(&owner, application, "Мой шаблон")
            .await
            .unwrap();

        let from_strangers_application = core.save_template(&stranger, application, "Чужой").await;
        let from_official = core.save_template(&official, application, "Чужой").await;
        let strangers_load = core.template(&stranger, id).await;
        let strangers_delete = core.delete_template(&stranger, id).await;
        let strangers_list = core.templates(&stranger, Locale::Ru).await.unwrap();

        assert!(
            matches!(from_strangers_application, Err(Error::NotFound)),
            "{}: {from_strangers_application:?}",
            core.label
        );
        assert!(
            matches!(from_official, Err(Error::Forbidden)),
            "{}: {from_official:?}",
            core.label
        );
        assert!(
            matches!(strangers_load, Err(Error::NotFound)),
            "{}",
            core.label
        );
        assert!(
            matches!(strangers_delete, Err(Error::NotFound)),
            "{}",
            core.label
        );
        assert!(strangers_list.is_empty(), "{}", core.label);
        assert_eq!(
            core.template(&owner, id).await.unwrap().name,
            "Мой шаблон",
            "{}: the stranger's delete left it",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn deleted_template_is_gone() {
    for core in cores().await {
        let (citizen, application) = citizen_with_application(&core, "+79123490006").await;
        let id = core
            .save_template(&citizen, application, "Ненужный")
            .await
            .unwrap();

        core.delete_template(&citizen, id).await.unwrap();
        let again = core.delete_template(&citizen, id).await;
        let load = core.template(&citizen, id).await;
        let history = core.history(&citizen, 0).await.unwrap();

        assert!(matches!(again, Err(Error::NotFound)), "{}", core.label);
        assert!(matches!(load, Err(Error::NotFound)), "{}", core.label);
        assert!(
            core.templates(&citizen, Locale::Ru)
                .await
                .unwrap()
                .is_empty(),
            "{}",
            core.label
        );
        assert_eq!(history[0].key, "history-template-deleted", "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn export_includes_drafts_and_templates() {
    for core in cores().await {
        let (citizen, application) = citizen_with_application(&core, "+79123490009").await;
        core.save_template(&citizen, application, "Для работы")
            .await
            .unwrap();
        let draft = Submission {
            service_code: SERVICE.into(),
            request_key: Uuid::new_v4().to_string(),
            answers: [("surname".to_string(), "Орлова".to_string())].into(),
            ..Submission::default()
        };
        core.save_draft(&citizen, draft).await.unwrap();

        let data = core.personal_data(&citizen, Locale::Ru).await.unwrap();

        assert_eq!(data.templates.len(), 1, "{}", core.label);
        assert_eq!(data.templates[0].name.as_deref(), Some("Для работы"));
        assert_eq!(
            data.templates[0].answers.get("surname").map(String::as_str),
            Some("Соколова"),
            "{}",
            core.label
        );
        assert_eq!(data.drafts.len(), 1, "{}", core.label);
        assert_eq!(data.drafts[0].name, None, "{}", core.label);
        assert_eq!(
            data.drafts[0].answers,
            [("surname".to_string(), "Орлова".to_string())].into(),
            "{}",
            core.label
        );
        assert_eq!(
            data.drafts[0].service_title, "Справка о наличии (отсутствии) судимости",
            "{}",
            core.label
        );
        let pdf = common::pdf_text(&core, &data.to_pdf(Locale::Ru).unwrap());
        assert!(pdf.contains("«Для работы»"), "{}: {pdf}", core.label);

        // The service page lists only the templates of its service.
        let of_service = core
            .service_templates(&citizen, SERVICE, Locale::Ru)
            .await
            .unwrap();
        let of_other = core
            .service_templates(&citizen, "oms-policy", Locale::Ru)
            .await
            .unwrap();
        assert_eq!(of_service.len(), 1, "{}", core.label);
        assert!(of_other.is_empty(), "{}", core.label);
        core.finish().await;
    }
}
