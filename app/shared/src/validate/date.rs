//! Calendar dates and birth dates.

use chrono::{Datelike, NaiveDate};

use super::is_ascii_digits;
use crate::Message;

/// Minimum age in full years to hold an account: the age at which a citizen of Russia
/// receives a passport.
pub const MIN_AGE_YEARS: i32 = 14;
/// Maximum age in years that a birth date may give.
pub const MAX_AGE_YEARS: i32 = 130;

/// Parses a date typed as `YYYY-MM-DD` (what `<input type="date">` submits) or
/// `DD.MM.YYYY` (how dates are written by hand in Russia, where the day and month may
/// also have one digit). Fails with `error-date-format`, also for dates that do not exist
/// such as 31.02.2000.
pub fn parse(input: &str) -> Result<NaiveDate, Message> {
    let trimmed = input.trim();
    let parts = if trimmed.contains('-') {
        parse_iso(trimmed)
    } else {
        parse_dotted(trimmed)
    };
    parts
        .and_then(|(year, month, day)| NaiveDate::from_ymd_opt(year, month, day))
        .ok_or_else(|| Message::new("error-date-format"))
}

/// Checks a birth date against `today`, the current date in the person's time zone.
///
/// The date must not be after `today` (`error-date-future`), the person must be at least
/// [`MIN_AGE_YEARS`] old (`error-birth-date-too-young` with the argument `years`), and the
/// date must not be more than [`MAX_AGE_YEARS`] years before `today`
/// (`error-birth-date-too-old` with the argument `years`).
pub fn birth_date(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, Message> {
    if date > today {
        return Err(Message::new("error-date-future"));
    }
    if anniversary(date, MIN_AGE_YEARS).is_none_or(|birthday| birthday > today) {
        return Err(Message::new("error-birth-date-too-young").arg("years", MIN_AGE_YEARS));
    }
    if anniversary(date, MAX_AGE_YEARS).is_some_and(|birthday| birthday < today) {
        return Err(Message::new("error-birth-date-too-old").arg("years", MAX_AGE_YEARS));
    }
    Ok(date)
}

/// Checks a date that must have passed, such as a child's birth date: not after `today`
/// (`error-date-future`) and not more than [`MAX_AGE_YEARS`] years before it
/// (`error-birth-date-too-old`).
pub fn past_date(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, Message> {
    if date > today {
        return Err(Message::new("error-date-future"));
    }
    if anniversary(date, MAX_AGE_YEARS).is_some_and(|birthday| birthday < today) {
        return Err(Message::new("error-birth-date-too-old").arg("years", MAX_AGE_YEARS));
    }
    Ok(date)
}

/// Returns the day on which a person born on `date` turns `years` old.
///
/// For a birth on 29 February the birthday in a common year is 1 March, because on
/// 28 February the full number of years has not yet passed. The minimum-age check
/// therefore never admits anyone a day early. Returns `None` past chrono's last year.
pub(crate) fn anniversary(date: NaiveDate, years: i32) -> Option<NaiveDate> {
    let year = date.year().checked_add(years)?;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
}

/// Splits `YYYY-MM-DD` into year, month and day.
fn parse_iso(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.split('-');
    let year = parts.next().filter(|part| part.len() == 4)?;
    let month = parts.next().filter(|part| part.len() == 2)?;
    let day = parts.next().filter(|part| part.len() == 2)?;
    if parts.next().is_some() {
        return None;
    }
    number_parts(year, month, day)
}

/// Splits `DD.MM.YYYY` (day and month of one or two digits) into year, month and day.
fn parse_dotted(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.split('.');
    let day = parts.next().filter(|part| (1..=2).contains(&part.len()))?;
    let month = parts.next().filter(|part| (1..=2).contains(&part.len()))?;
    let year = parts.next().filter(|part| part.len() == 4)?;
    if parts.next().is_some() {
        return None;
    }
    number_parts(year, month, day)
}

fn number_parts(year: &str, month: &str, day: &str) -> Option<(i32, u32, u32)> {
    if !is_ascii_digits(year) || !is_ascii_digits(month) || !is_ascii_digits(day) {
        return None;
    }
    Some((year.parse().ok()?, month.parse().ok()?, day.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn too_young() -> Result<NaiveDate, Message> {
        Err(Message::new("error-birth-date-too-young").arg("years", 14))
    }

    fn too_old() -> Result<NaiveDate, Message> {
        Err(Message::new("error-birth-date-too-old").arg("years", 130))
    }

    #[test]
    fn parse_accepts_iso() {
        assert_eq!(parse("2000-02-29"), Ok(ymd(2000, 2, 29)));
    }

    #[test]
    fn parse_accepts_dotted() {
        assert_eq!(parse(" 29.02.2000 "), Ok(ymd(2000, 2, 29)));
    }

    #[test]
    fn parse_accepts_one_digit_day_and_month() {
        assert_eq!(parse("1.2.2000"), Ok(ymd(2000, 2, 1)));
    }

    #[test]
    fn parse_rejects_impossible_dates() {
        for input in [
            "31.02.2000",
            "29.02.2001",
            "2001-02-29",
            "00.01.2000",
            "01.13.2000",
            "2000-04-31",
        ] {
            assert_eq!(
                parse(input),
                Err(Message::new("error-date-format")),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn parse_rejects_malformed() {
        for input in [
            "",
            "2000",
            "01.02.00",
            "01/02/2000",
            "2000-2-01",
            "2000-02-1",
            "+2000-02-01",
            "2000-02-01-01",
            "01.02.2000.",
            "001.02.2000",
            "01.02.20000",
            "2000-02-01T00:00",
            "01. 02.2000",
            "+1.02.2000",
            "０１.０２.２０００",
        ] {
            assert_eq!(
                parse(input),
                Err(Message::new("error-date-format")),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn birth_accepts_fourteenth_birthday() {
        assert_eq!(
            birth_date(ymd(2010, 5, 20), ymd(2024, 5, 20)),
            Ok(ymd(2010, 5, 20))
        );
    }

    #[test]
    fn birth_rejects_day_before_fourteenth_birthday() {
        assert_eq!(birth_date(ymd(2010, 5, 20), ymd(2024, 5, 19)), too_young());
    }

    #[test]
    fn birth_leap_day_turns_14_in_march() {
        assert_eq!(birth_date(ymd(2008, 2, 29), ymd(2022, 2, 28)), too_young());
        assert_eq!(
            birth_date(ymd(2008, 2, 29), ymd(2022, 3, 1)),
            Ok(ymd(2008, 2, 29))
        );
    }

    #[test]
    fn birth_leap_day_turns_130_in_march() {
        assert_eq!(
            birth_date(ymd(1896, 2, 29), ymd(2026, 3, 1)),
            Ok(ymd(1896, 2, 29))
        );
        assert_eq!(birth_date(ymd(1896, 2, 29), ymd(2026, 3, 2)), too_old());
    }

    #[test]
    fn birth_rejects_today() {
        assert_eq!(birth_date(ymd(2024, 5, 20), ymd(2024, 5, 20)), too_young());
    }

    #[test]
    fn birth_rejects_future() {
        assert_eq!(
            birth_date(ymd(2024, 5, 21), ymd(2024, 5, 20)),
            Err(Message::new("error-date-future"))
        );
    }

    #[test]
    fn birth_accepts_exactly_130_years() {
        assert_eq!(
            birth_date(ymd(1894, 5, 20), ymd(2024, 5, 20)),
            Ok(ymd(1894, 5, 20))
        );
    }

    #[test]
    fn birth_rejects_day_before_130_years() {
        assert_eq!(birth_date(ymd(1894, 5, 19), ymd(2024, 5, 20)), too_old());
    }
}
