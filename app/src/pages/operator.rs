//! "Проверка документов": the operators' queue of passports and SNILS sent for checking,
//! and one submission with its scan and the decision form.

use kabinet_shared::model::{ReviewStatus, ReviewedDocument};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::accounts::{DecideReview, get_review, get_review_queue};
use crate::api::forms::take_form_flash;
use crate::components::form::{
    ErrorSummary, FormState, Hidden, SubmitButton, TextArea, ValidatedForm,
};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{date_time, date_time_attribute, t};

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let queue = Resource::new(|| (), |_| get_review_queue());

    view! {
        <PageTitle text=t("reviews-title") />
        <h1>{t("reviews-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let entries = match queue.await {
                    Ok(entries) => entries,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                if entries.is_empty() {
                    return view! { <p class="notice notice--info">{t("reviews-empty")}</p> }.into_any();
                }
                let rows = entries
                    .into_iter()
                    .map(|entry| view! {
                        <tr>
                            <td><a href=format!("/operator/reviews/{}", entry.id)>{entry.applicant}</a></td>
                            <td>{t(&format!("reviews-kind-{}", entry.kind))}</td>
                            <td><time datetime=date_time_attribute(&entry.submitted_at)>{date_time(&entry.submitted_at)}</time></td>
                        </tr>
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table class="table">
                            <caption class="visually-hidden">{t("reviews-title")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t("reviews-applicant")}</th>
                                    <th scope="col">{t("reviews-document")}</th>
                                    <th scope="col">{t("reviews-submitted")}</th>
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

/// Shows the details of one document as a list of facts.
fn document_facts(document: &ReviewedDocument) -> impl IntoView + use<> {
    let rows = match document {
        ReviewedDocument::Passport(passport) => vec![
            ("field-passport", passport.display_number()),
            (
                "field-passport-issue-date",
                passport.issue_date.format("%d.%m.%Y").to_string(),
            ),
            ("field-passport-issued-by", passport.issued_by.clone()),
            ("field-subdivision-code", passport.subdivision_code.clone()),
        ],
        ReviewedDocument::Snils(_) => vec![("field-snils", document.number())],
    };
    let rows = rows
        .into_iter()
        .map(|(key, value)| {
            view! {
                <div class="summary-list__row">
                    <dt>{t(key)}</dt>
                    <dd>{value}</dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="summary-list">{rows}</dl> }
}

#[component]
pub fn DocumentReviewPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(id, |id| async move {
        Ok::<_, crate::api::AppError>((
            get_review(id).await?,
            take_form_flash("review".into()).await?,
        ))
    });
    let approve = ServerAction::<DecideReview>::new();
    let reject = ServerAction::<DecideReview>::new();

    view! {
        <PageTitle text=t("document-review-title") />
        <p class="breadcrumbs"><a href="/operator/reviews">{t("reviews-title")}</a></p>
        <h1>{t("document-review-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (review, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                let kind = review.submitted.kind();
                let approve_id = review.id.to_string();
                let reject_id = review.id.to_string();
                let birth_date = review
                    .birth_date
                    .map(|date| date.format("%d.%m.%Y").to_string())
                    .unwrap_or_default();
                let current = match &review.current {
                    Some(passport) => document_facts(passport).into_any(),
                    None => view! { <p>{t("profile-passport-none")}</p> }.into_any(),
                };
                let pending = review.status == ReviewStatus::Pending;
                let decision = if pending {
                        view! {
                            <h2>{t("review-decision")}</h2>
                            <ErrorSummary state labels=vec![("reason".to_string(), t("field-review-reason"))] />
                            <ValidatedForm action=approve state class="form">
                                <Hidden name="id" value=approve_id />
                                <Hidden name="decision" value="approve" />
                                <SubmitButton label=t(&format!("review-approve-{}", kind)) pending=approve.pending() />
                            </ValidatedForm>
                            <ValidatedForm action=reject state class="form">
                                <Hidden name="id" value=reject_id />
                                <Hidden name="decision" value="reject" />
                                <TextArea state name="reason".to_string() label=t("field-review-reason") hint=t("field-review-reason-hint") />
                                <SubmitButton label=t("review-reject") pending=reject.pending() />
                            </ValidatedForm>
                        }
                        .into_any()
                    } else {
                        view! { <p class="notice notice--info">{t("review-decided")}</p> }.into_any()
                    };
                view! {
                    <dl class="summary-list">
                        <div class="summary-list__row">
                            <dt>{t("reviews-applicant")}</dt>
                            <dd>{review.applicant.clone()}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{t("field-birth-date")}</dt>
                            <dd>{birth_date}</dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>{t("reviews-submitted")}</dt>
                            <dd><time datetime=date_time_attribute(&review.submitted_at)>{date_time(&review.submitted_at)}</time></dd>
                        </div>
                    </dl>
                    <h2>{t(&format!("review-submitted-{}", review.submitted.kind()))}</h2>
                    {document_facts(&review.submitted)}
                    <p><a href=format!("/operator/reviews/{}/scan", review.id) download>{t("review-scan")}</a></p>
                    <h2>{t(&format!("review-current-{}", review.submitted.kind()))}</h2>
                    {current}
                    {decision}
                }
                .into_any()
            })}
        </Suspense>
    }
}
