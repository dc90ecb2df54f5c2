//! Telegram through the Bot API: `sendMessage` for notifications and `getUpdates` for the
//! `/start CODE` messages that link a chat to an account. The API's base address is
//! configurable, so tests and self-hosted Bot API servers work alike.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::Refusal;
use crate::error::{Error, Result};

#[derive(Clone)]
pub struct TelegramSettings {
    /// The Bot API's base address, `https://api.telegram.org` unless self-hosted.
    pub api_url: String,
    /// The bot's token from @BotFather.
    pub token: String,
    /// The bot's user name without `@`, for the `https://t.me/<name>?start=CODE` link.
    pub bot_name: String,
}

impl fmt::Debug for TelegramSettings {
    // The token is the bot's password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TelegramSettings")
            .field("api_url", &self.api_url)
            .field("bot_name", &self.bot_name)
            .finish_non_exhaustive()
    }
}

/// An answer of the Bot API.
#[derive(Deserialize)]
struct Answer<T> {
    ok: bool,
    result: Option<T>,
    error_code: Option<u16>,
}

#[derive(Deserialize)]
struct SentMessage {
    message_id: i64,
}

/// One update from `getUpdates`; only text messages matter here.
#[derive(Debug, Deserialize)]
pub struct Update {
    pub update_id: i64,
    pub message: Option<IncomingMessage>,
}

#[derive(Debug, Deserialize)]
pub struct IncomingMessage {
    pub chat: Chat,
    pub text: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Chat {
    pub id: i64,
}

#[derive(Serialize)]
struct SendMessage<'a> {
    chat_id: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct GetUpdates {
    offset: i64,
    timeout: u32,
    allowed_updates: [&'static str; 1],
}

#[derive(Clone)]
pub struct TelegramBot {
    client: reqwest::Client,
    settings: TelegramSettings,
}

impl TelegramBot {
    pub fn new(settings: TelegramSettings) -> Result<TelegramBot> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|_| Error::Internal("the Telegram client could not be built".into()))?;
        Ok(TelegramBot { client, settings })
    }

    pub fn name(&self) -> &str {
        &self.settings.bot_name
    }

    fn method(&self, name: &str) -> String {
        format!(
            "{}/bot{}/{name}",
            self.settings.api_url.trim_end_matches('/'),
            self.settings.token
        )
    }

    /// Sends `text` to `chat_id` and returns Telegram's message id. A chat that blocked
    /// the bot (403) or does not exist (400) is refused for good.
    pub async fn send(&self, chat_id: &str, text: &str) -> std::result::Result<String, Refusal> {
        let response = self
            .client
            .post(self.method("sendMessage"))
            .json(&SendMessage { chat_id, text })
            .send()
            .await
            .map_err(|_| Refusal {
                reason: "Telegram Bot API not reachable".into(),
                permanent: false,
            })?;
        let status = response.status().as_u16();
        let answer: Answer<SentMessage> = response.json().await.map_err(|_| Refusal {
            reason: format!("Telegram Bot API answered HTTP {status} without JSON"),
            permanent: false,
        })?;
        match answer.result {
            Some(sent) if answer.ok => Ok(sent.message_id.to_string()),
            _ => {
                let code = answer.error_code.unwrap_or(status);
                Err(Refusal {
                    reason: format!("Telegram Bot API refused with {code}"),
                    permanent: matches!(code, 400 | 403),
                })
            }
        }
    }

    /// Reads updates from `offset` on, waiting up to `wait` seconds for one to arrive.
    pub async fn updates(&self, offset: i64, wait: u32) -> Result<Vec<Update>> {
        let failed = |_| Error::Internal("reading Telegram updates failed".into());
        let answer: Answer<Vec<Update>> = self
            .client
            .post(self.method("getUpdates"))
            .json(&GetUpdates {
                offset,
                timeout: wait,
                allowed_updates: ["message"],
            })
            .send()
            .await
            .map_err(failed)?
            .json()
            .await
            .map_err(failed)?;
        if !answer.ok {
            return Err(Error::Internal("Telegram refused getUpdates".into()));
        }
        Ok(answer.result.unwrap_or_default())
    }
}
