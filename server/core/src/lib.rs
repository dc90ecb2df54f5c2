//! Kabinet's domain and storage: accounts and sessions, the service catalogue,
//! applications and their processing, files, notifications and the action journal.
//!
//! Interface code calls [`Core`] and never touches SQL. Every change that a person would
//! want to see later is committed in one transaction together with its journal entry and
//! its notification.

pub mod accounts;
pub mod applications;
pub mod audit;
pub mod calendar;
pub mod catalogue;
pub mod clock;
pub mod codes;
pub mod crypto;
pub mod db;
pub mod deliveries;
pub mod demo;
pub mod error;
pub mod files;
pub mod flash;
pub mod history;
pub mod integrity;
pub mod keys;
pub mod notifications;
pub mod password;
pub mod reseal;
mod sql_filter;
mod time;

pub use accounts::sso;

use std::path::PathBuf;

use chrono::Duration;
use uuid::Uuid;

pub use error::{Error, Result};
pub use kabinet_shared as shared;
use kabinet_shared::model::Role;

use crate::clock::Clock;
use crate::db::Db;
use crate::files::FileStore;
use crate::keys::Keys;
use crate::password::{HashCost, PasswordHashing};

/// Settings of the domain, taken from the configuration.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Production mode: no development outbox, no generated keys.
    pub production: bool,
    /// Where files and (by default) the SQLite database live.
    pub data_dir: PathBuf,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, however active.
    pub session_lifetime: Duration,
    /// How long a one-time code stays valid.
    pub code_lifetime: Duration,
    /// How long a person waits before another code can be sent.
    pub code_resend_interval: Duration,
    /// Wrong entries allowed for one code before a new code is needed.
    pub code_max_failures: i32,
    /// Wrong passwords in a row that lock an account.
    pub lockout_threshold: i32,
    /// Failed sign-in attempts from one client address, within `address_window`, after
    /// which that address is refused until older failures leave the window.
    pub address_failure_limit: i64,
    pub address_window: Duration,
    /// How long wrong passwords for a login without an account count towards its lock,
    /// which makes such a login look locked exactly like a real account.
    pub unknown_login_window: Duration,
    /// One-time codes one client address may request per hour, over every code-sending form.
    pub codes_per_address_hour: i64,
    /// How long after proving a second factor a session may make critical changes.
    pub step_up_window: Duration,
    /// How long "remember this device" skips the second factor.
    pub trusted_device_lifetime: Duration,
    /// How long a password recovery or unlock stays open after it starts.
    pub recovery_lifetime: Duration,
    /// Largest accepted attachment, in bytes.
    pub upload_max_bytes: u64,
    pub password_cost: HashCost,
    /// Argon2id cost of backup-code hashes.
    pub backup_code_cost: HashCost,
    /// Months a journal entry is kept before the retention job deletes it.
    pub history_retention_months: u32,
    /// Sign-in through the identity provider (ESIA); `None` turns it off.
    pub sso: Option<sso::SsoSettings>,
    /// Scheme and host of the portal, without a trailing slash, for links in messages.
    pub public_url: String,
    /// How long the link that confirms a new e-mail address works.
    pub email_link_lifetime: Duration,
    /// The SMTP server for e-mail; `None` keeps e-mail in the development outbox (or,
    /// in production, queued).
    pub smtp: Option<deliveries::smtp::SmtpSettings>,
    /// The HTTP gateway for SMS; `None` keeps SMS in the development outbox (or, in
    /// production, queued).
    pub sms: Option<deliveries::sms::SmsSettings>,
    /// The Telegram bot; `None` turns the Telegram channel off outside development.
    pub telegram: Option<deliveries::telegram::TelegramSettings>,
    /// The VAPID key of Web Push; `None` turns browser notifications off.
    pub push: Option<deliveries::push::PushSettings>,
    /// Days the notification archive keeps a notification and its deliveries.
    pub notification_retention_days: i64,
}

impl Settings {
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            production: false,
            data_dir,
            session_idle: Duration::minutes(15),
            session_lifetime: Duration::hours(12),
            code_lifetime: Duration::minutes(10),
            code_resend_interval: Duration::seconds(60),
            code_max_failures: 5,
            lockout_threshold: 3,
            address_failure_limit: 20,
            address_window: Duration::minutes(15),
            unknown_login_window: Duration::hours(24),
            codes_per_address_hour: 10,
            recovery_lifetime: Duration::minutes(30),
            step_up_window: Duration::minutes(15),
            trusted_device_lifetime: Duration::days(30),
            upload_max_bytes: 5 * 1024 * 1024,
            password_cost: HashCost::default(),
            backup_code_cost: HashCost::BACKUP_CODE,
            history_retention_months: 12,
            sso: None,
            public_url: "http://127.0.0.1:3000".to_string(),
            email_link_lifetime: Duration::hours(24),
            smtp: None,
            sms: None,
            telegram: None,
            push: None,
            notification_retention_days: 30,
        }
    }
}

/// Everything the domain needs, shared by all requests.
pub struct Core {
    pub db: Db,
    pub keys: Keys,
    pub clock: Clock,
    pub settings: Settings,
    pub(crate) passwords: PasswordHashing,
    pub(crate) files: FileStore,
    /// Working days for processing deadlines.
    pub(crate) calendar: calendar::WorkCalendar,
    /// The identity provider's discovered metadata.
    pub(crate) sso_metadata: sso::MetadataCache,
    /// E-mail over SMTP, when configured.
    pub(crate) mailer: Option<deliveries::smtp::Mailer>,
    /// SMS through the HTTP gateway, when configured.
    pub(crate) sms_gateway: Option<deliveries::sms::SmsGateway>,
    /// The Telegram bot, when configured.
    pub(crate) telegram: Option<deliveries::telegram::TelegramBot>,
    /// Web Push, when a VAPID key is configured.
    pub(crate) web_push: Option<deliveries::push::WebPush>,
}

impl Core {
    /// Prepares the domain on an opened database: runs pending migrations, creates the
    /// file store and counts the deadlines of open applications again.
    pub async fn open(db: Db, keys: Keys, settings: Settings) -> Result<Core> {
        db.migrate()
            .await
            .map_err(|error| Error::Internal(format!("database migration failed: {error}")))?;
        let passwords = PasswordHashing::new(settings.password_cost, settings.backup_code_cost)?;
        let files = FileStore::open(settings.data_dir.join("files"))?;
        let chained = history::chain::chain_unchained(&db, chrono::Utc::now()).await?;
        if chained > 0 {
            tracing::info!(
                entries.count = chained,
                "journal entries written before the hash chain were chained"
            );
        }
        let mailer = settings
            .smtp
            .as_ref()
            .map(deliveries::smtp::Mailer::new)
            .transpose()?;
        let sms_gateway = settings
            .sms
            .clone()
            .map(deliveries::sms::SmsGateway::new)
            .transpose()?;
        let telegram = settings
            .telegram
            .clone()
            .map(deliveries::telegram::TelegramBot::new)
            .transpose()?;
        let web_push = settings
            .push
            .clone()
            .map(deliveries::push::WebPush::new)
            .transpose()?;
        let core = Core {
            db,
            keys,
            clock: Clock::system(),
            settings,
            passwords,
            files,
            calendar: calendar::WorkCalendar::russia(),
            sso_metadata: sso::MetadataCache::default(),
            mailer,
            sms_gateway,
            telegram,
            web_push,
        };
        core.refresh_deadlines().await?;
        Ok(core)
    }

    /// Sends e-mail through `smtp` from now on, or keeps it in the development outbox
    /// when `None`.
    pub fn set_smtp(&mut self, smtp: Option<deliveries::smtp::SmtpSettings>) -> Result<()> {
        self.mailer = smtp
            .as_ref()
            .map(deliveries::smtp::Mailer::new)
            .transpose()?;
        self.settings.smtp = smtp;
        Ok(())
    }

    /// Sends SMS through `sms` from now on, or keeps it in the development outbox when
    /// `None`.
    pub fn set_sms(&mut self, sms: Option<deliveries::sms::SmsSettings>) -> Result<()> {
        self.sms_gateway = sms
            .clone()
            .map(deliveries::sms::SmsGateway::new)
            .transpose()?;
        self.settings.sms = sms;
        Ok(())
    }

    /// Sends Web Push messages with `push` from now on.
    pub fn set_push(&mut self, push: Option<deliveries::push::PushSettings>) -> Result<()> {
        self.web_push = push
            .clone()
            .map(deliveries::push::WebPush::new)
            .transpose()?;
        self.settings.push = push;
        Ok(())
    }

    /// Sends Telegram messages through `telegram` from now on.
    pub fn set_telegram(
        &mut self,
        telegram: Option<deliveries::telegram::TelegramSettings>,
    ) -> Result<()> {
        self.telegram = telegram
            .clone()
            .map(deliveries::telegram::TelegramBot::new)
            .transpose()?;
        self.settings.telegram = telegram;
        Ok(())
    }
}

/// Who is acting: the signed-in person with their role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Uuid,
    pub role: Role,
    /// The department of an official.
    pub department: Option<String>,
    /// The IANA time zone in which the person sees times, e.g. `Asia/Yekaterinburg`.
    pub time_zone: String,
}

impl Actor {
    pub fn require(&self, role: Role) -> Result<()> {
        if self.role == role {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}

/// Where a request came from, recorded with sessions and sign-in attempts.
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub ip: Option<std::net::IpAddr>,
    pub user_agent: Option<String>,
}
