//! "Настройки уведомлений": which channel carries which category, and quiet hours.
//!
//! The message centre always gets everything. E-mail and SMS can be on only with a
//! confirmed address or number, and security notices must stay on for at least one of
//! them when the person has either.

use std::collections::BTreeMap;

use kabinet_shared::model::HistoryStatus;
use kabinet_shared::notify::{
    Category, Channel, NotificationSettingsForm, NotificationSettingsView, choice_field,
};
use kabinet_shared::{FieldErrors, Message};
use uuid::Uuid;

use crate::db::Tx;
use crate::error::{Error, Result};
use crate::history::{self, Entry, Kind};
use crate::{Actor, Core, execute, on_conn};

/// The person's stored choices; a missing one is the category's default.
pub(crate) struct Choices(BTreeMap<(Channel, Category), bool>);

impl Choices {
    pub(crate) fn is_on(&self, channel: Channel, category: Category) -> bool {
        self.0
            .get(&(channel, category))
            .copied()
            .unwrap_or_else(|| category.on_by_default(channel))
    }
}

pub(crate) async fn load(tx: &mut Tx, user_id: Uuid) -> Result<Choices> {
    let rows: Vec<(String, String, bool)> = on_conn!(tx, conn => sqlx::query_as(
        "SELECT channel, category, enabled FROM notification_preferences WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await)?;
    Ok(Choices(
        rows.into_iter()
            .filter_map(|(channel, category, enabled)| {
                Some((
                    (Channel::parse(&channel)?, Category::parse(&category)?),
                    enabled,
                ))
            })
            .collect(),
    ))
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    phone: Option<String>,
    email: Option<String>,
    telegram_chat_id: Option<String>,
    push_subscriptions: i64,
    quiet_start_minute: Option<i32>,
    quiet_end_minute: Option<i32>,
}

impl ContactRow {
    /// Returns whether `channel` has a confirmed address to go to.
    fn reaches(&self, channel: Channel) -> bool {
        match channel {
            Channel::Email => self.email.is_some(),
            Channel::Sms => self.phone.is_some(),
            Channel::Telegram => self.telegram_chat_id.is_some(),
            Channel::Push => self.push_subscriptions > 0,
            Channel::InApp => true,
        }
    }
}

async fn contacts(tx: &mut Tx, user_id: Uuid) -> Result<ContactRow> {
    let row: Option<ContactRow> = on_conn!(tx, conn => sqlx::query_as(
        "SELECT phone, email, telegram_chat_id, quiet_start_minute, quiet_end_minute,
                (SELECT COUNT(*) FROM push_subscriptions p WHERE p.user_id = users.id) AS push_subscriptions
         FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_optional(conn)
    .await)?;
    row.ok_or(Error::Unauthenticated)
}

impl Core {
    pub async fn notification_settings(&self, actor: &Actor) -> Result<NotificationSettingsView> {
        let mut tx = self.db.begin_read().await?;
        let contact = contacts(&mut tx, actor.user_id).await?;
        let choices = load(&mut tx, actor.user_id).await?;
        let view_choices = Channel::CHOOSABLE
            .into_iter()
            .flat_map(|channel| Category::ALL.map(|category| (channel, category)))
            .map(|(channel, category)| {
                let on = contact.reaches(channel) && choices.is_on(channel, category);
                (choice_field(channel, category), on)
            })
            .collect();
        let minute = |value: Option<i32>| value.and_then(|value| u16::try_from(value).ok());
        let quiet = match (
            minute(contact.quiet_start_minute),
            minute(contact.quiet_end_minute),
        ) {
            (Some(start), Some(end)) => Some(kabinet_shared::notify::QuietHours { start, end }),
            _ => None,
        };
        Ok(NotificationSettingsView {
            telegram_linked: contact.telegram_chat_id.is_some(),
            telegram_bot: self.telegram.as_ref().map(|bot| bot.name().to_string()),
            push_subscriptions: u32::try_from(contact.push_subscriptions).unwrap_or(u32::MAX),
            vapid_public_key: self.vapid_public_key().map(str::to_string),
            email: contact.email,
            phone: contact.phone,
            choices: view_choices,
            quiet,
            time_zone: actor.time_zone.clone(),
        })
    }

    /// Saves the choices of the settings form, with a journal entry, in one transaction.
    pub async fn update_notification_settings(
        &self,
        actor: &Actor,
        form: &NotificationSettingsForm,
    ) -> Result<()> {
        let choices = form.validate().map_err(Error::Invalid)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let contact = contacts(&mut tx, actor.user_id).await?;

        let mut errors = FieldErrors::new();
        for ((channel, category), on) in &choices.enabled {
            if *on && !contact.reaches(*channel) {
                let key = match channel {
                    Channel::Email => "error-channel-needs-email",
                    Channel::Telegram => "error-channel-needs-telegram",
                    Channel::Push => "error-channel-needs-push",
                    _ => "error-channel-needs-phone",
                };
                errors.add(choice_field(*channel, *category), Message::new(key));
            }
        }
        // Security notices must reach the person outside the portal on some channel
        // they have. The error goes on the first such channel's box.
        let reachable: Vec<Channel> = Channel::CHOOSABLE
            .into_iter()
            .filter(|channel| contact.reaches(*channel))
            .collect();
        let security_on = reachable
            .iter()
            .any(|channel| choices.enabled[&(*channel, Category::Security)]);
        if let Some(first) = reachable.first()
            && !security_on
        {
            let field = if reachable.contains(&Channel::Sms) {
                Channel::Sms
            } else {
                *first
            };
            errors.add(
                choice_field(field, Category::Security),
                Message::new("error-security-notices-required"),
            );
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }

        execute!(
            &mut tx,
            sqlx::query("DELETE FROM notification_preferences WHERE user_id = $1")
                .bind(actor.user_id)
        )?;
        // Channels the person cannot use yet keep their defaults, which apply once the
        // contact is confirmed or the chat linked.
        for ((channel, category), on) in &choices.enabled {
            if !contact.reaches(*channel) {
                continue;
            }
            execute!(&mut tx, sqlx::query(
                "INSERT INTO notification_preferences (user_id, channel, category, enabled) VALUES ($1, $2, $3, $4)",
            )
            .bind(actor.user_id)
            .bind(channel.code())
            .bind(category.code())
            .bind(*on))?;
        }
        let (start, end) = match choices.quiet {
            Some(quiet) => (Some(i32::from(quiet.start)), Some(i32::from(quiet.end))),
            None => (None, None),
        };
        execute!(&mut tx, sqlx::query(
            "UPDATE users SET quiet_start_minute = $1, quiet_end_minute = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(start)
        .bind(end)
        .bind(now)
        .bind(actor.user_id))?;
        let on: Vec<String> = choices
            .enabled
            .iter()
            .filter(|(_, on)| **on)
            .map(|((channel, category), _)| choice_field(*channel, *category))
            .collect();
        let entry = Entry::new(
            actor.user_id,
            Kind::NotificationSettingsChanged,
            HistoryStatus::Succeeded,
        )
        .detail("channels", on.join(","))
        .detail(
            "quiet_hours",
            choices.quiet.map_or_else(String::new, |quiet| {
                format!(
                    "{}-{}",
                    kabinet_shared::notify::format_time_of_day(quiet.start),
                    kabinet_shared::notify::format_time_of_day(quiet.end)
                )
            }),
        );
        history::record(&mut tx, now, entry).await?;
        tx.commit().await?;
        Ok(())
    }
}
