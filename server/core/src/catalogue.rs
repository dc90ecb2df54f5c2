//! The service catalogue: definitions stored per version in the database, seeded from the
//! TOML files under `server/core/catalogue/` and published by administrators in the
//! constructor.

pub mod constructor;
mod search;

use chrono::{DateTime, Utc};
use kabinet_shared::Locale;
use kabinet_shared::model::ServiceSummary;
use kabinet_shared::service::{CatalogueFilter, Category, Localized, ServiceDefinition};
use serde::Deserialize;
use uuid::Uuid;

use crate::db::Tx;
use crate::error::{Error, Result};
use crate::{Core, execute, on_conn};
use search::{SearchQuery, stems};

/// The bundled catalogue, one file per service.
const SERVICE_FILES: [(&str, &str); 17] = [
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
    (
        "birth-registration.toml",
        include_str!("../catalogue/services/birth-registration.toml"),
    ),
    (
        "maternity-capital-certificate.toml",
        include_str!("../catalogue/services/maternity-capital-certificate.toml"),
    ),
    (
        "marriage-registration.toml",
        include_str!("../catalogue/services/marriage-registration.toml"),
    ),
    (
        "unified-allowance.toml",
        include_str!("../catalogue/services/unified-allowance.toml"),
    ),
    (
        "pension-amount-certificate.toml",
        include_str!("../catalogue/services/pension-amount-certificate.toml"),
    ),
    (
        "oms-policy.toml",
        include_str!("../catalogue/services/oms-policy.toml"),
    ),
    (
        "oms-policy-child.toml",
        include_str!("../catalogue/services/oms-policy-child.toml"),
    ),
    (
        "polyclinic-attachment.toml",
        include_str!("../catalogue/services/polyclinic-attachment.toml"),
    ),
    (
        "no-tax-debt-certificate.toml",
        include_str!("../catalogue/services/no-tax-debt-certificate.toml"),
    ),
    (
        "driving-licence-replacement.toml",
        include_str!("../catalogue/services/driving-licence-replacement.toml"),
    ),
    (
        "vehicle-registration.toml",
        include_str!("../catalogue/services/vehicle-registration.toml"),
    ),
    (
        "individual-entrepreneur-registration.toml",
        include_str!("../catalogue/services/individual-entrepreneur-registration.toml"),
    ),
    (
        "egrul-extract.toml",
        include_str!("../catalogue/services/egrul-extract.toml"),
    ),
];

const DEPARTMENTS_FILE: &str = include_str!("../catalogue/departments.toml");
const REFUSAL_REASONS_FILE: &str = include_str!("../catalogue/refusal-reasons.toml");

/// A ground on which a department refuses an application.
#[derive(Clone, Debug, Deserialize)]
pub struct RefusalReason {
    pub code: String,
    pub title: Localized,
}

#[derive(Deserialize)]
struct RefusalReasonsFile {
    reasons: Vec<RefusalReason>,
}

static REFUSAL_REASONS: std::sync::LazyLock<Vec<RefusalReason>> = std::sync::LazyLock::new(|| {
    toml::from_str::<RefusalReasonsFile>(REFUSAL_REASONS_FILE)
        .expect("catalogue/refusal-reasons.toml is checked by a unit test")
        .reasons
});

/// Returns the grounds for refusal an official chooses from, in the order of the list.
pub fn refusal_reasons() -> &'static [RefusalReason] {
    &REFUSAL_REASONS
}

/// Finds the ground with `code`, if the list contains it.
pub fn refusal_reason(code: &str) -> Option<&'static RefusalReason> {
    refusal_reasons().iter().find(|reason| reason.code == code)
}

/// Lists the grounds on which `service` may be refused: those its definition names, in
/// its order, or the whole list when it names none.
pub fn refusal_reasons_for(service: &ServiceDefinition) -> Vec<&'static RefusalReason> {
    if service.refusal_reasons.is_empty() {
        return refusal_reasons().iter().collect();
    }
    service
        .refusal_reasons
        .iter()
        .filter_map(|code| refusal_reason(code))
        .collect()
}

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
        if let Some(unknown) = service
            .refusal_reasons
            .iter()
            .find(|code| refusal_reason(code).is_none())
        {
            return Err(Error::Internal(format!(
                "catalogue/services/{file}: unknown ground for refusal `{unknown}`"
            )));
        }
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
    /// Stores the bundled catalogue. A bundled service whose definition differs from the
    /// latest version the bundled file published is published as a new version, so an
    /// administrator's later version stays in place until the file itself changes.
    /// Applications keep the version they were made with.
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
            let latest_bundled = latest_bundled_service(&mut tx, &service.code).await?;
            if latest_bundled.as_ref() == Some(service) {
                continue;
            }
            let version = next_version(&mut tx, &service.code).await?;
            insert_version(&mut tx, service, version, None, now).await?;
            tracing::info!(service.code = %service.code, service.version = version, "service published");
        }
        tx.commit().await?;
        Ok(())
    }

    /// Lists the latest version of every service in `locale`, by title.
    pub async fn services(&self, locale: Locale) -> Result<Vec<ServiceSummary>> {
        self.search_services(locale, &CatalogueFilter::default())
            .await
    }

    /// Lists the services of the filter's category whose texts, in either language,
    /// contain every searched word in some form. The best matches come first: a word in the
    /// title weighs more than one in the summary, which weighs more than one elsewhere.
    /// Without words the list is by title.
    pub async fn search_services(
        &self,
        locale: Locale,
        filter: &CatalogueFilter,
    ) -> Result<Vec<ServiceSummary>> {
        let mut tx = self.db.begin_read().await?;
        let services = latest_services(&mut tx).await?;
        drop(tx);
        let query = SearchQuery::new(&filter.words);

        let mut found: Vec<(u32, ServiceSummary)> = Vec::new();
        for (service, department) in services {
            if filter
                .category
                .is_some_and(|category| category != service.category)
            {
                continue;
            }
            let score = if query.is_empty() {
                0
            } else {
                let title = both_languages(&service.title);
                let summary = both_languages(&service.summary);
                let rest = [
                    both_languages(&service.description),
                    both_languages(&service.result),
                    both_languages(&department),
                ]
                .concat();
                match query.score(&[(&title, 4), (&summary, 2), (&rest, 1)]) {
                    Some(score) => score,
                    None => continue,
                }
            };
            found.push((
                score,
                ServiceSummary {
                    code: service.code.clone(),
                    title: service.title.get(locale).to_string(),
                    summary: service.summary.get(locale).to_string(),
                    category_key: service.category.message_key().to_string(),
                    department: department.get(locale).to_string(),
                    processing_days: service.processing_days,
                },
            ));
        }
        found.sort_by(|(a_score, a), (b_score, b)| {
            b_score.cmp(a_score).then_with(|| a.title.cmp(&b.title))
        });
        Ok(found.into_iter().map(|(_, service)| service).collect())
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

/// The stems of a text in both languages.
fn both_languages(text: &Localized) -> Vec<String> {
    let mut words = stems(&text.ru);
    words.extend(stems(&text.en));
    words
}

/// The latest version of every service with its department's name.
async fn latest_services(tx: &mut Tx) -> Result<Vec<(ServiceDefinition, Localized)>> {
    let rows: Vec<(String, String, String)> = on_conn!(tx, conn => sqlx::query_as(
        "SELECT s.definition, d.name_ru, d.name_en FROM services s
         JOIN departments d ON d.code = s.department_code
         WHERE s.version = (SELECT MAX(latest.version) FROM services latest WHERE latest.code = s.code)",
    )
    .fetch_all(conn)
    .await)?;
    rows.into_iter()
        .map(|(definition, ru, en)| Ok((serde_json::from_str(&definition)?, Localized { ru, en })))
        .collect()
}

/// Codes of the services whose title, in either language, contains every word in some
/// form, of `category` when given. Without words, every service of the category.
pub(crate) async fn service_codes_matching(
    tx: &mut Tx,
    words: &[String],
    category: Option<Category>,
) -> Result<Vec<String>> {
    let query = SearchQuery::new(words);
    let mut codes = Vec::new();
    for (service, _) in latest_services(tx).await? {
        if category.is_some_and(|category| category != service.category) {
            continue;
        }
        let title = both_languages(&service.title);
        if query.is_empty() || query.score(&[(&title, 1)]).is_some() {
            codes.push(service.code);
        }
    }
    Ok(codes)
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

/// Returns the definition of the latest version that the bundled file published.
async fn latest_bundled_service(tx: &mut Tx, code: &str) -> Result<Option<ServiceDefinition>> {
    let definition: Option<String> = on_conn!(tx, conn => sqlx::query_scalar(
        "SELECT definition FROM services WHERE code = $1 AND published_by IS NULL
         ORDER BY version DESC LIMIT 1",
    )
    .bind(code)
    .fetch_optional(conn)
    .await)?;
    definition
        .map(|definition| Ok(serde_json::from_str(&definition)?))
        .transpose()
}

/// Returns the number of the next version of service `code`: 1 for a new service.
async fn next_version(tx: &mut Tx, code: &str) -> Result<i32> {
    let latest: Option<i32> = on_conn!(tx, conn => sqlx::query_scalar(
        "SELECT MAX(version) FROM services WHERE code = $1",
    )
    .bind(code)
    .fetch_one(conn)
    .await)?;
    Ok(latest.unwrap_or(0) + 1)
}

/// Stores `service` as `version`, published by an administrator or, for `None`, by the
/// bundled file.
async fn insert_version(
    tx: &mut Tx,
    service: &ServiceDefinition,
    version: i32,
    published_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<()> {
    execute!(tx, sqlx::query(
        "INSERT INTO services (code, version, department_code, definition, published_at, published_by)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&service.code)
    .bind(version)
    .bind(&service.department)
    .bind(serde_json::to_string(service)?)
    .bind(now)
    .bind(published_by))?;
    Ok(())
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
        assert_eq!(departments.len(), 6);
        assert_eq!(services.len(), 17);
    }

    #[test]
    fn services_narrow_the_grounds_for_refusal() {
        let (_, services) = super::bundled().unwrap();
        let grounds = |code: &str| -> Vec<String> {
            let service = services
                .iter()
                .find(|service| service.code == code)
                .unwrap();
            super::refusal_reasons_for(service)
                .iter()
                .map(|reason| reason.code.clone())
                .collect()
        };
        assert_eq!(
            grounds("criminal-record-certificate"),
            [
                "incomplete_documents",
                "invalid_documents",
                "inconsistent_data",
                "duplicate",
                "other"
            ]
        );
        assert_eq!(
            grounds("residence-registration").len(),
            6,
            "a service without a list has all"
        );
    }

    #[test]
    fn refusal_reasons_are_listed_once_each() {
        let codes: Vec<&str> = super::refusal_reasons()
            .iter()
            .map(|reason| reason.code.as_str())
            .collect();
        assert_eq!(
            codes,
            [
                "incomplete_documents",
                "invalid_documents",
                "inconsistent_data",
                "not_eligible",
                "duplicate",
                "other"
            ]
        );
        assert_eq!(
            super::refusal_reason("duplicate").unwrap().title.en,
            "The same matter is already decided or under review"
        );
        assert!(super::refusal_reason("Duplicate").is_none());
    }
}
