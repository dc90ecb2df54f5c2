//! The officials' queue, decisions and hand-overs.

use kabinet_shared::applications::QueueQuery;
use kabinet_shared::model::QueueListing;
use leptos::prelude::*;
use server_fn::codec::{MultipartData, MultipartFormData};

use super::{AppError, FormReply};

/// The flash name of the review page's forms.
pub const REVIEW_FORM: &str = "review";
/// The flash name of the queue's bulk form.
pub const QUEUE_FORM: &str = "queue";

/// One page of the department's queue for a filter; an invalid filter returns its errors
/// and no page.
#[server(endpoint = "queue")]
pub async fn get_queue(query: QueueQuery) -> Result<QueueListing, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let colleagues = core.colleagues(&user.actor).await.map_err(ssr::app_error)?;
    let is_head = core
        .is_department_head(&user.actor)
        .await
        .map_err(ssr::app_error)?;
    let filter = match query.parse() {
        Ok(filter) => filter,
        Err(errors) => {
            return Ok(QueueListing {
                page: None,
                errors,
                colleagues,
                is_head,
            });
        }
    };
    let page = core
        .department_queue(&user.actor, &filter, ssr::locale())
        .await
        .map_err(ssr::app_error)?;
    Ok(QueueListing {
        page: Some(page),
        errors: Vec::new(),
        colleagues,
        is_head,
    })
}

/// The review page of application `id`, where its forms return.
#[cfg(feature = "ssr")]
fn review_page(id: &str) -> String {
    format!("/official/applications/{}", crate::ssr::encode_query(id))
}

#[server(endpoint = "take")]
pub async fn take_application(id: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let back = review_page(&id);
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let outcome = ssr::core()
        .take_application(&user.actor, id)
        .await
        .map(|()| Success::Redirect(back.clone()));
    ssr::finish_form(REVIEW_FORM, &back, &(), outcome).await
}

/// Sets a new status; a refusal names its ground from the list in `reason`, and a
/// completion may carry result documents in `result_files`. A multipart post, the same
/// with and without JavaScript, because it may carry files.
#[server(endpoint = "change_status", input = MultipartFormData)]
pub async fn change_status(data: MultipartData) -> Result<FormReply, AppError> {
    use crate::api::applications::multipart;
    use crate::ssr::{self, Success};
    use kabinet_core::applications::FileUpload;
    use kabinet_shared::Message;
    use kabinet_shared::model::ApplicationStatus;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let mut fields = std::collections::BTreeMap::new();
    let mut files = Vec::new();
    for part in multipart::parts(data, core.settings.upload_max_bytes).await? {
        match (part.name.as_str(), part.file_name) {
            // A file input left empty still sends a part without a name or bytes.
            ("result_files", Some(file_name))
                if !(file_name.is_empty() && part.bytes.is_empty()) =>
            {
                files.push(FileUpload {
                    document_code: String::new(),
                    file_name,
                    bytes: part.bytes,
                });
            }
            (name @ ("id" | "status" | "reason" | "comment"), None) => {
                fields.insert(
                    name.to_string(),
                    String::from_utf8_lossy(&part.bytes).into_owned(),
                );
            }
            _ => {}
        }
    }
    let id = fields.remove("id").unwrap_or_default();
    let back = review_page(&id);
    let application_id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
    let (status, reason, comment) = (field("status"), field("reason"), field("comment"));
    let Some(status) = ApplicationStatus::parse(&status) else {
        let outcome = Err(kabinet_core::Error::field(
            "status",
            Message::new("error-choice"),
        ));
        return ssr::finish_form(REVIEW_FORM, &back, &fields, outcome).await;
    };
    let outcome = core
        .decide_application_with_results(
            &user.actor,
            application_id,
            status,
            &reason,
            &comment,
            &files,
        )
        .await
        .map(|()| Success::Redirect(format!("{back}?changed=1")));
    ssr::finish_form(REVIEW_FORM, &back, &fields, outcome).await
}

/// Gives an application the official has taken back to the department's queue.
#[server(endpoint = "return_application")]
pub async fn return_application(id: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let back = review_page(&id);
    let application_id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let outcome = ssr::core()
        .return_application(&user.actor, application_id, "")
        .await
        .map(|()| Success::Redirect(format!("{back}?returned=1")));
    ssr::finish_form(REVIEW_FORM, &back, &(), outcome).await
}

/// Hands an application to the colleague `assignee` with an optional note.
#[server(endpoint = "reassign_application")]
pub async fn reassign_application(
    id: String,
    #[server(default)] assignee: String,
    #[server(default)] note: String,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let back = review_page(&id);
    let values = std::collections::BTreeMap::from([
        ("assignee".to_string(), assignee.clone()),
        ("note".to_string(), note.clone()),
    ]);
    let application_id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let outcome = match uuid::Uuid::parse_str(assignee.trim()) {
        Ok(to) => ssr::core()
            .reassign_application(&user.actor, application_id, to, &note)
            .await
            .map_err(note_field)
            .map(|()| Success::Redirect(format!("{back}?reassigned=1"))),
        Err(_) => Err(kabinet_core::Error::field(
            "assignee",
            Message::new("error-choice"),
        )),
    };
    ssr::finish_form(REVIEW_FORM, &back, &values, outcome).await
}

/// Moves an error about the comment to the hand-over form's `note` field.
#[cfg(feature = "ssr")]
fn note_field(error: kabinet_core::Error) -> kabinet_core::Error {
    match error {
        kabinet_core::Error::Invalid(mut errors) => {
            for error in &mut errors.0 {
                if error.field == "comment" {
                    error.field = "note".to_string();
                }
            }
            kabinet_core::Error::Invalid(errors)
        }
        other => other,
    }
}

/// Applies one action to the applications checked in the queue: `take`, `return`, or
/// `reassign` to `assignee`. A multipart post, because the check boxes send one `ids`
/// part each; it is the same with and without JavaScript. `back` is the queue's filter,
/// so the page returns to the list the official was looking at.
#[server(endpoint = "queue_bulk", input = MultipartFormData)]
pub async fn bulk_queue(data: MultipartData) -> Result<FormReply, AppError> {
    use crate::api::applications::multipart;
    use crate::ssr::{self, Success};
    use kabinet_core::applications::BulkAction;
    use kabinet_shared::{FieldError, FieldErrors, Message};

    /// Maximum size of a text part the form sends: an id or the queue's filter.
    const PART_MAX_BYTES: u64 = 2048;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let locale = ssr::locale();
    let mut ids = Vec::new();
    let mut action = String::new();
    let mut assignee = String::new();
    let mut filter = String::new();
    let mut unreadable_id = false;
    for part in multipart::parts(data, PART_MAX_BYTES).await? {
        let text = String::from_utf8_lossy(&part.bytes).into_owned();
        match part.name.as_str() {
            "ids" => match uuid::Uuid::parse_str(text.trim()) {
                Ok(id) => ids.push(id),
                Err(_) => unreadable_id = true,
            },
            "action" => action = text,
            "assignee" => assignee = text,
            "back" => filter = text,
            _ => {}
        }
    }
    // `back` only ever adds a query to the queue's own path.
    let back = match filter.trim() {
        "" => "/official".to_string(),
        query if query.chars().all(|c| c.is_ascii_graphic() && c != '#') => {
            format!("/official?{query}")
        }
        _ => "/official".to_string(),
    };
    let values = std::collections::BTreeMap::from([("assignee".to_string(), assignee.clone())]);

    let action = match action.as_str() {
        "take" => BulkAction::Take,
        "return" => BulkAction::Return,
        "reassign" => match uuid::Uuid::parse_str(assignee.trim()) {
            Ok(to) => BulkAction::Reassign(to),
            Err(_) => {
                let outcome = Err(kabinet_core::Error::field(
                    "assignee",
                    Message::new("error-choice"),
                ));
                return ssr::finish_form(QUEUE_FORM, &back, &values, outcome).await;
            }
        },
        _ => {
            let outcome = Err(kabinet_core::Error::field(
                "bulk",
                Message::new("error-choice"),
            ));
            return ssr::finish_form(QUEUE_FORM, &back, &values, outcome).await;
        }
    };
    if unreadable_id {
        // Ids come from the page's own check boxes, so an unreadable one is tampering.
        return Err(AppError::NotFound);
    }
    let outcome = core
        .bulk_action(&user.actor, &ids, action)
        .await
        .and_then(|outcome| {
            let done = outcome.done.len().to_string();
            if outcome.failed.is_empty() {
                let key = match action {
                    BulkAction::Take => "queue-bulk-taken",
                    BulkAction::Return => "queue-bulk-returned",
                    BulkAction::Reassign(_) => "queue-bulk-reassigned",
                };
                return Ok(Success::Stay(Message::new(key).arg("count", done)));
            }
            // Each failure names its application and reason. The reason is translated here,
            // because a message argument is inserted as it is.
            let mut errors = FieldErrors::new();
            errors.0.push(FieldError {
                field: "bulk".to_string(),
                message: Message::new("queue-bulk-partial")
                    .arg("done", done)
                    .arg("failed", outcome.failed.len()),
            });
            for (number, reason) in &outcome.failed {
                let reason = kabinet_shared::i18n::message(locale, reason);
                let message = if number.is_empty() {
                    Message::new("queue-bulk-failed-unknown").arg("reason", reason)
                } else {
                    Message::new("queue-bulk-failed")
                        .arg("number", number)
                        .arg("reason", reason)
                };
                errors.0.push(FieldError {
                    field: "bulk".to_string(),
                    message,
                });
            }
            Err(kabinet_core::Error::Invalid(errors))
        });
    ssr::finish_form(QUEUE_FORM, &back, &values, outcome).await
}
