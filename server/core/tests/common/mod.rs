//! Test harness: a fresh [`Core`] on SQLite, and on PostgreSQL when
//! `KABINET_TEST_POSTGRES_URL` is set, each with its own database so tests never see each
//! other's rows.

#![allow(dead_code)]

use std::path::PathBuf;
use std::str::FromStr;

use kabinet_core::db::{Db, PoolSettings};
use kabinet_core::keys::Keys;
use kabinet_core::password::HashCost;
use kabinet_core::shared::Locale;
use kabinet_core::shared::forms::RegistrationForm;
use kabinet_core::{Actor, Client, Core, Settings};
use sqlx::postgres::PgConnectOptions;
use uuid::Uuid;

pub const POSTGRES_URL_VARIABLE: &str = "KABINET_TEST_POSTGRES_URL";

/// A core on one backend, with the folder and schema it owns.
pub struct TestCore {
    pub core: Core,
    pub label: &'static str,
    data_dir: PathBuf,
    schema: Option<(String, String)>,
}

impl std::ops::Deref for TestCore {
    type Target = Core;
    fn deref(&self) -> &Core {
        &self.core
    }
}

/// Cores for every backend under test: SQLite always, PostgreSQL when configured.
pub async fn cores() -> Vec<TestCore> {
    let mut cores = vec![sqlite().await];
    if let Ok(url) = std::env::var(POSTGRES_URL_VARIABLE) {
        cores.push(postgres(&url).await);
    }
    cores
}

fn settings(data_dir: PathBuf) -> Settings {
    let mut settings = Settings::new(data_dir);
    // Cheap hashing keeps the tests fast; production cost is checked by the benchmark.
    settings.password_cost = HashCost {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
    settings
}

fn temporary_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kabinet-test-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub async fn sqlite() -> TestCore {
    let data_dir = temporary_dir();
    let url = format!("sqlite://{}", data_dir.join("kabinet.db").display());
    let db = Db::connect(&url, &PoolSettings::default()).await.unwrap();
    let core = Core::open(db, Keys::generate(), settings(data_dir.clone()))
        .await
        .unwrap();
    TestCore {
        core,
        label: "sqlite",
        data_dir,
        schema: None,
    }
}

pub async fn postgres(url: &str) -> TestCore {
    let schema = format!("kabinet_test_{}", Uuid::new_v4().simple());
    let admin = sqlx::PgPool::connect(url)
        .await
        .expect("PostgreSQL from KABINET_TEST_POSTGRES_URL is reachable");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;

    let options = PgConnectOptions::from_str(url)
        .unwrap()
        .options([("search_path", schema.as_str())]);
    let db = Db::connect_postgres(options, &PoolSettings::default())
        .await
        .unwrap();
    let data_dir = temporary_dir();
    let core = Core::open(db, Keys::generate(), settings(data_dir.clone()))
        .await
        .unwrap();
    TestCore {
        core,
        label: "postgres",
        data_dir,
        schema: Some((url.to_string(), schema)),
    }
}

impl TestCore {
    /// Closes the database and removes what the test created.
    pub async fn finish(self) {
        self.core.db.close().await;
        if let Some((url, schema)) = &self.schema {
            let admin = sqlx::PgPool::connect(url).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                .execute(&admin)
                .await
                .unwrap();
            admin.close().await;
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }

    pub fn data_dir(&self) -> &PathBuf {
        &self.data_dir
    }

    /// The latest SMS sent to `phone`.
    pub async fn last_sms(&self, phone: &str) -> String {
        self.core
            .development_outbox()
            .await
            .unwrap()
            .into_iter()
            .find(|message| message.channel == "sms" && message.recipient == phone)
            .map(|message| message.body)
            .unwrap_or_else(|| panic!("{}: no SMS was sent to {phone}", self.label))
    }

    /// Registers a citizen through both steps and returns them as an actor.
    pub async fn register(&self, phone: &str, snils: &str) -> Actor {
        let form = registration_form(phone, snils);
        let id = self.start_registration(&form, Locale::Ru).await.unwrap();
        let code = code_in(&self.last_sms(&normalized(phone)).await);
        let signed_in = self
            .confirm_registration(id, &code, &Client::default())
            .await
            .unwrap();
        self.resolve_session(&signed_in.token)
            .await
            .unwrap()
            .unwrap()
            .actor
    }

    /// The demo account of `role`, seeding the demo data first.
    pub async fn demo_actor(&self, phone: &str) -> Actor {
        self.seed_demo().await.unwrap();
        let login = kabinet_core::shared::validate::Login::Phone(phone.to_string());
        let signed_in = self
            .sign_in(
                &login,
                kabinet_core::demo::DEMO_PASSWORD,
                &Client::default(),
            )
            .await
            .unwrap();
        self.resolve_session(&signed_in.token)
            .await
            .unwrap()
            .unwrap()
            .actor
    }
}

pub fn normalized(phone: &str) -> String {
    kabinet_core::shared::validate::phone::normalize_mobile(phone).unwrap()
}

pub fn registration_form(phone: &str, snils: &str) -> RegistrationForm {
    RegistrationForm {
        phone: phone.into(),
        password: "Tr0pinka-Lesnaya7".into(),
        password_repeat: "Tr0pinka-Lesnaya7".into(),
        surname: "Соколова".into(),
        given_name: "Мария".into(),
        patronymic: "Ивановна".into(),
        birth_date: "1988-03-09".into(),
        snils: snils.into(),
        inn: String::new(),
    }
}

/// The six-digit code in an SMS text.
pub fn code_in(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 6)
        .unwrap_or_else(|| panic!("no six-digit code in {text:?}"))
        .to_string()
}

/// A minimal valid PDF.
pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// The start of a PNG file: its signature and IHDR chunk header.
pub const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
];
