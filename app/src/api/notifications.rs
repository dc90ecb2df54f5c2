//! The message centre and the action journal.

use kabinet_shared::model::{HistoryDetail, HistoryPage, NotificationView, OutboxMessage};
use kabinet_shared::query::QueryError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;

/// A journal page, or why the filter could not be applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryListing {
    pub page: Option<HistoryPage>,
    pub errors: Vec<QueryError>,
}

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

/// The journal page for a filter; an invalid filter returns its errors and no entries.
#[server(endpoint = "history")]
pub async fn list_history(
    #[server(default)] category: String,
    #[server(default)] status: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] q: String,
    #[server(default)] page: String,
) -> Result<HistoryListing, AppError> {
    use crate::ssr;
    use kabinet_shared::history::HistoryQuery;

    let user = ssr::require_viewer()?;
    let query = HistoryQuery {
        category,
        status,
        from,
        to,
        q,
        page,
    };
    let filter = match query.parse() {
        Ok(filter) => filter,
        Err(errors) => {
            return Ok(HistoryListing { page: None, errors });
        }
    };
    let page = ssr::core()
        .history_page(&user.actor, &filter, crate::i18n::request_locale())
        .await
        .map_err(ssr::app_error)?;
    Ok(HistoryListing {
        page: Some(page),
        errors: Vec::new(),
    })
}

/// One entry of the viewer's journal; another person's entry is not found.
#[server(endpoint = "history_entry")]
pub async fn get_history_entry(id: String) -> Result<HistoryDetail, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    ssr::core()
        .history_entry(&user.actor, id, crate::i18n::request_locale())
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

/// The notification settings of the signed-in person.
#[server(endpoint = "notification_settings")]
pub async fn get_notification_settings()
-> Result<kabinet_shared::notify::NotificationSettingsView, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .notification_settings(&user.actor)
        .await
        .map_err(ssr::app_error)
}

/// Saves "Настройки уведомлений".
#[server(endpoint = "update_notification_settings")]
pub async fn update_notification_settings(
    #[server(flatten)] form: kabinet_shared::notify::NotificationSettingsForm,
) -> Result<super::FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let outcome = ssr::core()
        .update_notification_settings(&user.actor, &form)
        .await
        .map(|()| Success::Stay(Message::new("notice-notification-settings-saved")));
    ssr::finish_form(
        "notification-settings",
        "/settings/notifications",
        &form,
        outcome,
    )
    .await
}

/// "История уведомлений", filtered by channel and category codes; an unknown code
/// shows everything.
#[server(endpoint = "notification_archive")]
pub async fn notification_archive(
    #[server(default)] channel: String,
    #[server(default)] category: String,
) -> Result<Vec<kabinet_shared::notify::ArchiveEntry>, AppError> {
    use crate::ssr;
    use kabinet_shared::notify::{ArchiveFilter, Category, Channel};

    let user = ssr::require_viewer()?;
    let filter = ArchiveFilter {
        channel: Channel::parse(&channel),
        category: Category::parse(&category),
    };
    ssr::core()
        .notification_archive(&user.actor, &filter)
        .await
        .map_err(ssr::app_error)
}

/// Starts linking a Telegram chat: sends the browser to the bot with a one-time code.
#[server(endpoint = "telegram_link")]
pub async fn start_telegram_link() -> Result<(), AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let link = ssr::core()
        .start_telegram_link(&user.actor)
        .await
        .map_err(ssr::app_error)?;
    leptos_axum::redirect(&link);
    Ok(())
}

/// Stops Telegram messages and returns to the settings.
#[server(endpoint = "telegram_unlink")]
pub async fn unlink_telegram() -> Result<(), AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .unlink_telegram(&user.actor)
        .await
        .map_err(ssr::app_error)?;
    leptos_axum::redirect("/settings/notifications");
    Ok(())
}

/// Forgets every browser the person subscribed to Web Push, then returns to the settings.
#[server(endpoint = "push_unsubscribe")]
pub async fn remove_push_subscriptions() -> Result<(), AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .remove_push_subscriptions(&user.actor)
        .await
        .map_err(ssr::app_error)?;
    leptos_axum::redirect("/settings/notifications");
    Ok(())
}
