//! Applications: submission with documents, the citizen's view and the officials' work.

mod dashboard;
mod decision;
mod official;
mod save_back;
mod submit;
mod thread;
mod view;
mod withdraw;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kabinet_shared::model::ApplicationStatus;
use uuid::Uuid;

pub use submit::{FileUpload, Submission, Submitted, document_field};
pub use thread::{MESSAGE_MAX_CHARS, MESSAGE_MAX_FILES, NewMessage};
pub(crate) use view::display_number;

use crate::crypto::{open, seal};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::execute;
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
}

/// The column list of [`ApplicationRow`] for `concat!`, qualified with the alias `a`.
macro_rules! application_columns {
    () => {
        "a.id, a.number, a.user_id, a.service_code, a.service_version, a.department_code, a.status, \
         a.answers_enc, a.assignee_id, a.created_at, a.updated_at"
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

/// Moves `row` from the status it was read with to `status`, with `assignee`, and adds the
/// line of its status history. The update applies only if the status is still the one
/// read, so of two requests acting at once one fails with `error-application-changed`.
pub(crate) async fn change_status(
    tx: &mut Tx,
    row: &ApplicationRow,
    status: ApplicationStatus,
    assignee: Option<Uuid>,
    actor_id: Uuid,
    comment: Option<&str>,
    at: DateTime<Utc>,
) -> Result<()> {
    let updated = execute!(&mut *tx, sqlx::query(
        "UPDATE applications SET status = $1, assignee_id = $2, updated_at = $3 WHERE id = $4 AND status = $5",
    )
    .bind(status.code())
    .bind(assignee)
    .bind(at)
    .bind(row.id)
    .bind(&row.status))?;
    if updated == 0 {
        return Err(Error::rejected("error-application-changed"));
    }
    execute!(&mut *tx, sqlx::query(
        "INSERT INTO application_events (id, application_id, occurred_at, status, actor_id, comment)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Uuid::now_v7())
    .bind(row.id)
    .bind(at)
    .bind(status.code())
    .bind(actor_id)
    .bind(comment))?;
    Ok(())
}
