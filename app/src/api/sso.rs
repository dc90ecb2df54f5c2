//! Sign-in through ESIA: whether it is configured, the consent page's data, and the
//! link shown on the security page. The redirects and the consent form's post are plain
//! HTTP handlers of the server (`server/src/web/esia.rs`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;

/// The cookie that binds a request at the provider to this browser.
pub const SSO_STATE_COOKIE: &str = "kabinet-sso-state";

/// The personal data received from the provider, as the consent page shows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ConsentData {
    pub full_name: String,
    /// `DD.MM.YYYY`.
    pub birth_date: Option<String>,
    pub snils: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// An account with this SNILS or phone exists, so agreeing needs its password.
    pub password_required: bool,
}

/// Returns whether "Войти через Госуслуги" is offered.
#[server(endpoint = "sso_enabled")]
pub async fn sso_enabled() -> Result<bool, AppError> {
    Ok(crate::ssr::core().sso_enabled())
}

/// Reads the data waiting for consent in this browser's request, or `None` when there is
/// no such request or it expired.
#[server(endpoint = "sso_consent_data")]
pub async fn sso_consent_data() -> Result<Option<ConsentData>, AppError> {
    use crate::ssr;

    let cookie = ssr::cookie(SSO_STATE_COOKIE);
    match ssr::core().sso_consent_view(cookie.as_deref()).await {
        Ok(view) => {
            let full_name = match &view.middle_name {
                Some(middle) => format!("{} {} {middle}", view.family_name, view.given_name),
                None => format!("{} {}", view.family_name, view.given_name),
            };
            Ok(Some(ConsentData {
                full_name,
                birth_date: view
                    .birth_date
                    .map(|date| date.format("%d.%m.%Y").to_string()),
                snils: view.snils,
                phone: view.phone,
                email: view.email,
                password_required: view.password_required,
            }))
        }
        Err(error) => {
            tracing::info!(%error, "no consent request for this browser");
            Ok(None)
        }
    }
}

/// Reads whether the signed-in account is linked to ESIA: `None` when not linked,
/// otherwise whether unlinking first needs a password set through recovery.
#[server(endpoint = "sso_link")]
pub async fn sso_link() -> Result<Option<bool>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let status = ssr::core()
        .sso_link_status(&user.actor)
        .await
        .map_err(ssr::app_error)?;
    Ok(status.map(|status| status.needs_password))
}
