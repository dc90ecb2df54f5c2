//! The filters of "Мои заявления" and of the officials' queue as they travel in a URL
//! query, shared by the pages and their server functions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::ApplicationStatus;
use crate::query::{QueryError, check_period, parse_date, parse_page, query_string, search_words};
use crate::service::Category;

/// Applications on one page of the list.
pub const PAGE_SIZE: u32 = 20;

/// The order of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationSort {
    /// Newest submitted first.
    #[default]
    Newest,
    /// Oldest submitted first.
    Oldest,
    /// Most recently changed first.
    Updated,
}

impl ApplicationSort {
    pub const ALL: [ApplicationSort; 3] = [
        ApplicationSort::Newest,
        ApplicationSort::Oldest,
        ApplicationSort::Updated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ApplicationSort::Newest => "newest",
            ApplicationSort::Oldest => "oldest",
            ApplicationSort::Updated => "updated",
        }
    }

    pub fn parse(code: &str) -> Option<ApplicationSort> {
        Self::ALL.into_iter().find(|sort| sort.code() == code)
    }

    /// The translation key of the order's name.
    pub fn message_key(self) -> String {
        format!("applications-sort-{}", self.code())
    }
}

/// The filter as typed: `q` (a number or words), `status`, `service` (a service code),
/// `category`, `from` and `to` (submission dates), `sort` and `page` (from 1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub page: String,
}

/// A checked filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApplicationFilter {
    /// Digits of an application number, whole or in part, when the search is a number.
    pub number: Option<String>,
    /// Lower-cased words matched against the service's title, when the search is words.
    pub words: Vec<String>,
    pub status: Option<ApplicationStatus>,
    pub service: Option<String>,
    pub category: Option<Category>,
    /// First day of submission shown, in the person's time zone.
    pub from: Option<NaiveDate>,
    /// Last day of submission shown (inclusive), in the person's time zone.
    pub to: Option<NaiveDate>,
    pub sort: ApplicationSort,
    pub page: u32,
}

/// Returns the digits of `text` when it reads as an application number or a part of one:
/// at least three digits, with only spaces, hyphens and a leading "№" besides.
fn number_digits(text: &str) -> Option<String> {
    let text = text.trim().trim_start_matches('№').trim();
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
    {
        return None;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 3 && digits.len() <= 10).then_some(digits)
}

impl ApplicationQuery {
    /// Checks every parameter; the errors name each invalid one.
    pub fn parse(&self) -> Result<ApplicationFilter, Vec<QueryError>> {
        let mut errors = Vec::new();
        let status = match self.status.trim() {
            "" => None,
            code => ApplicationStatus::parse(code).or_else(|| {
                errors.push(QueryError::new("status", "error-applications-status"));
                None
            }),
        };
        let service = match self.service.trim() {
            "" => None,
            code if code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') =>
            {
                Some(code.to_string())
            }
            _ => {
                errors.push(QueryError::new("service", "error-applications-service"));
                None
            }
        };
        let category = match self.category.trim() {
            "" => None,
            code => Category::parse(code).or_else(|| {
                errors.push(QueryError::new("category", "error-category"));
                None
            }),
        };
        let from = parse_date(&self.from, "from", &mut errors);
        let to = parse_date(&self.to, "to", &mut errors);
        check_period(from, to, &mut errors);
        let sort = match self.sort.trim() {
            "" => ApplicationSort::default(),
            code => ApplicationSort::parse(code).unwrap_or_else(|| {
                errors.push(QueryError::new("sort", "error-applications-sort"));
                ApplicationSort::default()
            }),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let number = number_digits(&self.q);
        Ok(ApplicationFilter {
            words: if number.is_some() {
                Vec::new()
            } else {
                search_words(&self.q)
            },
            number,
            status,
            service,
            category,
            from,
            to,
            sort,
            page: parse_page(&self.page),
        })
    }

    /// Builds the query string of this filter without `page`, for links to other pages.
    pub fn to_query_string(&self) -> String {
        query_string(&[
            ("q", &self.q),
            ("status", &self.status),
            ("service", &self.service),
            ("category", &self.category),
            ("from", &self.from),
            ("to", &self.to),
            ("sort", &self.sort),
        ])
    }

    /// Whether any filter is set, so the page can tell "nothing found" from "no applications yet".
    pub fn is_filtered(&self) -> bool {
        [
            &self.q,
            &self.status,
            &self.service,
            &self.category,
            &self.from,
            &self.to,
        ]
        .iter()
        .any(|value| !value.trim().is_empty())
    }
}

/// Applications on one page of the officials' queue.
pub const QUEUE_PAGE_SIZE: u32 = 50;

/// Whose applications the queue shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueAssignee {
    /// Every application of the department.
    #[default]
    Anyone,
    /// Those the viewing official has taken.
    Mine,
    /// Those nobody has taken yet.
    Nobody,
}

impl QueueAssignee {
    pub const ALL: [QueueAssignee; 3] = [
        QueueAssignee::Anyone,
        QueueAssignee::Mine,
        QueueAssignee::Nobody,
    ];

    /// The value in the URL; the default is the empty one.
    pub fn code(self) -> &'static str {
        match self {
            QueueAssignee::Anyone => "",
            QueueAssignee::Mine => "mine",
            QueueAssignee::Nobody => "nobody",
        }
    }

    pub fn parse(code: &str) -> Option<QueueAssignee> {
        Self::ALL
            .into_iter()
            .find(|assignee| assignee.code() == code)
    }

    /// The translation key of the choice's name.
    pub fn message_key(self) -> &'static str {
        match self {
            QueueAssignee::Anyone => "queue-assignee-anyone",
            QueueAssignee::Mine => "queue-assignee-mine",
            QueueAssignee::Nobody => "queue-assignee-nobody",
        }
    }
}

/// The queue's filter as typed: `status` (empty for every undecided one), `overdue`
/// (any value keeps the overdue ones), `assignee` and `page` (from 1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub overdue: String,
    #[serde(default)]
    pub assignee: String,
    #[serde(default)]
    pub page: String,
}

/// A checked queue filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub status: Option<ApplicationStatus>,
    /// Only the applications past their deadline.
    pub overdue: bool,
    pub assignee: QueueAssignee,
    pub page: u32,
}

impl QueueQuery {
    /// Checks every parameter; the errors name each invalid one.
    pub fn parse(&self) -> Result<QueueFilter, Vec<QueryError>> {
        let mut errors = Vec::new();
        let status = match self.status.trim() {
            "" => None,
            code => ApplicationStatus::parse(code).or_else(|| {
                errors.push(QueryError::new("status", "error-applications-status"));
                None
            }),
        };
        let assignee = QueueAssignee::parse(self.assignee.trim()).unwrap_or_else(|| {
            errors.push(QueryError::new("assignee", "error-choice"));
            QueueAssignee::default()
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(QueueFilter {
            status,
            overdue: !self.overdue.trim().is_empty(),
            assignee,
            page: parse_page(&self.page),
        })
    }

    /// Builds the query string of this filter without `page`, for links to other pages.
    pub fn to_query_string(&self) -> String {
        query_string(&[
            ("status", &self.status),
            ("overdue", &self.overdue),
            ("assignee", &self.assignee),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(q: &str) -> ApplicationFilter {
        ApplicationQuery {
            q: q.into(),
            ..ApplicationQuery::default()
        }
        .parse()
        .unwrap()
    }

    #[test]
    fn queue_query_is_checked() {
        assert_eq!(
            QueueQuery::default().parse().unwrap(),
            QueueFilter {
                page: 1,
                ..QueueFilter::default()
            }
        );
        let filter = QueueQuery {
            status: "in_progress".into(),
            overdue: "1".into(),
            assignee: "mine".into(),
            page: "3".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(
            filter,
            QueueFilter {
                status: Some(ApplicationStatus::InProgress),
                overdue: true,
                assignee: QueueAssignee::Mine,
                page: 3,
            }
        );
        let errors = QueueQuery {
            status: "lost".into(),
            assignee: "everyone".into(),
            ..QueueQuery::default()
        }
        .parse()
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(fields, ["status", "assignee"]);
        assert_eq!(
            QueueQuery {
                status: "submitted".into(),
                assignee: "nobody".into(),
                page: "2".into(),
                ..QueueQuery::default()
            }
            .to_query_string(),
            "status=submitted&assignee=nobody"
        );
    }

    #[test]
    fn empty_query_is_newest_first_page() {
        let filter = ApplicationQuery::default().parse().unwrap();
        assert_eq!(
            filter,
            ApplicationFilter {
                page: 1,
                ..ApplicationFilter::default()
            }
        );
        assert_eq!(filter.sort, ApplicationSort::Newest);
    }

    #[test]
    fn number_is_read_in_any_format() {
        for typed in [
            "482-157-3096",
            "№ 482 157 3096",
            "4821573096",
            " №4821573096 ",
        ] {
            let filter = search(typed);
            assert_eq!(filter.number.as_deref(), Some("4821573096"), "{typed}");
            assert!(filter.words.is_empty(), "{typed}");
        }
        assert_eq!(search("157-30").number.as_deref(), Some("15730"));
    }

    #[test]
    fn short_or_mixed_text_is_words() {
        let filter = search("12");
        assert_eq!(filter.number, None);
        assert_eq!(filter.words, ["12"]);
        let filter = search("паспорт 45");
        assert_eq!(filter.number, None);
        assert_eq!(filter.words, ["паспорт", "45"]);
        assert_eq!(search("12345678901").number, None);
    }

    #[test]
    fn invalid_parameters_are_each_named() {
        let errors = ApplicationQuery {
            status: "done".into(),
            service: "../etc".into(),
            category: "lottery".into(),
            from: "31.02.2026".into(),
            sort: "random".into(),
            ..ApplicationQuery::default()
        }
        .parse()
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(fields, ["status", "service", "category", "from", "sort"]);
        assert_eq!(errors[0].key, "error-applications-status");
        assert_eq!(errors[1].key, "error-applications-service");
        assert_eq!(errors[2].key, "error-category");
        assert_eq!(errors[3].key, "error-date-format");
        assert_eq!(errors[4].key, "error-applications-sort");
    }

    #[test]
    fn every_parameter_is_read() {
        let filter = ApplicationQuery {
            q: "паспорт".into(),
            status: "in_progress".into(),
            service: "passport-replacement".into(),
            category: "passports_registration".into(),
            from: "01.12.2026".into(),
            to: "2026-12-04".into(),
            sort: "updated".into(),
            page: "3".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(filter.status, Some(ApplicationStatus::InProgress));
        assert_eq!(filter.service.as_deref(), Some("passport-replacement"));
        assert_eq!(filter.category, Some(Category::PassportsRegistration));
        assert_eq!(filter.from, NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(filter.to, NaiveDate::from_ymd_opt(2026, 12, 4));
        assert_eq!(filter.sort, ApplicationSort::Updated);
        assert_eq!(filter.page, 3);
    }

    #[test]
    fn query_string_keeps_filter_without_page() {
        let query = ApplicationQuery {
            q: "№ 482".into(),
            status: "refused".into(),
            sort: "oldest".into(),
            page: "2".into(),
            ..ApplicationQuery::default()
        };
        assert_eq!(
            query.to_query_string(),
            "q=%E2%84%96%20482&status=refused&sort=oldest"
        );
        assert!(query.is_filtered());
        let sorted_only = ApplicationQuery {
            sort: "oldest".into(),
            ..ApplicationQuery::default()
        };
        assert!(!sorted_only.is_filtered());
    }
}
