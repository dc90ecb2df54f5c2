//! Templates of applications: saving an application's answers under a name, listing and
//! deleting templates. Starting a form from a template is part of
//! [`super::applications::get_apply_form`].

use kabinet_shared::model::TemplateView;
use leptos::prelude::*;

use super::{AppError, FormReply};

/// Saves the answers of the person's application as a template named `template_name` and returns
/// to the application's page, which then shows where the template is.
#[server(endpoint = "save_template")]
pub async fn save_template(
    application: String,
    template_name: String,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;
    use std::collections::BTreeMap;

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&application).map_err(|_| AppError::NotFound)?;
    let back = format!("/applications/{id}");
    let outcome = ssr::core()
        .save_template(&user.actor, id, &template_name)
        .await
        .map(|_| {
            Success::Stay(Message::new("notice-template-saved").arg("name", template_name.trim()))
        });
    let values = BTreeMap::from([("template_name".to_string(), template_name)]);
    ssr::finish_form(&template_form(id), &back, &values, outcome).await
}

/// Returns the flash name of the form that saves application `id` as a template.
pub fn template_form(id: impl std::fmt::Display) -> String {
    format!("template:{id}")
}

/// Lists the person's templates, the most recent first.
#[server(endpoint = "templates")]
pub async fn list_templates() -> Result<Vec<TemplateView>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .templates(&user.actor, ssr::locale())
        .await
        .map_err(ssr::app_error)
}

/// Deletes one of the person's templates and returns to the list of templates.
#[server(endpoint = "delete_template")]
pub async fn delete_template(template: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&template).map_err(|_| AppError::NotFound)?;
    let outcome = ssr::core()
        .delete_template(&user.actor, id)
        .await
        .map(|()| Success::Stay(Message::new("notice-template-deleted")));
    ssr::finish_form("templates", "/applications/templates", &(), outcome).await
}
