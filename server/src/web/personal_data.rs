//! Downloads of everything the portal stores about the signed-in person.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use kabinet_core::accounts::SessionUser;
use kabinet_shared::Locale;

use super::AppState;

/// Sends the person's data as a JSON file in their language. Without a session it
/// redirects to sign-in and back to the profile.
pub async fn export_json(State(state): State<AppState>, request: Request) -> Response {
    let Some(user) = request.extensions().get::<SessionUser>() else {
        return Redirect::to("/sign-in?next=%2Fprofile").into_response();
    };
    let locale = Locale::parse(&user.locale).unwrap_or_default();
    let data = match state.core.personal_data(&user.actor, locale).await {
        Ok(data) => data,
        Err(error) => {
            tracing::error!(%error, user.id = %user.actor.user_id, "personal data export failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let json = match serde_json::to_vec_pretty(&data) {
        Ok(json) => json,
        Err(error) => {
            tracing::error!(%error, "personal data export could not be written");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let file_name = format!(
        "attachment; filename=\"kabinet-data-{}.json\"",
        data.exported_at.format("%Y-%m-%d")
    );
    let mut response = Response::new(Body::from(json));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&file_name) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// Sends the person's data as a readable PDF in their language, rendered off the async
/// runtime. Without a session it redirects to sign-in and back to the profile.
pub async fn export_pdf(State(state): State<AppState>, request: Request) -> Response {
    let Some(user) = request.extensions().get::<SessionUser>() else {
        return Redirect::to("/sign-in?next=%2Fprofile").into_response();
    };
    let locale = Locale::parse(&user.locale).unwrap_or_default();
    let user_id = user.actor.user_id;
    let data = match state.core.personal_data(&user.actor, locale).await {
        Ok(data) => data,
        Err(error) => {
            tracing::error!(%error, user.id = %user_id, "personal data export failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let date = data.exported_at.format("%Y-%m-%d").to_string();
    let rendered = tokio::task::spawn_blocking(move || data.to_pdf(locale)).await;
    let pdf = match rendered {
        Ok(Ok(pdf)) => pdf,
        Ok(Err(error)) => {
            tracing::error!(%error, user.id = %user_id, "personal data PDF failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        Err(error) => {
            tracing::error!(%error, user.id = %user_id, "personal data PDF task failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut response = Response::new(Body::from(pdf));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(value) =
        HeaderValue::from_str(&format!("attachment; filename=\"kabinet-data-{date}.pdf\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
