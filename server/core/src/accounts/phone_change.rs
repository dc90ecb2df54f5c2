//! A new phone number takes effect only after the code sent to it is entered.
//!
//! The phone is a login and receives codes, so a change needs a fresh step-up first. A
//! number that belongs to another account gets the same notice as at registration
//! instead of a code, so the form does not reveal which numbers are registered.

use chrono::{DateTime, Utc};
use kabinet_shared::model::HistoryStatus;
use kabinet_shared::validate::{phone, text};
use kabinet_shared::{Locale, Message, i18n};
use uuid::Uuid;

use super::alerts::{self, Alert};
use super::{SessionUser, user_by_id};
use crate::codes::{Check, Purpose};
use crate::db::{Tx, unique_violation};
use crate::deliveries::{self, Channel};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Actor, Client, Core, execute, on_conn};

#[derive(sqlx::FromRow)]
struct ChangeRow {
    new_phone: String,
    expires_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
}

impl Core {
    /// Starts moving the account to the number typed in `input`: checks it, records the
    /// change and sends a code to the new number. Returns the change's id, which the
    /// confirmation step needs. Fails with [`Error::StepUpRequired`] without a fresh
    /// step-up, and on the `phone` field for an invalid number or the current one.
    pub async fn start_phone_change(
        &self,
        session: &SessionUser,
        input: &str,
        client: &Client,
    ) -> Result<Uuid> {
        let new_phone = text::required(input)
            .and_then(|typed| phone::normalize_mobile(&typed))
            .map_err(|message| Error::field("phone", message))?;
        self.require_step_up(session)?;

        let now = self.clock.now();
        let user_id = session.actor.user_id;
        let mut tx = self.db.begin().await?;
        let user = user_by_id(&mut tx, user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        if user.phone.as_deref() == Some(new_phone.as_str()) {
            return Err(Error::field("phone", Message::new("error-phone-same")));
        }
        self.limit_code_requests(&mut tx, client).await?;
        execute!(
            &mut tx,
            sqlx::query(
                "UPDATE phone_changes SET closed_at = $1 WHERE user_id = $2 AND closed_at IS NULL",
            )
            .bind(now)
            .bind(user_id)
        )?;
        let id = Uuid::now_v7();
        execute!(
            &mut tx,
            sqlx::query(
                "INSERT INTO phone_changes (id, user_id, new_phone, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(user_id)
            .bind(&new_phone)
            .bind(now)
            .bind(now + self.settings.code_lifetime)
        )?;
        let locale = Locale::parse(&user.locale).unwrap_or_default();
        self.send_phone_change_sms(&mut tx, now, id, &new_phone, locale)
            .await?;
        tx.commit().await?;
        tracing::info!(user.id = %user_id, phone_change.id = %id, "phone change started");
        Ok(id)
    }

    /// Sends another code for a started phone change.
    pub async fn resend_phone_change_code(
        &self,
        actor: &Actor,
        id: Uuid,
        client: &Client,
    ) -> Result<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let change = open_change(&mut tx, actor.user_id, id, now).await?;
        self.limit_code_requests(&mut tx, client).await?;
        // The change lives as long as its newest code.
        execute!(
            &mut tx,
            sqlx::query("UPDATE phone_changes SET expires_at = $1 WHERE id = $2")
                .bind(now + self.settings.code_lifetime)
                .bind(id)
        )?;
        let user = user_by_id(&mut tx, actor.user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        let locale = Locale::parse(&user.locale).unwrap_or_default();
        self.send_phone_change_sms(&mut tx, now, id, &change.new_phone, locale)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Seconds until another code for phone change `id` may be sent.
    pub async fn phone_change_resend_wait(&self, id: Uuid) -> Result<i64> {
        self.code_resend_wait(Purpose::PhoneChange, &id.to_string())
            .await
    }

    /// Makes the new number the account's phone once `code` matches. The journal entry,
    /// the notice to the old number and the owner's notice of a changed profile are
    /// written in the same transaction.
    pub async fn confirm_phone_change(&self, actor: &Actor, id: Uuid, code: &str) -> Result<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let change = open_change(&mut tx, actor.user_id, id, now).await?;
        match self
            .check_code(&mut tx, Purpose::PhoneChange, &id.to_string(), code)
            .await?
        {
            Check::Accepted => {}
            Check::Wrong { attempts_left } => {
                tx.commit().await?;
                let message = Message::new("error-code-wrong").arg("left", attempts_left.max(0));
                return Err(Error::field("code", message));
            }
            Check::Unusable(message) => return Err(Error::Rejected(message)),
        }

        let before = user_by_id(&mut tx, actor.user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        let updated = execute!(
            &mut tx,
            sqlx::query("UPDATE users SET phone = $1, updated_at = $2 WHERE id = $3",)
                .bind(&change.new_phone)
                .bind(now)
                .bind(actor.user_id)
        );
        if let Err(error) = updated {
            return Err(match unique_violation(&error).as_deref() {
                Some("users_phone_key") => Error::rejected("error-phone-change-taken"),
                _ => error.into(),
            });
        }
        execute!(
            &mut tx,
            sqlx::query("UPDATE phone_changes SET closed_at = $1 WHERE id = $2")
                .bind(now)
                .bind(id)
        )?;

        let entry = Entry::new(actor.user_id, Kind::ProfileChange, HistoryStatus::Succeeded)
            .detail("section", "personal")
            .detail("fields", "phone");
        history::record(&mut tx, now, entry).await?;
        if let Some(old_phone) = &before.phone {
            let locale = Locale::parse(&before.locale).unwrap_or_default();
            let body = i18n::text(locale, "sms-phone-changed");
            deliveries::enqueue(&mut tx, now, Channel::Sms, old_phone, &body).await?;
        }
        let after = user_by_id(&mut tx, actor.user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        alerts::send(
            &mut tx,
            now,
            &self.settings.public_url,
            &after,
            Alert::ProfileChanged,
            &[],
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, phone_change.id = %id, "phone number changed");
        Ok(())
    }

    /// Queues the code for phone change `id`, or the notice that the number is registered.
    async fn send_phone_change_sms(
        &self,
        tx: &mut Tx,
        now: DateTime<Utc>,
        id: Uuid,
        new_phone: &str,
        locale: Locale,
    ) -> Result<()> {
        let registered: Option<Uuid> = on_conn!(&mut *tx, conn => sqlx::query_scalar(
            "SELECT id FROM users WHERE phone = $1",
        )
        .bind(new_phone)
        .fetch_optional(conn)
        .await)?;
        let code = self
            .issue_code(tx, Purpose::PhoneChange, &id.to_string())
            .await?;
        let body = match registered {
            Some(_) => i18n::text(locale, "sms-phone-already-registered"),
            None => i18n::text_with(locale, "sms-phone-change-code", &[("code", code.as_str())]),
        };
        deliveries::enqueue(tx, now, Channel::Sms, new_phone, &body).await
    }
}

/// Loads the open phone change `id` of `user_id`, or fails with
/// `error-phone-change-expired`.
async fn open_change(
    tx: &mut Tx,
    user_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<ChangeRow> {
    let row: Option<ChangeRow> = on_conn!(tx, conn => sqlx::query_as(
        "SELECT new_phone, expires_at, closed_at FROM phone_changes WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user_id)
    .fetch_optional(conn)
    .await)?;
    row.filter(|row| row.closed_at.is_none() && row.expires_at > now)
        .ok_or_else(|| Error::rejected("error-phone-change-expired"))
}
