//! Test harness: a fresh [`Core`] on SQLite, and on PostgreSQL when
//! `KABINET_TEST_POSTGRES_URL` is set, each with its own database so tests never see each
//! other's rows.

#![allow(dead_code)]

pub mod authenticator;
pub mod peers;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

use kabinet_core::db::{Db, PoolSettings};
use kabinet_core::keys::Keys;
use kabinet_core::password::HashCost;
use kabinet_core::shared::Locale;
use kabinet_core::shared::forms::RegistrationForm;
use kabinet_core::{Actor, Client, Core, Error, Settings};
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
    settings.backup_code_cost = settings.password_cost;
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

/// Another core on the same PostgreSQL schema, as a second server process would be.
pub async fn second_core(first: &TestCore) -> Option<Core> {
    let (url, schema) = first.schema.as_ref()?;
    let options = PgConnectOptions::from_str(url)
        .unwrap()
        .options([("search_path", schema.as_str())]);
    let db = Db::connect_postgres(options, &PoolSettings::default())
        .await
        .unwrap();
    let mut settings = settings(first.data_dir.clone());
    settings.smtp = first.core.settings.smtp.clone();
    Some(
        Core::open(db, first.core.keys.clone(), settings)
            .await
            .unwrap(),
    )
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

    /// Everything the database holds, as an operator's backup would: the SQLite file with
    /// its write-ahead log, or a `pg_dump` of the test's schema.
    pub async fn dump(&self) -> Vec<u8> {
        match &self.schema {
            None => {
                let mut bytes = Vec::new();
                for name in ["kabinet.db", "kabinet.db-wal"] {
                    if let Ok(content) = std::fs::read(self.data_dir.join(name)) {
                        bytes.extend(content);
                    }
                }
                bytes
            }
            Some((url, schema)) => {
                let output = tokio::process::Command::new("pg_dump")
                    .args(["--dbname", url, "--schema", schema, "--data-only"])
                    .output()
                    .await
                    .expect("pg_dump runs");
                assert!(output.status.success(), "pg_dump failed: {output:?}");
                output.stdout
            }
        }
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

    /// The latest e-mail sent to `address`.
    pub async fn last_email(&self, address: &str) -> String {
        self.core
            .development_outbox()
            .await
            .unwrap()
            .into_iter()
            .find(|message| message.channel == "email" && message.recipient == address)
            .map(|message| message.body)
            .unwrap_or_else(|| panic!("{}: no e-mail was sent to {address}", self.label))
    }

    /// Opens the confirmation link of the latest e-mail sent to `address`.
    pub async fn confirm_email_link(&self, address: &str) {
        let body = self.last_email(address).await;
        let token = email_token(&body);
        self.core.confirm_email_change(&token).await.unwrap();
    }

    /// Registers a citizen through both steps and returns them as an actor.
    pub async fn register(&self, phone: &str, snils: &str) -> Actor {
        let form = registration_form(phone, snils);
        let id = self
            .start_registration(&form, Locale::Ru, &Client::default())
            .await
            .unwrap();
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

/// The token of the e-mail confirmation link in a message.
pub fn email_token(text: &str) -> String {
    let start = text
        .find("token=")
        .expect("the message has a confirmation link")
        + "token=".len();
    text[start..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap()
        .to_string()
}

/// A real SMTP server (aiosmtpd, see `support/smtp_server.py`) on a free local port. Each
/// message it accepts is kept as a JSON file, read back by [`SmtpServer::messages`].
pub struct SmtpServer {
    pub port: u16,
    folder: PathBuf,
    /// `LOGIN:PASSWORD` of a server that requires STARTTLS and authentication.
    secure: Option<String>,
    child: Option<std::process::Child>,
}

/// One message as the SMTP server parsed it.
#[derive(Debug, serde::Deserialize)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_tos: Vec<String>,
    pub smtputf8: bool,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub message_id: String,
    pub text: Option<String>,
    pub html: Option<String>,
    /// Whether the message came over TLS.
    pub tls: bool,
    /// The login the client authenticated with.
    pub login: Option<String>,
}

impl SmtpServer {
    pub fn start() -> SmtpServer {
        SmtpServer::launch(None)
    }

    /// Starts a server that requires STARTTLS, then authentication as `login` with
    /// `password`. Its certificate is issued by the authority in [`SmtpServer::ca_file`].
    pub fn start_secure(login: &str, password: &str) -> SmtpServer {
        SmtpServer::launch(Some(format!("{login}:{password}")))
    }

    fn launch(secure: Option<String>) -> SmtpServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut server = SmtpServer {
            port,
            folder: temporary_dir(),
            secure,
            child: None,
        };
        server.resume();
        server
    }

    /// The certificate of the authority that issued a secure server's certificate.
    pub fn ca_file(&self) -> PathBuf {
        self.folder.join("ca.pem")
    }

    /// Starts the server again on the same port and folder after [`SmtpServer::kill`].
    pub fn resume(&mut self) {
        use std::io::BufRead;
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/smtp_server.py");
        let mut command = std::process::Command::new("python3");
        command
            .arg(script)
            .args(["--port", &self.port.to_string()])
            .arg("--dir")
            .arg(&self.folder);
        if let Some(secure) = &self.secure {
            command.args(["--secure", secure]);
        }
        let mut child = command
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 runs the test SMTP server (pip install aiosmtpd)");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the test SMTP server did not start");
        self.child = Some(child);
    }

    /// Ends the server at once, as a crash would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    /// Freezes the server: connections are accepted by the system but never answered.
    pub fn pause(&self) {
        self.signal("-STOP");
    }

    fn signal(&self, signal: &str) {
        let pid = self.child.as_ref().unwrap().id().to_string();
        let status = std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn settings(&self) -> kabinet_core::deliveries::smtp::SmtpSettings {
        kabinet_core::deliveries::smtp::SmtpSettings {
            url: format!("smtp://127.0.0.1:{}", self.port),
            from: "Госуслуги Kabinet <noreply@kabinet.test>".into(),
            ca_file: None,
        }
    }

    /// Every message received so far, in the order received.
    pub fn messages(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|name| serde_json::from_slice(&std::fs::read(name).unwrap()).unwrap())
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(child) = &self.child {
            // A frozen server must be woken to be ended by SIGKILL's wait.
            let _ = std::process::Command::new("kill")
                .args(["-CONT", &child.id().to_string()])
                .status();
        }
        self.kill();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// Extracts the text of a PDF with `pdftotext` and folds runs of spaces.
pub fn pdf_text(core: &TestCore, pdf: &[u8]) -> String {
    let path = core
        .data_dir()
        .join(format!("{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect(
            "pdftotext runs (Debian's poppler-utils, installed by scripts/ensure-tools --test)",
        );
    String::from_utf8(output.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Returns the key of the error on `field`, failing the test for any other error.
pub fn field_key(error: Error, field: &str) -> String {
    match error {
        Error::Invalid(errors) => errors
            .get(field)
            .unwrap_or_else(|| panic!("no error on {field}: {errors:?}"))
            .key
            .clone(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

/// Returns the key of a rejection, failing the test for any other error.
pub fn rejection_key(error: Error) -> String {
    match error {
        Error::Rejected(message) => message.key,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

/// Returns valid answers to the criminal record certificate's form, as the form sends them.
pub fn certificate_answers() -> BTreeMap<String, String> {
    [
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
    .map(|(name, value)| (name.to_string(), value.to_string()))
    .collect()
}
