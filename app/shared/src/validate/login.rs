//! The sign-in identifier: a phone number, an e-mail address or a SNILS in one field.

use super::{email, phone, snils};
use crate::Message;

/// A sign-in identifier in the canonical form used to look up the account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Login {
    /// A mobile number in E.164, e.g. `+79123456789`.
    Phone(String),
    /// An e-mail address as returned by [`email::lookup_key`], so lower-cased.
    Email(String),
    /// The 11 digits of a SNILS.
    Snils(String),
}

/// Decides what kind of identifier was typed into the sign-in field and parses it.
///
/// The rules, in order:
/// 1. Anything containing `@` is an e-mail address.
/// 2. Digit groups of 3, 3, 3 and 2 separated by single hyphens or spaces (the SNILS
///    layout, e.g. `112-233-445 95`) are a SNILS.
/// 3. Input that starts with `+` or contains `(` is a phone number, and so is input of
///    digits and phone separators with 10 digits, or 11 digits starting with 7 or 8.
/// 4. Other 11 bare digits are a SNILS.
///
/// So a SNILS typed as 11 bare digits that start with 7 or 8 is read as a phone number.
/// Typed with separators, it is read as a SNILS.
///
/// Errors are those of the chosen parser (`error-email-format`, `error-snils-format`,
/// `error-snils-checksum`, `error-phone-format`), or `error-login-format` when no rule
/// applies, which includes empty input.
pub fn classify(input: &str) -> Result<Login, Message> {
    let trimmed = input.trim();

    if trimmed.contains('@') {
        let normalized = email::normalize(trimmed)?;
        return Ok(Login::Email(email::lookup_key(&normalized)));
    }
    if has_snils_layout(trimmed) {
        return snils::parse(trimmed).map(Login::Snils);
    }
    if looks_like_phone(trimmed) {
        return phone::normalize_mobile(trimmed).map(Login::Phone);
    }
    if trimmed.len() == 11 && trimmed.bytes().all(|byte| byte.is_ascii_digit()) {
        return snils::parse(trimmed).map(Login::Snils);
    }
    Err(Message::new("error-login-format"))
}

/// Returns whether `text` is digit groups of 3, 3, 3 and 2 joined by single hyphens or
/// spaces in any combination. [`snils::parse`] then accepts only some combinations.
fn has_snils_layout(text: &str) -> bool {
    let groups: Vec<&str> = text.split(['-', ' ']).collect();
    let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
    lengths == [3, 3, 3, 2]
        && groups
            .iter()
            .all(|group| group.bytes().all(|byte| byte.is_ascii_digit()))
}

fn looks_like_phone(text: &str) -> bool {
    if text.starts_with('+') || text.contains('(') {
        return true;
    }
    let only_digits_and_separators = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.'));
    if !only_digits_and_separators {
        return false;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.len() == 10 || (digits.len() == 11 && digits.starts_with(['7', '8']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(e164: &str) -> Result<Login, Message> {
        Ok(Login::Phone(e164.to_owned()))
    }

    fn snils(digits: &str) -> Result<Login, Message> {
        Ok(Login::Snils(digits.to_owned()))
    }

    fn error(key: &str) -> Result<Login, Message> {
        Err(Message::new(key))
    }

    #[test]
    fn email_gives_lookup_key() {
        assert_eq!(
            classify(" Ivan+Tax@Example.COM "),
            Ok(Login::Email("ivan+tax@example.com".to_owned()))
        );
    }

    #[test]
    fn invalid_email_reports_email_error() {
        assert_eq!(classify("ivan@localhost"), error("error-email-format"));
    }

    #[test]
    fn eleven_digits_with_8_is_phone() {
        assert_eq!(classify("89123456789"), phone("+79123456789"));
    }

    #[test]
    fn eleven_digits_with_7_is_phone() {
        assert_eq!(classify("79123456789"), phone("+79123456789"));
    }

    #[test]
    fn ten_digits_is_phone() {
        assert_eq!(classify("9123456789"), phone("+79123456789"));
    }

    #[test]
    fn plus_is_phone() {
        assert_eq!(classify("+7 912 345-67-89"), phone("+79123456789"));
    }

    #[test]
    fn parenthesis_is_phone() {
        assert_eq!(classify("8 (912) 345-67-89"), phone("+79123456789"));
    }

    #[test]
    fn grouped_phone_is_phone() {
        assert_eq!(classify("8 912 345 67 89"), phone("+79123456789"));
    }

    #[test]
    fn invalid_phone_reports_phone_error() {
        assert_eq!(classify("+7 812 345-67-89"), error("error-phone-format"));
        assert_eq!(classify("8 (912) 345-67-8x"), error("error-phone-format"));
        assert_eq!(classify("+1 212 555-01-23"), error("error-phone-format"));
    }

    #[test]
    fn snils_layout_is_snils() {
        assert_eq!(classify("112-233-445 95"), snils("11223344595"));
    }

    #[test]
    fn snils_layout_with_spaces_is_snils() {
        assert_eq!(classify("112 233 445 95"), snils("11223344595"));
    }

    #[test]
    fn snils_layout_starting_with_8_is_snils() {
        // 8·9 + 1·8 + 2·7 + 2·6 + 3·5 + 3·4 + 4·3 + 4·2 + 5·1 = 158, and 158 mod 101 = 57.
        assert_eq!(classify("812-233-445 57"), snils("81223344557"));
    }

    #[test]
    fn bare_snils_is_snils() {
        assert_eq!(classify("11223344595"), snils("11223344595"));
    }

    #[test]
    fn snils_checksum_error_kept() {
        assert_eq!(classify("112-233-445 98"), error("error-snils-checksum"));
        assert_eq!(classify("11223344598"), error("error-snils-checksum"));
    }

    #[test]
    fn mixed_snils_separators_report_snils_format() {
        assert_eq!(classify("112 233-445 95"), error("error-snils-format"));
    }

    #[test]
    fn other_input_reports_login_format() {
        for input in [
            "",
            "   ",
            "ivan",
            "12345",
            "112233445951",
            "112-233?445 95",
            "Иван Петров",
        ] {
            assert_eq!(
                classify(input),
                error("error-login-format"),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn lone_plus_reports_phone_format() {
        assert_eq!(classify("+"), error("error-phone-format"));
    }
}
