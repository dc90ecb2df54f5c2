//! Applying for a service and following one's applications.

use std::collections::BTreeMap;

use kabinet_shared::applications::ApplicationQuery;
use kabinet_shared::model::{
    ApplicationDetail, ApplicationPage, Dashboard, ResultDocument, ServiceSummary, StagedFile,
};
use kabinet_shared::query::QueryError;
use kabinet_shared::service::ServiceDefinition;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::{MultipartData, MultipartFormData};

use super::{AppError, FormReply};

/// Everything the application form needs to render.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyForm {
    pub service: ServiceDefinition,
    /// Values to show: from the profile, or what a plain post sent back with errors.
    pub values: BTreeMap<String, String>,
    /// Names of fields whose value came from the profile.
    pub prefilled: Vec<String>,
    /// Identifies this filling of the form, so that sending it twice makes one application.
    pub request_key: String,
    /// Files already accepted for this filling.
    pub staged: Vec<StagedFile>,
    /// The reply to a plain post that came back with errors.
    pub reply: Option<FormReply>,
    /// The name of the template the form was filled from.
    pub template: Option<String>,
    /// For a form with steps whose answers all pass the checks: the answers normalised as
    /// the application would store them, which the review page before sending shows.
    #[serde(default)]
    pub checked: Option<BTreeMap<String, String>>,
}

/// Returns the application form of the service `code`. With `draft` (a request key) it is
/// the person's draft. Otherwise it is a new form, filled from the person's template
/// `template` when one is given and from the profile where the template leaves a field empty.
#[server(endpoint = "apply_form")]
pub async fn get_apply_form(
    code: String,
    #[server(default)] draft: String,
    #[server(default)] template: String,
) -> Result<ApplyForm, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let (_, service) = core
        .service(&code)
        .await
        .map_err(ssr::app_error)?
        .ok_or(AppError::NotFound)?;
    // Staff accounts cannot submit, so they get no form to fill in vain.
    let may_apply = user.actor.role == kabinet_shared::model::Role::Citizen
        && service
            .applicants
            .contains(&kabinet_shared::service::Applicant::Citizen);
    if !may_apply {
        return Err(AppError::Forbidden);
    }
    let flash = ssr::take_flash(&format!("apply:{code}"))
        .await?
        .unwrap_or_default();

    let mut template_name = None;
    let (values, prefilled, request_key) = match flash.values.get("request_key") {
        Some(key) => (flash.values.clone(), Vec::new(), key.clone()),
        None if !draft.is_empty() => {
            let saved = core
                .draft(&user.actor, &draft)
                .await
                .map_err(ssr::app_error)?;
            if saved.service_code != service.code {
                return Err(AppError::NotFound);
            }
            (saved.answers, Vec::new(), draft)
        }
        None => {
            // A template made with an older version of the form keeps only the answers
            // the current form still asks.
            let mut values = BTreeMap::new();
            if !template.is_empty() {
                let id = uuid::Uuid::parse_str(&template).map_err(|_| AppError::NotFound)?;
                let saved = core
                    .template(&user.actor, id)
                    .await
                    .map_err(ssr::app_error)?;
                if saved.service_code != service.code {
                    return Err(AppError::NotFound);
                }
                values = saved
                    .answers
                    .into_iter()
                    .filter(|(name, value)| !value.is_empty() && service.accepts(name))
                    .collect();
                template_name = Some(saved.name);
            }
            let profile = core.profile(&user.actor).await.map_err(ssr::app_error)?;
            let mut prefilled = Vec::new();
            for field in &service.fields {
                if values.contains_key(&field.name) {
                    continue;
                }
                let value = field
                    .prefill
                    .and_then(|meaning| kabinet_shared::autofill::profile_value(&profile, meaning));
                if let Some(value) = value.filter(|value| !value.is_empty()) {
                    values.insert(field.name.clone(), value);
                    prefilled.push(field.name.clone());
                }
            }
            (values, prefilled, uuid::Uuid::new_v4().to_string())
        }
    };
    let staged = core
        .staged_files(&user.actor, &request_key)
        .await
        .map_err(ssr::app_error)?;
    let checked = if service.steps.is_empty() {
        None
    } else {
        match core
            .check_form(&user.actor, &service, &request_key, &values)
            .await
        {
            Ok(answers) => Some(answers),
            Err(kabinet_core::Error::Invalid(_)) => None,
            Err(error) => return Err(ssr::app_error(error)),
        }
    };
    Ok(ApplyForm {
        service,
        values,
        prefilled,
        request_key,
        staged,
        reply: flash.reply,
        template: template_name,
        checked,
    })
}

/// Submits the application form: answers, files and removed files in one multipart post.
///
/// The button that sent the form sets `intent`:
/// - `draft` saves the form as a draft without checking it and keeps it on screen;
/// - `next` and `back` save the draft and go to the next or previous page of a form with
///   steps, `next` only when the answers on the page (`step`) have no errors;
/// - `add:<group>` and `remove:<group>.<item>` save the draft with an item added to or
///   removed from a repeating group and show the form again at that group;
/// - nothing submits the application. When answers on another page of a form with steps
///   have errors, the form returns to the first such page.
#[server(endpoint = "submit_application", input = MultipartFormData)]
pub async fn submit_application(data: MultipartData) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let (mut submission, intent) = multipart::read(data, core.settings.upload_max_bytes).await?;
    let step = submission
        .answers
        .remove("step")
        .and_then(|step| step.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let form = format!("apply:{}", submission.service_code);
    let page = {
        let code = ssr::encode_query(&submission.service_code);
        let key = ssr::encode_query(&submission.request_key);
        move |step: usize| {
            let mut address = format!("/services/{code}/apply?draft={key}");
            if step > 1 {
                address.push_str(&format!("&step={step}"));
            }
            address
        }
    };

    if intent.starts_with("add:") || intent.starts_with("remove:") {
        let (_, service) = core
            .service(&submission.service_code)
            .await
            .map_err(ssr::app_error)?
            .ok_or(AppError::NotFound)?;
        let anchor = group_intent(&service, &intent, &mut submission.answers);
        let values = typed_values(&submission);
        let target = match anchor {
            Some(anchor) => format!("{}#{anchor}", page(step)),
            None => page(step),
        };
        let outcome = core
            .save_draft(&user.actor, submission)
            .await
            .map(|()| Success::Redirect(target));
        return ssr::finish_form(&form, &page(step), &values, outcome).await;
    }
    let values = typed_values(&submission);
    match intent.as_str() {
        "draft" => {
            let outcome = core
                .save_draft(&user.actor, submission)
                .await
                .map(|()| Success::Stay(Message::new("notice-draft-saved")));
            return ssr::finish_form(&form, &page(step), &values, outcome).await;
        }
        "next" => {
            let answers = submission.answers.clone();
            let code = submission.service_code.clone();
            let key = submission.request_key.clone();
            let outcome = core.save_step(&user.actor, submission, step).await;
            if outcome.is_ok() {
                let (_, service) = core
                    .service(&code)
                    .await
                    .map_err(ssr::app_error)?
                    .ok_or(AppError::NotFound)?;
                // The review page after the last page shows only a form that passes every
                // check, so an error left on an earlier page takes the person back there.
                if step >= service.steps.len() {
                    match core.check_form(&user.actor, &service, &key, &answers).await {
                        Ok(_) => {}
                        Err(kabinet_core::Error::Invalid(errors)) => {
                            let (first, on_page) = first_page_with_errors(&service, errors, step);
                            let reply = FormReply::Invalid(on_page);
                            return ssr::return_to_form(&form, &page(first), &values, reply).await;
                        }
                        Err(error) => return Err(ssr::app_error(error)),
                    }
                }
            }
            let outcome = outcome.map(|()| Success::Redirect(page(step + 1)));
            return ssr::finish_form(&form, &page(step), &values, outcome).await;
        }
        "back" => {
            let outcome = core
                .save_draft(&user.actor, submission)
                .await
                .map(|()| Success::Redirect(page(step.saturating_sub(1).max(1))));
            return ssr::finish_form(&form, &page(step), &values, outcome).await;
        }
        _ => {}
    }

    // Kept to save the draft when a form with steps comes back with errors.
    let draft = kabinet_core::applications::Submission {
        service_code: submission.service_code.clone(),
        request_key: submission.request_key.clone(),
        answers: submission.answers.clone(),
        ..Default::default()
    };
    let outcome = core
        .submit_application(&user.actor, submission)
        .await
        .map(|submitted| Success::Redirect(format!("/applications/{}?submitted=1", submitted.id)));
    let back = format!("/services/{}/apply", ssr::encode_query(&draft.service_code));
    let Err(kabinet_core::Error::Invalid(errors)) = outcome else {
        return ssr::finish_form(&form, &back, &values, outcome).await;
    };
    let service = core
        .service(&draft.service_code)
        .await
        .map_err(ssr::app_error)?
        .map(|(_, service)| service)
        .filter(|service| !service.steps.is_empty());
    let Some(service) = service else {
        let outcome = Err(kabinet_core::Error::Invalid(errors));
        return ssr::finish_form(&form, &back, &values, outcome).await;
    };
    let (first, on_page) = first_page_with_errors(&service, errors, step);
    core.save_draft(&user.actor, draft)
        .await
        .map_err(ssr::app_error)?;
    if first == step {
        let outcome = Err(kabinet_core::Error::Invalid(on_page));
        return ssr::finish_form(&form, &page(step), &values, outcome).await;
    }
    // Also when hydrated, the page changes: the errors wait in the flash.
    ssr::return_to_form(&form, &page(first), &values, FormReply::Invalid(on_page)).await
}

/// Returns the first page of a form with steps that has errors, and only that page's
/// errors, which is what the form shows. `step` is the page the form was sent from.
#[cfg(feature = "ssr")]
fn first_page_with_errors(
    service: &ServiceDefinition,
    errors: kabinet_shared::FieldErrors,
    step: usize,
) -> (usize, kabinet_shared::FieldErrors) {
    let first = errors
        .0
        .iter()
        .map(|error| service.step_of(&error.field))
        .min()
        .unwrap_or(step);
    let on_page = errors
        .0
        .into_iter()
        .filter(|error| service.step_of(&error.field) == first)
        .collect();
    (first, kabinet_shared::FieldErrors(on_page))
}

/// Returns what a plain post sends back to the form: the answers and the request key.
#[cfg(feature = "ssr")]
fn typed_values(submission: &kabinet_core::applications::Submission) -> BTreeMap<String, String> {
    let mut values = submission.answers.clone();
    values.insert("request_key".to_string(), submission.request_key.clone());
    values
}

/// Applies a repeating group's button to the answers: `add:<group>` adds an empty item
/// and `remove:<group>.<item>` removes one. Returns the id of the element to show: the
/// new item, or the group after a removal.
#[cfg(feature = "ssr")]
fn group_intent(
    service: &ServiceDefinition,
    intent: &str,
    answers: &mut BTreeMap<String, String>,
) -> Option<String> {
    use kabinet_shared::service::{FieldKind, add_item, group_items, remove_item};

    let group_named = |name: &str| {
        service
            .field(name)
            .filter(|field| field.kind == FieldKind::Group)
            .cloned()
    };
    if let Some(name) = intent.strip_prefix("add:") {
        let group = group_named(name)?;
        let index = add_item(&group, answers).unwrap_or_else(|| group_items(&group, answers));
        return Some(format!("{name}-{index}"));
    }
    let (name, index) = intent.strip_prefix("remove:")?.split_once('.')?;
    let group = group_named(name)?;
    remove_item(&group, answers, index.parse().ok()?);
    Some(name.to_string())
}

/// What the page that corrects an application's answers needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionForm {
    pub id: uuid::Uuid,
    pub number: String,
    /// The form as it was when the application was made.
    pub service: ServiceDefinition,
    /// The current answers, or what a plain post sent back with errors.
    pub values: BTreeMap<String, String>,
    /// The official's request.
    pub request: Option<String>,
    pub reply: Option<FormReply>,
}

/// Loads the form that corrects the answers of the applicant's application `id`, which
/// waits for the applicant.
#[server(endpoint = "correction_form")]
pub async fn get_correction_form(id: String) -> Result<CorrectionForm, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let form = match ssr::core().correction_form(&user.actor, id).await {
        Ok(form) => form,
        // Not waiting for the applicant (any more): the application's page shows why.
        Err(kabinet_core::Error::Rejected(_)) => {
            leptos_axum::redirect(&format!("/applications/{id}"));
            return Err(AppError::NotFound);
        }
        Err(error) => return Err(ssr::app_error(error)),
    };
    let flash = ssr::take_flash(&correction_flash(id))
        .await?
        .unwrap_or_default();
    let values = if flash.values.is_empty() {
        form.answers
    } else {
        flash.values
    };
    Ok(CorrectionForm {
        id,
        number: form.number,
        service: form.service,
        values,
        request: form.request,
        reply: flash.reply,
    })
}

#[cfg(feature = "ssr")]
fn correction_flash(id: impl std::fmt::Display) -> String {
    format!("correct:{id}")
}

/// Corrects the answers of an application waiting for its applicant and sends it back to
/// the official. A multipart post, since its field names come from the service's form.
#[server(endpoint = "correct_application", input = MultipartFormData)]
pub async fn correct_application(data: MultipartData) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let (mut submission, intent) = multipart::read(data, core.settings.upload_max_bytes).await?;
    let id = submission
        .answers
        .remove("application")
        .and_then(|id| uuid::Uuid::parse_str(&id).ok())
        .ok_or(AppError::NotFound)?;
    let back = format!("/applications/{id}/correct");
    if intent.starts_with("add:") || intent.starts_with("remove:") {
        // An item added to or removed from a group: the form comes back with it, unsaved.
        let form = core
            .correction_form(&user.actor, id)
            .await
            .map_err(ssr::app_error)?;
        let anchor = group_intent(&form.service, &intent, &mut submission.answers);
        let target = match anchor {
            Some(anchor) => format!("{back}#{anchor}"),
            None => back.clone(),
        };
        let flash = ssr::Flash {
            values: submission.answers,
            reply: None,
        };
        ssr::save_flash(&correction_flash(id), &flash).await?;
        leptos_axum::redirect(&target);
        return Ok(FormReply::Done);
    }
    let outcome = core
        .correct_application(&user.actor, id, &submission.answers)
        .await
        .map(|()| Success::Redirect(format!("/applications/{id}?corrected=1")));
    ssr::finish_form(&correction_flash(id), &back, &submission.answers, outcome).await
}

/// Lists the person's drafts of application forms.
#[server(endpoint = "drafts")]
pub async fn list_drafts() -> Result<Vec<kabinet_shared::model::DraftView>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .drafts(&user.actor, ssr::locale())
        .await
        .map_err(ssr::app_error)
}

/// Deletes a draft with its attached files and returns to the list of drafts.
#[server(endpoint = "delete_draft")]
pub async fn delete_draft(draft: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let outcome = ssr::core()
        .delete_draft(&user.actor, &draft)
        .await
        .map(|()| Success::Stay(Message::new("notice-draft-deleted")));
    ssr::finish_form("drafts", "/applications/drafts", &(), outcome).await
}

/// Sends the drafts checked on the drafts page as applications, each with its own
/// number, and returns to the drafts page. Drafts with errors stay there to be fixed.
/// A multipart post, because each checked box sends its own `draft` part.
#[server(endpoint = "submit_drafts", input = MultipartFormData)]
pub async fn submit_drafts(data: MultipartData) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::applications::DraftOutcome;
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let keys: Vec<String> = multipart::parts(data, 64 * 1024)
        .await?
        .into_iter()
        .filter(|part| part.name == "draft")
        .map(|part| String::from_utf8_lossy(&part.bytes).into_owned())
        .collect();
    let outcome = ssr::core()
        .submit_drafts(&user.actor, &keys)
        .await
        .map(|outcomes| {
            let numbers: Vec<String> = outcomes
                .iter()
                .filter_map(|(_, outcome)| match outcome {
                    DraftOutcome::Sent(submitted) => Some(submitted.number.to_string()),
                    DraftOutcome::Invalid(_) => None,
                })
                .collect();
            let kept = outcomes.len() - numbers.len();
            Success::Stay(
                Message::new("notice-drafts-sent")
                    .arg("sent", numbers.len())
                    .arg("numbers", numbers.join(", "))
                    .arg("kept", kept),
            )
        });
    ssr::finish_form("drafts", "/applications/drafts", &(), outcome).await
}

/// Posts a message with files to an application's thread, from its applicant or the
/// official who took it, and returns to the application's page.
#[server(endpoint = "post_message", input = MultipartFormData)]
pub async fn post_message(data: MultipartData) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::model::Role;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let (application, message) =
        multipart::read_message(data, core.settings.upload_max_bytes).await?;
    let id = uuid::Uuid::parse_str(&application).map_err(|_| AppError::NotFound)?;
    let base = if user.actor.role == Role::Official {
        "/official/applications"
    } else {
        "/applications"
    };
    let back = format!("{base}/{id}");
    let values = BTreeMap::from([("body".to_string(), message.body.clone())]);
    let outcome = core
        .post_message(&user.actor, id, message)
        .await
        .map(|()| Success::Redirect(format!("{back}?posted=1#thread")));
    ssr::finish_form(&thread_form(id), &back, &values, outcome).await
}

/// The flash name of the thread form of application `id`.
pub fn thread_form(id: impl std::fmt::Display) -> String {
    format!("thread:{id}")
}

#[cfg(feature = "ssr")]
pub(crate) mod multipart {
    use kabinet_core::applications::{FileUpload, NewMessage, Submission};
    use server_fn::codec::MultipartData;

    use crate::api::AppError;

    /// One part of a multipart form.
    pub struct Part {
        pub name: String,
        pub file_name: Option<String>,
        pub bytes: Vec<u8>,
    }

    /// Reads every part of the form. A file larger than `max_bytes` is cut at
    /// `max_bytes + 1` bytes, enough for the size check to reject it without holding the
    /// whole upload in memory.
    pub async fn parts(data: MultipartData, max_bytes: u64) -> Result<Vec<Part>, AppError> {
        let mut multipart = data
            .into_inner()
            .ok_or_else(|| AppError::Transport("not a multipart request".into()))?;
        let limit = usize::try_from(max_bytes)
            .unwrap_or(usize::MAX)
            .saturating_add(1);
        let mut parts = Vec::new();
        while let Some(mut field) = multipart.next_field().await.map_err(transport)? {
            let name = field.name().unwrap_or_default().to_string();
            let file_name = field.file_name().map(str::to_string);
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(transport)? {
                if bytes.len() < limit {
                    let room = limit - bytes.len();
                    bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
                }
            }
            parts.push(Part {
                name,
                file_name,
                bytes,
            });
        }
        Ok(parts)
    }

    /// Reads the application form into a submission, and the `intent` of the button that
    /// sent it (`draft`, or empty for a submission).
    pub async fn read(
        data: MultipartData,
        max_bytes: u64,
    ) -> Result<(Submission, String), AppError> {
        let mut submission = Submission::default();
        let mut intent = String::new();
        for Part {
            name,
            file_name,
            bytes,
        } in parts(data, max_bytes).await?
        {
            if let Some(code) = name.strip_prefix("doc_") {
                let file_name = file_name.unwrap_or_default();
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                submission.uploads.push(FileUpload {
                    document_code: code.to_string(),
                    file_name,
                    bytes,
                });
                continue;
            }
            let text = String::from_utf8_lossy(&bytes).into_owned();
            match name.as_str() {
                "service" => submission.service_code = text,
                "request_key" => submission.request_key = text,
                "intent" => intent = text,
                "remove_upload" => {
                    if let Ok(id) = uuid::Uuid::parse_str(&text) {
                        submission.remove_staged.push(id);
                    }
                }
                // The check boxes of a several-choice field arrive one part each.
                _ => match submission.answers.get_mut(&name) {
                    Some(earlier) => {
                        earlier.push(',');
                        earlier.push_str(&text);
                    }
                    None => {
                        submission.answers.insert(name, text);
                    }
                },
            }
        }
        Ok((submission, intent))
    }

    /// Reads the thread form: the application's id, the text and the attached files.
    pub async fn read_message(
        data: MultipartData,
        max_bytes: u64,
    ) -> Result<(String, NewMessage), AppError> {
        let mut application = String::new();
        let mut message = NewMessage::default();
        for part in parts(data, max_bytes).await? {
            match (part.name.as_str(), part.file_name) {
                ("files", Some(file_name)) => {
                    // A file input left empty still sends a part without a name or bytes.
                    if file_name.is_empty() && part.bytes.is_empty() {
                        continue;
                    }
                    message.files.push(FileUpload {
                        document_code: String::new(),
                        file_name,
                        bytes: part.bytes,
                    });
                }
                ("application", _) => {
                    application = String::from_utf8_lossy(&part.bytes).into_owned()
                }
                ("body", _) => message.body = String::from_utf8_lossy(&part.bytes).into_owned(),
                _ => {}
            }
        }
        Ok((application, message))
    }

    fn transport(error: impl std::fmt::Display) -> AppError {
        AppError::Transport(format!("multipart: {error}"))
    }
}

/// The decision documents of the citizen's applications, newest first.
#[server(endpoint = "result_documents")]
pub async fn list_result_documents() -> Result<Vec<ResultDocument>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .result_documents(&user.actor, ssr::locale())
        .await
        .map_err(ssr::app_error)
}

/// The start page's groups of applications.
#[server(endpoint = "dashboard")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .dashboard(&user.actor, ssr::locale())
        .await
        .map_err(ssr::app_error)
}

/// A page of the citizen's applications for a filter, or why the filter could not be
/// applied, with the services the filter offers to choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationListing {
    pub page: Option<ApplicationPage>,
    pub errors: Vec<QueryError>,
    pub services: Vec<ServiceSummary>,
}

/// "Мои заявления" for a filter; an invalid filter returns its errors and no applications.
#[server(endpoint = "search_my_applications")]
pub async fn search_my_applications(
    query: ApplicationQuery,
) -> Result<ApplicationListing, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let locale = ssr::locale();
    let services = core.services(locale).await.map_err(ssr::app_error)?;
    let filter = match query.parse() {
        Ok(filter) => filter,
        Err(errors) => {
            return Ok(ApplicationListing {
                page: None,
                errors,
                services,
            });
        }
    };
    let page = core
        .my_applications_page(&user.actor, &filter, locale)
        .await
        .map_err(ssr::app_error)?;
    Ok(ApplicationListing {
        page: Some(page),
        errors: Vec::new(),
        services,
    })
}

/// Withdraws the citizen's application with an optional reason and returns to its page.
#[server(endpoint = "withdraw_application")]
pub async fn withdraw_application(
    application: String,
    #[server(default)] reason: String,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&application).map_err(|_| AppError::NotFound)?;
    let back = format!("/applications/{id}");
    let outcome = ssr::core()
        .withdraw_application(&user.actor, id, &reason)
        .await
        .map(|()| Success::Redirect(format!("{back}?withdrawn=1")));
    let values = BTreeMap::from([("reason".to_string(), reason)]);
    ssr::finish_form(&withdraw_form(id), &back, &values, outcome).await
}

/// The flash name of the withdrawal form of application `id`.
pub fn withdraw_form(id: impl std::fmt::Display) -> String {
    format!("withdraw:{id}")
}

/// Returns one application, for its applicant or an official of its department. `review`
/// is true when the official's review page requests it. An official who opens the
/// applicant's address, from a notification for instance, is redirected to the review
/// page, which has their actions.
#[server(endpoint = "application")]
pub async fn get_application(id: String, review: bool) -> Result<ApplicationDetail, AppError> {
    use crate::ssr;
    use kabinet_shared::model::Role;

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let detail = ssr::core()
        .application(&user.actor, id, ssr::locale())
        .await
        .map_err(ssr::app_error)?;
    if user.actor.role == Role::Official && !review {
        leptos_axum::redirect(&format!("/official/applications/{id}"));
    }
    Ok(detail)
}

/// Keeps answers of the person's application in their profile: the answer to `field`, or
/// every offered answer when `field` is empty. The application page then says how many
/// values were saved.
#[server(endpoint = "save_answers_to_profile")]
pub async fn save_answers_to_profile(
    application: String,
    field: String,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&application).map_err(|_| AppError::NotFound)?;
    let back = format!("/applications/{id}");
    let field = Some(field.as_str()).filter(|field| !field.is_empty());
    let outcome = ssr::core()
        .save_answers_to_profile(&user.actor, id, field, ssr::locale())
        .await
        .map(|saved| Success::Redirect(format!("{back}?saved_to_profile={saved}")));
    ssr::finish_form(&profile_offer_form(id), &back, &(), outcome).await
}

/// The flash name of the profile offers of application `id`.
pub fn profile_offer_form(id: impl std::fmt::Display) -> String {
    format!("profile-offer:{id}")
}
