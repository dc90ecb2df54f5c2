//! Parts of a person's name: surname, given name, patronymic.

use crate::Message;

/// Maximum length of one part of a name, in characters.
pub const MAX_NAME_CHARS: usize = 60;

/// Parses one part of a person's name.
///
/// Letters may be Cyrillic (including the letters of other languages of Russia, and ё
/// kept as typed) or Latin, with hyphens, apostrophes (`'` and `’`) and spaces between
/// them. The name must start and end with a letter. Runs of whitespace inside collapse to
/// one space, and the result may have at most [`MAX_NAME_CHARS`] characters.
///
/// An empty input gives `Ok(None)` unless `required`, which fails with `error-required`.
/// Other failures are `error-name-chars` and `error-too-long` with the argument `max`.
pub fn parse(input: &str, required: bool) -> Result<Option<String>, Message> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        if required {
            return Err(Message::new("error-required"));
        }
        return Ok(None);
    }

    let name = trimmed.split_whitespace().collect::<Vec<_>>().join(" ");
    let has_only_allowed_chars = name.chars().all(|c| is_letter(c) || is_joiner(c));
    let starts_with_letter = name.chars().next().is_some_and(is_letter);
    let ends_with_letter = name.chars().next_back().is_some_and(is_letter);
    if !has_only_allowed_chars || !starts_with_letter || !ends_with_letter {
        return Err(Message::new("error-name-chars"));
    }

    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Message::new("error-too-long").arg("max", MAX_NAME_CHARS));
    }
    Ok(Some(name))
}

/// Returns whether `c` is a Cyrillic letter (U+0400–U+052F) or a Latin letter: ASCII or
/// U+00C0–U+024F, the letters with diacritics of European languages.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic() && matches!(c, '\u{00C0}'..='\u{024F}' | '\u{0400}'..='\u{052F}'))
}

/// Returns whether `c` may stand between the letters of a name.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepted(input: &str) -> Result<Option<String>, Message> {
        parse(input, true)
    }

    fn chars_error() -> Result<Option<String>, Message> {
        Err(Message::new("error-name-chars"))
    }

    #[test]
    fn accepts_cyrillic() {
        assert_eq!(accepted("Иванов"), Ok(Some("Иванов".to_owned())));
    }

    #[test]
    fn keeps_yo_as_typed() {
        assert_eq!(accepted("Пётр"), Ok(Some("Пётр".to_owned())));
        assert_eq!(accepted("ЁЛКИН"), Ok(Some("ЁЛКИН".to_owned())));
    }

    #[test]
    fn accepts_hyphen() {
        assert_eq!(
            accepted("Римский-Корсаков"),
            Ok(Some("Римский-Корсаков".to_owned()))
        );
    }

    #[test]
    fn accepts_both_apostrophes() {
        assert_eq!(accepted("O'Connor"), Ok(Some("O'Connor".to_owned())));
        assert_eq!(accepted("Д’Артаньян"), Ok(Some("Д’Артаньян".to_owned())));
    }

    #[test]
    fn accepts_latin_with_diacritics() {
        assert_eq!(accepted("Müller"), Ok(Some("Müller".to_owned())));
    }

    #[test]
    fn accepts_letters_of_languages_of_russia() {
        assert_eq!(accepted("Гәрәй"), Ok(Some("Гәрәй".to_owned())));
    }

    #[test]
    fn collapses_inner_spaces() {
        assert_eq!(
            accepted("  Оглы   Мамед \t Али "),
            Ok(Some("Оглы Мамед Али".to_owned()))
        );
    }

    #[test]
    fn empty_optional_is_none() {
        assert_eq!(parse("   ", false), Ok(None));
    }

    #[test]
    fn empty_required_is_error() {
        assert_eq!(parse("   ", true), Err(Message::new("error-required")));
    }

    #[test]
    fn rejects_digits() {
        assert_eq!(accepted("Иван1"), chars_error());
    }

    #[test]
    fn rejects_other_chars() {
        for input in [
            "Иван.",
            "Иван,",
            "И_ван",
            "Ivan!",
            "Иван\u{200B}",
            "Ἀλέξανδρος",
            "李",
            "Ivan@",
            "Anaª",
        ] {
            assert_eq!(accepted(input), chars_error(), "input {input:?}");
        }
    }

    #[test]
    fn rejects_joiner_at_edges() {
        for input in ["-Анна", "Анна-", "'Анна", "Анна’", "-"] {
            assert_eq!(accepted(input), chars_error(), "input {input:?}");
        }
    }

    #[test]
    fn rejects_invalid_optional_name() {
        assert_eq!(parse("Иван1", false), chars_error());
    }

    #[test]
    fn accepts_60_chars() {
        let name = "Я".repeat(60);
        assert_eq!(accepted(&name), Ok(Some(name.clone())));
    }

    #[test]
    fn rejects_61_chars() {
        assert_eq!(
            accepted(&"Я".repeat(61)),
            Err(Message::new("error-too-long").arg("max", 60))
        );
    }
}
