//! Web Push (RFC 8030): the payload is encrypted for the browser's keys (RFC 8291,
//! `aes128gcm`) and the request signed with the portal's VAPID key (RFC 8292), both by
//! `web-push-native`; the request goes out with reqwest.
//!
//! A push service that answers 404 or 410 has dropped the subscription, so the message
//! fails for good and the subscription is deleted by the caller.

use std::fmt;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use web_push_native::jwt_simple::algorithms::{ECDSAP256PublicKeyLike, ES256KeyPair};
use web_push_native::p256::PublicKey;
use web_push_native::{Auth, WebPushBuilder};

use super::Refusal;
use crate::error::{Error, Result};

#[derive(Clone)]
pub struct PushSettings {
    /// The VAPID private key: the 32-byte P-256 scalar in base64url.
    pub vapid_private_key: String,
    /// How the push service can reach the portal's operator, `mailto:` or `https:`.
    pub subject: String,
}

impl fmt::Debug for PushSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PushSettings")
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

/// What the service worker shows (`public/sw.js`).
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushPayload {
    pub title: String,
    pub body: String,
    /// The portal page the notification opens.
    pub url: String,
}

/// A browser's subscription, as `PushSubscription.toJSON()` gives it.
pub struct Subscription<'a> {
    pub endpoint: &'a str,
    /// The browser's P-256 public key, base64url.
    pub p256dh: &'a str,
    /// The browser's 16-byte authentication secret, base64url.
    pub auth: &'a str,
}

#[derive(Clone)]
pub struct WebPush {
    client: reqwest::Client,
    key_pair: Arc<ES256KeyPair>,
    subject: String,
    public_key: String,
}

/// How long a push service keeps a message for an offline browser, in seconds.
const TIME_TO_LIVE: Duration = Duration::from_secs(24 * 3600);

impl WebPush {
    pub fn new(settings: PushSettings) -> Result<WebPush> {
        let invalid = || Error::Internal("the VAPID private key is not valid".into());
        let scalar = URL_SAFE_NO_PAD
            .decode(settings.vapid_private_key.trim())
            .map_err(|_| invalid())?;
        let key_pair = ES256KeyPair::from_bytes(&scalar).map_err(|_| invalid())?;
        let public_key =
            URL_SAFE_NO_PAD.encode(key_pair.public_key().public_key().to_bytes_uncompressed());
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|_| Error::Internal("the Web Push client could not be built".into()))?;
        Ok(WebPush {
            client,
            key_pair: Arc::new(key_pair),
            subject: settings.subject,
            public_key,
        })
    }

    /// A new VAPID private key, base64url, for `KABINET_VAPID_PRIVATE_KEY`.
    pub fn generate_key() -> String {
        URL_SAFE_NO_PAD.encode(ES256KeyPair::generate().to_bytes())
    }

    /// The public key browsers subscribe with (`applicationServerKey`), base64url.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// Encrypts `payload` for `subscription` and hands it to its push service.
    pub async fn send(
        &self,
        subscription: &Subscription<'_>,
        payload: &PushPayload,
    ) -> std::result::Result<(), Refusal> {
        let broken = |reason: &str| Refusal {
            reason: reason.to_string(),
            permanent: true,
        };
        let endpoint = subscription
            .endpoint
            .parse()
            .map_err(|_| broken("push endpoint not valid"))?;
        let browser_key = URL_SAFE_NO_PAD
            .decode(subscription.p256dh)
            .ok()
            .and_then(|bytes| PublicKey::from_sec1_bytes(&bytes).ok())
            .ok_or_else(|| broken("browser key of the subscription not valid"))?;
        let auth = URL_SAFE_NO_PAD
            .decode(subscription.auth)
            .ok()
            .filter(|bytes| bytes.len() == 16)
            .map(|bytes| Auth::clone_from_slice(&bytes))
            .ok_or_else(|| broken("authentication secret of the subscription not valid"))?;
        let body = serde_json::to_vec(payload).map_err(|_| broken("payload not encodable"))?;
        let request = WebPushBuilder::new(endpoint, browser_key, auth)
            .with_valid_duration(TIME_TO_LIVE)
            .with_vapid(&self.key_pair, &self.subject)
            .build(body)
            .map_err(|_| broken("push message could not be encrypted"))?;

        let mut outgoing = self.client.post(subscription.endpoint);
        for (name, value) in request.headers() {
            outgoing = outgoing.header(name.as_str(), value.as_bytes());
        }
        let response = outgoing
            .body(request.into_body())
            .send()
            .await
            .map_err(|_| Refusal {
                reason: "push service not reachable".into(),
                permanent: false,
            })?;
        let status = response.status().as_u16();
        match status {
            200..=299 => Ok(()),
            404 | 410 => Err(Refusal {
                reason: format!("push service answered HTTP {status}: subscription gone"),
                permanent: true,
            }),
            _ => Err(Refusal {
                reason: format!("push service answered HTTP {status}"),
                permanent: (400..500).contains(&status) && status != 408 && status != 429,
            }),
        }
    }
}
