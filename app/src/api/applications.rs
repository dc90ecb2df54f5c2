//! Applying for a service and following one's applications.

use std::collections::BTreeMap;

use kabinet_shared::model::{ApplicationDetail, ApplicationSummary, StagedFile};
use kabinet_shared::service::ServiceDefinition;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::{MultipartData, MultipartFormData};

use super::{AppError, FormReply};

/// Everything the application form needs to render.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyForm {
    pub service: ServiceDefinition,
    /// Values to show: from the profile, or what a plain post sent back with errors.
    pub values: BTreeMap<String, String>,
    /// Names of fields whose value came from the profile.
    pub prefilled: Vec<String>,
    /// Identifies this filling of the form, so that sending it twice makes one application.
    pub request_key: String,
    /// Files already accepted for this filling.
    pub staged: Vec<StagedFile>,
    /// The reply to a plain post that came back with errors.
    pub reply: Option<FormReply>,
}

#[server(endpoint = "apply_form")]
pub async fn get_apply_form(code: String) -> Result<ApplyForm, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let (_, service) = core
        .service(&code)
        .await
        .map_err(ssr::app_error)?
        .ok_or(AppError::NotFound)?;
    let flash = ssr::take_flash(&format!("apply:{code}"))
        .await?
        .unwrap_or_default();

    let (values, prefilled, request_key) = match flash.values.get("request_key") {
        Some(key) => (flash.values.clone(), Vec::new(), key.clone()),
        None => {
            let profile = core.profile(&user.actor).await.map_err(ssr::app_error)?;
            let mut values = BTreeMap::new();
            let mut prefilled = Vec::new();
            for field in &service.fields {
                let value = field
                    .prefill
                    .and_then(|meaning| profile_value(&profile, meaning));
                if let Some(value) = value.filter(|value| !value.is_empty()) {
                    values.insert(field.name.clone(), value);
                    prefilled.push(field.name.clone());
                }
            }
            (values, prefilled, uuid::Uuid::new_v4().to_string())
        }
    };
    let staged = core
        .staged_files(&user.actor, &request_key)
        .await
        .map_err(ssr::app_error)?;
    Ok(ApplyForm {
        service,
        values,
        prefilled,
        request_key,
        staged,
        reply: flash.reply,
    })
}

/// Submits the application form: answers, files and removed files in one multipart post.
#[server(endpoint = "submit_application", input = MultipartFormData)]
pub async fn submit_application(data: MultipartData) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let submission = multipart::read(data, core.settings.upload_max_bytes).await?;
    let form = format!("apply:{}", submission.service_code);
    let back = format!(
        "/services/{}/apply",
        ssr::encode_query(&submission.service_code)
    );
    let mut values = submission.answers.clone();
    values.insert("request_key".to_string(), submission.request_key.clone());

    let outcome = core
        .submit_application(&user.actor, submission)
        .await
        .map(|submitted| Success::Redirect(format!("/applications/{}?submitted=1", submitted.id)));
    ssr::finish_form(&form, &back, &values, outcome).await
}

#[cfg(feature = "ssr")]
mod multipart {
    use kabinet_core::applications::{FileUpload, Submission};
    use server_fn::codec::MultipartData;

    use crate::api::AppError;

    /// Reads the multipart form into a submission. A file larger than `max_bytes` is cut
    /// at `max_bytes + 1` bytes, enough for the size check to reject it without holding
    /// the whole upload in memory.
    pub async fn read(data: MultipartData, max_bytes: u64) -> Result<Submission, AppError> {
        let mut multipart = data
            .into_inner()
            .ok_or_else(|| AppError::Transport("not a multipart request".into()))?;
        let limit = usize::try_from(max_bytes)
            .unwrap_or(usize::MAX)
            .saturating_add(1);
        let mut submission = Submission::default();

        while let Some(mut field) = multipart.next_field().await.map_err(transport)? {
            let name = field.name().unwrap_or_default().to_string();
            let file_name = field.file_name().map(str::to_string);
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(transport)? {
                if bytes.len() < limit {
                    let room = limit - bytes.len();
                    bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
                }
            }

            if let Some(code) = name.strip_prefix("doc_") {
                let file_name = file_name.unwrap_or_default();
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                submission.uploads.push(FileUpload {
                    document_code: code.to_string(),
                    file_name,
                    bytes,
                });
                continue;
            }
            let text = String::from_utf8_lossy(&bytes).into_owned();
            match name.as_str() {
                "service" => submission.service_code = text,
                "request_key" => submission.request_key = text,
                "remove_upload" => {
                    if let Ok(id) = uuid::Uuid::parse_str(&text) {
                        submission.remove_staged.push(id);
                    }
                }
                _ => {
                    submission.answers.insert(name, text);
                }
            }
        }
        Ok(submission)
    }

    fn transport(error: impl std::fmt::Display) -> AppError {
        AppError::Transport(format!("multipart: {error}"))
    }
}

#[server(endpoint = "my_applications")]
pub async fn list_my_applications() -> Result<Vec<ApplicationSummary>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .my_applications(&user.actor, ssr::locale())
        .await
        .map_err(ssr::app_error)
}

#[server(endpoint = "application")]
pub async fn get_application(id: String) -> Result<ApplicationDetail, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    ssr::core()
        .application(&user.actor, id, ssr::locale())
        .await
        .map_err(ssr::app_error)
}

/// The profile's value for a field of `meaning`, as the form shows it.
#[cfg(feature = "ssr")]
fn profile_value(
    profile: &kabinet_shared::model::Profile,
    meaning: kabinet_shared::service::ProfileField,
) -> Option<String> {
    use kabinet_shared::model::Address;
    use kabinet_shared::service::ProfileField;

    let date = |date: chrono::NaiveDate| date.format("%Y-%m-%d").to_string();
    let address = |address: &Address| format!("{}, {}", address.postcode, address.text);
    let passport = profile.documents.passport.as_ref();
    match meaning {
        ProfileField::Surname => Some(profile.surname.clone()),
        ProfileField::GivenName => Some(profile.given_name.clone()),
        ProfileField::Patronymic => profile.patronymic.clone(),
        ProfileField::BirthDate => profile.birth_date.map(date),
        ProfileField::Phone => profile.phone.clone(),
        ProfileField::Email => profile.email.clone(),
        ProfileField::Snils => profile
            .snils
            .as_deref()
            .map(kabinet_shared::validate::snils::format),
        ProfileField::Inn => profile.inn.clone(),
        ProfileField::FormerNames => profile.former_names.clone(),
        ProfileField::BirthPlace => profile.birth_place.clone(),
        ProfileField::Passport => passport.map(|passport| passport.display_number()),
        ProfileField::PassportIssueDate => passport.map(|passport| date(passport.issue_date)),
        ProfileField::PassportIssuedBy => passport.map(|passport| passport.issued_by.clone()),
        ProfileField::PassportSubdivisionCode => {
            passport.map(|passport| passport.subdivision_code.clone())
        }
        ProfileField::RegistrationAddress => profile.addresses.registration.as_ref().map(address),
        ProfileField::ResidenceAddress => profile.addresses.actual_residence().map(address),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use chrono::NaiveDate;
    use kabinet_shared::model::{Address, Addresses, Documents, PassportDetails, Profile};
    use kabinet_shared::service::ProfileField;

    use super::profile_value;

    fn profile() -> Profile {
        Profile {
            surname: "Иванова".into(),
            given_name: "Алёна".into(),
            birth_place: Some("гор. Москва".into()),
            documents: Documents {
                passport: Some(PassportDetails {
                    series: "4510".into(),
                    number: "739284".into(),
                    issue_date: NaiveDate::from_ymd_opt(2010, 6, 1).unwrap(),
                    issued_by: "ТП УФМС России по гор. Москве".into(),
                    subdivision_code: "770-001".into(),
                }),
                ..Default::default()
            },
            addresses: Addresses {
                registration: Some(Address {
                    postcode: "125009".into(),
                    text: "г. Москва, ул. Тверская, д. 7, кв. 12".into(),
                }),
                residence_same: true,
                residence: None,
            },
            ..Default::default()
        }
    }

    #[test]
    fn fills_documents_and_addresses() {
        let profile = profile();
        let value = |meaning| profile_value(&profile, meaning);
        assert_eq!(
            value(ProfileField::Passport).as_deref(),
            Some("45 10 739284")
        );
        assert_eq!(
            value(ProfileField::PassportIssueDate).as_deref(),
            Some("2010-06-01")
        );
        assert_eq!(
            value(ProfileField::PassportSubdivisionCode).as_deref(),
            Some("770-001")
        );
        assert_eq!(
            value(ProfileField::BirthPlace).as_deref(),
            Some("гор. Москва")
        );
        let registration = Some("125009, г. Москва, ул. Тверская, д. 7, кв. 12");
        assert_eq!(
            value(ProfileField::RegistrationAddress).as_deref(),
            registration
        );
        // The person lives at the registration address.
        assert_eq!(
            value(ProfileField::ResidenceAddress).as_deref(),
            registration
        );
    }

    #[test]
    fn leaves_missing_values_empty() {
        let profile = Profile::default();
        for meaning in [
            ProfileField::Passport,
            ProfileField::FormerNames,
            ProfileField::RegistrationAddress,
            ProfileField::ResidenceAddress,
        ] {
            assert_eq!(profile_value(&profile, meaning), None, "{meaning:?}");
        }
    }
}
