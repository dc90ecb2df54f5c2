//! The HTTP stack end to end, in process: security headers, the cross-site check, plain
//! form posts with their redirects and flashes, access control on pages and documents.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use kabinet_core::db::{Db, PoolSettings};
use kabinet_core::keys::Keys;
use kabinet_core::password::HashCost;
use kabinet_core::{Core, Settings};
use leptos::config::LeptosOptions;
use tower::ServiceExt;

struct Portal {
    router: Router,
    core: Arc<Core>,
    data_dir: std::path::PathBuf,
}

async fn portal(production: bool) -> Portal {
    let data_dir =
        std::env::temp_dir().join(format!("kabinet-http-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&data_dir).unwrap();
    let url = format!("sqlite://{}", data_dir.join("kabinet.db").display());
    let db = Db::connect(&url, &PoolSettings::default()).await.unwrap();
    let mut settings = Settings::new(data_dir.clone());
    settings.production = production;
    settings.password_cost = HashCost {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
    let core = Arc::new(Core::open(db, Keys::generate(), settings).await.unwrap());
    core.seed_demo().await.unwrap();

    let web = kabinet_app::ssr::WebSettings {
        secure_cookies: true,
        production,
        session_max_age_seconds: 3600,
    };
    let options = LeptosOptions::builder()
        .output_name("kabinet")
        .site_root("target/site")
        .build();
    let metrics = kabinet_server::telemetry::install_metrics().unwrap();
    let router = kabinet_server::web::router(core.clone(), web, options, metrics, production);
    Portal {
        router,
        core,
        data_dir,
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

async fn send(portal: &Portal, request: Request<Body>) -> Response<Body> {
    portal.router.clone().oneshot(request).await.unwrap()
}

async fn text(response: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), 10 * 1024 * 1024)
        .await
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn form_post(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body.to_string())).unwrap()
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::empty()).unwrap()
}

/// The `name=value` pairs of the response's cookies, ready for a `Cookie` header.
fn cookies(response: &Response<Body>) -> String {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .filter(|pair| !pair.ends_with('='))
        .collect::<Vec<_>>()
        .join("; ")
}

fn location(response: &Response<Body>) -> &str {
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

async fn sign_in(portal: &Portal, phone: &str) -> String {
    let body = format!(
        "login={}&password=Demo-Kabinet-2026&next=",
        phone.replace('+', "%2B")
    );
    let response = send(portal, form_post("/api/sign_in", &body, None)).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    cookies(&response)
}

#[tokio::test]
async fn page_carries_security_headers() {
    let portal = portal(false).await;
    let response = send(&portal, get("/", None)).await;
    let headers = response.headers();

    assert_eq!(response.status(), StatusCode::OK);
    let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(policy.contains("script-src 'self' 'nonce-"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(headers[header::REFERRER_POLICY], "no-referrer");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert!(
        headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(),
        "no HSTS outside production"
    );

    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_string();
    let html = text(response).await;
    assert!(
        html.contains(&format!("<script type=\"module\" nonce=\"{nonce}\">")),
        "the hydration script carries the nonce"
    );
}

#[tokio::test]
async fn production_adds_hsts() {
    let portal = portal(true).await;
    let response = send(&portal, get("/", None)).await;
    assert_eq!(
        response.headers()[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000; includeSubDomains"
    );
}

#[tokio::test]
async fn cross_site_post_is_rejected() {
    let portal = portal(false).await;
    let body = "login=%2B79990000001&password=Demo-Kabinet-2026&next=";

    let cross_site = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .header(header::ORIGIN, "http://evil.example")
        .body(Body::from(body))
        .unwrap();
    let foreign_origin = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://evil.example")
        .body(Body::from(body))
        .unwrap();
    let same_origin = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .body(Body::from(body))
        .unwrap();

    assert_eq!(
        send(&portal, cross_site).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&portal, foreign_origin).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(send(&portal, same_origin).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn plain_sign_in_sets_a_host_cookie() {
    let portal = portal(false).await;
    let response = send(
        &portal,
        form_post(
            "/api/sign_in",
            "login=8+(999)+000-00-01&password=Demo-Kabinet-2026&next=%2Fprofile",
            None,
        ),
    )
    .await;

    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/profile");
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("__Host-kabinet-session="), "{cookie}");
    for attribute in ["Path=/", "HttpOnly", "SameSite=Lax", "Secure"] {
        assert!(
            cookie.contains(attribute),
            "{attribute} missing in {cookie}"
        );
    }
}

#[tokio::test]
async fn redirect_after_sign_in_stays_on_the_portal() {
    let portal = portal(false).await;
    let body = "login=%2B79990000001&password=Demo-Kabinet-2026&next=%2F%2Fevil.example%2F";
    let response = send(&portal, form_post("/api/sign_in", body, None)).await;
    assert_eq!(location(&response), "/cabinet");
}

#[tokio::test]
async fn plain_post_with_errors_comes_back_with_values() {
    let portal = portal(false).await;
    let body = "phone=12345&password=short&password_repeat=short&surname=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2\
                &given_name=&patronymic=&birth_date=1990-05-17&snils=112-233-445+98&inn=";
    let response = send(&portal, form_post("/api/register", body, None)).await;

    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/register");
    let flash = cookies(&response);
    assert!(flash.starts_with("kabinet-flash="), "{flash}");

    let page = text(send(&portal, get("/register", Some(&flash))).await).await;
    assert!(page.contains("value=\"Иванов\""), "the surname is kept");
    assert!(
        page.contains("value=\"112-233-445 98\""),
        "the SNILS is kept"
    );
    assert!(
        page.contains("value=\"1990-05-17\""),
        "the birth date is kept"
    );
    assert!(
        !page.contains("value=\"short\""),
        "passwords are not sent back"
    );
    assert!(
        page.contains("id=\"snils-error\""),
        "the SNILS error is next to its field"
    );
    assert!(
        page.contains("href=\"#phone\""),
        "the summary links to the phone field"
    );

    let again = text(send(&portal, get("/register", Some(&flash))).await).await;
    assert!(
        !again.contains("id=\"snils-error\""),
        "a flash is shown once"
    );
}

#[tokio::test]
async fn wrong_password_message_names_neither_field() {
    let portal = portal(false).await;
    let response = send(
        &portal,
        form_post(
            "/api/sign_in",
            "login=%2B79990000001&password=Wrong-Pass-1&next=",
            None,
        ),
    )
    .await;
    let flash = cookies(&response);
    let page = text(send(&portal, get("/sign-in", Some(&flash))).await).await;

    assert!(
        page.contains("Неверный логин или пароль"),
        "one message for both"
    );
    assert!(!page.contains("id=\"login-error\""));
    assert!(!page.contains("id=\"password-error\""));
    assert!(page.contains("value=\"+79990000001\""), "the login is kept");
}

#[tokio::test]
async fn signed_out_visitor_is_sent_to_sign_in() {
    let portal = portal(false).await;
    let response = send(&portal, get("/cabinet", None)).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/sign-in?next=/cabinet");
}

#[tokio::test]
async fn citizen_gets_403_on_official_pages() {
    let portal = portal(false).await;
    let cookie = sign_in(&portal, "+79990000001").await;
    let response = send(&portal, get("/official", Some(&cookie))).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn unknown_page_is_404() {
    let portal = portal(false).await;
    let response = send(&portal, get("/no-such-page", None)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn outbox_is_absent_in_production() {
    let portal = portal(true).await;
    let response = send(&portal, get("/dev/outbox", None)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn health_and_metrics_answer() {
    let portal = portal(false).await;
    assert_eq!(text(send(&portal, get("/healthz", None)).await).await, "ok");
    assert_eq!(
        text(send(&portal, get("/readyz", None)).await).await,
        "ready"
    );
    let metrics = text(send(&portal, get("/metrics", None)).await).await;
    assert!(metrics.contains("kabinet_http_requests_total"), "{metrics}");
}

#[tokio::test]
async fn session_cookie_is_dropped_after_sign_out() {
    let portal = portal(false).await;
    let cookie = sign_in(&portal, "+79990000001").await;
    let response = send(&portal, form_post("/api/sign_out", "", Some(&cookie))).await;
    assert_eq!(location(&response), "/");

    let after = send(&portal, get("/cabinet", Some(&cookie))).await;
    assert_eq!(
        after.status(),
        StatusCode::FOUND,
        "the old token no longer signs in"
    );
    let cleared = after.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
}

#[tokio::test]
async fn document_is_private_to_its_applicant() {
    use kabinet_core::applications::{FileUpload, Submission};

    let portal = portal(false).await;
    let owner_cookie = sign_in(&portal, "+79990000001").await;
    let token = owner_cookie.split('=').nth(1).unwrap();
    let owner = portal
        .core
        .resolve_session(token)
        .await
        .unwrap()
        .unwrap()
        .actor;
    let answers = [
        ("surname", "Иванова"),
        ("given_name", "Алёна"),
        ("birth_date", "1990-05-17"),
        ("birth_place", "Пермь"),
        ("snils", "11223344595"),
        ("purpose", "employment"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let submitted = portal
        .core
        .submit_application(
            &owner,
            Submission {
                service_code: "criminal-record-certificate".into(),
                request_key: uuid::Uuid::new_v4().to_string(),
                answers,
                uploads: vec![FileUpload {
                    document_code: "passport_scan".into(),
                    file_name: "паспорт.pdf".into(),
                    bytes: b"%PDF-1.4\n%%EOF\n".to_vec(),
                }],
                remove_staged: Vec::new(),
            },
        )
        .await
        .unwrap();
    let detail = portal
        .core
        .application(&owner, submitted.id, kabinet_shared::Locale::Ru)
        .await
        .unwrap();
    let path = format!(
        "/applications/{}/documents/{}",
        submitted.id, detail.documents[0].id
    );

    let own = send(&portal, get(&path, Some(&owner_cookie))).await;
    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(own.headers()[header::CONTENT_TYPE], "application/pdf");
    assert!(
        own.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("filename*=UTF-8''%D0%BF")
    );

    let support_cookie = sign_in(&portal, "+79990000003").await;
    assert_eq!(
        send(&portal, get(&path, Some(&support_cookie)))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send(&portal, get(&path, None)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}
