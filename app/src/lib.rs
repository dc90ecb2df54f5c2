//! Kabinet's interface: pages, components and the server functions they call.
//!
//! Pages render completely on the server (`SsrMode::Async`), so a screen reader or a
//! browser without WebAssembly gets the whole page, and every form is a real `<form>`
//! that posts to its server function. Once the bundle loads, the same pages hydrate
//! and forms check input in the browser before sending it.

#![recursion_limit = "256"]

pub mod api;
pub mod clock;
pub mod components;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::layout::Layout;
use crate::i18n::provide_i18n;
use crate::pages::*;

/// The HTML document around the app. In light mode (see [`ssr::lite_mode`]) it leaves
/// out the WebAssembly bundle: the page works the same through plain links and form
/// posts, with less to download.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = i18n::request_locale();
    #[cfg(feature = "ssr")]
    let lite = {
        ssr::content_security_policy();
        ssr::lite_mode()
    };
    #[cfg(not(feature = "ssr"))]
    let lite = false;
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="stylesheet" href="/pkg/kabinet.css" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href="/manifest.webmanifest" />
                {(!lite).then(|| view! { <HydrationScripts options /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_i18n();

    view! {
        <Meta name="description" content=i18n::t("meta-description") />
        <Link rel="preload" href="/fonts/pt-sans-cyrillic-400.woff2" as_="font" type_="font/woff2" crossorigin="anonymous" />
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/register/confirm") view=ConfirmRegistrationPage ssr=SsrMode::Async />
                    <Route path=path!("/cabinet") view=CabinetPage ssr=SsrMode::Async />
                    <Route path=path!("/profile") view=ProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/services") view=ServicesPage ssr=SsrMode::Async />
                    <Route path=path!("/services/:code") view=ServicePage ssr=SsrMode::Async />
                    <Route path=path!("/services/:code/apply") view=ApplyPage ssr=SsrMode::Async />
                    <Route path=path!("/applications") view=ApplicationsPage ssr=SsrMode::Async />
                    <Route path=path!("/applications/:id") view=ApplicationPage ssr=SsrMode::Async />
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/history") view=HistoryPage ssr=SsrMode::Async />
                    <Route path=path!("/official") view=QueuePage ssr=SsrMode::Async />
                    <Route path=path!("/official/applications/:id") view=ReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/dev/outbox") view=OutboxPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
