//! Application numbers that people read out over the phone.
//!
//! Ten digits: nine payload digits and a check digit computed with the Damm algorithm
//! (H. Michael Damm, 2004). Its table is a totally anti-symmetric quasigroup of order 10, so
//! the check digit catches every single-digit error and every swap of two adjacent digits.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::is_ascii_digits;
use crate::Message;

/// Exclusive upper bound of a payload: payloads have nine decimal digits.
pub const PAYLOAD_LIMIT: u32 = 1_000_000_000;

/// The Damm operation table: row is the interim digit, column the next input digit.
const DAMM_TABLE: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/// An application number: ten ASCII digits whose last digit is the Damm check digit of
/// the first nine. Serialized as the ten digits. Deserializing checks the digits too.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ApplicationNumber(String);

impl ApplicationNumber {
    /// Builds the number for `payload`, zero-padded to nine digits, with its check digit.
    ///
    /// # Panics
    ///
    /// Panics if `payload` is not below [`PAYLOAD_LIMIT`] (1 000 000 000), because it would
    /// not fit in nine digits.
    pub fn from_payload(payload: u32) -> ApplicationNumber {
        assert!(
            payload < PAYLOAD_LIMIT,
            "application number payload {payload} has more than nine digits"
        );
        let mut digits = format!("{payload:09}");
        let check = damm_interim(&digits);
        digits.push(char::from(b'0' + check));
        ApplicationNumber(digits)
    }

    /// Parses an application number typed with or without hyphens and spaces, such as
    /// `482-157-3098` or `4821573098`.
    ///
    /// Fails with `error-application-number-format` unless exactly ten digits remain, and
    /// with `error-application-number-checksum` when the check digit does not match.
    pub fn parse(input: &str) -> Result<ApplicationNumber, Message> {
        let digits: String = input
            .trim()
            .chars()
            .filter(|&c| c != '-' && c != ' ')
            .collect();
        if digits.len() != 10 || !is_ascii_digits(&digits) {
            return Err(Message::new("error-application-number-format"));
        }
        // Running the Damm table over the check digit too gives 0 exactly when it matches.
        if damm_interim(&digits) != 0 {
            return Err(Message::new("error-application-number-checksum"));
        }
        Ok(ApplicationNumber(digits))
    }

    /// Returns the ten digits without separators.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Formats the number as `DDD-DDD-DDDD`, e.g. `482-157-3098`.
impl fmt::Display for ApplicationNumber {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = &self.0;
        write!(
            formatter,
            "{}-{}-{}",
            &digits[..3],
            &digits[3..6],
            &digits[6..]
        )
    }
}

impl From<ApplicationNumber> for String {
    fn from(number: ApplicationNumber) -> String {
        number.0
    }
}

impl TryFrom<String> for ApplicationNumber {
    /// Text that names the input and the message key of the failed check, which serde
    /// puts into its deserialization error.
    type Error = String;

    fn try_from(digits: String) -> Result<Self, Self::Error> {
        ApplicationNumber::parse(&digits)
            .map_err(|message| format!("invalid application number {digits:?}: {}", message.key))
    }
}

/// Runs the Damm table over ASCII `digits` and returns the final interim digit.
fn damm_interim(digits: &str) -> u8 {
    digits.bytes().fold(0, |interim, byte| {
        DAMM_TABLE[usize::from(interim)][usize::from(byte - b'0')]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "4821573098";

    #[test]
    fn damm_matches_published_examples() {
        // Test values of the Damm algorithm task on Rosetta Code.
        assert_eq!(damm_interim("572"), 4);
        assert_eq!(damm_interim("5724"), 0);
        assert_ne!(damm_interim("5727"), 0);
        assert_eq!(damm_interim("112946"), 0);
        assert_ne!(damm_interim("112949"), 0);
    }

    #[test]
    fn from_payload_appends_check_digit() {
        assert_eq!(
            ApplicationNumber::from_payload(482_157_309).as_str(),
            SAMPLE
        );
    }

    #[test]
    fn from_payload_pads_with_zeros() {
        assert_eq!(ApplicationNumber::from_payload(572).as_str(), "0000005724");
    }

    #[test]
    fn from_payload_accepts_zero_and_maximum() {
        assert_eq!(ApplicationNumber::from_payload(0).as_str(), "0000000000");
        let maximum = ApplicationNumber::from_payload(PAYLOAD_LIMIT - 1);
        assert_eq!(
            ApplicationNumber::parse(maximum.as_str()),
            Ok(maximum.clone())
        );
    }

    #[test]
    #[should_panic(expected = "more than nine digits")]
    fn from_payload_panics_on_ten_digits() {
        ApplicationNumber::from_payload(PAYLOAD_LIMIT);
    }

    #[test]
    fn display_groups_digits() {
        let number = ApplicationNumber::parse(SAMPLE).unwrap();
        assert_eq!(number.to_string(), "482-157-3098");
    }

    #[test]
    fn parse_accepts_separators() {
        for input in [
            "4821573098",
            "482-157-3098",
            "482 157 3098",
            " 482 - 157 - 3098 ",
        ] {
            assert_eq!(
                ApplicationNumber::parse(input).map(|number| number.as_str().to_owned()),
                Ok(SAMPLE.to_owned()),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn parse_rejects_malformed() {
        for input in [
            "",
            "482157309",
            "48215730980",
            "482.157.3098",
            "482_157_3098",
            "48215730a8",
            "４８２１５７３０９８",
        ] {
            assert_eq!(
                ApplicationNumber::parse(input),
                Err(Message::new("error-application-number-format")),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn parse_rejects_every_single_digit_change() {
        for position in 0..SAMPLE.len() {
            for replacement in b'0'..=b'9' {
                let mut bytes = SAMPLE.as_bytes().to_vec();
                if bytes[position] == replacement {
                    continue;
                }
                bytes[position] = replacement;
                let changed = String::from_utf8(bytes).unwrap();
                assert_eq!(
                    ApplicationNumber::parse(&changed),
                    Err(Message::new("error-application-number-checksum")),
                    "changed number {changed}"
                );
            }
        }
    }

    #[test]
    fn parse_rejects_every_adjacent_swap() {
        for position in 0..SAMPLE.len() - 1 {
            let mut bytes = SAMPLE.as_bytes().to_vec();
            if bytes[position] == bytes[position + 1] {
                continue;
            }
            bytes.swap(position, position + 1);
            let swapped = String::from_utf8(bytes).unwrap();
            assert_eq!(
                ApplicationNumber::parse(&swapped),
                Err(Message::new("error-application-number-checksum")),
                "swapped number {swapped}"
            );
        }
    }

    #[test]
    fn display_round_trips_through_parse() {
        for payload in [0, 7, 482_157_309, 999_999_999] {
            let number = ApplicationNumber::from_payload(payload);
            assert_eq!(
                ApplicationNumber::parse(&number.to_string()),
                Ok(number.clone())
            );
        }
    }

    #[test]
    fn string_conversion_round_trips() {
        let number = ApplicationNumber::parse(SAMPLE).unwrap();
        let value: String = number.clone().into();
        assert_eq!(value, SAMPLE);
        assert_eq!(ApplicationNumber::try_from(value), Ok(number));
    }

    #[test]
    fn try_from_rejects_bad_check_digit() {
        let error = ApplicationNumber::try_from("4821573097".to_owned()).unwrap_err();
        assert_eq!(
            error,
            "invalid application number \"4821573097\": error-application-number-checksum"
        );
    }
}
