//! Types and validators shared by the browser and the server.
//!
//! Everything here compiles to WebAssembly as well as natively, so a form is checked by the
//! same code in `on:submit` and again in the server function.

pub mod applications;
pub mod autofill;
pub mod forms;
pub mod history;
pub mod i18n;
pub mod locale;
pub mod message;
pub mod model;
pub mod notify;
pub mod query;
pub mod service;
pub mod validate;

pub use locale::Locale;
pub use message::{FieldError, FieldErrors, Message};
