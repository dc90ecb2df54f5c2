//! Notifications on every channel: the person's choices, quiet hours, delivery over a
//! real SMTP server with retries and crash recovery, and the 30-day archive.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, Timelike};
use common::peers::{BOT_TOKEN, BotApiPeer, PushServicePeer, SmsGatewayPeer};
use common::{PDF, SmtpServer, TestCore, cores, normalized, second_core};
use kabinet_core::applications::{FileUpload, Submission};
use kabinet_core::deliveries::Round;
use kabinet_core::deliveries::push::{PushSettings, WebPush};
use kabinet_core::deliveries::sms::SmsSettings;
use kabinet_core::deliveries::smtp::{Mailer, SmtpSettings};
use kabinet_core::deliveries::telegram::TelegramSettings;
use kabinet_core::shared::Locale;
use kabinet_core::shared::forms::ProfileForm;
use kabinet_core::shared::history::HistoryFilter;
use kabinet_core::shared::notify::{
    ArchiveFilter, Category, Channel, DeliveryStatus, NotificationSettingsForm,
};
use kabinet_core::{Actor, Error};
use uuid::Uuid;

/// Registers a citizen whose e-mail `email` is confirmed.
async fn citizen(core: &TestCore, phone: &str, email: &str) -> Actor {
    core.seed_demo().await.unwrap();
    let actor = core.register(phone, "").await;
    let form = ProfileForm {
        surname: "Соколова".into(),
        given_name: "Мария".into(),
        patronymic: "Ивановна".into(),
        birth_date: "09.03.1988".into(),
        email: email.into(),
        ..Default::default()
    };
    core.update_profile(&actor, &form).await.unwrap();
    core.confirm_email_link(email).await;
    actor
}

/// Submits an application for a certificate of no criminal record (category: passports
/// and registration) and returns its id.
async fn apply(core: &TestCore, actor: &Actor) -> Uuid {
    let answers: BTreeMap<String, String> = [
        ("surname", "Соколова"),
        ("given_name", "Мария"),
        ("patronymic", "Ивановна"),
        ("former_names", ""),
        ("birth_date", "09.03.1988"),
        ("birth_place", "г. Пермь"),
        ("snils", "112-233-445 95"),
        ("purpose", "employment"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let submission = Submission {
        service_code: "criminal-record-certificate".into(),
        request_key: Uuid::new_v4().to_string(),
        answers,
        uploads: vec![FileUpload {
            document_code: "passport_scan".into(),
            file_name: "паспорт.pdf".into(),
            bytes: PDF.to_vec(),
        }],
        remove_staged: Vec::new(),
    };
    core.submit_application(actor, submission).await.unwrap().id
}

/// The settings form with `on` checked and no quiet hours.
fn settings(on: &[&str]) -> NotificationSettingsForm {
    let mut form = NotificationSettingsForm::default();
    for name in on {
        let field = match *name {
            "email_applications" => &mut form.email_applications,
            "email_taxes" => &mut form.email_taxes,
            "email_passports" => &mut form.email_passports,
            "email_social" => &mut form.email_social,
            "email_support" => &mut form.email_support,
            "email_security" => &mut form.email_security,
            "sms_applications" => &mut form.sms_applications,
            "sms_taxes" => &mut form.sms_taxes,
            "sms_passports" => &mut form.sms_passports,
            "sms_social" => &mut form.sms_social,
            "sms_support" => &mut form.sms_support,
            "sms_security" => &mut form.sms_security,
            other => panic!("no box {other}"),
        };
        *field = "on".into();
    }
    form
}

/// The channels and statuses of the newest notification in the archive.
async fn newest_copies(core: &TestCore, actor: &Actor) -> Vec<(Channel, DeliveryStatus)> {
    let archive = core
        .notification_archive(actor, &ArchiveFilter::default())
        .await
        .unwrap();
    let newest = archive[0].notification_id;
    archive
        .iter()
        .filter(|entry| entry.notification_id == newest)
        .map(|entry| (entry.channel, entry.status))
        .collect()
}

fn field_keys(error: Error) -> Vec<(String, String)> {
    match error {
        Error::Invalid(errors) => errors
            .0
            .iter()
            .map(|error| (error.field.clone(), error.message.key.clone()))
            .collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn choices_pick_the_channels() {
    for core in cores().await {
        let label = core.label;
        let actor = citizen(&core, "+79123480001", "sokolova1@example.test").await;

        // Defaults: e-mail carries everything, SMS only security.
        let view = core.notification_settings(&actor).await.unwrap();
        assert_eq!(view.email.as_deref(), Some("sokolova1@example.test"));
        assert!(view.choices["email_passports"], "{label}");
        assert!(!view.choices["sms_passports"], "{label}");
        assert!(view.choices["sms_security"], "{label}");
        assert_eq!(
            view.quiet.map(|quiet| (quiet.start, quiet.end)),
            Some((1320, 480))
        );
        apply(&core, &actor).await;
        assert_eq!(
            newest_copies(&core, &actor).await,
            [
                (Channel::InApp, DeliveryStatus::Unread),
                (Channel::Email, DeliveryStatus::Queued)
            ],
            "{label}"
        );

        // SMS instead of e-mail for passports; security by e-mail only.
        core.update_notification_settings(&actor, &settings(&["sms_passports", "email_security"]))
            .await
            .unwrap();
        let view = core.notification_settings(&actor).await.unwrap();
        assert_eq!(view.quiet, None, "{label}");
        assert!(view.choices["sms_passports"] && !view.choices["email_passports"]);
        let id = apply(&core, &actor).await;
        assert_eq!(
            newest_copies(&core, &actor).await,
            [
                (Channel::InApp, DeliveryStatus::Unread),
                (Channel::Sms, DeliveryStatus::Queued)
            ],
            "{label}"
        );
        let sms = core.last_sms(&normalized("+79123480001")).await;
        let number = core
            .application(&actor, id, Locale::Ru)
            .await
            .unwrap()
            .summary
            .number;
        assert_eq!(
            sms,
            format!("Kabinet: заявление № {number} отправлено в ведомство."),
            "{label}"
        );

        // The change is in the action journal.
        let journal = core
            .history_page(
                &actor,
                &HistoryFilter {
                    page: 1,
                    ..Default::default()
                },
                Locale::Ru,
            )
            .await
            .unwrap();
        assert!(
            journal
                .entries
                .iter()
                .any(|entry| entry.key == "history-notification-settings-changed"),
            "{label}"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn channels_need_confirmed_contacts_and_security_stays_on() {
    for core in cores().await {
        let label = core.label;
        core.seed_demo().await.unwrap();
        let actor = core.register("+79123480002", "").await;

        // No e-mail address: e-mail cannot be turned on.
        let refused = core
            .update_notification_settings(&actor, &settings(&["email_taxes", "sms_security"]))
            .await
            .unwrap_err();
        assert_eq!(
            field_keys(refused),
            [(
                "email_taxes".to_string(),
                "error-channel-needs-email".to_string()
            )],
            "{label}"
        );
        // Security notices off everywhere.
        let refused = core
            .update_notification_settings(&actor, &settings(&["sms_taxes"]))
            .await
            .unwrap_err();
        assert_eq!(
            field_keys(refused),
            [(
                "sms_security".to_string(),
                "error-security-notices-required".to_string()
            )],
            "{label}"
        );
        // Bad quiet hours name their field.
        let mut form = settings(&["sms_security"]);
        form.quiet_start = "25:00".into();
        form.quiet_end = "07:00".into();
        let refused = core
            .update_notification_settings(&actor, &form)
            .await
            .unwrap_err();
        assert_eq!(
            field_keys(refused),
            [("quiet_start".to_string(), "error-time-format".to_string())],
            "{label}"
        );
        // Nothing was saved by the refused forms.
        let view = core.notification_settings(&actor).await.unwrap();
        assert!(!view.choices["sms_taxes"], "{label}");
        assert!(view.choices["sms_security"], "{label}");
        core.finish().await;
    }
}

#[tokio::test]
async fn sms_waits_out_quiet_hours_except_security() {
    for core in cores().await {
        let label = core.label;
        let actor = citizen(&core, "+79123480003", "sokolova3@example.test").await;
        core.deliver_queued().await.unwrap();
        // Quiet hours from an hour ago to an hour from now, Moscow time.
        let now = core.clock.now().with_timezone(&chrono_tz::Europe::Moscow);
        let minute = (now.hour() * 60 + now.minute()) as i64;
        let at = |offset: i64| {
            let m = (minute + offset).rem_euclid(1440);
            format!("{:02}:{:02}", m / 60, m % 60)
        };
        let mut form = settings(&["sms_passports", "sms_security", "email_security"]);
        form.quiet_start = at(-60);
        form.quiet_end = at(60);
        core.update_notification_settings(&actor, &form)
            .await
            .unwrap();

        apply(&core, &actor).await;
        // A security notice: the profile changes.
        let profile = ProfileForm {
            surname: "Соколова".into(),
            given_name: "Мария".into(),
            patronymic: "Ивановна".into(),
            birth_date: "09.03.1988".into(),
            email: "sokolova3@example.test".into(),
            birth_place: "г. Пермь".into(),
            ..Default::default()
        };
        core.update_profile(&actor, &profile).await.unwrap();
        let round = core.deliver_queued().await.unwrap();
        // The security SMS and e-mail go; the application's SMS waits.
        assert_eq!(
            round,
            Round {
                sent: 2,
                deferred: 0,
                failed: 0
            },
            "{label}"
        );
        let archive = core
            .notification_archive(
                &actor,
                &ArchiveFilter {
                    channel: Some(Channel::Sms),
                    category: Some(Category::Passports),
                },
            )
            .await
            .unwrap();
        assert_eq!(archive.len(), 1, "{label}");
        assert_eq!(archive[0].status, DeliveryStatus::Queued, "{label}");

        // After the quiet hours the SMS goes.
        core.clock.advance(Duration::minutes(61));
        assert_eq!(core.deliver_queued().await.unwrap().sent, 1, "{label}");
        core.finish().await;
    }
}

#[tokio::test]
async fn email_goes_out_over_smtp() {
    for mut core in cores().await {
        let label = core.label;
        let smtp = SmtpServer::start();
        core.core.set_smtp(Some(smtp.settings())).unwrap();
        let actor = citizen(&core, "+79123480004", "алёна@пример.рф").await;
        // Send what registration and the address change queued, so that only the
        // application's notification remains.
        core.deliver_queued().await.unwrap();
        let already = smtp.messages().len();

        let id = apply(&core, &actor).await;
        let number = core
            .application(&actor, id, Locale::Ru)
            .await
            .unwrap()
            .summary
            .number;
        let round = core.deliver_queued().await.unwrap();
        assert_eq!(round.sent, 1, "{label}: {round:?}");

        let messages = smtp.messages();
        assert_eq!(messages.len(), already + 1, "{label}");
        let letter = messages.last().unwrap();
        assert_eq!(letter.rcpt_tos, ["алёна@пример.рф"], "{label}");
        assert!(letter.smtputf8, "{label}: SMTPUTF8 was not asked for");
        assert_eq!(letter.to, "алёна@пример.рф", "{label}");
        assert_eq!(letter.from, "Госуслуги Kabinet <noreply@kabinet.test>");
        assert_eq!(
            letter.subject,
            format!("Заявление № {number} отправлено"),
            "{label}"
        );
        let link = format!("http://127.0.0.1:3000/applications/{id}");
        let text = letter.text.as_deref().unwrap();
        assert!(text.starts_with("Здравствуйте!\n\n"), "{label}: {text}");
        assert!(
            text.contains(&format!("Заявление № {number} отправлено в ведомство")),
            "{label}: {text}"
        );
        assert!(
            text.contains(&format!("Открыть заявление в личном кабинете: {link}")),
            "{label}: {text}"
        );
        let html = letter.html.as_deref().unwrap();
        assert!(
            html.contains(&format!(
                "<a href=\"{link}\">Открыть заявление в личном кабинете</a>"
            )),
            "{label}: {html}"
        );
        assert!(
            letter.message_id.ends_with("@kabinet.test>"),
            "{label}: {}",
            letter.message_id
        );
        assert_eq!(
            newest_copies(&core, &actor).await,
            [
                (Channel::InApp, DeliveryStatus::Unread),
                (Channel::Email, DeliveryStatus::Sent)
            ],
            "{label}"
        );
        core.finish().await;
    }
}

#[tokio::test]
async fn email_goes_over_starttls_with_a_login() {
    for mut core in cores().await {
        let label = core.label;
        let smtp = SmtpServer::start_secure("kabinet", "Pochta-2026");
        let url = |password: &str| {
            format!(
                "smtp://kabinet:{password}@127.0.0.1:{}?tls=required",
                smtp.port
            )
        };
        let settings = |url: String, ca_file: Option<std::path::PathBuf>| SmtpSettings {
            url,
            from: "Госуслуги Kabinet <noreply@kabinet.test>".into(),
            ca_file,
        };

        // The server's certificate comes from a private authority: without it the
        // handshake fails, and the message waits for a retry.
        core.core
            .set_smtp(Some(settings(url("Pochta-2026"), None)))
            .unwrap();
        let actor = citizen(&core, "+79123480011", "sokolova11@example.test").await;
        // The round also sends SMS to the development outbox, so only e-mail is counted.
        let first = core.deliver_queued().await.unwrap();
        let waiting = first.deferred;
        assert!(waiting > 0, "{label}: {first:?}");
        assert_eq!(first.failed, 0, "{label}: {first:?}");
        assert!(smtp.messages().is_empty(), "{label}");

        // A wrong password is the portal's own mistake: retried, never failed.
        core.core
            .set_smtp(Some(settings(url("wrong"), Some(smtp.ca_file()))))
            .unwrap();
        core.clock.advance(Duration::hours(2));
        let second = core.deliver_queued().await.unwrap();
        assert_eq!(second.deferred, waiting, "{label}: {second:?}");
        assert_eq!(second.failed, 0, "{label}: {second:?}");
        assert!(smtp.messages().is_empty(), "{label}");

        core.core
            .set_smtp(Some(settings(url("Pochta-2026"), Some(smtp.ca_file()))))
            .unwrap();
        core.clock.advance(Duration::hours(2));
        let third = core.deliver_queued().await.unwrap();
        assert_eq!(third.sent, waiting, "{label}: what waited is sent");
        assert_eq!(smtp.messages().len() as u64, waiting, "{label}");
        apply(&core, &actor).await;
        assert_eq!(core.deliver_queued().await.unwrap().sent, 1, "{label}");

        let messages = smtp.messages();
        assert_eq!(messages.len() as u64, waiting + 1, "{label}");
        for message in &messages {
            assert!(message.tls, "{label}: {} came in clear", message.subject);
            assert_eq!(message.login.as_deref(), Some("kabinet"), "{label}");
            assert_eq!(message.rcpt_tos, ["sokolova11@example.test"], "{label}");
        }
        core.finish().await;
    }
}

// A tokio test, because the transport's connection pool starts a task on the runtime.
#[tokio::test]
async fn ca_file_needs_a_tls_url_and_a_certificate() {
    let smtp = SmtpServer::start_secure("kabinet", "Pochta-2026");
    let mailer = |url: &str, ca_file: std::path::PathBuf| {
        Mailer::new(&SmtpSettings {
            url: url.into(),
            from: "Kabinet <noreply@kabinet.test>".into(),
            ca_file: Some(ca_file),
        })
        .err()
        .map(|error| error.to_string())
    };
    let plain = format!("smtp://127.0.0.1:{}", smtp.port);
    let secure = format!("smtp://127.0.0.1:{}?tls=required", smtp.port);
    assert_eq!(mailer(&secure, smtp.ca_file()), None);
    assert_eq!(
        mailer(&plain, smtp.ca_file()).as_deref(),
        Some(
            "internal error: an SMTP CA file needs a TLS URL: smtps://host:465 or smtp://host:587?tls=required"
        )
    );
    let not_pem = std::env::temp_dir().join(format!("kabinet-not-a-ca-{}.pem", Uuid::new_v4()));
    std::fs::write(&not_pem, "no certificate here").unwrap();
    assert_eq!(
        mailer(&secure, not_pem.clone()),
        Some(format!(
            "internal error: the SMTP CA file {} contains no PEM certificate",
            not_pem.display()
        ))
    );
    std::fs::remove_file(&not_pem).unwrap();
    let missing = mailer(&secure, not_pem.clone()).unwrap();
    assert!(
        missing.starts_with(&format!(
            "internal error: the SMTP CA file {} cannot be read: ",
            not_pem.display()
        )),
        "{missing}"
    );
}

#[tokio::test]
async fn smtp_outage_delays_mail_and_sends_it_once() {
    for mut core in cores().await {
        let label = core.label;
        let mut smtp = SmtpServer::start();
        core.core.set_smtp(Some(smtp.settings())).unwrap();
        let actor = citizen(&core, "+79123480005", "sokolova5@example.test").await;
        core.deliver_queued().await.unwrap();
        let already = smtp.messages().len();

        smtp.kill();
        for _ in 0..3 {
            apply(&core, &actor).await;
        }
        let round = core.deliver_queued().await.unwrap();
        assert_eq!(
            round,
            Round {
                sent: 0,
                deferred: 3,
                failed: 0
            },
            "{label}"
        );
        // The server is back, but the retry waits for its backoff.
        smtp.resume();
        assert!(core.deliver_queued().await.unwrap().is_empty(), "{label}");
        core.clock.advance(Duration::seconds(31));
        assert_eq!(core.deliver_queued().await.unwrap().sent, 3, "{label}");
        assert!(core.deliver_queued().await.unwrap().is_empty(), "{label}");

        let messages = smtp.messages();
        assert_eq!(messages.len(), already + 3, "{label}");
        let ids: BTreeSet<&str> = messages[already..]
            .iter()
            .map(|message| message.message_id.as_str())
            .collect();
        assert_eq!(ids.len(), 3, "{label}: a message went twice");
        core.finish().await;
    }
}

#[tokio::test]
async fn crashed_worker_loses_nothing_and_sends_nothing_twice() {
    for mut core in cores().await {
        let label = core.label;
        let mut smtp = SmtpServer::start();
        core.core.set_smtp(Some(smtp.settings())).unwrap();
        let actor = citizen(&core, "+79123480006", "sokolova6@example.test").await;
        core.deliver_queued().await.unwrap();
        for _ in 0..4 {
            apply(&core, &actor).await;
        }

        // The worker claims the messages and hangs on a frozen server; then it dies.
        smtp.pause();
        let core = std::sync::Arc::new(core);
        let worker = {
            let core = core.clone();
            tokio::spawn(async move { core.deliver_queued().await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        worker.abort();
        assert!(worker.await.unwrap_err().is_cancelled());
        smtp.kill();
        smtp.resume();
        let already = smtp.messages().len();

        // A new worker leaves claimed messages alone until their lease runs out.
        assert!(core.deliver_queued().await.unwrap().is_empty(), "{label}");
        core.clock.advance(Duration::seconds(61));
        assert_eq!(core.deliver_queued().await.unwrap().sent, 4, "{label}");
        let messages = smtp.messages();
        assert_eq!(messages.len(), already + 4, "{label}");
        let ids: BTreeSet<&str> = messages
            .iter()
            .map(|message| message.message_id.as_str())
            .collect();
        assert_eq!(ids.len(), messages.len(), "{label}: a message went twice");
        let Ok(core) = std::sync::Arc::try_unwrap(core) else {
            panic!("the worker still holds the core");
        };
        core.finish().await;
    }
}

#[tokio::test]
async fn unknown_mailbox_fails_without_retry() {
    for mut core in cores().await {
        let label = core.label;
        let smtp = SmtpServer::start();
        core.core.set_smtp(Some(smtp.settings())).unwrap();
        let actor = citizen(&core, "+79123480007", "unknown.sokolova@example.test").await;
        core.deliver_queued().await.unwrap();
        apply(&core, &actor).await;
        let round = core.deliver_queued().await.unwrap();
        assert_eq!(
            round,
            Round {
                sent: 0,
                deferred: 0,
                failed: 1
            },
            "{label}"
        );
        assert_eq!(
            newest_copies(&core, &actor).await,
            [
                (Channel::InApp, DeliveryStatus::Unread),
                (Channel::Email, DeliveryStatus::Failed)
            ],
            "{label}"
        );
        core.clock.advance(Duration::hours(2));
        assert!(core.deliver_queued().await.unwrap().is_empty(), "{label}");
        core.finish().await;
    }
}

#[tokio::test]
async fn two_workers_on_postgres_send_each_message_once() {
    for mut core in cores().await {
        let smtp = SmtpServer::start();
        core.core.set_smtp(Some(smtp.settings())).unwrap();
        let Some(other) = second_core(&core).await else {
            core.finish().await;
            continue;
        };
        let actor = citizen(&core, "+79123480008", "sokolova8@example.test").await;
        core.deliver_queued().await.unwrap();
        let already = smtp.messages().len();
        for _ in 0..30 {
            apply(&core, &actor).await;
        }
        let (first, second) = tokio::join!(core.deliver_queued(), other.deliver_queued());
        let (first, second) = (first.unwrap(), second.unwrap());
        assert_eq!(first.sent + second.sent, 30, "{first:?} {second:?}");
        let messages = smtp.messages();
        assert_eq!(messages.len(), already + 30);
        let ids: BTreeSet<&str> = messages
            .iter()
            .map(|message| message.message_id.as_str())
            .collect();
        assert_eq!(ids.len(), messages.len(), "a message went twice");
        other.db.close().await;
        core.finish().await;
    }
}

#[tokio::test]
async fn archive_is_private_filtered_and_purged() {
    for core in cores().await {
        let label = core.label;
        let first = citizen(&core, "+79123480009", "sokolova9@example.test").await;
        let second = citizen(&core, "+79123480010", "sokolova10@example.test").await;
        apply(&core, &first).await;
        apply(&core, &second).await;
        core.deliver_queued().await.unwrap();

        let everything = core
            .notification_archive(&first, &ArchiveFilter::default())
            .await
            .unwrap();
        // Two security notices (e-mail confirmed, profile changed) by message centre,
        // SMS and e-mail, and the application by message centre and e-mail.
        let kinds: Vec<(&str, Channel)> = everything
            .iter()
            .map(|entry| (entry.key.as_str(), entry.channel))
            .collect();
        assert_eq!(
            kinds.first(),
            Some(&("notification-application-submitted", Channel::InApp)),
            "{label}"
        );
        let theirs = core
            .notification_archive(&second, &ArchiveFilter::default())
            .await
            .unwrap();
        let mine: BTreeSet<Uuid> = everything.iter().map(|e| e.notification_id).collect();
        assert!(
            theirs
                .iter()
                .all(|entry| !mine.contains(&entry.notification_id)),
            "{label}: another person's notification is shown"
        );

        let email_only = core
            .notification_archive(
                &first,
                &ArchiveFilter {
                    channel: Some(Channel::Email),
                    category: None,
                },
            )
            .await
            .unwrap();
        assert!(!email_only.is_empty(), "{label}");
        assert!(
            email_only
                .iter()
                .all(|entry| entry.channel == Channel::Email)
        );
        assert!(
            email_only
                .iter()
                .all(|entry| entry.status == DeliveryStatus::Sent),
            "{label}"
        );
        let security = core
            .notification_archive(
                &first,
                &ArchiveFilter {
                    channel: None,
                    category: Some(Category::Security),
                },
            )
            .await
            .unwrap();
        assert!(!security.is_empty(), "{label}");
        assert!(
            security
                .iter()
                .all(|entry| entry.category == Category::Security)
        );
        assert_eq!(
            security.len() + 2,
            everything.len(),
            "{label}: the application's two entries are the only others"
        );

        // A day short of 30 the archive is whole; past 30 days the job empties it.
        core.clock.advance(Duration::days(29));
        assert_eq!(core.purge_notifications().await.unwrap(), 0, "{label}");
        core.clock.advance(Duration::days(2));
        assert!(core.purge_notifications().await.unwrap() > 0, "{label}");
        assert!(
            core.notification_archive(&first, &ArchiveFilter::default())
                .await
                .unwrap()
                .is_empty(),
            "{label}"
        );
        assert!(core.notifications(&first).await.unwrap().is_empty());
        core.finish().await;
    }
}

const CALLBACK_TOKEN: &str = "callback-token-of-the-test-gateway-0123456789";

#[tokio::test]
async fn sms_goes_through_the_gateway_and_reports_come_back() {
    for mut core in cores().await {
        let label = core.label;
        let gateway = SmsGatewayPeer::start().await;
        core.core
            .set_sms(Some(SmsSettings {
                url: gateway.url.clone(),
                login: "kabinet".into(),
                password: "gateway-password".into(),
                callback_token: CALLBACK_TOKEN.into(),
            }))
            .unwrap();
        let actor = citizen(&core, "+79123480011", "sokolova11@example.test").await;
        core.deliver_queued().await.unwrap();
        let first = gateway.received();
        assert!(!first.is_empty(), "{label}");
        let request = &first[0];
        // "kabinet:gateway-password" in base64.
        assert_eq!(
            request.authorization,
            "Basic a2FiaW5ldDpnYXRld2F5LXBhc3N3b3Jk"
        );
        assert_eq!(request.body["to"], "+79123480011", "{label}");
        assert_eq!(
            request.body["callback_url"],
            "http://127.0.0.1:3000/hooks/sms/status"
        );
        assert_eq!(
            request.idempotency_key,
            request.body["id"].as_str().unwrap(),
            "{label}"
        );
        // The registration code left the queue with the gateway: its text is gone.
        let outbox = core.development_outbox().await.unwrap();
        let code = outbox
            .iter()
            .find(|message| message.channel == "sms" && message.body.is_empty());
        assert!(code.is_some(), "{label}: the code's text was kept");

        // The gateway fails once; the retry carries the same idempotency key.
        gateway.answer_with(&[503]);
        let profile = ProfileForm {
            surname: "Соколова".into(),
            given_name: "Мария".into(),
            patronymic: "Ивановна".into(),
            birth_date: "09.03.1988".into(),
            email: "sokolova11@example.test".into(),
            birth_place: "г. Пермь".into(),
            ..Default::default()
        };
        core.update_profile(&actor, &profile).await.unwrap();
        let round = core.deliver_queued().await.unwrap();
        assert_eq!((round.sent, round.deferred), (1, 1), "{label}: {round:?}");
        core.clock.advance(Duration::seconds(31));
        assert_eq!(core.deliver_queued().await.unwrap().sent, 1, "{label}");
        let all = gateway.received();
        let (failed, retried) = (&all[all.len() - 2], &all[all.len() - 1]);
        assert_eq!(failed.idempotency_key, retried.idempotency_key, "{label}");
        assert_eq!(
            retried.body["text"],
            "Kabinet: в вашем профиле изменены личные данные. Если это были не вы, смените пароль и обратитесь в поддержку."
        );
        let message_id = format!("gw-{}", all.len());

        // The delivery report, with a wrong token, an unknown id and the right ones.
        assert!(matches!(
            core.sms_report("wrong-token", &message_id, true).await,
            Err(Error::Forbidden)
        ));
        assert!(
            !core
                .sms_report(CALLBACK_TOKEN, "gw-999", true)
                .await
                .unwrap()
        );
        assert!(
            core.sms_report(CALLBACK_TOKEN, &message_id, true)
                .await
                .unwrap()
        );
        let sms = core
            .notification_archive(
                &actor,
                &ArchiveFilter {
                    channel: Some(Channel::Sms),
                    category: None,
                },
            )
            .await
            .unwrap();
        assert_eq!(sms[0].status, DeliveryStatus::Delivered, "{label}");

        // A refusal in 4xx is final.
        gateway.answer_with(&[400]);
        core.update_profile(
            &actor,
            &ProfileForm {
                birth_place: "г. Самара".into(),
                ..profile
            },
        )
        .await
        .unwrap();
        let round = core.deliver_queued().await.unwrap();
        assert_eq!((round.sent, round.failed), (1, 1), "{label}: {round:?}");
        core.finish().await;
    }
}

#[tokio::test]
async fn telegram_links_by_start_code_and_gets_copies() {
    for mut core in cores().await {
        let label = core.label;
        let bot = BotApiPeer::start().await;
        core.core
            .set_telegram(Some(TelegramSettings {
                api_url: bot.url.clone(),
                token: BOT_TOKEN.into(),
                bot_name: "kabinet_test_bot".into(),
            }))
            .unwrap();
        let actor = citizen(&core, "+79123480012", "sokolova12@example.test").await;
        core.deliver_queued().await.unwrap();
        let view = core.notification_settings(&actor).await.unwrap();
        assert!(!view.telegram_linked, "{label}");
        assert!(!view.choices["telegram_applications"], "{label}");

        let link = core.start_telegram_link(&actor).await.unwrap();
        let code = link
            .strip_prefix("https://t.me/kabinet_test_bot?start=")
            .unwrap_or_else(|| panic!("{label}: {link}"));
        assert!(code.len() >= 32 && code.len() <= 64, "{label}: {code}");
        bot.message_from(555, "/start not-a-code");
        bot.message_from(777, &format!("/start {code}"));
        assert_eq!(core.poll_telegram(0).await.unwrap(), 1, "{label}");
        // The code works once.
        bot.message_from(888, &format!("/start {code}"));
        assert_eq!(core.poll_telegram(0).await.unwrap(), 0, "{label}");

        let view = core.notification_settings(&actor).await.unwrap();
        assert!(view.telegram_linked, "{label}");
        assert!(view.choices["telegram_applications"], "{label}");
        let id = apply(&core, &actor).await;
        let number = core
            .application(&actor, id, Locale::Ru)
            .await
            .unwrap()
            .summary
            .number;
        core.deliver_queued().await.unwrap();
        let sent = bot.sent();
        let to = |chat: &str| -> Vec<String> {
            sent.iter()
                .filter(|(to, _)| to == chat)
                .map(|(_, text)| text.clone())
                .collect()
        };
        assert_eq!(
            to("777"),
            [
                "Kabinet: Telegram подключён. Уведомления личного кабинета будут приходить в этот чат. Выбрать, какие именно, можно в настройках уведомлений.".to_string(),
                format!(
                    "Заявление № {number} отправлено в ведомство\n\nОткрыть заявление в личном кабинете: http://127.0.0.1:3000/applications/{id}"
                ),
            ],
            "{label}"
        );
        let stale = "Kabinet: ссылка для подключения устарела или уже использована. Откройте настройки уведомлений в личном кабинете и получите новую.";
        assert_eq!(to("555"), [stale], "{label}");
        assert_eq!(to("888"), [stale], "{label}");

        // Unlinked, the chat gets nothing more.
        core.unlink_telegram(&actor).await.unwrap();
        apply(&core, &actor).await;
        core.deliver_queued().await.unwrap();
        assert_eq!(
            bot.sent().iter().filter(|(to, _)| to == "777").count(),
            2,
            "{label}"
        );
        core.finish().await;
    }
}

/// Runs the browser's side of Web Push (`support/push_decrypt.py`).
fn browser_side(args: &[&str], input: &[u8]) -> serde_json::Value {
    use std::io::Write;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/push_decrypt.py");
    let mut child = std::process::Command::new("python3")
        .arg(script)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs push_decrypt.py (pip install http_ece)");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "push_decrypt.py {args:?} failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[tokio::test]
async fn web_push_is_encrypted_for_the_browser() {
    for mut core in cores().await {
        let label = core.label;
        let service = PushServicePeer::start().await;
        core.core
            .set_push(Some(PushSettings {
                vapid_private_key: WebPush::generate_key(),
                subject: "mailto:admin@kabinet.test".into(),
            }))
            .unwrap();
        let actor = citizen(&core, "+79123480013", "sokolova13@example.test").await;
        core.deliver_queued().await.unwrap();
        let browser = browser_side(&["keys"], b"");
        let (p256dh, auth) = (
            browser["p256dh"].as_str().unwrap(),
            browser["auth"].as_str().unwrap(),
        );
        let endpoint = format!("{}/push/first", service.url);

        // Subscriptions that cannot work are rejected.
        for (bad_endpoint, bad_key, bad_auth) in [
            ("ftp://push.example/x", p256dh, auth),
            (endpoint.as_str(), "AAAA", auth),
            (endpoint.as_str(), p256dh, "c2hvcnQ"),
        ] {
            let refused = core
                .add_push_subscription(&actor, bad_endpoint, bad_key, bad_auth)
                .await;
            assert!(
                matches!(refused, Err(Error::Rejected(_))),
                "{label}: {refused:?}"
            );
        }
        core.add_push_subscription(&actor, &endpoint, p256dh, auth)
            .await
            .unwrap();
        let view = core.notification_settings(&actor).await.unwrap();
        assert_eq!(view.push_subscriptions, 1, "{label}");
        assert!(view.choices["push_applications"], "{label}");
        assert_eq!(
            view.vapid_public_key.as_deref().map(str::len),
            Some(87),
            "{label}: a base64url uncompressed P-256 point"
        );

        let id = apply(&core, &actor).await;
        let number = core
            .application(&actor, id, Locale::Ru)
            .await
            .unwrap()
            .summary
            .number;
        // Quiet hours could hold the message back; send it whenever the test runs.
        core.clock.advance(Duration::hours(11));
        core.deliver_queued().await.unwrap();
        let received = service.received();
        assert_eq!(received.len(), 1, "{label}");
        let message = &received[0];
        assert_eq!(message.content_encoding, "aes128gcm", "{label}");
        assert_eq!(message.ttl, "86400", "{label}");
        let opened = browser_side(
            &[
                "open",
                browser["private"].as_str().unwrap(),
                auth,
                &message.authorization,
            ],
            &message.body,
        );
        assert_eq!(
            opened["payload"],
            serde_json::json!({
                "title": format!("Заявление № {number} отправлено"),
                "body": format!("Заявление № {number} отправлено в ведомство"),
                "url": format!("http://127.0.0.1:3000/applications/{id}"),
            }),
            "{label}"
        );
        // NOTE: web-push-native 0.4 writes the audience without the port. Push services
        // listen on 443, where the origin has no port, so real subscriptions are unaffected.
        assert_eq!(opened["aud"], "http://127.0.0.1", "{label}");
        assert_eq!(opened["sub"], "mailto:admin@kabinet.test", "{label}");

        // The push service drops the subscription: the message fails and the
        // subscription is forgotten.
        service.drop_subscription("first");
        apply(&core, &actor).await;
        core.clock.advance(Duration::hours(11));
        let round = core.deliver_queued().await.unwrap();
        assert_eq!(round.failed, 1, "{label}: {round:?}");
        let view = core.notification_settings(&actor).await.unwrap();
        assert_eq!(view.push_subscriptions, 0, "{label}");
        core.finish().await;
    }
}
