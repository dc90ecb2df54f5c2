//! The officials' work: the department queue, taking an application and changing its
//! status. Each change is committed with the status history line, the applicant's journal
//! entry and the applicant's notification.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kabinet_shared::model::{ApplicationStatus, ApplicationSummary, HistoryStatus, Role};
use kabinet_shared::notify::Category;
use kabinet_shared::{Locale, Message};
use uuid::Uuid;

use super::view::{Definitions, display_number, visible_application};
use super::{ApplicationRow, application_columns, change_status};
use crate::accounts::full_name;
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::notifications::{self, NewNotification};
use crate::{Actor, Core, audit, on_conn};

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
    /// The applications of the official's department, the nearest deadline first, then
    /// the oldest. Without a status filter the queue shows every application that is not
    /// yet decided; `overdue_only` keeps those past their deadline.
    pub async fn department_queue(
        &self,
        actor: &Actor,
        status: Option<ApplicationStatus>,
        overdue_only: bool,
        locale: Locale,
    ) -> Result<Vec<ApplicationSummary>> {
        actor.require(Role::Official)?;
        let department = actor.department.as_deref().ok_or(Error::Forbidden)?;
        let statuses: Vec<&str> = match status {
            Some(status) => vec![status.code()],
            None => ApplicationStatus::ALL
                .iter()
                .filter(|status| !status.is_final())
                .map(|status| status.code())
                .collect(),
        };

        let mut tx = self.db.begin_read().await?;
        let mut rows: Vec<QueueRow> = Vec::new();
        for status in statuses {
            let sql = concat!(
                "SELECT ",
                application_columns!(),
                ", applicant.surname AS applicant_surname, applicant.given_name AS applicant_given_name,
                  applicant.patronymic AS applicant_patronymic, assignee.surname AS assignee_surname,
                  assignee.given_name AS assignee_given_name, assignee.patronymic AS assignee_patronymic
                 FROM applications a
                 JOIN users applicant ON applicant.id = a.user_id
                 LEFT JOIN users assignee ON assignee.id = a.assignee_id
                 WHERE a.department_code = $1 AND a.status = $2
                 ORDER BY a.created_at, a.id LIMIT $3"
            );
            let mut batch: Vec<QueueRow> = on_conn!(&mut tx, conn => sqlx::query_as(sql)
                .bind(department)
                .bind(status)
                .bind(super::view::LIST_LIMIT)
                .fetch_all(conn)
                .await)?;
            rows.append(&mut batch);
        }
        rows.sort_by_key(|row| (row.application.created_at, row.application.id));

        let mut definitions = Definitions::default();
        let mut queue = Vec::with_capacity(rows.len());
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
            queue.push(self.summary(
                application,
                service,
                actor,
                locale,
                Some(applicant),
                assignee,
            ));
        }
        if overdue_only {
            queue.retain(|application| application.days_left.is_some_and(|days| days < 0));
        }
        // A stable sort, so applications with the same deadline stay oldest first.
        queue.sort_by_key(|application| (application.deadline.is_none(), application.deadline));
        Ok(queue)
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
        self.move_status(
            &mut tx,
            actor,
            &row,
            ApplicationStatus::InProgress,
            None,
            true,
        )
        .await?;
        tx.commit().await?;
        tracing::info!(application.id = %id, user.id = %actor.user_id, "application taken");
        Ok(())
    }

    /// Sets a new status on an application the official has taken. "Action required"
    /// and "refused" need a comment that tells the applicant why.
    pub async fn change_application_status(
        &self,
        actor: &Actor,
        id: Uuid,
        status: ApplicationStatus,
        comment: &str,
    ) -> Result<()> {
        actor.require(Role::Official)?;
        let comment = comment.trim();
        if status.needs_comment() && comment.is_empty() {
            return Err(Error::field(
                "comment",
                Message::new("error-comment-required"),
            ));
        }
        if comment.chars().count() > COMMENT_MAX_CHARS {
            return Err(Error::field(
                "comment",
                Message::new("error-too-long").arg("max", COMMENT_MAX_CHARS),
            ));
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
        let comment = Some(comment).filter(|comment| !comment.is_empty());
        self.move_status(&mut tx, actor, &row, status, comment, false)
            .await?;
        tx.commit().await?;
        tracing::info!(application.id = %id, user.id = %actor.user_id, application.status = status.code(), "application status changed");
        Ok(())
    }

    /// Writes the status change with its history line, journal entry and notification.
    /// The update only applies if the status is still the one read, so two officials
    /// acting at once cannot both succeed.
    async fn move_status(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        row: &ApplicationRow,
        status: ApplicationStatus,
        comment: Option<&str>,
        assign: bool,
    ) -> Result<()> {
        let now: DateTime<Utc> = self.clock.now();
        let assignee = if assign {
            Some(actor.user_id)
        } else {
            row.assignee_id
        };
        change_status(tx, row, status, assignee, actor.user_id, comment, now).await?;

        let decision = if matches!(
            status,
            ApplicationStatus::Completed | ApplicationStatus::Refused
        ) {
            Some(
                self.issue_decision(tx, actor, row, status, comment, now)
                    .await?,
            )
        } else {
            None
        };

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
        if let Some((document_id, file_name)) = &decision {
            entry = entry.attachment(*document_id, file_name);
        }
        history::record(tx, now, entry).await?;

        let action = if assign {
            audit::Action::ApplicationTaken
        } else {
            audit::Action::ApplicationDecided
        };
        let event = audit::Event::new(action, Some(actor.user_id))
            .subject(row.user_id)
            .application(row.id)
            .detail("from_status", &row.status)
            .detail("status", status.code());
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
