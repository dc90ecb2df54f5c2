//! The service catalogue: definitions stored per version in the database, seeded from the
//! TOML files under `server/core/catalogue/`.

use kabinet_shared::Locale;
use kabinet_shared::model::ServiceSummary;
use kabinet_shared::service::{Localized, ServiceDefinition};
use serde::Deserialize;

use crate::db::Tx;
use crate::error::{Error, Result};
use crate::{Core, execute, on_conn};

/// The bundled catalogue, one file per service.
const SERVICE_FILES: [(&str, &str); 4] = [
    (
        "passport-replacement.toml",
        include_str!("../catalogue/services/passport-replacement.toml"),
    ),
    (
        "criminal-record-certificate.toml",
        include_str!("../catalogue/services/criminal-record-certificate.toml"),
    ),
    (
        "residence-registration.toml",
        include_str!("../catalogue/services/residence-registration.toml"),
    ),
    (
        "inn-certificate.toml",
        include_str!("../catalogue/services/inn-certificate.toml"),
    ),
];

const DEPARTMENTS_FILE: &str = include_str!("../catalogue/departments.toml");

#[derive(Deserialize)]
struct DepartmentsFile {
    departments: Vec<Department>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Department {
    pub code: String,
    pub name: Localized,
}

/// Parses and checks the bundled departments and services.
pub fn bundled() -> Result<(Vec<Department>, Vec<ServiceDefinition>)> {
    let departments: DepartmentsFile = toml::from_str(DEPARTMENTS_FILE)
        .map_err(|error| Error::Internal(format!("catalogue/departments.toml: {error}")))?;
    let mut services = Vec::new();
    for (file, text) in SERVICE_FILES {
        let service: ServiceDefinition = toml::from_str(text)
            .map_err(|error| Error::Internal(format!("catalogue/services/{file}: {error}")))?;
        service
            .check()
            .map_err(|problem| Error::Internal(format!("catalogue/services/{file}: {problem}")))?;
        if !departments
            .departments
            .iter()
            .any(|d| d.code == service.department)
        {
            return Err(Error::Internal(format!(
                "catalogue/services/{file}: unknown department `{}`",
                service.department
            )));
        }
        services.push(service);
    }
    Ok((departments.departments, services))
}

#[derive(sqlx::FromRow)]
struct ServiceRow {
    version: i32,
    definition: String,
}

impl Core {
    /// Stores the bundled catalogue. A service whose definition differs from its latest
    /// stored version is published as a new version; applications keep the version they
    /// were made with.
    pub async fn seed_catalogue(&self) -> Result<()> {
        let (departments, services) = bundled()?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        for department in &departments {
            execute!(&mut tx, sqlx::query(
                "INSERT INTO departments (code, name_ru, name_en) VALUES ($1, $2, $3)
                 ON CONFLICT (code) DO UPDATE SET name_ru = excluded.name_ru, name_en = excluded.name_en",
            )
            .bind(&department.code)
            .bind(&department.name.ru)
            .bind(&department.name.en))?;
        }
        for service in &services {
            let latest = latest_service(&mut tx, &service.code).await?;
            if latest.as_ref().is_some_and(|(_, stored)| stored == service) {
                continue;
            }
            let version = latest.map_or(1, |(version, _)| version + 1);
            execute!(&mut tx, sqlx::query(
                "INSERT INTO services (code, version, department_code, definition, published_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&service.code)
            .bind(version)
            .bind(&service.department)
            .bind(serde_json::to_string(service)?)
            .bind(now))?;
            tracing::info!(service.code = %service.code, service.version = version, "service published");
        }
        tx.commit().await?;
        Ok(())
    }

    /// Lists the latest version of every service in `locale`, by title.
    pub async fn services(&self, locale: Locale) -> Result<Vec<ServiceSummary>> {
        let mut tx = self.db.begin_read().await?;
        let rows: Vec<(String, String, String)> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT s.definition, d.name_ru, d.name_en FROM services s
             JOIN departments d ON d.code = s.department_code
             WHERE s.version = (SELECT MAX(latest.version) FROM services latest WHERE latest.code = s.code)",
        )
        .fetch_all(conn)
        .await)?;

        let mut summaries = Vec::with_capacity(rows.len());
        for (definition, name_ru, name_en) in rows {
            let service: ServiceDefinition = serde_json::from_str(&definition)?;
            summaries.push(ServiceSummary {
                code: service.code.clone(),
                title: service.title.get(locale).to_string(),
                summary: service.summary.get(locale).to_string(),
                category_key: service.category.message_key().to_string(),
                department: if locale == Locale::Ru {
                    name_ru
                } else {
                    name_en
                },
                processing_days: service.processing_days,
            });
        }
        summaries.sort_by(|a, b| a.title.cmp(&b.title));
        Ok(summaries)
    }

    /// The latest version of a service, with its number.
    pub async fn service(&self, code: &str) -> Result<Option<(i32, ServiceDefinition)>> {
        let mut tx = self.db.begin_read().await?;
        latest_service(&mut tx, code).await
    }

    pub async fn department_name(&self, code: &str, locale: Locale) -> Result<String> {
        let mut tx = self.db.begin_read().await?;
        department_name(&mut tx, code, locale).await
    }
}

pub(crate) async fn latest_service(
    tx: &mut Tx,
    code: &str,
) -> Result<Option<(i32, ServiceDefinition)>> {
    let row: Option<ServiceRow> = on_conn!(tx, conn => sqlx::query_as(
        "SELECT version, definition FROM services WHERE code = $1 ORDER BY version DESC LIMIT 1",
    )
    .bind(code)
    .fetch_optional(conn)
    .await)?;
    row.map(|row| Ok((row.version, serde_json::from_str(&row.definition)?)))
        .transpose()
}

pub(crate) async fn service_version(
    tx: &mut Tx,
    code: &str,
    version: i32,
) -> Result<ServiceDefinition> {
    let definition: String = on_conn!(tx, conn => sqlx::query_scalar(
        "SELECT definition FROM services WHERE code = $1 AND version = $2",
    )
    .bind(code)
    .bind(version)
    .fetch_one(conn)
    .await)?;
    Ok(serde_json::from_str(&definition)?)
}

pub(crate) async fn department_name(tx: &mut Tx, code: &str, locale: Locale) -> Result<String> {
    let (name_ru, name_en): (String, String) = on_conn!(tx, conn => sqlx::query_as(
        "SELECT name_ru, name_en FROM departments WHERE code = $1",
    )
    .bind(code)
    .fetch_one(conn)
    .await)?;
    Ok(match locale {
        Locale::Ru => name_ru,
        Locale::En => name_en,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_catalogue_is_valid() {
        let (departments, services) = super::bundled().unwrap();
        assert_eq!(departments.len(), 3);
        assert_eq!(services.len(), 4);
    }
}
