//! Today's date where validation runs: the server's clock, or the browser's.

use chrono::NaiveDate;

/// Today's date. In the browser it comes from the browser's clock and time zone, so a
/// birth date typed "today" is judged the way the person sees the calendar.
pub fn today() -> NaiveDate {
    #[cfg(feature = "hydrate")]
    {
        let now = js_sys::Date::new_0();
        NaiveDate::from_ymd_opt(
            now.get_full_year() as i32,
            now.get_month() + 1,
            now.get_date(),
        )
        .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        chrono::Utc::now().date_naive()
    }
}
