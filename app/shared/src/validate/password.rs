//! Password strength rules.

use crate::Message;

/// Minimum password length in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Maximum password length in characters.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Well-known passwords, one per line in lower case. Lines starting with `#` are comments.
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");
/// Words and keyboard runs that passwords are built from, in the same format.
const COMMON_BASES: &str = include_str!("common-password-bases.txt");

/// Checks a new password and reports the first rule it breaks. The rules, in order, with
/// the key of their message:
///
/// 1. At least [`MIN_PASSWORD_CHARS`] characters: `error-password-short`, argument `min`.
/// 2. At most [`MAX_PASSWORD_CHARS`] characters: `error-too-long`, argument `max`.
/// 3. Not a common password, see [`is_common`]: `error-password-common`.
///
/// Any mix of characters is allowed: no rule requires letters of both cases, digits or
/// symbols, because such rules push people towards predictable passwords (`Password1!`).
/// The server also checks new passwords against a list of leaked passwords, which is too
/// large for the browser bundle.
///
/// The password is not trimmed, because surrounding spaces are part of what the server
/// hashes.
pub fn check(password: &str) -> Result<(), Message> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Err(Message::new("error-password-short").arg("min", MIN_PASSWORD_CHARS));
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(Message::new("error-too-long").arg("max", MAX_PASSWORD_CHARS));
    }
    if is_common(password) {
        return Err(Message::new("error-password-common"));
    }
    Ok(())
}

/// Returns whether a password is common or built from a common word.
///
/// The lower-cased password and its variants are compared with both lists. The variants
/// are the password without trailing symbols, the password without trailing digits and
/// symbols, and each of these with look-alike substitutions undone (`@`→a, `0`→o, `1`→i or l, `3`→e, `$`→s, `4`→a, `5`→s, `7`→t).
/// Substitutions are undone both before and after the trailing characters are removed,
/// so `P@ssw0rd1!` becomes `password` and `Hell0!!` becomes `hello`.
pub fn is_common(password: &str) -> bool {
    candidates(&password.to_lowercase())
        .iter()
        .any(|candidate| {
            list_contains(COMMON_PASSWORDS, candidate) || list_contains(COMMON_BASES, candidate)
        })
}

/// Returns the variants of a lower-cased password that are compared with the lists.
fn candidates(lower: &str) -> Vec<String> {
    let without_symbols = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
    let without_digits_and_symbols = lower.trim_end_matches(|c: char| !c.is_alphabetic());
    let mut variants = Vec::new();
    for stem in [lower, without_symbols, without_digits_and_symbols] {
        variants.push(stem.to_owned());
        for one_as in ['i', 'l'] {
            let substituted = undo_substitutions(stem, one_as);
            let stripped = substituted
                .trim_end_matches(|c: char| !c.is_alphabetic())
                .to_owned();
            variants.push(substituted);
            variants.push(stripped);
        }
    }
    variants
}

/// Replaces digits and symbols that stand in for letters, with `1` read as `one_as`.
fn undo_substitutions(text: &str, one_as: char) -> String {
    text.chars()
        .map(|c| match c {
            '@' | '4' => 'a',
            '0' => 'o',
            '1' => one_as,
            '3' => 'e',
            '$' | '5' => 's',
            '7' => 't',
            other => other,
        })
        .collect()
}

/// Returns whether `word` is an entry of a bundled list.
fn list_contains(list: &str, word: &str) -> bool {
    !word.is_empty() && list_entries(list).any(|entry| entry == word)
}

fn list_entries(list: &str) -> impl Iterator<Item = &str> {
    list.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_strong_latin() {
        assert_eq!(check("Tr0pinka-Lesnaya7"), Ok(()));
    }

    #[test]
    fn accepts_strong_cyrillic() {
        assert_eq!(check("Зелёный-Чай-42"), Ok(()));
    }

    #[test]
    fn rejects_common_with_substitutions() {
        assert_eq!(
            check("P@ssw0rd1!"),
            Err(Message::new("error-password-common"))
        );
    }

    #[test]
    fn rejects_common_keyboard_runs() {
        for password in [
            "Qwerty123!",
            "Йцукен12!",
            "1Qaz2wsx!",
            "Zaq12wsx!!",
            "Asdfgh12#",
        ] {
            assert_eq!(
                check(password),
                Err(Message::new("error-password-common")),
                "password {password:?}"
            );
        }
    }

    #[test]
    fn rejects_common_russian() {
        for password in [
            "Пароль123!",
            "Gfhjkm123!",
            "Parol2024!",
            "Привет!!1",
            "Солнышко_1",
        ] {
            assert_eq!(
                check(password),
                Err(Message::new("error-password-common")),
                "password {password:?}"
            );
        }
    }

    #[test]
    fn rejects_common_words_with_suffixes() {
        for password in [
            "Welcome2024!",
            "Monkey_99",
            "Dragon1!!",
            "L3tm3in!7",
            "Abc12345!",
            "Qwe123!!",
        ] {
            assert_eq!(
                check(password),
                Err(Message::new("error-password-common")),
                "password {password:?}"
            );
        }
    }

    #[test]
    fn trailing_zero_read_as_letter() {
        assert!(is_common("Hell0!!"));
    }

    #[test]
    fn one_read_as_i_or_l() {
        assert!(is_common("1L0VEY0U!"));
        assert!(is_common("We1come!"));
    }

    #[test]
    fn common_word_inside_longer_password_accepted() {
        assert_eq!(check("Password-Tropinka-7"), Ok(()));
    }

    #[test]
    fn reports_short_first() {
        assert_eq!(
            check("aA1!"),
            Err(Message::new("error-password-short").arg("min", 8))
        );
    }

    #[test]
    fn seven_chars_short_eight_enough() {
        assert_eq!(
            check("Tr0pin!"),
            Err(Message::new("error-password-short").arg("min", 8))
        );
        assert_eq!(check("Tr0pin!a"), Ok(()));
    }

    #[test]
    fn counts_chars_not_bytes() {
        // Eight characters, thirteen bytes.
        assert_eq!(check("Ёжик-в-1"), Ok(()));
    }

    #[test]
    fn rejects_over_128_chars() {
        let password = format!("Aa1!{}", "x".repeat(125));
        assert_eq!(
            check(&password),
            Err(Message::new("error-too-long").arg("max", 128))
        );
    }

    #[test]
    fn accepts_128_chars() {
        let password = format!("Aa1!{}", "x".repeat(124));
        assert_eq!(check(&password), Ok(()));
    }

    #[test]
    fn accepts_any_character_classes() {
        for password in [
            "tropinka lesnaya",
            "ТРОПИНКА ЛЕСНАЯ",
            "4815162342108",
            "!-#$%^&*()_+=~",
            "тропинка7",
            "Tropinka",
        ] {
            assert_eq!(check(password), Ok(()), "password {password:?}");
        }
    }

    #[test]
    fn common_check_still_applies_without_classes() {
        assert_eq!(
            check("password"),
            Err(Message::new("error-password-common"))
        );
        assert_eq!(
            check("qwertyuiop"),
            Err(Message::new("error-password-common"))
        );
    }

    #[test]
    fn lists_are_lower_case_and_trimmed() {
        for list in [COMMON_PASSWORDS, COMMON_BASES] {
            for entry in list_entries(list) {
                assert_eq!(entry, entry.to_lowercase(), "entry {entry:?}");
            }
        }
    }

    #[test]
    fn lists_have_expected_size() {
        assert!(list_entries(COMMON_PASSWORDS).count() >= 200);
        assert!(list_entries(COMMON_BASES).count() >= 100);
    }
}
