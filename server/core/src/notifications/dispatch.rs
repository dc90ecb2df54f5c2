//! From a notification to its copies: the person's choices and confirmed contacts pick
//! the channels, each copy is written in the person's language, and SMS and Web Push
//! outside security wait for the end of quiet hours.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Timelike, Utc};
use kabinet_shared::notify::{self, Category, Channel, QuietHours};
use kabinet_shared::{Locale, i18n};
use uuid::Uuid;

use super::NewNotification;
use super::preferences;
use crate::db::Tx;
use crate::deliveries::push::PushPayload;
use crate::deliveries::{self, Outgoing};
use crate::error::Result;
use crate::{on_conn, time};

#[derive(sqlx::FromRow)]
struct Recipient {
    phone: Option<String>,
    email: Option<String>,
    telegram_chat_id: Option<String>,
    locale: String,
    time_zone: String,
    quiet_start_minute: Option<i32>,
    quiet_end_minute: Option<i32>,
}

impl Recipient {
    fn quiet_hours(&self) -> Option<QuietHours> {
        let minute = |value: Option<i32>| value.and_then(|value| u16::try_from(value).ok());
        Some(QuietHours {
            start: minute(self.quiet_start_minute)?,
            end: minute(self.quiet_end_minute)?,
        })
    }
}

pub(super) async fn fan_out(
    tx: &mut Tx,
    at: DateTime<Utc>,
    portal: &str,
    notification_id: Uuid,
    notification: &NewNotification,
) -> Result<()> {
    let recipient: Option<Recipient> = on_conn!(tx, conn => sqlx::query_as(
        "SELECT phone, email, telegram_chat_id, locale, time_zone, quiet_start_minute, quiet_end_minute
         FROM users WHERE id = $1",
    )
    .bind(notification.user_id)
    .fetch_optional(conn)
    .await)?;
    let Some(recipient) = recipient else {
        return Ok(());
    };
    let choices = preferences::load(tx, notification.user_id).await?;
    let category = notification.category;
    let locale = Locale::parse(&recipient.locale).unwrap_or_default();
    let letter = Letter::new(locale, portal, notification);

    if let Some(email) = &recipient.email
        && choices.is_on(Channel::Email, category)
    {
        deliveries::enqueue_message(
            tx,
            at,
            Outgoing {
                channel: deliveries::Channel::Email,
                recipient: email,
                subject: Some(&letter.subject),
                body: &letter.text,
                html: Some(&letter.html),
                user_id: Some(notification.user_id),
                notification_id: Some(notification_id),
                category: Some(category),
                transient: false,
                not_before: at,
            },
        )
        .await?;
    }
    if let Some(phone) = &recipient.phone
        && choices.is_on(Channel::Sms, category)
    {
        let not_before = match recipient.quiet_hours() {
            Some(quiet) if category != Category::Security => {
                quiet_end(at, quiet, &recipient.time_zone)
            }
            _ => at,
        };
        let body = notify::text(locale, &sms_key(notification.kind), &notification.args);
        deliveries::enqueue_message(
            tx,
            at,
            Outgoing {
                channel: deliveries::Channel::Sms,
                recipient: phone,
                subject: None,
                body: &body,
                html: None,
                user_id: Some(notification.user_id),
                notification_id: Some(notification_id),
                category: Some(category),
                transient: false,
                not_before,
            },
        )
        .await?;
    }
    if choices.is_on(Channel::Push, category) {
        let subscriptions: Vec<Uuid> = on_conn!(tx, conn => sqlx::query_scalar(
            "SELECT id FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at",
        )
        .bind(notification.user_id)
        .fetch_all(conn)
        .await)?;
        let not_before = match recipient.quiet_hours() {
            Some(quiet) if category != Category::Security => {
                quiet_end(at, quiet, &recipient.time_zone)
            }
            _ => at,
        };
        let payload = serde_json::to_string(&PushPayload {
            title: letter.subject.clone(),
            body: letter.summary.clone(),
            url: letter.open.1.clone(),
        })?;
        for subscription in subscriptions {
            deliveries::enqueue_message(
                tx,
                at,
                Outgoing {
                    channel: deliveries::Channel::Push,
                    recipient: &subscription.to_string(),
                    subject: None,
                    body: &payload,
                    html: None,
                    user_id: Some(notification.user_id),
                    notification_id: Some(notification_id),
                    category: Some(category),
                    transient: false,
                    not_before,
                },
            )
            .await?;
        }
    }
    if let Some(chat) = &recipient.telegram_chat_id
        && choices.is_on(Channel::Telegram, category)
    {
        let body = format!("{}\n\n{}: {}", letter.summary, letter.open.0, letter.open.1);
        deliveries::enqueue_message(
            tx,
            at,
            Outgoing {
                channel: deliveries::Channel::Telegram,
                recipient: chat,
                subject: None,
                body: &body,
                html: None,
                user_id: Some(notification.user_id),
                notification_id: Some(notification_id),
                category: Some(category),
                transient: false,
                not_before: at,
            },
        )
        .await?;
    }
    Ok(())
}

/// Returns the translation key of the SMS text of a notification `kind`.
pub(crate) fn sms_key(kind: &str) -> String {
    format!("sms-{}", kind.replace('_', "-"))
}

/// When a message queued at `at` may go out: `at` itself outside the quiet hours, their
/// end in the person's zone inside them.
pub(crate) fn quiet_end(at: DateTime<Utc>, quiet: QuietHours, zone_name: &str) -> DateTime<Utc> {
    let zone = time::zone(zone_name);
    let local = at.with_timezone(&zone);
    let minute = u16::try_from(local.hour() * 60 + local.minute()).unwrap_or(0);
    if !quiet.contains(minute) {
        return at;
    }
    // The end is later today, or tomorrow when the span crosses midnight and the
    // evening part has begun.
    let day = if minute >= quiet.end {
        local.date_naive() + Duration::days(1)
    } else {
        local.date_naive()
    };
    let end = NaiveTime::from_hms_opt(u32::from(quiet.end / 60), u32::from(quiet.end % 60), 0)
        .unwrap_or_default();
    zone.from_local_datetime(&day.and_time(end))
        .earliest()
        // A clock change skipped the hour: an hour later is past the gap.
        .or_else(|| {
            zone.from_local_datetime(&(day.and_time(end) + Duration::hours(1)))
                .earliest()
        })
        .map_or(at, |end| end.with_timezone(&Utc))
}

/// An e-mail copy: subject, plain text and HTML; and the parts a Telegram copy reuses.
struct Letter {
    subject: String,
    text: String,
    html: String,
    /// The notification's text with the official's comment.
    summary: String,
    /// The label and address of the link to the portal.
    open: (String, String),
}

impl Letter {
    fn new(locale: Locale, portal: &str, notification: &NewNotification) -> Letter {
        let kind = notification.kind.replace('_', "-");
        let subject = notify::text(locale, &format!("email-subject-{kind}"), &notification.args);
        let mut paragraphs = vec![
            i18n::text(locale, "email-greeting"),
            notify::text(locale, &format!("notification-{kind}"), &notification.args),
        ];
        if let Some(comment) = notification.args.get("comment") {
            paragraphs.push(i18n::text_with(
                locale,
                "notification-comment",
                &[("comment", comment)],
            ));
        }
        let (open_key, path) = match notification.application_id {
            Some(id) => ("email-open-application", format!("/applications/{id}")),
            None => ("email-open-portal", "/notifications".to_string()),
        };
        let open = (i18n::text(locale, open_key), format!("{portal}{path}"));
        let settings = (
            i18n::text(locale, "email-footer"),
            format!("{portal}/settings/notifications"),
        );

        let mut text = paragraphs.join("\n\n");
        for (label, link) in [&open, &settings] {
            text.push_str(&format!("\n\n{label}: {link}"));
        }
        let mut html = String::from("<!DOCTYPE html><html><body>");
        for paragraph in &paragraphs {
            html.push_str(&format!("<p>{}</p>", escape(paragraph)));
        }
        html.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>",
            escape(&open.1),
            escape(&open.0)
        ));
        html.push_str(&format!(
            "<hr><p><small>{} <a href=\"{}\">{}</a></small></p></body></html>",
            escape(&settings.0),
            escape(&settings.1),
            escape(&settings.1)
        ));
        Letter {
            subject,
            text,
            html,
            summary: paragraphs[1..].join("\n"),
            open,
        }
    }
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn sms_waits_for_the_end_of_quiet_hours_in_the_persons_zone() {
        let night = QuietHours::DEFAULT;
        // 23:30 in Moscow (UTC+3): out at 08:00 Moscow the next morning.
        assert_eq!(
            quiet_end(utc("2026-12-04T20:30:00Z"), night, "Europe/Moscow"),
            utc("2026-12-05T05:00:00Z")
        );
        // 03:00 in Yekaterinburg (UTC+5): out at 08:00 the same day.
        assert_eq!(
            quiet_end(utc("2026-12-04T22:00:00Z"), night, "Asia/Yekaterinburg"),
            utc("2026-12-05T03:00:00Z")
        );
        // 08:00 exactly is no longer quiet.
        let at = utc("2026-12-05T05:00:00Z");
        assert_eq!(quiet_end(at, night, "Europe/Moscow"), at);
        // 21:59 is not quiet yet.
        let at = utc("2026-12-04T18:59:00Z");
        assert_eq!(quiet_end(at, night, "Europe/Moscow"), at);
    }

    #[test]
    fn quiet_end_skips_a_missing_hour() {
        // Berlin moved from 02:00 to 03:00 on 2026-03-29; quiet hours ending at 02:30.
        let quiet = QuietHours {
            start: 60,
            end: 150,
        };
        // 01:30 local (UTC+1) is 00:30 UTC; 02:30 does not exist that night, so the
        // message goes at 03:30 local, 01:30 UTC.
        assert_eq!(
            quiet_end(utc("2026-03-29T00:30:00Z"), quiet, "Europe/Berlin"),
            utc("2026-03-29T01:30:00Z")
        );
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape("<b>\"Рога & копыта\"</b>"),
            "&lt;b&gt;&quot;Рога &amp; копыта&quot;&lt;/b&gt;"
        );
    }
}
