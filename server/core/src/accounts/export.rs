//! "Скачать мои данные": everything the portal stores about a person, as one JSON document.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use kabinet_shared::Locale;
use kabinet_shared::history::HistoryFilter;
use kabinet_shared::model::{
    ApplicationDetail, ApplicationSummary, DataAccessView, HistoryView, Profile,
};
use serde::Serialize;

use crate::error::Result;
use crate::{Actor, Core, time};

/// Journal entries read per query while the export is assembled.
const HISTORY_BATCH: u32 = 1_000;

/// The person's data as the export file contains it. Field names are stable: other programs
/// may read the file.
#[derive(Clone, Debug, Serialize)]
pub struct PersonalData {
    /// Version of this layout.
    pub format: u32,
    pub exported_at: DateTime<FixedOffset>,
    pub profile: Profile,
    pub applications: Vec<ApplicationSummary>,
    /// Every application in full, in the order of `applications`: answers, documents,
    /// status history and the messages of its thread.
    pub application_details: Vec<ApplicationDetail>,
    /// The action journal, newest first, as long as it is kept.
    pub history: Vec<HistoryView>,
    /// Staff access to the person's data.
    pub data_access: Vec<DataAccessView>,
    /// Forms not sent yet, the most recently saved first, with the answers as typed.
    pub drafts: Vec<SavedForm>,
    /// Templates of applications, the newest first, with their answers.
    pub templates: Vec<SavedForm>,
}

/// A draft or a template in the export: its answers by field name.
#[derive(Clone, Debug, Serialize)]
pub struct SavedForm {
    /// The name the person gave a template; `None` for a draft.
    pub name: Option<String>,
    pub service_code: String,
    pub service_title: String,
    pub saved_at: DateTime<FixedOffset>,
    pub answers: BTreeMap<String, String>,
}

impl Core {
    pub async fn personal_data(&self, actor: &Actor, locale: Locale) -> Result<PersonalData> {
        let profile = self.profile(actor).await?;
        let applications = self.all_my_applications(actor, locale).await?;
        let application_details = self.all_my_application_details(actor, locale).await?;
        let mut history = Vec::new();
        let mut after = None;
        loop {
            let (batch, next) = self
                .history_batch(
                    actor,
                    &HistoryFilter::default(),
                    locale,
                    after,
                    HISTORY_BATCH,
                )
                .await?;
            history.extend(batch);
            match next {
                Some(cursor) => after = Some(cursor),
                None => break,
            }
        }
        let data_access = self.data_access_entries(actor, locale, i64::MAX).await?;
        let mut drafts = Vec::new();
        for draft in self.drafts(actor, locale).await? {
            drafts.push(SavedForm {
                name: None,
                answers: self.draft(actor, &draft.request_key).await?.answers,
                service_code: draft.service_code,
                service_title: draft.service_title,
                saved_at: draft.updated_at,
            });
        }
        let mut templates = Vec::new();
        for template in self.templates(actor, locale).await? {
            templates.push(SavedForm {
                answers: self.template(actor, template.id).await?.answers,
                name: Some(template.name),
                service_code: template.service_code,
                service_title: template.service_title,
                saved_at: template.created_at,
            });
        }
        tracing::info!(user.id = %actor.user_id, "personal data exported");
        Ok(PersonalData {
            format: 1,
            exported_at: time::local(self.clock.now(), &actor.time_zone),
            profile,
            applications,
            application_details,
            history,
            data_access,
            drafts,
            templates,
        })
    }
}

impl PersonalData {
    /// Renders the data as a readable PDF document in `locale`. CPU-bound: call it off the
    /// async runtime, e.g. in `spawn_blocking`.
    pub fn to_pdf(&self, locale: Locale) -> Result<Vec<u8>> {
        super::export_pdf::render(self, locale)
    }
}
