//! Applications: submission with documents, the citizen's view and the officials' work.

mod correction;
mod dashboard;
mod deadlines;
mod decision;
mod drafts;
mod official;
mod save_back;
mod submit;
mod templates;
mod thread;
mod view;
mod withdraw;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use kabinet_shared::model::ApplicationStatus;
use uuid::Uuid;

pub use correction::CorrectionForm;
pub use decision::RESULT_MAX_FILES;
pub use drafts::{DRAFTS_MAX, DRAFTS_SENT_TOGETHER_MAX, Draft, DraftOutcome};
pub use official::{BulkAction, BulkOutcome, COMMENT_MAX_CHARS};
pub use submit::{FileUpload, Submission, Submitted, document_field};
pub use templates::{TEMPLATE_NAME_MAX_CHARS, TEMPLATES_MAX, Template};
pub use thread::{MESSAGE_MAX_CHARS, MESSAGE_MAX_FILES, NewMessage};
pub(crate) use view::display_number;

use submit::FILE_NAME_MAX_CHARS;

use crate::crypto::{open, seal};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::execute;
use crate::files::CheckedFile;
use crate::keys::DataKeyring;

#[derive(Clone, Debug, sqlx::FromRow)]
pub(crate) struct ApplicationRow {
    pub id: Uuid,
    pub number: String,
    pub user_id: Uuid,
    pub service_code: String,
    pub service_version: i32,
    pub department_code: String,
    pub status: String,
    pub answers_enc: Vec<u8>,
    pub assignee_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The processing deadline, counted on submission and again on every start.
    pub due_on: Option<NaiveDate>,
}

/// The column list of [`ApplicationRow`] for `concat!`, qualified with the alias `a`.
macro_rules! application_columns {
    () => {
        "a.id, a.number, a.user_id, a.service_code, a.service_version, a.department_code, a.status, \
         a.answers_enc, a.assignee_id, a.created_at, a.updated_at, a.due_on"
    };
}
pub(crate) use application_columns;

impl ApplicationRow {
    pub fn status(&self) -> ApplicationStatus {
        ApplicationStatus::parse(&self.status).unwrap_or(ApplicationStatus::Submitted)
    }
}

/// Answers are encrypted as a whole: they may hold passport numbers and addresses.
fn answers_context(application_id: Uuid) -> Vec<u8> {
    format!("applications.answers:{application_id}").into_bytes()
}

pub(crate) fn seal_answers(
    keys: &DataKeyring,
    id: Uuid,
    answers: &BTreeMap<String, String>,
) -> Result<Vec<u8>> {
    Ok(seal(
        keys,
        &answers_context(id),
        &serde_json::to_vec(answers)?,
    ))
}

pub(crate) fn open_answers(
    keys: &DataKeyring,
    id: Uuid,
    sealed: &[u8],
) -> Result<BTreeMap<String, String>> {
    Ok(serde_json::from_slice(&open(
        keys,
        &answers_context(id),
        sealed,
    )?)?)
}

/// A step in an application's processing: its new status and responsible official, who
/// acts and why. It becomes one line of the application's history.
pub(crate) struct Transition<'a> {
    pub status: ApplicationStatus,
    pub assignee: Option<Uuid>,
    pub actor_id: Uuid,
    pub comment: Option<&'a str>,
    /// The code of a refusal's ground in the list.
    pub reason: Option<&'a str>,
    /// Names a step other than a status change: `returned` or `reassigned`.
    pub action: Option<&'static str>,
    /// Result documents attached to a completion.
    pub results: &'a [decision::ResultFile],
}

impl<'a> Transition<'a> {
    pub fn new(status: ApplicationStatus, assignee: Option<Uuid>, actor_id: Uuid) -> Self {
        Transition {
            status,
            assignee,
            actor_id,
            comment: None,
            reason: None,
            action: None,
            results: &[],
        }
    }

    pub fn comment(mut self, comment: Option<&'a str>) -> Self {
        self.comment = comment;
        self
    }

    pub fn reason(mut self, reason: Option<&'a str>) -> Self {
        self.reason = reason;
        self
    }

    pub fn action(mut self, action: &'static str) -> Self {
        self.action = Some(action);
        self
    }

    pub fn results(mut self, results: &'a [decision::ResultFile]) -> Self {
        self.results = results;
        self
    }
}

/// Moves `row` from the status and assignee it was read with to those of `step`, and adds
/// the line of its history. The update applies only if neither has changed since, so of
/// two requests acting at once one fails with `error-application-changed`.
pub(crate) async fn change_status(
    tx: &mut Tx,
    row: &ApplicationRow,
    step: &Transition<'_>,
    at: DateTime<Utc>,
) -> Result<()> {
    let updated = match row.assignee_id {
        Some(assignee) => execute!(
            &mut *tx,
            sqlx::query(
                "UPDATE applications SET status = $1, assignee_id = $2, updated_at = $3
             WHERE id = $4 AND status = $5 AND assignee_id = $6",
            )
            .bind(step.status.code())
            .bind(step.assignee)
            .bind(at)
            .bind(row.id)
            .bind(&row.status)
            .bind(assignee)
        )?,
        None => execute!(
            &mut *tx,
            sqlx::query(
                "UPDATE applications SET status = $1, assignee_id = $2, updated_at = $3
             WHERE id = $4 AND status = $5 AND assignee_id IS NULL",
            )
            .bind(step.status.code())
            .bind(step.assignee)
            .bind(at)
            .bind(row.id)
            .bind(&row.status)
        )?,
    };
    if updated == 0 {
        return Err(Error::rejected("error-application-changed"));
    }
    execute!(&mut *tx, sqlx::query(
        "INSERT INTO application_events (id, application_id, occurred_at, status, actor_id, comment,
                                         action, assignee_id, reason_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(Uuid::now_v7())
    .bind(row.id)
    .bind(at)
    .bind(step.status.code())
    .bind(step.actor_id)
    .bind(step.comment)
    .bind(step.action)
    .bind(step.assignee)
    .bind(step.reason))?;
    Ok(())
}

/// Records the blob row of a checked file. Equal content is stored once, so a second row
/// for the same key is skipped.
pub(crate) async fn record_blob(tx: &mut Tx, file: &CheckedFile, at: DateTime<Utc>) -> Result<()> {
    let size = i64::try_from(file.size).expect("stored files are far below i64::MAX bytes");
    execute!(&mut *tx, sqlx::query(
        "INSERT INTO blobs (key, size, content_type, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING",
    )
    .bind(&file.key)
    .bind(size)
    .bind(file.content_type)
    .bind(at))?;
    Ok(())
}

/// A stored file that becomes one of an application's documents.
pub(crate) struct NewDocument<'a> {
    pub application_id: Uuid,
    /// The document's code in the service definition, or one of the portal's own codes:
    /// `decision`, `result`, `message`.
    pub code: &'a str,
    pub file: &'a CheckedFile,
    pub file_name: &'a str,
    /// The thread message the file is attached to.
    pub message_id: Option<Uuid>,
}

/// Adds a document, with its blob row, to an application in the caller's transaction.
/// Returns the document's id and its stored file name, shortened by [`stored_file_name`].
pub(crate) async fn add_document(
    tx: &mut Tx,
    document: &NewDocument<'_>,
    at: DateTime<Utc>,
) -> Result<(Uuid, String)> {
    record_blob(tx, document.file, at).await?;
    let size =
        i64::try_from(document.file.size).expect("stored files are far below i64::MAX bytes");
    let file_name = stored_file_name(document.file_name);
    let id = Uuid::now_v7();
    execute!(&mut *tx, sqlx::query(
        "INSERT INTO application_documents (id, application_id, document_code, blob_key, file_name,
             content_type, size, created_at, message_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(document.application_id)
    .bind(document.code)
    .bind(&document.file.key)
    .bind(&file_name)
    .bind(document.file.content_type)
    .bind(size)
    .bind(at)
    .bind(document.message_id))?;
    Ok((id, file_name))
}

/// Maximum length, in characters, of an extension kept when a file name is shortened.
const EXTENSION_MAX_CHARS: usize = 10;

/// Shortens a file name to at most [`FILE_NAME_MAX_CHARS`] characters. A short extension
/// (`.pdf`, `.png`) is kept and the part before it is cut, so the stored name still opens
/// with the right program.
pub(crate) fn stored_file_name(name: &str) -> String {
    if name.chars().count() <= FILE_NAME_MAX_CHARS {
        return name.to_string();
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, extension)| extension)
        .filter(|extension| {
            !extension.is_empty()
                && extension.chars().count() <= EXTENSION_MAX_CHARS
                && extension.chars().all(char::is_alphanumeric)
        });
    match extension {
        Some(extension) => {
            let stem_chars = FILE_NAME_MAX_CHARS - extension.chars().count() - 1;
            let stem: String = name.chars().take(stem_chars).collect();
            format!("{stem}.{extension}")
        }
        None => name.chars().take(FILE_NAME_MAX_CHARS).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_file_name_keeps_extension() {
        assert_eq!(stored_file_name("Справка.pdf"), "Справка.pdf");
        let exact = format!("{}.pdf", "я".repeat(FILE_NAME_MAX_CHARS - 4));
        assert_eq!(stored_file_name(&exact), exact);

        let long = format!("{}.pdf", "Справка_".repeat(40));
        let stored = stored_file_name(&long);
        assert_eq!(stored.chars().count(), FILE_NAME_MAX_CHARS);
        assert!(stored.ends_with("_Спра.pdf"), "{stored}");
        assert!(stored.starts_with("Справка_Справка_"), "{stored}");

        // No extension, or one too long to be a real one: the name is cut as it is.
        let bare = "x".repeat(FILE_NAME_MAX_CHARS + 5);
        assert_eq!(stored_file_name(&bare), "x".repeat(FILE_NAME_MAX_CHARS));
        let odd = format!("{}.{}", "a".repeat(150), "b".repeat(60));
        assert_eq!(stored_file_name(&odd).chars().count(), FILE_NAME_MAX_CHARS);
        assert!(!stored_file_name(&odd).ends_with(&"b".repeat(60)));
    }
}
