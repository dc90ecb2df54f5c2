//! Sign-in through an external OpenID Connect provider: ESIA («Госуслуги»).
//!
//! The flow is the authorization code flow with PKCE (S256), `state` and `nonce`:
//!
//! 1. [`Core::sso_start`] stores a pending request in `sso_requests` under a random
//!    `state`, with the PKCE verifier and the nonce sealed, and returns the provider's
//!    authorization URL. The caller puts the state into an HttpOnly cookie, which binds
//!    the request to that browser.
//! 2. [`Core::sso_callback`] accepts the provider's answer once, within
//!    [`REQUEST_LIFETIME_MINUTES`], and only from the browser whose cookie holds the state.
//!    It exchanges the code and verifies the ID token. A linked identity signs in at once.
//!    Otherwise the claims wait, sealed, in the same row for the consent page.
//! 3. [`Core::sso_consent`] links the identity after the person agrees: to the account
//!    with the same SNILS or phone only with that account's password, otherwise to a new
//!    account made from the claims.
//!
//! No claim value reaches a log line, a URL or an error message.

mod assertion;
mod gost;
mod provider;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use kabinet_shared::Message;
use kabinet_shared::model::{HistoryStatus, SignInResult};
use kabinet_shared::validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use assertion::ClientKey;
pub use gost::{GostSigner, timestamp as gost_timestamp};
pub use provider::MetadataCache;
use provider::{Provider, RequestSecrets};

use super::lockout::{self, Attempt};
use super::sessions::SessionUser;
use super::sign_in::SignedIn;
use super::{UserRow, snils_context, user_by_id, user_columns};
use crate::crypto::{keyed_hash, open, seal};
use crate::db::{Tx, unique_violation};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Actor, Client, Core, execute, on_conn};

/// The provider name stored in `sso_requests` and `external_identities`.
pub const PROVIDER: &str = "esia";

/// How long a request stays valid: from the redirect to the provider until the consent
/// page is answered.
pub const REQUEST_LIFETIME_MINUTES: i64 = 10;

/// How the portal authenticates itself at the provider's token endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientAuth {
    /// `client_secret_basic`: the id and secret in an HTTP Basic header.
    SecretBasic,
    /// `client_secret_post`: the id and secret in the request body.
    SecretPost,
    /// `private_key_jwt`: a short-lived JWT signed with the portal's key (ES256), so no
    /// shared secret exists. The provider has the public key.
    PrivateKeyJwt,
    /// ESIA's own method: `client_secret` is a GOST R 34.10-2012 signature of the request's
    /// scope, time, client id and state, sent in the authorization request and in the body
    /// of the token request. See [`GostSigner`].
    GostSignature,
}

/// The configured provider.
#[derive(Clone)]
pub struct SsoSettings {
    /// The issuer URL; discovery reads `<issuer>/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub client_auth: ClientAuth,
    /// The signing key of `private_key_jwt`.
    pub client_key: Option<ClientKey>,
    /// The GOST key and certificate of [`ClientAuth::GostSignature`].
    pub gost: Option<GostSigner>,
    /// The portal's callback, `<public URL>/auth/esia/callback`.
    pub redirect_url: String,
    /// Scopes requested besides `openid`.
    pub scopes: Vec<String>,
    /// Authentication context classes (`acr`) the portal accepts, asked for with
    /// `acr_values`; empty accepts any.
    pub acr_values: Vec<String>,
    /// Maximum time since the person last authenticated at the provider, requested with
    /// `max_age` and checked against the ID token's `auth_time`.
    pub max_age: Option<std::time::Duration>,
}

// Written by hand so that the client secret never reaches a log line.
impl std::fmt::Debug for SsoSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_auth", &self.client_auth)
            .field("redirect_url", &self.redirect_url)
            .finish_non_exhaustive()
    }
}

impl SsoSettings {
    /// Returns the scopes that carry the claims the portal reads, in ESIA's naming.
    pub fn default_scopes() -> Vec<String> {
        ["profile", "email", "phone", "snils"]
            .map(String::from)
            .to_vec()
    }
}

/// The reason a sign-in through the provider failed. [`SsoError::code`] is the reason
/// code that the sign-in page translates (`sso-error-<code>`). The text is for the log
/// only and never contains a claim value.
#[derive(Debug, thiserror::Error)]
pub enum SsoError {
    /// The state is missing, unknown to this browser, or differs from its cookie.
    #[error("state does not match the browser's cookie")]
    State,
    /// The request was already used, or is older than its lifetime.
    #[error("request expired or already used")]
    Expired,
    /// The person declined at the provider (`error=access_denied`).
    #[error("access denied at the provider")]
    Denied,
    /// Discovery failed, the metadata names another issuer, or the provider returned an error.
    #[error("provider failure: {0}")]
    Provider(String),
    /// The code exchange failed or the ID token did not verify.
    #[error("token failure: {0}")]
    Token(String),
    /// The ID token lacks a claim the portal needs, or a claim is invalid.
    #[error("unusable claims: {0}")]
    Claims(&'static str),
    /// A domain refusal, such as a locked account.
    #[error(transparent)]
    Domain(#[from] Error),
}

impl SsoError {
    pub fn code(&self) -> &'static str {
        match self {
            SsoError::State => "state",
            SsoError::Expired => "expired",
            SsoError::Denied => "denied",
            SsoError::Provider(_) => "provider",
            SsoError::Token(_) => "token",
            SsoError::Claims(_) => "claims",
            SsoError::Domain(Error::Rejected(message)) if message.key == "error-account-locked" => {
                "locked"
            }
            SsoError::Domain(Error::Rejected(message))
                if message.key == "error-sign-in-network" =>
            {
                "network"
            }
            SsoError::Domain(_) => "internal",
        }
    }
}

impl From<sqlx::Error> for SsoError {
    fn from(error: sqlx::Error) -> Self {
        SsoError::Domain(error.into())
    }
}

/// The claims of a verified ID token. SNILS and the phone are kept as sent; they are
/// validated when an account is made or matched.
#[derive(Clone, Deserialize, Serialize)]
pub struct Claims {
    pub subject: String,
    pub family_name: Option<String>,
    pub given_name: Option<String>,
    pub middle_name: Option<String>,
    /// `YYYY-MM-DD`, as OpenID Connect defines `birthdate`.
    pub birthdate: Option<String>,
    pub phone_number: Option<String>,
    pub phone_number_verified: bool,
    pub email: Option<String>,
    pub email_verified: bool,
    pub snils: Option<String>,
}

// Written by hand so that personal data never reaches a log line.
impl std::fmt::Debug for Claims {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Claims").finish_non_exhaustive()
    }
}

/// A started authorization request.
#[derive(Debug)]
pub struct SsoStart {
    /// The provider's URL to send the browser to.
    pub authorization_url: String,
    /// The value of the browser's state cookie.
    pub state: String,
}

/// The result of a callback or a consent.
#[derive(Debug)]
pub enum SsoOutcome {
    /// A session was opened; go to `next`.
    SignedIn { signed_in: SignedIn, next: String },
    /// The identity is not linked yet: show the consent page for this request.
    Consent,
}

/// The consent page's content: the data received and what agreeing requires.
#[derive(Clone, Debug)]
pub struct ConsentView {
    pub family_name: String,
    pub given_name: String,
    pub middle_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// `112-233-445 95`.
    pub snils: Option<String>,
    /// `+7 916 123-45-67`.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// An account with this SNILS or phone exists, so agreeing needs its password.
    pub password_required: bool,
}

/// The person's decision on the consent page.
pub enum ConsentDecision<'a> {
    /// "Согласен", with the password of the matching account when the page asked for it.
    Accept { password: Option<&'a str> },
    /// "Отказаться".
    Decline,
}

/// Whether the account has a linked identity, for the security page.
#[derive(Clone, Debug)]
pub struct LinkStatus {
    pub linked_at: DateTime<Utc>,
    /// The link created the account and its password was never set, so unlinking would
    /// leave the account without a way to sign in.
    pub needs_password: bool,
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    secrets_enc: Vec<u8>,
    next_path: String,
    claims_enc: Option<Vec<u8>>,
}

fn request_context(state: &str, column: &str) -> Vec<u8> {
    format!("sso_requests.{column}:{state}").into_bytes()
}

/// Accepts a local path (`/applications/1`) for the redirect after sign-in, and maps
/// anything else, such as `//host` or `https://host`, to the cabinet.
pub fn safe_next_path(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path.to_string()
        }
        _ => "/cabinet".to_string(),
    }
}

/// Compares the state from the callback with the cookie in constant time.
fn states_match(state: &str, cookie: Option<&str>) -> bool {
    let Some(cookie) = cookie else {
        return false;
    };
    let (a, b) = (state.as_bytes(), cookie.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Core {
    /// Returns whether sign-in through the provider is configured.
    pub fn sso_enabled(&self) -> bool {
        self.settings.sso.is_some()
    }

    fn sso_settings(&self) -> std::result::Result<&SsoSettings, SsoError> {
        self.settings
            .sso
            .as_ref()
            .ok_or_else(|| SsoError::Provider("single sign-on is not configured".into()))
    }

    /// Starts an authorization request that returns to `next` after sign-in.
    pub async fn sso_start(&self, next: Option<&str>) -> std::result::Result<SsoStart, SsoError> {
        let settings = self.sso_settings()?;
        let provider = Provider::new(settings)?;
        let (url, state, secrets) = provider.authorization(&self.sso_metadata).await?;
        let state = state.secret().clone();
        let now = self.clock.now();
        let secrets_json = serde_json::to_vec(&secrets).map_err(Error::from)?;
        let sealed = seal(
            &self.keys.data,
            &request_context(&state, "secrets"),
            &secrets_json,
        );
        let mut tx = self.db.begin().await?;
        // Each new request deletes the expired ones, so the table keeps at most ten minutes.
        execute!(
            &mut tx,
            sqlx::query("DELETE FROM sso_requests WHERE created_at < $1")
                .bind(now - Duration::minutes(REQUEST_LIFETIME_MINUTES))
        )?;
        execute!(&mut tx, sqlx::query(
            "INSERT INTO sso_requests (id, provider, secrets_enc, next_path, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&state)
        .bind(PROVIDER)
        .bind(sealed)
        .bind(safe_next_path(next))
        .bind(now))?;
        tx.commit().await?;
        Ok(SsoStart {
            authorization_url: url,
            state,
        })
    }

    /// Handles the provider's redirect back: `state` and either `code` or `error` come
    /// from the query, `cookie_state` from the browser's state cookie.
    pub async fn sso_callback(
        &self,
        state: Option<&str>,
        code: Option<&str>,
        error: Option<&str>,
        cookie_state: Option<&str>,
        client: &Client,
    ) -> std::result::Result<SsoOutcome, SsoError> {
        let settings = self.sso_settings()?;
        let Some(state) = state.filter(|state| states_match(state, cookie_state)) else {
            return Err(SsoError::State);
        };
        let now = self.clock.now();
        let oldest = now - Duration::minutes(REQUEST_LIFETIME_MINUTES);

        // Marking the request used before anything else makes a replayed callback fail
        // even while the first one is still exchanging its code.
        let mut tx = self.db.begin().await?;
        let row: Option<RequestRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "UPDATE sso_requests SET used_at = $1
             WHERE id = $2 AND provider = $3 AND used_at IS NULL AND created_at >= $4
             RETURNING secrets_enc, next_path, claims_enc",
        )
        .bind(now)
        .bind(state)
        .bind(PROVIDER)
        .bind(oldest)
        .fetch_optional(conn)
        .await)?;
        tx.commit().await?;
        let row = row.ok_or(SsoError::Expired)?;

        match (error, code) {
            (Some("access_denied"), _) => return Err(SsoError::Denied),
            (Some(_), _) | (None, None) => {
                return Err(SsoError::Provider("the callback has no code".into()));
            }
            (None, Some(_)) => {}
        }
        let secrets_json = open(
            &self.keys.data,
            &request_context(state, "secrets"),
            &row.secrets_enc,
        )
        .map_err(Error::from)?;
        let secrets: RequestSecrets = serde_json::from_slice(&secrets_json).map_err(Error::from)?;
        let provider = Provider::new(settings)?;
        let claims = provider
            .exchange(&self.sso_metadata, code.unwrap_or_default(), secrets)
            .await?;

        let mut tx = self.db.begin().await?;
        if let Some(user) = linked_user(&mut tx, &claims.subject).await? {
            let signed_in = self.sso_sign_in(&mut tx, &user, client).await?;
            tx.commit().await?;
            return Ok(SsoOutcome::SignedIn {
                signed_in,
                next: row.next_path,
            });
        }
        let claims_json = serde_json::to_vec(&claims).map_err(Error::from)?;
        let sealed = seal(
            &self.keys.data,
            &request_context(state, "claims"),
            &claims_json,
        );
        execute!(
            &mut tx,
            sqlx::query("UPDATE sso_requests SET claims_enc = $1 WHERE id = $2")
                .bind(sealed)
                .bind(state)
        )?;
        tx.commit().await?;
        tracing::info!("identity provider sign-in needs consent to link");
        Ok(SsoOutcome::Consent)
    }

    /// Opens the session of a linked identity, with the checks of a password sign-in
    /// that still apply: the lock and the network rules.
    async fn sso_sign_in(
        &self,
        tx: &mut Tx,
        user: &UserRow,
        client: &Client,
    ) -> std::result::Result<SignedIn, SsoError> {
        let now = self.clock.now();
        let login_key = self.sso_login_key(user.id);
        let attempt = |result| Attempt {
            user_id: Some(user.id),
            login_key: &login_key,
            result,
            client,
            session_id: None,
        };
        lockout::lock_account_row(tx, user.id).await?;
        if lockout::lock_state(tx, user.id).await?.is_locked() {
            self.record_attempt(tx, now, attempt(SignInResult::Locked))
                .await?;
            history::record(
                tx,
                now,
                Entry::new(user.id, Kind::SignIn, HistoryStatus::Failed)
                    .detail("reason", "locked")
                    .detail("factor", PROVIDER),
            )
            .await?;
            tracing::info!(user.id = %user.id, "identity provider sign-in rejected: account locked");
            return Err(Error::rejected("error-account-locked").into());
        }
        if !self.network_allows(tx, user.id, client.ip).await? {
            self.record_attempt(tx, now, attempt(SignInResult::NetworkDenied))
                .await?;
            history::record(
                tx,
                now,
                Entry::new(user.id, Kind::SignIn, HistoryStatus::Failed)
                    .detail("reason", "network")
                    .detail("factor", PROVIDER),
            )
            .await?;
            tracing::info!(user.id = %user.id, "identity provider sign-in rejected: network not allowed");
            return Err(Error::rejected("error-sign-in-network").into());
        }
        let signed_in = self
            .finish_sign_in(tx, user, &login_key, client, Some(PROVIDER), now)
            .await?;
        tracing::info!(user.id = %user.id, session.id = %signed_in.session_id, "signed in through the identity provider");
        Ok(signed_in)
    }

    /// Computes the login key of sign-ins through the provider, which have no typed login.
    fn sso_login_key(&self, user_id: Uuid) -> Vec<u8> {
        keyed_hash(
            &self.keys.index,
            "login",
            format!("{PROVIDER}:{user_id}").as_bytes(),
        )
    }

    /// Reads the claims waiting for consent in this browser's request.
    async fn pending_claims(
        &self,
        tx: &mut Tx,
        cookie_state: Option<&str>,
    ) -> std::result::Result<(String, RequestRow, Claims), SsoError> {
        let state = cookie_state.ok_or(SsoError::State)?;
        let oldest = self.clock.now() - Duration::minutes(REQUEST_LIFETIME_MINUTES);
        let row: Option<RequestRow> = on_conn!(&mut *tx, conn => sqlx::query_as(
            "SELECT secrets_enc, next_path, claims_enc FROM sso_requests
             WHERE id = $1 AND provider = $2 AND used_at IS NOT NULL AND finished_at IS NULL
               AND claims_enc IS NOT NULL AND created_at >= $3",
        )
        .bind(state)
        .bind(PROVIDER)
        .bind(oldest)
        .fetch_optional(conn)
        .await)?;
        let row = row.ok_or(SsoError::Expired)?;
        let sealed = row.claims_enc.as_deref().unwrap_or_default();
        let json = open(&self.keys.data, &request_context(state, "claims"), sealed)
            .map_err(Error::from)?;
        let claims: Claims = serde_json::from_slice(&json).map_err(Error::from)?;
        Ok((state.to_string(), row, claims))
    }

    /// Reads the consent page's content for the request bound to this browser.
    pub async fn sso_consent_view(
        &self,
        cookie_state: Option<&str>,
    ) -> std::result::Result<ConsentView, SsoError> {
        let mut tx = self.db.begin_read().await?;
        let (_, _, claims) = self.pending_claims(&mut tx, cookie_state).await?;
        let profile = Profile::from_claims(&claims)?;
        let matching = self.matching_account(&mut tx, &profile).await?;
        Ok(ConsentView {
            family_name: profile.surname.clone(),
            given_name: profile.given_name.clone(),
            middle_name: profile.patronymic.clone(),
            birth_date: profile.birth_date,
            snils: profile.snils.as_deref().map(validate::snils::format),
            phone: profile
                .phone
                .as_deref()
                .map(validate::phone::format_display),
            email: profile.email.clone(),
            password_required: matching.is_some(),
        })
    }

    /// Answers the consent page. Agreeing links the identity and signs in; declining
    /// erases the received data and creates nothing.
    pub async fn sso_consent(
        &self,
        cookie_state: Option<&str>,
        decision: ConsentDecision<'_>,
        client: &Client,
    ) -> std::result::Result<SsoOutcome, SsoError> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let (state, row, claims) = self.pending_claims(&mut tx, cookie_state).await?;
        let password = match decision {
            ConsentDecision::Decline => {
                finish_request(&mut tx, &state, now).await?;
                tx.commit().await?;
                tracing::info!("identity provider link declined on the consent page");
                return Err(SsoError::Denied);
            }
            ConsentDecision::Accept { password } => password,
        };
        let profile = Profile::from_claims(&claims)?;
        let matching = self.matching_account(&mut tx, &profile).await?;
        drop(tx);

        let user = match matching {
            Some(user) => {
                // The password proves that the owner of the local account agrees. Without
                // it, anyone with a provider account carrying the same SNILS or phone
                // could take the local account over.
                let password = password.unwrap_or_default();
                let matches = self
                    .passwords
                    .verify(Some(user.password_hash.as_str()), password)
                    .await?;
                if !matches {
                    let mut tx = self.db.begin().await?;
                    let failures = lockout::count_failure(&mut tx, user.id).await?;
                    history::record(
                        &mut tx,
                        now,
                        Entry::new(user.id, Kind::SsoLinked, HistoryStatus::Failed),
                    )
                    .await?;
                    if failures >= self.settings.lockout_threshold {
                        lockout::lock(&mut tx, user.id, now, "attempts").await?;
                    }
                    tx.commit().await?;
                    tracing::info!(user.id = %user.id, "identity provider link rejected: wrong password");
                    return Err(
                        Error::field("password", Message::new("error-sso-password-wrong")).into(),
                    );
                }
                let mut tx = self.db.begin().await?;
                self.pending_claims(&mut tx, Some(&state)).await?;
                link(&mut tx, &claims.subject, user.id, false, now).await?;
                (tx, user)
            }
            None => {
                let random_password = crate::crypto::random_token();
                let password_hash = self.passwords.hash(&random_password).await?;
                let mut tx = self.db.begin().await?;
                self.pending_claims(&mut tx, Some(&state)).await?;
                let user = self
                    .insert_sso_user(&mut tx, &profile, &password_hash, now)
                    .await?;
                history::record(
                    &mut tx,
                    now,
                    Entry::new(user.id, Kind::Registration, HistoryStatus::Succeeded)
                        .detail("factor", PROVIDER),
                )
                .await?;
                link(&mut tx, &claims.subject, user.id, true, now).await?;
                (tx, user)
            }
        };
        let (mut tx, user) = user;
        finish_request(&mut tx, &state, now).await?;
        history::record(
            &mut tx,
            now,
            Entry::new(user.id, Kind::SsoLinked, HistoryStatus::Succeeded),
        )
        .await?;
        let signed_in = self.sso_sign_in(&mut tx, &user, client).await?;
        tx.commit().await?;
        tracing::info!(user.id = %user.id, "identity provider linked");
        Ok(SsoOutcome::SignedIn {
            signed_in,
            next: row.next_path,
        })
    }

    /// Finds the account whose SNILS, or else phone, equals the received one.
    async fn matching_account(&self, tx: &mut Tx, profile: &Profile) -> Result<Option<UserRow>> {
        if let Some(snils) = &profile.snils {
            let sql = concat!(
                "SELECT ",
                user_columns!(),
                " FROM users WHERE snils_index = $1"
            );
            let index = self.snils_index(snils);
            let row: Option<UserRow> = on_conn!(&mut *tx, conn => sqlx::query_as(sql).bind(index).fetch_optional(conn).await)?;
            if row.is_some() {
                return Ok(row);
            }
        }
        if let Some(phone) = &profile.phone {
            let sql = concat!("SELECT ", user_columns!(), " FROM users WHERE phone = $1");
            let row: Option<UserRow> = on_conn!(&mut *tx, conn => sqlx::query_as(sql).bind(phone).fetch_optional(conn).await)?;
            return Ok(row);
        }
        Ok(None)
    }

    async fn insert_sso_user(
        &self,
        tx: &mut Tx,
        profile: &Profile,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> std::result::Result<UserRow, SsoError> {
        let Some(phone) = &profile.phone else {
            return Err(SsoError::Claims("phone_number"));
        };
        let user_id = Uuid::now_v7();
        let snils_enc = profile
            .snils
            .as_deref()
            .map(|snils| seal(&self.keys.data, &snils_context(user_id), snils.as_bytes()));
        let snils_index = profile
            .snils
            .as_deref()
            .map(|snils| self.snils_index(snils));
        let mut email = profile.email.clone();
        let mut email_key = email.as_deref().map(validate::email::lookup_key);
        if let Some(key) = &email_key {
            let taken: i64 = on_conn!(&mut *tx, conn => sqlx::query_scalar(
                "SELECT COUNT(*) FROM users WHERE email_key = $1",
            )
            .bind(key)
            .fetch_one(conn)
            .await)?;
            // The address belongs to another account: the new account is made without it.
            if taken > 0 {
                email = None;
                email_key = None;
            }
        }
        let inserted = execute!(&mut *tx, sqlx::query(
            "INSERT INTO users (id, role, phone, email, email_key, snils_index, snils_enc, surname, given_name,
                                patronymic, birth_date, password_hash, locale, created_at, updated_at)
             VALUES ($1, 'citizen', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'ru', $12, $12)",
        )
        .bind(user_id)
        .bind(phone)
        .bind(&email)
        .bind(email_key)
        .bind(snils_index)
        .bind(snils_enc)
        .bind(&profile.surname)
        .bind(&profile.given_name)
        .bind(&profile.patronymic)
        .bind(profile.birth_date)
        .bind(password_hash)
        .bind(now));
        inserted.map_err(Error::from)?;
        user_by_id(tx, user_id)
            .await?
            .ok_or_else(|| Error::Internal("inserted user not found".into()).into())
    }

    /// Reads whether the account has a linked identity.
    pub async fn sso_link_status(&self, actor: &Actor) -> Result<Option<LinkStatus>> {
        let mut tx = self.db.begin_read().await?;
        let row: Option<(DateTime<Utc>, bool, Option<DateTime<Utc>>)> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT e.linked_at, e.created_account, u.password_changed_at
             FROM external_identities e JOIN users u ON u.id = e.user_id
             WHERE e.user_id = $1 AND e.provider = $2",
        )
        .bind(actor.user_id)
        .bind(PROVIDER)
        .fetch_optional(conn)
        .await)?;
        Ok(row.map(
            |(linked_at, created_account, password_changed_at)| LinkStatus {
                linked_at,
                needs_password: created_account
                    && password_changed_at.is_none_or(|changed| changed <= linked_at),
            },
        ))
    }

    /// Removes the link of the session's account. Needs a fresh step-up, and a password
    /// that the owner set: an account made by the link has only a random one.
    pub async fn sso_unlink(&self, session: &SessionUser) -> Result<()> {
        self.require_step_up(session)?;
        let actor = &session.actor;
        let status = self.sso_link_status(actor).await?.ok_or(Error::NotFound)?;
        if status.needs_password {
            return Err(Error::rejected("error-sso-unlink-needs-password"));
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        execute!(
            &mut tx,
            sqlx::query("DELETE FROM external_identities WHERE user_id = $1 AND provider = $2")
                .bind(actor.user_id)
                .bind(PROVIDER)
        )?;
        history::record(
            &mut tx,
            now,
            Entry::new(actor.user_id, Kind::SsoUnlinked, HistoryStatus::Succeeded),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, "identity provider unlinked");
        Ok(())
    }
}

/// The claims checked and converted to the portal's forms.
struct Profile {
    surname: String,
    given_name: String,
    patronymic: Option<String>,
    birth_date: Option<NaiveDate>,
    /// 11 digits with valid check digits.
    snils: Option<String>,
    /// E.164 mobile number.
    phone: Option<String>,
    /// Set only when the provider marks it verified.
    email: Option<String>,
}

impl Profile {
    fn from_claims(claims: &Claims) -> std::result::Result<Profile, SsoError> {
        let name = |claim: &Option<String>, what: &'static str| {
            validate::name::parse(claim.as_deref().unwrap_or_default(), true)
                .ok()
                .flatten()
                .ok_or(SsoError::Claims(what))
        };
        let surname = name(&claims.family_name, "family_name")?;
        let given_name = name(&claims.given_name, "given_name")?;
        let patronymic = match claims.middle_name.as_deref() {
            Some(middle) if !middle.trim().is_empty() => Some(
                validate::name::parse(middle, false)
                    .ok()
                    .flatten()
                    .ok_or(SsoError::Claims("middle_name"))?,
            ),
            _ => None,
        };
        let birth_date = match claims.birthdate.as_deref() {
            Some(date) => Some(
                NaiveDate::parse_from_str(date, "%Y-%m-%d")
                    .map_err(|_| SsoError::Claims("birthdate"))?,
            ),
            None => None,
        };
        let snils = match claims.snils.as_deref() {
            Some(snils) => {
                Some(validate::snils::parse(snils).map_err(|_| SsoError::Claims("snils"))?)
            }
            None => None,
        };
        // An unverified phone is not used, neither for a new account nor for matching.
        let phone = match claims.phone_number.as_deref() {
            Some(phone) if claims.phone_number_verified => Some(
                validate::phone::normalize_mobile(phone)
                    .map_err(|_| SsoError::Claims("phone_number"))?,
            ),
            _ => None,
        };
        let email = match claims.email.as_deref() {
            Some(email) if claims.email_verified => validate::email::normalize(email).ok(),
            _ => None,
        };
        Ok(Profile {
            surname,
            given_name,
            patronymic,
            birth_date,
            snils,
            phone,
            email,
        })
    }
}

async fn linked_user(tx: &mut Tx, subject: &str) -> Result<Option<UserRow>> {
    let sql = concat!(
        "SELECT ",
        user_columns!("u."),
        " FROM external_identities e JOIN users u ON u.id = e.user_id WHERE e.provider = $1 AND e.subject = $2"
    );
    let row = on_conn!(&mut *tx, conn => sqlx::query_as(sql).bind(PROVIDER).bind(subject).fetch_optional(conn).await)?;
    Ok(row)
}

async fn link(
    tx: &mut Tx,
    subject: &str,
    user_id: Uuid,
    created_account: bool,
    now: DateTime<Utc>,
) -> std::result::Result<(), SsoError> {
    let inserted = execute!(&mut *tx, sqlx::query(
        "INSERT INTO external_identities (provider, subject, user_id, linked_at, created_account) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(PROVIDER)
    .bind(subject)
    .bind(user_id)
    .bind(now)
    .bind(created_account));
    match inserted {
        Ok(_) => Ok(()),
        // The account is already linked to another identity of the provider.
        Err(error) if unique_violation(&error).is_some() => {
            Err(Error::rejected("error-sso-already-linked").into())
        }
        Err(error) => Err(Error::from(error).into()),
    }
}

/// Closes the consent step and erases the pending claims.
async fn finish_request(tx: &mut Tx, state: &str, now: DateTime<Utc>) -> Result<()> {
    execute!(
        &mut *tx,
        sqlx::query("UPDATE sso_requests SET finished_at = $1, claims_enc = NULL WHERE id = $2")
            .bind(now)
            .bind(state)
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_path_stays_local() {
        assert_eq!(safe_next_path(Some("/applications")), "/applications");
        assert_eq!(safe_next_path(Some("//evil.example/x")), "/cabinet");
        assert_eq!(safe_next_path(Some("https://evil.example")), "/cabinet");
        assert_eq!(safe_next_path(Some("/\\evil.example")), "/cabinet");
        assert_eq!(safe_next_path(None), "/cabinet");
    }

    #[test]
    fn states_compare_whole_values() {
        assert!(states_match("abc", Some("abc")));
        assert!(!states_match("abc", Some("abd")));
        assert!(!states_match("abc", Some("ab")));
        assert!(!states_match("abc", None));
    }
}
