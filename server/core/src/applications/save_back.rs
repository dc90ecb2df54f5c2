//! Keeping an application's answers in the applicant's profile.
//!
//! Which answers qualify is decided in [`kabinet_shared::autofill`]: a field that represents
//! a profile value the profile page saves without a confirmation, answered with something
//! the profile lacks or contains differently. Saving goes through the profile's own updates,
//! so the same checks apply and each changed section gets its journal entry and its notice.

use std::collections::{BTreeMap, HashSet};

use kabinet_shared::autofill::{differs_from_profile, parse_address, saves_back};
use kabinet_shared::forms::{AddressesForm, ProfileForm};
use kabinet_shared::model::{Profile, ProfileOffer};
use kabinet_shared::service::{FieldDef, ProfileField, ServiceDefinition, display_answer};
use kabinet_shared::{Locale, Message};
use uuid::Uuid;

use super::view::visible_application;
use super::{ApplicationRow, open_answers};
use crate::catalogue::service_version;
use crate::error::{Error, Result};
use crate::{Actor, Core};

/// An answer that may go to the profile.
struct Candidate<'a> {
    field: &'a FieldDef,
    meaning: ProfileField,
    answer: &'a str,
}

/// The answers that would change the profile, in the order of the form. When two fields
/// stand for the same value, only the first is offered.
fn candidates<'a>(
    service: &'a ServiceDefinition,
    answers: &'a BTreeMap<String, String>,
    profile: &Profile,
) -> Vec<Candidate<'a>> {
    let mut seen = HashSet::new();
    service
        .fields
        .iter()
        .filter_map(|field| {
            let meaning = field.prefill.filter(|meaning| saves_back(*meaning))?;
            let answer = answers.get(&field.name)?;
            (differs_from_profile(profile, meaning, answer) && seen.insert(meaning)).then_some(
                Candidate {
                    field,
                    meaning,
                    answer,
                },
            )
        })
        .collect()
}

impl Core {
    /// Lists the answers of the viewer's own application that their profile lacks or
    /// contains differently, and nothing when the viewer is not the applicant.
    pub(crate) async fn profile_offers(
        &self,
        viewer: &Actor,
        row: &ApplicationRow,
        locale: Locale,
    ) -> Result<Vec<ProfileOffer>> {
        if row.user_id != viewer.user_id {
            return Ok(Vec::new());
        }
        let service = {
            let mut tx = self.db.begin_read().await?;
            service_version(&mut tx, &row.service_code, row.service_version).await?
        };
        let answers = open_answers(&self.keys.data, row.id, &row.answers_enc)?;
        let profile = self.profile(viewer).await?;
        Ok(candidates(&service, &answers, &profile)
            .into_iter()
            .map(|candidate| ProfileOffer {
                field: candidate.field.name.clone(),
                label: candidate.field.label.get(locale).to_string(),
                value: display_answer(candidate.field, candidate.answer, locale),
            })
            .collect())
    }

    /// Saves answers of the person's own application to their profile: the answer to
    /// `field`, or every answer offered when `field` is `None`. Returns how many profile
    /// values changed. An answer the profile's checks refuse is reported with the names
    /// of the fields, and the profile stays as it was.
    pub async fn save_answers_to_profile(
        &self,
        actor: &Actor,
        application_id: Uuid,
        field: Option<&str>,
        locale: Locale,
    ) -> Result<usize> {
        let (row, service) = {
            let mut tx = self.db.begin_read().await?;
            let row = visible_application(&mut tx, actor, application_id).await?;
            if row.user_id != actor.user_id {
                return Err(Error::NotFound);
            }
            let service = service_version(&mut tx, &row.service_code, row.service_version).await?;
            (row, service)
        };
        let answers = open_answers(&self.keys.data, row.id, &row.answers_enc)?;
        let profile = self.profile(actor).await?;
        let chosen: Vec<Candidate> = candidates(&service, &answers, &profile)
            .into_iter()
            .filter(|candidate| field.is_none_or(|field| field == candidate.field.name))
            .collect();
        if chosen.is_empty() {
            // Saved already, or changed on the profile page meanwhile.
            return match field {
                Some(_) => Err(Error::rejected("error-profile-offer-gone")),
                None => Ok(0),
            };
        }

        let mut personal = ProfileForm::from_profile(&profile);
        let mut addresses = AddressesForm::from_addresses(&profile.addresses);
        let mut personal_labels = Vec::new();
        let mut address_labels = Vec::new();
        for candidate in &chosen {
            let answer = candidate.answer.trim().to_string();
            let label = candidate.field.label.get(locale).to_string();
            let target = match candidate.meaning {
                ProfileField::Surname => &mut personal.surname,
                ProfileField::GivenName => &mut personal.given_name,
                ProfileField::Patronymic => &mut personal.patronymic,
                ProfileField::BirthDate => &mut personal.birth_date,
                ProfileField::Inn => &mut personal.inn,
                ProfileField::FormerNames => &mut personal.former_names,
                ProfileField::BirthPlace => &mut personal.birth_place,
                ProfileField::RegistrationAddress | ProfileField::ResidenceAddress => {
                    let Some(address) = parse_address(&answer) else {
                        continue;
                    };
                    if candidate.meaning == ProfileField::RegistrationAddress {
                        addresses.registration_postcode = address.postcode;
                        addresses.registration_address = address.text;
                    } else if profile.addresses.registration.as_ref() == Some(&address) {
                        addresses.residence_same = "yes".into();
                    } else {
                        addresses.residence_same = "no".into();
                        addresses.residence_postcode = address.postcode;
                        addresses.residence_address = address.text;
                    }
                    address_labels.push(label);
                    continue;
                }
                _ => continue,
            };
            *target = answer;
            personal_labels.push(label);
        }

        // Both sections are checked before either is saved, so a refused answer
        // leaves the profile as it was.
        let today = crate::time::today(self.clock.now(), &actor.time_zone);
        let refused = |labels: &[String]| {
            Error::Rejected(
                Message::new("error-profile-offer-invalid").arg("fields", labels.join(", ")),
            )
        };
        if !personal_labels.is_empty() && personal.validate(today).is_err() {
            return Err(refused(&personal_labels));
        }
        if !address_labels.is_empty() && addresses.validate().is_err() {
            return Err(refused(&address_labels));
        }
        if !personal_labels.is_empty() {
            self.update_profile(actor, &personal)
                .await
                .map_err(|error| match error {
                    Error::Invalid(_) => refused(&personal_labels),
                    other => other,
                })?;
        }
        if !address_labels.is_empty() {
            self.update_addresses(actor, &addresses).await?;
        }
        Ok(personal_labels.len() + address_labels.len())
    }
}
