//! Verifying the hash chains of the journal (one per person) and of the audit log, for
//! `kabinet audit verify`.

use std::fmt;

use uuid::Uuid;

use crate::audit::StoredEvent;
use crate::db::Tx;
use crate::error::Result;
use crate::history::chain::StoredEntry;
use crate::{Core, on_conn};

/// Entries read per query while verifying.
const BATCH: i64 = 1000;

/// Chain in which a break was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chain {
    /// The journal of one person.
    History {
        user_id: Uuid,
    },
    Audit,
}

/// Kind of damage found at a break.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The entry's columns do not give its stored hash: the row was changed.
    Altered,
    /// The entry's previous hash is not the hash of the entry before it (or of the
    /// anchor): an entry before it was changed, removed or inserted.
    Unlinked,
    /// The entry's position is not the next one: entries before it were removed.
    Gap { expected_seq: i64 },
    /// The chain ends before its recorded head: the newest entries were removed.
    Truncated { head_seq: i64 },
    /// The entry has no hash at all.
    Unchained,
    /// The person has entries but no chain head.
    NoHead,
}

/// The first broken link of one chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Break {
    pub chain: Chain,
    /// The first entry found broken; `None` when entries are missing at the end.
    pub entry_id: Option<Uuid>,
    pub seq: Option<i64>,
    pub problem: Problem,
}

impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.chain {
            Chain::History { user_id } => write!(f, "history of person {user_id}")?,
            Chain::Audit => write!(f, "audit log")?,
        }
        match (self.entry_id, self.seq) {
            (Some(id), Some(seq)) => write!(f, ", entry {id} (seq {seq})")?,
            (Some(id), None) => write!(f, ", entry {id}")?,
            _ => {}
        }
        match &self.problem {
            Problem::Altered => write!(f, ": the entry was changed (its hash does not match)"),
            Problem::Unlinked => write!(
                f,
                ": the entry does not follow the one before it (an earlier entry was changed or removed)"
            ),
            Problem::Gap { expected_seq } => {
                write!(
                    f,
                    ": entries from seq {expected_seq} on are missing before it"
                )
            }
            Problem::Truncated { head_seq } => {
                write!(f, ": entries up to seq {head_seq} are missing at the end")
            }
            Problem::Unchained => write!(f, ": the entry has no hash"),
            Problem::NoHead => write!(f, ": the person's chain head is missing"),
        }
    }
}

/// The result of a verification.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub people: u64,
    pub history_entries: u64,
    pub audit_entries: u64,
    /// The first break of each broken chain.
    pub breaks: Vec<Break>,
}

/// Position of the verification in a chain while its entries are read in order.
struct Walk {
    seq: i64,
    hash: Vec<u8>,
}

impl Walk {
    /// Checks the next entry; returns the problem if it breaks the chain.
    fn step(
        &mut self,
        seq: i64,
        prev_hash: &[u8],
        computed: &[u8],
        stored: &[u8],
    ) -> Option<Problem> {
        if seq != self.seq + 1 {
            return Some(Problem::Gap {
                expected_seq: self.seq + 1,
            });
        }
        if prev_hash != self.hash.as_slice() {
            return Some(Problem::Unlinked);
        }
        if computed != stored {
            return Some(Problem::Altered);
        }
        self.seq = seq;
        self.hash = stored.to_vec();
        None
    }
}

#[derive(sqlx::FromRow)]
struct HeadRow {
    user_id: Uuid,
    seq: i64,
    hash: Vec<u8>,
    anchor_seq: i64,
    anchor_hash: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct ChainedRow {
    #[sqlx(flatten)]
    entry: StoredEntry,
    prev_hash: Option<Vec<u8>>,
    hash: Option<Vec<u8>>,
}

impl Core {
    /// Checks every person's journal chain and the audit chain and reports the first
    /// broken entry of each broken chain.
    pub async fn verify_integrity(&self) -> Result<Report> {
        let mut report = Report::default();
        let mut tx = self.db.begin_read().await?;

        let unchained: Vec<(Uuid, Uuid)> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT user_id, id FROM history_entries WHERE hash IS NULL OR seq IS NULL ORDER BY user_id, occurred_at",
        )
        .fetch_all(conn)
        .await)?;
        let headless: Vec<Uuid> = on_conn!(&mut tx, conn => sqlx::query_scalar(
            "SELECT DISTINCT user_id FROM history_entries
             WHERE user_id NOT IN (SELECT user_id FROM history_chain_heads)",
        )
        .fetch_all(conn)
        .await)?;
        for user_id in headless {
            report.breaks.push(Break {
                chain: Chain::History { user_id },
                entry_id: None,
                seq: None,
                problem: Problem::NoHead,
            });
        }

        let heads: Vec<HeadRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT user_id, seq, hash, anchor_seq, anchor_hash FROM history_chain_heads ORDER BY user_id",
        )
        .fetch_all(conn)
        .await)?;
        for head in heads {
            report.people += 1;
            if let Some((_, id)) = unchained.iter().find(|(user, _)| *user == head.user_id) {
                report.breaks.push(Break {
                    chain: Chain::History {
                        user_id: head.user_id,
                    },
                    entry_id: Some(*id),
                    seq: None,
                    problem: Problem::Unchained,
                });
                continue;
            }
            let (count, broken) = verify_person(&mut tx, &head).await?;
            report.history_entries += count;
            report.breaks.extend(broken);
        }

        let (count, broken) = verify_audit(&mut tx).await?;
        report.audit_entries = count;
        report.breaks.extend(broken);
        Ok(report)
    }
}

async fn verify_person(tx: &mut Tx, head: &HeadRow) -> Result<(u64, Option<Break>)> {
    let chain = Chain::History {
        user_id: head.user_id,
    };
    let mut walk = Walk {
        seq: head.anchor_seq,
        hash: head.anchor_hash.clone(),
    };
    let mut count = 0;
    loop {
        let rows: Vec<ChainedRow> = on_conn!(&mut *tx, conn => sqlx::query_as(
            "SELECT id, user_id, seq, occurred_at, kind, status, application_id, actor_id,
                    service_code, comment, details, attachments, prev_hash, hash
             FROM history_entries WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        )
        .bind(head.user_id)
        .bind(walk.seq)
        .bind(BATCH)
        .fetch_all(conn)
        .await)?;
        let last_batch = rows.len() < BATCH as usize;
        for row in rows {
            count += 1;
            let prev_hash = row.prev_hash.unwrap_or_default();
            let stored = row.hash.unwrap_or_default();
            let computed = row.entry.hash(&prev_hash);
            if let Some(problem) = walk.step(row.entry.seq, &prev_hash, &computed, &stored) {
                let entry = Break {
                    chain,
                    entry_id: Some(row.entry.id),
                    seq: Some(row.entry.seq),
                    problem,
                };
                return Ok((count, Some(entry)));
            }
        }
        if last_batch {
            break;
        }
    }
    if walk.seq != head.seq || walk.hash != head.hash {
        let problem = Problem::Truncated { head_seq: head.seq };
        return Ok((
            count,
            Some(Break {
                chain,
                entry_id: None,
                seq: Some(walk.seq),
                problem,
            }),
        ));
    }
    Ok((count, None))
}

async fn verify_audit(tx: &mut Tx) -> Result<(u64, Option<Break>)> {
    let head: Option<(i64, Vec<u8>)> = on_conn!(&mut *tx, conn => sqlx::query_as(
        "SELECT seq, hash FROM audit_chain_head WHERE id = 1",
    )
    .fetch_optional(conn)
    .await)?;
    let (head_seq, head_hash) = head.unwrap_or((0, crate::history::chain::GENESIS.to_vec()));
    let mut walk = Walk {
        seq: 0,
        hash: crate::history::chain::GENESIS.to_vec(),
    };
    let mut count = 0;
    loop {
        let rows: Vec<StoredEvent> = on_conn!(&mut *tx, conn => sqlx::query_as(
            "SELECT id, seq, occurred_at, actor_id, action, subject_user_id, application_id, details, prev_hash, hash
             FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(walk.seq)
        .bind(BATCH)
        .fetch_all(conn)
        .await)?;
        let last_batch = rows.len() < BATCH as usize;
        for row in rows {
            count += 1;
            let computed = row.compute_hash(&row.prev_hash);
            if let Some(problem) = walk.step(row.seq, &row.prev_hash, &computed, &row.hash) {
                return Ok((
                    count,
                    Some(Break {
                        chain: Chain::Audit,
                        entry_id: Some(row.id),
                        seq: Some(row.seq),
                        problem,
                    }),
                ));
            }
        }
        if last_batch {
            break;
        }
    }
    if walk.seq != head_seq || walk.hash != head_hash {
        return Ok((
            count,
            Some(Break {
                chain: Chain::Audit,
                entry_id: None,
                seq: Some(walk.seq),
                problem: Problem::Truncated { head_seq },
            }),
        ));
    }
    Ok((count, None))
}
