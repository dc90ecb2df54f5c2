//! "История действий": the filtered, paged journal and one entry's detail.
//!
//! The filter is a GET form, so it works without JavaScript and every filtered view has
//! its own URL; the export links carry the same query.

use kabinet_shared::history::{HistoryCategory, HistoryQuery};
use kabinet_shared::model::{HistoryDetail, HistoryPage, HistoryStatus, HistoryView};
use kabinet_shared::query::QueryError;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::notifications::{HistoryListing, get_history_entry, list_history};
use crate::components::filter::{FilterErrors, FilterField, Pagination, date_value, filter_error};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{date_time, date_time_attribute, t, t_with};

const STATUSES: [HistoryStatus; 3] = [
    HistoryStatus::Succeeded,
    HistoryStatus::Failed,
    HistoryStatus::InProgress,
];

fn status_key(status: HistoryStatus) -> String {
    format!("history-status-{}", status.code().replace('_', "-"))
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = use_query_map();
    let query = move || {
        let params = params.read();
        let get = |name: &str| params.get(name).unwrap_or_default();
        HistoryQuery {
            category: get("type"),
            status: get("status"),
            from: get("from"),
            to: get("to"),
            q: get("q"),
            page: get("page"),
        }
    };
    let listing = Resource::new(query, |query| {
        list_history(
            query.category,
            query.status,
            query.from,
            query.to,
            query.q,
            query.page,
        )
    });

    view! {
        <PageTitle text=t("history-title") />
        <h1>{t("history-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let query = query();
                match listing.await {
                    Ok(listing) => view! { <HistoryResults query listing /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HistoryResults(query: HistoryQuery, listing: HistoryListing) -> impl IntoView {
    let errors = listing.errors;
    let filter_query = query.to_query_string();
    view! {
        <FilterForm query=query errors=errors.clone() />
        {listing.page.map(|page| {
            view! {
                <Exports filter_query=filter_query.clone() />
                <Results page filter_query />
            }
        })}
    }
}

/// Renders the filter form (type, status, period and words), sent with GET.
#[component]
fn FilterForm(query: HistoryQuery, errors: Vec<QueryError>) -> impl IntoView {
    let error_of = |field: &str| filter_error(&errors, field);
    let (type_error, status_error) = (error_of("type"), error_of("status"));
    let (from_error, to_error) = (error_of("from"), error_of("to"));
    let invalid = |error: &Option<String>| error.is_some().then_some("true");
    let (type_invalid, status_invalid) = (invalid(&type_error), invalid(&status_error));
    let (from_invalid, to_invalid) = (invalid(&from_error), invalid(&to_error));
    let categories = HistoryCategory::ALL
        .into_iter()
        .map(|category| {
            let code = category.code();
            view! { <option value=code selected=code == query.category>{t(&category.message_key())}</option> }
        })
        .collect_view();
    let statuses = STATUSES
        .into_iter()
        .map(|status| {
            let code = status.code();
            view! { <option value=code selected=code == query.status>{t(&status_key(status))}</option> }
        })
        .collect_view();

    view! {
        <FilterErrors errors=errors.clone() label_of=label_of />
        <form method="get" action="/history" class="list-filter" role="search" aria-label=t("history-filter-label")>
            <FilterField name="type" label=label_of("type") error=type_error>
                <select class="input" id="filter-type" name="type" aria-invalid=type_invalid>
                    <option value="">{t("history-filter-any")}</option>
                    {categories}
                </select>
            </FilterField>
            <FilterField name="status" label=label_of("status") error=status_error>
                <select class="input" id="filter-status" name="status" aria-invalid=status_invalid>
                    <option value="">{t("history-filter-any")}</option>
                    {statuses}
                </select>
            </FilterField>
            <FilterField name="from" label=label_of("from") error=from_error>
                <input class="input" type="date" id="filter-from" name="from" value=date_value(&query.from)
                    aria-describedby="filter-date-hint" aria-invalid=from_invalid />
            </FilterField>
            <FilterField name="to" label=label_of("to") error=to_error>
                <input class="input" type="date" id="filter-to" name="to" value=date_value(&query.to)
                    aria-describedby="filter-date-hint" aria-invalid=to_invalid />
            </FilterField>
            <FilterField name="q" label=label_of("q") error=None>
                <input class="input" type="search" id="filter-q" name="q" value=query.q.clone() />
            </FilterField>
            <p class="field__hint list-filter__hint" id="filter-date-hint">{t("history-filter-date-hint")}</p>
            <div class="list-filter__actions">
                <button class="button" type="submit">{t("history-filter-apply")}</button>
                <a href="/history">{t("history-filter-reset")}</a>
            </div>
        </form>
    }
}

fn label_of(field: &str) -> String {
    t(&format!("history-filter-{field}"))
}

/// Links to the CSV and PDF of the filtered entries. Hydrated pages add a status line
/// while the file is prepared; without JavaScript the browser shows its own progress.
#[component]
fn Exports(filter_query: String) -> impl IntoView {
    let preparing = RwSignal::new(false);
    let suffix = if filter_query.is_empty() {
        String::new()
    } else {
        format!("?{filter_query}")
    };
    view! {
        <p class="history-exports">
            {t("history-export-label")} " "
            <a href=format!("/history/export.csv{suffix}") rel="external" download on:click=move |_| preparing.set(true)>
                {t("history-export-csv")}
            </a>
            " · "
            <a href=format!("/history/export.pdf{suffix}") rel="external" download on:click=move |_| preparing.set(true)>
                {t("history-export-pdf")}
            </a>
        </p>
        <p class="history-exports__status" role="status" aria-live="polite">
            {move || preparing.get().then(|| t("history-export-preparing"))}
        </p>
    }
}

#[component]
fn Results(page: HistoryPage, filter_query: String) -> impl IntoView {
    let count = t_with("history-found", &[("count", &page.total.to_string())]);
    if page.entries.is_empty() {
        return view! { <p role="status">{t("history-nothing-found")}</p> }.into_any();
    }
    let rows = page
        .entries
        .into_iter()
        .map(|entry| view! { <EntryRow entry /> })
        .collect_view();
    view! {
        <p role="status">{count}</p>
        <div class="table-wrap" role="region" aria-label=t("history-title") tabindex="0">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t("column-time")}</th>
                        <th scope="col">{t("column-action")}</th>
                        <th scope="col">{t("column-result")}</th>
                        <th scope="col">{t("history-column-type")}</th>
                        <th scope="col">{t("column-service")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pagination path="/history" page=page.page pages=page.pages filter_query previous="pagination-newer" next="pagination-older" />
    }
    .into_any()
}

#[component]
fn EntryRow(entry: HistoryView) -> impl IntoView {
    let service = match (&entry.service, &entry.application_number) {
        (Some(service), Some(number)) => format!("{service}, № {number}"),
        (Some(service), None) => service.clone(),
        (None, Some(number)) => format!("№ {number}"),
        (None, None) => String::new(),
    };
    view! {
        <tr>
            <td><time datetime=date_time_attribute(&entry.at)>{date_time(&entry.at)}</time></td>
            <td><a href=format!("/history/{}", entry.id)>{entry.text.clone()}</a></td>
            <td>{t(&status_key(entry.status))}</td>
            <td>{t(&entry.category.message_key())}</td>
            <td>{service}</td>
        </tr>
    }
}

#[component]
pub fn HistoryEntryPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let entry = Resource::new(id, get_history_entry);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match entry.await {
                    Ok(detail) => view! { <EntryDetail detail /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EntryDetail(detail: HistoryDetail) -> impl IntoView {
    let entry = detail.entry;
    let row = |label: &'static str, value: AnyView| {
        view! {
            <div class="summary-list__row">
                <dt>{t(label)}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let application = entry.application_id.map(|id| {
        let number = entry
            .application_number
            .clone()
            .unwrap_or_else(|| id.to_string());
        row(
            "history-detail-application",
            view! { <a href=format!("/applications/{id}")>{number}</a> }.into_any(),
        )
    });
    let files = (!entry.attachments.is_empty()).then(|| {
        let application_id = entry.application_id;
        let items = entry
            .attachments
            .iter()
            .map(|file| match application_id {
                Some(application) => view! {
                    <li><a href=format!("/applications/{application}/documents/{}", file.document_id)>{file.file_name.clone()}</a></li>
                }
                .into_any(),
                None => view! { <li>{file.file_name.clone()}</li> }.into_any(),
            })
            .collect_view();
        row("history-detail-files", view! { <ul class="plain-list">{items}</ul> }.into_any())
    });
    let actor = if entry.by_official {
        t("history-detail-by-official")
    } else {
        t("history-detail-by-you")
    };
    view! {
        <PageTitle text=entry.text.clone() />
        <p><a href="/history">{t("history-detail-back")}</a></p>
        <h1>{entry.text.clone()}</h1>
        <dl class="summary-list">
            {row("history-detail-operation", view! { <code>{entry.id.to_string()}</code> }.into_any())}
            {row("history-detail-time", view! { <time datetime=date_time_attribute(&entry.at)>{entry.at.format("%d.%m.%Y %H:%M:%S").to_string()}</time> }.into_any())}
            {row("history-column-type", t(&entry.category.message_key()).into_any())}
            {row("column-result", t(&status_key(entry.status)).into_any())}
            {row("history-detail-actor", actor.into_any())}
            {entry.service.clone().map(|service| row("column-service", service.into_any()))}
            {application}
            {entry.comment.clone().map(|comment| row("history-detail-comment", comment.into_any()))}
            {files}
            {row("history-detail-hash", view! { <code class="hash">{detail.hash.clone()}</code> }.into_any())}
        </dl>
        <p class="field__hint">{t("history-detail-hash-hint")}</p>
    }
}
