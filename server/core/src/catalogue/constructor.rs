//! The service constructor: administrators edit a service's definition as the TOML text
//! of the catalogue files, preview it and publish it as a new version.
//!
//! A published version is never changed: applications keep the version they were made
//! with, and the next start's seeding leaves an administrator's version in place unless
//! the bundled file itself changes (see [`Core::seed_catalogue`]).

use chrono::{DateTime, Utc};
use kabinet_shared::Message;
use kabinet_shared::model::{Role, ServiceVersionSummary};
use kabinet_shared::service::{DefinitionProblem, ServiceDefinition};
use kabinet_shared::{Locale, service::Localized};

use super::{insert_version, latest_service, next_version, refusal_reason};
use crate::db::{Tx, unique_violation};
use crate::error::{Error, Result};
use crate::{Actor, Core, audit, on_conn, time};

/// The form field that carries the definition's text, where every problem of the text is
/// shown. It is one of the names a service's own field may not take, so the preview of a
/// form on the same page never repeats its id.
pub const SOURCE_FIELD: &str = "service";

/// The text a new service starts from: a small valid definition.
pub const NEW_SERVICE_EXAMPLE: &str = include_str!("../../catalogue/new-service.toml");

/// A version the constructor published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    pub code: String,
    pub version: i32,
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    code: String,
    version: i32,
    definition: String,
    published_at: DateTime<Utc>,
    surname: Option<String>,
    given_name: Option<String>,
}

impl Core {
    /// Lists the latest version of every service with who published it, by title, for
    /// an administrator.
    pub async fn constructor_services(
        &self,
        actor: &Actor,
        locale: Locale,
    ) -> Result<Vec<ServiceVersionSummary>> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.begin_read().await?;
        let rows: Vec<VersionRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT s.code, s.version, s.definition, s.published_at, u.surname, u.given_name
             FROM services s LEFT JOIN users u ON u.id = s.published_by
             WHERE s.version = (SELECT MAX(latest.version) FROM services latest WHERE latest.code = s.code)",
        )
        .fetch_all(conn)
        .await)?;
        let mut services = rows
            .into_iter()
            .map(|row| version_summary(row, actor, locale))
            .collect::<Result<Vec<_>>>()?;
        services.sort_by(|a, b| a.title.cmp(&b.title));
        Ok(services)
    }

    /// Returns the latest version of service `code` and its definition as TOML text, for
    /// an administrator to edit.
    pub async fn service_source(
        &self,
        actor: &Actor,
        code: &str,
        locale: Locale,
    ) -> Result<(ServiceVersionSummary, String)> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.begin_read().await?;
        let row: Option<VersionRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT s.code, s.version, s.definition, s.published_at, u.surname, u.given_name
             FROM services s LEFT JOIN users u ON u.id = s.published_by
             WHERE s.code = $1 ORDER BY s.version DESC LIMIT 1",
        )
        .bind(code)
        .fetch_optional(conn)
        .await)?;
        let row = row.ok_or(Error::NotFound)?;
        let definition: ServiceDefinition = serde_json::from_str(&row.definition)?;
        let text = to_toml(&definition)?;
        Ok((version_summary(row, actor, locale)?, text))
    }

    /// Lists the departments a service may name, as codes and names in `locale` ordered by
    /// name, for an administrator.
    pub async fn constructor_departments(
        &self,
        actor: &Actor,
        locale: Locale,
    ) -> Result<Vec<(String, String)>> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.begin_read().await?;
        let rows: Vec<(String, String, String)> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT code, name_ru, name_en FROM departments",
        )
        .fetch_all(conn)
        .await)?;
        let mut departments: Vec<(String, String)> = rows
            .into_iter()
            .map(|(code, ru, en)| {
                let name = Localized { ru, en }.get(locale).to_string();
                (code, name)
            })
            .collect();
        departments.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(departments)
    }

    /// Parses and checks `text` without storing it, as [`Core::publish_service`] would.
    /// `code` is the service being edited, or `None` for a new one. Problems come back as
    /// [`Error::Invalid`] on [`SOURCE_FIELD`].
    pub async fn preview_service(
        &self,
        actor: &Actor,
        code: Option<&str>,
        text: &str,
    ) -> Result<ServiceDefinition> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.begin_read().await?;
        let (definition, _) = checked(&mut tx, code, text).await?;
        Ok(definition)
    }

    /// Publishes `text` as the next version of service `code`, or as version 1 of a new
    /// service when `code` is `None`, and writes it to the audit log.
    pub async fn publish_service(
        &self,
        actor: &Actor,
        code: Option<&str>,
        text: &str,
    ) -> Result<Published> {
        actor.require(Role::Admin)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let (definition, latest) = checked(&mut tx, code, text).await?;
        if let Some((version, stored)) = &latest
            && *stored == definition
        {
            return Err(source_error(
                Message::new("admin-error-unchanged").arg("version", version),
            ));
        }
        let version = next_version(&mut tx, &definition.code).await?;
        let inserted =
            insert_version(&mut tx, &definition, version, Some(actor.user_id), now).await;
        if let Err(Error::Database(error)) = &inserted
            && matches!(
                unique_violation(error).as_deref(),
                Some("services_pkey" | "services_code_version_key")
            )
        {
            // Another administrator published the same version number first.
            return Err(Error::rejected("admin-error-concurrent"));
        }
        inserted?;
        let event = audit::Event::new(audit::Action::ServicePublished, Some(actor.user_id))
            .detail("service_code", definition.code.clone())
            .detail("service_version", version.to_string());
        audit::record(&mut tx, now, event).await?;
        tx.commit().await?;
        tracing::info!(
            service.code = %definition.code,
            service.version = version,
            user.id = %actor.user_id,
            "service published by an administrator"
        );
        Ok(Published {
            code: definition.code,
            version,
        })
    }
}

/// Returns `definition` as the TOML text of a catalogue file.
pub fn to_toml(definition: &ServiceDefinition) -> Result<String> {
    toml::to_string_pretty(definition)
        .map_err(|error| Error::Internal(format!("service definition as TOML: {error}")))
}

/// Parses `text` as a service definition. A problem comes back with the line and column
/// where the parser stopped (a syntax error, or a key that is missing or of the wrong
/// type), or with the path of a key that no definition has, such as a misspelt one.
pub fn parse_source(text: &str) -> Result<ServiceDefinition> {
    let table = toml::from_str::<toml::Table>(text)
        .map_err(|error| toml_error(text, "admin-error-toml-syntax", &error))?;
    let definition = toml::from_str::<ServiceDefinition>(text)
        .map_err(|error| toml_error(text, "admin-error-toml-structure", &error))?;

    // serde skips unknown keys, so a misspelt `requird = true` would vanish without a
    // word. Every key the definition reads comes back when it is written out again.
    let known = toml::Table::try_from(&definition)
        .map_err(|error| Error::Internal(format!("service definition as TOML: {error}")))?;
    if let Some(key) = unknown_key(&table, &known, "") {
        return Err(source_error(
            Message::new("admin-error-unknown-key").arg("key", key),
        ));
    }
    Ok(definition)
}

/// Finds a key of `typed` that `known` lacks and returns its path, such as
/// `fields.surname.requird`. Items of arrays are named by their `name` or `code`, or by
/// their number from 1. An empty array counts as known, because the definition leaves
/// out the empty lists it writes.
fn unknown_key(typed: &toml::Table, known: &toml::Table, path: &str) -> Option<String> {
    for (key, value) in typed {
        let place = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let Some(known_value) = known.get(key) else {
            let empty = value.as_array().is_some_and(|items| items.is_empty());
            if empty {
                continue;
            }
            return Some(place);
        };
        let found = match (value, known_value) {
            (toml::Value::Table(inner), toml::Value::Table(known_inner)) => {
                unknown_key(inner, known_inner, &place)
            }
            (toml::Value::Array(items), toml::Value::Array(known_items)) => items
                .iter()
                .zip(known_items)
                .enumerate()
                .find_map(|(index, pair)| match pair {
                    (toml::Value::Table(item), toml::Value::Table(known_item)) => {
                        let name = item
                            .get("name")
                            .or_else(|| item.get("code"))
                            .and_then(toml::Value::as_str)
                            .map_or_else(|| (index + 1).to_string(), str::to_string);
                        unknown_key(item, known_item, &format!("{place}.{name}"))
                    }
                    _ => None,
                }),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Parses and checks `text` as the service `code` (or a new service for `None`): the
/// definition itself, the department and grounds for refusal it names, and its code.
/// Returns the definition and the latest stored version of its service.
async fn checked(
    tx: &mut Tx,
    code: Option<&str>,
    text: &str,
) -> Result<(ServiceDefinition, Option<(i32, ServiceDefinition)>)> {
    let definition = parse_source(text)?;
    definition.check().map_err(problem_error)?;
    if let Some(unknown) = definition
        .refusal_reasons
        .iter()
        .find(|code| refusal_reason(code).is_none())
    {
        return Err(source_error(
            Message::new("definition-refusal-reason-unknown").arg("code", unknown),
        ));
    }
    if !department_exists(tx, &definition.department).await? {
        return Err(source_error(
            Message::new("definition-department-unknown").arg("code", &definition.department),
        ));
    }

    let latest = latest_service(tx, &definition.code).await?;
    match code {
        Some(code) => {
            if latest_service(tx, code).await?.is_none() {
                return Err(Error::NotFound);
            }
            if definition.code != code {
                return Err(source_error(
                    Message::new("admin-error-code-changed").arg("code", code),
                ));
            }
        }
        None if latest.is_some() => {
            return Err(source_error(
                Message::new("admin-error-code-taken").arg("code", &definition.code),
            ));
        }
        None => {}
    }
    Ok((definition, latest))
}

async fn department_exists(tx: &mut Tx, code: &str) -> Result<bool> {
    let found: Option<i32> = on_conn!(tx, conn => sqlx::query_scalar(
        "SELECT 1 FROM departments WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(conn)
    .await)?;
    Ok(found.is_some())
}

fn source_error(message: Message) -> Error {
    Error::field(SOURCE_FIELD, message)
}

fn problem_error(problem: DefinitionProblem) -> Error {
    source_error(problem.message)
}

/// Converts an error of the TOML parser into a message with the line and column, counted
/// from 1, where the parser stopped. The parser's own text is English and is passed as `detail`.
fn toml_error(text: &str, key: &str, error: &toml::de::Error) -> Error {
    let offset = error.span().map_or(0, |span| span.start).min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |start| start.chars().count())
        + 1;
    source_error(
        Message::new(key)
            .arg("line", line)
            .arg("column", column)
            .arg("detail", error.message().trim()),
    )
}

fn version_summary(
    row: VersionRow,
    actor: &Actor,
    locale: Locale,
) -> Result<ServiceVersionSummary> {
    let definition: ServiceDefinition = serde_json::from_str(&row.definition)?;
    let title: &Localized = &definition.title;
    let published_by = match (row.surname, row.given_name) {
        (Some(surname), Some(given_name)) => Some(format!("{surname} {given_name}")),
        _ => None,
    };
    Ok(ServiceVersionSummary {
        code: row.code,
        title: title.get(locale).to_string(),
        version: row.version,
        published_at: time::local(row.published_at, &actor.time_zone),
        published_by,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_services_round_trip_through_toml() {
        let (_, services) = super::super::bundled().unwrap();
        for service in services {
            let text = to_toml(&service).unwrap();
            let parsed = parse_source(&text).unwrap_or_else(|error| {
                panic!("{}: {error:?}\n{text}", service.code);
            });
            assert_eq!(parsed, service, "{}", service.code);
            assert_eq!(to_toml(&parsed).unwrap(), text, "{}", service.code);
        }
    }

    #[test]
    fn new_service_example_is_valid() {
        let example = parse_source(NEW_SERVICE_EXAMPLE).unwrap();
        assert_eq!(example.check(), Ok(()));
        let (departments, services) = super::super::bundled().unwrap();
        assert!(departments.iter().any(|d| d.code == example.department));
        assert!(services.iter().all(|service| service.code != example.code));
    }

    fn message_of(error: Error) -> Message {
        match error {
            Error::Invalid(errors) => errors.get(SOURCE_FIELD).unwrap().clone(),
            other => panic!("expected invalid input, got {other:?}"),
        }
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let text = "code = \"x\"\ndepartment = \"mvd\"\ntitle = { ru = \"Т\", en = }\n";
        let message = message_of(parse_source(text).unwrap_err());
        assert_eq!(message.key, "admin-error-toml-syntax");
        assert!(
            message.args.contains(&("line".into(), "3".into())),
            "{message:?}"
        );
        assert!(
            message.args.contains(&("column".into(), "26".into())),
            "{message:?}"
        );
    }

    #[test]
    fn misspelt_key_is_named_by_its_path() {
        let text = NEW_SERVICE_EXAMPLE.replacen("required = true", "requird = true", 1);
        let message = message_of(parse_source(&text).unwrap_err());
        assert_eq!(message.key, "admin-error-unknown-key");
        assert_eq!(
            message.args,
            vec![("key".to_string(), "fields.surname.requird".to_string())]
        );
    }

    #[test]
    fn missing_key_is_a_structure_error() {
        let message = message_of(parse_source("code = \"x\"\n").unwrap_err());
        assert_eq!(message.key, "admin-error-toml-structure");
        let detail = &message
            .args
            .iter()
            .find(|(name, _)| name == "detail")
            .unwrap()
            .1;
        assert!(detail.contains("department"), "{detail}");
    }
}
