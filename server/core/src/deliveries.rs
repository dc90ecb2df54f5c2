//! Outgoing SMS and e-mail. Messages are written to the `deliveries` table in the
//! transaction of the change that causes them and sent after commit by a worker, so a
//! crash loses none and a failing gateway fails no form.
//!
//! Until a real gateway is configured, outside production the worker marks queued
//! messages as sent, and the development outbox (the `/dev/outbox` page) lists every
//! message, queued or sent.

use chrono::{DateTime, Utc};
use kabinet_shared::model::OutboxMessage;
use uuid::Uuid;

use crate::db::Tx;
use crate::error::Result;
use crate::{Core, execute, on_conn, time};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Sms,
    Email,
}

impl Channel {
    fn code(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }
}

/// Queues a message inside the caller's transaction.
pub async fn enqueue(
    tx: &mut Tx,
    at: DateTime<Utc>,
    channel: Channel,
    recipient: &str,
    body: &str,
) -> Result<()> {
    execute!(tx, sqlx::query(
        "INSERT INTO deliveries (id, channel, recipient, body, status, created_at) VALUES ($1, $2, $3, $4, 'queued', $5)",
    )
    .bind(Uuid::now_v7())
    .bind(channel.code())
    .bind(recipient)
    .bind(body)
    .bind(at))?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct OutboxRow {
    created_at: DateTime<Utc>,
    channel: String,
    recipient: String,
    body: String,
}

/// Most messages the development outbox lists.
const OUTBOX_LIMIT: i64 = 200;

impl Core {
    /// Sends what is queued. With no gateway configured, outside production the messages
    /// go to the development outbox; in production they stay queued until a gateway is
    /// configured. Returns the number of messages handed over.
    pub async fn deliver_queued(&self) -> Result<u64> {
        if self.settings.production {
            return Ok(0);
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let sent = execute!(&mut tx, sqlx::query(
            "UPDATE deliveries SET status = 'sent', sent_at = $1, attempts = attempts + 1 WHERE status = 'queued'",
        )
        .bind(now))?;
        tx.commit().await?;
        Ok(sent)
    }

    /// Lists messages for the development outbox, newest first; empty in production.
    pub async fn development_outbox(&self) -> Result<Vec<OutboxMessage>> {
        if self.settings.production {
            return Ok(Vec::new());
        }
        let mut tx = self.db.begin_read().await?;
        let rows: Vec<OutboxRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT created_at, channel, recipient, body FROM deliveries ORDER BY created_at DESC, id DESC LIMIT $1",
        )
        .bind(OUTBOX_LIMIT)
        .fetch_all(conn)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|row| OutboxMessage {
                at: time::local(row.created_at, time::DEFAULT_ZONE.name()),
                channel: row.channel,
                recipient: row.recipient,
                body: row.body,
            })
            .collect())
    }
}
