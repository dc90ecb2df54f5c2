//! Server functions: thin steps from a request to the domain. Each one parses its input,
//! finds who is asking, calls [`kabinet_core::Core`] and maps the outcome to what the
//! page shows.

pub mod accounts;
pub mod admin;
pub mod applications;
pub mod catalogue;
pub mod constructor;
pub mod constructor_fields;
pub mod factors;
pub mod forms;
pub mod notifications;
pub mod official;
pub mod security;
pub mod session;
pub mod sso;
pub mod templates;

use kabinet_shared::{FieldErrors, Message};
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// Why a server function did not return its data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// Nobody is signed in (or the session ended); the response redirects to sign-in.
    Unauthenticated,
    /// The signed-in person may not see or do this.
    Forbidden,
    /// The change needs a second factor proved recently in this session.
    StepUpRequired,
    NotFound,
    /// A fault on the server. `reference` is in the log line with the cause, so support
    /// can find it when the person quotes it.
    Internal {
        reference: String,
    },
    /// The request did not reach the server function or its answer was unreadable.
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

impl AppError {
    /// The translation key of the text shown for this error.
    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "error-unauthenticated",
            AppError::Forbidden => "error-forbidden",
            AppError::StepUpRequired => "error-step-up-required",
            AppError::NotFound => "error-not-found",
            AppError::Internal { .. } => "error-internal",
            AppError::Transport(_) => "error-transport",
        }
    }
}

/// What a form submission came to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormReply {
    /// Done; the response also redirects to the next page.
    Done,
    /// Saved, and the form stays on screen with this notice.
    Saved(Message),
    /// Some fields need correcting.
    Invalid(FieldErrors),
    /// Refused as a whole, e.g. an expired code or a wrong password.
    Rejected(Message),
}

/// A form posted without JavaScript, kept until the page shows it again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    /// What was typed, by field name; passwords are never kept.
    pub values: std::collections::BTreeMap<String, String>,
    pub reply: Option<FormReply>,
}
