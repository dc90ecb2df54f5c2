//! The `kabinet` server: configuration, the HTTP stack around the Leptos app, and the
//! background workers. `main.rs` only parses the command line and calls [`run`].

pub mod config;
pub mod telemetry;
pub mod web;
pub mod workers;

use std::sync::Arc;

use anyhow::Context;
use kabinet_app::ssr::WebSettings;
use kabinet_core::db::{Db, PoolSettings};
use kabinet_core::keys::{KeySettings, Keys};
use kabinet_core::password::HashCost;
use kabinet_core::{Core, Settings};
use leptos::config::LeptosOptions;

use crate::config::Config;

/// Opens the database, runs migrations, publishes the bundled service catalogue and, in
/// demo mode, seeds the demo data.
pub async fn open_core(config: &Config) -> anyhow::Result<Arc<Core>> {
    std::fs::create_dir_all(&config.data_dir).with_context(|| {
        format!(
            "cannot create the data folder {}",
            config.data_dir.display()
        )
    })?;
    let key_settings = KeySettings {
        session_key: config.session_key.clone(),
        data_key: config.data_key.clone(),
        index_key: config.index_key.clone(),
    };
    let keys = Keys::load(&key_settings, &config.data_dir, config.production())?;

    let pool = PoolSettings {
        max_connections: config.database_max_connections,
        ..PoolSettings::default()
    };
    let db = Db::connect(&config.database_url(), &pool)
        .await
        .context("cannot open the database (check KABINET_DATABASE_URL)")?;

    let mut settings = Settings::new(config.data_dir.clone());
    settings.production = config.production();
    settings.session_idle = chrono::Duration::minutes(i64::from(config.session_idle_minutes));
    settings.session_lifetime = chrono::Duration::hours(i64::from(config.session_lifetime_hours));
    settings.upload_max_bytes = u64::from(config.upload_max_mib) * 1024 * 1024;
    settings.history_retention_months = config.history_retention_months;
    settings.sso = config.sso()?;
    if let Some(signer) = settings.sso.as_ref().and_then(|sso| sso.gost.as_ref()) {
        signer.check().await.context(
            "the ESIA GOST signature failed: check esia_client_key_file, esia_client_cert_file and that openssl has the gost engine (Debian: libengine-gost-openssl)",
        )?;
    }
    settings.public_url = config.public_url();
    settings.smtp = config.smtp();
    settings.sms = config.sms()?;
    settings.telegram = config.telegram()?;
    settings.push = config.push()?;
    settings.password_cost = HashCost {
        memory_kib: config.argon2_memory_kib,
        iterations: config.argon2_iterations,
        parallelism: config.argon2_parallelism,
    };

    let core = Core::open(db, keys, settings).await?;
    // The bundled services are published on every start, demo or not; a changed
    // definition becomes a new version.
    core.seed_catalogue()
        .await
        .context("cannot publish the service catalogue")?;
    if config.demo() {
        core.seed_demo()
            .await
            .context("cannot seed the demo data")?;
        tracing::info!("demo data ready");
    }
    Ok(Arc::new(core))
}

/// Verifies the hash chains of the action history and the audit log, printing the first
/// broken entry of each broken chain. Returns whether every chain is intact.
pub async fn verify_audit(config: &Config) -> anyhow::Result<bool> {
    let core = open_core(&Config {
        demo: Some(false),
        ..config.clone()
    })
    .await?;
    core.seal_tamper_attempts()
        .await
        .context("cannot move rejected history changes into the audit log")?;
    let report = core
        .verify_integrity()
        .await
        .context("cannot read the history and audit chains")?;
    println!(
        "checked {} history entries of {} people and {} audit entries",
        report.history_entries, report.people, report.audit_entries
    );
    for broken in &report.breaks {
        println!("broken: {broken}");
    }
    if report.breaks.is_empty() {
        println!("all chains are intact");
    }
    core.db.close().await;
    Ok(report.breaks.is_empty())
}

/// Runs `kabinet keys reseal`: seals every value of an older data key with the current one.
pub async fn reseal_keys(config: &Config) -> anyhow::Result<()> {
    let core = open_core(&Config {
        demo: Some(false),
        ..config.clone()
    })
    .await?;
    let report = core
        .reseal_with_current_key()
        .await
        .context("cannot seal the stored values with the current data key")?;
    let (current, _) = core.keys.data.current();
    println!(
        "sealed with key {current}: {} values and {} files re-encrypted, {} already current",
        report.values, report.files, report.current
    );
    core.db.close().await;
    Ok(())
}

/// The settings of the web layer derived from the configuration.
pub fn web_settings(config: &Config) -> WebSettings {
    WebSettings {
        secure_cookies: config.secure_cookies(),
        production: config.production(),
        session_max_age_seconds: i64::from(config.session_lifetime_hours) * 3600,
    }
}

/// Leptos options from the environment cargo-leptos sets, with our listen address.
pub fn leptos_options(config: &Config) -> anyhow::Result<LeptosOptions> {
    let mut options = leptos::config::get_configuration(None)
        .context("cannot read the Leptos configuration (LEPTOS_* variables)")?
        .leptos_options;
    options.site_addr = config.listen;
    Ok(options)
}

/// Serves the portal until Ctrl-C or SIGTERM, then finishes requests and jobs in flight.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let core = open_core(&config).await?;
    let options = leptos_options(&config)?;
    let metrics = telemetry::install_metrics()?;
    let router = web::router(
        core.clone(),
        web_settings(&config),
        options,
        metrics,
        config.production(),
    );

    let (stop_workers, workers) = workers::start(core.clone());
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    tracing::info!(address = %config.listen, url = %config.public_url(), mode = ?config.env, "portal started");

    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("the HTTP server failed")?;

    tracing::info!("stopping background workers");
    let _ = stop_workers.send(true);
    for worker in workers {
        let _ = worker.await;
    }
    core.db.close().await;
    tracing::info!("portal stopped");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutdown requested");
    web::events::stop_streams();
}
