//! Recovery and unlocking, and the owner's security pages: password change, sessions,
//! the login journal and network rules.

use kabinet_shared::forms::{NetworkRuleForm, NewPasswordForm, PasswordChangeForm, RecoveryForm};
use kabinet_shared::model::{NetworkRuleView, SessionView, SignInAttemptView};
use leptos::prelude::*;

use super::{AppError, FormReply};

/// First step of "Забыли пароль" (`purpose` = `reset`) or of unlocking (`unlock`): sends
/// a code and goes to the code step. The answer is the same whether or not the login has
/// an account.
#[server(endpoint = "start_recovery")]
pub async fn start_recovery(
    #[server(flatten)] form: RecoveryForm,
    #[server(default)] purpose: String,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::Error;
    use kabinet_core::accounts::RecoveryPurpose;

    let (purpose, back) = match purpose.as_str() {
        "unlock" => (RecoveryPurpose::Unlock, "/unlock"),
        _ => (RecoveryPurpose::Reset, "/recovery"),
    };
    let outcome = match form.validate() {
        Err(errors) => Err(Error::Invalid(errors)),
        Ok(login) => ssr::core()
            .start_recovery(purpose, &login, ssr::locale(), &ssr::client())
            .await
            .map(|id| Success::Redirect(format!("/recovery/confirm?flow={id}"))),
    };
    ssr::finish_form("recovery", back, &form, outcome).await
}

/// The code step: unlocks and returns to sign-in, or goes on to a new password.
#[server(endpoint = "verify_recovery")]
pub async fn verify_recovery(flow: String, code: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::Error;
    use kabinet_core::accounts::RecoveryStep;

    let back = format!("/recovery/confirm?flow={}", ssr::encode_query(&flow));
    let values = std::collections::BTreeMap::from([("code".to_string(), code.clone())]);
    let outcome = match uuid::Uuid::parse_str(&flow) {
        Err(_) => Err(Error::rejected("error-recovery-expired")),
        Ok(id) => ssr::core()
            .verify_recovery(id, &code)
            .await
            .map(|step| match step {
                RecoveryStep::Unlocked => Success::Redirect("/sign-in?notice=unlocked".into()),
                RecoveryStep::NewPassword => {
                    Success::Redirect(format!("/recovery/password?flow={id}"))
                }
            }),
    };
    ssr::finish_form("recovery_code", &back, &values, outcome).await
}

#[server(endpoint = "resend_recovery_code")]
pub async fn resend_recovery_code(flow: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::Error;
    use kabinet_shared::Message;

    let back = format!("/recovery/confirm?flow={}", ssr::encode_query(&flow));
    let outcome = match uuid::Uuid::parse_str(&flow) {
        Ok(id) => ssr::core()
            .resend_recovery_code(id, &ssr::client())
            .await
            .map(|()| Success::Stay(Message::new("notice-code-sent"))),
        Err(_) => Err(Error::rejected("error-recovery-expired")),
    };
    ssr::finish_form("recovery_code", &back, &(), outcome).await
}

/// Sets the new password of a verified recovery and returns to sign-in.
#[server(endpoint = "complete_recovery")]
pub async fn complete_recovery(
    flow: String,
    #[server(flatten)] form: NewPasswordForm,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_core::Error;

    let back = format!("/recovery/password?flow={}", ssr::encode_query(&flow));
    let outcome = match uuid::Uuid::parse_str(&flow) {
        Err(_) => Err(Error::rejected("error-recovery-expired")),
        Ok(id) => ssr::core()
            .complete_recovery(id, &form)
            .await
            .map(|()| Success::Redirect("/sign-in?notice=password-reset".into())),
    };
    ssr::finish_form("recovery_password", &back, &(), outcome).await
}

/// Whether the recovery `flow` may set a new password now.
#[server(endpoint = "recovery_ready")]
pub async fn recovery_ready(flow: String) -> Result<bool, AppError> {
    use crate::ssr;

    let Ok(id) = uuid::Uuid::parse_str(&flow) else {
        return Ok(false);
    };
    match ssr::core().recovery_verified(id).await {
        Ok(ready) => Ok(ready),
        Err(kabinet_core::Error::Rejected(_)) => Ok(false),
        Err(error) => Err(ssr::app_error(error)),
    }
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    #[server(flatten)] form: PasswordChangeForm,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};
    use kabinet_shared::Message;

    let user = ssr::require_viewer()?;
    let outcome = ssr::core()
        .change_password(&user, &form)
        .await
        .map(|()| Success::Stay(Message::new("notice-password-changed")));
    ssr::finish_form("change_password", "/security", &(), outcome).await
}

#[server(endpoint = "sessions")]
pub async fn list_sessions() -> Result<Vec<SessionView>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .sessions(&user.actor, user.session_id)
        .await
        .map_err(ssr::app_error)
}

/// Ends one session (`id`), or every session but the current one when `id` is empty.
/// Both need a fresh step-up; without one the person goes to the step-up page first.
#[server(endpoint = "close_session")]
pub async fn close_session(#[server(default)] id: String) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let core = ssr::core();
    let outcome = if id.is_empty() {
        core.close_other_sessions(&user).await.map(|_| ())
    } else {
        let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
        core.close_session(&user, id).await
    };
    let outcome = outcome.map(|()| Success::Redirect("/security/sessions".into()));
    ssr::finish_form("sessions", "/security/sessions", &(), outcome).await
}

/// One page of the login journal; `result` is a result code or empty for all.
#[server(endpoint = "sign_ins")]
pub async fn list_sign_ins(result: String, page: u32) -> Result<Vec<SignInAttemptView>, AppError> {
    use crate::ssr;
    use kabinet_core::accounts::SIGN_IN_PAGE_SIZE;
    use kabinet_shared::model::SignInResult;

    let user = ssr::require_viewer()?;
    let offset = i64::from(page) * SIGN_IN_PAGE_SIZE;
    ssr::core()
        .sign_in_journal(
            &user.actor,
            SignInResult::parse(&result),
            offset,
            SIGN_IN_PAGE_SIZE,
        )
        .await
        .map_err(ssr::app_error)
}

/// "Это был не я": ends every session, locks sign-in until a new password, and goes
/// to password recovery.
#[server(endpoint = "disown_sign_in")]
pub async fn disown_sign_in(id: String) -> Result<(), AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    ssr::core()
        .disown_sign_in(&user.actor, id)
        .await
        .map_err(ssr::app_error)?;
    ssr::clear_cookie(ssr::settings().session_cookie());
    leptos_axum::redirect("/recovery?notice=not-me");
    Ok(())
}

#[server(endpoint = "network_rules")]
pub async fn list_network_rules() -> Result<Vec<NetworkRuleView>, AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    ssr::core()
        .network_rules(&user.actor)
        .await
        .map_err(ssr::app_error)
}

#[server(endpoint = "add_network_rule")]
pub async fn add_network_rule(
    #[server(flatten)] form: NetworkRuleForm,
) -> Result<FormReply, AppError> {
    use crate::ssr::{self, Success};

    let user = ssr::require_viewer()?;
    let outcome = ssr::core()
        .add_network_rule(&user.actor, &form, &ssr::client())
        .await
        .map(|()| Success::Redirect("/security/networks".into()));
    ssr::finish_form("network_rule", "/security/networks", &form, outcome).await
}

#[server(endpoint = "remove_network_rule")]
pub async fn remove_network_rule(id: String) -> Result<(), AppError> {
    use crate::ssr;

    let user = ssr::require_viewer()?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    ssr::core()
        .remove_network_rule(&user.actor, id)
        .await
        .map_err(ssr::app_error)?;
    leptos_axum::redirect("/security/networks");
    Ok(())
}
