//! Passkeys as a second factor, with a software authenticator as the device, on every backend
//! under test.

mod common;

use chrono::Duration;
use common::authenticator::SoftAuthenticator;
use common::{TestCore, cores, field_key, rejection_key};
use kabinet_core::accounts::{FactorChoice, SessionUser, SignInOutcome};
use kabinet_core::shared::model::FactorKind;
use kabinet_core::shared::validate::Login;
use kabinet_core::{Client, Error};
use uuid::Uuid;

const PASSWORD: &str = "Tr0pinka-Lesnaya7";
const ORIGIN: &str = "http://localhost:8080";
const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:135.0) Gecko/20100101 Firefox/135.0";

fn phone(number: &str) -> Login {
    Login::Phone(number.into())
}

fn firefox() -> Client {
    Client {
        ip: None,
        user_agent: Some(FIREFOX.to_string()),
    }
}

/// Cores whose public address is `ORIGIN`, where passkeys work.
async fn passkey_cores() -> Vec<TestCore> {
    let mut cores = cores().await;
    for core in &mut cores {
        core.core.settings.public_url = ORIGIN.to_string();
    }
    cores
}

/// Signs in and proves the password again, which allows critical changes.
async fn stepped_up(core: &TestCore, number: &str) -> SessionUser {
    let token = core
        .sign_in(&phone(number), PASSWORD, &Client::default())
        .await
        .unwrap()
        .token;
    let session = core.resolve_session(&token).await.unwrap().unwrap();
    core.step_up(&session, None, PASSWORD).await.unwrap();
    core.resolve_session(&token).await.unwrap().unwrap()
}

/// Adds a passkey made by `device` to the account; returns its factor id.
async fn with_passkey(
    core: &TestCore,
    session: &SessionUser,
    device: &mut SoftAuthenticator,
) -> Uuid {
    let options = core.start_passkey(session).await.unwrap();
    core.finish_passkey(session, &device.register(&options), &firefox())
        .await
        .unwrap();
    let overview = core.factors_overview(&session.actor).await.unwrap();
    overview
        .factors
        .iter()
        .find(|factor| factor.kind == FactorKind::Passkey)
        .expect("the passkey is listed")
        .id
}

/// Lets `minutes` pass while the session stays active, and returns it as it is then.
async fn later(core: &TestCore, token: &str, minutes: i64) -> SessionUser {
    for _ in 0..minutes {
        core.clock.advance(Duration::minutes(1));
        core.resolve_session(token)
            .await
            .unwrap()
            .expect("the session is active");
    }
    core.resolve_session(token).await.unwrap().unwrap()
}

async fn challenge(core: &TestCore, number: &str) -> Uuid {
    match core
        .start_sign_in(&phone(number), PASSWORD, &Client::default(), None)
        .await
        .unwrap()
    {
        SignInOutcome::SecondFactor(challenge) => challenge,
        SignInOutcome::SignedIn(_) => panic!("{}: signed in without a second factor", core.label),
    }
}

#[tokio::test]
async fn passkey_signs_in_and_steps_up() {
    for core in passkey_cores().await {
        core.register("+79123470001", "").await;
        let session = stepped_up(&core, "+79123470001").await;
        let mut device = SoftAuthenticator::new(ORIGIN);

        let options = core.start_passkey(&session).await.unwrap();
        let codes = core
            .finish_passkey(&session, &device.register(&options), &firefox())
            .await
            .unwrap();
        let overview = core.factors_overview(&session.actor).await.unwrap();

        assert_eq!(
            codes.map(|codes| codes.len()),
            Some(10),
            "{}: the first factor comes with backup codes",
            core.label
        );
        assert!(overview.passkeys_available, "{}", core.label);
        assert_eq!(overview.factors.len(), 1, "{}", core.label);
        let factor = &overview.factors[0];
        assert_eq!(factor.kind, FactorKind::Passkey, "{}", core.label);
        assert_eq!(
            factor.label.as_deref(),
            Some("Firefox, Linux"),
            "{}",
            core.label
        );
        assert!(factor.is_default, "{}", core.label);

        let id = challenge(&core, "+79123470001").await;
        let options = core.passkey_sign_in_options(id, factor.id).await.unwrap();
        let response = device.sign(&options);
        let completed = core
            .complete_challenge(
                id,
                FactorChoice::Factor(factor.id),
                &response,
                false,
                &Client::default(),
            )
            .await
            .unwrap();
        assert!(
            core.resolve_session(&completed.signed_in.token)
                .await
                .unwrap()
                .is_some(),
            "{}: the sign-in opened a session",
            core.label
        );

        // The same response again, in a new sign-in that asked for the passkey too.
        let again = challenge(&core, "+79123470001").await;
        core.passkey_sign_in_options(again, factor.id)
            .await
            .unwrap();
        let replay = core
            .complete_challenge(
                again,
                FactorChoice::Factor(factor.id),
                &response,
                false,
                &Client::default(),
            )
            .await
            .unwrap_err();
        assert_eq!(
            field_key(replay, "code"),
            "error-passkey-failed",
            "{}: a response counts once",
            core.label
        );

        // A step-up once the sign-in's own proof is older than the step-up window.
        let session = later(&core, &completed.signed_in.token, 16).await;
        assert!(
            matches!(core.require_step_up(&session), Err(Error::StepUpRequired)),
            "{}",
            core.label
        );
        let options = core
            .passkey_step_up_options(&session, factor.id)
            .await
            .unwrap();
        core.step_up(
            &session,
            Some(FactorChoice::Factor(factor.id)),
            &device.sign(&options),
        )
        .await
        .unwrap();
        let session = core
            .resolve_session(&completed.signed_in.token)
            .await
            .unwrap()
            .unwrap();
        assert!(
            core.require_step_up(&session).is_ok(),
            "{}: the passkey stepped the session up",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn passkey_answer_must_match_its_ceremony() {
    for core in passkey_cores().await {
        core.register("+79123470002", "").await;
        let session = stepped_up(&core, "+79123470002").await;
        let mut device = SoftAuthenticator::new(ORIGIN);
        let factor = with_passkey(&core, &session, &mut device).await;
        let choice = FactorChoice::Factor(factor);

        // Each case gets a fresh sign-in, so that earlier failures do not use up its tries.
        let mut wrong = Vec::new();

        // The response to one sign-in's options, sent to another sign-in.
        let first = challenge(&core, "+79123470002").await;
        let second = challenge(&core, "+79123470002").await;
        let first_options = core.passkey_sign_in_options(first, factor).await.unwrap();
        core.passkey_sign_in_options(second, factor).await.unwrap();
        let response = device.sign(&first_options);
        wrong.push(("another sign-in's response", second, response));

        // A key that is not the registered one, under the same credential id.
        let id = challenge(&core, "+79123470002").await;
        let options = core.passkey_sign_in_options(id, factor).await.unwrap();
        wrong.push(("a forged key", id, device.forged_copy().sign(&options)));

        // The real passkey, used by another site's page that relayed the options.
        let id = challenge(&core, "+79123470002").await;
        let options = core.passkey_sign_in_options(id, factor).await.unwrap();
        device.origin = "http://localhost:8081".to_string();
        wrong.push(("another origin", id, device.sign(&options)));
        device.origin = ORIGIN.to_string();

        // A device that did not verify its user.
        let id = challenge(&core, "+79123470002").await;
        let options = core.passkey_sign_in_options(id, factor).await.unwrap();
        device.verifies_user = false;
        wrong.push(("no user verification", id, device.sign(&options)));
        device.verifies_user = true;

        // An response after the ceremony has expired.
        let id = challenge(&core, "+79123470002").await;
        let options = core.passkey_sign_in_options(id, factor).await.unwrap();
        let late = device.sign(&options);
        core.clock.advance(Duration::minutes(6));
        let id_late = challenge(&core, "+79123470002").await;
        wrong.push(("a response after expiry", id_late, late));

        // Malformed JSON.
        let id = challenge(&core, "+79123470002").await;
        core.passkey_sign_in_options(id, factor).await.unwrap();
        wrong.push(("malformed JSON", id, "{\"id\": 1".to_string()));

        for (case, id, response) in wrong {
            let error = core
                .complete_challenge(id, choice, &response, false, &Client::default())
                .await
                .unwrap_err();
            assert_eq!(
                field_key(error, "code"),
                "error-passkey-failed",
                "{}: {case}",
                core.label
            );
        }

        // The real device still signs in after all of that.
        let id = challenge(&core, "+79123470002").await;
        let options = core.passkey_sign_in_options(id, factor).await.unwrap();
        core.complete_challenge(
            id,
            choice,
            &device.sign(&options),
            false,
            &Client::default(),
        )
        .await
        .unwrap();
        core.finish().await;
    }
}

#[tokio::test]
async fn passkey_belongs_to_its_account() {
    for core in passkey_cores().await {
        core.register("+79123470003", "").await;
        core.register("+79123470004", "").await;
        let owner = stepped_up(&core, "+79123470003").await;
        let other = stepped_up(&core, "+79123470004").await;
        let mut device = SoftAuthenticator::new(ORIGIN);
        let factor = with_passkey(&core, &owner, &mut device).await;

        // Another account cannot ask for the owner's passkey, in a sign-in or a step-up.
        let mut other_device = SoftAuthenticator::new(ORIGIN);
        with_passkey(&core, &other, &mut other_device).await;
        let id = challenge(&core, "+79123470004").await;
        let sign_in = core.passkey_sign_in_options(id, factor).await.unwrap_err();
        let step_up = core
            .passkey_step_up_options(&other, factor)
            .await
            .unwrap_err();
        assert!(
            matches!(sign_in, Error::NotFound),
            "{}: {sign_in:?}",
            core.label
        );
        assert!(
            matches!(step_up, Error::NotFound),
            "{}: {step_up:?}",
            core.label
        );

        // The same device cannot be added twice to one account.
        let options = core.start_passkey(&owner).await.unwrap();
        let twice = core
            .finish_passkey(&owner, &device.register(&options), &firefox())
            .await
            .unwrap_err();
        assert_eq!(
            rejection_key(twice),
            "error-passkey-known",
            "{}",
            core.label
        );

        // A response to nothing: no registration was started in this session.
        let unasked = core
            .finish_passkey(
                &owner,
                &SoftAuthenticator::new(ORIGIN).register(&options),
                &firefox(),
            )
            .await
            .unwrap_err();
        assert_eq!(
            rejection_key(unasked),
            "error-passkey-expired",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn passkeys_need_a_domain_name() {
    for mut core in cores().await {
        core.register("+79123470005", "").await;
        let session = stepped_up(&core, "+79123470005").await;
        core.core.settings.public_url = "http://127.0.0.1:3000".to_string();

        let overview = core.factors_overview(&session.actor).await.unwrap();
        let started = core.start_passkey(&session).await.unwrap_err();

        assert!(!overview.passkeys_available, "{}", core.label);
        assert_eq!(
            rejection_key(started),
            "error-passkey-unavailable",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn adding_a_passkey_needs_a_step_up() {
    for core in passkey_cores().await {
        core.register("+79123470006", "").await;
        let token = core
            .sign_in(&phone("+79123470006"), PASSWORD, &Client::default())
            .await
            .unwrap()
            .token;
        // The password of the sign-in counts as a step-up for 15 minutes.
        let session = later(&core, &token, 16).await;

        let started = core.start_passkey(&session).await.unwrap_err();
        assert!(
            matches!(started, Error::StepUpRequired),
            "{}: {started:?}",
            core.label
        );
        core.finish().await;
    }
}
