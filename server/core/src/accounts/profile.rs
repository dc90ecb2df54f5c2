//! The profile: what the person sees and edits about themselves.

use chrono::{DateTime, Utc};
use kabinet_shared::forms::{AddressesForm, DocumentsForm, ProfileForm};
use kabinet_shared::model::{Addresses, Documents, HistoryStatus, Profile, Sex};
use kabinet_shared::validate::email;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::alerts::{self, Alert};
use super::{inn_context, snils_context, user_by_id};
use crate::crypto::{open, open_text, seal};
use crate::db::{Tx, unique_violation};
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::keys::DataKeyring;
use crate::{Actor, Core, execute, on_conn, time};

/// Encryption contexts of the sealed profile sections.
pub(crate) fn documents_context(user_id: Uuid) -> Vec<u8> {
    format!("profile_details.documents:{user_id}").into_bytes()
}

pub(crate) fn addresses_context(user_id: Uuid) -> Vec<u8> {
    format!("profile_details.addresses:{user_id}").into_bytes()
}

/// A row of `profile_details`, with the sealed sections still sealed.
#[derive(Debug, Default, sqlx::FromRow)]
pub(crate) struct DetailsRow {
    pub former_names: Option<String>,
    pub sex: Option<String>,
    pub birth_place: Option<String>,
    pub citizenship: Option<String>,
    pub telegram: Option<String>,
    pub documents_enc: Option<Vec<u8>>,
    pub addresses_enc: Option<Vec<u8>>,
}

async fn details_row(tx: &mut Tx, user_id: Uuid) -> Result<DetailsRow> {
    let row = on_conn!(tx, conn => sqlx::query_as::<_, DetailsRow>(
        "SELECT former_names, sex, birth_place, citizenship, telegram, documents_enc, addresses_enc
         FROM profile_details WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(conn)
    .await)?;
    Ok(row.unwrap_or_default())
}

pub(super) fn open_json<T: DeserializeOwned + Default>(
    keys: &DataKeyring,
    context: &[u8],
    sealed: Option<&[u8]>,
) -> Result<T> {
    match sealed {
        Some(sealed) => Ok(serde_json::from_slice(&open(keys, context, sealed)?)?),
        None => Ok(T::default()),
    }
}

pub(super) fn seal_json<T: Serialize>(
    keys: &DataKeyring,
    context: &[u8],
    value: &T,
) -> Result<Vec<u8>> {
    Ok(seal(keys, context, &serde_json::to_vec(value)?))
}

/// The outcome of saving the personal section.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileSaved {
    /// The new e-mail address the confirmation link was sent to.
    pub email_pending: Option<String>,
}

/// The profile section a save changed, for the journal and the owner's notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Personal,
    Documents,
    Addresses,
}

impl Section {
    fn code(self) -> &'static str {
        match self {
            Section::Personal => "personal",
            Section::Documents => "documents",
            Section::Addresses => "addresses",
        }
    }
}

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

        let details = details_row(&mut tx, user.id).await?;
        let pending_email = self.pending_email(&mut tx, user.id).await?;
        let passport_review = self.latest_review(&mut tx, actor, "passport").await?;
        let snils_review = self.latest_review(&mut tx, actor, "snils").await?;
        let documents = open_json(
            keys,
            &documents_context(user.id),
            details.documents_enc.as_deref(),
        )?;
        let addresses = open_json(
            keys,
            &addresses_context(user.id),
            details.addresses_enc.as_deref(),
        )?;

        Ok(Profile {
            surname: user.surname,
            given_name: user.given_name,
            patronymic: user.patronymic,
            birth_date: user.birth_date,
            phone: user.phone,
            email: user.email,
            snils,
            inn,
            former_names: details.former_names,
            sex: details.sex.as_deref().and_then(Sex::parse),
            birth_place: details.birth_place,
            citizenship: details.citizenship,
            telegram: details.telegram,
            documents,
            addresses,
            pending_email,
            passport_review,
            snils_review,
        })
    }

    /// Fails with [`Error::StepUpRequired`] when `form` changes the e-mail address and the
    /// session has no fresh step-up: the address signs the person in and receives codes,
    /// so a stolen session must not change it. Call before [`Core::update_profile`]. The
    /// SNILS changes only through a checked submission (see [`Core::submit_snils`]).
    pub async fn check_profile_step_up(
        &self,
        session: &super::SessionUser,
        form: &ProfileForm,
    ) -> Result<()> {
        let before = self.profile(&session.actor).await?;
        let Ok(change) = form.validate(time::today(self.clock.now(), &session.actor.time_zone))
        else {
            // Invalid input is reported by the update itself, field by field.
            return Ok(());
        };
        if before.email != change.email {
            self.require_step_up(session)?;
        }
        Ok(())
    }

    /// Saves the edited profile. A new e-mail address is not saved but waits until its
    /// owner opens the link sent to it. Removing the address takes effect at once. The
    /// journal records which fields changed, never their values.
    pub async fn update_profile(&self, actor: &Actor, form: &ProfileForm) -> Result<ProfileSaved> {
        let now = self.clock.now();
        let change = form.validate(time::today(now, &actor.time_zone))?;
        let before = self.profile(actor).await?;
        let email_pending = change
            .email
            .clone()
            .filter(|new| before.email.as_ref() != Some(new));
        let email = if email_pending.is_some() {
            before.email.clone()
        } else {
            change.email.clone()
        };

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
        note("email", before.email != email);
        note("inn", before.inn != change.inn);
        note("former_names", before.former_names != change.former_names);
        note("sex", before.sex != change.sex);
        note("birth_place", before.birth_place != change.birth_place);
        note("citizenship", before.citizenship != change.citizenship);
        note("telegram", before.telegram != change.telegram);
        let saved = ProfileSaved {
            email_pending: email_pending.clone(),
        };
        if changed.is_empty() && email_pending.is_none() {
            return Ok(saved);
        }

        let user_id = actor.user_id;
        let keys = &self.keys.data;
        let mut tx = self.db.begin().await?;
        if !changed.is_empty() {
            let updated = execute!(&mut tx, sqlx::query(
                "UPDATE users SET surname = $1, given_name = $2, patronymic = $3, birth_date = $4, email = $5,
                     email_key = $6, inn_index = $7, inn_enc = $8, updated_at = $9
                 WHERE id = $10",
            )
            .bind(&change.surname)
            .bind(&change.given_name)
            .bind(&change.patronymic)
            .bind(change.birth_date)
            .bind(&email)
            .bind(email.as_deref().map(email::lookup_key))
            .bind(change.inn.as_deref().map(|inn| self.inn_index(inn)))
            .bind(change.inn.as_deref().map(|inn| seal(keys, &inn_context(user_id), inn.as_bytes())))
            .bind(now)
            .bind(user_id));

            if let Err(error) = updated {
                return Err(match unique_violation(&error).as_deref() {
                    Some("users_inn_index_key") => {
                        Error::field("inn", kabinet_shared::Message::new("error-inn-taken"))
                    }
                    _ => error.into(),
                });
            }

            execute!(&mut tx, sqlx::query(
                "INSERT INTO profile_details (user_id, former_names, sex, birth_place, citizenship, telegram, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (user_id) DO UPDATE SET former_names = excluded.former_names, sex = excluded.sex,
                     birth_place = excluded.birth_place, citizenship = excluded.citizenship,
                     telegram = excluded.telegram, updated_at = excluded.updated_at",
            )
            .bind(user_id)
            .bind(&change.former_names)
            .bind(change.sex.map(Sex::code))
            .bind(&change.birth_place)
            .bind(&change.citizenship)
            .bind(&change.telegram)
            .bind(now))?;

            finish_change(
                &mut tx,
                now,
                &self.settings.public_url,
                user_id,
                Section::Personal,
                &changed,
            )
            .await?;
        }
        if let Some(new_email) = &email_pending {
            let user = user_by_id(&mut tx, user_id)
                .await?
                .ok_or(Error::Unauthenticated)?;
            self.start_email_change(&mut tx, now, &user, new_email)
                .await?;
        }
        tx.commit().await?;
        tracing::info!(user.id = %user_id, "profile updated");
        Ok(saved)
    }

    /// Saves the driving licence and the passport for travel abroad, sealed with the
    /// passport as one value. The passport itself changes only through a checked
    /// submission (see [`Core::submit_passport`]).
    pub async fn update_documents(&self, actor: &Actor, form: &DocumentsForm) -> Result<()> {
        let now = self.clock.now();
        let before = self.profile(actor).await?;
        let mut documents: Documents =
            form.validate(before.birth_date, time::today(now, &actor.time_zone))?;
        let old = &before.documents;
        documents.passport = old.passport.clone();
        let changed: Vec<String> = [
            (
                "driving_licence",
                old.driving_licence != documents.driving_licence,
            ),
            (
                "foreign_passport",
                old.foreign_passport != documents.foreign_passport,
            ),
        ]
        .into_iter()
        .filter(|(_, differs)| *differs)
        .map(|(field, _)| field.to_string())
        .collect();
        if changed.is_empty() {
            return Ok(());
        }

        let mut tx = self.db.begin().await?;
        store_documents(&self.keys.data, &mut tx, actor.user_id, &documents, now).await?;
        finish_change(
            &mut tx,
            now,
            &self.settings.public_url,
            actor.user_id,
            Section::Documents,
            &changed,
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, "profile documents updated");
        Ok(())
    }

    /// Saves the registration and residence addresses, sealed as one value.
    pub async fn update_addresses(&self, actor: &Actor, form: &AddressesForm) -> Result<()> {
        let now = self.clock.now();
        let addresses: Addresses = form.validate()?;
        let before = self.profile(actor).await?.addresses;
        let changed: Vec<String> = [
            (
                "registration_address",
                before.registration != addresses.registration,
            ),
            (
                "residence_address",
                before.actual_residence() != addresses.actual_residence()
                    || before.residence_same != addresses.residence_same,
            ),
        ]
        .into_iter()
        .filter(|(_, differs)| *differs)
        .map(|(field, _)| field.to_string())
        .collect();
        if changed.is_empty() {
            return Ok(());
        }

        let sealed = seal_json(
            &self.keys.data,
            &addresses_context(actor.user_id),
            &addresses,
        )?;
        let mut tx = self.db.begin().await?;
        upsert_sealed(&mut tx, SealedColumn::Addresses, actor.user_id, sealed, now).await?;
        finish_change(
            &mut tx,
            now,
            &self.settings.public_url,
            actor.user_id,
            Section::Addresses,
            &changed,
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %actor.user_id, "profile addresses updated");
        Ok(())
    }
}

/// Returns the documents stored for `user_id`, or none.
pub(super) async fn stored_documents(
    keys: &DataKeyring,
    tx: &mut Tx,
    user_id: Uuid,
) -> Result<Documents> {
    let row = details_row(tx, user_id).await?;
    open_json(
        keys,
        &documents_context(user_id),
        row.documents_enc.as_deref(),
    )
}

/// Seals `documents` for `user_id` and stores them in the caller's transaction.
pub(super) async fn store_documents(
    keys: &DataKeyring,
    tx: &mut Tx,
    user_id: Uuid,
    documents: &Documents,
    now: DateTime<Utc>,
) -> Result<()> {
    let sealed = seal_json(keys, &documents_context(user_id), documents)?;
    upsert_sealed(tx, SealedColumn::Documents, user_id, sealed, now).await
}

/// A sealed column of `profile_details`.
#[derive(Clone, Copy)]
enum SealedColumn {
    Documents,
    Addresses,
}

/// Stores one sealed column of `profile_details`, creating the row when needed.
async fn upsert_sealed(
    tx: &mut Tx,
    column: SealedColumn,
    user_id: Uuid,
    sealed: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = match column {
        SealedColumn::Documents => {
            "INSERT INTO profile_details (user_id, documents_enc, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id) DO UPDATE SET documents_enc = excluded.documents_enc,
                 updated_at = excluded.updated_at"
        }
        SealedColumn::Addresses => {
            "INSERT INTO profile_details (user_id, addresses_enc, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id) DO UPDATE SET addresses_enc = excluded.addresses_enc,
                 updated_at = excluded.updated_at"
        }
    };
    execute!(tx, sqlx::query(sql).bind(user_id).bind(sealed).bind(now))?;
    Ok(())
}

/// Writes the journal entry of a saved profile change and notifies the owner, in the
/// transaction of the change. The entry names the changed fields, never their values.
async fn finish_change(
    tx: &mut Tx,
    now: DateTime<Utc>,
    portal: &str,
    user_id: Uuid,
    section: Section,
    changed: &[String],
) -> Result<()> {
    let entry = Entry::new(user_id, Kind::ProfileChange, HistoryStatus::Succeeded)
        .detail("section", section.code())
        .detail("fields", changed.join(","));
    history::record(tx, now, entry).await?;
    let user = user_by_id(tx, user_id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    alerts::send(tx, now, portal, &user, Alert::ProfileChanged, &[]).await
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
