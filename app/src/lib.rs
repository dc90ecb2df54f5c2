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
pub mod passkey;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod url;

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
                    <Route path=path!("/auth/esia/consent") view=SsoConsentPage ssr=SsrMode::Async />
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/register/confirm") view=ConfirmRegistrationPage ssr=SsrMode::Async />
                    <Route path=path!("/recovery") view=RecoveryPage ssr=SsrMode::Async />
                    <Route path=path!("/recovery/confirm") view=RecoveryCodePage ssr=SsrMode::Async />
                    <Route path=path!("/recovery/password") view=RecoveryPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/unlock") view=UnlockPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in/factor") view=ChallengePage ssr=SsrMode::Async />
                    <Route path=path!("/security") view=SecurityPage ssr=SsrMode::Async />
                    <Route path=path!("/security/confirm") view=StepUpPage ssr=SsrMode::Async />
                    <Route path=path!("/security/factors") view=FactorsPage ssr=SsrMode::Async />
                    <Route path=path!("/security/factors/totp") view=TotpSetupPage ssr=SsrMode::Async />
                    <Route path=path!("/security/factors/passkey") view=PasskeyAddPage ssr=SsrMode::Async />
                    <Route path=path!("/security/factors/confirm") view=CodeFactorPage ssr=SsrMode::Async />
                    <Route path=path!("/security/backup-codes") view=BackupCodesPage ssr=SsrMode::Async />
                    <Route path=path!("/security/sessions") view=SessionsPage ssr=SsrMode::Async />
                    <Route path=path!("/security/sign-ins") view=SignInsPage ssr=SsrMode::Async />
                    <Route path=path!("/security/networks") view=NetworksPage ssr=SsrMode::Async />
                    <Route path=path!("/cabinet") view=CabinetPage ssr=SsrMode::Async />
                    <Route path=path!("/profile") view=ProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/profile/documents") view=DocumentsPage ssr=SsrMode::Async />
                    <Route path=path!("/profile/addresses") view=AddressesPage ssr=SsrMode::Async />
                    <Route path=path!("/profile/access") view=DataAccessPage ssr=SsrMode::Async />
                    <Route path=path!("/profile/email/confirm") view=EmailConfirmPage ssr=SsrMode::Async />
                    <Route path=path!("/profile/phone") view=PhoneChangePage ssr=SsrMode::Async />
                    <Route path=path!("/profile/passport") view=PassportPage ssr=SsrMode::Async />
                    <Route path=path!("/profile/snils") view=SnilsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/sessions") view=AdminSessionsPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/reviews") view=ReviewQueuePage ssr=SsrMode::Async />
                    <Route path=path!("/operator/reviews/:id") view=DocumentReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/profile/phone/confirm") view=PhoneConfirmPage ssr=SsrMode::Async />
                    <Route path=path!("/services") view=ServicesPage ssr=SsrMode::Async />
                    <Route path=path!("/services/:code") view=ServicePage ssr=SsrMode::Async />
                    <Route path=path!("/services/:code/apply") view=ApplyPage ssr=SsrMode::Async />
                    <Route path=path!("/applications/drafts") view=DraftsPage ssr=SsrMode::Async />
                    <Route path=path!("/applications/templates") view=TemplatesPage ssr=SsrMode::Async />
                    <Route path=path!("/applications") view=ApplicationsPage ssr=SsrMode::Async />
                    <Route path=path!("/applications/:id") view=ApplicationPage ssr=SsrMode::Async />
                    <Route path=path!("/applications/:id/correct") view=CorrectionPage ssr=SsrMode::Async />
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/notifications/history") view=NotificationArchivePage ssr=SsrMode::Async />
                    <Route path=path!("/settings/notifications") view=NotificationSettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/history") view=HistoryPage ssr=SsrMode::Async />
                    <Route path=path!("/history/:id") view=HistoryEntryPage ssr=SsrMode::Async />
                    <Route path=path!("/official") view=QueuePage ssr=SsrMode::Async />
                    <Route path=path!("/official/applications/:id") view=ReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/services") view=ConstructorPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/services/:code") view=ServiceEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/services/:code/fields") view=ServiceFieldsPage ssr=SsrMode::Async />
                    <Route path=path!("/dev/outbox") view=OutboxPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
