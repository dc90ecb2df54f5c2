//! Sign-in, registration and the profile.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::accounts::{ConfirmRegistration, Register, ResendRegistrationCode, SignIn};
use crate::api::forms::take_form_flash;
use crate::api::session::{code_wait, is_demo};
use crate::api::sso::sso_enabled;
use crate::clock::today;
use crate::components::countdown::ResendButton;
use crate::components::form::{
    ErrorSummary, FormState, Hidden, SubmitButton, TextField, ValidatedForm, labels,
};
use crate::components::page::{Loading, PageTitle};
use crate::i18n::t;

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    // Notices after recovery steps that end on this page; only known names are shown.
    let notice = move || match query.read().get("notice").as_deref() {
        Some("unlocked") => Some("sign-in-notice-unlocked"),
        Some("password-reset") => Some("sign-in-notice-password-reset"),
        Some("expired") => Some("sign-in-notice-expired"),
        _ => None,
    };
    // Why a sign-in through ESIA failed; only known reason codes are shown.
    let sso_error = move || match query.read().get("sso_error").as_deref() {
        Some("state") => Some("sso-error-state"),
        Some("expired") => Some("sso-error-expired"),
        Some("denied") => Some("sso-error-denied"),
        Some("provider") => Some("sso-error-provider"),
        Some("token") => Some("sso-error-token"),
        Some("claims") => Some("sso-error-claims"),
        Some("locked") => Some("error-account-locked"),
        Some("network") => Some("error-sign-in-network"),
        Some(_) => Some("sso-error-internal"),
        None => None,
    };
    let sso = Resource::new(|| (), |_| sso_enabled());
    let flash = Resource::new(|| (), |_| take_form_flash("sign_in".into()));
    let action = ServerAction::<SignIn>::new();

    view! {
        <PageTitle text=t("sign-in-title") />
        <h1>{t("sign-in-title")}</h1>
        {move || notice().map(|key| view! { <p class="notice notice--success" role="status">{t(key)}</p> })}
        {move || sso_error().map(|key| view! { <p class="notice notice--problem" role="alert">{t(key)}</p> })}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                let validate = Callback::new(|input: SignIn| input.form.validate().err().unwrap_or_default());
                view! {
                    <ErrorSummary state labels=labels(&[("login", "field-login"), ("password", "field-password")]) />
                    <ValidatedForm action state validate class="form">
                        <Hidden name="next" value=next() />
                        <TextField state name="login" label=t("field-login") hint=t("field-login-hint") autocomplete="username" />
                        <TextField state name="password" label=t("field-password") input_type="password" autocomplete="current-password" />
                        <SubmitButton label=t("sign-in-submit") pending=action.pending() />
                    </ValidatedForm>
                    {sso.await.ok().filter(|enabled| *enabled).map(|_| {
                        let href = if next().is_empty() {
                            "/auth/esia".to_string()
                        } else {
                            format!("/auth/esia?next={}", crate::url::encode_query(&next()))
                        };
                        view! { <p><a class="button button--secondary" href=href rel="external">{t("sign-in-esia")}</a></p> }
                    })}
                    <ul class="link-list">
                        <li><a href="/recovery">{t("sign-in-forgot")}</a></li>
                        <li><a href="/unlock">{t("sign-in-unlock")}</a></li>
                    </ul>
                    <p>{t("sign-in-no-account")} " " <a href="/register">{t("nav-register")}</a></p>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let flash = Resource::new(|| (), |_| take_form_flash("register".into()));
    let action = ServerAction::<Register>::new();

    view! {
        <PageTitle text=t("register-title") />
        <h1>{t("register-title")}</h1>
        <p class="lead">{t("register-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                let validate = Callback::new(|input: Register| input.form.validate(today()).err().unwrap_or_default());
                view! {
                    <ErrorSummary
                        state
                        labels=labels(&[
                            ("phone", "field-phone"),
                            ("password", "field-password"),
                            ("password_repeat", "field-password-repeat"),
                            ("surname", "field-surname"),
                            ("given_name", "field-given-name"),
                            ("patronymic", "field-patronymic"),
                            ("birth_date", "field-birth-date"),
                            ("snils", "field-snils"),
                            ("inn", "field-inn"),
                        ])
                    />
                    <ValidatedForm action state validate class="form">
                        <TextField state name="phone" label=t("field-phone") hint=t("field-phone-hint") input_type="tel" autocomplete="tel" width="medium" />
                        <TextField state name="password" label=t("field-password") hint=t("field-password-hint") input_type="password" autocomplete="new-password" width="medium" />
                        <TextField state name="password_repeat" label=t("field-password-repeat") input_type="password" autocomplete="new-password" width="medium" />
                        <TextField state name="surname" label=t("field-surname") autocomplete="family-name" />
                        <TextField state name="given_name" label=t("field-given-name") autocomplete="given-name" />
                        <TextField state name="patronymic" label=t("field-patronymic") autocomplete="additional-name" optional=true />
                        <TextField state name="birth_date" label=t("field-birth-date") input_type="date" autocomplete="bday" width="short" />
                        <TextField state name="snils" label=t("field-snils") hint=t("field-snils-hint") inputmode="numeric" optional=true width="medium" />
                        <TextField state name="inn" label=t("field-inn") hint=t("field-inn-hint") inputmode="numeric" optional=true width="medium" />
                        <SubmitButton label=t("register-submit") pending=action.pending() />
                    </ValidatedForm>
                    <p>{t("register-have-account")} " " <a href="/sign-in">{t("nav-sign-in")}</a></p>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ConfirmRegistrationPage() -> impl IntoView {
    let query = use_query_map();
    let flow = move || query.read().get("flow").unwrap_or_default();
    let flash = Resource::new(|| (), |_| take_form_flash("confirm_registration".into()));
    let demo = Resource::new(|| (), |_| is_demo());
    let wait = Resource::new(flow, |flow| code_wait("registration".into(), flow));
    let confirm = ServerAction::<ConfirmRegistration>::new();
    let resend = ServerAction::<ResendRegistrationCode>::new();

    view! {
        <PageTitle text=t("confirm-title") />
        <h1>{t("confirm-title")}</h1>
        <p class="lead">{t("confirm-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let demo = demo.await.unwrap_or(false);
                let wait = wait.await.unwrap_or(0);
                let state = FormState::new(flash.values, flash.reply);
                view! {
                    {demo.then(|| view! {
                        <p class="notice notice--info">{t("confirm-demo-hint")} " " <a href="/dev/outbox">{t("outbox-title")}</a></p>
                    })}
                    <ErrorSummary state labels=labels(&[("code", "field-code")]) />
                    <ValidatedForm action=confirm state class="form">
                        <Hidden name="flow" value=flow() />
                        <TextField state name="code" label=t("field-code") hint=t("field-code-hint") inputmode="numeric" autocomplete="one-time-code" width="short" />
                        <SubmitButton label=t("confirm-submit") pending=confirm.pending() />
                    </ValidatedForm>
                    <ValidatedForm action=resend state class="form form--secondary">
                        <Hidden name="flow" value=flow() />
                        <ResendButton seconds=wait />
                    </ValidatedForm>
                }
            })}
        </Suspense>
    }
}
