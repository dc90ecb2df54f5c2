//! Callbacks of outside services: delivery reports of the SMS gateway.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use kabinet_core::Error;
use serde::Deserialize;

use super::AppState;

/// A delivery report: the gateway's message id and whether the SMS reached the phone.
#[derive(Deserialize)]
pub struct SmsReport {
    message_id: String,
    status: SmsStatus,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum SmsStatus {
    Delivered,
    Failed,
}

/// Records an SMS delivery report. The gateway proves itself with the callback token as
/// a bearer token; a wrong or missing token gets 403, an unknown message id 404.
pub async fn sms_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(report): Json<SmsReport>,
) -> StatusCode {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default();
    let delivered = matches!(report.status, SmsStatus::Delivered);
    match state
        .core
        .sms_report(token, &report.message_id, delivered)
        .await
    {
        Ok(true) => StatusCode::NO_CONTENT,
        Ok(false) => StatusCode::NOT_FOUND,
        Err(Error::Forbidden) => StatusCode::FORBIDDEN,
        Err(error) => {
            tracing::error!(%error, "recording an SMS delivery report failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
