//! Notifications: the in-app message centre with an unread count, the copies sent by
//! e-mail and SMS as the person chose ([`dispatch`], [`preferences`]), and the archive of
//! the last 30 days ([`archive`]).

pub mod archive;
mod dispatch;
pub mod preferences;
pub mod push;
pub mod telegram;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kabinet_shared::model::NotificationView;
use kabinet_shared::notify::Category;
use uuid::Uuid;

use crate::db::Tx;
use crate::error::Result;
use crate::{Actor, Core, execute, on_conn, time};

/// A notification to write in the same transaction as the change it reports.
pub struct NewNotification {
    pub user_id: Uuid,
    /// Names the texts: `status_changed` is shown with the key
    /// `notification-status-changed`, sent by SMS as `sms-status-changed` and by e-mail
    /// with the subject `email-subject-status-changed`.
    pub kind: &'static str,
    pub category: Category,
    pub args: BTreeMap<String, String>,
    pub application_id: Option<Uuid>,
}

/// Writes `notification` to the message centre and queues its copies on the channels the
/// person chose, all inside the caller's transaction. `portal` is the portal's address
/// for links in the copies.
pub async fn create(
    tx: &mut Tx,
    at: DateTime<Utc>,
    portal: &str,
    notification: NewNotification,
) -> Result<()> {
    let id = Uuid::now_v7();
    let params = serde_json::to_string(&notification.args)?;
    execute!(
        tx,
        sqlx::query(
            "INSERT INTO notifications (id, user_id, kind, category, params, application_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(notification.user_id)
        .bind(notification.kind)
        .bind(notification.category.code())
        .bind(params)
        .bind(notification.application_id)
        .bind(at)
    )?;
    dispatch::fan_out(tx, at, portal, id, &notification).await
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    kind: String,
    params: String,
    application_id: Option<Uuid>,
    created_at: DateTime<Utc>,
    read_at: Option<DateTime<Utc>>,
}

/// Most notifications the message centre lists.
pub const LIST_LIMIT: i64 = 100;

impl Core {
    pub async fn notifications(&self, actor: &Actor) -> Result<Vec<NotificationView>> {
        let mut tx = self.db.begin_read().await?;
        let rows: Vec<Row> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, kind, params, application_id, created_at, read_at FROM notifications
             WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
        )
        .bind(actor.user_id)
        .bind(LIST_LIMIT)
        .fetch_all(conn)
        .await)?;

        rows.into_iter()
            .map(|row| {
                Ok(NotificationView {
                    id: row.id,
                    at: time::local(row.created_at, &actor.time_zone),
                    key: format!("notification-{}", row.kind.replace('_', "-")),
                    args: serde_json::from_str(&row.params)?,
                    application_id: row.application_id,
                    read: row.read_at.is_some(),
                })
            })
            .collect()
    }

    pub async fn unread_notifications(&self, user_id: Uuid) -> Result<u32> {
        let mut tx = self.db.begin_read().await?;
        let count: i64 = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(conn)
        .await)?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    /// Marks one notification read, or all of them when `id` is `None`. Another
    /// person's notification is left alone, as if it did not exist.
    pub async fn mark_notifications_read(&self, actor: &Actor, id: Option<Uuid>) -> Result<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        match id {
            Some(id) => execute!(&mut tx, sqlx::query(
                "UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL",
            )
            .bind(now)
            .bind(id)
            .bind(actor.user_id))?,
            None => execute!(&mut tx, sqlx::query(
                "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
            )
            .bind(now)
            .bind(actor.user_id))?,
        };
        tx.commit().await?;
        Ok(())
    }
}
