//! KPP, the tax registration reason code of an organisation.
//!
//! Nine characters: four digits of the tax office code (the first two are the region),
//! two characters of the registration reason (digits or capital Latin letters), and three
//! digits of a serial number. A KPP has no check digit.

use super::is_ascii_digits;
use crate::Message;

/// Numeric reason codes of the directory of registration reasons (SPPUNO), as ranges.
/// 77–99 are reserved for foreign organisations and accepted as a whole.
const NUMERIC_REASONS: [(u8, u8); 11] = [
    (1, 8),
    (10, 10),
    (12, 12),
    (14, 14),
    (16, 19),
    (26, 37),
    // NOTE: 43 is absent from the directory followed here although some registries use it for branches.
    (40, 42),
    (49, 53),
    (60, 63),
    (70, 76),
    (77, 99),
];

/// Parses a KPP and returns its nine characters. Fails with `error-kpp-format` when the
/// shape is wrong, the region is 00 or a numeric reason code is not in the directory.
/// A reason code that contains a letter is accepted as typed.
pub fn parse(input: &str) -> Result<String, Message> {
    let trimmed = input.trim();
    if trimmed.len() != 9 || !trimmed.is_ascii() {
        return Err(format_error());
    }

    let (office, rest) = trimmed.split_at(4);
    let (reason, serial) = rest.split_at(2);
    if !is_ascii_digits(office) || office.starts_with("00") || !is_ascii_digits(serial) {
        return Err(format_error());
    }
    if !is_known_reason(reason) {
        return Err(format_error());
    }
    Ok(trimmed.to_owned())
}

fn is_known_reason(reason: &str) -> bool {
    if !reason
        .bytes()
        .all(|byte| byte.is_ascii_digit() || byte.is_ascii_uppercase())
    {
        return false;
    }
    match reason.parse::<u8>() {
        Ok(code) => NUMERIC_REASONS
            .iter()
            .any(|&(first, last)| (first..=last).contains(&code)),
        // Letter codes are not in the numeric directory, so they are not checked further.
        Err(_) => true,
    }
}

fn format_error() -> Message {
    Message::new("error-kpp-format")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_numeric_reason() {
        assert_eq!(parse("771501001").as_deref(), Ok("771501001"));
    }

    #[test]
    fn accepts_letter_reason() {
        assert_eq!(parse(" 7733AZ001 ").as_deref(), Ok("7733AZ001"));
    }

    #[test]
    fn accepts_letter_and_digit_reason() {
        assert_eq!(parse("0108A4934").as_deref(), Ok("0108A4934"));
    }

    #[test]
    fn accepts_each_directory_code() {
        let codes = [
            1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 17, 18, 19, 26, 30, 37, 40, 41, 42, 49, 50, 53,
            60, 63, 70, 76, 77, 87, 99,
        ];
        for code in codes {
            let kpp = format!("7715{code:02}001");
            assert_eq!(parse(&kpp), Ok(kpp.clone()));
        }
    }

    #[test]
    fn rejects_codes_outside_directory() {
        let codes = [0, 9, 11, 13, 15, 20, 25, 38, 39, 43, 48, 54, 59, 64, 69];
        for code in codes {
            let kpp = format!("7715{code:02}001");
            assert_eq!(parse(&kpp), Err(format_error()), "KPP {kpp}");
        }
    }

    #[test]
    fn rejects_region_00() {
        assert_eq!(parse("001501001"), Err(format_error()));
    }

    #[test]
    fn rejects_malformed() {
        for input in [
            "",
            "77150100",
            "7715010011",
            "7715ab001",
            "7715Аб001",
            "77A501001",
            "7715010A1",
            "7715 01 001",
            "qwerty123",
        ] {
            assert_eq!(parse(input), Err(format_error()), "input {input:?}");
        }
    }
}
