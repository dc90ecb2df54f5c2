//! Requests per second and latency of the signed-in dashboard, next to a bare axum
//! handler served the same way, so the cost of the portal's own work is visible.
//!
//! Run with `cargo bench -p kabinet-server --bench http`. Each target gets a warm-up,
//! then `CONNECTIONS` keep-alive connections send requests back to back for
//! `DURATION`. Server and load generator share the machine, as they would share it
//! in any single-machine run; record the machine with the numbers in BENCHMARKS.md.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::get;
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use kabinet_core::applications::{FileUpload, Submission};
use kabinet_core::db::{Db, PoolSettings};
use kabinet_core::keys::Keys;
use kabinet_core::{Core, Settings};
use leptos::config::LeptosOptions;

const CONNECTIONS: usize = 16;
const WARM_UP: Duration = Duration::from_secs(2);
const DURATION: Duration = Duration::from_secs(10);
/// Applications of the signed-in citizen, so the dashboard lists real rows.
const APPLICATIONS: usize = 20;

struct Outcome {
    requests: u64,
    elapsed: Duration,
    latencies: Histogram<u64>,
}

#[tokio::main]
async fn main() {
    let data_dir =
        std::env::temp_dir().join(format!("kabinet-bench-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&data_dir).unwrap();
    let core = portal_core(&data_dir).await;

    let portal = serve(portal_router(core.clone())).await;
    let bare = serve(Router::new().route("/", get(|| async { "ok" }))).await;
    let cookie = sign_in_with_applications(&core, &portal).await;

    println!("| target | requests/s | p50 ms | p99 ms | requests |");
    println!("| --- | --- | --- | --- | --- |");
    for (name, url, cookie) in [
        ("bare axum handler", format!("http://{bare}/"), None),
        (
            "signed-in dashboard /cabinet",
            format!("http://{portal}/cabinet"),
            Some(cookie),
        ),
    ] {
        load(&url, cookie.as_deref(), WARM_UP).await;
        let outcome = load(&url, cookie.as_deref(), DURATION).await;
        let rate = outcome.requests as f64 / outcome.elapsed.as_secs_f64();
        let p50 = outcome.latencies.value_at_quantile(0.50) as f64 / 1000.0;
        let p99 = outcome.latencies.value_at_quantile(0.99) as f64 / 1000.0;
        println!(
            "| {name} | {rate:.0} | {p50:.2} | {p99:.2} | {} |",
            outcome.requests
        );
    }
    let _ = std::fs::remove_dir_all(data_dir);
}

async fn portal_core(data_dir: &std::path::Path) -> Arc<Core> {
    let url = format!("sqlite://{}", data_dir.join("kabinet.db").display());
    let db = Db::connect(&url, &PoolSettings::default()).await.unwrap();
    let core = Core::open(db, Keys::generate(), Settings::new(data_dir.to_path_buf()))
        .await
        .unwrap();
    core.seed_demo().await.unwrap();
    Arc::new(core)
}

fn portal_router(core: Arc<Core>) -> Router {
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
    kabinet_server::web::router(core, web, options, metrics, false)
}

async fn serve(router: Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap();
    });
    address
}

/// Signs the demo citizen in over HTTP and gives them applications to list.
async fn sign_in_with_applications(core: &Core, portal: &std::net::SocketAddr) -> String {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let request = hyper::Request::post(format!("http://{portal}/api/sign_in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .body(Full::from(
            "login=%2B79990000001&password=Demo-Kabinet-2026&next=",
        ))
        .unwrap();
    let response = client.request(request).await.unwrap();
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();

    let token = cookie.split_once('=').unwrap().1;
    let actor = core.resolve_session(token).await.unwrap().unwrap().actor;
    for _ in 0..APPLICATIONS {
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
        let submission = Submission {
            service_code: "criminal-record-certificate".into(),
            request_key: uuid::Uuid::new_v4().to_string(),
            answers,
            uploads: vec![FileUpload {
                document_code: "passport_scan".into(),
                file_name: "scan.pdf".into(),
                bytes: b"%PDF-1.4\n%%EOF\n".to_vec(),
            }],
            remove_staged: Vec::new(),
        };
        core.submit_application(&actor, submission).await.unwrap();
    }
    cookie
}

/// Sends GET requests to `url` from `CONNECTIONS` workers for `duration`.
async fn load(url: &str, cookie: Option<&str>, duration: Duration) -> Outcome {
    let client = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(CONNECTIONS)
        .build_http::<Empty<Bytes>>();
    let started = Instant::now();
    let deadline = started + duration;
    let mut workers = Vec::new();
    for _ in 0..CONNECTIONS {
        let client = client.clone();
        let url = url.to_string();
        let cookie = cookie.map(str::to_string);
        workers.push(tokio::spawn(async move {
            let mut latencies = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).unwrap();
            while Instant::now() < deadline {
                let mut request = hyper::Request::get(&url).header("accept", "text/html");
                if let Some(cookie) = &cookie {
                    request = request.header("cookie", cookie);
                }
                let sent = Instant::now();
                let response = client
                    .request(request.body(Empty::new()).unwrap())
                    .await
                    .unwrap();
                assert_eq!(
                    response.status(),
                    200,
                    "{url} answered {}",
                    response.status()
                );
                response.into_body().collect().await.unwrap();
                latencies.record(sent.elapsed().as_micros() as u64).unwrap();
            }
            latencies
        }));
    }
    let mut latencies = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).unwrap();
    for worker in workers {
        latencies.add(worker.await.unwrap()).unwrap();
    }
    Outcome {
        requests: latencies.len(),
        elapsed: started.elapsed(),
        latencies,
    }
}
