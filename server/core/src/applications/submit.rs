//! Submitting an application with its documents.
//!
//! Files are checked and kept as soon as they arrive, even when the rest of the form has
//! errors, so a form shown again asks only for what was wrong. A repeated submission with
//! the same request key (a double click, a resent form) returns the application made by
//! the first one instead of making another.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use kabinet_shared::model::{ApplicationStatus, HistoryStatus, Role, StagedFile};
use kabinet_shared::notify::Category;
use kabinet_shared::service::{Applicant, ServiceDefinition, validate_answers};
use kabinet_shared::validate::application_number::ApplicationNumber;
use kabinet_shared::{FieldErrors, Message};
use rand::Rng;
use uuid::Uuid;

use super::{record_blob, seal_answers, stored_file_name};
use crate::db::{Tx, unique_violation};
use crate::error::{Error, Result};
use crate::files::check_upload;
use crate::history::{self, Entry, Kind};
use crate::notifications::{self, NewNotification};
use crate::{Actor, Core, execute, on_conn, time};

/// A file as it arrived with the form.
#[derive(Clone, Debug)]
pub struct FileUpload {
    pub document_code: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Everything the application form posts.
#[derive(Clone, Debug, Default)]
pub struct Submission {
    pub service_code: String,
    /// A random key the form page generated; the same key never makes two applications.
    pub request_key: String,
    pub answers: BTreeMap<String, String>,
    pub uploads: Vec<FileUpload>,
    /// Staged files the person removed from the form.
    pub remove_staged: Vec<Uuid>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    pub id: Uuid,
    pub number: ApplicationNumber,
}

/// The form field that carries the files of a document.
pub fn document_field(code: &str) -> String {
    format!("doc_{code}")
}

/// Longest file name kept, in characters.
pub(super) const FILE_NAME_MAX_CHARS: usize = 200;

/// One application of a submission, before it is inserted.
struct NewApplication<'a> {
    id: Uuid,
    /// The same for every application of one form.
    submitted_at: DateTime<Utc>,
    /// The id of the first application made by the same form, when it made several.
    batch_id: Option<Uuid>,
    request_key: &'a str,
    answers: &'a BTreeMap<String, String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct StagedRow {
    id: Uuid,
    document_code: String,
    blob_key: String,
    file_name: String,
    content_type: String,
    size: i64,
}

impl Core {
    /// Submits an application. Errors in answers or files come back as
    /// [`Error::Invalid`], keyed by field name (`doc_<code>` for documents).
    pub async fn submit_application(
        &self,
        actor: &Actor,
        submission: Submission,
    ) -> Result<Submitted> {
        if !is_request_key(&submission.request_key) {
            return Err(Error::rejected("error-form-expired"));
        }
        if let Some(existing) = self
            .application_by_request(actor, &submission.request_key)
            .await?
        {
            return Ok(existing);
        }
        let (version, service) = self
            .service(&submission.service_code)
            .await?
            .ok_or(Error::NotFound)?;
        if actor.role != Role::Citizen || !service.applicants.contains(&Applicant::Citizen) {
            return Err(Error::Forbidden);
        }

        let mut errors = self.stage_files(actor, &service, &submission).await?;
        self.unstage_files(actor, &submission.request_key, &submission.remove_staged)
            .await?;

        let today = time::today(self.clock.now(), &actor.time_zone);
        let answers = match validate_answers(&service, &submission.answers, today) {
            Ok(answers) => Some(answers),
            Err(answer_errors) => {
                for error in answer_errors.0 {
                    errors.add(error.field, error.message);
                }
                None
            }
        };
        let staged = self.staged_rows(actor, &submission.request_key).await?;
        check_documents(&service, &staged, &mut errors);
        let Some(answers) = answers.filter(|_| errors.is_empty()) else {
            // A concurrent submission of the same form may have just taken the staged files
            // into its application; then that application is the answer.
            if let Some(existing) = self
                .application_by_request(actor, &submission.request_key)
                .await?
            {
                return Ok(existing);
            }
            return Err(Error::Invalid(errors));
        };

        match self
            .insert_application(
                actor,
                &service,
                version,
                &submission.request_key,
                &answers,
                &staged,
            )
            .await
        {
            Err(Error::Database(error))
                if unique_violation(&error).as_deref()
                    == Some("applications_user_id_request_key_key") =>
            {
                self.application_by_request(actor, &submission.request_key)
                    .await?
                    .ok_or(Error::Database(error))
            }
            result => result,
        }
    }

    /// Files already accepted for the form with `request_key`.
    pub async fn staged_files(&self, actor: &Actor, request_key: &str) -> Result<Vec<StagedFile>> {
        Ok(self
            .staged_rows(actor, request_key)
            .await?
            .into_iter()
            .map(|row| StagedFile {
                id: row.id,
                document_code: row.document_code,
                file_name: row.file_name,
                size: u64::try_from(row.size).unwrap_or(0),
            })
            .collect())
    }

    async fn application_by_request(
        &self,
        actor: &Actor,
        request_key: &str,
    ) -> Result<Option<Submitted>> {
        let mut tx = self.db.begin_read().await?;
        let row: Option<(Uuid, String)> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, number FROM applications WHERE user_id = $1 AND request_key = $2",
        )
        .bind(actor.user_id)
        .bind(request_key)
        .fetch_optional(conn)
        .await)?;
        row.map(|(id, number)| {
            let number = ApplicationNumber::parse(&number).map_err(|_| {
                Error::Internal(format!("stored application number of {id} is malformed"))
            })?;
            Ok(Submitted { id, number })
        })
        .transpose()
    }

    /// Checks and stores each uploaded file; a bad file becomes an error on its document.
    pub(super) async fn stage_files(
        &self,
        actor: &Actor,
        service: &ServiceDefinition,
        submission: &Submission,
    ) -> Result<FieldErrors> {
        let mut errors = FieldErrors::new();
        for upload in &submission.uploads {
            let field = document_field(&upload.document_code);
            if service.document(&upload.document_code).is_none() {
                continue;
            }
            let checked =
                match check_upload(&self.keys, &upload.bytes, self.settings.upload_max_bytes) {
                    Ok(checked) => checked,
                    Err(message) => {
                        errors.add(&field, message.arg("file", &upload.file_name));
                        continue;
                    }
                };
            self.files
                .put(&self.keys, &checked.key, &upload.bytes)
                .await?;

            let now = self.clock.now();
            let file_name = stored_file_name(&upload.file_name);
            let size = i64::try_from(checked.size).expect("uploads are limited far below i64::MAX");
            let mut tx = self.db.begin().await?;
            record_blob(&mut tx, &checked, now).await?;
            execute!(&mut tx, sqlx::query(
                "INSERT INTO staged_uploads (id, user_id, request_key, document_code, blob_key, file_name, content_type, size, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 ON CONFLICT (user_id, request_key, document_code, blob_key) DO NOTHING",
            )
            .bind(Uuid::now_v7())
            .bind(actor.user_id)
            .bind(&submission.request_key)
            .bind(&upload.document_code)
            .bind(&checked.key)
            .bind(file_name)
            .bind(checked.content_type)
            .bind(size)
            .bind(now))?;
            tx.commit().await?;
        }
        Ok(errors)
    }

    pub(super) async fn unstage_files(
        &self,
        actor: &Actor,
        request_key: &str,
        ids: &[Uuid],
    ) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let mut tx = self.db.begin().await?;
        for id in ids {
            execute!(
                &mut tx,
                sqlx::query(
                    "DELETE FROM staged_uploads WHERE id = $1 AND user_id = $2 AND request_key = $3"
                )
                .bind(id)
                .bind(actor.user_id)
                .bind(request_key)
            )?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn staged_rows(
        &self,
        actor: &Actor,
        request_key: &str,
    ) -> Result<Vec<StagedRow>> {
        let mut tx = self.db.begin_read().await?;
        let rows = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, document_code, blob_key, file_name, content_type, size FROM staged_uploads
             WHERE user_id = $1 AND request_key = $2 ORDER BY created_at, id",
        )
        .bind(actor.user_id)
        .bind(request_key)
        .fetch_all(conn)
        .await)?;
        Ok(rows)
    }

    /// Inserts the application, or one application per item when the form has a group
    /// that makes an application per item, with their documents, history entries and
    /// notifications, in one transaction. Returns the first application.
    async fn insert_application(
        &self,
        actor: &Actor,
        service: &ServiceDefinition,
        version: i32,
        request_key: &str,
        answers: &BTreeMap<String, String>,
        staged: &[StagedRow],
    ) -> Result<Submitted> {
        let now = self.clock.now();
        let per_item = service.split_per_item(answers);
        let mut tx = self.db.begin().await?;
        let ids: Vec<Uuid> = per_item.iter().map(|_| Uuid::now_v7()).collect();
        let batch_id = (ids.len() > 1).then(|| ids[0]);
        let mut made: Vec<Submitted> = Vec::with_capacity(per_item.len());
        for (index, (answers, id)) in per_item.iter().zip(&ids).enumerate() {
            // The first application keeps the form's key, so a repeated submission finds
            // it, and the unique keys of the others follow from it.
            let key = match index {
                0 => request_key.to_string(),
                _ => format!("{request_key}.{}", index + 1),
            };
            let application = NewApplication {
                id: *id,
                submitted_at: now,
                batch_id,
                request_key: &key,
                answers,
            };
            made.push(
                self.insert_one(&mut tx, actor, service, version, application, staged)
                    .await?,
            );
        }
        execute!(
            &mut tx,
            sqlx::query("DELETE FROM staged_uploads WHERE user_id = $1 AND request_key = $2")
                .bind(actor.user_id)
                .bind(request_key)
        )?;
        super::drafts::remove_sent_draft(&mut tx, actor.user_id, request_key).await?;
        tx.commit().await?;

        for submitted in &made {
            tracing::info!(application.id = %submitted.id, user.id = %actor.user_id, service.code = %service.code, "application submitted");
        }
        Ok(made.swap_remove(0))
    }

    /// Inserts one application with its first status, documents, history entries and
    /// notification.
    async fn insert_one(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        service: &ServiceDefinition,
        version: i32,
        application: NewApplication<'_>,
        staged: &[StagedRow],
    ) -> Result<Submitted> {
        let NewApplication {
            id,
            submitted_at: now,
            batch_id,
            request_key,
            answers,
        } = application;
        let number = unused_number(tx).await?;

        execute!(&mut *tx, sqlx::query(
            "INSERT INTO applications (id, number, user_id, service_code, service_version, department_code, status,
                                       answers_enc, request_key, created_at, updated_at, due_on, batch_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12)",
        )
        .bind(id)
        .bind(number.as_str())
        .bind(actor.user_id)
        .bind(&service.code)
        .bind(version)
        .bind(&service.department)
        .bind(ApplicationStatus::Submitted.code())
        .bind(seal_answers(&self.keys.data, id, answers)?)
        .bind(request_key)
        .bind(now)
        .bind(self.due_on(now, service.processing_days))
        .bind(batch_id))?;

        execute!(&mut *tx, sqlx::query(
            "INSERT INTO application_events (id, application_id, occurred_at, status, actor_id) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(Uuid::now_v7())
        .bind(id)
        .bind(now)
        .bind(ApplicationStatus::Submitted.code())
        .bind(actor.user_id))?;

        let mut documents = Vec::with_capacity(staged.len());
        for file in staged {
            let document_id = Uuid::now_v7();
            documents.push((document_id, file.file_name.clone()));
            execute!(&mut *tx, sqlx::query(
                "INSERT INTO application_documents (id, application_id, document_code, blob_key, file_name, content_type, size, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(document_id)
            .bind(id)
            .bind(&file.document_code)
            .bind(&file.blob_key)
            .bind(&file.file_name)
            .bind(&file.content_type)
            .bind(file.size)
            .bind(now))?;
        }

        let mut entry = Entry::new(
            actor.user_id,
            Kind::ApplicationSubmitted,
            HistoryStatus::Succeeded,
        )
        .application(id)
        .service(&service.code)
        .detail("number", number.to_string())
        .detail("service", &service.code);
        for (document_id, file_name) in &documents {
            entry = entry.attachment(*document_id, file_name);
        }
        history::record(tx, now, entry).await?;
        for (document_id, file_name) in &documents {
            let entry = Entry::new(
                actor.user_id,
                Kind::DocumentAttached,
                HistoryStatus::Succeeded,
            )
            .application(id)
            .service(&service.code)
            .attachment(*document_id, file_name)
            .detail("number", number.to_string())
            .detail("file", file_name);
            history::record(tx, now, entry).await?;
        }
        let notification = NewNotification {
            user_id: actor.user_id,
            kind: "application_submitted",
            category: Category::of_service(service.category),
            args: BTreeMap::from([("number".to_string(), number.to_string())]),
            application_id: Some(id),
        };
        notifications::create(tx, now, &self.settings.public_url, notification).await?;
        Ok(Submitted { id, number })
    }
}

/// Adds an error to each document that is missing or has too many files.
pub(super) fn check_documents(
    service: &ServiceDefinition,
    staged: &[StagedRow],
    errors: &mut FieldErrors,
) {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for file in staged {
        *counts.entry(file.document_code.as_str()).or_default() += 1;
    }
    for document in &service.documents {
        let count = counts.get(document.code.as_str()).copied().unwrap_or(0);
        let field = document_field(&document.code);
        if document.required && count == 0 {
            errors.add(&field, Message::new("error-document-required"));
        } else if count > document.max_files {
            errors.add(
                &field,
                Message::new("error-document-too-many").arg("max", document.max_files),
            );
        }
    }
}

/// Draws application numbers until one is free.
///
/// NOTE: two transactions drawing the same number at once (odds about 1 in 10^9 per pair)
/// would make the later insert fail on the unique index instead of drawing again.
async fn unused_number(tx: &mut Tx) -> Result<ApplicationNumber> {
    loop {
        let number = ApplicationNumber::from_payload(rand::rng().random_range(0..1_000_000_000));
        let taken: Option<i32> = on_conn!(&mut *tx, conn => sqlx::query_scalar("SELECT 1 FROM applications WHERE number = $1")
            .bind(number.as_str())
            .fetch_optional(conn)
            .await)?;
        if taken.is_none() {
            return Ok(number);
        }
    }
}

/// Request keys are UUIDs generated by the form page.
pub(super) fn is_request_key(key: &str) -> bool {
    Uuid::parse_str(key).is_ok()
}
