//! "Забыли пароль" and unlocking a locked account, both by a one-time code sent to the
//! account's confirmed phone.
//!
//! A recovery starts from a login and always gets an id and the same response, whether or
//! not an account has that login: for a login without an account a code is issued but
//! not sent, so the next step behaves the same and simply never succeeds.

use chrono::{DateTime, Utc};
use kabinet_shared::forms::NewPasswordForm;
use kabinet_shared::model::HistoryStatus;
use kabinet_shared::validate::Login;
use kabinet_shared::{Locale, Message, i18n};
use uuid::Uuid;

use super::alerts::{self, Alert};
use super::{lockout, user_by_id};
use crate::codes::{Check, Purpose};
use crate::db::Tx;
use crate::deliveries::{self, Channel};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Client, Core, execute, on_conn};

/// The purpose of a recovery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryPurpose {
    /// Lift the lock after wrong passwords; the password stays.
    Unlock,
    /// Set a new password.
    Reset,
}

impl RecoveryPurpose {
    fn code(self) -> &'static str {
        match self {
            RecoveryPurpose::Unlock => "unlock",
            RecoveryPurpose::Reset => "reset",
        }
    }
}

/// The next step of a recovery once its code is accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryStep {
    /// The account is unlocked; the person signs in again.
    Unlocked,
    /// The person chooses a new password.
    NewPassword,
}

#[derive(sqlx::FromRow)]
struct RecoveryRow {
    purpose: String,
    user_id: Option<Uuid>,
    locale: String,
    expires_at: DateTime<Utc>,
    verified_at: Option<DateTime<Utc>>,
    completed_at: Option<DateTime<Utc>>,
}

impl Core {
    /// Starts a recovery for `login` and sends a code to the account's phone. Returns the
    /// recovery's id, which the next steps need.
    pub async fn start_recovery(
        &self,
        purpose: RecoveryPurpose,
        login: &Login,
        locale: Locale,
        client: &Client,
    ) -> Result<Uuid> {
        let now = self.clock.now();
        let user = self.find_by_login(login).await?;
        let id = Uuid::now_v7();

        let mut tx = self.db.begin().await?;
        self.limit_code_requests(&mut tx, client).await?;
        execute!(&mut tx, sqlx::query(
            "INSERT INTO account_recoveries (id, purpose, user_id, locale, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(purpose.code())
        .bind(user.as_ref().map(|user| user.id))
        .bind(locale.code())
        .bind(now)
        .bind(now + self.settings.recovery_lifetime))?;
        self.send_recovery_code(
            &mut tx,
            id,
            user.as_ref().and_then(|u| u.phone.as_deref()),
            locale,
        )
        .await?;
        tx.commit().await?;
        tracing::info!(recovery.id = %id, recovery.purpose = purpose.code(), "recovery started");
        Ok(id)
    }

    /// Sends another code for an open recovery.
    pub async fn resend_recovery_code(&self, id: Uuid, client: &Client) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let row = self.open_recovery(&mut tx, id).await?;
        self.limit_code_requests(&mut tx, client).await?;
        let phone = match row.user_id {
            Some(user_id) => user_by_id(&mut tx, user_id)
                .await?
                .and_then(|user| user.phone),
            None => None,
        };
        let locale = Locale::parse(&row.locale).unwrap_or_default();
        self.send_recovery_code(&mut tx, id, phone.as_deref(), locale)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Checks the code of a recovery. An unlock of an account locked by wrong passwords
    /// ends here; a reset, or an unlock of an account that its owner locked with "это был
    /// не я", goes on to a new password.
    pub async fn verify_recovery(&self, id: Uuid, code: &str) -> Result<RecoveryStep> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let row = self.open_recovery(&mut tx, id).await?;
        if row.verified_at.is_some() {
            return Ok(RecoveryStep::NewPassword);
        }
        match self
            .check_code(&mut tx, Purpose::Recovery, &id.to_string(), code)
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
        // A code is only ever sent for an existing account.
        let user_id = row
            .user_id
            .ok_or_else(|| Error::Internal("accepted recovery code without an account".into()))?;

        let state = lockout::lock_state(&mut tx, user_id).await?;
        if row.purpose == RecoveryPurpose::Unlock.code() && !state.needs_new_password() {
            lockout::unlock(&mut tx, user_id).await?;
            mark_recovery(&mut tx, id, Mark::Completed, now).await?;
            history::record(
                &mut tx,
                now,
                Entry::new(user_id, Kind::AccountUnlocked, HistoryStatus::Succeeded),
            )
            .await?;
            tx.commit().await?;
            tracing::info!(user.id = %user_id, recovery.id = %id, "account unlocked by code");
            return Ok(RecoveryStep::Unlocked);
        }
        mark_recovery(&mut tx, id, Mark::Verified, now).await?;
        tx.commit().await?;
        Ok(RecoveryStep::NewPassword)
    }

    /// Whether the recovery's code has been accepted and a new password can be set.
    pub async fn recovery_verified(&self, id: Uuid) -> Result<bool> {
        let mut tx = self.db.begin_read().await?;
        let row = self.open_recovery(&mut tx, id).await?;
        Ok(row.verified_at.is_some())
    }

    /// Sets the new password of a verified recovery. It also lifts any lock and ends every
    /// session of the account.
    pub async fn complete_recovery(&self, id: Uuid, form: &NewPasswordForm) -> Result<()> {
        let password = form.validate()?;
        crate::password::check_not_breached(&password)?;
        let password_hash = self.passwords.hash(&password).await?;
        let now = self.clock.now();

        let mut tx = self.db.begin().await?;
        let row = self.open_recovery(&mut tx, id).await?;
        let (Some(user_id), Some(_)) = (row.user_id, row.verified_at) else {
            return Err(Error::rejected("error-recovery-expired"));
        };
        let user = user_by_id(&mut tx, user_id)
            .await?
            .ok_or_else(|| Error::rejected("error-recovery-expired"))?;
        self.store_password(&mut tx, user_id, &password_hash, now)
            .await?;
        lockout::unlock(&mut tx, user_id).await?;
        let ended = lockout::end_sessions(&mut tx, user_id, now, None).await?;
        lockout::forget_devices(&mut tx, user_id, now).await?;
        mark_recovery(&mut tx, id, Mark::Completed, now).await?;
        history::record(
            &mut tx,
            now,
            Entry::new(user_id, Kind::PasswordReset, HistoryStatus::Succeeded),
        )
        .await?;
        alerts::send(
            &mut tx,
            now,
            &self.settings.public_url,
            &user,
            Alert::PasswordChanged,
            &[],
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %user_id, recovery.id = %id, sessions.ended = ended, "password reset");
        Ok(())
    }

    pub(crate) async fn store_password(
        &self,
        tx: &mut Tx,
        user_id: Uuid,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        execute!(
            tx,
            sqlx::query(
                "UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2 WHERE id = $3"
            )
            .bind(password_hash)
            .bind(now)
            .bind(user_id)
        )?;
        Ok(())
    }

    async fn open_recovery(&self, tx: &mut Tx, id: Uuid) -> Result<RecoveryRow> {
        let row: Option<RecoveryRow> = on_conn!(&mut *tx, conn => sqlx::query_as(
            "SELECT purpose, user_id, locale, expires_at, verified_at, completed_at
             FROM account_recoveries WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(conn)
        .await)?;
        row.filter(|row| row.completed_at.is_none() && row.expires_at > self.clock.now())
            .ok_or_else(|| Error::rejected("error-recovery-expired"))
    }

    /// Issues a code and sends it to `phone`; without a phone (no account) the code is
    /// issued all the same, so the resend interval and the responses do not differ.
    async fn send_recovery_code(
        &self,
        tx: &mut Tx,
        id: Uuid,
        phone: Option<&str>,
        locale: Locale,
    ) -> Result<()> {
        let code = self
            .issue_code(tx, Purpose::Recovery, &id.to_string())
            .await?;
        if let Some(phone) = phone {
            let body = i18n::text_with(locale, "sms-recovery-code", &[("code", code.as_str())]);
            deliveries::enqueue(tx, self.clock.now(), Channel::Sms, phone, &body).await?;
        }
        Ok(())
    }
}

enum Mark {
    Verified,
    Completed,
}

async fn mark_recovery(tx: &mut Tx, id: Uuid, mark: Mark, at: DateTime<Utc>) -> Result<()> {
    let sql = match mark {
        Mark::Verified => "UPDATE account_recoveries SET verified_at = $1 WHERE id = $2",
        Mark::Completed => "UPDATE account_recoveries SET completed_at = $1 WHERE id = $2",
    };
    execute!(tx, sqlx::query(sql).bind(at).bind(id))?;
    Ok(())
}
