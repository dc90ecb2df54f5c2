//! The hash chain of each person's journal.
//!
//! An entry's hash is SHA-256 over the hash of the person's entry before it and a
//! canonical encoding of the entry's stored columns (see [`StoredEntry::hash`]). Changing,
//! inserting or deleting a stored entry therefore breaks the chain from that entry on.
//! `history_chain_heads` keeps, per person, the last link (so deleting the newest entries
//! is detected) and the anchor: the seq and hash just before the oldest entry kept, which
//! the retention job moves forward when it deletes old entries.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::db::Tx;
use crate::error::Result;
use crate::{execute, on_conn};

/// Length of a chain hash in bytes (SHA-256).
pub const HASH_LEN: usize = 32;
/// The hash before a person's first entry.
pub const GENESIS: [u8; HASH_LEN] = [0; HASH_LEN];

/// The columns of a journal entry that its hash covers. `search_text` is left out: it is
/// derived from these columns and the catalogue, for search only.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StoredEntry {
    pub id: Uuid,
    pub user_id: Uuid,
    pub seq: i64,
    pub occurred_at: DateTime<Utc>,
    pub kind: String,
    pub status: String,
    pub application_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub service_code: Option<String>,
    pub comment: Option<String>,
    pub details: String,
    pub attachments: String,
}

/// Builds the canonical encoding that a hash is computed over.
///
/// Every field is written in a fixed order. A text or byte string is written as its
/// length in bytes (u32, big-endian) followed by its bytes, an integer as i64 big-endian,
/// and a UUID as its 16 bytes. An optional value is one byte, 0 (absent) or 1, followed
/// by the value when present.
/// Times are microseconds since the Unix epoch, the precision both backends keep.
pub(crate) struct Canonical(Sha256);

impl Canonical {
    pub(crate) fn new(domain: &str, previous: &[u8]) -> Self {
        let mut canonical = Canonical(Sha256::new());
        canonical.text(domain);
        canonical.bytes(previous);
        canonical
    }

    pub(crate) fn bytes(&mut self, value: &[u8]) -> &mut Self {
        let length = u32::try_from(value.len()).expect("hashed values are shorter than 4 GiB");
        self.0.update(length.to_be_bytes());
        self.0.update(value);
        self
    }

    pub(crate) fn text(&mut self, value: &str) -> &mut Self {
        self.bytes(value.as_bytes())
    }

    pub(crate) fn integer(&mut self, value: i64) -> &mut Self {
        self.0.update(value.to_be_bytes());
        self
    }

    pub(crate) fn uuid(&mut self, value: Uuid) -> &mut Self {
        self.0.update(value.as_bytes());
        self
    }

    pub(crate) fn time(&mut self, value: DateTime<Utc>) -> &mut Self {
        self.integer(value.timestamp_micros())
    }

    pub(crate) fn optional_uuid(&mut self, value: Option<Uuid>) -> &mut Self {
        match value {
            Some(value) => {
                self.0.update([1]);
                self.uuid(value)
            }
            None => {
                self.0.update([0]);
                self
            }
        }
    }

    pub(crate) fn optional_text(&mut self, value: Option<&str>) -> &mut Self {
        match value {
            Some(value) => {
                self.0.update([1]);
                self.text(value)
            }
            None => {
                self.0.update([0]);
                self
            }
        }
    }

    pub(crate) fn finish(&mut self) -> [u8; HASH_LEN] {
        std::mem::take(&mut self.0).finalize().into()
    }
}

impl StoredEntry {
    /// Computes the entry's hash as the link after `previous`.
    pub fn hash(&self, previous: &[u8]) -> [u8; HASH_LEN] {
        Canonical::new("kabinet.history.v1", previous)
            .uuid(self.id)
            .uuid(self.user_id)
            .integer(self.seq)
            .time(self.occurred_at)
            .text(&self.kind)
            .text(&self.status)
            .optional_uuid(self.application_id)
            .optional_uuid(self.actor_id)
            .optional_text(self.service_code.as_deref())
            .optional_text(self.comment.as_deref())
            .text(&self.details)
            .text(&self.attachments)
            .finish()
    }
}

/// The last link of a person's chain.
pub(crate) struct Head {
    pub seq: i64,
    pub hash: Vec<u8>,
    pub last_at: Option<DateTime<Utc>>,
}

/// Locks the person's chain head until the transaction ends, creating it for a first
/// entry. The no-op `DO UPDATE` makes PostgreSQL lock the existing row, and a concurrent
/// transaction waits for it and then reads the head as the first one left it.
pub(crate) async fn lock_head(tx: &mut Tx, user_id: Uuid) -> Result<Head> {
    let (seq, hash, last_at): (i64, Vec<u8>, Option<DateTime<Utc>>) = on_conn!(&mut *tx, conn => sqlx::query_as(
        "INSERT INTO history_chain_heads (user_id, seq, hash, last_at, anchor_seq, anchor_hash)
         VALUES ($1, 0, $2, NULL, 0, $2)
         ON CONFLICT (user_id) DO UPDATE SET seq = history_chain_heads.seq
         RETURNING seq, hash, last_at",
    )
    .bind(user_id)
    .bind(GENESIS.to_vec())
    .fetch_one(conn)
    .await)?;
    Ok(Head { seq, hash, last_at })
}

pub(crate) async fn advance_head(
    tx: &mut Tx,
    user_id: Uuid,
    seq: i64,
    hash: &[u8],
    at: DateTime<Utc>,
) -> Result<()> {
    execute!(
        tx,
        sqlx::query(
            "UPDATE history_chain_heads SET seq = $1, hash = $2, last_at = $3 WHERE user_id = $4"
        )
        .bind(seq)
        .bind(hash.to_vec())
        .bind(at)
        .bind(user_id)
    )?;
    Ok(())
}

/// Lets the retention job and the chaining of old entries past the append-only triggers
/// until [`end_maintenance`], inside `tx` only.
pub(crate) async fn begin_maintenance(tx: &mut Tx, now: DateTime<Utc>) -> Result<()> {
    execute!(
        tx,
        sqlx::query("INSERT INTO history_maintenance (started_at) VALUES ($1)").bind(now)
    )?;
    Ok(())
}

pub(crate) async fn end_maintenance(tx: &mut Tx) -> Result<()> {
    execute!(tx, sqlx::query("DELETE FROM history_maintenance"))?;
    Ok(())
}

/// Chains entries that have no hash: those written before the chain existed. Each
/// person's unchained entries are appended to their chain in time order. Returns how many
/// entries were chained.
pub async fn chain_unchained(db: &crate::db::Db, now: DateTime<Utc>) -> Result<u64> {
    let mut tx = db.begin().await?;
    let rows: Vec<StoredEntry> = on_conn!(&mut tx, conn => sqlx::query_as(
        "SELECT id, user_id, CAST(0 AS BIGINT) AS seq, occurred_at, kind, status, application_id, actor_id,
                service_code, comment, details, attachments
         FROM history_entries WHERE hash IS NULL ORDER BY user_id, occurred_at, id",
    )
    .fetch_all(conn)
    .await)?;
    if rows.is_empty() {
        return Ok(0);
    }
    let count = rows.len() as u64;

    begin_maintenance(&mut tx, now).await?;
    for mut row in rows {
        let head = lock_head(&mut tx, row.user_id).await?;
        row.seq = head.seq + 1;
        let hash = row.hash(&head.hash);
        let details = serde_json::from_str(&row.details)?;
        let search_text = [kabinet_shared::Locale::Ru, kabinet_shared::Locale::En]
            .map(|locale| super::text::entry_text(locale, &row.kind, &details))
            .join("\n")
            .to_lowercase();
        execute!(
            &mut tx,
            sqlx::query(
                "UPDATE history_entries SET seq = $1, prev_hash = $2, hash = $3, search_text = $4
             WHERE id = $5 AND hash IS NULL",
            )
            .bind(row.seq)
            .bind(head.hash.clone())
            .bind(hash.to_vec())
            .bind(search_text)
            .bind(row.id)
        )?;
        let last_at = head
            .last_at
            .map_or(row.occurred_at, |last| last.max(row.occurred_at));
        advance_head(&mut tx, row.user_id, row.seq, &hash, last_at).await?;
    }
    end_maintenance(&mut tx).await?;
    tx.commit().await?;
    Ok(count)
}
