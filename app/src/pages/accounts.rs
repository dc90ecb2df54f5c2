//! Sign-in, registration and the profile.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::accounts::{
    ConfirmRegistration, Register, ResendRegistrationCode, SignIn, UpdateProfile, get_profile,
};
use crate::api::forms::take_form_flash;
use crate::api::session::is_demo;
use crate::clock::today;
use crate::components::form::{
    ErrorSummary, FormState, Hidden, SubmitButton, TextField, ValidatedForm,
};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::t;

fn labels(names: &[(&str, &str)]) -> Vec<(String, String)> {
    names
        .iter()
        .map(|(name, key)| (name.to_string(), t(key)))
        .collect()
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let flash = Resource::new(|| (), |_| take_form_flash("sign_in".into()));
    let action = ServerAction::<SignIn>::new();

    view! {
        <PageTitle text=t("sign-in-title") />
        <h1>{t("sign-in-title")}</h1>
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
                        <button class="button button--secondary" type="submit">{t("confirm-resend")}</button>
                    </ValidatedForm>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            Ok::<_, crate::api::AppError>((
                get_profile().await?,
                take_form_flash("profile".into()).await?,
            ))
        },
    );
    let action = ServerAction::<UpdateProfile>::new();

    view! {
        <PageTitle text=t("profile-title") />
        <h1>{t("profile-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (profile, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let values = if flash.values.is_empty() {
                    [
                        ("surname", Some(profile.surname.clone())),
                        ("given_name", Some(profile.given_name.clone())),
                        ("patronymic", profile.patronymic.clone()),
                        ("birth_date", profile.birth_date.map(|date| date.format("%Y-%m-%d").to_string())),
                        ("email", profile.email.clone()),
                        ("snils", profile.snils.as_deref().map(kabinet_shared::validate::snils::format)),
                        ("inn", profile.inn.clone()),
                    ]
                    .into_iter()
                    .filter_map(|(name, value)| value.map(|value| (name.to_string(), value)))
                    .collect()
                } else {
                    flash.values
                };
                let state = FormState::new(values, flash.reply);
                let validate = Callback::new(|input: UpdateProfile| input.form.validate(today()).err().unwrap_or_default());
                let phone = profile.phone.as_deref().map(kabinet_shared::validate::phone::format_display);
                view! {
                    <dl class="summary-list">
                        <div class="summary-list__row">
                            <dt>{t("field-phone")}</dt>
                            <dd>{phone}</dd>
                        </div>
                    </dl>
                    <ErrorSummary
                        state
                        labels=labels(&[
                            ("surname", "field-surname"),
                            ("given_name", "field-given-name"),
                            ("patronymic", "field-patronymic"),
                            ("birth_date", "field-birth-date"),
                            ("email", "field-email"),
                            ("snils", "field-snils"),
                            ("inn", "field-inn"),
                        ])
                    />
                    <ValidatedForm action state validate class="form">
                        <TextField state name="surname" label=t("field-surname") autocomplete="family-name" />
                        <TextField state name="given_name" label=t("field-given-name") autocomplete="given-name" />
                        <TextField state name="patronymic" label=t("field-patronymic") autocomplete="additional-name" optional=true />
                        <TextField state name="birth_date" label=t("field-birth-date") input_type="date" autocomplete="bday" width="short" />
                        <TextField state name="email" label=t("field-email") input_type="email" autocomplete="email" optional=true />
                        <TextField state name="snils" label=t("field-snils") hint=t("field-snils-hint") inputmode="numeric" optional=true width="medium" />
                        <TextField state name="inn" label=t("field-inn") hint=t("field-inn-hint") inputmode="numeric" optional=true width="medium" />
                        <SubmitButton label=t("profile-submit") pending=action.pending() />
                    </ValidatedForm>
                }
                .into_any()
            })}
        </Suspense>
    }
}
