//! Notification channels and categories, the person's choices, the archive and the
//! length of an SMS.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::FieldErrors;
use crate::model::ApplicationStatus;
use crate::validate::time::{quiet_span, time_of_day};
use crate::{Locale, i18n, service};

/// A way a notification reaches the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The message centre of the portal; always on.
    InApp,
    Email,
    Sms,
    Telegram,
    /// Web Push to the browsers the person subscribed.
    Push,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::InApp,
        Channel::Email,
        Channel::Sms,
        Channel::Telegram,
        Channel::Push,
    ];
    /// The channels a person turns on and off.
    pub const CHOOSABLE: [Channel; 4] = [
        Channel::Email,
        Channel::Sms,
        Channel::Telegram,
        Channel::Push,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::InApp => "in_app",
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Telegram => "telegram",
            Channel::Push => "push",
        }
    }

    pub fn parse(code: &str) -> Option<Channel> {
        Channel::ALL
            .into_iter()
            .find(|channel| channel.code() == code)
    }

    pub fn message_key(self) -> &'static str {
        match self {
            Channel::InApp => "channel-in-app",
            Channel::Email => "channel-email",
            Channel::Sms => "channel-sms",
            Channel::Telegram => "channel-telegram",
            Channel::Push => "channel-push",
        }
    }
}

/// The subject area of a notification; the person chooses channels per category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Taxes,
    Passports,
    Social,
    Applications,
    Security,
    Support,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Applications,
        Category::Taxes,
        Category::Passports,
        Category::Social,
        Category::Support,
        Category::Security,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::Taxes => "taxes",
            Category::Passports => "passports",
            Category::Social => "social",
            Category::Applications => "applications",
            Category::Security => "security",
            Category::Support => "support",
        }
    }

    pub fn parse(code: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|category| category.code() == code)
    }

    pub fn message_key(self) -> &'static str {
        match self {
            Category::Taxes => "notify-category-taxes",
            Category::Passports => "notify-category-passports",
            Category::Social => "notify-category-social",
            Category::Applications => "notify-category-applications",
            Category::Security => "notify-category-security",
            Category::Support => "notify-category-support",
        }
    }

    /// Returns the category of news about an application for a service of `section`.
    pub fn of_service(section: service::Category) -> Category {
        match section {
            service::Category::Taxes => Category::Taxes,
            service::Category::PassportsRegistration => Category::Passports,
            service::Category::SocialSupport => Category::Social,
            _ => Category::Applications,
        }
    }

    /// Returns whether `channel` carries this category when the person has not chosen: e-mail,
    /// Telegram and Web Push carry everything, SMS only security notices.
    pub fn on_by_default(self, channel: Channel) -> bool {
        match channel {
            Channel::InApp | Channel::Email | Channel::Telegram | Channel::Push => true,
            Channel::Sms => self == Category::Security,
        }
    }
}

/// The name of the settings field for `channel` and `category`, e.g. `sms_security`.
pub fn choice_field(channel: Channel, category: Category) -> String {
    format!("{}_{}", channel.code(), category.code())
}

/// The "Настройки уведомлений" form: a checkbox per choosable channel and category, and
/// quiet hours as `HH:MM`. A checked box sends `on`; an unchecked one sends nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NotificationSettingsForm {
    pub email_applications: String,
    pub email_taxes: String,
    pub email_passports: String,
    pub email_social: String,
    pub email_support: String,
    pub email_security: String,
    pub sms_applications: String,
    pub sms_taxes: String,
    pub sms_passports: String,
    pub sms_social: String,
    pub sms_support: String,
    pub sms_security: String,
    pub telegram_applications: String,
    pub telegram_taxes: String,
    pub telegram_passports: String,
    pub telegram_social: String,
    pub telegram_support: String,
    pub telegram_security: String,
    pub push_applications: String,
    pub push_taxes: String,
    pub push_passports: String,
    pub push_social: String,
    pub push_support: String,
    pub push_security: String,
    pub quiet_start: String,
    pub quiet_end: String,
}

/// Quiet hours in minutes after midnight in the person's time zone. The span may cross
/// midnight: 22:00–08:00 is `start: 1320, end: 480`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    pub start: u16,
    pub end: u16,
}

impl QuietHours {
    pub const DEFAULT: QuietHours = QuietHours {
        start: 22 * 60,
        end: 8 * 60,
    };

    /// Whether `minute` (after midnight) falls inside the quiet hours.
    pub fn contains(self, minute: u16) -> bool {
        if self.start <= self.end {
            (self.start..self.end).contains(&minute)
        } else {
            minute >= self.start || minute < self.end
        }
    }
}

/// What the settings form asks for, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotificationChoices {
    pub enabled: BTreeMap<(Channel, Category), bool>,
    pub quiet: Option<QuietHours>,
}

impl NotificationSettingsForm {
    fn choice(&self, channel: Channel, category: Category) -> &str {
        match (channel, category) {
            (Channel::Email, Category::Applications) => &self.email_applications,
            (Channel::Email, Category::Taxes) => &self.email_taxes,
            (Channel::Email, Category::Passports) => &self.email_passports,
            (Channel::Email, Category::Social) => &self.email_social,
            (Channel::Email, Category::Support) => &self.email_support,
            (Channel::Email, Category::Security) => &self.email_security,
            (Channel::Sms, Category::Applications) => &self.sms_applications,
            (Channel::Sms, Category::Taxes) => &self.sms_taxes,
            (Channel::Sms, Category::Passports) => &self.sms_passports,
            (Channel::Sms, Category::Social) => &self.sms_social,
            (Channel::Sms, Category::Support) => &self.sms_support,
            (Channel::Sms, Category::Security) => &self.sms_security,
            (Channel::Telegram, Category::Applications) => &self.telegram_applications,
            (Channel::Telegram, Category::Taxes) => &self.telegram_taxes,
            (Channel::Telegram, Category::Passports) => &self.telegram_passports,
            (Channel::Telegram, Category::Social) => &self.telegram_social,
            (Channel::Telegram, Category::Support) => &self.telegram_support,
            (Channel::Telegram, Category::Security) => &self.telegram_security,
            (Channel::Push, Category::Applications) => &self.push_applications,
            (Channel::Push, Category::Taxes) => &self.push_taxes,
            (Channel::Push, Category::Passports) => &self.push_passports,
            (Channel::Push, Category::Social) => &self.push_social,
            (Channel::Push, Category::Support) => &self.push_support,
            (Channel::Push, Category::Security) => &self.push_security,
            (Channel::InApp, _) => "on",
        }
    }

    /// Checks the quiet hours: both times or neither, each as `HH:MM`
    /// (`error-time-format`), and not the same time (`error-quiet-hours-empty`).
    pub fn validate(&self) -> Result<NotificationChoices, FieldErrors> {
        let mut errors = FieldErrors::new();
        let enabled = Channel::CHOOSABLE
            .into_iter()
            .flat_map(|channel| Category::ALL.map(|category| (channel, category)))
            .map(|(channel, category)| {
                let on = self.choice(channel, category) == "on";
                ((channel, category), on)
            })
            .collect();
        let start = self.quiet_start.trim();
        let end = self.quiet_end.trim();
        let quiet = match (start.is_empty(), end.is_empty()) {
            (true, true) => None,
            _ => {
                let start = time_of_day(start)
                    .map_err(|message| errors.add("quiet_start", message))
                    .ok();
                let end = time_of_day(end)
                    .map_err(|message| errors.add("quiet_end", message))
                    .ok();
                match (start, end) {
                    (Some(start), Some(end)) => errors.check("quiet_end", quiet_span(start, end)),
                    _ => None,
                }
            }
        };
        errors.into_result(NotificationChoices { enabled, quiet })
    }
}

/// Writes minutes after midnight as `HH:MM`.
pub fn format_time_of_day(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The settings page's data: contacts the channels use, the choices and quiet hours.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationSettingsView {
    /// The confirmed e-mail address; e-mail can be on only when there is one.
    pub email: Option<String>,
    /// The confirmed phone number; SMS can be on only when there is one.
    pub phone: Option<String>,
    /// Whether a Telegram chat is linked; Telegram can be on only when one is.
    pub telegram_linked: bool,
    /// The bot's address for linking a chat, when Telegram is configured.
    pub telegram_bot: Option<String>,
    /// Browsers subscribed to Web Push.
    pub push_subscriptions: u32,
    /// The VAPID public key browsers subscribe with (base64url), when Web Push is
    /// configured.
    pub vapid_public_key: Option<String>,
    /// Every choosable channel and category, by field name (`email_taxes`): on or off.
    pub choices: BTreeMap<String, bool>,
    pub quiet: Option<QuietHours>,
    /// The IANA time zone of the quiet hours.
    pub time_zone: String,
}

/// How far a message has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    Queued,
    Sending,
    Sent,
    Delivered,
    Failed,
    /// In the message centre, not yet read.
    Unread,
    /// In the message centre, read.
    Read,
}

impl DeliveryStatus {
    pub fn code(self) -> &'static str {
        match self {
            DeliveryStatus::Queued => "queued",
            DeliveryStatus::Sending => "sending",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Unread => "unread",
            DeliveryStatus::Read => "read",
        }
    }

    pub fn parse(code: &str) -> Option<DeliveryStatus> {
        [
            DeliveryStatus::Queued,
            DeliveryStatus::Sending,
            DeliveryStatus::Sent,
            DeliveryStatus::Delivered,
            DeliveryStatus::Failed,
            DeliveryStatus::Unread,
            DeliveryStatus::Read,
        ]
        .into_iter()
        .find(|status| status.code() == code)
    }

    pub fn message_key(self) -> String {
        format!("delivery-{}", self.code())
    }
}

/// One line of "История уведомлений": a notification on one channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveEntry {
    pub notification_id: Uuid,
    pub at: DateTime<FixedOffset>,
    pub channel: Channel,
    pub category: Category,
    pub status: DeliveryStatus,
    /// Translation key and arguments of the text, as in the message centre.
    pub key: String,
    pub args: BTreeMap<String, String>,
    pub application_id: Option<Uuid>,
}

/// The archive's filter; `None` shows every channel or category.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveFilter {
    pub channel: Option<Channel>,
    pub category: Option<Category>,
}

/// The text of a stored notification, `key` with `args`, in `locale`. A status code
/// among the arguments is written as the status's name.
pub fn text(locale: Locale, key: &str, args: &BTreeMap<String, String>) -> String {
    let args: Vec<(&str, String)> = args
        .iter()
        .map(|(name, value)| {
            let value = match (name.as_str(), ApplicationStatus::parse(value)) {
                ("status", Some(status)) => i18n::text(locale, &status.message_key()),
                _ => value.clone(),
            };
            (name.as_str(), value)
        })
        .collect();
    i18n::text_with(locale, key, &args)
}

/// Characters one SMS holds: 160 in the GSM 7-bit alphabet, 70 in UCS-2 (any Cyrillic
/// letter switches a message to UCS-2).
const GSM_SINGLE: usize = 160;
const GSM_PART: usize = 153;
const UCS2_SINGLE: usize = 70;
const UCS2_PART: usize = 67;

/// The GSM 03.38 basic character set.
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// Characters of the GSM extension table; each takes two septets.
const GSM_EXTENDED: &str = "^{}\\[~]|€\u{c}";

/// How many SMS parts `text` takes: a single message holds 160 GSM characters or 70
/// UCS-2 ones; a split message loses room to its header, 153 or 67 per part. In UCS-2 a
/// character outside the Basic Multilingual Plane (an emoji) counts twice.
pub fn sms_parts(text: &str) -> usize {
    let gsm: Option<usize> = text
        .chars()
        .map(|c| {
            if GSM_BASIC.contains(c) {
                Some(1)
            } else if GSM_EXTENDED.contains(c) {
                Some(2)
            } else {
                None
            }
        })
        .sum();
    let (length, single, part) = match gsm {
        Some(septets) => (septets, GSM_SINGLE, GSM_PART),
        None => (text.encode_utf16().count(), UCS2_SINGLE, UCS2_PART),
    };
    if length == 0 {
        0
    } else if length <= single {
        1
    } else {
        length.div_ceil(part)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_sms_splits_at_seventy_then_sixty_seven() {
        assert_eq!(sms_parts(""), 0);
        assert_eq!(sms_parts(&"я".repeat(70)), 1);
        assert_eq!(sms_parts(&"я".repeat(71)), 2);
        assert_eq!(sms_parts(&"я".repeat(134)), 2);
        assert_eq!(sms_parts(&"я".repeat(135)), 3);
        // One Cyrillic letter turns a Latin text into UCS-2.
        assert_eq!(sms_parts(&format!("{}я", "a".repeat(69))), 1);
        assert_eq!(sms_parts(&format!("{}я", "a".repeat(70))), 2);
    }

    #[test]
    fn latin_sms_splits_at_one_hundred_sixty_then_one_hundred_fifty_three() {
        assert_eq!(sms_parts(&"a".repeat(160)), 1);
        assert_eq!(sms_parts(&"a".repeat(161)), 2);
        assert_eq!(sms_parts(&"a".repeat(306)), 2);
        assert_eq!(sms_parts(&"a".repeat(307)), 3);
        // The euro sign takes two septets.
        assert_eq!(sms_parts(&format!("{}€", "a".repeat(158))), 1);
        assert_eq!(sms_parts(&format!("{}€", "a".repeat(159))), 2);
        // An emoji is two UCS-2 units.
        assert_eq!(sms_parts(&format!("{}😀", "a".repeat(68))), 1);
        assert_eq!(sms_parts(&format!("{}😀", "a".repeat(69))), 2);
    }

    /// Every SMS text, with arguments as long as they get, takes at most two parts.
    #[test]
    fn every_sms_text_fits_two_parts() {
        let args = [
            ("code", "482913"),
            ("device", "Chrome, Windows"),
            ("network", "203.0.113.0/24"),
            ("at", "05.12.2026 23:59"),
            ("number", "2026-000123-45"),
            ("status", "Требуется действие"),
        ];
        for (locale, ftl) in [
            (Locale::Ru, include_str!("../../locales/ru/domain.ftl")),
            (Locale::En, include_str!("../../locales/en/domain.ftl")),
        ] {
            let keys: Vec<&str> = ftl
                .lines()
                .filter_map(|line| line.split_once(" = ").map(|(key, _)| key))
                .filter(|key| key.starts_with("sms-"))
                .collect();
            assert!(keys.len() >= 15, "{locale:?}: SMS texts not found");
            for key in keys {
                let text = i18n::text_with(locale, key, &args);
                assert!(
                    sms_parts(&text) <= 2,
                    "{locale:?} {key} takes {} parts: {text}",
                    sms_parts(&text)
                );
            }
        }
    }

    #[test]
    fn quiet_hours_may_cross_midnight() {
        let night = QuietHours::DEFAULT;
        assert!(night.contains(22 * 60));
        assert!(night.contains(0));
        assert!(night.contains(7 * 60 + 59));
        assert!(!night.contains(8 * 60));
        assert!(!night.contains(21 * 60 + 59));
        let lunch = QuietHours {
            start: 13 * 60,
            end: 14 * 60,
        };
        assert!(lunch.contains(13 * 60));
        assert!(!lunch.contains(14 * 60));
        assert!(!lunch.contains(12 * 60 + 59));
    }

    #[test]
    fn settings_form_reads_boxes_and_hours() {
        let form = NotificationSettingsForm {
            email_taxes: "on".into(),
            sms_security: "on".into(),
            quiet_start: "23:00".into(),
            quiet_end: "07:30".into(),
            ..Default::default()
        };
        let choices = form.validate().unwrap();
        assert_eq!(choices.enabled.len(), 24);
        assert!(choices.enabled[&(Channel::Email, Category::Taxes)]);
        assert!(choices.enabled[&(Channel::Sms, Category::Security)]);
        assert!(!choices.enabled[&(Channel::Email, Category::Security)]);
        assert_eq!(
            choices.quiet,
            Some(QuietHours {
                start: 1380,
                end: 450
            })
        );

        let off = NotificationSettingsForm::default().validate().unwrap();
        assert_eq!(off.quiet, None);

        let half = NotificationSettingsForm {
            quiet_start: "22:00".into(),
            ..Default::default()
        };
        let errors = half.validate().unwrap_err();
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.0[0].field, "quiet_end");
        assert_eq!(errors.0[0].message.key, "error-time-format");

        let same = NotificationSettingsForm {
            quiet_start: "22:00".into(),
            quiet_end: "22:00".into(),
            ..Default::default()
        };
        let errors = same.validate().unwrap_err();
        assert_eq!(errors.0[0].message.key, "error-quiet-hours-empty");
    }
}
