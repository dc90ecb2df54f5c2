//! The resend button of a one-time code, with the wait before another code can be sent.
//!
//! The server renders the remaining seconds; once hydrated, the text counts down each
//! second and the button becomes usable at zero. Without JavaScript the button is always
//! usable, and a request sent too early gets the server's message with the seconds left.
//! Only the moment the wait ends is announced to screen readers, not every second.

use leptos::prelude::*;

use crate::i18n::{t, t_with};

#[component]
pub fn ResendButton(seconds: u32) -> impl IntoView {
    let left = RwSignal::new(seconds);

    // The interval is cleared when the button goes away (a confirmed code navigates to
    // another page), so that no tick touches the signal after it has been disposed.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use leptos::leptos_dom::helpers::set_interval_with_handle;
        use std::time::Duration;
        if left.get_untracked() == 0 {
            return;
        }
        let tick = move || {
            if let Some(left_now) = left.try_get_untracked().filter(|left_now| *left_now > 0) {
                left.try_set(left_now - 1);
            }
        };
        if let Ok(interval) = set_interval_with_handle(tick, Duration::from_secs(1)) {
            on_cleanup(move || interval.clear());
        }
    });

    view! {
        <p class="field__hint" id="resend-wait">
            {move || {
                let seconds = left.get();
                (seconds > 0).then(|| t_with("resend-wait", &[("seconds", &seconds.to_string())]))
            }}
        </p>
        <p class="visually-hidden" role="status">
            {move || (seconds > 0 && left.get() == 0).then(|| t("resend-ready"))}
        </p>
        <button
            class="button button--secondary"
            type="submit"
            aria-disabled=move || (left.get() > 0).then_some("true")
            aria-describedby="resend-wait"
            on:click=move |event| {
                if left.get_untracked() > 0 {
                    event.prevent_default();
                }
            }
        >
            {t("confirm-resend")}
        </button>
    }
}
