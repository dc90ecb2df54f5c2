//! Drafts of application forms: the answers typed so far and the files already attached,
//! kept until the person sends the application or deletes the draft.
//!
//! A draft is one filling of a form, named by its request key. The same key makes its
//! submission idempotent and names its staged files, so a draft and its files come back
//! together and the application made from it removes it. Answers are kept as typed,
//! without checks, because a draft may be half done.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kabinet_shared::model::{DraftView, Role};
use kabinet_shared::service::{Applicant, ServiceDefinition, validate_answers};
use kabinet_shared::{FieldErrors, Locale, Message};
use uuid::Uuid;

use super::submit::is_request_key;
use super::{Submission, Submitted};
use crate::crypto::{open, seal};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::keys::DataKeyring;
use crate::{Actor, Core, execute, on_conn, time};

/// Maximum drafts a person keeps at once.
pub const DRAFTS_MAX: i64 = 50;

/// Maximum drafts sent together in one request.
pub const DRAFTS_SENT_TOGETHER_MAX: usize = 20;

/// The outcome of one draft among several sent together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftOutcome {
    /// The application made from the draft.
    Sent(Submitted),
    /// The draft stays, because its answers or documents have this many errors to fix in
    /// the form.
    Invalid(usize),
}

/// Longest answer kept in a draft, in characters; the form's own limits are lower.
const DRAFT_ANSWER_MAX_CHARS: usize = 10_000;

fn answers_context(draft_id: Uuid) -> Vec<u8> {
    format!("application_drafts.answers:{draft_id}").into_bytes()
}

fn seal_draft(keys: &DataKeyring, id: Uuid, answers: &BTreeMap<String, String>) -> Result<Vec<u8>> {
    Ok(seal(
        keys,
        &answers_context(id),
        &serde_json::to_vec(answers)?,
    ))
}

fn open_draft(keys: &DataKeyring, id: Uuid, sealed: &[u8]) -> Result<BTreeMap<String, String>> {
    Ok(serde_json::from_slice(&open(
        keys,
        &answers_context(id),
        sealed,
    )?)?)
}

#[derive(sqlx::FromRow)]
struct DraftRow {
    id: Uuid,
    request_key: String,
    service_code: String,
    answers_enc: Vec<u8>,
    updated_at: DateTime<Utc>,
}

/// The draft of a form filling, loaded to fill the form again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub service_code: String,
    pub answers: BTreeMap<String, String>,
}

impl Core {
    /// Saves the form as a draft: the answers as typed and the attached files. A file
    /// that fails its checks is reported on its field after the rest is saved, like on
    /// submission. Saving again replaces the answers of the same draft.
    pub async fn save_draft(&self, actor: &Actor, submission: Submission) -> Result<()> {
        if !is_request_key(&submission.request_key) {
            return Err(Error::rejected("error-form-expired"));
        }
        let (_, service) = self
            .service(&submission.service_code)
            .await?
            .ok_or(Error::NotFound)?;
        if actor.role != Role::Citizen || !service.applicants.contains(&Applicant::Citizen) {
            return Err(Error::Forbidden);
        }
        // Only the form's own fields are kept, each cut to a sane length.
        let answers: BTreeMap<String, String> = submission
            .answers
            .iter()
            .filter(|(name, value)| !value.trim().is_empty() && service.accepts(name))
            .map(|(name, value)| {
                (
                    name.clone(),
                    value.chars().take(DRAFT_ANSWER_MAX_CHARS).collect(),
                )
            })
            .collect();

        let file_errors = self.stage_files(actor, &service, &submission).await?;
        self.unstage_files(actor, &submission.request_key, &submission.remove_staged)
            .await?;

        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let sent: Option<Uuid> = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT id FROM applications WHERE user_id = $1 AND request_key = $2",
        )
        .bind(actor.user_id)
        .bind(&submission.request_key)
        .fetch_optional(conn)
        .await)?;
        if sent.is_some() {
            return Err(Error::rejected("error-draft-sent"));
        }
        let existing: Option<Uuid> = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT id FROM application_drafts WHERE user_id = $1 AND request_key = $2",
        )
        .bind(actor.user_id)
        .bind(&submission.request_key)
        .fetch_optional(conn)
        .await)?;
        match existing {
            Some(id) => {
                execute!(&mut tx, sqlx::query(
                    "UPDATE application_drafts SET answers_enc = $1, updated_at = $2 WHERE id = $3",
                )
                .bind(seal_draft(&self.keys.data, id, &answers)?)
                .bind(now)
                .bind(id))?;
            }
            None => {
                let count: i64 = on_conn!(&mut tx, conn => sqlx::query_scalar(
                    "SELECT COUNT(*) FROM application_drafts WHERE user_id = $1",
                )
                .bind(actor.user_id)
                .fetch_one(conn)
                .await)?;
                if count >= DRAFTS_MAX {
                    return Err(Error::Rejected(
                        Message::new("error-drafts-too-many").arg("max", DRAFTS_MAX),
                    ));
                }
                let id = Uuid::now_v7();
                execute!(&mut tx, sqlx::query(
                    "INSERT INTO application_drafts (id, user_id, request_key, service_code, answers_enc, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $6)",
                )
                .bind(id)
                .bind(actor.user_id)
                .bind(&submission.request_key)
                .bind(&service.code)
                .bind(seal_draft(&self.keys.data, id, &answers)?)
                .bind(now))?;
            }
        }
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, service = %service.code, "draft saved");
        if file_errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(file_errors))
        }
    }

    /// Saves a page of a form with steps as a draft, then checks the answers asked on
    /// page `step` (counting from 1), so that the person goes on only from a page without
    /// errors. Answers on other pages are checked when their page is sent, or on
    /// submission.
    pub async fn save_step(
        &self,
        actor: &Actor,
        submission: Submission,
        step: usize,
    ) -> Result<()> {
        let answers = submission.answers.clone();
        let code = submission.service_code.clone();
        self.save_draft(actor, submission).await?;
        let (_, service) = self.service(&code).await?.ok_or(Error::NotFound)?;
        let today = time::today(self.clock.now(), &actor.time_zone);
        let Err(errors) = validate_answers(&service, &answers, today) else {
            return Ok(());
        };
        let on_page = FieldErrors(
            errors
                .0
                .into_iter()
                .filter(|error| service.step_of(&error.field) == step)
                .collect(),
        );
        if on_page.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(on_page))
        }
    }

    /// Checks a whole filled form as its submission would: the answers, and the files
    /// already attached under `request_key`. Returns the answers normalised as the
    /// application would store them, or [`Error::Invalid`].
    pub async fn check_form(
        &self,
        actor: &Actor,
        service: &ServiceDefinition,
        request_key: &str,
        typed: &BTreeMap<String, String>,
    ) -> Result<BTreeMap<String, String>> {
        let today = time::today(self.clock.now(), &actor.time_zone);
        let mut errors = FieldErrors::new();
        let answers = validate_answers(service, typed, today)
            .map_err(|invalid| errors.0.extend(invalid.0))
            .ok();
        let staged = self.staged_rows(actor, request_key).await?;
        super::submit::check_documents(service, &staged, &mut errors);
        match answers {
            Some(answers) if errors.is_empty() => Ok(answers),
            _ => Err(Error::Invalid(errors)),
        }
    }

    /// Sends several of the person's drafts as applications, in the order given. Each is
    /// submitted in its own transaction, so every valid draft gets its application and
    /// number while a draft with errors stays to be fixed. Every draft is loaded before
    /// any is sent, so a draft that is not the person's stops the request before anything
    /// is sent.
    pub async fn submit_drafts(
        &self,
        actor: &Actor,
        request_keys: &[String],
    ) -> Result<Vec<(String, DraftOutcome)>> {
        let mut keys: Vec<&String> = Vec::new();
        for key in request_keys {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        if keys.is_empty() {
            return Err(Error::field("draft", Message::new("error-drafts-none")));
        }
        if keys.len() > DRAFTS_SENT_TOGETHER_MAX {
            return Err(Error::field(
                "draft",
                Message::new("error-drafts-send-too-many").arg("max", DRAFTS_SENT_TOGETHER_MAX),
            ));
        }
        let mut drafts = Vec::with_capacity(keys.len());
        for key in keys {
            drafts.push((key.clone(), self.draft(actor, key).await?));
        }

        let mut outcomes = Vec::with_capacity(drafts.len());
        for (key, draft) in drafts {
            let submission = Submission {
                service_code: draft.service_code,
                request_key: key.clone(),
                answers: draft.answers,
                ..Submission::default()
            };
            let outcome = match self.submit_application(actor, submission).await {
                Ok(submitted) => DraftOutcome::Sent(submitted),
                Err(Error::Invalid(errors)) => DraftOutcome::Invalid(errors.0.len()),
                Err(error) => return Err(error),
            };
            outcomes.push((key, outcome));
        }
        let sent = outcomes
            .iter()
            .filter(|(_, outcome)| matches!(outcome, DraftOutcome::Sent(_)))
            .count();
        tracing::info!(user.id = %actor.user_id, sent, kept = outcomes.len() - sent, "drafts sent together");
        Ok(outcomes)
    }

    /// Lists the person's drafts, the most recently saved first. A draft saved while its
    /// application was being sent can outlive it, so drafts whose application exists are
    /// left out.
    pub async fn drafts(&self, actor: &Actor, locale: Locale) -> Result<Vec<DraftView>> {
        let mut tx = self.db.begin_read().await?;
        let rows: Vec<DraftRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT d.id, d.request_key, d.service_code, d.answers_enc, d.updated_at
             FROM application_drafts d
             WHERE d.user_id = $1
               AND NOT EXISTS (SELECT 1 FROM applications a
                               WHERE a.user_id = d.user_id AND a.request_key = d.request_key)
             ORDER BY d.updated_at DESC, d.id DESC",
        )
        .bind(actor.user_id)
        .fetch_all(conn)
        .await)?;
        let files: Vec<(String, i64)> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT request_key, COUNT(*) FROM staged_uploads WHERE user_id = $1 GROUP BY request_key",
        )
        .bind(actor.user_id)
        .fetch_all(conn)
        .await)?;
        drop(tx);
        // Several drafts often share a service, so each title is read once.
        let mut titles: BTreeMap<String, String> = BTreeMap::new();
        let mut drafts = Vec::with_capacity(rows.len());
        for row in rows {
            let answers = open_draft(&self.keys.data, row.id, &row.answers_enc)?;
            if !titles.contains_key(&row.service_code) {
                let title = match self.service(&row.service_code).await? {
                    Some((_, service)) => service.title.get(locale).to_string(),
                    None => row.service_code.clone(),
                };
                titles.insert(row.service_code.clone(), title);
            }
            let service_title = titles[&row.service_code].clone();
            let file_count = files
                .iter()
                .find(|(key, _)| *key == row.request_key)
                .map_or(0, |(_, count)| *count);
            drafts.push(DraftView {
                request_key: row.request_key,
                service_code: row.service_code,
                service_title,
                updated_at: time::local(row.updated_at, &actor.time_zone),
                answers: u32::try_from(answers.len()).unwrap_or(u32::MAX),
                files: u32::try_from(file_count).unwrap_or(u32::MAX),
            });
        }
        Ok(drafts)
    }

    /// Loads the draft of the person's form filling `request_key`.
    pub async fn draft(&self, actor: &Actor, request_key: &str) -> Result<Draft> {
        let mut tx = self.db.begin_read().await?;
        let row: Option<DraftRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, request_key, service_code, answers_enc, updated_at FROM application_drafts
             WHERE user_id = $1 AND request_key = $2",
        )
        .bind(actor.user_id)
        .bind(request_key)
        .fetch_optional(conn)
        .await)?;
        let row = row.ok_or(Error::NotFound)?;
        Ok(Draft {
            answers: open_draft(&self.keys.data, row.id, &row.answers_enc)?,
            service_code: row.service_code,
        })
    }

    /// Deletes a draft of the person with the files attached to it.
    pub async fn delete_draft(&self, actor: &Actor, request_key: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let deleted = execute!(
            &mut tx,
            sqlx::query("DELETE FROM application_drafts WHERE user_id = $1 AND request_key = $2")
                .bind(actor.user_id)
                .bind(request_key)
        )?;
        if deleted == 0 {
            return Err(Error::NotFound);
        }
        execute!(
            &mut tx,
            sqlx::query("DELETE FROM staged_uploads WHERE user_id = $1 AND request_key = $2")
                .bind(actor.user_id)
                .bind(request_key)
        )?;
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, "draft deleted");
        Ok(())
    }
}

/// Removes the draft that an application was made from, in the application's transaction.
pub(super) async fn remove_sent_draft(tx: &mut Tx, user_id: Uuid, request_key: &str) -> Result<()> {
    execute!(
        tx,
        sqlx::query("DELETE FROM application_drafts WHERE user_id = $1 AND request_key = $2")
            .bind(user_id)
            .bind(request_key)
    )?;
    Ok(())
}
