//! New passwords are checked against a list of leaked passwords at registration,
//! recovery and the password change, on every backend under test.

mod common;

use common::{code_in, cores, registration_form};
use kabinet_core::accounts::RecoveryPurpose;
use kabinet_core::shared::forms::{NewPasswordForm, PasswordChangeForm};
use kabinet_core::shared::validate::Login;
use kabinet_core::shared::{Locale, validate};
use kabinet_core::{Client, Error};

const PASSWORD: &str = "Tr0pinka-Lesnaya7";

/// Entries of the leaked-password list that pass the shared rules (at least 8
/// characters, not a common word), so only the server's check rejects them.
const LEAKED: [&str; 4] = ["corvette", "Mercedes", "blink182", "12qwaszx"];

fn password_error(error: Error) -> String {
    match error {
        Error::Invalid(errors) => errors
            .get("password")
            .unwrap_or_else(|| panic!("no error on password: {errors:?}"))
            .key
            .clone(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn leaked_examples_pass_the_shared_rules() {
    for password in LEAKED {
        assert_eq!(
            validate::password::check(password),
            Ok(()),
            "password {password:?}"
        );
    }
}

#[tokio::test]
async fn registration_rejects_leaked_password() {
    for core in cores().await {
        for password in LEAKED {
            let mut form = registration_form("+79123480001", "");
            form.password = password.into();
            form.password_repeat = password.into();
            let error = core
                .start_registration(&form, Locale::Ru, &Client::default())
                .await
                .unwrap_err();
            assert_eq!(
                password_error(error),
                "error-password-breached",
                "{}: {password:?}",
                core.label
            );
        }
        core.register("+79123480001", "").await;
        core.finish().await;
    }
}

#[tokio::test]
async fn recovery_rejects_leaked_password() {
    for core in cores().await {
        core.register("+79123480002", "").await;
        let login = Login::Phone("+79123480002".into());
        let id = core
            .start_recovery(
                RecoveryPurpose::Reset,
                &login,
                Locale::Ru,
                &Client::default(),
            )
            .await
            .unwrap();
        let code = code_in(&core.last_sms("+79123480002").await);
        core.verify_recovery(id, &code).await.unwrap();

        let leaked = core
            .complete_recovery(
                id,
                &NewPasswordForm {
                    password: "midnight".into(),
                    password_repeat: "midnight".into(),
                },
            )
            .await
            .unwrap_err();
        assert_eq!(
            password_error(leaked),
            "error-password-breached",
            "{}",
            core.label
        );
        core.complete_recovery(
            id,
            &NewPasswordForm {
                password: "Novyi-Parol-2026".into(),
                password_repeat: "Novyi-Parol-2026".into(),
            },
        )
        .await
        .unwrap();
        core.finish().await;
    }
}

#[tokio::test]
async fn password_change_rejects_leaked_password() {
    for core in cores().await {
        core.register("+79123480003", "").await;
        let login = Login::Phone("+79123480003".into());
        let signed_in = core
            .sign_in(&login, PASSWORD, &Client::default())
            .await
            .unwrap();
        let session = core
            .resolve_session(&signed_in.token)
            .await
            .unwrap()
            .unwrap();

        let leaked = core
            .change_password(
                &session,
                &PasswordChangeForm {
                    current_password: PASSWORD.into(),
                    password: "COCACOLA".into(),
                    password_repeat: "COCACOLA".into(),
                },
            )
            .await
            .unwrap_err();
        assert_eq!(
            password_error(leaked),
            "error-password-breached",
            "{}",
            core.label
        );
        core.change_password(
            &session,
            &PasswordChangeForm {
                current_password: PASSWORD.into(),
                password: "tropinka lesnaya".into(),
                password_repeat: "tropinka lesnaya".into(),
            },
        )
        .await
        .unwrap();
        core.sign_in(&login, "tropinka lesnaya", &Client::default())
            .await
            .unwrap();
        core.finish().await;
    }
}
