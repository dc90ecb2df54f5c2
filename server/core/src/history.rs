//! The person's action journal ("История действий"): append-only entries, each chained by
//! a hash to the person's entry before it, kept for the retention period and then deleted
//! by the retention job.
//!
//! Entries are written only by [`record`], inside the transaction of the change they
//! describe. Nothing in the application updates or deletes them except the retention job
//! ([`retention`]) and the one-off chaining of entries written before the chain existed
//! ([`chain::chain_unchained`]); database triggers skip and report any other UPDATE or
//! DELETE.

pub mod chain;
pub mod csv;
pub mod pdf;
mod query;
pub mod retention;
mod text;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kabinet_shared::Locale;
use kabinet_shared::history::HistoryCategory;
use kabinet_shared::model::{HistoryAttachment, HistoryStatus};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::Tx;
use crate::error::Result;
use crate::{catalogue, execute, on_conn};

pub use query::{Cursor, PAGE_SIZE, hex};

/// Kind of a journal entry: what happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Registration,
    SignIn,
    SignOut,
    ProfileChange,
    ApplicationSubmitted,
    ApplicationStatusChanged,
    /// The applicant withdrew an application that was not yet decided.
    ApplicationWithdrawn,
    /// A message in an application's thread, from the applicant or the official.
    ApplicationMessage,
    /// The applicant corrected the answers the official asked about.
    ApplicationCorrected,
    AccountLocked,
    AccountUnlocked,
    PasswordReset,
    PasswordChanged,
    SessionClosed,
    SignInDisowned,
    NetworkRulesChanged,
    SecondFactorAdded,
    SecondFactorRemoved,
    BackupCodesCreated,
    DocumentAttached,
    SsoLinked,
    SsoUnlinked,
    NotificationSettingsChanged,
    TelegramLinked,
    TelegramUnlinked,
    /// The person saved one of their applications as a template.
    TemplateSaved,
    TemplateDeleted,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Registration => "registration",
            Kind::SignIn => "sign_in",
            Kind::SignOut => "sign_out",
            Kind::ProfileChange => "profile_change",
            Kind::ApplicationSubmitted => "application_submitted",
            Kind::ApplicationStatusChanged => "application_status_changed",
            Kind::ApplicationWithdrawn => "application_withdrawn",
            Kind::ApplicationMessage => "application_message",
            Kind::ApplicationCorrected => "application_corrected",
            Kind::AccountLocked => "account_locked",
            Kind::AccountUnlocked => "account_unlocked",
            Kind::PasswordReset => "password_reset",
            Kind::PasswordChanged => "password_changed",
            Kind::SessionClosed => "session_closed",
            Kind::SignInDisowned => "sign_in_disowned",
            Kind::NetworkRulesChanged => "network_rules_changed",
            Kind::SecondFactorAdded => "second_factor_added",
            Kind::SecondFactorRemoved => "second_factor_removed",
            Kind::BackupCodesCreated => "backup_codes_created",
            Kind::SsoLinked => "sso_linked",
            Kind::SsoUnlinked => "sso_unlinked",
            Kind::DocumentAttached => "document_attached",
            Kind::NotificationSettingsChanged => "notification_settings_changed",
            Kind::TelegramLinked => "telegram_linked",
            Kind::TelegramUnlinked => "telegram_unlinked",
            Kind::TemplateSaved => "template_saved",
            Kind::TemplateDeleted => "template_deleted",
        }
    }

    /// Returns the group a person filters by.
    pub fn category(self) -> HistoryCategory {
        match self {
            Kind::Registration
            | Kind::ProfileChange
            | Kind::NotificationSettingsChanged
            | Kind::TelegramLinked
            | Kind::TelegramUnlinked => HistoryCategory::Profile,
            Kind::SignIn | Kind::SignOut => HistoryCategory::SignIn,
            Kind::ApplicationSubmitted
            | Kind::ApplicationStatusChanged
            | Kind::ApplicationMessage
            | Kind::ApplicationCorrected
            | Kind::TemplateSaved
            | Kind::TemplateDeleted => HistoryCategory::Application,
            Kind::DocumentAttached => HistoryCategory::Document,
            Kind::ApplicationWithdrawn => HistoryCategory::Cancellation,
            Kind::AccountLocked
            | Kind::AccountUnlocked
            | Kind::PasswordReset
            | Kind::PasswordChanged
            | Kind::SessionClosed
            | Kind::SignInDisowned
            | Kind::NetworkRulesChanged
            | Kind::SecondFactorAdded
            | Kind::SecondFactorRemoved
            | Kind::BackupCodesCreated
            | Kind::SsoLinked
            | Kind::SsoUnlinked => HistoryCategory::Security,
        }
    }
}

/// Returns the category of a stored kind code. Codes of kinds this build does not know
/// are shown as security entries.
pub fn category_of(code: &str) -> HistoryCategory {
    KNOWN_KINDS
        .iter()
        .find(|kind| kind.code() == code)
        .map_or(HistoryCategory::Security, |kind| kind.category())
}

const KNOWN_KINDS: [Kind; 27] = [
    Kind::NotificationSettingsChanged,
    Kind::TelegramLinked,
    Kind::TelegramUnlinked,
    Kind::Registration,
    Kind::SignIn,
    Kind::SignOut,
    Kind::ProfileChange,
    Kind::ApplicationSubmitted,
    Kind::ApplicationStatusChanged,
    Kind::ApplicationWithdrawn,
    Kind::ApplicationMessage,
    Kind::ApplicationCorrected,
    Kind::TemplateSaved,
    Kind::TemplateDeleted,
    Kind::DocumentAttached,
    Kind::AccountLocked,
    Kind::AccountUnlocked,
    Kind::PasswordReset,
    Kind::PasswordChanged,
    Kind::SessionClosed,
    Kind::SignInDisowned,
    Kind::NetworkRulesChanged,
    Kind::SecondFactorAdded,
    Kind::SecondFactorRemoved,
    Kind::BackupCodesCreated,
    Kind::SsoLinked,
    Kind::SsoUnlinked,
];

/// Kind codes of a category, for filtering in SQL.
fn codes_of(category: HistoryCategory) -> Vec<&'static str> {
    KNOWN_KINDS
        .iter()
        .filter(|kind| kind.category() == category)
        .map(|kind| kind.code())
        .collect()
}

/// A file named in an entry, stored as JSON in `attachments`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub document_id: Uuid,
    pub file_name: String,
}

impl From<Attachment> for HistoryAttachment {
    fn from(attachment: Attachment) -> Self {
        HistoryAttachment {
            document_id: attachment.document_id,
            file_name: attachment.file_name,
        }
    }
}

/// A journal entry to append.
pub struct Entry {
    pub user_id: Uuid,
    pub kind: Kind,
    pub status: HistoryStatus,
    pub application_id: Option<Uuid>,
    /// The official or staff member who acted, when it was not the person themselves.
    pub actor_id: Option<Uuid>,
    /// Arguments of the entry's text: never a password, code or personal number.
    pub details: BTreeMap<String, String>,
    /// Code of the related service.
    pub service_code: Option<String>,
    /// The official's comment, shown to the person.
    pub comment: Option<String>,
    pub attachments: Vec<Attachment>,
}

impl Entry {
    pub fn new(user_id: Uuid, kind: Kind, status: HistoryStatus) -> Self {
        Self {
            user_id,
            kind,
            status,
            application_id: None,
            actor_id: None,
            details: BTreeMap::new(),
            service_code: None,
            comment: None,
            attachments: Vec::new(),
        }
    }

    pub fn application(mut self, id: Uuid) -> Self {
        self.application_id = Some(id);
        self
    }

    pub fn actor(mut self, id: Uuid) -> Self {
        self.actor_id = Some(id);
        self
    }

    pub fn detail(mut self, name: &str, value: impl Into<String>) -> Self {
        self.details.insert(name.to_string(), value.into());
        self
    }

    pub fn service(mut self, code: &str) -> Self {
        self.service_code = Some(code.to_string());
        self
    }

    pub fn comment(mut self, comment: Option<&str>) -> Self {
        self.comment = comment.map(str::to_string);
        self
    }

    pub fn attachment(mut self, document_id: Uuid, file_name: &str) -> Self {
        self.attachments.push(Attachment {
            document_id,
            file_name: file_name.to_string(),
        });
        self
    }
}

/// Appends `entry` inside the caller's transaction, as the next link of the person's
/// chain.
///
/// The person's chain head is locked first (a row lock on PostgreSQL; SQLite write
/// transactions are already serialised by `BEGIN IMMEDIATE`), so concurrent entries of
/// one person are chained one after the other. The stored time is never earlier than the
/// person's previous entry, so a person's entries in `seq` order are also in time order,
/// which the retention job relies on.
pub async fn record(tx: &mut Tx, at: DateTime<Utc>, entry: Entry) -> Result<()> {
    let head = chain::lock_head(tx, entry.user_id).await?;
    let at = match head.last_at {
        Some(last) if last > at => last,
        _ => at,
    };
    let search_text = search_text(tx, &entry).await?;
    let stored = chain::StoredEntry {
        id: Uuid::now_v7(),
        user_id: entry.user_id,
        seq: head.seq + 1,
        occurred_at: at,
        kind: entry.kind.code().to_string(),
        status: entry.status.code().to_string(),
        application_id: entry.application_id,
        actor_id: entry.actor_id,
        service_code: entry.service_code,
        comment: entry.comment,
        details: serde_json::to_string(&entry.details)?,
        attachments: serde_json::to_string(&entry.attachments)?,
    };
    let hash = stored.hash(&head.hash);

    execute!(&mut *tx, sqlx::query(
        "INSERT INTO history_entries (id, user_id, occurred_at, kind, status, application_id, actor_id, details,
             service_code, comment, attachments, search_text, seq, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(stored.id)
    .bind(stored.user_id)
    .bind(stored.occurred_at)
    .bind(&stored.kind)
    .bind(&stored.status)
    .bind(stored.application_id)
    .bind(stored.actor_id)
    .bind(&stored.details)
    .bind(&stored.service_code)
    .bind(&stored.comment)
    .bind(&stored.attachments)
    .bind(&search_text)
    .bind(stored.seq)
    .bind(head.hash.to_vec())
    .bind(hash.to_vec()))?;
    chain::advance_head(tx, stored.user_id, stored.seq, &hash, at).await
}

/// Builds the lower-cased text an entry is found by: what the person reads in either language,
/// the service's title, the comment and the file names.
async fn search_text(tx: &mut Tx, entry: &Entry) -> Result<String> {
    let mut parts = Vec::new();
    for locale in [Locale::Ru, Locale::En] {
        parts.push(text::entry_text(locale, entry.kind.code(), &entry.details));
    }
    if let Some(code) = &entry.service_code
        && let Some((_, service)) = catalogue::latest_service(tx, code).await?
    {
        parts.push(service.title.get(Locale::Ru).to_string());
        parts.push(service.title.get(Locale::En).to_string());
    }
    parts.extend(entry.comment.iter().cloned());
    parts.extend(entry.attachments.iter().map(|file| file.file_name.clone()));
    Ok(parts.join("\n").to_lowercase())
}

/// Titles of the latest version of every service, by code, in `locale`.
pub(crate) async fn service_titles(
    tx: &mut Tx,
    locale: Locale,
) -> Result<BTreeMap<String, String>> {
    let rows: Vec<(String, String)> = on_conn!(tx, conn => sqlx::query_as(
        "SELECT s.code, s.definition FROM services s
         WHERE s.version = (SELECT MAX(latest.version) FROM services latest WHERE latest.code = s.code)",
    )
    .fetch_all(conn)
    .await)?;
    let mut titles = BTreeMap::new();
    for (code, definition) in rows {
        let service: kabinet_shared::service::ServiceDefinition =
            serde_json::from_str(&definition)?;
        titles.insert(code, service.title.get(locale).to_string());
    }
    Ok(titles)
}
