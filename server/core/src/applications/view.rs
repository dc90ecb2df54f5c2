//! Reading applications: the citizen's list, the page of one application, its documents.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kabinet_shared::Locale;
use kabinet_shared::applications::{ApplicationFilter, ApplicationSort, PAGE_SIZE};
use kabinet_shared::model::{
    AnswerView, ApplicationDetail, ApplicationPage, ApplicationStatus, ApplicationSummary,
    BatchApplication, DocumentView, HistoryStep, ReasonOption, Role, StatusChange,
};
use kabinet_shared::service::{ServiceDefinition, display_answer};
use kabinet_shared::validate::application_number::ApplicationNumber;
use uuid::Uuid;

use super::decision::{DECISION_DOCUMENT, RESULT_DOCUMENT};
use super::official::is_head;
use super::{ApplicationRow, application_columns, open_answers};
use crate::accounts::full_name;
use crate::catalogue::{
    department_name, refusal_reason, refusal_reasons_for, service_codes_matching, service_version,
};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::sql_filter::{Bind, Condition, filtered, start_of_day};
use crate::{Actor, Core, audit, on_conn, time};

/// Most applications one list shows.
pub const LIST_LIMIT: i64 = 200;

#[derive(sqlx::FromRow)]
struct EventRow {
    occurred_at: DateTime<Utc>,
    status: String,
    comment: Option<String>,
    action: Option<String>,
    reason_code: Option<String>,
    assignee_surname: Option<String>,
    assignee_given_name: Option<String>,
    assignee_patronymic: Option<String>,
    actor_id: Option<Uuid>,
    actor_surname: Option<String>,
    actor_given_name: Option<String>,
    actor_patronymic: Option<String>,
    actor_role: Option<String>,
    actor_department: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    id: Uuid,
    document_code: String,
    file_name: String,
    content_type: String,
    size: i64,
}

/// A downloaded document.
#[derive(Clone, Debug)]
pub struct DocumentFile {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Service definitions by code and version, loaded once per request.
#[derive(Default)]
pub(crate) struct Definitions(HashMap<(String, i32), ServiceDefinition>);

impl Definitions {
    pub async fn get(
        &mut self,
        tx: &mut Tx,
        code: &str,
        version: i32,
    ) -> Result<&ServiceDefinition> {
        let key = (code.to_string(), version);
        if !self.0.contains_key(&key) {
            let definition = service_version(tx, code, version).await?;
            self.0.insert(key.clone(), definition);
        }
        Ok(&self.0[&key])
    }
}

pub(crate) fn display_number(stored: &str) -> String {
    ApplicationNumber::parse(stored)
        .map_or_else(|_| stored.to_string(), |number| number.to_string())
}

impl Core {
    /// Summarises an application for a list, with its processing deadline unless decided.
    pub(crate) fn summary(
        &self,
        row: &ApplicationRow,
        service: &ServiceDefinition,
        viewer: &Actor,
        locale: Locale,
        applicant: Option<String>,
        assignee: Option<String>,
    ) -> ApplicationSummary {
        let status = row.status();
        let deadline = (!status.is_final()).then(|| {
            row.due_on
                .unwrap_or_else(|| self.due_on(row.created_at, service.processing_days))
        });
        let today = self.deadline_today();
        ApplicationSummary {
            id: row.id,
            number: display_number(&row.number),
            service_title: service.title.get(locale).to_string(),
            status,
            submitted_at: time::local(row.created_at, &viewer.time_zone),
            updated_at: time::local(row.updated_at, &viewer.time_zone),
            applicant,
            assignee,
            deadline,
            days_left: deadline.map(|deadline| self.calendar.days_left(today, deadline)),
        }
    }

    /// The citizen's newest applications, at most [`LIST_LIMIT`], newest first.
    pub async fn my_applications(
        &self,
        actor: &Actor,
        locale: Locale,
    ) -> Result<Vec<ApplicationSummary>> {
        self.applications_of(actor, locale, LIST_LIMIT).await
    }

    /// One page of the citizen's applications that match `filter`, in its order, with the
    /// count of all that match. A page past the last shows the last page.
    pub async fn my_applications_page(
        &self,
        actor: &Actor,
        filter: &ApplicationFilter,
        locale: Locale,
    ) -> Result<ApplicationPage> {
        let mut tx = self.db.begin_read().await?;
        let mut condition = Condition::new("a.user_id = $1", Bind::Uuid(actor.user_id));
        if let Some(digits) = &filter.number {
            let placeholder = condition.push(Bind::Text(format!("%{digits}%")));
            condition.and(&format!("a.number LIKE {placeholder}"));
        }
        if !filter.words.is_empty() || filter.category.is_some() {
            let codes = service_codes_matching(&mut tx, &filter.words, filter.category).await?;
            condition.and_in("a.service_code", codes);
        }
        if let Some(status) = filter.status {
            let placeholder = condition.push(Bind::Text(status.code().to_string()));
            condition.and(&format!("a.status = {placeholder}"));
        }
        if let Some(service) = &filter.service {
            let placeholder = condition.push(Bind::Text(service.clone()));
            condition.and(&format!("a.service_code = {placeholder}"));
        }
        if let Some(from) = filter.from {
            let placeholder = condition.push(Bind::Time(start_of_day(from, &actor.time_zone)));
            condition.and(&format!("a.created_at >= {placeholder}"));
        }
        if let Some(to) = filter.to.and_then(|to| to.succ_opt()) {
            let placeholder = condition.push(Bind::Time(start_of_day(to, &actor.time_zone)));
            condition.and(&format!("a.created_at < {placeholder}"));
        }

        let count_sql = format!(
            "SELECT COUNT(*) FROM applications a WHERE {}",
            condition.sql
        );
        let (total,): (i64,) = filtered!(&mut tx, count_sql, condition, fetch_one, (i64,))?;
        let total = u64::try_from(total).unwrap_or(0);
        let pages = u32::try_from(total.div_ceil(u64::from(PAGE_SIZE)).max(1)).unwrap_or(u32::MAX);
        let page = filter.page.clamp(1, pages);
        let offset = u64::from(page - 1) * u64::from(PAGE_SIZE);
        let order = match filter.sort {
            ApplicationSort::Newest => "a.created_at DESC, a.id DESC",
            ApplicationSort::Oldest => "a.created_at, a.id",
            ApplicationSort::Updated => "a.updated_at DESC, a.id DESC",
        };
        let sql = format!(
            concat!(
                "SELECT ",
                application_columns!(),
                " FROM applications a WHERE {} ORDER BY {} LIMIT {} OFFSET {}"
            ),
            condition.sql, order, PAGE_SIZE, offset
        );
        let rows: Vec<ApplicationRow> =
            filtered!(&mut tx, sql, condition, fetch_all, ApplicationRow)?;

        let mut definitions = Definitions::default();
        let mut applications = Vec::with_capacity(rows.len());
        for row in &rows {
            let service = definitions
                .get(&mut tx, &row.service_code, row.service_version)
                .await?;
            applications.push(self.summary(row, service, actor, locale, None, None));
        }
        Ok(ApplicationPage {
            applications,
            total,
            page,
            pages,
        })
    }

    /// Every application of the citizen, newest first, for the export of their data.
    pub(crate) async fn all_my_applications(
        &self,
        actor: &Actor,
        locale: Locale,
    ) -> Result<Vec<ApplicationSummary>> {
        self.applications_of(actor, locale, i64::MAX).await
    }

    /// Every application of the citizen in full (answers, documents, status history and
    /// messages), newest first, for the export of their data.
    pub(crate) async fn all_my_application_details(
        &self,
        actor: &Actor,
        locale: Locale,
    ) -> Result<Vec<ApplicationDetail>> {
        let mut tx = self.db.begin_read().await?;
        let sql = concat!(
            "SELECT ",
            application_columns!(),
            " FROM applications a WHERE a.user_id = $1 ORDER BY a.created_at DESC, a.id DESC"
        );
        let rows: Vec<ApplicationRow> = on_conn!(&mut tx, conn => sqlx::query_as(sql)
            .bind(actor.user_id)
            .fetch_all(conn)
            .await)?;
        let mut details = Vec::with_capacity(rows.len());
        for row in &rows {
            details.push(self.detail(&mut tx, row, actor, locale).await?);
        }
        Ok(details)
    }

    async fn applications_of(
        &self,
        actor: &Actor,
        locale: Locale,
        limit: i64,
    ) -> Result<Vec<ApplicationSummary>> {
        let mut tx = self.db.begin_read().await?;
        let sql = concat!(
            "SELECT ",
            application_columns!(),
            " FROM applications a WHERE a.user_id = $1 ORDER BY a.created_at DESC, a.id DESC LIMIT $2"
        );
        let rows: Vec<ApplicationRow> = on_conn!(&mut tx, conn => sqlx::query_as(sql)
            .bind(actor.user_id)
            .bind(limit)
            .fetch_all(conn)
            .await)?;

        let mut definitions = Definitions::default();
        let mut summaries = Vec::with_capacity(rows.len());
        for row in &rows {
            let service = definitions
                .get(&mut tx, &row.service_code, row.service_version)
                .await?;
            summaries.push(self.summary(row, service, actor, locale, None, None));
        }
        Ok(summaries)
    }

    /// One application as its applicant or an official of its department sees it.
    /// Anyone else gets [`Error::NotFound`], as if it did not exist.
    pub async fn application(
        &self,
        actor: &Actor,
        id: Uuid,
        locale: Locale,
    ) -> Result<ApplicationDetail> {
        let mut tx = self.db.begin_read().await?;
        let row = visible_application(&mut tx, actor, id).await?;
        let mut detail = self.detail(&mut tx, &row, actor, locale).await?;
        drop(tx);
        // NOTE: this reads the service definition and the answers again, after `detail`,
        // and opens the whole profile; a shared loader would save two queries per page.
        detail.profile_offers = self.profile_offers(actor, &row, locale).await?;
        if actor.role == Role::Official {
            self.audit_staff_access(actor, &row, audit::Action::ApplicationViewed, None)
                .await?;
        }
        Ok(detail)
    }

    /// Writes an official's access to an applicant's data to the audit log.
    async fn audit_staff_access(
        &self,
        actor: &Actor,
        row: &ApplicationRow,
        action: audit::Action,
        document_id: Option<Uuid>,
    ) -> Result<()> {
        let mut event = audit::Event::new(action, Some(actor.user_id))
            .subject(row.user_id)
            .application(row.id);
        if let Some(document_id) = document_id {
            event = event.detail("document_id", document_id.to_string());
        }
        let mut tx = self.db.begin().await?;
        audit::record(&mut tx, self.clock.now(), event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A document of an application, for its applicant or an official of its department.
    pub async fn application_document(
        &self,
        actor: &Actor,
        application_id: Uuid,
        document_id: Uuid,
    ) -> Result<DocumentFile> {
        let mut tx = self.db.begin_read().await?;
        let application = visible_application(&mut tx, actor, application_id).await?;
        let row: Option<(String, String, String)> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT blob_key, file_name, content_type FROM application_documents WHERE id = $1 AND application_id = $2",
        )
        .bind(document_id)
        .bind(application_id)
        .fetch_optional(conn)
        .await)?;
        drop(tx);

        let (blob_key, file_name, content_type) = row.ok_or(Error::NotFound)?;
        let bytes = self.files.get(&self.keys, &blob_key).await?;
        if actor.role == Role::Official {
            self.audit_staff_access(
                actor,
                &application,
                audit::Action::DocumentDownloaded,
                Some(document_id),
            )
            .await?;
        }
        Ok(DocumentFile {
            file_name,
            content_type,
            bytes,
        })
    }

    pub(crate) async fn detail(
        &self,
        tx: &mut Tx,
        row: &ApplicationRow,
        viewer: &Actor,
        locale: Locale,
    ) -> Result<ApplicationDetail> {
        let service = service_version(tx, &row.service_code, row.service_version).await?;
        let answers = open_answers(&self.keys.data, row.id, &row.answers_enc)?;
        let answers = service
            .slots(&answers)
            .into_iter()
            .map(|slot| AnswerView {
                label: slot.label(locale),
                value: display_answer(slot.field, &answers[&slot.key], locale),
            })
            .collect();

        let is_staff = viewer.role == Role::Official;
        let applicant = if is_staff {
            Some(person_name(tx, row.user_id).await?)
        } else {
            None
        };
        let assignee = match row.assignee_id {
            Some(id) if is_staff => Some(person_name(tx, id).await?),
            _ => None,
        };
        let status = row.status();
        let is_assignee = row.assignee_id == Some(viewer.user_id);
        let allowed_statuses = if is_staff && is_assignee {
            status.official_targets().to_vec()
        } else {
            Vec::new()
        };
        let refusal_reasons = if allowed_statuses.contains(&ApplicationStatus::Refused) {
            refusal_reasons_for(&service)
                .into_iter()
                .map(|reason| ReasonOption {
                    code: reason.code.clone(),
                    title: reason.title.get(locale).to_string(),
                })
                .collect()
        } else {
            Vec::new()
        };
        let may_reassign =
            is_staff && !status.is_final() && (is_assignee || is_head(tx, viewer).await?);
        let colleagues = if may_reassign {
            self.colleagues_in(tx, viewer).await?
        } else {
            Vec::new()
        };

        Ok(ApplicationDetail {
            summary: self.summary(row, &service, viewer, locale, applicant, assignee),
            department: department_name(tx, &row.department_code, locale).await?,
            answers,
            documents: documents(tx, row.id, &service, locale).await?,
            history: self.status_history(tx, row, viewer, locale).await?,
            allowed_statuses,
            can_take: is_staff && status == ApplicationStatus::Submitted,
            can_withdraw: row.user_id == viewer.user_id && !status.is_final(),
            messages: self.thread(tx, row, viewer, locale).await?,
            can_post: Self::can_post(viewer, row),
            profile_offers: Vec::new(),
            can_return: is_staff && is_assignee && status == ApplicationStatus::InProgress,
            colleagues,
            refusal_reasons,
            can_correct: super::correction::can_correct(viewer, row),
            corrections: self.corrections(tx, row, &service, viewer, locale).await?,
            batch: batch_of(tx, row.id).await?,
        })
    }

    async fn status_history(
        &self,
        tx: &mut Tx,
        row: &ApplicationRow,
        viewer: &Actor,
        locale: Locale,
    ) -> Result<Vec<StatusChange>> {
        let events: Vec<EventRow> = on_conn!(tx, conn => sqlx::query_as(
            "SELECT e.occurred_at, e.status, e.comment, e.action, e.reason_code, e.actor_id,
                    u.surname AS actor_surname, u.given_name AS actor_given_name,
                    u.patronymic AS actor_patronymic, u.role AS actor_role,
                    u.department_code AS actor_department, assignee.surname AS assignee_surname,
                    assignee.given_name AS assignee_given_name,
                    assignee.patronymic AS assignee_patronymic
             FROM application_events e LEFT JOIN users u ON u.id = e.actor_id
             LEFT JOIN users assignee ON assignee.id = e.assignee_id
             WHERE e.application_id = $1 ORDER BY e.occurred_at, e.id",
        )
        .bind(row.id)
        .fetch_all(conn)
        .await)?;

        let mut changes = Vec::with_capacity(events.len());
        for event in events {
            let actor = match (
                &event.actor_id,
                &event.actor_surname,
                &event.actor_given_name,
            ) {
                (Some(id), Some(surname), Some(given_name)) if *id != row.user_id => {
                    let name = full_name(surname, given_name, event.actor_patronymic.as_deref());
                    let is_official = event.actor_role.as_deref() == Some(Role::Official.code());
                    match event.actor_department.as_deref().filter(|_| is_official) {
                        Some(code) => Some(format!(
                            "{name}, {}",
                            department_name(tx, code, locale).await?
                        )),
                        None => Some(name),
                    }
                }
                _ => None,
            };
            changes.push(StatusChange {
                at: time::local(event.occurred_at, &viewer.time_zone),
                status: ApplicationStatus::parse(&event.status)
                    .unwrap_or(ApplicationStatus::Submitted),
                actor,
                comment: event.comment,
                step: match (
                    event.action.as_deref(),
                    &event.assignee_surname,
                    &event.assignee_given_name,
                ) {
                    (Some("returned"), _, _) => HistoryStep::Returned,
                    (Some("corrected"), _, _) => HistoryStep::Corrected,
                    (Some("reassigned"), Some(surname), Some(given_name)) => {
                        HistoryStep::Reassigned(full_name(
                            surname,
                            given_name,
                            event.assignee_patronymic.as_deref(),
                        ))
                    }
                    _ => HistoryStep::Status,
                },
                reason: event
                    .reason_code
                    .as_deref()
                    .and_then(refusal_reason)
                    .map(|reason| reason.title.get(locale).to_string()),
            });
        }
        Ok(changes)
    }
}

/// Loads an application that `actor` may see: their own, or one of their department's
/// for an official.
pub(crate) async fn visible_application(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
) -> Result<ApplicationRow> {
    let sql = concat!(
        "SELECT ",
        application_columns!(),
        " FROM applications a WHERE a.id = $1"
    );
    let row: Option<ApplicationRow> =
        on_conn!(tx, conn => sqlx::query_as(sql).bind(id).fetch_optional(conn).await)?;
    let row = row.ok_or(Error::NotFound)?;
    let visible = match actor.role {
        Role::Citizen => row.user_id == actor.user_id,
        Role::Official => actor.department.as_deref() == Some(row.department_code.as_str()),
        Role::Support | Role::Admin => false,
    };
    if visible {
        Ok(row)
    } else {
        Err(Error::NotFound)
    }
}

pub(super) async fn person_name(tx: &mut Tx, user_id: Uuid) -> Result<String> {
    let (surname, given_name, patronymic): (String, String, Option<String>) = on_conn!(tx, conn => sqlx::query_as(
        "SELECT surname, given_name, patronymic FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_one(conn)
    .await)?;
    Ok(full_name(&surname, &given_name, patronymic.as_deref()))
}

async fn documents(
    tx: &mut Tx,
    application_id: Uuid,
    service: &ServiceDefinition,
    locale: Locale,
) -> Result<Vec<DocumentView>> {
    let rows: Vec<DocumentRow> = on_conn!(tx, conn => sqlx::query_as(
        "SELECT id, document_code, file_name, content_type, size FROM application_documents
         WHERE application_id = $1 AND message_id IS NULL ORDER BY created_at, id",
    )
    .bind(application_id)
    .fetch_all(conn)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|row| DocumentView {
            id: row.id,
            title: match row.document_code.as_str() {
                DECISION_DOCUMENT => kabinet_shared::i18n::text(locale, "decision-document-title"),
                RESULT_DOCUMENT => kabinet_shared::i18n::text(locale, "result-document-title"),
                code => service.document(code).map_or_else(
                    || code.to_string(),
                    |document| document.title.get(locale).to_string(),
                ),
            },
            file_name: row.file_name,
            content_type: row.content_type,
            size: u64::try_from(row.size).unwrap_or(0),
        })
        .collect())
}

/// Returns the other applications made by the same form as application `id`, in the order
/// of the items: their ids come from `Uuid::now_v7`, which orders the ids one process draws.
async fn batch_of(tx: &mut Tx, id: Uuid) -> Result<Vec<BatchApplication>> {
    let rows: Vec<(Uuid, String)> = on_conn!(&mut *tx, conn => sqlx::query_as(
        "SELECT other.id, other.number FROM applications a
         JOIN applications other ON other.batch_id = a.batch_id AND other.id <> a.id
         WHERE a.id = $1
         ORDER BY other.id",
    )
    .bind(id)
    .fetch_all(conn)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, number)| BatchApplication {
            id,
            number: display_number(&number),
        })
        .collect())
}
