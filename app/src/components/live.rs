//! The unread count in the header, kept current while a page stays open.
//!
//! The server renders the count into every page. Once hydrated, a signed-in page opens one
//! stream from `/events` (Server-Sent Events) that lasts the whole visit; each `unread` event
//! rewrites the header's count, and when the count grew a status region announces that a
//! notification arrived. The header is rendered anew on every navigation with the count of
//! that moment, so the stream changes its elements by id rather than through signals that
//! would belong to one rendering of it. Without JavaScript the count is that of the last
//! page load.

/// The window event sent when the unread count changes, so that a page showing data that
/// officials change (the start page) can load it again.
pub const UNREAD_CHANGED: &str = "kabinet-unread-changed";

/// Opens the stream unless one is already open. The browser reconnects it when the server
/// ends it, but leaves it closed once the server rejects it because the session ended.
#[cfg(feature = "hydrate")]
pub fn follow_unread() {
    use std::cell::RefCell;

    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{EventSource, MessageEvent};

    thread_local! {
        static STREAM: RefCell<Option<EventSource>> = const { RefCell::new(None) };
    }

    STREAM.with_borrow_mut(|stream| {
        if stream
            .as_ref()
            .is_some_and(|open| open.ready_state() != EventSource::CLOSED)
        {
            return;
        }
        let Ok(source) = EventSource::new("/events") else {
            return;
        };
        let on_unread = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            if let Some(count) = event
                .data()
                .as_string()
                .and_then(|data| data.trim().parse::<u32>().ok())
            {
                show_unread(count);
            }
        });
        if source
            .add_event_listener_with_callback("unread", on_unread.as_ref().unchecked_ref())
            .is_ok()
        {
            // The listener lives as long as the page.
            on_unread.forget();
            *stream = Some(source);
        } else {
            source.close();
        }
    });
}

/// Writes `count` into the header, and announces it when it grew.
#[cfg(feature = "hydrate")]
fn show_unread(count: u32) {
    use crate::i18n::t_with;

    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let (Some(link), Some(badge)) = (
        document.get_element_by_id("nav-notifications"),
        document.get_element_by_id("nav-unread-badge"),
    ) else {
        return;
    };
    let shown = badge
        .text_content()
        .and_then(|text| text.trim().parse::<u32>().ok())
        .unwrap_or(0);
    if shown == count {
        return;
    }
    let count_text = count.to_string();
    let args = [("count", count_text.as_str())];
    let _ = link.set_attribute("aria-label", &t_with("nav-notifications-unread", &args));
    badge.set_text_content(Some(&count_text));
    let _ = if count == 0 {
        badge.set_attribute("hidden", "")
    } else {
        badge.remove_attribute("hidden")
    };
    if count > shown
        && let Some(status) = document.get_element_by_id("nav-unread-status")
    {
        status.set_text_content(Some(&t_with("nav-notifications-arrived", &args)));
    }
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(UNREAD_CHANGED)) {
        let _ = window.dispatch_event(&event);
    }
}
