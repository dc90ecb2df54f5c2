//! Conditions of list filters built at run time: the SQL text with numbered placeholders
//! and the values bound to them, run the same way on both backends.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use crate::time;

/// A value bound to a filter's placeholder.
pub(crate) enum Bind {
    Uuid(Uuid),
    Text(String),
    Time(DateTime<Utc>),
    Date(NaiveDate),
}

/// The SQL condition of a filter with its binds, numbered from `$1`.
pub(crate) struct Condition {
    pub sql: String,
    pub binds: Vec<Bind>,
}

impl Condition {
    /// Starts with `sql`, whose only placeholder is `$1`, bound to `first`.
    pub fn new(sql: &str, first: Bind) -> Condition {
        Condition {
            sql: sql.to_string(),
            binds: vec![first],
        }
    }

    /// Adds a bind and returns its placeholder.
    pub fn push(&mut self, bind: Bind) -> String {
        self.binds.push(bind);
        format!("${}", self.binds.len())
    }

    /// Adds a clause that must hold as well.
    pub fn and(&mut self, clause: &str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(clause);
    }

    /// Adds `column IN (…)` for `values`, or a clause that never holds when there are none.
    pub fn and_in(&mut self, column: &str, values: impl IntoIterator<Item = String>) {
        let placeholders: Vec<String> = values
            .into_iter()
            .map(|value| self.push(Bind::Text(value)))
            .collect();
        if placeholders.is_empty() {
            self.and("1 = 0");
        } else {
            self.and(&format!("{column} IN ({})", placeholders.join(", ")));
        }
    }
}

/// Runs `$sql` with the binds of `$condition` and fetches `$output` rows with `$fetch`.
macro_rules! filtered {
    ($tx:expr, $sql:expr, $condition:expr, $fetch:ident, $output:ty) => {
        $crate::on_conn!($tx, conn => {
            let mut query = sqlx::query_as::<_, $output>(sqlx::AssertSqlSafe($sql));
            for bind in &$condition.binds {
                query = match bind {
                    $crate::sql_filter::Bind::Uuid(value) => query.bind(*value),
                    $crate::sql_filter::Bind::Text(value) => query.bind(value.clone()),
                    $crate::sql_filter::Bind::Time(value) => query.bind(*value),
                    $crate::sql_filter::Bind::Date(value) => query.bind(*value),
                };
            }
            query.$fetch(conn).await
        })
    };
}
pub(crate) use filtered;

/// Escapes the wildcards of LIKE (`%`, `_`) and the escape character itself.
pub(crate) fn escape_like(word: &str) -> String {
    let mut escaped = String::with_capacity(word.len());
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Midnight at the start of `date` in the zone, in UTC.
pub(crate) fn start_of_day(date: NaiveDate, zone: &str) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    time::zone(zone)
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |local| local.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like("100%_a\\b"), "100\\%\\_a\\\\b");
    }

    #[test]
    fn day_starts_in_the_persons_zone() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(
            start_of_day(date, "Asia/Yekaterinburg").to_rfc3339(),
            "2026-12-03T19:00:00+00:00"
        );
        assert_eq!(
            start_of_day(date, "Europe/Kaliningrad").to_rfc3339(),
            "2026-12-03T22:00:00+00:00"
        );
    }

    #[test]
    fn empty_in_list_matches_nothing() {
        let mut condition = Condition::new("user_id = $1", Bind::Uuid(Uuid::nil()));
        condition.and_in("service_code", Vec::new());
        condition.and_in("status", ["a".to_string(), "b".to_string()]);
        assert_eq!(
            condition.sql,
            "user_id = $1 AND 1 = 0 AND status IN ($2, $3)"
        );
        assert_eq!(condition.binds.len(), 3);
    }
}
