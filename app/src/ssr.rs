//! Server-side helpers of the server functions: who is asking, cookies, and turning the
//! domain's outcome into a [`FormReply`] for both hydrated and plain form posts.

use std::collections::BTreeMap;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::header::{ACCEPT, COOKIE, HeaderValue, SET_COOKIE};
use http::request::Parts;
use kabinet_core::accounts::SessionUser;
use kabinet_core::{Client, Core, Error};
use kabinet_shared::Message;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use serde::Serialize;
use uuid::Uuid;

pub use crate::api::Flash;
use crate::api::{AppError, FormReply};

/// Settings of the web layer that server functions need, provided by the server.
#[derive(Clone, Debug)]
pub struct WebSettings {
    /// Whether cookies carry `Secure` (the portal is served over HTTPS, or is local).
    pub secure_cookies: bool,
    /// Production mode: no development pages.
    pub production: bool,
    /// The session lifetime, for the cookie's `Max-Age`, in seconds.
    pub session_max_age_seconds: i64,
}

impl WebSettings {
    /// The session cookie's name. With `Secure`, the `__Host-` prefix makes browsers
    /// refuse the cookie unless it is secure, host-only and for the whole site.
    pub fn session_cookie(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-kabinet-session"
        } else {
            "kabinet-session"
        }
    }

    /// The cookie of a remembered device, which skips the second factor for 30 days.
    pub fn device_cookie(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-kabinet-device"
        } else {
            "kabinet-device"
        }
    }
}

pub const FLASH_COOKIE: &str = "kabinet-flash";
pub const LOCALE_COOKIE: &str = "kabinet-lang";

/// The session token of the request, set by the session layer.
#[derive(Clone, Debug)]
pub struct SessionToken(pub String);

pub fn core() -> Arc<Core> {
    expect_context::<Arc<Core>>()
}

pub fn settings() -> WebSettings {
    expect_context::<WebSettings>()
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The signed-in person, if any.
pub fn viewer() -> Option<SessionUser> {
    parts().and_then(|parts| parts.extensions.get::<SessionUser>().cloned())
}

/// The signed-in person, or [`AppError::Unauthenticated`] with a redirect to the
/// sign-in page that comes back to the page being rendered.
pub fn require_viewer() -> Result<SessionUser, AppError> {
    if let Some(viewer) = viewer() {
        return Ok(viewer);
    }
    let back = parts()
        .map(|parts| parts.uri.path().to_string())
        .filter(|path| !path.starts_with("/api/"));
    let target = match back {
        Some(path) => format!("/sign-in?next={}", encode_query(&path)),
        None => "/sign-in".to_string(),
    };
    leptos_axum::redirect(&target);
    Err(AppError::Unauthenticated)
}

pub fn session_token() -> Option<String> {
    parts().and_then(|parts| {
        parts
            .extensions
            .get::<SessionToken>()
            .map(|token| token.0.clone())
    })
}

pub fn client() -> Client {
    parts()
        .and_then(|parts| parts.extensions.get::<Client>().cloned())
        .unwrap_or_default()
}

pub fn locale() -> kabinet_shared::Locale {
    crate::i18n::request_locale()
}

/// Whether the request is a plain HTML form post (no JavaScript), which expects a
/// redirect instead of data.
pub fn is_plain_form_post() -> bool {
    parts()
        .and_then(|parts| {
            parts
                .headers
                .get(ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .is_some_and(|accept| accept.contains("text/html"))
}

pub fn cookie(name: &str) -> Option<String> {
    let parts = parts()?;
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// Adds a `Set-Cookie` header. Cookies are `HttpOnly` and `SameSite=Lax` always, and
/// `Secure` when the settings say so.
pub fn set_cookie(name: &str, value: &str, max_age_seconds: i64) {
    let secure = if settings().secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let header = format!(
        "{name}={value}; Path=/; Max-Age={max_age_seconds}; HttpOnly; SameSite=Lax{secure}"
    );
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&header),
    ) {
        response.append_header(SET_COOKIE, value);
    }
}

pub fn clear_cookie(name: &str) {
    set_cookie(name, "", 0);
}

/// Maps a domain error that is not about the input. Faults of the system are logged once
/// here with a reference that the person sees.
pub fn app_error(error: Error) -> AppError {
    match error {
        Error::Unauthenticated => AppError::Unauthenticated,
        Error::StepUpRequired => AppError::StepUpRequired,
        Error::Forbidden => AppError::Forbidden,
        Error::NotFound => AppError::NotFound,
        error => {
            let reference = short_reference();
            tracing::error!(error.reference = %reference, error = %error, "request failed");
            AppError::Internal { reference }
        }
    }
}

fn short_reference() -> String {
    Uuid::new_v4().simple().to_string()[..10].to_string()
}

/// What a form handler produced when it succeeded.
pub enum Success {
    /// Go to this page.
    Redirect(String),
    /// Stay on the form and show this notice.
    Stay(Message),
}

/// Turns a form's outcome into the reply. A hydrated page gets the reply as data; a plain
/// form post is redirected, and anything to show again (the typed values, the errors or
/// the notice) travels in a flash keyed by a short-lived cookie.
///
/// `values` is what the person typed; fields whose name contains `password` are dropped.
pub async fn finish_form<V: Serialize>(
    form: &str,
    back: &str,
    values: &V,
    outcome: Result<Success, Error>,
) -> Result<FormReply, AppError> {
    let reply = match outcome {
        Ok(Success::Redirect(target)) => {
            leptos_axum::redirect(&target);
            return Ok(FormReply::Done);
        }
        Ok(Success::Stay(notice)) => FormReply::Saved(notice),
        Err(Error::Invalid(errors)) => FormReply::Invalid(errors),
        Err(Error::Rejected(message)) => FormReply::Rejected(message),
        Err(Error::Unauthenticated) => return require_viewer().map(|_| FormReply::Done),
        Err(Error::StepUpRequired) => {
            // What was typed waits in the flash, so the form comes back filled after the
            // step-up page returns to it.
            let flash = Flash {
                values: typed_values(values),
                reply: None,
            };
            save_flash(form, &flash).await?;
            leptos_axum::redirect(&format!("/security/confirm?next={}", encode_query(back)));
            return Ok(FormReply::Done);
        }
        Err(error) => match app_error(error) {
            AppError::Internal { reference } if is_plain_form_post() => {
                FormReply::Rejected(Message::new("error-internal").arg("reference", reference))
            }
            other => return Err(other),
        },
    };

    if is_plain_form_post() {
        let keep_values = !matches!(reply, FormReply::Saved(_));
        let flash = Flash {
            values: if keep_values {
                typed_values(values)
            } else {
                BTreeMap::new()
            },
            reply: Some(reply.clone()),
        };
        save_flash(form, &flash).await?;
        leptos_axum::redirect(back);
    }
    Ok(reply)
}

/// Sends the person to `page`, another page of the form, with `reply` and what they
/// typed waiting in the flash. Unlike [`finish_form`] this redirects a hydrated page too,
/// for a reply that belongs on a page other than the one that sent the form.
pub async fn return_to_form<V: Serialize>(
    form: &str,
    page: &str,
    values: &V,
    reply: FormReply,
) -> Result<FormReply, AppError> {
    let flash = Flash {
        values: typed_values(values),
        reply: Some(reply),
    };
    save_flash(form, &flash).await?;
    leptos_axum::redirect(page);
    Ok(FormReply::Done)
}

fn typed_values<V: Serialize>(values: &V) -> BTreeMap<String, String> {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(values) else {
        return BTreeMap::new();
    };
    map.into_iter()
        .filter(|(name, _)| !name.contains("password"))
        .filter_map(|(name, value)| match value {
            serde_json::Value::String(text) => Some((name, text)),
            _ => None,
        })
        .collect()
}

pub async fn save_flash(form: &str, flash: &Flash) -> Result<(), AppError> {
    let data = serde_json::to_vec(flash).map_err(|error| app_error(Error::from(error)))?;
    let id = core().save_flash(form, &data).await.map_err(app_error)?;
    set_cookie(FLASH_COOKIE, &URL_SAFE_NO_PAD.encode(id.as_bytes()), 600);
    Ok(())
}

/// Takes the flash of `form` left by a plain form post, if the cookie names one.
pub async fn take_flash(form: &str) -> Result<Option<Flash>, AppError> {
    let Some(id) = cookie(FLASH_COOKIE)
        .and_then(|text| URL_SAFE_NO_PAD.decode(text).ok())
        .and_then(|bytes| Uuid::from_slice(&bytes).ok())
    else {
        return Ok(None);
    };
    let Some(data) = core().take_flash(id, form).await.map_err(app_error)? else {
        return Ok(None);
    };
    clear_cookie(FLASH_COOKIE);
    Ok(serde_json::from_slice(&data).ok())
}

pub use crate::url::encode_query;

/// Keeps a redirect target inside the portal: a local absolute path, never `//host`.
pub fn local_path(target: &str, fallback: &str) -> String {
    let is_local = target.starts_with('/') && !target.starts_with("//") && !target.contains('\\');
    if is_local {
        target.to_string()
    } else {
        fallback.to_string()
    }
}

/// Whether to serve the page without the WebAssembly bundle: when the browser asks to
/// save data (`Save-Data: on`), or the person chose light mode with `?lite=1` (kept in a
/// cookie until `?lite=0`).
pub fn lite_mode() -> bool {
    const LITE_COOKIE: &str = "kabinet-lite";
    let Some(parts) = parts() else { return false };
    let query = parts.uri.query().unwrap_or_default();
    let asked = query.split('&').find_map(|pair| match pair {
        "lite" | "lite=1" => Some(true),
        "lite=0" => Some(false),
        _ => None,
    });
    match asked {
        Some(true) => {
            set_cookie(LITE_COOKIE, "1", 365 * 24 * 3600);
            return true;
        }
        Some(false) => {
            clear_cookie(LITE_COOKIE);
            return false;
        }
        None => {}
    }
    let save_data = parts
        .headers
        .get("save-data")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.eq_ignore_ascii_case("on"));
    save_data || cookie(LITE_COOKIE).as_deref() == Some("1")
}

/// Sets the page's Content-Security-Policy. Scripts run only from this origin or with
/// the page's nonce, which Leptos puts on its hydration and data scripts.
pub fn content_security_policy() {
    leptos::nonce::provide_nonce();
    let nonce = leptos::nonce::use_nonce()
        .map(|nonce| nonce.to_string())
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    );
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&policy),
    ) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
