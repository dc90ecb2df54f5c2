//! The domain error: what went wrong, in terms the interface can show.

use kabinet_shared::{FieldErrors, Message};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that fails validation; each message belongs to one field.
    #[error("invalid input in {} field(s)", .0.0.len())]
    Invalid(FieldErrors),
    /// A refusal that concerns the whole request rather than one field, such as an expired code.
    #[error("rejected: {}", .0.key)]
    Rejected(Message),
    #[error("not signed in")]
    Unauthenticated,
    /// A critical change needs a second factor proved in this session recently.
    #[error("a fresh second factor is required")]
    StepUpRequired,
    #[error("the signed-in user may not do this")]
    Forbidden,
    /// The object does not exist or belongs to someone else; both look the same to the caller.
    #[error("not found")]
    NotFound,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("file storage error: {0}")]
    Storage(#[from] std::io::Error),
    #[error("stored data cannot be decrypted: {0}")]
    Crypto(#[from] crate::crypto::CryptoError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// An error on one field.
    pub fn field(field: &str, message: Message) -> Error {
        let mut errors = FieldErrors::new();
        errors.add(field, message);
        Error::Invalid(errors)
    }

    pub fn rejected(key: &str) -> Error {
        Error::Rejected(Message::new(key))
    }

    /// Whether this is a fault of the system rather than of the request.
    pub fn is_internal(&self) -> bool {
        matches!(
            self,
            Error::Database(_) | Error::Storage(_) | Error::Crypto(_) | Error::Internal(_)
        )
    }
}

impl From<FieldErrors> for Error {
    fn from(errors: FieldErrors) -> Self {
        Error::Invalid(errors)
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Error::Internal(format!("JSON: {error}"))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
