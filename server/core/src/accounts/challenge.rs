//! The second step of sign-in and the step-up of a signed-in session.

use chrono::{DateTime, Duration, Utc};
use kabinet_shared::Message;
use kabinet_shared::model::{ChallengeView, FactorKind, SignInResult};
use uuid::Uuid;

use super::factors::{self, FactorRow};
use super::lockout::Attempt;
use super::sign_in::SignedIn;
use super::{SessionUser, user_by_id};
use crate::error::{Error, Result};
use crate::{Client, Core, execute, on_conn};

/// How long the second step of a sign-in waits.
const CHALLENGE_MINUTES: i64 = 10;

/// Wrong codes allowed in the second step before the sign-in has to start again.
const CHALLENGE_MAX_FAILURES: i32 = 5;

/// The proof of the second factor: a code of one factor, or a backup code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactorChoice {
    Factor(Uuid),
    BackupCode,
}

impl FactorChoice {
    /// Reads `backup` or a factor id, as the forms send it.
    pub fn parse(text: &str) -> Option<FactorChoice> {
        if text == "backup" {
            Some(FactorChoice::BackupCode)
        } else {
            Uuid::parse_str(text).ok().map(FactorChoice::Factor)
        }
    }
}

/// A sign-in completed by its second factor.
pub struct CompletedSignIn {
    pub signed_in: SignedIn,
    /// The token of the remembered device, for its cookie, when the person asked.
    pub device_token: Option<String>,
}

// Written by hand so that the tokens never reach a log line.
impl std::fmt::Debug for CompletedSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompletedSignIn")
            .field("session_id", &self.signed_in.session_id)
            .field("remembered_device", &self.device_token.is_some())
            .finish()
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct ChallengeRow {
    pub user_id: Uuid,
    login_key: Vec<u8>,
    expires_at: DateTime<Utc>,
    completed_at: Option<DateTime<Utc>>,
    failed_attempts: i32,
}

impl Core {
    /// Opens the second step of a sign-in and sends the default factor's code when it
    /// is an SMS or e-mail factor.
    pub(crate) async fn open_challenge(
        &self,
        tx: &mut crate::db::Tx,
        user: &super::UserRow,
        login_key: &[u8],
        factors: &[FactorRow],
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::now_v7();
        execute!(&mut *tx, sqlx::query(
            "INSERT INTO sign_in_challenges (id, user_id, login_key, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(user.id)
        .bind(login_key)
        .bind(now)
        .bind(now + Duration::minutes(CHALLENGE_MINUTES)))?;
        if let Some(default) = factors.first()
            && default.kind().sends_code()
        {
            let locale = kabinet_shared::Locale::parse(&user.locale).unwrap_or_default();
            self.send_factor_code(tx, id, default.id, default.kind(), user, locale)
                .await?;
        }
        Ok(id)
    }

    /// What the second step of sign-in offers: the factors, default first.
    pub async fn challenge(&self, challenge_id: Uuid) -> Result<ChallengeView> {
        let mut tx = self.db.begin_read().await?;
        let row = self.open_challenge_row(&mut tx, challenge_id).await?;
        let rows = factors::confirmed_factors(&mut tx, row.user_id).await?;
        let user = user_by_id(&mut tx, row.user_id)
            .await?
            .ok_or(Error::NotFound)?;
        let left: i64 = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT COUNT(*) FROM backup_codes WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(row.user_id)
        .fetch_one(conn)
        .await)?;
        Ok(ChallengeView {
            factors: factors::views(&rows, &user.time_zone),
            backup_codes: left > 0,
        })
    }

    /// Sends a code of an SMS or e-mail factor for the second step of sign-in.
    pub async fn send_challenge_code(
        &self,
        challenge_id: Uuid,
        factor_id: Uuid,
        client: &Client,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let row = self.open_challenge_row(&mut tx, challenge_id).await?;
        let factor = factors::factor(&mut tx, row.user_id, factor_id).await?;
        if factor.confirmed_at.is_none() || !factor.kind().sends_code() {
            return Err(Error::NotFound);
        }
        let user = user_by_id(&mut tx, row.user_id)
            .await?
            .ok_or(Error::NotFound)?;
        self.limit_code_requests(&mut tx, client).await?;
        let locale = kabinet_shared::Locale::parse(&user.locale).unwrap_or_default();
        self.send_factor_code(
            &mut tx,
            challenge_id,
            factor_id,
            factor.kind(),
            &user,
            locale,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Completes a sign-in with its second factor and opens the session.
    pub async fn complete_challenge(
        &self,
        challenge_id: Uuid,
        choice: FactorChoice,
        code: &str,
        remember_device: bool,
        client: &Client,
    ) -> Result<CompletedSignIn> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let row = self.open_challenge_row(&mut tx, challenge_id).await?;
        let user = user_by_id(&mut tx, row.user_id)
            .await?
            .ok_or(Error::NotFound)?;

        let (accepted, kind) = match choice {
            FactorChoice::BackupCode => (
                self.use_backup_code(&mut tx, user.id, code, now).await?,
                "backup_code",
            ),
            FactorChoice::Factor(factor_id) => {
                let factor = factors::factor(&mut tx, user.id, factor_id).await?;
                if factor.confirmed_at.is_none() {
                    return Err(Error::NotFound);
                }
                let accepted = self
                    .check_factor_code(&mut tx, &factor, challenge_id, code)
                    .await?;
                (accepted, factor.kind().code())
            }
        };

        if !accepted {
            execute!(
                &mut tx,
                sqlx::query(
                    "UPDATE sign_in_challenges SET failed_attempts = failed_attempts + 1 WHERE id = $1"
                )
                .bind(challenge_id)
            )?;
            self.record_attempt(
                &mut tx,
                now,
                Attempt {
                    user_id: Some(user.id),
                    login_key: &row.login_key,
                    result: SignInResult::WrongCode,
                    client,
                    session_id: None,
                },
            )
            .await?;
            tx.commit().await?;
            tracing::info!(user.id = %user.id, "second factor rejected at sign-in");
            let left = CHALLENGE_MAX_FAILURES - row.failed_attempts - 1;
            if left <= 0 {
                return Err(Error::rejected("error-challenge-expired"));
            }
            let wrong = if kind == FactorKind::Passkey.code() {
                "error-passkey-failed"
            } else {
                "error-code-wrong"
            };
            return Err(Error::field("code", Message::new(wrong).arg("left", left)));
        }

        execute!(
            &mut tx,
            sqlx::query("UPDATE sign_in_challenges SET completed_at = $1 WHERE id = $2")
                .bind(now)
                .bind(challenge_id)
        )?;
        let signed_in = self
            .finish_sign_in(&mut tx, &user, &row.login_key, client, Some(kind), now)
            .await?;
        let device_token = if remember_device {
            let device = super::device::describe(client.user_agent.as_deref());
            Some(self.trust_device(&mut tx, user.id, &device, now).await?)
        } else {
            None
        };
        tx.commit().await?;
        tracing::info!(user.id = %user.id, session.id = %signed_in.session_id, factor = kind, "signed in with a second factor");
        Ok(CompletedSignIn {
            signed_in,
            device_token,
        })
    }

    pub(super) async fn open_challenge_row(
        &self,
        tx: &mut crate::db::Tx,
        challenge_id: Uuid,
    ) -> Result<ChallengeRow> {
        let row: Option<ChallengeRow> = on_conn!(tx, conn => sqlx::query_as(
            "SELECT user_id, login_key, expires_at, completed_at, failed_attempts
             FROM sign_in_challenges WHERE id = $1",
        )
        .bind(challenge_id)
        .fetch_optional(conn)
        .await)?;
        row.filter(|row| {
            row.completed_at.is_none()
                && row.expires_at > self.clock.now()
                && row.failed_attempts < CHALLENGE_MAX_FAILURES
        })
        .ok_or_else(|| Error::rejected("error-challenge-expired"))
    }

    /// Sends a code of an SMS or e-mail factor for a step-up of `session`.
    pub async fn send_step_up_code(
        &self,
        session: &SessionUser,
        factor_id: Uuid,
        client: &Client,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let factor = factors::factor(&mut tx, session.actor.user_id, factor_id).await?;
        if factor.confirmed_at.is_none() || !factor.kind().sends_code() {
            return Err(Error::NotFound);
        }
        let user = user_by_id(&mut tx, session.actor.user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        self.limit_code_requests(&mut tx, client).await?;
        let locale = kabinet_shared::Locale::parse(&user.locale).unwrap_or_default();
        self.send_factor_code(
            &mut tx,
            session.session_id,
            factor_id,
            factor.kind(),
            &user,
            locale,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The factors a step-up of the person can use; empty when the account has none and
    /// the password is asked instead.
    pub async fn step_up_factors(&self, session: &SessionUser) -> Result<ChallengeView> {
        let mut tx = self.db.begin_read().await?;
        let rows = factors::confirmed_factors(&mut tx, session.actor.user_id).await?;
        let left: i64 = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT COUNT(*) FROM backup_codes WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(session.actor.user_id)
        .fetch_one(conn)
        .await)?;
        Ok(ChallengeView {
            factors: factors::views(&rows, &session.actor.time_zone),
            backup_codes: left > 0,
        })
    }

    /// Proves a second factor in a signed-in session, which allows critical changes for
    /// the step-up window. An account without factors proves its password instead
    /// (`choice` is then ignored and `code` is the password).
    pub async fn step_up(
        &self,
        session: &SessionUser,
        choice: Option<FactorChoice>,
        code: &str,
    ) -> Result<()> {
        let now = self.clock.now();
        let user_id = session.actor.user_id;
        let mut tx = self.db.begin().await?;
        let rows = factors::confirmed_factors(&mut tx, user_id).await?;
        let user = user_by_id(&mut tx, user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        let without_factors = rows.is_empty();
        let mut passkey = false;
        let accepted = if without_factors {
            drop(tx);
            let matches = self
                .passwords
                .verify(Some(&user.password_hash), code)
                .await?;
            tx = self.db.begin().await?;
            matches
        } else {
            match choice {
                Some(FactorChoice::BackupCode) => {
                    self.use_backup_code(&mut tx, user_id, code, now).await?
                }
                Some(FactorChoice::Factor(factor_id)) => {
                    let factor = factors::factor(&mut tx, user_id, factor_id).await?;
                    if factor.confirmed_at.is_none() {
                        return Err(Error::NotFound);
                    }
                    passkey = factor.kind() == FactorKind::Passkey;
                    self.check_factor_code(&mut tx, &factor, session.session_id, code)
                        .await?
                }
                None => false,
            }
        };
        if !accepted {
            let locked = self.count_session_failure(&mut tx, &user, now).await?;
            tx.commit().await?;
            if locked {
                return Err(Error::rejected("error-account-locked"));
            }
            let key = if without_factors {
                "error-current-password-wrong"
            } else if passkey {
                "error-passkey-failed"
            } else {
                "error-factor-code-wrong"
            };
            return Err(Error::field("code", Message::new(key)));
        }
        execute!(
            &mut tx,
            sqlx::query("UPDATE sessions SET stepped_up_at = $1 WHERE id = $2")
                .bind(now)
                .bind(session.session_id)
        )?;
        tx.commit().await?;
        tracing::info!(user.id = %user_id, session.id = %session.session_id, "session stepped up");
        Ok(())
    }
}
