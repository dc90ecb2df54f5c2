//! The request context: the signed-in person, the language and the client, resolved once
//! per request and put into the request's extensions for pages and server functions.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderValue;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE, USER_AGENT};
use axum::middleware::Next;
use axum::response::Response;
use kabinet_app::ssr::{LOCALE_COOKIE, SessionToken};
use kabinet_core::Client;
use kabinet_shared::Locale;

use super::AppState;

/// Paths of static files, which need no session lookup.
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/fonts/")
        || path == "/favicon.svg"
        || path == "/manifest.webmanifest"
}

pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    if is_static(&path) || path.starts_with("/healthz") || path.starts_with("/readyz") {
        return next.run(request).await;
    }

    let headers = request.headers();
    let session_cookie = state.settings.session_cookie();
    let token = cookie(headers, session_cookie);
    let mut stale_cookie = false;
    let mut user_locale = None;
    if let Some(token) = token {
        match state.core.resolve_session(&token).await {
            Ok(Some(user)) => {
                user_locale = Locale::parse(&user.locale);
                request.extensions_mut().insert(user);
                request.extensions_mut().insert(SessionToken(token));
            }
            Ok(None) => stale_cookie = true,
            Err(error) => {
                tracing::error!(%error, "session lookup failed; serving the request signed out")
            }
        }
    }

    let headers = request.headers();
    let locale = user_locale
        .or_else(|| cookie(headers, LOCALE_COOKIE).and_then(|code| Locale::parse(&code)))
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default();
    let client = Client {
        ip: request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip()),
        user_agent: headers
            .get(USER_AGENT)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string),
    };
    request.extensions_mut().insert(locale);
    request.extensions_mut().insert(client);

    let mut response = next.run(request).await;
    if stale_cookie {
        let secure = if state.settings.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        let clear = format!("{session_cookie}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}");
        if let Ok(value) = HeaderValue::from_str(&clear) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

/// Returns the non-empty value of the cookie `name` in the request's headers.
pub(super) fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
        .filter(|value| !value.is_empty())
}
