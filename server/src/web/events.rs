//! Live updates for open pages over Server-Sent Events: the number of unread
//! notifications, sent when it changes.
//!
//! Each open stream reads the count every few seconds with one indexed query, so
//! updates reach a page whichever server process wrote the notification.

use std::convert::Infallible;
use std::sync::LazyLock;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use kabinet_core::accounts::SessionUser;
use tokio::sync::watch;

use super::AppState;

/// How often a stream looks for a new count.
const CHECK_INTERVAL: Duration = Duration::from_secs(3);
/// How long one stream lasts. The browser then reconnects, and the new request checks
/// the session again, so a stream never outlives its session by more than this.
const STREAM_LIFETIME: Duration = Duration::from_secs(300);

/// Set once the server is shutting down: open streams end, so that the graceful shutdown
/// does not wait for them.
static STOPPING: LazyLock<watch::Sender<bool>> = LazyLock::new(|| watch::channel(false).0);

/// Ends every open stream; called when shutdown begins.
pub fn stop_streams() {
    STOPPING.send_replace(true);
}

/// Streams `unread` events with the count of unread notifications: the current count
/// at once, then each new one.
pub async fn stream(State(state): State<AppState>, request: Request) -> Response {
    let Some(user) = request.extensions().get::<SessionUser>() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let user_id = user.actor.user_id;
    let core = state.core.clone();
    let ends = tokio::time::Instant::now() + STREAM_LIFETIME;
    let stopping = STOPPING.subscribe();
    let events = stream::unfold(
        (core, stopping, None::<u32>, true),
        move |(core, mut stopping, last, first)| async move {
            // Waits one interval; false when the stream should end instead.
            let pause = async |stopping: &mut watch::Receiver<bool>| {
                tokio::select! {
                    () = tokio::time::sleep(CHECK_INTERVAL) => tokio::time::Instant::now() < ends,
                    _ = stopping.wait_for(|stopping| *stopping) => false,
                }
            };
            if *stopping.borrow() || (!first && !pause(&mut stopping).await) {
                return None;
            }
            loop {
                match core.unread_notifications(user_id).await {
                    Ok(count) if Some(count) != last => {
                        let event = Event::default().event("unread").data(count.to_string());
                        let state = (core, stopping, Some(count), false);
                        return Some((Ok::<_, Infallible>(event), state));
                    }
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "reading the unread count failed"),
                }
                if !pause(&mut stopping).await {
                    return None;
                }
            }
        },
    );
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}
