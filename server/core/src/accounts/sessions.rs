//! Server-side sessions. The cookie carries a random 256-bit token; the database keeps
//! only its keyed hash, so a copy of the database does not let anyone sign in.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::sign_in::SignedIn;
use super::{UserRow, user_columns};
use crate::crypto::{keyed_hash, random_token};
use crate::db::Tx;
use crate::error::Result;
use crate::{Actor, Client, Core, execute, on_conn};

/// A session's `last_seen_at` is written at most this often, in seconds, so that a busy
/// page does not turn every request into a write.
pub const SESSION_TOUCH_INTERVAL_SECONDS: i64 = 60;

/// Longest user agent kept with a session, in characters.
const USER_AGENT_MAX_CHARS: usize = 300;

/// The person behind a valid session.
#[derive(Clone, Debug)]
pub struct SessionUser {
    pub session_id: Uuid,
    pub actor: Actor,
    pub display_name: String,
    pub locale: String,
    /// When this session last proved a second factor or, without factors, the password.
    pub stepped_up_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    session_id: Uuid,
    last_seen_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    stepped_up_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    user: UserRow,
}

impl Core {
    fn token_hash(&self, token: &str) -> Vec<u8> {
        keyed_hash(&self.keys.session, "session", token.as_bytes())
    }

    /// Opens a session for `user_id` inside the caller's transaction. `stepped_up` says
    /// whether the sign-in proved a second factor (or, for an account without factors,
    /// the password), which allows critical changes for the step-up window.
    pub(crate) async fn create_session(
        &self,
        tx: &mut Tx,
        user_id: Uuid,
        client: &Client,
        stepped_up: bool,
    ) -> Result<SignedIn> {
        let now = self.clock.now();
        let token = random_token();
        let session_id = Uuid::now_v7();
        let user_agent = client
            .user_agent
            .as_deref()
            .map(|agent| agent.chars().take(USER_AGENT_MAX_CHARS).collect::<String>());

        execute!(tx, sqlx::query(
            "INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip, stepped_up_at)
             VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8)",
        )
        .bind(session_id)
        .bind(self.token_hash(&token))
        .bind(user_id)
        .bind(now)
        .bind(now + self.settings.session_lifetime)
        .bind(user_agent)
        .bind(client.ip.map(|ip| ip.to_string()))
        .bind(stepped_up.then_some(now)))?;

        Ok(SignedIn {
            user_id,
            session_id,
            token,
        })
    }

    /// Finds the person behind a session token. A session that is revoked, past its
    /// lifetime or idle for longer than the idle timeout gives `None`.
    pub async fn resolve_session(&self, token: &str) -> Result<Option<SessionUser>> {
        let now = self.clock.now();
        let mut tx = self.db.begin_read().await?;
        let sql = concat!(
            "SELECT s.id AS session_id, s.last_seen_at, s.expires_at, s.stepped_up_at, ",
            user_columns!("u."),
            " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.revoked_at IS NULL"
        );
        let row: Option<SessionRow> = on_conn!(&mut tx, conn => sqlx::query_as(sql)
            .bind(self.token_hash(token))
            .fetch_optional(conn)
            .await)?;
        drop(tx);

        let Some(row) = row else { return Ok(None) };
        if row.expires_at <= now || row.last_seen_at + self.settings.session_idle <= now {
            return Ok(None);
        }
        if now - row.last_seen_at >= chrono::Duration::seconds(SESSION_TOUCH_INTERVAL_SECONDS) {
            self.touch_session(row.session_id, now).await?;
        }

        Ok(Some(SessionUser {
            session_id: row.session_id,
            actor: row.user.actor(),
            display_name: row.user.display_name(),
            locale: row.user.locale.clone(),
            stepped_up_at: row.stepped_up_at,
        }))
    }

    /// Renews a session's idle timer now, whenever it was last renewed.
    pub async fn keep_session_alive(&self, session_id: Uuid) -> Result<()> {
        self.touch_session(session_id, self.clock.now()).await
    }

    async fn touch_session(&self, session_id: Uuid, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.db.begin().await?;
        execute!(
            &mut tx,
            sqlx::query(
                "UPDATE sessions SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $1"
            )
            .bind(now)
            .bind(session_id)
        )?;
        tx.commit().await?;
        Ok(())
    }
}
