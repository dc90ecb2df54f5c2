//! Second factors, the second step of sign-in, remembered devices and step-up, on every
//! backend under test.

mod common;

use chrono::Duration;
use common::{TestCore, code_in, cores};
use kabinet_core::accounts::{FactorChoice, SessionUser, SignInOutcome};
use kabinet_core::crypto::keyed_hash;
use kabinet_core::shared::model::{FactorKind, TotpSetup};
use kabinet_core::shared::validate::Login;
use kabinet_core::shared::{Locale, Message};
use kabinet_core::{Client, Error};
use totp_rs::{Algorithm, Builder, Secret};
use uuid::Uuid;

const PASSWORD: &str = "Tr0pinka-Lesnaya7";

fn phone(number: &str) -> Login {
    Login::Phone(number.into())
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

fn rejection(error: Error) -> Message {
    match error {
        Error::Rejected(message) => message,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

/// The code an authenticator app shows for `setup` at the core's current time.
fn app_code(core: &TestCore, setup: &TotpSetup) -> String {
    let key = setup.key.replace(' ', "");
    let secret = Secret::try_from_base32(&key).expect("the key is base32");
    let totp = Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_secret(secret)
        .build_noncompliant();
    totp.generate(core.clock.now().timestamp() as u64)
        .to_string()
}

async fn session(core: &TestCore, number: &str) -> SessionUser {
    let token = token(core, number).await;
    core.resolve_session(&token).await.unwrap().unwrap()
}

async fn token(core: &TestCore, number: &str) -> String {
    core.sign_in(&phone(number), PASSWORD, &Client::default())
        .await
        .unwrap()
        .token
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

/// Adds an authenticator app to the account and returns its setup and backup codes.
async fn with_app(core: &TestCore, number: &str) -> (TotpSetup, Vec<String>) {
    let session = session(core, number).await;
    let setup = core.start_totp(&session).await.unwrap();
    let codes = core
        .confirm_factor(&session, setup.factor_id, &app_code(core, &setup))
        .await
        .unwrap()
        .expect("the first factor comes with backup codes");
    (setup, codes)
}

async fn challenge(core: &TestCore, number: &str, device: Option<&str>) -> Uuid {
    match core
        .start_sign_in(&phone(number), PASSWORD, &Client::default(), device)
        .await
        .unwrap()
    {
        SignInOutcome::SecondFactor(challenge) => challenge,
        SignInOutcome::SignedIn(_) => panic!("{}: signed in without a second factor", core.label),
    }
}

#[tokio::test]
async fn app_code_completes_sign_in_once() {
    for core in cores().await {
        let actor = core.register("+79123460001", "").await;
        let (setup, codes) = with_app(&core, "+79123460001").await;
        core.clock.advance(Duration::seconds(30));

        let id = challenge(&core, "+79123460001", None).await;
        let view = core.challenge(id).await.unwrap();
        let code = app_code(&core, &setup);
        let choice = FactorChoice::Factor(setup.factor_id);
        let wrong = core
            .complete_challenge(id, choice, "000000", false, &Client::default())
            .await
            .unwrap_err();
        let completed = core
            .complete_challenge(id, choice, &code, false, &Client::default())
            .await
            .unwrap();
        let again = challenge(&core, "+79123460001", None).await;
        let replay = core
            .complete_challenge(again, choice, &code, false, &Client::default())
            .await
            .unwrap_err();

        assert_eq!(codes.len(), 10, "{}", core.label);
        assert_eq!(view.factors.len(), 1, "{}", core.label);
        assert_eq!(view.factors[0].kind, FactorKind::Totp, "{}", core.label);
        assert!(view.factors[0].is_default, "{}", core.label);
        assert!(view.backup_codes, "{}", core.label);
        assert_eq!(
            field_key(wrong, "code"),
            "error-code-wrong",
            "{}",
            core.label
        );
        assert!(
            core.resolve_session(&completed.signed_in.token)
                .await
                .unwrap()
                .is_some(),
            "{}",
            core.label
        );
        assert_eq!(
            field_key(replay, "code"),
            "error-code-wrong",
            "{}: a code works once",
            core.label
        );
        let history = core.history(&actor, 0).await.unwrap();
        assert!(
            history
                .iter()
                .any(|e| e.key == "history-second-factor-added"),
            "{}",
            core.label
        );
        assert_eq!(
            history
                .iter()
                .find(|e| e.key == "history-sign-in")
                .unwrap()
                .args
                .get("factor")
                .map(String::as_str),
            Some("totp"),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn backup_code_works_once() {
    for core in cores().await {
        core.register("+79123460002", "").await;
        let (_, codes) = with_app(&core, "+79123460002").await;
        let typed = format!(" {} ", codes[3].to_uppercase());

        let first = challenge(&core, "+79123460002", None).await;
        core.complete_challenge(
            first,
            FactorChoice::BackupCode,
            &typed,
            false,
            &Client::default(),
        )
        .await
        .unwrap();
        let second = challenge(&core, "+79123460002", None).await;
        let reused = core
            .complete_challenge(
                second,
                FactorChoice::BackupCode,
                &codes[3],
                false,
                &Client::default(),
            )
            .await
            .unwrap_err();

        assert_eq!(
            field_key(reused, "code"),
            "error-code-wrong",
            "{}",
            core.label
        );
        let session = session_with_factor(&core, "+79123460002", &codes[4]).await;
        let overview = core.factors_overview(&session.actor).await.unwrap();
        assert_eq!(overview.backup_codes_left, 8, "{}", core.label);
        core.finish().await;
    }
}

async fn session_with_factor(core: &TestCore, number: &str, backup_code: &str) -> SessionUser {
    let id = challenge(core, number, None).await;
    let completed = core
        .complete_challenge(
            id,
            FactorChoice::BackupCode,
            backup_code,
            false,
            &Client::default(),
        )
        .await
        .unwrap();
    core.resolve_session(&completed.signed_in.token)
        .await
        .unwrap()
        .unwrap()
}

#[derive(sqlx::FromRow)]
struct StoredBackupCode {
    code_hash: Option<Vec<u8>>,
    code_phc: Option<String>,
}

async fn stored_backup_codes(core: &TestCore, user_id: Uuid) -> Vec<StoredBackupCode> {
    let mut tx = core.db.begin_read().await.unwrap();
    kabinet_core::on_conn!(&mut tx, conn => sqlx::query_as(
        "SELECT code_hash, code_phc FROM backup_codes WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await)
    .unwrap()
}

/// Computes the keyed hash that backup codes were stored as before they got salted hashes.
fn keyed_backup_code_hash(core: &TestCore, user_id: Uuid, canonical: &str) -> Vec<u8> {
    keyed_hash(
        &core.keys.session,
        "backup-code",
        format!("{user_id}:{canonical}").as_bytes(),
    )
}

#[tokio::test]
async fn backup_codes_are_stored_salted() {
    for core in cores().await {
        let actor = core.register("+79123460020", "").await;
        let (_, codes) = with_app(&core, "+79123460020").await;
        let stored = stored_backup_codes(&core, actor.user_id).await;

        assert_eq!(stored.len(), codes.len(), "{}", core.label);
        let keyed: Vec<Vec<u8>> = codes
            .iter()
            .map(|code| keyed_backup_code_hash(&core, actor.user_id, &code.replace('-', "")))
            .collect();
        for row in &stored {
            assert_eq!(row.code_hash, None, "{}: keyed hash stored", core.label);
            let phc = row.code_phc.as_deref().expect("a salted hash is stored");
            assert!(phc.starts_with("$argon2id$"), "{}: {phc}", core.label);
            assert!(
                !keyed.iter().any(|hash| phc.as_bytes() == hash.as_slice()),
                "{}",
                core.label
            );
        }
        let mut salted: Vec<&str> = stored
            .iter()
            .filter_map(|row| row.code_phc.as_deref())
            .collect();
        salted.sort_unstable();
        salted.dedup();
        assert_eq!(salted.len(), codes.len(), "{}: hashes repeat", core.label);

        let wrong = challenge(&core, "+79123460020", None).await;
        let error = core
            .complete_challenge(
                wrong,
                FactorChoice::BackupCode,
                "zzzz-zzzz",
                false,
                &Client::default(),
            )
            .await
            .unwrap_err();
        assert_eq!(
            field_key(error, "code"),
            "error-code-wrong",
            "{}",
            core.label
        );
        session_with_factor(&core, "+79123460020", &codes[0]).await;
        core.finish().await;
    }
}

#[tokio::test]
async fn older_keyed_backup_code_works_once() {
    for core in cores().await {
        let actor = core.register("+79123460021", "").await;
        with_app(&core, "+79123460021").await;
        // A code of a set made before the salted hashes, as the migration kept it.
        let mut tx = core.db.begin().await.unwrap();
        kabinet_core::execute!(
            &mut tx,
            sqlx::query(
                "INSERT INTO backup_codes (id, user_id, code_hash, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(Uuid::now_v7())
            .bind(actor.user_id)
            .bind(keyed_backup_code_hash(&core, actor.user_id, "abcd2345"))
            .bind(core.clock.now())
        )
        .unwrap();
        tx.commit().await.unwrap();

        session_with_factor(&core, "+79123460021", "ABCD-2345").await;
        let again = challenge(&core, "+79123460021", None).await;
        let error = core
            .complete_challenge(
                again,
                FactorChoice::BackupCode,
                "abcd-2345",
                false,
                &Client::default(),
            )
            .await
            .unwrap_err();
        assert_eq!(
            field_key(error, "code"),
            "error-code-wrong",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn five_wrong_codes_end_the_challenge() {
    for core in cores().await {
        core.register("+79123460003", "").await;
        let (setup, _) = with_app(&core, "+79123460003").await;
        let id = challenge(&core, "+79123460003", None).await;
        let choice = FactorChoice::Factor(setup.factor_id);

        for _ in 0..4 {
            let error = core
                .complete_challenge(id, choice, "111111", false, &Client::default())
                .await
                .unwrap_err();
            assert_eq!(
                field_key(error, "code"),
                "error-code-wrong",
                "{}",
                core.label
            );
        }
        let fifth = core
            .complete_challenge(id, choice, "111111", false, &Client::default())
            .await
            .unwrap_err();
        core.clock.advance(Duration::seconds(30));
        let late = core
            .complete_challenge(
                id,
                choice,
                &app_code(&core, &setup),
                false,
                &Client::default(),
            )
            .await
            .unwrap_err();

        assert_eq!(
            rejection(fifth).key,
            "error-challenge-expired",
            "{}",
            core.label
        );
        assert_eq!(
            rejection(late).key,
            "error-challenge-expired",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn remembered_device_skips_factor_until_revoked() {
    for core in cores().await {
        core.register("+79123460004", "").await;
        core.register("+79123460005", "").await;
        let (_, codes) = with_app(&core, "+79123460004").await;
        with_app(&core, "+79123460005").await;

        let id = challenge(&core, "+79123460004", None).await;
        let completed = core
            .complete_challenge(
                id,
                FactorChoice::BackupCode,
                &codes[0],
                true,
                &Client::default(),
            )
            .await
            .unwrap();
        let token = completed.device_token.expect("a device token");
        let remembered = core
            .start_sign_in(
                &phone("+79123460004"),
                PASSWORD,
                &Client::default(),
                Some(&token),
            )
            .await
            .unwrap();
        // Another account's sign-in on the same device still asks for its factor.
        let other = challenge(&core, "+79123460005", Some(&token)).await;

        assert!(
            matches!(remembered, SignInOutcome::SignedIn(_)),
            "{}",
            core.label
        );
        assert!(!other.is_nil(), "{}", core.label);
        let session = core
            .resolve_session(&completed.signed_in.token)
            .await
            .unwrap()
            .unwrap();
        let overview = core.factors_overview(&session.actor).await.unwrap();
        assert_eq!(overview.trusted_devices.len(), 1, "{}", core.label);
        core.revoke_trusted_device(&session.actor, overview.trusted_devices[0].id)
            .await
            .unwrap();
        challenge(&core, "+79123460004", Some(&token)).await;
        let id = challenge(&core, "+79123460004", None).await;
        let second = core
            .complete_challenge(
                id,
                FactorChoice::BackupCode,
                &codes[1],
                true,
                &Client::default(),
            )
            .await
            .unwrap()
            .device_token
            .unwrap();
        core.clock
            .advance(Duration::days(30) + Duration::seconds(1));
        challenge(&core, "+79123460004", Some(&second)).await;
        core.finish().await;
    }
}

#[tokio::test]
async fn sms_factor_sends_code_at_sign_in() {
    for core in cores().await {
        core.register("+79123460006", "").await;
        let session = session(&core, "+79123460006").await;
        let factor = core
            .start_code_factor(&session, FactorKind::Sms, Locale::Ru, &Client::default())
            .await
            .unwrap();
        let enrolment_code = code_in(&core.last_sms("+79123460006").await);
        core.confirm_factor(&session, factor, &enrolment_code)
            .await
            .unwrap();

        let id = challenge(&core, "+79123460006", None).await;
        let sms = core.last_sms("+79123460006").await;
        let code = code_in(&sms);
        let old = core
            .complete_challenge(
                id,
                FactorChoice::Factor(factor),
                &enrolment_code,
                false,
                &Client::default(),
            )
            .await
            .unwrap_err();
        core.complete_challenge(
            id,
            FactorChoice::Factor(factor),
            &code,
            false,
            &Client::default(),
        )
        .await
        .unwrap();

        assert_ne!(code, enrolment_code, "{}", core.label);
        assert_eq!(
            field_key(old, "code"),
            "error-code-wrong",
            "{}: the enrolment code is bound to the enrolment",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn email_factor_needs_an_address() {
    for core in cores().await {
        core.register("+79123460007", "").await;
        let session = session(&core, "+79123460007").await;

        let error = core
            .start_code_factor(&session, FactorKind::Email, Locale::Ru, &Client::default())
            .await
            .unwrap_err();

        assert_eq!(
            rejection(error).key,
            "error-factor-email-missing",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn critical_changes_need_fresh_step_up() {
    for core in cores().await {
        core.register("+79123460008", "").await;
        let token = token(&core, "+79123460008").await;
        let session = later(&core, &token, 14).await;
        let fresh = core.require_step_up(&session);
        let stale = later(&core, &token, 2).await;

        assert!(fresh.is_ok(), "{}: 14 minutes after sign-in", core.label);
        let error = core.start_totp(&stale).await.unwrap_err();
        assert!(
            matches!(error, Error::StepUpRequired),
            "{}: {error:?}",
            core.label
        );
        let wrong = core
            .step_up(&stale, None, "Not-The-Password-1")
            .await
            .unwrap_err();
        assert_eq!(
            field_key(wrong, "code"),
            "error-current-password-wrong",
            "{}",
            core.label
        );
        core.step_up(&stale, None, PASSWORD).await.unwrap();
        let stepped = later(&core, &token, 0).await;
        core.start_totp(&stepped).await.unwrap();
        core.finish().await;
    }
}

#[tokio::test]
async fn removing_last_factor_drops_backup_codes() {
    for core in cores().await {
        core.register("+79123460009", "").await;
        let (setup, codes) = with_app(&core, "+79123460009").await;
        let id = challenge(&core, "+79123460009", None).await;
        let token = core
            .complete_challenge(
                id,
                FactorChoice::BackupCode,
                &codes[0],
                false,
                &Client::default(),
            )
            .await
            .unwrap()
            .signed_in
            .token;
        let stale = later(&core, &token, 16).await;

        let refused = core
            .remove_factor(&stale, setup.factor_id)
            .await
            .unwrap_err();
        core.step_up(&stale, Some(FactorChoice::BackupCode), &codes[1])
            .await
            .unwrap();
        let stepped = later(&core, &token, 0).await;
        core.remove_factor(&stepped, setup.factor_id).await.unwrap();
        let overview = core.factors_overview(&stepped.actor).await.unwrap();
        let signed_in = core
            .sign_in(&phone("+79123460009"), PASSWORD, &Client::default())
            .await;

        assert!(matches!(refused, Error::StepUpRequired), "{}", core.label);
        assert!(overview.factors.is_empty(), "{}", core.label);
        assert_eq!(overview.backup_codes_left, 0, "{}", core.label);
        assert!(
            signed_in.is_ok(),
            "{}: no second step without factors",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn factor_of_another_person_is_not_found() {
    for core in cores().await {
        core.register("+79123460010", "").await;
        core.register("+79123460011", "").await;
        let (setup, _) = with_app(&core, "+79123460010").await;
        let stranger = session(&core, "+79123460011").await;

        let remove = core
            .remove_factor(&stranger, setup.factor_id)
            .await
            .unwrap_err();
        let default = core
            .set_default_factor(&stranger.actor, setup.factor_id)
            .await
            .unwrap_err();
        let show = core
            .totp_setup(&stranger, setup.factor_id)
            .await
            .unwrap_err();

        assert!(matches!(remove, Error::NotFound), "{}", core.label);
        assert!(matches!(default, Error::NotFound), "{}", core.label);
        assert!(matches!(show, Error::NotFound), "{}", core.label);
        core.finish().await;
    }
}

#[tokio::test]
async fn default_factor_is_chosen_by_owner() {
    for core in cores().await {
        core.register("+79123460012", "").await;
        let (setup, _) = with_app(&core, "+79123460012").await;
        let session = session_with_factor_app(&core, "+79123460012", &setup).await;
        let sms = core
            .start_code_factor(&session, FactorKind::Sms, Locale::Ru, &Client::default())
            .await
            .unwrap();
        let code = code_in(&core.last_sms("+79123460012").await);
        let codes = core.confirm_factor(&session, sms, &code).await.unwrap();

        core.set_default_factor(&session.actor, sms).await.unwrap();
        let id = challenge(&core, "+79123460012", None).await;
        let view = core.challenge(id).await.unwrap();

        assert!(
            codes.is_none(),
            "{}: backup codes come with the first factor only",
            core.label
        );
        assert_eq!(view.factors[0].id, sms, "{}", core.label);
        assert!(view.factors[0].is_default, "{}", core.label);
        assert!(!view.factors[1].is_default, "{}", core.label);
        assert!(
            core.last_sms("+79123460012").await.contains("вход"),
            "{}: the default SMS factor sent a code",
            core.label
        );
        core.finish().await;
    }
}

async fn session_with_factor_app(core: &TestCore, number: &str, setup: &TotpSetup) -> SessionUser {
    core.clock.advance(Duration::seconds(30));
    let id = challenge(core, number, None).await;
    let completed = core
        .complete_challenge(
            id,
            FactorChoice::Factor(setup.factor_id),
            &app_code(core, setup),
            false,
            &Client::default(),
        )
        .await
        .unwrap();
    core.resolve_session(&completed.signed_in.token)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn wrong_step_up_entries_lock_the_account() {
    for core in cores().await {
        core.register("+79123460013", "").await;
        let token = token(&core, "+79123460013").await;
        let session = later(&core, &token, 0).await;

        let first = core
            .step_up(&session, None, "Wrong-Password-1")
            .await
            .unwrap_err();
        let second = core
            .step_up(&session, None, "Wrong-Password-2")
            .await
            .unwrap_err();
        let third = core
            .step_up(&session, None, "Wrong-Password-3")
            .await
            .unwrap_err();

        assert_eq!(
            field_key(first, "code"),
            "error-current-password-wrong",
            "{}",
            core.label
        );
        assert_eq!(
            field_key(second, "code"),
            "error-current-password-wrong",
            "{}",
            core.label
        );
        assert_eq!(
            rejection(third).key,
            "error-account-locked",
            "{}",
            core.label
        );
        assert!(
            core.resolve_session(&token).await.unwrap().is_none(),
            "{}: the session ended",
            core.label
        );
        let sign_in = core
            .sign_in(&phone("+79123460013"), PASSWORD, &Client::default())
            .await
            .unwrap_err();
        assert_eq!(
            rejection(sign_in).key,
            "error-account-locked",
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn remembered_device_does_not_step_up() {
    for core in cores().await {
        core.register("+79123460014", "").await;
        let (_, codes) = with_app(&core, "+79123460014").await;
        let id = challenge(&core, "+79123460014", None).await;
        let device = core
            .complete_challenge(
                id,
                FactorChoice::BackupCode,
                &codes[0],
                true,
                &Client::default(),
            )
            .await
            .unwrap()
            .device_token
            .unwrap();

        let SignInOutcome::SignedIn(signed_in) = core
            .start_sign_in(
                &phone("+79123460014"),
                PASSWORD,
                &Client::default(),
                Some(&device),
            )
            .await
            .unwrap()
        else {
            panic!(
                "{}: the remembered device skips the second step",
                core.label
            );
        };
        let session = core
            .resolve_session(&signed_in.token)
            .await
            .unwrap()
            .unwrap();

        assert!(
            matches!(core.require_step_up(&session), Err(Error::StepUpRequired)),
            "{}",
            core.label
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn email_change_needs_step_up() {
    for core in cores().await {
        core.register("+79123460015", "").await;
        let token = token(&core, "+79123460015").await;
        let stale = later(&core, &token, 16).await;
        let form = |email: &str| kabinet_core::shared::forms::ProfileForm {
            surname: "Соколова".into(),
            given_name: "Мария".into(),
            patronymic: "Ивановна".into(),
            birth_date: "09.03.1988".into(),
            email: email.into(),
            ..Default::default()
        };

        let same = core.check_profile_step_up(&stale, &form("")).await;
        let changed = core
            .check_profile_step_up(&stale, &form("maria@example.ru"))
            .await;
        core.step_up(&stale, None, PASSWORD).await.unwrap();
        let stepped = later(&core, &token, 0).await;
        let after = core
            .check_profile_step_up(&stepped, &form("maria@example.ru"))
            .await;

        assert!(same.is_ok(), "{}: the e-mail stays", core.label);
        assert!(
            matches!(changed, Err(Error::StepUpRequired)),
            "{}: {changed:?}",
            core.label
        );
        assert!(after.is_ok(), "{}: after the step-up", core.label);
        core.finish().await;
    }
}
