//! The text of a journal entry in a language, as the page, the exports and the search
//! show it.

use std::collections::BTreeMap;

use kabinet_shared::Locale;
use kabinet_shared::i18n::text_with;
use kabinet_shared::model::ApplicationStatus;

/// Translation key of an entry kind's text, e.g. `history-sign-in`.
pub(crate) fn kind_key(kind: &str) -> String {
    format!("history-{}", kind.replace('_', "-"))
}

/// Renders the entry's text in `locale`, with a `status` argument shown as the status's name.
pub(crate) fn entry_text(locale: Locale, kind: &str, details: &BTreeMap<String, String>) -> String {
    let args: Vec<(String, String)> = details
        .iter()
        .map(|(name, value)| {
            let value = match ApplicationStatus::parse(value) {
                Some(status) if name == "status" => {
                    kabinet_shared::i18n::text(locale, &status.message_key())
                }
                _ => value.clone(),
            };
            (name.clone(), value)
        })
        .collect();
    text_with(locale, &kind_key(kind), &args)
}
