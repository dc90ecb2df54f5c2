//! The message centre and the action journal.

use kabinet_shared::model::{HistoryView, NotificationView};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::notifications::{MarkNotificationsRead, list_history, list_notifications};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{date_time, date_time_attribute, t};

/// Arguments of a stored text, with status codes replaced by their names.
fn display_args(args: &std::collections::BTreeMap<String, String>) -> Vec<(String, String)> {
    args.iter()
        .map(|(name, value)| {
            let value = match (
                name.as_str(),
                kabinet_shared::model::ApplicationStatus::parse(value),
            ) {
                ("status", Some(status)) => t(&status.message_key()),
                _ => value.clone(),
            };
            (name.clone(), value)
        })
        .collect()
}

fn text_of(key: &str, args: &std::collections::BTreeMap<String, String>) -> String {
    kabinet_shared::i18n::text_with(crate::i18n::locale(), key, &display_args(args))
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let notifications = Resource::new(|| (), |_| list_notifications());
    view! {
        <PageTitle text=t("notifications-title") />
        <h1>{t("notifications-title")}</h1>
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
                    <p class="message__actions">{link} {mark}</p>
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

#[component]
pub fn HistoryPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|page| page.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let entries = Resource::new(page, list_history);

    view! {
        <PageTitle text=t("history-title") />
        <h1>{t("history-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let page = page();
                match entries.await {
                    Ok(list) if list.is_empty() && page == 0 => view! { <p>{t("history-empty")}</p> }.into_any(),
                    Ok(list) => view! { <HistoryTable list page /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HistoryTable(list: Vec<HistoryView>, page: u32) -> impl IntoView {
    let full_page = list.len() as i64 >= 50;
    let rows = list
        .into_iter()
        .map(|entry| {
            let text = text_of(&entry.key, &entry.args);
            let status_key = format!("history-status-{}", entry.status.code().replace('_', "-"));
            let link = entry.application_id.map(|id| view! { " " <a href=format!("/applications/{id}")>{t("notifications-open")}</a> });
            view! {
                <tr>
                    <td><time datetime=date_time_attribute(&entry.at)>{date_time(&entry.at)}</time></td>
                    <td>{text}{link}</td>
                    <td>{t(&status_key)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" role="region" aria-label=t("history-title") tabindex="0">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t("column-time")}</th>
                        <th scope="col">{t("column-action")}</th>
                        <th scope="col">{t("column-result")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <nav class="pagination" aria-label=t("pagination-label")>
            {(page > 0).then(|| view! { <a href=format!("/history?page={}", page - 1)>{t("pagination-newer")}</a> })}
            {full_page.then(|| view! { <a href=format!("/history?page={}", page + 1)>{t("pagination-older")}</a> })}
        </nav>
    }
}
