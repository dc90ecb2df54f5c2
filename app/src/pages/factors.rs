//! Second factors: the second step of sign-in, the step-up page, and the pages that add
//! and remove factors, show backup codes and list remembered devices.

use kabinet_shared::model::{ChallengeView, FactorKind, FactorView};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::FormReply;
use crate::api::factors::{
    AddFactor, ChangeFactor, CompleteChallenge, ConfirmFactor, NewBackupCodes, ResendEnrolmentCode,
    RevokeDevice, SendChallengeCode, SendStepUpCode, StepUp, complete_challenge, finish_passkey,
    get_challenge, get_factors, get_step_up_factors, get_totp_setup, passkey_challenge_options,
    passkey_options, passkey_step_up_options, step_up, take_backup_codes,
};
use crate::api::forms::take_form_flash;
use crate::api::security::CloseSession;
use crate::api::session::is_demo;
use crate::components::form::{
    ErrorSummary, FormState, Hidden, Notice, SubmitButton, TextField, ValidatedForm,
};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{date_time, message, t, t_with};

/// Names a factor in lists: its kind, and for a passkey the device it was made on.
fn factor_name(factor: &FactorView) -> String {
    let kind = t(&factor.kind.message_key());
    match factor.label.as_deref() {
        Some(label) if !label.is_empty() => format!("{kind} ({label})"),
        _ => kind,
    }
}

/// The label of the code field for the chosen way of confirming.
fn code_label(choice: Option<&FactorView>) -> String {
    match choice.map(|factor| factor.kind) {
        Some(FactorKind::Totp) => t("factor-code-totp"),
        Some(FactorKind::Sms) => t("factor-code-sms"),
        Some(FactorKind::Email) => t("factor-code-email"),
        Some(FactorKind::Passkey) => t("factor-kind-passkey"),
        None => t("factor-code-backup"),
    }
}

/// The factor named by `wanted` (an id or `backup`), else the default one. `None`
/// means backup codes.
fn chosen<'a>(view: &'a ChallengeView, wanted: &str) -> Option<&'a FactorView> {
    if wanted == "backup" {
        return None;
    }
    view.factors
        .iter()
        .find(|factor| factor.id.to_string() == wanted)
        .or_else(|| view.factors.first())
}

/// Links to the other ways of confirming, built by `link` from a factor id or `backup`.
fn other_ways(
    view: &ChallengeView,
    current: Option<&FactorView>,
    link: impl Fn(&str) -> String,
) -> impl IntoView {
    let mut items: Vec<AnyView> = view
        .factors
        .iter()
        .filter(|factor| Some(factor.id) != current.map(|c| c.id))
        .map(|factor| {
            let href = link(&factor.id.to_string());
            view! { <li><a href=href>{factor_name(factor)}</a></li> }.into_any()
        })
        .collect();
    if view.backup_codes && current.is_some() {
        let href = link("backup");
        items.push(view! { <li><a href=href>{t("factor-use-backup")}</a></li> }.into_any());
    }
    (!items.is_empty()).then(|| {
        view! {
            <h2>{t("factor-other-ways")}</h2>
            <ul class="link-list">{items}</ul>
        }
    })
}

#[component]
pub fn ChallengePage() -> impl IntoView {
    let query = use_query_map();
    let challenge = move || query.read().get("challenge").unwrap_or_default();
    let wanted = move || query.read().get("factor").unwrap_or_default();
    let next = move || query.read().get("next").unwrap_or_default();
    let data = Resource::new(challenge, |challenge| async move {
        Ok::<_, crate::api::AppError>((
            get_challenge(challenge).await?,
            take_form_flash("challenge".into()).await?,
        ))
    });
    let demo = Resource::new(|| (), |_| is_demo());
    let complete = ServerAction::<CompleteChallenge>::new();
    let send = ServerAction::<SendChallengeCode>::new();

    view! {
        <PageTitle text=t("challenge-title") />
        <h1>{t("challenge-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (view, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let demo = demo.await.unwrap_or(false);
                let Some(view) = view else {
                    return view! {
                        <p class="notice notice--problem" role="alert">{t("error-challenge-expired")}</p>
                        <p><a class="button" href="/sign-in">{t("nav-sign-in")}</a></p>
                    }
                    .into_any();
                };
                let flash = flash.unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                let wanted = wanted();
                let current = chosen(&view, &wanted).cloned();
                let factor_value = current.as_ref().map_or("backup".to_string(), |f| f.id.to_string());
                let sends = current.as_ref().is_some_and(|f| f.kind.sends_code());
                let lead = match current.as_ref().map(|f| f.kind) {
                    Some(FactorKind::Totp) => t("challenge-lead-totp"),
                    Some(FactorKind::Sms) => t("challenge-lead-sms"),
                    Some(FactorKind::Email) => t("challenge-lead-email"),
                    Some(FactorKind::Passkey) => t("challenge-lead-passkey"),
                    None => t("challenge-lead-backup"),
                };
                let passkey = current.as_ref().is_some_and(|f| f.kind == FactorKind::Passkey);
                let (challenge_id, next_path) = (challenge(), next());
                let others = {
                    let (challenge_id, next_path) = (challenge_id.clone(), next_path.clone());
                    other_ways(&view, current.as_ref(), move |factor: &str| {
                        format!(
                            "/sign-in/factor?challenge={challenge_id}&factor={factor}&next={}",
                            crate::url::encode_query(&next_path)
                        )
                    })
                };
                let label = code_label(current.as_ref());
                let inputmode = if current.is_some() { "numeric" } else { "text" };
                let send_form = sends.then(|| {
                    let (challenge_id, factor_value, next_path) =
                        (challenge_id.clone(), factor_value.clone(), next_path.clone());
                    view! {
                        <ValidatedForm action=send state class="form form--secondary">
                            <Hidden name="challenge" value=challenge_id />
                            <Hidden name="factor" value=factor_value />
                            <Hidden name="next" value=next_path />
                            <button class="button button--secondary" type="submit">{t("factor-send-code")}</button>
                        </ValidatedForm>
                    }
                });
                let demo_hint = (demo && sends).then(|| view! {
                    <p class="notice notice--info">{t("confirm-demo-hint")} " " <a href="/dev/outbox">{t("outbox-title")}</a></p>
                });
                if passkey {
                    let ceremony = Ceremony::SignIn {
                        challenge: challenge_id,
                        factor: factor_value,
                        next: next_path,
                    };
                    return view! {
                        <p class="lead">{lead}</p>
                        <PasskeyCeremony ceremony label=t("passkey-sign-in") />
                        {others}
                    }
                    .into_any();
                }
                view! {
                    <p class="lead">{lead}</p>
                    {demo_hint}
                    <ErrorSummary state labels=vec![("code".to_string(), label.clone())] />
                    <ValidatedForm action=complete state class="form">
                        <Hidden name="challenge" value=challenge_id />
                        <Hidden name="factor" value=factor_value />
                        <Hidden name="next" value=next_path />
                        <TextField state name="code" label=label inputmode=inputmode autocomplete="one-time-code" width="medium" />
                        <div class="checkbox">
                            <input class="checkbox__input" type="checkbox" id="remember" name="remember" value="on" />
                            <label class="checkbox__label" for="remember">{t("challenge-remember")}</label>
                        </div>
                        <SubmitButton label=t("challenge-submit") pending=complete.pending() />
                    </ValidatedForm>
                    {send_form}
                    {others}
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Step-up: a second factor (or, without factors, the password) before a critical change.
#[component]
pub fn StepUpPage() -> impl IntoView {
    let query = use_query_map();
    let wanted = move || query.read().get("factor").unwrap_or_default();
    let next = move || query.read().get("next").unwrap_or_default();
    let data = Resource::new(
        || (),
        |_| async {
            Ok::<_, crate::api::AppError>((
                get_step_up_factors().await?,
                take_form_flash("step_up".into()).await?,
            ))
        },
    );
    let demo = Resource::new(|| (), |_| is_demo());
    let confirm = ServerAction::<StepUp>::new();
    let send = ServerAction::<SendStepUpCode>::new();

    view! {
        <PageTitle text=t("step-up-title") />
        <h1>{t("step-up-title")}</h1>
        <p class="lead">{t("step-up-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (view, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let demo = demo.await.unwrap_or(false);
                let flash = flash.unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                let next_path = next();
                if view.factors.is_empty() {
                    return view! {
                        <ErrorSummary state labels=vec![("code".to_string(), t("field-password"))] />
                        <ValidatedForm action=confirm state class="form">
                            <Hidden name="next" value=next_path />
                            <TextField state name="code" label=t("field-password") hint=t("step-up-password-hint") input_type="password" autocomplete="current-password" width="medium" />
                            <SubmitButton label=t("step-up-submit") pending=confirm.pending() />
                        </ValidatedForm>
                    }
                    .into_any();
                }
                let wanted = wanted();
                let current = chosen(&view, &wanted).cloned();
                let factor_value = current.as_ref().map_or("backup".to_string(), |f| f.id.to_string());
                let sends = current.as_ref().is_some_and(|f| f.kind.sends_code());
                let others = {
                    let next_path = next_path.clone();
                    other_ways(&view, current.as_ref(), move |factor: &str| {
                        format!("/security/confirm?factor={factor}&next={}", crate::url::encode_query(&next_path))
                    })
                };
                if current.as_ref().is_some_and(|f| f.kind == FactorKind::Passkey) {
                    let ceremony = Ceremony::StepUp { factor: factor_value, next: next_path };
                    return view! {
                        <PasskeyCeremony ceremony label=t("passkey-confirm") />
                        {others}
                    }
                    .into_any();
                }
                let label = code_label(current.as_ref());
                let send_form = sends.then(|| {
                    let (factor_value, next_path) = (factor_value.clone(), next_path.clone());
                    view! {
                        <ValidatedForm action=send state class="form form--secondary">
                            <Hidden name="factor" value=factor_value />
                            <Hidden name="next" value=next_path />
                            <p>{t("step-up-send-first")}</p>
                            <button class="button button--secondary" type="submit">{t("factor-send-code")}</button>
                        </ValidatedForm>
                    }
                });
                let demo_hint = (demo && sends).then(|| view! {
                    <p class="notice notice--info">{t("confirm-demo-hint")} " " <a href="/dev/outbox">{t("outbox-title")}</a></p>
                });
                view! {
                    {demo_hint}
                    <ErrorSummary state labels=vec![("code".to_string(), label.clone())] />
                    {send_form}
                    <ValidatedForm action=confirm state class="form">
                        <Hidden name="factor" value=factor_value />
                        <Hidden name="next" value=next_path />
                        <TextField state name="code" label=label autocomplete="one-time-code" width="medium" />
                        <SubmitButton label=t("step-up-submit") pending=confirm.pending() />
                    </ValidatedForm>
                    {others}
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn FactorsPage() -> impl IntoView {
    let query = use_query_map();
    let added = move || query.read().get("added").is_some();
    let add = ServerAction::<AddFactor>::new();
    let change = ServerAction::<ChangeFactor>::new();
    let regenerate = ServerAction::<NewBackupCodes>::new();
    // Loaded again after a factor changes, so a removed one leaves the list at once.
    let data = Resource::new(
        move || change.version().get(),
        |_| async {
            Ok::<_, crate::api::AppError>((
                get_factors().await?,
                take_form_flash("factors".into()).await?,
            ))
        },
    );

    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (overview, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                let removed = move || matches!(state.notice(), Some(Notice::Success(notice)) if notice.key == "notice-factor-removed");
                let has_factors = !overview.factors.is_empty();
                let rows = overview
                    .factors
                    .clone()
                    .into_iter()
                    .map(|factor| {
                        let id = factor.id.to_string();
                        let name = factor_name(&factor);
                        let remove_label = t_with("factors-remove-label", &[("factor", &name)]);
                        let default_label = t_with("factors-make-default-label", &[("factor", &name)]);
                        let used = factor.last_used_at.as_ref().map(date_time).unwrap_or_else(|| t("factors-never-used"));
                        view! {
                            <tr>
                                <td>{name.clone()} {factor.is_default.then(|| view! { " " <strong>{t("factors-default")}</strong> })}</td>
                                <td>{date_time(&factor.added_at)}</td>
                                <td>{used}</td>
                                <td>
                                    {(!factor.is_default).then(|| {
                                        let id = id.clone();
                                        view! {
                                        <ValidatedForm action=change state class="inline-form">
                                            <Hidden name="id" value=id />
                                            <Hidden name="action" value="default" />
                                            <button class="link-button" type="submit" aria-label=default_label>{t("factors-make-default")}</button>
                                        </ValidatedForm>
                                        }
                                    })}
                                    " "
                                    <ValidatedForm action=change state class="inline-form">
                                        <Hidden name="id" value=id />
                                        <Hidden name="action" value="remove" />
                                        <button class="link-button" type="submit" aria-label=remove_label>{t("factors-remove")}</button>
                                    </ValidatedForm>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view();
                // Several apps and passkeys may be added, one phone and one e-mail address.
                let kinds: Vec<FactorKind> = [FactorKind::Passkey, FactorKind::Totp, FactorKind::Sms, FactorKind::Email]
                    .into_iter()
                    .filter(|kind| !kind.sends_code() || !overview.factors.iter().any(|f| f.kind == *kind))
                    .filter(|kind| *kind != FactorKind::Email || overview.has_email)
                    .filter(|kind| *kind != FactorKind::Passkey || overview.passkeys_available)
                    .collect();
                let add_buttons = kinds
                    .into_iter()
                    .map(|kind| view! {
                        <ValidatedForm action=add state class="inline-form">
                            <Hidden name="kind" value=kind.code() />
                            <button class="button button--secondary" type="submit">{t(&format!("factors-add-{}", kind.code()))}</button>
                        </ValidatedForm>
                    })
                    .collect_view();
                let devices = overview
                    .trusted_devices
                    .iter()
                    .map(|device| {
                        let name = if device.device.is_empty() { t("device-unknown") } else { device.device.clone() };
                        let label = t_with("devices-forget-label", &[("device", &name)]);
                        view! {
                            <li>
                                {name} " · " {t_with("devices-until", &[("date", &date_time(&device.expires_at))])} " "
                                <form method="post" action=RevokeDevice::url() class="inline-form">
                                    <input type="hidden" name="id" value=device.id.to_string() />
                                    <button class="link-button" type="submit" aria-label=label>{t("devices-forget")}</button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view();
                // The heading is part of the loaded page, so that a signed-out visitor
                // gets only the error's own heading.
                view! {
                    <PageTitle text=t("factors-title") />
                    <h1>{t("factors-title")}</h1>
                    <p class="lead">{t("factors-lead")}</p>
                    {added().then(|| view! { <p class="notice notice--success" role="status">{t("notice-factor-added")}</p> })}
                    <ErrorSummary state labels=Vec::new() />
                    {move || (added() || removed()).then(|| view! { <EndOtherSessionsOffer /> })}
                    {if has_factors {
                        view! {
                            <div class="table-wrap" role="region" aria-label=t("factors-title") tabindex="0">
                                <table class="table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t("factors-column-kind")}</th>
                                            <th scope="col">{t("factors-column-added")}</th>
                                            <th scope="col">{t("factors-column-used")}</th>
                                            <th scope="col">{t("sessions-column-action")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                        }.into_any()
                    } else {
                        view! { <p>{t("factors-none")}</p> }.into_any()
                    }}
                    <h2>{t("factors-add-title")}</h2>
                    <div class="button-row">{add_buttons}</div>
                    {(!overview.has_email).then(|| view! { <p class="field__hint">{t("factors-email-needs-address")}</p> })}
                    {has_factors.then(|| view! {
                        <h2>{t("backup-codes-title")}</h2>
                        <p>{t_with("backup-codes-left", &[("count", &overview.backup_codes_left.to_string())])}</p>
                        <ValidatedForm action=regenerate state class="form--inline-actions">
                            <button class="button button--secondary" type="submit">{t("backup-codes-new")}</button>
                        </ValidatedForm>
                    })}
                    {(!overview.trusted_devices.is_empty()).then(|| view! {
                        <h2>{t("devices-title")}</h2>
                        <ul class="rule-list">{devices}</ul>
                    })}
                }
                .into_any()
            })}
        </Suspense>
        <p><a href="/security">{t("security-back")}</a></p>
    }
}

#[component]
pub fn TotpSetupPage() -> impl IntoView {
    let query = use_query_map();
    let factor = move || query.read().get("factor").unwrap_or_default();
    let data = Resource::new(factor, |factor| async move {
        Ok::<_, crate::api::AppError>((
            get_totp_setup(factor).await?,
            take_form_flash("confirm_factor".into()).await?,
        ))
    });
    let action = ServerAction::<ConfirmFactor>::new();

    view! {
        <PageTitle text=t("totp-title") />
        <h1>{t("totp-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (setup, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                view! {
                    <ol class="steps">
                        <li>{t("totp-step-install")}</li>
                        <li>
                            {t("totp-step-scan")}
                            <div class="qr" role="img" aria-label=t("totp-qr-label") inner_html=setup.qr_svg.clone()></div>
                            <p>{t("totp-step-key")}</p>
                            <p><code class="key">{setup.key.clone()}</code></p>
                        </li>
                        <li>{t("totp-step-code")}</li>
                    </ol>
                    <ErrorSummary state labels=vec![("code".to_string(), t("factor-code-totp"))] />
                    <ValidatedForm action state class="form">
                        <Hidden name="factor" value=setup.factor_id.to_string() />
                        <TextField state name="code" label=t("factor-code-totp") inputmode="numeric" autocomplete="one-time-code" width="short" />
                        <SubmitButton label=t("totp-submit") pending=action.pending() />
                    </ValidatedForm>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Confirming an SMS or e-mail factor with the code just sent.
#[component]
pub fn CodeFactorPage() -> impl IntoView {
    let query = use_query_map();
    let factor = move || query.read().get("factor").unwrap_or_default();
    let flash = Resource::new(|| (), |_| take_form_flash("confirm_factor".into()));
    let demo = Resource::new(|| (), |_| is_demo());
    let confirm = ServerAction::<ConfirmFactor>::new();
    let resend = ServerAction::<ResendEnrolmentCode>::new();

    view! {
        <PageTitle text=t("code-factor-title") />
        <h1>{t("code-factor-title")}</h1>
        <p class="lead">{t("code-factor-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let demo = demo.await.unwrap_or(false);
                let state = FormState::new(flash.values, flash.reply);
                view! {
                    {demo.then(|| view! {
                        <p class="notice notice--info">{t("confirm-demo-hint")} " " <a href="/dev/outbox">{t("outbox-title")}</a></p>
                    })}
                    <ErrorSummary state labels=vec![("code".to_string(), t("field-code"))] />
                    <ValidatedForm action=confirm state class="form">
                        <Hidden name="factor" value=factor() />
                        <TextField state name="code" label=t("field-code") hint=t("field-code-hint") inputmode="numeric" autocomplete="one-time-code" width="short" />
                        <SubmitButton label=t("totp-submit") pending=confirm.pending() />
                    </ValidatedForm>
                    <ValidatedForm action=resend state class="form form--secondary">
                        <Hidden name="factor" value=factor() />
                        <button class="button button--secondary" type="submit">{t("confirm-resend")}</button>
                    </ValidatedForm>
                }
            })}
        </Suspense>
    }
}

/// New backup codes, shown once.
#[component]
pub fn BackupCodesPage() -> impl IntoView {
    let query = use_query_map();
    // After the first factor, the factors page offers to end the other sessions.
    let done = move || {
        if query.read().get("added").is_some() {
            "/security/factors?added=1"
        } else {
            "/security/factors"
        }
    };
    let codes = Resource::new(|| (), |_| take_backup_codes());
    view! {
        <PageTitle text=t("backup-codes-title") />
        <h1>{t("backup-codes-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match codes.await {
                    Ok(codes) if codes.is_empty() => view! {
                        <p>{t("backup-codes-gone")}</p>
                    }.into_any(),
                    Ok(codes) => view! {
                        <p class="lead">{t("backup-codes-lead")}</p>
                        <ul class="backup-codes">
                            {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
                        </ul>
                        <p class="notice notice--info">{t("backup-codes-once")}</p>
                    }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
        <p><a class="button" href=done>{t("backup-codes-done")}</a></p>
    }
}

/// Offers to end the sessions on other devices after a factor was added or removed,
/// in case it changed because a device was lost or someone else used it.
#[component]
fn EndOtherSessionsOffer() -> impl IntoView {
    view! {
        <div class="notice notice--info">
            <p>{t("factors-end-sessions-offer")}</p>
            <form method="post" action=CloseSession::url() class="form--inline-actions">
                <button class="button button--secondary" type="submit">{t("sessions-close-others")}</button>
            </form>
        </div>
    }
}

/// Adding a passkey: the device makes it after a click, which needs JavaScript. The
/// factors are loaded first, so that only a signed-in person gets the page.
#[component]
pub fn PasskeyAddPage() -> impl IntoView {
    let factors = Resource::new(|| (), |_| get_factors());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                if let Err(error) = factors.await {
                    return view! { <ErrorView error /> }.into_any();
                }
                view! {
                    <PageTitle text=t("passkey-add-title") />
                    <h1>{t("passkey-add-title")}</h1>
                    <p class="lead">{t("passkey-add-lead")}</p>
                    <ol class="steps">
                        <li>{t("passkey-add-step-button")}</li>
                        <li>{t("passkey-add-step-device")}</li>
                    </ol>
                    <PasskeyCeremony ceremony=Ceremony::Add label=t("passkey-create") />
                    <p><a href="/security/factors">{t("passkey-add-back")}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// The ceremony that a passkey button runs.
#[derive(Clone, Debug)]
enum Ceremony {
    /// Adds a passkey to the signed-in account.
    Add,
    /// Completes the second step of a sign-in.
    SignIn {
        challenge: String,
        factor: String,
        next: String,
    },
    /// Steps the session up before a critical change.
    StepUp { factor: String, next: String },
}

/// The button of a passkey ceremony. The browser's passkey prompt needs JavaScript, so
/// until the page is hydrated a notice is shown in its place. A problem is announced in an
/// alert region below the button; success moves on to the next page.
#[component]
fn PasskeyCeremony(ceremony: Ceremony, label: String) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let remember = RwSignal::new(false);
    let sign_in = matches!(ceremony, Ceremony::SignIn { .. });
    let start = move || {
        let ceremony = ceremony.clone();
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let outcome = run_ceremony(ceremony, remember.get_untracked()).await;
            busy.try_set(false);
            if let Err(text) = outcome {
                problem.try_set(Some(text));
            }
        });
    };
    view! {
        <Show
            when=move || hydrated.get()
            fallback=|| view! { <p class="notice notice--info">{t("passkey-needs-javascript")}</p> }
        >
            {sign_in.then(|| view! {
                <div class="checkbox">
                    <input class="checkbox__input" type="checkbox" id="remember" on:change=move |event| remember.set(event_target_checked(&event)) />
                    <label class="checkbox__label" for="remember">{t("challenge-remember")}</label>
                </div>
            })}
            <p>
                <button class="button" type="button" aria-disabled=move || busy.get().then_some("true") on:click={
                    let start = start.clone();
                    move |_| if !busy.get_untracked() { start() }
                }>
                    {label.clone()}
                </button>
            </p>
        </Show>
        <div role="alert">
            {move || problem.get().map(|text| view! { <p class="notice notice--problem">{text}</p> })}
        </div>
    }
}

/// Runs a ceremony to its end: the server's options, the device's response, the
/// server's check. Returns the text to show when it fails; on success the server's reply has
/// already sent the browser on.
async fn run_ceremony(ceremony: Ceremony, remember: bool) -> Result<(), String> {
    let shown = |error: crate::api::AppError| {
        // Only adding a passkey needs a step-up; the step-up page comes back here.
        if error == crate::api::AppError::StepUpRequired {
            let next = crate::url::encode_query("/security/factors/passkey");
            let _ = window()
                .location()
                .set_href(&format!("/security/confirm?next={next}"));
        }
        t(error.message_key())
    };
    let device = |missing: crate::passkey::NoCredential| t(missing.message_key());
    let reply = match ceremony {
        Ceremony::Add => {
            let options = passkey_options()
                .await
                .map_err(shown)?
                .map_err(|m| message(&m))?;
            let response = crate::passkey::create(options).await.map_err(device)?;
            finish_passkey(response).await
        }
        Ceremony::SignIn {
            challenge,
            factor,
            next,
        } => {
            let options = passkey_challenge_options(challenge.clone(), factor.clone())
                .await
                .map_err(shown)?
                .map_err(|m| message(&m))?;
            let response = crate::passkey::get(options).await.map_err(device)?;
            let remember = if remember { "on" } else { "" };
            complete_challenge(challenge, factor, response, remember.to_string(), next).await
        }
        Ceremony::StepUp { factor, next } => {
            let options = passkey_step_up_options(factor.clone())
                .await
                .map_err(shown)?
                .map_err(|m| message(&m))?;
            let response = crate::passkey::get(options).await.map_err(device)?;
            step_up(factor, response, next).await
        }
    };
    match reply.map_err(shown)? {
        FormReply::Done | FormReply::Saved(_) => Ok(()),
        FormReply::Invalid(errors) => Err(errors
            .get("code")
            .map(message)
            .unwrap_or_else(|| t("error-passkey-failed"))),
        FormReply::Rejected(rejected) => Err(message(&rejected)),
    }
}
