//! Exports of the action journal: `/history/export.csv` and `/history/export.pdf`, with
//! the same query parameters as the `/history` page.
//!
//! The CSV is streamed: entries are read in batches and each batch is sent as soon as it
//! is written, so memory stays flat for any number of entries. The PDF needs every entry
//! before it can number its pages, so it is rendered whole (off the async runtime) and
//! then sent.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Query, Request, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use kabinet_core::Core;
use kabinet_core::accounts::SessionUser;
use kabinet_core::history::{self, Cursor};
use kabinet_shared::Locale;
use kabinet_shared::history::{HistoryFilter, HistoryQuery};
use kabinet_shared::i18n::{text, text_with};

use super::AppState;

/// Entries read per database query.
const BATCH: u32 = 500;

/// Extracts the signed-in person, the language and the checked filter of an export
/// request, or returns the status and message that reject it.
fn prepare(
    request: &Request,
    query: &HistoryQuery,
) -> Result<(SessionUser, Locale, HistoryFilter), (StatusCode, String)> {
    let Some(user) = request.extensions().get::<SessionUser>().cloned() else {
        let message = "Sign in to export the action history.".to_string();
        return Err((StatusCode::UNAUTHORIZED, message));
    };
    let locale = request
        .extensions()
        .get::<Locale>()
        .copied()
        .unwrap_or_default();
    let filter = query.parse().map_err(|errors| {
        let names: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        let message = format!("Invalid filter parameters: {}.", names.join(", "));
        (StatusCode::BAD_REQUEST, message)
    })?;
    Ok((user, locale, filter))
}

fn attachment(response: &mut Response, content_type: &'static str, file_name: &str) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
}

fn file_name(core: &Core, extension: &str) -> String {
    format!(
        "history-{}.{extension}",
        core.clock.now().format("%Y-%m-%d")
    )
}

/// Streams the filtered entries as CSV.
pub async fn csv(
    State(state): State<AppState>,
    Query(query): Query<HistoryQuery>,
    request: Request,
) -> Response {
    let (user, locale, filter) = match prepare(&request, &query) {
        Ok(prepared) => prepared,
        Err(refusal) => return refusal.into_response(),
    };
    let core = state.core.clone();
    let name = file_name(&core, "csv");

    struct Progress {
        core: Arc<Core>,
        user: SessionUser,
        filter: HistoryFilter,
        locale: Locale,
        cursor: Option<Cursor>,
        header_sent: bool,
        done: bool,
    }
    let start = Progress {
        core,
        user,
        filter,
        locale,
        cursor: None,
        header_sent: false,
        done: false,
    };
    let stream = futures_util::stream::unfold(start, |mut progress| async move {
        if progress.done {
            return None;
        }
        if !progress.header_sent {
            progress.header_sent = true;
            let header = history::csv::header(progress.locale);
            return Some((Ok::<Bytes, std::io::Error>(Bytes::from(header)), progress));
        }
        let batch = progress
            .core
            .history_batch(
                &progress.user.actor,
                &progress.filter,
                progress.locale,
                progress.cursor,
                BATCH,
            )
            .await;
        match batch {
            Ok((entries, next)) => {
                progress.cursor = next;
                progress.done = next.is_none();
                let rows = history::csv::rows(&entries, progress.locale);
                Some((Ok(Bytes::from(rows)), progress))
            }
            Err(error) => {
                // The status line is already sent; ending the body with an error makes
                // the client report an incomplete download instead of a short file.
                tracing::error!(%error, user.id = %progress.user.actor.user_id, "history CSV export failed");
                progress.done = true;
                Some((Err(std::io::Error::other("export failed")), progress))
            }
        }
    });
    let mut response = Response::new(Body::from_stream(stream));
    attachment(&mut response, "text/csv; charset=utf-8", &name);
    response
}

/// Renders the filtered entries as PDF.
pub async fn pdf(
    State(state): State<AppState>,
    Query(query): Query<HistoryQuery>,
    request: Request,
) -> Response {
    let (user, locale, filter) = match prepare(&request, &query) {
        Ok(prepared) => prepared,
        Err(refusal) => return refusal.into_response(),
    };
    let core = state.core.clone();
    match render_pdf(&core, &user, &filter, locale).await {
        Ok(bytes) => {
            let mut response = Response::new(Body::from(bytes));
            attachment(&mut response, "application/pdf", &file_name(&core, "pdf"));
            response
        }
        Err(error) => {
            tracing::error!(%error, user.id = %user.actor.user_id, "history PDF export failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Reads every matching entry and renders them on a blocking thread.
pub async fn render_pdf(
    core: &Core,
    user: &SessionUser,
    filter: &HistoryFilter,
    locale: Locale,
) -> kabinet_core::Result<Vec<u8>> {
    let mut entries = Vec::new();
    let mut cursor = None;
    loop {
        let (mut batch, next) = core
            .history_batch(&user.actor, filter, locale, cursor, BATCH)
            .await?;
        entries.append(&mut batch);
        match next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let title = history::pdf::Title {
        name: core.history_owner_name(&user.actor).await?,
        period: period(filter, locale),
    };
    tokio::task::spawn_blocking(move || history::pdf::render(&title, &entries, locale))
        .await
        .map_err(|error| {
            kabinet_core::Error::Internal(format!("PDF rendering panicked: {error}"))
        })?
}

/// Describes the period of a filter in words, e.g. "с 01.12.2026 по 04.12.2026".
pub fn period(filter: &HistoryFilter, locale: Locale) -> String {
    let format = |date: chrono::NaiveDate| date.format("%d.%m.%Y").to_string();
    match (filter.from, filter.to) {
        (Some(from), Some(to)) => text_with(
            locale,
            "export-period-between",
            &[("from", format(from)), ("to", format(to))],
        ),
        (Some(from), None) => text_with(locale, "export-period-since", &[("from", format(from))]),
        (None, Some(to)) => text_with(locale, "export-period-until", &[("to", format(to))]),
        (None, None) => text(locale, "export-period-all"),
    }
}
