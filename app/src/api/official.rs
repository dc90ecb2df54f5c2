//! The officials' queue and decisions.

use kabinet_shared::model::ApplicationSummary;
use leptos::prelude::*;

use super::{AppError, FormReply};

#[server(endpoint = "queue")]
pub async fn get_queue(
    #[server(default)] status: String,
    #[server(default)] overdue: String,
) -> Result<Vec<ApplicationSummary>, AppError> {
    use crate::ssr;
    use kabinet_shared::model::ApplicationStatus;

    let user = ssr::require_viewer()?;
    let status = ApplicationStatus::parse(&status);
    ssr::core()
        .department_queue(&user.actor, status, !overdue.is_empty(), ssr::locale())
        .await
        .map_err(ssr::app_error)
}

#[server(endpoint = "take")]
pub async fn take_application(id: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let back = format!("/official/applications/{}", ssr::encode_query(&id));
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let outcome = ssr::core()
        .take_application(&user.actor, id)
        .await
        .map(|()| Success::Redirect(back.clone()));
    ssr::finish_form("review", &back, &(), outcome).await
}

#[server(endpoint = "change_status")]
pub async fn change_status(
    id: String,
    status: String,
    #[server(default)] comment: String,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;
    use kabinet_shared::model::ApplicationStatus;

    let user = ssr::require_viewer()?;
    let back = format!("/official/applications/{}", ssr::encode_query(&id));
    let values = std::collections::BTreeMap::from([
        ("status".to_string(), status.clone()),
        ("comment".to_string(), comment.clone()),
    ]);
    let application_id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let Some(status) = ApplicationStatus::parse(&status) else {
        let outcome = Err(kabinet_core::Error::field(
            "status",
            Message::new("error-choice"),
        ));
        return ssr::finish_form("review", &back, &values, outcome).await;
    };
    let outcome = ssr::core()
        .change_application_status(&user.actor, application_id, status, &comment)
        .await
        .map(|()| Success::Redirect(format!("{back}?changed=1")));
    ssr::finish_form("review", &back, &values, outcome).await
}
