//! Sign-in through an identity provider, against a real OpenID Connect provider: the
//! `oidc-provider` npm package run by `end2end/oidc/provider.mjs`. An HTTP client with a
//! cookie jar plays the browser and follows the provider's redirects up to the portal's
//! callback URL, whose query the test hands to the core as the web layer would.
//!
//! The tests are skipped, with a message, when `end2end/node_modules/oidc-provider` is
//! missing; `scripts/test` installs it.

mod common;

use std::path::PathBuf;
use std::process::Stdio;

use chrono::Duration;
use common::{TestCore, cores};
use kabinet_core::shared::validate::Login;
use kabinet_core::sso::{
    ClientAuth, ClientKey, ConsentDecision, GostSigner, SsoError, SsoOutcome, SsoSettings,
};
use kabinet_core::{Client, Error};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const REDIRECT_URL: &str = "http://127.0.0.1:9/auth/esia/callback";
const CLIENT_ID: &str = "kabinet-test";
const CLIENT_SECRET: &str = "kabinet-test-secret";
const PASSWORD: &str = "Tr0pinka-Lesnaya7";

fn end2end_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../end2end")
}

/// A GOST R 34.10-2012 key and its self-signed certificate, made by `openssl` with the
/// `gost` engine in a folder of their own.
struct GostPair {
    folder: PathBuf,
}

impl GostPair {
    /// Makes a new pair, or returns `None` when openssl lacks the gost engine (Debian's
    /// `libengine-gost-openssl`, which `scripts/ensure-tools --test` installs).
    fn generate() -> Option<GostPair> {
        let folder = std::env::temp_dir().join(format!("kabinet-gost-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&folder).unwrap();
        let key = folder.join("key.pem");
        let made_key = std::process::Command::new("openssl")
            .args(["genpkey", "-engine", "gost", "-algorithm", "gost2012_256"])
            .args(["-pkeyopt", "paramset:A", "-out"])
            .arg(&key)
            .output()
            .unwrap();
        if !made_key.status.success() {
            eprintln!(
                "skipped: openssl has no gost engine ({}); install libengine-gost-openssl",
                String::from_utf8_lossy(&made_key.stderr).trim()
            );
            return None;
        }
        let made_certificate = std::process::Command::new("openssl")
            .args(["req", "-engine", "gost", "-new", "-x509", "-md_gost12_256"])
            .args(["-subj", "/CN=kabinet-test", "-days", "2", "-key"])
            .arg(&key)
            .arg("-out")
            .arg(folder.join("cert.pem"))
            .output()
            .unwrap();
        assert!(made_certificate.status.success(), "{made_certificate:?}");
        Some(GostPair { folder })
    }

    fn certificate(&self) -> PathBuf {
        self.folder.join("cert.pem")
    }

    fn signer(&self) -> GostSigner {
        GostSigner {
            openssl: PathBuf::from("openssl"),
            certificate: self.certificate(),
            key: self.folder.join("key.pem"),
        }
    }

    /// Returns whether `signature` (URL-safe Base64 of DER) signs `content` with this
    /// pair's key.
    fn verifies(&self, content: &str, signature: &str) -> bool {
        use base64::Engine as _;
        let der = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(signature)
            .unwrap();
        let signature_file = self.folder.join(format!("{}.der", uuid::Uuid::new_v4()));
        let content_file = self.folder.join(format!("{}.txt", uuid::Uuid::new_v4()));
        std::fs::write(&signature_file, der).unwrap();
        std::fs::write(&content_file, content).unwrap();
        std::process::Command::new("openssl")
            .args([
                "cms", "-verify", "-engine", "gost", "-binary", "-inform", "DER", "-in",
            ])
            .arg(&signature_file)
            .arg("-content")
            .arg(&content_file)
            .arg("-CAfile")
            .arg(self.certificate())
            .args(["-out", "/dev/null"])
            .output()
            .unwrap()
            .status
            .success()
    }
}

impl Drop for GostPair {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// A running test provider; the process ends when this is dropped.
struct TestProvider {
    issuer: String,
    /// The key of the provider's second client, which uses `private_key_jwt`.
    client_key: ClientKey,
    _child: Child,
}

impl TestProvider {
    async fn start() -> Option<TestProvider> {
        Self::start_with(None).await
    }

    /// Starts the provider; with `gost_certificate`, it also has the client
    /// `<CLIENT_ID>-gost`, which authenticates with a GOST signature checked against it.
    async fn start_with(gost_certificate: Option<PathBuf>) -> Option<TestProvider> {
        let dir = end2end_dir();
        if !dir.join("node_modules/oidc-provider").is_dir() {
            eprintln!(
                "skipped: end2end/node_modules/oidc-provider is missing; run `npm install` in end2end"
            );
            return None;
        }
        let client_key = ClientKey::generate();
        let jwks = serde_json::json!({ "keys": [client_key.public_jwk()] });
        let mut command = Command::new("node");
        command
            .arg(dir.join("oidc/provider.mjs"))
            .arg("0")
            .env("OIDC_REDIRECT_URI", REDIRECT_URL)
            .env("OIDC_CLIENT_ID", CLIENT_ID)
            .env("OIDC_CLIENT_SECRET", CLIENT_SECRET)
            .env("OIDC_CLIENT_JWKS", jwks.to_string());
        if let Some(certificate) = gost_certificate {
            command.env("OIDC_GOST_CERT", certificate);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("node starts the test provider");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
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
            client_key,
            _child: child,
        })
    }

    fn settings(&self) -> SsoSettings {
        SsoSettings {
            issuer: self.issuer.clone(),
            client_id: CLIENT_ID.into(),
            client_secret: Some(CLIENT_SECRET.into()),
            client_auth: ClientAuth::SecretBasic,
            client_key: None,
            gost: None,
            redirect_url: REDIRECT_URL.into(),
            scopes: SsoSettings::default_scopes(),
            acr_values: Vec::new(),
            max_age: None,
        }
    }

    /// Builds the settings of the second client, which signs a JWT with `key` instead of
    /// sending a secret.
    fn jwt_settings(&self, key: ClientKey) -> SsoSettings {
        SsoSettings {
            client_id: format!("{CLIENT_ID}-jwt"),
            client_secret: None,
            client_auth: ClientAuth::PrivateKeyJwt,
            client_key: Some(key),
            gost: None,
            ..self.settings()
        }
    }

    /// Makes the next authorization at the provider end with `error=access_denied`.
    async fn deny_next(&self) {
        let response = reqwest::Client::new()
            .post(format!("{}/test/deny", self.issuer))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
    }

    /// Sets the authentication context class the provider states for later sign-ins.
    async fn set_acr(&self, acr: &str) {
        let response = reqwest::Client::new()
            .post(format!("{}/test/acr", self.issuer))
            .body(acr.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
    }

    /// Replaces claims of the provider's test person.
    async fn set_person(&self, claims: serde_json::Value) {
        let response = reqwest::Client::new()
            .post(format!("{}/test/person", self.issuer))
            .body(claims.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
    }
}

/// The query of the provider's redirect to the portal's callback.
#[derive(Debug, Default)]
struct Callback {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

/// Follows the provider's redirects from `url`, as a browser would, until one leads to
/// the portal's callback.
async fn browse_to_callback(browser: &reqwest::Client, url: &str) -> Callback {
    let mut url = reqwest::Url::parse(url).unwrap();
    for _ in 0..10 {
        let response = browser.get(url.clone()).send().await.unwrap();
        assert!(
            response.status().is_redirection(),
            "provider answered {} at {url}",
            response.status()
        );
        let location = response.headers()["location"].to_str().unwrap().to_string();
        let next = url.join(&location).unwrap();
        if next.as_str().starts_with(REDIRECT_URL) {
            let mut callback = Callback::default();
            for (key, value) in next.query_pairs() {
                match key.as_ref() {
                    "state" => callback.state = Some(value.into_owned()),
                    "code" => callback.code = Some(value.into_owned()),
                    "error" => callback.error = Some(value.into_owned()),
                    _ => {}
                }
            }
            return callback;
        }
        url = next;
    }
    panic!("the provider never redirected to the callback");
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A browser's trip: start, the provider's redirects, and the callback with its cookie.
async fn round_trip(core: &TestCore) -> (String, Callback, Result<SsoOutcome, SsoError>) {
    let start = core.sso_start(Some("/applications")).await.unwrap();
    let callback = browse_to_callback(&browser(), &start.authorization_url).await;
    let outcome = core
        .sso_callback(
            callback.state.as_deref(),
            callback.code.as_deref(),
            callback.error.as_deref(),
            Some(&start.state),
            &Client::default(),
        )
        .await;
    (start.state, callback, outcome)
}

async fn user_count(core: &TestCore) -> i64 {
    let mut tx = core.db.begin_read().await.unwrap();
    kabinet_core::on_conn!(&mut tx, conn => sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(conn).await).unwrap()
}

async fn history_keys(core: &TestCore, user_id: uuid::Uuid) -> Vec<String> {
    let actor = kabinet_core::Actor {
        user_id,
        role: kabinet_core::shared::model::Role::Citizen,
        department: None,
        time_zone: "Europe/Moscow".into(),
    };
    core.history(&actor, 0)
        .await
        .unwrap()
        .into_iter()
        .map(|entry| entry.key)
        .collect()
}

/// Runs `test` on every backend with a fresh provider configured.
macro_rules! with_provider {
    (|$core:ident, $provider:ident| $body:block) => {
        for mut $core in cores().await {
            let Some($provider) = TestProvider::start().await else {
                $core.finish().await;
                return;
            };
            $core.core.settings.sso = Some($provider.settings());
            $body
            $core.finish().await;
        }
    };
}

#[tokio::test]
async fn first_sign_in_creates_account_after_consent() {
    with_provider!(|core, provider| {
        let before = user_count(&core).await;
        let (state, _, outcome) = round_trip(&core).await;
        assert!(
            matches!(outcome, Ok(SsoOutcome::Consent)),
            "{}: {outcome:?}",
            core.label
        );
        assert_eq!(
            user_count(&core).await,
            before,
            "{}: nothing before consent",
            core.label
        );

        let view = core.sso_consent_view(Some(&state)).await.unwrap();
        assert_eq!(view.family_name, "Иванова");
        assert_eq!(view.given_name, "Мария");
        assert_eq!(view.middle_name.as_deref(), Some("Петровна"));
        assert_eq!(view.birth_date.unwrap().to_string(), "1985-04-12");
        assert_eq!(view.snils.as_deref(), Some("112-233-445 95"));
        assert_eq!(view.phone.as_deref(), Some("+7 916 123-45-67"));
        assert_eq!(view.email.as_deref(), Some("maria.ivanova@example.org"));
        assert!(
            !view.password_required,
            "{}: no matching account",
            core.label
        );

        let outcome = core
            .sso_consent(
                Some(&state),
                ConsentDecision::Accept { password: None },
                &Client::default(),
            )
            .await;
        let Ok(SsoOutcome::SignedIn { signed_in, next }) = outcome else {
            panic!("{}: consent did not sign in: {outcome:?}", core.label);
        };
        assert_eq!(next, "/applications");
        assert_eq!(user_count(&core).await, before + 1);
        let session = core
            .resolve_session(&signed_in.token)
            .await
            .unwrap()
            .unwrap();
        let profile = core.profile(&session.actor).await.unwrap();
        assert_eq!(profile.surname, "Иванова");
        assert_eq!(profile.phone.as_deref(), Some("+79161234567"));
        assert!(profile.snils.is_some(), "{}: SNILS kept", core.label);
        let keys = history_keys(&core, signed_in.user_id).await;
        assert!(keys.contains(&"history-sso-linked".to_string()), "{keys:?}");
        assert!(
            keys.contains(&"history-registration".to_string()),
            "{keys:?}"
        );

        // The consent works once.
        let again = core
            .sso_consent(
                Some(&state),
                ConsentDecision::Accept { password: None },
                &Client::default(),
            )
            .await;
        assert!(matches!(again, Err(SsoError::Expired)), "{again:?}");
        drop(provider);
    });
}

#[tokio::test]
async fn second_sign_in_goes_straight_in() {
    with_provider!(|core, provider| {
        let (state, _, _) = round_trip(&core).await;
        let Ok(SsoOutcome::SignedIn {
            signed_in: first, ..
        }) = core
            .sso_consent(
                Some(&state),
                ConsentDecision::Accept { password: None },
                &Client::default(),
            )
            .await
        else {
            panic!("{}: first sign-in failed", core.label);
        };

        let (_, _, outcome) = round_trip(&core).await;
        let Ok(SsoOutcome::SignedIn { signed_in, next }) = outcome else {
            panic!("{}: second sign-in asked again: {outcome:?}", core.label);
        };
        assert_eq!(signed_in.user_id, first.user_id);
        assert_ne!(signed_in.session_id, first.session_id);
        assert_eq!(next, "/applications");
        drop(provider);
    });
}

#[tokio::test]
async fn state_mismatch_is_rejected() {
    with_provider!(|core, provider| {
        let start = core.sso_start(None).await.unwrap();
        let other = core.sso_start(None).await.unwrap();
        let callback = browse_to_callback(&browser(), &start.authorization_url).await;
        assert_eq!(callback.state.as_deref(), Some(start.state.as_str()));

        // The cookie of another request, and no cookie at all.
        for cookie in [Some(other.state.as_str()), None] {
            let outcome = core
                .sso_callback(
                    callback.state.as_deref(),
                    callback.code.as_deref(),
                    None,
                    cookie,
                    &Client::default(),
                )
                .await;
            assert!(
                matches!(outcome, Err(SsoError::State)),
                "{}: {outcome:?}",
                core.label
            );
        }
        // The state of another request in the query, with that request's own cookie.
        let outcome = core
            .sso_callback(
                Some(&other.state),
                callback.code.as_deref(),
                None,
                Some(&start.state),
                &Client::default(),
            )
            .await;
        assert!(matches!(outcome, Err(SsoError::State)), "{outcome:?}");
        drop(provider);
    });
}

#[tokio::test]
async fn replayed_callback_is_rejected() {
    with_provider!(|core, provider| {
        let (state, callback, outcome) = round_trip(&core).await;
        assert!(matches!(outcome, Ok(SsoOutcome::Consent)), "{outcome:?}");
        let replay = core
            .sso_callback(
                callback.state.as_deref(),
                callback.code.as_deref(),
                None,
                Some(&state),
                &Client::default(),
            )
            .await;
        assert!(
            matches!(replay, Err(SsoError::Expired)),
            "{}: {replay:?}",
            core.label
        );
        drop(provider);
    });
}

#[tokio::test]
async fn code_of_other_request_is_rejected() {
    with_provider!(|core, provider| {
        let (_, callback, outcome) = round_trip(&core).await;
        assert!(matches!(outcome, Ok(SsoOutcome::Consent)), "{outcome:?}");
        // A new request of the same browser carrying the code of the first one, already
        // exchanged and bound to another PKCE challenge: the provider refuses it, so no
        // ID token arrives.
        let start = core.sso_start(None).await.unwrap();
        let outcome = core
            .sso_callback(
                Some(&start.state),
                callback.code.as_deref(),
                None,
                Some(&start.state),
                &Client::default(),
            )
            .await;
        assert!(
            matches!(outcome, Err(SsoError::Token(_))),
            "{}: {outcome:?}",
            core.label
        );
        drop(provider);
    });
}

#[tokio::test]
async fn expired_request_is_rejected() {
    with_provider!(|core, provider| {
        let start = core.sso_start(None).await.unwrap();
        let callback = browse_to_callback(&browser(), &start.authorization_url).await;
        core.clock.advance(Duration::minutes(11));
        let outcome = core
            .sso_callback(
                callback.state.as_deref(),
                callback.code.as_deref(),
                None,
                Some(&start.state),
                &Client::default(),
            )
            .await;
        assert!(
            matches!(outcome, Err(SsoError::Expired)),
            "{}: {outcome:?}",
            core.label
        );
        drop(provider);
    });
}

#[tokio::test]
async fn wrong_issuer_is_rejected() {
    with_provider!(|core, provider| {
        // The provider calls itself http://127.0.0.1:<port>; the same server under
        // another name is a different issuer.
        let mut settings = provider.settings();
        settings.issuer = provider.issuer.replace("127.0.0.1", "localhost");
        core.core.settings.sso = Some(settings);
        let outcome = core.sso_start(None).await;
        assert!(
            matches!(outcome, Err(SsoError::Provider(_))),
            "{}: {outcome:?}",
            core.label
        );
    });
}

#[tokio::test]
async fn private_key_jwt_authenticates_the_portal() {
    with_provider!(|core, provider| {
        core.core.settings.sso = Some(provider.jwt_settings(provider.client_key.clone()));
        let (_, _, outcome) = round_trip(&core).await;
        assert!(
            matches!(outcome, Ok(SsoOutcome::Consent)),
            "{}: {outcome:?}",
            core.label
        );

        // A key the provider does not know fails at the token endpoint.
        core.core.settings.sso = Some(provider.jwt_settings(ClientKey::generate()));
        let (_, callback, outcome) = round_trip(&core).await;
        assert!(
            callback.code.is_some(),
            "{}: the provider sent a code",
            core.label
        );
        match outcome {
            Err(error @ SsoError::Token(_)) => assert_eq!(error.code(), "token"),
            other => panic!("{}: expected a token failure, got {other:?}", core.label),
        }
    });
}

#[tokio::test]
async fn acr_and_auth_time_are_checked() {
    with_provider!(|core, provider| {
        let mut settings = provider.settings();
        settings.acr_values = vec!["urn:kabinet:test:loa:2".into()];
        settings.max_age = Some(std::time::Duration::from_secs(300));
        core.core.settings.sso = Some(settings);

        // A sign-in at a lower level than the portal accepts is refused.
        provider.set_acr("urn:kabinet:test:loa:1").await;
        let (_, callback, outcome) = round_trip(&core).await;
        assert!(
            callback.code.is_some(),
            "{}: the provider sent a code",
            core.label
        );
        match outcome {
            Err(SsoError::Token(reason)) => assert!(reason.contains("acr"), "{reason}"),
            other => panic!("{}: expected a token failure, got {other:?}", core.label),
        }
        // So is one that states no level at all.
        provider.set_acr("").await;
        let (_, _, outcome) = round_trip(&core).await;
        assert!(
            matches!(outcome, Err(SsoError::Token(_))),
            "{}: {outcome:?}",
            core.label
        );

        // The accepted level passes; the provider sends auth_time for max_age, and the
        // sign-in just happened.
        provider.set_acr("urn:kabinet:test:loa:2").await;
        let (_, _, outcome) = round_trip(&core).await;
        assert!(
            matches!(outcome, Ok(SsoOutcome::Consent)),
            "{}: {outcome:?}",
            core.label
        );
    });
}

#[tokio::test]
async fn denied_consent_creates_nothing() {
    with_provider!(|core, provider| {
        let before = user_count(&core).await;

        // Declined at the provider.
        provider.deny_next().await;
        let (_, callback, outcome) = round_trip(&core).await;
        assert_eq!(callback.error.as_deref(), Some("access_denied"));
        assert!(
            matches!(outcome, Err(SsoError::Denied)),
            "{}: {outcome:?}",
            core.label
        );

        // Declined on the portal's consent page.
        let (state, _, outcome) = round_trip(&core).await;
        assert!(matches!(outcome, Ok(SsoOutcome::Consent)), "{outcome:?}");
        let declined = core
            .sso_consent(Some(&state), ConsentDecision::Decline, &Client::default())
            .await;
        assert!(matches!(declined, Err(SsoError::Denied)), "{declined:?}");
        assert_eq!(user_count(&core).await, before, "{}", core.label);
        // The received data is gone with the decision.
        let view = core.sso_consent_view(Some(&state)).await;
        assert!(matches!(view, Err(SsoError::Expired)), "{view:?}");
        drop(provider);
    });
}

#[tokio::test]
async fn matching_snils_needs_account_password() {
    with_provider!(|core, provider| {
        // A local account with the provider person's SNILS and another phone.
        let owner = core.register("+7 999 555-00-11", "112-233-445 95").await;
        let before = user_count(&core).await;
        let (state, _, _) = round_trip(&core).await;
        let view = core.sso_consent_view(Some(&state)).await.unwrap();
        assert!(view.password_required, "{}", core.label);

        for password in [None, Some("Wrong-Password-1")] {
            let outcome = core
                .sso_consent(
                    Some(&state),
                    ConsentDecision::Accept { password },
                    &Client::default(),
                )
                .await;
            assert!(
                matches!(outcome, Err(SsoError::Domain(Error::Invalid(_)))),
                "{}: {password:?}: {outcome:?}",
                core.label
            );
        }
        assert!(core.sso_link_status(&owner).await.unwrap().is_none());

        let outcome = core
            .sso_consent(
                Some(&state),
                ConsentDecision::Accept {
                    password: Some(PASSWORD),
                },
                &Client::default(),
            )
            .await;
        let Ok(SsoOutcome::SignedIn { signed_in, .. }) = outcome else {
            panic!("{}: right password did not link: {outcome:?}", core.label);
        };
        assert_eq!(signed_in.user_id, owner.user_id);
        assert_eq!(user_count(&core).await, before, "no new account");
        let status = core.sso_link_status(&owner).await.unwrap().unwrap();
        assert!(!status.needs_password);
        drop(provider);
    });
}

#[tokio::test]
async fn matching_phone_needs_account_password() {
    with_provider!(|core, provider| {
        // The provider's phone belongs to an account with another SNILS.
        let owner = core.register("+7 916 123-45-67", "").await;
        provider
            .set_person(serde_json::json!({ "snils": null }))
            .await;
        let (state, _, _) = round_trip(&core).await;
        let view = core.sso_consent_view(Some(&state)).await.unwrap();
        assert!(view.password_required, "{}", core.label);
        let outcome = core
            .sso_consent(
                Some(&state),
                ConsentDecision::Accept { password: None },
                &Client::default(),
            )
            .await;
        assert!(
            matches!(outcome, Err(SsoError::Domain(Error::Invalid(_)))),
            "{outcome:?}"
        );
        assert!(core.sso_link_status(&owner).await.unwrap().is_none());
        drop(provider);
    });
}

#[tokio::test]
async fn invalid_snils_claim_is_rejected() {
    with_provider!(|core, provider| {
        provider
            .set_person(serde_json::json!({ "snils": "11223344596" }))
            .await;
        let (state, _, outcome) = round_trip(&core).await;
        assert!(matches!(outcome, Ok(SsoOutcome::Consent)), "{outcome:?}");
        let view = core.sso_consent_view(Some(&state)).await;
        assert!(
            matches!(view, Err(SsoError::Claims("snils"))),
            "{}: {view:?}",
            core.label
        );
        drop(provider);
    });
}

#[tokio::test]
async fn locked_account_stays_locked() {
    with_provider!(|core, provider| {
        let owner = core.register("+7 999 555-00-12", "112-233-445 95").await;
        let (state, _, _) = round_trip(&core).await;
        core.sso_consent(
            Some(&state),
            ConsentDecision::Accept {
                password: Some(PASSWORD),
            },
            &Client::default(),
        )
        .await
        .unwrap();
        let login = Login::Phone("+79995550012".into());
        for _ in 0..3 {
            let _ = core
                .sign_in(&login, "Wrong-Password-1", &Client::default())
                .await;
        }
        let (_, _, outcome) = round_trip(&core).await;
        let Err(error) = outcome else {
            panic!("{}: a locked account signed in", core.label);
        };
        assert_eq!(error.code(), "locked", "{error:?}");
        assert!(core.sso_link_status(&owner).await.unwrap().is_some());
        drop(provider);
    });
}

#[tokio::test]
async fn unlink_needs_step_up_and_own_password() {
    with_provider!(|core, provider| {
        // An account made by the link has no password of its owner's choosing.
        let (state, _, _) = round_trip(&core).await;
        let Ok(SsoOutcome::SignedIn { signed_in, .. }) = core
            .sso_consent(
                Some(&state),
                ConsentDecision::Accept { password: None },
                &Client::default(),
            )
            .await
        else {
            panic!("{}: sign-in failed", core.label);
        };
        let session = core
            .resolve_session(&signed_in.token)
            .await
            .unwrap()
            .unwrap();
        let refused = core.sso_unlink(&session).await;
        assert!(
            matches!(&refused, Err(Error::Rejected(message)) if message.key == "error-sso-unlink-needs-password"),
            "{}: {refused:?}",
            core.label
        );

        // A linked account with its own password: unlinking needs a fresh step-up.
        provider
            .set_person(serde_json::json!({ "sub": "esia-test-2", "snils": "12345678964", "phone_number": "+79165550000" }))
            .await;
        let owner = core.register("+7 999 555-00-13", "123-456-789 64").await;
        let (state, _, _) = round_trip(&core).await;
        let Ok(SsoOutcome::SignedIn { signed_in, .. }) = core
            .sso_consent(
                Some(&state),
                ConsentDecision::Accept {
                    password: Some(PASSWORD),
                },
                &Client::default(),
            )
            .await
        else {
            panic!("{}: link failed", core.label);
        };
        assert_eq!(signed_in.user_id, owner.user_id);
        // Requests keep the session alive past the step-up window.
        core.clock.advance(Duration::minutes(10));
        core.resolve_session(&signed_in.token)
            .await
            .unwrap()
            .unwrap();
        core.clock.advance(Duration::minutes(6));
        let session = core
            .resolve_session(&signed_in.token)
            .await
            .unwrap()
            .unwrap();
        let stale = core.sso_unlink(&session).await;
        assert!(
            matches!(stale, Err(Error::StepUpRequired)),
            "{}: {stale:?}",
            core.label
        );
        assert!(core.sso_link_status(&owner).await.unwrap().is_some());

        // A new sign-in through the provider counts as a fresh step-up.
        let (_, _, outcome) = round_trip(&core).await;
        let Ok(SsoOutcome::SignedIn { signed_in, .. }) = outcome else {
            panic!("{}: sign-in failed: {outcome:?}", core.label);
        };
        let session = core
            .resolve_session(&signed_in.token)
            .await
            .unwrap()
            .unwrap();
        core.sso_unlink(&session).await.unwrap();
        assert!(core.sso_link_status(&owner).await.unwrap().is_none());
        let keys = history_keys(&core, owner.user_id).await;
        assert!(
            keys.contains(&"history-sso-unlinked".to_string()),
            "{keys:?}"
        );
    });
}

#[tokio::test]
async fn gost_signature_authenticates_the_portal() {
    let Some(pair) = GostPair::generate() else {
        return;
    };
    let other_pair = GostPair::generate().unwrap();
    for core in cores().await {
        let Some(provider) = TestProvider::start_with(Some(pair.certificate())).await else {
            core.finish().await;
            return;
        };
        let mut core = core;
        let gost_settings = |signer: GostSigner| SsoSettings {
            client_id: format!("{CLIENT_ID}-gost"),
            client_secret: None,
            client_auth: ClientAuth::GostSignature,
            gost: Some(signer),
            ..provider.settings()
        };
        core.core.settings.sso = Some(gost_settings(pair.signer()));

        // The authorization request carries the signature of its own scope, time, client
        // id and state.
        let start = core.sso_start(Some("/applications")).await.unwrap();
        let url = reqwest::Url::parse(&start.authorization_url).unwrap();
        let param = |name: &str| {
            url.query_pairs()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.into_owned())
                .unwrap_or_else(|| panic!("no {name} in the authorization URL"))
        };
        let signed = format!(
            "{}{}{}{}",
            param("scope"),
            param("timestamp"),
            param("client_id"),
            param("state")
        );
        assert_eq!(
            param("scope"),
            "openid profile email phone snils",
            "{}",
            core.label
        );
        assert!(
            pair.verifies(&signed, &param("client_secret")),
            "{}: the authorization request's signature verifies",
            core.label
        );
        assert!(
            !pair.verifies(&format!("{signed}x"), &param("client_secret")),
            "{}: a signature covers only its own text",
            core.label
        );

        // The provider checks the token request's signature before it issues tokens.
        let callback = browse_to_callback(&browser(), &start.authorization_url).await;
        let outcome = core
            .sso_callback(
                callback.state.as_deref(),
                callback.code.as_deref(),
                callback.error.as_deref(),
                Some(&start.state),
                &Client::default(),
            )
            .await;
        assert!(
            matches!(outcome, Ok(SsoOutcome::Consent)),
            "{}: {outcome:?}",
            core.label
        );

        // A key whose certificate the provider does not have fails at the token endpoint.
        core.core.settings.sso = Some(gost_settings(other_pair.signer()));
        let (_, callback, outcome) = round_trip(&core).await;
        assert!(
            callback.code.is_some(),
            "{}: the provider sent a code",
            core.label
        );
        match outcome {
            Err(error @ SsoError::Token(_)) => assert_eq!(error.code(), "token"),
            other => panic!("{}: expected a token failure, got {other:?}", core.label),
        }
        core.finish().await;
    }
}
