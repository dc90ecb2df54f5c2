//! Setup shared by the benchmarks: a database on each backend, the median of runs and a
//! registered citizen.

// Each benchmark is its own crate and uses only some of these.
#![allow(dead_code)]

use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, Instant};

use kabinet_core::db::{Db, PoolSettings};
use kabinet_core::keys::Keys;
use kabinet_core::password::HashCost;
use kabinet_core::shared::Locale;
use kabinet_core::shared::forms::RegistrationForm;
use kabinet_core::{Actor, Client, Core, Settings};

/// Runs `measure` on a fresh SQLite database and, with `KABINET_TEST_POSTGRES_URL` set, on a
/// fresh PostgreSQL schema that is dropped afterwards.
pub async fn each_backend(mut measure: impl AsyncFnMut(&str, Db, &Path)) {
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

/// Opens the core with the demo catalogue and cheap password hashing, which the
/// benchmarks do not measure.
pub async fn open_core(label: &str, db: Db, data_dir: &Path) -> Core {
    let mut settings = Settings::new(data_dir.join(label));
    settings.password_cost = HashCost {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
    let core = Core::open(db, Keys::generate(), settings).await.unwrap();
    core.seed_demo().await.unwrap();
    core
}

/// Measures the median duration of `runs` runs of `run`, with the last run's result.
pub async fn median<F, Fut>(runs: usize, run: F) -> (Duration, usize)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    let mut times = Vec::with_capacity(runs);
    let mut output = 0;
    for _ in 0..runs {
        let started = Instant::now();
        output = run().await;
        times.push(started.elapsed());
    }
    times.sort();
    (times[runs / 2], output)
}

/// Registers a citizen through the registration flow and returns them signed in.
pub async fn citizen(core: &Core) -> Actor {
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
        .start_registration(&form, Locale::Ru, &Client::default())
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

/// Signs in the demo official of the `mvd` department.
pub async fn official(core: &Core) -> Actor {
    let login = kabinet_core::shared::validate::Login::Phone("+79990000002".into());
    let signed_in = core
        .sign_in(
            &login,
            kabinet_core::demo::DEMO_PASSWORD,
            &Client::default(),
        )
        .await
        .unwrap();
    core.resolve_session(&signed_in.token)
        .await
        .unwrap()
        .unwrap()
        .actor
}
