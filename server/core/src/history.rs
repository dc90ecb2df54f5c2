//! The person's action journal ("История действий"): append-only entries, newest first.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kabinet_shared::model::{HistoryStatus, HistoryView};
use uuid::Uuid;

use crate::db::Tx;
use crate::error::Result;
use crate::{Actor, Core, execute, on_conn, time};

/// What happened, as a journal entry kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Registration,
    SignIn,
    SignOut,
    ProfileChange,
    ApplicationSubmitted,
    ApplicationStatusChanged,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Registration => "registration",
            Kind::SignIn => "sign_in",
            Kind::SignOut => "sign_out",
            Kind::ProfileChange => "profile_change",
            Kind::ApplicationSubmitted => "application_submitted",
            Kind::ApplicationStatusChanged => "application_status_changed",
        }
    }
}

/// A journal entry to append.
pub struct Entry {
    pub user_id: Uuid,
    pub kind: Kind,
    pub status: HistoryStatus,
    pub application_id: Option<Uuid>,
    /// Who acted when it was not the person themselves.
    pub actor_id: Option<Uuid>,
    /// Arguments of the entry's text: never a password, code or personal number.
    pub details: BTreeMap<String, String>,
}

impl Entry {
    pub fn new(user_id: Uuid, kind: Kind, status: HistoryStatus) -> Self {
        Self {
            user_id,
            kind,
            status,
            application_id: None,
            actor_id: None,
            details: BTreeMap::new(),
        }
    }

    pub fn application(mut self, id: Uuid) -> Self {
        self.application_id = Some(id);
        self
    }

    pub fn actor(mut self, id: Uuid) -> Self {
        self.actor_id = Some(id);
        self
    }

    pub fn detail(mut self, name: &str, value: impl Into<String>) -> Self {
        self.details.insert(name.to_string(), value.into());
        self
    }
}

/// Appends `entry` inside the caller's transaction.
pub async fn record(tx: &mut Tx, at: DateTime<Utc>, entry: Entry) -> Result<()> {
    let details = serde_json::to_string(&entry.details)?;
    execute!(tx, sqlx::query(
        "INSERT INTO history_entries (id, user_id, occurred_at, kind, status, application_id, actor_id, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(Uuid::now_v7())
    .bind(entry.user_id)
    .bind(at)
    .bind(entry.kind.code())
    .bind(entry.status.code())
    .bind(entry.application_id)
    .bind(entry.actor_id)
    .bind(details))?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    occurred_at: DateTime<Utc>,
    kind: String,
    status: String,
    application_id: Option<Uuid>,
    details: String,
}

/// Most entries one page of the journal shows.
pub const PAGE_SIZE: i64 = 50;

impl Core {
    /// Lists the person's journal, newest first, `PAGE_SIZE` entries from `offset`.
    pub async fn history(&self, actor: &Actor, offset: i64) -> Result<Vec<HistoryView>> {
        let mut tx = self.db.begin_read().await?;
        let rows: Vec<Row> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, occurred_at, kind, status, application_id, details FROM history_entries
             WHERE user_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2 OFFSET $3",
        )
        .bind(actor.user_id)
        .bind(PAGE_SIZE)
        .bind(offset.max(0))
        .fetch_all(conn)
        .await)?;

        rows.into_iter()
            .map(|row| {
                Ok(HistoryView {
                    id: row.id,
                    at: time::local(row.occurred_at, &actor.time_zone),
                    key: format!("history-{}", row.kind.replace('_', "-")),
                    status: HistoryStatus::parse(&row.status).unwrap_or(HistoryStatus::Succeeded),
                    args: serde_json::from_str(&row.details)?,
                    application_id: row.application_id,
                })
            })
            .collect()
    }
}
