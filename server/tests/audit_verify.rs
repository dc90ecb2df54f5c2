//! `kabinet audit verify` as an operator runs it: exit status 0 while the chains are
//! intact, 1 and the broken entry on standard output after a row is changed in the
//! database.

use std::process::Command;

use kabinet_server::config::Config;
use kabinet_shared::history::HistoryQuery;
use kabinet_shared::validate::Login;

fn verify(data_dir: &std::path::Path) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_kabinet"))
        .args(["audit", "verify"])
        .env("KABINET_DATA_DIR", data_dir)
        .env("KABINET_DEMO", "false")
        .env("KABINET_LOG", "warn")
        .env_remove("KABINET_DATABASE_URL")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[tokio::test]
async fn verify_reports_a_changed_row() {
    let data_dir =
        std::env::temp_dir().join(format!("kabinet-audit-{}", uuid::Uuid::new_v4().simple()));
    let config = Config {
        data_dir: data_dir.clone(),
        argon2_memory_kib: 64,
        argon2_iterations: 1,
        ..Config::default()
    };
    let core = kabinet_server::open_core(&config).await.unwrap();
    let login = Login::Phone("+79990000001".into());
    let signed_in = core
        .sign_in(
            &login,
            kabinet_core::demo::DEMO_PASSWORD,
            &Default::default(),
        )
        .await
        .unwrap();
    let actor = core
        .resolve_session(&signed_in.token)
        .await
        .unwrap()
        .unwrap()
        .actor;
    let filter = HistoryQuery::default().parse().unwrap();
    let entry = core
        .history_page(&actor, &filter, kabinet_shared::Locale::Ru)
        .await
        .unwrap()
        .entries[0]
        .id;
    core.db.close().await;

    let (status, output) = verify(&data_dir);
    assert_eq!(status, 0, "{output}");
    assert!(output.contains("all chains are intact"), "{output}");

    let url = format!("sqlite://{}", data_dir.join("kabinet.db").display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("DROP TRIGGER history_entries_reject_update")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE history_entries SET status = 'failed' WHERE id = $1")
        .bind(entry)
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    let (status, output) = verify(&data_dir);
    assert_eq!(status, 1, "{output}");
    assert!(
        output.contains(&format!(
            "broken: history of person {}, entry {entry}",
            actor.user_id
        )),
        "{output}"
    );
    assert!(output.contains("the entry was changed"), "{output}");
    let _ = std::fs::remove_dir_all(&data_dir);
}
