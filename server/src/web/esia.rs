//! Sign-in through ESIA: the redirect to the provider, its callback, and the post of
//! the consent form. The domain rules are in `kabinet_core::sso`.
//!
//! Every failure redirects to `/sign-in?sso_error=<code>`, where the page shows the
//! translated reason. The codes are those of `SsoError::code`.

use axum::Form;
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use kabinet_core::Client;
use kabinet_core::accounts::SessionUser;
use kabinet_core::sso::{ConsentDecision, REQUEST_LIFETIME_MINUTES, SsoError, SsoOutcome};
use serde::Deserialize;

use super::AppState;
use super::context::cookie;

/// The cookie that binds a request at the provider to this browser. `SameSite=Lax`
/// still sends it on the provider's top-level redirect back to the callback.
pub const STATE_COOKIE: &str = "kabinet-sso-state";
// The whole site, so that the consent page and its server functions receive it.
const STATE_COOKIE_PATH: &str = "/";

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct ConsentForm {
    /// `accept` or `decline`.
    decision: String,
    #[serde(default)]
    password: String,
}

fn cookie_header(state: &AppState, value: &str, max_age_seconds: i64) -> Option<HeaderValue> {
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{STATE_COOKIE}={value}; Path={STATE_COOKIE_PATH}; Max-Age={max_age_seconds}; HttpOnly; SameSite=Lax{secure}"
    ))
    .ok()
}

fn session_cookie_header(state: &AppState, token: &str) -> Option<HeaderValue> {
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{secure}",
        state.settings.session_cookie(),
        state.settings.session_max_age_seconds
    ))
    .ok()
}

fn state_cookie(request: &Request) -> Option<String> {
    cookie(request.headers(), STATE_COOKIE)
}

/// Returns the token of the session the browser already has, if its cookie carries one.
fn session_token(state: &AppState, request: &Request) -> Option<String> {
    cookie(request.headers(), state.settings.session_cookie())
}

fn client_of(request: &Request) -> Client {
    request
        .extensions()
        .get::<Client>()
        .cloned()
        .unwrap_or_default()
}

/// Redirects to sign-in with the reason code, and ends the state cookie.
fn failure(state: &AppState, error: &SsoError) -> Response {
    if error.code() == "internal" || error.code() == "provider" {
        tracing::error!(%error, "sign-in through the identity provider failed");
    } else {
        tracing::info!(%error, "sign-in through the identity provider rejected");
    }
    let mut response =
        Redirect::to(&format!("/sign-in?sso_error={}", error.code())).into_response();
    if let Some(value) = cookie_header(state, "", 0) {
        response.headers_mut().append(SET_COOKIE, value);
    }
    response
}

/// Where a callback or consent leads: into the portal with a new session, or to the
/// consent page. The session the browser had before, `previous`, ends with the sign-in.
async fn outcome_response(
    state: &AppState,
    outcome: Result<SsoOutcome, SsoError>,
    previous: Option<String>,
) -> Response {
    match outcome {
        Ok(SsoOutcome::SignedIn { signed_in, next }) => {
            if let Some(previous) = previous.filter(|previous| *previous != signed_in.token)
                && let Err(error) = state.core.sign_out(&previous).await
            {
                return failure(state, &SsoError::Domain(error));
            }
            let mut response = Redirect::to(&next).into_response();
            let headers = response.headers_mut();
            if let Some(value) = session_cookie_header(state, &signed_in.token) {
                headers.append(SET_COOKIE, value);
            }
            if let Some(value) = cookie_header(state, "", 0) {
                headers.append(SET_COOKIE, value);
            }
            response
        }
        Ok(SsoOutcome::Consent) => Redirect::to("/auth/esia/consent").into_response(),
        Err(error) => failure(state, &error),
    }
}

/// `GET /auth/esia?next=/path`: starts a request and sends the browser to the provider.
pub async fn start(State(state): State<AppState>, Query(query): Query<StartQuery>) -> Response {
    match state.core.sso_start(query.next.as_deref()).await {
        Ok(started) => {
            let mut response = Redirect::to(&started.authorization_url).into_response();
            if let Some(value) =
                cookie_header(&state, &started.state, REQUEST_LIFETIME_MINUTES * 60)
            {
                response.headers_mut().append(SET_COOKIE, value);
            }
            response
        }
        Err(error) => failure(&state, &error),
    }
}

/// `GET /auth/esia/callback`: the provider's redirect back with a code or an error.
pub async fn callback(
    State(state): State<AppState>,
    Query(query): Query<CallbackQuery>,
    request: Request,
) -> Response {
    let cookie = state_cookie(&request);
    let client = client_of(&request);
    let previous = session_token(&state, &request);
    let outcome = state
        .core
        .sso_callback(
            query.state.as_deref(),
            query.code.as_deref(),
            query.error.as_deref(),
            cookie.as_deref(),
            &client,
        )
        .await;
    outcome_response(&state, outcome, previous).await
}

/// `POST /auth/esia/consent/answer`: the decision posted by the consent page. A wrong password of the
/// matching account returns to the page with `?error=password`.
pub async fn consent(State(state): State<AppState>, request: Request) -> Response {
    let cookie = state_cookie(&request);
    let client = client_of(&request);
    let previous = session_token(&state, &request);
    let Ok(Form(form)) = Form::<ConsentForm>::from_request(request, &state).await else {
        return Redirect::to("/auth/esia/consent").into_response();
    };
    let decision = if form.decision == "accept" {
        ConsentDecision::Accept {
            password: Some(form.password.as_str()).filter(|password| !password.is_empty()),
        }
    } else {
        ConsentDecision::Decline
    };
    let outcome = state
        .core
        .sso_consent(cookie.as_deref(), decision, &client)
        .await;
    match outcome {
        Err(SsoError::Domain(kabinet_core::Error::Invalid(_))) => {
            Redirect::to("/auth/esia/consent?error=password").into_response()
        }
        outcome => outcome_response(&state, outcome, previous).await,
    }
}

/// `POST /auth/esia/unlink` from the security page. Without a fresh step-up it sends the
/// person to the step-up page, which returns to the security page.
pub async fn unlink(State(state): State<AppState>, request: Request) -> Response {
    let Some(user) = request.extensions().get::<SessionUser>() else {
        return Redirect::to("/sign-in?next=%2Fsecurity").into_response();
    };
    match state.core.sso_unlink(user).await {
        Ok(()) => Redirect::to("/security").into_response(),
        Err(kabinet_core::Error::StepUpRequired) => {
            Redirect::to("/security/confirm?next=%2Fsecurity").into_response()
        }
        Err(kabinet_core::Error::Rejected(_)) | Err(kabinet_core::Error::NotFound) => {
            Redirect::to("/security").into_response()
        }
        Err(error) => {
            tracing::error!(%error, user.id = %user.actor.user_id, "unlinking the identity provider failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
