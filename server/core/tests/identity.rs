//! Lockout, throttling, recovery, sessions, the login journal and network rules, on every
//! backend under test.

mod common;

use std::net::IpAddr;

use chrono::Duration;
use common::{TestCore, code_in, cores};
use kabinet_core::accounts::{RecoveryPurpose, RecoveryStep, SignedIn};
use kabinet_core::shared::forms::{NetworkRuleForm, NewPasswordForm, PasswordChangeForm};
use kabinet_core::shared::model::{Place, SignInResult};
use kabinet_core::shared::validate::Login;
use kabinet_core::shared::{Locale, Message};
use kabinet_core::{Actor, Client, Error};

const PASSWORD: &str = "Tr0pinka-Lesnaya7";
const NEW_PASSWORD: &str = "Novyi-Parol-2026";
const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const CHROME_ANDROID: &str = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

fn phone(number: &str) -> Login {
    Login::Phone(number.into())
}

fn client(ip: &str, agent: &str) -> Client {
    Client {
        ip: Some(ip.parse::<IpAddr>().unwrap()),
        user_agent: Some(agent.into()),
    }
}

fn rejection(error: Error) -> Message {
    match error {
        Error::Rejected(message) => message,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

fn field_key(error: Error, field: &str) -> String {
    match error {
        Error::Invalid(errors) => errors
            .get(field)
            .unwrap_or_else(|| panic!("no error on {field}: {errors:?}"))
            .key
            .clone(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

/// The key and the `left` argument of a failed sign-in.
async fn failed_sign_in(
    core: &TestCore,
    login: &Login,
    password: &str,
) -> (String, Option<String>) {
    let message = rejection(
        core.sign_in(login, password, &Client::default())
            .await
            .unwrap_err(),
    );
    let left = message
        .args
        .iter()
        .find(|(name, _)| name == "left")
        .map(|(_, value)| value.clone());
    (message.key, left)
}

async fn sign_in_as(core: &TestCore, number: &str, password: &str, client: &Client) -> SignedIn {
    core.sign_in(&phone(number), password, client)
        .await
        .unwrap()
}

async fn actor_of(core: &TestCore, signed_in: &SignedIn) -> Actor {
    core.resolve_session(&signed_in.token)
        .await
        .unwrap()
        .unwrap()
        .actor
}

/// Runs a reset recovery to its end with the code from the SMS.
async fn reset_password(core: &TestCore, number: &str, password: &str) {
    let id = core
        .start_recovery(
            RecoveryPurpose::Reset,
            &phone(number),
            Locale::Ru,
            &Client::default(),
        )
        .await
        .unwrap();
    let code = code_in(&core.last_sms(number).await);
    assert_eq!(
        core.verify_recovery(id, &code).await.unwrap(),
        RecoveryStep::NewPassword
    );
    core.complete_recovery(
        id,
        &NewPasswordForm {
            password: password.into(),
            password_repeat: password.into(),
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn third_wrong_password_locks_account() {
    for core in cores().await {
        let actor = core.register("+79123450001", "").await;
        let login = phone("+79123450001");

        let answers = [
            failed_sign_in(&core, &login, "Wrong-Password-1").await,
            failed_sign_in(&core, &login, "Wrong-Password-2").await,
            failed_sign_in(&core, &login, "Wrong-Password-3").await,
            failed_sign_in(&core, &login, PASSWORD).await,
        ];

        assert_eq!(
            answers[0],
            ("error-sign-in-failed".into(), Some("2".into())),
            "{}",
            core.label
        );
        assert_eq!(
            answers[1],
            ("error-sign-in-failed".into(), Some("1".into())),
            "{}",
            core.label
        );
        assert_eq!(
            answers[2],
            ("error-account-locked".into(), None),
            "{}",
            core.label
        );
        assert_eq!(
            answers[3],
            ("error-account-locked".into(), None),
            "{}: right password while locked",
            core.label
        );
        let notifications = core.notifications(&actor).await.unwrap();
        assert_eq!(
            notifications[0].key, "notification-account-locked",
            "{}",
            core.label
        );
        let sms = core.last_sms("+79123450001").await;
        assert!(sms.contains("заблокирован"), "{}: {sms}", core.label);
        let history = core.history(&actor, 0).await.unwrap();
        assert!(
            history
                .iter()
                .any(|entry| entry.key == "history-account-locked"),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn lock_counts_every_form_of_login() {
    for core in cores().await {
        core.register("+79123450002", "112-233-445 95").await;

        failed_sign_in(&core, &phone("+79123450002"), "Wrong-Password-1").await;
        failed_sign_in(
            &core,
            &Login::Snils("11223344595".into()),
            "Wrong-Password-2",
        )
        .await;
        let third = failed_sign_in(&core, &phone("+79123450002"), "Wrong-Password-3").await;

        assert_eq!(third.0, "error-account-locked", "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn success_resets_the_counter() {
    for core in cores().await {
        core.register("+79123450003", "").await;
        let login = phone("+79123450003");

        failed_sign_in(&core, &login, "Wrong-Password-1").await;
        failed_sign_in(&core, &login, "Wrong-Password-2").await;
        sign_in_as(&core, "+79123450003", PASSWORD, &Client::default()).await;
        let next = failed_sign_in(&core, &login, "Wrong-Password-3").await;

        assert_eq!(
            next,
            ("error-sign-in-failed".into(), Some("2".into())),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn unknown_login_answers_like_real_one() {
    for core in cores().await {
        core.register("+79123450004", "").await;
        let real = phone("+79123450004");
        let unknown = phone("+79003450004");

        for attempt in 1..=4 {
            let password = format!("Wrong-Password-{attempt}");
            let from_real = failed_sign_in(&core, &real, &password).await;
            let from_unknown = failed_sign_in(&core, &unknown, &password).await;
            assert_eq!(from_real, from_unknown, "{}: attempt {attempt}", core.label);
        }
        core.finish().await;
    }
}

#[tokio::test]
async fn concurrent_wrong_passwords_lock_once() {
    for core in cores().await {
        let actor = core.register("+79123450005", "").await;
        let login = phone("+79123450005");

        let attempts = (0..6).map(|i| {
            let core = &core;
            let login = login.clone();
            async move {
                core.sign_in(&login, &format!("Wrong-Password-{i}"), &Client::default())
                    .await
                    .unwrap_err()
            }
        });
        let errors = futures::future::join_all(attempts).await;
        let failed = errors
            .into_iter()
            .map(rejection)
            .filter(|message| message.key == "error-sign-in-failed")
            .count();

        assert_eq!(failed, 2, "{}: answers before the lock", core.label);
        let locks = core
            .notifications(&actor)
            .await
            .unwrap()
            .into_iter()
            .filter(|n| n.key == "notification-account-locked")
            .count();
        assert_eq!(locks, 1, "{}: one lock notice", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn code_unlocks_locked_account() {
    for core in cores().await {
        let actor = core.register("+79123450006", "").await;
        let login = phone("+79123450006");
        for attempt in 1..=3 {
            failed_sign_in(&core, &login, &format!("Wrong-Password-{attempt}")).await;
        }

        let id = core
            .start_recovery(
                RecoveryPurpose::Unlock,
                &login,
                Locale::Ru,
                &Client::default(),
            )
            .await
            .unwrap();
        let code = code_in(&core.last_sms("+79123450006").await);
        let wrong = core.verify_recovery(id, "000000").await.unwrap_err();
        let step = core.verify_recovery(id, &code).await.unwrap();

        assert_eq!(
            field_key(wrong, "code"),
            "error-code-wrong",
            "{}",
            core.label
        );
        assert_eq!(step, RecoveryStep::Unlocked, "{}", core.label);
        sign_in_as(&core, "+79123450006", PASSWORD, &Client::default()).await;
        let reuse = core.verify_recovery(id, &code).await.unwrap_err();
        assert_eq!(
            rejection(reuse).key,
            "error-recovery-expired",
            "{}",
            core.label
        );
        let history = core.history(&actor, 0).await.unwrap();
        assert!(
            history.iter().any(|e| e.key == "history-account-unlocked"),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn recovery_of_unknown_login_sends_nothing() {
    for core in cores().await {
        let id = core
            .start_recovery(
                RecoveryPurpose::Reset,
                &phone("+79003450007"),
                Locale::Ru,
                &Client::default(),
            )
            .await
            .unwrap();
        let outbox = core.development_outbox().await.unwrap();
        let answer = core.verify_recovery(id, "123456").await.unwrap_err();

        assert!(outbox.is_empty(), "{}: {outbox:?}", core.label);
        assert_eq!(
            field_key(answer, "code"),
            "error-code-wrong",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn reset_ends_every_session() {
    for core in cores().await {
        core.register("+79123450008", "").await;
        let first = sign_in_as(&core, "+79123450008", PASSWORD, &Client::default()).await;
        let second = sign_in_as(&core, "+79123450008", PASSWORD, &Client::default()).await;

        reset_password(&core, "+79123450008", NEW_PASSWORD).await;

        for token in [&first.token, &second.token] {
            assert!(
                core.resolve_session(token).await.unwrap().is_none(),
                "{}",
                core.label
            );
        }
        let old = failed_sign_in(&core, &phone("+79123450008"), PASSWORD).await;
        assert_eq!(old.0, "error-sign-in-failed", "{}", core.label);
        sign_in_as(&core, "+79123450008", NEW_PASSWORD, &Client::default()).await;
        let sms = core.last_sms("+79123450008").await;
        assert!(sms.contains("пароль"), "{}: {sms}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn recovery_checks_password_and_expiry() {
    for core in cores().await {
        core.register("+79123450009", "").await;
        let id = core
            .start_recovery(
                RecoveryPurpose::Reset,
                &phone("+79123450009"),
                Locale::Ru,
                &Client::default(),
            )
            .await
            .unwrap();
        let early = core
            .complete_recovery(
                id,
                &NewPasswordForm {
                    password: NEW_PASSWORD.into(),
                    password_repeat: NEW_PASSWORD.into(),
                },
            )
            .await
            .unwrap_err();
        let code = code_in(&core.last_sms("+79123450009").await);
        core.verify_recovery(id, &code).await.unwrap();
        let weak = core
            .complete_recovery(
                id,
                &NewPasswordForm {
                    password: "Ab1-x".into(),
                    password_repeat: "Ab1-x".into(),
                },
            )
            .await
            .unwrap_err();
        let mismatch = core
            .complete_recovery(
                id,
                &NewPasswordForm {
                    password: NEW_PASSWORD.into(),
                    password_repeat: "Other-Parol-2026".into(),
                },
            )
            .await
            .unwrap_err();
        core.clock.advance(Duration::minutes(31));
        let late = core
            .complete_recovery(
                id,
                &NewPasswordForm {
                    password: NEW_PASSWORD.into(),
                    password_repeat: NEW_PASSWORD.into(),
                },
            )
            .await
            .unwrap_err();

        assert_eq!(
            rejection(early).key,
            "error-recovery-expired",
            "{}: before the code",
            core.label
        );
        assert_eq!(
            field_key(weak, "password"),
            "error-password-short",
            "{}",
            core.label
        );
        assert_eq!(
            field_key(mismatch, "password_repeat"),
            "error-password-mismatch",
            "{}",
            core.label
        );
        assert_eq!(
            rejection(late).key,
            "error-recovery-expired",
            "{}: after 30 minutes",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn address_is_throttled_across_accounts() {
    for mut core in cores().await {
        core.core.settings.address_failure_limit = 5;
        core.register("+79123450010", "").await;
        let attacker = client("198.51.100.7", FIREFOX);

        for number in 1..=5 {
            let login = phone(&format!("+7900345{number:04}"));
            let error = core
                .sign_in(&login, "Wrong-Password-1", &attacker)
                .await
                .unwrap_err();
            assert_eq!(
                rejection(error).key,
                "error-sign-in-failed",
                "{}",
                core.label
            );
        }
        let throttled = core
            .sign_in(&phone("+79123450010"), PASSWORD, &attacker)
            .await
            .unwrap_err();
        let message = rejection(throttled);

        assert_eq!(message.key, "error-sign-in-throttled", "{}", core.label);
        assert_eq!(
            message.args,
            vec![("minutes".to_string(), "15".to_string())],
            "{}",
            core.label
        );
        let other = client("198.51.100.8", FIREFOX);
        sign_in_as(&core, "+79123450010", PASSWORD, &other).await;
        core.clock.advance(Duration::minutes(16));
        sign_in_as(&core, "+79123450010", PASSWORD, &attacker).await;
        core.finish().await;
    }
}

#[tokio::test]
async fn codes_are_limited_per_address() {
    for mut core in cores().await {
        core.core.settings.codes_per_address_hour = 3;
        let sender = client("198.51.100.9", FIREFOX);

        for number in 1..=3 {
            core.start_recovery(
                RecoveryPurpose::Reset,
                &phone(&format!("+7900346{number:04}")),
                Locale::Ru,
                &sender,
            )
            .await
            .unwrap();
        }
        let fourth = core
            .start_recovery(
                RecoveryPurpose::Reset,
                &phone("+79003460004"),
                Locale::Ru,
                &sender,
            )
            .await
            .unwrap_err();

        assert_eq!(
            rejection(fourth).key,
            "error-code-rate-limit",
            "{}",
            core.label
        );
        core.start_recovery(
            RecoveryPurpose::Reset,
            &phone("+79003460004"),
            Locale::Ru,
            &client("198.51.100.10", FIREFOX),
        )
        .await
        .unwrap();
        core.finish().await;
    }
}

#[tokio::test]
async fn password_change_keeps_current_session() {
    for core in cores().await {
        core.register("+79123450011", "").await;
        let here = sign_in_as(&core, "+79123450011", PASSWORD, &Client::default()).await;
        let elsewhere = sign_in_as(&core, "+79123450011", PASSWORD, &Client::default()).await;
        let session = core.resolve_session(&here.token).await.unwrap().unwrap();

        let wrong = core
            .change_password(
                &session,
                &PasswordChangeForm {
                    current_password: "Not-The-Password-1".into(),
                    password: NEW_PASSWORD.into(),
                    password_repeat: NEW_PASSWORD.into(),
                },
            )
            .await
            .unwrap_err();
        let same = core
            .change_password(
                &session,
                &PasswordChangeForm {
                    current_password: PASSWORD.into(),
                    password: PASSWORD.into(),
                    password_repeat: PASSWORD.into(),
                },
            )
            .await
            .unwrap_err();
        core.change_password(
            &session,
            &PasswordChangeForm {
                current_password: PASSWORD.into(),
                password: NEW_PASSWORD.into(),
                password_repeat: NEW_PASSWORD.into(),
            },
        )
        .await
        .unwrap();

        assert_eq!(
            field_key(wrong, "current_password"),
            "error-current-password-wrong",
            "{}",
            core.label
        );
        assert_eq!(
            field_key(same, "password"),
            "error-password-unchanged",
            "{}",
            core.label
        );
        assert!(
            core.resolve_session(&here.token).await.unwrap().is_some(),
            "{}",
            core.label
        );
        assert!(
            core.resolve_session(&elsewhere.token)
                .await
                .unwrap()
                .is_none(),
            "{}",
            core.label
        );
        sign_in_as(&core, "+79123450011", NEW_PASSWORD, &Client::default()).await;
        core.finish().await;
    }
}

#[tokio::test]
async fn ending_sessions_needs_fresh_step_up() {
    for core in cores().await {
        core.register("+79123450021", "").await;
        let laptop = sign_in_as(&core, "+79123450021", PASSWORD, &Client::default()).await;
        let phone_session = sign_in_as(&core, "+79123450021", PASSWORD, &Client::default()).await;
        // The sign-in counts as a step-up for 15 minutes; both sessions stay active.
        for _ in 0..16 {
            core.clock.advance(Duration::minutes(1));
            core.resolve_session(&laptop.token).await.unwrap();
            core.resolve_session(&phone_session.token).await.unwrap();
        }
        let session = core.resolve_session(&laptop.token).await.unwrap().unwrap();

        let one = core
            .close_session(&session, phone_session.session_id)
            .await
            .unwrap_err();
        let others = core.close_other_sessions(&session).await.unwrap_err();

        assert!(
            matches!(one, Error::StepUpRequired),
            "{}: {one:?}",
            core.label
        );
        assert!(
            matches!(others, Error::StepUpRequired),
            "{}: {others:?}",
            core.label
        );
        assert!(
            core.resolve_session(&phone_session.token)
                .await
                .unwrap()
                .is_some(),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn sessions_are_listed_and_closed() {
    for core in cores().await {
        core.register("+79123450012", "").await;
        core.register("+79123450013", "").await;
        let laptop = sign_in_as(
            &core,
            "+79123450012",
            PASSWORD,
            &client("198.51.100.20", FIREFOX),
        )
        .await;
        let phone_session = sign_in_as(
            &core,
            "+79123450012",
            PASSWORD,
            &client("10.0.0.5", CHROME_ANDROID),
        )
        .await;
        let actor = actor_of(&core, &laptop).await;
        let session = core.resolve_session(&laptop.token).await.unwrap().unwrap();
        let stranger = core
            .resolve_session(
                &sign_in_as(&core, "+79123450013", PASSWORD, &Client::default())
                    .await
                    .token,
            )
            .await
            .unwrap()
            .unwrap();

        let sessions = core.sessions(&actor, laptop.session_id).await.unwrap();
        let foreign = core
            .close_session(&stranger, phone_session.session_id)
            .await
            .unwrap_err();
        core.close_session(&session, phone_session.session_id)
            .await
            .unwrap();

        // The session of registration is listed as well.
        assert_eq!(sessions.len(), 3, "{}", core.label);
        assert!(sessions[0].current, "{}", core.label);
        assert_eq!(sessions[0].device, "Firefox, Linux", "{}", core.label);
        assert_eq!(
            sessions[0].place,
            Place::Network("198.51.100.0/24".into()),
            "{}",
            core.label
        );
        let android = sessions
            .iter()
            .find(|s| s.id == phone_session.session_id)
            .unwrap();
        assert_eq!(android.device, "Chrome, Android", "{}", core.label);
        assert_eq!(android.place, Place::Local, "{}", core.label);
        assert!(matches!(foreign, Error::NotFound), "{}", core.label);
        assert!(
            core.resolve_session(&phone_session.token)
                .await
                .unwrap()
                .is_none(),
            "{}",
            core.label
        );
        assert_eq!(
            core.close_other_sessions(&session).await.unwrap(),
            1,
            "{}",
            core.label
        );
        assert_eq!(
            core.sessions(&actor, laptop.session_id)
                .await
                .unwrap()
                .len(),
            1,
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn new_device_and_network_is_announced() {
    for core in cores().await {
        let actor = core.register("+79123450014", "").await;
        let count = |list: Vec<kabinet_core::shared::model::NotificationView>| {
            list.into_iter()
                .filter(|n| n.key == "notification-new-device-sign-in")
                .count()
        };

        sign_in_as(
            &core,
            "+79123450014",
            PASSWORD,
            &client("198.51.100.30", FIREFOX),
        )
        .await;
        sign_in_as(
            &core,
            "+79123450014",
            PASSWORD,
            &client("198.51.100.31", CHROME_ANDROID),
        )
        .await;
        let after_known_network = count(core.notifications(&actor).await.unwrap());
        sign_in_as(
            &core,
            "+79123450014",
            PASSWORD,
            &client("203.0.113.40", CHROME_ANDROID),
        )
        .await;
        let after_known_device = count(core.notifications(&actor).await.unwrap());
        sign_in_as(
            &core,
            "+79123450014",
            PASSWORD,
            &client("192.0.2.50", "curl/8.5.0"),
        )
        .await;
        let after_new_both = count(core.notifications(&actor).await.unwrap());

        assert_eq!(after_known_network, 0, "{}", core.label);
        assert_eq!(after_known_device, 0, "{}", core.label);
        assert_eq!(after_new_both, 1, "{}", core.label);
        let sms = core.last_sms("+79123450014").await;
        assert!(sms.contains("192.0.2.0/24"), "{}: {sms}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn disowned_sign_in_locks_until_new_password() {
    for core in cores().await {
        core.register("+79123450015", "").await;
        let owner = sign_in_as(
            &core,
            "+79123450015",
            PASSWORD,
            &client("10.0.0.2", FIREFOX),
        )
        .await;
        let intruder = sign_in_as(
            &core,
            "+79123450015",
            PASSWORD,
            &client("203.0.113.66", CHROME_ANDROID),
        )
        .await;
        let actor = actor_of(&core, &owner).await;

        let journal = core
            .sign_in_journal(&actor, Some(SignInResult::Succeeded), 0, 50)
            .await
            .unwrap();
        let intruder_attempt = journal
            .iter()
            .find(|a| a.address.as_deref() == Some("203.0.113.66"))
            .unwrap();
        core.disown_sign_in(&actor, intruder_attempt.id)
            .await
            .unwrap();

        assert!(
            core.resolve_session(&intruder.token)
                .await
                .unwrap()
                .is_none(),
            "{}",
            core.label
        );
        assert!(
            core.resolve_session(&owner.token).await.unwrap().is_none(),
            "{}",
            core.label
        );
        let locked = failed_sign_in(&core, &phone("+79123450015"), PASSWORD).await;
        assert_eq!(locked.0, "error-account-locked", "{}", core.label);
        let id = core
            .start_recovery(
                RecoveryPurpose::Unlock,
                &phone("+79123450015"),
                Locale::Ru,
                &Client::default(),
            )
            .await
            .unwrap();
        let code = code_in(&core.last_sms("+79123450015").await);
        assert_eq!(
            core.verify_recovery(id, &code).await.unwrap(),
            RecoveryStep::NewPassword,
            "{}",
            core.label
        );
        core.complete_recovery(
            id,
            &NewPasswordForm {
                password: NEW_PASSWORD.into(),
                password_repeat: NEW_PASSWORD.into(),
            },
        )
        .await
        .unwrap();
        let signed_in = sign_in_as(&core, "+79123450015", NEW_PASSWORD, &Client::default()).await;
        let actor = actor_of(&core, &signed_in).await;
        let journal = core.sign_in_journal(&actor, None, 0, 50).await.unwrap();
        assert!(journal.iter().any(|a| a.disowned), "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn another_persons_sign_in_cannot_be_disowned() {
    for core in cores().await {
        core.register("+79123450016", "").await;
        core.register("+79123450017", "").await;
        let first = sign_in_as(&core, "+79123450016", PASSWORD, &Client::default()).await;
        let second = sign_in_as(&core, "+79123450017", PASSWORD, &Client::default()).await;
        let first_actor = actor_of(&core, &first).await;
        let second_actor = actor_of(&core, &second).await;
        let attempt = core
            .sign_in_journal(&first_actor, None, 0, 1)
            .await
            .unwrap()[0]
            .id;

        let error = core
            .disown_sign_in(&second_actor, attempt)
            .await
            .unwrap_err();

        assert!(matches!(error, Error::NotFound), "{}", core.label);
        assert!(
            core.resolve_session(&first.token).await.unwrap().is_some(),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn journal_filters_and_exports_csv() {
    for core in cores().await {
        core.register("+79123450018", "").await;
        failed_sign_in(&core, &phone("+79123450018"), "Wrong-Password-1").await;
        let signed_in = sign_in_as(
            &core,
            "+79123450018",
            PASSWORD,
            &client("198.51.100.44", FIREFOX),
        )
        .await;
        let actor = actor_of(&core, &signed_in).await;

        let all = core.sign_in_journal(&actor, None, 0, 50).await.unwrap();
        let wrong = core
            .sign_in_journal(&actor, Some(SignInResult::WrongPassword), 0, 50)
            .await
            .unwrap();
        let csv = core
            .sign_in_journal_csv(&actor, None, Locale::Ru)
            .await
            .unwrap();
        let lines: Vec<&str> = csv.split("\r\n").collect();

        assert_eq!(all.len(), 2, "{}", core.label);
        assert_eq!(all[0].result, SignInResult::Succeeded, "{}", core.label);
        assert_eq!(wrong.len(), 1, "{}", core.label);
        assert!(csv.starts_with('\u{feff}'), "{}", core.label);
        assert_eq!(
            lines.len(),
            4,
            "{}: header, two rows and the final line end",
            core.label
        );
        assert_eq!(
            lines[0], "\u{feff}Время;Результат;Устройство;Адрес;Отмечено «это был не я»",
            "{}",
            core.label
        );
        assert!(
            lines[1].ends_with(";Успешный вход;Firefox, Linux;198.51.100.44;"),
            "{}: {}",
            core.label,
            lines[1]
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn network_rules_restrict_sign_in() {
    for core in cores().await {
        core.register("+79123450019", "").await;
        let office = client("192.0.2.5", FIREFOX);
        let signed_in = sign_in_as(&core, "+79123450019", PASSWORD, &office).await;
        let actor = actor_of(&core, &signed_in).await;
        let rule = |kind: &str, cidr: &str| NetworkRuleForm {
            kind: kind.into(),
            cidr: cidr.into(),
        };

        let malformed = core
            .add_network_rule(&actor, &rule("allow", "192.0.2.0/33"), &office)
            .await
            .unwrap_err();
        let lockout = core
            .add_network_rule(&actor, &rule("allow", "198.51.100.0/24"), &office)
            .await
            .unwrap_err();
        core.add_network_rule(&actor, &rule("allow", "192.0.2.17/24"), &office)
            .await
            .unwrap();
        let duplicate = core
            .add_network_rule(&actor, &rule("allow", "192.0.2.0/24"), &office)
            .await
            .unwrap_err();
        let self_deny = core
            .add_network_rule(&actor, &rule("deny", "192.0.2.5"), &office)
            .await
            .unwrap_err();
        let outside = core
            .sign_in(
                &phone("+79123450019"),
                PASSWORD,
                &client("198.51.100.1", FIREFOX),
            )
            .await
            .unwrap_err();

        assert_eq!(
            field_key(malformed, "cidr"),
            "error-network-format",
            "{}",
            core.label
        );
        assert_eq!(
            field_key(lockout, "cidr"),
            "error-network-locks-out",
            "{}",
            core.label
        );
        assert_eq!(
            field_key(duplicate, "cidr"),
            "error-network-duplicate",
            "{}",
            core.label
        );
        assert_eq!(
            field_key(self_deny, "cidr"),
            "error-network-locks-out",
            "{}",
            core.label
        );
        assert_eq!(
            rejection(outside).key,
            "error-sign-in-network",
            "{}",
            core.label
        );
        let rules = core.network_rules(&actor).await.unwrap();
        assert_eq!(rules.len(), 1, "{}", core.label);
        assert_eq!(rules[0].cidr, "192.0.2.0/24", "{}", core.label);
        sign_in_as(
            &core,
            "+79123450019",
            PASSWORD,
            &client("192.0.2.200", FIREFOX),
        )
        .await;
        core.remove_network_rule(&actor, rules[0].id).await.unwrap();
        sign_in_as(
            &core,
            "+79123450019",
            PASSWORD,
            &client("198.51.100.1", FIREFOX),
        )
        .await;
        core.finish().await;
    }
}

#[tokio::test]
async fn reset_forgets_remembered_devices() {
    for core in cores().await {
        core.register("+79123450020", "").await;
        let signed_in = sign_in_as(&core, "+79123450020", PASSWORD, &Client::default()).await;
        let session = core
            .resolve_session(&signed_in.token)
            .await
            .unwrap()
            .unwrap();
        let setup = core.start_totp(&session).await.unwrap();
        let key = setup.key.replace(' ', "");
        let totp = totp_rs::Builder::new()
            .with_secret(totp_rs::Secret::try_from_base32(&key).unwrap())
            .build_noncompliant();
        let code = totp
            .generate(core.clock.now().timestamp() as u64)
            .to_string();
        let backup = core
            .confirm_factor(&session, setup.factor_id, &code)
            .await
            .unwrap()
            .unwrap();
        let kabinet_core::accounts::SignInOutcome::SecondFactor(id) = core
            .start_sign_in(&phone("+79123450020"), PASSWORD, &Client::default(), None)
            .await
            .unwrap()
        else {
            panic!("{}: a second step", core.label);
        };
        let device = core
            .complete_challenge(
                id,
                kabinet_core::accounts::FactorChoice::BackupCode,
                &backup[0],
                true,
                &Client::default(),
            )
            .await
            .unwrap()
            .device_token
            .unwrap();

        reset_password(&core, "+79123450020", NEW_PASSWORD).await;
        let after = core
            .start_sign_in(
                &phone("+79123450020"),
                NEW_PASSWORD,
                &Client::default(),
                Some(&device),
            )
            .await
            .unwrap();

        assert!(
            matches!(
                after,
                kabinet_core::accounts::SignInOutcome::SecondFactor(_)
            ),
            "{}: the device is forgotten",
            core.label
        );
        core.finish().await;
    }
}
