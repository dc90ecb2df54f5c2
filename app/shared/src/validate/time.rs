//! Times of day, such as the bounds of quiet hours.

use crate::Message;
use crate::notify::QuietHours;

/// Parses a time of day typed as `HH:MM` or `H:MM` (what `<input type="time">` sends)
/// into minutes after midnight. Fails with `error-time-format`.
pub fn time_of_day(input: &str) -> Result<u16, Message> {
    let invalid = || Message::new("error-time-format");
    let (hours, minutes) = input.trim().split_once(':').ok_or_else(invalid)?;
    let digits = |part: &str, width: std::ops::RangeInclusive<usize>| {
        (width.contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_digit()))
            .then(|| part.parse::<u16>().ok())
            .flatten()
    };
    match (digits(hours, 1..=2), digits(minutes, 2..=2)) {
        (Some(hours), Some(minutes)) if hours < 24 && minutes < 60 => Ok(hours * 60 + minutes),
        _ => Err(invalid()),
    }
}

/// Quiet hours from `start` to `end`, in minutes after midnight. The same time for both
/// would be a span of no length (`error-quiet-hours-empty`).
pub fn quiet_span(start: u16, end: u16) -> Result<QuietHours, Message> {
    if start == end {
        Err(Message::new("error-quiet-hours-empty"))
    } else {
        Ok(QuietHours { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_are_checked() {
        assert_eq!(time_of_day("22:00"), Ok(1320));
        assert_eq!(time_of_day("8:05"), Ok(485));
        assert_eq!(time_of_day(" 00:00 "), Ok(0));
        assert_eq!(time_of_day("23:59"), Ok(1439));
        for wrong in [
            "24:00", "12:60", "12:5", "1200", "ab:cd", "", "-1:00", "123:00",
        ] {
            assert_eq!(
                time_of_day(wrong),
                Err(Message::new("error-time-format")),
                "{wrong:?}"
            );
        }
    }
}
