//! "Мои заявления": the citizen's applications, searched, filtered, sorted and paged, and
//! the table of applications that staff pages share.
//!
//! The filter is a GET form, so it works without JavaScript and every filtered view has
//! its own URL.

use kabinet_shared::applications::{ApplicationQuery, ApplicationSort};
use kabinet_shared::model::{
    ApplicationPage, ApplicationStatus, ApplicationSummary, ServiceSummary,
};
use kabinet_shared::query::QueryError;
use kabinet_shared::service::Category;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::applications::{ApplicationListing, search_my_applications};
use crate::components::filter::{FilterErrors, FilterField, Pagination, date_value, filter_error};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::components::status::StatusBadge;
use crate::i18n::{date_time, date_time_attribute, t, t_with};

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let params = use_query_map();
    let query = move || {
        let params = params.read();
        let get = |name: &str| params.get(name).unwrap_or_default();
        ApplicationQuery {
            q: get("q"),
            status: get("status"),
            service: get("service"),
            category: get("category"),
            from: get("from"),
            to: get("to"),
            sort: get("sort"),
            page: get("page"),
        }
    };
    let listing = Resource::new(query, search_my_applications);
    view! {
        <PageTitle text=t("applications-title") />
        <h1>{t("applications-title")}</h1>
        <p class="actions">
            <a class="button" href="/services">{t("applications-new")}</a>
            " "
            <a class="button button--secondary" href="/applications/drafts">{t("drafts-title")}</a>
            " "
            <a class="button button--secondary" href="/applications/templates">{t("templates-title")}</a>
        </p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let query = query();
                match listing.await {
                    Ok(listing) => view! { <ApplicationResults query listing /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ApplicationResults(query: ApplicationQuery, listing: ApplicationListing) -> impl IntoView {
    let filter_query = query.to_query_string();
    let filtered = query.is_filtered();
    let results = listing.page.map(|page| {
        if page.total == 0 && !filtered {
            view! { <p role="status">{t("applications-empty")}</p> }.into_any()
        } else if page.total == 0 {
            view! { <p role="status">{t("applications-nothing-found")}</p> }.into_any()
        } else {
            view! { <Results page filter_query /> }.into_any()
        }
    });
    view! {
        <FilterForm query errors=listing.errors services=listing.services />
        {results}
    }
}

fn label_of(field: &str) -> String {
    t(&format!("applications-filter-{field}"))
}

/// The filter form: number or words, status, service, category, period and order.
#[component]
fn FilterForm(
    query: ApplicationQuery,
    errors: Vec<QueryError>,
    services: Vec<ServiceSummary>,
) -> impl IntoView {
    let error_of = |field: &str| filter_error(&errors, field);
    let invalid = |error: &Option<String>| error.is_some().then_some("true");
    let (status_error, service_error) = (error_of("status"), error_of("service"));
    let (category_error, sort_error) = (error_of("category"), error_of("sort"));
    let (from_error, to_error) = (error_of("from"), error_of("to"));
    let (status_invalid, service_invalid) = (invalid(&status_error), invalid(&service_error));
    let (category_invalid, sort_invalid) = (invalid(&category_error), invalid(&sort_error));
    let (from_invalid, to_invalid) = (invalid(&from_error), invalid(&to_error));

    let statuses = ApplicationStatus::ALL
        .into_iter()
        .map(|status| {
            let code = status.code();
            view! { <option value=code selected=code == query.status>{t(&status.message_key())}</option> }
        })
        .collect_view();
    let service_options = services
        .into_iter()
        .map(|service| {
            let selected = service.code == query.service;
            view! { <option value=service.code selected=selected>{service.title}</option> }
        })
        .collect_view();
    let categories = Category::ALL
        .into_iter()
        .map(|category| {
            let code = category.code();
            view! { <option value=code selected=code == query.category>{t(category.message_key())}</option> }
        })
        .collect_view();
    let sorts = ApplicationSort::ALL
        .into_iter()
        .map(|sort| {
            let code = sort.code();
            let selected =
                code == query.sort || (query.sort.is_empty() && sort == ApplicationSort::default());
            view! { <option value=code selected=selected>{t(&sort.message_key())}</option> }
        })
        .collect_view();

    view! {
        <FilterErrors errors=errors.clone() label_of=label_of />
        <form method="get" action="/applications" class="list-filter" role="search" aria-label=t("applications-filter-label")>
            <FilterField name="q" label=label_of("q") error=None>
                <input class="input" type="search" id="filter-q" name="q" value=query.q.clone()
                    aria-describedby="filter-q-hint" />
            </FilterField>
            <FilterField name="status" label=label_of("status") error=status_error>
                <select class="input" id="filter-status" name="status" aria-invalid=status_invalid>
                    <option value="">{t("history-filter-any")}</option>
                    {statuses}
                </select>
            </FilterField>
            <FilterField name="service" label=label_of("service") error=service_error>
                <select class="input" id="filter-service" name="service" aria-invalid=service_invalid>
                    <option value="">{t("history-filter-any")}</option>
                    {service_options}
                </select>
            </FilterField>
            <FilterField name="category" label=label_of("category") error=category_error>
                <select class="input" id="filter-category" name="category" aria-invalid=category_invalid>
                    <option value="">{t("history-filter-any")}</option>
                    {categories}
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
            <FilterField name="sort" label=label_of("sort") error=sort_error>
                <select class="input" id="filter-sort" name="sort" aria-invalid=sort_invalid>
                    {sorts}
                </select>
            </FilterField>
            <p class="field__hint list-filter__hint" id="filter-q-hint">{t("applications-filter-q-hint")}</p>
            <p class="field__hint list-filter__hint" id="filter-date-hint">{t("history-filter-date-hint")}</p>
            <div class="list-filter__actions">
                <button class="button" type="submit">{t("history-filter-apply")}</button>
                <a href="/applications">{t("history-filter-reset")}</a>
            </div>
        </form>
    }
}

#[component]
fn Results(page: ApplicationPage, filter_query: String) -> impl IntoView {
    let count = t_with("applications-found", &[("count", &page.total.to_string())]);
    view! {
        <p role="status">{count}</p>
        <ApplicationTable list=page.applications link_prefix="/applications" />
        <Pagination path="/applications" page=page.page pages=page.pages filter_query
            previous="pagination-previous" next="pagination-next" />
    }
}

/// A table of applications; staff tables also show the applicant and the assignee.
#[component]
pub fn ApplicationTable(
    list: Vec<ApplicationSummary>,
    link_prefix: &'static str,
    /// The accessible name of the table's region, when a page shows several tables.
    #[prop(optional, into)]
    label: Option<String>,
    /// Adds a first column of check boxes named `ids`, for a form around the table.
    #[prop(optional)]
    selectable: bool,
) -> impl IntoView {
    let staff = list
        .iter()
        .any(|application| application.applicant.is_some());
    let deadlines = list
        .iter()
        .any(|application| application.deadline.is_some());
    let rows = list
        .into_iter()
        .map(|application| {
            let href = format!("{link_prefix}/{}", application.id);
            let select = selectable.then(|| {
                let id = format!("select-{}", application.id);
                let label = t_with("queue-select", &[("number", &application.number)]);
                view! {
                    <td class="table__select">
                        <input type="checkbox" name="ids" value=application.id.to_string() id=id.clone() />
                        <label class="visually-hidden" for=id>{label}</label>
                    </td>
                }
            });
            view! {
                <tr>
                    {select}
                    <td><a href=href>{application.number.clone()}</a></td>
                    <td>{application.service_title.clone()}</td>
                    {staff.then(|| view! { <td>{application.applicant.clone().unwrap_or_default()}</td> })}
                    <td><StatusBadge status=application.status /></td>
                    {staff.then(|| view! { <td>{application.assignee.clone().unwrap_or_else(|| "—".to_string())}</td> })}
                    <td><time datetime=date_time_attribute(&application.submitted_at)>{date_time(&application.submitted_at)}</time></td>
                    <td><time datetime=date_time_attribute(&application.updated_at)>{date_time(&application.updated_at)}</time></td>
                    {deadlines.then(|| view! { <td><Deadline application=application.clone() /></td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" role="region" aria-label=label.unwrap_or_else(|| t("applications-table")) tabindex="0">
            <table class="table">
                <thead>
                    <tr>
                        {selectable.then(|| view! { <th scope="col"><span class="visually-hidden">{t("column-select")}</span></th> })}
                        <th scope="col">{t("column-number")}</th>
                        <th scope="col">{t("column-service")}</th>
                        {staff.then(|| view! { <th scope="col">{t("column-applicant")}</th> })}
                        <th scope="col">{t("column-status")}</th>
                        {staff.then(|| view! { <th scope="col">{t("column-assignee")}</th> })}
                        <th scope="col">{t("column-submitted")}</th>
                        <th scope="col">{t("column-updated")}</th>
                        {deadlines.then(|| view! { <th scope="col">{t("column-deadline")}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The processing deadline with the working days left, or how long it is overdue.
#[component]
fn Deadline(application: ApplicationSummary) -> impl IntoView {
    let (Some(deadline), Some(days_left)) = (application.deadline, application.days_left) else {
        return view! { "—" }.into_any();
    };
    let date = deadline.format("%d.%m.%Y").to_string();
    let attribute = deadline.format("%Y-%m-%d").to_string();
    let time = view! { <time datetime=attribute>{date}</time> };
    if days_left < 0 {
        let days = (-days_left).to_string();
        view! {
            <span class="deadline deadline--overdue">
                {t_with("deadline-overdue", &[("days", &days)])} " (" {time} ")"
            </span>
        }
        .into_any()
    } else {
        let days = days_left.to_string();
        view! {
            <span class="deadline">{time} ", " {t_with("deadline-left", &[("days", &days)])}</span>
        }
        .into_any()
    }
}
