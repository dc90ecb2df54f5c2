//! Corrections of an application's answers by its applicant, after the official asked
//! for action. Every version of the answers is kept, so the official sees what changed.
//!
//! Version 1 is the submitted answers. The first correction stores it with the new
//! answers as version 2, and each later one adds the next version. The current answers
//! stay in `applications.answers_enc` as well, where every other reader finds them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kabinet_shared::Locale;
use kabinet_shared::model::{
    AnswerChange, AnswerCorrection, ApplicationStatus, HistoryStatus, Role,
};
use kabinet_shared::notify::Category;
use kabinet_shared::service::{
    FieldKind, ServiceDefinition, display_answer, form_value, validate_answers,
};
use uuid::Uuid;

use super::view::{display_number, visible_application};
use super::{ApplicationRow, Transition, change_status, open_answers, seal_answers};
use crate::catalogue::service_version;
use crate::crypto::{open, seal};
use crate::db::{Tx, unique_violation};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::notifications::{self, NewNotification};
use crate::{Actor, Core, execute, on_conn, time};

fn version_context(version_id: Uuid) -> Vec<u8> {
    format!("application_answer_versions.answers:{version_id}").into_bytes()
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: Uuid,
    version: i32,
    answers_enc: Vec<u8>,
    created_at: DateTime<Utc>,
}

async fn insert_version(
    core: &Core,
    tx: &mut Tx,
    application_id: Uuid,
    version: i32,
    answers: &BTreeMap<String, String>,
    at: DateTime<Utc>,
) -> Result<()> {
    let id = Uuid::now_v7();
    let sealed = seal(
        &core.keys.data,
        &version_context(id),
        &serde_json::to_vec(answers)?,
    );
    execute!(&mut *tx, sqlx::query(
        "INSERT INTO application_answer_versions (id, application_id, version, answers_enc, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(application_id)
    .bind(version)
    .bind(sealed)
    .bind(at))?;
    Ok(())
}

/// The changed answers between two versions, in the order of the form's fields.
fn changes(
    service: &ServiceDefinition,
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
    locale: Locale,
) -> Vec<AnswerChange> {
    // Every answer either version has, with each group as long as its longer version.
    let mut both = before.clone();
    for (key, value) in after {
        let longer = match (both.get(key), service.field(key)) {
            (Some(count), Some(field)) if field.kind == FieldKind::Group => {
                count.parse::<usize>().unwrap_or(0) < value.parse::<usize>().unwrap_or(0)
            }
            _ => true,
        };
        if longer {
            both.insert(key.clone(), value.clone());
        }
    }
    service
        .slots(&both)
        .into_iter()
        .filter(|slot| before.get(&slot.key) != after.get(&slot.key))
        .map(|slot| AnswerChange {
            label: slot.label(locale),
            before: before
                .get(&slot.key)
                .map(|value| display_answer(slot.field, value, locale)),
            after: after
                .get(&slot.key)
                .map(|value| display_answer(slot.field, value, locale)),
        })
        .collect()
}

/// What the correction form shows: the application's number, its form as it was when
/// the application was made, the current answers as the fields show them, and the
/// official's request.
#[derive(Clone, Debug)]
pub struct CorrectionForm {
    pub number: String,
    pub service: ServiceDefinition,
    pub answers: BTreeMap<String, String>,
    pub request: Option<String>,
}

impl Core {
    /// Loads the correction form of the applicant's application that waits for them.
    pub async fn correction_form(&self, actor: &Actor, id: Uuid) -> Result<CorrectionForm> {
        let mut tx = self.db.begin_read().await?;
        let row = visible_application(&mut tx, actor, id).await?;
        if row.user_id != actor.user_id {
            return Err(Error::NotFound);
        }
        if row.status() != ApplicationStatus::ActionRequired {
            return Err(Error::rejected("error-correction-not-requested"));
        }
        let service = service_version(&mut tx, &row.service_code, row.service_version).await?;
        let stored = open_answers(&self.keys.data, row.id, &row.answers_enc)?;
        // The number of items of each group goes with the answers, so the form shows them.
        let counts = service
            .fields
            .iter()
            .filter(|field| field.kind == FieldKind::Group)
            .filter_map(|group| Some((group.name.clone(), stored.get(&group.name)?.clone())));
        let answers = service
            .slots(&stored)
            .into_iter()
            .map(|slot| {
                let value = form_value(slot.field, &stored[&slot.key]);
                (slot.key, value)
            })
            .chain(counts)
            .collect();
        let request: Option<Option<String>> = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT comment FROM application_events
             WHERE application_id = $1 AND status = $2 AND action IS NULL
             ORDER BY occurred_at DESC LIMIT 1",
        )
        .bind(row.id)
        .bind(ApplicationStatus::ActionRequired.code())
        .fetch_optional(conn)
        .await)?;
        Ok(CorrectionForm {
            number: display_number(&row.number),
            service,
            answers,
            request: request.flatten(),
        })
    }

    /// Corrects the answers of the applicant's application that waits for them ("action
    /// required") and sends it back to the official "in progress". The answers are
    /// checked like on submission; answers equal to the current ones are rejected. The
    /// new version, the status line, the journal entry and the official's notification
    /// are committed together. Of two corrections sent at once, one succeeds and the
    /// other gets `error-application-changed`.
    pub async fn correct_application(
        &self,
        actor: &Actor,
        id: Uuid,
        answers: &BTreeMap<String, String>,
    ) -> Result<()> {
        match self.correct_answers(actor, id, answers).await {
            // Both read the same latest version, and the second insert of the next one
            // breaks the unique (application, version) pair.
            Err(Error::Database(error)) if unique_violation(&error).is_some() => {
                Err(Error::rejected("error-application-changed"))
            }
            result => result,
        }
    }

    async fn correct_answers(
        &self,
        actor: &Actor,
        id: Uuid,
        answers: &BTreeMap<String, String>,
    ) -> Result<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let row = visible_application(&mut tx, actor, id).await?;
        if row.user_id != actor.user_id {
            return Err(Error::NotFound);
        }
        if row.status() != ApplicationStatus::ActionRequired {
            return Err(Error::rejected("error-correction-not-requested"));
        }
        let service = service_version(&mut tx, &row.service_code, row.service_version).await?;
        let today = time::today(now, &actor.time_zone);
        let corrected = validate_answers(&service, answers, today).map_err(Error::Invalid)?;
        let current = open_answers(&self.keys.data, row.id, &row.answers_enc)?;
        if corrected == current {
            return Err(Error::rejected("error-correction-unchanged"));
        }

        let latest: Option<i32> = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT MAX(version) FROM application_answer_versions WHERE application_id = $1",
        )
        .bind(row.id)
        .fetch_one(conn)
        .await)?;
        let latest = match latest {
            Some(version) => version,
            None => {
                insert_version(self, &mut tx, row.id, 1, &current, row.created_at).await?;
                1
            }
        };
        insert_version(self, &mut tx, row.id, latest + 1, &corrected, now).await?;
        execute!(
            &mut tx,
            sqlx::query("UPDATE applications SET answers_enc = $1 WHERE id = $2")
                .bind(seal_answers(&self.keys.data, row.id, &corrected)?)
                .bind(row.id)
        )?;
        let step = Transition::new(
            ApplicationStatus::InProgress,
            row.assignee_id,
            actor.user_id,
        )
        .action("corrected");
        change_status(&mut tx, &row, &step, now).await?;

        let number = display_number(&row.number);
        history::record(
            &mut tx,
            now,
            Entry::new(
                row.user_id,
                Kind::ApplicationCorrected,
                HistoryStatus::Succeeded,
            )
            .application(row.id)
            .service(&row.service_code)
            .detail("number", &number),
        )
        .await?;
        if let Some(official) = row.assignee_id {
            let notification = NewNotification {
                user_id: official,
                kind: "application_corrected",
                category: Category::of_service(service.category),
                args: BTreeMap::from([("number".to_string(), number)]),
                application_id: Some(row.id),
            };
            notifications::create(&mut tx, now, &self.settings.public_url, notification).await?;
        }
        tx.commit().await?;
        tracing::info!(
            application.id = %row.id,
            user.id = %actor.user_id,
            version = latest + 1,
            "application answers corrected"
        );
        Ok(())
    }

    /// Lists the corrections of `row`'s answers for the detail page, oldest first.
    pub(crate) async fn corrections(
        &self,
        tx: &mut Tx,
        row: &ApplicationRow,
        service: &ServiceDefinition,
        viewer: &Actor,
        locale: Locale,
    ) -> Result<Vec<AnswerCorrection>> {
        let rows: Vec<VersionRow> = on_conn!(&mut *tx, conn => sqlx::query_as(
            "SELECT id, version, answers_enc, created_at FROM application_answer_versions
             WHERE application_id = $1 ORDER BY version",
        )
        .bind(row.id)
        .fetch_all(conn)
        .await)?;
        let mut versions = Vec::with_capacity(rows.len());
        for version in rows {
            let plain = open(
                &self.keys.data,
                &version_context(version.id),
                &version.answers_enc,
            )?;
            let answers: BTreeMap<String, String> = serde_json::from_slice(&plain)?;
            versions.push((version, answers));
        }
        Ok(versions
            .windows(2)
            .map(|pair| {
                let (_, before) = &pair[0];
                let (version, after) = &pair[1];
                AnswerCorrection {
                    version: u32::try_from(version.version).unwrap_or(0),
                    at: time::local(version.created_at, &viewer.time_zone),
                    changes: changes(service, before, after, locale),
                }
            })
            .collect())
    }
}

/// Returns whether `viewer` may correct `row`'s answers now.
pub(crate) fn can_correct(viewer: &Actor, row: &ApplicationRow) -> bool {
    viewer.role == Role::Citizen
        && row.user_id == viewer.user_id
        && row.status() == ApplicationStatus::ActionRequired
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn changes_name_each_child_by_number() {
        let service: ServiceDefinition = toml::from_str(include_str!(
            "../../catalogue/services/unified-allowance.toml"
        ))
        .unwrap();
        let before = answers(&[
            ("bank_bik", "044525225"),
            ("children", "1"),
            ("children.1.given_name", "Пётр"),
            ("children.1.birth_date", "2015-04-01"),
        ]);
        let after = answers(&[
            ("bank_bik", "044525225"),
            ("children", "2"),
            ("children.1.given_name", "Пётр"),
            ("children.1.birth_date", "2015-04-02"),
            ("children.2.given_name", "Анна"),
        ]);

        let changed: Vec<(String, Option<String>, Option<String>)> =
            changes(&service, &before, &after, Locale::Ru)
                .into_iter()
                .map(|change| (change.label, change.before, change.after))
                .collect();

        assert_eq!(
            changed,
            [
                (
                    "Ребёнок 1: Дата рождения".to_string(),
                    Some("01.04.2015".to_string()),
                    Some("02.04.2015".to_string())
                ),
                ("Ребёнок 2: Имя".to_string(), None, Some("Анна".to_string())),
            ]
        );
        // Fewer children afterwards: the removed child's answers show as gone.
        let fewer = changes(&service, &after, &before, Locale::En);
        assert_eq!(fewer[1].label, "Child 2: Given name");
        assert_eq!(fewer[1].after, None);
    }
}
