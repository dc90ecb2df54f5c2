//! Page scaffolding: the title, loading and error states.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::AppError;
use crate::i18n::{t, t_with};

/// Sets the document title as "<page> — Kabinet".
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    let title = format!("{text} — {}", t("brand-name"));
    view! { <Title text=title /> }
}

/// What a page shows when its data could not be loaded. It also sets the HTTP status of
/// the server-rendered response.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        use http::StatusCode;
        let status = match &error {
            AppError::Unauthenticated => None,
            AppError::Forbidden | AppError::StepUpRequired => Some(StatusCode::FORBIDDEN),
            AppError::NotFound => Some(StatusCode::NOT_FOUND),
            AppError::Internal { .. } | AppError::Transport(_) => {
                Some(StatusCode::INTERNAL_SERVER_ERROR)
            }
        };
        if let (Some(status), Some(response)) =
            (status, use_context::<leptos_axum::ResponseOptions>())
        {
            response.set_status(status);
        }
    }
    let title_key = match &error {
        AppError::Unauthenticated => "error-unauthenticated-title",
        AppError::Forbidden => "error-forbidden-title",
        AppError::StepUpRequired => "error-step-up-required-title",
        AppError::NotFound => "error-not-found-title",
        AppError::Internal { .. } | AppError::Transport(_) => "error-internal-title",
    };
    let text = match &error {
        AppError::Internal { reference } => t_with("error-internal", &[("reference", reference)]),
        other => t(other.message_key()),
    };
    view! {
        <PageTitle text=t(title_key) />
        <h1>{t(title_key)}</h1>
        <p>{text}</p>
        {matches!(error, AppError::Unauthenticated).then(|| view! {
            <p><a class="button" href="/sign-in">{t("nav-sign-in")}</a></p>
        })}
        {matches!(error, AppError::StepUpRequired).then(|| view! {
            <p><a class="button" href="/security/confirm">{t("step-up-title")}</a></p>
        })}
    }
}

/// The placeholder shown while data loads in the browser; the server never shows it,
/// because pages render after their data is ready.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{t("loading")}</p> }
}

/// Links between the pages of one section; the current page is marked for screen
/// readers. `sections` pairs each address with the translation key of its name.
#[component]
pub fn SectionLinks(
    #[prop(into)] label: String,
    sections: &'static [(&'static str, &'static str)],
    current: &'static str,
) -> impl IntoView {
    let links = sections
        .iter()
        .map(|(href, key)| {
            let is_current = *href == current;
            view! {
                <li>
                    <a href=*href aria-current=is_current.then_some("page") class:section-nav__current=is_current>
                        {t(key)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="section-nav" aria-label=label>
            <ul>{links}</ul>
        </nav>
    }
}
