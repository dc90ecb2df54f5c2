//! "История уведомлений": every notification of the retention period on every channel it
//! went to, with the status of each copy; and the job that removes older ones.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use kabinet_shared::notify::{ArchiveEntry, ArchiveFilter, Category, Channel, DeliveryStatus};
use uuid::Uuid;

use crate::error::Result;
use crate::{Actor, Core, execute, on_conn, time};

/// Most notifications one archive page lists.
pub const ARCHIVE_LIMIT: i64 = 500;

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: Uuid,
    kind: String,
    category: String,
    params: String,
    application_id: Option<Uuid>,
    created_at: DateTime<Utc>,
    read_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    notification_id: Uuid,
    channel: String,
    status: String,
}

impl Core {
    /// The person's notifications of the retention period, newest first, one entry per
    /// channel, filtered by channel and category.
    pub async fn notification_archive(
        &self,
        actor: &Actor,
        filter: &ArchiveFilter,
    ) -> Result<Vec<ArchiveEntry>> {
        let since = self.clock.now() - Duration::days(self.settings.notification_retention_days);
        let category = filter.category.map(Category::code);
        let mut tx = self.db.begin_read().await?;
        let notifications: Vec<NotificationRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, kind, category, params, application_id, created_at, read_at FROM notifications
             WHERE user_id = $1 AND created_at >= $2 AND ($3 IS NULL OR category = $3)
             ORDER BY created_at DESC, id DESC LIMIT $4",
        )
        .bind(actor.user_id)
        .bind(since)
        .bind(category)
        .bind(ARCHIVE_LIMIT)
        .fetch_all(conn)
        .await)?;
        let deliveries: Vec<DeliveryRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT notification_id, channel, status FROM deliveries
             WHERE user_id = $1 AND notification_id IS NOT NULL AND created_at >= $2
             ORDER BY created_at, id",
        )
        .bind(actor.user_id)
        .bind(since)
        .fetch_all(conn)
        .await)?;
        let mut copies: BTreeMap<Uuid, Vec<(Channel, DeliveryStatus)>> = BTreeMap::new();
        for row in deliveries {
            if let (Some(channel), Some(status)) = (
                Channel::parse(&row.channel),
                DeliveryStatus::parse(&row.status),
            ) {
                copies
                    .entry(row.notification_id)
                    .or_default()
                    .push((channel, status));
            }
        }

        let mut entries = Vec::new();
        for row in notifications {
            let args: BTreeMap<String, String> = serde_json::from_str(&row.params)?;
            let category = Category::parse(&row.category).unwrap_or(Category::Applications);
            let in_app = if row.read_at.is_some() {
                DeliveryStatus::Read
            } else {
                DeliveryStatus::Unread
            };
            let channels = std::iter::once((Channel::InApp, in_app))
                .chain(copies.remove(&row.id).unwrap_or_default());
            for (channel, status) in channels {
                if filter.channel.is_some_and(|wanted| wanted != channel) {
                    continue;
                }
                entries.push(ArchiveEntry {
                    notification_id: row.id,
                    at: time::local(row.created_at, &actor.time_zone),
                    channel,
                    category,
                    status,
                    key: format!("notification-{}", row.kind.replace('_', "-")),
                    args: args.clone(),
                    application_id: row.application_id,
                });
            }
        }
        Ok(entries)
    }

    /// Deletes notifications and sent messages older than the retention period. Returns
    /// the number of rows removed.
    pub async fn purge_notifications(&self) -> Result<u64> {
        let before = self.clock.now() - Duration::days(self.settings.notification_retention_days);
        let mut tx = self.db.begin().await?;
        // Messages still waiting are kept, so a long outage loses nothing.
        let mut removed = execute!(&mut tx, sqlx::query(
            "DELETE FROM deliveries WHERE created_at < $1 AND status NOT IN ('queued', 'sending')",
        )
        .bind(before))?;
        removed += execute!(&mut tx, sqlx::query(
            "DELETE FROM notifications WHERE created_at < $1
               AND NOT EXISTS (SELECT 1 FROM deliveries WHERE deliveries.notification_id = notifications.id)",
        )
        .bind(before))?;
        tx.commit().await?;
        Ok(removed)
    }
}
