//! The official's queue and the review of one application.

use kabinet_shared::applications::{QueueAssignee, QueueQuery};
use kabinet_shared::model::{ApplicationPage, ApplicationStatus, Colleague, QueueListing};
use kabinet_shared::query::QueryError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::FormReply;
use crate::api::applications::{get_application, thread_form};
use crate::api::forms::take_form_flash;
use crate::api::official::{
    BulkQueue, ChangeStatus, QUEUE_FORM, REVIEW_FORM, ReassignApplication, ReturnApplication,
    TakeApplication, get_queue,
};
use crate::components::filter::{FilterErrors, FilterField, Pagination, filter_error};
use crate::components::form::{
    ErrorSummary, FileField, FormState, Hidden, RadioGroup, Select, SubmitButton, TextArea,
    ValidatedForm,
};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{t, t_with};
use crate::pages::application_list::ApplicationTable;
use crate::pages::applications::ApplicationView;

#[component]
pub fn QueuePage() -> impl IntoView {
    let params = use_query_map();
    let query = move || {
        let params = params.read();
        let get = |name: &str| params.get(name).unwrap_or_default();
        QueueQuery {
            status: get("status"),
            overdue: get("overdue"),
            assignee: get("assignee"),
            page: get("page"),
        }
    };
    let data = Resource::new(query, |query| async move {
        let flash = take_form_flash(QUEUE_FORM.into()).await?;
        let listing = get_queue(query).await?;
        Ok::<_, crate::api::AppError>((listing, flash))
    });

    view! {
        <PageTitle text=t("queue-title") />
        <h1>{t("queue-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let query = query();
                match data.await {
                    Ok((listing, flash)) => {
                        let flash = flash.unwrap_or_default();
                        let state = FormState::new(flash.values, flash.reply);
                        view! { <QueueResults query listing state /> }.into_any()
                    }
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueResults(query: QueueQuery, listing: QueueListing, state: FormState) -> impl IntoView {
    // Errors of the bulk form's `bulk` field each name their application, so they are
    // shown without a label.
    let labels = vec![("assignee".to_string(), t("queue-bulk-assignee"))];
    let filtered = query != QueueQuery::default();
    let results = listing.page.map(|page| {
        if page.total == 0 && !filtered {
            view! { <p role="status">{t("queue-empty")}</p> }.into_any()
        } else if page.total == 0 {
            view! { <p role="status">{t("queue-nothing-found")}</p> }.into_any()
        } else {
            view! { <QueueTable page query=query.clone() colleagues=listing.colleagues.clone() is_head=listing.is_head state /> }
                .into_any()
        }
    });
    view! {
        <ErrorSummary state labels />
        <QueueFilter query=query.clone() errors=listing.errors />
        {results}
    }
}

fn label_of(field: &str) -> String {
    t(&format!("queue-filter-{field}"))
}

/// Renders the queue's filter: the status, whose applications, and overdue ones only.
#[component]
fn QueueFilter(query: QueueQuery, errors: Vec<QueryError>) -> impl IntoView {
    let status_error = filter_error(&errors, "status");
    let assignee_error = filter_error(&errors, "assignee");
    let status_invalid = status_error.is_some().then_some("true");
    let assignee_invalid = assignee_error.is_some().then_some("true");
    let statuses = ApplicationStatus::ALL
        .into_iter()
        .map(|status| {
            let code = status.code();
            view! { <option value=code selected=code == query.status>{t(&status.message_key())}</option> }
        })
        .collect_view();
    let assignees = QueueAssignee::ALL
        .into_iter()
        .map(|assignee| {
            let code = assignee.code();
            view! { <option value=code selected=code == query.assignee>{t(assignee.message_key())}</option> }
        })
        .collect_view();
    view! {
        <FilterErrors errors=errors.clone() label_of=label_of />
        <form method="get" action="/official" class="list-filter" role="search" aria-label=t("queue-filter-label")>
            <FilterField name="status" label=label_of("status") error=status_error>
                <select class="input" id="filter-status" name="status" aria-invalid=status_invalid>
                    <option value="">{t("queue-filter-open")}</option>
                    {statuses}
                </select>
            </FilterField>
            <FilterField name="assignee" label=label_of("assignee") error=assignee_error>
                <select class="input" id="filter-assignee" name="assignee" aria-invalid=assignee_invalid>
                    {assignees}
                </select>
            </FilterField>
            <div class="checkbox list-filter__check">
                <input type="checkbox" id="filter-overdue" name="overdue" value="1" checked=!query.overdue.is_empty() />
                <label for="filter-overdue">{t("queue-filter-overdue")}</label>
            </div>
            <div class="list-filter__actions">
                <button class="button" type="submit">{t("queue-filter-apply")}</button>
                <a href="/official">{t("history-filter-reset")}</a>
            </div>
        </form>
    }
}

/// Renders one page of the queue inside the bulk form: check applications, then take them,
/// give them back or hand them to a colleague.
#[component]
fn QueueTable(
    page: ApplicationPage,
    query: QueueQuery,
    colleagues: Vec<Colleague>,
    is_head: bool,
    state: FormState,
) -> impl IntoView {
    let count = t_with("queue-found", &[("count", &page.total.to_string())]);
    let filter_query = query.to_query_string();
    let back = if page.page > 1 {
        [filter_query.as_str(), &format!("page={}", page.page)]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("&")
    } else {
        filter_query.clone()
    };
    let reassign = (!colleagues.is_empty()).then(|| {
        let options = colleagues
            .into_iter()
            .map(|colleague| (colleague.id.to_string(), colleague.name))
            .collect();
        view! {
            <div class="bulk__reassign">
                <Select state name="assignee" label=t("queue-bulk-assignee") placeholder=t("queue-bulk-assignee-choose") options />
                <button class="button button--secondary" type="submit" name="action" value="reassign">{t("queue-bulk-reassign")}</button>
            </div>
        }
    });
    let hint = if is_head {
        t("queue-bulk-hint-head")
    } else {
        t("queue-bulk-hint")
    };
    view! {
        <p role="status">{count}</p>
        <form method="post" enctype="multipart/form-data" action=BulkQueue::url() class="form">
            <Hidden name="back" value=back />
            <ApplicationTable list=page.applications link_prefix="/official/applications" selectable=true />
            <fieldset class="fieldset bulk" id="bulk" tabindex="-1" aria-describedby="bulk-hint">
                <legend class="field__label">{t("queue-bulk-title")}</legend>
                <p class="field__hint" id="bulk-hint">{hint}</p>
                <div class="bulk__actions">
                    <button class="button" type="submit" name="action" value="take">{t("queue-bulk-take")}</button>
                    <button class="button button--secondary" type="submit" name="action" value="return">{t("queue-bulk-return")}</button>
                </div>
                {reassign}
            </fieldset>
        </form>
        <Pagination path="/official" page=page.page pages=page.pages filter_query
            previous="pagination-previous" next="pagination-next" />
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let take = ServerAction::<TakeApplication>::new();
    let give_back = ServerAction::<ReturnApplication>::new();
    let reassign = ServerAction::<ReassignApplication>::new();
    // Counts the steps that succeeded in the browser. Each replies with a redirect to this
    // same page, which the router does not load again, so the application is fetched anew
    // whenever the count changes. Failed ones keep the form as typed.
    let succeeded = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if matches!(take.value().get(), Some(Ok(FormReply::Done))) {
            succeeded.update(|count| *count += 1);
        }
    });
    Effect::new(move |_| {
        if matches!(give_back.value().get(), Some(Ok(FormReply::Done))) {
            succeeded.update(|count| *count += 1);
        }
    });
    Effect::new(move |_| {
        if matches!(reassign.value().get(), Some(Ok(FormReply::Done))) {
            succeeded.update(|count| *count += 1);
        }
    });
    let data = Resource::new(
        move || (id(), succeeded.get()),
        |(id, _)| async move {
            let thread = take_form_flash(thread_form(&id)).await?;
            let detail = get_application(id, true).await?;
            let flash = take_form_flash(REVIEW_FORM.into()).await?;
            Ok::<_, crate::api::AppError>((detail, flash, thread))
        },
    );

    // A decision, return or hand-over redirects here with a query that names it. The notice
    // follows the URL, so it appears once the hydrated router has moved to that address.
    let done_notice = move || {
        let query = query.read();
        let key = if query.get("returned").is_some() {
            "review-returned"
        } else if query.get("reassigned").is_some() {
            "review-reassigned"
        } else if query.get("changed").is_some() {
            "review-changed"
        } else {
            return None;
        };
        Some(view! {
            <div class="notice notice--success" role="status">
                <p>{t(key)}</p>
            </div>
        })
    };

    view! {
        {done_notice}
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
                let labels = vec![
                    ("status".to_string(), t("review-new-status")),
                    ("reason".to_string(), t("review-reason")),
                    ("comment".to_string(), t("review-comment")),
                    ("result_files".to_string(), t("review-result-files")),
                    ("assignee".to_string(), t("review-reassign-to")),
                    ("note".to_string(), t("review-reassign-note")),
                ];
                let can_act = detail.can_take
                    || detail.can_return
                    || !detail.allowed_statuses.is_empty()
                    || !detail.colleagues.is_empty();
                let take_form = detail.can_take.then(|| {
                    let id = id.clone();
                    view! {
                        <ValidatedForm action=take state class="form">
                            <Hidden name="id" value=id />
                            <SubmitButton label=t("review-take") pending=take.pending() />
                        </ValidatedForm>
                    }
                });
                let change_form = (!detail.allowed_statuses.is_empty()).then(|| {
                    let id = id.clone();
                    let options = detail
                        .allowed_statuses
                        .iter()
                        .map(|status| (status.code().to_string(), t(&status.message_key())))
                        .collect();
                    let reasons: Vec<(String, String)> = detail
                        .refusal_reasons
                        .iter()
                        .map(|reason| (reason.code.clone(), reason.title.clone()))
                        .collect();
                    let reason_field = (!reasons.is_empty()).then(|| view! {
                        <Select state name="reason" label=t("review-reason") hint=t("review-reason-hint")
                            placeholder=t("review-reason-choose") options=reasons />
                    });
                    let results_field = detail
                        .allowed_statuses
                        .contains(&ApplicationStatus::Completed)
                        .then(|| view! {
                            <FileField state name="result_files" label=t("review-result-files")
                                hint=t("review-result-files-hint") accept=".pdf,.jpg,.jpeg,.png"
                                multiple=true optional=true />
                        });
                    // A plain multipart post, as it may carry files; the page comes back
                    // through the redirect, with and without JavaScript.
                    view! {
                        <form method="post" enctype="multipart/form-data" action=ChangeStatus::url() class="form">
                            <h3>{t("review-decision-title")}</h3>
                            <Hidden name="id" value=id />
                            <RadioGroup state name="status".to_string() legend=t("review-new-status") options />
                            {reason_field}
                            <TextArea state name="comment".to_string() label=t("review-comment") hint=t("review-comment-hint") optional=true />
                            {results_field}
                            <button class="button" type="submit">{t("review-submit")}</button>
                        </form>
                    }
                });
                let return_form = detail.can_return.then(|| {
                    let id = id.clone();
                    view! {
                        <ValidatedForm action=give_back state class="form">
                            <h3>{t("review-return-title")}</h3>
                            <p class="field__hint">{t("review-return-hint")}</p>
                            <Hidden name="id" value=id />
                            <SubmitButton label=t("review-return") pending=give_back.pending() />
                        </ValidatedForm>
                    }
                });
                let reassign_form = (!detail.colleagues.is_empty()).then(|| {
                    let id = id.clone();
                    let options = detail
                        .colleagues
                        .iter()
                        .map(|colleague| (colleague.id.to_string(), colleague.name.clone()))
                        .collect();
                    view! {
                        <ValidatedForm action=reassign state class="form">
                            <h3>{t("review-reassign-title")}</h3>
                            <Hidden name="id" value=id />
                            <Select state name="assignee" label=t("review-reassign-to") placeholder=t("queue-bulk-assignee-choose") options />
                            <TextArea state name="note".to_string() label=t("review-reassign-note") hint=t("review-reassign-note-hint") optional=true />
                            <SubmitButton label=t("review-reassign") pending=reassign.pending() />
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
                            {if can_act {
                                view! { {take_form} {change_form} {return_form} {reassign_form} }.into_any()
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
