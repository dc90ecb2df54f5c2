//! The profile pages: personal data and contacts, identity documents and addresses, each
//! with its own form, the staff access to the person's data, and the e-mail confirmation.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kabinet_shared::model::{Address, PassportDetails, Profile, ReviewState, ReviewStatus, Sex};
use kabinet_shared::validate::{phone, snils};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::Flash;
use crate::api::accounts::{
    ConfirmEmail, ConfirmPhoneChange, ResendPhoneChangeCode, StartPhoneChange, SubmitPassport,
    SubmitSnils, UpdateAddresses, UpdateDocuments, UpdateProfile, get_data_access_log,
    get_email_change, get_profile,
};
use crate::api::forms::take_form_flash;
use crate::api::session::{code_wait, is_demo};
use crate::clock::today;
use crate::components::countdown::ResendButton;
use crate::components::form::{
    ErrorSummary, FileField, FormState, Hidden, Notice, RadioGroup, SubmitButton, TextArea,
    TextField, ValidatedForm, labels,
};
use crate::components::page::{ErrorView, Loading, PageTitle, SectionLinks};
use crate::i18n::{date_time_attribute, t, t_with};
use crate::pages::applications::ResultDocuments;

/// Formats a date as a date input expects it: `YYYY-MM-DD`.
fn date_value(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Returns the values to show: what a plain post sent back with errors, or else the
/// profile's.
fn form_values(
    flash: &Flash,
    from_profile: Vec<(&str, Option<String>)>,
) -> BTreeMap<String, String> {
    if !flash.values.is_empty() {
        return flash.values.clone();
    }
    from_profile
        .into_iter()
        .filter_map(|(name, value)| value.map(|value| (name.to_string(), value)))
        .collect()
}

/// Loads the profile and the flash of `form` together.
fn profile_resource(
    form: &'static str,
) -> Resource<Result<(Profile, Option<Flash>), crate::api::AppError>> {
    Resource::new(
        || (),
        move |_| async move { Ok((get_profile().await?, take_form_flash(form.into()).await?)) },
    )
}

/// The profile pages and the translation keys of their names.
const SECTIONS: [(&str, &str); 4] = [
    ("/profile", "profile-section-personal"),
    ("/profile/documents", "profile-section-documents"),
    ("/profile/addresses", "profile-section-addresses"),
    ("/profile/access", "profile-section-access"),
];

/// Shows links between the profile pages.
#[component]
fn SectionNav(current: &'static str) -> impl IntoView {
    view! { <SectionLinks label=t("profile-sections") sections=&SECTIONS current /> }
}

/// Shows a titled group of fields inside a form.
#[component]
fn FormSection(
    #[prop(into)] title: String,
    #[prop(optional, into)] hint: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <fieldset class="form-section">
            <legend class="form-section__title">{title}</legend>
            {hint.map(|hint| view! { <p class="field__hint">{hint}</p> })}
            {children()}
        </fieldset>
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let data = profile_resource("profile");
    let action = ServerAction::<UpdateProfile>::new();

    view! {
        <PageTitle text=t("profile-title") />
        <h1>{t("profile-title")}</h1>
        <SectionNav current="/profile" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (profile, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let values = form_values(&flash, vec![
                    ("surname", Some(profile.surname.clone())),
                    ("given_name", Some(profile.given_name.clone())),
                    ("patronymic", profile.patronymic.clone()),
                    ("former_names", profile.former_names.clone()),
                    ("sex", profile.sex.map(|sex| sex.code().to_string())),
                    ("birth_date", profile.birth_date.map(date_value)),
                    ("birth_place", profile.birth_place.clone()),
                    ("citizenship", profile.citizenship.clone()),
                    ("email", profile.email.clone()),
                    ("telegram", profile.telegram.clone()),
                    ("inn", profile.inn.clone()),
                ]);
                let state = FormState::new(values, flash.reply);
                let validate = Callback::new(|input: UpdateProfile| input.form.validate(today()).err().unwrap_or_default());
                let phone = profile.phone.as_deref().map(phone::format_display);
                let snils_number = profile.snils.as_deref().map(snils::format);
                let snils_review = profile.snils_review.clone().map(|review| view! { <ReviewNotice review /> });
                let sexes = Sex::ALL
                    .into_iter()
                    .map(|sex| (sex.code().to_string(), t(&format!("sex-{}", sex.code()))))
                    .collect::<Vec<_>>();
                view! {
                    <ErrorSummary
                        state
                        labels=labels(&[
                            ("surname", "field-surname"),
                            ("given_name", "field-given-name"),
                            ("patronymic", "field-patronymic"),
                            ("former_names", "field-former-names"),
                            ("sex", "field-sex"),
                            ("birth_date", "field-birth-date"),
                            ("birth_place", "field-birth-place"),
                            ("citizenship", "field-citizenship"),
                            ("email", "field-email"),
                            ("telegram", "field-telegram"),
                            ("inn", "field-inn"),
                        ])
                    />
                    <ValidatedForm action state validate class="form">
                        <FormSection title=t("profile-section-personal-data")>
                            <TextField state name="surname" label=t("field-surname") autocomplete="family-name" />
                            <TextField state name="given_name" label=t("field-given-name") autocomplete="given-name" />
                            <TextField state name="patronymic" label=t("field-patronymic") autocomplete="additional-name" optional=true />
                            <TextField state name="former_names" label=t("field-former-names") hint=t("field-former-names-hint") optional=true />
                            <RadioGroup state name="sex".to_string() legend=t("field-sex") options=sexes />
                            <TextField state name="birth_date" label=t("field-birth-date") input_type="date" autocomplete="bday" width="short" />
                            <TextField state name="birth_place" label=t("field-birth-place") hint=t("field-birth-place-hint") optional=true />
                            <TextField state name="citizenship" label=t("field-citizenship") optional=true width="medium" />
                        </FormSection>
                        <FormSection title=t("profile-section-contacts")>
                            <dl class="summary-list">
                                <div class="summary-list__row">
                                    <dt>{t("field-phone")}</dt>
                                    <dd>{phone} " " <a href="/profile/phone">{t("profile-change-phone")}</a></dd>
                                </div>
                            </dl>
                            <TextField state name="email" label=t("field-email") input_type="email" autocomplete="email" optional=true />
                            {profile.pending_email.clone().map(|email| view! {
                                <p class="notice notice--info">{t_with("profile-email-pending", &[("email", email.as_str())])}</p>
                            })}
                            <TextField state name="telegram" label=t("field-telegram") hint=t("field-telegram-hint") optional=true width="medium" />
                        </FormSection>
                        <FormSection title=t("profile-section-numbers")>
                            <dl class="summary-list">
                                <div class="summary-list__row">
                                    <dt>{t("field-snils")}</dt>
                                    <dd>
                                        {snils_number.unwrap_or_else(|| t("export-data-none"))} " "
                                        <a href="/profile/snils">{t("profile-change-snils")}</a>
                                    </dd>
                                </div>
                            </dl>
                            {snils_review}
                            <TextField state name="inn" label=t("field-inn") hint=t("field-inn-hint") inputmode="numeric" optional=true width="medium" />
                        </FormSection>
                        <SubmitButton label=t("profile-submit") pending=action.pending() />
                    </ValidatedForm>
                    <h2>{t("profile-export-title")}</h2>
                    <p>{t("profile-export-text")}</p>
                    <ul class="plain-list">
                        <li><a href="/profile/export.json" download>{t("profile-export-json")}</a></li>
                        <li><a href="/profile/export.pdf" download>{t("profile-export-pdf")}</a></li>
                    </ul>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// "Кто просматривал мои данные": staff access to the person's data from the audit log.
#[component]
pub fn DataAccessPage() -> impl IntoView {
    let log = Resource::new(|| (), |_| get_data_access_log());

    view! {
        <PageTitle text=t("profile-access-title") />
        <h1>{t("profile-access-title")}</h1>
        <SectionNav current="/profile/access" />
        <p>{t("profile-access-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let entries = match log.await {
                    Ok(entries) => entries,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                if entries.is_empty() {
                    return view! { <p class="notice notice--info">{t("profile-access-empty")}</p> }.into_any();
                }
                let rows = entries
                    .into_iter()
                    .map(|entry| {
                        let number = entry.application_number.clone().unwrap_or_default();
                        let reason = t_with(&format!("access-reason-{}", entry.action.replace('_', "-")), &[("number", number.as_str())]);
                        let reason = match entry.application_id {
                            Some(id) => view! { <a href=format!("/applications/{id}")>{reason}</a> }.into_any(),
                            None => reason.into_any(),
                        };
                        view! {
                            <tr>
                                <td><time datetime=date_time_attribute(&entry.at)>{entry.at.format("%d.%m.%Y %H:%M").to_string()}</time></td>
                                <td>{t(&format!("role-{}", entry.role.code()))}</td>
                                <td>{entry.department.clone().unwrap_or_default()}</td>
                                <td>{reason}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table class="table">
                            <caption class="visually-hidden">{t("profile-access-title")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t("profile-access-when")}</th>
                                    <th scope="col">{t("profile-access-who")}</th>
                                    <th scope="col">{t("profile-access-department")}</th>
                                    <th scope="col">{t("profile-access-why")}</th>
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

#[component]
pub fn DocumentsPage() -> impl IntoView {
    let data = profile_resource("documents");
    let action = ServerAction::<UpdateDocuments>::new();

    view! {
        <PageTitle text=t("profile-documents-title") />
        <h1>{t("profile-documents-title")}</h1>
        <SectionNav current="/profile/documents" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (profile, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let documents = &profile.documents;
                let passport = documents.passport.as_ref();
                let licence = documents.driving_licence.as_ref();
                let foreign = documents.foreign_passport.as_ref();
                let values = form_values(&flash, vec![
                    ("licence_number", licence.map(|l| l.number.clone())),
                    ("licence_issue_date", licence.map(|l| date_value(l.issue_date))),
                    ("licence_expiry_date", licence.map(|l| date_value(l.expiry_date))),
                    ("foreign_number", foreign.map(|f| f.number.clone())),
                    ("foreign_issue_date", foreign.map(|f| date_value(f.issue_date))),
                    ("foreign_expiry_date", foreign.map(|f| date_value(f.expiry_date))),
                    ("foreign_issued_by", foreign.map(|f| f.issued_by.clone())),
                ]);
                let state = FormState::new(values, flash.reply);
                let birth_date = profile.birth_date;
                let validate = Callback::new(move |input: UpdateDocuments| {
                    input.form.validate(birth_date, today()).err().unwrap_or_default()
                });
                let review = profile.passport_review.clone();
                view! {
                    <p>{t("profile-documents-lead")}</p>
                    <PassportSummary passport=passport.cloned() review />
                    <ErrorSummary
                        state
                        labels=labels(&[
                            ("licence_number", "field-licence-number"),
                            ("licence_issue_date", "field-licence-issue-date"),
                            ("licence_expiry_date", "field-licence-expiry-date"),
                            ("foreign_number", "field-foreign-number"),
                            ("foreign_issue_date", "field-foreign-issue-date"),
                            ("foreign_expiry_date", "field-foreign-expiry-date"),
                            ("foreign_issued_by", "field-foreign-issued-by"),
                        ])
                    />
                    <ValidatedForm action state validate class="form">
                        <FormSection title=t("profile-driving-licence") hint=t("profile-optional-document")>
                            <TextField state name="licence_number" label=t("field-licence-number") hint=t("field-licence-number-hint") width="medium" />
                            <TextField state name="licence_issue_date" label=t("field-licence-issue-date") input_type="date" width="short" />
                            <TextField state name="licence_expiry_date" label=t("field-licence-expiry-date") input_type="date" width="short" />
                        </FormSection>
                        <FormSection title=t("profile-foreign-passport") hint=t("profile-optional-document")>
                            <TextField state name="foreign_number" label=t("field-foreign-number") hint=t("field-foreign-number-hint") inputmode="numeric" width="medium" />
                            <TextField state name="foreign_issue_date" label=t("field-foreign-issue-date") input_type="date" width="short" />
                            <TextField state name="foreign_expiry_date" label=t("field-foreign-expiry-date") input_type="date" width="short" />
                            <TextField state name="foreign_issued_by" label=t("field-foreign-issued-by") />
                        </FormSection>
                        <SubmitButton label=t("profile-submit") pending=action.pending() />
                    </ValidatedForm>
                }
                .into_any()
            })}
        </Suspense>
        <ResultDocuments />
    }
}

#[component]
pub fn AddressesPage() -> impl IntoView {
    let data = profile_resource("addresses");
    let action = ServerAction::<UpdateAddresses>::new();

    view! {
        <PageTitle text=t("profile-addresses-title") />
        <h1>{t("profile-addresses-title")}</h1>
        <SectionNav current="/profile/addresses" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (profile, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let addresses = &profile.addresses;
                let registration = addresses.registration.as_ref();
                let residence = addresses.residence.as_ref();
                let postcode = |address: Option<&Address>| address.map(|a| a.postcode.clone());
                let text = |address: Option<&Address>| address.map(|a| a.text.clone());
                let values = form_values(&flash, vec![
                    ("registration_postcode", postcode(registration)),
                    ("registration_address", text(registration)),
                    ("residence_same", Some(if addresses.residence_same { "yes" } else { "no" }.to_string())),
                    ("residence_postcode", postcode(residence)),
                    ("residence_address", text(residence)),
                ]);
                let state = FormState::new(values, flash.reply);
                let validate = Callback::new(|input: UpdateAddresses| input.form.validate().err().unwrap_or_default());
                let choices = vec![
                    ("yes".to_string(), t("residence-same-yes")),
                    ("no".to_string(), t("residence-same-no")),
                ];
                view! {
                    <ErrorSummary
                        state
                        labels=labels(&[
                            ("registration_postcode", "field-registration-postcode"),
                            ("registration_address", "field-registration-address"),
                            ("residence_same", "field-residence-same"),
                            ("residence_postcode", "field-residence-postcode"),
                            ("residence_address", "field-residence-address"),
                        ])
                    />
                    <ValidatedForm action state validate class="form">
                        <FormSection title=t("profile-registration-address")>
                            <TextField state name="registration_postcode" label=t("field-registration-postcode") inputmode="numeric" autocomplete="postal-code" width="short" />
                            <TextArea state name="registration_address".to_string() label=t("field-registration-address") hint=t("field-address-hint") autocomplete="street-address".to_string() />
                        </FormSection>
                        <FormSection title=t("profile-residence-address")>
                            <RadioGroup state name="residence_same".to_string() legend=t("field-residence-same") options=choices />
                            <TextField state name="residence_postcode" label=t("field-residence-postcode") hint=t("field-residence-hint") inputmode="numeric" width="short" />
                            <TextArea state name="residence_address".to_string() label=t("field-residence-address") hint=t("field-residence-hint") />
                        </FormSection>
                        <SubmitButton label=t("profile-submit") pending=action.pending() />
                    </ValidatedForm>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Shows the page of the link sent to a new e-mail address. Opening it changes nothing,
/// so mail scanners that follow links do not confirm the address. The button does.
#[component]
pub fn EmailConfirmPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let data = Resource::new(token, |token| async move {
        let flash = take_form_flash("email-confirm".into()).await?;
        Ok::<_, crate::api::AppError>((get_email_change(token).await, flash))
    });
    let action = ServerAction::<ConfirmEmail>::new();

    view! {
        <PageTitle text=t("email-confirm-title") />
        <h1>{t("email-confirm-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (change, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let state = FormState::new(flash.values.clone(), flash.reply.clone());
                let confirmed = move || matches!(state.notice(), Some(Notice::Success(_)));
                let link = view! { <p><a href="/profile">{t("email-confirm-to-profile")}</a></p> };
                match change {
                    Err(_) if confirmed() => view! { <ErrorSummary state labels=Vec::new() /> {link} }.into_any(),
                    Err(error) => view! { <ErrorView error /> {link} }.into_any(),
                    Ok(email) => view! {
                        <ErrorSummary state labels=Vec::new() />
                        <Show when=move || !confirmed() fallback=move || view! { <p><a href="/profile">{t("email-confirm-to-profile")}</a></p> }>
                            <p>{t_with("email-confirm-text", &[("email", email.as_str())])}</p>
                            <ValidatedForm action state class="form">
                                <Hidden name="token" value=token() />
                                <SubmitButton label=t("email-confirm-submit") pending=action.pending() />
                            </ValidatedForm>
                        </Show>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// Shows the first step of a phone change: the new number.
#[component]
pub fn PhoneChangePage() -> impl IntoView {
    let flash = Resource::new(|| (), |_| take_form_flash("phone-change".into()));
    let action = ServerAction::<StartPhoneChange>::new();

    view! {
        <PageTitle text=t("phone-change-title") />
        <h1>{t("phone-change-title")}</h1>
        <SectionNav current="/profile" />
        <p class="lead">{t("phone-change-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                view! {
                    <ErrorSummary state labels=labels(&[("phone", "field-new-phone")]) />
                    <ValidatedForm action state class="form">
                        <TextField state name="phone" label=t("field-new-phone") hint=t("field-phone-hint") input_type="tel" autocomplete="tel" width="medium" />
                        <SubmitButton label=t("phone-change-submit") pending=action.pending() />
                    </ValidatedForm>
                }
            })}
        </Suspense>
    }
}

/// Shows the second step of a phone change: the code sent to the new number.
#[component]
pub fn PhoneConfirmPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let change = move || query.read().get("change").unwrap_or_default();
    let flash = Resource::new(|| (), |_| take_form_flash("phone-confirm".into()));
    let demo = Resource::new(|| (), |_| is_demo());
    let wait = Resource::new(change, |change| code_wait("phone_change".into(), change));
    let confirm = ServerAction::<ConfirmPhoneChange>::new();
    let resend = ServerAction::<ResendPhoneChangeCode>::new();

    view! {
        <PageTitle text=t("phone-change-confirm-title") />
        <h1>{t("phone-change-confirm-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let demo = demo.await.unwrap_or(false);
                let wait = wait.await.unwrap_or(0);
                let state = FormState::new(flash.values, flash.reply);
                let changed = move || {
                    matches!(state.notice(), Some(Notice::Success(message)) if message.key == "notice-phone-changed")
                };
                view! {
                    <ErrorSummary state labels=labels(&[("code", "field-code")]) />
                    <Show when=move || !changed() fallback=|| view! { <p><a href="/profile">{t("email-confirm-to-profile")}</a></p> }>
                        <p class="lead">{t("phone-change-confirm-lead")}</p>
                        {demo.then(|| view! {
                            <p class="notice notice--info">{t("confirm-demo-hint")} " " <a href="/dev/outbox">{t("outbox-title")}</a></p>
                        })}
                        <ValidatedForm action=confirm state class="form">
                            <Hidden name="change" value=change() />
                            <TextField state name="code" label=t("field-code") hint=t("field-code-hint") inputmode="numeric" autocomplete="one-time-code" width="short" />
                            <SubmitButton label=t("phone-change-confirm-submit") pending=confirm.pending() />
                        </ValidatedForm>
                        <ValidatedForm action=resend state class="form form--secondary">
                            <Hidden name="change" value=change() />
                            <ResendButton seconds=wait />
                        </ValidatedForm>
                    </Show>
                }
            })}
        </Suspense>
    }
}

/// Shows the passport in the profile, the latest one sent for checking and a link to send
/// a new one.
#[component]
fn PassportSummary(
    passport: Option<PassportDetails>,
    review: Option<ReviewState>,
) -> impl IntoView {
    let rows = passport.map(|passport| {
        view! {
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>{t("field-passport")}</dt>
                    <dd>{passport.display_number()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{t("field-passport-issue-date")}</dt>
                    <dd>{passport.issue_date.format("%d.%m.%Y").to_string()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{t("field-passport-issued-by")}</dt>
                    <dd>{passport.issued_by.clone()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{t("field-subdivision-code")}</dt>
                    <dd>{passport.subdivision_code.clone()}</dd>
                </div>
            </dl>
        }
    });
    let empty = rows
        .is_none()
        .then(|| view! { <p>{t("profile-passport-none")}</p> });
    let review = review.map(|review| view! { <ReviewNotice review /> });
    view! {
        <section aria-labelledby="passport-title">
            <h2 id="passport-title">{t("profile-passport")}</h2>
            {rows}
            {empty}
            {review}
            <p><a href="/profile/passport">{t("profile-passport-new")}</a></p>
        </section>
    }
}

/// Shows the form that sends a new passport and its scan for an operator to check. The
/// form is a plain multipart post, with JavaScript or without.
#[component]
pub fn PassportPage() -> impl IntoView {
    let flash = Resource::new(|| (), |_| take_form_flash("passport".into()));

    view! {
        <PageTitle text=t("passport-title") />
        <h1>{t("passport-title")}</h1>
        <SectionNav current="/profile/documents" />
        <p class="lead">{t("passport-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                view! {
                    <ErrorSummary
                        state
                        labels=labels(&[
                            ("passport", "field-passport"),
                            ("passport_issue_date", "field-passport-issue-date"),
                            ("passport_issued_by", "field-passport-issued-by"),
                            ("passport_subdivision_code", "field-subdivision-code"),
                            ("scan", "field-passport-scan"),
                        ])
                    />
                    <form class="form" method="post" enctype="multipart/form-data" action=SubmitPassport::url() novalidate>
                        <TextField state name="passport" label=t("field-passport") hint=t("field-passport-hint") inputmode="numeric" width="medium" />
                        <TextField state name="passport_issue_date" label=t("field-passport-issue-date") input_type="date" width="short" />
                        <TextArea state name="passport_issued_by".to_string() label=t("field-passport-issued-by") />
                        <TextField state name="passport_subdivision_code" label=t("field-subdivision-code") hint=t("field-subdivision-code-hint") inputmode="numeric" width="short" />
                        <FileField state name="scan" label=t("field-passport-scan") hint=t("field-passport-scan-hint") accept=".pdf,.jpg,.jpeg,.png" />
                        <SubmitButton label=t("passport-submit") />
                    </form>
                }
            })}
        </Suspense>
    }
}

/// Shows the state of the latest document of a kind sent for checking.
#[component]
fn ReviewNotice(review: ReviewState) -> impl IntoView {
    let number = review.document.number();
    let kind = review.document.kind();
    let text = match review.status {
        ReviewStatus::Pending => Some(t_with(
            &format!("profile-{kind}-pending"),
            &[("number", number.as_str())],
        )),
        ReviewStatus::Approved => Some(t_with(
            &format!("profile-{kind}-approved"),
            &[("number", number.as_str())],
        )),
        ReviewStatus::Rejected => Some(t_with(
            &format!("profile-{kind}-rejected"),
            &[
                ("number", number.as_str()),
                ("reason", review.reason.as_deref().unwrap_or_default()),
            ],
        )),
        ReviewStatus::Replaced => None,
    };
    let class = if review.status == ReviewStatus::Rejected {
        "notice notice--problem"
    } else {
        "notice notice--info"
    };
    text.map(|text| view! { <p class=class>{text}</p> })
}

/// Shows the form that sends a new SNILS and a scan of the document for an operator to
/// check. The form is a plain multipart post, with JavaScript or without.
#[component]
pub fn SnilsPage() -> impl IntoView {
    let flash = Resource::new(|| (), |_| take_form_flash("snils".into()));

    view! {
        <PageTitle text=t("snils-title") />
        <h1>{t("snils-title")}</h1>
        <SectionNav current="/profile" />
        <p class="lead">{t("snils-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten().unwrap_or_default();
                let state = FormState::new(flash.values, flash.reply);
                view! {
                    <ErrorSummary
                        state
                        labels=labels(&[("snils", "field-new-snils"), ("scan", "field-snils-scan")])
                    />
                    <form class="form" method="post" enctype="multipart/form-data" action=SubmitSnils::url() novalidate>
                        <TextField state name="snils" label=t("field-new-snils") hint=t("field-snils-hint") inputmode="numeric" width="medium" />
                        <FileField state name="scan" label=t("field-snils-scan") hint=t("field-passport-scan-hint") accept=".pdf,.jpg,.jpeg,.png" />
                        <SubmitButton label=t("passport-submit") />
                    </form>
                }
            })}
        </Suspense>
    }
}
