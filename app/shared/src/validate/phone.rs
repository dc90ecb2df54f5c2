//! Russian mobile phone numbers.

use crate::Message;

/// Characters people put between the digits of a phone number.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '(' | ')' | '.')
}

/// Normalizes a Russian mobile number to E.164, e.g. `8 (912) 345-67-89` → `+79123456789`.
///
/// The number may start with `+7`, `7` or `8`, or with no country code at all. Spaces,
/// hyphens, parentheses and dots may separate the digits, and `+` is allowed only as the
/// first character, directly followed by 7. The ten digits after the country code must
/// start with 9, because Russian mobile numbers (DEF codes 9xx) do and landlines such as
/// `+7 812 …` do not. Anything else fails with `error-phone-format`.
pub fn normalize_mobile(input: &str) -> Result<String, Message> {
    let trimmed = input.trim();
    let (has_plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };

    let mut digits = String::with_capacity(11);
    for c in rest.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !is_separator(c) {
            return Err(format_error());
        }
    }
    if has_plus && !rest.starts_with('7') {
        return Err(format_error());
    }

    let national = match (has_plus, digits.len()) {
        (true, 11) => &digits[1..],
        (false, 11) if digits.starts_with('7') || digits.starts_with('8') => &digits[1..],
        (false, 10) => &digits[..],
        _ => return Err(format_error()),
    };
    if !national.starts_with('9') {
        return Err(format_error());
    }
    Ok(format!("+7{national}"))
}

/// Formats an E.164 Russian number for display: `+79123456789` → `+7 912 345-67-89`.
/// Returns the input unchanged unless it is `+7` followed by exactly ten digits.
pub fn format_display(e164: &str) -> String {
    let Some(national) = e164.strip_prefix("+7") else {
        return e164.to_owned();
    };
    if national.len() != 10 || !national.bytes().all(|byte| byte.is_ascii_digit()) {
        return e164.to_owned();
    }
    format!(
        "+7 {} {}-{}-{}",
        &national[0..3],
        &national[3..6],
        &national[6..8],
        &national[8..10]
    )
}

fn format_error() -> Message {
    Message::new("error-phone-format")
}

#[cfg(test)]
mod tests {
    use super::*;

    const E164: &str = "+79123456789";

    #[test]
    fn accepts_plus_seven_with_spaces_and_hyphens() {
        assert_eq!(normalize_mobile("+7 912 345-67-89").as_deref(), Ok(E164));
    }

    #[test]
    fn accepts_eight_with_parentheses() {
        assert_eq!(normalize_mobile("8 (912) 345-67-89").as_deref(), Ok(E164));
    }

    #[test]
    fn accepts_eleven_digits_starting_with_eight() {
        assert_eq!(normalize_mobile("89123456789").as_deref(), Ok(E164));
    }

    #[test]
    fn accepts_e164() {
        assert_eq!(normalize_mobile("+79123456789").as_deref(), Ok(E164));
    }

    #[test]
    fn accepts_seven_without_plus() {
        assert_eq!(normalize_mobile("7 912 3456789").as_deref(), Ok(E164));
    }

    #[test]
    fn accepts_ten_digits() {
        assert_eq!(normalize_mobile("9123456789").as_deref(), Ok(E164));
    }

    #[test]
    fn accepts_dots_and_surrounding_spaces() {
        assert_eq!(normalize_mobile("  +7.912.345.67.89 ").as_deref(), Ok(E164));
    }

    #[test]
    fn rejects_malformed_numbers() {
        let cases = [
            "",
            "   ",
            "+7 812 345-67-89",
            "8 (812) 345-67-89",
            "4951234567",
            "+8 912 345-67-89",
            "+ 7 912 345-67-89",
            "+79123456789+",
            "7+9123456789",
            "++79123456789",
            "891234567890",
            "+791234567890",
            "+7912345678",
            "912345678",
            "69123456789",
            "8 912 345 67 8a",
            "phone",
            "8/912/345-67-89",
            "８９１２３４５６７８９",
        ];
        for input in cases {
            assert_eq!(
                normalize_mobile(input),
                Err(Message::new("error-phone-format")),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn display_groups_digits() {
        assert_eq!(format_display(E164), "+7 912 345-67-89");
    }

    #[test]
    fn display_keeps_other_shapes() {
        for input in ["", "+7912", "89123456789", "+7912345678a", "+791234567890"] {
            assert_eq!(format_display(input), input);
        }
    }

    #[test]
    fn display_round_trips_through_normalize() {
        assert_eq!(normalize_mobile(&format_display(E164)).as_deref(), Ok(E164));
    }
}
