//! One module per page.

mod accounts;
mod applications;
mod cabinet;
mod catalogue;
mod home;
mod journal;
mod official;
mod outbox;

pub use accounts::{ConfirmRegistrationPage, ProfilePage, RegisterPage, SignInPage};
pub use applications::{ApplicationPage, ApplicationsPage, ApplyPage};
pub use cabinet::CabinetPage;
pub use catalogue::{ServicePage, ServicesPage};
pub use home::{HomePage, NotFoundPage};
pub use journal::{HistoryPage, NotificationsPage};
pub use official::{QueuePage, ReviewPage};
pub use outbox::OutboxPage;
