//! The field editor of the service constructor: the page's content and the one post that
//! applies each of its buttons to the working copy of the definition.
//!
//! The working copy is the definition's TOML text in the hidden control `service`. Every
//! post carries it with the controls of the settings and of the open field or document
//! form. The server parses the copy, writes those controls into it, applies the button's
//! `intent`, and redirects back with the new copy in the flash. Nothing is stored until
//! `publish`, so the editor needs neither JavaScript nor state on the server.

use std::collections::BTreeMap;

use kabinet_shared::model::ServiceVersionSummary;
use kabinet_shared::service::ServiceDefinition;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::{MultipartData, MultipartFormData};

use super::catalogue::ServiceInfo;
use super::{AppError, FormReply};

/// The hidden control with the working copy's TOML text.
pub const WORKING_COPY: &str = "service";
/// The hidden control naming the open field or document form.
pub const EDITING: &str = "editing";

/// Returns the flash name of the field editor of service `code` (empty for a new service).
pub fn fields_form(code: &str) -> String {
    format!("admin-service-fields:{code}")
}

/// Returns the field editor's address for service `code`, or the new service's for an
/// empty code.
pub fn fields_page(code: &str) -> String {
    format!("{}/fields", super::constructor::editor_page(code))
}

/// The content of the field editor of one service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldsEditor {
    /// The latest stored version, or `None` for a new service.
    pub latest: Option<ServiceVersionSummary>,
    /// The working copy as TOML text, sent back with every post.
    pub text: String,
    /// The working copy, parsed.
    pub definition: ServiceDefinition,
    /// The open form: a code of [`kabinet_shared::service::edit::Target`], or empty.
    pub editing: String,
    /// The controls as typed in the last post that was rejected, shown instead of the
    /// working copy's values so nothing typed is lost.
    pub typed: BTreeMap<String, String>,
    /// The reply of the last post.
    pub reply: Option<FormReply>,
    /// The form as a citizen would see it, after a successful check.
    pub preview: Option<ServiceInfo>,
    /// The departments a service may name: codes and names.
    pub departments: Vec<(String, String)>,
}

/// Returns the field editor of service `code`, or of a new service when `code` is empty,
/// with the working copy of the last post.
#[server(endpoint = "admin_service_fields")]
pub async fn get_service_fields(code: String) -> Result<FieldsEditor, AppError> {
    use kabinet_core::catalogue::constructor::{NEW_SERVICE_EXAMPLE, parse_source};
    use kabinet_shared::Message;

    use crate::ssr;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let locale = ssr::locale();
    let departments = core
        .constructor_departments(&user.actor, locale)
        .await
        .map_err(ssr::app_error)?;
    let (latest, stored_text) = if code.is_empty() {
        (None, NEW_SERVICE_EXAMPLE.to_string())
    } else {
        let (latest, text) = core
            .service_source(&user.actor, &code, locale)
            .await
            .map_err(ssr::app_error)?;
        (Some(latest), text)
    };

    let mut flash = ssr::take_flash(&fields_form(&code))
        .await?
        .unwrap_or_default();
    let mut reply = flash.reply.take();
    let mut text = flash
        .values
        .remove(WORKING_COPY)
        .unwrap_or_else(|| stored_text.clone());
    let editing = flash.values.remove(EDITING).unwrap_or_default();
    let previewed = flash.values.remove("intent").as_deref() == Some("preview")
        && matches!(reply, Some(FormReply::Saved(_)));
    let definition = match parse_source(&text) {
        Ok(definition) => definition,
        Err(_) => {
            // Only a forged post carries a copy the server did not write; the editor
            // starts again from the stored version.
            reply = Some(FormReply::Rejected(Message::new(
                "admin-fields-error-working-copy",
            )));
            text = stored_text;
            parse_source(&text).map_err(ssr::app_error)?
        }
    };

    let mut preview = None;
    if previewed {
        let existing = (!code.is_empty()).then_some(code.as_str());
        if let Ok(definition) = core.preview_service(&user.actor, existing, &text).await {
            let department = core
                .department_name(&definition.department, locale)
                .await
                .map_err(ssr::app_error)?;
            preview = Some(ServiceInfo {
                definition,
                department,
                templates: Vec::new(),
            });
        }
    }
    Ok(FieldsEditor {
        latest,
        text,
        definition,
        editing,
        typed: flash.values,
        reply,
        preview,
        departments,
    })
}

/// Applies one button of the field editor to the working copy and returns to the editor:
/// the controls of the settings and of the open form are written into the copy first,
/// then `intent` runs. A multipart post, because the rows of options and group questions
/// make the set of controls vary. See [`ssr_fields`] for the intents.
#[server(endpoint = "admin_service_fields_save", input = MultipartFormData)]
pub async fn save_service_fields(data: MultipartData) -> Result<FormReply, AppError> {
    use crate::api::applications::multipart;
    use crate::ssr;

    /// Maximum size of one control; the working copy of the largest bundled service is
    /// about 20 KiB of TOML.
    const PART_MAX_BYTES: u64 = 512 * 1024;

    let user = ssr::require_viewer()?;
    user.actor
        .require(kabinet_shared::model::Role::Admin)
        .map_err(ssr::app_error)?;
    let mut values = BTreeMap::<String, String>::new();
    for part in multipart::parts(data, PART_MAX_BYTES).await? {
        let text = String::from_utf8_lossy(&part.bytes).into_owned();
        // Check boxes of one name send one part each; they are read as a list.
        values
            .entry(part.name)
            .and_modify(|joined| {
                joined.push(',');
                joined.push_str(&text);
            })
            .or_insert(text);
    }
    ssr_fields::apply(&user.actor, values).await
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr_fields;
