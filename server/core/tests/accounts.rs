//! Registration, sign-in, sessions and the profile, on every backend under test.

mod common;

use chrono::Duration;
use common::{code_in, cores, normalized, registration_form};
use kabinet_core::shared::forms::ProfileForm;
use kabinet_core::shared::model::HistoryStatus;
use kabinet_core::shared::validate::Login;
use kabinet_core::shared::{Locale, i18n};
use kabinet_core::{Client, Error};

fn rejected_key(error: Error) -> String {
    match error {
        Error::Rejected(message) => message.key,
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

#[tokio::test]
async fn registration_creates_account_and_session() {
    for core in cores().await {
        let form = registration_form("8 (912) 345-67-89", "112-233-445 95");
        let id = core
            .start_registration(&form, Locale::Ru, &Client::default())
            .await
            .unwrap();
        let sms = core.last_sms("+79123456789").await;
        let code = code_in(&sms);

        let signed_in = core
            .confirm_registration(id, &code, &Client::default())
            .await
            .unwrap();
        let session = core
            .resolve_session(&signed_in.token)
            .await
            .unwrap()
            .expect("session is valid");
        let profile = core.profile(&session.actor).await.unwrap();
        let history = core.history(&session.actor, 0).await.unwrap();

        assert_eq!(session.display_name, "Мария Ивановна", "{}", core.label);
        assert_eq!(
            profile.phone.as_deref(),
            Some("+79123456789"),
            "{}",
            core.label
        );
        assert_eq!(
            profile.snils.as_deref(),
            Some("11223344595"),
            "{}",
            core.label
        );
        assert_eq!(history.len(), 1, "{}", core.label);
        assert_eq!(history[0].key, "history-registration", "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn registration_sms_is_in_person_language() {
    for core in cores().await {
        core.start_registration(
            &registration_form("+79123456780", ""),
            Locale::En,
            &Client::default(),
        )
        .await
        .unwrap();
        let sms = core.last_sms("+79123456780").await;
        assert!(sms.contains("code"), "{}: {sms}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn registration_code_is_single_use() {
    for core in cores().await {
        let id = core
            .start_registration(
                &registration_form("+79123456781", ""),
                Locale::Ru,
                &Client::default(),
            )
            .await
            .unwrap();
        let code = code_in(&core.last_sms("+79123456781").await);
        core.confirm_registration(id, &code, &Client::default())
            .await
            .unwrap();

        let again = core
            .confirm_registration(id, &code, &Client::default())
            .await
            .unwrap_err();
        assert_eq!(
            rejected_key(again),
            "error-registration-expired",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn wrong_codes_are_limited_to_five() {
    for core in cores().await {
        let id = core
            .start_registration(
                &registration_form("+79123456782", ""),
                Locale::Ru,
                &Client::default(),
            )
            .await
            .unwrap();
        let code = code_in(&core.last_sms("+79123456782").await);
        let wrong = if code == "000000" { "111111" } else { "000000" };

        for left in (0..5).rev() {
            let error = core
                .confirm_registration(id, wrong, &Client::default())
                .await
                .unwrap_err();
            match error {
                Error::Invalid(errors) => {
                    let message = errors.get("code").unwrap();
                    assert_eq!(message.key, "error-code-wrong", "{}", core.label);
                    assert_eq!(
                        message.args,
                        vec![("left".to_string(), left.to_string())],
                        "{}",
                        core.label
                    );
                }
                other => panic!("{}: expected a wrong-code error, got {other:?}", core.label),
            }
        }
        let sixth = core
            .confirm_registration(id, &code, &Client::default())
            .await
            .unwrap_err();
        assert_eq!(rejected_key(sixth), "error-code-attempts", "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn code_expires_after_ten_minutes() {
    for core in cores().await {
        let id = core
            .start_registration(
                &registration_form("+79123456783", ""),
                Locale::Ru,
                &Client::default(),
            )
            .await
            .unwrap();
        let code = code_in(&core.last_sms("+79123456783").await);
        core.clock.advance(Duration::minutes(10));

        let error = core
            .confirm_registration(id, &code, &Client::default())
            .await
            .unwrap_err();
        assert_eq!(rejected_key(error), "error-code-expired", "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn resend_waits_and_keeps_failures() {
    for core in cores().await {
        let id = core
            .start_registration(
                &registration_form("+79123456784", ""),
                Locale::Ru,
                &Client::default(),
            )
            .await
            .unwrap();
        let first = code_in(&core.last_sms("+79123456784").await);
        let wrong = if first == "000000" {
            "111111"
        } else {
            "000000"
        };
        core.confirm_registration(id, wrong, &Client::default())
            .await
            .unwrap_err();

        let too_soon = core
            .resend_registration_code(id, Locale::Ru, &Client::default())
            .await
            .unwrap_err();
        match too_soon {
            Error::Rejected(message) => {
                assert_eq!(message.key, "error-code-resend-wait", "{}", core.label);
                assert_eq!(
                    message.args,
                    vec![("seconds".to_string(), "60".to_string())],
                    "{}",
                    core.label
                );
            }
            other => panic!("{}: expected a wait, got {other:?}", core.label),
        }

        core.clock.advance(Duration::seconds(60));
        core.resend_registration_code(id, Locale::Ru, &Client::default())
            .await
            .unwrap();
        let second = code_in(&core.last_sms("+79123456784").await);
        let wrong = if second == "000000" {
            "111111"
        } else {
            "000000"
        };
        let error = core
            .confirm_registration(id, wrong, &Client::default())
            .await
            .unwrap_err();
        match error {
            Error::Invalid(errors) => assert_eq!(
                errors.get("code").unwrap().args,
                vec![("left".to_string(), "3".to_string())],
                "{}: the failure before the resend still counts",
                core.label
            ),
            other => panic!("{}: expected a wrong-code error, got {other:?}", core.label),
        }
        if first != second {
            let old = core
                .confirm_registration(id, &first, &Client::default())
                .await
                .unwrap_err();
            assert_eq!(
                field_key(old, "code"),
                "error-code-wrong",
                "{}: the first code is void",
                core.label
            );
        }
        core.confirm_registration(id, &second, &Client::default())
            .await
            .unwrap();
        core.finish().await;
    }
}

#[tokio::test]
async fn registered_phone_gets_notice_not_code() {
    for core in cores().await {
        core.register("+79123456785", "").await;
        core.clock.advance(Duration::seconds(61));

        core.start_registration(
            &registration_form("+7 912 345-67-85", ""),
            Locale::Ru,
            &Client::default(),
        )
        .await
        .unwrap();
        let sms = core.last_sms("+79123456785").await;

        assert_eq!(
            sms,
            i18n::text(Locale::Ru, "sms-phone-already-registered"),
            "{}",
            core.label
        );
        assert!(
            !sms.split(|c: char| !c.is_ascii_digit())
                .any(|part| part.len() == 6),
            "{}: {sms}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn taken_snils_is_rejected_at_confirmation() {
    for core in cores().await {
        core.register("+79123456786", "112-233-445 95").await;

        let id = core
            .start_registration(
                &registration_form("+79123456787", "11223344595"),
                Locale::Ru,
                &Client::default(),
            )
            .await
            .unwrap();
        let code = code_in(&core.last_sms("+79123456787").await);
        let error = core
            .confirm_registration(id, &code, &Client::default())
            .await
            .unwrap_err();

        assert_eq!(rejected_key(error), "error-snils-taken", "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn sign_in_with_each_login_kind() {
    for core in cores().await {
        core.register("+79123456788", "112-233-445 95").await;
        let password = "Tr0pinka-Lesnaya7";

        for login in [
            Login::Phone("+79123456788".into()),
            Login::Snils("11223344595".into()),
        ] {
            let signed_in = core.sign_in(&login, password, &Client::default()).await;
            assert!(signed_in.is_ok(), "{}: {login:?}", core.label);
        }
        core.finish().await;
    }
}

#[tokio::test]
async fn wrong_password_and_unknown_login_look_alike() {
    for core in cores().await {
        let actor = core.register("+79123456789", "").await;

        let wrong_password = core
            .sign_in(
                &Login::Phone("+79123456789".into()),
                "Wrong-Password-1",
                &Client::default(),
            )
            .await
            .unwrap_err();
        let unknown = core
            .sign_in(
                &Login::Phone("+79000000000".into()),
                "Wrong-Password-1",
                &Client::default(),
            )
            .await
            .unwrap_err();

        assert_eq!(
            rejected_key(wrong_password),
            "error-sign-in-failed",
            "{}",
            core.label
        );
        assert_eq!(
            rejected_key(unknown),
            "error-sign-in-failed",
            "{}",
            core.label
        );
        let history = core.history(&actor, 0).await.unwrap();
        assert_eq!(history[0].key, "history-sign-in", "{}", core.label);
        assert_eq!(history[0].status, HistoryStatus::Failed, "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn sign_in_by_email_ignores_case() {
    for core in cores().await {
        let actor = core.register("+79123456770", "").await;
        let mut form = profile_form();
        form.email = "Maria.Sokolova+tax@Example.COM".into();
        core.update_profile(&actor, &form).await.unwrap();
        core.confirm_email_link("Maria.Sokolova+tax@example.com")
            .await;

        let login = Login::Email("maria.sokolova+tax@example.com".into());
        assert!(
            core.sign_in(&login, "Tr0pinka-Lesnaya7", &Client::default())
                .await
                .is_ok(),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn idle_session_expires() {
    for core in cores().await {
        core.register("+79123456771", "").await;
        let signed_in = core
            .sign_in(
                &Login::Phone("+79123456771".into()),
                "Tr0pinka-Lesnaya7",
                &Client::default(),
            )
            .await
            .unwrap();

        core.clock.advance(Duration::minutes(14));
        assert!(
            core.resolve_session(&signed_in.token)
                .await
                .unwrap()
                .is_some(),
            "{}: 14 minutes idle",
            core.label
        );
        core.clock.advance(Duration::minutes(14));
        assert!(
            core.resolve_session(&signed_in.token)
                .await
                .unwrap()
                .is_some(),
            "{}: activity renewed it",
            core.label
        );
        core.clock.advance(Duration::minutes(15));
        assert!(
            core.resolve_session(&signed_in.token)
                .await
                .unwrap()
                .is_none(),
            "{}: 15 minutes idle",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn sign_out_revokes_session() {
    for core in cores().await {
        core.register("+79123456772", "").await;
        let signed_in = core
            .sign_in(
                &Login::Phone("+79123456772".into()),
                "Tr0pinka-Lesnaya7",
                &Client::default(),
            )
            .await
            .unwrap();

        core.sign_out(&signed_in.token).await.unwrap();

        assert!(
            core.resolve_session(&signed_in.token)
                .await
                .unwrap()
                .is_none(),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn forged_token_resolves_to_nobody() {
    for core in cores().await {
        assert!(
            core.resolve_session("not-a-token").await.unwrap().is_none(),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

fn profile_form() -> ProfileForm {
    ProfileForm {
        surname: "Соколова".into(),
        given_name: "Мария".into(),
        patronymic: "Ивановна".into(),
        birth_date: "09.03.1988".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn profile_change_is_saved_and_journaled() {
    for core in cores().await {
        let actor = core.register("+79123456773", "").await;
        let mut form = profile_form();
        form.surname = "Орлова".into();
        form.inn = "123456789047".into();

        core.update_profile(&actor, &form).await.unwrap();
        let profile = core.profile(&actor).await.unwrap();
        let history = core.history(&actor, 0).await.unwrap();

        assert_eq!(profile.surname, "Орлова", "{}", core.label);
        assert_eq!(
            profile.inn.as_deref(),
            Some("123456789047"),
            "{}",
            core.label
        );
        assert_eq!(history[0].key, "history-profile-change", "{}", core.label);
        assert_eq!(
            history[0].args.get("fields").map(String::as_str),
            Some("surname,inn"),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn profile_rejects_email_of_another_account() {
    for core in cores().await {
        let first = core.register("+79123456774", "").await;
        let second = core.register("+79123456775", "").await;
        let mut form = profile_form();
        form.email = "same@example.com".into();
        core.update_profile(&first, &form).await.unwrap();
        core.confirm_email_link("same@example.com").await;

        form.email = "SAME@example.com".into();
        let error = core.update_profile(&second, &form).await.unwrap_err();

        assert_eq!(
            field_key(error, "email"),
            "error-email-taken",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn profile_errors_name_each_field() {
    for core in cores().await {
        let actor = core.register("+79123456776", "").await;
        let mut form = profile_form();
        form.inn = "500100732250".into();
        form.birth_date = "31.02.1990".into();

        let error = core.update_profile(&actor, &form).await.unwrap_err();
        let Error::Invalid(errors) = error else {
            panic!("{}: expected invalid input", core.label)
        };

        assert_eq!(
            errors.get("inn").unwrap().key,
            "error-inn-checksum",
            "{}",
            core.label
        );
        assert_eq!(
            errors.get("birth_date").unwrap().key,
            "error-date-format",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn personal_numbers_are_not_stored_in_clear() {
    let core = common::sqlite().await;
    let actor = core.register("+79123456777", "112-233-445 95").await;
    let mut form = profile_form();
    form.inn = "123456789047".into();
    core.update_profile(&actor, &form).await.unwrap();
    core.db.close().await;

    let mut dump = Vec::new();
    for entry in std::fs::read_dir(core.data_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "db" || e == "db-wal")
            || path.to_string_lossy().ends_with("-wal")
        {
            dump.extend(std::fs::read(&path).unwrap());
        }
    }
    assert!(!dump.is_empty());
    for secret in ["11223344595", "112-233-445 95", "123456789047"] {
        assert!(
            !dump.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret} found in the database file"
        );
    }
    assert!(
        dump.windows(12).any(|w| w == b"+79123456777"),
        "the check reads the real file"
    );
    core.finish().await;
}

#[tokio::test]
async fn normalized_phone_is_e164() {
    assert_eq!(normalized("8 (912) 345-67-89"), "+79123456789");
}
