//! Pieces shared by the filters that travel in a URL query: the journal's and the list of
//! applications. Every parameter is checked, and an invalid one is named with its reason.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::validate::date;

/// Maximum search text kept, in characters. The rest is ignored.
pub const SEARCH_MAX_CHARS: usize = 100;
/// Maximum number of words in a search; each must match.
pub const SEARCH_MAX_WORDS: usize = 5;

/// An invalid parameter of a filter, with the translation key of the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryError {
    pub field: String,
    pub key: String,
}

impl QueryError {
    pub fn new(field: &str, key: &str) -> Self {
        Self {
            field: field.to_string(),
            key: key.to_string(),
        }
    }
}

/// Parses an optional date typed as `YYYY-MM-DD` or `DD.MM.YYYY`; an invalid one adds
/// `error-date-format` for `field`.
pub fn parse_date(text: &str, field: &str, errors: &mut Vec<QueryError>) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        return None;
    }
    match date::parse(text) {
        Ok(date) => Some(date),
        Err(_) => {
            errors.push(QueryError::new(field, "error-date-format"));
            None
        }
    }
}

/// Adds `error-period` for `to` when the period ends before it starts.
pub fn check_period(from: Option<NaiveDate>, to: Option<NaiveDate>, errors: &mut Vec<QueryError>) {
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        errors.push(QueryError::new("to", "error-period"));
    }
}

/// Parses a page number from 1. Anything else, a typo or a hand-edited URL, gives the first page.
pub fn parse_page(text: &str) -> u32 {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|page| *page >= 1)
        .unwrap_or(1)
}

/// Splits a search into at most [`SEARCH_MAX_WORDS`] lower-cased words, with ё read as е so
/// that "черный" finds "чёрный" and the other way round.
pub fn search_words(text: &str) -> Vec<String> {
    let text: String = text.chars().take(SEARCH_MAX_CHARS).collect();
    let mut words: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let word = word.to_lowercase().replace('ё', "е");
        if !words.contains(&word) {
            words.push(word);
        }
        if words.len() == SEARCH_MAX_WORDS {
            break;
        }
    }
    words
}

/// Builds a query string from name and value pairs, leaving out empty values.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(name, value)| format!("{name}={}", encode_component(value.trim())))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
pub fn encode_component(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_page_numbers_fall_back_to_first() {
        for page in ["", "0", "-1", "abc", "99999999999"] {
            assert_eq!(parse_page(page), 1, "{page}");
        }
        assert_eq!(parse_page(" 7 "), 7);
    }

    #[test]
    fn search_words_are_lowercased_unique_and_limited() {
        assert_eq!(
            search_words("  Заявление  ПАСПОРТ заявление "),
            ["заявление", "паспорт"]
        );
        assert_eq!(search_words("a b c d e f g").len(), SEARCH_MAX_WORDS);
        let long = "я".repeat(SEARCH_MAX_CHARS + 50);
        assert_eq!(search_words(&long)[0].chars().count(), SEARCH_MAX_CHARS);
    }

    #[test]
    fn search_words_read_yo_as_ye() {
        assert_eq!(search_words("Ёлкин ЧЁРНЫЙ черный"), ["елкин", "черный"]);
    }

    #[test]
    fn period_ending_before_start_is_named() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d);
        let mut errors = Vec::new();
        check_period(day(5), day(4), &mut errors);
        assert_eq!(errors, [QueryError::new("to", "error-period")]);
        let mut same_day = Vec::new();
        check_period(day(4), day(4), &mut same_day);
        assert!(same_day.is_empty());
    }

    #[test]
    fn query_string_skips_empty_values_and_encodes() {
        assert_eq!(
            query_string(&[
                ("type", "application"),
                ("status", " "),
                ("q", "№ 482 & ok")
            ]),
            "type=application&q=%E2%84%96%20482%20%26%20ok"
        );
    }
}
