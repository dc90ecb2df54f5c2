//! Background jobs of the server: sending queued messages and removing expired data.

use std::sync::Arc;
use std::time::Duration;

use kabinet_core::Core;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often queued SMS and e-mail are handed over.
const DELIVERY_INTERVAL: Duration = Duration::from_secs(1);
/// How often expired codes, flashes and staged files are removed.
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
                    Ok(0) => {}
                    Ok(count) => tracing::info!(
                        deliveries.count = count,
                        "messages handed to the development outbox"
                    ),
                    Err(error) => {
                        tracing::error!(%error, "delivering queued messages failed; retrying")
                    }
                }
            }
        })
    };
    let purge = every(PURGE_INTERVAL, stopped, move || {
        let core = core.clone();
        async move {
            match core.purge_expired().await {
                Ok(0) => {}
                Ok(count) => tracing::info!(rows.count = count, "expired data removed"),
                Err(error) => tracing::error!(%error, "removing expired data failed; retrying"),
            }
        }
    });
    (stop, vec![delivery, purge])
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
