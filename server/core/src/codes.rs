//! One-time codes: six digits, bound to a purpose and a subject (the registration flow or
//! the account they were sent for), valid for a limited time, single use, with a limit on
//! wrong entries that a resend does not reset.

use chrono::{DateTime, Utc};
use kabinet_shared::Message;
use rand::Rng;
use uuid::Uuid;

use crate::crypto::{constant_time_eq, keyed_hash};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::{Client, Core, execute, on_conn};

/// What a code confirms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Registration,
    /// Unlocking an account or setting a new password; the subject is the recovery's id.
    Recovery,
    /// A code of an SMS or e-mail second factor; the subject names the factor and the
    /// sign-in, session or enrolment it was sent for.
    SecondFactor,
    /// A new phone number of an account; the subject is the phone change's id.
    PhoneChange,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::Registration => "registration",
            Purpose::Recovery => "recovery",
            Purpose::SecondFactor => "second_factor",
            Purpose::PhoneChange => "phone_change",
        }
    }
}

#[derive(sqlx::FromRow)]
struct CodeRow {
    id: Uuid,
    code_hash: Vec<u8>,
    failed_attempts: i32,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    consumed_at: Option<DateTime<Utc>>,
}

/// The result of checking a code.
#[derive(Debug, PartialEq, Eq)]
pub enum Check {
    Accepted,
    /// The code is wrong; the caller must commit so that the failure is counted.
    Wrong {
        attempts_left: i32,
    },
    /// No usable code: expired, used, never sent, or too many wrong entries.
    Unusable(Message),
}

impl Core {
    /// Counts a code about to be sent to the client's address, or fails with
    /// `error-code-rate-limit` (argument `minutes`) when the address has asked for
    /// `codes_per_address_hour` codes within the last hour. Every form that sends a code
    /// calls this, so that no one address can flood phones with SMS.
    pub(crate) async fn limit_code_requests(&self, tx: &mut Tx, client: &Client) -> Result<()> {
        let Some(ip) = client.ip else { return Ok(()) };
        let now = self.clock.now();
        let hour = chrono::Duration::hours(1);
        let recent: Vec<DateTime<Utc>> = on_conn!(&mut *tx, conn => sqlx::query_scalar(
            "SELECT requested_at FROM code_requests WHERE ip = $1 AND requested_at > $2
             ORDER BY requested_at ASC",
        )
        .bind(ip.to_string())
        .bind(now - hour)
        .fetch_all(conn)
        .await)?;
        let limit = usize::try_from(self.settings.codes_per_address_hour).unwrap_or(0);
        if recent.len() >= limit {
            let oldest = recent[recent.len() - limit.max(1)];
            let minutes = (oldest + hour - now)
                .num_seconds()
                .max(1)
                .saturating_add(59)
                / 60;
            tracing::warn!("code request refused: too many codes for one client address");
            return Err(Error::Rejected(
                Message::new("error-code-rate-limit").arg("minutes", minutes),
            ));
        }
        execute!(
            &mut *tx,
            sqlx::query("INSERT INTO code_requests (id, ip, requested_at) VALUES ($1, $2, $3)")
                .bind(Uuid::now_v7())
                .bind(ip.to_string())
                .bind(now)
        )?;
        Ok(())
    }

    /// Seconds until another code for `subject` may be sent; 0 when it may be sent now.
    pub(crate) async fn code_resend_wait(&self, purpose: Purpose, subject: &str) -> Result<i64> {
        let mut tx = self.db.begin_read().await?;
        let Some(previous) = latest(&mut tx, purpose, subject).await? else {
            return Ok(0);
        };
        let wait = previous.created_at + self.settings.code_resend_interval - self.clock.now();
        let millis = wait.num_milliseconds();
        Ok(if millis <= 0 {
            0
        } else {
            (millis + 999) / 1000
        })
    }

    /// Seconds until another registration code may be sent.
    pub async fn registration_resend_wait(&self, id: Uuid) -> Result<i64> {
        self.code_resend_wait(Purpose::Registration, &id.to_string())
            .await
    }

    /// Seconds until another recovery code may be sent.
    pub async fn recovery_resend_wait(&self, id: Uuid) -> Result<i64> {
        self.code_resend_wait(Purpose::Recovery, &id.to_string())
            .await
    }

    fn code_hash(&self, purpose: Purpose, subject: &str, code: &str) -> Vec<u8> {
        let value = format!("{}\0{subject}\0{code}", purpose.code());
        keyed_hash(&self.keys.session, "one-time-code", value.as_bytes())
    }

    /// Creates a new code for `subject` and returns it for sending. An earlier code of the
    /// same subject stops working, and its wrong entries carry over to the new one.
    ///
    /// Fails with `error-code-resend-wait` (argument `seconds`) when the previous code was
    /// sent less than the resend interval ago.
    pub(crate) async fn issue_code(
        &self,
        tx: &mut Tx,
        purpose: Purpose,
        subject: &str,
    ) -> Result<String> {
        let now = self.clock.now();
        let previous = latest(tx, purpose, subject).await?;
        if let Some(previous) = &previous {
            let wait = previous.created_at + self.settings.code_resend_interval - now;
            if wait > chrono::Duration::zero() {
                let seconds = wait.num_seconds() + i64::from(wait.subsec_nanos() > 0);
                return Err(Error::Rejected(
                    Message::new("error-code-resend-wait").arg("seconds", seconds),
                ));
            }
        }
        let carried_failures = previous
            .as_ref()
            .filter(|row| row.consumed_at.is_none())
            .map_or(0, |row| row.failed_attempts);

        execute!(
            &mut *tx,
            sqlx::query(
                "UPDATE one_time_codes SET consumed_at = $1
             WHERE purpose = $2 AND subject = $3 AND consumed_at IS NULL",
            )
            .bind(now)
            .bind(purpose.code())
            .bind(subject)
        )?;

        let code = format!("{:06}", rand::rng().random_range(0..1_000_000));
        execute!(&mut *tx, sqlx::query(
            "INSERT INTO one_time_codes (id, purpose, subject, code_hash, failed_attempts, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(Uuid::now_v7())
        .bind(purpose.code())
        .bind(subject)
        .bind(self.code_hash(purpose, subject, &code))
        .bind(carried_failures)
        .bind(now)
        .bind(now + self.settings.code_lifetime))?;
        Ok(code)
    }

    /// Checks `code` for `subject`. An accepted code is used up; a wrong one is counted.
    pub(crate) async fn check_code(
        &self,
        tx: &mut Tx,
        purpose: Purpose,
        subject: &str,
        code: &str,
    ) -> Result<Check> {
        let now = self.clock.now();
        let Some(row) = latest(tx, purpose, subject).await? else {
            return Ok(Check::Unusable(Message::new("error-code-expired")));
        };
        if row.consumed_at.is_some() || row.expires_at <= now {
            return Ok(Check::Unusable(Message::new("error-code-expired")));
        }
        if row.failed_attempts >= self.settings.code_max_failures {
            return Ok(Check::Unusable(Message::new("error-code-attempts")));
        }

        let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if constant_time_eq(&self.code_hash(purpose, subject, &typed), &row.code_hash) {
            execute!(
                &mut *tx,
                sqlx::query("UPDATE one_time_codes SET consumed_at = $1 WHERE id = $2")
                    .bind(now)
                    .bind(row.id)
            )?;
            return Ok(Check::Accepted);
        }

        execute!(
            &mut *tx,
            sqlx::query(
                "UPDATE one_time_codes SET failed_attempts = failed_attempts + 1 WHERE id = $1",
            )
            .bind(row.id)
        )?;
        Ok(Check::Wrong {
            attempts_left: self.settings.code_max_failures - row.failed_attempts - 1,
        })
    }
}

async fn latest(tx: &mut Tx, purpose: Purpose, subject: &str) -> Result<Option<CodeRow>> {
    let row = on_conn!(tx, conn => sqlx::query_as(
        "SELECT id, code_hash, failed_attempts, created_at, expires_at, consumed_at FROM one_time_codes
         WHERE purpose = $1 AND subject = $2 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(purpose.code())
    .bind(subject)
    .fetch_optional(conn)
    .await)?;
    Ok(row)
}
