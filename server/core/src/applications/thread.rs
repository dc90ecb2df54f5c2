//! The thread of an application: messages with files between the applicant and the
//! official who took it. An applicant's message answers a request for information, so it
//! moves an application waiting for them back to "in progress".

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kabinet_shared::Message;
use kabinet_shared::model::{ApplicationStatus, DocumentView, HistoryStatus, Role, ThreadMessage};
use kabinet_shared::notify::Category;
use uuid::Uuid;

use super::view::{display_number, visible_application};
use super::{ApplicationRow, FileUpload, NewDocument, Transition, add_document, change_status};
use crate::accounts::full_name;
use crate::catalogue::department_name;
use crate::crypto::{open, seal};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::files::check_upload;
use crate::history::{self, Entry, Kind};
use crate::keys::DataKeyring;
use crate::notifications::{self, NewNotification};
use crate::{Actor, Core, execute, on_conn, time};

/// Maximum length of a message, in characters.
pub const MESSAGE_MAX_CHARS: usize = 2000;
/// Maximum files sent with one message.
pub const MESSAGE_MAX_FILES: usize = 5;
/// The document code of files sent with messages.
const MESSAGE_DOCUMENT: &str = "message";

/// A message as the form posts it.
#[derive(Clone, Debug, Default)]
pub struct NewMessage {
    pub body: String,
    pub files: Vec<FileUpload>,
}

fn body_context(message_id: Uuid) -> Vec<u8> {
    format!("application_messages.body:{message_id}").into_bytes()
}

fn seal_body(keys: &DataKeyring, id: Uuid, body: &str) -> Vec<u8> {
    seal(keys, &body_context(id), body.as_bytes())
}

fn open_body(keys: &DataKeyring, id: Uuid, sealed: &[u8]) -> Result<String> {
    let plain = open(keys, &body_context(id), sealed)?;
    String::from_utf8(plain).map_err(|_| Error::Internal(format!("message {id} is not UTF-8 text")))
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: Uuid,
    author_id: Uuid,
    body_enc: Vec<u8>,
    created_at: DateTime<Utc>,
    surname: String,
    given_name: String,
    patronymic: Option<String>,
    role: String,
    department_code: Option<String>,
}

#[derive(sqlx::FromRow)]
struct FileRow {
    id: Uuid,
    message_id: Uuid,
    file_name: String,
    content_type: String,
    size: i64,
}

impl Core {
    /// Whether `actor` may write in the thread of `row`: its applicant, or the official who
    /// took it, while it is not decided.
    pub(crate) fn can_post(actor: &Actor, row: &ApplicationRow) -> bool {
        let writer = row.user_id == actor.user_id
            || (actor.role == Role::Official && row.assignee_id == Some(actor.user_id));
        writer && !row.status().is_final()
    }

    /// Posts a message with files to the application's thread. The message, its files, the
    /// journal entry and the notification of the other side are committed together. When
    /// the applicant answers a request ("action required"), the application goes back to
    /// the official "in progress", with a line in its status history.
    pub async fn post_message(&self, actor: &Actor, id: Uuid, message: NewMessage) -> Result<()> {
        let body = message.body.trim().to_string();
        if body.chars().count() > MESSAGE_MAX_CHARS {
            return Err(Error::field(
                "body",
                Message::new("error-too-long").arg("max", MESSAGE_MAX_CHARS),
            ));
        }
        if body.is_empty() && message.files.is_empty() {
            return Err(Error::field("body", Message::new("error-message-empty")));
        }
        if message.files.len() > MESSAGE_MAX_FILES {
            return Err(Error::field(
                "files",
                Message::new("error-document-too-many").arg("max", MESSAGE_MAX_FILES),
            ));
        }
        let mut checked = Vec::with_capacity(message.files.len());
        for file in &message.files {
            match check_upload(&self.keys, &file.bytes, self.settings.upload_max_bytes) {
                Ok(ok) => checked.push((ok, file)),
                Err(problem) => {
                    return Err(Error::field("files", problem.arg("file", &file.file_name)));
                }
            }
        }

        {
            let mut tx = self.db.begin_read().await?;
            let row = visible_application(&mut tx, actor, id).await?;
            if !Self::can_post(actor, &row) {
                return Err(Error::rejected(if row.status().is_final() {
                    "error-application-closed"
                } else {
                    "error-application-not-yours"
                }));
            }
        }
        // Files are written before the transaction: a file without a row is harmless, a
        // row without its file is not. Equal content is stored once.
        for (file, upload) in &checked {
            self.files.put(&self.keys, &file.key, &upload.bytes).await?;
        }

        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let row = visible_application(&mut tx, actor, id).await?;
        if !Self::can_post(actor, &row) {
            return Err(Error::rejected("error-application-changed"));
        }
        let message_id = Uuid::now_v7();
        execute!(&mut tx, sqlx::query(
            "INSERT INTO application_messages (id, application_id, author_id, body_enc, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(message_id)
        .bind(row.id)
        .bind(actor.user_id)
        .bind(seal_body(&self.keys.data, message_id, &body))
        .bind(now))?;

        let mut attachments = Vec::with_capacity(checked.len());
        for (file, upload) in &checked {
            let document = NewDocument {
                application_id: row.id,
                code: MESSAGE_DOCUMENT,
                file,
                file_name: &upload.file_name,
                message_id: Some(message_id),
            };
            attachments.push(add_document(&mut tx, &document, now).await?);
        }

        let from_applicant = row.user_id == actor.user_id;
        let answers_request = from_applicant && row.status() == ApplicationStatus::ActionRequired;
        if answers_request {
            let status = ApplicationStatus::InProgress;
            let step = Transition::new(status, row.assignee_id, actor.user_id);
            change_status(&mut tx, &row, &step, now).await?;
        } else {
            // Guarded by the status read, so that a decision or withdrawal committed
            // meanwhile (PostgreSQL reads without locking) rejects the message.
            let updated = execute!(
                &mut tx,
                sqlx::query(
                    "UPDATE applications SET updated_at = $1 WHERE id = $2 AND status = $3"
                )
                .bind(now)
                .bind(row.id)
                .bind(&row.status)
            )?;
            if updated == 0 {
                return Err(Error::rejected("error-application-changed"));
            }
        }

        let number = display_number(&row.number);
        let mut entry = Entry::new(
            row.user_id,
            Kind::ApplicationMessage,
            HistoryStatus::Succeeded,
        )
        .application(row.id)
        .service(&row.service_code)
        .detail("number", &number);
        if !from_applicant {
            entry = entry.actor(actor.user_id);
        }
        for (document_id, file_name) in &attachments {
            entry = entry.attachment(*document_id, file_name);
        }
        history::record(&mut tx, now, entry).await?;

        // The other side is notified: the applicant of an official's message, and the
        // official who took the application of the applicant's.
        let recipient = if from_applicant {
            row.assignee_id
        } else {
            Some(row.user_id)
        };
        if let Some(recipient) = recipient {
            let service =
                crate::catalogue::service_version(&mut tx, &row.service_code, row.service_version)
                    .await?;
            let notification = NewNotification {
                user_id: recipient,
                kind: "application_message",
                category: Category::of_service(service.category),
                args: BTreeMap::from([("number".to_string(), number)]),
                application_id: Some(row.id),
            };
            notifications::create(&mut tx, now, &self.settings.public_url, notification).await?;
        }
        tx.commit().await?;
        tracing::info!(
            application.id = %id,
            user.id = %actor.user_id,
            files.count = attachments.len(),
            answered_request = answers_request,
            "application message posted"
        );
        Ok(())
    }

    /// The thread of an application, oldest message first, each with its files.
    pub(crate) async fn thread(
        &self,
        tx: &mut Tx,
        row: &ApplicationRow,
        viewer: &Actor,
        locale: kabinet_shared::Locale,
    ) -> Result<Vec<ThreadMessage>> {
        let rows: Vec<MessageRow> = on_conn!(&mut *tx, conn => sqlx::query_as(
            "SELECT m.id, m.author_id, m.body_enc, m.created_at, u.surname, u.given_name, u.patronymic,
                    u.role, u.department_code
             FROM application_messages m JOIN users u ON u.id = m.author_id
             WHERE m.application_id = $1 ORDER BY m.created_at, m.id",
        )
        .bind(row.id)
        .fetch_all(conn)
        .await)?;
        let files: Vec<FileRow> = on_conn!(&mut *tx, conn => sqlx::query_as(
            "SELECT id, message_id, file_name, content_type, size FROM application_documents
             WHERE application_id = $1 AND message_id IS NOT NULL ORDER BY created_at, id",
        )
        .bind(row.id)
        .fetch_all(conn)
        .await)?;

        let mut thread = Vec::with_capacity(rows.len());
        for message in rows {
            let from_applicant = message.author_id == row.user_id;
            let author = if from_applicant {
                None
            } else {
                let name = full_name(
                    &message.surname,
                    &message.given_name,
                    message.patronymic.as_deref(),
                );
                let department = match message.department_code.as_deref() {
                    Some(code) if message.role == Role::Official.code() => {
                        Some(department_name(tx, code, locale).await?)
                    }
                    _ => None,
                };
                Some(match department {
                    Some(department) => format!("{name}, {department}"),
                    None => name,
                })
            };
            thread.push(ThreadMessage {
                id: message.id,
                at: time::local(message.created_at, &viewer.time_zone),
                from_applicant,
                author,
                body: open_body(&self.keys.data, message.id, &message.body_enc)?,
                files: files
                    .iter()
                    .filter(|file| file.message_id == message.id)
                    .map(|file| DocumentView {
                        id: file.id,
                        title: file.file_name.clone(),
                        file_name: file.file_name.clone(),
                        content_type: file.content_type.clone(),
                        size: u64::try_from(file.size).unwrap_or(0),
                    })
                    .collect(),
            });
        }
        Ok(thread)
    }
}
