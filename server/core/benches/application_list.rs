//! Time of "Мои заявления" for a citizen with 10,000 applications: the first and the last
//! page with their count, a search by number, a search by words, a filter by status and
//! category, and the three groups of the start page with their counts. Then the officials'
//! queue of one department over the same applications: its first and last page, the
//! overdue ones and the untaken ones.
//!
//! Run with `cargo bench -p kabinet-core --bench application_list`; with
//! `KABINET_TEST_POSTGRES_URL` set it measures PostgreSQL too. Each measurement is the
//! median of `RUNS` runs. The applications are written straight into the table, since the
//! list never opens their answers, so their sealed answers are placeholder bytes.

mod support;

use std::time::Instant;

use kabinet_core::db::Db;
use kabinet_core::execute;
use kabinet_core::shared::Locale;
use kabinet_core::shared::applications::{ApplicationQuery, QueueAssignee, QueueFilter};
use kabinet_core::shared::model::ApplicationStatus;
use kabinet_core::shared::validate::application_number::ApplicationNumber;

const APPLICATIONS: u32 = 10_000;
const RUNS: usize = 5;

#[tokio::main]
async fn main() {
    support::each_backend(async |label, db, data_dir| measure(label, db, data_dir).await).await;
}

async fn measure(label: &str, db: Db, data_dir: &std::path::Path) {
    let core = support::open_core(label, db, data_dir).await;
    let actor = support::citizen(&core).await;

    let mut tx = core.db.begin_read().await.unwrap();
    let services: Vec<(String, i32, String)> =
        kabinet_core::on_conn!(&mut tx, conn => sqlx::query_as(
        "SELECT code, version, department_code FROM services ORDER BY code, version",
    )
    .fetch_all(conn)
    .await)
        .unwrap();
    drop(tx);

    let started = Instant::now();
    let mut tx = core.db.begin().await.unwrap();
    let first_day = core.clock.now() - chrono::Duration::days(400);
    let mut sample_number = String::new();
    for index in 0..APPLICATIONS {
        let (code, version, department) = &services[index as usize % services.len()];
        let status = ApplicationStatus::ALL[index as usize % ApplicationStatus::ALL.len()];
        let number = ApplicationNumber::from_payload(100_000_000 + index * 7919);
        if index == APPLICATIONS / 2 {
            sample_number = number.to_string();
        }
        let created = first_day + chrono::Duration::minutes(i64::from(index) * 57);
        // About 30 working days; the queue sorts and filters by it.
        let due_on = (created + chrono::Duration::days(42)).date_naive();
        execute!(&mut tx, sqlx::query(
            "INSERT INTO applications (id, number, user_id, service_code, service_version, department_code,
                 status, answers_enc, request_key, created_at, updated_at, due_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(uuid::Uuid::now_v7())
        .bind(number.as_str())
        .bind(actor.user_id)
        .bind(code)
        .bind(version)
        .bind(department)
        .bind(status.code())
        .bind(vec![0_u8; 64])
        .bind(index.to_string())
        .bind(created)
        .bind(created)
        .bind(due_on))
        .unwrap();
    }
    tx.commit().await.unwrap();
    println!(
        "{label}: wrote {APPLICATIONS} applications of {} services in {:.2?}",
        services.len(),
        started.elapsed()
    );

    let cases = [
        ("first page", ApplicationQuery::default()),
        (
            "last page",
            ApplicationQuery {
                page: "500".into(),
                ..ApplicationQuery::default()
            },
        ),
        (
            "search by number",
            ApplicationQuery {
                q: sample_number,
                ..ApplicationQuery::default()
            },
        ),
        (
            "search by words, page 2",
            ApplicationQuery {
                q: "паспорта".into(),
                page: "2".into(),
                ..ApplicationQuery::default()
            },
        ),
        (
            "status and category, oldest first",
            ApplicationQuery {
                status: "in_progress".into(),
                category: "passports_registration".into(),
                sort: "oldest".into(),
                ..ApplicationQuery::default()
            },
        ),
    ];
    for (name, query) in cases {
        let filter = query.parse().unwrap();
        let (time, total) = support::median(RUNS, || async {
            core.my_applications_page(&actor, &filter, Locale::Ru)
                .await
                .unwrap()
                .total as usize
        })
        .await;
        println!("{label}: {name}: {time:.2?} ({total} match)");
    }
    let (time, shown) = support::median(RUNS, || async {
        let dashboard = core.dashboard(&actor, Locale::Ru).await.unwrap();
        dashboard.action_required.len() + dashboard.in_progress.len() + dashboard.results.len()
    })
    .await;
    println!("{label}: start page groups: {time:.2?} ({shown} applications shown)");

    let official = support::official(&core).await;
    let open = |assignee, overdue, page| QueueFilter {
        status: None,
        overdue,
        assignee,
        page,
    };
    let first = core
        .department_queue(
            &official,
            &open(QueueAssignee::Anyone, false, 1),
            Locale::Ru,
        )
        .await
        .unwrap();
    let queue_cases = [
        ("queue, first page", open(QueueAssignee::Anyone, false, 1)),
        (
            "queue, last page",
            open(QueueAssignee::Anyone, false, first.pages),
        ),
        ("queue, overdue only", open(QueueAssignee::Anyone, true, 1)),
        ("queue, untaken only", open(QueueAssignee::Nobody, false, 1)),
    ];
    for (name, filter) in queue_cases {
        let (time, total) = support::median(RUNS, || async {
            core.department_queue(&official, &filter, Locale::Ru)
                .await
                .unwrap()
                .total as usize
        })
        .await;
        println!("{label}: {name}: {time:.2?} ({total} match)");
    }
    core.db.close().await;
}
