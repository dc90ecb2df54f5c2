//! "Конструктор услуг": the administrators' list of services and the editor of one
//! service's definition, with its preview and publication.
//!
//! The editor posts a plain form with and without JavaScript: the server checks or
//! publishes the text and redirects back, and the text, the reply and the preview come
//! back through the flash, so nothing typed is lost.

use std::collections::BTreeMap;

use kabinet_shared::model::ServiceVersionSummary;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use crate::api::catalogue::ServiceInfo;
use crate::api::constructor::{
    SaveService, ServiceEditor, get_service_editor, list_constructor_services,
};
use crate::components::form::{ErrorSummary, FileField, FormState, Hidden, TextArea};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{date_time, date_time_attribute, locale, t, t_with};
use crate::pages::service_form::{ServiceField, StepProgress, condition_text};

/// The name of the editor's textarea, which the domain names in its errors.
const SOURCE_FIELD: &str = "service";

/// Returns who published a version, as the list and the editor show it.
pub(crate) fn publisher(summary: &ServiceVersionSummary) -> String {
    match &summary.published_by {
        Some(name) => t_with("admin-services-publisher-admin", &[("name", name)]),
        None => t("admin-services-publisher-bundled"),
    }
}

#[component]
pub fn ConstructorPage() -> impl IntoView {
    let services = Resource::new(|| (), |_| list_constructor_services());

    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let services = match services.await {
                    Ok(services) => services,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let rows = services
                    .into_iter()
                    .map(|service| {
                        let by = publisher(&service);
                        view! {
                            <tr>
                                <td><a href=format!("/admin/services/{}", service.code)>{service.title.clone()}</a></td>
                                <td><code>{service.code.clone()}</code></td>
                                <td>{service.version}</td>
                                <td><time datetime=date_time_attribute(&service.published_at)>{date_time(&service.published_at)}</time></td>
                                <td>{by}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <PageTitle text=t("admin-services-title") />
                    <h1>{t("admin-services-title")}</h1>
                    <p class="lead">{t("admin-services-lead")}</p>
                    <p class="actions"><a class="button" href="/admin/services/new">{t("admin-services-new")}</a></p>
                    <div class="table-wrap" role="region" aria-label=t("admin-services-title") tabindex="0">
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{t("admin-services-column-service")}</th>
                                    <th scope="col">{t("admin-services-column-code")}</th>
                                    <th scope="col">{t("admin-services-column-version")}</th>
                                    <th scope="col">{t("admin-services-column-published")}</th>
                                    <th scope="col">{t("admin-services-column-publisher")}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Returns the service code of the editor's address, empty for `/admin/services/new`.
pub(crate) fn service_code_param() -> impl Fn() -> String + Copy {
    let params = use_params_map();
    move || {
        params
            .read()
            .get("code")
            .filter(|code| code != "new")
            .unwrap_or_default()
    }
}

/// Renders the editor of a service at `/admin/services/:code`, or of a new service at
/// `/admin/services/new`.
#[component]
pub fn ServiceEditorPage() -> impl IntoView {
    let code = service_code_param();
    // The flash is taken inside this one resource, never by a nested one.
    let editor = Resource::new(code, get_service_editor);

    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let code = code();
                match editor.await {
                    Ok(editor) => view! { <Editor code editor /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(code: String, editor: ServiceEditor) -> impl IntoView {
    let ServiceEditor {
        latest,
        text,
        reply,
        preview,
    } = editor;
    let title = match &latest {
        Some(latest) => t_with("admin-service-title", &[("title", &latest.title)]),
        None => t("admin-service-new-title"),
    };
    let about = match &latest {
        Some(latest) => {
            let published = date_time(&latest.published_at);
            let by = publisher(latest);
            let text = t_with(
                "admin-service-latest",
                &[
                    ("version", &latest.version.to_string()),
                    ("published", &published),
                    ("publisher", &by),
                ],
            );
            view! {
                <p>{text}</p>
                <p><a href=format!("/services/{}", latest.code)>{t("admin-service-open")}</a></p>
            }
            .into_any()
        }
        None => view! { <p class="lead">{t("admin-service-new-lead")}</p> }.into_any(),
    };
    let state = FormState::new(BTreeMap::from([(SOURCE_FIELD.to_string(), text)]), reply);
    let labels = vec![(SOURCE_FIELD.to_string(), t("admin-service-source"))];

    view! {
        <PageTitle text=title.clone() />
        <p class="breadcrumbs"><a href="/admin/services">{t("admin-services-back")}</a></p>
        <h1>{title}</h1>
        {about}
        <ErrorSummary state labels />
        <form class="form form--wide" method="post" action=SaveService::url()>
            <Hidden name="code" value=code />
            <TextArea
                state
                name=SOURCE_FIELD.to_string()
                label=t("admin-service-source")
                hint=t("admin-service-source-hint")
                rows=30
                monospace=true
            />
            <div class="button-row">
                <button class="button" type="submit" name="intent" value="preview">
                    {t("admin-service-preview-button")}
                </button>
                <button class="button button--secondary" type="submit" name="intent" value="publish">
                    {t("admin-service-publish-button")}
                </button>
                <button class="button button--secondary" type="submit" name="intent" value="fields">
                    {t("admin-fields-open")}
                </button>
            </div>
        </form>
        {preview.map(|info| view! { <Preview info /> })}
    }
}

/// Renders the form of a service as a citizen will see it, with every step one after another. The
/// controls are disabled and outside any form, so the preview sends nothing.
#[component]
pub(crate) fn Preview(info: ServiceInfo) -> impl IntoView {
    let locale = locale();
    let service = info.definition;
    let state = FormState::new(BTreeMap::new(), None);
    let days = service.processing_days.to_string();
    let stepped = !service.steps.is_empty();
    let pages = (1..=service.step_count())
        .map(|step| {
            let heading = service.steps.get(step - 1).map(|page| {
                t_with(
                    "admin-service-preview-step",
                    &[
                        ("step", &step.to_string()),
                        ("title", page.title.get(locale)),
                    ],
                )
            });
            let fields = service
                .step_fields(step)
                .into_iter()
                .map(|field| {
                    let condition = condition_text(&service, field, locale);
                    let from_profile = field.prefill.is_some();
                    view! { <ServiceField state field=field.clone() from_profile condition /> }
                        .into_any()
                })
                .collect_view();
            let with_documents = service.step_has_documents(step) && !service.documents.is_empty();
            let documents = service
                .documents
                .iter()
                .filter(|_| with_documents)
                .map(|document| {
                    let hint = document
                        .hint
                        .as_ref()
                        .map(|hint| hint.get(locale).to_string());
                    let multiple = document.max_files > 1;
                    view! {
                        <FileField
                            state
                            name=format!("doc_{}", document.code)
                            label=document.title.get(locale).to_string()
                            hint=hint.unwrap_or_default()
                            accept=".pdf,.jpg,.jpeg,.png"
                            multiple=multiple
                            optional=!document.required
                        />
                    }
                    .into_any()
                })
                .collect_view();
            view! {
                {heading.map(|heading| view! { <h3>{heading}</h3> })}
                {fields}
                {with_documents.then(|| view! {
                    {(!stepped).then(|| view! { <h3>{t("apply-documents")}</h3> })}
                    <p class="field__hint">{t("apply-documents-hint")}</p>
                })}
                {documents}
            }
            .into_any()
        })
        .collect_view();

    view! {
        <section aria-labelledby="preview-title">
            <h2 id="preview-title">{t("admin-service-preview-title")}</h2>
            <fieldset class="preview" disabled>
                <legend class="visually-hidden">{t("admin-service-preview-legend")}</legend>
                <p class="lead">{service.title.get(locale).to_string()}</p>
                <p>{service.summary.get(locale).to_string()}</p>
                <dl class="summary-list">
                    <div class="summary-list__row">
                        <dt>{t("service-department")}</dt>
                        <dd>{info.department}</dd>
                    </div>
                    <div class="summary-list__row">
                        <dt>{t("service-deadline")}</dt>
                        <dd>{t_with("service-days", &[("days", &days)])}</dd>
                    </div>
                </dl>
                {stepped.then(|| view! { <StepProgress service=service.clone() step=1 /> })}
                {pages}
            </fieldset>
        </section>
    }
}
