//! Templates of applications: the answers of one of a person's applications kept under a
//! name, to start new forms of the same service from them.
//!
//! A template keeps answers only. Attached files are not copied, because a new application
//! usually needs fresh documents. The name and the answers are sealed together, since a
//! name such as "For my daughter Anna" is personal data too.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kabinet_shared::model::{HistoryStatus, Role, TemplateView};
use kabinet_shared::{Locale, Message};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::view::visible_application;
use super::{display_number, open_answers};
use crate::crypto::{open, seal};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::keys::DataKeyring;
use crate::{Actor, Core, execute, on_conn, time};

/// Maximum templates a person keeps at once.
pub const TEMPLATES_MAX: usize = 50;

/// Maximum length of a template's name, in characters.
pub const TEMPLATE_NAME_MAX_CHARS: usize = 100;

/// The sealed part of a template.
#[derive(Serialize, Deserialize)]
struct Content {
    name: String,
    answers: BTreeMap<String, String>,
}

fn content_context(id: Uuid) -> Vec<u8> {
    format!("application_templates.content:{id}").into_bytes()
}

fn seal_content(keys: &DataKeyring, id: Uuid, content: &Content) -> Result<Vec<u8>> {
    Ok(seal(
        keys,
        &content_context(id),
        &serde_json::to_vec(content)?,
    ))
}

fn open_content(keys: &DataKeyring, id: Uuid, sealed: &[u8]) -> Result<Content> {
    Ok(serde_json::from_slice(&open(
        keys,
        &content_context(id),
        sealed,
    )?)?)
}

/// Returns the form of a name that names are compared in: trimmed, with inner runs of white
/// space made one space, in lower case, so that "Для Анны" and " для  анны" are the same.
fn normalized_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Checks a template's name as typed and returns it trimmed.
fn checked_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::field(
            "template_name",
            Message::new("error-required"),
        ));
    }
    if name.chars().count() > TEMPLATE_NAME_MAX_CHARS {
        return Err(Error::field(
            "template_name",
            Message::new("error-too-long").arg("max", TEMPLATE_NAME_MAX_CHARS),
        ));
    }
    Ok(name.to_string())
}

#[derive(sqlx::FromRow)]
struct TemplateRow {
    id: Uuid,
    service_code: String,
    content_enc: Vec<u8>,
    created_at: DateTime<Utc>,
}

/// A template loaded to fill a form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub service_code: String,
    pub name: String,
    pub answers: BTreeMap<String, String>,
}

impl Core {
    /// Saves the answers of the person's own application `application_id` as a template
    /// named `name`, and returns the template's id. The name must be new among the
    /// person's templates, compared without regard to case and spacing.
    pub async fn save_template(
        &self,
        actor: &Actor,
        application_id: Uuid,
        name: &str,
    ) -> Result<Uuid> {
        if actor.role != Role::Citizen {
            return Err(Error::Forbidden);
        }
        let name = checked_name(name)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let row = visible_application(&mut tx, actor, application_id).await?;
        let answers = open_answers(&self.keys.data, row.id, &row.answers_enc)?;

        let existing: Vec<TemplateRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT id, service_code, content_enc, created_at FROM application_templates
             WHERE user_id = $1",
        )
        .bind(actor.user_id)
        .fetch_all(conn)
        .await)?;
        let requested = normalized_name(&name);
        for template in &existing {
            let content = open_content(&self.keys.data, template.id, &template.content_enc)?;
            if normalized_name(&content.name) == requested {
                return Err(Error::field(
                    "template_name",
                    Message::new("error-template-name-taken"),
                ));
            }
        }
        // NOTE: two saves at the same moment on PostgreSQL may both see 49 templates and end
        // with 51, as with drafts. The limit guards storage and is no rule of the service.
        if existing.len() >= TEMPLATES_MAX {
            return Err(Error::field(
                "template_name",
                Message::new("error-templates-too-many").arg("max", TEMPLATES_MAX),
            ));
        }

        let id = Uuid::now_v7();
        let content = Content { name, answers };
        execute!(&mut tx, sqlx::query(
            "INSERT INTO application_templates (id, user_id, service_code, content_enc, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(actor.user_id)
        .bind(&row.service_code)
        .bind(seal_content(&self.keys.data, id, &content)?)
        .bind(now))?;
        let entry = Entry::new(actor.user_id, Kind::TemplateSaved, HistoryStatus::Succeeded)
            .application(row.id)
            .service(&row.service_code)
            .detail("number", display_number(&row.number));
        history::record(&mut tx, now, entry).await?;
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, template.id = %id, service = %row.service_code, "template saved");
        Ok(id)
    }

    /// Lists the person's templates, the most recent first.
    pub async fn templates(&self, actor: &Actor, locale: Locale) -> Result<Vec<TemplateView>> {
        self.templates_of(actor, None, locale).await
    }

    /// Lists the person's templates of the service `code`, the most recent first. Only
    /// those templates are opened.
    pub async fn service_templates(
        &self,
        actor: &Actor,
        code: &str,
        locale: Locale,
    ) -> Result<Vec<TemplateView>> {
        self.templates_of(actor, Some(code), locale).await
    }

    async fn templates_of(
        &self,
        actor: &Actor,
        service_code: Option<&str>,
        locale: Locale,
    ) -> Result<Vec<TemplateView>> {
        let rows: Vec<TemplateRow> = {
            let mut tx = self.db.begin_read().await?;
            on_conn!(&mut tx, conn => sqlx::query_as(
                "SELECT id, service_code, content_enc, created_at FROM application_templates
                 WHERE user_id = $1 AND ($2 IS NULL OR service_code = $2)
                 ORDER BY created_at DESC, id DESC",
            )
            .bind(actor.user_id)
            .bind(service_code)
            .fetch_all(conn)
            .await)?
        };
        // Several templates often share a service, so each title is read once.
        let mut titles: BTreeMap<String, String> = BTreeMap::new();
        let mut templates = Vec::with_capacity(rows.len());
        for row in rows {
            let content = open_content(&self.keys.data, row.id, &row.content_enc)?;
            if !titles.contains_key(&row.service_code) {
                let title = match self.service(&row.service_code).await? {
                    Some((_, service)) => service.title.get(locale).to_string(),
                    None => row.service_code.clone(),
                };
                titles.insert(row.service_code.clone(), title);
            }
            templates.push(TemplateView {
                id: row.id,
                name: content.name,
                service_title: titles[&row.service_code].clone(),
                service_code: row.service_code,
                created_at: time::local(row.created_at, &actor.time_zone),
                answers: u32::try_from(content.answers.len()).unwrap_or(u32::MAX),
            });
        }
        Ok(templates)
    }

    /// Loads the person's template `id`.
    pub async fn template(&self, actor: &Actor, id: Uuid) -> Result<Template> {
        let row: Option<TemplateRow> = {
            let mut tx = self.db.begin_read().await?;
            on_conn!(&mut tx, conn => sqlx::query_as(
                "SELECT id, service_code, content_enc, created_at FROM application_templates
                 WHERE id = $1 AND user_id = $2",
            )
            .bind(id)
            .bind(actor.user_id)
            .fetch_optional(conn)
            .await)?
        };
        let row = row.ok_or(Error::NotFound)?;
        let content = open_content(&self.keys.data, row.id, &row.content_enc)?;
        Ok(Template {
            service_code: row.service_code,
            name: content.name,
            answers: content.answers,
        })
    }

    /// Deletes the person's template `id`.
    pub async fn delete_template(&self, actor: &Actor, id: Uuid) -> Result<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let service_code: Option<String> = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "DELETE FROM application_templates WHERE id = $1 AND user_id = $2 RETURNING service_code",
        )
        .bind(id)
        .bind(actor.user_id)
        .fetch_optional(conn)
        .await)?;
        let service_code = service_code.ok_or(Error::NotFound)?;
        let entry = Entry::new(
            actor.user_id,
            Kind::TemplateDeleted,
            HistoryStatus::Succeeded,
        )
        .service(&service_code);
        history::record(&mut tx, now, entry).await?;
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, template.id = %id, "template deleted");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_case_and_spacing() {
        assert_eq!(normalized_name("  Для   Анны "), "для анны");
        assert_eq!(normalized_name("ДЛЯ АННЫ"), normalized_name("для анны"));
        assert_ne!(normalized_name("для Анны"), normalized_name("для Ани"));
    }

    #[test]
    fn name_is_trimmed_and_bounded() {
        assert_eq!(checked_name("  Сыну  ").unwrap(), "Сыну");
        let longest = "я".repeat(TEMPLATE_NAME_MAX_CHARS);
        assert_eq!(checked_name(&longest).unwrap(), longest);
        assert!(matches!(checked_name("   "), Err(Error::Invalid(_))));
        let too_long = "я".repeat(TEMPLATE_NAME_MAX_CHARS + 1);
        assert!(matches!(checked_name(&too_long), Err(Error::Invalid(_))));
    }
}
