//! The service catalogue.

use kabinet_shared::model::ServiceSummary;
use kabinet_shared::service::ServiceDefinition;
use leptos::prelude::*;

use super::AppError;

#[server(endpoint = "services")]
pub async fn list_services() -> Result<Vec<ServiceSummary>, AppError> {
    use crate::ssr;

    ssr::core()
        .services(ssr::locale())
        .await
        .map_err(ssr::app_error)
}

/// A service with the name of its department.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ServiceInfo {
    pub definition: ServiceDefinition,
    pub department: String,
}

#[server(endpoint = "service")]
pub async fn get_service(code: String) -> Result<ServiceInfo, AppError> {
    use crate::ssr;

    let core = ssr::core();
    let (_, definition) = core
        .service(&code)
        .await
        .map_err(ssr::app_error)?
        .ok_or(AppError::NotFound)?;
    let department = core
        .department_name(&definition.department, ssr::locale())
        .await
        .map_err(ssr::app_error)?;
    Ok(ServiceInfo {
        definition,
        department,
    })
}
