//! Word search over the texts of services, by word stems, so that "паспорт" finds
//! "паспорта" and "водительское удостоверение" finds "водительского удостоверения".

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to narrow a search; a query drops them.
const STOP_WORDS: [&str; 24] = [
    "а", "в", "во", "для", "до", "за", "и", "из", "к", "на", "о", "об", "от", "по", "с", "со", "a",
    "an", "and", "for", "in", "of", "on", "the",
];

/// Splits `text` into the stems of its words: lower-cased, with ё read as е, Cyrillic words
/// stemmed by the Russian Snowball stemmer and the rest by the English one.
pub fn stems(text: &str) -> Vec<String> {
    let russian = Stemmer::create(Algorithm::Russian);
    let english = Stemmer::create(Algorithm::English);
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let word = word.to_lowercase().replace('ё', "е");
            let cyrillic = word.chars().any(|c| ('а'..='я').contains(&c));
            let stemmer = if cyrillic { &russian } else { &english };
            stemmer.stem(&word).into_owned()
        })
        .collect()
}

/// The stems a person searched for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    stems: Vec<String>,
}

impl SearchQuery {
    /// Takes the words of a search, each at most once, without stop words.
    pub fn new(words: &[String]) -> SearchQuery {
        let mut stems: Vec<String> = Vec::new();
        for word in words {
            let word = word.to_lowercase().replace('ё', "е");
            if STOP_WORDS.contains(&word.as_str()) {
                continue;
            }
            for stem in self::stems(&word) {
                if !stems.contains(&stem) {
                    stems.push(stem);
                }
            }
        }
        SearchQuery { stems }
    }

    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    /// Scores a document given as stemmed fields with their weights: for each searched
    /// stem, the weight of the heaviest field that has a word starting with it. Returns
    /// `None` when some stem is in no field, because every word must match.
    pub fn score(&self, fields: &[(&[String], u32)]) -> Option<u32> {
        let mut total = 0;
        for stem in &self.stems {
            let weight = fields
                .iter()
                .filter(|(words, _)| words.iter().any(|word| word.starts_with(stem.as_str())))
                .map(|(_, weight)| *weight)
                .max()?;
            total += weight;
        }
        Some(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(text: &str) -> SearchQuery {
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        SearchQuery::new(&words)
    }

    fn matches(search: &str, text: &str) -> bool {
        query(search).score(&[(&stems(text), 1)]).is_some()
    }

    #[test]
    fn word_forms_find_each_other() {
        assert!(matches("паспорт", "Замена паспорта гражданина"));
        assert!(matches("паспорта", "Паспорт гражданина"));
        assert!(matches(
            "водительское удостоверение",
            "Замена водительского удостоверения"
        ));
        assert!(matches("пособия", "Единое пособие на детей"));
        assert!(matches("licence", "Replacing a driver's licence"));
        assert!(matches("registering", "Vehicle registration"));
    }

    #[test]
    fn every_word_must_match() {
        assert!(!matches("паспорт пенсия", "Замена паспорта"));
        assert!(!matches("налог", "Замена паспорта"));
    }

    #[test]
    fn beginning_of_a_word_matches() {
        assert!(matches("пасп", "Замена паспорта"));
        assert!(!matches("аспорт", "Замена паспорта"));
    }

    #[test]
    fn yo_and_ye_are_the_same_letter() {
        assert!(matches("учет", "Постановка на учёт"));
        assert!(matches("учёт", "Постановка на учет"));
    }

    #[test]
    fn stop_words_are_dropped() {
        assert!(query("на и для").is_empty());
        assert!(matches("справка о пенсии", "Справка о размере пенсии"));
    }

    #[test]
    fn heavier_field_wins() {
        let title = stems("Замена паспорта");
        let description = stems("Паспорт нужно заменить в 20 и 45 лет");
        let fields = [(title.as_slice(), 3), (description.as_slice(), 1)];
        assert_eq!(query("паспорт").score(&fields), Some(3));
        assert_eq!(query("лет").score(&fields), Some(1));
        assert_eq!(query("паспорт лет").score(&fields), Some(4));
    }
}
