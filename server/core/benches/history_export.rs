//! Time to export 10,000 journal entries of one person as CSV and as PDF, the way the
//! export routes do it: batches of 500 entries read newest first, each batch written as
//! CSV lines, or all batches rendered into one PDF. Also the time of one filtered page of
//! `/history` with its count.
//!
//! Run with `cargo bench -p kabinet-core --bench history_export`; with
//! `KABINET_TEST_POSTGRES_URL` set it measures PostgreSQL too (in a fresh schema, dropped
//! afterwards). Each measurement is the median of `RUNS` runs.

use std::str::FromStr;
use std::time::{Duration, Instant};

use kabinet_core::db::{Db, PoolSettings};
use kabinet_core::history::{self, Entry, Kind};
use kabinet_core::keys::Keys;
use kabinet_core::password::HashCost;
use kabinet_core::shared::Locale;
use kabinet_core::shared::forms::RegistrationForm;
use kabinet_core::shared::history::{HistoryFilter, HistoryQuery};
use kabinet_core::shared::model::HistoryStatus;
use kabinet_core::{Actor, Client, Core, Settings};

const ENTRIES: usize = 10_000;
const BATCH: u32 = 500;
const RUNS: usize = 5;

#[tokio::main]
async fn main() {
    let data_dir =
        std::env::temp_dir().join(format!("kabinet-bench-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&data_dir).unwrap();
    let url = format!("sqlite://{}", data_dir.join("kabinet.db").display());
    let db = Db::connect(&url, &PoolSettings::default()).await.unwrap();
    measure("sqlite", db, &data_dir).await;

    if let Ok(url) = std::env::var("KABINET_TEST_POSTGRES_URL") {
        let schema = format!("kabinet_bench_{}", uuid::Uuid::new_v4().simple());
        let admin = sqlx::PgPool::connect(&url).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&admin)
            .await
            .unwrap();
        let options = sqlx::postgres::PgConnectOptions::from_str(&url)
            .unwrap()
            .options([("search_path", schema.as_str())]);
        let db = Db::connect_postgres(options, &PoolSettings::default())
            .await
            .unwrap();
        measure("postgres", db, &data_dir).await;
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
            .execute(&admin)
            .await
            .unwrap();
    }
    let _ = std::fs::remove_dir_all(&data_dir);
}

async fn measure(label: &str, db: Db, data_dir: &std::path::Path) {
    let mut settings = Settings::new(data_dir.join(label));
    settings.password_cost = HashCost {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
    let core = Core::open(db, Keys::generate(), settings).await.unwrap();
    core.seed_demo().await.unwrap();
    let actor = citizen(&core).await;

    let started = Instant::now();
    let mut tx = core.db.begin().await.unwrap();
    for index in 0..ENTRIES {
        let entry = Entry::new(
            actor.user_id,
            Kind::ApplicationStatusChanged,
            HistoryStatus::Succeeded,
        )
        .service("criminal-record-certificate")
        .comment(Some("Приложите скан второй страницы паспорта"))
        .detail(
            "number",
            format!("482-{:03}-{:04}", index / 10_000, index % 10_000),
        )
        .detail("status", "action_required");
        history::record(&mut tx, core.clock.now(), entry)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    println!(
        "{label}: recorded {ENTRIES} chained entries in {:.2?}",
        started.elapsed()
    );

    let filter = HistoryFilter {
        page: 1,
        ..HistoryFilter::default()
    };
    let csv = median(|| async {
        let mut bytes = history::csv::header(Locale::Ru).len();
        let mut cursor = None;
        loop {
            let (entries, next) = core
                .history_batch(&actor, &filter, Locale::Ru, cursor, BATCH)
                .await
                .unwrap();
            bytes += history::csv::rows(&entries, Locale::Ru).len();
            match next {
                Some(next) => cursor = Some(next),
                None => break bytes,
            }
        }
    })
    .await;
    println!(
        "{label}: CSV of {} entries: {:.2?} ({} KiB)",
        ENTRIES + 1,
        csv.0,
        csv.1 / 1024
    );

    let pdf = median(|| async {
        let mut all = Vec::new();
        let mut cursor = None;
        loop {
            let (mut entries, next) = core
                .history_batch(&actor, &filter, Locale::Ru, cursor, BATCH)
                .await
                .unwrap();
            all.append(&mut entries);
            match next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        let title = history::pdf::Title {
            name: core.history_owner_name(&actor).await.unwrap(),
            period: "за всё время".into(),
        };
        history::pdf::render(&title, &all, Locale::Ru)
            .unwrap()
            .len()
    })
    .await;
    println!(
        "{label}: PDF of {} entries: {:.2?} ({} KiB)",
        ENTRIES + 1,
        pdf.0,
        pdf.1 / 1024
    );

    let words = HistoryQuery {
        q: "скан".into(),
        page: "100".into(),
        ..HistoryQuery::default()
    }
    .parse()
    .unwrap();
    let page = median(|| async {
        core.history_page(&actor, &words, Locale::Ru)
            .await
            .unwrap()
            .total as usize
    })
    .await;
    println!(
        "{label}: page 100 of a word search with its count: {:.2?} ({} matches)",
        page.0, page.1
    );
    core.db.close().await;
}

/// Measures the median duration of `RUNS` runs of `run`, with the last run's result.
async fn median<F, Fut>(run: F) -> (Duration, usize)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    let mut times = Vec::with_capacity(RUNS);
    let mut output = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        output = run().await;
        times.push(started.elapsed());
    }
    times.sort();
    (times[RUNS / 2], output)
}

async fn citizen(core: &Core) -> Actor {
    let form = RegistrationForm {
        phone: "+79125550001".into(),
        password: "Tr0pinka-Lesnaya7".into(),
        password_repeat: "Tr0pinka-Lesnaya7".into(),
        surname: "Соколова".into(),
        given_name: "Мария".into(),
        patronymic: "Ивановна".into(),
        birth_date: "1988-03-09".into(),
        snils: String::new(),
        inn: String::new(),
    };
    let id = core
        .start_registration(&form, Locale::Ru, &kabinet_core::Client::default())
        .await
        .unwrap();
    let sms = core
        .development_outbox()
        .await
        .unwrap()
        .into_iter()
        .find(|message| message.recipient == "+79125550001")
        .unwrap()
        .body;
    let code: String = sms
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 6)
        .unwrap()
        .to_string();
    let signed_in = core
        .confirm_registration(id, &code, &Client::default())
        .await
        .unwrap();
    core.resolve_session(&signed_in.token)
        .await
        .unwrap()
        .unwrap()
        .actor
}
