//! An administrator ends the sessions of one person or of everyone else, on every
//! backend under test.

mod common;

use chrono::Duration;
use common::{TestCore, cores};
use kabinet_core::accounts::{SessionUser, SignedIn};
use kabinet_core::demo::DEMO_PASSWORD;
use kabinet_core::shared::forms::{AllSessionsForm, PersonSessionsForm};
use kabinet_core::shared::validate::Login;
use kabinet_core::{Client, Error};

const CITIZEN: &str = "+79990000001";
const OFFICIAL: &str = "+79990000002";
const SUPPORT: &str = "+79990000003";
const ADMIN: &str = "+79990000004";

async fn sign_in(core: &TestCore, phone: &str) -> SignedIn {
    core.sign_in(
        &Login::Phone(phone.into()),
        DEMO_PASSWORD,
        &Client::default(),
    )
    .await
    .unwrap()
}

async fn session(core: &TestCore, signed_in: &SignedIn) -> SessionUser {
    core.resolve_session(&signed_in.token)
        .await
        .unwrap()
        .expect("the session is open")
}

async fn is_open(core: &TestCore, signed_in: &SignedIn) -> bool {
    core.resolve_session(&signed_in.token)
        .await
        .unwrap()
        .is_some()
}

fn person(login: &str) -> PersonSessionsForm {
    PersonSessionsForm {
        login: login.into(),
    }
}

fn confirmed() -> AllSessionsForm {
    AllSessionsForm {
        confirm: "on".into(),
    }
}

fn field_error(error: Error, field: &str) -> kabinet_core::shared::Message {
    match error {
        Error::Invalid(errors) => errors
            .get(field)
            .cloned()
            .unwrap_or_else(|| panic!("no error on {field}: {errors:?}")),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn admin_ends_one_persons_sessions() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let first = sign_in(&core, CITIZEN).await;
        let second = sign_in(&core, CITIZEN).await;
        let official = sign_in(&core, OFFICIAL).await;
        let admin_signed_in = sign_in(&core, ADMIN).await;
        let admin = session(&core, &admin_signed_in).await;
        let citizen_id = first.user_id;

        // The phone as people type it, normalised like at sign-in.
        let ended = core
            .end_person_sessions(&admin, &person("8 (999) 000-00-01"))
            .await
            .unwrap();

        assert_eq!(ended, 2, "{}", core.label);
        assert!(!is_open(&core, &first).await, "{}", core.label);
        assert!(!is_open(&core, &second).await, "{}", core.label);
        assert!(is_open(&core, &official).await, "{}", core.label);
        assert!(is_open(&core, &admin_signed_in).await, "{}", core.label);
        let audit = core.audit_entries_about(citizen_id).await.unwrap();
        let entry = audit
            .iter()
            .find(|entry| entry.action == "sessions_ended")
            .unwrap_or_else(|| panic!("{}: no audit entry", core.label));
        assert_eq!(entry.actor_id, Some(admin.actor.user_id), "{}", core.label);
        assert_eq!(entry.details, r#"{"count":"2"}"#, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn person_is_found_by_email_and_snils() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let admin = session(&core, &sign_in(&core, ADMIN).await).await;

        for login in [" Citizen@Kabinet.Example ", "112 233 445 95"] {
            let citizen = sign_in(&core, CITIZEN).await;
            let ended = core
                .end_person_sessions(&admin, &person(login))
                .await
                .unwrap();
            assert_eq!(ended, 1, "{}: {login:?}", core.label);
            assert!(!is_open(&core, &citizen).await, "{}: {login:?}", core.label);
        }
        core.finish().await;
    }
}

#[tokio::test]
async fn unknown_login_names_no_personal_data() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let admin = session(&core, &sign_in(&core, ADMIN).await).await;

        let error = core
            .end_person_sessions(&admin, &person("+7 912 348-99-99"))
            .await
            .unwrap_err();
        let message = field_error(error, "login");

        assert_eq!(
            message.key, "error-sessions-login-unknown",
            "{}",
            core.label
        );
        assert!(message.args.is_empty(), "{}: {message:?}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn admin_keeps_own_session_when_naming_self() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let current = sign_in(&core, ADMIN).await;
        let other = sign_in(&core, ADMIN).await;
        let admin = session(&core, &current).await;

        let ended = core
            .end_person_sessions(&admin, &person("admin@kabinet.example"))
            .await
            .unwrap();

        assert_eq!(ended, 1, "{}", core.label);
        assert!(is_open(&core, &current).await, "{}", core.label);
        assert!(!is_open(&core, &other).await, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn ending_everyone_keeps_the_admin() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let others = [
            sign_in(&core, CITIZEN).await,
            sign_in(&core, CITIZEN).await,
            sign_in(&core, OFFICIAL).await,
            sign_in(&core, SUPPORT).await,
        ];
        let current = sign_in(&core, ADMIN).await;
        let elsewhere = sign_in(&core, ADMIN).await;
        let admin = session(&core, &current).await;
        assert_eq!(
            core.count_active_sessions(&admin.actor).await.unwrap(),
            6,
            "{}",
            core.label
        );

        let unconfirmed = core
            .end_all_sessions(&admin, &AllSessionsForm::default())
            .await
            .unwrap_err();
        assert_eq!(
            field_error(unconfirmed, "confirm").key,
            "error-sessions-confirm",
            "{}",
            core.label
        );
        assert!(is_open(&core, &others[0]).await, "{}", core.label);

        let ended = core.end_all_sessions(&admin, &confirmed()).await.unwrap();

        assert_eq!(ended, 4, "{}", core.label);
        for signed_in in &others {
            assert!(!is_open(&core, signed_in).await, "{}", core.label);
        }
        assert!(is_open(&core, &current).await, "{}", core.label);
        assert!(is_open(&core, &elsewhere).await, "{}", core.label);
        assert_eq!(
            core.count_active_sessions(&admin.actor).await.unwrap(),
            2,
            "{}",
            core.label
        );
        let audit = core.audit_entries().await.unwrap();
        let entry = audit
            .iter()
            .find(|entry| entry.action == "all_sessions_ended")
            .unwrap_or_else(|| panic!("{}: no audit entry", core.label));
        assert_eq!(entry.actor_id, Some(admin.actor.user_id), "{}", core.label);
        assert_eq!(entry.subject_user_id, None, "{}", core.label);
        assert_eq!(entry.details, r#"{"count":"4"}"#, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn only_an_admin_ends_sessions() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let citizen = sign_in(&core, CITIZEN).await;
        for phone in [CITIZEN, OFFICIAL, SUPPORT] {
            let caller = session(&core, &sign_in(&core, phone).await).await;

            let one = core
                .end_person_sessions(&caller, &person(CITIZEN))
                .await
                .unwrap_err();
            let all = core
                .end_all_sessions(&caller, &confirmed())
                .await
                .unwrap_err();
            let count = core.count_active_sessions(&caller.actor).await.unwrap_err();

            assert!(matches!(one, Error::Forbidden), "{}: {one:?}", core.label);
            assert!(matches!(all, Error::Forbidden), "{}: {all:?}", core.label);
            assert!(
                matches!(count, Error::Forbidden),
                "{}: {count:?}",
                core.label
            );
        }
        assert!(is_open(&core, &citizen).await, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn ending_sessions_needs_fresh_step_up() {
    for core in cores().await {
        core.seed_demo().await.unwrap();
        let admin_signed_in = sign_in(&core, ADMIN).await;
        // The sign-in counts as a step-up for 15 minutes; the session stays active.
        for _ in 0..16 {
            core.clock.advance(Duration::minutes(1));
            core.resolve_session(&admin_signed_in.token).await.unwrap();
        }
        let admin = session(&core, &admin_signed_in).await;

        let one = core
            .end_person_sessions(&admin, &person(CITIZEN))
            .await
            .unwrap_err();
        let all = core
            .end_all_sessions(&admin, &confirmed())
            .await
            .unwrap_err();

        assert!(
            matches!(one, Error::StepUpRequired),
            "{}: {one:?}",
            core.label
        );
        assert!(
            matches!(all, Error::StepUpRequired),
            "{}: {all:?}",
            core.label
        );
        core.finish().await;
    }
}
