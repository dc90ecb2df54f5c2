//! Who is signed in, signing out, and the interface language.

use kabinet_shared::model::Viewer;
use leptos::prelude::*;

use super::AppError;

/// The signed-in person with their unread count, or `None`.
#[server(endpoint = "viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    use crate::ssr;

    let Some(user) = ssr::viewer() else {
        return Ok(None);
    };
    let unread = ssr::core()
        .unread_notifications(user.actor.user_id)
        .await
        .map_err(ssr::app_error)?;
    Ok(Some(Viewer {
        id: user.actor.user_id,
        role: user.actor.role,
        display_name: user.display_name,
        unread_notifications: unread,
        session_idle_seconds: u32::try_from(ssr::core().settings.session_idle.num_seconds())
            .unwrap_or(u32::MAX),
    }))
}

/// Keeps the session alive after the idle warning: any request renews the session, and
/// this one also writes the renewal at once.
#[server(endpoint = "keep_alive")]
pub async fn keep_alive() -> Result<(), AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .keep_session_alive(user.session_id)
        .await
        .map_err(ssr::app_error)
}

/// Ends the session and goes to the home page.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr;

    if let Some(token) = ssr::session_token() {
        ssr::core().sign_out(&token).await.map_err(ssr::app_error)?;
    }
    ssr::clear_cookie(ssr::settings().session_cookie());
    leptos_axum::redirect("/");
    Ok(())
}

/// Switches the interface language and returns to the page `back`.
#[server(endpoint = "language")]
pub async fn set_language(language: String, back: String) -> Result<(), AppError> {
    use crate::ssr;
    use kabinet_shared::Locale;

    let locale = Locale::parse(&language).unwrap_or_default();
    ssr::set_cookie(ssr::LOCALE_COOKIE, locale.code(), 365 * 24 * 3600);
    if let Some(user) = ssr::viewer() {
        ssr::core()
            .set_locale(user.actor.user_id, locale)
            .await
            .map_err(ssr::app_error)?;
    }
    leptos_axum::redirect(&ssr::local_path(&back, "/"));
    Ok(())
}

/// Whether the portal runs in demo mode, where the development outbox shows every SMS.
#[server(endpoint = "demo")]
pub async fn is_demo() -> Result<bool, AppError> {
    Ok(!crate::ssr::settings().production)
}

/// Seconds until another code may be sent for a registration (`kind` = `registration`)
/// or a recovery (`recovery`) with the id `flow`; 0 when it may be sent now.
#[server(endpoint = "code_wait")]
pub async fn code_wait(kind: String, flow: String) -> Result<u32, AppError> {
    use crate::ssr;

    let Ok(id) = uuid::Uuid::parse_str(&flow) else {
        return Ok(0);
    };
    let core = ssr::core();
    let seconds = match kind.as_str() {
        "registration" => core.registration_resend_wait(id).await,
        "phone_change" => core.phone_change_resend_wait(id).await,
        _ => core.recovery_resend_wait(id).await,
    }
    .map_err(ssr::app_error)?;
    Ok(u32::try_from(seconds).unwrap_or(0))
}
