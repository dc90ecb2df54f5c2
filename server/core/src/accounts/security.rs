//! The owner's security pages: active sessions, the login journal with "это был не я",
//! the password change and the networks allowed or denied at sign-in.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use kabinet_shared::forms::{NetworkRuleForm, PasswordChangeForm};
use kabinet_shared::model::{
    HistoryStatus, NetworkRuleView, SessionView, SignInAttemptView, SignInResult,
};
use kabinet_shared::validate::network;
use kabinet_shared::{Locale, Message, i18n, validate};
use uuid::Uuid;

use super::alerts::{self, Alert};
use super::{device, lockout, user_by_id};
use crate::db::{Tx, unique_violation};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Actor, Client, Core, execute, on_conn, time};

/// Most entries one page of the login journal shows.
pub const SIGN_IN_PAGE_SIZE: i64 = 50;

/// Most entries a CSV export of the login journal holds.
pub const SIGN_IN_CSV_MAX: i64 = 10_000;

/// Most networks one account may list, allowed and denied together.
pub const NETWORK_RULES_MAX: i64 = 20;

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: Uuid,
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    user_agent: Option<String>,
    ip: Option<String>,
}

#[derive(sqlx::FromRow)]
struct AttemptRow {
    id: Uuid,
    occurred_at: DateTime<Utc>,
    result: String,
    ip: Option<String>,
    device: Option<String>,
    disowned_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct RuleRow {
    id: Uuid,
    kind: String,
    cidr: String,
}

impl Core {
    /// Lists the person's active sessions, the current one first, then by last activity.
    pub async fn sessions(&self, actor: &Actor, current: Uuid) -> Result<Vec<SessionView>> {
        let now = self.clock.now();
        let mut tx = self.db.begin_read().await?;
        let rows: Vec<SessionRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, created_at, last_seen_at, user_agent, ip FROM sessions
             WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $3
             ORDER BY last_seen_at DESC, id DESC",
        )
        .bind(actor.user_id)
        .bind(now)
        .bind(now - self.settings.session_idle)
        .fetch_all(conn)
        .await)?;
        let mut sessions: Vec<SessionView> = rows
            .into_iter()
            .map(|row| SessionView {
                id: row.id,
                device: device::describe(row.user_agent.as_deref()),
                place: device::place(row.ip.as_deref()),
                started_at: time::local(row.created_at, &actor.time_zone),
                last_seen_at: time::local(row.last_seen_at, &actor.time_zone),
                current: row.id == current,
            })
            .collect();
        sessions.sort_by_key(|session| !session.current);
        Ok(sessions)
    }

    /// Ends one of the person's sessions after a fresh step-up, so that a stolen session
    /// cannot end its owner's. Another person's session is `NotFound`.
    pub async fn close_session(
        &self,
        session: &super::SessionUser,
        session_id: Uuid,
    ) -> Result<()> {
        self.require_step_up(session)?;
        let actor = &session.actor;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let closed = execute!(
            &mut tx,
            sqlx::query(
                "UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL"
            )
            .bind(now)
            .bind(session_id)
            .bind(actor.user_id)
        )?;
        if closed == 0 {
            return Err(Error::NotFound);
        }
        history::record(
            &mut tx,
            now,
            Entry::new(actor.user_id, Kind::SessionClosed, HistoryStatus::Succeeded)
                .detail("count", "1"),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, session.id = %session_id, "session closed by its owner");
        Ok(())
    }

    /// Ends every session of the person except the one making the request, after a fresh
    /// step-up. Returns how many ended.
    pub async fn close_other_sessions(&self, session: &super::SessionUser) -> Result<u64> {
        self.require_step_up(session)?;
        let (actor, current) = (&session.actor, session.session_id);
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let ended = lockout::end_sessions(&mut tx, actor.user_id, now, Some(current)).await?;
        if ended > 0 {
            history::record(
                &mut tx,
                now,
                Entry::new(actor.user_id, Kind::SessionClosed, HistoryStatus::Succeeded)
                    .detail("count", ended.to_string()),
            )
            .await?;
        }
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, sessions.ended = ended, "other sessions closed by their owner");
        Ok(ended)
    }

    /// Changes the password after checking the current one and a step-up. Every other
    /// session ends; the one the change was made in stays.
    pub async fn change_password(
        &self,
        session: &super::SessionUser,
        form: &PasswordChangeForm,
    ) -> Result<()> {
        let (actor, current_session) = (&session.actor, session.session_id);
        let (current_password, new_password) = form.validate()?;
        crate::password::check_not_breached(&new_password)?;
        self.require_step_up(session)?;
        let mut tx = self.db.begin_read().await?;
        let user = user_by_id(&mut tx, actor.user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        drop(tx);
        let matches = self
            .passwords
            .verify(Some(&user.password_hash), &current_password)
            .await?;
        if !matches {
            let now = self.clock.now();
            let mut tx = self.db.begin().await?;
            let locked = self.count_session_failure(&mut tx, &user, now).await?;
            tx.commit().await?;
            if locked {
                return Err(Error::rejected("error-account-locked"));
            }
            return Err(Error::field(
                "current_password",
                Message::new("error-current-password-wrong"),
            ));
        }
        let password_hash = self.passwords.hash(&new_password).await?;

        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        self.store_password(&mut tx, actor.user_id, &password_hash, now)
            .await?;
        let ended =
            lockout::end_sessions(&mut tx, actor.user_id, now, Some(current_session)).await?;
        history::record(
            &mut tx,
            now,
            Entry::new(
                actor.user_id,
                Kind::PasswordChanged,
                HistoryStatus::Succeeded,
            ),
        )
        .await?;
        alerts::send(
            &mut tx,
            now,
            &self.settings.public_url,
            &user,
            Alert::PasswordChanged,
            &[],
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, sessions.ended = ended, "password changed");
        Ok(())
    }

    /// Lists the person's sign-in attempts, newest first, optionally of one result only.
    pub async fn sign_in_journal(
        &self,
        actor: &Actor,
        result: Option<SignInResult>,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<SignInAttemptView>> {
        let mut tx = self.db.begin_read().await?;
        let rows: Vec<AttemptRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, occurred_at, result, ip, device, disowned_at FROM sign_in_attempts
             WHERE user_id = $1 AND ($2 IS NULL OR result = $2)
             ORDER BY occurred_at DESC, id DESC LIMIT $3 OFFSET $4",
        )
        .bind(actor.user_id)
        .bind(result.map(SignInResult::code))
        .bind(limit)
        .bind(offset.max(0))
        .fetch_all(conn)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|row| SignInAttemptView {
                id: row.id,
                at: time::local(row.occurred_at, &actor.time_zone),
                result: SignInResult::parse(&row.result).unwrap_or(SignInResult::WrongPassword),
                device: row.device.unwrap_or_default(),
                place: device::place(row.ip.as_deref()),
                address: row.ip,
                disowned: row.disowned_at.is_some(),
            })
            .collect())
    }

    /// The whole login journal (or one result of it) as CSV for Excel and LibreOffice
    /// with Russian settings: UTF-8 with a byte-order mark, `;` between fields, CRLF line
    /// ends and times as `dd.mm.yyyy hh:mm:ss` in the person's time zone.
    pub async fn sign_in_journal_csv(
        &self,
        actor: &Actor,
        result: Option<SignInResult>,
        locale: Locale,
    ) -> Result<String> {
        let attempts = self
            .sign_in_journal(actor, result, 0, SIGN_IN_CSV_MAX)
            .await?;
        let header = [
            "sign-ins-column-time",
            "sign-ins-column-result",
            "sign-ins-column-device",
            "sign-ins-column-address",
            "sign-ins-column-disowned",
        ]
        .map(|key| i18n::text(locale, key));
        let mut csv = String::from("\u{feff}");
        push_csv_row(&mut csv, &header);
        for attempt in attempts {
            let row = [
                attempt.at.format("%d.%m.%Y %H:%M:%S").to_string(),
                i18n::text(locale, &attempt.result.message_key()),
                attempt.device,
                attempt.address.unwrap_or_default(),
                if attempt.disowned {
                    i18n::text(locale, "yes")
                } else {
                    String::new()
                },
            ];
            push_csv_row(&mut csv, &row);
        }
        Ok(csv)
    }

    /// "Это был не я": the owner says a successful sign-in was not theirs. Every session
    /// of the account ends (the reported one and the owner's own), the account stays
    /// locked until the password is changed through recovery, and the owner is told on
    /// their channels.
    pub async fn disown_sign_in(&self, actor: &Actor, attempt_id: Uuid) -> Result<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let marked = execute!(
            &mut tx,
            sqlx::query(
                "UPDATE sign_in_attempts SET disowned_at = $1
                 WHERE id = $2 AND user_id = $3 AND result = 'succeeded' AND disowned_at IS NULL"
            )
            .bind(now)
            .bind(attempt_id)
            .bind(actor.user_id)
        )?;
        if marked == 0 {
            return Err(Error::NotFound);
        }
        let user = user_by_id(&mut tx, actor.user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        let ended = lockout::end_sessions(&mut tx, actor.user_id, now, None).await?;
        lockout::forget_devices(&mut tx, actor.user_id, now).await?;
        lockout::lock(&mut tx, actor.user_id, now, "not_me").await?;
        history::record(
            &mut tx,
            now,
            Entry::new(
                actor.user_id,
                Kind::SignInDisowned,
                HistoryStatus::Succeeded,
            ),
        )
        .await?;
        alerts::send(
            &mut tx,
            now,
            &self.settings.public_url,
            &user,
            Alert::SignInDisowned,
            &[],
        )
        .await?;
        tx.commit().await?;
        tracing::warn!(user.id = %actor.user_id, attempt.id = %attempt_id, sessions.ended = ended, "sign-in disowned; account locked until a new password");
        Ok(())
    }

    pub async fn network_rules(&self, actor: &Actor) -> Result<Vec<NetworkRuleView>> {
        let mut tx = self.db.begin_read().await?;
        let rows = rules(&mut tx, actor.user_id).await?;
        Ok(rows
            .into_iter()
            .map(|row| NetworkRuleView {
                id: row.id,
                allow: row.kind == "allow",
                cidr: row.cidr,
            })
            .collect())
    }

    /// Adds a network rule. A rule that would reject the address the person is using now
    /// is rejected, so nobody locks themselves out by mistake.
    pub async fn add_network_rule(
        &self,
        actor: &Actor,
        form: &NetworkRuleForm,
        client: &Client,
    ) -> Result<()> {
        let (allow, cidr) = form.validate()?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let count: i64 = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT COUNT(*) FROM network_rules WHERE user_id = $1",
        )
        .bind(actor.user_id)
        .fetch_one(conn)
        .await)?;
        if count >= NETWORK_RULES_MAX {
            return Err(Error::Rejected(
                Message::new("error-network-rules-max").arg("max", NETWORK_RULES_MAX),
            ));
        }
        let inserted = execute!(&mut tx, sqlx::query(
            "INSERT INTO network_rules (id, user_id, kind, cidr, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(Uuid::now_v7())
        .bind(actor.user_id)
        .bind(if allow { "allow" } else { "deny" })
        .bind(&cidr)
        .bind(now));
        if let Err(error) = inserted {
            return Err(match unique_violation(&error) {
                Some(_) => Error::field("cidr", Message::new("error-network-duplicate")),
                None => error.into(),
            });
        }
        if let Some(ip) = client.ip
            && !self
                .network_allows(&mut tx, actor.user_id, Some(ip))
                .await?
        {
            return Err(Error::field(
                "cidr",
                Message::new("error-network-locks-out"),
            ));
        }
        history::record(
            &mut tx,
            now,
            Entry::new(
                actor.user_id,
                Kind::NetworkRulesChanged,
                HistoryStatus::Succeeded,
            ),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, "network rule added");
        Ok(())
    }

    pub async fn remove_network_rule(&self, actor: &Actor, rule_id: Uuid) -> Result<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let removed = execute!(
            &mut tx,
            sqlx::query("DELETE FROM network_rules WHERE id = $1 AND user_id = $2")
                .bind(rule_id)
                .bind(actor.user_id)
        )?;
        if removed == 0 {
            return Err(Error::NotFound);
        }
        history::record(
            &mut tx,
            now,
            Entry::new(
                actor.user_id,
                Kind::NetworkRulesChanged,
                HistoryStatus::Succeeded,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the account's network rules let `ip` sign in: no denied network contains
    /// it, and when allowed networks are listed, one of them contains it. An unknown
    /// address passes only when no allowed networks are listed.
    pub(crate) async fn network_allows(
        &self,
        tx: &mut Tx,
        user_id: Uuid,
        ip: Option<IpAddr>,
    ) -> Result<bool> {
        let rows = rules(tx, user_id).await?;
        let contains = |row: &RuleRow| match (validate::network::parse(&row.cidr), ip) {
            (Ok(net), Some(ip)) => network::contains(&net, ip),
            _ => false,
        };
        if rows.iter().any(|row| row.kind == "deny" && contains(row)) {
            return Ok(false);
        }
        let allows: Vec<&RuleRow> = rows.iter().filter(|row| row.kind == "allow").collect();
        Ok(allows.is_empty() || allows.into_iter().any(contains))
    }
}

/// Appends one CSV record. A field is quoted when it contains `;`, `"` or a line break; a
/// field that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return) gets a leading apostrophe, which Excel and LibreOffice
/// show as text. Fields here are dates, fixed names and addresses, so no phone number is
/// affected.
fn push_csv_row(csv: &mut String, fields: &[String]) {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            csv.push(';');
        }
        let mut value = field.clone();
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            value.insert(0, '\'');
        }
        if value.contains([';', '"', '\n', '\r']) {
            csv.push('"');
            csv.push_str(&value.replace('"', "\"\""));
            csv.push('"');
        } else {
            csv.push_str(&value);
        }
    }
    csv.push_str("\r\n");
}

async fn rules(tx: &mut Tx, user_id: Uuid) -> Result<Vec<RuleRow>> {
    let rows = on_conn!(tx, conn => sqlx::query_as(
        "SELECT id, kind, cidr FROM network_rules WHERE user_id = $1 ORDER BY kind, created_at",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await)?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::push_csv_row;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        let mut csv = String::new();
        let fields = [
            "04.12.2026 10:00:00",
            "=SUM(A1)",
            "a;b",
            "say \"hi\"",
            "-1",
            "2001:db8::1",
        ]
        .map(String::from);
        push_csv_row(&mut csv, &fields);
        assert_eq!(
            csv,
            "04.12.2026 10:00:00;'=SUM(A1);\"a;b\";\"say \"\"hi\"\"\";'-1;2001:db8::1\r\n"
        );
    }
}
