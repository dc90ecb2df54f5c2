//! Security notices to an account's owner: in the message centre and on the channels the
//! owner chose, in the owner's language, written in the transaction of the event.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kabinet_shared::notify::Category;

use super::UserRow;
use crate::db::Tx;
use crate::error::Result;
use crate::notifications::{self, NewNotification};

/// A security event the owner is told about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Alert {
    AccountLocked,
    NewDeviceSignIn,
    DocumentApproved,
    DocumentRejected,
    PasswordChanged,
    ProfileChanged,
    SignInDisowned,
}

impl Alert {
    /// The stored notification kind. The texts are `notification-<kind>` in the message
    /// centre and `sms-<kind>` by SMS, with `_` written as `-`.
    fn kind(self) -> &'static str {
        match self {
            Alert::AccountLocked => "account_locked",
            Alert::NewDeviceSignIn => "new_device_sign_in",
            Alert::DocumentApproved => "document_approved",
            Alert::DocumentRejected => "document_rejected",
            Alert::PasswordChanged => "password_changed",
            Alert::ProfileChanged => "profile_changed",
            Alert::SignInDisowned => "sign_in_disowned",
        }
    }
}

/// Queues the notice of `alert` to the owner of `user`: in the message centre, and by
/// SMS and e-mail as the owner chose (by SMS unless they turned it off). `args` fill the
/// texts and must never contain a password, code or personal number.
pub(crate) async fn send(
    tx: &mut Tx,
    at: DateTime<Utc>,
    portal: &str,
    user: &UserRow,
    alert: Alert,
    args: &[(&str, &str)],
) -> Result<()> {
    notifications::create(
        tx,
        at,
        portal,
        NewNotification {
            user_id: user.id,
            kind: alert.kind(),
            category: Category::Security,
            args: args
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect::<BTreeMap<_, _>>(),
            application_id: None,
        },
    )
    .await
}
