//! SMS through an HTTP gateway.
//!
//! The portal POSTs `{"id", "to", "text", "callback_url"}` as JSON to the gateway's
//! endpoint with HTTP basic authentication and the delivery id in an `Idempotency-Key`
//! header, so a gateway that got a request whose answer was lost can recognise the retry.
//! The gateway answers `{"message_id": "..."}`. Later it reports the outcome to
//! `callback_url` (`/hooks/sms/status`) with `{"message_id", "status": "delivered" |
//! "failed"}` and the shared callback token as a bearer token.
//!
//! A 4xx answer (other than 408 and 429) is a refusal that a retry cannot change; any
//! other failure is retried.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Refusal;
use crate::error::{Error, Result};

/// Where and how SMS is sent.
#[derive(Clone)]
pub struct SmsSettings {
    /// The gateway's endpoint, e.g. `https://sms.example/api/send`.
    pub url: String,
    pub login: String,
    pub password: String,
    /// The bearer token the gateway sends with delivery reports.
    pub callback_token: String,
}

impl fmt::Debug for SmsSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmsSettings")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
struct SendRequest<'a> {
    id: Uuid,
    to: &'a str,
    text: &'a str,
    callback_url: &'a str,
}

#[derive(Deserialize)]
struct SendResponse {
    message_id: String,
}

/// A client of the gateway; cheap to share.
#[derive(Clone)]
pub struct SmsGateway {
    client: reqwest::Client,
    settings: SmsSettings,
}

/// How long one request to the gateway may take.
const TIMEOUT: Duration = Duration::from_secs(15);

impl SmsGateway {
    pub fn new(settings: SmsSettings) -> Result<SmsGateway> {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|_| Error::Internal("the SMS gateway client could not be built".into()))?;
        Ok(SmsGateway { client, settings })
    }

    pub fn callback_token(&self) -> &str {
        &self.settings.callback_token
    }

    /// Hands one SMS to the gateway and returns the gateway's message id. A refusal
    /// names the HTTP status or the kind of failure, never the number or the text.
    pub async fn send(
        &self,
        id: Uuid,
        to: &str,
        text: &str,
        callback_url: &str,
    ) -> std::result::Result<String, Refusal> {
        let response = self
            .client
            .post(&self.settings.url)
            .basic_auth(&self.settings.login, Some(&self.settings.password))
            .header("Idempotency-Key", id.to_string())
            .json(&SendRequest {
                id,
                to,
                text,
                callback_url,
            })
            .send()
            .await
            .map_err(|error| Refusal {
                reason: if error.is_timeout() {
                    "SMS gateway did not answer in time".into()
                } else {
                    "SMS gateway not reachable".into()
                },
                permanent: false,
            })?;
        let status = response.status();
        if !status.is_success() {
            let retry = status.is_server_error()
                || status == reqwest::StatusCode::REQUEST_TIMEOUT
                || status == reqwest::StatusCode::TOO_MANY_REQUESTS;
            return Err(Refusal {
                reason: format!("SMS gateway answered HTTP {}", status.as_u16()),
                permanent: !retry,
            });
        }
        let body: SendResponse = response.json().await.map_err(|_| Refusal {
            reason: "SMS gateway answered without a message id".into(),
            permanent: false,
        })?;
        Ok(body.message_id)
    }
}
