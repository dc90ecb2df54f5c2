//! "Настройки уведомлений" and "История уведомлений".

use std::collections::BTreeMap;

use kabinet_shared::notify::{
    ArchiveEntry, Category, Channel, DeliveryStatus, NotificationSettingsView, choice_field,
    format_time_of_day,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::Flash;
use crate::api::forms::take_form_flash;
use crate::api::notifications::{
    RemovePushSubscriptions, StartTelegramLink, UnlinkTelegram, UpdateNotificationSettings,
    get_notification_settings, notification_archive,
};
use crate::components::form::{
    Checkbox, ErrorSummary, FormState, SubmitButton, TextField, ValidatedForm,
};
use crate::components::page::{ErrorView, Loading, PageTitle, SectionLinks};
use crate::i18n::{date_time, date_time_attribute, t, t_with};

/// The pages of the notifications section.
const SECTIONS: [(&str, &str); 3] = [
    ("/notifications", "notifications-title"),
    ("/settings/notifications", "notification-settings-title"),
    ("/notifications/history", "notification-archive-title"),
];

/// Links between the message centre, the settings and the archive.
#[component]
pub fn NotificationSections(current: &'static str) -> impl IntoView {
    view! { <SectionLinks label=t("notification-sections") sections=&SECTIONS current /> }
}

/// The form's values: what was typed if a plain post came back, else what is stored.
fn settings_values(view: &NotificationSettingsView, flash: &Flash) -> BTreeMap<String, String> {
    if !flash.values.is_empty() {
        return flash.values.clone();
    }
    let mut values: BTreeMap<String, String> = view
        .choices
        .iter()
        .filter(|(_, on)| **on)
        .map(|(name, _)| (name.clone(), "on".to_string()))
        .collect();
    if let Some(quiet) = view.quiet {
        values.insert("quiet_start".into(), format_time_of_day(quiet.start));
        values.insert("quiet_end".into(), format_time_of_day(quiet.end));
    }
    values
}

#[component]
pub fn NotificationSettingsPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async move {
            Ok::<_, crate::api::AppError>((
                get_notification_settings().await?,
                take_form_flash("notification-settings".into()).await?,
            ))
        },
    );
    let action = ServerAction::<UpdateNotificationSettings>::new();

    view! {
        <PageTitle text=t("notification-settings-title") />
        <h1>{t("notification-settings-title")}</h1>
        <NotificationSections current="/settings/notifications" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (settings, flash) = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let flash = flash.unwrap_or_default();
                let state = FormState::new(settings_values(&settings, &flash), flash.reply);
                let validate = Callback::new(|input: UpdateNotificationSettings| {
                    input.form.validate().err().unwrap_or_default()
                });
                let mut labels = Vec::new();
                for channel in Channel::CHOOSABLE {
                    for category in Category::ALL {
                        labels.push((
                            choice_field(channel, category),
                            format!("{}: {}", t(channel.message_key()), t(category.message_key())),
                        ));
                    }
                }
                labels.push(("quiet_start".into(), t("field-quiet-start")));
                labels.push(("quiet_end".into(), t("field-quiet-end")));
                let email_hint = match &settings.email {
                    Some(email) => t_with("notification-settings-email-to", &[("email", email)]),
                    None => t("notification-settings-email-missing"),
                };
                let sms_hint = match &settings.phone {
                    Some(phone) => t_with("notification-settings-sms-to", &[("phone", phone)]),
                    None => t("notification-settings-sms-missing"),
                };
                let quiet_hint = t_with("notification-settings-quiet-hint", &[("zone", &settings.time_zone)]);
                let telegram_shown = settings.telegram_bot.is_some() || settings.telegram_linked;
                let telegram_hint = if settings.telegram_linked {
                    t("notification-settings-telegram-linked")
                } else {
                    t("notification-settings-telegram-missing")
                };
                let telegram_choices = telegram_shown.then(|| view! {
                    <ChannelChoices state channel=Channel::Telegram hint=telegram_hint available=settings.telegram_linked />
                });
                let telegram_link = telegram_shown.then(|| view! { <TelegramLink linked=settings.telegram_linked /> });
                let subscribed = settings.push_subscriptions > 0;
                let push_shown = settings.vapid_public_key.is_some() || subscribed;
                let push_hint = if subscribed {
                    t_with("notification-settings-push-on", &[("count", &settings.push_subscriptions.to_string())])
                } else {
                    t("notification-settings-push-off")
                };
                let push_choices = push_shown.then(|| view! {
                    <ChannelChoices state channel=Channel::Push hint=push_hint available=subscribed />
                });
                let push_section = push_shown.then(|| view! {
                    <BrowserPush key=settings.vapid_public_key.clone() subscribed />
                });
                view! {
                    <p>{t("notification-settings-intro")}</p>
                    <ErrorSummary state labels />
                    <ValidatedForm action state validate class="form">
                        <ChannelChoices state channel=Channel::Email hint=email_hint available=settings.email.is_some() />
                        <ChannelChoices state channel=Channel::Sms hint=sms_hint available=settings.phone.is_some() />
                        {telegram_choices}
                        {push_choices}
                        <fieldset class="form-section">
                            <legend class="form-section__title">{t("notification-settings-quiet")}</legend>
                            <p class="field__hint">{quiet_hint}</p>
                            <TextField state name="quiet_start" label=t("field-quiet-start") width="short" optional=true />
                            <TextField state name="quiet_end" label=t("field-quiet-end") width="short" optional=true />
                        </fieldset>
                        <SubmitButton label=t("notification-settings-submit") pending=action.pending() />
                    </ValidatedForm>
                    {telegram_link}
                    {push_section}
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Linking or unlinking the Telegram chat, each a form of its own.
#[component]
fn TelegramLink(linked: bool) -> impl IntoView {
    let (action, text, button) = if linked {
        (
            UnlinkTelegram::url(),
            "notification-settings-telegram-unlink-text",
            "notification-settings-telegram-unlink",
        )
    } else {
        (
            StartTelegramLink::url(),
            "notification-settings-telegram-link-text",
            "notification-settings-telegram-link",
        )
    };
    view! {
        <section aria-labelledby="telegram-title">
            <h2 id="telegram-title">{t("channel-telegram")}</h2>
            <p>{t(text)}</p>
            <form method="post" action=action class="form--inline-actions">
                <button class="button button--secondary" type="submit">{t(button)}</button>
            </form>
        </section>
    }
}

/// Turning Web Push on in this browser (a script, `public/push.js`, since subscribing
/// needs the browser's Push API) and off in every browser (a plain form).
#[component]
fn BrowserPush(key: Option<String>, subscribed: bool) -> impl IntoView {
    let subscribe = key.map(|key| {
        view! {
            <button
                id="push-subscribe"
                class="button button--secondary"
                type="button"
                hidden=true
                data-key=key
                data-done=t("notification-settings-push-done")
                data-denied=t("notification-settings-push-denied")
                data-failed=t("notification-settings-push-failed")
            >
                {t("notification-settings-push-subscribe")}
            </button>
            <p id="push-status" role="status"></p>
            <noscript><p>{t("notification-settings-push-needs-script")}</p></noscript>
            <script src="/push.js" defer=true></script>
        }
    });
    let unsubscribe = subscribed.then(|| {
        view! {
            <form method="post" action=RemovePushSubscriptions::url() class="form--inline-actions">
                <button class="button button--secondary" type="submit">{t("notification-settings-push-unsubscribe")}</button>
            </form>
        }
    });
    view! {
        <section aria-labelledby="push-title">
            <h2 id="push-title">{t("channel-push")}</h2>
            <p>{t("notification-settings-push-text")}</p>
            {subscribe}
            {unsubscribe}
        </section>
    }
}

/// The boxes of one channel, one per category.
#[component]
fn ChannelChoices(
    state: FormState,
    channel: Channel,
    hint: String,
    available: bool,
) -> impl IntoView {
    let hint_id = format!("{}-hint", channel.code());
    let described_by = hint_id.clone();
    let boxes = Category::ALL
        .into_iter()
        .map(|category| {
            view! {
                <Checkbox
                    state
                    name=choice_field(channel, category)
                    label=t(category.message_key())
                    disabled=!available
                />
            }
        })
        .collect_view();
    view! {
        <fieldset class="form-section" aria-describedby=described_by>
            <legend class="form-section__title">{t(channel.message_key())}</legend>
            <p class="field__hint" id=hint_id>{hint}</p>
            <div class="choices">{boxes}</div>
        </fieldset>
    }
}

#[component]
pub fn NotificationArchivePage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let query = query.read();
        (
            query.get("channel").unwrap_or_default(),
            query.get("category").unwrap_or_default(),
        )
    };
    let entries = Resource::new(filter, |(channel, category)| {
        notification_archive(channel, category)
    });

    view! {
        <PageTitle text=t("notification-archive-title") />
        <h1>{t("notification-archive-title")}</h1>
        <NotificationSections current="/notifications/history" />
        <p>{t("notification-archive-intro")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (channel, category) = filter();
                match entries.await {
                    Ok(entries) => view! {
                        <ArchiveFilterForm channel category />
                        <ArchiveTable entries />
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The channel and category filter, sent with GET so every view has its address.
#[component]
fn ArchiveFilterForm(channel: String, category: String) -> impl IntoView {
    let channels = Channel::ALL
        .into_iter()
        .map(|option| {
            let code = option.code();
            view! { <option value=code selected=code == channel>{t(option.message_key())}</option> }
        })
        .collect_view();
    let categories = Category::ALL
        .into_iter()
        .map(|option| {
            let code = option.code();
            view! { <option value=code selected=code == category>{t(option.message_key())}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action="/notifications/history" class="history-filter" role="search" aria-label=t("notification-archive-filter")>
            <div class="field">
                <label class="field__label" for="archive-channel">{t("notification-archive-channel")}</label>
                <select class="input" id="archive-channel" name="channel">
                    <option value="">{t("notification-archive-any-channel")}</option>
                    {channels}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="archive-category">{t("notification-archive-category")}</label>
                <select class="input" id="archive-category" name="category">
                    <option value="">{t("notification-archive-any-category")}</option>
                    {categories}
                </select>
            </div>
            <div class="history-filter__actions">
                <button class="button" type="submit">{t("history-filter-apply")}</button>
                <a href="/notifications/history">{t("history-filter-reset")}</a>
            </div>
        </form>
    }
}

fn status_text(status: DeliveryStatus) -> String {
    t(&status.message_key())
}

#[component]
fn ArchiveTable(entries: Vec<ArchiveEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p role="status">{t("notification-archive-empty")}</p> }.into_any();
    }
    let count = t_with(
        "notification-archive-found",
        &[("count", &entries.len().to_string())],
    );
    let rows = entries
        .into_iter()
        .map(|entry| {
            let text = kabinet_shared::notify::text(crate::i18n::locale(), &entry.key, &entry.args);
            let link = entry.application_id.map(|id| {
                view! { " " <a href=format!("/applications/{id}")>{t("notifications-open")}</a> }
            });
            view! {
                <tr>
                    <td><time datetime=date_time_attribute(&entry.at)>{date_time(&entry.at)}</time></td>
                    <td>{t(entry.channel.message_key())}</td>
                    <td>{t(entry.category.message_key())}</td>
                    <td>{status_text(entry.status)}</td>
                    <td>{text}{link}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p role="status">{count}</p>
        <div class="table-wrap" role="region" aria-label=t("notification-archive-title") tabindex="0">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t("column-time")}</th>
                        <th scope="col">{t("notification-archive-channel")}</th>
                        <th scope="col">{t("notification-archive-category")}</th>
                        <th scope="col">{t("notification-archive-status")}</th>
                        <th scope="col">{t("notification-archive-text")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
