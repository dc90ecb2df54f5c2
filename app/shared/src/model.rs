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
    /// Seconds without a request after which the session ends.
    pub session_idle_seconds: u32,
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
    /// Surnames and names the person had before, as typed.
    pub former_names: Option<String>,
    pub sex: Option<Sex>,
    pub birth_place: Option<String>,
    pub citizenship: Option<String>,
    /// `@username`.
    pub telegram: Option<String>,
    pub documents: Documents,
    pub addresses: Addresses,
    /// A new e-mail address waiting for its owner to open the link sent to it.
    pub pending_email: Option<String>,
    /// The latest passport sent for checking, with its outcome.
    pub passport_review: Option<ReviewState>,
    /// The latest SNILS sent for checking, with its outcome.
    pub snils_review: Option<ReviewState>,
}

/// A document sent for an operator to check against its scan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum ReviewedDocument {
    Passport(PassportDetails),
    /// The 11 digits.
    Snils(String),
}

impl ReviewedDocument {
    /// Returns the stored kind: `passport` or `snils`.
    pub fn kind(&self) -> &'static str {
        match self {
            ReviewedDocument::Passport(_) => "passport",
            ReviewedDocument::Snils(_) => "snils",
        }
    }

    /// Returns the number as printed on the document.
    pub fn number(&self) -> String {
        match self {
            ReviewedDocument::Passport(passport) => passport.display_number(),
            ReviewedDocument::Snils(digits) => crate::validate::snils::format(digits),
        }
    }
}

/// The state of a document sent for checking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Pending,
    Approved,
    Rejected,
    /// A newer submission took its place before a decision.
    Replaced,
}

impl ReviewStatus {
    pub fn code(self) -> &'static str {
        match self {
            ReviewStatus::Pending => "pending",
            ReviewStatus::Approved => "approved",
            ReviewStatus::Rejected => "rejected",
            ReviewStatus::Replaced => "replaced",
        }
    }

    pub fn parse(code: &str) -> Option<ReviewStatus> {
        [
            ReviewStatus::Pending,
            ReviewStatus::Approved,
            ReviewStatus::Rejected,
            ReviewStatus::Replaced,
        ]
        .into_iter()
        .find(|status| status.code() == code)
    }
}

/// A document sent for checking, as its owner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewState {
    pub status: ReviewStatus,
    pub submitted_at: DateTime<FixedOffset>,
    pub decided_at: Option<DateTime<FixedOffset>>,
    /// The operator's reason for a rejection.
    pub reason: Option<String>,
    pub document: ReviewedDocument,
}

/// A document in the operators' queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSummary {
    pub id: Uuid,
    /// `passport` or `snils`.
    pub kind: String,
    /// The owner's full name.
    pub applicant: String,
    pub submitted_at: DateTime<FixedOffset>,
}

/// A document under checking as the operator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDetail {
    pub id: Uuid,
    pub applicant: String,
    pub birth_date: Option<NaiveDate>,
    pub status: ReviewStatus,
    pub submitted_at: DateTime<FixedOffset>,
    pub submitted: ReviewedDocument,
    /// The document of the same kind in the profile now, if any.
    pub current: Option<ReviewedDocument>,
    pub scan_type: String,
}

/// Sex as written in the passport.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Sex::Male, Sex::Female];

    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    pub fn parse(code: &str) -> Option<Sex> {
        Sex::ALL.into_iter().find(|sex| sex.code() == code)
    }
}

/// Identity documents other than SNILS and INN. Stored encrypted as one value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Documents {
    pub passport: Option<PassportDetails>,
    pub driving_licence: Option<DrivingLicence>,
    pub foreign_passport: Option<ForeignPassport>,
}

/// The internal passport of a citizen of Russia.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportDetails {
    /// Four digits.
    pub series: String,
    /// Six digits.
    pub number: String,
    pub issue_date: NaiveDate,
    pub issued_by: String,
    /// `NNN-NNN`.
    pub subdivision_code: String,
}

impl PassportDetails {
    /// Series and number as printed: `45 10 123456`.
    pub fn display_number(&self) -> String {
        format!(
            "{} {} {}",
            &self.series[..2],
            &self.series[2..],
            self.number
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrivingLicence {
    /// `NN XX NNNNNN`.
    pub number: String,
    pub issue_date: NaiveDate,
    pub expiry_date: NaiveDate,
}

/// The passport for travel abroad.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignPassport {
    /// `NN NNNNNNN`.
    pub number: String,
    pub issue_date: NaiveDate,
    pub expiry_date: NaiveDate,
    pub issued_by: String,
}

/// The registration and residence addresses, stored encrypted as one value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addresses {
    pub registration: Option<Address>,
    /// The person lives at the registration address; `residence` is then empty.
    pub residence_same: bool,
    pub residence: Option<Address>,
}

impl Addresses {
    /// Returns the address where the person actually lives.
    pub fn actual_residence(&self) -> Option<&Address> {
        if self.residence_same {
            self.registration.as_ref()
        } else {
            self.residence.as_ref()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Six digits.
    pub postcode: String,
    /// Region, locality, street, house and flat, as typed.
    pub text: String,
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
    /// The last working day of the processing deadline; `None` once decided.
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    /// Working days left until the deadline, negative when it has passed.
    #[serde(default)]
    pub days_left: Option<i64>,
}

/// The citizen's start page: applications in three groups, each with its full count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub total: u64,
    /// "Требуется действие", the longest waiting first.
    pub action_required: Vec<ApplicationSummary>,
    pub action_required_total: u64,
    /// Submitted or in progress, the latest changed first.
    pub in_progress: Vec<ApplicationSummary>,
    pub in_progress_total: u64,
    /// Decided or withdrawn, the latest changed first.
    pub results: Vec<ApplicationSummary>,
    pub results_total: u64,
}

/// One page of the citizen's filtered applications, with the count of all that match.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationPage {
    pub applications: Vec<ApplicationSummary>,
    pub total: u64,
    /// The page shown, from 1.
    pub page: u32,
    /// At least 1, so an empty list is page 1 of 1.
    pub pages: u32,
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
    #[serde(default)]
    pub step: HistoryStep,
    /// The ground of a refusal from the list, in the viewer's language.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Kind of step a line of an application's history records besides its status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum HistoryStep {
    /// A change of status.
    #[default]
    Status,
    /// The official gave the application back to the department's queue.
    Returned,
    /// The application was handed to the official named.
    Reassigned(String),
    /// The applicant corrected the answers and sent the application back.
    Corrected,
}

/// One correction of an application's answers by its applicant: what each changed
/// answer was before and is after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerCorrection {
    /// The number of the answers' version it made; the submitted answers are version 1.
    pub version: u32,
    pub at: DateTime<FixedOffset>,
    pub changes: Vec<AnswerChange>,
}

/// A changed answer: the question and the answer before and after, as people read them.
/// An answer that was or became empty is `None`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerChange {
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// An official of the viewer's department, to whom an application can be handed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Colleague {
    pub id: Uuid,
    pub name: String,
}

/// A ground for refusal as the official chooses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonOption {
    pub code: String,
    pub title: String,
}

/// One page of the officials' queue with what its forms offer: the colleagues to hand
/// applications to and whether the viewer heads the department. An invalid filter gives
/// its errors and no page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueListing {
    pub page: Option<ApplicationPage>,
    pub errors: Vec<crate::query::QueryError>,
    pub colleagues: Vec<Colleague>,
    pub is_head: bool,
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
    /// Whether the viewing applicant may withdraw the application: it is theirs and not
    /// yet decided.
    #[serde(default)]
    pub can_withdraw: bool,
    /// The messages between the applicant and the official, oldest first.
    #[serde(default)]
    pub messages: Vec<ThreadMessage>,
    /// Whether the viewer may write in the thread: the applicant or the official who took
    /// the application, until it is decided.
    #[serde(default)]
    pub can_post: bool,
    /// Answers the applicant may keep in their profile; empty for anyone else.
    #[serde(default)]
    pub profile_offers: Vec<ProfileOffer>,
    /// Whether the viewing official may give the application back to the queue.
    #[serde(default)]
    pub can_return: bool,
    /// The colleagues the viewing official may hand the application to; empty when they
    /// may not.
    #[serde(default)]
    pub colleagues: Vec<Colleague>,
    /// The grounds for refusal, when the viewing official may refuse.
    #[serde(default)]
    pub refusal_reasons: Vec<ReasonOption>,
    /// Whether the viewing applicant may correct the answers: the official asked for
    /// action.
    #[serde(default)]
    pub can_correct: bool,
    /// The applicant's corrections of the answers, oldest first.
    #[serde(default)]
    pub corrections: Vec<AnswerCorrection>,
    /// The other applications made by the same form, one per item of its group, in the
    /// order of the items.
    #[serde(default)]
    pub batch: Vec<BatchApplication>,
}

/// An application made by the same form as another, for another item of its group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchApplication {
    pub id: Uuid,
    pub number: String,
}

/// A decision document of one of the citizen's applications.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultDocument {
    pub application_id: Uuid,
    pub number: String,
    pub service_title: String,
    pub document_id: Uuid,
    pub file_name: String,
    pub issued_at: DateTime<FixedOffset>,
}

/// A message in an application's thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadMessage {
    pub id: Uuid,
    pub at: DateTime<FixedOffset>,
    pub from_applicant: bool,
    /// The official's name and department; `None` for the applicant.
    pub author: Option<String>,
    pub body: String,
    pub files: Vec<DocumentView>,
}

/// An answer of an application that the profile lacks or contains differently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileOffer {
    /// The form name of the application's field.
    pub field: String,
    pub label: String,
    /// The answer as the application page shows it.
    pub value: String,
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
    /// The operation id, shown to the person and quoted to support.
    pub id: Uuid,
    pub at: DateTime<FixedOffset>,
    /// Translation key of what happened, e.g. `history-sign-in`.
    pub key: String,
    pub status: HistoryStatus,
    pub args: BTreeMap<String, String>,
    pub application_id: Option<Uuid>,
    pub category: crate::history::HistoryCategory,
    /// What happened, in the language of the request.
    pub text: String,
    /// Title of the related service in the language of the request.
    pub service: Option<String>,
    /// Number of the related application as people write it, e.g. `482-157-3098`.
    pub application_number: Option<String>,
    /// The official's comment.
    pub comment: Option<String>,
    pub attachments: Vec<HistoryAttachment>,
    /// Whether an official (not the person) acted.
    pub by_official: bool,
}

/// A file attached to an application, named in a journal entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryAttachment {
    pub document_id: Uuid,
    pub file_name: String,
}

/// One page of the filtered journal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub entries: Vec<HistoryView>,
    /// Entries that match the filter, on all pages.
    pub total: u64,
    /// The page shown, from 1.
    pub page: u32,
    /// Number of pages, at least 1.
    pub pages: u32,
}

/// An entry with its place in the person's hash chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryDetail {
    pub entry: HistoryView,
    /// Position in the person's chain, from 1.
    pub seq: i64,
    /// SHA-256 of the entry and the hash before it, in lowercase hex.
    pub hash: String,
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

/// A saved draft of an application form, as the list of drafts shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    /// The request key of the form filling, which also opens the draft again.
    pub request_key: String,
    pub service_code: String,
    pub service_title: String,
    pub updated_at: DateTime<FixedOffset>,
    /// How many answers are filled in.
    pub answers: u32,
    /// How many files are attached.
    pub files: u32,
}

/// A saved template of an application, as the list of templates shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub id: Uuid,
    /// The name the person gave it.
    pub name: String,
    pub service_code: String,
    pub service_title: String,
    pub created_at: DateTime<FixedOffset>,
    /// How many answers it fills in.
    pub answers: u32,
}

/// A staged file shown on a form that was sent back with errors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StagedFile {
    pub id: Uuid,
    pub document_code: String,
    pub file_name: String,
    pub size: u64,
}

/// How a sign-in attempt ended, as the login journal shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignInResult {
    Succeeded,
    WrongPassword,
    /// The account was locked, so the password was not accepted.
    Locked,
    /// Too many failed attempts from the client's address.
    Throttled,
    /// The address is outside the networks the account allows.
    NetworkDenied,
    /// The password was right but the second factor's code was wrong.
    WrongCode,
}

impl SignInResult {
    pub const ALL: [SignInResult; 6] = [
        SignInResult::Succeeded,
        SignInResult::WrongPassword,
        SignInResult::Locked,
        SignInResult::Throttled,
        SignInResult::NetworkDenied,
        SignInResult::WrongCode,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SignInResult::Succeeded => "succeeded",
            SignInResult::WrongPassword => "wrong_password",
            SignInResult::Locked => "locked",
            SignInResult::Throttled => "throttled",
            SignInResult::NetworkDenied => "network_denied",
            SignInResult::WrongCode => "wrong_code",
        }
    }

    pub fn parse(code: &str) -> Option<SignInResult> {
        SignInResult::ALL
            .into_iter()
            .find(|result| result.code() == code)
    }

    /// Translation key of the result's name, e.g. `sign-in-result-wrong-password`.
    pub fn message_key(self) -> String {
        format!("sign-in-result-{}", self.code().replace('_', "-"))
    }
}

/// Where a request came from, as far as the address tells without a location database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// This computer or a private network (loopback, RFC 1918, unique local).
    Local,
    /// A public network, shown as its /24 (IPv4) or /48 (IPv6) prefix.
    Network(String),
    Unknown,
}

/// An active session of the signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: Uuid,
    /// Browser and operating system, e.g. "Firefox, Linux"; empty when unknown.
    pub device: String,
    pub place: Place,
    pub started_at: DateTime<FixedOffset>,
    pub last_seen_at: DateTime<FixedOffset>,
    /// The session of the page being viewed.
    pub current: bool,
}

/// A line of the login journal ("Журнал входов").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInAttemptView {
    pub id: Uuid,
    pub at: DateTime<FixedOffset>,
    pub result: SignInResult,
    pub device: String,
    pub place: Place,
    /// The address as recorded, shown to the owner only.
    pub address: Option<String>,
    /// When the owner marked the sign-in as not theirs.
    pub disowned: bool,
}

/// A network the account may (`allow`) or may not sign in from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkRuleView {
    pub id: Uuid,
    pub allow: bool,
    pub cidr: String,
}

/// A kind of second factor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorKind {
    /// An authenticator app (TOTP, RFC 6238).
    Totp,
    /// A code by SMS to the account's phone.
    Sms,
    /// A code by e-mail to the account's address.
    Email,
    /// A passkey (WebAuthn): a key pair kept by the device, unlocked by its owner.
    Passkey,
}

impl FactorKind {
    pub fn code(self) -> &'static str {
        match self {
            FactorKind::Totp => "totp",
            FactorKind::Sms => "sms",
            FactorKind::Email => "email",
            FactorKind::Passkey => "passkey",
        }
    }

    pub fn parse(code: &str) -> Option<FactorKind> {
        [
            FactorKind::Totp,
            FactorKind::Sms,
            FactorKind::Email,
            FactorKind::Passkey,
        ]
        .into_iter()
        .find(|kind| kind.code() == code)
    }

    /// Translation key of the kind's name, e.g. `factor-kind-totp`.
    pub fn message_key(self) -> String {
        format!("factor-kind-{}", self.code())
    }

    /// Whether a code has to be sent before it can be typed.
    pub fn sends_code(self) -> bool {
        matches!(self, FactorKind::Sms | FactorKind::Email)
    }
}

/// A confirmed second factor of the signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorView {
    pub id: Uuid,
    pub kind: FactorKind,
    /// The device a passkey was made on, e.g. "Chrome, Linux"; empty for other kinds.
    pub label: Option<String>,
    pub is_default: bool,
    pub added_at: DateTime<FixedOffset>,
    pub last_used_at: Option<DateTime<FixedOffset>>,
}

/// An authenticator app being added: the key to scan or type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    pub factor_id: Uuid,
    /// The key in base32, in groups of four for typing.
    pub key: String,
    /// The `otpauth://` address as a QR code, an SVG document.
    pub qr_svg: String,
}

/// A device on which the person chose "remember this device".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedDeviceView {
    pub id: Uuid,
    pub device: String,
    pub added_at: DateTime<FixedOffset>,
    pub expires_at: DateTime<FixedOffset>,
}

/// Everything the second-factor page shows about the signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorsOverview {
    pub factors: Vec<FactorView>,
    pub backup_codes_left: u32,
    pub trusted_devices: Vec<TrustedDeviceView>,
    /// Whether the account has an e-mail address, which the e-mail factor needs.
    pub has_email: bool,
    /// Whether passkeys can be added: the portal's address must be a domain name.
    pub passkeys_available: bool,
}

/// The second step of a sign-in, as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeView {
    pub factors: Vec<FactorView>,
    pub backup_codes: bool,
}

/// One access by staff to the person's data, for "Кто просматривал мои данные".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataAccessView {
    pub at: DateTime<FixedOffset>,
    /// The role of the member of staff; their name is not shown.
    pub role: Role,
    /// Their department in the language of the request.
    pub department: Option<String>,
    /// The audit action, e.g. `application_viewed`; its text is `access-reason-<action>`.
    pub action: String,
    pub application_id: Option<Uuid>,
    /// The application number as people write it.
    pub application_number: Option<String>,
}

/// The latest version of a service as the administrators' constructor lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceVersionSummary {
    pub code: String,
    pub title: String,
    pub version: i32,
    pub published_at: DateTime<FixedOffset>,
    /// The name of the administrator who published the version, or `None` when the
    /// bundled catalogue file did.
    pub published_by: Option<String>,
}
