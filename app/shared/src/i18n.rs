//! Translations: Fluent files in `app/locales/<lang>/`, compiled into the binary and the
//! WebAssembly bundle alike.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

use crate::locale::Locale;
use crate::message::Message;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../locales",
        fallback_language: "ru",
        // Without this, Fluent wraps every argument in Unicode direction-isolation marks,
        // which end up in SMS texts, CSV files and test assertions.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static RU: LanguageIdentifier = langid!("ru");
static EN: LanguageIdentifier = langid!("en");

fn language(locale: Locale) -> &'static LanguageIdentifier {
    match locale {
        Locale::Ru => &RU,
        Locale::En => &EN,
    }
}

/// Returns the text of `key` in `locale`; a key missing from that language falls back to
/// Russian, and a key missing everywhere comes back as itself so that it is noticed.
pub fn text(locale: Locale, key: &str) -> String {
    LOCALES
        .try_lookup(language(locale), key)
        .unwrap_or_else(|| key.to_string())
}

/// Returns the text of `key` with named arguments.
///
/// An argument that is a plain integer (no sign, no leading zero, at most 9 digits) is
/// passed as a number, so Fluent picks the right plural form ("1 день", "2 дня", "5 дней");
/// anything else, such as a SNILS or a phone number, stays text.
pub fn text_with<K: AsRef<str>, V: AsRef<str>>(
    locale: Locale,
    key: &str,
    args: &[(K, V)],
) -> String {
    let mut fluent_args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
    for (name, value) in args {
        let value = value.as_ref();
        let fluent_value = match as_plural_number(value) {
            Some(number) => FluentValue::from(number),
            None => FluentValue::from(value.to_string()),
        };
        fluent_args.insert(Cow::Owned(name.as_ref().to_string()), fluent_value);
    }
    LOCALES
        .try_lookup_with_args(language(locale), key, &fluent_args)
        .unwrap_or_else(|| key.to_string())
}

/// Returns the text of a [`Message`].
pub fn message(locale: Locale, message: &Message) -> String {
    if message.args.is_empty() {
        text(locale, &message.key)
    } else {
        text_with(locale, &message.key, &message.args)
    }
}

fn as_plural_number(value: &str) -> Option<i64> {
    let is_plain = !value.is_empty()
        && value.len() <= 9
        && value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'));
    if is_plain { value.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_numbers_are_plain_integers() {
        assert_eq!(as_plural_number("5"), Some(5));
        assert_eq!(as_plural_number("0"), Some(0));
        assert_eq!(as_plural_number("05"), None);
        assert_eq!(as_plural_number("11223344595"), None);
        assert_eq!(as_plural_number("+79123456789"), None);
        assert_eq!(as_plural_number(""), None);
    }

    #[test]
    fn missing_key_comes_back_as_itself() {
        assert_eq!(
            text(Locale::En, "no-such-key-anywhere"),
            "no-such-key-anywhere"
        );
    }
}
