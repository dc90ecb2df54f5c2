//! Messages shown to people, as translation keys with arguments.
//!
//! Validators and the domain never produce display text: they return a [`Message`] that the
//! interface looks up in the translation files of the person's language.

use serde::{Deserialize, Serialize};

/// A translatable message: a Fluent message id plus named arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub key: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, String)>,
}

impl Message {
    pub fn new(key: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            args: Vec::new(),
        }
    }

    /// Adds a named argument, e.g. `Message::new("error-too-long").arg("max", 60)`.
    pub fn arg(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.args.push((name.into(), value.to_string()));
        self
    }
}

/// An error attached to one form field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's form name, which is also the `id` of its input element.
    pub field: String,
    pub message: Message,
}

/// Errors of a whole form, in the order of the form's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error for `field` unless the field already has one, so the first
    /// (most basic) problem of a field is the one shown.
    pub fn add(&mut self, field: impl Into<String>, message: Message) {
        let field = field.into();
        if self.get(&field).is_none() {
            self.0.push(FieldError { field, message });
        }
    }

    /// Runs a validator and keeps its value, or records its message under `field`.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Message>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    pub fn get(&self, field: &str) -> Option<&Message> {
        self.0
            .iter()
            .find(|error| error.field == field)
            .map(|error| &error.message)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Returns `Ok(value)` when no error was recorded.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_error_of_a_field_wins() {
        let mut errors = FieldErrors::new();
        errors.add("snils", Message::new("error-required"));
        errors.add("snils", Message::new("error-snils-checksum"));

        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.get("snils"), Some(&Message::new("error-required")));
    }

    #[test]
    fn check_keeps_value_or_records_message() {
        let mut errors = FieldErrors::new();
        let kept = errors.check("a", Ok::<_, Message>(5));
        let lost = errors.check::<i32>("b", Err(Message::new("error-required")));

        assert_eq!(kept, Some(5));
        assert_eq!(lost, None);
        assert_eq!(
            errors.get("b").map(|m| m.key.as_str()),
            Some("error-required")
        );
        assert!(errors.get("a").is_none());
    }
}
