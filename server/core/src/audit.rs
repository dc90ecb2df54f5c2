//! The audit log: what staff did with a person's data, and attempts to change the
//! append-only journal, in one hash chain.
//!
//! Entries are appended by [`record`] in the transaction of the action they describe.
//! Attempts to update or delete journal or audit rows are skipped by database triggers,
//! which note them in `history_tamper_attempts`; [`Core::seal_tamper_attempts`] moves those
//! notes into the chain, because a trigger cannot compute the chain's SHA-256 on SQLite.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::Tx;
use crate::error::Result;
use crate::history::chain::{Canonical, GENESIS, HASH_LEN};
use crate::{Core, execute, on_conn};

/// Action recorded in the audit log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// An official took an application from the department queue.
    ApplicationTaken,
    /// An official set a new status on an application.
    ApplicationDecided,
    /// An official gave an application back to the department's queue.
    ApplicationReturned,
    /// An official handed an application to another official.
    ApplicationReassigned,
    /// An official opened an application with the applicant's form values.
    ApplicationViewed,
    /// An official downloaded a document of an application.
    DocumentDownloaded,
    /// An operator opened a document sent for checking.
    DocumentReviewViewed,
    /// An operator downloaded the scan of a document sent for checking.
    DocumentReviewScanViewed,
    /// An operator approved or rejected a document sent for checking.
    DocumentReviewDecided,
    /// An UPDATE or DELETE of a journal or audit row was skipped by a trigger.
    HistoryChangeRejected,
    /// An administrator ended every session of one person.
    SessionsEnded,
    /// An administrator ended the sessions of everyone else.
    AllSessionsEnded,
    /// An administrator published a new version of a service in the constructor.
    ServicePublished,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::ApplicationTaken => "application_taken",
            Action::ApplicationDecided => "application_decided",
            Action::ApplicationReturned => "application_returned",
            Action::ApplicationReassigned => "application_reassigned",
            Action::ApplicationViewed => "application_viewed",
            Action::DocumentDownloaded => "document_downloaded",
            Action::DocumentReviewViewed => "document_review_viewed",
            Action::DocumentReviewScanViewed => "document_review_scan_viewed",
            Action::DocumentReviewDecided => "document_review_decided",
            Action::HistoryChangeRejected => "history_change_rejected",
            Action::SessionsEnded => "sessions_ended",
            Action::AllSessionsEnded => "all_sessions_ended",
            Action::ServicePublished => "service_published",
        }
    }
}

/// An audit entry to append.
pub struct Event {
    pub action: Action,
    /// User who acted, or `None` for the database itself (rejected changes).
    pub actor_id: Option<Uuid>,
    /// Whose data it concerned.
    pub subject_user_id: Option<Uuid>,
    pub application_id: Option<Uuid>,
    /// Ids and codes only: never a personal value.
    pub details: BTreeMap<String, String>,
}

impl Event {
    pub fn new(action: Action, actor_id: Option<Uuid>) -> Self {
        Self {
            action,
            actor_id,
            subject_user_id: None,
            application_id: None,
            details: BTreeMap::new(),
        }
    }

    pub fn subject(mut self, user_id: Uuid) -> Self {
        self.subject_user_id = Some(user_id);
        self
    }

    pub fn application(mut self, id: Uuid) -> Self {
        self.application_id = Some(id);
        self
    }

    pub fn detail(mut self, name: &str, value: impl Into<String>) -> Self {
        self.details.insert(name.to_string(), value.into());
        self
    }
}

/// An audit entry as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StoredEvent {
    pub id: Uuid,
    pub seq: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub subject_user_id: Option<Uuid>,
    pub application_id: Option<Uuid>,
    pub details: String,
    pub prev_hash: Vec<u8>,
    pub hash: Vec<u8>,
}

impl StoredEvent {
    /// Computes the entry's hash as the link after `previous`, over the same canonical encoding
    /// as the journal's (see [`Canonical`]).
    pub fn compute_hash(&self, previous: &[u8]) -> [u8; HASH_LEN] {
        Canonical::new("kabinet.audit.v1", previous)
            .uuid(self.id)
            .integer(self.seq)
            .time(self.occurred_at)
            .optional_uuid(self.actor_id)
            .text(&self.action)
            .optional_uuid(self.subject_user_id)
            .optional_uuid(self.application_id)
            .text(&self.details)
            .finish()
    }
}

/// Appends `event` to the audit chain inside the caller's transaction. The chain head is
/// locked until the transaction ends, so concurrent entries are chained one by one.
pub async fn record(tx: &mut Tx, at: DateTime<Utc>, event: Event) -> Result<()> {
    let (seq, previous): (i64, Vec<u8>) = on_conn!(&mut *tx, conn => sqlx::query_as(
        "INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, $1)
         ON CONFLICT (id) DO UPDATE SET seq = audit_chain_head.seq
         RETURNING seq, hash",
    )
    .bind(GENESIS.to_vec())
    .fetch_one(conn)
    .await)?;

    let mut stored = StoredEvent {
        id: Uuid::now_v7(),
        seq: seq + 1,
        occurred_at: at,
        actor_id: event.actor_id,
        action: event.action.code().to_string(),
        subject_user_id: event.subject_user_id,
        application_id: event.application_id,
        details: serde_json::to_string(&event.details)?,
        prev_hash: previous,
        hash: Vec::new(),
    };
    stored.hash = stored.compute_hash(&stored.prev_hash).to_vec();
    execute!(&mut *tx, sqlx::query(
        "INSERT INTO audit_log (id, seq, occurred_at, actor_id, action, subject_user_id, application_id, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(stored.id)
    .bind(stored.seq)
    .bind(stored.occurred_at)
    .bind(stored.actor_id)
    .bind(&stored.action)
    .bind(stored.subject_user_id)
    .bind(stored.application_id)
    .bind(&stored.details)
    .bind(&stored.prev_hash)
    .bind(&stored.hash))?;
    execute!(
        &mut *tx,
        sqlx::query("UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(stored.seq)
            .bind(&stored.hash)
    )?;
    Ok(())
}

impl Core {
    /// Moves the changes that triggers rejected into the audit chain. Returns how many.
    pub async fn seal_tamper_attempts(&self) -> Result<u64> {
        let mut tx = self.db.begin().await?;
        let attempts: Vec<(i64, String, String, Option<Uuid>)> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, table_name, operation, row_id FROM history_tamper_attempts ORDER BY id",
        )
        .fetch_all(conn)
        .await)?;
        let now = self.clock.now();
        for (id, table, operation, row_id) in &attempts {
            let mut event = Event::new(Action::HistoryChangeRejected, None)
                .detail("table", table)
                .detail("operation", operation);
            if let Some(row_id) = row_id {
                event = event.detail("row_id", row_id.to_string());
            }
            record(&mut tx, now, event).await?;
            execute!(
                &mut tx,
                sqlx::query("DELETE FROM history_tamper_attempts WHERE id = $1").bind(*id)
            )?;
        }
        tx.commit().await?;
        if !attempts.is_empty() {
            tracing::warn!(
                attempts.count = attempts.len(),
                "rejected changes of history or audit rows moved to the audit log"
            );
        }
        Ok(attempts.len() as u64)
    }

    /// Lists the audit entries about `user_id`, oldest first.
    pub async fn audit_entries_about(&self, user_id: Uuid) -> Result<Vec<StoredEvent>> {
        let mut tx = self.db.begin_read().await?;
        let rows = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, seq, occurred_at, actor_id, action, subject_user_id, application_id, details, prev_hash, hash
             FROM audit_log WHERE subject_user_id = $1 ORDER BY seq",
        )
        .bind(user_id)
        .fetch_all(conn)
        .await)?;
        Ok(rows)
    }

    /// Lists every audit entry, oldest first.
    pub async fn audit_entries(&self) -> Result<Vec<StoredEvent>> {
        let mut tx = self.db.begin_read().await?;
        let rows = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, seq, occurred_at, actor_id, action, subject_user_id, application_id, details, prev_hash, hash
             FROM audit_log ORDER BY seq",
        )
        .fetch_all(conn)
        .await)?;
        Ok(rows)
    }
}

/// Entries shown to the person on "Кто просматривал мои данные".
const ACCESS_LOG_LIMIT: i64 = 500;

#[derive(sqlx::FromRow)]
struct AccessRow {
    occurred_at: DateTime<Utc>,
    action: String,
    role: String,
    department_ru: Option<String>,
    department_en: Option<String>,
    application_id: Option<Uuid>,
    application_number: Option<String>,
}

impl Core {
    /// What staff did with the person's data, newest first: who (role and department),
    /// when, and for which application. Their own actions and those of the database
    /// are left out.
    pub async fn data_access_log(
        &self,
        actor: &crate::Actor,
        locale: kabinet_shared::Locale,
    ) -> Result<Vec<kabinet_shared::model::DataAccessView>> {
        self.data_access_entries(actor, locale, ACCESS_LOG_LIMIT)
            .await
    }

    /// The newest `limit` entries of [`Core::data_access_log`].
    pub(crate) async fn data_access_entries(
        &self,
        actor: &crate::Actor,
        locale: kabinet_shared::Locale,
        limit: i64,
    ) -> Result<Vec<kabinet_shared::model::DataAccessView>> {
        use kabinet_shared::model::{DataAccessView, Role};

        let mut tx = self.db.begin_read().await?;
        let rows: Vec<AccessRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT a.occurred_at, a.action, u.role, d.name_ru AS department_ru, d.name_en AS department_en,
                    a.application_id, p.number AS application_number
             FROM audit_log a
             JOIN users u ON u.id = a.actor_id
             LEFT JOIN departments d ON d.code = u.department_code
             LEFT JOIN applications p ON p.id = a.application_id
             WHERE a.subject_user_id = $1 AND a.actor_id <> $1
             ORDER BY a.seq DESC
             LIMIT $2",
        )
        .bind(actor.user_id)
        .bind(limit)
        .fetch_all(conn)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|row| DataAccessView {
                at: crate::time::local(row.occurred_at, &actor.time_zone),
                role: Role::parse(&row.role).unwrap_or(Role::Official),
                department: match locale {
                    kabinet_shared::Locale::En => row.department_en,
                    _ => row.department_ru,
                },
                action: row.action,
                application_id: row.application_id,
                application_number: row
                    .application_number
                    .as_deref()
                    .map(crate::applications::display_number),
            })
            .collect())
    }
}
