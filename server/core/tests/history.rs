//! The action journal: hash chains and their verification, the append-only triggers,
//! filters and paging, retention and the exports, on every backend.

mod common;

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use common::{PDF, TestCore, cores};
use kabinet_core::applications::{FileUpload, Submission};
use kabinet_core::db::Db;
use kabinet_core::history::{self, Entry, Kind};
use kabinet_core::integrity::{Break, Chain, Problem};
use kabinet_core::shared::Locale;
use kabinet_core::shared::history::{HistoryCategory, HistoryFilter, HistoryQuery};
use kabinet_core::shared::model::{ApplicationStatus, HistoryStatus};
use kabinet_core::{Actor, Error};
use uuid::Uuid;

const OFFICIAL_PHONE: &str = "+79990000002";

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// Appends `entries` for the person, each in its own transaction, in order.
async fn record_all(core: &TestCore, entries: Vec<(DateTime<Utc>, Entry)>) {
    for (time, entry) in entries {
        let mut tx = core.db.begin().await.unwrap();
        history::record(&mut tx, time, entry).await.unwrap();
        tx.commit().await.unwrap();
    }
}

async fn sign_ins(core: &TestCore, actor: &Actor, count: usize) {
    let mut tx = core.db.begin().await.unwrap();
    for _ in 0..count {
        let entry = Entry::new(actor.user_id, Kind::SignIn, HistoryStatus::Succeeded);
        history::record(&mut tx, core.clock.now(), entry)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

/// Runs `sql` as an attacker with direct database access would: with the append-only
/// triggers switched off (PostgreSQL: `session_replication_role`; SQLite: dropped).
async fn tamper(core: &TestCore, sql: &str) -> u64 {
    match &core.db {
        Db::Sqlite(pool) => {
            for trigger in [
                "history_entries_reject_update",
                "history_entries_reject_delete",
                "audit_log_reject_update",
                "audit_log_reject_delete",
            ] {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP TRIGGER IF EXISTS {trigger}"
                )))
                .execute(pool)
                .await
                .unwrap();
            }
            sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
                .execute(pool)
                .await
                .unwrap()
                .rows_affected()
        }
        Db::Postgres(pool) => {
            let mut connection = pool.acquire().await.unwrap();
            sqlx::query("SET session_replication_role = replica")
                .execute(&mut *connection)
                .await
                .unwrap();
            let changed = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
                .execute(&mut *connection)
                .await
                .unwrap()
                .rows_affected();
            sqlx::query("SET session_replication_role = origin")
                .execute(&mut *connection)
                .await
                .unwrap();
            changed
        }
    }
}

/// Runs `sql` as the application's own connection would, triggers on.
async fn run(core: &TestCore, sql: &str) -> u64 {
    match &core.db {
        Db::Sqlite(pool) => sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(pool)
            .await
            .unwrap()
            .rows_affected(),
        Db::Postgres(pool) => sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(pool)
            .await
            .unwrap()
            .rows_affected(),
    }
}

/// Lists the person's entry ids, oldest first.
async fn entry_ids(core: &TestCore, actor: &Actor) -> Vec<Uuid> {
    let filter = HistoryFilter {
        page: 1,
        ..HistoryFilter::default()
    };
    let (entries, _) = core
        .history_batch(actor, &filter, Locale::Ru, None, 10_000)
        .await
        .unwrap();
    entries.iter().rev().map(|entry| entry.id).collect()
}

/// Hex of a UUID as SQLite stores it (a BLOB literal) or PostgreSQL (a UUID literal).
fn id_literal(core: &TestCore, id: Uuid) -> String {
    match core.db {
        Db::Sqlite(_) => format!("X'{}'", id.simple()),
        Db::Postgres(_) => format!("'{id}'"),
    }
}

fn filter(pairs: &[(&str, &str)]) -> HistoryFilter {
    let mut query = HistoryQuery::default();
    for (name, value) in pairs {
        let value = value.to_string();
        match *name {
            "type" => query.category = value,
            "status" => query.status = value,
            "from" => query.from = value,
            "to" => query.to = value,
            "q" => query.q = value,
            "page" => query.page = value,
            _ => panic!("unknown parameter {name}"),
        }
    }
    query.parse().unwrap()
}

#[tokio::test]
async fn intact_chains_verify() {
    for core in cores().await {
        let citizen = core.register("+79121000001", "").await;
        sign_ins(&core, &citizen, 3).await;

        let report = core.verify_integrity().await.unwrap();
        assert_eq!(report.breaks, [], "{}", core.label);
        assert_eq!(report.people, 1, "{}", core.label);
        assert_eq!(report.history_entries, 4, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn altered_entry_is_reported() {
    for core in cores().await {
        let citizen = core.register("+79121000002", "").await;
        let other = core.register("+79121000003", "").await;
        sign_ins(&core, &citizen, 3).await;
        sign_ins(&core, &other, 2).await;
        let ids = entry_ids(&core, &citizen).await;

        let changed = tamper(
            &core,
            &format!(
                "UPDATE history_entries SET status = 'failed' WHERE id = {}",
                id_literal(&core, ids[2])
            ),
        )
        .await;
        assert_eq!(changed, 1, "{}", core.label);

        let report = core.verify_integrity().await.unwrap();
        assert_eq!(
            report.breaks,
            [Break {
                chain: Chain::History {
                    user_id: citizen.user_id
                },
                entry_id: Some(ids[2]),
                seq: Some(3),
                problem: Problem::Altered,
            }],
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn deleted_entries_are_reported() {
    for core in cores().await {
        let citizen = core.register("+79121000004", "").await;
        let other = core.register("+79121000005", "").await;
        sign_ins(&core, &citizen, 4).await;
        sign_ins(&core, &other, 2).await;
        let ids = entry_ids(&core, &citizen).await;
        let other_ids = entry_ids(&core, &other).await;

        tamper(
            &core,
            &format!(
                "DELETE FROM history_entries WHERE id = {}",
                id_literal(&core, ids[1])
            ),
        )
        .await;
        tamper(
            &core,
            &format!(
                "DELETE FROM history_entries WHERE id = {}",
                id_literal(&core, other_ids[2])
            ),
        )
        .await;

        let report = core.verify_integrity().await.unwrap();
        let mut breaks = report.breaks.clone();
        breaks.sort_by_key(|broken| broken.entry_id.is_none());
        let gap = breaks
            .iter()
            .find(|broken| {
                broken.chain
                    == Chain::History {
                        user_id: citizen.user_id,
                    }
            })
            .unwrap_or_else(|| panic!("{}: no break for the citizen in {breaks:?}", core.label));
        assert_eq!(gap.entry_id, Some(ids[2]), "{}", core.label);
        assert_eq!(
            gap.problem,
            Problem::Gap { expected_seq: 2 },
            "{}",
            core.label
        );

        let truncated = breaks
            .iter()
            .find(|broken| {
                broken.chain
                    == Chain::History {
                        user_id: other.user_id,
                    }
            })
            .unwrap_or_else(|| panic!("{}: no break for the other person", core.label));
        assert_eq!(truncated.entry_id, None, "{}", core.label);
        assert_eq!(
            truncated.problem,
            Problem::Truncated { head_seq: 3 },
            "{}",
            core.label
        );
        assert_eq!(report.breaks.len(), 2, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn triggers_skip_changes_and_audit_them() {
    for core in cores().await {
        let citizen = core.register("+79121000006", "").await;
        sign_ins(&core, &citizen, 1).await;
        let ids = entry_ids(&core, &citizen).await;
        let id = id_literal(&core, ids[1]);

        let updated = run(
            &core,
            &format!("UPDATE history_entries SET status = 'failed' WHERE id = {id}"),
        )
        .await;
        let deleted = run(
            &core,
            &format!("DELETE FROM history_entries WHERE id = {id}"),
        )
        .await;
        assert_eq!((updated, deleted), (0, 0), "{}", core.label);
        assert_eq!(entry_ids(&core, &citizen).await, ids, "{}", core.label);

        assert_eq!(
            core.seal_tamper_attempts().await.unwrap(),
            2,
            "{}",
            core.label
        );
        let audit = core.audit_entries().await.unwrap();
        let operations: Vec<(&str, String)> = audit
            .iter()
            .map(|event| {
                let details: BTreeMap<String, String> =
                    serde_json::from_str(&event.details).unwrap();
                (
                    event.action.as_str(),
                    format!("{}:{}", details["operation"], details["row_id"]),
                )
            })
            .collect();
        assert_eq!(
            operations,
            [
                ("history_change_rejected", format!("UPDATE:{}", ids[1])),
                ("history_change_rejected", format!("DELETE:{}", ids[1])),
            ],
            "{}",
            core.label
        );
        assert_eq!(
            core.seal_tamper_attempts().await.unwrap(),
            0,
            "{}",
            core.label
        );

        let rejected_audit_change = run(&core, "DELETE FROM audit_log").await;
        assert_eq!(rejected_audit_change, 0, "{}", core.label);
        assert_eq!(
            core.verify_integrity().await.unwrap().breaks,
            [],
            "{}",
            core.label
        );
        core.finish().await;
    }
}

fn submission(request_key: &str) -> Submission {
    let answers = [
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
        service_code: "criminal-record-certificate".into(),
        request_key: request_key.into(),
        answers,
        uploads: vec![FileUpload {
            document_code: "passport_scan".into(),
            file_name: "паспорт.pdf".into(),
            bytes: PDF.to_vec(),
        }],
        remove_staged: Vec::new(),
    }
}

#[tokio::test]
async fn official_actions_reach_journal_and_audit() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79121000007", "").await;
        let submitted = core
            .submit_application(&citizen, submission(&Uuid::new_v4().to_string()))
            .await
            .unwrap();
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        core.take_application(&official, submitted.id)
            .await
            .unwrap();
        core.application(&official, submitted.id, Locale::Ru)
            .await
            .unwrap();
        core.change_application_status(
            &official,
            submitted.id,
            ApplicationStatus::ActionRequired,
            "Приложите скан второй страницы",
        )
        .await
        .unwrap();

        let page = core
            .history_page(&citizen, &filter(&[]), Locale::Ru)
            .await
            .unwrap();
        let texts: Vec<&str> = page
            .entries
            .iter()
            .map(|entry| entry.text.as_str())
            .collect();
        let number = submitted.number.to_string();
        assert_eq!(
            texts,
            [
                format!("Заявление № {number}: новый статус «Требуется действие»"),
                format!("Заявление № {number}: новый статус «В работе»"),
                format!("Документ «паспорт.pdf» приложен к заявлению № {number}"),
                format!("Отправка заявления № {number}"),
                "Регистрация учётной записи".to_string(),
            ],
            "{}",
            core.label
        );
        let decided = &page.entries[0];
        assert_eq!(
            decided.comment.as_deref(),
            Some("Приложите скан второй страницы"),
            "{}",
            core.label
        );
        assert_eq!(
            decided.service.as_deref(),
            Some("Справка о наличии (отсутствии) судимости"),
            "{}",
            core.label
        );
        assert!(decided.by_official, "{}", core.label);
        assert_eq!(
            decided.application_number.as_deref(),
            Some(number.as_str()),
            "{}",
            core.label
        );
        let attached = &page.entries[2];
        assert_eq!(
            attached.category,
            HistoryCategory::Document,
            "{}",
            core.label
        );
        assert_eq!(attached.attachments.len(), 1, "{}", core.label);
        assert_eq!(
            attached.attachments[0].file_name, "паспорт.pdf",
            "{}",
            core.label
        );
        assert!(!page.entries[3].by_official, "{}", core.label);

        let document = core
            .application_document(&official, submitted.id, attached.attachments[0].document_id)
            .await
            .unwrap();
        assert_eq!(document.file_name, "паспорт.pdf", "{}", core.label);

        let audit: Vec<String> = core
            .audit_entries_about(citizen.user_id)
            .await
            .unwrap()
            .into_iter()
            .map(|event| event.action)
            .collect();
        assert_eq!(
            audit,
            [
                "application_taken",
                "application_viewed",
                "application_decided",
                "document_downloaded",
            ],
            "{}",
            core.label
        );

        let detail = core
            .history_entry(&citizen, decided.id, Locale::Ru)
            .await
            .unwrap();
        assert_eq!(detail.hash.len(), 64, "{}", core.label);
        assert_eq!(
            core.verify_integrity().await.unwrap().breaks,
            [],
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn altered_audit_entry_is_reported() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = core.register("+79121000008", "").await;
        let submitted = core
            .submit_application(&citizen, submission(&Uuid::new_v4().to_string()))
            .await
            .unwrap();
        let official = core.demo_actor(OFFICIAL_PHONE).await;
        core.take_application(&official, submitted.id)
            .await
            .unwrap();
        core.application(&official, submitted.id, Locale::Ru)
            .await
            .unwrap();
        let audit = core.audit_entries().await.unwrap();
        assert_eq!(audit.len(), 2, "{}", core.label);

        tamper(
            &core,
            &format!(
                "UPDATE audit_log SET action = 'application_decided' WHERE id = {}",
                id_literal(&core, audit[0].id)
            ),
        )
        .await;
        let report = core.verify_integrity().await.unwrap();
        assert_eq!(
            report.breaks,
            [Break {
                chain: Chain::Audit,
                entry_id: Some(audit[0].id),
                seq: Some(1),
                problem: Problem::Altered,
            }],
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn concurrent_entries_form_one_chain() {
    for core in cores().await {
        let citizen = core.register("+79121000009", "").await;
        let writes = (0..16).map(|index| {
            let core = &core;
            let user_id = citizen.user_id;
            async move {
                let mut tx = core.db.begin().await.unwrap();
                let entry = Entry::new(user_id, Kind::SignIn, HistoryStatus::Succeeded)
                    .detail("attempt", index.to_string());
                history::record(&mut tx, core.clock.now(), entry)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
            }
        });
        futures::future::join_all(writes).await;

        let report = core.verify_integrity().await.unwrap();
        assert_eq!(report.breaks, [], "{}", core.label);
        assert_eq!(report.history_entries, 17, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn filters_by_type_status_period_and_words() {
    for core in cores().await {
        let citizen = core.register("+79121000010", "").await;
        let other = core.register("+79121000011", "").await;
        core.seed_demo().await.unwrap();
        let user = citizen.user_id;
        let entries = vec![
            // 23:59:59 on 9 January 2030 in Moscow (UTC+3).
            (
                at("2030-01-09T20:59:59Z"),
                Entry::new(user, Kind::SignIn, HistoryStatus::Failed),
            ),
            // Midnight of 10 January in Moscow.
            (
                at("2030-01-09T21:00:00Z"),
                Entry::new(user, Kind::ApplicationSubmitted, HistoryStatus::Succeeded)
                    .service("criminal-record-certificate")
                    .detail("number", "482-157-3098"),
            ),
            // The last second of 10 January in Moscow.
            (
                at("2030-01-10T20:59:59Z"),
                Entry::new(
                    user,
                    Kind::ApplicationStatusChanged,
                    HistoryStatus::Succeeded,
                )
                .comment(Some("Приложите чёткий СКАН, 100% разборчиво"))
                .detail("number", "482-157-3098")
                .detail("status", "action_required"),
            ),
            (
                at("2030-01-10T21:00:00Z"),
                Entry::new(user, Kind::ProfileChange, HistoryStatus::Succeeded),
            ),
        ];
        record_all(&core, entries).await;
        record_all(
            &core,
            vec![(
                at("2030-01-10T12:00:00Z"),
                Entry::new(other.user_id, Kind::SignIn, HistoryStatus::Failed),
            )],
        )
        .await;

        let cases: [(&[(&str, &str)], u64); 17] = [
            (&[], 5),
            (&[("type", "application")], 2),
            (&[("type", "sign_in")], 1),
            (&[("type", "profile")], 2),
            (&[("type", "support")], 0),
            (&[("status", "failed")], 1),
            (&[("from", "10.01.2030"), ("to", "10.01.2030")], 2),
            (&[("from", "2030-01-10")], 3),
            // The registration (today) and the failed sign-in.
            (&[("to", "09.01.2030")], 2),
            (&[("q", "скан")], 1),
            (&[("q", "ПРИЛОЖИТЕ   скан")], 1),
            (&[("q", "482-157-3098 судимости")], 1),
            (&[("q", "100%")], 1),
            (&[("q", "_")], 0),
            // ё and е find each other, in either case.
            (&[("q", "четкий")], 1),
            (&[("q", "ЧЁТКИЙ")], 1),
            (&[("q", "чётк скан")], 1),
        ];
        for (pairs, expected) in cases {
            let page = core
                .history_page(&citizen, &filter(pairs), Locale::Ru)
                .await
                .unwrap();
            assert_eq!(page.total, expected, "{}: {pairs:?}", core.label);
            assert_eq!(
                page.entries.len() as u64,
                expected,
                "{}: {pairs:?}",
                core.label
            );
        }

        let english = core
            .history_page(&citizen, &filter(&[("q", "action required")]), Locale::En)
            .await
            .unwrap();
        assert_eq!(english.total, 1, "{}", core.label);
        assert_eq!(
            english.entries[0].text, "Application No. 482-157-3098: new status “Action required”",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn pages_count_order_and_clamp() {
    for core in cores().await {
        let citizen = core.register("+79121000012", "").await;
        sign_ins(&core, &citizen, 120).await;

        let first = core
            .history_page(&citizen, &filter(&[]), Locale::Ru)
            .await
            .unwrap();
        assert_eq!(
            (first.total, first.page, first.pages),
            (121, 1, 3),
            "{}",
            core.label
        );
        assert_eq!(first.entries.len(), 50, "{}", core.label);

        let last = core
            .history_page(&citizen, &filter(&[("page", "3")]), Locale::Ru)
            .await
            .unwrap();
        assert_eq!(last.entries.len(), 21, "{}", core.label);
        assert_eq!(
            last.entries.last().unwrap().text,
            "Регистрация учётной записи",
            "{}",
            core.label
        );

        let past_the_end = core
            .history_page(&citizen, &filter(&[("page", "99")]), Locale::Ru)
            .await
            .unwrap();
        assert_eq!(past_the_end.page, 3, "{}", core.label);
        assert_eq!(past_the_end.entries, last.entries, "{}", core.label);

        let mut seen = Vec::new();
        for page in ["1", "2", "3"] {
            let listing = core
                .history_page(&citizen, &filter(&[("page", page)]), Locale::Ru)
                .await
                .unwrap();
            seen.extend(
                listing
                    .entries
                    .into_iter()
                    .map(|entry| (entry.at, entry.id)),
            );
        }
        let mut sorted = seen.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        sorted.dedup();
        assert_eq!(
            seen, sorted,
            "{}: pages are newest first without repeats",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn another_persons_entry_is_not_found() {
    for core in cores().await {
        let citizen = core.register("+79121000013", "").await;
        let other = core.register("+79121000014", "").await;
        let own = entry_ids(&core, &citizen).await[0];

        let mine = core.history_entry(&citizen, own, Locale::Ru).await.unwrap();
        assert_eq!(mine.seq, 1, "{}", core.label);
        let theirs = core.history_entry(&other, own, Locale::Ru).await;
        assert!(
            matches!(theirs, Err(Error::NotFound)),
            "{}: {theirs:?}",
            core.label
        );
        let unknown = core
            .history_entry(&citizen, Uuid::now_v7(), Locale::Ru)
            .await;
        assert!(
            matches!(unknown, Err(Error::NotFound)),
            "{}: {unknown:?}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn retention_deletes_old_entries_and_keeps_the_chain() {
    for core in cores().await {
        let citizen = core.register("+79121000015", "").await;
        let other = core.register("+79121000016", "").await;
        sign_ins(&core, &citizen, 3).await;

        core.clock.advance(Duration::days(360));
        let early = core.purge_history().await.unwrap();
        assert_eq!(
            early.entries + early.partitions,
            0,
            "{}: nothing is 12 months old yet",
            core.label
        );
        core.clock.advance(Duration::days(10));
        sign_ins(&core, &citizen, 1).await;
        let purged = core.purge_history().await.unwrap();
        let remaining = core
            .history_page(&citizen, &filter(&[]), Locale::Ru)
            .await
            .unwrap();
        assert_eq!(remaining.total, 1, "{}", core.label);
        assert!(entry_ids(&core, &other).await.is_empty(), "{}", core.label);
        assert_eq!(purged.entries, 5, "{}", core.label);

        // A month later the month of the first entries lies wholly before the cut-off:
        // PostgreSQL drops its (now empty) partition.
        core.clock.advance(Duration::days(45));
        let later = core.purge_history().await.unwrap();
        assert_eq!(later.entries, 0, "{}", core.label);
        let expected_partitions = if core.label == "postgres" { 1 } else { 0 };
        assert_eq!(later.partitions, expected_partitions, "{}", core.label);

        sign_ins(&core, &citizen, 1).await;
        let report = core.verify_integrity().await.unwrap();
        assert_eq!(report.breaks, [], "{}", core.label);
        assert_eq!(report.history_entries, 2, "{}", core.label);
        assert_eq!(
            core.purge_history().await.unwrap().entries,
            0,
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn csv_export_is_excel_ready() {
    for core in cores().await {
        let citizen = core.register("+79121000017", "").await;
        record_all(
            &core,
            vec![(
                at("2030-01-10T09:05:07Z"),
                Entry::new(
                    citizen.user_id,
                    Kind::ApplicationStatusChanged,
                    HistoryStatus::Succeeded,
                )
                .comment(Some("=HYPERLINK(\"http://example.invalid\";\"x\")"))
                .detail("number", "482-157-3098")
                .detail("status", "refused"),
            )],
        )
        .await;
        let (entries, next) = core
            .history_batch(&citizen, &filter(&[]), Locale::Ru, None, 100)
            .await
            .unwrap();
        assert_eq!(next, None, "{}", core.label);
        let csv = format!(
            "{}{}",
            history::csv::header(Locale::Ru),
            history::csv::rows(&entries, Locale::Ru)
        );
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}Номер операции;Дата и время;Тип;Действие;Статус;Услуга;Заявление;Комментарий сотрудника;Файлы",
            "{}",
            core.label
        );
        assert_eq!(
            lines[1],
            format!(
                "{};10.01.2030 12:05:07;Заявления;Заявление № 482-157-3098: новый статус «Отказано»;Успешно;;482-157-3098;\"'=HYPERLINK(\"\"http://example.invalid\"\";\"\"x\"\")\";",
                entries[0].id
            ),
            "{}",
            core.label
        );
        assert_eq!(
            lines.len(),
            4,
            "{}: header, two entries and the empty rest",
            core.label
        );
        assert_eq!(lines[3], "", "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn pdf_export_has_extractable_cyrillic_and_page_numbers() {
    let core = common::sqlite().await;
    let citizen = core.register("+79121000018", "").await;
    let mut tx = core.db.begin().await.unwrap();
    for index in 0..150 {
        let entry = Entry::new(
            citizen.user_id,
            Kind::ApplicationStatusChanged,
            HistoryStatus::Succeeded,
        )
        .comment(Some(
            "Приложите скан второй страницы паспорта, где видна печать",
        ))
        .detail("number", format!("482-157-{index:04}"))
        .detail("status", "action_required");
        history::record(&mut tx, core.clock.now(), entry)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let (entries, _) = core
        .history_batch(&citizen, &filter(&[]), Locale::Ru, None, 1000)
        .await
        .unwrap();
    let title = history::pdf::Title {
        name: core.history_owner_name(&citizen).await.unwrap(),
        period: "за всё время".into(),
    };
    let pdf = history::pdf::render(&title, &entries, Locale::Ru).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    let path = core.data_dir().join("history.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect(
            "pdftotext runs (Debian's poppler-utils, installed by scripts/ensure-tools --test)",
        );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let pages = text
        .split('\u{c}')
        .filter(|page| !page.trim().is_empty())
        .count();
    assert!(pages >= 3, "150 entries fill several pages, got {pages}");
    assert!(
        text.contains("История действий: Соколова Мария Ивановна"),
        "{text}"
    );
    assert!(text.contains("Период: за всё время"), "{text}");
    assert!(text.contains("Регистрация учётной записи"), "{text}");
    assert!(text.contains("482-157-0149"), "{text}");
    assert!(text.contains(&format!("Страница 1 из {pages}")), "{text}");
    assert!(
        text.contains(&format!("Страница {pages} из {pages}")),
        "{text}"
    );
    assert_eq!(
        text.matches("Номер операции").count(),
        pages,
        "the header repeats on every page"
    );
    core.finish().await;
}

#[tokio::test]
async fn entries_without_hash_are_chained_at_open() {
    for core in cores().await {
        let citizen = core.register("+79121000019", "").await;
        let id = Uuid::now_v7();
        let user = id_literal(&core, citizen.user_id);
        let row = id_literal(&core, id);
        // An entry as the journal stored it before the hash chain existed.
        run(
            &core,
            &format!(
                "INSERT INTO history_entries (id, user_id, occurred_at, kind, status, details)
                 VALUES ({row}, {user}, '2030-01-01T00:00:00+00:00', 'sign_out', 'succeeded', '{{}}')"
            ),
        )
        .await;
        let report = core.verify_integrity().await.unwrap();
        assert_eq!(report.breaks.len(), 1, "{}", core.label);
        assert_eq!(
            report.breaks[0].problem,
            Problem::Unchained,
            "{}",
            core.label
        );

        let chained = history::chain::chain_unchained(&core.db, core.clock.now())
            .await
            .unwrap();
        assert_eq!(chained, 1, "{}", core.label);
        assert_eq!(
            core.verify_integrity().await.unwrap().breaks,
            [],
            "{}",
            core.label
        );
        let found = core
            .history_page(&citizen, &filter(&[("q", "выход")]), Locale::Ru)
            .await
            .unwrap();
        assert_eq!(
            found.total, 1,
            "{}: the chained entry is searchable",
            core.label
        );
        assert_eq!(found.entries[0].id, id, "{}", core.label);
        core.finish().await;
    }
}
