//! The OpenID Connect client: discovery, the authorization URL and the code exchange.
//!
//! Every check of the ID token (issuer, audience, signature against the provider's JWKS,
//! nonce, expiry) is done by the `openidconnect` crate, version 4.

use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Utc};

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthType, AuthenticationContextClass, AuthorizationCode, Client, ClientId,
    ClientSecret, CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IdTokenFields, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    StandardErrorResponse, StandardTokenResponse, TokenResponse, reqwest,
};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use super::assertion::JWT_BEARER;
use super::{Claims, ClientAuth, SsoError, SsoSettings};

/// How long discovered provider metadata (endpoints and signing keys) is reused.
const METADATA_LIFETIME: StdDuration = StdDuration::from_secs(3600);

/// Claims of the ID token beyond the standard ones.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ProviderClaims {
    /// SNILS as the provider sends it; validated before use.
    #[serde(default)]
    pub snils: Option<String>,
}

impl AdditionalClaims for ProviderClaims {}

type ProviderTokenResponse = StandardTokenResponse<
    IdTokenFields<
        ProviderClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;

/// A client built from discovered metadata: the authorization endpoint is set, the token
/// and userinfo endpoints are set when the metadata names them.
type ProviderClient = Client<
    ProviderClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    ProviderTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// The secrets of one authorization request, kept sealed until the callback.
#[derive(Deserialize, Serialize)]
pub(crate) struct RequestSecrets {
    pub pkce_verifier: String,
    pub nonce: String,
}

/// Discovered metadata shared by all requests, refreshed after [`METADATA_LIFETIME`].
#[derive(Default)]
pub struct MetadataCache {
    entry: Mutex<Option<(Instant, Arc<CoreProviderMetadata>)>>,
}

/// The relying party of one configured provider.
pub(crate) struct Provider<'a> {
    settings: &'a SsoSettings,
    http: reqwest::Client,
}

impl<'a> Provider<'a> {
    pub fn new(settings: &'a SsoSettings) -> Result<Self, SsoError> {
        let http = reqwest::ClientBuilder::new()
            // Following redirects would let a response steer the server to other hosts.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(StdDuration::from_secs(10))
            .build()
            .map_err(|error| SsoError::Provider(format!("HTTP client: {error}")))?;
        Ok(Self { settings, http })
    }

    async fn metadata(&self, cache: &MetadataCache) -> Result<Arc<CoreProviderMetadata>, SsoError> {
        let mut entry = cache.entry.lock().await;
        if let Some((fetched, metadata)) = entry.as_ref()
            && fetched.elapsed() < METADATA_LIFETIME
        {
            return Ok(metadata.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone())
            .map_err(|error| SsoError::Provider(format!("issuer URL: {error}")))?;
        // Discovery rejects metadata whose `issuer` differs from the configured URL.
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|error| SsoError::Provider(format!("discovery failed: {error}")))?;
        let metadata = Arc::new(metadata);
        *entry = Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    /// Builds the client. `signed_secret` is the `client_secret` of one token request with
    /// [`ClientAuth::GostSignature`], which differs for every request.
    async fn client(
        &self,
        cache: &MetadataCache,
        signed_secret: Option<String>,
    ) -> Result<ProviderClient, SsoError> {
        let metadata = self.metadata(cache).await?;
        let redirect = RedirectUrl::new(self.settings.redirect_url.clone())
            .map_err(|error| SsoError::Provider(format!("redirect URL: {error}")))?;
        // With `private_key_jwt` the body carries the client id and the assertion, and
        // no secret.
        let secret = match self.settings.client_auth {
            ClientAuth::PrivateKeyJwt => None,
            ClientAuth::GostSignature => signed_secret.map(ClientSecret::new),
            ClientAuth::SecretBasic | ClientAuth::SecretPost => {
                self.settings.client_secret.clone().map(ClientSecret::new)
            }
        };
        let client = ProviderClient::from_provider_metadata(
            (*metadata).clone(),
            ClientId::new(self.settings.client_id.clone()),
            secret,
        )
        .set_redirect_uri(redirect)
        .set_auth_type(match self.settings.client_auth {
            ClientAuth::SecretBasic => AuthType::BasicAuth,
            ClientAuth::SecretPost | ClientAuth::PrivateKeyJwt | ClientAuth::GostSignature => {
                AuthType::RequestBody
            }
        });
        Ok(client)
    }

    /// Returns the signer of [`ClientAuth::GostSignature`], or `None` for other methods.
    fn gost_signer(&self) -> Result<Option<&super::GostSigner>, SsoError> {
        if self.settings.client_auth != ClientAuth::GostSignature {
            return Ok(None);
        }
        self.settings.gost.as_ref().map(Some).ok_or_else(|| {
            SsoError::Provider("the GOST signature needs a key and certificate".into())
        })
    }

    /// Returns the requested scopes as the authorization request sends them: `openid`,
    /// then the configured ones, separated by spaces.
    fn scope(&self) -> String {
        std::iter::once("openid")
            .chain(self.settings.scopes.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Builds the authorization URL with a fresh state, nonce and PKCE (S256) challenge.
    pub async fn authorization(
        &self,
        cache: &MetadataCache,
    ) -> Result<(String, CsrfToken, RequestSecrets), SsoError> {
        let client = self.client(cache, None).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let state = CsrfToken::new_random();
        let mut request = client.authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            {
                let state = state.clone();
                move || state
            },
            Nonce::new_random,
        );
        if let Some(signer) = self.gost_signer()? {
            let timestamp = super::gost_timestamp(Utc::now());
            let secret = signer
                .client_secret(
                    &self.scope(),
                    &timestamp,
                    &self.settings.client_id,
                    state.secret(),
                )
                .await?;
            request = request
                .add_extra_param("timestamp", timestamp)
                .add_extra_param("client_secret", secret);
        }
        for scope in &self.settings.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        for acr in &self.settings.acr_values {
            request = request.add_auth_context_value(AuthenticationContextClass::new(acr.clone()));
        }
        if let Some(max_age) = self.settings.max_age {
            request = request.set_max_age(max_age);
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        let secrets = RequestSecrets {
            pkce_verifier: verifier.into_secret(),
            nonce: nonce.secret().clone(),
        };
        Ok((url.to_string(), state, secrets))
    }

    /// Exchanges the code and returns the claims of the verified ID token.
    pub async fn exchange(
        &self,
        cache: &MetadataCache,
        code: &str,
        secrets: RequestSecrets,
    ) -> Result<Claims, SsoError> {
        // ESIA's signed secret covers a fresh state and the time of this request.
        let gost = match self.gost_signer()? {
            Some(signer) => {
                let state = uuid::Uuid::new_v4().to_string();
                let timestamp = super::gost_timestamp(Utc::now());
                let secret = signer
                    .client_secret(&self.scope(), &timestamp, &self.settings.client_id, &state)
                    .await?;
                Some((state, timestamp, secret))
            }
            None => None,
        };
        let client = self
            .client(cache, gost.as_ref().map(|(_, _, secret)| secret.clone()))
            .await?;
        let mut request = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|error| SsoError::Provider(format!("no token endpoint: {error}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(secrets.pkce_verifier));
        if let Some((state, timestamp, _)) = gost {
            request = request
                .add_extra_param("state", state)
                .add_extra_param("timestamp", timestamp)
                .add_extra_param("scope", self.scope())
                .add_extra_param("token_type", "Bearer");
        }
        if self.settings.client_auth == ClientAuth::PrivateKeyJwt {
            let key =
                self.settings.client_key.as_ref().ok_or_else(|| {
                    SsoError::Provider("private_key_jwt needs the client key".into())
                })?;
            let metadata = self.metadata(cache).await?;
            let audience = metadata
                .token_endpoint()
                .ok_or_else(|| SsoError::Provider("no token endpoint".into()))?
                .url()
                .to_string();
            let assertion = key.assertion(&self.settings.client_id, &audience, Utc::now());
            request = request
                .add_extra_param("client_assertion_type", JWT_BEARER)
                .add_extra_param("client_assertion", assertion);
        }
        let response = request
            .request_async(&self.http)
            .await
            .map_err(|error| SsoError::Token(format!("code exchange failed: {error}")))?;
        let id_token = response
            .id_token()
            .ok_or_else(|| SsoError::Token("the token response has no ID token".into()))?;
        let accepted = self.settings.acr_values.clone();
        let max_age = self.settings.max_age;
        let verifier = client
            .id_token_verifier()
            .set_auth_context_verifier_fn(move |acr| {
                check_acr(&accepted, acr.map(|acr| acr.as_str()))
            })
            .set_auth_time_verifier_fn(move |auth_time| {
                check_auth_time(max_age, auth_time, Utc::now())
            });
        let claims = id_token
            .claims(&verifier, &Nonce::new(secrets.nonce))
            .map_err(|error| SsoError::Token(format!("ID token rejected: {error}")))?;

        let text = |claim: Option<&str>| claim.map(str::to_string);
        Ok(Claims {
            subject: claims.subject().to_string(),
            family_name: text(
                claims
                    .family_name()
                    .and_then(|name| name.get(None))
                    .map(|name| name.as_str()),
            ),
            given_name: text(
                claims
                    .given_name()
                    .and_then(|name| name.get(None))
                    .map(|name| name.as_str()),
            ),
            middle_name: text(
                claims
                    .middle_name()
                    .and_then(|name| name.get(None))
                    .map(|name| name.as_str()),
            ),
            birthdate: text(claims.birthdate().map(|date| date.as_str())),
            phone_number: text(claims.phone_number().map(|phone| phone.as_str())),
            phone_number_verified: claims.phone_number_verified().unwrap_or(false),
            email: text(claims.email().map(|email| email.as_str())),
            email_verified: claims.email_verified().unwrap_or(false),
            snils: claims.additional_claims().snils.clone(),
        })
    }
}

/// Time allowed between the provider's clock and ours when checking `auth_time`.
const CLOCK_SKEW_SECONDS: i64 = 60;

/// Checks the ID token's `acr` against the classes the portal accepts: with none
/// configured any is fine, otherwise the token must name one of them.
fn check_acr(accepted: &[String], acr: Option<&str>) -> Result<(), String> {
    if accepted.is_empty() {
        return Ok(());
    }
    match acr {
        Some(acr) if accepted.iter().any(|wanted| wanted == acr) => Ok(()),
        Some(_) => Err("acr is not one of the accepted classes".into()),
        None => Err("acr is missing".into()),
    }
}

/// Checks the ID token's `auth_time` when the portal asked for `max_age`: the person
/// must have authenticated within it, give or take [`CLOCK_SKEW_SECONDS`].
fn check_auth_time(
    max_age: Option<StdDuration>,
    auth_time: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let Some(max_age) = max_age else {
        return Ok(());
    };
    let Some(auth_time) = auth_time else {
        return Err("auth_time is missing although max_age was asked for".into());
    };
    let max_age = i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX);
    let age = now.signed_duration_since(auth_time).num_seconds();
    if age > max_age.saturating_add(CLOCK_SKEW_SECONDS) {
        Err(format!(
            "authenticated {age} s ago, longer than max_age {max_age} s"
        ))
    } else if age < -CLOCK_SKEW_SECONDS {
        Err("auth_time is in the future".into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acr_must_be_accepted_when_configured() {
        assert_eq!(check_acr(&[], None), Ok(()));
        assert_eq!(check_acr(&[], Some("anything")), Ok(()));
        let accepted = ["urn:esia:loa:3".to_string(), "urn:esia:loa:4".to_string()];
        assert_eq!(check_acr(&accepted, Some("urn:esia:loa:4")), Ok(()));
        assert!(check_acr(&accepted, Some("urn:esia:loa:2")).is_err());
        assert!(check_acr(&accepted, Some("")).is_err());
        assert!(check_acr(&accepted, None).is_err());
    }

    #[test]
    fn auth_time_must_be_within_max_age() {
        let now = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let ago = |seconds: i64| Some(now - chrono::Duration::seconds(seconds));
        let five_minutes = Some(StdDuration::from_secs(300));
        assert_eq!(check_auth_time(None, None, now), Ok(()));
        assert_eq!(check_auth_time(None, ago(86_400), now), Ok(()));
        assert_eq!(check_auth_time(five_minutes, ago(0), now), Ok(()));
        // The limit plus the allowed skew is still fine; one second more is not.
        assert_eq!(check_auth_time(five_minutes, ago(360), now), Ok(()));
        assert!(check_auth_time(five_minutes, ago(361), now).is_err());
        assert!(check_auth_time(five_minutes, None, now).is_err());
        assert_eq!(check_auth_time(five_minutes, ago(-60), now), Ok(()));
        assert!(check_auth_time(five_minutes, ago(-61), now).is_err());
    }
}
