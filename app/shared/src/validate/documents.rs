//! Documents other than the internal passport, postcodes and Telegram usernames.

use chrono::NaiveDate;

use super::date::{MIN_AGE_YEARS, anniversary};
use super::is_ascii_digits;
use crate::Message;

/// Parses the number of a Russian driving licence: two digits of the region, two
/// characters of the series (digits on the plastic licences issued since 2011, Cyrillic
/// letters on older ones) and six digits, typed with or without spaces, e.g.
/// `99 12 345678` or `77АВ123456`. Returns it as `NN XX NNNNNN`, letters in upper case.
/// Fails with `error-driving-licence-format`.
pub fn driving_licence(input: &str) -> Result<String, Message> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let chars: Vec<char> = compact.chars().collect();
    let series_ok = chars.len() == 10
        && chars[..2].iter().all(char::is_ascii_digit)
        && chars[2..4]
            .iter()
            .all(|c| c.is_ascii_digit() || is_cyrillic_upper(*c))
        && chars[4..].iter().all(char::is_ascii_digit);
    if !series_ok {
        return Err(Message::new("error-driving-licence-format"));
    }
    let text = |range: std::ops::Range<usize>| chars[range].iter().collect::<String>();
    Ok(format!("{} {} {}", text(0..2), text(2..4), text(4..10)))
}

/// Parses the series and number of a passport for travel abroad: two digits and seven
/// digits, e.g. `75 1234567`. Returns them as `NN NNNNNNN`. Fails with
/// `error-foreign-passport-format`.
pub fn foreign_passport(input: &str) -> Result<String, Message> {
    let compact: String = input.split_whitespace().collect();
    let compact = compact.replacen('№', "", 1);
    if compact.len() != 9 || !is_ascii_digits(&compact) {
        return Err(Message::new("error-foreign-passport-format"));
    }
    Ok(format!("{} {}", &compact[..2], &compact[2..]))
}

/// Parses a Russian postcode: six digits, the first of them not zero. Fails with
/// `error-postcode-format`.
pub fn postcode(input: &str) -> Result<String, Message> {
    let trimmed = input.trim();
    if trimmed.len() != 6 || !is_ascii_digits(trimmed) || trimmed.starts_with('0') {
        return Err(Message::new("error-postcode-format"));
    }
    Ok(trimmed.to_owned())
}

/// Parses a Telegram username typed as `@name`, `name` or `https://t.me/name` and returns
/// it as `@name`. A username has 5 to 32 Latin letters, digits and underscores, starts with
/// a letter and does not end with an underscore. Fails with `error-telegram-format`.
pub fn telegram(input: &str) -> Result<String, Message> {
    let trimmed = input.trim();
    let name = ["https://t.me/", "http://t.me/", "t.me/", "@"]
        .iter()
        .find_map(|prefix| trimmed.strip_prefix(prefix))
        .unwrap_or(trimmed);
    let valid = (5..=32).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && !name.ends_with('_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !valid {
        return Err(Message::new("error-telegram-format"));
    }
    Ok(format!("@{name}"))
}

/// Checks the issue date of a document of the person: not after `today`
/// (`error-date-future`) and, when the birth date is known, not before the person turned
/// [`MIN_AGE_YEARS`] (`error-issue-date-too-early` with the argument `years`), the age at
/// which the first passport is issued.
pub fn issue_date(
    date: NaiveDate,
    birth_date: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<NaiveDate, Message> {
    if date > today {
        return Err(Message::new("error-date-future"));
    }
    let too_early = birth_date
        .map(|birth| anniversary(birth, MIN_AGE_YEARS).is_none_or(|turned| date < turned))
        .unwrap_or(false);
    if too_early {
        return Err(Message::new("error-issue-date-too-early").arg("years", MIN_AGE_YEARS));
    }
    Ok(date)
}

/// Checks that a document's expiry date comes after its issue date. Fails with
/// `error-expiry-before-issue`.
pub fn expiry_date(date: NaiveDate, issued: Option<NaiveDate>) -> Result<NaiveDate, Message> {
    if issued.is_some_and(|issued| date <= issued) {
        return Err(Message::new("error-expiry-before-issue"));
    }
    Ok(date)
}

fn is_cyrillic_upper(c: char) -> bool {
    ('А'..='Я').contains(&c) || c == 'Ё'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn driving_licence_accepts_both_series_kinds() {
        assert_eq!(
            driving_licence("99 12 345678").as_deref(),
            Ok("99 12 345678")
        );
        assert_eq!(driving_licence("9912345678").as_deref(), Ok("99 12 345678"));
        assert_eq!(
            driving_licence("77ав 123456").as_deref(),
            Ok("77 АВ 123456")
        );
        assert_eq!(
            driving_licence(" 77 АВ 123456 ").as_deref(),
            Ok("77 АВ 123456")
        );
    }

    #[test]
    fn driving_licence_rejects_malformed() {
        for input in [
            "",
            "99 12 34567",
            "99 12 3456789",
            "99 AB 123456",
            "9А 12 345678",
            "99 12 34567Б",
            "99-12-345678",
        ] {
            assert_eq!(
                driving_licence(input),
                Err(Message::new("error-driving-licence-format")),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn foreign_passport_layouts() {
        assert_eq!(foreign_passport("75 1234567").as_deref(), Ok("75 1234567"));
        assert_eq!(foreign_passport("751234567").as_deref(), Ok("75 1234567"));
        assert_eq!(
            foreign_passport("75 № 1234567").as_deref(),
            Ok("75 1234567")
        );
        for input in ["", "75 123456", "75 12345678", "7A 1234567", "75-1234567"] {
            assert_eq!(
                foreign_passport(input),
                Err(Message::new("error-foreign-passport-format")),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn postcode_boundaries() {
        assert_eq!(postcode(" 101000 ").as_deref(), Ok("101000"));
        assert_eq!(postcode("694000").as_deref(), Ok("694000"));
        for input in ["", "012345", "10100", "1010000", "10100а", "101 000"] {
            assert_eq!(
                postcode(input),
                Err(Message::new("error-postcode-format")),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn telegram_forms() {
        assert_eq!(telegram("@ivan_petrov").as_deref(), Ok("@ivan_petrov"));
        assert_eq!(telegram("ivan_petrov").as_deref(), Ok("@ivan_petrov"));
        assert_eq!(
            telegram("https://t.me/Ivan2000").as_deref(),
            Ok("@Ivan2000")
        );
        assert_eq!(telegram("@abcde").as_deref(), Ok("@abcde"));
        assert_eq!(
            telegram(&format!("@a{}", "b".repeat(31))).map(|n| n.len()),
            Ok(33)
        );
        for input in [
            "@abcd",
            &format!("@a{}", "b".repeat(32)),
            "@1ivan",
            "@ivan_",
            "@иван_петров",
            "@ivan-petrov",
            "",
        ] {
            assert_eq!(
                telegram(input),
                Err(Message::new("error-telegram-format")),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn issue_date_at_fourteen() {
        let birth = Some(date("2000-03-15"));
        let today = date("2026-12-04");
        assert_eq!(
            issue_date(date("2014-03-15"), birth, today),
            Ok(date("2014-03-15"))
        );
        assert_eq!(
            issue_date(date("2014-03-14"), birth, today),
            Err(Message::new("error-issue-date-too-early").arg("years", 14))
        );
        assert_eq!(
            issue_date(date("2026-12-05"), birth, today),
            Err(Message::new("error-date-future"))
        );
        assert_eq!(
            issue_date(date("2026-12-04"), None, today),
            Ok(date("2026-12-04"))
        );
    }

    #[test]
    fn issue_date_for_leap_day_birth() {
        // Born on 29 February: 14 full years pass on 1 March of a common year.
        let birth = Some(date("2008-02-29"));
        let today = date("2026-12-04");
        assert!(issue_date(date("2022-02-28"), birth, today).is_err());
        assert_eq!(
            issue_date(date("2022-03-01"), birth, today),
            Ok(date("2022-03-01"))
        );
    }

    #[test]
    fn expiry_must_follow_issue() {
        let issued = Some(date("2020-01-10"));
        assert_eq!(
            expiry_date(date("2030-01-10"), issued),
            Ok(date("2030-01-10"))
        );
        assert_eq!(
            expiry_date(date("2020-01-10"), issued),
            Err(Message::new("error-expiry-before-issue"))
        );
        assert_eq!(
            expiry_date(date("2019-01-10"), None),
            Ok(date("2019-01-10"))
        );
    }
}
