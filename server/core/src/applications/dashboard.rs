//! The personal account's start page: what needs the person's action first, then what
//! is being processed, then the latest results.

use kabinet_shared::Locale;
use kabinet_shared::model::{ApplicationStatus, ApplicationSummary, Dashboard};

use super::ApplicationRow;
use super::application_columns;
use super::view::Definitions;
use crate::error::Result;
use crate::{Actor, Core, on_conn};

/// Maximum applications each group of the start page shows; the rest are in the list.
pub const GROUP_LIMIT: i64 = 10;
/// Maximum results the start page shows.
pub const RESULTS_LIMIT: i64 = 5;

impl Core {
    /// The citizen's start page: applications waiting for them (oldest first, because the
    /// official has waited longest), applications being processed and the latest decided
    /// ones (newest change first), with the number of applications in each group.
    pub async fn dashboard(&self, actor: &Actor, locale: Locale) -> Result<Dashboard> {
        let mut tx = self.db.begin_read().await?;
        let counts: Vec<(String, i64)> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT status, COUNT(*) FROM applications WHERE user_id = $1 GROUP BY status",
        )
        .bind(actor.user_id)
        .fetch_all(conn)
        .await)?;
        let count_of = |wanted: &dyn Fn(ApplicationStatus) -> bool| -> u64 {
            counts
                .iter()
                .filter(|(code, _)| ApplicationStatus::parse(code).is_some_and(wanted))
                .map(|(_, count)| u64::try_from(*count).unwrap_or(0))
                .sum()
        };
        let waiting = |status: ApplicationStatus| status == ApplicationStatus::ActionRequired;
        let processing = |status: ApplicationStatus| {
            matches!(
                status,
                ApplicationStatus::Submitted | ApplicationStatus::InProgress
            )
        };
        let decided = |status: ApplicationStatus| status.is_final();

        let groups = [
            (statuses_in(waiting), "a.updated_at, a.id", GROUP_LIMIT),
            (
                statuses_in(processing),
                "a.updated_at DESC, a.id DESC",
                GROUP_LIMIT,
            ),
            (
                statuses_in(decided),
                "a.updated_at DESC, a.id DESC",
                RESULTS_LIMIT,
            ),
        ];
        let mut definitions = Definitions::default();
        let mut lists: Vec<Vec<ApplicationSummary>> = Vec::with_capacity(groups.len());
        for (condition, order, limit) in groups {
            let sql = format!(
                concat!(
                    "SELECT ",
                    application_columns!(),
                    " FROM applications a WHERE a.user_id = $1 AND {} ORDER BY {} LIMIT {}"
                ),
                condition, order, limit
            );
            let rows: Vec<ApplicationRow> = on_conn!(&mut tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(actor.user_id)
                .fetch_all(conn)
                .await)?;
            let mut list = Vec::with_capacity(rows.len());
            for row in &rows {
                let service = definitions
                    .get(&mut tx, &row.service_code, row.service_version)
                    .await?;
                list.push(self.summary(row, service, actor, locale, None, None));
            }
            lists.push(list);
        }
        let results = lists.pop().unwrap_or_default();
        let processing_list = lists.pop().unwrap_or_default();
        let waiting_list = lists.pop().unwrap_or_default();
        Ok(Dashboard {
            total: count_of(&|_| true),
            action_required: waiting_list,
            action_required_total: count_of(&waiting),
            in_progress: processing_list,
            in_progress_total: count_of(&processing),
            results,
            results_total: count_of(&decided),
        })
    }
}

/// The SQL condition `a.status IN (…)` for the statuses that `wanted` accepts. The codes
/// are the crate's own constants, so they are written into the SQL as literals.
pub(super) fn statuses_in(wanted: impl Fn(ApplicationStatus) -> bool) -> String {
    let codes: Vec<String> = ApplicationStatus::ALL
        .into_iter()
        .filter(|status| wanted(*status))
        .map(|status| format!("'{}'", status.code()))
        .collect();
    format!("a.status IN ({})", codes.join(", "))
}
