//! "Завершение сеансов": an administrator ends the sessions of one person or of everyone
//! else. Both forms are plain posts that work without JavaScript.

use leptos::prelude::*;

use crate::api::admin::{EndAllSessions, EndPersonSessions, count_active_sessions};
use crate::api::forms::take_form_flash;
use crate::components::form::{
    Checkbox, ErrorSummary, FormState, SubmitButton, TextField, ValidatedForm, labels,
};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{t, t_with};

#[component]
pub fn AdminSessionsPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            Ok::<_, crate::api::AppError>((
                count_active_sessions().await?,
                take_form_flash("admin_sessions".into()).await?,
            ))
        },
    );
    let person = ServerAction::<EndPersonSessions>::new();
    let everyone = ServerAction::<EndAllSessions>::new();

    view! {
        <PageTitle text=t("admin-sessions-title") />
        <h1>{t("admin-sessions-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (active, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                // One state for both forms, so the page has one summary of the last reply.
                let state = FormState::new(flash.values, flash.reply);
                let validate_person = Callback::new(|input: EndPersonSessions| input.form.validate().err().unwrap_or_default());
                let validate_everyone = Callback::new(|input: EndAllSessions| input.form.validate().err().unwrap_or_default());
                view! {
                    <p class="lead">{t("admin-sessions-lead")}</p>
                    <p>{t_with("admin-sessions-active", &[("count", &active.to_string())])}</p>
                    <ErrorSummary state labels=labels(&[("login", "field-login"), ("confirm", "admin-sessions-all-confirm")]) />
                    <h2>{t("admin-sessions-person-title")}</h2>
                    <p>{t("admin-sessions-person-lead")}</p>
                    <ValidatedForm action=person state validate=validate_person class="form">
                        <TextField state name="login" label=t("field-login") hint=t("field-login-hint") autocomplete="off" />
                        <SubmitButton label=t("admin-sessions-person-submit") pending=person.pending() />
                    </ValidatedForm>
                    <h2>{t("admin-sessions-all-title")}</h2>
                    <p>{t("admin-sessions-all-lead")}</p>
                    <ValidatedForm action=everyone state validate=validate_everyone class="form">
                        <Checkbox state name="confirm" label=t("admin-sessions-all-confirm") />
                        <SubmitButton label=t("admin-sessions-all-submit") pending=everyone.pending() />
                    </ValidatedForm>
                }
                .into_any()
            })}
        </Suspense>
    }
}
