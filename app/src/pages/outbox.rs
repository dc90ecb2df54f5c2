//! The development outbox: SMS and e-mail the demo would have sent.

use leptos::prelude::*;

use crate::api::notifications::list_outbox;
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{date_time, date_time_attribute, t};

#[component]
pub fn OutboxPage() -> impl IntoView {
    let messages = Resource::new(|| (), |_| list_outbox());
    view! {
        <PageTitle text=t("outbox-title") />
        <h1>{t("outbox-title")}</h1>
        <p class="lead">{t("outbox-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match messages.await {
                    Ok(list) if list.is_empty() => view! { <p>{t("outbox-empty")}</p> }.into_any(),
                    Ok(list) => {
                        let rows = list
                            .into_iter()
                            .map(|message| view! {
                                <tr>
                                    <td><time datetime=date_time_attribute(&message.at)>{date_time(&message.at)}</time></td>
                                    <td>{kabinet_shared::notify::Channel::parse(&message.channel).map_or(message.channel.clone(), |channel| t(channel.message_key()))}</td>
                                    <td>{message.recipient}</td>
                                    <td class="outbox-body">{message.body}</td>
                                </tr>
                            })
                            .collect_view();
                        view! {
                            <div class="table-wrap" role="region" aria-label=t("outbox-title") tabindex="0">
                                <table class="table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t("column-time")}</th>
                                            <th scope="col">{t("column-channel")}</th>
                                            <th scope="col">{t("column-recipient")}</th>
                                            <th scope="col">{t("column-text")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
