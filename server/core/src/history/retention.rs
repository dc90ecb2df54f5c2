//! Deleting journal entries older than the retention period.
//!
//! The job first moves each affected person's chain anchor to the last entry it deletes,
//! so that verification starts at the oldest entry kept. A person's entries in `seq`
//! order are also in time order (see [`super::record`]), so the entries older than the
//! cut-off are always a prefix of the chain and deleting them leaves no gap.
//!
//! On PostgreSQL the table is partitioned by month: the job creates the partitions of
//! the next months ahead, drops the partitions that lie wholly before the cut-off, and
//! deletes row by row only in the month that straddles it and in the default partition.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use uuid::Uuid;

use super::chain;
use crate::db::{Backend, Tx};
use crate::error::Result;
use crate::{Core, execute, on_conn};

/// Months ahead of the current one whose partitions the job keeps ready.
const MONTHS_AHEAD: u32 = 2;

/// Counts of what one run of the retention job deleted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    /// Entries deleted row by row.
    pub entries: u64,
    /// Monthly partitions dropped (PostgreSQL only).
    pub partitions: u64,
}

impl Core {
    /// Deletes the journal entries older than the retention period and, on PostgreSQL,
    /// prepares the partitions of the coming months.
    pub async fn purge_history(&self) -> Result<Purged> {
        let now = self.clock.now();
        let months = self.settings.history_retention_months;
        let cutoff = now
            .checked_sub_months(Months::new(months))
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let mut tx = self.db.begin().await?;
        if tx.backend() == Backend::Postgres {
            create_partitions(&mut tx, now).await?;
        }

        let last_deleted: Vec<(Uuid, i64)> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT user_id, MAX(seq) FROM history_entries WHERE occurred_at < $1 AND seq IS NOT NULL GROUP BY user_id",
        )
        .bind(cutoff)
        .fetch_all(conn)
        .await)?;
        for (user_id, seq) in &last_deleted {
            move_anchor(&mut tx, *user_id, *seq).await?;
        }

        // Dropping a partition is DDL, which the row triggers do not see.
        let partitions = if tx.backend() == Backend::Postgres {
            drop_partitions(&mut tx, cutoff).await?
        } else {
            0
        };
        let mut entries = 0;
        if !last_deleted.is_empty() {
            chain::begin_maintenance(&mut tx, now).await?;
            for (user_id, seq) in &last_deleted {
                entries += execute!(
                    &mut tx,
                    sqlx::query("DELETE FROM history_entries WHERE user_id = $1 AND seq <= $2",)
                        .bind(*user_id)
                        .bind(*seq)
                )?;
            }
            chain::end_maintenance(&mut tx).await?;
        }
        tx.commit().await?;
        Ok(Purged {
            entries,
            partitions,
        })
    }
}

/// Makes the entry `seq` of the person the anchor: the link before the oldest kept entry.
async fn move_anchor(tx: &mut Tx, user_id: Uuid, seq: i64) -> Result<()> {
    let hash: Vec<u8> = on_conn!(&mut *tx, conn => sqlx::query_scalar(
        "SELECT hash FROM history_entries WHERE user_id = $1 AND seq = $2",
    )
    .bind(user_id)
    .bind(seq)
    .fetch_one(conn)
    .await)?;
    execute!(
        tx,
        sqlx::query("UPDATE history_chain_heads SET anchor_seq = $1, anchor_hash = $2 WHERE user_id = $3 AND anchor_seq < $1")
            .bind(seq)
            .bind(hash)
            .bind(user_id)
    )?;
    Ok(())
}

fn partition_name(month: NaiveDate) -> String {
    format!("history_entries_p{}", month.format("%Y_%m"))
}

fn first_of_month(at: DateTime<Utc>) -> NaiveDate {
    NaiveDate::from_ymd_opt(at.year(), at.month(), 1).expect("the first of a month exists")
}

/// Creates the partitions from the current month to [`MONTHS_AHEAD`] months ahead. A
/// month whose rows already went to the default partition keeps them there: PostgreSQL
/// cannot create a partition for rows the default partition holds.
async fn create_partitions(tx: &mut Tx, now: DateTime<Utc>) -> Result<()> {
    let first = first_of_month(now);
    for offset in 0..=MONTHS_AHEAD {
        let start = first + Months::new(offset);
        let end = start + Months::new(1);
        let name = partition_name(start);
        let exists: Option<String> = on_conn!(&mut *tx, conn => sqlx::query_scalar(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1",
        )
        .bind(&name)
        .fetch_optional(conn)
        .await)?;
        if exists.is_some() {
            continue;
        }
        let (start_at, end_at) = (
            start.and_time(chrono::NaiveTime::MIN).and_utc(),
            end.and_time(chrono::NaiveTime::MIN).and_utc(),
        );
        let in_default: Option<i32> = on_conn!(&mut *tx, conn => sqlx::query_scalar(
            "SELECT 1 FROM history_entries_default WHERE occurred_at >= $1 AND occurred_at < $2 LIMIT 1",
        )
        .bind(start_at)
        .bind(end_at)
        .fetch_optional(conn)
        .await)?;
        if in_default.is_some() {
            tracing::warn!(partition = %name, "rows of this month are in the default partition; not creating its partition");
            continue;
        }
        // The name and bounds come from dates formatted here, never from input.
        let sql = format!(
            "CREATE TABLE {name} PARTITION OF history_entries FOR VALUES FROM ('{}') TO ('{}')",
            start_at.to_rfc3339(),
            end_at.to_rfc3339()
        );
        execute!(&mut *tx, sqlx::query(sqlx::AssertSqlSafe(sql)))?;
        tracing::info!(partition = %name, "history partition created");
    }
    Ok(())
}

/// Drops the monthly partitions that end at or before `cutoff`.
async fn drop_partitions(tx: &mut Tx, cutoff: DateTime<Utc>) -> Result<u64> {
    let names: Vec<String> = on_conn!(&mut *tx, conn => sqlx::query_scalar(
        "SELECT child.relname::text FROM pg_inherits
         JOIN pg_class child ON child.oid = pg_inherits.inhrelid
         JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
         JOIN pg_namespace ns ON ns.oid = parent.relnamespace
         WHERE parent.relname = 'history_entries' AND ns.nspname = current_schema()
           AND child.relname LIKE 'history\\_entries\\_p%'",
    )
    .fetch_all(conn)
    .await)?;
    let mut dropped = 0;
    for name in names {
        let Some(month) = name
            .strip_prefix("history_entries_p")
            .and_then(|date| NaiveDate::parse_from_str(&format!("{date}_01"), "%Y_%m_%d").ok())
        else {
            continue;
        };
        let end = (month + Months::new(1))
            .and_time(chrono::NaiveTime::MIN)
            .and_utc();
        if end <= cutoff {
            let sql = format!("DROP TABLE {}", partition_name(month));
            execute!(&mut *tx, sqlx::query(sqlx::AssertSqlSafe(sql)))?;
            tracing::info!(partition = %name, "history partition dropped");
            dropped += 1;
        }
    }
    Ok(dropped)
}
