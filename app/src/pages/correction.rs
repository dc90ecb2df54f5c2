//! Correcting an application's answers after the official asked for action, and the
//! corrections as both sides see them on the application's page.

use kabinet_shared::model::AnswerCorrection;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use crate::api::applications::{CorrectApplication, get_correction_form};
use crate::components::form::{ErrorSummary, FormState, Hidden, SubmitButton};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{date_time, locale, t, t_with};
use crate::pages::service_form::{ServiceField, condition_text, field_labels};

/// The form that corrects the answers. It is a plain multipart post, the same with and
/// without JavaScript; errors come back on their fields with what was typed.
#[component]
pub fn CorrectionPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let form = Resource::new(id, get_correction_form);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let form = match form.await {
                    Ok(form) => form,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let locale = locale();
                let title = t_with("correction-title", &[("number", &form.number)]);
                let labels = field_labels(&form.service, &form.values, locale);
                let state = FormState::new(form.values, form.reply);
                let fields = form
                    .service
                    .fields
                    .iter()
                    .map(|field| {
                        let condition = condition_text(&form.service, field, locale);
                        view! { <ServiceField state field=field.clone() from_profile=false condition /> }
                            .into_any()
                    })
                    .collect_view();
                let back = format!("/applications/{}", form.id);
                view! {
                    <PageTitle text=title.clone() />
                    <p class="breadcrumbs"><a href=back.clone()>{t_with("application-title", &[("number", &form.number)])}</a></p>
                    <h1>{title}</h1>
                    <p class="lead">{t("correction-lead")}</p>
                    {form.request.map(|request| view! {
                        <section class="notice notice--problem" aria-labelledby="request-title">
                            <h2 id="request-title" class="notice__title">{t("thread-request-title")}</h2>
                            <p class="thread__body">{request}</p>
                        </section>
                    })}
                    <ErrorSummary state labels />
                    <form class="form" method="post" enctype="multipart/form-data" action=CorrectApplication::url() novalidate>
                        <Hidden name="application" value=form.id.to_string() />
                        {fields}
                        <SubmitButton label=t("correction-submit") pending=Signal::stored(false) />
                    </form>
                    <p><a href=back>{t("correction-cancel")}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Shows the applicant's corrections of the answers: for each, the changed questions with
/// the answers before and after.
#[component]
pub fn Corrections(corrections: Vec<AnswerCorrection>) -> impl IntoView {
    (!corrections.is_empty()).then(|| {
        let empty = t("correction-empty-answer");
        let sections = corrections
            .into_iter()
            .map(|correction| {
                let heading = t_with(
                    "correction-version",
                    &[
                        ("version", &correction.version.to_string()),
                        ("date", &date_time(&correction.at)),
                    ],
                );
                let rows = correction
                    .changes
                    .into_iter()
                    .map(|change| {
                        let before = change.before.unwrap_or_else(|| empty.clone());
                        let after = change.after.unwrap_or_else(|| empty.clone());
                        view! {
                            <tr>
                                <th scope="row">{change.label}</th>
                                <td>{before}</td>
                                <td>{after}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <h3>{heading.clone()}</h3>
                    <div class="table-wrap" role="region" aria-label=heading tabindex="0">
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{t("correction-column-question")}</th>
                                    <th scope="col">{t("correction-column-before")}</th>
                                    <th scope="col">{t("correction-column-after")}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })
            .collect_view();
        view! {
            <h2>{t("correction-history")}</h2>
            {sections}
        }
    })
}
