//! Re-encryption of stored values after a new data key becomes current.
//!
//! Rotating the data key takes two steps. First the new key is put first in
//! `KABINET_DATA_KEY`, with the old one after it, so new values use the new key and old
//! ones still open. Then `kabinet keys reseal` runs [`Core::reseal_with_current_key`],
//! which seals every value of an older key again with the current one. Once it reports no
//! value left under an older key, the old key can be removed from the configuration.

use uuid::Uuid;

use crate::crypto::{self, key_id};
use crate::error::Result;
use crate::{Core, execute, on_conn};

/// A column that contains values sealed with the data key. The encryption context of a row is
/// `<context>:<id>`, with the id written as a hyphenated UUID.
struct SealedColumn {
    table: &'static str,
    id: &'static str,
    column: &'static str,
    context: &'static str,
}

/// Every sealed column with a UUID row id. The sign-in requests of single sign-on live
/// for ten minutes and passkey ceremonies for five, so they are not listed: an older key
/// must stay configured that long.
const SEALED_COLUMNS: [SealedColumn; 13] = [
    SealedColumn {
        table: "users",
        id: "id",
        column: "snils_enc",
        context: "users.snils",
    },
    SealedColumn {
        table: "users",
        id: "id",
        column: "inn_enc",
        context: "users.inn",
    },
    SealedColumn {
        table: "profile_details",
        id: "user_id",
        column: "documents_enc",
        context: "profile_details.documents",
    },
    SealedColumn {
        table: "profile_details",
        id: "user_id",
        column: "addresses_enc",
        context: "profile_details.addresses",
    },
    SealedColumn {
        table: "document_reviews",
        id: "id",
        column: "details_enc",
        context: "document_reviews.details",
    },
    SealedColumn {
        table: "second_factors",
        id: "id",
        column: "secret_enc",
        context: "second_factors.secret",
    },
    SealedColumn {
        table: "applications",
        id: "id",
        column: "answers_enc",
        context: "applications.answers",
    },
    SealedColumn {
        table: "application_answer_versions",
        id: "id",
        column: "answers_enc",
        context: "application_answer_versions.answers",
    },
    SealedColumn {
        table: "application_drafts",
        id: "id",
        column: "answers_enc",
        context: "application_drafts.answers",
    },
    SealedColumn {
        table: "application_templates",
        id: "id",
        column: "content_enc",
        context: "application_templates.content",
    },
    SealedColumn {
        table: "application_messages",
        id: "id",
        column: "body_enc",
        context: "application_messages.body",
    },
    SealedColumn {
        table: "registrations",
        id: "id",
        column: "payload_enc",
        context: "registrations.payload",
    },
    SealedColumn {
        table: "form_flashes",
        id: "id",
        column: "data_enc",
        context: "form_flashes.data",
    },
];

/// Rows are read and rewritten this many at a time, each batch in its own transaction.
const BATCH: i64 = 500;

/// Counts of what [`Core::reseal_with_current_key`] re-encrypted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResealReport {
    /// Database values sealed again with the current key.
    pub values: u64,
    /// Stored files sealed again with the current key.
    pub files: u64,
    /// Values already under the current key, left as they were.
    pub current: u64,
}

impl Core {
    /// Seals every stored value and file of an older data key again with the current key.
    /// Safe to run while the portal serves requests and to run again after an interruption:
    /// a row is only replaced if it still contains the value that was read.
    pub async fn reseal_with_current_key(&self) -> Result<ResealReport> {
        let mut report = ResealReport::default();
        for column in &SEALED_COLUMNS {
            self.reseal_column(column, &mut report).await?;
        }
        self.files.reseal(&self.keys, &mut report).await?;
        tracing::info!(
            values = report.values,
            files = report.files,
            "stored values sealed with the current data key"
        );
        Ok(report)
    }

    async fn reseal_column(&self, column: &SealedColumn, report: &mut ResealReport) -> Result<()> {
        let SealedColumn {
            table,
            id,
            column: name,
            context,
        } = column;
        let (current, _) = self.keys.data.current();
        let select = format!(
            "SELECT {id}, {name} FROM {table} WHERE {name} IS NOT NULL AND {id} > $1 ORDER BY {id} LIMIT $2"
        );
        // The names come from SEALED_COLUMNS, never from input.
        let update = format!("UPDATE {table} SET {name} = $1 WHERE {id} = $2 AND {name} = $3");
        let mut after = Uuid::nil();
        loop {
            let mut tx = self.db.begin().await?;
            let rows: Vec<(Uuid, Vec<u8>)> = on_conn!(&mut tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(select.as_str()))
                .bind(after)
                .bind(BATCH)
                .fetch_all(conn)
                .await)?;
            let Some((last, _)) = rows.last() else {
                break;
            };
            after = *last;
            for (row_id, sealed) in &rows {
                if key_id(sealed)? == current {
                    report.current += 1;
                    continue;
                }
                let row_context = format!("{context}:{row_id}").into_bytes();
                let plain = crypto::open(&self.keys.data, &row_context, sealed)?;
                let resealed = crypto::seal(&self.keys.data, &row_context, &plain);
                report.values += execute!(
                    &mut tx,
                    sqlx::query(sqlx::AssertSqlSafe(update.as_str()))
                        .bind(resealed)
                        .bind(row_id)
                        .bind(sealed)
                )?;
            }
            tx.commit().await?;
        }
        Ok(())
    }
}
