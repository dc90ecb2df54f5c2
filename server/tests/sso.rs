//! Sign-in through ESIA over HTTP, in process, without JavaScript: the redirect to the
//! provider, the callback, the consent page and its form, and the reason shown on the
//! sign-in page after a failure. The provider is `end2end/oidc/provider.mjs`; the tests
//! are skipped, with a message, when `end2end/node_modules/oidc-provider` is missing.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use kabinet_core::db::{Db, PoolSettings};
use kabinet_core::keys::Keys;
use kabinet_core::password::HashCost;
use kabinet_core::sso::{ClientAuth, SsoSettings};
use kabinet_core::{Core, Settings};
use leptos::config::LeptosOptions;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tower::ServiceExt;

const REDIRECT_URL: &str = "http://127.0.0.1:9/auth/esia/callback";

struct TestProvider {
    issuer: String,
    _child: Child,
}

async fn start_provider() -> Option<TestProvider> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end");
    if !dir.join("node_modules/oidc-provider").is_dir() {
        eprintln!(
            "skipped: end2end/node_modules/oidc-provider is missing; run `npm install` in end2end"
        );
        return None;
    }
    let mut child = Command::new("node")
        .arg(dir.join("oidc/provider.mjs"))
        .arg("0")
        .env("OIDC_REDIRECT_URI", REDIRECT_URL)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("node starts the test provider");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let issuer = loop {
        let line = lines
            .next_line()
            .await
            .unwrap()
            .expect("the test provider prints its ready line before exiting");
        if let Some(issuer) = line.strip_prefix("oidc-provider ready ") {
            break issuer.to_string();
        }
    };
    // The provider keeps printing notices; a closed pipe would end it.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Some(TestProvider {
        issuer,
        _child: child,
    })
}

struct Portal {
    router: Router,
    _core: Arc<Core>,
    data_dir: PathBuf,
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

async fn portal(issuer: Option<&str>) -> Portal {
    let data_dir =
        std::env::temp_dir().join(format!("kabinet-sso-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&data_dir).unwrap();
    let url = format!("sqlite://{}", data_dir.join("kabinet.db").display());
    let db = Db::connect(&url, &PoolSettings::default()).await.unwrap();
    let mut settings = Settings::new(data_dir.clone());
    settings.password_cost = HashCost {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
    settings.backup_code_cost = settings.password_cost;
    settings.sso = issuer.map(|issuer| SsoSettings {
        issuer: issuer.to_string(),
        client_id: "kabinet-test".into(),
        client_secret: Some("kabinet-test-secret".into()),
        client_auth: ClientAuth::SecretBasic,
        client_key: None,
        gost: None,
        redirect_url: REDIRECT_URL.into(),
        scopes: SsoSettings::default_scopes(),
        acr_values: Vec::new(),
        max_age: None,
    });
    let core = Arc::new(Core::open(db, Keys::generate(), settings).await.unwrap());
    let web = kabinet_app::ssr::WebSettings {
        secure_cookies: true,
        production: false,
        session_max_age_seconds: 3600,
    };
    let options = LeptosOptions::builder()
        .output_name("kabinet")
        .site_root("target/site")
        .build();
    let metrics = kabinet_server::telemetry::install_metrics().unwrap();
    let router = kabinet_server::web::router(core.clone(), web, options, metrics, false);
    Portal {
        router,
        _core: core,
        data_dir,
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

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::empty()).unwrap()
}

fn form_post(path: &str, body: &str, cookie: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// The `name=value` pairs of the response's cookies that are set, not cleared.
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

fn location(response: &Response<Body>) -> String {
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Follows the provider's redirects from `url` and returns the query of its redirect
/// to the portal's callback.
async fn provider_answer(url: &str) -> String {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut url = reqwest::Url::parse(url).unwrap();
    for _ in 0..10 {
        let response = browser.get(url.clone()).send().await.unwrap();
        let location = response.headers()["location"].to_str().unwrap().to_string();
        let next = url.join(&location).unwrap();
        if next.as_str().starts_with(REDIRECT_URL) {
            return next.query().unwrap_or_default().to_string();
        }
        url = next;
    }
    panic!("the provider never redirected to the callback");
}

#[tokio::test]
async fn esia_sign_in_without_javascript() {
    let Some(provider) = start_provider().await else {
        return;
    };
    let portal = portal(Some(&provider.issuer)).await;

    let sign_in = text(send(&portal, get("/sign-in", None)).await).await;
    assert!(
        sign_in.contains("href=\"/auth/esia\""),
        "sign-in page offers ESIA"
    );

    let start = send(&portal, get("/auth/esia?next=%2Fapplications", None)).await;
    assert_eq!(start.status(), StatusCode::SEE_OTHER);
    let state_cookie = cookies(&start);
    assert!(
        state_cookie.starts_with("kabinet-sso-state="),
        "{state_cookie}"
    );
    let set_cookie = start.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(location(&start).starts_with(&provider.issuer));

    let query = provider_answer(&location(&start)).await;
    let callback = send(
        &portal,
        get(&format!("/auth/esia/callback?{query}"), Some(&state_cookie)),
    )
    .await;
    assert_eq!(location(&callback), "/auth/esia/consent");

    let consent = send(&portal, get("/auth/esia/consent", Some(&state_cookie))).await;
    assert_eq!(consent.status(), StatusCode::OK);
    let page = text(consent).await;
    for value in [
        "Иванова Мария Петровна",
        "12.04.1985",
        "112-233-445 95",
        "+7 916 123-45-67",
    ] {
        assert!(page.contains(value), "consent page shows {value}");
    }
    assert!(page.contains("Согласен"));
    assert!(page.contains("Отказаться"));
    assert!(
        !page.contains("name=\"password\""),
        "no password for a new account"
    );

    let accepted = send(
        &portal,
        form_post(
            "/auth/esia/consent/answer",
            "decision=accept",
            &state_cookie,
        ),
    )
    .await;
    assert_eq!(location(&accepted), "/applications");
    let session = cookies(&accepted);
    assert!(session.starts_with("__Host-kabinet-session="), "{session}");

    let security = text(send(&portal, get("/security", Some(&session))).await).await;
    assert!(
        security.contains("Госуслуги (ЕСИА)"),
        "security page has the section"
    );
}

#[tokio::test]
async fn callback_without_cookie_names_the_reason() {
    let Some(provider) = start_provider().await else {
        return;
    };
    let portal = portal(Some(&provider.issuer)).await;
    let start = send(&portal, get("/auth/esia", None)).await;
    let query = provider_answer(&location(&start)).await;

    let callback = send(&portal, get(&format!("/auth/esia/callback?{query}"), None)).await;
    assert_eq!(location(&callback), "/sign-in?sso_error=state");
    let page = text(send(&portal, get("/sign-in?sso_error=state", None)).await).await;
    assert!(
        page.contains("ответ пришёл не в тот браузер"),
        "sign-in page explains the state error"
    );
}

#[tokio::test]
async fn declined_consent_returns_to_sign_in() {
    let Some(provider) = start_provider().await else {
        return;
    };
    let portal = portal(Some(&provider.issuer)).await;
    let start = send(&portal, get("/auth/esia", None)).await;
    let state_cookie = cookies(&start);
    let query = provider_answer(&location(&start)).await;
    send(
        &portal,
        get(&format!("/auth/esia/callback?{query}"), Some(&state_cookie)),
    )
    .await;
    let declined = send(
        &portal,
        form_post(
            "/auth/esia/consent/answer",
            "decision=decline",
            &state_cookie,
        ),
    )
    .await;
    assert_eq!(location(&declined), "/sign-in?sso_error=denied");
    assert!(cookies(&declined).is_empty(), "no session after declining");
}

#[tokio::test]
async fn sign_in_page_hides_esia_when_unconfigured() {
    let portal = portal(None).await;
    let page = text(send(&portal, get("/sign-in", None)).await).await;
    assert!(
        !page.contains("/auth/esia"),
        "no ESIA link without an issuer"
    );
}
