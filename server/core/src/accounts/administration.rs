//! Administrators' control of other people's sessions: ending every session of one
//! person, found by the login they sign in with, or of everyone but the administrator.
//!
//! Each action needs the `Admin` role and a fresh step-up, and goes to the audit log with
//! the number of sessions it ended.

use kabinet_shared::Message;
use kabinet_shared::forms::{AllSessionsForm, PersonSessionsForm};
use kabinet_shared::model::Role;

use super::{SessionUser, lockout};
use crate::audit::{self, Action};
use crate::error::{Error, Result};
use crate::{Actor, Core, execute, on_conn};

impl Core {
    /// Counts the sessions open now on the whole portal, for an administrator.
    pub async fn count_active_sessions(&self, actor: &Actor) -> Result<u64> {
        actor.require(Role::Admin)?;
        let now = self.clock.now();
        let mut tx = self.db.begin_read().await?;
        let count: i64 = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT COUNT(*) FROM sessions
             WHERE revoked_at IS NULL AND expires_at > $1 AND last_seen_at > $2",
        )
        .bind(now)
        .bind(now - self.settings.session_idle)
        .fetch_one(conn)
        .await)?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// Ends every session of the person who signs in with the login of `form`, and returns
    /// how many ended. When that person is the administrator, the session making the
    /// request stays open. A login without an account is an error on the `login` field.
    pub async fn end_person_sessions(
        &self,
        session: &SessionUser,
        form: &PersonSessionsForm,
    ) -> Result<u64> {
        let admin = &session.actor;
        admin.require(Role::Admin)?;
        let login = form.validate()?;
        self.require_step_up(session)?;
        let Some(person) = self.find_by_login(&login).await? else {
            return Err(Error::field(
                "login",
                Message::new("error-sessions-login-unknown"),
            ));
        };

        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let ended =
            lockout::end_sessions(&mut tx, person.id, now, Some(session.session_id)).await?;
        let event = audit::Event::new(Action::SessionsEnded, Some(admin.user_id))
            .subject(person.id)
            .detail("count", ended.to_string());
        audit::record(&mut tx, now, event).await?;
        tx.commit().await?;
        tracing::info!(
            user.id = %admin.user_id,
            subject.user.id = %person.id,
            sessions.ended = ended,
            "an administrator ended a person's sessions"
        );
        Ok(ended)
    }

    /// Ends the sessions of everyone but the administrator, whose own sessions all stay
    /// open, and returns how many ended.
    pub async fn end_all_sessions(
        &self,
        session: &SessionUser,
        form: &AllSessionsForm,
    ) -> Result<u64> {
        let admin = &session.actor;
        admin.require(Role::Admin)?;
        form.validate()?;
        self.require_step_up(session)?;

        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let ended = execute!(
            &mut tx,
            sqlx::query(
                "UPDATE sessions SET revoked_at = $1 WHERE revoked_at IS NULL AND user_id <> $2"
            )
            .bind(now)
            .bind(admin.user_id)
        )?;
        let event = audit::Event::new(Action::AllSessionsEnded, Some(admin.user_id))
            .detail("count", ended.to_string());
        audit::record(&mut tx, now, event).await?;
        tx.commit().await?;
        tracing::warn!(
            user.id = %admin.user_id,
            sessions.ended = ended,
            "an administrator ended the sessions of everyone else"
        );
        Ok(ended)
    }
}
