//! The personal account's start page.

use leptos::prelude::*;

use crate::api::applications::list_my_applications;
use crate::components::layout::ViewerResource;
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{t, t_with};
use crate::pages::application_list::ApplicationTable;

/// How many recent applications the start page lists.
const RECENT: usize = 5;

#[component]
pub fn CabinetPage() -> impl IntoView {
    let viewer = expect_context::<ViewerResource>().0;
    let applications = Resource::new(|| (), |_| list_my_applications());

    view! {
        <PageTitle text=t("cabinet-title") />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let viewer = viewer.await;
                let applications = applications.await;
                let (viewer, applications) = match (viewer, applications) {
                    (Some(viewer), Ok(applications)) => (viewer, applications),
                    (_, Err(error)) => return view! { <ErrorView error /> }.into_any(),
                    (None, Ok(_)) => return view! { <ErrorView error=crate::api::AppError::Unauthenticated /> }.into_any(),
                };
                let unread = viewer.unread_notifications.to_string();
                let total = applications.len().to_string();
                let recent: Vec<_> = applications.into_iter().take(RECENT).collect();
                view! {
                    <h1>{t_with("cabinet-greeting", &[("name", &viewer.display_name)])}</h1>
                    <section class="cards" aria-label=t("cabinet-sections")>
                        <div class="card">
                            <h2><a href="/applications">{t("nav-applications")}</a></h2>
                            <p>{t_with("cabinet-applications-count", &[("count", &total)])}</p>
                        </div>
                        <div class="card">
                            <h2><a href="/notifications">{t("nav-notifications")}</a></h2>
                            <p>{t_with("cabinet-unread-count", &[("count", &unread)])}</p>
                        </div>
                        <div class="card">
                            <h2><a href="/profile">{t("nav-profile")}</a></h2>
                            <p>{t("cabinet-profile-text")}</p>
                        </div>
                        <div class="card">
                            <h2><a href="/history">{t("history-title")}</a></h2>
                            <p>{t("cabinet-history-text")}</p>
                        </div>
                    </section>
                    <h2>{t("cabinet-recent")}</h2>
                    {if recent.is_empty() {
                        view! { <p>{t("applications-empty")} " " <a href="/services">{t("applications-new")}</a></p> }.into_any()
                    } else {
                        view! { <ApplicationTable list=recent link_prefix="/applications" /> }.into_any()
                    }}
                }
                .into_any()
            })}
        </Suspense>
    }
}
