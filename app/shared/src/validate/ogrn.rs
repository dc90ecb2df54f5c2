//! OGRN and OGRNIP, the state registration numbers of organisations and sole proprietors.
//!
//! The last digit is a check digit: the number formed by all other digits, modulo 11 for
//! an OGRN (13 digits) or modulo 13 for an OGRNIP (15 digits), then modulo 10.

use super::{digit_value, is_ascii_digits};
use crate::Message;

/// Parses the 13-digit OGRN of an organisation and returns its digits.
///
/// The first digit, the kind of record, must be 1 or 5 (the kinds that assign an OGRN).
/// Fails with `error-ogrn-format` or `error-ogrn-checksum`.
pub fn parse_ogrn(input: &str) -> Result<String, Message> {
    let trimmed = input.trim();
    if trimmed.len() != 13 || !is_ascii_digits(trimmed) || !trimmed.starts_with(['1', '5']) {
        return Err(Message::new("error-ogrn-format"));
    }
    if !has_valid_check_digit(trimmed, 11) {
        return Err(Message::new("error-ogrn-checksum"));
    }
    Ok(trimmed.to_owned())
}

/// Parses the 15-digit OGRNIP of a sole proprietor and returns its digits.
///
/// The first digit, the kind of record, must be 3. Fails with `error-ogrnip-format` or
/// `error-ogrnip-checksum`.
pub fn parse_ogrnip(input: &str) -> Result<String, Message> {
    let trimmed = input.trim();
    if trimmed.len() != 15 || !is_ascii_digits(trimmed) || !trimmed.starts_with('3') {
        return Err(Message::new("error-ogrnip-format"));
    }
    if !has_valid_check_digit(trimmed, 13) {
        return Err(Message::new("error-ogrnip-checksum"));
    }
    Ok(trimmed.to_owned())
}

/// Checks the last digit of `digits` against the rest modulo `modulus`, then modulo 10.
/// The rest has at most 14 digits, so it fits in a `u64`.
fn has_valid_check_digit(digits: &str, modulus: u64) -> bool {
    let (body, check) = digits.split_at(digits.len() - 1);
    let body: u64 = body
        .bytes()
        .fold(0, |number, byte| number * 10 + u64::from(digit_value(byte)));
    let check = u64::from(digit_value(check.as_bytes()[0]));
    body % modulus % 10 == check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ogrn_accepts_valid() {
        assert_eq!(parse_ogrn("1027700132195").as_deref(), Ok("1027700132195"));
    }

    #[test]
    fn ogrn_accepts_record_kind_5() {
        assert_eq!(
            parse_ogrn(" 5077746887312 ").as_deref(),
            Ok("5077746887312")
        );
    }

    #[test]
    fn ogrn_check_of_remainder_10_is_0() {
        // 102770013213 mod 11 = 10, and 10 mod 10 = 0.
        assert_eq!(parse_ogrn("1027700132130").as_deref(), Ok("1027700132130"));
        assert_eq!(
            parse_ogrn("1027700132131"),
            Err(Message::new("error-ogrn-checksum"))
        );
    }

    #[test]
    fn ogrn_rejects_wrong_check_digit() {
        assert_eq!(
            parse_ogrn("1027700132196"),
            Err(Message::new("error-ogrn-checksum"))
        );
    }

    #[test]
    fn ogrn_rejects_malformed() {
        for input in [
            "",
            "102770013219",
            "10277001321950",
            "0027700132195",
            "3027700132195",
            "10277001321a5",
            "1027700 132195",
        ] {
            assert_eq!(
                parse_ogrn(input),
                Err(Message::new("error-ogrn-format")),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn ogrnip_accepts_valid() {
        assert_eq!(
            parse_ogrnip("304500116000157").as_deref(),
            Ok("304500116000157")
        );
    }

    #[test]
    fn ogrnip_check_of_remainder_10_is_0() {
        // 30450011600018 mod 13 = 10, and 10 mod 10 = 0.
        assert_eq!(
            parse_ogrnip("304500116000180").as_deref(),
            Ok("304500116000180")
        );
    }

    #[test]
    fn ogrnip_rejects_wrong_check_digit() {
        assert_eq!(
            parse_ogrnip("304500116000158"),
            Err(Message::new("error-ogrnip-checksum"))
        );
    }

    #[test]
    fn ogrnip_rejects_malformed() {
        for input in [
            "",
            "30450011600015",
            "3045001160001570",
            "104500116000157",
            "30450011600015x",
            "1027700132195",
        ] {
            assert_eq!(
                parse_ogrnip(input),
                Err(Message::new("error-ogrnip-format")),
                "input {input:?}"
            );
        }
    }
}
