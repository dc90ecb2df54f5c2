//! Registration, sign-in and the profile.

use kabinet_shared::forms::{
    AddressesForm, DocumentsForm, ProfileForm, RegistrationForm, SignInForm,
};
use kabinet_shared::model::{DataAccessView, Profile, ReviewDetail, ReviewSummary};
use leptos::prelude::*;
use server_fn::codec::{MultipartData, MultipartFormData};

use super::{AppError, FormReply};

/// First step of registration: checks the form and sends a code to the phone.
#[server(endpoint = "register")]
pub async fn register(#[server(flatten)] form: RegistrationForm) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let outcome = ssr::core()
        .start_registration(&form, ssr::locale(), &ssr::client())
        .await
        .map(|id| Success::Redirect(format!("/register/confirm?flow={id}")));
    ssr::finish_form("register", "/register", &form, outcome).await
}

/// Second step: the code from the SMS creates the account and signs the person in.
#[server(endpoint = "confirm_registration")]
pub async fn confirm_registration(flow: String, code: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::Error;

    let back = format!("/register/confirm?flow={}", ssr::encode_query(&flow));
    let values = std::collections::BTreeMap::from([("code".to_string(), code.clone())]);
    let Ok(id) = uuid::Uuid::parse_str(&flow) else {
        let outcome = Err(Error::rejected("error-registration-expired"));
        return ssr::finish_form("confirm_registration", &back, &values, outcome).await;
    };
    let outcome = match ssr::core()
        .confirm_registration(id, &code, &ssr::client())
        .await
    {
        Ok(signed_in) => start_session(&signed_in.token)
            .await
            .map(|()| Success::Redirect("/cabinet".to_string())),
        Err(error) => Err(error),
    };
    ssr::finish_form("confirm_registration", &back, &values, outcome).await
}

/// Sends another registration code.
#[server(endpoint = "resend_code")]
pub async fn resend_registration_code(flow: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::Error;
    use kabinet_shared::Message;

    let back = format!("/register/confirm?flow={}", ssr::encode_query(&flow));
    let outcome = match uuid::Uuid::parse_str(&flow) {
        Ok(id) => ssr::core()
            .resend_registration_code(id, ssr::locale(), &ssr::client())
            .await
            .map(|()| Success::Stay(Message::new("notice-code-sent"))),
        Err(_) => Err(Error::rejected("error-registration-expired")),
    };
    ssr::finish_form("confirm_registration", &back, &(), outcome).await
}

/// Signs in and goes to `next` (a local path) or the personal account.
#[server(endpoint = "sign_in")]
pub async fn sign_in(
    #[server(flatten)] form: SignInForm,
    #[server(default)] next: String,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::Error;

    let back = if next.is_empty() {
        "/sign-in".to_string()
    } else {
        format!("/sign-in?next={}", ssr::encode_query(&next))
    };
    let outcome = match form.validate() {
        Err(errors) => Err(Error::Invalid(errors)),
        Ok((login, password)) => {
            use kabinet_core::accounts::SignInOutcome;
            let device = ssr::cookie(ssr::settings().device_cookie());
            match ssr::core()
                .start_sign_in(&login, &password, &ssr::client(), device.as_deref())
                .await
            {
                Ok(SignInOutcome::SignedIn(signed_in)) => start_session(&signed_in.token)
                    .await
                    .map(|()| Success::Redirect(ssr::local_path(&next, "/cabinet"))),
                Ok(SignInOutcome::SecondFactor(challenge)) => Ok(Success::Redirect(format!(
                    "/sign-in/factor?challenge={challenge}&next={}",
                    ssr::encode_query(&ssr::local_path(&next, "/cabinet"))
                ))),
                Err(error) => Err(error),
            }
        }
    };
    ssr::finish_form("sign_in", &back, &form, outcome).await
}

/// Sets the cookie of a new session. A session the browser already had ends, so a token
/// that may have leaked before this sign-in does not stay valid beside the new one.
#[cfg(feature = "ssr")]
pub(crate) async fn start_session(token: &str) -> Result<(), kabinet_core::Error> {
    use crate::ssr;
    if let Some(previous) = ssr::session_token().filter(|previous| previous != token) {
        ssr::core().sign_out(&previous).await?;
    }
    let settings = ssr::settings();
    ssr::set_cookie(
        settings.session_cookie(),
        token,
        settings.session_max_age_seconds,
    );
    Ok(())
}

#[server(endpoint = "profile")]
pub async fn get_profile() -> Result<Profile, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .profile(&user.actor)
        .await
        .map_err(ssr::app_error)
}

#[server(endpoint = "update_profile")]
pub async fn update_profile(#[server(flatten)] form: ProfileForm) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let outcome =
        match core.check_profile_step_up(&user, &form).await {
            Ok(()) => core.update_profile(&user.actor, &form).await.map(|saved| {
                match saved.email_pending {
                    Some(email) => {
                        Success::Stay(Message::new("notice-email-pending").arg("email", email))
                    }
                    None => Success::Stay(Message::new("notice-profile-saved")),
                }
            }),
            Err(error) => Err(error),
        };
    ssr::finish_form("profile", "/profile", &form, outcome).await
}

/// Saves the driving licence and the passport for travel abroad.
#[server(endpoint = "update_documents")]
pub async fn update_documents(
    #[server(flatten)] form: DocumentsForm,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let outcome = ssr::core()
        .update_documents(&user.actor, &form)
        .await
        .map(|()| Success::Stay(Message::new("notice-profile-saved")));
    ssr::finish_form("documents", "/profile/documents", &form, outcome).await
}

#[server(endpoint = "update_addresses")]
pub async fn update_addresses(
    #[server(flatten)] form: AddressesForm,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let outcome = ssr::core()
        .update_addresses(&user.actor, &form)
        .await
        .map(|()| Success::Stay(Message::new("notice-profile-saved")));
    ssr::finish_form("addresses", "/profile/addresses", &form, outcome).await
}

/// Returns staff actions on the signed-in person's data, newest first.
#[server(endpoint = "data_access_log")]
pub async fn get_data_access_log() -> Result<Vec<DataAccessView>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .data_access_log(&user.actor, ssr::locale())
        .await
        .map_err(ssr::app_error)
}

/// Returns the address a confirmation link would set, or fails with the reason the link
/// no longer works.
#[server(endpoint = "email_change")]
pub async fn get_email_change(token: String) -> Result<String, AppError> {
    use crate::ssr;

    ssr::core()
        .email_change(&token)
        .await
        .map_err(ssr::app_error)
}

/// Confirms a new e-mail address from the link sent to it. It needs no session: the link
/// reaches only the owner of the mailbox, and the change was asked for after a step-up.
#[server(endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;

    let back = format!("/profile/email/confirm?token={}", ssr::encode_query(&token));
    let outcome = ssr::core()
        .confirm_email_change(&token)
        .await
        .map(|()| Success::Stay(Message::new("notice-email-confirmed")));
    let values = std::collections::BTreeMap::<String, String>::new();
    ssr::finish_form("email-confirm", &back, &values, outcome).await
}

/// First step of a phone change: sends a code to the new number.
#[server(endpoint = "start_phone_change")]
pub async fn start_phone_change(phone: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let values = std::collections::BTreeMap::from([("phone".to_string(), phone.clone())]);
    let outcome = ssr::core()
        .start_phone_change(&user, &phone, &ssr::client())
        .await
        .map(|id| Success::Redirect(format!("/profile/phone/confirm?change={id}")));
    ssr::finish_form("phone-change", "/profile/phone", &values, outcome).await
}

/// Second step: the code from the new number changes the account's phone.
#[server(endpoint = "confirm_phone_change")]
pub async fn confirm_phone_change(change: String, code: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::Error;
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let back = format!(
        "/profile/phone/confirm?change={}",
        ssr::encode_query(&change)
    );
    let values = std::collections::BTreeMap::from([("code".to_string(), code.clone())]);
    let outcome = match uuid::Uuid::parse_str(&change) {
        Ok(id) => ssr::core()
            .confirm_phone_change(&user.actor, id, &code)
            .await
            .map(|()| Success::Stay(Message::new("notice-phone-changed"))),
        Err(_) => Err(Error::rejected("error-phone-change-expired")),
    };
    ssr::finish_form("phone-confirm", &back, &values, outcome).await
}

/// Sends another code to the new number.
#[server(endpoint = "resend_phone_change_code")]
pub async fn resend_phone_change_code(change: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::Error;
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let back = format!(
        "/profile/phone/confirm?change={}",
        ssr::encode_query(&change)
    );
    let outcome = match uuid::Uuid::parse_str(&change) {
        Ok(id) => ssr::core()
            .resend_phone_change_code(&user.actor, id, &ssr::client())
            .await
            .map(|()| Success::Stay(Message::new("notice-code-sent"))),
        Err(_) => Err(Error::rejected("error-phone-change-expired")),
    };
    ssr::finish_form("phone-confirm", &back, &(), outcome).await
}

/// Reads a multipart form of text fields and one file field named `scan`. A scan over
/// `max_bytes` is cut one byte past it: enough for the size check to reject it.
#[cfg(feature = "ssr")]
async fn read_scan_form(
    data: MultipartData,
    max_bytes: u64,
) -> Result<
    (
        std::collections::BTreeMap<String, String>,
        kabinet_core::applications::FileUpload,
    ),
    AppError,
> {
    fn transport(error: impl std::fmt::Display) -> AppError {
        AppError::Transport(format!("multipart: {error}"))
    }
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::Transport("not a multipart request".into()))?;
    let limit = usize::try_from(max_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    let mut values = std::collections::BTreeMap::new();
    let mut scan = kabinet_core::applications::FileUpload {
        document_code: "scan".into(),
        file_name: String::new(),
        bytes: Vec::new(),
    };
    while let Some(mut field) = multipart.next_field().await.map_err(transport)? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(transport)? {
            let room = limit.saturating_sub(bytes.len());
            bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
        if name == "scan" {
            scan.file_name = file_name.unwrap_or_default();
            scan.bytes = bytes;
        } else {
            values.insert(name, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    Ok((values, scan))
}

/// Sends a new passport and its scan for checking, in one multipart post.
#[server(endpoint = "submit_passport", input = MultipartFormData)]
pub async fn submit_passport(data: MultipartData) -> Result<FormReply, AppError> {
    use kabinet_shared::forms::PassportForm;

    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let (values, scan) = read_scan_form(data, core.settings.upload_max_bytes).await?;
    let value = |name: &str| values.get(name).cloned().unwrap_or_default();
    let form = PassportForm {
        passport: value("passport"),
        passport_issue_date: value("passport_issue_date"),
        passport_issued_by: value("passport_issued_by"),
        passport_subdivision_code: value("passport_subdivision_code"),
    };
    let outcome = core
        .submit_passport(&user, &form, &scan)
        .await
        .map(|_| Success::Redirect("/profile/documents".to_string()));
    ssr::finish_form("passport", "/profile/passport", &form, outcome).await
}

/// Sends a new SNILS and a scan of the document for checking, in one multipart post.
#[server(endpoint = "submit_snils", input = MultipartFormData)]
pub async fn submit_snils(data: MultipartData) -> Result<FormReply, AppError> {
    use kabinet_shared::forms::SnilsForm;

    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let (values, scan) = read_scan_form(data, core.settings.upload_max_bytes).await?;
    let form = SnilsForm {
        snils: values.get("snils").cloned().unwrap_or_default(),
    };
    let outcome = core
        .submit_snils(&user, &form, &scan)
        .await
        .map(|_| Success::Redirect("/profile".to_string()));
    ssr::finish_form("snils", "/profile/snils", &form, outcome).await
}

/// Documents waiting for an operator.
#[server(endpoint = "review_queue")]
pub async fn get_review_queue() -> Result<Vec<ReviewSummary>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .review_queue(&user.actor)
        .await
        .map_err(ssr::app_error)
}

/// Returns one document sent for checking, for an operator.
#[server(endpoint = "review")]
pub async fn get_review(id: String) -> Result<ReviewDetail, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    ssr::core()
        .review(&user.actor, id)
        .await
        .map_err(ssr::app_error)
}

/// Approves a document (`decision` is `approve`) or rejects it with a reason.
#[server(endpoint = "decide_review")]
pub async fn decide_review(
    id: String,
    decision: String,
    #[server(default)] reason: String,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let back = format!("/operator/reviews/{}", ssr::encode_query(&id));
    let values = std::collections::BTreeMap::from([("reason".to_string(), reason.clone())]);
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let outcome = ssr::core()
        .decide_review(&user.actor, id, decision == "approve", &reason)
        .await
        .map(|()| Success::Redirect("/operator/reviews".to_string()));
    ssr::finish_form("review", &back, &values, outcome).await
}
