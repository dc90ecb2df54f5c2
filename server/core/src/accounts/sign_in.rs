//! Sign-in by phone, e-mail or SNILS with a password, and sign-out.

use kabinet_shared::model::HistoryStatus;
use kabinet_shared::validate::Login;
use uuid::Uuid;

use super::{UserRow, user_columns};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Client, Core, execute, on_conn};

/// A session just opened. `token` goes into the cookie and nowhere else.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub token: String,
}

impl Core {
    /// Signs in with a checked login and a password.
    ///
    /// A wrong login and a wrong password give the same `error-sign-in-failed` and take
    /// the same time, so the answer does not tell whether an account exists.
    pub async fn sign_in(
        &self,
        login: &Login,
        password: &str,
        client: &Client,
    ) -> Result<SignedIn> {
        let user = self.find_by_login(login).await?;
        let matches = self
            .passwords
            .verify(
                user.as_ref().map(|user| user.password_hash.as_str()),
                password,
            )
            .await?;

        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let user = match user {
            Some(user) if matches => user,
            Some(user) => {
                history::record(
                    &mut tx,
                    now,
                    Entry::new(user.id, Kind::SignIn, HistoryStatus::Failed),
                )
                .await?;
                tx.commit().await?;
                tracing::info!(user.id = %user.id, "sign-in failed: wrong password");
                return Err(Error::rejected("error-sign-in-failed"));
            }
            None => return Err(Error::rejected("error-sign-in-failed")),
        };

        let signed_in = self.create_session(&mut tx, user.id, client).await?;
        history::record(
            &mut tx,
            now,
            Entry::new(user.id, Kind::SignIn, HistoryStatus::Succeeded),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %user.id, session.id = %signed_in.session_id, "signed in");
        Ok(signed_in)
    }

    /// Ends the session of `token`, recording the sign-out in the journal.
    pub async fn sign_out(&self, token: &str) -> Result<()> {
        let Some(session) = self.resolve_session(token).await? else {
            return Ok(());
        };
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        execute!(
            &mut tx,
            sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(now)
                .bind(session.session_id)
        )?;
        history::record(
            &mut tx,
            now,
            Entry::new(
                session.actor.user_id,
                Kind::SignOut,
                HistoryStatus::Succeeded,
            ),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %session.actor.user_id, session.id = %session.session_id, "signed out");
        Ok(())
    }

    async fn find_by_login(&self, login: &Login) -> Result<Option<UserRow>> {
        let mut tx = self.db.begin_read().await?;
        let row = match login {
            Login::Phone(phone) => {
                let sql = concat!("SELECT ", user_columns!(), " FROM users WHERE phone = $1");
                on_conn!(&mut tx, conn => sqlx::query_as(sql).bind(phone).fetch_optional(conn).await)?
            }
            Login::Email(key) => {
                let sql = concat!(
                    "SELECT ",
                    user_columns!(),
                    " FROM users WHERE email_key = $1"
                );
                on_conn!(&mut tx, conn => sqlx::query_as(sql).bind(key).fetch_optional(conn).await)?
            }
            Login::Snils(digits) => {
                let sql = concat!(
                    "SELECT ",
                    user_columns!(),
                    " FROM users WHERE snils_index = $1"
                );
                let index = self.snils_index(digits);
                on_conn!(&mut tx, conn => sqlx::query_as(sql).bind(index).fetch_optional(conn).await)?
            }
        };
        Ok(row)
    }
}
