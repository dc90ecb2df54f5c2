//! "Черновики": the saved drafts of application forms, to continue or delete.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::applications::{DeleteDraft, SubmitDrafts, list_drafts};
use crate::api::forms::take_form_flash;
use crate::components::form::{ErrorSummary, FormState};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{date_time, t, t_with};

#[component]
pub fn DraftsPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            Ok::<_, crate::api::AppError>((
                list_drafts().await?,
                take_form_flash("drafts".into()).await?,
            ))
        },
    );
    // The heading is part of the loaded page, so that a signed-out visitor gets only the
    // error's own heading.
    let heading = || {
        view! {
            <PageTitle text=t("drafts-title") />
            <h1>{t("drafts-title")}</h1>
            <p class="lead">{t("drafts-lead")}</p>
        }
    };
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (drafts, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                if drafts.is_empty() {
                    return view! {
                        {heading()}
                        <ErrorSummary state labels=Vec::new() />
                        <p role="status">{t("drafts-empty")}</p>
                        <p><a href="/applications">{t("drafts-back")}</a></p>
                    }
                    .into_any();
                }
                let rows = drafts
                    .into_iter()
                    .enumerate()
                    .map(|(index, draft)| {
                        let href = format!(
                            "/services/{}/apply?draft={}",
                            crate::url::encode_query(&draft.service_code),
                            crate::url::encode_query(&draft.request_key)
                        );
                        let filled = t_with(
                            "drafts-filled",
                            &[
                                ("answers", &draft.answers.to_string()),
                                ("files", &draft.files.to_string()),
                            ],
                        );
                        let delete_label =
                            t_with("drafts-delete-label", &[("service", &draft.service_title)]);
                        let saved_at = date_time(&draft.updated_at);
                        let check_label = t_with(
                            "drafts-check-label",
                            &[("service", &draft.service_title), ("saved", &saved_at)],
                        );
                        // The first box carries the id the error summary links to.
                        let check_id = if index == 0 {
                            "draft".to_string()
                        } else {
                            format!("draft-{index}")
                        };
                        // A plain post, the same with and without JavaScript: the page
                        // comes back without the deleted draft.
                        view! {
                            <tr>
                                <td>
                                    // The box belongs to the form below the table, since
                                    // each row already has its own delete form.
                                    <input class="table__check" type="checkbox" id=check_id name="draft" value=draft.request_key.clone() form="send-drafts" aria-label=check_label />
                                </td>
                                <td><a href=href>{draft.service_title.clone()}</a></td>
                                <td>{saved_at}</td>
                                <td>{filled}</td>
                                <td>
                                    <form method="post" action=DeleteDraft::url() class="inline-form">
                                        <input type="hidden" name="draft" value=draft.request_key.clone() />
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
                    <ErrorSummary state labels=vec![("draft".to_string(), t("drafts-column-send"))] />
                    <div class="table-wrap" role="region" aria-label=t("drafts-title") tabindex="0">
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{t("drafts-column-send")}</th>
                                    <th scope="col">{t("drafts-column-service")}</th>
                                    <th scope="col">{t("drafts-column-saved")}</th>
                                    <th scope="col">{t("drafts-column-filled")}</th>
                                    <th scope="col">{t("sessions-column-action")}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <form id="send-drafts" class="form" method="post" enctype="multipart/form-data" action=SubmitDrafts::url()>
                        <p class="field__hint">{t("drafts-send-hint")}</p>
                        <button class="button" type="submit">{t("drafts-send")}</button>
                    </form>
                    <p><a href="/applications">{t("drafts-back")}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
}
