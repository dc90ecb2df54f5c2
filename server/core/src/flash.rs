//! Form flashes: what a person typed into a form posted without JavaScript, kept for the
//! moment between the post and the page that shows it again with its errors.

use chrono::Duration;
use uuid::Uuid;

use crate::crypto::{open, seal};
use crate::error::Result;
use crate::{Core, execute, on_conn};

/// How long a flash waits to be shown.
const FLASH_LIFETIME_MINUTES: i64 = 10;

fn context(id: Uuid) -> Vec<u8> {
    format!("form_flashes.data:{id}").into_bytes()
}

#[derive(sqlx::FromRow)]
struct FlashRow {
    form: String,
    data_enc: Vec<u8>,
    expires_at: chrono::DateTime<chrono::Utc>,
}

impl Core {
    /// Keeps `data` (encrypted, since forms carry personal data) for the form `form` and
    /// returns the id that the flash cookie carries.
    pub async fn save_flash(&self, form: &str, data: &[u8]) -> Result<Uuid> {
        let now = self.clock.now();
        let id = Uuid::new_v4();
        let mut tx = self.db.begin().await?;
        execute!(
            &mut tx,
            sqlx::query(
                "INSERT INTO form_flashes (id, form, data_enc, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(form)
            .bind(seal(&self.keys.data, &context(id), data))
            .bind(now + Duration::minutes(FLASH_LIFETIME_MINUTES))
        )?;
        tx.commit().await?;
        Ok(id)
    }

    /// Returns and deletes the flash `id` if it belongs to `form` and has not expired.
    pub async fn take_flash(&self, id: Uuid, form: &str) -> Result<Option<Vec<u8>>> {
        let mut tx = self.db.begin().await?;
        let row: Option<FlashRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT form, data_enc, expires_at FROM form_flashes WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(conn)
        .await)?;
        let Some(row) = row.filter(|row| row.form == form) else {
            return Ok(None);
        };
        execute!(
            &mut tx,
            sqlx::query("DELETE FROM form_flashes WHERE id = $1").bind(id)
        )?;
        tx.commit().await?;

        if row.expires_at <= self.clock.now() {
            return Ok(None);
        }
        Ok(Some(open(&self.keys.data, &context(id), &row.data_enc)?))
    }

    /// Deletes what has expired: flashes, unconfirmed registrations, old one-time codes and
    /// files staged for forms that were never submitted. Returns the number of rows removed.
    pub async fn purge_expired(&self) -> Result<u64> {
        let now = self.clock.now();
        let day_ago = now - Duration::days(1);
        let mut tx = self.db.begin().await?;
        let mut removed = 0;
        removed += execute!(
            &mut tx,
            sqlx::query("DELETE FROM form_flashes WHERE expires_at <= $1").bind(now)
        )?;
        removed += execute!(
            &mut tx,
            sqlx::query("DELETE FROM registrations WHERE expires_at <= $1").bind(now)
        )?;
        removed += execute!(
            &mut tx,
            sqlx::query("DELETE FROM one_time_codes WHERE expires_at <= $1").bind(day_ago)
        )?;
        removed += execute!(
            &mut tx,
            sqlx::query("DELETE FROM staged_uploads WHERE created_at <= $1").bind(day_ago)
        )?;
        tx.commit().await?;
        Ok(removed)
    }
}
