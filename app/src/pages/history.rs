//! "История действий": the filtered, paged journal and one entry's detail.
//!
//! The filter is a GET form, so it works without JavaScript and every filtered view has
//! its own URL; the export links carry the same query.

use kabinet_shared::history::{HistoryCategory, HistoryQuery, HistoryQueryError};
use kabinet_shared::model::{HistoryDetail, HistoryPage, HistoryStatus, HistoryView};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::notifications::{HistoryListing, get_history_entry, list_history};
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

/// Converts typed text to the value an `<input type="date">` accepts: `YYYY-MM-DD` when the text is a date,
/// otherwise the text as typed, so a browser without a calendar shows it again.
fn date_value(text: &str) -> String {
    kabinet_shared::validate::date::parse(text)
        .map(|date| date.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|_| text.to_string())
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
fn FilterForm(query: HistoryQuery, errors: Vec<HistoryQueryError>) -> impl IntoView {
    let error_of = |field: &str| {
        errors
            .iter()
            .find(|error| error.field == field)
            .map(|error| t(&error.key))
    };
    let (type_error, status_error) = (error_of("type"), error_of("status"));
    let (from_error, to_error) = (error_of("from"), error_of("to"));
    let invalid = |error: &Option<String>| error.is_some().then_some("true");
    let (type_invalid, status_invalid) = (invalid(&type_error), invalid(&status_error));
    let (from_invalid, to_invalid) = (invalid(&from_error), invalid(&to_error));
    let summary = (!errors.is_empty()).then(|| {
        let items = errors
            .iter()
            .map(|error| {
                let label = t(&format!("history-filter-{}", error.field));
                let text = format!("{label}: {}", t(&error.key));
                view! { <li><a href=format!("#filter-{}", error.field)>{text}</a></li> }
            })
            .collect_view();
        view! {
            <div class="notice notice--problem" role="alert" aria-labelledby="filter-errors-title">
                <h2 id="filter-errors-title" class="notice__title">{t("error-summary-title")}</h2>
                <ul class="notice__list">{items}</ul>
            </div>
        }
    });
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
        {summary}
        <form method="get" action="/history" class="history-filter" role="search" aria-label=t("history-filter-label")>
            <FilterField name="type" error=type_error>
                <select class="input" id="filter-type" name="type" aria-invalid=type_invalid>
                    <option value="">{t("history-filter-any")}</option>
                    {categories}
                </select>
            </FilterField>
            <FilterField name="status" error=status_error>
                <select class="input" id="filter-status" name="status" aria-invalid=status_invalid>
                    <option value="">{t("history-filter-any")}</option>
                    {statuses}
                </select>
            </FilterField>
            <FilterField name="from" error=from_error>
                <input class="input" type="date" id="filter-from" name="from" value=date_value(&query.from)
                    aria-describedby="filter-date-hint" aria-invalid=from_invalid />
            </FilterField>
            <FilterField name="to" error=to_error>
                <input class="input" type="date" id="filter-to" name="to" value=date_value(&query.to)
                    aria-describedby="filter-date-hint" aria-invalid=to_invalid />
            </FilterField>
            <FilterField name="q" error=None>
                <input class="input" type="search" id="filter-q" name="q" value=query.q.clone() />
            </FilterField>
            <p class="field__hint history-filter__hint" id="filter-date-hint">{t("history-filter-date-hint")}</p>
            <div class="history-filter__actions">
                <button class="button" type="submit">{t("history-filter-apply")}</button>
                <a href="/history">{t("history-filter-reset")}</a>
            </div>
        </form>
    }
}

#[component]
fn FilterField(name: &'static str, error: Option<String>, children: Children) -> impl IntoView {
    let invalid = error.is_some();
    view! {
        <div class="field" class:field--invalid=invalid>
            <label class="field__label" for=format!("filter-{name}")>{t(&format!("history-filter-{name}"))}</label>
            {error.map(|error| view! {
                <p class="field__error">
                    <span class="visually-hidden">{t("error-prefix")}</span>
                    {error}
                </p>
            })}
            {children()}
        </div>
    }
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
            <a href=format!("/history/export.csv{suffix}") download on:click=move |_| preparing.set(true)>
                {t("history-export-csv")}
            </a>
            " · "
            <a href=format!("/history/export.pdf{suffix}") download on:click=move |_| preparing.set(true)>
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
        <Pagination page=page.page pages=page.pages filter_query />
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
fn Pagination(page: u32, pages: u32, filter_query: String) -> impl IntoView {
    let link = move |target: u32| {
        if filter_query.is_empty() {
            format!("/history?page={target}")
        } else {
            format!("/history?{filter_query}&page={target}")
        }
    };
    let position = t_with(
        "history-page-position",
        &[("page", &page.to_string()), ("pages", &pages.to_string())],
    );
    view! {
        <nav class="pagination" aria-label=t("pagination-label")>
            {(page > 1).then(|| view! {
                <a href=link(1)>{t("pagination-first")}</a>
                <a href=link(page - 1) rel="prev">{t("pagination-newer")}</a>
            })}
            <span aria-current="page">{position}</span>
            {(page < pages).then(|| view! {
                <a href=link(page + 1) rel="next">{t("pagination-older")}</a>
                <a href=link(pages)>{t("pagination-last")}</a>
            })}
        </nav>
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
