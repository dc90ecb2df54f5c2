//! The HTTP stack: routes, and the layers every request passes through.
//!
//! Order of the layers, outermost first: panic catcher, request id and trace span,
//! metrics, security headers, cross-site request check, then the request context
//! (session, language, client) that pages and server functions read.

mod context;
mod documents;
mod esia;
pub(crate) mod events;
pub mod exports;

mod health;
mod hooks;
mod personal_data;
mod push;
mod security;
mod sign_ins;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::routing::{get, post};
use kabinet_app::ssr::WebSettings;
use kabinet_app::{App, shell};
use kabinet_core::Core;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use metrics_exporter_prometheus::PrometheusHandle;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// Largest request body, in bytes: room for several attachments of the maximum size.
const BODY_LIMIT_BYTES: usize = 64 * 1024 * 1024;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub core: Arc<Core>,
    pub settings: WebSettings,
    pub metrics: PrometheusHandle,
}

/// Builds the whole router of the portal.
pub fn router(
    core: Arc<Core>,
    settings: WebSettings,
    leptos_options: LeptosOptions,
    metrics: PrometheusHandle,
    production: bool,
) -> Router {
    let state = AppState {
        leptos_options: leptos_options.clone(),
        core: core.clone(),
        settings: settings.clone(),
        metrics,
    };
    let context = move || {
        provide_context(core.clone());
        provide_context(settings.clone());
    };
    let routes = generate_route_list(App);

    let pages = Router::new()
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/metrics", get(health::metrics))
        .route(
            "/applications/{id}/documents/{document}",
            get(documents::download),
        )
        .route("/security/sign-ins.csv", get(sign_ins::export_csv))
        .route("/profile/export.json", get(personal_data::export_json))
        .route("/profile/export.pdf", get(personal_data::export_pdf))
        .route("/operator/reviews/{id}/scan", get(documents::review_scan))
        .route("/history/export.csv", get(exports::csv))
        .route("/history/export.pdf", get(exports::pdf))
        .route("/auth/esia", get(esia::start))
        .route("/auth/esia/callback", get(esia::callback))
        .route("/auth/esia/consent/answer", post(esia::consent))
        .route("/auth/esia/unlink", post(esia::unlink))
        .route("/hooks/sms/status", post(hooks::sms_status))
        .route("/events", get(events::stream))
        .route("/push/subscriptions", post(push::subscribe))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ));

    let layers = ServiceBuilder::new()
        .layer(CatchPanicLayer::new())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
            let id = request
                .headers()
                .get("x-request-id")
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default();
            // The path only: query strings may carry codes and are left out of logs.
            tracing::info_span!("request", request.id = %id, method = %request.method(), path = %request.uri().path())
        }))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(axum::middleware::from_fn(health::record_metrics))
        .layer(axum::middleware::from_fn_with_state(production, security::headers))
        .layer(axum::middleware::from_fn(security::same_origin_writes))
        .layer(axum::middleware::from_fn_with_state(state.clone(), context::resolve))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES));

    pages.layer(layers).with_state(state)
}
