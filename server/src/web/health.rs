//! `/healthz`, `/readyz`, `/metrics`, and the request metrics they report.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;

/// The process is up.
pub async fn live() -> &'static str {
    "ok"
}

/// The process can serve: the database answers.
pub async fn ready(State(state): State<AppState>) -> Response {
    match state.core.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(error) => {
            tracing::error!(%error, "readiness check: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Prometheus metrics in the text format.
pub async fn metrics(State(state): State<AppState>) -> String {
    state.metrics.render()
}

/// Counts requests and their durations by method and status class. Paths are not used
/// as labels: ids in them would make one series per application.
pub async fn record_metrics(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let response = next.run(request).await;
    let status = format!("{}xx", response.status().as_u16() / 100);
    let labels = [("method", method), ("status", status)];
    metrics::counter!("kabinet_http_requests_total", &labels).increment(1);
    metrics::histogram!("kabinet_http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    response
}
