//! Processing deadlines: the stored due date of each application, counted again on every
//! start, and the daily report of overdue applications to the heads of departments.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Timelike, Utc};
use kabinet_shared::model::Role;
use kabinet_shared::notify::Category;
use uuid::Uuid;

use super::dashboard::statuses_in;
use crate::error::Result;
use crate::notifications::{self, NewNotification};
use crate::{Core, execute, on_conn};

/// Time zone of processing deadlines: federal departments count working days by Moscow
/// time, wherever the applicant is.
pub(crate) const DEADLINE_ZONE: chrono_tz::Tz = chrono_tz::Europe::Moscow;

/// Hour of the day, Moscow time, from which the overdue report is sent, so that nobody
/// gets an SMS about it at night.
const REPORT_HOUR: u32 = 8;

impl Core {
    /// Today's date in the deadline zone.
    pub(crate) fn deadline_today(&self) -> NaiveDate {
        self.clock.now().with_timezone(&DEADLINE_ZONE).date_naive()
    }

    /// Counts the deadline of an application submitted at `submitted_at` and processed in
    /// `processing_days` working days.
    pub(crate) fn due_on(&self, submitted_at: DateTime<Utc>, processing_days: u32) -> NaiveDate {
        let submitted = submitted_at.with_timezone(&DEADLINE_ZONE).date_naive();
        self.calendar.add_working_days(submitted, processing_days)
    }

    /// Counts the deadline of every application not yet decided again, and stores those
    /// that changed: a holiday calendar with new days off moves them. Returns how many
    /// changed.
    pub async fn refresh_deadlines(&self) -> Result<u64> {
        let mut tx = self.db.begin().await?;
        let sql = format!(
            "SELECT a.id, a.created_at, a.due_on, s.definition FROM applications a
             JOIN services s ON s.code = a.service_code AND s.version = a.service_version
             WHERE {}",
            statuses_in(|status| !status.is_final())
        );
        let rows: Vec<(Uuid, DateTime<Utc>, Option<NaiveDate>, String)> = on_conn!(&mut tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(conn).await)?;
        let mut processing_days: BTreeMap<String, u32> = BTreeMap::new();
        let mut changed = 0;
        for (id, created_at, stored, definition) in rows {
            let days = match processing_days.get(&definition) {
                Some(days) => *days,
                None => {
                    let service: kabinet_shared::service::ServiceDefinition =
                        serde_json::from_str(&definition)?;
                    processing_days.insert(definition, service.processing_days);
                    service.processing_days
                }
            };
            let due_on = self.due_on(created_at, days);
            if stored != Some(due_on) {
                changed += execute!(
                    &mut tx,
                    sqlx::query("UPDATE applications SET due_on = $1 WHERE id = $2")
                        .bind(due_on)
                        .bind(id)
                )?;
            }
        }
        tx.commit().await?;
        if changed > 0 {
            tracing::info!(rows.count = changed, "application deadlines counted again");
        }
        Ok(changed)
    }

    /// Sends the heads of each department the count of its overdue applications, once a
    /// working day from 08:00 Moscow time. A department with none overdue gets no report.
    /// Returns how many departments were reported.
    pub async fn report_overdue(&self) -> Result<usize> {
        let now = self.clock.now();
        let local = now.with_timezone(&DEADLINE_ZONE);
        let today = local.date_naive();
        if local.hour() < REPORT_HOUR || !self.calendar.is_working_day(today) {
            return Ok(0);
        }
        let mut tx = self.db.begin().await?;
        let sql = format!(
            "SELECT a.department_code, COUNT(*) FROM applications a
             WHERE {} AND a.due_on < $1
             GROUP BY a.department_code ORDER BY a.department_code",
            statuses_in(|status| !status.is_final())
        );
        let counts: Vec<(String, i64)> = on_conn!(&mut tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(today).fetch_all(conn).await)?;
        let mut reported = 0;
        for (department, count) in counts {
            let inserted = execute!(&mut tx, sqlx::query(
                "INSERT INTO overdue_reports (department_code, report_day, overdue_count, created_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (department_code, report_day) DO NOTHING",
            )
            .bind(&department)
            .bind(today)
            .bind(count)
            .bind(now))?;
            if inserted == 0 {
                continue;
            }
            let heads: Vec<Uuid> = on_conn!(&mut tx, conn => sqlx::query_scalar(
                "SELECT id FROM users WHERE role = $1 AND department_code = $2 AND department_head
                 ORDER BY id",
            )
            .bind(Role::Official.code())
            .bind(&department)
            .fetch_all(conn)
            .await)?;
            for head in heads {
                let notification = NewNotification {
                    user_id: head,
                    kind: "overdue_report",
                    category: Category::Applications,
                    args: BTreeMap::from([("count".to_string(), count.to_string())]),
                    application_id: None,
                };
                notifications::create(&mut tx, now, &self.settings.public_url, notification)
                    .await?;
            }
            reported += 1;
        }
        tx.commit().await?;
        if reported > 0 {
            tracing::info!(departments.count = reported, "overdue reports sent");
        }
        Ok(reported)
    }
}
