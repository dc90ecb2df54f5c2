//! Time to export 10,000 journal entries of one person as CSV and as PDF, the way the
//! export routes do it: batches of 500 entries read newest first, each batch written as
//! CSV lines, or all batches rendered into one PDF. Also the time of one filtered page of
//! `/history` with its count.
//!
//! Run with `cargo bench -p kabinet-core --bench history_export`; with
//! `KABINET_TEST_POSTGRES_URL` set it measures PostgreSQL too (in a fresh schema, dropped
//! afterwards). Each measurement is the median of `RUNS` runs.

mod support;

use std::time::Instant;

use kabinet_core::db::Db;
use kabinet_core::history::{self, Entry, Kind};
use kabinet_core::shared::Locale;
use kabinet_core::shared::history::{HistoryFilter, HistoryQuery};
use kabinet_core::shared::model::HistoryStatus;

const ENTRIES: usize = 10_000;
const BATCH: u32 = 500;
const RUNS: usize = 5;

#[tokio::main]
async fn main() {
    support::each_backend(async |label, db, data_dir| measure(label, db, data_dir).await).await;
}

async fn measure(label: &str, db: Db, data_dir: &std::path::Path) {
    let core = support::open_core(label, db, data_dir).await;
    let actor = support::citizen(&core).await;

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
    let csv = support::median(RUNS, || async {
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

    let pdf = support::median(RUNS, || async {
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
    let page = support::median(RUNS, || async {
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
