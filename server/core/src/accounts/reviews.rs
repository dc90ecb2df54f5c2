//! "Проверка документов": a new passport or SNILS takes effect only after an operator
//! compares it with its scan.
//!
//! The owner sends the details and a scan after a fresh step-up, and the profile keeps the
//! old document until an operator (a support specialist or an administrator) approves. A
//! rejection carries a reason that the owner reads. Each time an operator opens a
//! submission or its scan, the audit log records it for the owner's access page.

use chrono::{DateTime, Utc};
use kabinet_shared::forms::{PassportForm, SnilsForm};
use kabinet_shared::model::{
    HistoryStatus, ReviewDetail, ReviewState, ReviewStatus, ReviewSummary, ReviewedDocument, Role,
};
use kabinet_shared::{FieldErrors, Message};
use uuid::Uuid;

use super::alerts::{self, Alert};
use super::profile::{seal_json, store_documents, stored_documents};
use super::{SessionUser, full_name, snils_context, user_by_id};
use crate::applications::FileUpload;
use crate::audit::{self, Action};
use crate::crypto::{open, open_text, seal};
use crate::db::Tx;
use crate::db::unique_violation;
use crate::error::{Error, Result};
use crate::files::check_upload;
use crate::history::{self, Entry, Kind};
use crate::{Actor, Core, execute, on_conn, time};

/// Most submissions the queue lists at once, oldest first.
const QUEUE_LIMIT: i64 = 200;

fn details_context(id: Uuid) -> Vec<u8> {
    format!("document_reviews.details:{id}").into_bytes()
}

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: Uuid,
    user_id: Uuid,
    kind: String,
    details_enc: Vec<u8>,
    scan_key: String,
    scan_type: String,
    status: String,
    reason: Option<String>,
    created_at: DateTime<Utc>,
    decided_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    id: Uuid,
    kind: String,
    created_at: DateTime<Utc>,
    surname: String,
    given_name: String,
    patronymic: Option<String>,
}

const REVIEW_COLUMNS: &str =
    "id, user_id, kind, details_enc, scan_key, scan_type, status, reason, created_at, decided_at";

fn is_operator(actor: &Actor) -> bool {
    matches!(actor.role, Role::Support | Role::Admin)
}

impl Core {
    /// Sends a new passport with its scan for checking. Fails with
    /// [`Error::StepUpRequired`] without a fresh step-up, and field by field on invalid
    /// details (`passport`, …) or an unacceptable scan (`scan`). An earlier passport that
    /// still waits is replaced.
    pub async fn submit_passport(
        &self,
        session: &SessionUser,
        form: &PassportForm,
        scan: &FileUpload,
    ) -> Result<Uuid> {
        let actor = &session.actor;
        let birth_date = self.profile(actor).await?.birth_date;
        let today = time::today(self.clock.now(), &actor.time_zone);
        let details = form.validate(birth_date, today);
        self.submit_document(session, details.map(ReviewedDocument::Passport), scan)
            .await
    }

    /// Sends a new SNILS with a scan of the document for checking, like
    /// [`Core::submit_passport`]. The number is checked when it is sent and again, against
    /// the other accounts, when an operator approves it.
    pub async fn submit_snils(
        &self,
        session: &SessionUser,
        form: &SnilsForm,
        scan: &FileUpload,
    ) -> Result<Uuid> {
        self.submit_document(session, form.validate().map(ReviewedDocument::Snils), scan)
            .await
    }

    async fn submit_document(
        &self,
        session: &SessionUser,
        document: std::result::Result<ReviewedDocument, FieldErrors>,
        scan: &FileUpload,
    ) -> Result<Uuid> {
        let actor = &session.actor;
        let now = self.clock.now();
        let mut errors = match &document {
            Ok(_) => FieldErrors::new(),
            Err(errors) => errors.clone(),
        };
        let checked = if scan.bytes.is_empty() && scan.file_name.is_empty() {
            errors.add("scan", Message::new("error-scan-required"));
            None
        } else {
            errors.check(
                "scan",
                check_upload(&self.keys, &scan.bytes, self.settings.upload_max_bytes),
            )
        };
        let (Ok(document), Some(checked)) = (document, checked) else {
            return Err(Error::Invalid(errors));
        };
        self.require_step_up(session)?;

        self.files
            .put(&self.keys, &checked.key, &scan.bytes)
            .await?;
        let id = Uuid::now_v7();
        let kind = document.kind();
        let mut tx = self.db.begin().await?;
        execute!(
            &mut tx,
            sqlx::query(
                "UPDATE document_reviews SET status = 'replaced', decided_at = $1
             WHERE user_id = $2 AND kind = $3 AND status = 'pending'",
            )
            .bind(now)
            .bind(actor.user_id)
            .bind(kind)
        )?;
        execute!(&mut tx, sqlx::query(
            "INSERT INTO document_reviews (id, user_id, kind, details_enc, scan_key, scan_type, status, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)",
        )
        .bind(id)
        .bind(actor.user_id)
        .bind(kind)
        .bind(seal_json(&self.keys.data, &details_context(id), &document)?)
        .bind(&checked.key)
        .bind(checked.content_type)
        .bind(now))?;
        let entry = Entry::new(
            actor.user_id,
            Kind::ProfileChange,
            HistoryStatus::InProgress,
        )
        .detail("section", section_of(kind))
        .detail("fields", kind);
        history::record(&mut tx, now, entry).await?;
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, review.id = %id, review.kind = kind, "document sent for checking");
        Ok(id)
    }

    /// Returns the owner's latest submission of `kind` (`passport` or `snils`), if any.
    pub(crate) async fn latest_review(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        kind: &str,
    ) -> Result<Option<ReviewState>> {
        let sql = format!(
            "SELECT {REVIEW_COLUMNS} FROM document_reviews
             WHERE user_id = $1 AND kind = $2 AND status <> 'replaced'
             ORDER BY created_at DESC LIMIT 1"
        );
        let row: Option<ReviewRow> = on_conn!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(actor.user_id)
            .bind(kind)
            .fetch_optional(conn)
            .await)?;
        let Some(row) = row else {
            return Ok(None);
        };
        Ok(Some(ReviewState {
            status: ReviewStatus::parse(&row.status).unwrap_or(ReviewStatus::Pending),
            submitted_at: time::local(row.created_at, &actor.time_zone),
            decided_at: row.decided_at.map(|at| time::local(at, &actor.time_zone)),
            reason: row.reason.clone(),
            document: self.open_details(&row)?,
        }))
    }

    /// Submissions waiting for an operator, oldest first.
    pub async fn review_queue(&self, actor: &Actor) -> Result<Vec<ReviewSummary>> {
        if !is_operator(actor) {
            return Err(Error::Forbidden);
        }
        let mut tx = self.db.begin_read().await?;
        let rows: Vec<QueueRow> = on_conn!(&mut tx, conn => sqlx::query_as(
                "SELECT r.id, r.kind, r.created_at, u.surname, u.given_name, u.patronymic
                 FROM document_reviews r JOIN users u ON u.id = r.user_id
                 WHERE r.status = 'pending'
                 ORDER BY r.created_at, r.id
                 LIMIT $1",
            )
            .bind(QUEUE_LIMIT)
            .fetch_all(conn)
            .await)?;
        Ok(rows
            .into_iter()
            .map(|row| ReviewSummary {
                id: row.id,
                kind: row.kind,
                applicant: full_name(&row.surname, &row.given_name, row.patronymic.as_deref()),
                submitted_at: time::local(row.created_at, &actor.time_zone),
            })
            .collect())
    }

    /// Returns one submission for an operator, with the passport in the profile now. The
    /// view is written to the audit log.
    pub async fn review(&self, actor: &Actor, id: Uuid) -> Result<ReviewDetail> {
        if !is_operator(actor) {
            return Err(Error::Forbidden);
        }
        let mut tx = self.db.begin().await?;
        let row = review_row(&mut tx, id).await?;
        let owner = user_by_id(&mut tx, row.user_id)
            .await?
            .ok_or(Error::NotFound)?;
        let current = match row.kind.as_str() {
            "snils" => owner
                .snils_enc
                .as_deref()
                .map(|sealed| open_text(&self.keys.data, &snils_context(owner.id), sealed))
                .transpose()?
                .map(ReviewedDocument::Snils),
            _ => stored_documents(&self.keys.data, &mut tx, row.user_id)
                .await?
                .passport
                .map(ReviewedDocument::Passport),
        };
        let detail = ReviewDetail {
            id: row.id,
            applicant: full_name(
                &owner.surname,
                &owner.given_name,
                owner.patronymic.as_deref(),
            ),
            birth_date: owner.birth_date,
            status: ReviewStatus::parse(&row.status).unwrap_or(ReviewStatus::Pending),
            submitted_at: time::local(row.created_at, &actor.time_zone),
            submitted: self.open_details(&row)?,
            current,
            scan_type: row.scan_type.clone(),
        };
        let event = audit::Event::new(Action::DocumentReviewViewed, Some(actor.user_id))
            .subject(row.user_id)
            .detail("review_id", id.to_string());
        audit::record(&mut tx, self.clock.now(), event).await?;
        tx.commit().await?;
        Ok(detail)
    }

    /// Returns the scan of a submission for an operator, with its media type. The download
    /// is written to the audit log.
    pub async fn review_scan(&self, actor: &Actor, id: Uuid) -> Result<(Vec<u8>, String)> {
        if !is_operator(actor) {
            return Err(Error::Forbidden);
        }
        let mut tx = self.db.begin().await?;
        let row = review_row(&mut tx, id).await?;
        let bytes = self.files.get(&self.keys, &row.scan_key).await?;
        let event = audit::Event::new(Action::DocumentReviewScanViewed, Some(actor.user_id))
            .subject(row.user_id)
            .detail("review_id", id.to_string());
        audit::record(&mut tx, self.clock.now(), event).await?;
        tx.commit().await?;
        Ok((bytes, row.scan_type))
    }

    /// Approves a submission, which puts the document into the owner's profile, or rejects
    /// it with `reason`, which the owner reads. The profile change, the journal entry, the
    /// audit entry and the owner's notice are written in one transaction. Fails with
    /// `error-review-decided` when another operator decided first.
    pub async fn decide_review(
        &self,
        actor: &Actor,
        id: Uuid,
        approve: bool,
        reason: &str,
    ) -> Result<()> {
        if !is_operator(actor) {
            return Err(Error::Forbidden);
        }
        let reason = reason.trim();
        if !approve && reason.is_empty() {
            return Err(Error::field(
                "reason",
                Message::new("error-reason-required"),
            ));
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let row = review_row(&mut tx, id).await?;
        let status = if approve { "approved" } else { "rejected" };
        let decided = execute!(&mut tx, sqlx::query(
            "UPDATE document_reviews SET status = $1, reason = $2, reviewer_id = $3, decided_at = $4
             WHERE id = $5 AND status = 'pending'",
        )
        .bind(status)
        .bind((!approve).then_some(reason))
        .bind(actor.user_id)
        .bind(now)
        .bind(id))?;
        if decided == 0 {
            return Err(Error::rejected("error-review-decided"));
        }

        if approve {
            match self.open_details(&row)? {
                ReviewedDocument::Passport(passport) => {
                    let mut documents =
                        stored_documents(&self.keys.data, &mut tx, row.user_id).await?;
                    documents.passport = Some(passport);
                    store_documents(&self.keys.data, &mut tx, row.user_id, &documents, now).await?;
                }
                ReviewedDocument::Snils(digits) => {
                    let updated = execute!(&mut tx, sqlx::query(
                        "UPDATE users SET snils_index = $1, snils_enc = $2, updated_at = $3 WHERE id = $4",
                    )
                    .bind(self.snils_index(&digits))
                    .bind(seal(&self.keys.data, &snils_context(row.user_id), digits.as_bytes()))
                    .bind(now)
                    .bind(row.user_id));
                    if let Err(error) = updated {
                        return Err(match unique_violation(&error).as_deref() {
                            Some("users_snils_index_key") => Error::rejected("error-snils-taken"),
                            _ => error.into(),
                        });
                    }
                }
            }
        }
        let (entry_status, alert) = if approve {
            (HistoryStatus::Succeeded, Alert::DocumentApproved)
        } else {
            (HistoryStatus::Failed, Alert::DocumentRejected)
        };
        let mut entry = Entry::new(row.user_id, Kind::ProfileChange, entry_status)
            .detail("section", section_of(&row.kind))
            .detail("fields", row.kind.as_str())
            .actor(actor.user_id);
        if !approve {
            entry = entry.comment(Some(reason));
        }
        history::record(&mut tx, now, entry).await?;
        let event = audit::Event::new(Action::DocumentReviewDecided, Some(actor.user_id))
            .subject(row.user_id)
            .detail("review_id", id.to_string())
            .detail("status", status);
        audit::record(&mut tx, now, event).await?;
        let owner = user_by_id(&mut tx, row.user_id)
            .await?
            .ok_or(Error::NotFound)?;
        alerts::send(&mut tx, now, &self.settings.public_url, &owner, alert, &[]).await?;
        tx.commit().await?;
        tracing::info!(review.id = %id, operator.id = %actor.user_id, status, "document checked");
        Ok(())
    }

    fn open_details(&self, row: &ReviewRow) -> Result<ReviewedDocument> {
        let plain = open(&self.keys.data, &details_context(row.id), &row.details_enc)?;
        Ok(serde_json::from_slice(&plain)?)
    }
}

/// The profile section a document of `kind` belongs to, for the journal.
fn section_of(kind: &str) -> &'static str {
    match kind {
        "snils" => "personal",
        _ => "documents",
    }
}

async fn review_row(tx: &mut Tx, id: Uuid) -> Result<ReviewRow> {
    let sql = format!("SELECT {REVIEW_COLUMNS} FROM document_reviews WHERE id = $1");
    let row: Option<ReviewRow> = on_conn!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(conn)
        .await)?;
    row.ok_or(Error::NotFound)
}
