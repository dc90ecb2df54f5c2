//! Second factors: authenticator apps (TOTP), SMS and e-mail codes, passkeys (in
//! `passkeys.rs`), single-use backup codes and trusted devices ("remember this device for 30 days").
//!
//! A person may have several factors and chooses the default one. Adding the first
//! factor also creates ten backup codes. Adding or removing a factor, new backup codes
//! and other critical changes need a step-up: a second factor proved by this session
//! within `step_up_window` (for an account without factors, the password re-entered).

use chrono::{DateTime, Utc};
use kabinet_shared::model::{
    FactorKind, FactorView, FactorsOverview, HistoryStatus, TotpSetup, TrustedDeviceView,
};
use kabinet_shared::{Locale, Message, i18n};
use rand::Rng;
use totp_rs::{Algorithm, Builder, Totp};
use uuid::Uuid;

use super::{SessionUser, user_by_id};
use crate::codes::{Check, Purpose};
use crate::crypto::{constant_time_eq, keyed_hash, open, random_token, seal};
use crate::db::Tx;
use crate::deliveries::{self, Channel};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Actor, Core, execute, on_conn, time};

/// Number of backup codes in a set.
pub const BACKUP_CODE_COUNT: usize = 10;

/// Characters of backup codes: digits and lower-case letters without look-alikes
/// (0/o, 1/l/i), so that a code read from paper is typed right.
const BACKUP_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// Characters of a backup code without its hyphen: 8 of 31 give about 39.6 bits.
const BACKUP_CODE_CHARS: usize = 8;

/// Length of a TOTP time step, in seconds (RFC 6238 default, which every app uses).
const TOTP_STEP_SECONDS: i64 = 30;

/// Name of the portal in authenticator apps.
const TOTP_ISSUER: &str = "Kabinet";

#[derive(sqlx::FromRow)]
pub(crate) struct FactorRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub secret_enc: Option<Vec<u8>>,
    pub is_default: bool,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub last_step: i64,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub label: Option<String>,
}

impl FactorRow {
    pub fn kind(&self) -> FactorKind {
        FactorKind::parse(&self.kind).unwrap_or(FactorKind::Sms)
    }

    fn view(&self, zone: &str) -> FactorView {
        FactorView {
            id: self.id,
            kind: self.kind(),
            label: self.label.clone(),
            is_default: self.is_default,
            added_at: time::local(self.created_at, zone),
            last_used_at: self.last_used_at.map(|at| time::local(at, zone)),
        }
    }
}

#[derive(sqlx::FromRow)]
struct DeviceRow {
    id: Uuid,
    device: String,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

pub(super) fn secret_context(factor_id: Uuid) -> Vec<u8> {
    format!("second_factors.secret:{factor_id}").into_bytes()
}

/// The subject of a code sent for `factor_id` within `scope` (a sign-in challenge, a
/// session stepping up, or the enrolment itself): a code works only where it was sent.
pub(crate) fn code_subject(scope: Uuid, factor_id: Uuid) -> String {
    format!("{scope}:{factor_id}")
}

fn totp(secret: Vec<u8>, account: &str) -> Result<Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(TOTP_STEP_SECONDS as u64)
        .with_secret(secret)
        .with_issuer(Some(TOTP_ISSUER))
        .with_account_name(account)
        .build()
        .map_err(|error| Error::Internal(format!("TOTP parameters: {error}")))
}

/// Splits a base32 key into groups of four for typing.
fn grouped(key: &str) -> String {
    key.as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn qr_svg(text: &str) -> Result<String> {
    let code = qrcode::QrCode::new(text.as_bytes())
        .map_err(|error| Error::Internal(format!("QR code: {error}")))?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build())
}

fn new_backup_code() -> String {
    let mut rng = rand::rng();
    let chars: String = (0..BACKUP_CODE_CHARS)
        .map(|_| BACKUP_ALPHABET[rng.random_range(0..BACKUP_ALPHABET.len())] as char)
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// A typed backup code in its stored form: lower case, without spaces or hyphens.
fn canonical_backup_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[derive(sqlx::FromRow)]
struct BackupCodeRow {
    id: Uuid,
    /// The keyed hash of a code made before salted hashes; `None` for newer codes.
    code_hash: Option<Vec<u8>>,
    /// The Argon2id hash of a newer code as a PHC string.
    code_phc: Option<String>,
}

impl Core {
    /// The keyed hash that backup codes were stored as before they got salted Argon2id
    /// hashes. Only unused codes of such older sets are still checked with it.
    fn backup_code_hash(&self, user_id: Uuid, canonical: &str) -> Vec<u8> {
        keyed_hash(
            &self.keys.session,
            "backup-code",
            format!("{user_id}:{canonical}").as_bytes(),
        )
    }

    pub(crate) fn device_token_hash(&self, token: &str) -> Vec<u8> {
        keyed_hash(&self.keys.session, "trusted-device", token.as_bytes())
    }

    /// Fails with [`Error::StepUpRequired`] unless the session proved a second factor (or,
    /// without factors, the password) within the step-up window.
    pub fn require_step_up(&self, session: &SessionUser) -> Result<()> {
        let fresh = session
            .stepped_up_at
            .is_some_and(|at| at + self.settings.step_up_window > self.clock.now());
        if fresh {
            Ok(())
        } else {
            Err(Error::StepUpRequired)
        }
    }

    pub async fn factors_overview(&self, actor: &Actor) -> Result<FactorsOverview> {
        let now = self.clock.now();
        let mut tx = self.db.begin_read().await?;
        let factors = confirmed_factors(&mut tx, actor.user_id).await?;
        let left: i64 = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT COUNT(*) FROM backup_codes WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(actor.user_id)
        .fetch_one(conn)
        .await)?;
        let devices: Vec<DeviceRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, device, created_at, expires_at FROM trusted_devices
             WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at DESC",
        )
        .bind(actor.user_id)
        .bind(now)
        .fetch_all(conn)
        .await)?;
        let user = user_by_id(&mut tx, actor.user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        Ok(FactorsOverview {
            factors: factors.iter().map(|f| f.view(&actor.time_zone)).collect(),
            backup_codes_left: u32::try_from(left).unwrap_or(0),
            trusted_devices: devices
                .into_iter()
                .map(|row| TrustedDeviceView {
                    id: row.id,
                    device: row.device,
                    added_at: time::local(row.created_at, &actor.time_zone),
                    expires_at: time::local(row.expires_at, &actor.time_zone),
                })
                .collect(),
            has_email: user.email.is_some(),
            passkeys_available: self.passkeys_available(),
        })
    }

    /// Starts adding an authenticator app: a new key, shown as a QR code and as text.
    /// The factor works once [`Core::confirm_factor`] accepts a code from the app.
    pub async fn start_totp(&self, session: &SessionUser) -> Result<TotpSetup> {
        self.require_step_up(session)?;
        let now = self.clock.now();
        let id = Uuid::now_v7();
        let mut secret = vec![0u8; 20];
        rand::rng().fill(&mut secret[..]);
        let sealed = seal(&self.keys.data, &secret_context(id), &secret);

        let mut tx = self.db.begin().await?;
        // An earlier unfinished enrolment is replaced.
        execute!(
            &mut tx,
            sqlx::query(
                "DELETE FROM second_factors WHERE user_id = $1 AND kind = 'totp' AND confirmed_at IS NULL"
            )
            .bind(session.actor.user_id)
        )?;
        execute!(&mut tx, sqlx::query(
            "INSERT INTO second_factors (id, user_id, kind, secret_enc, created_at) VALUES ($1, $2, 'totp', $3, $4)",
        )
        .bind(id)
        .bind(session.actor.user_id)
        .bind(sealed)
        .bind(now))?;
        tx.commit().await?;
        self.totp_setup(session, id).await
    }

    /// The key of an authenticator app that waits for its first code.
    pub async fn totp_setup(&self, session: &SessionUser, factor_id: Uuid) -> Result<TotpSetup> {
        let mut tx = self.db.begin_read().await?;
        let row = factor(&mut tx, session.actor.user_id, factor_id).await?;
        if row.kind() != FactorKind::Totp || row.confirmed_at.is_some() {
            return Err(Error::NotFound);
        }
        let user = user_by_id(&mut tx, session.actor.user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        let secret = open(
            &self.keys.data,
            &secret_context(row.id),
            row.secret_enc.as_deref().unwrap_or_default(),
        )?;
        // The account name in the app is the person's name: never a phone or a number.
        let totp = totp(secret, &format!("{} {}", user.given_name, user.surname))?;
        let url = totp
            .to_url()
            .map_err(|error| Error::Internal(format!("TOTP address: {error}")))?;
        Ok(TotpSetup {
            factor_id: row.id,
            key: grouped(&totp.secret().to_base32()),
            qr_svg: qr_svg(&url)?,
        })
    }

    /// Starts adding SMS or e-mail codes: sends a code to the account's phone or address.
    pub async fn start_code_factor(
        &self,
        session: &SessionUser,
        kind: FactorKind,
        locale: Locale,
        client: &crate::Client,
    ) -> Result<Uuid> {
        self.require_step_up(session)?;
        if !kind.sends_code() {
            return Err(Error::NotFound);
        }
        let now = self.clock.now();
        let user_id = session.actor.user_id;
        let id = Uuid::now_v7();
        let mut tx = self.db.begin().await?;
        let user = user_by_id(&mut tx, user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        if kind == FactorKind::Email && user.email.is_none() {
            return Err(Error::rejected("error-factor-email-missing"));
        }
        let existing: i64 = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT COUNT(*) FROM second_factors WHERE user_id = $1 AND kind = $2 AND confirmed_at IS NOT NULL",
        )
        .bind(user_id)
        .bind(kind.code())
        .fetch_one(conn)
        .await)?;
        if existing > 0 {
            return Err(Error::rejected("error-factor-exists"));
        }
        self.limit_code_requests(&mut tx, client).await?;
        execute!(
            &mut tx,
            sqlx::query(
                "DELETE FROM second_factors WHERE user_id = $1 AND kind = $2 AND confirmed_at IS NULL"
            )
            .bind(user_id)
            .bind(kind.code())
        )?;
        execute!(&mut tx, sqlx::query(
            "INSERT INTO second_factors (id, user_id, kind, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(user_id)
        .bind(kind.code())
        .bind(now))?;
        self.send_factor_code(&mut tx, id, id, kind, &user, locale)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Sends another enrolment code for an SMS or e-mail factor.
    pub async fn resend_enrolment_code(
        &self,
        session: &SessionUser,
        factor_id: Uuid,
        locale: Locale,
        client: &crate::Client,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let row = factor(&mut tx, session.actor.user_id, factor_id).await?;
        if row.confirmed_at.is_some() || !row.kind().sends_code() {
            return Err(Error::NotFound);
        }
        let user = user_by_id(&mut tx, session.actor.user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        self.limit_code_requests(&mut tx, client).await?;
        self.send_factor_code(&mut tx, factor_id, factor_id, row.kind(), &user, locale)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Confirms a factor being added with its first code. The first factor of an
    /// account becomes the default and comes with a new set of backup codes, returned
    /// here to be shown once.
    pub async fn confirm_factor(
        &self,
        session: &SessionUser,
        factor_id: Uuid,
        code: &str,
    ) -> Result<Option<Vec<String>>> {
        self.require_step_up(session)?;
        let user_id = session.actor.user_id;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let row = factor(&mut tx, user_id, factor_id).await?;
        if row.confirmed_at.is_some() {
            return Err(Error::NotFound);
        }
        if !self
            .check_factor_code(&mut tx, &row, factor_id, code)
            .await?
        {
            tx.commit().await?;
            return Err(Error::field(
                "code",
                Message::new("error-factor-code-wrong"),
            ));
        }
        let first = confirmed_factors(&mut tx, user_id).await?.is_empty();
        execute!(
            &mut tx,
            sqlx::query(
                "UPDATE second_factors SET confirmed_at = $1, is_default = $2 WHERE id = $3"
            )
            .bind(now)
            .bind(first)
            .bind(factor_id)
        )?;
        let codes = if first {
            Some(self.replace_backup_codes(&mut tx, user_id, now).await?)
        } else {
            None
        };
        history::record(
            &mut tx,
            now,
            Entry::new(user_id, Kind::SecondFactorAdded, HistoryStatus::Succeeded)
                .detail("kind", row.kind().code()),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %user_id, factor.id = %factor_id, factor.kind = row.kind().code(), "second factor added");
        Ok(codes)
    }

    pub async fn set_default_factor(&self, actor: &Actor, factor_id: Uuid) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let row = factor(&mut tx, actor.user_id, factor_id).await?;
        if row.confirmed_at.is_none() {
            return Err(Error::NotFound);
        }
        execute!(
            &mut tx,
            sqlx::query("UPDATE second_factors SET is_default = (id = $1) WHERE user_id = $2")
                .bind(factor_id)
                .bind(actor.user_id)
        )?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a factor after a step-up. When the default goes, the oldest remaining
    /// factor becomes the default; when the last goes, the backup codes and trusted
    /// devices go too, since they only stand in for a factor.
    pub async fn remove_factor(&self, session: &SessionUser, factor_id: Uuid) -> Result<()> {
        self.require_step_up(session)?;
        let user_id = session.actor.user_id;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let row = factor(&mut tx, user_id, factor_id).await?;
        execute!(
            &mut tx,
            sqlx::query("DELETE FROM second_factors WHERE id = $1").bind(factor_id)
        )?;
        let remaining = confirmed_factors(&mut tx, user_id).await?;
        if remaining.is_empty() {
            execute!(
                &mut tx,
                sqlx::query("DELETE FROM backup_codes WHERE user_id = $1").bind(user_id)
            )?;
            execute!(
                &mut tx,
                sqlx::query("UPDATE trusted_devices SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
                    .bind(now)
                    .bind(user_id)
            )?;
        } else if !remaining.iter().any(|f| f.is_default) {
            let oldest = remaining
                .iter()
                .min_by_key(|f| f.created_at)
                .map(|f| f.id)
                .expect("not empty");
            execute!(
                &mut tx,
                sqlx::query("UPDATE second_factors SET is_default = TRUE WHERE id = $1")
                    .bind(oldest)
            )?;
        }
        if row.confirmed_at.is_some() {
            history::record(
                &mut tx,
                now,
                Entry::new(user_id, Kind::SecondFactorRemoved, HistoryStatus::Succeeded)
                    .detail("kind", row.kind().code()),
            )
            .await?;
        }
        tx.commit().await?;
        tracing::info!(user.id = %user_id, factor.id = %factor_id, "second factor removed");
        Ok(())
    }

    /// Replaces the backup codes with a new set, returned to be shown once.
    pub async fn new_backup_codes(&self, session: &SessionUser) -> Result<Vec<String>> {
        self.require_step_up(session)?;
        let user_id = session.actor.user_id;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if confirmed_factors(&mut tx, user_id).await?.is_empty() {
            return Err(Error::rejected("error-factor-none"));
        }
        let codes = self.replace_backup_codes(&mut tx, user_id, now).await?;
        history::record(
            &mut tx,
            now,
            Entry::new(user_id, Kind::BackupCodesCreated, HistoryStatus::Succeeded),
        )
        .await?;
        tx.commit().await?;
        Ok(codes)
    }

    /// Revokes a remembered device; the next sign-in there requires the second factor.
    pub async fn revoke_trusted_device(&self, actor: &Actor, device_id: Uuid) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let revoked = execute!(
            &mut tx,
            sqlx::query(
                "UPDATE trusted_devices SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL"
            )
            .bind(self.clock.now())
            .bind(device_id)
            .bind(actor.user_id)
        )?;
        if revoked == 0 {
            return Err(Error::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn replace_backup_codes(
        &self,
        tx: &mut Tx,
        user_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        execute!(
            &mut *tx,
            sqlx::query("DELETE FROM backup_codes WHERE user_id = $1").bind(user_id)
        )?;
        let codes: Vec<String> = (0..BACKUP_CODE_COUNT).map(|_| new_backup_code()).collect();
        let hashes = self
            .passwords
            .hash_codes(
                codes
                    .iter()
                    .map(|code| canonical_backup_code(code))
                    .collect(),
            )
            .await?;
        for hash in hashes {
            execute!(&mut *tx, sqlx::query(
                "INSERT INTO backup_codes (id, user_id, code_phc, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(Uuid::now_v7())
            .bind(user_id)
            .bind(hash)
            .bind(now))?;
        }
        Ok(codes)
    }

    /// Uses up a backup code of the account; returns whether it was a valid unused one.
    ///
    /// Each code has its own salt, so the typed code is verified against every unused
    /// code of the account (at most [`BACKUP_CODE_COUNT`]).
    pub(crate) async fn use_backup_code(
        &self,
        tx: &mut Tx,
        user_id: Uuid,
        typed: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let canonical = canonical_backup_code(typed);
        if canonical.chars().count() != BACKUP_CODE_CHARS {
            return Ok(false);
        }
        let rows: Vec<BackupCodeRow> = on_conn!(&mut *tx, conn => sqlx::query_as(
            "SELECT id, code_hash, code_phc FROM backup_codes WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(user_id)
        .fetch_all(conn)
        .await)?;

        let keyed = self.backup_code_hash(user_id, &canonical);
        let mut matched = rows
            .iter()
            .find(|row| {
                row.code_hash
                    .as_deref()
                    .is_some_and(|hash| constant_time_eq(hash, &keyed))
            })
            .map(|row| row.id);
        if matched.is_none() {
            let (ids, hashes): (Vec<Uuid>, Vec<String>) = rows
                .into_iter()
                .filter_map(|row| row.code_phc.map(|hash| (row.id, hash)))
                .unzip();
            matched = self
                .passwords
                .find_code(hashes, &canonical)
                .await?
                .map(|index| ids[index]);
        }
        let Some(id) = matched else {
            return Ok(false);
        };

        // The row is marked only while still unused, so of two concurrent entries of the
        // same code one succeeds.
        let used = execute!(
            tx,
            sqlx::query("UPDATE backup_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
                .bind(now)
                .bind(id)
        )?;
        Ok(used == 1)
    }

    /// Checks a code of `row` typed in `scope`: a TOTP code of the current time step or
    /// one step either side that is newer than the last one accepted, the one-time code
    /// sent for this scope, or a passkey's answer to the ceremony of this scope. An
    /// accepted code or answer cannot be used again.
    pub(crate) async fn check_factor_code(
        &self,
        tx: &mut Tx,
        row: &FactorRow,
        scope: Uuid,
        code: &str,
    ) -> Result<bool> {
        let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        match row.kind() {
            FactorKind::Totp => {
                let secret = open(
                    &self.keys.data,
                    &secret_context(row.id),
                    row.secret_enc.as_deref().unwrap_or_default(),
                )?;
                let totp = totp(secret, "check")?;
                let now_step = self.clock.now().timestamp() / TOTP_STEP_SECONDS;
                let accepted = (now_step - 1..=now_step + 1).find(|&step| {
                    step > row.last_step
                        && constant_time_eq(
                            totp.generate((step * TOTP_STEP_SECONDS) as u64)
                                .to_string()
                                .as_bytes(),
                            typed.as_bytes(),
                        )
                });
                let Some(step) = accepted else {
                    return Ok(false);
                };
                execute!(
                    tx,
                    sqlx::query(
                        "UPDATE second_factors SET last_step = $1, last_used_at = $2 WHERE id = $3"
                    )
                    .bind(step)
                    .bind(self.clock.now())
                    .bind(row.id)
                )?;
                Ok(true)
            }
            FactorKind::Sms | FactorKind::Email => {
                let subject = code_subject(scope, row.id);
                match self
                    .check_code(tx, Purpose::SecondFactor, &subject, &typed)
                    .await?
                {
                    Check::Accepted => {
                        execute!(
                            tx,
                            sqlx::query(
                                "UPDATE second_factors SET last_used_at = $1 WHERE id = $2"
                            )
                            .bind(self.clock.now())
                            .bind(row.id)
                        )?;
                        Ok(true)
                    }
                    Check::Wrong { .. } => Ok(false),
                    Check::Unusable(message) => Err(Error::Rejected(message)),
                }
            }
            FactorKind::Passkey => self.check_passkey(tx, row, scope, code).await,
        }
    }

    /// Issues a one-time code for an SMS or e-mail factor within `scope` and queues it.
    pub(crate) async fn send_factor_code(
        &self,
        tx: &mut Tx,
        scope: Uuid,
        factor_id: Uuid,
        kind: FactorKind,
        user: &super::UserRow,
        locale: Locale,
    ) -> Result<()> {
        let code = self
            .issue_code(tx, Purpose::SecondFactor, &code_subject(scope, factor_id))
            .await?;
        let now = self.clock.now();
        let body = i18n::text_with(locale, "sms-second-factor-code", &[("code", code.as_str())]);
        match kind {
            FactorKind::Sms => {
                let phone = user
                    .phone
                    .as_deref()
                    .ok_or_else(|| Error::rejected("error-factor-phone-missing"))?;
                deliveries::enqueue(tx, now, Channel::Sms, phone, &body).await
            }
            FactorKind::Email => {
                let email = user
                    .email
                    .as_deref()
                    .ok_or_else(|| Error::rejected("error-factor-email-missing"))?;
                deliveries::enqueue(tx, now, Channel::Email, email, &body).await
            }
            FactorKind::Totp | FactorKind::Passkey => Ok(()),
        }
    }

    /// Remembers the device of a completed sign-in; returns the token for its cookie.
    pub(crate) async fn trust_device(
        &self,
        tx: &mut Tx,
        user_id: Uuid,
        device: &str,
        now: DateTime<Utc>,
    ) -> Result<String> {
        let token = random_token();
        execute!(tx, sqlx::query(
            "INSERT INTO trusted_devices (id, user_id, token_hash, device, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(Uuid::now_v7())
        .bind(user_id)
        .bind(self.device_token_hash(&token))
        .bind(device)
        .bind(now)
        .bind(now + self.settings.trusted_device_lifetime))?;
        Ok(token)
    }

    /// Whether `token` is a valid remembered device of the account.
    pub(crate) async fn is_trusted_device(
        &self,
        tx: &mut Tx,
        user_id: Uuid,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let found: i64 = on_conn!(tx, conn => sqlx::query_scalar(
            "SELECT COUNT(*) FROM trusted_devices
             WHERE user_id = $1 AND token_hash = $2 AND revoked_at IS NULL AND expires_at > $3",
        )
        .bind(user_id)
        .bind(self.device_token_hash(token))
        .bind(now)
        .fetch_one(conn)
        .await)?;
        Ok(found > 0)
    }
}

pub(crate) async fn confirmed_factors(tx: &mut Tx, user_id: Uuid) -> Result<Vec<FactorRow>> {
    let rows = on_conn!(tx, conn => sqlx::query_as(
        "SELECT id, user_id, kind, secret_enc, is_default, confirmed_at, last_step, created_at, last_used_at, label
         FROM second_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL
         ORDER BY is_default DESC, created_at ASC",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await)?;
    Ok(rows)
}

pub(crate) async fn factor(tx: &mut Tx, user_id: Uuid, factor_id: Uuid) -> Result<FactorRow> {
    let row: Option<FactorRow> = on_conn!(tx, conn => sqlx::query_as(
        "SELECT id, user_id, kind, secret_enc, is_default, confirmed_at, last_step, created_at, last_used_at, label
         FROM second_factors WHERE id = $1 AND user_id = $2",
    )
    .bind(factor_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await)?;
    row.ok_or(Error::NotFound)
}

pub(crate) fn views(rows: &[FactorRow], zone: &str) -> Vec<FactorView> {
    rows.iter().map(|row| row.view(zone)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_codes_are_typeable() {
        let code = new_backup_code();
        assert_eq!(code.len(), 9);
        assert_eq!(&code[4..5], "-");
        assert!(
            code.bytes()
                .filter(|b| *b != b'-')
                .all(|b| BACKUP_ALPHABET.contains(&b))
        );
        assert_eq!(canonical_backup_code(" AB2C-D3EF "), "ab2cd3ef");
    }

    #[test]
    fn totp_matches_rfc_6238_vector() {
        // RFC 6238, appendix B: SHA-1 key "12345678901234567890" at T = 59 s gives
        // 94287082 with 8 digits, so its last six digits with 6.
        let totp = totp(b"12345678901234567890".to_vec(), "check").unwrap();
        assert_eq!(totp.generate(59).to_string(), "287082");
        assert_eq!(totp.generate(1_111_111_109).to_string(), "081804");
    }

    #[test]
    fn keys_are_grouped_by_four() {
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }
}
