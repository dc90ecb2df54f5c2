//! Outgoing SMS and e-mail. A message is written to the `deliveries` table in the
//! transaction of the change that causes it and sent after commit by a worker, so a crash
//! loses none and a failing gateway fails no form.
//!
//! A worker claims due messages by marking them `sending` with a lease; on PostgreSQL the
//! claim skips rows another worker holds (`FOR UPDATE SKIP LOCKED`), so several server
//! processes can deliver at once. A message whose lease runs out (its worker died) is
//! claimed again. A failed attempt is retried with exponential backoff until
//! [`MAX_ATTEMPTS`]; a permanent refusal (an unknown mailbox) is not retried.
//!
//! E-mail goes over SMTP when it is configured ([`smtp`]). Otherwise, outside production,
//! the worker marks queued messages as sent and the development outbox (the `/dev/outbox`
//! page) lists every message; in production such messages wait for a gateway.

pub mod push;
pub mod sms;
pub mod smtp;
pub mod telegram;

use chrono::{DateTime, Duration, Utc};
use futures_util::StreamExt;
use kabinet_shared::model::OutboxMessage;
use kabinet_shared::notify::Category;
use uuid::Uuid;

use crate::db::Tx;
use crate::error::{Error, Result};
use crate::{Core, execute, on_conn, time};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Sms,
    Email,
    Telegram,
    /// Web Push; the recipient is the id of a push subscription and the body the JSON
    /// payload for the service worker.
    Push,
}

impl Channel {
    fn code(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::Telegram => "telegram",
            Channel::Push => "push",
        }
    }
}

/// The result of handing a message over.
struct Sent {
    /// A real gateway took it, rather than the development outbox.
    by_gateway: bool,
    /// The gateway's id of the message, for its delivery reports.
    provider_id: Option<String>,
}

/// Attempts after which a message is given up as failed.
pub const MAX_ATTEMPTS: i32 = 8;
/// How long a claimed message stays reserved for its worker.
const LEASE: Duration = Duration::seconds(60);
/// Messages one worker claims at a time.
const BATCH: i64 = 50;
/// Messages one worker sends at the same time. With lettre 0.11.23 every SMTP message
/// also waits about 40 ms for a delayed TCP acknowledgement (it leaves Nagle's algorithm
/// on), so sending in parallel is what makes e-mail fast.
const PARALLEL_SENDS: usize = 8;

/// What became of one claimed message.
enum Outcome {
    Sent,
    Deferred,
    Failed,
}

/// The wait before attempt `attempts + 1`: 30 s, doubling each time, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let doublings = attempts.clamp(1, 8) - 1;
    Duration::seconds((30 << doublings).min(3600))
}

/// A message to queue.
pub struct Outgoing<'a> {
    pub channel: Channel,
    pub recipient: &'a str,
    pub subject: Option<&'a str>,
    pub body: &'a str,
    /// The HTML part of an e-mail.
    pub html: Option<&'a str>,
    /// The person the message is about, for the notification archive.
    pub user_id: Option<Uuid>,
    pub notification_id: Option<Uuid>,
    pub category: Option<Category>,
    /// The text holds a one-time code: once a gateway has it, the stored copy is blanked.
    pub transient: bool,
    /// Not sent before this moment (the end of quiet hours).
    pub not_before: DateTime<Utc>,
}

/// Queues a message with a one-time code or a link inside the caller's transaction. It
/// is sent at once, whatever the quiet hours.
pub async fn enqueue(
    tx: &mut Tx,
    at: DateTime<Utc>,
    channel: Channel,
    recipient: &str,
    body: &str,
) -> Result<()> {
    enqueue_message(
        tx,
        at,
        Outgoing {
            channel,
            recipient,
            subject: None,
            body,
            html: None,
            user_id: None,
            notification_id: None,
            category: None,
            transient: true,
            not_before: at,
        },
    )
    .await
}

/// Queues `message` inside the caller's transaction.
pub async fn enqueue_message(tx: &mut Tx, at: DateTime<Utc>, message: Outgoing<'_>) -> Result<()> {
    execute!(tx, sqlx::query(
        "INSERT INTO deliveries (id, channel, recipient, subject, body, html, user_id, notification_id,
                                 category, transient, status, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued', $11, $12)",
    )
    .bind(Uuid::now_v7())
    .bind(message.channel.code())
    .bind(message.recipient)
    .bind(message.subject)
    .bind(message.body)
    .bind(message.html)
    .bind(message.user_id)
    .bind(message.notification_id)
    .bind(message.category.map(Category::code))
    .bind(message.transient)
    .bind(at)
    .bind(message.not_before.max(at)))?;
    Ok(())
}

/// A claimed message.
#[derive(sqlx::FromRow)]
struct Claimed {
    id: Uuid,
    channel: String,
    recipient: String,
    subject: Option<String>,
    body: String,
    html: Option<String>,
    attempts: i32,
}

/// Why an attempt failed, in words with no personal data: no address, no text.
#[derive(Debug)]
pub struct Refusal {
    pub reason: String,
    /// A refusal that a retry cannot change, such as an unknown mailbox.
    pub permanent: bool,
}

/// What one round of the worker did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: u64,
    /// Failed attempts that will be retried.
    pub deferred: u64,
    /// Messages given up.
    pub failed: u64,
}

impl Round {
    pub fn is_empty(&self) -> bool {
        *self == Round::default()
    }
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
    /// The channels this server can hand messages to now.
    fn deliverable_channels(&self) -> Vec<&'static str> {
        let development = !self.settings.production;
        let mut channels = Vec::new();
        if self.mailer.is_some() || development {
            channels.push(Channel::Email.code());
        }
        if self.sms_gateway.is_some() || development {
            channels.push(Channel::Sms.code());
        }
        if self.telegram.is_some() || development {
            channels.push(Channel::Telegram.code());
        }
        if self.web_push.is_some() || development {
            channels.push(Channel::Push.code());
        }
        channels
    }

    /// Sends due messages until none is left, returning what was done. Another worker's
    /// claimed messages are left to it.
    pub async fn deliver_queued(&self) -> Result<Round> {
        let mut round = Round::default();
        loop {
            let batch = self.deliver_batch().await?;
            round.sent += batch.sent;
            round.deferred += batch.deferred;
            round.failed += batch.failed;
            if batch.is_empty() {
                return Ok(round);
            }
        }
    }

    /// Claims up to one batch of due messages and sends them.
    pub async fn deliver_batch(&self) -> Result<Round> {
        let channels = self.deliverable_channels();
        if channels.is_empty() {
            return Ok(Round::default());
        }
        let claimed = self.claim(&channels).await?;
        // Messages go out several at a time: each SMTP exchange or HTTP request spends most
        // of its time waiting for the other side.
        let outcomes: Vec<Result<Outcome>> = futures_util::stream::iter(claimed)
            .map(|message| async move {
                let outcome = self.send(&message).await;
                self.record(&message, outcome).await
            })
            .buffer_unordered(PARALLEL_SENDS)
            .collect()
            .await;
        let mut round = Round::default();
        for outcome in outcomes {
            match outcome? {
                Outcome::Sent => round.sent += 1,
                Outcome::Deferred => round.deferred += 1,
                Outcome::Failed => round.failed += 1,
            }
        }
        Ok(round)
    }

    /// Writes the outcome of one attempt.
    async fn record(
        &self,
        message: &Claimed,
        outcome: std::result::Result<Sent, Refusal>,
    ) -> Result<Outcome> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let recorded = match outcome {
            Ok(sent) => {
                // A code's text is blanked once a gateway has it; the development
                // outbox keeps it, since showing it is what the outbox is for.
                execute!(&mut tx, sqlx::query(
                    "UPDATE deliveries SET status = 'sent', sent_at = $1, lease_until = NULL, last_error = NULL,
                            body = CASE WHEN transient AND $2 THEN '' ELSE body END,
                            html = CASE WHEN transient AND $2 THEN NULL ELSE html END,
                            provider_id = $3
                     WHERE id = $4 AND status = 'sending'",
                )
                .bind(now)
                .bind(sent.by_gateway)
                .bind(sent.provider_id)
                .bind(message.id))?;
                Outcome::Sent
            }
            Err(refusal) if refusal.permanent || message.attempts >= MAX_ATTEMPTS => {
                tracing::warn!(delivery.id = %message.id, reason = %refusal.reason, "message given up");
                execute!(&mut tx, sqlx::query(
                    "UPDATE deliveries SET status = 'failed', lease_until = NULL, last_error = $1
                     WHERE id = $2 AND status = 'sending'",
                )
                .bind(&refusal.reason)
                .bind(message.id))?;
                Outcome::Failed
            }
            Err(refusal) => {
                tracing::info!(delivery.id = %message.id, reason = %refusal.reason, attempts = message.attempts, "sending failed; will retry");
                execute!(&mut tx, sqlx::query(
                    "UPDATE deliveries SET status = 'queued', lease_until = NULL, last_error = $1,
                            next_attempt_at = $2
                     WHERE id = $3 AND status = 'sending'",
                )
                .bind(&refusal.reason)
                .bind(now + backoff(message.attempts))
                .bind(message.id))?;
                Outcome::Deferred
            }
        };
        tx.commit().await?;
        Ok(recorded)
    }

    /// Marks up to [`BATCH`] due messages as being sent by this worker.
    async fn claim(&self, channels: &[&str]) -> Result<Vec<Claimed>> {
        let now = self.clock.now();
        let placeholders: Vec<String> =
            (0..channels.len()).map(|i| format!("${}", i + 3)).collect();
        let lock = if self.db.backend() == crate::db::Backend::Postgres {
            " FOR UPDATE SKIP LOCKED"
        } else {
            ""
        };
        let select = format!(
            "SELECT id, channel, recipient, subject, body, html, attempts FROM deliveries
             WHERE ((status = 'queued' AND next_attempt_at <= $1) OR (status = 'sending' AND lease_until <= $1))
               AND channel IN ({})
             ORDER BY next_attempt_at, id LIMIT $2{lock}",
            placeholders.join(", ")
        );
        let mut tx = self.db.begin().await?;
        let mut rows: Vec<Claimed> = on_conn!(&mut tx, conn => {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(select.clone())).bind(now).bind(BATCH);
            for channel in channels {
                query = query.bind(*channel);
            }
            query.fetch_all(conn).await
        })?;
        for row in &mut rows {
            row.attempts += 1;
            execute!(&mut tx, sqlx::query(
                "UPDATE deliveries SET status = 'sending', lease_until = $1, attempts = $2 WHERE id = $3",
            )
            .bind(now + LEASE)
            .bind(row.attempts)
            .bind(row.id))?;
        }
        tx.commit().await?;
        Ok(rows)
    }

    /// Hands one message to its channel's gateway, or to the development outbox when
    /// the channel has none.
    async fn send(&self, message: &Claimed) -> std::result::Result<Sent, Refusal> {
        let by_gateway = |provider_id| Sent {
            by_gateway: true,
            provider_id,
        };
        match (
            message.channel.as_str(),
            &self.mailer,
            &self.sms_gateway,
            &self.telegram,
        ) {
            ("email", Some(mailer), _, _) => {
                mailer
                    .send(smtp::Letter {
                        id: message.id,
                        to: &message.recipient,
                        subject: message.subject.as_deref().unwrap_or_default(),
                        text: &message.body,
                        html: message.html.as_deref(),
                    })
                    .await?;
                Ok(by_gateway(None))
            }
            ("sms", _, Some(gateway), _) => {
                let callback = format!("{}/hooks/sms/status", self.settings.public_url);
                let id = gateway
                    .send(message.id, &message.recipient, &message.body, &callback)
                    .await?;
                Ok(by_gateway(Some(id)))
            }
            ("telegram", _, _, Some(bot)) => {
                let id = bot.send(&message.recipient, &message.body).await?;
                Ok(by_gateway(Some(id)))
            }
            ("push", _, _, _) if self.web_push.is_some() => {
                self.send_push(message).await?;
                Ok(by_gateway(None))
            }
            // The development outbox: the message stays in the table for the outbox page.
            _ => Ok(Sent {
                by_gateway: false,
                provider_id: None,
            }),
        }
    }

    /// Sends a Web Push message to the subscription it names. A subscription the push
    /// service dropped is deleted.
    async fn send_push(&self, message: &Claimed) -> std::result::Result<(), Refusal> {
        let Some(web_push) = &self.web_push else {
            return Ok(());
        };
        let gone = || Refusal {
            reason: "push subscription removed".into(),
            permanent: true,
        };
        let id = Uuid::parse_str(&message.recipient).map_err(|_| gone())?;
        let row: Option<(String, String, String)> = async {
            let mut tx = self.db.begin_read().await?;
            let row = on_conn!(&mut tx, conn => sqlx::query_as(
                "SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(conn)
            .await)?;
            Ok::<_, Error>(row)
        }
        .await
        .map_err(|_| Refusal {
            reason: "push subscription could not be read".into(),
            permanent: false,
        })?;
        let (endpoint, p256dh, auth) = row.ok_or_else(gone)?;
        let payload: push::PushPayload =
            serde_json::from_str(&message.body).map_err(|_| Refusal {
                reason: "push payload not valid".into(),
                permanent: true,
            })?;
        let subscription = push::Subscription {
            endpoint: &endpoint,
            p256dh: &p256dh,
            auth: &auth,
        };
        let result = web_push.send(&subscription, &payload).await;
        if let Err(refusal) = &result
            && refusal.reason.ends_with("subscription gone")
        {
            let removed = async {
                let mut tx = self.db.begin().await?;
                execute!(
                    &mut tx,
                    sqlx::query("DELETE FROM push_subscriptions WHERE id = $1").bind(id)
                )?;
                tx.commit().await?;
                Ok::<_, Error>(())
            }
            .await;
            if let Err(error) = removed {
                tracing::warn!(%error, "removing a dropped push subscription failed");
            }
        }
        result
    }

    /// Records a delivery report of the SMS gateway. `token` must be the configured
    /// callback token; an unknown `message_id` changes nothing. Returns whether a message
    /// was updated.
    pub async fn sms_report(&self, token: &str, message_id: &str, delivered: bool) -> Result<bool> {
        let Some(gateway) = &self.sms_gateway else {
            return Err(Error::Forbidden);
        };
        if !crate::crypto::constant_time_eq(token.as_bytes(), gateway.callback_token().as_bytes()) {
            return Err(Error::Forbidden);
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let updated = if delivered {
            execute!(
                &mut tx,
                sqlx::query(
                    "UPDATE deliveries SET status = 'delivered', delivered_at = $1
                 WHERE provider_id = $2 AND channel = 'sms' AND status IN ('sent', 'delivered')",
                )
                .bind(now)
                .bind(message_id)
            )?
        } else {
            execute!(&mut tx, sqlx::query(
                "UPDATE deliveries SET status = 'failed', last_error = 'the SMS gateway reported no delivery'
                 WHERE provider_id = $1 AND channel = 'sms' AND status = 'sent'",
            )
            .bind(message_id))?
        };
        tx.commit().await?;
        Ok(updated > 0)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let waits: Vec<i64> = (1..=9).map(|n| backoff(n).num_seconds()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }
}
