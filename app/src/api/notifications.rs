//! The message centre and the action journal.

use kabinet_shared::model::{HistoryView, NotificationView, OutboxMessage};
use leptos::prelude::*;

use super::AppError;

#[server(endpoint = "notifications")]
pub async fn list_notifications() -> Result<Vec<NotificationView>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .notifications(&user.actor)
        .await
        .map_err(ssr::app_error)
}

/// Marks one notification read (`id`), or all of them when `id` is empty.
#[server(endpoint = "mark_read")]
pub async fn mark_notifications_read(#[server(default)] id: String) -> Result<(), AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let id = if id.is_empty() {
        None
    } else {
        Some(uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?)
    };
    ssr::core()
        .mark_notifications_read(&user.actor, id)
        .await
        .map_err(ssr::app_error)?;
    if ssr::is_plain_form_post() {
        leptos_axum::redirect("/notifications");
    }
    Ok(())
}

#[server(endpoint = "history")]
pub async fn list_history(page: u32) -> Result<Vec<HistoryView>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let offset = i64::from(page) * kabinet_core::history::PAGE_SIZE;
    ssr::core()
        .history(&user.actor, offset)
        .await
        .map_err(ssr::app_error)
}

/// Messages of the development outbox; not found in production.
#[server(endpoint = "outbox")]
pub async fn list_outbox() -> Result<Vec<OutboxMessage>, AppError> {
    use crate::ssr;

    if ssr::settings().production {
        return Err(AppError::NotFound);
    }
    ssr::core()
        .development_outbox()
        .await
        .map_err(ssr::app_error)
}
