//! The internal passport of a citizen of Russia.

use serde::{Deserialize, Serialize};

use super::is_ascii_digits;
use crate::Message;

/// Series and number of a passport, digits only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passport {
    /// Four digits. The first two are the OKATO code of the issuing region.
    pub series: String,
    /// Six digits.
    pub number: String,
}

/// Parses a passport series and number typed as `4510 123456`, `45 10 123456`,
/// `4510123456` or `45 10 № 123456`.
///
/// The series may have one space after its second digit. Between series and number there
/// may be spaces and one `№`. A region part of `00` and the number `000000` do not exist and
/// fail like any other malformed input, with `error-passport-format`.
pub fn parse(input: &str) -> Result<Passport, Message> {
    let (series, rest) = split_series(input.trim()).ok_or_else(format_error)?;
    let number = strip_number_sign(rest);

    if number.len() != 6 || !is_ascii_digits(number) {
        return Err(format_error());
    }
    if series.starts_with("00") || number == "000000" {
        return Err(format_error());
    }
    Ok(Passport {
        series,
        number: number.to_owned(),
    })
}

/// Parses a subdivision code (the issuing office), typed as `770-001` or `770001`, and
/// returns it as `NNN-NNN`. Fails with `error-subdivision-code-format`.
pub fn parse_subdivision_code(input: &str) -> Result<String, Message> {
    let trimmed = input.trim();
    let digits = match trimmed.split_once('-') {
        Some((first, second)) if first.len() == 3 && second.len() == 3 => [first, second].concat(),
        Some(_) => String::new(),
        None => trimmed.to_owned(),
    };
    if digits.len() != 6 || !is_ascii_digits(&digits) {
        return Err(Message::new("error-subdivision-code-format"));
    }
    Ok(format!("{}-{}", &digits[..3], &digits[3..]))
}

/// Splits off the four series digits, written `NNNN` or `NN NN`, and returns them with
/// the text that follows.
fn split_series(text: &str) -> Option<(String, &str)> {
    let first = text.get(..2).filter(|part| is_ascii_digits(part))?;
    let after_first = &text[2..];
    let after_space = after_first.strip_prefix(' ').unwrap_or(after_first);
    let second = after_space.get(..2).filter(|part| is_ascii_digits(part))?;
    Some(([first, second].concat(), &after_space[2..]))
}

/// Removes the spaces and the optional `№` between series and number.
fn strip_number_sign(text: &str) -> &str {
    let text = text.trim_start_matches(' ');
    let text = text.strip_prefix('№').unwrap_or(text);
    text.trim_start_matches(' ')
}

fn format_error() -> Message {
    Message::new("error-passport-format")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passport(series: &str, number: &str) -> Result<Passport, Message> {
        Ok(Passport {
            series: series.to_owned(),
            number: number.to_owned(),
        })
    }

    #[test]
    fn accepts_each_layout() {
        for input in [
            "4510 123456",
            "45 10 123456",
            "4510123456",
            "45 10 № 123456",
            "4510 №123456",
            "  4510  123456 ",
        ] {
            assert_eq!(parse(input), passport("4510", "123456"), "input {input:?}");
        }
    }

    #[test]
    fn rejects_region_00() {
        assert_eq!(parse("0010 123456"), Err(format_error()));
    }

    #[test]
    fn rejects_number_000000() {
        assert_eq!(parse("4510 000000"), Err(format_error()));
    }

    #[test]
    fn accepts_series_ending_00() {
        assert_eq!(parse("4500 123456"), passport("4500", "123456"));
    }

    #[test]
    fn rejects_malformed() {
        for input in [
            "",
            "4510",
            "4510 12345",
            "4510 1234567",
            "45101234567",
            "451 0123456",
            "4 510 123456",
            "45  10 123456",
            "4510-123456",
            "4510 № № 123456",
            "4510 N 123456",
            "45АБ 123456",
            "4510 12345б",
            "№ 4510 123456",
        ] {
            assert_eq!(parse(input), Err(format_error()), "input {input:?}");
        }
    }

    #[test]
    fn subdivision_accepts_hyphen() {
        assert_eq!(parse_subdivision_code("770-001").as_deref(), Ok("770-001"));
    }

    #[test]
    fn subdivision_accepts_bare_digits() {
        assert_eq!(parse_subdivision_code(" 770001 ").as_deref(), Ok("770-001"));
    }

    #[test]
    fn subdivision_rejects_malformed() {
        for input in [
            "", "77-0001", "7700-01", "770 001", "77000", "7700011", "770-00a", "770--001",
            "-770001",
        ] {
            assert_eq!(
                parse_subdivision_code(input),
                Err(Message::new("error-subdivision-code-format")),
                "input {input:?}"
            );
        }
    }
}
