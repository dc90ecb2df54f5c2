//! Registration in two steps: the form, then the one-time code sent to the phone.
//!
//! The first step never says whether the phone is already registered: the owner of a
//! registered number gets an SMS saying so instead of a code, and anybody else learns
//! nothing.

use chrono::{Duration, NaiveDate};
use kabinet_shared::forms::RegistrationForm;
use kabinet_shared::model::HistoryStatus;
use kabinet_shared::{Locale, Message, i18n};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::sign_in::SignedIn;
use super::{inn_context, snils_context};
use crate::codes::{Check, Purpose};
use crate::crypto::{open, seal};
use crate::db::{Tx, unique_violation};
use crate::deliveries::{self, Channel};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Client, Core, execute, on_conn, time};

/// How long a started registration waits for its code.
const REGISTRATION_LIFETIME_MINUTES: i64 = 60;

/// What the first step keeps, encrypted, until the code confirms the phone.
#[derive(Serialize, Deserialize)]
struct Pending {
    phone: String,
    password_hash: String,
    surname: String,
    given_name: String,
    patronymic: Option<String>,
    birth_date: NaiveDate,
    snils: Option<String>,
    inn: Option<String>,
    locale: Locale,
}

fn pending_context(id: Uuid) -> Vec<u8> {
    format!("registrations.payload:{id}").into_bytes()
}

#[derive(sqlx::FromRow)]
struct PendingRow {
    payload_enc: Vec<u8>,
    expires_at: chrono::DateTime<chrono::Utc>,
    completed_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Core {
    /// Checks the form, keeps it and sends a code to the phone. Returns the id of the
    /// registration, which the confirmation step needs.
    pub async fn start_registration(
        &self,
        form: &RegistrationForm,
        locale: Locale,
        client: &Client,
    ) -> Result<Uuid> {
        let now = self.clock.now();
        let registration = form.validate(time::today(now, time::DEFAULT_ZONE.name()))?;
        crate::password::check_not_breached(&registration.password)?;
        let password_hash = self.passwords.hash(&registration.password).await?;

        let id = Uuid::now_v7();
        let pending = Pending {
            phone: registration.phone.clone(),
            password_hash,
            surname: registration.surname,
            given_name: registration.given_name,
            patronymic: registration.patronymic,
            birth_date: registration.birth_date,
            snils: registration.snils,
            inn: registration.inn,
            locale,
        };
        let sealed = seal(
            &self.keys.data,
            &pending_context(id),
            &serde_json::to_vec(&pending)?,
        );

        let mut tx = self.db.begin().await?;
        self.limit_code_requests(&mut tx, client).await?;
        execute!(&mut tx, sqlx::query(
            "INSERT INTO registrations (id, payload_enc, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(sealed)
        .bind(now)
        .bind(now + Duration::minutes(REGISTRATION_LIFETIME_MINUTES)))?;
        self.send_registration_sms(&mut tx, id, &pending.phone, locale)
            .await?;
        tx.commit().await?;

        tracing::info!(registration.id = %id, "registration started");
        Ok(id)
    }

    /// Sends another code for a started registration.
    pub async fn resend_registration_code(
        &self,
        id: Uuid,
        locale: Locale,
        client: &Client,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        self.limit_code_requests(&mut tx, client).await?;
        let pending = self.pending(&mut tx, id).await?;
        self.send_registration_sms(&mut tx, id, &pending.phone, locale)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Completes the registration with the code from the SMS: creates the account and
    /// signs the person in.
    pub async fn confirm_registration(
        &self,
        id: Uuid,
        code: &str,
        client: &Client,
    ) -> Result<SignedIn> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let pending = self.pending(&mut tx, id).await?;

        match self
            .check_code(&mut tx, Purpose::Registration, &id.to_string(), code)
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

        let user_id = Uuid::now_v7();
        self.insert_user(&mut tx, user_id, &pending, now).await?;
        execute!(
            &mut tx,
            sqlx::query("UPDATE registrations SET completed_at = $1 WHERE id = $2")
                .bind(now)
                .bind(id)
        )?;
        history::record(
            &mut tx,
            now,
            Entry::new(user_id, Kind::Registration, HistoryStatus::Succeeded),
        )
        .await?;
        let signed_in = self.create_session(&mut tx, user_id, client, true).await?;
        tx.commit().await?;

        tracing::info!(user.id = %user_id, registration.id = %id, "account registered");
        Ok(signed_in)
    }

    async fn pending(&self, tx: &mut Tx, id: Uuid) -> Result<Pending> {
        let row: Option<PendingRow> = on_conn!(&mut *tx, conn => sqlx::query_as(
            "SELECT payload_enc, expires_at, completed_at FROM registrations WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(conn)
        .await)?;
        let row = row
            .filter(|row| row.completed_at.is_none() && row.expires_at > self.clock.now())
            .ok_or_else(|| Error::rejected("error-registration-expired"))?;
        let payload = open(&self.keys.data, &pending_context(id), &row.payload_enc)?;
        Ok(serde_json::from_slice(&payload)?)
    }

    /// Queues the SMS of the first step: a code, or a notice for an already registered phone.
    async fn send_registration_sms(
        &self,
        tx: &mut Tx,
        id: Uuid,
        phone: &str,
        locale: Locale,
    ) -> Result<()> {
        let now = self.clock.now();
        let registered: Option<Uuid> = on_conn!(&mut *tx, conn => sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
            .bind(phone)
            .fetch_optional(conn)
            .await)?;

        // A code is issued either way, so that the resend interval and the answer to the
        // person are the same whether or not the phone is registered.
        let code = self
            .issue_code(tx, Purpose::Registration, &id.to_string())
            .await?;
        let body = match registered {
            Some(_) => i18n::text(locale, "sms-phone-already-registered"),
            None => i18n::text_with(locale, "sms-registration-code", &[("code", code.as_str())]),
        };
        deliveries::enqueue(tx, now, Channel::Sms, phone, &body).await
    }

    async fn insert_user(
        &self,
        tx: &mut Tx,
        user_id: Uuid,
        pending: &Pending,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let keys = &self.keys.data;
        let snils_enc = pending
            .snils
            .as_deref()
            .map(|snils| seal(keys, &snils_context(user_id), snils.as_bytes()));
        let inn_enc = pending
            .inn
            .as_deref()
            .map(|inn| seal(keys, &inn_context(user_id), inn.as_bytes()));
        let snils_index = pending
            .snils
            .as_deref()
            .map(|snils| self.snils_index(snils));
        let inn_index = pending.inn.as_deref().map(|inn| self.inn_index(inn));

        let inserted = execute!(&mut *tx, sqlx::query(
            "INSERT INTO users (id, role, phone, snils_index, snils_enc, inn_index, inn_enc, surname, given_name,
                                patronymic, birth_date, password_hash, locale, created_at, updated_at)
             VALUES ($1, 'citizen', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
        )
        .bind(user_id)
        .bind(&pending.phone)
        .bind(snils_index)
        .bind(snils_enc)
        .bind(inn_index)
        .bind(inn_enc)
        .bind(&pending.surname)
        .bind(&pending.given_name)
        .bind(&pending.patronymic)
        .bind(pending.birth_date)
        .bind(&pending.password_hash)
        .bind(pending.locale.code())
        .bind(now));

        match inserted {
            Ok(_) => Ok(()),
            Err(error) => Err(match unique_violation(&error).as_deref() {
                Some("users_phone_key") => Error::rejected("error-phone-registered"),
                Some("users_snils_index_key") => Error::rejected("error-snils-taken"),
                Some("users_inn_index_key") => Error::rejected("error-inn-taken"),
                _ => error.into(),
            }),
        }
    }
}
