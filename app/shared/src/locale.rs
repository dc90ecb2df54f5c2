//! Interface languages.

use serde::{Deserialize, Serialize};

/// A language of the interface. Russian is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Ru,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Ru, Locale::En];

    /// The BCP 47 tag, also used in URLs, cookies and the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }

    /// Parses a tag such as `ru`, `en-GB` or `EN`; other languages give `None`.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ru" => Some(Locale::Ru),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks the supported language the client prefers most from an `Accept-Language`
    /// header, honouring `q` weights; `None` when none of ours is listed.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(f32, Locale)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(locale) = parts.next().and_then(Locale::parse) else {
                continue;
            };
            let weight = parts
                .filter_map(|param| param.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(best_weight, _)| weight > best_weight) {
                best = Some((weight, locale));
            }
        }
        best.map(|(_, locale)| locale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_highest_weight() {
        assert_eq!(
            Locale::from_accept_language("de-DE, en;q=0.8, ru;q=0.9"),
            Some(Locale::Ru)
        );
        assert_eq!(
            Locale::from_accept_language("en-GB,en;q=0.9"),
            Some(Locale::En)
        );
    }

    #[test]
    fn accept_language_without_ours_is_none() {
        assert_eq!(Locale::from_accept_language("de, fr;q=0.5"), None);
        assert_eq!(Locale::from_accept_language(""), None);
    }

    #[test]
    fn accept_language_ignores_zero_weight() {
        assert_eq!(
            Locale::from_accept_language("ru;q=0, en;q=0.1"),
            Some(Locale::En)
        );
    }

    #[test]
    fn parse_takes_primary_subtag() {
        assert_eq!(Locale::parse("EN-us"), Some(Locale::En));
        assert_eq!(Locale::parse("ru_RU"), Some(Locale::Ru));
        assert_eq!(Locale::parse("uk"), None);
    }
}
