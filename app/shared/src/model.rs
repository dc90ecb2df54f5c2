//! What the server sends to pages: roles, statuses and the views of accounts,
//! applications, notifications and the action journal.
//!
//! Times are already in the person's time zone (`DateTime<FixedOffset>`), so the browser
//! shows them without a time-zone database.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A person's role in the portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Citizen,
    Official,
    Support,
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Official => "official",
            Role::Support => "support",
            Role::Admin => "admin",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        match code {
            "citizen" => Some(Role::Citizen),
            "official" => Some(Role::Official),
            "support" => Some(Role::Support),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// Where an application is in its processing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Отправлено: received, not yet taken by an official.
    Submitted,
    /// В работе.
    InProgress,
    /// Требуется действие: the official waits for the citizen.
    ActionRequired,
    /// Исполнено.
    Completed,
    /// Отказано.
    Refused,
    /// Отозвано by the citizen.
    Withdrawn,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 6] = [
        ApplicationStatus::Submitted,
        ApplicationStatus::InProgress,
        ApplicationStatus::ActionRequired,
        ApplicationStatus::Completed,
        ApplicationStatus::Refused,
        ApplicationStatus::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::InProgress => "in_progress",
            ApplicationStatus::ActionRequired => "action_required",
            ApplicationStatus::Completed => "completed",
            ApplicationStatus::Refused => "refused",
            ApplicationStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<ApplicationStatus> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    /// The translation key of the status name.
    pub fn message_key(self) -> String {
        format!("status-{}", self.code().replace('_', "-"))
    }

    /// Whether processing has ended.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Completed
                | ApplicationStatus::Refused
                | ApplicationStatus::Withdrawn
        )
    }

    /// Statuses an official may set from this one. Taking an application moves it to
    /// "in progress"; a decision needs the application to be in progress first.
    pub fn official_targets(self) -> &'static [ApplicationStatus] {
        use ApplicationStatus::*;
        match self {
            Submitted => &[InProgress],
            InProgress => &[ActionRequired, Completed, Refused],
            ActionRequired => &[InProgress, Completed, Refused],
            Completed | Refused | Withdrawn => &[],
        }
    }

    /// Whether a comment must explain the change.
    pub fn needs_comment(self) -> bool {
        matches!(
            self,
            ApplicationStatus::ActionRequired | ApplicationStatus::Refused
        )
    }
}

/// The signed-in person as every page sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: Uuid,
    pub role: Role,
    /// Given name and patronymic, as people are addressed in Russian.
    pub display_name: String,
    pub unread_notifications: u32,
}

/// The profile as its owner sees and edits it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub snils: Option<String>,
    pub inn: Option<String>,
}

/// A service in the catalogue list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub code: String,
    pub title: String,
    pub summary: String,
    pub category_key: String,
    pub department: String,
    pub processing_days: u32,
}

/// An application in the citizen's list or an official's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub id: Uuid,
    /// The number as people read it, e.g. `482-157-3096`.
    pub number: String,
    pub service_title: String,
    pub status: ApplicationStatus,
    pub submitted_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    /// The applicant's full name; filled for staff views only.
    pub applicant: Option<String>,
    /// The official who took the application, for staff views.
    pub assignee: Option<String>,
}

/// One answer of an application, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    pub label: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentView {
    pub id: Uuid,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
}

/// One line of an application's status history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub at: DateTime<FixedOffset>,
    pub status: ApplicationStatus,
    /// Who made the change: the official's name and department, or `None` for the applicant.
    pub actor: Option<String>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDetail {
    pub summary: ApplicationSummary,
    pub department: String,
    pub answers: Vec<AnswerView>,
    pub documents: Vec<DocumentView>,
    pub history: Vec<StatusChange>,
    /// Statuses the viewing official may set now; empty for citizens.
    pub allowed_statuses: Vec<ApplicationStatus>,
    /// Whether the viewing official may take the application.
    pub can_take: bool,
}

/// A message of the in-app message centre.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: Uuid,
    pub at: DateTime<FixedOffset>,
    /// Translation key of the text, e.g. `notification-status-changed`.
    pub key: String,
    pub args: BTreeMap<String, String>,
    pub application_id: Option<Uuid>,
    pub read: bool,
}

/// An entry of the action journal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryView {
    pub id: Uuid,
    pub at: DateTime<FixedOffset>,
    /// Translation key of what happened, e.g. `history-sign-in`.
    pub key: String,
    pub status: HistoryStatus,
    pub args: BTreeMap<String, String>,
    pub application_id: Option<Uuid>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryStatus {
    Succeeded,
    Failed,
    InProgress,
}

impl HistoryStatus {
    pub fn code(self) -> &'static str {
        match self {
            HistoryStatus::Succeeded => "succeeded",
            HistoryStatus::Failed => "failed",
            HistoryStatus::InProgress => "in_progress",
        }
    }

    pub fn parse(code: &str) -> Option<HistoryStatus> {
        match code {
            "succeeded" => Some(HistoryStatus::Succeeded),
            "failed" => Some(HistoryStatus::Failed),
            "in_progress" => Some(HistoryStatus::InProgress),
            _ => None,
        }
    }
}

/// A message in the development outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub at: DateTime<FixedOffset>,
    pub channel: String,
    pub recipient: String,
    pub body: String,
}

/// A staged file shown on a form that was sent back with errors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StagedFile {
    pub id: Uuid,
    pub document_code: String,
    pub file_name: String,
    pub size: u64,
}
