//! The OpenID Connect client: discovery, the authorization URL and the code exchange.
//!
//! Every check of the ID token (issuer, audience, signature against the provider's JWKS,
//! nonce, expiry) is done by the `openidconnect` crate, version 4.

use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthType, AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken,
    EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl,
    Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, StandardErrorResponse,
    StandardTokenResponse, TokenResponse, reqwest,
};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

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

    async fn client(&self, cache: &MetadataCache) -> Result<ProviderClient, SsoError> {
        let metadata = self.metadata(cache).await?;
        let redirect = RedirectUrl::new(self.settings.redirect_url.clone())
            .map_err(|error| SsoError::Provider(format!("redirect URL: {error}")))?;
        let client = ProviderClient::from_provider_metadata(
            (*metadata).clone(),
            ClientId::new(self.settings.client_id.clone()),
            self.settings.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect)
        .set_auth_type(match self.settings.client_auth {
            ClientAuth::SecretBasic => AuthType::BasicAuth,
            ClientAuth::SecretPost => AuthType::RequestBody,
        });
        Ok(client)
    }

    /// Builds the authorization URL with a fresh state, nonce and PKCE (S256) challenge.
    pub async fn authorization(
        &self,
        cache: &MetadataCache,
    ) -> Result<(String, CsrfToken, RequestSecrets), SsoError> {
        let client = self.client(cache).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client.authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        );
        for scope in &self.settings.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
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
        let client = self.client(cache).await?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|error| SsoError::Provider(format!("no token endpoint: {error}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(secrets.pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|error| SsoError::Token(format!("code exchange failed: {error}")))?;
        let id_token = response
            .id_token()
            .ok_or_else(|| SsoError::Token("the token response has no ID token".into()))?;
        let verifier = client.id_token_verifier();
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
