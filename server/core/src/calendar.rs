//! Working days in Russia, for processing deadlines: Saturdays and Sundays, the public
//! holidays of article 112 of the Labour Code and the days moved by the yearly decree,
//! read from `catalogue/calendar.toml`.
//!
//! NOTE: the data holds the decree of 2026 only. Other years follow the rules alone until
//! their decree's moved days are added to `calendar.toml`, so a deadline that runs into
//! the New Year break of 2027 may come a day or two early.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

const CALENDAR_FILE: &str = include_str!("../catalogue/calendar.toml");

/// Public holidays as (month, day), from article 112 of the Labour Code.
const HOLIDAYS: [(u32, u32); 14] = [
    (1, 1),
    (1, 2),
    (1, 3),
    (1, 4),
    (1, 5),
    (1, 6),
    (1, 7),
    (1, 8),
    (2, 23),
    (3, 8),
    (5, 1),
    (5, 9),
    (6, 12),
    (11, 4),
];

#[derive(Deserialize)]
struct CalendarFile {
    years: Vec<YearChanges>,
}

#[derive(Deserialize)]
struct YearChanges {
    year: i32,
    days_off: Vec<NaiveDate>,
    working_days: Vec<NaiveDate>,
}

/// The working-day calendar: the rules plus the moved days of the years in the data.
#[derive(Clone, Debug, Default)]
pub struct WorkCalendar {
    moved_off: BTreeSet<NaiveDate>,
    moved_working: BTreeSet<NaiveDate>,
}

impl WorkCalendar {
    /// The bundled Russian calendar.
    ///
    /// # Panics
    ///
    /// Panics if `catalogue/calendar.toml` is invalid; a unit test parses it.
    pub fn russia() -> WorkCalendar {
        let file: CalendarFile =
            toml::from_str(CALENDAR_FILE).expect("catalogue/calendar.toml is valid");
        let mut calendar = WorkCalendar::default();
        for year in file.years {
            for day in year.days_off {
                assert_eq!(
                    day.year(),
                    year.year,
                    "day off {day} listed under {}",
                    year.year
                );
                calendar.moved_off.insert(day);
            }
            for day in year.working_days {
                assert_eq!(
                    day.year(),
                    year.year,
                    "working day {day} listed under {}",
                    year.year
                );
                calendar.moved_working.insert(day);
            }
        }
        calendar
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.moved_working.contains(&date) {
            return true;
        }
        if self.moved_off.contains(&date) || is_weekend(date) || is_holiday(date) {
            return false;
        }
        !self.is_moved_holiday(date)
    }

    /// Whether `date` is the working day to which a holiday on the weekend before it moved.
    /// A holiday on a Saturday or Sunday moves to the next day that is neither a weekend
    /// nor another holiday. The decree moves the January holidays instead. Only one
    /// holiday per weekend is assumed, which holds for the holidays of article 112.
    fn is_moved_holiday(&self, date: NaiveDate) -> bool {
        let mut day = date;
        let mut moved = 0;
        // Walk back over the weekend and holidays right before `date`, counting the
        // holidays that fell on the weekend.
        while let Some(previous) = day.pred_opt() {
            day = previous;
            let weekend = is_weekend(day);
            let holiday = is_holiday(day) && day.month() != 1;
            if !weekend && !holiday {
                break;
            }
            if weekend && holiday {
                moved += 1;
            }
        }
        moved > 0
    }

    /// The day `days` working days after `start`: the count starts on the next day, as
    /// a deadline of N working days is counted from the day after the application.
    pub fn add_working_days(&self, start: NaiveDate, days: u32) -> NaiveDate {
        let mut date = start;
        let mut left = days;
        while left > 0 {
            date = date.succ_opt().expect("dates stay in chrono's range");
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// Working days left from `today` to `deadline`: 0 on the deadline itself, and at least
    /// one day overdue on any day after it, a weekend or holiday included.
    pub fn days_left(&self, today: NaiveDate, deadline: NaiveDate) -> i64 {
        let days = self.working_days_between(today, deadline);
        if today > deadline { days.min(-1) } else { days }
    }

    /// Working days after `from` up to and including `to`; negative when `to` is earlier,
    /// counting the working days from `to` (exclusive) to `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (start, end, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut count = 0;
        let mut date = start;
        while date < end {
            date = date.succ_opt().expect("dates stay in chrono's range");
            if self.is_working_day(date) {
                count += 1;
            }
        }
        sign * count
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn is_holiday(date: NaiveDate) -> bool {
    HOLIDAYS.contains(&(date.month(), date.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn days_off_of_2026_match_the_decree() {
        let calendar = WorkCalendar::russia();
        let off = [
            day(2026, 1, 9),
            day(2026, 2, 23),
            day(2026, 3, 9),
            day(2026, 5, 1),
            day(2026, 5, 11),
            day(2026, 6, 12),
            day(2026, 11, 4),
            day(2026, 12, 31),
        ];
        for date in off {
            assert!(!calendar.is_working_day(date), "{date} is a day off");
        }
        let working = [
            day(2026, 1, 12),
            day(2026, 3, 10),
            day(2026, 5, 12),
            day(2026, 12, 30),
        ];
        for date in working {
            assert!(calendar.is_working_day(date), "{date} is a working day");
        }
    }

    #[test]
    fn year_2026_has_247_working_days() {
        let calendar = WorkCalendar::russia();
        assert_eq!(
            calendar.working_days_between(day(2025, 12, 31), day(2026, 12, 31)),
            247
        );
    }

    #[test]
    fn weekend_holiday_moves_to_monday_without_decree() {
        let calendar = WorkCalendar::russia();
        // 2027: 1 May is a Saturday, 9 May a Sunday, 12 June a Saturday.
        assert!(!calendar.is_working_day(day(2027, 5, 3)));
        assert!(!calendar.is_working_day(day(2027, 5, 10)));
        assert!(!calendar.is_working_day(day(2027, 6, 14)));
        assert!(calendar.is_working_day(day(2027, 5, 4)));
        assert!(calendar.is_working_day(day(2027, 6, 15)));
    }

    #[test]
    fn deadline_skips_days_off() {
        let calendar = WorkCalendar::russia();
        // Friday 4 December 2026 plus 5 working days is Friday 11 December.
        assert_eq!(
            calendar.add_working_days(day(2026, 12, 4), 5),
            day(2026, 12, 11)
        );
        // From Monday 28 December 2026: the 29th and 30th count, then 31 December to
        // 10 January are days off, so the third working day is Monday 11 January.
        assert_eq!(
            calendar.add_working_days(day(2026, 12, 28), 3),
            day(2027, 1, 11)
        );
        assert_eq!(
            calendar.add_working_days(day(2026, 12, 4), 0),
            day(2026, 12, 4)
        );
    }

    #[test]
    fn day_after_deadline_is_overdue_even_on_weekend() {
        let calendar = WorkCalendar::russia();
        let friday = day(2026, 12, 11);
        assert_eq!(calendar.days_left(friday, friday), 0);
        assert_eq!(calendar.days_left(day(2026, 12, 12), friday), -1);
        assert_eq!(calendar.days_left(day(2026, 12, 13), friday), -1);
        assert_eq!(calendar.days_left(day(2026, 12, 14), friday), -1);
        assert_eq!(calendar.days_left(day(2026, 12, 15), friday), -2);
        assert_eq!(calendar.days_left(day(2026, 12, 10), friday), 1);
    }

    #[test]
    fn days_left_can_be_negative() {
        let calendar = WorkCalendar::russia();
        assert_eq!(
            calendar.working_days_between(day(2026, 12, 7), day(2026, 12, 11)),
            4
        );
        assert_eq!(
            calendar.working_days_between(day(2026, 12, 11), day(2026, 12, 7)),
            -4
        );
        assert_eq!(
            calendar.working_days_between(day(2026, 12, 11), day(2026, 12, 11)),
            0
        );
    }
}
