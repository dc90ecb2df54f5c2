//! Local stand-ins for the HTTP services the portal talks to, started by the tests: an
//! SMS gateway and the Telegram Bot API. Each records what it was sent.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::{Value, json};

/// A request the SMS gateway received.
#[derive(Clone, Debug)]
pub struct SmsRequest {
    pub authorization: String,
    pub idempotency_key: String,
    pub body: Value,
}

#[derive(Default)]
struct SmsState {
    received: Vec<SmsRequest>,
    /// Statuses to answer with, first to last; after them, 200.
    answers: VecDeque<u16>,
}

pub struct SmsGatewayPeer {
    pub url: String,
    state: Arc<Mutex<SmsState>>,
}

async fn sms_send(
    State(state): State<Arc<Mutex<SmsState>>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let mut state = state.lock().unwrap();
    state.received.push(SmsRequest {
        authorization: header("authorization"),
        idempotency_key: header("idempotency-key"),
        body,
    });
    let status = state.answers.pop_front().unwrap_or(200);
    let message_id = format!("gw-{}", state.received.len());
    (
        StatusCode::from_u16(status).unwrap(),
        Json(json!({ "message_id": message_id })),
    )
}

impl SmsGatewayPeer {
    pub async fn start() -> SmsGatewayPeer {
        let state = Arc::new(Mutex::new(SmsState::default()));
        let router = Router::new()
            .route("/send", post(sms_send))
            .with_state(state.clone());
        let url = serve(router).await;
        SmsGatewayPeer {
            url: format!("{url}/send"),
            state,
        }
    }

    /// Makes the next requests fail with these HTTP statuses, in order.
    pub fn answer_with(&self, statuses: &[u16]) {
        self.state.lock().unwrap().answers.extend(statuses);
    }

    pub fn received(&self) -> Vec<SmsRequest> {
        self.state.lock().unwrap().received.clone()
    }
}

#[derive(Default)]
struct BotState {
    /// `sendMessage` calls: chat id and text.
    sent: Vec<(String, String)>,
    /// Updates waiting to be read.
    updates: Vec<Value>,
    /// Chats that blocked the bot.
    blocked: Vec<String>,
}

pub struct BotApiPeer {
    pub url: String,
    state: Arc<Mutex<BotState>>,
}

pub const BOT_TOKEN: &str = "123456:test-token";

async fn bot_method(
    State(state): State<Arc<Mutex<BotState>>>,
    Path((bot, method)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    if bot != format!("bot{BOT_TOKEN}") {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "ok": false, "error_code": 401, "description": "Unauthorized" })),
        );
    }
    let mut state = state.lock().unwrap();
    match method.as_str() {
        "sendMessage" => {
            let chat = match &body["chat_id"] {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            if state.blocked.contains(&chat) {
                return (
                    StatusCode::FORBIDDEN,
                    Json(
                        json!({ "ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user" }),
                    ),
                );
            }
            let text = body["text"].as_str().unwrap_or_default().to_string();
            state.sent.push((chat, text));
            let id = state.sent.len();
            (
                StatusCode::OK,
                Json(json!({ "ok": true, "result": { "message_id": id } })),
            )
        }
        "getUpdates" => {
            let offset = body["offset"].as_i64().unwrap_or(0);
            let updates: Vec<Value> = state
                .updates
                .iter()
                .filter(|update| update["update_id"].as_i64().unwrap_or(0) >= offset)
                .cloned()
                .collect();
            (
                StatusCode::OK,
                Json(json!({ "ok": true, "result": updates })),
            )
        }
        _ => (
            StatusCode::NOT_FOUND,
            Json(json!({ "ok": false, "error_code": 404 })),
        ),
    }
}

impl BotApiPeer {
    pub async fn start() -> BotApiPeer {
        let state = Arc::new(Mutex::new(BotState::default()));
        let router = Router::new()
            .route("/{bot}/{method}", post(bot_method))
            .with_state(state.clone());
        BotApiPeer {
            url: serve(router).await,
            state,
        }
    }

    /// Queues a text message from `chat`, as Telegram would deliver it to the bot.
    pub fn message_from(&self, chat: i64, text: &str) {
        let mut state = self.state.lock().unwrap();
        let update_id = 1000 + state.updates.len() as i64;
        state.updates.push(json!({
            "update_id": update_id,
            "message": { "message_id": 1, "date": 0, "chat": { "id": chat, "type": "private" }, "text": text }
        }));
    }

    pub fn block(&self, chat: i64) {
        self.state.lock().unwrap().blocked.push(chat.to_string());
    }

    pub fn sent(&self) -> Vec<(String, String)> {
        self.state.lock().unwrap().sent.clone()
    }
}

/// Serves `router` on a free local port and returns its base address.
async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    format!("http://{address}")
}

/// A message a push service received.
#[derive(Clone, Debug)]
pub struct PushRequest {
    pub path: String,
    pub authorization: String,
    pub content_encoding: String,
    pub ttl: String,
    pub body: Vec<u8>,
}

#[derive(Default)]
struct PushState {
    received: Vec<PushRequest>,
    /// Paths whose subscription the service has dropped (answered with 410).
    gone: Vec<String>,
}

/// A push service, as browsers' vendors run them: it accepts encrypted messages at
/// `/push/<name>`.
pub struct PushServicePeer {
    pub url: String,
    state: Arc<Mutex<PushState>>,
}

async fn push_receive(
    State(state): State<Arc<Mutex<PushState>>>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let mut state = state.lock().unwrap();
    let path = format!("/push/{name}");
    if state.gone.contains(&path) {
        return StatusCode::GONE;
    }
    state.received.push(PushRequest {
        path,
        authorization: header("authorization"),
        content_encoding: header("content-encoding"),
        ttl: header("ttl"),
        body: body.to_vec(),
    });
    StatusCode::CREATED
}

impl PushServicePeer {
    pub async fn start() -> PushServicePeer {
        let state = Arc::new(Mutex::new(PushState::default()));
        let router = Router::new()
            .route("/push/{name}", post(push_receive))
            .with_state(state.clone());
        PushServicePeer {
            url: serve(router).await,
            state,
        }
    }

    pub fn drop_subscription(&self, name: &str) {
        self.state
            .lock()
            .unwrap()
            .gone
            .push(format!("/push/{name}"));
    }

    pub fn received(&self) -> Vec<PushRequest> {
        self.state.lock().unwrap().received.clone()
    }
}
