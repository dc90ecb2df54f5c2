//! Showing stored UTC times in a person's time zone.

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;

/// The zone used when a stored zone name is unknown.
pub(crate) const DEFAULT_ZONE: Tz = chrono_tz::Europe::Moscow;

pub(crate) fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(DEFAULT_ZONE)
}

/// Converts `at` to the zone `zone_name`, keeping the offset so the browser needs no
/// time-zone data.
pub(crate) fn local(at: DateTime<Utc>, zone_name: &str) -> DateTime<FixedOffset> {
    at.with_timezone(&zone(zone_name)).fixed_offset()
}

/// Today's date in the zone `zone_name`.
pub(crate) fn today(now: DateTime<Utc>, zone_name: &str) -> chrono::NaiveDate {
    now.with_timezone(&zone(zone_name)).date_naive()
}
