//! Registration, sign-in and the profile.

use kabinet_shared::forms::{ProfileForm, RegistrationForm, SignInForm};
use kabinet_shared::model::Profile;
use leptos::prelude::*;

use super::{AppError, FormReply};

/// First step of registration: checks the form and sends a code to the phone.
#[server(endpoint = "register")]
pub async fn register(#[server(flatten)] form: RegistrationForm) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let outcome = ssr::core()
        .start_registration(&form, ssr::locale())
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
        Ok(signed_in) => {
            start_session(&signed_in.token);
            Ok(Success::Redirect("/cabinet".to_string()))
        }
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
            .resend_registration_code(id, ssr::locale())
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
        Ok((login, password)) => match ssr::core().sign_in(&login, &password, &ssr::client()).await
        {
            Ok(signed_in) => {
                start_session(&signed_in.token);
                Ok(Success::Redirect(ssr::local_path(&next, "/cabinet")))
            }
            Err(error) => Err(error),
        },
    };
    ssr::finish_form("sign_in", &back, &form, outcome).await
}

#[cfg(feature = "ssr")]
fn start_session(token: &str) {
    use crate::ssr;
    let settings = ssr::settings();
    ssr::set_cookie(
        settings.session_cookie(),
        token,
        settings.session_max_age_seconds,
    );
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
    let outcome = ssr::core()
        .update_profile(&user.actor, &form)
        .await
        .map(|()| Success::Stay(Message::new("notice-profile-saved")));
    ssr::finish_form("profile", "/profile", &form, outcome).await
}
