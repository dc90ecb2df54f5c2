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
    }))
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
