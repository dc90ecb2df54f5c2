//! The message centre.

use kabinet_shared::model::NotificationView;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::notifications::{MarkNotificationsRead, list_notifications};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{date_time, date_time_attribute, t};

fn text_of(key: &str, args: &std::collections::BTreeMap<String, String>) -> String {
    kabinet_shared::notify::text(crate::i18n::locale(), key, args)
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let notifications = Resource::new(|| (), |_| list_notifications());
    view! {
        <PageTitle text=t("notifications-title") />
        <h1>{t("notifications-title")}</h1>
        <super::notify::NotificationSections current="/notifications" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match notifications.await {
                    Ok(list) if list.is_empty() => view! { <p>{t("notifications-empty")}</p> }.into_any(),
                    Ok(list) => view! { <NotificationList list /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NotificationList(list: Vec<NotificationView>) -> impl IntoView {
    let any_unread = list.iter().any(|notification| !notification.read);
    let items = list
        .into_iter()
        .map(|notification| {
            let text = text_of(&notification.key, &notification.args);
            let comment = notification.args.get("comment").map(|comment| {
                kabinet_shared::i18n::text_with(crate::i18n::locale(), "notification-comment", &[("comment", comment)])
            });
            let link = notification.application_id.map(|id| {
                view! { <a href=format!("/applications/{id}")>{t("notifications-open")}</a> }
            });
            let mark = (!notification.read).then(|| {
                view! {
                    <form method="post" action=MarkNotificationsRead::url() class="inline-form">
                        <input type="hidden" name="id" value=notification.id.to_string() />
                        <button class="link-button" type="submit">{t("notifications-mark-read")}</button>
                    </form>
                }
            });
            view! {
                <li class="message" class:message--unread=!notification.read>
                    <p class="message__meta">
                        <time datetime=date_time_attribute(&notification.at)>{date_time(&notification.at)}</time>
                        {(!notification.read).then(|| view! { " · " <strong>{t("notifications-unread")}</strong> })}
                    </p>
                    <p class="message__text">{text}</p>
                    {comment.map(|comment| view! { <p>{comment}</p> })}
                    <div class="message__actions">{link} {mark}</div>
                </li>
            }
        })
        .collect_view();
    view! {
        {any_unread.then(|| view! {
            <form method="post" action=MarkNotificationsRead::url() class="form--inline-actions">
                <button class="button button--secondary" type="submit">{t("notifications-mark-all")}</button>
            </form>
        })}
        <ul class="messages">{items}</ul>
    }
}
