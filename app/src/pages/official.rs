//! The official's queue and the review of one application.

use kabinet_shared::model::ApplicationStatus;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::FormReply;
use crate::api::applications::{get_application, thread_form};
use crate::api::forms::take_form_flash;
use crate::api::official::{ChangeStatus, TakeApplication, get_queue};
use crate::components::form::{
    ErrorSummary, FormState, Hidden, RadioGroup, SubmitButton, TextArea, ValidatedForm,
};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::t;
use crate::pages::application_list::ApplicationTable;
use crate::pages::applications::ApplicationView;

#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    let status = move || query.read().get("status").unwrap_or_default();
    let overdue = move || query.read().get("overdue").unwrap_or_default();
    let queue = Resource::new(
        move || (status(), overdue()),
        |(status, overdue)| get_queue(status, overdue),
    );

    let options = move || {
        let selected = status();
        ApplicationStatus::ALL
            .into_iter()
            .map(|option| {
                let code = option.code();
                view! { <option value=code selected=code == selected>{t(&option.message_key())}</option> }
            })
            .collect_view()
    };

    view! {
        <PageTitle text=t("queue-title") />
        <h1>{t("queue-title")}</h1>
        <form method="get" action="/official" class="filter">
            <label class="field__label" for="status">{t("queue-filter-status")}</label>
            <select class="input input--medium" id="status" name="status">
                <option value="">{t("queue-filter-open")}</option>
                {options}
            </select>
            <div class="checkbox">
                <input type="checkbox" id="overdue" name="overdue" value="1" checked=move || !overdue().is_empty() />
                <label for="overdue">{t("queue-filter-overdue")}</label>
            </div>
            <button class="button button--secondary" type="submit">{t("queue-filter-apply")}</button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(list) if list.is_empty() => view! { <p>{t("queue-empty")}</p> }.into_any(),
                    Ok(list) => view! { <ApplicationTable list link_prefix="/official/applications" /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let take = ServerAction::<TakeApplication>::new();
    let change = ServerAction::<ChangeStatus>::new();
    // Counts takes and decisions that succeeded in the browser. Their reply redirects to
    // this same page, which the router does not load again, so the application is
    // fetched anew whenever the count changes. Failed ones keep the form as typed.
    let succeeded = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if matches!(take.value().get(), Some(Ok(FormReply::Done))) {
            succeeded.update(|count| *count += 1);
        }
    });
    Effect::new(move |_| {
        if matches!(change.value().get(), Some(Ok(FormReply::Done))) {
            succeeded.update(|count| *count += 1);
        }
    });
    let data = Resource::new(
        move || (id(), succeeded.get()),
        |(id, _)| async move {
            let thread = take_form_flash(thread_form(&id)).await?;
            let detail = get_application(id).await?;
            let flash = take_form_flash("review".into()).await?;
            Ok::<_, crate::api::AppError>((detail, flash, thread))
        },
    );

    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let posted = query.read_untracked().get("posted").is_some();
                let (detail, flash, thread_flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                let id = detail.summary.id.to_string();
                let can_take = detail.can_take;
                let statuses = detail.allowed_statuses.clone();
                let labels = vec![("status".to_string(), t("review-new-status")), ("comment".to_string(), t("review-comment"))];

                let take_id = id.clone();
                let take_form = can_take.then(move || view! {
                    <ValidatedForm action=take state class="form">
                        <Hidden name="id" value=take_id />
                        <SubmitButton label=t("review-take") pending=take.pending() />
                    </ValidatedForm>
                });
                let change_form = (!statuses.is_empty()).then(|| {
                    let options = statuses
                        .iter()
                        .map(|status| (status.code().to_string(), t(&status.message_key())))
                        .collect();
                    view! {
                        <ValidatedForm action=change state class="form">
                            <Hidden name="id" value=id.clone() />
                            <RadioGroup state name="status".to_string() legend=t("review-new-status") options />
                            <TextArea state name="comment".to_string() label=t("review-comment") hint=t("review-comment-hint") optional=true />
                            <SubmitButton label=t("review-submit") pending=change.pending() />
                        </ValidatedForm>
                    }
                });
                view! {
                    <PageTitle text=t("review-title") />
                    <p class="breadcrumbs"><a href="/official">{t("queue-title")}</a></p>
                    <ErrorSummary state labels />
                    <ApplicationView detail thread_flash posted actions=Box::new(move || view! {
                        <section class="panel" aria-labelledby="review-actions">
                            <h2 id="review-actions">{t("review-actions")}</h2>
                            {if can_take || !statuses.is_empty() {
                                view! { {take_form} {change_form} }.into_any()
                            } else {
                                view! { <p>{t("review-no-actions")}</p> }.into_any()
                            }}
                        </section>
                    }.into_any()) />
                }
                .into_any()
            })}
        </Suspense>
    }
}
