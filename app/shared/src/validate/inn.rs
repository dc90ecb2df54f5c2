//! INN, the taxpayer identification number.
//!
//! A person's INN has 12 digits and two check digits, an organisation's has 10 digits and
//! one. Each check digit is the weighted sum of the digits before it, modulo 11, modulo 10.
//! The number stays text because it may start with zeros.

use super::{digit_value, is_ascii_digits};
use crate::Message;

/// Weights for the check digit of a 10-digit INN.
const LEGAL_WEIGHTS: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
/// Weights for the first check digit (the 11th digit) of a 12-digit INN.
const PERSON_WEIGHTS_11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
/// Weights for the second check digit (the 12th digit) of a 12-digit INN.
const PERSON_WEIGHTS_12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/// Parses the 12-digit INN of a person (or a sole proprietor) and returns its digits.
/// Fails with `error-inn-format` or `error-inn-checksum`.
pub fn parse_person(input: &str) -> Result<String, Message> {
    let digits = digits_of_length(input, 12)?;
    let bytes = digits.as_bytes();
    if check_digit(&bytes[..10], &PERSON_WEIGHTS_11) != digit_value(bytes[10])
        || check_digit(&bytes[..11], &PERSON_WEIGHTS_12) != digit_value(bytes[11])
    {
        return Err(Message::new("error-inn-checksum"));
    }
    Ok(digits)
}

/// Parses the 10-digit INN of an organisation and returns its digits.
/// Fails with `error-inn-format` or `error-inn-checksum`.
pub fn parse_legal(input: &str) -> Result<String, Message> {
    let digits = digits_of_length(input, 10)?;
    let bytes = digits.as_bytes();
    if check_digit(&bytes[..9], &LEGAL_WEIGHTS) != digit_value(bytes[9]) {
        return Err(Message::new("error-inn-checksum"));
    }
    Ok(digits)
}

/// Parses an INN of either kind, chosen by its length.
pub fn parse_any(input: &str) -> Result<String, Message> {
    match input.trim().len() {
        10 => parse_legal(input),
        12 => parse_person(input),
        _ => Err(Message::new("error-inn-format")),
    }
}

/// Returns the trimmed input if it is exactly `length` ASCII digits.
fn digits_of_length(input: &str, length: usize) -> Result<String, Message> {
    let trimmed = input.trim();
    if trimmed.len() != length || !is_ascii_digits(trimmed) {
        return Err(Message::new("error-inn-format"));
    }
    Ok(trimmed.to_owned())
}

fn check_digit(digits: &[u8], weights: &[u32]) -> u32 {
    let sum: u32 = digits
        .iter()
        .zip(weights)
        .map(|(&byte, weight)| digit_value(byte) * weight)
        .sum();
    sum % 11 % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_error() -> Result<String, Message> {
        Err(Message::new("error-inn-format"))
    }

    fn checksum_error() -> Result<String, Message> {
        Err(Message::new("error-inn-checksum"))
    }

    #[test]
    fn legal_accepts_valid() {
        assert_eq!(parse_legal("7707083893").as_deref(), Ok("7707083893"));
    }

    #[test]
    fn legal_keeps_leading_zero() {
        assert_eq!(parse_legal(" 0273074555 ").as_deref(), Ok("0273074555"));
    }

    #[test]
    fn legal_rejects_wrong_check_digit() {
        assert_eq!(parse_legal("7707083894"), checksum_error());
    }

    #[test]
    fn legal_rejects_malformed() {
        for input in [
            "",
            "770708389",
            "77070838931",
            "77070838a3",
            "7707 083893",
            "７７０７０８３８９３",
            "770708389ё",
        ] {
            assert_eq!(parse_legal(input), format_error(), "input {input:?}");
        }
    }

    #[test]
    fn person_accepts_valid() {
        assert_eq!(parse_person("123456789047").as_deref(), Ok("123456789047"));
    }

    #[test]
    fn person_rejects_wrong_first_check_digit() {
        assert_eq!(parse_person("123456789037"), checksum_error());
    }

    #[test]
    fn person_rejects_wrong_second_check_digit() {
        assert_eq!(parse_person("123456789048"), checksum_error());
    }

    #[test]
    fn person_rejects_malformed() {
        for input in [
            "",
            "12345678904",
            "1234567890470",
            "12345678904O",
            "abcabcabcab1",
            "1234-5678-9047",
        ] {
            assert_eq!(parse_person(input), format_error(), "input {input:?}");
        }
    }

    #[test]
    fn person_rejects_legal_number() {
        assert_eq!(parse_person("7707083893"), format_error());
    }

    #[test]
    fn any_accepts_both_lengths() {
        assert_eq!(parse_any("7707083893").as_deref(), Ok("7707083893"));
        assert_eq!(parse_any("123456789047").as_deref(), Ok("123456789047"));
    }

    #[test]
    fn any_checks_the_check_digits() {
        assert_eq!(parse_any("7707083894"), checksum_error());
        assert_eq!(parse_any("123456789037"), checksum_error());
    }

    #[test]
    fn any_rejects_other_lengths() {
        for input in ["", "77070838", "77070838931", "1234567890470"] {
            assert_eq!(parse_any(input), format_error(), "input {input:?}");
        }
    }
}
