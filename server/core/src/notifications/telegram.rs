//! Linking a Telegram chat to an account. The settings page gives a one-time start code
//! in a `https://t.me/<bot>?start=CODE` link; the person opens it and presses "Start", the
//! bot receives `/start CODE`, and the worker that reads the bot's updates links that
//! chat. The code is stored only as a keyed hash and works for 30 minutes, once.

use chrono::Duration;
use kabinet_shared::model::HistoryStatus;
use kabinet_shared::{Locale, i18n};
use uuid::Uuid;

use crate::crypto::{keyed_hash, random_token};
use crate::deliveries::{self, Outgoing};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Actor, Core, execute, on_conn};

/// How long a start code works.
const LINK_LIFETIME: Duration = Duration::minutes(30);

impl Core {
    fn telegram_code_hash(&self, code: &str) -> Vec<u8> {
        keyed_hash(&self.keys.session, "telegram-link", code.as_bytes())
    }

    /// Makes a new start code for `actor`, replacing any earlier one, and returns the
    /// link that opens the bot with it.
    pub async fn start_telegram_link(&self, actor: &Actor) -> Result<String> {
        let Some(bot) = &self.telegram else {
            return Err(Error::NotFound);
        };
        // 43 characters of base64url: Telegram accepts up to 64 of A-Z, a-z, 0-9, _ and -.
        let code = random_token();
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        execute!(
            &mut tx,
            sqlx::query("DELETE FROM telegram_links WHERE user_id = $1").bind(actor.user_id)
        )?;
        execute!(&mut tx, sqlx::query(
            "INSERT INTO telegram_links (code_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(self.telegram_code_hash(&code))
        .bind(actor.user_id)
        .bind(now)
        .bind(now + LINK_LIFETIME))?;
        tx.commit().await?;
        Ok(format!("https://t.me/{}?start={code}", bot.name()))
    }

    /// Stops sending to the linked chat.
    pub async fn unlink_telegram(&self, actor: &Actor) -> Result<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let changed = execute!(&mut tx, sqlx::query(
            "UPDATE users SET telegram_chat_id = NULL, updated_at = $1 WHERE id = $2 AND telegram_chat_id IS NOT NULL",
        )
        .bind(now)
        .bind(actor.user_id))?;
        if changed > 0 {
            let entry = Entry::new(
                actor.user_id,
                Kind::TelegramUnlinked,
                HistoryStatus::Succeeded,
            );
            history::record(&mut tx, now, entry).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Reads the bot's new messages, waiting up to `wait` seconds, and links the chats
    /// that sent a valid start code. Every `/start` gets an answer. Returns the number of
    /// chats linked.
    pub async fn poll_telegram(&self, wait: u32) -> Result<u32> {
        let Some(bot) = &self.telegram else {
            return Ok(0);
        };
        let offset: Option<i64> = {
            let mut tx = self.db.begin_read().await?;
            on_conn!(&mut tx, conn => sqlx::query_scalar("SELECT next_offset FROM telegram_updates WHERE id = 1")
                .fetch_optional(conn)
                .await)?
        };
        let updates = bot.updates(offset.unwrap_or(0), wait).await?;
        let Some(last) = updates.iter().map(|update| update.update_id).max() else {
            return Ok(0);
        };
        let now = self.clock.now();
        let mut linked = 0;
        let mut tx = self.db.begin().await?;
        for update in &updates {
            let Some(message) = &update.message else {
                continue;
            };
            let Some(code) = message
                .text
                .as_deref()
                .and_then(|text| text.strip_prefix("/start"))
                .map(str::trim)
            else {
                continue;
            };
            let chat = message.chat.id.to_string();
            let owner: Option<(Uuid, String)> = on_conn!(&mut tx, conn => sqlx::query_as(
                "SELECT u.id, u.locale FROM telegram_links l JOIN users u ON u.id = l.user_id
                 WHERE l.code_hash = $1 AND l.expires_at > $2",
            )
            .bind(self.telegram_code_hash(code))
            .bind(now)
            .fetch_optional(conn)
            .await)?;
            let (reply_key, locale) =
                match &owner {
                    Some((user_id, locale)) => {
                        execute!(
                            &mut tx,
                            sqlx::query("DELETE FROM telegram_links WHERE user_id = $1")
                                .bind(user_id)
                        )?;
                        execute!(&mut tx, sqlx::query(
                        "UPDATE users SET telegram_chat_id = $1, updated_at = $2 WHERE id = $3",
                    )
                    .bind(&chat)
                    .bind(now)
                    .bind(user_id))?;
                        let entry =
                            Entry::new(*user_id, Kind::TelegramLinked, HistoryStatus::Succeeded);
                        history::record(&mut tx, now, entry).await?;
                        linked += 1;
                        ("telegram-linked", Locale::parse(locale).unwrap_or_default())
                    }
                    None => ("telegram-code-unknown", Locale::default()),
                };
            let reply = i18n::text(locale, reply_key);
            deliveries::enqueue_message(
                &mut tx,
                now,
                Outgoing {
                    channel: deliveries::Channel::Telegram,
                    recipient: &chat,
                    subject: None,
                    body: &reply,
                    html: None,
                    user_id: owner.as_ref().map(|(user_id, _)| *user_id),
                    notification_id: None,
                    category: None,
                    transient: false,
                    not_before: now,
                },
            )
            .await?;
        }
        execute!(
            &mut tx,
            sqlx::query(
                "INSERT INTO telegram_updates (id, next_offset) VALUES (1, $1)
             ON CONFLICT (id) DO UPDATE SET next_offset = excluded.next_offset",
            )
            .bind(last + 1)
        )?;
        tx.commit().await?;
        if linked > 0 {
            tracing::info!(chats.count = linked, "Telegram chats linked");
        }
        Ok(linked)
    }
}
