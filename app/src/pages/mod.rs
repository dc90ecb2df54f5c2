//! One module per page.

mod accounts;
mod admin;
mod application_list;
mod applications;
mod cabinet;
mod catalogue;
mod constructor;
mod constructor_fields;
mod correction;
mod drafts;
mod factors;
mod history;
mod home;
mod journal;
mod notify;
mod official;
mod operator;
mod outbox;
mod profile;
mod security;
mod service_form;
mod sso;
mod templates;

pub use accounts::{ConfirmRegistrationPage, RegisterPage, SignInPage};
pub use admin::AdminSessionsPage;
pub use application_list::ApplicationsPage;
pub use applications::{ApplicationPage, ApplyPage};
pub use cabinet::CabinetPage;
pub use catalogue::{ServicePage, ServicesPage};
pub use constructor::{ConstructorPage, ServiceEditorPage};
pub use constructor_fields::ServiceFieldsPage;
pub use correction::CorrectionPage;
pub use drafts::DraftsPage;
pub use factors::{
    BackupCodesPage, ChallengePage, CodeFactorPage, FactorsPage, PasskeyAddPage, StepUpPage,
    TotpSetupPage,
};
pub use history::{HistoryEntryPage, HistoryPage};
pub use home::{HomePage, NotFoundPage};
pub use journal::NotificationsPage;
pub use notify::{NotificationArchivePage, NotificationSettingsPage};
pub use official::{QueuePage, ReviewPage};
pub use operator::{DocumentReviewPage, ReviewQueuePage};
pub use outbox::OutboxPage;
pub use profile::{
    AddressesPage, DataAccessPage, DocumentsPage, EmailConfirmPage, PassportPage, PhoneChangePage,
    PhoneConfirmPage, ProfilePage, SnilsPage,
};
pub use security::{
    NetworksPage, RecoveryCodePage, RecoveryPage, RecoveryPasswordPage, SecurityPage, SessionsPage,
    SignInsPage, UnlockPage,
};
pub use sso::{SsoConsentPage, SsoLinkSection};
pub use templates::TemplatesPage;
