//! Receiving a browser's Web Push subscription from `public/push.js`.

use axum::Extension;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kabinet_core::Error;
use kabinet_core::accounts::SessionUser;
use serde::Deserialize;

use super::AppState;

/// `PushSubscription.toJSON()` as the browser gives it.
#[derive(Deserialize)]
pub struct SubscriptionJson {
    endpoint: String,
    keys: Keys,
}

#[derive(Deserialize)]
struct Keys {
    p256dh: String,
    auth: String,
}

/// Stores the subscription for the signed-in person: 204, or 401 without a session,
/// 404 when Web Push is off and 422 for a subscription that cannot be used.
pub async fn subscribe(
    State(state): State<AppState>,
    user: Option<Extension<SessionUser>>,
    Json(subscription): Json<SubscriptionJson>,
) -> StatusCode {
    let Some(Extension(user)) = user else {
        return StatusCode::UNAUTHORIZED;
    };
    match state
        .core
        .add_push_subscription(
            &user.actor,
            &subscription.endpoint,
            &subscription.keys.p256dh,
            &subscription.keys.auth,
        )
        .await
    {
        Ok(()) => StatusCode::NO_CONTENT,
        Err(Error::NotFound) => StatusCode::NOT_FOUND,
        Err(Error::Rejected(_)) => StatusCode::UNPROCESSABLE_ENTITY,
        Err(error) => {
            tracing::error!(%error, "storing a push subscription failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
