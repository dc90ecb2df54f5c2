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
    _serial: tokio::sync::MutexGuard<'static, ()>,
}

/// Lets one test at a time render pages. Leptos keeps process-wide state, and two tests'
/// runtimes rendering at once occasionally left a page waiting forever (about one run in
/// twenty hung); one at a time, none did in 40 runs.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn portal(production: bool) -> Portal {
    let serial = SERIAL.lock().await;
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
    settings.backup_code_cost = settings.password_cost;
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
        _serial: serial,
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
async fn official_gets_no_application_form() {
    let portal = portal(false).await;
    let path = "/services/criminal-record-certificate/apply";
    let citizen = sign_in(&portal, "+79990000001").await;
    let response = send(&portal, get(path, Some(&citizen))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(text(response).await.contains("name=\"request_key\""));

    let official = sign_in(&portal, "+79990000002").await;
    let response = send(&portal, get(path, Some(&official))).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = text(response).await;
    assert!(!html.contains("name=\"request_key\""), "no form to fill");
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

/// The six-digit code of the latest SMS to `phone` in the development outbox.
async fn last_code(portal: &Portal, phone: &str) -> String {
    let body = portal
        .core
        .development_outbox()
        .await
        .unwrap()
        .into_iter()
        .find(|message| message.channel == "sms" && message.recipient == phone)
        .map(|message| message.body)
        .expect("an SMS was sent");
    body.split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 6)
        .expect("the SMS carries a code")
        .to_string()
}

#[tokio::test]
async fn third_wrong_password_shows_unlock_path() {
    let portal = portal(false).await;
    let mut flash = String::new();
    for attempt in 1..=3 {
        let body = format!("login=%2B79990000001&password=Wrong-Pass-{attempt}&next=");
        let response = send(&portal, form_post("/api/sign_in", &body, None)).await;
        flash = cookies(&response);
    }
    let page = text(send(&portal, get("/sign-in", Some(&flash))).await).await;

    assert!(
        page.contains("Вход заблокирован после трёх неверных паролей"),
        "{page}"
    );
    assert!(page.contains("href=\"/unlock\""));
    assert!(page.contains("href=\"/recovery\""));
}

#[tokio::test]
async fn password_recovery_without_javascript() {
    let portal = portal(false).await;
    let old_session = sign_in(&portal, "+79990000001").await;

    let started = send(
        &portal,
        form_post(
            "/api/start_recovery",
            "login=%2B79990000001&purpose=reset",
            None,
        ),
    )
    .await;
    let code_page = location(&started).to_string();
    let flow = code_page
        .strip_prefix("/recovery/confirm?flow=")
        .expect("goes to the code step")
        .to_string();
    let code = last_code(&portal, "+79990000001").await;
    let verified = send(
        &portal,
        form_post(
            "/api/verify_recovery",
            &format!("flow={flow}&code={code}"),
            None,
        ),
    )
    .await;
    let password_page = location(&verified).to_string();
    let form = text(send(&portal, get(&password_page, None)).await).await;
    let completed = send(
        &portal,
        form_post(
            "/api/complete_recovery",
            &format!("flow={flow}&password=Novyi-Parol-2026&password_repeat=Novyi-Parol-2026"),
            None,
        ),
    )
    .await;
    let after = send(&portal, get("/cabinet", Some(&old_session))).await;

    assert_eq!(started.status(), StatusCode::FOUND);
    assert_eq!(password_page, format!("/recovery/password?flow={flow}"));
    assert!(form.contains("name=\"password_repeat\""), "{form}");
    assert_eq!(location(&completed), "/sign-in?notice=password-reset");
    assert_eq!(
        after.status(),
        StatusCode::FOUND,
        "the old session has ended"
    );
    let reused = send(
        &portal,
        form_post(
            "/api/complete_recovery",
            &format!("flow={flow}&password=Drugoi-Parol-2026&password_repeat=Drugoi-Parol-2026"),
            None,
        ),
    )
    .await;
    let flash = cookies(&reused);
    let page = text(send(&portal, get(&password_page, Some(&flash))).await).await;
    assert!(
        page.contains("больше не действует"),
        "a used recovery: {page}"
    );
}

#[tokio::test]
async fn sign_in_journal_downloads_as_csv() {
    let portal = portal(false).await;
    let session = sign_in(&portal, "+79990000001").await;

    let response = send(
        &portal,
        get("/security/sign-ins.csv?result=succeeded", Some(&session)),
    )
    .await;
    let headers = response.headers().clone();
    let body = text(response).await;
    let anonymous = send(&portal, get("/security/sign-ins.csv", None)).await;

    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(headers[header::CACHE_CONTROL], "private, no-store");
    assert!(body.starts_with("\u{feff}Время;Результат;"), "{body}");
    assert_eq!(
        body.matches("\r\n").count(),
        2,
        "the header and one sign-in: {body}"
    );
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&anonymous), "/sign-in?next=%2Fsecurity%2Fsign-ins");
}

#[tokio::test]
async fn security_pages_need_sign_in() {
    let portal = portal(false).await;
    for path in [
        "/security",
        "/security/sessions",
        "/security/sign-ins",
        "/security/networks",
    ] {
        let response = send(&portal, get(path, None)).await;
        assert_eq!(response.status(), StatusCode::FOUND, "{path}");
        assert_eq!(
            location(&response),
            format!("/sign-in?next={path}"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn sessions_page_lists_and_closes_sessions() {
    let portal = portal(false).await;
    let first = sign_in(&portal, "+79990000001").await;
    let second = sign_in(&portal, "+79990000001").await;

    let page = text(send(&portal, get("/security/sessions", Some(&first))).await).await;
    let closed = send(
        &portal,
        form_post("/api/close_session", "id=", Some(&first)),
    )
    .await;
    let second_after = send(&portal, get("/cabinet", Some(&second))).await;
    let first_after = send(&portal, get("/cabinet", Some(&first))).await;

    assert!(page.contains("Этот сеанс"), "{page}");
    assert!(page.contains("Завершить все другие сеансы"), "{page}");
    assert_eq!(location(&closed), "/security/sessions");
    assert_eq!(
        second_after.status(),
        StatusCode::FOUND,
        "the other session ended"
    );
    assert_eq!(first_after.status(), StatusCode::OK, "this session stays");
}

#[tokio::test]
async fn history_exports_need_sign_in() {
    let portal = portal(false).await;
    for path in ["/history/export.csv", "/history/export.pdf"] {
        let response = send(&portal, get(path, None)).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn history_csv_export_has_the_filtered_entries() {
    let portal = portal(false).await;
    let cookie = sign_in(&portal, "+79990000001").await;

    let response = send(
        &portal,
        get(
            "/history/export.csv?type=sign_in&status=succeeded",
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    let disposition = response.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"history-"),
        "{disposition}"
    );
    let body = text(response).await;
    assert!(body.starts_with('\u{feff}'), "{body:?}");
    let lines: Vec<&str> = body.split("\r\n").collect();
    assert_eq!(lines.len(), 3, "header, one sign-in, empty rest: {body:?}");
    assert!(
        lines[1].contains(";Вход и выход;Вход в личный кабинет;Успешно;"),
        "{}",
        lines[1]
    );
}

#[tokio::test]
async fn history_export_rejects_a_bad_filter() {
    let portal = portal(false).await;
    let cookie = sign_in(&portal, "+79990000001").await;
    let response = send(
        &portal,
        get("/history/export.csv?from=31.02.2026&type=x", Some(&cookie)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        text(response).await,
        "Invalid filter parameters: type, from."
    );
}

#[tokio::test]
async fn history_pdf_export_is_a_pdf() {
    let portal = portal(false).await;
    let cookie = sign_in(&portal, "+79990000001").await;
    let response = send(&portal, get("/history/export.pdf?q=вход", Some(&cookie))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/pdf");
    let bytes = axum::body::to_bytes(response.into_body(), 10 * 1024 * 1024)
        .await
        .unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}

#[tokio::test]
async fn history_page_filters_without_javascript() {
    let portal = portal(false).await;
    let cookie = sign_in(&portal, "+79990000001").await;

    let response = send(&portal, get("/history?type=sign_in", Some(&cookie))).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = text(response).await;
    assert!(page.contains("Вход в личный кабинет"), "{page}");
    assert!(
        page.contains("<option value=\"sign_in\" selected"),
        "{page}"
    );
    assert!(
        page.contains("/history/export.csv?type=sign_in"),
        "the export link keeps the filter"
    );

    let invalid = send(&portal, get("/history?from=32.01.2026", Some(&cookie))).await;
    let page = text(invalid).await;
    assert!(page.contains("href=\"#filter-from\""), "{page}");
    assert!(page.contains("aria-invalid=\"true\""), "{page}");
}

#[tokio::test]
async fn history_entry_of_another_person_is_404() {
    let portal = portal(false).await;
    let cookie = sign_in(&portal, "+79990000001").await;
    let official_cookie = sign_in(&portal, "+79990000002").await;
    let token = cookie.split('=').nth(1).unwrap();
    let citizen = portal
        .core
        .resolve_session(token)
        .await
        .unwrap()
        .unwrap()
        .actor;
    let filter = kabinet_shared::history::HistoryQuery::default()
        .parse()
        .unwrap();
    let page = portal
        .core
        .history_page(&citizen, &filter, kabinet_shared::Locale::Ru)
        .await
        .unwrap();
    let path = format!("/history/{}", page.entries[0].id);

    let own = send(&portal, get(&path, Some(&cookie))).await;
    assert_eq!(own.status(), StatusCode::OK);
    let other = send(&portal, get(&path, Some(&official_cookie))).await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
    let malformed = send(&portal, get("/history/not-a-uuid", Some(&cookie))).await;
    assert_eq!(malformed.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn events_stream_the_unread_count_to_the_signed_in() {
    use http_body_util::BodyExt;

    let portal = portal(false).await;
    let anonymous = send(&portal, get("/events", None)).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    let cookie = sign_in(&portal, "+79990000001").await;
    let response = send(&portal, get("/events", Some(&cookie))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    let mut body = response.into_body();
    let frame = body.frame().await.unwrap().unwrap();
    let first = String::from_utf8(frame.into_data().unwrap().to_vec()).unwrap();
    assert_eq!(first, "event: unread\ndata: 0\n\n");
}

#[tokio::test]
async fn sms_reports_and_push_subscriptions_are_guarded() {
    let portal = portal(false).await;
    let report = Request::post("/hooks/sms/status")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, "Bearer guessed")
        .body(Body::from(r#"{"message_id":"gw-1","status":"delivered"}"#))
        .unwrap();
    // No gateway is configured, so no token is right.
    assert_eq!(send(&portal, report).await.status(), StatusCode::FORBIDDEN);

    let subscription =
        r#"{"endpoint":"https://push.example/x","keys":{"p256dh":"AAAA","auth":"AAAA"}}"#;
    let anonymous = Request::post("/push/subscriptions")
        .header(header::CONTENT_TYPE, "application/json")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(subscription))
        .unwrap();
    assert_eq!(
        send(&portal, anonymous).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let cookie = sign_in(&portal, "+79990000001").await;
    let signed_in = Request::post("/push/subscriptions")
        .header(header::CONTENT_TYPE, "application/json")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, &cookie)
        .body(Body::from(subscription))
        .unwrap();
    // Web Push is not configured here.
    assert_eq!(
        send(&portal, signed_in).await.status(),
        StatusCode::NOT_FOUND
    );
}

/// Every page carries its own Content-Security-Policy, whose nonce is the one on the
/// page's scripts, also when many pages render at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_pages_carry_their_own_policy() {
    const PAGES: usize = 160;
    let portal = portal(false).await;
    let cookie = sign_in(&portal, "+79990000001").await;
    // The application form is among them: its state must be safe to drop on another
    // worker thread than the one that rendered it.
    let paths = [
        "/history",
        "/cabinet",
        "/",
        "/applications",
        "/notifications",
        "/services/criminal-record-certificate/apply",
        "/applications/drafts",
        "/security/factors",
    ];
    let mut requests = tokio::task::JoinSet::new();
    for round in 0..PAGES {
        let router = portal.router.clone();
        let path = paths[round % paths.len()];
        let request = get(path, Some(&cookie));
        requests.spawn(async move {
            let response = router.oneshot(request).await.unwrap();
            let status = response.status();
            let policy = response
                .headers()
                .get(header::CONTENT_SECURITY_POLICY)
                .map(|value| value.to_str().unwrap().to_string())
                .unwrap_or_default();
            (path, status, policy, text(response).await)
        });
    }
    let mut nonces = std::collections::HashSet::new();
    while let Some(result) = requests.join_next().await {
        let (path, status, policy, html) = result.unwrap();
        assert_eq!(status, StatusCode::OK, "{path}");
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: no page policy: {policy}"));
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "{path}: the scripts carry the policy's nonce"
        );
        assert!(
            nonces.insert(nonce.to_string()),
            "{path}: a nonce used twice"
        );
    }
    assert_eq!(nonces.len(), PAGES);
}

/// Builds a multipart post of text parts, as a browser without JavaScript sends the application
/// form.
fn multipart_post(path: &str, parts: &[(&str, &str)], cookie: &str) -> Request<Body> {
    let boundary = "kabinet-test-boundary-7MA4YWxk";
    let mut body = String::new();
    for (name, value) in parts {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

/// Returns the value of the text input `name` on a page.
fn input_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" type=\"text\" value=\"");
    let start = page.find(&marker).unwrap_or_else(|| panic!("no {name}")) + marker.len();
    page[start..].split('"').next().unwrap().to_string()
}

/// Returns the value of the hidden input `name` on a page.
fn hidden_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker).unwrap_or_else(|| panic!("no {name}")) + marker.len();
    page[start..].split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn form_with_steps_and_children_works_without_javascript() {
    let portal = portal(false).await;
    let session = sign_in(&portal, "+79990000001").await;
    let first = text(
        send(
            &portal,
            get("/services/unified-allowance/apply", Some(&session)),
        )
        .await,
    )
    .await;
    assert!(first.contains("Шаг 1 из 5"), "the progress is shown");
    assert!(
        first
            .contains("aria-current=\"step\" class=\"steps__item steps__item--current\">Заявитель")
    );
    assert!(!first.contains("name=\"bank_bik\""), "later pages wait");
    let key = hidden_value(&first, "request_key");
    let draft = format!("/services/unified-allowance/apply?draft={key}");
    let post = |parts: Vec<(&'static str, String)>, cookie: String| {
        let mut all: Vec<(&str, String)> = vec![
            ("service", "unified-allowance".to_string()),
            ("request_key", key.clone()),
        ];
        all.extend(parts);
        let borrowed: Vec<(&str, &str)> = all.iter().map(|(n, v)| (*n, v.as_str())).collect();
        multipart_post("/api/submit_application", &borrowed, &cookie)
    };
    let applicant = vec![
        ("given_name", "Мария".to_string()),
        ("patronymic", String::new()),
        ("snils", "112-233-445 95".to_string()),
        (
            "registration_address",
            "614000, г. Пермь, ул. Ленина, д. 1".to_string(),
        ),
    ];

    // "Далее" with the surname missing stays on page 1 with the error and the answers.
    let mut parts = applicant.clone();
    parts.extend([
        ("step", "1".to_string()),
        ("intent", "next".to_string()),
        ("surname", String::new()),
    ]);
    let response = send(&portal, post(parts, session.clone())).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), draft);
    let with_flash = format!("{session}; {}", cookies(&response));
    let page = text(send(&portal, get(&draft, Some(&with_flash))).await).await;
    assert!(
        page.contains("id=\"surname-error\""),
        "the error is on its field"
    );
    assert!(page.contains("value=\"Мария\""), "the given name is kept");
    assert!(page.contains("Шаг 1 из 5"));

    // Right answers go on to page 2, which carries page 1's answers along.
    let mut parts = applicant.clone();
    parts.extend([
        ("step", "1".to_string()),
        ("intent", "next".to_string()),
        ("surname", "Соколова".to_string()),
    ]);
    let response = send(&portal, post(parts, session.clone())).await;
    assert_eq!(location(&response), format!("{draft}&step=2"));
    let second = text(send(&portal, get(&format!("{draft}&step=2"), Some(&session))).await).await;
    assert!(second.contains("Шаг 2 из 5"));
    assert_eq!(hidden_value(&second, "surname"), "Соколова");
    assert!(
        second.contains("id=\"children-1\""),
        "one child to fill in at first"
    );
    assert!(!second.contains("id=\"children-2\""));

    // "Добавить ребёнка" shows a second child, keeping the first.
    let family = |count: &str, extra: &[(&'static str, &str)]| {
        let mut parts: Vec<(&'static str, String)> = vec![
            ("surname", "Соколова".to_string()),
            ("given_name", "Мария".to_string()),
            ("snils", "112-233-445 95".to_string()),
            (
                "registration_address",
                "614000, г. Пермь, ул. Ленина, д. 1".to_string(),
            ),
            ("step", "2".to_string()),
            ("marital_status", "married".to_string()),
            ("has_other_members", "no".to_string()),
            ("children", count.to_string()),
            ("children.1.surname", "Соколов".to_string()),
            ("children.1.given_name", "Пётр".to_string()),
            ("children.1.birth_date", "2015-04-01".to_string()),
            ("children.1.snils", "112-233-445 95".to_string()),
        ];
        parts.extend(extra.iter().map(|(name, value)| (*name, value.to_string())));
        parts
    };
    let response = send(
        &portal,
        post(family("1", &[("intent", "add:children")]), session.clone()),
    )
    .await;
    assert_eq!(location(&response), format!("{draft}&step=2#children-2"));
    let added = text(send(&portal, get(&format!("{draft}&step=2"), Some(&session))).await).await;
    assert!(added.contains("id=\"children-2\""));
    assert!(added.contains("value=\"Пётр\""));
    assert!(added.contains("Удалить: Ребёнок 2"));

    // Removing child 1 moves child 2 up.
    let second_child: [(&'static str, &str); 4] = [
        ("children.2.surname", "Соколова"),
        ("children.2.given_name", "Анна"),
        ("children.2.birth_date", "2026-11-30"),
        ("children.2.snils", "087-654-303 00"),
    ];
    let mut extra = second_child.to_vec();
    extra.push(("intent", "remove:children.1"));
    let response = send(&portal, post(family("2", &extra), session.clone())).await;
    assert_eq!(location(&response), format!("{draft}&step=2#children"));
    let removed = text(send(&portal, get(&format!("{draft}&step=2"), Some(&session))).await).await;
    assert_eq!(input_value(&removed, "children.1.given_name"), "Анна");
    assert!(!removed.contains("value=\"Пётр\""));
    assert!(!removed.contains("id=\"children-2\""));

    // Sent from the last page with a child born in the future, the form returns to page 2.
    let mut extra = second_child.to_vec();
    extra[2] = ("children.2.birth_date", "2099-01-01");
    extra.extend([
        ("bank_account", "40817810099910004312"),
        ("bank_bik", "044525225"),
    ]);
    let mut parts = family("2", &extra);
    parts.retain(|(name, _)| *name != "step");
    parts.push(("step", "4".to_string()));
    let response = send(&portal, post(parts.clone(), session.clone())).await;
    assert_eq!(location(&response), format!("{draft}&step=2"));
    let with_flash = format!("{session}; {}", cookies(&response));
    let back = text(send(&portal, get(&format!("{draft}&step=2"), Some(&with_flash))).await).await;
    assert!(
        back.contains("id=\"children.2.birth_date-error\""),
        "the error is on the child's date"
    );
    assert!(back.contains("href=\"#children.2.birth_date\""));
    assert!(
        back.contains("Ребёнок 2: Дата рождения"),
        "the summary names the child"
    );

    // "Далее" from the last page goes to the review only when the whole form passes.
    let mut next = parts.clone();
    next.push(("intent", "next".to_string()));
    let response = send(&portal, post(next.clone(), session.clone())).await;
    assert_eq!(location(&response), format!("{draft}&step=2"));
    for part in next.iter_mut().chain(parts.iter_mut()) {
        if part.0 == "children.2.birth_date" {
            part.1 = "2026-11-30".to_string();
        }
    }
    let response = send(&portal, post(next, session.clone())).await;
    assert_eq!(location(&response), format!("{draft}&step=5"));
    let review = text(send(&portal, get(&format!("{draft}&step=5"), Some(&session))).await).await;
    assert!(review.contains("Шаг 5 из 5"));
    assert!(review.contains("<h2>Проверка и отправка</h2>"));
    for shown in [
        "<dt>Ребёнок 2: Имя</dt><dd>Анна</dd>",
        "<dt>Ребёнок 2: Дата рождения</dt><dd>30.11.2026</dd>",
        "<dt>Семейное положение</dt><dd>Состою в браке</dd>",
        "<dt>Номер банковского счёта</dt><dd>40817810099910004312</dd>",
    ] {
        assert!(review.contains(shown), "the review shows {shown}");
    }
    assert!(
        review.contains(&format!("href=\"{draft}&amp;step=3\"")),
        "each step has a link back"
    );
    assert_eq!(
        hidden_value(&review, "bank_bik"),
        "044525225",
        "the answers go along"
    );
    assert!(review.contains("Отправить заявление"));

    // Sent from the review page, it is submitted.
    parts.retain(|(name, _)| *name != "step");
    parts.push(("step", "5".to_string()));
    let response = send(&portal, post(parts, session.clone())).await;
    assert!(
        location(&response).ends_with("?submitted=1"),
        "{}",
        location(&response)
    );
    let drafts = text(send(&portal, get("/applications/drafts", Some(&session))).await).await;
    assert!(!drafts.contains(&key), "the draft went with the submission");
}

#[tokio::test]
async fn sign_in_ends_the_session_the_browser_had() {
    let portal = portal(false).await;
    let first = sign_in(&portal, "+79990000001").await;
    let first_token = first.split('=').nth(1).unwrap().to_string();

    let body = "login=%2B79990000001&password=Demo-Kabinet-2026&next=";
    let response = send(&portal, form_post("/api/sign_in", body, Some(&first))).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let second = cookies(&response);
    let second_token = second.split('=').nth(1).unwrap().to_string();

    assert_ne!(first_token, second_token);
    assert!(
        portal
            .core
            .resolve_session(&first_token)
            .await
            .unwrap()
            .is_none(),
        "the earlier session ended"
    );
    assert!(
        portal
            .core
            .resolve_session(&second_token)
            .await
            .unwrap()
            .is_some(),
        "the new session works"
    );
}

#[tokio::test]
async fn templates_work_without_javascript() {
    use kabinet_core::applications::{FileUpload, Submission};

    let portal = portal(false).await;
    let session = sign_in(&portal, "+79990000001").await;
    let token = session.split('=').nth(1).unwrap();
    let citizen = portal
        .core
        .resolve_session(token)
        .await
        .unwrap()
        .unwrap()
        .actor;
    let answers = [
        ("surname", "Иванова"),
        ("given_name", "Алёна"),
        ("birth_date", "17.05.1990"),
        ("birth_place", "г. Кунгур"),
        ("snils", "112-233-445 95"),
        ("purpose", "employment"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let submitted = portal
        .core
        .submit_application(
            &citizen,
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
    let page_path = format!("/applications/{}", submitted.id);
    let page = text(send(&portal, get(&page_path, Some(&session))).await).await;
    assert!(
        page.contains("name=\"template_name\""),
        "the page offers the form"
    );
    assert!(!page.contains("<details open"), "the form starts folded");

    // An empty name comes back with its error on the field, the disclosure open.
    let body = format!("application={}&template_name=+", submitted.id);
    let response = send(
        &portal,
        form_post("/api/save_template", &body, Some(&session)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), page_path);
    let with_flash = format!("{session}; {}", cookies(&response));
    let page = text(send(&portal, get(&page_path, Some(&with_flash))).await).await;
    assert!(page.contains("id=\"template_name-error\""));
    assert!(page.contains("<details open"));

    let body = format!(
        "application={}&template_name=%D0%A1%D0%BF%D1%80%D0%B0%D0%B2%D0%BA%D0%B0+%D0%B4%D0%BB%D1%8F+%D1%80%D0%B0%D0%B1%D0%BE%D1%82%D1%8B",
        submitted.id
    );
    let response = send(
        &portal,
        form_post("/api/save_template", &body, Some(&session)),
    )
    .await;
    assert_eq!(location(&response), page_path);
    let with_flash = format!("{session}; {}", cookies(&response));
    let page = text(send(&portal, get(&page_path, Some(&with_flash))).await).await;
    assert!(
        page.contains("Шаблон «Справка для работы» сохранён"),
        "the page says the template is saved"
    );

    let list = text(send(&portal, get("/applications/templates", Some(&session))).await).await;
    assert!(list.contains("Справка для работы"));
    let marker = "/services/criminal-record-certificate/apply?template=";
    let start = list.find(marker).expect("a link starts a form") + marker.len();
    let template_id = list[start..].split('"').next().unwrap().to_string();

    let form_path = format!("{marker}{template_id}");
    let form = text(send(&portal, get(&form_path, Some(&session))).await).await;
    assert!(form.contains("Форма заполнена по шаблону «Справка для работы»"));
    assert_eq!(input_value(&form, "birth_place"), "г. Кунгур");

    let support = sign_in(&portal, "+79990000003").await;
    let strangers = send(&portal, get("/applications/templates", Some(&support))).await;
    assert!(
        !text(strangers).await.contains("Справка для работы"),
        "templates are private"
    );

    let body = format!("template={template_id}");
    let response = send(
        &portal,
        form_post("/api/delete_template", &body, Some(&session)),
    )
    .await;
    assert_eq!(location(&response), "/applications/templates");
    let with_flash = format!("{session}; {}", cookies(&response));
    let list = text(send(&portal, get("/applications/templates", Some(&with_flash))).await).await;
    assert!(list.contains("Шаблон удалён."));
    assert!(list.contains("Шаблонов нет."));
}

#[tokio::test]
async fn admin_ends_sessions_without_javascript() {
    let portal = portal(false).await;
    let citizen = sign_in(&portal, "+79990000001").await;
    let official = sign_in(&portal, "+79990000002").await;
    let admin = sign_in(&portal, "+79990000004").await;

    let page = text(send(&portal, get("/admin/sessions", Some(&admin))).await).await;
    assert!(
        page.contains("<a href=\"/admin/sessions\">"),
        "the navigation links the page"
    );
    assert!(page.contains("action=\"/api/admin_end_person_sessions\""));
    assert!(page.contains("action=\"/api/admin_end_all_sessions\""));

    let one = send(
        &portal,
        form_post(
            "/api/admin_end_person_sessions",
            "login=8+999+000-00-01",
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(one.status(), StatusCode::FOUND);
    assert_eq!(location(&one), "/admin/sessions");
    let flash = cookies(&one);
    let page = text(
        send(
            &portal,
            get("/admin/sessions", Some(&format!("{admin}; {flash}"))),
        )
        .await,
    )
    .await;
    assert!(page.contains("Завершено сеансов: 1"), "{page}");
    let citizen_after = send(&portal, get("/cabinet", Some(&citizen))).await;
    assert_eq!(
        citizen_after.status(),
        StatusCode::FOUND,
        "the citizen's session ended"
    );
    let official_after = send(&portal, get("/cabinet", Some(&official))).await;
    assert_eq!(
        official_after.status(),
        StatusCode::OK,
        "other people's sessions stay"
    );

    let all = send(
        &portal,
        form_post("/api/admin_end_all_sessions", "confirm=on", Some(&admin)),
    )
    .await;
    assert_eq!(location(&all), "/admin/sessions");
    let official_after = send(&portal, get("/cabinet", Some(&official))).await;
    assert_eq!(
        official_after.status(),
        StatusCode::FOUND,
        "everyone else's sessions ended"
    );
    let admin_after = send(&portal, get("/cabinet", Some(&admin))).await;
    assert_eq!(
        admin_after.status(),
        StatusCode::OK,
        "the admin's session stays"
    );
}

#[tokio::test]
async fn unknown_login_is_not_echoed_to_the_admin() {
    let portal = portal(false).await;
    let admin = sign_in(&portal, "+79990000004").await;

    let response = send(
        &portal,
        form_post(
            "/api/admin_end_person_sessions",
            "login=%2B7+912+348-99-99",
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(location(&response), "/admin/sessions");
    assert!(!location(&response).contains("912"), "no login in the URL");
    let flash = cookies(&response);
    let page = text(
        send(
            &portal,
            get("/admin/sessions", Some(&format!("{admin}; {flash}"))),
        )
        .await,
    )
    .await;

    assert!(page.contains("id=\"login-error\""), "{page}");
    assert!(page.contains("Нет учётной записи"), "{page}");
}

#[tokio::test]
async fn only_admins_reach_session_administration() {
    let portal = portal(false).await;
    let citizen = sign_in(&portal, "+79990000001").await;
    let support = sign_in(&portal, "+79990000003").await;

    for cookie in [&citizen, &support] {
        let page = send(&portal, get("/admin/sessions", Some(cookie))).await;
        assert_eq!(page.status(), StatusCode::FORBIDDEN);
        let html = text(page).await;
        assert!(
            !html.contains("href=\"/admin/sessions\""),
            "no link for non-admins"
        );

        let post = send(
            &portal,
            form_post("/api/admin_end_all_sessions", "confirm=on", Some(cookie)),
        )
        .await;
        // Leptos answers a failed plain post with a redirect back, not the form's page.
        assert_ne!(
            location(&post),
            "/admin/sessions",
            "the post was carried out"
        );
    }
    let citizen_after = send(&portal, get("/cabinet", Some(&citizen))).await;
    assert_eq!(citizen_after.status(), StatusCode::OK, "nothing was ended");
}

#[tokio::test]
async fn factors_page_offers_to_end_other_sessions() {
    let portal = portal(false).await;
    let cookie = sign_in(&portal, "+79990000001").await;

    let plain = text(send(&portal, get("/security/factors", Some(&cookie))).await).await;
    let added = text(send(&portal, get("/security/factors?added=1", Some(&cookie))).await).await;

    assert!(!plain.contains("action=\"/api/close_session\""), "{plain}");
    assert!(added.contains("action=\"/api/close_session\""), "{added}");
    assert!(added.contains("завершите все другие сеансы"), "{added}");
}

/// Encodes `value` for an `application/x-www-form-urlencoded` body.
fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                (byte as char).to_string()
            }
            b' ' => "+".to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn constructor_checks_previews_and_publishes_by_plain_posts() {
    use kabinet_core::catalogue::constructor::to_toml;

    const EDITOR: &str = "/admin/services/criminal-record-certificate";
    let portal = portal(false).await;
    let admin = sign_in(&portal, "+79990000004").await;
    let post = |text: &str, intent: &str| {
        let body = format!(
            "code=criminal-record-certificate&service={}&intent={intent}",
            form_encode(text)
        );
        form_post("/api/admin_service_save", &body, Some(&admin))
    };

    let list = text(send(&portal, get("/admin/services", Some(&admin))).await).await;
    assert!(list.contains("href=\"/admin/services/criminal-record-certificate\""));
    assert!(list.contains("Файл каталога"), "bundled versions say so");
    assert!(list.contains("href=\"/admin/services/new\""));
    let editor = text(send(&portal, get(EDITOR, Some(&admin))).await).await;
    assert!(editor.contains("<textarea"), "the editor has the text");
    assert!(
        editor.contains("code = "),
        "the text is the definition's TOML"
    );
    assert!(editor.contains("Проверить и показать"));
    assert!(editor.contains("Опубликовать новую версию"));

    // A syntax error comes back on the text field, with the text kept as typed.
    let (_, mut definition) = portal
        .core
        .service("criminal-record-certificate")
        .await
        .unwrap()
        .unwrap();
    definition.fields[0].label.ru = "Фамилия заявителя".into();
    let valid = to_toml(&definition).unwrap();
    let broken = format!("{valid}\n[[fields]\nname = 1\n");
    let response = send(&portal, post(&broken, "preview")).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), EDITOR);
    let flash = format!("{admin}; {}", cookies(&response));
    let page = text(send(&portal, get(EDITOR, Some(&flash))).await).await;
    assert!(
        page.contains("id=\"service-error\""),
        "the error is on the field"
    );
    assert!(
        page.contains("href=\"#service\""),
        "the summary links to it"
    );
    assert!(page.contains("текст не является правильным TOML"));
    assert!(
        page.contains("[[fields]\nname = 1"),
        "the typed text is kept"
    );
    assert!(!page.contains("Так форму увидит гражданин"));

    // A valid text shows the form as a citizen will see it, without publishing it.
    let response = send(&portal, post(&valid, "preview")).await;
    let flash = format!("{admin}; {}", cookies(&response));
    let page = text(send(&portal, get(EDITOR, Some(&flash))).await).await;
    assert!(page.contains("Так форму увидит гражданин"));
    let class = page
        .find("class=\"preview\"")
        .expect("the page shows the preview");
    let preview = &page[page[..class].rfind('<').unwrap()..];
    let tag = &preview[..preview.find('>').unwrap()];
    assert!(tag.starts_with("<fieldset"), "{tag}");
    assert!(tag.contains("disabled"), "the preview sends nothing: {tag}");
    assert!(!preview.contains("<form"), "the preview is no form");
    assert!(page.contains("Фамилия заявителя"));
    let version = |portal: &Portal| {
        let core = portal.core.clone();
        async move {
            core.service("criminal-record-certificate")
                .await
                .unwrap()
                .unwrap()
                .0
        }
    };
    assert_eq!(version(&portal).await, 1, "a preview publishes nothing");

    // Publishing makes version 2, which the citizen's form then uses.
    let response = send(&portal, post(&valid, "publish")).await;
    assert_eq!(location(&response), EDITOR);
    let flash = format!("{admin}; {}", cookies(&response));
    let page = text(send(&portal, get(EDITOR, Some(&flash))).await).await;
    assert!(
        page.contains("Опубликована версия 2"),
        "the page names the version"
    );
    assert_eq!(version(&portal).await, 2);
    let citizen = sign_in(&portal, "+79990000001").await;
    let form = text(
        send(
            &portal,
            get(
                "/services/criminal-record-certificate/apply",
                Some(&citizen),
            ),
        )
        .await,
    )
    .await;
    assert!(
        form.contains("Фамилия заявителя"),
        "the form uses version 2"
    );

    // The same text again publishes nothing, and the page explains why.
    let response = send(&portal, post(&valid, "publish")).await;
    let flash = format!("{admin}; {}", cookies(&response));
    let page = text(send(&portal, get(EDITOR, Some(&flash))).await).await;
    assert!(page.contains("публиковать нечего"));
    assert_eq!(version(&portal).await, 2);

    // Only an administrator reaches the constructor.
    let response = send(&portal, get("/admin/services", Some(&citizen))).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let body = format!(
        "code=criminal-record-certificate&service={}&intent=publish",
        form_encode(&valid)
    );
    let response = send(
        &portal,
        form_post("/api/admin_service_save", &body, Some(&citizen)),
    )
    .await;
    // Leptos sends a failed plain post back to the referring page, here none, so "/".
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/");
    assert_eq!(version(&portal).await, 2, "the citizen published nothing");
}

/// Returns the value of the hidden input `name` on a page, with the HTML escapes undone.
fn hidden_text(page: &str, name: &str) -> String {
    let marker = format!("type=\"hidden\" name=\"{name}\" value=\"");
    let start = page.find(&marker).expect("the page has the hidden input") + marker.len();
    let end = start + page[start..].find('"').unwrap();
    page[start..end]
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[tokio::test]
async fn field_editor_edits_services_by_plain_posts() {
    const PAGE: &str = "/admin/services/criminal-record-certificate/fields";
    let portal = portal(false).await;
    let admin = sign_in(&portal, "+79990000004").await;
    // Posts `parts` with the working copy and the open form of `page`, and returns the
    // redirect's location and the page it leads to.
    let post = |page: String, parts: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        let portal = &portal;
        async move {
            let mut all = vec![
                ("code", "criminal-record-certificate".to_string()),
                ("service", hidden_text(&page, "service")),
                ("editing", hidden_text(&page, "editing")),
            ];
            all.extend(parts);
            let borrowed: Vec<(&str, &str)> = all
                .iter()
                .map(|(name, value)| (*name, value.as_str()))
                .collect();
            let response = send(
                portal,
                multipart_post("/api/admin_service_fields_save", &borrowed, &admin),
            )
            .await;
            assert_eq!(response.status(), StatusCode::FOUND);
            let target = location(&response).to_string();
            let flash = format!("{admin}; {}", cookies(&response));
            let path = target.split('#').next().unwrap().to_string();
            let page = text(send(portal, get(&path, Some(&flash))).await).await;
            (target, page)
        }
    };

    let page = text(send(&portal, get(PAGE, Some(&admin))).await).await;
    assert!(page.contains("Поля формы"));
    assert!(
        page.contains("aria-label=\"Выше: поле «Имя»\""),
        "buttons name their field"
    );
    assert!(page.contains("enctype=\"multipart/form-data\""));
    let original = hidden_text(&page, "service");
    assert!(original.contains("code = \"criminal-record-certificate\""));

    // A choice field added at the end opens its form.
    let (target, page) = post(
        page,
        vec![
            ("intent", "add-field".into()),
            ("new-kind", "choice".into()),
        ],
    )
    .await;
    assert_eq!(target, format!("{PAGE}#field-editor"));
    assert_eq!(hidden_text(&page, "editing"), "field:8");
    assert!(page.contains("Поле «field_9»"), "the form is open");
    assert!(hidden_text(&page, "service").contains("name = \"field_9\""));

    // The check points at the label, then at the options; nothing typed is lost.
    let field_form = |label: &str| {
        vec![
            ("field-name", "delivery".to_string()),
            ("field-kind", "choice".to_string()),
            ("field-label-ru", label.to_string()),
            ("field-label-en", "Delivery".to_string()),
            ("field-required", "on".to_string()),
        ]
    };
    let mut parts = field_form("");
    parts.push(("intent", "preview".into()));
    let (target, page) = post(page, parts).await;
    assert_eq!(target, format!("{PAGE}#field-label-ru"));
    assert!(
        page.contains("id=\"field-label-ru-error\""),
        "the error is on the label"
    );
    assert!(
        page.contains("href=\"#field-label-ru\""),
        "the summary links to it"
    );
    assert!(page.contains("нужна подпись на русском и на английском"));
    assert!(page.contains("value=\"delivery\""), "the new name is kept");

    let mut parts = field_form("Способ получения");
    parts.push(("intent", "preview".into()));
    let (_, page) = post(page, parts).await;
    assert!(
        page.contains("id=\"field-options-error\""),
        "the error is on the options"
    );
    assert!(page.contains("для выбора нужны варианты"));

    let mut parts = field_form("Способ получения");
    parts.extend([
        ("field-option-count", "0".into()),
        ("intent", "option-add".into()),
    ]);
    let (_, page) = post(page, parts).await;
    assert!(
        page.contains("name=\"option-1-value\""),
        "an option row is added"
    );

    let mut parts = field_form("Способ получения");
    parts.extend([
        ("field-option-count", "1".into()),
        ("option-1-value", "post".into()),
        ("option-1-ru", "По почте".into()),
        ("option-1-en", "By post".into()),
        ("intent", "save".into()),
    ]);
    let (target, page) = post(page, parts).await;
    assert_eq!(target, format!("{PAGE}#field-row-8"));
    assert_eq!(hidden_text(&page, "editing"), "", "the form is closed");
    assert!(page.contains("Способ получения — Выбор одного варианта, имя delivery"));

    // A second field asked only after "post" depends on the first.
    let (_, page) = post(
        page,
        vec![("intent", "add-field".into()), ("new-kind", "".into())],
    )
    .await;
    let (_, page) = post(
        page,
        vec![
            ("field-name", "address".into()),
            ("field-kind", "text".into()),
            ("field-label-ru", "Адрес".into()),
            ("field-label-en", "Address".into()),
            ("field-shown-field", "delivery".into()),
            ("field-shown-values", "post".into()),
            ("intent", "save".into()),
        ],
    )
    .await;
    assert!(page.contains("Адрес — Строка текста, имя address; с условием"));

    // Removing the field the condition names, or moving the dependent field above it,
    // is rejected with a message that names both, and changes nothing.
    let before = hidden_text(&page, "service");
    let (_, page) = post(page, vec![("intent", "remove-field:8".into())]).await;
    assert!(
        page.contains("Поле «delivery» нельзя удалить: по его ответу показывается поле «address»")
    );
    assert_eq!(hidden_text(&page, "service"), before);
    let (_, page) = post(page, vec![("intent", "up-field:9".into())]).await;
    assert!(page.contains("должно стоять ниже него"));
    assert_eq!(hidden_text(&page, "service"), before);

    // Moving a field up swaps it with the one above, and the anchor follows it.
    let (target, page) = post(page, vec![("intent", "up-field:8".into())]).await;
    assert_eq!(target, format!("{PAGE}#field-row-7"));
    let moved = hidden_text(&page, "service");
    let delivery = moved.find("name = \"delivery\"").unwrap();
    let purpose = moved.find("name = \"purpose\"").unwrap();
    assert!(delivery < purpose, "delivery is now above purpose");

    // A deadline that is not a number comes back on its control, as typed, and the
    // working copy stays as it was.
    let (target, page) = post(
        page,
        vec![
            ("setting-processing-days", "десять".into()),
            ("intent", "apply".into()),
        ],
    )
    .await;
    assert_eq!(target, PAGE);
    assert!(page.contains("id=\"setting-processing-days-error\""));
    assert!(page.contains("value=\"десять\""), "the typed value is kept");
    assert_eq!(hidden_text(&page, "service"), moved);

    // The TOML tab gets the same working copy.
    let (target, toml_page) = post(page.clone(), vec![("intent", "toml".into())]).await;
    assert_eq!(target, "/admin/services/criminal-record-certificate");
    assert!(
        toml_page.contains("name = &quot;delivery&quot;")
            || toml_page.contains("name = \"delivery\"")
    );

    // Publishing makes version 2, which the citizen's form then uses.
    let (target, page) = post(
        page,
        vec![
            ("setting-processing-days", "12".into()),
            ("intent", "publish".into()),
        ],
    )
    .await;
    assert_eq!(target, PAGE);
    assert!(page.contains("Опубликована версия 2"), "{page}");
    let (version, definition) = portal
        .core
        .service("criminal-record-certificate")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(version, 2);
    assert_eq!(definition.processing_days, 12);
    let names: Vec<&str> = definition.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(&names[6..], ["snils", "delivery", "purpose", "address"]);

    // Only an administrator reaches the field editor or its post.
    let citizen = sign_in(&portal, "+79990000001").await;
    let response = send(&portal, get(PAGE, Some(&citizen))).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = send(
        &portal,
        multipart_post(
            "/api/admin_service_fields_save",
            &[
                ("code", "criminal-record-certificate"),
                ("service", original.as_str()),
                ("intent", "publish"),
            ],
            &citizen,
        ),
    )
    .await;
    assert_ne!(response.status(), StatusCode::OK);
    assert_eq!(
        version_of(&portal).await,
        2,
        "the citizen published nothing"
    );
}

async fn version_of(portal: &Portal) -> i32 {
    portal
        .core
        .service("criminal-record-certificate")
        .await
        .unwrap()
        .unwrap()
        .0
}
