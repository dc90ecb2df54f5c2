//! Translations in components: the request's language, chosen once per page load.
//!
//! The server decides the language (the person's setting, then the `lang` cookie, then
//! `Accept-Language`) and writes it into `<html lang>`; the browser reads it back from
//! there when it hydrates, so both render the same text.

use chrono::{DateTime, FixedOffset};
use kabinet_shared::{Locale, Message, i18n};
use leptos::prelude::*;

/// The language of the current page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct I18n {
    pub locale: Locale,
}

/// The language the server chose for this request, or the page's `lang` in the browser.
pub fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Locale>().copied())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|lang| Locale::parse(&lang))
            .unwrap_or_default()
    }
}

pub fn provide_i18n() {
    provide_context(I18n {
        locale: request_locale(),
    });
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or(I18n {
        locale: request_locale(),
    })
}

pub fn locale() -> Locale {
    use_i18n().locale
}

/// The text of `key` in the page's language.
pub fn t(key: &str) -> String {
    i18n::text(locale(), key)
}

/// The text of `key` with arguments.
pub fn t_with(key: &str, args: &[(&str, &str)]) -> String {
    i18n::text_with(locale(), key, args)
}

/// The text of a message from the server or a validator.
pub fn message(message: &Message) -> String {
    i18n::message(locale(), message)
}

/// A time as `DD.MM.YYYY HH:MM`, already in the person's time zone.
pub fn date_time(at: &DateTime<FixedOffset>) -> String {
    at.format("%d.%m.%Y %H:%M").to_string()
}

/// The machine-readable form of a time for `<time datetime>`.
pub fn date_time_attribute(at: &DateTime<FixedOffset>) -> String {
    at.to_rfc3339()
}
