//! SNILS, the individual insurance account number of the Social Fund of Russia.

use super::{digit_value, is_ascii_digits};
use crate::Message;

/// Largest account number (the first nine digits) that is not checked. Numbers up to and
/// including 001-001-998 were issued before the check number existed.
const LAST_UNCHECKED: u32 = 1_001_998;

/// Separators allowed at byte offsets 3, 7 and 11 of a 14-character SNILS.
const LAYOUTS: [[u8; 3]; 3] = [*b"-- ", *b"---", *b"   "];

/// Parses a SNILS and returns its 11 digits.
///
/// Accepted forms: `11223344595`, `112-233-445 95`, `112-233-445-95` and `112 233 445 95`.
/// Fails with `error-snils-format` for any other shape and with `error-snils-checksum` when
/// the last two digits are not the check number of the first nine.
pub fn parse(input: &str) -> Result<String, Message> {
    let digits = strip_layout(input.trim()).ok_or_else(|| Message::new("error-snils-format"))?;
    let number: u32 = digits[..9]
        .parse()
        .map_err(|_| Message::new("error-snils-format"))?;
    let check: u32 = digits[9..]
        .parse()
        .map_err(|_| Message::new("error-snils-format"))?;

    if number > LAST_UNCHECKED && check != check_number(&digits[..9]) {
        return Err(Message::new("error-snils-checksum"));
    }
    Ok(digits)
}

/// Formats 11 SNILS digits as `NNN-NNN-NNN NN`. Returns other input unchanged.
pub fn format(digits: &str) -> String {
    if digits.len() != 11 || !is_ascii_digits(digits) {
        return digits.to_owned();
    }
    format!(
        "{}-{}-{} {}",
        &digits[0..3],
        &digits[3..6],
        &digits[6..9],
        &digits[9..11]
    )
}

/// Returns the 11 digits if `text` is in one of the accepted layouts.
fn strip_layout(text: &str) -> Option<String> {
    // Byte offsets below are character offsets only for ASCII text.
    if !text.is_ascii() {
        return None;
    }
    if text.len() == 11 && is_ascii_digits(text) {
        return Some(text.to_owned());
    }
    if text.len() != 14 {
        return None;
    }

    let bytes = text.as_bytes();
    let separators = [bytes[3], bytes[7], bytes[11]];
    if !LAYOUTS.contains(&separators) {
        return None;
    }
    let digits: String = [&text[0..3], &text[4..7], &text[8..11], &text[12..14]].concat();
    is_ascii_digits(&digits).then_some(digits)
}

/// Computes the check number of the first nine SNILS digits.
///
/// The sum of each digit times its weight (9 for the first digit down to 1 for the ninth)
/// is the check number while it is below 100, and 100 or 101 give 00. A larger sum is
/// reduced modulo 101 and the same rule applied, so a remainder of 100 also gives 00.
fn check_number(first_nine: &str) -> u32 {
    let sum: u32 = first_nine
        .bytes()
        .zip((1..=9).rev())
        .map(|(byte, weight)| digit_value(byte) * weight)
        .sum();
    let reduced = if sum > 101 { sum % 101 } else { sum };
    if reduced >= 100 { 0 } else { reduced }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_error() -> Result<String, Message> {
        Err(Message::new("error-snils-format"))
    }

    fn checksum_error() -> Result<String, Message> {
        Err(Message::new("error-snils-checksum"))
    }

    #[test]
    fn parse_accepts_each_layout() {
        for input in [
            "11223344595",
            "112-233-445 95",
            "112-233-445-95",
            "112 233 445 95",
            "  112-233-445 95\t",
        ] {
            assert_eq!(
                parse(input).as_deref(),
                Ok("11223344595"),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn parse_rejects_other_layouts() {
        for input in [
            "",
            "112-233-445  95",
            "112 233-445 95",
            "112-233 445 95",
            "112.233.445 95",
            "112-233-44595",
            "1122-33-445 95",
            "1122334459",
            "112233445951",
            "112-233-445 9a",
            "112-233-445 9ё",
            "112-233-4ё 95",
            "１１２-２３３-４４５ ９５",
        ] {
            assert_eq!(parse(input), format_error(), "input {input:?}");
        }
    }

    #[test]
    fn parse_rejects_wrong_check_number() {
        assert_eq!(parse("112-233-445 96"), checksum_error());
    }

    #[test]
    fn last_unchecked_number_accepts_any_check() {
        assert_eq!(parse("001-001-998 00").as_deref(), Ok("00100199800"));
        assert_eq!(parse("001-001-998 77").as_deref(), Ok("00100199877"));
    }

    #[test]
    fn first_checked_number_needs_check() {
        // 0·9 + 0·8 + 1·7 + 0·6 + 0·5 + 1·4 + 9·3 + 9·2 + 9·1 = 65
        assert_eq!(parse("001-001-999 65").as_deref(), Ok("00100199965"));
        assert_eq!(parse("001-001-999 00"), checksum_error());
    }

    #[test]
    fn sum_below_100_is_the_check() {
        assert_eq!(check_number("001239570"), 99);
        assert_eq!(parse("001-239-570 99").as_deref(), Ok("00123957099"));
    }

    #[test]
    fn sum_of_100_gives_00() {
        assert_eq!(parse("001-326-679 00").as_deref(), Ok("00132667900"));
        assert_eq!(parse("001-326-679 10"), checksum_error());
    }

    #[test]
    fn sum_of_101_gives_00() {
        assert_eq!(parse("001-508-816 00").as_deref(), Ok("00150881600"));
        assert_eq!(parse("001-508-816 01"), checksum_error());
    }

    #[test]
    fn sum_of_102_gives_01() {
        assert_eq!(parse("001-437-545 01").as_deref(), Ok("00143754501"));
    }

    #[test]
    fn sum_of_201_reduces_to_00() {
        // 201 mod 101 = 100, which gives 00 like a sum of 100.
        assert_eq!(parse("017-996-174 00").as_deref(), Ok("01799617400"));
        assert_eq!(parse("017-996-174 99"), checksum_error());
    }

    #[test]
    fn sum_of_202_reduces_to_00() {
        assert_eq!(parse("006-996-683 00").as_deref(), Ok("00699668300"));
    }

    #[test]
    fn format_groups_digits() {
        assert_eq!(format("11223344595"), "112-233-445 95");
    }

    #[test]
    fn format_keeps_other_input() {
        assert_eq!(format("112-233-445 95"), "112-233-445 95");
    }
}
