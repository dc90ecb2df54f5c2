//! A new e-mail address takes effect only after its owner opens the link sent to it.
//!
//! Until then the old address stays in use for codes and notices. The link works once
//! and for [`Settings::email_link_lifetime`](crate::Settings), and a newer change replaces
//! an older one. Once it is confirmed, a notice goes to the old address.

use chrono::{DateTime, Utc};
use kabinet_shared::model::HistoryStatus;
use kabinet_shared::validate::email;
use kabinet_shared::{Locale, Message, i18n};
use uuid::Uuid;

use super::alerts::{self, Alert};
use super::{UserRow, user_by_id};
use crate::crypto::{keyed_hash, random_token};
use crate::db::{Tx, unique_violation};
use crate::deliveries::{self, Channel};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Core, execute, on_conn};

#[derive(sqlx::FromRow)]
struct ChangeRow {
    id: Uuid,
    user_id: Uuid,
    new_email: String,
    expires_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
}

impl Core {
    fn email_token_hash(&self, token: &str) -> Vec<u8> {
        keyed_hash(&self.keys.session, "email-change", token.as_bytes())
    }

    /// Records `new_email` as waiting for confirmation and sends the link to it, inside
    /// the caller's transaction. Fails on the `email` field when another account uses it.
    pub(crate) async fn start_email_change(
        &self,
        tx: &mut Tx,
        now: DateTime<Utc>,
        user: &UserRow,
        new_email: &str,
    ) -> Result<()> {
        let taken: Option<Uuid> = on_conn!(&mut *tx, conn => sqlx::query_scalar(
            "SELECT id FROM users WHERE email_key = $1 AND id <> $2",
        )
        .bind(email::lookup_key(new_email))
        .bind(user.id)
        .fetch_optional(conn)
        .await)?;
        if taken.is_some() {
            return Err(Error::field("email", Message::new("error-email-taken")));
        }

        execute!(
            &mut *tx,
            sqlx::query(
                "UPDATE email_changes SET closed_at = $1 WHERE user_id = $2 AND closed_at IS NULL",
            )
            .bind(now)
            .bind(user.id)
        )?;
        let token = random_token();
        execute!(&mut *tx, sqlx::query(
            "INSERT INTO email_changes (id, user_id, new_email, token_hash, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(Uuid::now_v7())
        .bind(user.id)
        .bind(new_email)
        .bind(self.email_token_hash(&token))
        .bind(now)
        .bind(now + self.settings.email_link_lifetime))?;

        let locale = Locale::parse(&user.locale).unwrap_or_default();
        let link = format!(
            "{}/profile/email/confirm?token={token}",
            self.settings.public_url
        );
        let hours = self.settings.email_link_lifetime.num_hours().to_string();
        let body = i18n::text_with(
            locale,
            "email-confirm-address",
            &[("link", link.as_str()), ("hours", hours.as_str())],
        );
        deliveries::enqueue(tx, now, Channel::Email, new_email, &body).await
    }

    /// Returns the new address waiting for confirmation, if its link still works.
    pub(crate) async fn pending_email(&self, tx: &mut Tx, user_id: Uuid) -> Result<Option<String>> {
        let now = self.clock.now();
        let pending = on_conn!(tx, conn => sqlx::query_scalar(
            "SELECT new_email FROM email_changes
             WHERE user_id = $1 AND closed_at IS NULL AND expires_at > $2
             ORDER BY created_at DESC LIMIT 1",
        )
        .bind(user_id)
        .bind(now)
        .fetch_optional(conn)
        .await)?;
        Ok(pending)
    }

    async fn open_email_change(&self, tx: &mut Tx, token: &str) -> Result<ChangeRow> {
        let row: Option<ChangeRow> = on_conn!(tx, conn => sqlx::query_as(
            "SELECT id, user_id, new_email, expires_at, closed_at FROM email_changes WHERE token_hash = $1",
        )
        .bind(self.email_token_hash(token))
        .fetch_optional(conn)
        .await)?;
        let row = row.ok_or_else(|| Error::rejected("error-email-link-unknown"))?;
        if row.closed_at.is_some() {
            return Err(Error::rejected("error-email-link-used"));
        }
        if row.expires_at <= self.clock.now() {
            return Err(Error::rejected("error-email-link-expired"));
        }
        Ok(row)
    }

    /// Returns the address a confirmation link would set, or the reason the link no
    /// longer works.
    pub async fn email_change(&self, token: &str) -> Result<String> {
        let mut tx = self.db.begin_read().await?;
        Ok(self.open_email_change(&mut tx, token).await?.new_email)
    }

    /// Makes the address of the link the account's e-mail. The journal entry, the notice to
    /// the old address and the owner's notice of a changed profile are written in the same
    /// transaction.
    pub async fn confirm_email_change(&self, token: &str) -> Result<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let change = self.open_email_change(&mut tx, token).await?;
        let user = user_by_id(&mut tx, change.user_id)
            .await?
            .ok_or_else(|| Error::rejected("error-email-link-unknown"))?;

        let updated = execute!(
            &mut tx,
            sqlx::query(
                "UPDATE users SET email = $1, email_key = $2, updated_at = $3 WHERE id = $4",
            )
            .bind(&change.new_email)
            .bind(email::lookup_key(&change.new_email))
            .bind(now)
            .bind(user.id)
        );
        if let Err(error) = updated {
            return Err(match unique_violation(&error).as_deref() {
                Some("users_email_key_key") => Error::rejected("error-email-taken"),
                _ => error.into(),
            });
        }
        execute!(
            &mut tx,
            sqlx::query("UPDATE email_changes SET closed_at = $1, confirmed = TRUE WHERE id = $2",)
                .bind(now)
                .bind(change.id)
        )?;

        let entry = Entry::new(user.id, Kind::ProfileChange, HistoryStatus::Succeeded)
            .detail("section", "personal")
            .detail("fields", "email");
        history::record(&mut tx, now, entry).await?;
        if let Some(old) = user.email.as_deref().filter(|old| *old != change.new_email) {
            let locale = Locale::parse(&user.locale).unwrap_or_default();
            let body = i18n::text_with(
                locale,
                "email-address-changed",
                &[("email", change.new_email.as_str())],
            );
            deliveries::enqueue(&mut tx, now, Channel::Email, old, &body).await?;
        }
        alerts::send(
            &mut tx,
            now,
            &self.settings.public_url,
            &user,
            Alert::ProfileChanged,
            &[],
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %user.id, "e-mail address confirmed");
        Ok(())
    }
}
