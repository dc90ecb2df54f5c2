//! The administrators' service constructor: the list of services, the editor of one
//! service's definition, its preview and its publication.

use kabinet_shared::model::ServiceVersionSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalogue::ServiceInfo;
use super::{AppError, FormReply};

/// Returns the flash name of the editor of service `code` (empty for a new service).
pub fn editor_form(code: &str) -> String {
    format!("admin-service:{code}")
}

/// Returns the editor's address for service `code`, or the new service's for an empty code.
pub fn editor_page(code: &str) -> String {
    if code.is_empty() {
        "/admin/services/new".to_string()
    } else {
        format!("/admin/services/{}", crate::url::encode_query(code))
    }
}

/// The content of the editor page of one service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceEditor {
    /// The latest stored version, or `None` for a new service.
    pub latest: Option<ServiceVersionSummary>,
    /// The text in the editor: what the administrator sent last, or the latest version,
    /// or the example a new service starts from.
    pub text: String,
    /// The reply of the last check or publication.
    pub reply: Option<FormReply>,
    /// The form as a citizen would see it, after a successful check.
    pub preview: Option<ServiceInfo>,
}

/// Lists the latest version of every service, for an administrator.
#[server(endpoint = "admin_services")]
pub async fn list_constructor_services() -> Result<Vec<ServiceVersionSummary>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .constructor_services(&user.actor, ssr::locale())
        .await
        .map_err(ssr::app_error)
}

/// Returns the editor of service `code`, or of a new service when `code` is empty, with
/// the reply and the text of the last plain post.
#[server(endpoint = "admin_service")]
pub async fn get_service_editor(code: String) -> Result<ServiceEditor, AppError> {
    use kabinet_core::catalogue::constructor::{NEW_SERVICE_EXAMPLE, SOURCE_FIELD};

    use crate::ssr;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let (latest, stored_text) = if code.is_empty() {
        // Only an administrator may see even the example.
        core.constructor_services(&user.actor, ssr::locale())
            .await
            .map_err(ssr::app_error)?;
        (None, NEW_SERVICE_EXAMPLE.to_string())
    } else {
        let (latest, text) = core
            .service_source(&user.actor, &code, ssr::locale())
            .await
            .map_err(ssr::app_error)?;
        (Some(latest), text)
    };

    let flash = ssr::take_flash(&editor_form(&code))
        .await?
        .unwrap_or_default();
    let typed = flash.values.get(SOURCE_FIELD).cloned();
    let previewed = flash.values.get("intent").map(String::as_str) == Some("preview")
        && matches!(flash.reply, Some(FormReply::Saved(_)));
    // The text is checked again: the preview shows what would be published now.
    let mut preview = None;
    if let (Some(text), true) = (&typed, previewed) {
        let existing = (!code.is_empty()).then_some(code.as_str());
        if let Ok(definition) = core.preview_service(&user.actor, existing, text).await {
            let department = core
                .department_name(&definition.department, ssr::locale())
                .await
                .map_err(ssr::app_error)?;
            preview = Some(ServiceInfo {
                definition,
                department,
                templates: Vec::new(),
            });
        }
    }
    Ok(ServiceEditor {
        latest,
        text: typed.unwrap_or(stored_text),
        reply: flash.reply,
        preview,
    })
}

/// Checks the definition's text and shows the preview (`intent` is `preview`), publishes
/// it as a new version (`publish`), or opens it in the field editor (`fields`). `code` is the service being edited, empty
/// for a new one; `service` is the definition's TOML text.
#[server(endpoint = "admin_service_save")]
pub async fn save_service(
    #[server(default)] code: String,
    service: String,
    #[server(default)] intent: String,
) -> Result<FormReply, AppError> {
    use std::collections::BTreeMap;

    use kabinet_core::catalogue::constructor::SOURCE_FIELD;
    use kabinet_shared::Message;

    use crate::ssr;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let form = editor_form(&code);
    let back = editor_page(&code);
    let existing = (!code.is_empty()).then_some(code.as_str());
    let values = BTreeMap::from([
        (SOURCE_FIELD.to_string(), service.clone()),
        ("intent".to_string(), intent.clone()),
    ]);

    if intent == "fields" {
        // The field editor takes the text as its working copy once it parses.
        use crate::api::constructor_fields::{WORKING_COPY, fields_form, fields_page};
        use kabinet_core::catalogue::constructor::parse_source;

        if let Err(error) = parse_source(&service) {
            return ssr::finish_form(&form, &back, &values, Err(error)).await;
        }
        let values = BTreeMap::from([(WORKING_COPY.to_string(), service)]);
        return ssr::return_to_form(
            &fields_form(&code),
            &fields_page(&code),
            &values,
            FormReply::Done,
        )
        .await;
    }
    if intent == "publish" {
        let published = core.publish_service(&user.actor, existing, &service).await;
        return match published {
            Ok(published) => {
                let notice =
                    Message::new("admin-service-published").arg("version", published.version);
                ssr::return_to_form(
                    &editor_form(&published.code),
                    &editor_page(&published.code),
                    &BTreeMap::<String, String>::new(),
                    FormReply::Saved(notice),
                )
                .await
            }
            Err(error) => ssr::finish_form(&form, &back, &values, Err(error)).await,
        };
    }

    match core.preview_service(&user.actor, existing, &service).await {
        Ok(_) => {
            let notice = Message::new("admin-service-preview-ready");
            ssr::return_to_form(&form, &back, &values, FormReply::Saved(notice)).await
        }
        Err(error) => ssr::finish_form(&form, &back, &values, Err(error)).await,
    }
}
