//! Administration: ending the sessions of one person or of everyone else.

use kabinet_shared::forms::{AllSessionsForm, PersonSessionsForm};
use leptos::prelude::*;

use super::{AppError, FormReply};

/// Counts the sessions open on the portal. Only an administrator may.
#[server(endpoint = "admin_active_sessions")]
pub async fn count_active_sessions() -> Result<u64, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .count_active_sessions(&user.actor)
        .await
        .map_err(ssr::app_error)
}

/// Ends every session of the person who signs in with the typed phone, e-mail or SNILS.
#[server(endpoint = "admin_end_person_sessions")]
pub async fn end_person_sessions(
    #[server(flatten)] form: PersonSessionsForm,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let outcome = ssr::core()
        .end_person_sessions(&user, &form)
        .await
        .map(|ended| Success::Stay(Message::new("notice-sessions-ended").arg("count", ended)));
    ssr::finish_form("admin_sessions", "/admin/sessions", &form, outcome).await
}

/// Ends the sessions of everyone but the administrator.
#[server(endpoint = "admin_end_all_sessions")]
pub async fn end_all_sessions(
    #[server(flatten)] form: AllSessionsForm,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let outcome = ssr::core()
        .end_all_sessions(&user, &form)
        .await
        .map(|ended| Success::Stay(Message::new("notice-sessions-ended").arg("count", ended)));
    ssr::finish_form("admin_sessions", "/admin/sessions", &form, outcome).await
}
