//! Downloading the login journal as CSV.

use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use kabinet_core::accounts::SessionUser;
use kabinet_shared::Locale;
use kabinet_shared::model::SignInResult;
use serde::Deserialize;

use super::AppState;

#[derive(Deserialize)]
pub struct Filter {
    #[serde(default)]
    result: String,
}

/// Sends the signed-in person's login journal, filtered by result, as a CSV file in
/// their language. Without a session it redirects to sign-in and back.
pub async fn export_csv(
    State(state): State<AppState>,
    Query(filter): Query<Filter>,
    request: Request,
) -> Response {
    let Some(user) = request.extensions().get::<SessionUser>() else {
        return Redirect::to("/sign-in?next=%2Fsecurity%2Fsign-ins").into_response();
    };
    let locale = Locale::parse(&user.locale).unwrap_or_default();
    let result = SignInResult::parse(&filter.result);
    match state
        .core
        .sign_in_journal_csv(&user.actor, result, locale)
        .await
    {
        Ok(csv) => {
            let mut response = Response::new(Body::from(csv));
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"sign-ins.csv\""),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Err(error) => {
            tracing::error!(%error, user.id = %user.actor.user_id, "login journal export failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
