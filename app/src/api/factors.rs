//! Second factors: the second step of sign-in, the step-up of a session, and adding and
//! removing factors, backup codes and remembered devices.

use kabinet_shared::Message;
use kabinet_shared::model::{ChallengeView, FactorsOverview, TotpSetup};
use leptos::prelude::*;
use webauthn_rs_proto::{CreationChallengeResponse, RequestChallengeResponse};

use super::{AppError, FormReply};

/// The second step of a sign-in.
#[server(endpoint = "challenge")]
pub async fn get_challenge(challenge: String) -> Result<Option<ChallengeView>, AppError> {
    use crate::ssr;

    let Ok(id) = uuid::Uuid::parse_str(&challenge) else {
        return Ok(None);
    };
    match ssr::core().challenge(id).await {
        Ok(view) => Ok(Some(view)),
        Err(kabinet_core::Error::Rejected(_)) => Ok(None),
        Err(error) => Err(ssr::app_error(error)),
    }
}

/// Completes a sign-in with a factor's code (`factor` is a factor id or `backup`).
#[server(endpoint = "complete_challenge")]
pub async fn complete_challenge(
    challenge: String,
    factor: String,
    code: String,
    #[server(default)] remember: String,
    #[server(default)] next: String,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::Error;
    use kabinet_core::accounts::FactorChoice;

    let back = format!(
        "/sign-in/factor?challenge={}&factor={}&next={}",
        ssr::encode_query(&challenge),
        ssr::encode_query(&factor),
        ssr::encode_query(&next)
    );
    let values = std::collections::BTreeMap::from([("code".to_string(), code.clone())]);
    let outcome = match (
        uuid::Uuid::parse_str(&challenge),
        FactorChoice::parse(&factor),
    ) {
        (Ok(id), Some(choice)) => {
            match ssr::core()
                .complete_challenge(id, choice, &code, remember == "on", &ssr::client())
                .await
            {
                Ok(completed) => {
                    if let Some(token) = completed.device_token {
                        ssr::set_cookie(
                            ssr::settings().device_cookie(),
                            &token,
                            ssr::core().settings.trusted_device_lifetime.num_seconds(),
                        );
                    }
                    super::accounts::start_session(&completed.signed_in.token)
                        .await
                        .map(|()| Success::Redirect(ssr::local_path(&next, "/cabinet")))
                }
                Err(error) => Err(error),
            }
        }
        _ => Err(Error::rejected("error-challenge-expired")),
    };
    ssr::finish_form("challenge", &back, &values, outcome).await
}

/// Sends the code of an SMS or e-mail factor in the second step of a sign-in.
#[server(endpoint = "send_challenge_code")]
pub async fn send_challenge_code(
    challenge: String,
    factor: String,
    #[server(default)] next: String,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::Error;

    let back = format!(
        "/sign-in/factor?challenge={}&factor={}&next={}",
        ssr::encode_query(&challenge),
        ssr::encode_query(&factor),
        ssr::encode_query(&next)
    );
    let outcome = match (
        uuid::Uuid::parse_str(&challenge),
        uuid::Uuid::parse_str(&factor),
    ) {
        (Ok(id), Ok(factor_id)) => ssr::core()
            .send_challenge_code(id, factor_id, &ssr::client())
            .await
            .map(|()| Success::Stay(Message::new("notice-code-sent"))),
        _ => Err(Error::rejected("error-challenge-expired")),
    };
    ssr::finish_form("challenge", &back, &(), outcome).await
}

/// The factors a step-up can use; empty when the password is asked instead.
#[server(endpoint = "step_up_factors")]
pub async fn get_step_up_factors() -> Result<ChallengeView, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .step_up_factors(&user)
        .await
        .map_err(ssr::app_error)
}

/// Proves a second factor (or the password) in this session and returns to `next`.
#[server(endpoint = "step_up")]
pub async fn step_up(
    #[server(default)] factor: String,
    code: String,
    #[server(default)] next: String,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::accounts::FactorChoice;

    let user = ssr::require_viewer()?;
    let back = format!(
        "/security/confirm?factor={}&next={}",
        ssr::encode_query(&factor),
        ssr::encode_query(&next)
    );
    let outcome = ssr::core()
        .step_up(&user, FactorChoice::parse(&factor), &code)
        .await
        .map(|()| Success::Redirect(ssr::local_path(&next, "/security")));
    ssr::finish_form("step_up", &back, &(), outcome).await
}

#[server(endpoint = "send_step_up_code")]
pub async fn send_step_up_code(
    factor: String,
    #[server(default)] next: String,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let back = format!(
        "/security/confirm?factor={}&next={}",
        ssr::encode_query(&factor),
        ssr::encode_query(&next)
    );
    let factor_id = uuid::Uuid::parse_str(&factor).map_err(|_| AppError::NotFound)?;
    let outcome = ssr::core()
        .send_step_up_code(&user, factor_id, &ssr::client())
        .await
        .map(|()| Success::Stay(Message::new("notice-code-sent")));
    ssr::finish_form("step_up", &back, &(), outcome).await
}

#[server(endpoint = "factors")]
pub async fn get_factors() -> Result<FactorsOverview, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .factors_overview(&user.actor)
        .await
        .map_err(ssr::app_error)
}

/// Starts adding a factor of `kind` (`totp`, `sms`, `email` or `passkey`) and goes to
/// its confirmation page. A passkey's page makes it with the browser.
#[server(endpoint = "add_factor")]
pub async fn add_factor(kind: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::Error;
    use kabinet_shared::model::FactorKind;

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let outcome = match FactorKind::parse(&kind) {
        Some(FactorKind::Totp) => core.start_totp(&user).await.map(|setup| {
            Success::Redirect(format!("/security/factors/totp?factor={}", setup.factor_id))
        }),
        Some(FactorKind::Passkey) => core
            .can_add_passkey(&user)
            .map(|()| Success::Redirect("/security/factors/passkey".into())),
        Some(kind) => core
            .start_code_factor(&user, kind, ssr::locale(), &ssr::client())
            .await
            .map(|id| Success::Redirect(format!("/security/factors/confirm?factor={id}"))),
        None => Err(Error::NotFound),
    };
    ssr::finish_form("factors", "/security/factors", &(), outcome).await
}

/// The key of an authenticator app being added.
#[server(endpoint = "totp_setup")]
pub async fn get_totp_setup(factor: String) -> Result<TotpSetup, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&factor).map_err(|_| AppError::NotFound)?;
    ssr::core()
        .totp_setup(&user, id)
        .await
        .map_err(ssr::app_error)
}

/// Confirms a factor being added with its first code. The first factor of an account
/// comes with backup codes, shown once on the next page.
#[server(endpoint = "confirm_factor")]
pub async fn confirm_factor(factor: String, code: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&factor).map_err(|_| AppError::NotFound)?;
    let values = std::collections::BTreeMap::from([("code".to_string(), code.clone())]);
    let back = format!("/security/factors/confirm?factor={id}");
    let outcome = match ssr::core().confirm_factor(&user, id, &code).await {
        Ok(Some(codes)) => {
            keep_backup_codes(&codes).await?;
            Ok(Success::Redirect("/security/backup-codes?added=1".into()))
        }
        Ok(None) => Ok(Success::Redirect("/security/factors?added=1".into())),
        Err(error) => Err(error),
    };
    ssr::finish_form("confirm_factor", &back, &values, outcome).await
}

#[server(endpoint = "resend_enrolment_code")]
pub async fn resend_enrolment_code(factor: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&factor).map_err(|_| AppError::NotFound)?;
    let back = format!("/security/factors/confirm?factor={id}");
    let outcome = ssr::core()
        .resend_enrolment_code(&user, id, ssr::locale(), &ssr::client())
        .await
        .map(|()| Success::Stay(Message::new("notice-code-sent")));
    ssr::finish_form("confirm_factor", &back, &(), outcome).await
}

/// Changes a factor: `action` is `default` (make it the default) or `remove`.
#[server(endpoint = "change_factor")]
pub async fn change_factor(id: String, action: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let core = ssr::core();
    let outcome = if action == "remove" {
        core.remove_factor(&user, id)
            .await
            .map(|()| Success::Stay(Message::new("notice-factor-removed")))
    } else {
        core.set_default_factor(&user.actor, id)
            .await
            .map(|()| Success::Stay(Message::new("notice-factor-default")))
    };
    ssr::finish_form("factors", "/security/factors", &(), outcome).await
}

/// Replaces the backup codes and shows the new ones once.
#[server(endpoint = "new_backup_codes")]
pub async fn new_backup_codes() -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let outcome = match ssr::core().new_backup_codes(&user).await {
        Ok(codes) => {
            keep_backup_codes(&codes).await?;
            Ok(Success::Redirect("/security/backup-codes".into()))
        }
        Err(error) => Err(error),
    };
    ssr::finish_form("factors", "/security/factors", &(), outcome).await
}

/// Backup codes just created, shown once: they travel to their page in the encrypted,
/// single-use flash and are stored nowhere else in clear.
#[server(endpoint = "backup_codes")]
pub async fn take_backup_codes() -> Result<Vec<String>, AppError> {
    use crate::ssr;

    ssr::require_viewer()?;
    let flash = ssr::take_flash("backup_codes").await?;
    Ok(flash
        .and_then(|flash| flash.values.get("codes").cloned())
        .map(|codes| codes.split(' ').map(str::to_string).collect())
        .unwrap_or_default())
}

#[cfg(feature = "ssr")]
async fn keep_backup_codes(codes: &[String]) -> Result<(), AppError> {
    let flash = super::Flash {
        values: std::collections::BTreeMap::from([("codes".to_string(), codes.join(" "))]),
        reply: None,
    };
    crate::ssr::save_flash("backup_codes", &flash).await
}

#[server(endpoint = "revoke_device")]
pub async fn revoke_device(id: String) -> Result<(), AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    ssr::core()
        .revoke_trusted_device(&user.actor, id)
        .await
        .map_err(ssr::app_error)?;
    leptos_axum::redirect("/security/factors");
    Ok(())
}

/// Starts adding a passkey: returns the options for `navigator.credentials.create`, or
/// why it cannot be added now.
#[server(endpoint = "passkey_options")]
pub async fn passkey_options() -> Result<Result<CreationChallengeResponse, Message>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    match ssr::core().start_passkey(&user).await {
        Ok(options) => Ok(Ok(options)),
        Err(kabinet_core::Error::Rejected(message)) => Ok(Err(message)),
        Err(error) => Err(ssr::app_error(error)),
    }
}

/// Adds the passkey the browser made (`response` is its JSON). The first factor of an
/// account comes with backup codes, shown once on the next page.
#[server(endpoint = "finish_passkey")]
pub async fn finish_passkey(response: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let outcome = match ssr::core()
        .finish_passkey(&user, &response, &ssr::client())
        .await
    {
        Ok(Some(codes)) => {
            keep_backup_codes(&codes).await?;
            Ok(Success::Redirect("/security/backup-codes?added=1".into()))
        }
        Ok(None) => Ok(Success::Redirect("/security/factors?added=1".into())),
        Err(error) => Err(error),
    };
    ssr::finish_form("passkey", "/security/factors/passkey", &(), outcome).await
}

/// Starts a passkey check in the second step of a sign-in: returns the options for
/// `navigator.credentials.get` that prove the passkey `factor`, or why it cannot be used.
#[server(endpoint = "passkey_challenge_options")]
pub async fn passkey_challenge_options(
    challenge: String,
    factor: String,
) -> Result<Result<RequestChallengeResponse, Message>, AppError> {
    use crate::ssr;

    let (Ok(challenge), Ok(factor)) = (
        uuid::Uuid::parse_str(&challenge),
        uuid::Uuid::parse_str(&factor),
    ) else {
        return Ok(Err(Message::new("error-challenge-expired")));
    };
    match ssr::core().passkey_sign_in_options(challenge, factor).await {
        Ok(options) => Ok(Ok(options)),
        Err(kabinet_core::Error::Rejected(message)) => Ok(Err(message)),
        Err(error) => Err(ssr::app_error(error)),
    }
}

/// Starts a passkey check for a step-up of this session: returns the options for
/// `navigator.credentials.get` that prove the passkey `factor`, or why it cannot be used.
#[server(endpoint = "passkey_step_up_options")]
pub async fn passkey_step_up_options(
    factor: String,
) -> Result<Result<RequestChallengeResponse, Message>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let factor = uuid::Uuid::parse_str(&factor).map_err(|_| AppError::NotFound)?;
    match ssr::core().passkey_step_up_options(&user, factor).await {
        Ok(options) => Ok(Ok(options)),
        Err(kabinet_core::Error::Rejected(message)) => Ok(Err(message)),
        Err(error) => Err(ssr::app_error(error)),
    }
}
