//! The check of a service definition: names, options, conditions, groups, documents and
//! steps. Each problem names the place in the definition and carries a translatable
//! message, so the start-up log and the administrators' editor both show what to fix.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{
    FieldDef, FieldKind, GROUP_ITEMS_DEFAULT, GROUP_ITEMS_LIMIT, Localized, ServiceDefinition,
};
use crate::locale::Locale;
use crate::message::Message;

/// Form names used by the application and correction forms themselves, which fields may
/// not take.
const RESERVED_NAMES: [&str; 6] = [
    "request_key",
    "service",
    "remove_upload",
    "intent",
    "application",
    "step",
];

/// The first problem that makes a definition unusable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionProblem {
    /// The place in the definition, spelled as TOML keys and names: `code`, `applicants`,
    /// `steps`, `fields.surname`, `fields.children.fields.birth` or `documents.photo`.
    pub field: String,
    /// The problem, as a message of `admin.ftl` whose text names the place.
    pub message: Message,
}

impl DefinitionProblem {
    fn new(field: impl Into<String>, key: &str) -> Self {
        Self {
            field: field.into(),
            message: Message::new(key),
        }
    }

    fn arg(mut self, name: &str, value: impl ToString) -> Self {
        self.message = self.message.arg(name, value);
        self
    }

    /// Returns a problem of the field `name` at the top level of the form.
    fn field(name: &str, key: &str) -> Self {
        Self::new(format!("fields.{name}"), key).arg("field", name)
    }
}

/// The English text, for the start-up log and for tests.
impl fmt::Display for DefinitionProblem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&crate::i18n::message(Locale::En, &self.message))
    }
}

impl std::error::Error for DefinitionProblem {}

/// Returns whether a text is missing in either language.
fn is_blank(text: &Localized) -> bool {
    text.ru.trim().is_empty() || text.en.trim().is_empty()
}

/// Returns whether `name` matches `[a-z][a-z0-9_]*`.
fn is_form_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Returns whether `code` matches `[a-z][a-z0-9-]*`, so that it is a path segment of the service's
/// address without escaping.
fn is_service_code(code: &str) -> bool {
    code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl ServiceDefinition {
    /// Checks that the definition is usable and returns the first problem found.
    pub fn check(&self) -> Result<(), DefinitionProblem> {
        if !is_service_code(&self.code) {
            return Err(
                DefinitionProblem::new("code", "definition-code-invalid").arg("code", &self.code)
            );
        }
        for (key, text) in [
            ("title", &self.title),
            ("summary", &self.summary),
            ("description", &self.description),
            ("result", &self.result),
        ] {
            if is_blank(text) {
                return Err(DefinitionProblem::new(key, "definition-text-missing").arg("key", key));
            }
        }
        let mut names = HashSet::new();
        let mut per_item = false;
        for field in &self.fields {
            if !is_form_name(&field.name) || RESERVED_NAMES.contains(&field.name.as_str()) {
                return Err(DefinitionProblem::field(
                    &field.name,
                    "definition-field-name",
                ));
            }
            if !names.insert(field.name.as_str()) {
                return Err(DefinitionProblem::field(
                    &field.name,
                    "definition-field-twice",
                ));
            }
            if is_blank(&field.label) {
                return Err(DefinitionProblem::field(
                    &field.name,
                    "definition-label-missing",
                ));
            }
            check_field_values(field, &field.name)?;
            if field.kind == FieldKind::Group {
                check_group(field)?;
            } else if !field.fields.is_empty() {
                return Err(DefinitionProblem::field(
                    &field.name,
                    "definition-fields-outside-group",
                ));
            }
            self.check_condition(field)?;
            if field.application_per_item {
                check_per_item(field, per_item)?;
                per_item = true;
            }
        }
        let mut codes = HashSet::new();
        for document in &self.documents {
            let place = format!("documents.{}", document.code);
            if !codes.insert(document.code.as_str()) {
                return Err(DefinitionProblem::new(place, "definition-document-twice")
                    .arg("document", &document.code));
            }
            if is_blank(&document.title) {
                return Err(
                    DefinitionProblem::new(place, "definition-document-title-missing")
                        .arg("document", &document.code),
                );
            }
            if document.max_files == 0 {
                return Err(
                    DefinitionProblem::new(place, "definition-document-max-files")
                        .arg("document", &document.code),
                );
            }
        }
        if self.applicants.is_empty() {
            return Err(DefinitionProblem::new(
                "applicants",
                "definition-applicants-missing",
            ));
        }
        self.check_steps()
    }

    /// Checks that a condition names an earlier choice or yes/no field and values that
    /// field can take.
    fn check_condition(&self, field: &FieldDef) -> Result<(), DefinitionProblem> {
        let Some(condition) = &field.shown_when else {
            return Ok(());
        };
        // The condition must name an earlier field, so answers are checked in order and a
        // hidden field never depends on a later one.
        let earlier = self
            .fields
            .iter()
            .take_while(|other| other.name != field.name)
            .find(|other| other.name == condition.field);
        let Some(earlier) = earlier else {
            return Err(
                DefinitionProblem::field(&field.name, "definition-shown-when-unknown")
                    .arg("other", &condition.field),
            );
        };
        if !matches!(
            earlier.kind,
            FieldKind::Choice | FieldKind::Several | FieldKind::YesNo
        ) || condition.values.is_empty()
        {
            return Err(DefinitionProblem::field(
                &field.name,
                "definition-shown-when-kind",
            ));
        }
        // A value the earlier field cannot take would hide the field for ever.
        let possible = |value: &str| match earlier.kind {
            FieldKind::YesNo => value == "yes" || value == "no",
            _ => earlier.options.iter().any(|option| option.value == value),
        };
        if let Some(value) = condition.values.iter().find(|value| !possible(value)) {
            return Err(
                DefinitionProblem::field(&field.name, "definition-shown-when-value")
                    .arg("value", value)
                    .arg("other", &condition.field),
            );
        }
        Ok(())
    }

    /// Checks that the steps list every field once, in the order of the definition, so
    /// that a condition always looks back at an earlier page, and that one step takes the
    /// documents when there are any.
    fn check_steps(&self) -> Result<(), DefinitionProblem> {
        if self.steps.is_empty() {
            return Ok(());
        }
        if self.steps.len() < 2 {
            return Err(DefinitionProblem::new("steps", "definition-steps-too-few"));
        }
        let listed: Vec<&str> = self
            .steps
            .iter()
            .flat_map(|step| step.fields.iter().map(String::as_str))
            .collect();
        let defined: Vec<&str> = self
            .fields
            .iter()
            .map(|field| field.name.as_str())
            .collect();
        if let Some(position) = (0..listed.len().max(defined.len()))
            .find(|&index| listed.get(index) != defined.get(index))
        {
            let name = defined
                .get(position)
                .or(listed.get(position))
                .unwrap_or(&"");
            return Err(
                DefinitionProblem::new("steps", "definition-steps-order").arg("field", name)
            );
        }
        let with_documents = self.steps.iter().filter(|step| step.documents).count();
        if self.documents.is_empty() && with_documents > 0 {
            return Err(DefinitionProblem::new(
                "steps",
                "definition-steps-documents-none",
            ));
        }
        if !self.documents.is_empty() && with_documents != 1 {
            return Err(
                DefinitionProblem::new("steps", "definition-steps-documents-one")
                    .arg("count", with_documents),
            );
        }
        if let Some(step) = self
            .steps
            .iter()
            .find(|step| step.fields.is_empty() && !step.documents)
        {
            return Err(DefinitionProblem::new("steps", "definition-step-empty")
                .arg("step", &step.title.ru));
        }
        Ok(())
    }
}

/// Checks what a field of any level accepts: the options of a choice and the range of a
/// number. `name` is the field's place below `fields`.
fn check_field_values(field: &FieldDef, name: &str) -> Result<(), DefinitionProblem> {
    if matches!(field.kind, FieldKind::Choice | FieldKind::Several) && field.options.is_empty() {
        return Err(DefinitionProblem::field(name, "definition-options-missing"));
    }
    if let (Some(min), Some(max)) = (field.min, field.max)
        && min > max
    {
        return Err(DefinitionProblem::field(name, "definition-min-above-max")
            .arg("min", min)
            .arg("max", max));
    }
    Ok(())
}

/// Checks a field whose items each become an application: it must be a group that every
/// form has at least one item of, and the only such group, since a form with two would
/// make a cross product of applications.
fn check_per_item(field: &FieldDef, seen_before: bool) -> Result<(), DefinitionProblem> {
    if field.kind != FieldKind::Group {
        return Err(DefinitionProblem::field(
            &field.name,
            "definition-per-item-not-group",
        ));
    }
    if seen_before {
        return Err(DefinitionProblem::field(
            &field.name,
            "definition-per-item-twice",
        ));
    }
    if field.min_items() == 0 || field.shown_when.is_some() {
        return Err(DefinitionProblem::field(
            &field.name,
            "definition-per-item-required",
        ));
    }
    Ok(())
}

/// Checks the definition of a group: its own questions, the names of its items and the
/// bounds of their number.
fn check_group(group: &FieldDef) -> Result<(), DefinitionProblem> {
    let name = &group.name;
    if group.fields.is_empty() || group.item_label.is_none() || group.add_label.is_none() {
        return Err(DefinitionProblem::field(name, "definition-group-parts"));
    }
    let mut inner_names = HashSet::new();
    for inner in &group.fields {
        let place = format!("{name}.fields.{}", inner.name);
        let inner_field = |key: &str| {
            DefinitionProblem::new(format!("fields.{place}"), key)
                .arg("field", format!("{name}.{}", inner.name))
        };
        if !is_form_name(&inner.name) || !inner_names.insert(inner.name.as_str()) {
            return Err(inner_field("definition-group-field-name"));
        }
        if is_blank(&inner.label) {
            return Err(inner_field("definition-label-missing"));
        }
        if inner.kind == FieldKind::Group
            || inner.shown_when.is_some()
            || inner.prefill.is_some()
            || inner.application_per_item
        {
            return Err(inner_field("definition-group-field-kind"));
        }
        check_field_values(inner, &format!("{name}.{}", inner.name)).map_err(|problem| {
            DefinitionProblem {
                field: format!("fields.{place}"),
                ..problem
            }
        })?;
    }
    let max = group.max.unwrap_or(GROUP_ITEMS_DEFAULT as i64);
    let min = group.min.unwrap_or(0);
    if min < 0 || max < 1 || min > max || max > GROUP_ITEMS_LIMIT as i64 {
        return Err(DefinitionProblem::field(name, "definition-group-range")
            .arg("limit", GROUP_ITEMS_LIMIT));
    }
    Ok(())
}
