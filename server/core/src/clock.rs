//! The current time, replaceable in tests.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, DurationRound, Utc};

/// A source of the current time in UTC.
///
/// Times are truncated to microseconds, the precision PostgreSQL keeps, so that a value
/// read back from either backend equals the value written.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// Offset added to the system time, in microseconds; only tests change it.
    offset_micros: Arc<AtomicI64>,
}

impl Clock {
    pub fn system() -> Self {
        Self::default()
    }

    pub fn now(&self) -> DateTime<Utc> {
        let offset = Duration::microseconds(self.offset_micros.load(Ordering::Relaxed));
        (Utc::now() + offset)
            .duration_trunc(Duration::microseconds(1))
            .expect("truncating to microseconds cannot overflow")
    }

    /// Moves this clock (and every clone of it) forward, for tests of expiry.
    pub fn advance(&self, by: Duration) {
        let micros = by
            .num_microseconds()
            .expect("test durations fit in i64 microseconds");
        self.offset_micros.fetch_add(micros, Ordering::Relaxed);
    }
}
