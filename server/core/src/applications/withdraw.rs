//! The applicant withdraws an application that is not yet decided.

use std::collections::BTreeMap;

use kabinet_shared::Message;
use kabinet_shared::model::{ApplicationStatus, HistoryStatus};
use kabinet_shared::notify::Category;
use uuid::Uuid;

use super::official::COMMENT_MAX_CHARS;
use super::view::{display_number, visible_application};
use super::{Transition, change_status};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::notifications::{self, NewNotification};
use crate::{Actor, Core};

impl Core {
    /// Withdraws the applicant's own application with an optional reason. The status
    /// change, its history line, the journal entry and the notification are committed
    /// together. A decided application cannot be withdrawn, and an application someone
    /// else changed meanwhile is left alone with `error-application-changed`.
    pub async fn withdraw_application(&self, actor: &Actor, id: Uuid, reason: &str) -> Result<()> {
        let reason = reason.trim();
        if reason.chars().count() > COMMENT_MAX_CHARS {
            return Err(Error::field(
                "reason",
                Message::new("error-too-long").arg("max", COMMENT_MAX_CHARS),
            ));
        }
        let reason = Some(reason).filter(|reason| !reason.is_empty());

        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let row = visible_application(&mut tx, actor, id).await?;
        // Officials of the department see the application too, but only its applicant
        // may withdraw it.
        if row.user_id != actor.user_id {
            return Err(Error::NotFound);
        }
        if row.status().is_final() {
            return Err(Error::rejected("error-application-decided"));
        }
        let withdrawn = ApplicationStatus::Withdrawn;
        let step = Transition::new(withdrawn, row.assignee_id, actor.user_id).comment(reason);
        change_status(&mut tx, &row, &step, now).await?;

        let number = display_number(&row.number);
        let entry = Entry::new(
            row.user_id,
            Kind::ApplicationWithdrawn,
            HistoryStatus::Succeeded,
        )
        .application(row.id)
        .service(&row.service_code)
        .comment(reason)
        .detail("number", &number);
        history::record(&mut tx, now, entry).await?;

        let service =
            crate::catalogue::service_version(&mut tx, &row.service_code, row.service_version)
                .await?;
        let args = BTreeMap::from([
            ("number".to_string(), number),
            ("status".to_string(), withdrawn.code().to_string()),
        ]);
        // The applicant gets the usual status notice; the official who took the
        // application learns that it left their work.
        for user_id in std::iter::once(row.user_id).chain(row.assignee_id) {
            let notification = NewNotification {
                user_id,
                kind: "status_changed",
                category: Category::of_service(service.category),
                args: args.clone(),
                application_id: Some(row.id),
            };
            notifications::create(&mut tx, now, &self.settings.public_url, notification).await?;
        }
        tx.commit().await?;
        tracing::info!(application.id = %id, user.id = %actor.user_id, "application withdrawn");
        Ok(())
    }
}
