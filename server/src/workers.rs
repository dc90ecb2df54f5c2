//! Background jobs of the server: sending queued messages, removing expired data and
//! reporting overdue applications.

use std::sync::Arc;
use std::time::Duration;

use kabinet_core::Core;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often queued SMS and e-mail are looked for. A round sends everything due.
const DELIVERY_INTERVAL: Duration = Duration::from_secs(1);
/// How often expired codes, flashes, staged files and history entries past the retention
/// period are removed, and the daily overdue reports are looked for.
const PURGE_INTERVAL: Duration = Duration::from_secs(600);

/// Starts the workers. Sending `true` on the returned channel stops them after the job
/// in progress.
pub fn start(core: Arc<Core>) -> (watch::Sender<bool>, Vec<JoinHandle<()>>) {
    let (stop, stopped) = watch::channel(false);
    let delivery = {
        let core = core.clone();
        every(DELIVERY_INTERVAL, stopped.clone(), move || {
            let core = core.clone();
            async move {
                match core.deliver_queued().await {
                    Ok(round) if round.is_empty() => {}
                    Ok(round) => tracing::info!(
                        deliveries.sent = round.sent,
                        deliveries.deferred = round.deferred,
                        deliveries.failed = round.failed,
                        "queued messages handled"
                    ),
                    Err(error) => {
                        tracing::error!(%error, "delivering queued messages failed; retrying")
                    }
                }
            }
        })
    };
    let stopped_telegram = stopped.clone();
    let purge = every(PURGE_INTERVAL, stopped, {
        let core = core.clone();
        move || {
            let core = core.clone();
            async move {
                match core.purge_notifications().await {
                    Ok(0) => {}
                    Ok(count) => tracing::info!(
                        rows.count = count,
                        "notifications past the retention period deleted"
                    ),
                    Err(error) => {
                        tracing::error!(%error, "deleting old notifications failed; retrying")
                    }
                }
                match core.purge_expired().await {
                    Ok(0) => {}
                    Ok(count) => tracing::info!(rows.count = count, "expired data removed"),
                    Err(error) => tracing::error!(%error, "removing expired data failed; retrying"),
                }
                match core.purge_history().await {
                    Ok(purged) if purged.entries == 0 && purged.partitions == 0 => {}
                    Ok(purged) => tracing::info!(
                        entries.count = purged.entries,
                        partitions.count = purged.partitions,
                        "history entries past the retention period deleted"
                    ),
                    Err(error) => {
                        tracing::error!(%error, "deleting old history entries failed; retrying")
                    }
                }
                if let Err(error) = core.report_overdue().await {
                    tracing::error!(%error, "sending the overdue reports failed; retrying");
                }
                if let Err(error) = core.seal_tamper_attempts().await {
                    tracing::error!(%error, "moving rejected history changes to the audit log failed; retrying");
                }
            }
        }
    });
    let mut workers = vec![delivery, purge];
    if core.settings.telegram.is_some() {
        workers.push(telegram(core.clone(), stopped_telegram));
    }
    (stop, workers)
}

/// How long one request for the Telegram bot's updates waits for a message.
const TELEGRAM_WAIT_SECONDS: u32 = 25;

/// Reads the Telegram bot's messages without pause, linking chats that send a start code.
fn telegram(core: Arc<Core>, mut stopped: watch::Receiver<bool>) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            tokio::select! {
                result = core.poll_telegram(TELEGRAM_WAIT_SECONDS) => {
                    if let Err(error) = result {
                        tracing::error!(%error, "reading Telegram updates failed; retrying");
                        tokio::time::sleep(Duration::from_secs(5)).await;
                    }
                }
                _ = stopped.changed() => break,
            }
        }
    })
}

fn every<F, Fut>(interval: Duration, mut stopped: watch::Receiver<bool>, job: F) -> JoinHandle<()>
where
    F: Fn() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(interval);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = ticker.tick() => job().await,
                _ = stopped.changed() => break,
            }
        }
    })
}
