//! Storage on SQLite or PostgreSQL with one set of queries.
//!
//! Every domain query is written once, with `$1`-style parameters that both drivers accept,
//! and compiled for both backends by [`on_conn!`]. Types are chosen so that each backend
//! has a native encoding: `Uuid` (BLOB / UUID), `DateTime<Utc>` (TEXT / TIMESTAMPTZ),
//! `NaiveDate` (TEXT / DATE), `Vec<u8>` (BLOB / BYTEA), `bool`, `i32` and `i64`.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

/// A connection pool of either backend.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open transaction of either backend. Dropping it without [`Tx::commit`] rolls back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs `$body` with `$conn` bound to the backend connection of a [`Tx`] (or `&mut Tx`).
/// The body is compiled once per backend, so it may use any sqlx call that both support.
#[macro_export]
macro_rules! on_conn {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite(tx) => {
                let $conn = &mut **tx;
                $body
            }
            $crate::db::Tx::Postgres(tx) => {
                let $conn = &mut **tx;
                $body
            }
        }
    };
}

/// Executes a statement built by `$query` on a [`Tx`] and returns the number of rows it
/// changed. `$query` is a `sqlx::query(...)` with its binds, without `.execute`.
#[macro_export]
macro_rules! execute {
    ($tx:expr, $query:expr) => {
        $crate::on_conn!($tx, conn => $query.execute(conn).await.map(|done| done.rows_affected()))
    };
}

/// Which backend a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// Settings of the connection pool.
#[derive(Clone, Debug)]
pub struct PoolSettings {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: 10,
            acquire_timeout: Duration::from_secs(10),
        }
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

impl Db {
    /// Opens a pool for `url`. A SQLite file is created when missing, in WAL mode with
    /// foreign keys on.
    pub async fn connect(url: &str, settings: &PoolSettings) -> Result<Db, sqlx::Error> {
        match Backend::of_url(url) {
            Some(Backend::Sqlite) => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10));
                let pool = SqlitePoolOptions::new()
                    .max_connections(settings.max_connections)
                    .acquire_timeout(settings.acquire_timeout)
                    .connect_with(options)
                    .await?;
                Ok(Db::Sqlite(pool))
            }
            Some(Backend::Postgres) => {
                let options = PgConnectOptions::from_str(url)?;
                Self::connect_postgres(options, settings).await
            }
            None => Err(sqlx::Error::Configuration(
                "the database URL must start with sqlite: or postgres:".into(),
            )),
        }
    }

    /// Opens a PostgreSQL pool with explicit options (tests use this to pin a schema).
    pub async fn connect_postgres(
        options: PgConnectOptions,
        settings: &PoolSettings,
    ) -> Result<Db, sqlx::Error> {
        let pool = PgPoolOptions::new()
            .max_connections(settings.max_connections)
            .acquire_timeout(settings.acquire_timeout)
            .connect_with(options)
            .await?;
        Ok(Db::Postgres(pool))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        }
    }

    /// Starts a transaction that will write.
    ///
    /// On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`): a deferred
    /// transaction that reads first and writes later fails with `SQLITE_BUSY` instead of
    /// waiting when another connection writes in between.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        match self {
            Db::Sqlite(pool) => Ok(Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?)),
            Db::Postgres(pool) => Ok(Tx::Postgres(pool.begin().await?)),
        }
    }

    /// Starts a transaction that only reads, so it sees one consistent snapshot.
    pub async fn begin_read(&self) -> Result<Tx, sqlx::Error> {
        match self {
            Db::Sqlite(pool) => Ok(Tx::Sqlite(pool.begin().await?)),
            Db::Postgres(pool) => Ok(Tx::Postgres(pool.begin().await?)),
        }
    }

    /// Checks that the database answers, for `/readyz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        match self {
            Db::Sqlite(pool) => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()),
            Db::Postgres(pool) => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()),
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(pool) => pool.close().await,
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Returns the name of the violated constraint when `error` is a unique violation.
///
/// Names follow PostgreSQL's default for `UNIQUE` constraints, `<table>_<columns>_key`
/// (e.g. `users_phone_key`, `applications_user_id_request_key_key`). PostgreSQL reports that
/// name itself; SQLite reports only the columns (`users.phone`), from which the same name is
/// built, so callers match one name on both backends.
pub fn unique_violation(error: &sqlx::Error) -> Option<String> {
    let sqlx::Error::Database(db_error) = error else {
        return None;
    };
    if !db_error.is_unique_violation() {
        return None;
    }
    if let Some(constraint) = db_error.constraint() {
        return Some(constraint.to_string());
    }
    let columns = db_error
        .message()
        .strip_prefix("UNIQUE constraint failed: ")?;
    let mut table = "";
    let mut names = Vec::new();
    for qualified in columns.split(", ") {
        let (table_name, column) = qualified.split_once('.')?;
        table = table_name;
        names.push(column);
    }
    Some(format!("{table}_{}_key", names.join("_")))
}
