//! Notifications per second: writing in-app notifications, each in its own transaction as
//! a real change does, and sending queued e-mail to a local SMTP server (aiosmtpd, the
//! server of the tests) through the delivery worker.
//!
//! Run with `cargo bench -p kabinet-core --bench deliveries`; with
//! `KABINET_TEST_POSTGRES_URL` set it measures PostgreSQL too (in a fresh schema, dropped
//! afterwards). Needs `python3` with aiosmtpd (`scripts/ensure-tools --test`).

mod support;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::time::Instant;

use kabinet_core::db::Db;
use kabinet_core::deliveries::smtp::SmtpSettings;
use kabinet_core::notifications::{self, NewNotification};
use kabinet_core::shared::notify::Category;
use kabinet_core::{Core, execute};
use uuid::Uuid;

const IN_APP: usize = 2_000;
const EMAILS: usize = 1_000;

#[tokio::main]
async fn main() {
    support::each_backend(async |label, db, data_dir| measure(label, db, data_dir).await).await;
}

async fn measure(label: &str, db: Db, data_dir: &std::path::Path) {
    let mut core = support::open_core(label, db, data_dir).await;
    let user_id = support::citizen(&core).await.user_id;
    core.deliver_queued().await.unwrap();

    // In the message centre only: the person has no e-mail, and SMS carries only
    // security notices.
    let started = Instant::now();
    notify(&core, user_id, IN_APP).await;
    let elapsed = started.elapsed();
    println!(
        "{label}: {IN_APP} in-app notifications, one transaction each: {elapsed:.2?} ({:.0}/s)",
        IN_APP as f64 / elapsed.as_secs_f64()
    );

    // With an e-mail address every notification also queues an e-mail.
    let mut tx = core.db.begin().await.unwrap();
    execute!(
        &mut tx,
        sqlx::query("UPDATE users SET email = 'sokolova@example.test' WHERE id = $1").bind(user_id)
    )
    .unwrap();
    tx.commit().await.unwrap();
    notify(&core, user_id, EMAILS).await;

    let smtp = SmtpProcess::start();
    core.set_smtp(Some(SmtpSettings {
        url: format!("smtp://127.0.0.1:{}", smtp.port),
        from: "Kabinet <noreply@kabinet.test>".into(),
        ca_file: None,
    }))
    .unwrap();
    let started = Instant::now();
    let round = core.deliver_queued().await.unwrap();
    let elapsed = started.elapsed();
    assert_eq!(round.sent as usize, EMAILS);
    println!(
        "{label}: {EMAILS} e-mails to a local SMTP server: {elapsed:.2?} ({:.0}/s)",
        EMAILS as f64 / elapsed.as_secs_f64()
    );
    core.db.close().await;
}

/// Writes `count` notifications about applications, each in its own transaction.
async fn notify(core: &Core, user_id: Uuid, count: usize) {
    for index in 0..count {
        let mut tx = core.db.begin().await.unwrap();
        notifications::create(
            &mut tx,
            core.clock.now(),
            &core.settings.public_url,
            NewNotification {
                user_id,
                kind: "status_changed",
                category: Category::Applications,
                args: BTreeMap::from([
                    ("number".to_string(), format!("482-157-{index:04}")),
                    ("status".to_string(), "in_progress".to_string()),
                ]),
                application_id: None,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
}

/// The test SMTP server of `tests/support/smtp_server.py`, ended when dropped.
struct SmtpProcess {
    port: u16,
    child: std::process::Child,
    folder: std::path::PathBuf,
}

impl SmtpProcess {
    fn start() -> SmtpProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let folder = std::env::temp_dir().join(format!("kabinet-smtp-{}", Uuid::new_v4().simple()));
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/smtp_server.py");
        let mut child = std::process::Command::new("python3")
            .arg(script)
            .args(["--port", &port.to_string()])
            .arg("--dir")
            .arg(&folder)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 runs the test SMTP server (pip install aiosmtpd)");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready");
        SmtpProcess {
            port,
            child,
            folder,
        }
    }
}

impl Drop for SmtpProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}
