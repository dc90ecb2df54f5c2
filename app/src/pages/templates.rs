//! Templates of applications: the list of the person's templates ("Шаблоны") and the form on
//! an application's page that saves it as one.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::FormReply;
use crate::api::forms::take_form_flash;
use crate::api::templates::{DeleteTemplate, SaveTemplate, list_templates};
use crate::components::form::{ErrorSummary, FormState, Hidden, TextField};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{date_time, t, t_with};

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            Ok::<_, crate::api::AppError>((
                list_templates().await?,
                take_form_flash("templates".into()).await?,
            ))
        },
    );
    // The heading is part of the loaded page, so that a signed-out visitor gets only the
    // error's own heading.
    let heading = || {
        view! {
            <PageTitle text=t("templates-title") />
            <h1>{t("templates-title")}</h1>
            <p class="lead">{t("templates-lead")}</p>
        }
    };
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (templates, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                if templates.is_empty() {
                    return view! {
                        {heading()}
                        <ErrorSummary state labels=Vec::new() />
                        <p role="status">{t("templates-empty")}</p>
                        <p><a href="/applications">{t("drafts-back")}</a></p>
                    }
                    .into_any();
                }
                let rows = templates
                    .into_iter()
                    .map(|template| {
                        let href = format!(
                            "/services/{}/apply?template={}",
                            crate::url::encode_query(&template.service_code),
                            template.id
                        );
                        let use_label = t_with("templates-use-label", &[("name", &template.name)]);
                        let delete_label =
                            t_with("templates-delete-label", &[("name", &template.name)]);
                        let filled = t_with(
                            "templates-filled",
                            &[("answers", &template.answers.to_string())],
                        );
                        // Plain posts, the same with and without JavaScript: the page
                        // comes back without the deleted template.
                        view! {
                            <tr>
                                <th scope="row">{template.name.clone()}</th>
                                <td>{template.service_title.clone()}</td>
                                <td>{date_time(&template.created_at)}</td>
                                <td>{filled}</td>
                                <td>
                                    <a href=href aria-label=use_label>{t("templates-use")}</a>
                                    " · "
                                    <form method="post" action=DeleteTemplate::url() class="inline-form">
                                        <input type="hidden" name="template" value=template.id.to_string() />
                                        <button class="link-button" type="submit" aria-label=delete_label>
                                            {t("drafts-delete")}
                                        </button>
                                    </form>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    {heading()}
                    <ErrorSummary state labels=Vec::new() />
                    <div class="table-wrap" role="region" aria-label=t("templates-title") tabindex="0">
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{t("templates-column-name")}</th>
                                    <th scope="col">{t("drafts-column-service")}</th>
                                    <th scope="col">{t("templates-column-saved")}</th>
                                    <th scope="col">{t("drafts-column-filled")}</th>
                                    <th scope="col">{t("sessions-column-action")}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <p><a href="/applications">{t("drafts-back")}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Renders the form that saves the applicant's application as a template. It sits behind a
/// disclosure that opens by itself when a plain post came back with an error or a notice.
#[component]
pub fn SaveTemplateSection(
    application: String,
    values: std::collections::BTreeMap<String, String>,
    reply: Option<FormReply>,
) -> impl IntoView {
    let open = reply.is_some();
    let state = FormState::new(values, reply);
    let labels = vec![("template_name".to_string(), t("template-name"))];
    view! {
        <section class="save-template" aria-labelledby="template-title">
            <h2 id="template-title">{t("template-title")}</h2>
            <details open=open>
                <summary>{t("template-open")}</summary>
                <p>{t("template-text")} " " <a href="/applications/templates">{t("templates-title")}</a></p>
                <ErrorSummary state labels />
                <form method="post" action=SaveTemplate::url()>
                    <Hidden name="application" value=application />
                    <TextField state name="template_name" label=t("template-name")
                        hint=t("template-name-hint") autocomplete="off" />
                    <button class="button" type="submit">{t("template-submit")}</button>
                </form>
            </details>
        </section>
    }
}
