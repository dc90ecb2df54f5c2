//! The status of an application as a coloured label.

use kabinet_shared::model::ApplicationStatus;
use leptos::prelude::*;

use crate::i18n::t;

#[component]
pub fn StatusBadge(status: ApplicationStatus) -> impl IntoView {
    let class = format!("status status--{}", status.code().replace('_', "-"));
    view! { <span class=class>{t(&status.message_key())}</span> }
}
