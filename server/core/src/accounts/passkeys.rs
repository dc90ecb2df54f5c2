//! Passkeys (WebAuthn) as a second factor.
//!
//! A ceremony takes two requests. The first returns the options that the browser hands
//! to `navigator.credentials`, and keeps what the response must match, sealed, in
//! `passkey_ceremonies`. The second takes that record out and checks the browser's
//! response against it, so a response counts once, and only in the session or sign-in
//! that requested it. The relying party is the host of the portal's public address. It
//! must be a domain name (`localhost` will do), because browsers reject passkeys on bare
//! IP addresses.

use chrono::{DateTime, Duration, Utc};
use kabinet_shared::model::{FactorKind, HistoryStatus};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;
use webauthn_rs::prelude::{
    CreationChallengeResponse, Passkey, PasskeyAuthentication, PasskeyRegistration,
    PublicKeyCredential, RegisterPublicKeyCredential, RequestChallengeResponse, Webauthn,
    WebauthnBuilder,
};

use super::factors::{self, FactorRow, secret_context};
use super::{SessionUser, user_by_id};
use crate::crypto::{open, seal};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Client, Core, execute, on_conn};

/// How long a browser has to respond to a ceremony. The browser's own prompt times out
/// after five minutes as well.
const CEREMONY_MINUTES: i64 = 5;

/// The name of the portal that the device shows in its passkey prompt.
const RELYING_PARTY_NAME: &str = "Kabinet";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Purpose {
    Register,
    Authenticate,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::Register => "register",
            Purpose::Authenticate => "authenticate",
        }
    }
}

/// Builds the relying party for the portal at `public_url`. Returns `None` when its host
/// is not a domain name.
pub(crate) fn relying_party(public_url: &str) -> Option<Webauthn> {
    let origin = url::Url::parse(public_url).ok()?;
    let rp_id = origin.domain()?.to_string();
    WebauthnBuilder::new(&rp_id, &origin)
        .ok()?
        .rp_name(RELYING_PARTY_NAME)
        .build()
        .ok()
}

fn ceremony_context(ceremony_id: Uuid) -> Vec<u8> {
    format!("passkey_ceremonies.state:{ceremony_id}").into_bytes()
}

fn internal(what: &str, error: impl std::fmt::Display) -> Error {
    Error::Internal(format!("{what}: {error}"))
}

impl Core {
    /// Returns whether passkeys can be used at the portal's public address.
    pub fn passkeys_available(&self) -> bool {
        relying_party(&self.settings.public_url).is_some()
    }

    fn relying_party(&self) -> Result<Webauthn> {
        relying_party(&self.settings.public_url)
            .ok_or_else(|| Error::rejected("error-passkey-unavailable"))
    }

    /// Checks that a passkey may be added now: the portal's address allows passkeys and
    /// the session stepped up.
    pub fn can_add_passkey(&self, session: &SessionUser) -> Result<()> {
        self.require_step_up(session)?;
        self.relying_party().map(|_| ())
    }

    /// Starts adding a passkey: the options for `navigator.credentials.create`. The
    /// account's passkeys are excluded, so one device does not make a second one.
    pub async fn start_passkey(&self, session: &SessionUser) -> Result<CreationChallengeResponse> {
        self.require_step_up(session)?;
        let rp = self.relying_party()?;
        let user_id = session.actor.user_id;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let user = user_by_id(&mut tx, user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        let excluded = self
            .passkeys(&mut tx, user_id)
            .await?
            .into_iter()
            .map(|(_, passkey)| passkey.cred_id().clone())
            .collect();
        // The device shows this name in its list of passkeys: the person's name, never a
        // phone number or an e-mail address.
        let name = format!("{} {}", user.given_name, user.surname);
        let (options, state) = rp
            .start_passkey_registration(user_id, &name, &name, Some(excluded))
            .map_err(|error| internal("passkey registration options", error))?;
        self.keep_ceremony(
            &mut tx,
            user_id,
            session.session_id,
            Purpose::Register,
            None,
            &state,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(options)
    }

    /// Adds the passkey the browser made, given as the JSON of its response. The list of
    /// factors names it by the browser and system of `client`. The first factor of an
    /// account becomes the default and comes with backup codes, returned to be shown once.
    pub async fn finish_passkey(
        &self,
        session: &SessionUser,
        response: &str,
        client: &Client,
    ) -> Result<Option<Vec<String>>> {
        let device = super::device::describe(client.user_agent.as_deref());
        self.require_step_up(session)?;
        let rp = self.relying_party()?;
        let user_id = session.actor.user_id;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let state: Option<PasskeyRegistration> = self
            .take_ceremony(
                &mut tx,
                user_id,
                session.session_id,
                Purpose::Register,
                None,
            )
            .await?;
        let Some(state) = state else {
            tx.commit().await?;
            return Err(Error::rejected("error-passkey-expired"));
        };
        let credential = match serde_json::from_str::<RegisterPublicKeyCredential>(response) {
            Ok(credential) => credential,
            Err(error) => {
                // The ceremony is used up either way: the next try starts a new one.
                tx.commit().await?;
                tracing::info!(user.id = %user_id, error = %error, "passkey registration is malformed");
                return Err(Error::rejected("error-passkey-failed"));
            }
        };
        // The options excluded the account's passkeys, so an honest device never offers
        // one again. webauthn-rs 0.6.2 rejects one under the name of another error, so
        // the id is compared here first to give the person the right message.
        let known = self.passkeys(&mut tx, user_id).await?;
        if known
            .iter()
            .any(|(_, passkey)| passkey.cred_id().as_slice() == credential.raw_id.as_slice())
        {
            tx.commit().await?;
            return Err(Error::rejected("error-passkey-known"));
        }
        let passkey = match rp.finish_passkey_registration(&credential, &state) {
            Ok(passkey) => passkey,
            Err(error) => {
                tx.commit().await?;
                tracing::info!(user.id = %user_id, error = %error, "passkey registration rejected");
                return Err(Error::rejected("error-passkey-failed"));
            }
        };

        let id = Uuid::now_v7();
        let first = factors::confirmed_factors(&mut tx, user_id)
            .await?
            .is_empty();
        execute!(&mut tx, sqlx::query(
            "INSERT INTO second_factors (id, user_id, kind, secret_enc, is_default, confirmed_at, created_at, label)
             VALUES ($1, $2, 'passkey', $3, $4, $5, $5, $6)",
        )
        .bind(id)
        .bind(user_id)
        .bind(self.seal_passkey(id, &passkey)?)
        .bind(first)
        .bind(now)
        .bind((!device.is_empty()).then_some(device)))?;
        let codes = if first {
            Some(self.replace_backup_codes(&mut tx, user_id, now).await?)
        } else {
            None
        };
        history::record(
            &mut tx,
            now,
            Entry::new(user_id, Kind::SecondFactorAdded, HistoryStatus::Succeeded)
                .detail("kind", FactorKind::Passkey.code()),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %user_id, factor.id = %id, factor.kind = "passkey", "second factor added");
        Ok(codes)
    }

    /// Starts a passkey check: the options for `navigator.credentials.get` that prove the
    /// passkey `factor_id` in the second step of the sign-in `challenge_id`.
    pub async fn passkey_sign_in_options(
        &self,
        challenge_id: Uuid,
        factor_id: Uuid,
    ) -> Result<RequestChallengeResponse> {
        let mut tx = self.db.begin().await?;
        let challenge = self.open_challenge_row(&mut tx, challenge_id).await?;
        let options = self
            .passkey_request(&mut tx, challenge.user_id, challenge_id, factor_id)
            .await?;
        tx.commit().await?;
        Ok(options)
    }

    /// Starts a passkey check: the options for `navigator.credentials.get` that prove the
    /// passkey `factor_id` in a step-up of `session`.
    pub async fn passkey_step_up_options(
        &self,
        session: &SessionUser,
        factor_id: Uuid,
    ) -> Result<RequestChallengeResponse> {
        let mut tx = self.db.begin().await?;
        let options = self
            .passkey_request(
                &mut tx,
                session.actor.user_id,
                session.session_id,
                factor_id,
            )
            .await?;
        tx.commit().await?;
        Ok(options)
    }

    async fn passkey_request(
        &self,
        tx: &mut Tx,
        user_id: Uuid,
        scope: Uuid,
        factor_id: Uuid,
    ) -> Result<RequestChallengeResponse> {
        let rp = self.relying_party()?;
        let row = factors::factor(tx, user_id, factor_id).await?;
        if row.kind() != FactorKind::Passkey || row.confirmed_at.is_none() {
            return Err(Error::NotFound);
        }
        let passkey = self.open_passkey(&row)?;
        let (options, state) = rp
            .start_passkey_authentication(&[passkey])
            .map_err(|error| internal("passkey authentication options", error))?;
        self.keep_ceremony(
            tx,
            user_id,
            scope,
            Purpose::Authenticate,
            Some(factor_id),
            &state,
            self.clock.now(),
        )
        .await?;
        Ok(options)
    }

    /// Checks the browser's response (the JSON of its assertion) for the passkey `row` in
    /// `scope`. A missing, expired or other passkey's ceremony, a malformed response and a
    /// failed signature all count as a wrong code. An accepted response moves the passkey's
    /// signature counter on.
    pub(crate) async fn check_passkey(
        &self,
        tx: &mut Tx,
        row: &FactorRow,
        scope: Uuid,
        response: &str,
    ) -> Result<bool> {
        let rp = self.relying_party()?;
        let state: Option<PasskeyAuthentication> = self
            .take_ceremony(tx, row.user_id, scope, Purpose::Authenticate, Some(row.id))
            .await?;
        let Some(state) = state else {
            return Ok(false);
        };
        let checked = serde_json::from_str::<PublicKeyCredential>(response)
            .map_err(|error| error.to_string())
            .and_then(|credential| {
                rp.finish_passkey_authentication(&credential, &state)
                    .map_err(|error| error.to_string())
            });
        let result = match checked {
            Ok(result) => result,
            Err(error) => {
                tracing::info!(user.id = %row.user_id, factor.id = %row.id, error = %error, "passkey assertion rejected");
                return Ok(false);
            }
        };
        let mut passkey = self.open_passkey(row)?;
        if passkey.update_credential(&result) == Some(true) {
            execute!(
                &mut *tx,
                sqlx::query("UPDATE second_factors SET secret_enc = $1 WHERE id = $2")
                    .bind(self.seal_passkey(row.id, &passkey)?)
                    .bind(row.id)
            )?;
        }
        execute!(
            &mut *tx,
            sqlx::query("UPDATE second_factors SET last_used_at = $1 WHERE id = $2")
                .bind(self.clock.now())
                .bind(row.id)
        )?;
        Ok(true)
    }

    fn seal_passkey(&self, factor_id: Uuid, passkey: &Passkey) -> Result<Vec<u8>> {
        let json = serde_json::to_vec(passkey).map_err(|error| internal("passkey", error))?;
        Ok(seal(&self.keys.data, &secret_context(factor_id), &json))
    }

    fn open_passkey(&self, row: &FactorRow) -> Result<Passkey> {
        let json = open(
            &self.keys.data,
            &secret_context(row.id),
            row.secret_enc.as_deref().unwrap_or_default(),
        )?;
        serde_json::from_slice(&json).map_err(|error| internal("stored passkey", error))
    }

    async fn passkeys(&self, tx: &mut Tx, user_id: Uuid) -> Result<Vec<(Uuid, Passkey)>> {
        factors::confirmed_factors(tx, user_id)
            .await?
            .iter()
            .filter(|row| row.kind() == FactorKind::Passkey)
            .map(|row| Ok((row.id, self.open_passkey(row)?)))
            .collect()
    }

    /// Stores the state of a ceremony until its response, and it replaces an earlier ceremony of
    /// the same scope and purpose. Expired ceremonies of anyone are cleared on the way.
    #[allow(clippy::too_many_arguments)]
    async fn keep_ceremony(
        &self,
        tx: &mut Tx,
        user_id: Uuid,
        scope: Uuid,
        purpose: Purpose,
        factor_id: Option<Uuid>,
        state: &impl Serialize,
        now: DateTime<Utc>,
    ) -> Result<()> {
        execute!(
            &mut *tx,
            sqlx::query(
                "DELETE FROM passkey_ceremonies WHERE (scope = $1 AND purpose = $2) OR expires_at <= $3"
            )
            .bind(scope)
            .bind(purpose.code())
            .bind(now)
        )?;
        let id = Uuid::now_v7();
        let json =
            serde_json::to_vec(state).map_err(|error| internal("passkey ceremony", error))?;
        execute!(&mut *tx, sqlx::query(
            "INSERT INTO passkey_ceremonies (id, user_id, scope, purpose, factor_id, state_enc, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(user_id)
        .bind(scope)
        .bind(purpose.code())
        .bind(factor_id)
        .bind(seal(&self.keys.data, &ceremony_context(id), &json))
        .bind(now)
        .bind(now + Duration::minutes(CEREMONY_MINUTES)))?;
        Ok(())
    }

    /// Takes the ceremony of `scope` and `purpose` out of the database. `None` when there
    /// is none, it has expired, or it was for another user or passkey. Deleting and
    /// reading are one statement, so two responses sent at once cannot both use it.
    async fn take_ceremony<T: DeserializeOwned>(
        &self,
        tx: &mut Tx,
        user_id: Uuid,
        scope: Uuid,
        purpose: Purpose,
        factor_id: Option<Uuid>,
    ) -> Result<Option<T>> {
        let row: Option<CeremonyRow> = on_conn!(&mut *tx, conn => sqlx::query_as(
            "DELETE FROM passkey_ceremonies WHERE scope = $1 AND purpose = $2
             RETURNING id, user_id, factor_id, state_enc, expires_at",
        )
        .bind(scope)
        .bind(purpose.code())
        .fetch_optional(conn)
        .await)?;
        let Some(row) = row else {
            return Ok(None);
        };
        if row.user_id != user_id
            || row.factor_id != factor_id
            || row.expires_at <= self.clock.now()
        {
            return Ok(None);
        }
        let json = open(&self.keys.data, &ceremony_context(row.id), &row.state_enc)?;
        serde_json::from_slice(&json)
            .map(Some)
            .map_err(|error| internal("stored passkey ceremony", error))
    }
}

#[derive(sqlx::FromRow)]
struct CeremonyRow {
    id: Uuid,
    user_id: Uuid,
    factor_id: Option<Uuid>,
    state_enc: Vec<u8>,
    expires_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relying_party_needs_a_domain_name() {
        assert!(relying_party("http://localhost:3000").is_some());
        assert!(relying_party("https://kabinet.example.ru").is_some());
        assert!(relying_party("http://127.0.0.1:3000").is_none());
        assert!(relying_party("http://[::1]:3000").is_none());
        assert!(relying_party("not an address").is_none());
    }
}
