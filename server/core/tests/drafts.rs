//! Drafts of application forms, on every backend under test.

mod common;

use std::collections::BTreeMap;

use common::{PDF, certificate_answers, cores, field_key};
use kabinet_core::Error;
use kabinet_core::applications::{DRAFTS_MAX, FileUpload, Submission};
use kabinet_core::shared::Locale;
use uuid::Uuid;

const SERVICE: &str = "criminal-record-certificate";

/// A half-filled form: a wrong date, a field the form does not have and an empty answer.
fn partial_answers() -> BTreeMap<String, String> {
    [
        ("surname", "Соколова"),
        ("birth_date", "31.02.1988"),
        ("purpose", ""),
        ("not_a_field", "x"),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_string(), value.to_string()))
    .collect()
}

fn form(key: &str, answers: BTreeMap<String, String>, with_file: bool) -> Submission {
    let uploads = if with_file {
        vec![FileUpload {
            document_code: "passport_scan".into(),
            file_name: "паспорт.pdf".into(),
            bytes: PDF.to_vec(),
        }]
    } else {
        Vec::new()
    };
    Submission {
        service_code: SERVICE.into(),
        request_key: key.into(),
        answers,
        uploads,
        remove_staged: Vec::new(),
    }
}

#[tokio::test]
async fn draft_keeps_answers_and_files() {
    for core in cores().await {
        core.seed_catalogue().await.unwrap();
        let citizen = core.register("+79123480001", "").await;
        let key = Uuid::new_v4().to_string();

        core.save_draft(&citizen, form(&key, partial_answers(), true))
            .await
            .unwrap();
        let drafts = core.drafts(&citizen, Locale::Ru).await.unwrap();
        let draft = core.draft(&citizen, &key).await.unwrap();
        let staged = core.staged_files(&citizen, &key).await.unwrap();

        assert_eq!(drafts.len(), 1, "{}", core.label);
        assert_eq!(drafts[0].request_key, key, "{}", core.label);
        assert_eq!(drafts[0].service_code, SERVICE, "{}", core.label);
        assert_eq!(
            drafts[0].service_title, "Справка о наличии (отсутствии) судимости",
            "{}",
            core.label
        );
        assert_eq!(drafts[0].answers, 2, "{}", core.label);
        assert_eq!(drafts[0].files, 1, "{}", core.label);
        assert_eq!(draft.service_code, SERVICE, "{}", core.label);
        let expected: BTreeMap<String, String> =
            [("surname", "Соколова"), ("birth_date", "31.02.1988")]
                .into_iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect();
        assert_eq!(
            draft.answers, expected,
            "{}: answers are kept as typed, without empty or unknown ones",
            core.label
        );
        assert_eq!(staged.len(), 1, "{}", core.label);
        assert_eq!(staged[0].file_name, "паспорт.pdf", "{}", core.label);

        // Saving again changes the same draft.
        core.clock.advance(chrono::Duration::minutes(5));
        let mut more = partial_answers();
        more.insert("given_name".into(), "Мария".into());
        core.save_draft(&citizen, form(&key, more, false))
            .await
            .unwrap();
        let after = core.drafts(&citizen, Locale::Ru).await.unwrap();
        assert_eq!(after.len(), 1, "{}", core.label);
        assert_eq!(after[0].answers, 3, "{}", core.label);
        assert_eq!(after[0].files, 1, "{}: the file stays attached", core.label);
        assert!(after[0].updated_at > drafts[0].updated_at, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn sent_draft_disappears() {
    for core in cores().await {
        core.seed_catalogue().await.unwrap();
        let citizen = core.register("+79123480002", "").await;
        let key = Uuid::new_v4().to_string();
        core.save_draft(&citizen, form(&key, partial_answers(), true))
            .await
            .unwrap();

        // The application is sent from the draft, with its staged file.
        let mut sent = form(&key, certificate_answers(), false);
        sent.uploads.clear();
        let submitted = core.submit_application(&citizen, sent).await.unwrap();
        let drafts = core.drafts(&citizen, Locale::Ru).await.unwrap();
        let again = core
            .save_draft(&citizen, form(&key, partial_answers(), false))
            .await
            .unwrap_err();

        assert!(drafts.is_empty(), "{}: {drafts:?}", core.label);
        let detail = core
            .application(&citizen, submitted.id, Locale::Ru)
            .await
            .unwrap();
        assert_eq!(
            detail.documents.len(),
            1,
            "{}: the draft's file went along",
            core.label
        );
        match again {
            Error::Rejected(message) => {
                assert_eq!(message.key, "error-draft-sent", "{}", core.label)
            }
            other => panic!("{}: expected a rejection, got {other:?}", core.label),
        }
        core.finish().await;
    }
}

#[tokio::test]
async fn draft_belongs_to_its_author() {
    for core in cores().await {
        core.seed_catalogue().await.unwrap();
        let author = core.register("+79123480003", "").await;
        let other = core.register("+79123480004", "").await;
        let key = Uuid::new_v4().to_string();
        core.save_draft(&author, form(&key, partial_answers(), true))
            .await
            .unwrap();

        let read = core.draft(&other, &key).await.unwrap_err();
        let deleted = core.delete_draft(&other, &key).await.unwrap_err();
        let listed = core.drafts(&other, Locale::Ru).await.unwrap();

        assert!(matches!(read, Error::NotFound), "{}: {read:?}", core.label);
        assert!(
            matches!(deleted, Error::NotFound),
            "{}: {deleted:?}",
            core.label
        );
        assert!(listed.is_empty(), "{}", core.label);
        assert_eq!(
            core.drafts(&author, Locale::Ru).await.unwrap().len(),
            1,
            "{}",
            core.label
        );

        // The author deletes it, with its file.
        core.delete_draft(&author, &key).await.unwrap();
        assert!(
            core.drafts(&author, Locale::Ru).await.unwrap().is_empty(),
            "{}",
            core.label
        );
        assert!(
            core.staged_files(&author, &key).await.unwrap().is_empty(),
            "{}",
            core.label
        );
        let twice = core.delete_draft(&author, &key).await.unwrap_err();
        assert!(
            matches!(twice, Error::NotFound),
            "{}: {twice:?}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn drafts_are_limited() {
    for core in cores().await {
        core.seed_catalogue().await.unwrap();
        let citizen = core.register("+79123480005", "").await;
        for _ in 0..DRAFTS_MAX {
            core.save_draft(
                &citizen,
                form(&Uuid::new_v4().to_string(), partial_answers(), false),
            )
            .await
            .unwrap();
        }
        let over = core
            .save_draft(
                &citizen,
                form(&Uuid::new_v4().to_string(), partial_answers(), false),
            )
            .await
            .unwrap_err();

        match over {
            Error::Rejected(message) => {
                assert_eq!(message.key, "error-drafts-too-many", "{}", core.label);
                assert_eq!(
                    message.args,
                    vec![("max".to_string(), "50".to_string())],
                    "{}",
                    core.label
                );
            }
            other => panic!("{}: expected a rejection, got {other:?}", core.label),
        }
        assert_eq!(
            core.drafts(&citizen, Locale::Ru).await.unwrap().len(),
            DRAFTS_MAX as usize,
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn bad_file_is_reported_after_saving() {
    for core in cores().await {
        core.seed_catalogue().await.unwrap();
        let citizen = core.register("+79123480006", "").await;
        let key = Uuid::new_v4().to_string();
        let mut bad = form(&key, partial_answers(), false);
        bad.uploads.push(FileUpload {
            document_code: "passport_scan".into(),
            file_name: "вирус.exe".into(),
            bytes: b"MZ\x90\x00 not a document".to_vec(),
        });

        let error = core.save_draft(&citizen, bad).await.unwrap_err();

        match error {
            Error::Invalid(errors) => {
                assert!(
                    errors.get("doc_passport_scan").is_some(),
                    "{}: {errors:?}",
                    core.label
                );
            }
            other => panic!("{}: expected invalid input, got {other:?}", core.label),
        }
        assert_eq!(
            core.draft(&citizen, &key).await.unwrap().answers.len(),
            2,
            "{}: the answers were saved",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn drafts_sent_together_get_their_numbers() {
    use kabinet_core::applications::{DRAFTS_SENT_TOGETHER_MAX, DraftOutcome};

    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79123480091", "").await;
        let first = Uuid::new_v4().to_string();
        let second = Uuid::new_v4().to_string();
        let broken = Uuid::new_v4().to_string();
        for (key, answers) in [
            (&first, certificate_answers()),
            (&broken, partial_answers()),
            (&second, certificate_answers()),
        ] {
            core.save_draft(&citizen, form(key, answers, true))
                .await
                .unwrap();
        }

        // A key given twice counts once.
        let keys = [first.clone(), broken.clone(), second.clone(), first.clone()];
        let outcomes = core.submit_drafts(&citizen, &keys).await.unwrap();

        let order: Vec<&String> = outcomes.iter().map(|(key, _)| key).collect();
        assert_eq!(order, [&first, &broken, &second], "{}", core.label);
        let DraftOutcome::Sent(one) = &outcomes[0].1 else {
            panic!("{}: the first draft was not sent: {outcomes:?}", core.label);
        };
        let DraftOutcome::Sent(two) = &outcomes[2].1 else {
            panic!("{}: the third draft was not sent: {outcomes:?}", core.label);
        };
        assert_ne!(one.number, two.number, "{}", core.label);
        // Given name, birth date, birth place, SNILS and purpose.
        assert_eq!(outcomes[1].1, DraftOutcome::Invalid(5), "{}", core.label);
        for sent in [one, two] {
            let detail = core
                .application(&citizen, sent.id, Locale::Ru)
                .await
                .unwrap();
            assert_eq!(
                detail.summary.number,
                sent.number.to_string(),
                "{}",
                core.label
            );
            assert_eq!(
                detail.documents.len(),
                1,
                "{}: the draft's file went along",
                core.label
            );
        }
        let left: Vec<String> = core
            .drafts(&citizen, Locale::Ru)
            .await
            .unwrap()
            .into_iter()
            .map(|draft| draft.request_key)
            .collect();
        assert_eq!(left, std::slice::from_ref(&broken), "{}", core.label);

        // Sending the same drafts again makes no more applications.
        let again = core
            .submit_drafts(&citizen, std::slice::from_ref(&first))
            .await;
        assert!(
            matches!(again, Err(Error::NotFound)),
            "{}: {again:?}",
            core.label
        );

        // Another person's draft stops the request before anything is sent.
        let other = core.register("+79123480092", "").await;
        let foreign = Uuid::new_v4().to_string();
        core.save_draft(&other, form(&foreign, certificate_answers(), true))
            .await
            .unwrap();
        let mine = Uuid::new_v4().to_string();
        core.save_draft(&citizen, form(&mine, certificate_answers(), true))
            .await
            .unwrap();
        let mixed = core
            .submit_drafts(&citizen, &[mine.clone(), foreign.clone()])
            .await;
        assert!(
            matches!(mixed, Err(Error::NotFound)),
            "{}: {mixed:?}",
            core.label
        );
        assert!(
            core.draft(&citizen, &mine).await.is_ok(),
            "{}: nothing was sent",
            core.label
        );
        assert!(core.draft(&other, &foreign).await.is_ok(), "{}", core.label);

        // None, or more than the maximum.
        let none = core.submit_drafts(&citizen, &[]).await.unwrap_err();
        assert_eq!(
            field_key(none, "draft"),
            "error-drafts-none",
            "{}",
            core.label
        );
        let many: Vec<String> = (0..=DRAFTS_SENT_TOGETHER_MAX)
            .map(|_| Uuid::new_v4().to_string())
            .collect();
        let too_many = core.submit_drafts(&citizen, &many).await.unwrap_err();
        assert_eq!(
            field_key(too_many, "draft"),
            "error-drafts-send-too-many",
            "{}",
            core.label
        );

        // An official has no drafts to send.
        let official = core.demo_actor("+79990000002").await;
        let staff = core
            .submit_drafts(&official, std::slice::from_ref(&mine))
            .await;
        assert!(
            matches!(staff, Err(Error::NotFound)),
            "{}: {staff:?}",
            core.label
        );
        core.finish().await;
    }
}
