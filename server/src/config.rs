//! Configuration: built-in defaults that run the demo, then a TOML file, then
//! `KABINET_*` environment variables, then command-line flags, each overriding the one
//! before. `kabinet --help` lists every setting with its unit.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use figment::Figment;
use figment::providers::{Format, Serialized, Toml};
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
    pub log: String,
    pub log_format: LogFormat,
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
            log: "info".into(),
            log_format: LogFormat::Text,
        }
    }
}

/// Every `KABINET_*` variable the portal reads; others are reported as likely typos.
pub const KNOWN_VARIABLES: [&str; 20] = [
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
    "KABINET_LOG",
    "KABINET_LOG_FORMAT",
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
        if let Some(url) = &self.public_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            anyhow::bail!("public_url must start with http:// or https://, got {url}");
        }
        Ok(())
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
            "session_idle_minutes = 30\nupload_max_mib = 7\nenv = \"production\"\n",
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
    fn bad_public_url_is_named() {
        let args = SettingArgs {
            public_url: Some("kabinet.example".into()),
            ..SettingArgs::default()
        };
        let error = Config::load(&args).unwrap_err().to_string();
        assert!(error.contains("kabinet.example"), "{error}");
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
