//! The filter of the action journal, shared by the page, its server function and the
//! export routes, so that a filter in a URL means the same everywhere.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::HistoryStatus;
use crate::query::{QueryError, check_period, parse_date, parse_page, query_string};

/// Group of journal entries that a person filters by ("тип операции").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryCategory {
    /// Applications submitted and their status changes.
    Application,
    /// Documents attached to applications.
    Document,
    /// Registration and changes of personal data.
    Profile,
    /// Sign-in and sign-out.
    SignIn,
    /// Account security: sessions, lockouts, recovery.
    Security,
    /// Confirmations with a one-time code.
    Confirmation,
    /// Applications withdrawn and other cancellations.
    Cancellation,
    /// Requests to support.
    Support,
}

impl HistoryCategory {
    pub const ALL: [HistoryCategory; 8] = [
        HistoryCategory::Application,
        HistoryCategory::Document,
        HistoryCategory::Profile,
        HistoryCategory::SignIn,
        HistoryCategory::Security,
        HistoryCategory::Confirmation,
        HistoryCategory::Cancellation,
        HistoryCategory::Support,
    ];

    pub fn code(self) -> &'static str {
        match self {
            HistoryCategory::Application => "application",
            HistoryCategory::Document => "document",
            HistoryCategory::Profile => "profile",
            HistoryCategory::SignIn => "sign_in",
            HistoryCategory::Security => "security",
            HistoryCategory::Confirmation => "confirmation",
            HistoryCategory::Cancellation => "cancellation",
            HistoryCategory::Support => "support",
        }
    }

    pub fn parse(code: &str) -> Option<HistoryCategory> {
        HistoryCategory::ALL
            .into_iter()
            .find(|category| category.code() == code)
    }

    /// Translation key of the category's name, e.g. `history-category-sign-in`.
    pub fn message_key(self) -> String {
        format!("history-category-{}", self.code().replace('_', "-"))
    }
}

/// The journal filter as it travels in a URL query: `type`, `status`, `from`, `to` (dates
/// as `YYYY-MM-DD` or `DD.MM.YYYY`), `q` (words) and `page` (from 1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryQuery {
    #[serde(default, rename = "type")]
    pub category: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub page: String,
}

/// A checked filter. Unknown types and statuses are errors, not ignored, so a person
/// never sees an unfiltered list while believing it filtered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    pub category: Option<HistoryCategory>,
    pub status: Option<HistoryStatus>,
    /// First day shown, in the person's time zone.
    pub from: Option<NaiveDate>,
    /// Last day shown (inclusive), in the person's time zone.
    pub to: Option<NaiveDate>,
    /// Lower-cased words, each of which must occur in the entry.
    pub words: Vec<String>,
    /// The page, from 1.
    pub page: u32,
}

impl HistoryQuery {
    /// Checks every parameter; the errors name each invalid one.
    pub fn parse(&self) -> Result<HistoryFilter, Vec<QueryError>> {
        let mut errors = Vec::new();
        let category = match self.category.trim() {
            "" => None,
            code => HistoryCategory::parse(code).or_else(|| {
                errors.push(QueryError::new("type", "error-history-type"));
                None
            }),
        };
        let status = match self.status.trim() {
            "" => None,
            code => HistoryStatus::parse(code).or_else(|| {
                errors.push(QueryError::new("status", "error-history-status"));
                None
            }),
        };
        let from = parse_date(&self.from, "from", &mut errors);
        let to = parse_date(&self.to, "to", &mut errors);
        check_period(from, to, &mut errors);
        let page = parse_page(&self.page);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(HistoryFilter {
            category,
            status,
            from,
            to,
            words: crate::query::search_words(&self.q),
            page,
        })
    }

    /// Builds the query string of this filter without `page`, empty values left out, for links
    /// to other pages and to the exports.
    pub fn to_query_string(&self) -> String {
        query_string(&[
            ("type", &self.category),
            ("status", &self.status),
            ("from", &self.from),
            ("to", &self.to),
            ("q", &self.q),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HistoryQuery {
        let mut query = HistoryQuery::default();
        for (name, value) in pairs {
            let value = value.to_string();
            match *name {
                "type" => query.category = value,
                "status" => query.status = value,
                "from" => query.from = value,
                "to" => query.to = value,
                "q" => query.q = value,
                "page" => query.page = value,
                _ => panic!("unknown parameter {name}"),
            }
        }
        query
    }

    #[test]
    fn empty_query_is_first_unfiltered_page() {
        let filter = HistoryQuery::default().parse().unwrap();
        assert_eq!(
            filter,
            HistoryFilter {
                page: 1,
                ..HistoryFilter::default()
            }
        );
    }

    #[test]
    fn typed_and_calendar_dates_are_accepted() {
        let filter = query(&[("from", "04.12.2026"), ("to", "2026-12-31")])
            .parse()
            .unwrap();
        assert_eq!(filter.from, NaiveDate::from_ymd_opt(2026, 12, 4));
        assert_eq!(filter.to, NaiveDate::from_ymd_opt(2026, 12, 31));
    }

    #[test]
    fn invalid_parameters_are_each_named() {
        let errors = query(&[
            ("type", "payments"),
            ("status", "done"),
            ("from", "31.02.2026"),
            ("to", "yesterday"),
        ])
        .parse()
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(fields, ["type", "status", "from", "to"]);
        assert_eq!(errors[0].key, "error-history-type");
        assert_eq!(errors[2].key, "error-date-format");
    }

    #[test]
    fn period_ending_before_it_starts_is_rejected() {
        let errors = query(&[("from", "05.12.2026"), ("to", "04.12.2026")])
            .parse()
            .unwrap_err();
        assert_eq!(errors, [QueryError::new("to", "error-period")]);
        let same_day = query(&[("from", "04.12.2026"), ("to", "04.12.2026")]).parse();
        assert!(same_day.is_ok());
    }

    #[test]
    fn query_string_keeps_filter_and_encodes_values() {
        let text = query(&[
            ("type", "application"),
            ("q", "№ 482 & ok"),
            ("from", "04.12.2026"),
            ("page", "3"),
        ])
        .to_query_string();
        assert_eq!(
            text,
            "type=application&from=04.12.2026&q=%E2%84%96%20482%20%26%20ok"
        );
    }
}
