//! Reading the journal: a filtered page, one entry, and batches for the exports.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kabinet_shared::Locale;
use kabinet_shared::history::{HistoryCategory, HistoryFilter};
use kabinet_shared::model::{HistoryDetail, HistoryPage, HistoryStatus, HistoryView};
use uuid::Uuid;

use super::{Attachment, KNOWN_KINDS, codes_of, text};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::sql_filter::{Bind, Condition, escape_like, filtered, start_of_day};
use crate::{Actor, Core, on_conn, time};

/// Entries on one page of the journal.
pub const PAGE_SIZE: i64 = 50;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    user_id: Uuid,
    occurred_at: DateTime<Utc>,
    kind: String,
    status: String,
    application_id: Option<Uuid>,
    actor_id: Option<Uuid>,
    details: String,
    service_code: Option<String>,
    comment: Option<String>,
    attachments: String,
    seq: Option<i64>,
    hash: Option<Vec<u8>>,
}

const COLUMNS: &str = "id, user_id, occurred_at, kind, status, application_id, actor_id, details, \
                       service_code, comment, attachments, seq, hash";

/// The SQL condition of a journal filter for the person `user_id`.
fn condition(user_id: Uuid, filter: &HistoryFilter, zone: &str) -> Condition {
    let mut condition = Condition::new("user_id = $1", Bind::Uuid(user_id));
    if let Some(category) = filter.category {
        let mut codes: Vec<String> = codes_of(category)
            .into_iter()
            .map(|code| condition.push(Bind::Text(code.to_string())))
            .collect();
        let mut clause = if codes.is_empty() {
            "(1 = 0".to_string()
        } else {
            format!("(kind IN ({})", codes.join(", "))
        };
        if category == HistoryCategory::Security {
            // Kinds unknown to this build are shown as security entries.
            codes = KNOWN_KINDS
                .iter()
                .map(|kind| condition.push(Bind::Text(kind.code().to_string())))
                .collect();
            clause.push_str(&format!(" OR kind NOT IN ({})", codes.join(", ")));
        }
        clause.push(')');
        condition.and(&clause);
    }
    if let Some(status) = filter.status {
        let placeholder = condition.push(Bind::Text(status.code().to_string()));
        condition.and(&format!("status = {placeholder}"));
    }
    if let Some(from) = filter.from {
        let placeholder = condition.push(Bind::Time(start_of_day(from, zone)));
        condition.and(&format!("occurred_at >= {placeholder}"));
    }
    if let Some(to) = filter.to.and_then(|to| to.succ_opt()) {
        let placeholder = condition.push(Bind::Time(start_of_day(to, zone)));
        condition.and(&format!("occurred_at < {placeholder}"));
    }
    // The words come with ё read as е (see `search_words`), and so is the stored text
    // here, whichever letter was typed when the entry was written.
    for word in &filter.words {
        let placeholder = condition.push(Bind::Text(format!("%{}%", escape_like(word))));
        condition.and(&format!(
            "replace(search_text, 'ё', 'е') LIKE {placeholder} ESCAPE '\\'"
        ));
    }
    condition
}

/// Position after which an export batch continues: the last entry's time and id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub at: DateTime<Utc>,
    pub id: Uuid,
}

impl Core {
    /// Lists the person's journal, newest first, [`PAGE_SIZE`] entries from `offset`
    /// (rounded down to a page), with texts in Russian.
    pub async fn history(&self, actor: &Actor, offset: i64) -> Result<Vec<HistoryView>> {
        let page = u32::try_from(offset.max(0) / PAGE_SIZE + 1).unwrap_or(u32::MAX);
        let filter = HistoryFilter {
            page,
            ..HistoryFilter::default()
        };
        let listing = self.history_page(actor, &filter, Locale::Ru).await?;
        if listing.page != page {
            return Ok(Vec::new());
        }
        Ok(listing.entries)
    }

    /// Returns one page of the person's journal matching `filter`, newest first, with the count
    /// of all matching entries. A page past the last shows the last page.
    pub async fn history_page(
        &self,
        actor: &Actor,
        filter: &HistoryFilter,
        locale: Locale,
    ) -> Result<HistoryPage> {
        let mut tx = self.db.begin_read().await?;
        let condition = condition(actor.user_id, filter, &actor.time_zone);
        let count_sql = format!(
            "SELECT COUNT(*) FROM history_entries WHERE {}",
            condition.sql
        );
        let (total,): (i64,) = filtered!(&mut tx, count_sql, condition, fetch_one, (i64,))?;
        let total = u64::try_from(total).unwrap_or(0);
        let page_size = PAGE_SIZE as u64;
        let pages = u32::try_from(total.div_ceil(page_size).max(1)).unwrap_or(u32::MAX);
        let page = filter.page.clamp(1, pages);

        let offset = u64::from(page - 1) * page_size;
        let sql = format!(
            "SELECT {COLUMNS} FROM history_entries WHERE {} ORDER BY occurred_at DESC, id DESC LIMIT {PAGE_SIZE} OFFSET {offset}",
            condition.sql
        );
        let rows: Vec<Row> = filtered!(&mut tx, sql, condition, fetch_all, Row)?;
        let titles = super::service_titles(&mut tx, locale).await?;
        let entries = rows
            .into_iter()
            .map(|row| view(row, actor, locale, &titles))
            .collect::<Result<Vec<_>>>()?;
        Ok(HistoryPage {
            entries,
            total,
            page,
            pages,
        })
    }

    /// Up to `limit` entries matching `filter` that come after `after` (newest first),
    /// for the exports.
    pub async fn history_batch(
        &self,
        actor: &Actor,
        filter: &HistoryFilter,
        locale: Locale,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<(Vec<HistoryView>, Option<Cursor>)> {
        let mut tx = self.db.begin_read().await?;
        let mut condition = condition(actor.user_id, filter, &actor.time_zone);
        if let Some(cursor) = after {
            let at = condition.push(Bind::Time(cursor.at));
            let at_again = condition.push(Bind::Time(cursor.at));
            let id = condition.push(Bind::Uuid(cursor.id));
            condition.and(&format!(
                "(occurred_at < {at} OR (occurred_at = {at_again} AND id < {id}))"
            ));
        }
        let sql = format!(
            "SELECT {COLUMNS} FROM history_entries WHERE {} ORDER BY occurred_at DESC, id DESC LIMIT {limit}",
            condition.sql
        );
        let rows: Vec<Row> = filtered!(&mut tx, sql, condition, fetch_all, Row)?;
        let next = rows
            .last()
            .filter(|_| rows.len() == limit as usize)
            .map(|row| Cursor {
                at: row.occurred_at,
                id: row.id,
            });
        let titles = super::service_titles(&mut tx, locale).await?;
        let entries = rows
            .into_iter()
            .map(|row| view(row, actor, locale, &titles))
            .collect::<Result<Vec<_>>>()?;
        Ok((entries, next))
    }

    /// Returns one entry of the person's journal. Another person's entry is not found.
    pub async fn history_entry(
        &self,
        actor: &Actor,
        id: Uuid,
        locale: Locale,
    ) -> Result<HistoryDetail> {
        let mut tx = self.db.begin_read().await?;
        let sql = format!("SELECT {COLUMNS} FROM history_entries WHERE id = $1 AND user_id = $2");
        let row: Option<Row> = on_conn!(&mut tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(actor.user_id)
            .fetch_optional(conn)
            .await)?;
        let row = row.ok_or(Error::NotFound)?;
        let seq = row.seq.unwrap_or(0);
        let hash = row.hash.as_deref().map(hex).unwrap_or_default();
        let titles = super::service_titles(&mut tx, locale).await?;
        Ok(HistoryDetail {
            entry: view(row, actor, locale, &titles)?,
            seq,
            hash,
        })
    }

    /// Returns the person's full name for the export titles.
    pub async fn history_owner_name(&self, actor: &Actor) -> Result<String> {
        let mut tx: Tx = self.db.begin_read().await?;
        let (surname, given_name, patronymic): (String, String, Option<String>) = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT surname, given_name, patronymic FROM users WHERE id = $1",
        )
        .bind(actor.user_id)
        .fetch_one(conn)
        .await)?;
        Ok(crate::accounts::full_name(
            &surname,
            &given_name,
            patronymic.as_deref(),
        ))
    }
}

fn view(
    row: Row,
    actor: &Actor,
    locale: Locale,
    titles: &BTreeMap<String, String>,
) -> Result<HistoryView> {
    let args: BTreeMap<String, String> = serde_json::from_str(&row.details)?;
    let attachments: Vec<Attachment> = serde_json::from_str(&row.attachments)?;
    Ok(HistoryView {
        id: row.id,
        at: time::local(row.occurred_at, &actor.time_zone),
        key: text::kind_key(&row.kind),
        status: HistoryStatus::parse(&row.status).unwrap_or(HistoryStatus::Succeeded),
        text: text::entry_text(locale, &row.kind, &args),
        application_number: args.get("number").cloned(),
        args,
        application_id: row.application_id,
        category: super::category_of(&row.kind),
        service: row
            .service_code
            .as_ref()
            .map(|code| titles.get(code).cloned().unwrap_or_else(|| code.clone())),
        comment: row.comment,
        attachments: attachments.into_iter().map(Into::into).collect(),
        by_official: row.actor_id.is_some_and(|id| id != row.user_id),
    })
}

/// Lowercase hexadecimal of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
