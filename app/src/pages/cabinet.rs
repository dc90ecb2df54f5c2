//! The personal account's start page.

use leptos::prelude::*;

use kabinet_shared::model::{ApplicationSummary, Dashboard, Role};

use crate::api::applications::get_dashboard;
use crate::components::layout::ViewerResource;
use crate::components::live::UNREAD_CHANGED;
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{t, t_with};
use crate::pages::application_list::ApplicationTable;

#[component]
pub fn CabinetPage() -> impl IntoView {
    let viewer = expect_context::<ViewerResource>().0;
    // Officials' actions reach the person as notifications, so when the live stream
    // changes the unread count the groups are loaded again, without reloading the page.
    let refreshed = RwSignal::new(0_u32);
    let listener = leptos::prelude::window_event_listener_untyped(UNREAD_CHANGED, move |_| {
        refreshed.try_update(|count| *count += 1);
    });
    on_cleanup(move || listener.remove());
    let dashboard = Resource::new(move || refreshed.get(), |_| get_dashboard());

    view! {
        <PageTitle text=t("cabinet-title") />
        // A transition keeps the groups on screen while they are loaded again.
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let viewer = viewer.await;
                let dashboard = dashboard.await;
                let (viewer, dashboard) = match (viewer, dashboard) {
                    (Some(viewer), Ok(dashboard)) => (viewer, dashboard),
                    (_, Err(error)) => return view! { <ErrorView error /> }.into_any(),
                    (None, Ok(_)) => return view! { <ErrorView error=crate::api::AppError::Unauthenticated /> }.into_any(),
                };
                let unread = viewer.unread_notifications.to_string();
                let total = dashboard.total.to_string();
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
                    <ApplicationGroups dashboard may_apply=viewer.role == Role::Citizen />
                }
                .into_any()
            })}
        </Transition>
    }
}

/// The applications that need the person's action, those being processed and the latest
/// results, each group linking to the full filtered list. Staff accounts, which cannot
/// apply (`may_apply` false), get no link to a new application.
#[component]
fn ApplicationGroups(dashboard: Dashboard, may_apply: bool) -> impl IntoView {
    if dashboard.total == 0 {
        return view! {
            <h2>{t("cabinet-applications")}</h2>
            <p>
                {t("applications-empty")}
                {may_apply.then(|| view! { " " <a href="/services">{t("applications-new")}</a> })}
            </p>
        }
        .into_any();
    }
    let group = |id: &'static str,
                 title: &'static str,
                 list: Vec<ApplicationSummary>,
                 total: u64,
                 filter: &'static str| {
        (!list.is_empty()).then(|| {
            let more = (total > list.len() as u64).then(|| {
                view! { <p><a href=format!("/applications?{filter}")>{t("cabinet-group-all")}</a></p> }
            });
            let heading = t_with(title, &[("count", &total.to_string())]);
            view! {
                <section class="cabinet-group" id=id aria-labelledby=format!("{id}-title")>
                    <h2 id=format!("{id}-title")>{heading.clone()}</h2>
                    <ApplicationTable list link_prefix="/applications" label=t_with("cabinet-group-table", &[("group", &heading)]) />
                    {more}
                </section>
            }
        })
    };
    view! {
        {group("action-required", "cabinet-action-required", dashboard.action_required, dashboard.action_required_total, "status=action_required&sort=oldest")}
        {group("in-progress", "cabinet-in-progress", dashboard.in_progress, dashboard.in_progress_total, "sort=updated")}
        {group("results", "cabinet-results", dashboard.results, dashboard.results_total, "sort=updated")}
    }
    .into_any()
}
