//! The frame of every page: skip link, header with navigation, main area and footer.

use kabinet_shared::Locale;
use kabinet_shared::model::{Role, Viewer};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

use crate::api::session::{SetLanguage, SignOut, get_viewer};
use crate::components::idle::IdleWarning;
use crate::i18n::{locale, t, t_with};

/// The signed-in person, loaded once per navigation and shared with pages.
#[derive(Clone, Copy)]
pub struct ViewerResource(pub Resource<Option<Viewer>>);

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = use_location();
    let viewer = Resource::new(
        move || location.pathname.get(),
        |_| async { get_viewer().await.ok().flatten() },
    );
    provide_context(ViewerResource(viewer));

    view! {
        <a class="skip-link" href="#main">{t("skip-to-content")}</a>
        <header class="site-header">
            <div class="container site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__mark" aria-hidden="true">"К"</span>
                    <span class="brand__name">{t("brand-name")}</span>
                    <span class="brand__tagline">{t("brand-tagline")}</span>
                </a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let viewer = viewer.await;
                        view! { <Navigation viewer /> }
                    })}
                </Suspense>
            </div>
        </header>
        <main id="main" class="container main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="container">
                <p>{t("footer-text")}</p>
                <p><a href="/services">{t("nav-services")}</a></p>
            </div>
        </footer>
    }
}

#[component]
fn Navigation(viewer: Option<Viewer>) -> impl IntoView {
    let location = use_location();
    let back = move || {
        let search = location.search.get();
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        }
    };
    let other = match locale() {
        Locale::Ru => Locale::En,
        Locale::En => Locale::Ru,
    };
    let language_label = match other {
        Locale::Ru => "Русский",
        Locale::En => "English",
    };

    let links = match &viewer {
        None => view! {
            <li><a href="/services">{t("nav-services")}</a></li>
            <li><a href="/sign-in">{t("nav-sign-in")}</a></li>
            <li><a href="/register">{t("nav-register")}</a></li>
        }
        .into_any(),
        Some(viewer) => {
            let unread = viewer.unread_notifications;
            let unread_label = t_with(
                "nav-notifications-unread",
                &[("count", &unread.to_string())],
            );
            let staff = match viewer.role {
                Role::Official => {
                    Some(view! { <li><a href="/official">{t("nav-queue")}</a></li> }.into_any())
                }
                Role::Support => Some(
                    view! { <li><a href="/operator/reviews">{t("nav-reviews")}</a></li> }
                        .into_any(),
                ),
                Role::Admin => Some(
                    view! {
                        <li><a href="/operator/reviews">{t("nav-reviews")}</a></li>
                        <li><a href="/admin/sessions">{t("nav-admin-sessions")}</a></li>
                        <li><a href="/admin/services">{t("nav-admin-services")}</a></li>
                    }
                    .into_any(),
                ),
                Role::Citizen => None,
            };
            #[cfg(feature = "hydrate")]
            Effect::new(|_| crate::components::live::follow_unread());
            view! {
                <li><a href="/cabinet">{t("nav-cabinet")}</a></li>
                <li><a href="/services">{t("nav-services")}</a></li>
                <li><a href="/applications">{t("nav-applications")}</a></li>
                <li>
                    <a href="/notifications" id="nav-notifications" aria-label=unread_label>
                        {t("nav-notifications")}
                        // The space makes the count a word of its own, so the visible text
                        // "Уведомления 4" is contained in the accessible name (WCAG 2.5.3).
                        " "
                        <span class="badge" id="nav-unread-badge" aria-hidden="true" hidden=unread == 0>{unread}</span>
                    </a>
                    <span class="visually-hidden" id="nav-unread-status" role="status"></span>
                </li>
                {staff}
                <li><a href="/profile">{t("nav-profile")}</a></li>
                <li><a href="/security">{t("nav-security")}</a></li>
            }
            .into_any()
        }
    };

    view! {
        <nav class="site-nav" aria-label=t("nav-label")>
            <ul class="site-nav__list">{links}</ul>
        </nav>
        <div class="site-header__tools">
            <form method="post" action=SetLanguage::url() class="inline-form">
                <input type="hidden" name="language" value=other.code() />
                <input type="hidden" name="back" value=back />
                <button class="link-button" type="submit" lang=other.code()>{language_label}</button>
            </form>
            {viewer.map(|viewer| view! {
                // Inside the header's one Suspense: a second Suspense awaiting the same
                // viewer resource sometimes never resolved during server rendering.
                <IdleWarning idle_seconds=viewer.session_idle_seconds />
                <span class="site-header__user">{viewer.display_name}</span>
                <form method="post" action=SignOut::url() class="inline-form">
                    <button class="link-button" type="submit">{t("nav-sign-out")}</button>
                </form>
            })}
        </div>
    }
}
