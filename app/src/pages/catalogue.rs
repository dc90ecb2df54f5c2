//! The service catalogue and a service's description.

use kabinet_shared::model::ServiceSummary;
use kabinet_shared::service::{CatalogueQuery, Category};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::catalogue::{CatalogueListing, get_service, list_services};
use crate::components::filter::{FilterErrors, FilterField, filter_error};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{locale, t, t_with};

#[component]
pub fn ServicesPage() -> impl IntoView {
    let params = use_query_map();
    let query = move || {
        let params = params.read();
        CatalogueQuery {
            q: params.get("q").unwrap_or_default(),
            category: params.get("category").unwrap_or_default(),
        }
    };
    let listing = Resource::new(query, |query| list_services(query.q, query.category));
    view! {
        <PageTitle text=t("services-title") />
        <h1>{t("services-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let query = query();
                match listing.await {
                    Ok(listing) => view! { <CatalogueResults query listing /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn label_of(field: &str) -> String {
    t(&format!("services-filter-{field}"))
}

#[component]
fn CatalogueResults(query: CatalogueQuery, listing: CatalogueListing) -> impl IntoView {
    let searched = !query.q.trim().is_empty();
    let category_error = filter_error(&listing.errors, "category");
    let category_invalid = category_error.is_some().then_some("true");
    let categories = Category::ALL
        .into_iter()
        .map(|category| {
            let code = category.code();
            view! { <option value=code selected=code == query.category>{t(category.message_key())}</option> }
        })
        .collect_view();
    let browse = Category::ALL
        .into_iter()
        .map(|category| {
            let current = (category.code() == query.category).then_some("page");
            view! {
                <li><a href=format!("/services?category={}", category.code()) aria-current=current>{t(category.message_key())}</a></li>
            }
        })
        .collect_view();
    let services = listing.services;
    let results = if !listing.errors.is_empty() {
        None
    } else if services.is_empty() {
        Some(view! { <p role="status">{t("services-nothing-found")}</p> }.into_any())
    } else if searched {
        let count = t_with("services-found", &[("count", &services.len().to_string())]);
        Some(
            view! {
                <p role="status">{count}</p>
                <ServiceList services />
            }
            .into_any(),
        )
    } else {
        Some(view! { <ServiceGroups services /> }.into_any())
    };
    view! {
        <FilterErrors errors=listing.errors.clone() label_of=label_of />
        <form method="get" action="/services" class="list-filter" role="search" aria-label=t("services-filter-label")>
            <FilterField name="q" label=label_of("q") error=None>
                <input class="input" type="search" id="filter-q" name="q" value=query.q.clone()
                    aria-describedby="filter-q-hint" />
            </FilterField>
            <FilterField name="category" label=label_of("category") error=category_error>
                <select class="input" id="filter-category" name="category" aria-invalid=category_invalid>
                    <option value="">{t("services-filter-any")}</option>
                    {categories}
                </select>
            </FilterField>
            <p class="field__hint list-filter__hint" id="filter-q-hint">{t("services-filter-q-hint")}</p>
            <div class="list-filter__actions">
                <button class="button" type="submit">{t("services-filter-apply")}</button>
                <a href="/services">{t("history-filter-reset")}</a>
            </div>
        </form>
        <nav class="category-nav" aria-label=t("services-categories")>
            <ul class="category-nav__list">{browse}</ul>
        </nav>
        {results}
    }
}

/// Services grouped under their category, in the catalogue's order of categories.
#[component]
fn ServiceGroups(services: Vec<ServiceSummary>) -> impl IntoView {
    Category::ALL
        .into_iter()
        .filter_map(|category| {
            let key = category.message_key();
            let services: Vec<ServiceSummary> = services
                .iter()
                .filter(|service| service.category_key == key)
                .cloned()
                .collect();
            if services.is_empty() {
                return None;
            }
            let heading_id = format!("group-{}", category.code());
            Some(view! {
                <section class="catalogue-group" aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>{t(key)}</h2>
                    <ServiceList services />
                </section>
            })
        })
        .collect_view()
}

/// Services with their summary, department and deadline.
#[component]
fn ServiceList(services: Vec<ServiceSummary>) -> impl IntoView {
    let items = services
        .into_iter()
        .map(|service| {
            let days = service.processing_days.to_string();
            view! {
                <li class="service-list__item">
                    <a class="service-list__title" href=format!("/services/{}", service.code)>{service.title}</a>
                    <p>{service.summary}</p>
                    <p class="meta">{service.department} " · " {t_with("service-days", &[("days", &days)])}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="service-list">{items}</ul> }
}

#[component]
pub fn ServicePage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let service = Resource::new(code, get_service);

    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let info = match service.await {
                    Ok(info) => info,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let locale = locale();
                let definition = info.definition;
                let title = definition.title.get(locale).to_string();
                let days = definition.processing_days.to_string();
                let documents = definition
                    .documents
                    .iter()
                    .map(|document| {
                        let title = document.title.get(locale).to_string();
                        let note = if document.required { None } else { Some(t("field-optional")) };
                        view! { <li>{title} " " {note}</li> }
                    })
                    .collect_view();
                view! {
                    <PageTitle text=title.clone() />
                    <p class="breadcrumbs"><a href="/services">{t("services-title")}</a></p>
                    <h1>{title}</h1>
                    <p class="lead">{definition.description.get(locale).to_string()}</p>
                    <dl class="summary-list">
                        <div class="summary-list__row">
                            <dt>{t("service-department")}</dt>
                            <dd>{info.department}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{t("service-deadline")}</dt>
                            <dd>{t_with("service-days", &[("days", &days)])}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{t("service-result")}</dt>
                            <dd>{definition.result.get(locale).to_string()}</dd>
                        </div>
                    </dl>
                    <h2>{t("service-documents")}</h2>
                    <ul class="bullets">{documents}</ul>
                    <p class="actions">
                        <a class="button" href=format!("/services/{}/apply", definition.code)>{t("service-apply")}</a>
                    </p>
                    <ServiceTemplates code=definition.code.clone() templates=info.templates />
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Links that start the service's form from each of the person's templates of it.
#[component]
fn ServiceTemplates(code: String, templates: Vec<(uuid::Uuid, String)>) -> impl IntoView {
    if templates.is_empty() {
        return None;
    }
    let links = templates
        .into_iter()
        .map(|(id, name)| {
            let href = format!("/services/{code}/apply?template={id}");
            let label = t_with("templates-use-label", &[("name", &name)]);
            view! { <li><a href=href aria-label=label>{name}</a></li> }
        })
        .collect_view();
    Some(view! {
        <section aria-labelledby="service-templates-title">
            <h2 id="service-templates-title">{t("service-templates")}</h2>
            <ul class="bullets">{links}</ul>
        </section>
    })
}
