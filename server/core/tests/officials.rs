//! The officials' workspace on every backend: the paged queue, giving applications back,
//! handing them over, refusals with a listed ground, bulk actions and the overdue report.

mod common;

use std::collections::BTreeMap;

use chrono::{Duration, NaiveTime, TimeZone, Utc};
use common::{PDF, TestCore, cores};
use kabinet_core::applications::{BulkAction, FileUpload, RESULT_MAX_FILES, Submission};
use kabinet_core::calendar::WorkCalendar;
use kabinet_core::shared::Locale;
use kabinet_core::shared::applications::{QUEUE_PAGE_SIZE, QueueAssignee, QueueFilter};
use kabinet_core::shared::model::{ApplicationStatus, HistoryStep};
use kabinet_core::{Actor, Error};
use uuid::Uuid;

const OFFICIAL_PHONE: &str = "+79990000002";
const HEAD_PHONE: &str = "+79990000005";

fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

fn pdf(code: &str) -> FileUpload {
    FileUpload {
        document_code: code.into(),
        file_name: "скан.pdf".into(),
        bytes: PDF.to_vec(),
    }
}

/// A criminal record certificate: 30 working days.
fn certificate() -> Submission {
    Submission {
        service_code: "criminal-record-certificate".into(),
        request_key: Uuid::new_v4().to_string(),
        answers: answers(&[
            ("surname", "Соколова"),
            ("given_name", "Мария"),
            ("patronymic", "Ивановна"),
            ("former_names", ""),
            ("birth_date", "09.03.1988"),
            ("birth_place", "г. Пермь"),
            ("snils", "112-233-445 95"),
            ("purpose", "employment"),
        ]),
        uploads: vec![pdf("passport_scan")],
        remove_staged: Vec::new(),
    }
}

/// A registration at the place of residence: 3 working days.
fn registration() -> Submission {
    Submission {
        service_code: "residence-registration".into(),
        request_key: Uuid::new_v4().to_string(),
        answers: answers(&[
            ("passport", "45 10 123456"),
            ("issuer_code", "160-005"),
            ("new_address", "г. Казань, ул. Баумана, д. 1, кв. 2"),
            ("arrival_date", "02.11.2026"),
            ("basis", "owner"),
        ]),
        uploads: vec![pdf("passport_scan"), pdf("basis_document")],
        remove_staged: Vec::new(),
    }
}

async fn submit(core: &TestCore, citizen: &Actor, submission: Submission) -> Uuid {
    core.submit_application(citizen, submission)
        .await
        .unwrap()
        .id
}

fn filter(assignee: QueueAssignee, overdue: bool, page: u32) -> QueueFilter {
    QueueFilter {
        status: None,
        overdue,
        assignee,
        page,
    }
}

async fn queue_ids(core: &TestCore, official: &Actor, filter: QueueFilter) -> Vec<Uuid> {
    core.department_queue(official, &filter, Locale::Ru)
        .await
        .unwrap()
        .applications
        .iter()
        .map(|application| application.id)
        .collect()
}

fn rejected(error: Error) -> String {
    match error {
        Error::Rejected(message) => message.key,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

fn invalid_field(error: Error, field: &str) -> String {
    match error {
        Error::Invalid(errors) => errors
            .get(field)
            .unwrap_or_else(|| panic!("no error on {field}: {errors:?}"))
            .key
            .clone(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

/// Moves the test clock to 10:00 Moscow time of the first working day at least `days`
/// days ahead.
fn advance_to_working_morning(core: &TestCore, days: i64) {
    let moscow = chrono_tz::Europe::Moscow;
    let calendar = WorkCalendar::russia();
    let mut date = (core.clock.now() + Duration::days(days))
        .with_timezone(&moscow)
        .date_naive();
    while !calendar.is_working_day(date) {
        date = date.succ_opt().unwrap();
    }
    let target = moscow
        .from_local_datetime(&date.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap()))
        .unwrap()
        .with_timezone(&Utc);
    core.clock.advance(target - core.clock.now());
}

#[tokio::test]
async fn queue_sorts_by_deadline_and_pages() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000101", "").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let first = submit(&core, &citizen, certificate()).await;
        core.clock.advance(Duration::days(1));
        let later = submit(&core, &citizen, registration()).await;

        // Submitted a day later, the registration is due 27 working days earlier.
        let ids = queue_ids(&core, &official, filter(QueueAssignee::Anyone, false, 1)).await;
        assert_eq!(ids, [later, first], "{}", core.label);

        core.take_application(&official, first).await.unwrap();
        let mine = queue_ids(&core, &official, filter(QueueAssignee::Mine, false, 1)).await;
        assert_eq!(mine, [first], "{}", core.label);
        let untaken = queue_ids(&core, &official, filter(QueueAssignee::Nobody, false, 1)).await;
        assert_eq!(untaken, [later], "{}", core.label);
        let in_progress = QueueFilter {
            status: Some(ApplicationStatus::InProgress),
            ..filter(QueueAssignee::Anyone, false, 1)
        };
        assert_eq!(
            queue_ids(&core, &official, in_progress).await,
            [first],
            "{}",
            core.label
        );

        for _ in 0..QUEUE_PAGE_SIZE {
            submit(&core, &citizen, certificate()).await;
        }
        let page = core
            .department_queue(
                &official,
                &filter(QueueAssignee::Anyone, false, 2),
                Locale::Ru,
            )
            .await
            .unwrap();
        assert_eq!(page.total, u64::from(QUEUE_PAGE_SIZE) + 2, "{}", core.label);
        assert_eq!(page.pages, 2, "{}", core.label);
        assert_eq!(page.page, 2, "{}", core.label);
        assert_eq!(page.applications.len(), 2, "{}", core.label);
        let beyond = core
            .department_queue(
                &official,
                &filter(QueueAssignee::Anyone, false, 9),
                Locale::Ru,
            )
            .await
            .unwrap();
        assert_eq!(
            beyond.page, 2,
            "{}: a page past the end shows the last",
            core.label
        );
        let deadlines: Vec<_> = core
            .department_queue(
                &official,
                &filter(QueueAssignee::Anyone, false, 1),
                Locale::Ru,
            )
            .await
            .unwrap()
            .applications
            .iter()
            .map(|application| application.deadline.unwrap())
            .collect();
        let mut sorted = deadlines.clone();
        sorted.sort();
        assert_eq!(deadlines, sorted, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn overdue_filter_uses_stored_deadline() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000102", "").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let registration = submit(&core, &citizen, registration()).await;
        let certificate = submit(&core, &citizen, certificate()).await;
        assert!(
            queue_ids(&core, &official, filter(QueueAssignee::Anyone, true, 1))
                .await
                .is_empty(),
            "{}",
            core.label
        );

        // Three working days are over within ten calendar days; thirty are not.
        core.clock.advance(Duration::days(10));
        let overdue = queue_ids(&core, &official, filter(QueueAssignee::Anyone, true, 1)).await;
        assert_eq!(overdue, [registration], "{}", core.label);
        let all = queue_ids(&core, &official, filter(QueueAssignee::Anyone, false, 1)).await;
        assert_eq!(all, [registration, certificate], "{}", core.label);

        // Counting again on start changes nothing while the calendar is the same.
        assert_eq!(core.refresh_deadlines().await.unwrap(), 0, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn official_returns_taken_application() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000103", "").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let head = core.demo_actor(HEAD_PHONE).await;
        let id = submit(&core, &citizen, certificate()).await;

        let not_taken = core
            .return_application(&official, id, "")
            .await
            .unwrap_err();
        assert_eq!(
            rejected(not_taken),
            "error-application-not-yours",
            "{}",
            core.label
        );
        core.take_application(&official, id).await.unwrap();
        let by_other = core.return_application(&head, id, "").await.unwrap_err();
        assert_eq!(
            rejected(by_other),
            "error-application-not-yours",
            "{}",
            core.label
        );
        let taken = core.application(&official, id, Locale::Ru).await.unwrap();
        assert!(taken.can_return, "{}", core.label);

        core.return_application(&official, id, "  Ухожу в отпуск  ")
            .await
            .unwrap();
        let returned = core.application(&official, id, Locale::Ru).await.unwrap();
        assert_eq!(
            returned.summary.status,
            ApplicationStatus::Submitted,
            "{}",
            core.label
        );
        assert_eq!(returned.summary.assignee, None, "{}", core.label);
        assert!(returned.can_take, "{}", core.label);
        assert!(!returned.can_return, "{}", core.label);
        let last = returned.history.last().unwrap();
        assert_eq!(last.step, HistoryStep::Returned, "{}", core.label);
        assert_eq!(
            last.comment.as_deref(),
            Some("Ухожу в отпуск"),
            "{}",
            core.label
        );
        assert_eq!(
            last.actor.as_deref(),
            Some("Петров Сергей Николаевич, Министерство внутренних дел Российской Федерации"),
            "{}",
            core.label
        );

        // The head takes it now; an application waiting for the applicant stays with the
        // official who asked.
        core.take_application(&head, id).await.unwrap();
        core.change_application_status(&head, id, ApplicationStatus::ActionRequired, "Нужен скан")
            .await
            .unwrap();
        let waiting = core.return_application(&head, id, "").await.unwrap_err();
        assert_eq!(
            rejected(waiting),
            "error-application-not-returnable",
            "{}",
            core.label
        );

        let access = core.data_access_log(&citizen, Locale::Ru).await.unwrap();
        let actions: Vec<&str> = access.iter().map(|entry| entry.action.as_str()).collect();
        assert!(
            actions.contains(&"application_returned"),
            "{}: {actions:?}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn application_is_handed_over() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000104", "").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let head = core.demo_actor(HEAD_PHONE).await;
        let id = submit(&core, &citizen, certificate()).await;
        let untaken = submit(&core, &citizen, certificate()).await;

        // Only the assignee or the head hands an application over.
        core.take_application(&head, id).await.unwrap();
        let not_yours = core
            .reassign_application(&official, id, official.user_id, "")
            .await
            .unwrap_err();
        assert_eq!(
            rejected(not_yours),
            "error-application-not-yours",
            "{}",
            core.label
        );
        let to_self = core
            .reassign_application(&head, id, head.user_id, "")
            .await
            .unwrap_err();
        assert_eq!(
            invalid_field(to_self, "assignee"),
            "error-already-assignee",
            "{}",
            core.label
        );
        let to_stranger = core
            .reassign_application(&head, id, citizen.user_id, "")
            .await
            .unwrap_err();
        assert_eq!(
            invalid_field(to_stranger, "assignee"),
            "error-choice",
            "{}",
            core.label
        );

        core.change_application_status(&head, id, ApplicationStatus::ActionRequired, "Нужен скан")
            .await
            .unwrap();
        core.reassign_application(&head, id, official.user_id, "Продолжите, пожалуйста")
            .await
            .unwrap();
        let handed = core.application(&official, id, Locale::Ru).await.unwrap();
        assert_eq!(
            handed.summary.status,
            ApplicationStatus::ActionRequired,
            "{}: the status stays",
            core.label
        );
        assert_eq!(
            handed.summary.assignee.as_deref(),
            Some("Петров Сергей Николаевич"),
            "{}",
            core.label
        );
        assert_eq!(
            handed.history.last().unwrap().step,
            HistoryStep::Reassigned("Петров Сергей Николаевич".into()),
            "{}",
            core.label
        );
        let notifications = core.notifications(&official).await.unwrap();
        assert_eq!(notifications.len(), 1, "{}", core.label);
        assert_eq!(
            notifications[0].key, "notification-application-assigned",
            "{}",
            core.label
        );
        assert_eq!(notifications[0].application_id, Some(id), "{}", core.label);

        // The applicant still sees the department's request, not the note to a colleague.
        let seen = core.application(&citizen, id, Locale::Ru).await.unwrap();
        let request = seen
            .history
            .iter()
            .rev()
            .find(|change| {
                change.status == ApplicationStatus::ActionRequired
                    && change.step == HistoryStep::Status
            })
            .unwrap();
        assert_eq!(
            request.comment.as_deref(),
            Some("Нужен скан"),
            "{}",
            core.label
        );

        // The head assigns an application nobody has taken: it moves to "in progress".
        let not_head = core
            .reassign_application(&official, untaken, head.user_id, "")
            .await
            .unwrap_err();
        assert_eq!(
            rejected(not_head),
            "error-application-not-yours",
            "{}",
            core.label
        );
        core.reassign_application(&head, untaken, official.user_id, "")
            .await
            .unwrap();
        let assigned = core
            .application(&official, untaken, Locale::Ru)
            .await
            .unwrap();
        assert_eq!(
            assigned.summary.status,
            ApplicationStatus::InProgress,
            "{}",
            core.label
        );
        assert!(assigned.can_return, "{}", core.label);

        let decided = submit(&core, &citizen, certificate()).await;
        core.take_application(&official, decided).await.unwrap();
        core.change_application_status(&official, decided, ApplicationStatus::Completed, "")
            .await
            .unwrap();
        let closed = core
            .reassign_application(&head, decided, official.user_id, "")
            .await
            .unwrap_err();
        assert_eq!(
            rejected(closed),
            "error-application-final",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn refusal_names_listed_ground() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000105", "").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let id = submit(&core, &citizen, certificate()).await;
        core.take_application(&official, id).await.unwrap();

        // The certificate's regulation names five of the six grounds: anyone may ask
        // for their own certificate, so "not eligible" is not among them.
        let detail = core.application(&official, id, Locale::Ru).await.unwrap();
        let codes: Vec<&str> = detail
            .refusal_reasons
            .iter()
            .map(|reason| reason.code.as_str())
            .collect();
        assert_eq!(
            codes,
            [
                "incomplete_documents",
                "invalid_documents",
                "inconsistent_data",
                "duplicate",
                "other"
            ],
            "{}",
            core.label
        );
        let not_for_service = core
            .decide_application(
                &official,
                id,
                ApplicationStatus::Refused,
                "not_eligible",
                "Причина",
            )
            .await
            .unwrap_err();
        assert_eq!(
            invalid_field(not_for_service, "reason"),
            "error-refusal-ground-not-for-service",
            "{}",
            core.label
        );
        let unknown = core
            .decide_application(&official, id, ApplicationStatus::Refused, "whim", "Причина")
            .await
            .unwrap_err();
        assert_eq!(
            invalid_field(unknown, "reason"),
            "error-choice",
            "{}",
            core.label
        );
        let missing = core
            .decide_application(&official, id, ApplicationStatus::Refused, "", "Причина")
            .await
            .unwrap_err();
        assert_eq!(
            invalid_field(missing, "reason"),
            "error-refusal-ground-required",
            "{}",
            core.label
        );
        assert_eq!(
            core.application(&citizen, id, Locale::Ru)
                .await
                .unwrap()
                .summary
                .status,
            ApplicationStatus::InProgress,
            "{}: nothing changed",
            core.label
        );

        core.decide_application(
            &official,
            id,
            ApplicationStatus::Refused,
            "duplicate",
            "Справка уже выдана 1 декабря",
        )
        .await
        .unwrap();
        let in_russian = core.application(&citizen, id, Locale::Ru).await.unwrap();
        let refusal = in_russian.history.last().unwrap();
        assert_eq!(
            refusal.reason.as_deref(),
            Some("По тому же вопросу уже есть решение или заявление на рассмотрении"),
            "{}",
            core.label
        );
        assert_eq!(
            refusal.comment.as_deref(),
            Some("Справка уже выдана 1 декабря"),
            "{}",
            core.label
        );
        let in_english = core.application(&citizen, id, Locale::En).await.unwrap();
        assert_eq!(
            in_english.history.last().unwrap().reason.as_deref(),
            Some("The same matter is already decided or under review"),
            "{}",
            core.label
        );

        // A reason given with another status is not stored.
        let other = submit(&core, &citizen, certificate()).await;
        core.take_application(&official, other).await.unwrap();
        core.decide_application(
            &official,
            other,
            ApplicationStatus::Completed,
            "duplicate",
            "",
        )
        .await
        .unwrap();
        let completed = core.application(&citizen, other, Locale::Ru).await.unwrap();
        assert_eq!(
            completed.history.last().unwrap().reason,
            None,
            "{}",
            core.label
        );
        core.finish().await;
    }
}

fn result_file(name: &str, bytes: &[u8]) -> FileUpload {
    FileUpload {
        document_code: String::new(),
        file_name: name.into(),
        bytes: bytes.to_vec(),
    }
}

#[tokio::test]
async fn completion_carries_result_documents() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000106", "").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let id = submit(&core, &citizen, certificate()).await;
        core.take_application(&official, id).await.unwrap();
        let certificate_pdf = result_file("Справка об отсутствии судимости.pdf", PDF);

        // Only a completion carries result documents; nothing changes otherwise.
        let with_refusal = core
            .decide_application_with_results(
                &official,
                id,
                ApplicationStatus::Refused,
                "duplicate",
                "Справка уже выдана",
                std::slice::from_ref(&certificate_pdf),
            )
            .await
            .unwrap_err();
        assert_eq!(
            invalid_field(with_refusal, "result_files"),
            "error-result-only-completed",
            "{}",
            core.label
        );
        let six = vec![certificate_pdf.clone(); RESULT_MAX_FILES + 1];
        let too_many = core
            .decide_application_with_results(
                &official,
                id,
                ApplicationStatus::Completed,
                "",
                "",
                &six,
            )
            .await
            .unwrap_err();
        assert_eq!(
            invalid_field(too_many, "result_files"),
            "error-document-too-many",
            "{}",
            core.label
        );
        let text = result_file("справка.txt", b"not a document");
        let unreadable = core
            .decide_application_with_results(
                &official,
                id,
                ApplicationStatus::Completed,
                "",
                "",
                &[certificate_pdf.clone(), text],
            )
            .await
            .unwrap_err();
        assert_eq!(
            invalid_field(unreadable, "result_files"),
            "error-file-type",
            "{}",
            core.label
        );
        let before = core.application(&citizen, id, Locale::Ru).await.unwrap();
        assert_eq!(
            before.summary.status,
            ApplicationStatus::InProgress,
            "{}",
            core.label
        );
        assert_eq!(
            before.documents.len(),
            1,
            "{}: the passport scan only",
            core.label
        );

        let extract = result_file("Выписка.png", common::PNG);
        core.decide_application_with_results(
            &official,
            id,
            ApplicationStatus::Completed,
            "",
            "Справка готова",
            &[certificate_pdf.clone(), extract],
        )
        .await
        .unwrap();
        let after = core.application(&citizen, id, Locale::Ru).await.unwrap();
        let titles: Vec<(&str, &str)> = after
            .documents
            .iter()
            .map(|document| (document.title.as_str(), document.file_name.as_str()))
            .collect();
        assert_eq!(
            titles,
            [
                ("Скан паспорта (разворот с фотографией)", "скан.pdf"),
                ("Решение по заявлению", titles[1].1),
                ("Документ результата", "Справка об отсутствии судимости.pdf"),
                ("Документ результата", "Выписка.png"),
            ],
            "{}",
            core.label
        );
        let decision = core
            .application_document(&citizen, id, after.documents[1].id)
            .await
            .unwrap();
        let decision_text = common::pdf_text(&core, &decision.bytes);
        assert!(
            decision_text.contains("Документы результата"),
            "{}: {decision_text}",
            core.label
        );
        assert!(
            decision_text.contains("Выписка.png"),
            "{}: the decision lists the result documents: {decision_text}",
            core.label
        );
        let result = &after.documents[2];
        let file = core
            .application_document(&citizen, id, result.id)
            .await
            .unwrap();
        assert_eq!(file.bytes, PDF, "{}", core.label);
        assert_eq!(file.content_type, "application/pdf", "{}", core.label);

        // "Мои документы" lists the decision and both result documents.
        let mine = core.result_documents(&citizen, Locale::Ru).await.unwrap();
        let mut names: Vec<&str> = mine
            .iter()
            .map(|document| document.file_name.as_str())
            .collect();
        names.sort_unstable();
        assert_eq!(names.len(), 3, "{}: {names:?}", core.label);
        assert!(names.contains(&"Выписка.png"), "{}", core.label);
        assert!(
            names.contains(&"Справка об отсутствии судимости.pdf"),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn bulk_action_reports_each_application() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000106", "").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let head = core.demo_actor(HEAD_PHONE).await;
        let mut ids = Vec::new();
        for _ in 0..3 {
            ids.push(submit(&core, &citizen, certificate()).await);
        }
        core.take_application(&head, ids[1]).await.unwrap();
        let unknown = Uuid::now_v7();

        let taken = core
            .bulk_action(
                &official,
                &[ids[0], ids[1], ids[2], ids[0], unknown],
                BulkAction::Take,
            )
            .await
            .unwrap();
        assert_eq!(taken.done.len(), 2, "{}", core.label);
        assert_eq!(taken.failed.len(), 2, "{}", core.label);
        let detail = core
            .application(&official, ids[1], Locale::Ru)
            .await
            .unwrap();
        assert_eq!(taken.failed[0].0, detail.summary.number, "{}", core.label);
        assert_eq!(
            taken.failed[0].1.key, "error-application-already-taken",
            "{}",
            core.label
        );
        assert_eq!(taken.failed[1].0, "", "{}", core.label);
        assert_eq!(
            taken.failed[1].1.key, "error-application-not-found",
            "{}",
            core.label
        );

        let handed = core
            .bulk_action(
                &official,
                &[ids[0], ids[2]],
                BulkAction::Reassign(head.user_id),
            )
            .await
            .unwrap();
        assert_eq!(handed.done.len(), 2, "{}", core.label);
        let mine = queue_ids(&core, &head, filter(QueueAssignee::Mine, false, 1)).await;
        assert_eq!(mine.len(), 3, "{}", core.label);

        let returned = core
            .bulk_action(&head, &mine, BulkAction::Return)
            .await
            .unwrap();
        assert_eq!(returned.done.len(), 3, "{}", core.label);
        let untaken = queue_ids(&core, &head, filter(QueueAssignee::Nobody, false, 1)).await;
        assert_eq!(untaken.len(), 3, "{}", core.label);

        let none = core
            .bulk_action(&official, &[], BulkAction::Take)
            .await
            .unwrap_err();
        assert_eq!(
            invalid_field(none, "ids"),
            "error-bulk-none",
            "{}",
            core.label
        );
        let too_many: Vec<Uuid> = (0..=QUEUE_PAGE_SIZE).map(|_| Uuid::now_v7()).collect();
        let error = core
            .bulk_action(&official, &too_many, BulkAction::Take)
            .await
            .unwrap_err();
        assert_eq!(
            invalid_field(error, "ids"),
            "error-bulk-too-many",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn concurrent_bulk_takes_share_applications() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000107", "").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let head = core.demo_actor(HEAD_PHONE).await;
        let mut ids = Vec::new();
        for _ in 0..6 {
            ids.push(submit(&core, &citizen, certificate()).await);
        }
        let (first, second) = tokio::join!(
            core.bulk_action(&official, &ids, BulkAction::Take),
            core.bulk_action(&head, &ids, BulkAction::Take),
        );
        let (first, second) = (first.unwrap(), second.unwrap());
        assert_eq!(
            first.done.len() + second.done.len(),
            ids.len(),
            "{}: each application is taken once",
            core.label
        );
        assert_eq!(
            first.failed.len() + second.failed.len(),
            ids.len(),
            "{}",
            core.label
        );
        let mine = queue_ids(&core, &official, filter(QueueAssignee::Mine, false, 1)).await;
        let theirs = queue_ids(&core, &head, filter(QueueAssignee::Mine, false, 1)).await;
        assert_eq!(mine.len(), first.done.len(), "{}", core.label);
        assert_eq!(theirs.len(), second.done.len(), "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn heads_get_daily_overdue_report() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79120000108", "").await;
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        let head = core.demo_actor(HEAD_PHONE).await;
        submit(&core, &citizen, registration()).await;
        submit(&core, &citizen, registration()).await;
        submit(&core, &citizen, certificate()).await;

        advance_to_working_morning(&core, 1);
        // Nothing is overdue yet, so there is nothing to report.
        let early = core.report_overdue().await.unwrap();
        assert_eq!(early, 0, "{}", core.label);

        advance_to_working_morning(&core, 10);
        assert_eq!(core.report_overdue().await.unwrap(), 1, "{}", core.label);
        assert_eq!(
            core.report_overdue().await.unwrap(),
            0,
            "{}: once a day",
            core.label
        );
        let reports = core.notifications(&head).await.unwrap();
        assert_eq!(reports.len(), 1, "{}", core.label);
        assert_eq!(
            reports[0].key, "notification-overdue-report",
            "{}",
            core.label
        );
        assert_eq!(
            reports[0].args.get("count").map(String::as_str),
            Some("2"),
            "{}",
            core.label
        );
        assert!(
            core.notifications(&official).await.unwrap().is_empty(),
            "{}: only heads get it",
            core.label
        );

        advance_to_working_morning(&core, 1);
        assert_eq!(core.report_overdue().await.unwrap(), 1, "{}", core.label);
        assert_eq!(
            core.notifications(&head).await.unwrap().len(),
            2,
            "{}",
            core.label
        );
        core.finish().await;
    }
}
