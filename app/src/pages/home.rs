//! The home page and the page for unknown addresses.

use leptos::prelude::*;

use crate::api::AppError;
use crate::components::layout::ViewerResource;
use crate::components::page::{ErrorView, PageTitle};
use crate::i18n::t;

#[component]
pub fn HomePage() -> impl IntoView {
    let viewer = expect_context::<ViewerResource>().0;
    view! {
        <PageTitle text=t("home-title") />
        <section class="hero">
            <h1>{t("home-title")}</h1>
            <p class="lead">{t("home-lead")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match viewer.await {
                        Some(_) => view! {
                            <p class="actions"><a class="button" href="/cabinet">{t("home-open-cabinet")}</a></p>
                        }
                        .into_any(),
                        None => view! {
                            <p class="actions">
                                <a class="button" href="/sign-in">{t("nav-sign-in")}</a>
                                <a class="button button--secondary" href="/register">{t("nav-register")}</a>
                            </p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
        <section class="cards" aria-labelledby="home-features">
            <h2 id="home-features" class="visually-hidden">{t("home-features")}</h2>
            <div class="card">
                <h3><a href="/services">{t("nav-services")}</a></h3>
                <p>{t("home-services-text")}</p>
            </div>
            <div class="card">
                <h3><a href="/applications">{t("nav-applications")}</a></h3>
                <p>{t("home-applications-text")}</p>
            </div>
            <div class="card">
                <h3><a href="/notifications">{t("nav-notifications")}</a></h3>
                <p>{t("home-notifications-text")}</p>
            </div>
        </section>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorView error=AppError::NotFound /> }
}
