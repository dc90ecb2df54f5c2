//! Lockout and throttling of sign-in, and the record of every attempt.
//!
//! - Per account: the `lockout_threshold`-th wrong password in a row locks the account
//!   until a one-time code unlocks it. The counter lives on the account, so every form
//!   of the login (phone in any format, e-mail in any case, SNILS with or without
//!   separators) counts towards the same lock.
//! - Per login without an account: wrong attempts are counted by a keyed hash of the
//!   canonical login and give the same answers at the same moments, so the answers do not
//!   tell whether an account exists.
//! - Per client address: after `address_failure_limit` failed attempts within
//!   `address_window`, attempts from that address are refused before any password is
//!   checked, so that many accounts cannot be guessed from one address.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use kabinet_shared::model::SignInResult;
use kabinet_shared::validate::Login;
use uuid::Uuid;

use super::device;
use crate::crypto::keyed_hash;
use crate::db::Tx;
use crate::error::Result;
use crate::{Client, Core, execute, on_conn};

/// Maximum length of the user agent kept with an attempt, in characters.
const USER_AGENT_MAX_CHARS: usize = 300;

/// The lock state of an account.
#[derive(Clone, Debug, sqlx::FromRow)]
pub(crate) struct LockState {
    pub failed_sign_ins: i32,
    pub locked_at: Option<DateTime<Utc>>,
    pub lock_reason: Option<String>,
}

impl LockState {
    pub fn is_locked(&self) -> bool {
        self.locked_at.is_some()
    }

    /// Whether only a new password lifts the lock ("это был не я").
    pub fn needs_new_password(&self) -> bool {
        self.lock_reason.as_deref() == Some("not_me")
    }
}

/// A sign-in attempt to record.
pub(crate) struct Attempt<'a> {
    pub user_id: Option<Uuid>,
    pub login_key: &'a [u8],
    pub result: SignInResult,
    pub client: &'a Client,
    pub session_id: Option<Uuid>,
}

impl Core {
    /// A keyed hash of the canonical login: the same for every way of typing it.
    pub(crate) fn login_key(&self, login: &Login) -> Vec<u8> {
        let canonical = match login {
            Login::Phone(phone) => format!("phone:{phone}"),
            Login::Email(key) => format!("email:{key}"),
            Login::Snils(digits) => format!("snils:{digits}"),
        };
        keyed_hash(&self.keys.index, "login", canonical.as_bytes())
    }

    /// Returns how many minutes an address must wait when it has reached the limit of
    /// failed attempts, or `None` when it may try.
    pub(crate) async fn address_wait_minutes(
        &self,
        tx: &mut Tx,
        ip: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let Some(ip) = ip else { return Ok(None) };
        let since = now - self.settings.address_window;
        let failures: Vec<DateTime<Utc>> = on_conn!(&mut *tx, conn => sqlx::query_scalar(
            "SELECT occurred_at FROM sign_in_attempts
             WHERE ip = $1 AND occurred_at > $2 AND result <> 'succeeded'
             ORDER BY occurred_at ASC",
        )
        .bind(ip.to_string())
        .bind(since)
        .fetch_all(conn)
        .await)?;
        if (failures.len() as i64) < self.settings.address_failure_limit {
            return Ok(None);
        }
        // The address may try again once enough of its failures have left the window.
        let index = failures.len() - self.settings.address_failure_limit as usize;
        let free_at = failures[index] + self.settings.address_window;
        let minutes = (free_at - now).num_seconds().max(1).saturating_add(59) / 60;
        Ok(Some(minutes))
    }

    /// Counts the wrong passwords recently typed for a login that has no account.
    pub(crate) async fn unknown_login_failures(
        &self,
        tx: &mut Tx,
        login_key: &[u8],
        now: DateTime<Utc>,
    ) -> Result<i32> {
        let count: i64 = on_conn!(&mut *tx, conn => sqlx::query_scalar(
            "SELECT COUNT(*) FROM sign_in_attempts
             WHERE login_key = $1 AND user_id IS NULL AND occurred_at > $2
               AND result IN ('wrong_password', 'locked')",
        )
        .bind(login_key)
        .bind(now - self.settings.unknown_login_window)
        .fetch_one(conn)
        .await)?;
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }

    pub(crate) async fn record_attempt(
        &self,
        tx: &mut Tx,
        now: DateTime<Utc>,
        attempt: Attempt<'_>,
    ) -> Result<Uuid> {
        let id = Uuid::now_v7();
        let agent = attempt.client.user_agent.as_deref();
        execute!(&mut *tx, sqlx::query(
            "INSERT INTO sign_in_attempts (id, user_id, login_key, occurred_at, result, ip, network, device, user_agent, session_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id)
        .bind(attempt.user_id)
        .bind(attempt.login_key)
        .bind(now)
        .bind(attempt.result.code())
        .bind(attempt.client.ip.map(|ip| ip.to_string()))
        .bind(attempt.client.ip.map(device::network))
        .bind(device::describe(agent))
        .bind(agent.map(|agent| agent.chars().take(USER_AGENT_MAX_CHARS).collect::<String>()))
        .bind(attempt.session_id))?;
        Ok(id)
    }

    /// Whether the owner has signed in before from neither this device nor this network,
    /// which is announced to them. The first sign-in of an account is not announced.
    pub(crate) async fn is_new_device_and_network(
        &self,
        tx: &mut Tx,
        user_id: Uuid,
        client: &Client,
    ) -> Result<bool> {
        let device = device::describe(client.user_agent.as_deref());
        let network = client.ip.map(device::network).unwrap_or_default();
        let (earlier, same): (i64, i64) = on_conn!(&mut *tx, conn => sqlx::query_as(
            "SELECT COUNT(*),
                    COALESCE(SUM(CASE WHEN device = $2 OR network = $3 THEN 1 ELSE 0 END), 0)
             FROM sign_in_attempts WHERE user_id = $1 AND result = 'succeeded'",
        )
        .bind(user_id)
        .bind(&device)
        .bind(&network)
        .fetch_one(conn)
        .await)?;
        Ok(earlier > 0 && same == 0)
    }
}

/// Takes the account's row lock until the transaction ends, so that concurrent sign-ins
/// of one account count and lock one after another. PostgreSQL locks the row on this
/// update; SQLite's write transactions (`BEGIN IMMEDIATE`) already run one at a time.
pub(crate) async fn lock_account_row(tx: &mut Tx, user_id: Uuid) -> Result<()> {
    execute!(
        tx,
        sqlx::query("UPDATE users SET failed_sign_ins = failed_sign_ins WHERE id = $1")
            .bind(user_id)
    )?;
    Ok(())
}

pub(crate) async fn lock_state(tx: &mut Tx, user_id: Uuid) -> Result<LockState> {
    let state = on_conn!(tx, conn => sqlx::query_as(
        "SELECT failed_sign_ins, locked_at, lock_reason FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_one(conn)
    .await)?;
    Ok(state)
}

/// Adds a wrong password to the account's counter and returns the new count.
pub(crate) async fn count_failure(tx: &mut Tx, user_id: Uuid) -> Result<i32> {
    execute!(
        &mut *tx,
        sqlx::query("UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = $1")
            .bind(user_id)
    )?;
    Ok(lock_state(tx, user_id).await?.failed_sign_ins)
}

impl Core {
    /// Counts a wrong password or code typed in a signed-in session (step-up, password
    /// change) towards the same lock as sign-in. At the threshold the account locks,
    /// every session ends and the owner is notified; returns whether that happened.
    pub(crate) async fn count_session_failure(
        &self,
        tx: &mut Tx,
        user: &super::UserRow,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        lock_account_row(tx, user.id).await?;
        let failures = count_failure(tx, user.id).await?;
        if failures < self.settings.lockout_threshold {
            return Ok(false);
        }
        lock(tx, user.id, now, "attempts").await?;
        end_sessions(tx, user.id, now, None).await?;
        crate::history::record(
            tx,
            now,
            crate::history::Entry::new(
                user.id,
                crate::history::Kind::AccountLocked,
                kabinet_shared::model::HistoryStatus::Succeeded,
            ),
        )
        .await?;
        super::alerts::send(
            tx,
            now,
            &self.settings.public_url,
            user,
            super::alerts::Alert::AccountLocked,
            &[],
        )
        .await?;
        tracing::warn!(user.id = %user.id, failures, "account locked after wrong entries in a session");
        Ok(true)
    }
}

pub(crate) async fn lock(
    tx: &mut Tx,
    user_id: Uuid,
    now: DateTime<Utc>,
    reason: &str,
) -> Result<()> {
    execute!(
        tx,
        sqlx::query("UPDATE users SET locked_at = $1, lock_reason = $2 WHERE id = $3")
            .bind(now)
            .bind(reason)
            .bind(user_id)
    )?;
    Ok(())
}

/// Lifts the lock and resets the counter of wrong passwords.
pub(crate) async fn unlock(tx: &mut Tx, user_id: Uuid) -> Result<()> {
    execute!(
        tx,
        sqlx::query(
            "UPDATE users SET failed_sign_ins = 0, locked_at = NULL, lock_reason = NULL WHERE id = $1"
        )
        .bind(user_id)
    )?;
    Ok(())
}

/// Forgets every remembered device of the account, so the next sign-in anywhere requires
/// the second factor again.
pub(crate) async fn forget_devices(tx: &mut Tx, user_id: Uuid, now: DateTime<Utc>) -> Result<()> {
    execute!(
        tx,
        sqlx::query(
            "UPDATE trusted_devices SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL"
        )
        .bind(now)
        .bind(user_id)
    )?;
    Ok(())
}

/// Ends every session of the account, or every one but `keep`.
pub(crate) async fn end_sessions(
    tx: &mut Tx,
    user_id: Uuid,
    now: DateTime<Utc>,
    keep: Option<Uuid>,
) -> Result<u64> {
    let ended = execute!(
        tx,
        sqlx::query(
            "UPDATE sessions SET revoked_at = $1
             WHERE user_id = $2 AND revoked_at IS NULL AND ($3 IS NULL OR id <> $3)"
        )
        .bind(now)
        .bind(user_id)
        .bind(keep)
    )?;
    Ok(ended)
}
