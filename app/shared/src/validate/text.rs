//! Checks for free-text fields.

use crate::Message;

/// Returns the trimmed input, or `error-required` when nothing but whitespace was typed.
pub fn required(input: &str) -> Result<String, Message> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Message::new("error-required"));
    }
    Ok(trimmed.to_owned())
}

/// Checks that the trimmed input has at most `max` characters (Unicode scalar values, not
/// bytes, so a Cyrillic letter counts once). Fails with `error-too-long` and the argument `max`.
pub fn max_chars(input: &str, max: usize) -> Result<(), Message> {
    if input.trim().chars().count() > max {
        return Err(Message::new("error-too-long").arg("max", max));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_trims() {
        assert_eq!(required("  Иван \n"), Ok("Иван".to_owned()));
    }

    #[test]
    fn required_rejects_empty() {
        assert_eq!(required(""), Err(Message::new("error-required")));
    }

    #[test]
    fn required_rejects_whitespace() {
        assert_eq!(required(" \t\n "), Err(Message::new("error-required")));
    }

    #[test]
    fn max_chars_counts_chars_not_bytes() {
        // Five Cyrillic letters are ten bytes in UTF-8.
        assert_eq!(max_chars("жёлты", 5), Ok(()));
    }

    #[test]
    fn max_chars_rejects_one_over() {
        assert_eq!(
            max_chars("шесть!", 5),
            Err(Message::new("error-too-long").arg("max", 5))
        );
    }

    #[test]
    fn max_chars_ignores_surrounding_spaces() {
        assert_eq!(max_chars("  abc  ", 3), Ok(()));
    }
}
