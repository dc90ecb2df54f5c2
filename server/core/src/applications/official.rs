//! The officials' work: the department queue, taking an application, giving it back or
//! handing it to a colleague, and deciding it. Each step is committed with its line in
//! the application's history and its audit entry; a status change also with the
//! applicant's journal entry and notification.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kabinet_shared::applications::{QUEUE_PAGE_SIZE, QueueAssignee, QueueFilter};
use kabinet_shared::model::{ApplicationPage, ApplicationStatus, Colleague, HistoryStatus, Role};
use kabinet_shared::notify::Category;
use kabinet_shared::{Locale, Message};
use uuid::Uuid;

use super::dashboard::statuses_in;
use super::decision::{RESULT_DOCUMENT, RESULT_MAX_FILES, ResultFile};
use super::view::{Definitions, display_number, visible_application};
use super::{
    ApplicationRow, FileUpload, NewDocument, Transition, add_document, application_columns,
    change_status, stored_file_name,
};
use crate::accounts::full_name;
use crate::catalogue::{refusal_reason, refusal_reasons_for};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::files::check_upload;
use crate::history::{self, Entry, Kind};
use crate::notifications::{self, NewNotification};
use crate::sql_filter::{Bind, Condition, filtered};
use crate::{Actor, Core, audit, on_conn};

/// Most applications one bulk action handles: one page of the queue.
pub const BULK_MAX: usize = QUEUE_PAGE_SIZE as usize;

/// Action applied to each chosen application of a bulk request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BulkAction {
    Take,
    Return,
    /// Hand to the official with this id.
    Reassign(Uuid),
}

/// Outcome of a bulk action: the numbers of the applications it changed, and for each one
/// it could not change, its number (empty when the application is not visible) and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BulkOutcome {
    pub done: Vec<String>,
    pub failed: Vec<(String, Message)>,
}

/// Longest comment an official may leave, in characters.
pub const COMMENT_MAX_CHARS: usize = 2000;

#[derive(sqlx::FromRow)]
struct QueueRow {
    #[sqlx(flatten)]
    application: ApplicationRow,
    applicant_surname: String,
    applicant_given_name: String,
    applicant_patronymic: Option<String>,
    assignee_surname: Option<String>,
    assignee_given_name: Option<String>,
    assignee_patronymic: Option<String>,
}

impl Core {
    /// One page of the official's department queue, the nearest deadline first, then the
    /// oldest. Without a status the queue contains every application not yet decided.
    pub async fn department_queue(
        &self,
        actor: &Actor,
        filter: &QueueFilter,
        locale: Locale,
    ) -> Result<ApplicationPage> {
        actor.require(Role::Official)?;
        let department = actor.department.as_deref().ok_or(Error::Forbidden)?;
        let mut condition =
            Condition::new("a.department_code = $1", Bind::Text(department.to_string()));
        match filter.status {
            Some(status) => {
                let placeholder = condition.push(Bind::Text(status.code().to_string()));
                condition.and(&format!("a.status = {placeholder}"));
            }
            None => condition.and(&statuses_in(|status| !status.is_final())),
        }
        if filter.overdue {
            let placeholder = condition.push(Bind::Date(self.deadline_today()));
            condition.and(&format!("a.due_on < {placeholder}"));
        }
        match filter.assignee {
            QueueAssignee::Anyone => {}
            QueueAssignee::Mine => {
                let placeholder = condition.push(Bind::Uuid(actor.user_id));
                condition.and(&format!("a.assignee_id = {placeholder}"));
            }
            QueueAssignee::Nobody => condition.and("a.assignee_id IS NULL"),
        }

        let mut tx = self.db.begin_read().await?;
        let count_sql = format!(
            "SELECT COUNT(*) FROM applications a WHERE {}",
            condition.sql
        );
        let (total,): (i64,) = filtered!(&mut tx, count_sql, condition, fetch_one, (i64,))?;
        let total = u64::try_from(total).unwrap_or(0);
        let pages =
            u32::try_from(total.div_ceil(u64::from(QUEUE_PAGE_SIZE)).max(1)).unwrap_or(u32::MAX);
        let page = filter.page.clamp(1, pages);
        let offset = u64::from(page - 1) * u64::from(QUEUE_PAGE_SIZE);
        // A decided application has no deadline, so those sort by age alone.
        let sql = format!(
            concat!(
                "SELECT ",
                application_columns!(),
                ", applicant.surname AS applicant_surname, applicant.given_name AS applicant_given_name,
                  applicant.patronymic AS applicant_patronymic, assignee.surname AS assignee_surname,
                  assignee.given_name AS assignee_given_name, assignee.patronymic AS assignee_patronymic
                 FROM applications a
                 JOIN users applicant ON applicant.id = a.user_id
                 LEFT JOIN users assignee ON assignee.id = a.assignee_id
                 WHERE {}
                 ORDER BY CASE WHEN a.due_on IS NULL THEN 1 ELSE 0 END, a.due_on, a.created_at, a.id
                 LIMIT {} OFFSET {}"
            ),
            condition.sql, QUEUE_PAGE_SIZE, offset
        );
        let rows: Vec<QueueRow> = filtered!(&mut tx, sql, condition, fetch_all, QueueRow)?;

        let mut definitions = Definitions::default();
        let mut applications = Vec::with_capacity(rows.len());
        for row in &rows {
            let application = &row.application;
            let service = definitions
                .get(
                    &mut tx,
                    &application.service_code,
                    application.service_version,
                )
                .await?;
            let applicant = full_name(
                &row.applicant_surname,
                &row.applicant_given_name,
                row.applicant_patronymic.as_deref(),
            );
            let assignee = match (&row.assignee_surname, &row.assignee_given_name) {
                (Some(surname), Some(given_name)) => Some(full_name(
                    surname,
                    given_name,
                    row.assignee_patronymic.as_deref(),
                )),
                _ => None,
            };
            applications.push(self.summary(
                application,
                service,
                actor,
                locale,
                Some(applicant),
                assignee,
            ));
        }
        Ok(ApplicationPage {
            applications,
            total,
            page,
            pages,
        })
    }

    /// Lists the other officials of the actor's department by name, to hand applications to.
    pub async fn colleagues(&self, actor: &Actor) -> Result<Vec<Colleague>> {
        actor.require(Role::Official)?;
        let mut tx = self.db.begin_read().await?;
        self.colleagues_in(&mut tx, actor).await
    }

    pub(crate) async fn colleagues_in(&self, tx: &mut Tx, actor: &Actor) -> Result<Vec<Colleague>> {
        let department = actor.department.as_deref().ok_or(Error::Forbidden)?;
        let rows: Vec<(Uuid, String, String, Option<String>)> = on_conn!(tx, conn => sqlx::query_as(
            "SELECT id, surname, given_name, patronymic FROM users
             WHERE role = $1 AND department_code = $2 AND id <> $3
             ORDER BY surname, given_name, id",
        )
        .bind(Role::Official.code())
        .bind(department)
        .bind(actor.user_id)
        .fetch_all(conn)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|(id, surname, given_name, patronymic)| Colleague {
                id,
                name: full_name(&surname, &given_name, patronymic.as_deref()),
            })
            .collect())
    }

    /// Checks whether the actor heads their department.
    pub async fn is_department_head(&self, actor: &Actor) -> Result<bool> {
        let mut tx = self.db.begin_read().await?;
        is_head(&mut tx, actor).await
    }

    /// Takes an application from the queue: it becomes the official's and moves to
    /// "in progress".
    pub async fn take_application(&self, actor: &Actor, id: Uuid) -> Result<()> {
        actor.require(Role::Official)?;
        let mut tx = self.db.begin().await?;
        let row = visible_application(&mut tx, actor, id).await?;
        if row.status() != ApplicationStatus::Submitted {
            return Err(Error::rejected("error-application-already-taken"));
        }
        let step = Transition::new(
            ApplicationStatus::InProgress,
            Some(actor.user_id),
            actor.user_id,
        );
        self.move_status(&mut tx, actor, &row, &step).await?;
        tx.commit().await?;
        tracing::info!(application.id = %id, user.id = %actor.user_id, "application taken");
        Ok(())
    }

    /// Sets a new status on an application the official has taken. "Action required"
    /// and "refused" need a comment that tells the applicant why; a refusal also needs
    /// its ground from the list, see [`Core::decide_application`].
    pub async fn change_application_status(
        &self,
        actor: &Actor,
        id: Uuid,
        status: ApplicationStatus,
        comment: &str,
    ) -> Result<()> {
        self.decide_application(actor, id, status, "", comment)
            .await
    }

    /// Sets a new status on an application the official has taken, with `reason`, the
    /// code of a ground for refusal from the list, when the status is "refused". Every
    /// problem of the input is reported at once, each on its field.
    pub async fn decide_application(
        &self,
        actor: &Actor,
        id: Uuid,
        status: ApplicationStatus,
        reason: &str,
        comment: &str,
    ) -> Result<()> {
        self.decide_application_with_results(actor, id, status, reason, comment, &[])
            .await
    }

    /// [`Core::decide_application`] with result documents: the files the service gives,
    /// such as a certificate, which only a completion can carry. They join the decision
    /// document among the application's documents and in the applicant's "Мои документы".
    pub async fn decide_application_with_results(
        &self,
        actor: &Actor,
        id: Uuid,
        status: ApplicationStatus,
        reason: &str,
        comment: &str,
        files: &[FileUpload],
    ) -> Result<()> {
        actor.require(Role::Official)?;
        let comment = comment.trim();
        let reason = reason.trim();
        let mut errors = kabinet_shared::FieldErrors::new();
        if status.needs_comment() && comment.is_empty() {
            errors.add("comment", Message::new("error-comment-required"));
        }
        if comment.chars().count() > COMMENT_MAX_CHARS {
            errors.add(
                "comment",
                Message::new("error-too-long").arg("max", COMMENT_MAX_CHARS),
            );
        }
        let reason = if status == ApplicationStatus::Refused {
            match reason {
                "" => {
                    errors.add("reason", Message::new("error-refusal-ground-required"));
                    None
                }
                code => match refusal_reason(code) {
                    Some(reason) => Some(reason.code.as_str()),
                    None => {
                        errors.add("reason", Message::new("error-choice"));
                        None
                    }
                },
            }
        } else {
            None
        };
        let results = self.checked_results(status, files, &mut errors);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        // Files are written before the transaction: a file without a row is harmless.
        // Without errors, the checked results are the uploads, in their order.
        for (result, upload) in results.iter().zip(files) {
            self.files
                .put(&self.keys, &result.file.key, &upload.bytes)
                .await?;
        }

        let mut tx = self.db.begin().await?;
        let row = visible_application(&mut tx, actor, id).await?;
        if row.assignee_id != Some(actor.user_id) {
            return Err(Error::rejected("error-application-not-yours"));
        }
        if !row.status().official_targets().contains(&status) {
            return Err(Error::field(
                "status",
                Message::new("error-status-not-allowed"),
            ));
        }
        // The ground must also be one that this service's regulation allows.
        if let Some(code) = reason {
            let service =
                crate::catalogue::service_version(&mut tx, &row.service_code, row.service_version)
                    .await?;
            if !refusal_reasons_for(&service)
                .iter()
                .any(|allowed| allowed.code == code)
            {
                return Err(Error::field(
                    "reason",
                    Message::new("error-refusal-ground-not-for-service"),
                ));
            }
        }
        let comment = Some(comment).filter(|comment| !comment.is_empty());
        let step = Transition::new(status, row.assignee_id, actor.user_id)
            .comment(comment)
            .reason(reason)
            .results(&results);
        self.move_status(&mut tx, actor, &row, &step).await?;
        tx.commit().await?;
        tracing::info!(application.id = %id, user.id = %actor.user_id, application.status = status.code(), "application status changed");
        Ok(())
    }

    /// Checks the result documents of a decision, adding each problem to `errors` on the
    /// field `result_files`. Only a completion carries them.
    fn checked_results(
        &self,
        status: ApplicationStatus,
        files: &[FileUpload],
        errors: &mut kabinet_shared::FieldErrors,
    ) -> Vec<ResultFile> {
        if files.is_empty() {
            return Vec::new();
        }
        if status != ApplicationStatus::Completed {
            errors.add("result_files", Message::new("error-result-only-completed"));
            return Vec::new();
        }
        if files.len() > RESULT_MAX_FILES {
            errors.add(
                "result_files",
                Message::new("error-document-too-many").arg("max", RESULT_MAX_FILES),
            );
            return Vec::new();
        }
        let mut results = Vec::with_capacity(files.len());
        for upload in files {
            match check_upload(&self.keys, &upload.bytes, self.settings.upload_max_bytes) {
                Ok(file) => results.push(ResultFile {
                    file,
                    file_name: stored_file_name(&upload.file_name),
                }),
                Err(problem) => {
                    errors.add("result_files", problem.arg("file", &upload.file_name));
                    return Vec::new();
                }
            }
        }
        results
    }

    /// Gives an application the official has taken back to the department's queue, for
    /// another official to take. Only an application "in progress" can go back: one that
    /// waits for the applicant stays with the official who asked.
    pub async fn return_application(&self, actor: &Actor, id: Uuid, comment: &str) -> Result<()> {
        actor.require(Role::Official)?;
        let comment = checked_comment(comment)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let row = visible_application(&mut tx, actor, id).await?;
        if row.assignee_id != Some(actor.user_id) {
            return Err(Error::rejected("error-application-not-yours"));
        }
        if row.status() != ApplicationStatus::InProgress {
            return Err(Error::rejected("error-application-not-returnable"));
        }
        let step = Transition::new(ApplicationStatus::Submitted, None, actor.user_id)
            .comment(comment)
            .action("returned");
        change_status(&mut tx, &row, &step, now).await?;
        let event = audit::Event::new(audit::Action::ApplicationReturned, Some(actor.user_id))
            .subject(row.user_id)
            .application(row.id);
        audit::record(&mut tx, now, event).await?;
        tx.commit().await?;
        tracing::info!(application.id = %id, user.id = %actor.user_id, "application returned to the queue");
        Ok(())
    }

    /// Hands an application to another official of the department, who is notified. The
    /// official who took it may hand it over; the head of the department may hand over any
    /// undecided application, and one nobody has taken moves to "in progress" with its new
    /// official.
    pub async fn reassign_application(
        &self,
        actor: &Actor,
        id: Uuid,
        to: Uuid,
        comment: &str,
    ) -> Result<()> {
        actor.require(Role::Official)?;
        let comment = checked_comment(comment)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let row = visible_application(&mut tx, actor, id).await?;
        let status = row.status();
        if status.is_final() {
            return Err(Error::rejected("error-application-final"));
        }
        let is_assignee = row.assignee_id == Some(actor.user_id);
        if !is_assignee && !is_head(&mut tx, actor).await? {
            return Err(Error::rejected("error-application-not-yours"));
        }
        let department = actor.department.as_deref().ok_or(Error::Forbidden)?;
        let colleague: Option<Uuid> = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT id FROM users WHERE id = $1 AND role = $2 AND department_code = $3",
        )
        .bind(to)
        .bind(Role::Official.code())
        .bind(department)
        .fetch_optional(conn)
        .await)?;
        if colleague.is_none() {
            return Err(Error::field("assignee", Message::new("error-choice")));
        }
        if row.assignee_id == Some(to) {
            return Err(Error::field(
                "assignee",
                Message::new("error-already-assignee"),
            ));
        }
        let new_status = if status == ApplicationStatus::Submitted {
            ApplicationStatus::InProgress
        } else {
            status
        };
        let step = Transition::new(new_status, Some(to), actor.user_id)
            .comment(comment)
            .action("reassigned");
        change_status(&mut tx, &row, &step, now).await?;
        let event = audit::Event::new(audit::Action::ApplicationReassigned, Some(actor.user_id))
            .subject(row.user_id)
            .application(row.id)
            .detail("assignee_id", to.to_string());
        audit::record(&mut tx, now, event).await?;
        let service =
            crate::catalogue::service_version(&mut tx, &row.service_code, row.service_version)
                .await?;
        let notification = NewNotification {
            user_id: to,
            kind: "application_assigned",
            category: Category::of_service(service.category),
            args: BTreeMap::from([("number".to_string(), display_number(&row.number))]),
            application_id: Some(row.id),
        };
        notifications::create(&mut tx, now, &self.settings.public_url, notification).await?;
        tx.commit().await?;
        tracing::info!(application.id = %id, user.id = %actor.user_id, assignee.id = %to, "application reassigned");
        Ok(())
    }

    /// Applies `action` to each application of `ids`, each in its own transaction, so
    /// that one that cannot be changed leaves the others alone. At most [`BULK_MAX`]
    /// applications; a repeated id counts once.
    pub async fn bulk_action(
        &self,
        actor: &Actor,
        ids: &[Uuid],
        action: BulkAction,
    ) -> Result<BulkOutcome> {
        actor.require(Role::Official)?;
        let mut unique: Vec<Uuid> = Vec::with_capacity(ids.len());
        for id in ids {
            if !unique.contains(id) {
                unique.push(*id);
            }
        }
        if unique.is_empty() {
            return Err(Error::field("ids", Message::new("error-bulk-none")));
        }
        if unique.len() > BULK_MAX {
            return Err(Error::field(
                "ids",
                Message::new("error-bulk-too-many").arg("max", BULK_MAX),
            ));
        }
        let mut outcome = BulkOutcome::default();
        for id in unique {
            let number = {
                let mut tx = self.db.begin_read().await?;
                match visible_application(&mut tx, actor, id).await {
                    Ok(row) => display_number(&row.number),
                    Err(Error::NotFound) => {
                        outcome
                            .failed
                            .push((String::new(), Message::new("error-application-not-found")));
                        continue;
                    }
                    Err(error) => return Err(error),
                }
            };
            let result = match action {
                BulkAction::Take => self.take_application(actor, id).await,
                BulkAction::Return => self.return_application(actor, id, "").await,
                BulkAction::Reassign(to) => self.reassign_application(actor, id, to, "").await,
            };
            match result {
                Ok(()) => outcome.done.push(number),
                Err(Error::Rejected(message)) => outcome.failed.push((number, message)),
                Err(Error::Invalid(errors)) => {
                    let message = errors
                        .0
                        .into_iter()
                        .next()
                        .map_or_else(|| Message::new("error-choice"), |error| error.message);
                    outcome.failed.push((number, message));
                }
                Err(error) => return Err(error),
            }
        }
        Ok(outcome)
    }

    /// Writes the status change with its history line, journal entry and notification.
    /// The update only applies if the status is still the one read, so two officials
    /// acting at once cannot both succeed.
    async fn move_status(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        row: &ApplicationRow,
        step: &Transition<'_>,
    ) -> Result<()> {
        let now: DateTime<Utc> = self.clock.now();
        let status = step.status;
        let comment = step.comment;
        change_status(tx, row, step, now).await?;

        let mut documents = Vec::new();
        if matches!(
            status,
            ApplicationStatus::Completed | ApplicationStatus::Refused
        ) {
            documents.push(self.issue_decision(tx, actor, row, step, now).await?);
        }
        for result in step.results {
            let document = NewDocument {
                application_id: row.id,
                code: RESULT_DOCUMENT,
                file: &result.file,
                file_name: &result.file_name,
                message_id: None,
            };
            documents.push(add_document(tx, &document, now).await?);
        }

        let number = display_number(&row.number);
        let mut entry = Entry::new(
            row.user_id,
            Kind::ApplicationStatusChanged,
            HistoryStatus::Succeeded,
        )
        .application(row.id)
        .actor(actor.user_id)
        .service(&row.service_code)
        .comment(comment)
        .detail("number", &number)
        .detail("status", status.code());
        if let Some(reason) = step.reason {
            entry = entry.detail("reason", reason);
        }
        for (document_id, file_name) in &documents {
            entry = entry.attachment(*document_id, file_name);
        }
        history::record(tx, now, entry).await?;

        let action = if row.status() == ApplicationStatus::Submitted {
            audit::Action::ApplicationTaken
        } else {
            audit::Action::ApplicationDecided
        };
        let mut event = audit::Event::new(action, Some(actor.user_id))
            .subject(row.user_id)
            .application(row.id)
            .detail("from_status", &row.status)
            .detail("status", status.code());
        if let Some(reason) = step.reason {
            event = event.detail("reason", reason);
        }
        audit::record(tx, now, event).await?;

        let mut args = BTreeMap::from([
            ("number".to_string(), number),
            ("status".to_string(), status.code().to_string()),
        ]);
        if let Some(comment) = comment {
            args.insert("comment".to_string(), comment.to_string());
        }
        let service =
            crate::catalogue::service_version(tx, &row.service_code, row.service_version).await?;
        let notification = NewNotification {
            user_id: row.user_id,
            kind: "status_changed",
            category: Category::of_service(service.category),
            args,
            application_id: Some(row.id),
        };
        notifications::create(tx, now, &self.settings.public_url, notification).await
    }
}

/// Checks an optional comment on a step and returns it trimmed, or `None` when empty.
fn checked_comment(comment: &str) -> Result<Option<&str>> {
    let comment = comment.trim();
    if comment.chars().count() > COMMENT_MAX_CHARS {
        return Err(Error::field(
            "comment",
            Message::new("error-too-long").arg("max", COMMENT_MAX_CHARS),
        ));
    }
    Ok(Some(comment).filter(|comment| !comment.is_empty()))
}

/// Checks whether the actor is an official who heads their department.
pub(crate) async fn is_head(tx: &mut Tx, actor: &Actor) -> Result<bool> {
    if actor.role != Role::Official {
        return Ok(false);
    }
    let head: Option<bool> = on_conn!(tx, conn => sqlx::query_scalar(
        "SELECT department_head FROM users WHERE id = $1",
    )
    .bind(actor.user_id)
    .fetch_optional(conn)
    .await)?;
    Ok(head.unwrap_or(false))
}
