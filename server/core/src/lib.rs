//! Kabinet's domain and storage: accounts and sessions, the service catalogue,
//! applications and their processing, files, notifications and the action journal.
//!
//! Interface code calls [`Core`] and never touches SQL. Every change that a person would
//! want to see later is committed in one transaction together with its journal entry and
//! its notification.

pub mod accounts;
pub mod applications;
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
pub mod keys;
pub mod notifications;
pub mod password;
mod time;

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
    /// Largest accepted attachment, in bytes.
    pub upload_max_bytes: u64,
    pub password_cost: HashCost,
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
            upload_max_bytes: 5 * 1024 * 1024,
            password_cost: HashCost::default(),
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
}

impl Core {
    /// Prepares the domain on an opened database: runs pending migrations and creates the
    /// file store.
    pub async fn open(db: Db, keys: Keys, settings: Settings) -> Result<Core> {
        db.migrate()
            .await
            .map_err(|error| Error::Internal(format!("database migration failed: {error}")))?;
        let passwords = PasswordHashing::new(settings.password_cost)?;
        let files = FileStore::open(settings.data_dir.join("files"))?;
        Ok(Core {
            db,
            keys,
            clock: Clock::system(),
            settings,
            passwords,
            files,
        })
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
