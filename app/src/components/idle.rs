//! The idle-timeout warning of a signed-in page.
//!
//! Two minutes before the session would end for lack of activity, a dialog says so and
//! offers to stay signed in. When the time runs out, what was typed into the page's forms
//! is kept as a draft in the tab's `sessionStorage`, and the browser goes to sign-in with
//! the page as `next`; after signing in again the page opens with the draft filled back
//! in. Passwords, hidden and file inputs are never kept. Without JavaScript there is no
//! warning: the next request after the timeout goes to sign-in and back.

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::session::KeepAlive;
use crate::i18n::t;

#[component]
pub fn IdleWarning(idle_seconds: u32) -> impl IntoView {
    let warning = RwSignal::new(false);
    let stay = ServerAction::<KeepAlive>::new();
    let button = NodeRef::<html::Button>::new();
    let location = use_location();

    #[cfg(feature = "hydrate")]
    {
        use std::time::Duration;

        use leptos::leptos_dom::helpers::{TimeoutHandle, set_timeout_with_handle};

        /// Seconds before the end of the session at which the warning appears.
        const WARNING_SECONDS: u32 = 120;

        // The timers are cleared when the component goes away too: the header renders it
        // again on every navigation. NOTE: a browser probe still saw the end timer of an
        // earlier copy fire after "stay signed in", so the end checks with the server first.
        let timers = std::sync::Arc::new(std::sync::Mutex::new(Vec::<TimeoutHandle>::new()));
        let clear = |timers: &std::sync::Mutex<Vec<TimeoutHandle>>| {
            if let Ok(mut timers) = timers.lock() {
                timers.drain(..).for_each(|timer| timer.clear());
            }
        };
        {
            let timers = timers.clone();
            on_cleanup(move || clear(&timers));
        }
        Effect::new(move |_| {
            // Every navigation and every "stay signed in" made a request, which renewed
            // the session on the server, so the countdown starts again.
            location.pathname.track();
            stay.version().track();
            warning.set(false);
            clear(&timers);
            let warn_after =
                Duration::from_secs(u64::from(idle_seconds.saturating_sub(WARNING_SECONDS)));
            let end_after = Duration::from_secs(u64::from(idle_seconds));
            let handles = [
                set_timeout_with_handle(move || warning.set(true), warn_after),
                set_timeout_with_handle(drafts::end_if_expired, end_after),
            ];
            if let Ok(mut list) = timers.lock() {
                list.extend(handles.into_iter().flatten());
            }
        });
        Effect::new(move |_| {
            location.pathname.track();
            // The page's forms may render after data arrives, so a few tries are made.
            for delay in [100, 600, 2000] {
                let _ = set_timeout_with_handle(
                    || {
                        drafts::restore();
                    },
                    Duration::from_millis(delay),
                );
            }
        });
        Effect::new(move |_| {
            if warning.get()
                && let Some(button) = button.get()
            {
                let _ = button.focus();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (idle_seconds, location);

    view! {
        <Show when=move || warning.get()>
            <div class="idle-warning" role="alertdialog" aria-labelledby="idle-warning-title" aria-describedby="idle-warning-text">
                <h2 id="idle-warning-title" class="idle-warning__title">{t("idle-warning-title")}</h2>
                <p id="idle-warning-text">{t("idle-warning-text")}</p>
                <button class="button" type="button" node_ref=button on:click=move |_| { stay.dispatch(KeepAlive {}); }>
                    {t("idle-warning-stay")}
                </button>
            </div>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
mod drafts {
    use std::collections::BTreeMap;

    use wasm_bindgen::JsCast;
    use web_sys::{HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

    const KEY_PREFIX: &str = "kabinet-draft:";

    fn page() -> Option<String> {
        let location = web_sys::window()?.location();
        Some(format!(
            "{}{}",
            location.pathname().ok()?,
            location.search().ok()?
        ))
    }

    fn forms() -> Vec<HtmlFormElement> {
        let Some(document) = web_sys::window().and_then(|window| window.document()) else {
            return Vec::new();
        };
        let forms = document.forms();
        (0..forms.length())
            .filter_map(|index| forms.item(index))
            .filter_map(|element| element.dyn_into::<HtmlFormElement>().ok())
            .collect()
    }

    /// Calls `visit` with each kept field of the page: its form's position, name and element.
    fn each_field(mut visit: impl FnMut(usize, web_sys::Element)) {
        for (index, form) in forms().into_iter().enumerate() {
            let elements = form.elements();
            for position in 0..elements.length() {
                if let Some(element) = elements.item(position) {
                    visit(index, element);
                }
            }
        }
    }

    fn field_key(form: usize, name: &str) -> String {
        format!("{form}:{name}")
    }

    /// Asks the server whether the session has ended and, only then, keeps the draft and
    /// goes to sign-in. A timer of an earlier copy of the warning can fire while the person
    /// is still active (see the note in `IdleWarning`); the server's response decides.
    pub fn end_if_expired() {
        leptos::task::spawn_local(async {
            if !matches!(crate::api::session::get_viewer().await, Ok(Some(_))) {
                save_and_sign_in_again();
            }
        });
    }

    /// Keeps what was typed on this page and goes to sign-in, coming back here after.
    fn save_and_sign_in_again() {
        let Some(page) = page() else { return };
        let mut values = BTreeMap::new();
        each_field(|form, element| {
            if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                let kind = input.type_();
                let name = input.name();
                if name.is_empty()
                    || matches!(kind.as_str(), "password" | "hidden" | "file" | "submit")
                {
                    return;
                }
                if matches!(kind.as_str(), "radio" | "checkbox") && !input.checked() {
                    return;
                }
                values.insert(field_key(form, &name), input.value());
            } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
                values.insert(field_key(form, &area.name()), area.value());
            } else if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
                values.insert(field_key(form, &select.name()), select.value());
            }
        });
        let window = web_sys::window().expect("a browser window");
        if !values.is_empty()
            && let (Ok(Some(storage)), Ok(json)) =
                (window.session_storage(), serde_json::to_string(&values))
        {
            let _ = storage.set_item(&format!("{KEY_PREFIX}{page}"), &json);
        }
        let next = js_sys::encode_uri_component(&page);
        let _ = window
            .location()
            .set_href(&format!("/sign-in?notice=expired&next={next}"));
    }

    /// Fills this page's forms with the draft kept when the session ended. The draft is
    /// dropped once a field of it was found and filled; returns whether that happened.
    pub fn restore() -> bool {
        let Some(page) = page() else { return false };
        let Some(storage) =
            web_sys::window().and_then(|window| window.session_storage().ok().flatten())
        else {
            return false;
        };
        let key = format!("{KEY_PREFIX}{page}");
        let Ok(Some(json)) = storage.get_item(&key) else {
            return false;
        };
        let Ok(values) = serde_json::from_str::<BTreeMap<String, String>>(&json) else {
            let _ = storage.remove_item(&key);
            return false;
        };
        let mut filled = false;
        each_field(|form, element| {
            if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                let Some(value) = values.get(&field_key(form, &input.name())) else {
                    return;
                };
                match input.type_().as_str() {
                    "radio" | "checkbox" => input.set_checked(&input.value() == value),
                    "password" | "hidden" | "file" | "submit" => return,
                    _ => input.set_value(value),
                }
                filled = true;
            } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
                if let Some(value) = values.get(&field_key(form, &area.name())) {
                    area.set_value(value);
                    filled = true;
                }
            } else if let Some(select) = element.dyn_ref::<HtmlSelectElement>()
                && let Some(value) = values.get(&field_key(form, &select.name()))
            {
                select.set_value(value);
                filled = true;
            }
        });
        if filled {
            let _ = storage.remove_item(&key);
        }
        filled
    }
}
