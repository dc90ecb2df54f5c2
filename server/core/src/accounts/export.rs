//! "Скачать мои данные": everything the portal stores about a person, as one JSON document.

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
        tracing::info!(user.id = %actor.user_id, "personal data exported");
        Ok(PersonalData {
            format: 1,
            exported_at: time::local(self.clock.now(), &actor.time_zone),
            profile,
            applications,
            application_details,
            history,
            data_access,
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
