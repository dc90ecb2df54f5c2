//! Browsers subscribed to Web Push. The settings page subscribes the browser with the
//! portal's VAPID public key and sends the subscription here; each notification the
//! person wants by push then goes to every browser they subscribed.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::{Actor, Core, execute};

/// Longest push service address accepted.
const MAX_ENDPOINT_CHARS: usize = 2048;

impl Core {
    /// The key browsers subscribe with, when Web Push is configured.
    pub fn vapid_public_key(&self) -> Option<&str> {
        self.web_push.as_ref().map(|push| push.public_key())
    }

    /// Stores a browser's subscription for `actor`. The same endpoint subscribed again
    /// (or by another account on a shared browser) moves to `actor` with its new keys.
    pub async fn add_push_subscription(
        &self,
        actor: &Actor,
        endpoint: &str,
        p256dh: &str,
        auth: &str,
    ) -> Result<()> {
        if self.web_push.is_none() {
            return Err(Error::NotFound);
        }
        let loopback =
            endpoint.starts_with("http://127.0.0.1:") || endpoint.starts_with("http://localhost:");
        let key_ok = URL_SAFE_NO_PAD
            .decode(p256dh)
            .is_ok_and(|key| key.len() == 65 && key[0] == 4);
        let auth_ok = URL_SAFE_NO_PAD
            .decode(auth)
            .is_ok_and(|secret| secret.len() == 16);
        if !(endpoint.starts_with("https://") || loopback)
            || endpoint.len() > MAX_ENDPOINT_CHARS
            || !key_ok
            || !auth_ok
        {
            return Err(Error::rejected("error-push-subscription"));
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        execute!(
            &mut tx,
            sqlx::query("DELETE FROM push_subscriptions WHERE endpoint = $1").bind(endpoint)
        )?;
        execute!(
            &mut tx,
            sqlx::query(
                "INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(Uuid::now_v7())
            .bind(actor.user_id)
            .bind(endpoint)
            .bind(p256dh)
            .bind(auth)
            .bind(now)
        )?;
        tx.commit().await?;
        Ok(())
    }

    /// Forgets every browser `actor` subscribed.
    pub async fn remove_push_subscriptions(&self, actor: &Actor) -> Result<()> {
        let mut tx = self.db.begin().await?;
        execute!(
            &mut tx,
            sqlx::query("DELETE FROM push_subscriptions WHERE user_id = $1").bind(actor.user_id)
        )?;
        tx.commit().await?;
        Ok(())
    }
}
