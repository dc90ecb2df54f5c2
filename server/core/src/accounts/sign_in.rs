//! Sign-in by phone, e-mail or SNILS with a password, and sign-out.

use chrono::{DateTime, Utc};
use kabinet_shared::Message;
use kabinet_shared::model::{HistoryStatus, SignInResult};
use kabinet_shared::validate::Login;
use uuid::Uuid;

use super::alerts::{self, Alert};
use super::factors;
use super::lockout::{self, Attempt};
use super::{UserRow, device, user_columns};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Client, Core, execute, on_conn, time};

/// The outcome of a correct password.
#[derive(Debug)]
pub enum SignInOutcome {
    SignedIn(SignedIn),
    /// The second step, with the id of its challenge.
    SecondFactor(Uuid),
}

/// A session just opened. `token` goes into the cookie and nowhere else.
#[derive(Clone)]
pub struct SignedIn {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub token: String,
}

// Written by hand so that the token never reaches a log line.
impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn")
            .field("user_id", &self.user_id)
            .field("session_id", &self.session_id)
            .finish_non_exhaustive()
    }
}

impl Core {
    /// Signs in with a checked login and a password.
    ///
    /// A wrong login and a wrong password give the same `error-sign-in-failed` (argument
    /// `left`, the attempts before the lock) and take the same time, and a login without
    /// an account is locked at the same attempt as a real one, so the answers do not tell
    /// whether an account exists. See [`super::lockout`] for the rules.
    pub async fn sign_in(
        &self,
        login: &Login,
        password: &str,
        client: &Client,
    ) -> Result<SignedIn> {
        match self.start_sign_in(login, password, client, None).await? {
            SignInOutcome::SignedIn(signed_in) => Ok(signed_in),
            SignInOutcome::SecondFactor(_) => Err(Error::rejected("error-second-factor-required")),
        }
    }

    /// Checks the login and password, then either opens the session or, when the
    /// account has second factors and `device_token` is not one of its remembered
    /// devices, opens the second step of the sign-in.
    pub async fn start_sign_in(
        &self,
        login: &Login,
        password: &str,
        client: &Client,
        device_token: Option<&str>,
    ) -> Result<SignInOutcome> {
        let now = self.clock.now();
        let login_key = self.login_key(login);
        let user = self.find_by_login(login).await?;
        let user_id = user.as_ref().map(|user| user.id);
        let attempt = |result| Attempt {
            user_id,
            login_key: &login_key,
            result,
            client,
            session_id: None,
        };

        let mut tx = self.db.begin_read().await?;
        let wait = self.address_wait_minutes(&mut tx, client.ip, now).await?;
        drop(tx);
        if let Some(minutes) = wait {
            let mut tx = self.db.begin().await?;
            self.record_attempt(&mut tx, now, attempt(SignInResult::Throttled))
                .await?;
            tx.commit().await?;
            tracing::warn!(user.id = ?user_id, "sign-in rejected: too many failures from the client address");
            return Err(Error::Rejected(
                Message::new("error-sign-in-throttled").arg("minutes", minutes),
            ));
        }

        // The password is checked even for a locked or unknown account, so that every
        // answer takes the time of one hash.
        let matches = self
            .passwords
            .verify(
                user.as_ref().map(|user| user.password_hash.as_str()),
                password,
            )
            .await?;

        let mut tx = self.db.begin().await?;
        let Some(user) = user else {
            let failures = self
                .unknown_login_failures(&mut tx, &login_key, now)
                .await?
                + 1;
            let result = if failures > self.settings.lockout_threshold {
                SignInResult::Locked
            } else {
                SignInResult::WrongPassword
            };
            self.record_attempt(&mut tx, now, attempt(result)).await?;
            tx.commit().await?;
            return Err(self.failure_answer(failures));
        };

        lockout::lock_account_row(&mut tx, user.id).await?;
        let state = lockout::lock_state(&mut tx, user.id).await?;
        if state.is_locked() {
            self.record_attempt(&mut tx, now, attempt(SignInResult::Locked))
                .await?;
            history::record(
                &mut tx,
                now,
                Entry::new(user.id, Kind::SignIn, HistoryStatus::Failed).detail("reason", "locked"),
            )
            .await?;
            tx.commit().await?;
            tracing::info!(user.id = %user.id, "sign-in rejected: account locked");
            return Err(Error::rejected("error-account-locked"));
        }

        if !matches {
            self.record_attempt(&mut tx, now, attempt(SignInResult::WrongPassword))
                .await?;
            let failures = lockout::count_failure(&mut tx, user.id).await?;
            history::record(
                &mut tx,
                now,
                Entry::new(user.id, Kind::SignIn, HistoryStatus::Failed),
            )
            .await?;
            if failures >= self.settings.lockout_threshold {
                lockout::lock(&mut tx, user.id, now, "attempts").await?;
                history::record(
                    &mut tx,
                    now,
                    Entry::new(user.id, Kind::AccountLocked, HistoryStatus::Succeeded),
                )
                .await?;
                alerts::send(
                    &mut tx,
                    now,
                    &self.settings.public_url,
                    &user,
                    Alert::AccountLocked,
                    &[],
                )
                .await?;
                tracing::warn!(user.id = %user.id, failures, "account locked after wrong passwords");
            } else {
                tracing::info!(user.id = %user.id, failures, "sign-in failed: wrong password");
            }
            tx.commit().await?;
            return Err(self.failure_answer(failures));
        }

        if !self.network_allows(&mut tx, user.id, client.ip).await? {
            self.record_attempt(&mut tx, now, attempt(SignInResult::NetworkDenied))
                .await?;
            history::record(
                &mut tx,
                now,
                Entry::new(user.id, Kind::SignIn, HistoryStatus::Failed)
                    .detail("reason", "network"),
            )
            .await?;
            tx.commit().await?;
            tracing::info!(user.id = %user.id, "sign-in rejected: network not allowed for the account");
            return Err(Error::rejected("error-sign-in-network"));
        }

        lockout::unlock(&mut tx, user.id).await?;
        let factors = factors::confirmed_factors(&mut tx, user.id).await?;
        let trusted = match device_token {
            Some(token) => self.is_trusted_device(&mut tx, user.id, token, now).await?,
            None => false,
        };
        if !factors.is_empty() && !trusted {
            let challenge = self
                .open_challenge(&mut tx, &user, &login_key, &factors, now)
                .await?;
            tx.commit().await?;
            tracing::info!(user.id = %user.id, "password accepted; second factor asked");
            return Ok(SignInOutcome::SecondFactor(challenge));
        }
        let factor = trusted.then_some("trusted_device");
        let signed_in = self
            .finish_sign_in(&mut tx, &user, &login_key, client, factor, now)
            .await?;
        tx.commit().await?;
        tracing::info!(user.id = %user.id, session.id = %signed_in.session_id, "signed in");
        Ok(SignInOutcome::SignedIn(signed_in))
    }

    /// Opens the session of a sign-in that passed every check: records the attempt and
    /// the journal entry, and announces a new device and network to the owner.
    pub(crate) async fn finish_sign_in(
        &self,
        tx: &mut Tx,
        user: &UserRow,
        login_key: &[u8],
        client: &Client,
        factor: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<SignedIn> {
        let announce = self.is_new_device_and_network(tx, user.id, client).await?;
        // A remembered device skips the second factor but proves nothing for a step-up.
        let stepped_up = factor != Some("trusted_device");
        let signed_in = self.create_session(tx, user.id, client, stepped_up).await?;
        self.record_attempt(
            tx,
            now,
            Attempt {
                user_id: Some(user.id),
                login_key,
                result: SignInResult::Succeeded,
                client,
                session_id: Some(signed_in.session_id),
            },
        )
        .await?;
        let mut entry = Entry::new(user.id, Kind::SignIn, HistoryStatus::Succeeded);
        if let Some(factor) = factor {
            entry = entry.detail("factor", factor);
        }
        history::record(tx, now, entry).await?;
        if announce {
            let device = device::describe(client.user_agent.as_deref());
            let place = client.ip.map(device::network).unwrap_or_default();
            let at = time::local(now, &user.time_zone)
                .format("%d.%m.%Y %H:%M")
                .to_string();
            alerts::send(
                tx,
                now,
                &self.settings.public_url,
                user,
                Alert::NewDeviceSignIn,
                &[("device", &device), ("network", &place), ("at", &at)],
            )
            .await?;
        }
        Ok(signed_in)
    }

    /// Returns the error for the `failures`-th wrong password in a row.
    fn failure_answer(&self, failures: i32) -> Error {
        let left = self.settings.lockout_threshold - failures;
        if left <= 0 {
            Error::rejected("error-account-locked")
        } else {
            Error::Rejected(Message::new("error-sign-in-failed").arg("left", left))
        }
    }

    /// Ends the session of `token`, recording the sign-out in the journal.
    pub async fn sign_out(&self, token: &str) -> Result<()> {
        let Some(session) = self.resolve_session(token).await? else {
            return Ok(());
        };
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        execute!(
            &mut tx,
            sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(now)
                .bind(session.session_id)
        )?;
        history::record(
            &mut tx,
            now,
            Entry::new(
                session.actor.user_id,
                Kind::SignOut,
                HistoryStatus::Succeeded,
            ),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %session.actor.user_id, session.id = %session.session_id, "signed out");
        Ok(())
    }

    pub(crate) async fn find_by_login(&self, login: &Login) -> Result<Option<UserRow>> {
        let mut tx = self.db.begin_read().await?;
        let row = match login {
            Login::Phone(phone) => {
                let sql = concat!("SELECT ", user_columns!(), " FROM users WHERE phone = $1");
                on_conn!(&mut tx, conn => sqlx::query_as(sql).bind(phone).fetch_optional(conn).await)?
            }
            Login::Email(key) => {
                let sql = concat!(
                    "SELECT ",
                    user_columns!(),
                    " FROM users WHERE email_key = $1"
                );
                on_conn!(&mut tx, conn => sqlx::query_as(sql).bind(key).fetch_optional(conn).await)?
            }
            Login::Snils(digits) => {
                let sql = concat!(
                    "SELECT ",
                    user_columns!(),
                    " FROM users WHERE snils_index = $1"
                );
                let index = self.snils_index(digits);
                on_conn!(&mut tx, conn => sqlx::query_as(sql).bind(index).fetch_optional(conn).await)?
            }
        };
        Ok(row)
    }
}
