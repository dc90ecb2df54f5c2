//! Configuration: built-in defaults that run the demo, then a TOML file, then
//! `KABINET_*` environment variables, then command-line flags, each overriding the one
//! before. `kabinet --help` lists every setting with its unit.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
use figment::Figment;
use figment::providers::{Format, Serialized, Toml};
use kabinet_core::deliveries::push::PushSettings;
use kabinet_core::deliveries::sms::SmsSettings;
use kabinet_core::deliveries::smtp::SmtpSettings;
use kabinet_core::deliveries::telegram::TelegramSettings;
use kabinet_core::sso::{ClientAuth, ClientKey, GostSigner, SsoSettings};
use serde::{Deserialize, Serialize};

#[derive(Debug, Parser)]
#[command(
    name = "kabinet",
    version,
    about = "Kabinet: a citizen's personal account for government services"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub settings: SettingArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the portal (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Print a fresh set of keys for KABINET_SESSION_KEY, KABINET_DATA_KEY and KABINET_INDEX_KEY.
    GenerateKeys,
    /// Check the action history and the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Manage the data-encryption keys.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Encrypt again, with the first (current) key of KABINET_DATA_KEY, every stored value
    /// and file sealed with an older key. The older keys can be removed afterwards.
    Reseal,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Verify the hash chains of every person's action history and of the audit log;
    /// print the first broken entry of each broken chain and exit with status 1 if any.
    Verify,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Generated keys, demo data, the development outbox.
    #[default]
    Development,
    /// Keys must be configured; no demo data and no development pages.
    Production,
}

/// Every setting as a flag and an environment variable. Values left out come from the
/// configuration file or the defaults.
#[derive(Debug, Default, Args, Serialize)]
pub struct SettingArgs {
    /// TOML configuration file; flags and KABINET_* variables override its values.
    #[arg(long, env = "KABINET_CONFIG", global = true)]
    #[serde(skip)]
    pub config: Option<PathBuf>,

    /// Mode: development (generated keys, demo data) or production [default: development].
    #[arg(long, env = "KABINET_ENV", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<Mode>,

    /// Address and port to listen on [default: 127.0.0.1:3000].
    #[arg(long, env = "KABINET_LISTEN", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<SocketAddr>,

    /// Public URL of the portal, scheme and host, e.g. https://kabinet.example.ru
    /// [default: http://<listen>]. Cookies are Secure when it is https or a loopback address.
    #[arg(long, env = "KABINET_PUBLIC_URL", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,

    /// Folder for the SQLite database, attachments and development keys [default: ./data].
    #[arg(long, env = "KABINET_DATA_DIR", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,

    /// Database URL, sqlite://FILE or postgres://USER@HOST/DB [default: sqlite://<data dir>/kabinet.db].
    #[arg(
        long,
        env = "KABINET_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,

    /// Maximum open database connections [default: 10].
    #[arg(long, env = "KABINET_DATABASE_MAX_CONNECTIONS", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_max_connections: Option<u32>,

    /// Seed demo accounts and the service catalogue at start [default: true in development, false in production].
    #[arg(long, env = "KABINET_DEMO", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demo: Option<bool>,

    /// Minutes without a request after which a session ends [default: 15].
    #[arg(long, env = "KABINET_SESSION_IDLE_MINUTES", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_idle_minutes: Option<u32>,

    /// Hours after sign-in after which a session ends however active [default: 12].
    #[arg(long, env = "KABINET_SESSION_LIFETIME_HOURS", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_lifetime_hours: Option<u32>,

    /// Largest attachment, in MiB [default: 5].
    #[arg(long, env = "KABINET_UPLOAD_MAX_MIB", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upload_max_mib: Option<u32>,

    /// Argon2id memory per password hash, in KiB [default: 19456].
    #[arg(long, env = "KABINET_ARGON2_MEMORY_KIB", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub argon2_memory_kib: Option<u32>,

    /// Argon2id passes over the memory [default: 2].
    #[arg(long, env = "KABINET_ARGON2_ITERATIONS", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub argon2_iterations: Option<u32>,

    /// Argon2id lanes [default: 1].
    #[arg(long, env = "KABINET_ARGON2_PARALLELISM", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub argon2_parallelism: Option<u32>,

    /// Key that hashes session tokens and one-time codes: 32 bytes, base64url. Required in production.
    #[arg(
        long,
        env = "KABINET_SESSION_KEY",
        global = true,
        hide_env_values = true
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_key: Option<String>,

    /// Keys that encrypt personal data at rest, as id:key[,id:key...]; the first encrypts,
    /// the others only decrypt. Required in production.
    #[arg(long, env = "KABINET_DATA_KEY", global = true, hide_env_values = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_key: Option<String>,

    /// Key of the lookup hashes of SNILS and INN: 32 bytes, base64url. Required in production.
    #[arg(long, env = "KABINET_INDEX_KEY", global = true, hide_env_values = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_key: Option<String>,

    /// Months an action-history entry is kept before it is deleted [default: 12].
    #[arg(long, env = "KABINET_HISTORY_RETENTION_MONTHS", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history_retention_months: Option<u32>,
    /// Issuer URL of the identity provider (ESIA) for "Войти через Госуслуги"; sign-in
    /// through it is off when unset. Must be https, except on a loopback host for tests.
    #[arg(long, env = "KABINET_ESIA_ISSUER", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esia_issuer: Option<String>,

    /// Client id of the portal at the identity provider.
    #[arg(long, env = "KABINET_ESIA_CLIENT_ID", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esia_client_id: Option<String>,

    /// Client secret of the portal at the identity provider.
    #[arg(
        long,
        env = "KABINET_ESIA_CLIENT_SECRET",
        global = true,
        hide_env_values = true
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esia_client_secret: Option<String>,

    /// Client authentication at the provider's token endpoint: client_secret_basic,
    /// client_secret_post, private_key_jwt or gost_signature (ESIA's GOST R 34.10-2012
    /// signature as client_secret) [default: client_secret_basic].
    #[arg(long, env = "KABINET_ESIA_CLIENT_AUTH", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esia_client_auth: Option<String>,

    /// PEM file (PKCS #8) of the portal's P-256 key for private_key_jwt; the provider
    /// has its public key registered.
    #[arg(long, env = "KABINET_ESIA_CLIENT_KEY_FILE", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esia_client_key_file: Option<PathBuf>,

    /// PEM file of the certificate registered at ESIA for gost_signature; its GOST
    /// private key is esia_client_key_file.
    #[arg(long, env = "KABINET_ESIA_CLIENT_CERT_FILE", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esia_client_cert_file: Option<PathBuf>,

    /// The openssl command that makes GOST signatures with the gost engine
    /// [default: openssl].
    #[arg(long, env = "KABINET_ESIA_OPENSSL", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esia_openssl: Option<PathBuf>,

    /// Authentication context classes (acr) accepted from the provider, separated by
    /// commas, e.g. a level of assurance; asked for with acr_values. Unset accepts any.
    #[arg(long, env = "KABINET_ESIA_ACR_VALUES", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esia_acr_values: Option<String>,

    /// Maximum time in seconds since the person last authenticated at the provider,
    /// requested with max_age and checked against auth_time. Unset requests nothing.
    #[arg(long, env = "KABINET_ESIA_MAX_AGE_SECONDS", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esia_max_age_seconds: Option<u64>,

    /// SMTP server for e-mail: smtp://host:25, smtp://user:password@host:587?tls=required
    /// (STARTTLS) or smtps://user:password@host:465 (TLS). Unset, e-mail stays in the
    /// development outbox, or queued in production.
    #[arg(long, env = "KABINET_SMTP_URL", global = true, hide_env_values = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp_url: Option<String>,

    /// PEM file of a certificate authority to trust for the SMTP server's certificate,
    /// besides the public ones: for a mail server with a private CA. Needs a TLS smtp_url.
    #[arg(long, env = "KABINET_SMTP_CA_FILE", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp_ca_file: Option<PathBuf>,

    /// Sender of e-mail, e.g. "Kabinet <noreply@kabinet.example>" [default: Kabinet <noreply@localhost>].
    #[arg(long, env = "KABINET_MAIL_FROM", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mail_from: Option<String>,

    /// Endpoint of the HTTP gateway for SMS. Unset, SMS stays in the development outbox,
    /// or queued in production.
    #[arg(long, env = "KABINET_SMS_URL", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_url: Option<String>,

    /// Login of the portal at the SMS gateway (HTTP basic authentication).
    #[arg(long, env = "KABINET_SMS_LOGIN", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_login: Option<String>,

    /// Password of the portal at the SMS gateway.
    #[arg(
        long,
        env = "KABINET_SMS_PASSWORD",
        global = true,
        hide_env_values = true
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_password: Option<String>,

    /// Token the SMS gateway sends as a bearer token with delivery reports to
    /// /hooks/sms/status.
    #[arg(
        long,
        env = "KABINET_SMS_CALLBACK_TOKEN",
        global = true,
        hide_env_values = true
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_callback_token: Option<String>,

    /// Token of the Telegram bot; the Telegram channel is off when unset.
    #[arg(
        long,
        env = "KABINET_TELEGRAM_TOKEN",
        global = true,
        hide_env_values = true
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telegram_token: Option<String>,

    /// User name of the Telegram bot, without @.
    #[arg(long, env = "KABINET_TELEGRAM_BOT", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telegram_bot: Option<String>,

    /// Base address of the Telegram Bot API [default: https://api.telegram.org].
    #[arg(long, env = "KABINET_TELEGRAM_API_URL", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telegram_api_url: Option<String>,

    /// VAPID private key of Web Push (the P-256 scalar, base64url; `kabinet generate-keys`
    /// prints one). Browser notifications are off when unset.
    #[arg(
        long,
        env = "KABINET_VAPID_PRIVATE_KEY",
        global = true,
        hide_env_values = true
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vapid_private_key: Option<String>,

    /// Contact of the portal's operator for push services, mailto: or https:
    /// [default: mailto:admin@localhost].
    #[arg(long, env = "KABINET_VAPID_SUBJECT", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vapid_subject: Option<String>,

    /// Log filter in tracing's EnvFilter syntax, e.g. info or kabinet_core=debug [default: info].
    #[arg(long, env = "KABINET_LOG", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log: Option<String>,

    /// Log format: text or json [default: text].
    #[arg(long, env = "KABINET_LOG_FORMAT", global = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_format: Option<LogFormat>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// The resolved configuration. Every field has a value.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Config {
    pub env: Mode,
    pub listen: SocketAddr,
    pub public_url: Option<String>,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub database_max_connections: u32,
    pub demo: Option<bool>,
    pub session_idle_minutes: u32,
    pub session_lifetime_hours: u32,
    pub upload_max_mib: u32,
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
    pub argon2_parallelism: u32,
    pub session_key: Option<String>,
    pub data_key: Option<String>,
    pub index_key: Option<String>,
    pub history_retention_months: u32,
    pub log: String,
    pub log_format: LogFormat,
    pub esia_issuer: Option<String>,
    pub esia_client_id: Option<String>,
    pub esia_client_secret: Option<String>,
    pub esia_client_auth: String,
    pub esia_client_key_file: Option<PathBuf>,
    pub esia_client_cert_file: Option<PathBuf>,
    pub esia_openssl: PathBuf,
    pub esia_acr_values: Option<String>,
    pub esia_max_age_seconds: Option<u64>,
    pub smtp_url: Option<String>,
    pub smtp_ca_file: Option<PathBuf>,
    pub mail_from: String,
    pub sms_url: Option<String>,
    pub sms_login: Option<String>,
    pub sms_password: Option<String>,
    pub sms_callback_token: Option<String>,
    pub telegram_token: Option<String>,
    pub telegram_bot: Option<String>,
    pub telegram_api_url: String,
    pub vapid_private_key: Option<String>,
    pub vapid_subject: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            env: Mode::Development,
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            public_url: None,
            data_dir: PathBuf::from("data"),
            database_url: None,
            database_max_connections: 10,
            demo: None,
            session_idle_minutes: 15,
            session_lifetime_hours: 12,
            upload_max_mib: 5,
            argon2_memory_kib: 19_456,
            argon2_iterations: 2,
            argon2_parallelism: 1,
            session_key: None,
            data_key: None,
            index_key: None,
            history_retention_months: 12,
            log: "info".into(),
            log_format: LogFormat::Text,
            esia_issuer: None,
            esia_client_id: None,
            esia_client_secret: None,
            esia_client_auth: "client_secret_basic".into(),
            esia_client_key_file: None,
            esia_client_cert_file: None,
            esia_openssl: PathBuf::from("openssl"),
            esia_acr_values: None,
            esia_max_age_seconds: None,
            smtp_url: None,
            smtp_ca_file: None,
            mail_from: "Kabinet <noreply@localhost>".into(),
            sms_url: None,
            sms_login: None,
            sms_password: None,
            sms_callback_token: None,
            telegram_token: None,
            telegram_bot: None,
            telegram_api_url: "https://api.telegram.org".into(),
            vapid_private_key: None,
            vapid_subject: "mailto:admin@localhost".into(),
        }
    }
}

/// Every `KABINET_*` variable the portal reads; others are reported as likely typos.
pub const KNOWN_VARIABLES: [&str; 42] = [
    "KABINET_CONFIG",
    "KABINET_ENV",
    "KABINET_LISTEN",
    "KABINET_PUBLIC_URL",
    "KABINET_DATA_DIR",
    "KABINET_DATABASE_URL",
    "KABINET_DATABASE_MAX_CONNECTIONS",
    "KABINET_DEMO",
    "KABINET_SESSION_IDLE_MINUTES",
    "KABINET_SESSION_LIFETIME_HOURS",
    "KABINET_UPLOAD_MAX_MIB",
    "KABINET_ARGON2_MEMORY_KIB",
    "KABINET_ARGON2_ITERATIONS",
    "KABINET_ARGON2_PARALLELISM",
    "KABINET_SESSION_KEY",
    "KABINET_DATA_KEY",
    "KABINET_INDEX_KEY",
    "KABINET_HISTORY_RETENTION_MONTHS",
    "KABINET_LOG",
    "KABINET_LOG_FORMAT",
    "KABINET_ESIA_ISSUER",
    "KABINET_ESIA_CLIENT_ID",
    "KABINET_ESIA_CLIENT_SECRET",
    "KABINET_ESIA_CLIENT_AUTH",
    "KABINET_ESIA_CLIENT_KEY_FILE",
    "KABINET_ESIA_CLIENT_CERT_FILE",
    "KABINET_ESIA_OPENSSL",
    "KABINET_ESIA_ACR_VALUES",
    "KABINET_ESIA_MAX_AGE_SECONDS",
    "KABINET_SMTP_URL",
    "KABINET_SMTP_CA_FILE",
    "KABINET_MAIL_FROM",
    "KABINET_SMS_URL",
    "KABINET_SMS_LOGIN",
    "KABINET_SMS_PASSWORD",
    "KABINET_SMS_CALLBACK_TOKEN",
    "KABINET_TELEGRAM_TOKEN",
    "KABINET_TELEGRAM_BOT",
    "KABINET_TELEGRAM_API_URL",
    "KABINET_VAPID_PRIVATE_KEY",
    "KABINET_VAPID_SUBJECT",
    // Read by the test suite, not the server; listed so it is not reported.
    "KABINET_TEST_POSTGRES_URL",
];

impl Config {
    /// Merges the defaults, the configuration file named in `args` and `args` itself
    /// (which already holds the environment variables).
    pub fn load(args: &SettingArgs) -> anyhow::Result<Config> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(path) = &args.config {
            if !path.exists() {
                anyhow::bail!("the configuration file {} does not exist", path.display());
            }
            figment = figment.merge(Toml::file(path));
        }
        let config: Config = figment
            .merge(Serialized::defaults(args))
            .extract()
            .map_err(|error| anyhow::anyhow!("invalid configuration: {error}"))?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> anyhow::Result<()> {
        if self.session_idle_minutes == 0 || self.session_lifetime_hours == 0 {
            anyhow::bail!("session_idle_minutes and session_lifetime_hours must be at least 1");
        }
        if self.upload_max_mib == 0 || self.upload_max_mib > 100 {
            anyhow::bail!(
                "upload_max_mib must be between 1 and 100, got {}",
                self.upload_max_mib
            );
        }
        if self.production() && self.demo == Some(true) {
            anyhow::bail!(
                "demo data cannot be seeded in production: its accounts have a published password; unset KABINET_DEMO"
            );
        }
        if self.production() && !self.public_url().starts_with("https://") {
            anyhow::bail!(
                "production needs an https:// public_url (KABINET_PUBLIC_URL), so that cookies are Secure; got {}",
                self.public_url()
            );
        }
        if self.history_retention_months == 0 || self.history_retention_months > 1200 {
            anyhow::bail!(
                "history_retention_months must be between 1 and 1200, got {}",
                self.history_retention_months
            );
        }
        if let Some(url) = &self.public_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            anyhow::bail!("public_url must start with http:// or https://, got {url}");
        }
        self.sso()?;
        if let Some(url) = &self.smtp_url
            && !(url.starts_with("smtp://") || url.starts_with("smtps://"))
        {
            anyhow::bail!("smtp_url (KABINET_SMTP_URL) must start with smtp:// or smtps://");
        }
        self.sms()?;
        self.telegram()?;
        self.push()?;
        Ok(())
    }

    /// The SMS gateway's settings, or `None` when `sms_url` is unset.
    pub fn sms(&self) -> anyhow::Result<Option<SmsSettings>> {
        let Some(url) = &self.sms_url else {
            return Ok(None);
        };
        if !url.starts_with("https://") && !is_loopback_http(url) {
            anyhow::bail!(
                "sms_url (KABINET_SMS_URL) must be an https:// URL, or http:// on a loopback host for tests"
            );
        }
        let (Some(login), Some(password), Some(callback_token)) = (
            &self.sms_login,
            &self.sms_password,
            &self.sms_callback_token,
        ) else {
            anyhow::bail!(
                "sms_url is set, so KABINET_SMS_LOGIN, KABINET_SMS_PASSWORD and KABINET_SMS_CALLBACK_TOKEN are needed too"
            );
        };
        if callback_token.len() < 32 {
            anyhow::bail!(
                "sms_callback_token (KABINET_SMS_CALLBACK_TOKEN) needs at least 32 characters"
            );
        }
        Ok(Some(SmsSettings {
            url: url.clone(),
            login: login.clone(),
            password: password.clone(),
            callback_token: callback_token.clone(),
        }))
    }

    /// The Web Push settings, or `None` when `vapid_private_key` is unset.
    pub fn push(&self) -> anyhow::Result<Option<PushSettings>> {
        let Some(key) = &self.vapid_private_key else {
            return Ok(None);
        };
        if !(self.vapid_subject.starts_with("mailto:")
            || self.vapid_subject.starts_with("https://"))
        {
            anyhow::bail!(
                "vapid_subject (KABINET_VAPID_SUBJECT) must start with mailto: or https://"
            );
        }
        let settings = PushSettings {
            vapid_private_key: key.clone(),
            subject: self.vapid_subject.clone(),
        };
        kabinet_core::deliveries::push::WebPush::new(settings.clone()).map_err(|_| {
            anyhow::anyhow!(
                "vapid_private_key (KABINET_VAPID_PRIVATE_KEY) is not a base64url P-256 key"
            )
        })?;
        Ok(Some(settings))
    }

    /// The Telegram bot's settings, or `None` when `telegram_token` is unset.
    pub fn telegram(&self) -> anyhow::Result<Option<TelegramSettings>> {
        let Some(token) = &self.telegram_token else {
            return Ok(None);
        };
        let Some(bot_name) = &self.telegram_bot else {
            anyhow::bail!(
                "telegram_token is set, so KABINET_TELEGRAM_BOT (the bot's user name) is needed too"
            );
        };
        let api_url = self.telegram_api_url.trim_end_matches('/').to_string();
        if !api_url.starts_with("https://") && !is_loopback_http(&api_url) {
            anyhow::bail!(
                "telegram_api_url (KABINET_TELEGRAM_API_URL) must be an https:// URL, or http:// on a loopback host for tests"
            );
        }
        Ok(Some(TelegramSettings {
            api_url,
            token: token.clone(),
            bot_name: bot_name.trim_start_matches('@').to_string(),
        }))
    }

    /// The SMTP server's settings, or `None` when `smtp_url` is unset.
    pub fn smtp(&self) -> Option<SmtpSettings> {
        self.smtp_url.clone().map(|url| SmtpSettings {
            url,
            from: self.mail_from.clone(),
            ca_file: self.smtp_ca_file.clone(),
        })
    }

    /// Builds the identity provider's settings, or returns `None` when `esia_issuer` is unset.
    pub fn sso(&self) -> anyhow::Result<Option<SsoSettings>> {
        let Some(issuer) = &self.esia_issuer else {
            return Ok(None);
        };
        let issuer = issuer.trim_end_matches('/').to_string();
        if !issuer.starts_with("https://") && !is_loopback_http(&issuer) {
            anyhow::bail!(
                "esia_issuer (KABINET_ESIA_ISSUER) must be an https:// URL, or http:// on a loopback host for tests; got {issuer}"
            );
        }
        let Some(client_id) = self.esia_client_id.clone() else {
            anyhow::bail!(
                "esia_issuer is set but esia_client_id (KABINET_ESIA_CLIENT_ID) is missing"
            );
        };
        let client_auth = match self.esia_client_auth.as_str() {
            "client_secret_basic" => ClientAuth::SecretBasic,
            "client_secret_post" => ClientAuth::SecretPost,
            "private_key_jwt" => ClientAuth::PrivateKeyJwt,
            "gost_signature" => ClientAuth::GostSignature,
            other => anyhow::bail!(
                "esia_client_auth (KABINET_ESIA_CLIENT_AUTH) must be client_secret_basic, client_secret_post, private_key_jwt or gost_signature, got {other}"
            ),
        };
        let gost = if client_auth == ClientAuth::GostSignature {
            let (Some(key), Some(certificate)) =
                (&self.esia_client_key_file, &self.esia_client_cert_file)
            else {
                anyhow::bail!(
                    "gost_signature needs esia_client_key_file (KABINET_ESIA_CLIENT_KEY_FILE) and esia_client_cert_file (KABINET_ESIA_CLIENT_CERT_FILE)"
                );
            };
            for (name, path) in [
                ("esia_client_key_file", key),
                ("esia_client_cert_file", certificate),
            ] {
                std::fs::metadata(path)
                    .with_context(|| format!("cannot read {name} {}", path.display()))?;
            }
            Some(GostSigner {
                openssl: self.esia_openssl.clone(),
                certificate: certificate.clone(),
                key: key.clone(),
            })
        } else {
            None
        };
        let client_key = if client_auth == ClientAuth::GostSignature {
            None
        } else if client_auth == ClientAuth::PrivateKeyJwt {
            let Some(path) = &self.esia_client_key_file else {
                anyhow::bail!(
                    "private_key_jwt needs esia_client_key_file (KABINET_ESIA_CLIENT_KEY_FILE)"
                );
            };
            let pem = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read esia_client_key_file {}", path.display()))?;
            let key = ClientKey::from_pem(&pem).map_err(|error| {
                anyhow::anyhow!("esia_client_key_file {}: {error}", path.display())
            })?;
            Some(key)
        } else {
            if self.esia_client_secret.is_none() {
                anyhow::bail!(
                    "{} needs esia_client_secret (KABINET_ESIA_CLIENT_SECRET)",
                    self.esia_client_auth
                );
            }
            None
        };
        Ok(Some(SsoSettings {
            issuer,
            client_id,
            client_secret: self.esia_client_secret.clone(),
            client_auth,
            client_key,
            gost,
            redirect_url: format!("{}/auth/esia/callback", self.public_url()),
            scopes: SsoSettings::default_scopes(),
            acr_values: self
                .esia_acr_values
                .iter()
                .flat_map(|values| values.split(','))
                .map(str::trim)
                .filter(|value| !value.is_empty())
                .map(str::to_string)
                .collect(),
            max_age: self
                .esia_max_age_seconds
                .map(std::time::Duration::from_secs),
        }))
    }

    pub fn production(&self) -> bool {
        self.env == Mode::Production
    }

    /// Whether to seed demo data: on by default in development only.
    pub fn demo(&self) -> bool {
        self.demo.unwrap_or(!self.production())
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("kabinet.db").display()))
    }

    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
            .trim_end_matches('/')
            .to_string()
    }

    /// Cookies are `Secure` over HTTPS, and on loopback addresses, which browsers treat
    /// as secure contexts even over plain HTTP.
    pub fn secure_cookies(&self) -> bool {
        let url = self.public_url();
        url.starts_with("https://")
            || url.starts_with("http://127.")
            || url.starts_with("http://localhost")
            || url.starts_with("http://[::1]")
    }
}

/// Whether `url` is plain http to 127.0.0.1, ::1 or localhost, with an optional port.
fn is_loopback_http(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host_port = rest.split('/').next().unwrap_or_default();
    let host = match host_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback())
}

/// Names of set `KABINET_*` variables that the portal does not read.
pub fn unknown_variables() -> Vec<String> {
    std::env::vars()
        .map(|(name, _)| name)
        .filter(|name| name.starts_with("KABINET_") && !KNOWN_VARIABLES.contains(&name.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esia_issuer_must_be_https_unless_loopback() {
        let with_issuer = |issuer: &str| Config {
            esia_issuer: Some(issuer.into()),
            esia_client_id: Some("kabinet".into()),
            esia_client_secret: Some("secret".into()),
            ..Config::default()
        };
        assert!(
            with_issuer("https://esia.gosuslugi.ru")
                .sso()
                .unwrap()
                .is_some()
        );
        assert!(with_issuer("http://127.0.0.1:4000").sso().is_ok());
        assert!(with_issuer("http://[::1]:4000").sso().is_ok());
        assert!(with_issuer("http://esia.gosuslugi.ru").sso().is_err());
        assert!(with_issuer("http://127.0.0.1.example:4000").sso().is_err());
        let settings = with_issuer("https://esia.gosuslugi.ru/")
            .sso()
            .unwrap()
            .unwrap();
        assert_eq!(settings.issuer, "https://esia.gosuslugi.ru");
        assert_eq!(
            settings.redirect_url,
            "http://127.0.0.1:3000/auth/esia/callback"
        );
        assert!(Config::default().sso().unwrap().is_none());
        assert!(settings.acr_values.is_empty());
        assert_eq!(settings.max_age, None);
        let strict = Config {
            esia_acr_values: Some(" urn:esia:loa:3, ,urn:esia:loa:4".into()),
            esia_max_age_seconds: Some(600),
            ..with_issuer("https://esia.gosuslugi.ru")
        }
        .sso()
        .unwrap()
        .unwrap();
        assert_eq!(strict.acr_values, ["urn:esia:loa:3", "urn:esia:loa:4"]);
        assert_eq!(strict.max_age, Some(std::time::Duration::from_secs(600)));
    }

    #[test]
    fn esia_client_auth_is_checked() {
        let with_auth = |auth: &str, key_file: Option<PathBuf>| Config {
            esia_issuer: Some("https://esia.gosuslugi.ru".into()),
            esia_client_id: Some("kabinet".into()),
            esia_client_secret: Some("secret".into()),
            esia_client_auth: auth.into(),
            esia_client_key_file: key_file,
            ..Config::default()
        };
        let error = with_auth("gost", None).sso().unwrap_err().to_string();
        assert!(error.contains("got gost"), "{error}");
        let error = with_auth("private_key_jwt", None)
            .sso()
            .unwrap_err()
            .to_string();
        assert!(error.contains("KABINET_ESIA_CLIENT_KEY_FILE"), "{error}");

        let folder = std::env::temp_dir().join(format!("kabinet-key-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let not_a_key = folder.join("not-a-key.pem");
        std::fs::write(
            &not_a_key,
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        )
        .unwrap();
        let error = with_auth("private_key_jwt", Some(not_a_key))
            .sso()
            .unwrap_err()
            .to_string();
        assert!(error.contains("not a P-256 private key"), "{error}");
        let key_file = folder.join("client.pem");
        std::fs::write(&key_file, ClientKey::generate().to_pem()).unwrap();
        let settings = with_auth("private_key_jwt", Some(key_file))
            .sso()
            .unwrap()
            .unwrap();
        assert_eq!(settings.client_auth, ClientAuth::PrivateKeyJwt);
        assert!(settings.client_key.is_some());
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn defaults_run_the_demo() {
        let config = Config::load(&SettingArgs::default()).unwrap();
        assert!(config.demo());
        assert_eq!(config.database_url(), "sqlite://data/kabinet.db");
        assert_eq!(config.public_url(), "http://127.0.0.1:3000");
        assert!(config.secure_cookies());
    }

    #[test]
    fn file_is_overridden_by_arguments() {
        let path =
            std::env::temp_dir().join(format!("kabinet-config-{}.toml", uuid::Uuid::new_v4()));
        std::fs::write(
            &path,
            "session_idle_minutes = 30\nupload_max_mib = 7\nenv = \"production\"\npublic_url = \"https://kabinet.example\"\n",
        )
        .unwrap();
        let args = SettingArgs {
            config: Some(path.clone()),
            upload_max_mib: Some(9),
            ..SettingArgs::default()
        };

        let config = Config::load(&args).unwrap();
        std::fs::remove_file(path).unwrap();

        assert_eq!(config.session_idle_minutes, 30);
        assert_eq!(config.upload_max_mib, 9);
        assert!(config.production());
        assert!(!config.demo(), "production turns the demo off by default");
    }

    #[test]
    fn missing_file_is_an_error() {
        let args = SettingArgs {
            config: Some(PathBuf::from("/nonexistent/kabinet.toml")),
            ..SettingArgs::default()
        };
        let error = Config::load(&args).unwrap_err().to_string();
        assert!(error.contains("/nonexistent/kabinet.toml"), "{error}");
    }

    #[test]
    fn history_retention_defaults_to_twelve_months() {
        let config = Config::load(&SettingArgs::default()).unwrap();
        assert_eq!(config.history_retention_months, 12);
        let args = SettingArgs {
            history_retention_months: Some(0),
            ..SettingArgs::default()
        };
        let error = Config::load(&args).unwrap_err().to_string();
        assert!(error.contains("history_retention_months"), "{error}");
    }

    #[test]
    fn bad_public_url_is_named() {
        let args = SettingArgs {
            public_url: Some("kabinet.example".into()),
            ..SettingArgs::default()
        };
        let error = Config::load(&args).unwrap_err().to_string();
        assert!(error.contains("kabinet.example"), "{error}");
    }

    #[test]
    fn production_refuses_demo_and_plain_http() {
        let demo = SettingArgs {
            env: Some(Mode::Production),
            public_url: Some("https://kabinet.example".into()),
            demo: Some(true),
            ..SettingArgs::default()
        };
        let plain = SettingArgs {
            env: Some(Mode::Production),
            public_url: Some("http://kabinet.example".into()),
            ..SettingArgs::default()
        };

        let demo_error = Config::load(&demo).unwrap_err().to_string();
        let plain_error = Config::load(&plain).unwrap_err().to_string();

        assert!(demo_error.contains("KABINET_DEMO"), "{demo_error}");
        assert!(plain_error.contains("KABINET_PUBLIC_URL"), "{plain_error}");
    }

    #[test]
    fn plain_http_on_a_public_host_has_insecure_cookies() {
        let args = SettingArgs {
            public_url: Some("http://kabinet.example".into()),
            ..SettingArgs::default()
        };
        assert!(!Config::load(&args).unwrap().secure_cookies());
    }
}
