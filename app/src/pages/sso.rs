//! The consent page of the first sign-in through ESIA, and the link's section of the
//! security page.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::sso::{sso_consent_data, sso_enabled, sso_link};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::t;

/// "/auth/esia/consent": the data received from ESIA with "Согласен" and "Отказаться".
/// The form posts to a plain handler, so it works the same with and without JavaScript.
#[component]
pub fn SsoConsentPage() -> impl IntoView {
    let query = use_query_map();
    let wrong_password = move || query.read().get("error").as_deref() == Some("password");
    let data = Resource::new(|| (), |_| sso_consent_data());

    view! {
        <PageTitle text=t("sso-consent-title") />
        <h1>{t("sso-consent-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(data)) => {
                        let row = |label: &'static str, value: Option<String>| {
                            value.map(|value| view! {
                                <div class="summary-list__row">
                                    <dt>{t(label)}</dt>
                                    <dd>{value}</dd>
                                </div>
                            })
                        };
                        let password_required = data.password_required;
                        view! {
                            <p class="lead">{t("sso-consent-lead")}</p>
                            <dl class="summary-list">
                                {row("sso-consent-name", Some(data.full_name))}
                                {row("field-birth-date", data.birth_date)}
                                {row("field-snils", data.snils)}
                                {row("field-phone", data.phone)}
                                {row("field-email", data.email)}
                            </dl>
                            {move || wrong_password().then(|| view! {
                                <p class="notice notice--problem" role="alert">{t("error-sso-password-wrong")}</p>
                            })}
                            <form method="post" action="/auth/esia/consent/answer" class="form">
                                {password_required.then(|| view! {
                                    <p>{t("sso-consent-password-lead")}</p>
                                    <div class="field">
                                        <label class="field__label" for="password">{t("field-password")}</label>
                                        <input class="input" id="password" name="password" type="password" autocomplete="current-password" />
                                    </div>
                                })}
                                <p>
                                    <button class="button" type="submit" name="decision" value="accept">{t("sso-consent-accept")}</button>
                                    " "
                                    <button class="button button--secondary" type="submit" name="decision" value="decline">{t("sso-consent-decline")}</button>
                                </p>
                            </form>
                        }
                        .into_any()
                    }
                    Ok(None) => view! {
                        <p class="notice notice--problem" role="alert">{t("sso-error-expired")}</p>
                        <p><a href="/sign-in">{t("nav-sign-in")}</a></p>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Renders the "Госуслуги (ЕСИА)" section of the security page: linked or not, and
/// "Отвязать". Nothing is rendered when ESIA is not configured.
#[component]
pub fn SsoLinkSection() -> impl IntoView {
    let link = Resource::new(
        || (),
        |_| async {
            if sso_enabled().await? {
                sso_link().await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    let section = |body: AnyView| {
        view! {
            <section aria-labelledby="sso-heading">
                <h2 id="sso-heading">{t("sso-section-title")}</h2>
                {body}
            </section>
        }
        .into_any()
    };
    view! {
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match link.await {
                        // Sign-in through ESIA is not configured: no section.
                        Ok(None) => ().into_any(),
                        Ok(Some(None)) => section(view! { <p>{t("sso-section-not-linked")}</p> }.into_any()),
                        Ok(Some(Some(true))) => section(view! {
                            <p>{t("sso-section-linked")}</p>
                            <p>{t("error-sso-unlink-needs-password")} " " <a href="/recovery">{t("sign-in-forgot")}</a></p>
                        }
                        .into_any()),
                        Ok(Some(Some(false))) => section(view! {
                            <p>{t("sso-section-linked")}</p>
                            <form method="post" action="/auth/esia/unlink" class="form">
                                <button class="button button--secondary" type="submit">{t("sso-unlink")}</button>
                            </form>
                        }
                        .into_any()),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
    }
}
