//! The service catalogue and a service's description.

use kabinet_shared::model::ServiceSummary;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::catalogue::{get_service, list_services};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{locale, t, t_with};

#[component]
pub fn ServicesPage() -> impl IntoView {
    let services = Resource::new(|| (), |_| list_services());
    view! {
        <PageTitle text=t("services-title") />
        <h1>{t("services-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match services.await {
                    Ok(services) => view! { <ServiceGroups services /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Services grouped under their category, categories in order of first appearance.
#[component]
fn ServiceGroups(services: Vec<ServiceSummary>) -> impl IntoView {
    let mut groups: Vec<(String, Vec<ServiceSummary>)> = Vec::new();
    for service in services {
        match groups
            .iter_mut()
            .find(|(key, _)| *key == service.category_key)
        {
            Some((_, list)) => list.push(service),
            None => groups.push((service.category_key.clone(), vec![service])),
        }
    }
    groups
        .into_iter()
        .map(|(category, services)| {
            let heading_id = format!("category-{category}");
            view! {
                <section class="catalogue-group" aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>{t(&category)}</h2>
                    <ul class="service-list">
                        {services
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
                            .collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
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
                }
                .into_any()
            })}
        </Suspense>
    }
}
