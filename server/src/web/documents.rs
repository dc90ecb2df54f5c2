//! Downloading an attached document.

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use kabinet_core::Error;
use kabinet_core::accounts::SessionUser;
use uuid::Uuid;

use super::AppState;

/// Sends a document of an application to its applicant or an official of its department.
/// Anyone else gets 404, as if it did not exist.
pub async fn download(
    State(state): State<AppState>,
    Path((application, document)): Path<(String, String)>,
    request: Request,
) -> Response {
    let Some(user) = request.extensions().get::<SessionUser>() else {
        return (StatusCode::UNAUTHORIZED, "Sign in to download documents.").into_response();
    };
    let (Ok(application), Ok(document)) =
        (Uuid::parse_str(&application), Uuid::parse_str(&document))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };

    match state
        .core
        .application_document(&user.actor, application, document)
        .await
    {
        Ok(file) => {
            let disposition = content_disposition(&file.file_name);
            let mut response = Response::new(Body::from(file.bytes));
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&file.content_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Err(Error::NotFound | Error::Forbidden) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, application.id = %application, document.id = %document, "document download failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `attachment` with the file name in RFC 5987 encoding, which keeps Cyrillic names, and
/// an ASCII fallback for old clients.
fn content_disposition(file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for byte in file_name.bytes() {
        if byte.is_ascii_alphanumeric() || b".-_~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// Sends the scan of a passport sent for checking to an operator. The download is
/// written to the audit log; anyone else gets 404.
pub async fn review_scan(
    State(state): State<AppState>,
    Path(review): Path<String>,
    request: Request,
) -> Response {
    let Some(user) = request.extensions().get::<SessionUser>() else {
        return (StatusCode::UNAUTHORIZED, "Sign in to download documents.").into_response();
    };
    let Ok(review) = Uuid::parse_str(&review) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.core.review_scan(&user.actor, review).await {
        Ok((bytes, content_type)) => {
            let extension = match content_type.as_str() {
                "application/pdf" => "pdf",
                "image/png" => "png",
                _ => "jpg",
            };
            let mut response = Response::new(Body::from(bytes));
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&content_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            if let Ok(value) = HeaderValue::from_str(&format!(
                "attachment; filename=\"passport-scan.{extension}\""
            )) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Err(Error::NotFound | Error::Forbidden) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, review.id = %review, "passport scan download failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cyrillic_file_name_is_encoded() {
        assert_eq!(
            super::content_disposition("паспорт.pdf"),
            "attachment; filename=\"_______.pdf\"; filename*=UTF-8''%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82.pdf"
        );
    }

    #[test]
    fn quotes_cannot_break_the_header() {
        let header = super::content_disposition("a\"; filename=evil.exe");
        assert!(header.starts_with("attachment; filename=\"a__"), "{header}");
        assert!(!header.contains("\"; filename=evil"), "{header}");
    }
}
