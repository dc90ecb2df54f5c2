//! The service catalogue.

use kabinet_shared::model::ServiceSummary;
use kabinet_shared::query::QueryError;
use kabinet_shared::service::ServiceDefinition;
use leptos::prelude::*;

use super::AppError;

/// The services found by a catalogue search, or why the search could not be applied.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CatalogueListing {
    pub services: Vec<ServiceSummary>,
    pub errors: Vec<QueryError>,
}

/// Searches the catalogue by words (`q`) within a category; both may be empty.
#[server(endpoint = "services")]
pub async fn list_services(
    #[server(default)] q: String,
    #[server(default)] category: String,
) -> Result<CatalogueListing, AppError> {
    use crate::ssr;
    use kabinet_shared::service::CatalogueQuery;

    let filter = match (CatalogueQuery { q, category }).parse() {
        Ok(filter) => filter,
        Err(errors) => {
            return Ok(CatalogueListing {
                services: Vec::new(),
                errors,
            });
        }
    };
    let services = ssr::core()
        .search_services(ssr::locale(), &filter)
        .await
        .map_err(ssr::app_error)?;
    Ok(CatalogueListing {
        services,
        errors: Vec::new(),
    })
}

/// A service with the name of its department.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ServiceInfo {
    pub definition: ServiceDefinition,
    pub department: String,
    /// The signed-in citizen's templates of this service, as ids and names, newest first.
    pub templates: Vec<(uuid::Uuid, String)>,
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
    let templates = match ssr::viewer() {
        Some(user) if user.actor.role == kabinet_shared::model::Role::Citizen => core
            .service_templates(&user.actor, &definition.code, ssr::locale())
            .await
            .map_err(ssr::app_error)?
            .into_iter()
            .map(|template| (template.id, template.name))
            .collect(),
        _ => Vec::new(),
    };
    Ok(ServiceInfo {
        definition,
        department,
        templates,
    })
}
