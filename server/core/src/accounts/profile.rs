//! The profile: what the person sees and edits about themselves.

use kabinet_shared::forms::ProfileForm;
use kabinet_shared::model::{HistoryStatus, Profile};
use kabinet_shared::validate::email;

use super::{inn_context, snils_context, user_by_id};
use crate::crypto::{open_text, seal};
use crate::db::unique_violation;
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Actor, Core, execute, time};

impl Core {
    pub async fn profile(&self, actor: &Actor) -> Result<Profile> {
        let mut tx = self.db.begin_read().await?;
        let user = user_by_id(&mut tx, actor.user_id)
            .await?
            .ok_or(Error::Unauthenticated)?;
        let keys = &self.keys.data;
        let snils = user
            .snils_enc
            .as_deref()
            .map(|sealed| open_text(keys, &snils_context(user.id), sealed))
            .transpose()?;
        let inn = user
            .inn_enc
            .as_deref()
            .map(|sealed| open_text(keys, &inn_context(user.id), sealed))
            .transpose()?;

        Ok(Profile {
            surname: user.surname,
            given_name: user.given_name,
            patronymic: user.patronymic,
            birth_date: user.birth_date,
            phone: user.phone,
            email: user.email,
            snils,
            inn,
        })
    }

    /// Saves the edited profile. The journal records which fields changed, never their
    /// values.
    pub async fn update_profile(&self, actor: &Actor, form: &ProfileForm) -> Result<()> {
        let now = self.clock.now();
        let change = form.validate(time::today(now, &actor.time_zone))?;
        let before = self.profile(actor).await?;

        let mut changed = Vec::new();
        let mut note = |field: &str, differs: bool| {
            if differs {
                changed.push(field.to_string());
            }
        };
        note("surname", before.surname != change.surname);
        note("given_name", before.given_name != change.given_name);
        note("patronymic", before.patronymic != change.patronymic);
        note("birth_date", before.birth_date != Some(change.birth_date));
        note("email", before.email != change.email);
        note("snils", before.snils != change.snils);
        note("inn", before.inn != change.inn);
        if changed.is_empty() {
            return Ok(());
        }

        let user_id = actor.user_id;
        let keys = &self.keys.data;
        let mut tx = self.db.begin().await?;
        let updated = execute!(&mut tx, sqlx::query(
            "UPDATE users SET surname = $1, given_name = $2, patronymic = $3, birth_date = $4, email = $5,
                 email_key = $6, snils_index = $7, snils_enc = $8, inn_index = $9, inn_enc = $10, updated_at = $11
             WHERE id = $12",
        )
        .bind(&change.surname)
        .bind(&change.given_name)
        .bind(&change.patronymic)
        .bind(change.birth_date)
        .bind(&change.email)
        .bind(change.email.as_deref().map(email::lookup_key))
        .bind(change.snils.as_deref().map(|snils| self.snils_index(snils)))
        .bind(change.snils.as_deref().map(|snils| seal(keys, &snils_context(user_id), snils.as_bytes())))
        .bind(change.inn.as_deref().map(|inn| self.inn_index(inn)))
        .bind(change.inn.as_deref().map(|inn| seal(keys, &inn_context(user_id), inn.as_bytes())))
        .bind(now)
        .bind(user_id));

        if let Err(error) = updated {
            return Err(match unique_violation(&error).as_deref() {
                Some("users_email_key_key") => {
                    Error::field("email", kabinet_shared::Message::new("error-email-taken"))
                }
                Some("users_snils_index_key") => {
                    Error::field("snils", kabinet_shared::Message::new("error-snils-taken"))
                }
                Some("users_inn_index_key") => {
                    Error::field("inn", kabinet_shared::Message::new("error-inn-taken"))
                }
                _ => error.into(),
            });
        }

        let entry = Entry::new(user_id, Kind::ProfileChange, HistoryStatus::Succeeded)
            .detail("fields", changed.join(","));
        history::record(&mut tx, now, entry).await?;
        tx.commit().await?;
        tracing::info!(user.id = %user_id, "profile updated");
        Ok(())
    }
}

impl Core {
    /// Saves the interface language the person chose.
    pub async fn set_locale(
        &self,
        user_id: uuid::Uuid,
        locale: kabinet_shared::Locale,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        execute!(
            &mut tx,
            sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
                .bind(locale.code())
                .bind(user_id)
        )?;
        tx.commit().await?;
        Ok(())
    }
}
