//! The operations of the constructor's field editor on a service definition: moving,
//! inserting, removing and renaming fields and documents, reading the editor's form
//! controls into the definition, and finding the control a [`DefinitionProblem`] concerns.
//!
//! Every operation keeps the parts that refer to fields by name consistent: the steps
//! list each field once in the order of `fields`, and a `shown_when` condition names an
//! earlier field. An operation that would break a condition fails with a message instead.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{
    Applicant, Category, ChoiceOption, DefinitionProblem, DocumentDef, FieldDef, FieldKind,
    Localized, ProfileField, ServiceDefinition, ShownWhen,
};
use crate::message::{FieldErrors, Message};

/// The part of the definition whose form is open in the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The field at this index of `fields`.
    Field(usize),
    /// The document at this index of `documents`.
    Document(usize),
}

impl Target {
    /// Returns the value of the editor's hidden `editing` control: `field:2`, `document:0`.
    pub fn code(self) -> String {
        match self {
            Target::Field(index) => format!("field:{index}"),
            Target::Document(index) => format!("document:{index}"),
        }
    }

    /// Parses the value written by [`Target::code`].
    pub fn parse(code: &str) -> Option<Target> {
        let (part, index) = code.split_once(':')?;
        let index = index.parse().ok()?;
        match part {
            "field" => Some(Target::Field(index)),
            "document" => Some(Target::Document(index)),
            _ => None,
        }
    }
}

/// A direction in which a field or document moves by one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// Returns the code of a value of a definition enum as TOML writes it: `long_text`.
pub fn code_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(code)) => code,
        _ => String::new(),
    }
}

/// Parses the code of a value of a definition enum, as [`code_of`] writes it.
pub fn from_code<T: DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

/// Returns the index the neighbour of `index` has in `direction`, if there is one.
fn neighbour(index: usize, len: usize, direction: Direction) -> Result<usize, Message> {
    let other = match direction {
        Direction::Up => index.checked_sub(1),
        Direction::Down => index.checked_add(1).filter(|other| *other < len),
    };
    match other {
        Some(other) if index < len => Ok(other),
        _ => Err(Message::new("admin-fields-error-move-edge")),
    }
}

/// Moves the field at `index` one place up or down and returns its new index. The two
/// fields trade places in the steps too, so each step keeps its number of fields: the
/// first field of a step that moves up goes to the end of the step before. A field cannot
/// pass the field its condition names.
pub fn move_field(
    definition: &mut ServiceDefinition,
    index: usize,
    direction: Direction,
) -> Result<usize, Message> {
    let other = neighbour(index, definition.fields.len(), direction)?;
    let (upper, lower) = (index.min(other), index.max(other));
    let upper_name = definition.fields[upper].name.clone();
    let lower_name = definition.fields[lower].name.clone();
    if let Some(condition) = &definition.fields[lower].shown_when
        && condition.field == upper_name
    {
        return Err(Message::new("admin-fields-error-move-condition")
            .arg("field", &lower_name)
            .arg("other", &upper_name));
    }

    definition.fields.swap(upper, lower);
    for step in &mut definition.steps {
        for name in &mut step.fields {
            if *name == upper_name {
                name.clone_from(&lower_name);
            } else if *name == lower_name {
                name.clone_from(&upper_name);
            }
        }
    }
    Ok(other)
}

/// Returns a form name that no field of `fields` has: `field_N` with the smallest
/// N from `start`.
fn free_name(fields: &[FieldDef], prefix: &str, start: usize) -> String {
    (start..)
        .map(|number| format!("{prefix}_{number}"))
        .find(|name| fields.iter().all(|field| field.name != *name))
        .unwrap_or_default()
}

/// Returns a new field of `kind` named `name`, with empty texts for the administrator to
/// fill in.
pub fn new_field(name: String, kind: FieldKind) -> FieldDef {
    let group = kind == FieldKind::Group;
    FieldDef {
        name,
        label: empty(),
        hint: None,
        kind,
        required: false,
        prefill: None,
        options: Vec::new(),
        max_length: None,
        autocomplete: None,
        min: None,
        max: None,
        shown_when: None,
        fields: Vec::new(),
        item_label: group.then(empty),
        add_label: group.then(empty),
        application_per_item: false,
    }
}

fn empty() -> Localized {
    Localized {
        ru: String::new(),
        en: String::new(),
    }
}

/// Appends a new field of `kind` with a free name (`field_N`) and returns its index. In a
/// form with steps it goes to the last step that has fields, so the steps still list
/// every field in order. A last step that only takes the documents stays as it is.
pub fn insert_field(definition: &mut ServiceDefinition, kind: FieldKind) -> usize {
    let name = free_name(&definition.fields, "field", definition.fields.len() + 1);
    let step = definition
        .steps
        .iter()
        .rposition(|step| !step.fields.is_empty())
        .or_else(|| (!definition.steps.is_empty()).then_some(0));
    if let Some(step) = step {
        definition.steps[step].fields.push(name.clone());
    }
    definition.fields.push(new_field(name, kind));
    definition.fields.len() - 1
}

/// Removes the field at `index` and returns it. A field that another field's condition
/// names stays, and the message names that field. A step left with neither fields nor
/// documents goes, and a single step left over becomes a form without steps.
pub fn remove_field(definition: &mut ServiceDefinition, index: usize) -> Result<FieldDef, Message> {
    let Some(field) = definition.fields.get(index) else {
        return Err(Message::new("admin-fields-error-missing"));
    };
    let name = field.name.clone();
    if let Some(dependent) = definition.fields.iter().find(|other| {
        other
            .shown_when
            .as_ref()
            .is_some_and(|condition| condition.field == name)
    }) {
        return Err(Message::new("admin-fields-error-remove-condition")
            .arg("field", &name)
            .arg("other", &dependent.name));
    }

    let removed = definition.fields.remove(index);
    for step in &mut definition.steps {
        step.fields.retain(|listed| *listed != name);
    }
    tidy_steps(definition);
    Ok(removed)
}

/// Drops the steps left with neither fields nor documents, and the steps altogether when
/// one is left, because a form with steps has at least two.
fn tidy_steps(definition: &mut ServiceDefinition) {
    definition
        .steps
        .retain(|step| !step.fields.is_empty() || step.documents);
    if definition.steps.len() == 1 {
        definition.steps.clear();
    }
}

/// Renames the field at `index` to `name`, in the steps and in every condition that
/// names it too. A name another field has is rejected.
pub fn rename_field(
    definition: &mut ServiceDefinition,
    index: usize,
    name: &str,
) -> Result<(), Message> {
    let Some(old) = definition.fields.get(index).map(|field| field.name.clone()) else {
        return Err(Message::new("admin-fields-error-missing"));
    };
    if old == name {
        return Ok(());
    }
    if definition.fields.iter().any(|field| field.name == name) {
        return Err(Message::new("admin-fields-error-name-taken").arg("field", name));
    }

    definition.fields[index].name = name.to_string();
    for step in &mut definition.steps {
        for listed in &mut step.fields {
            if *listed == old {
                *listed = name.to_string();
            }
        }
    }
    for field in &mut definition.fields {
        if let Some(condition) = &mut field.shown_when
            && condition.field == old
        {
            condition.field = name.to_string();
        }
    }
    Ok(())
}

/// Appends a new optional document with a free code (`document_N`) and returns its index.
/// In a form with steps the last step takes the documents when no step does yet.
pub fn insert_document(definition: &mut ServiceDefinition) -> usize {
    let code = (definition.documents.len() + 1..)
        .map(|number| format!("document_{number}"))
        .find(|code| definition.documents.iter().all(|doc| doc.code != *code))
        .unwrap_or_default();
    if !definition.steps.iter().any(|step| step.documents)
        && let Some(last) = definition.steps.last_mut()
    {
        last.documents = true;
    }
    definition.documents.push(DocumentDef {
        code,
        title: empty(),
        hint: None,
        required: false,
        max_files: 1,
    });
    definition.documents.len() - 1
}

/// Removes the document at `index`. After the last one no step takes documents, and a
/// step left empty goes as with [`remove_field`].
pub fn remove_document(definition: &mut ServiceDefinition, index: usize) -> Result<(), Message> {
    if index >= definition.documents.len() {
        return Err(Message::new("admin-fields-error-missing"));
    }
    definition.documents.remove(index);
    if definition.documents.is_empty() {
        for step in &mut definition.steps {
            step.documents = false;
        }
        tidy_steps(definition);
    }
    Ok(())
}

/// Moves the document at `index` one place up or down and returns its new index.
pub fn move_document(
    definition: &mut ServiceDefinition,
    index: usize,
    direction: Direction,
) -> Result<usize, Message> {
    let other = neighbour(index, definition.documents.len(), direction)?;
    definition.documents.swap(index, other);
    Ok(other)
}

/// The names of the editor's form controls. They contain hyphens, which a service's own
/// field names cannot, so a preview of the form on the same page never repeats an id.
pub mod control {
    pub const CODE: &str = "setting-code";
    pub const DEPARTMENT: &str = "setting-department";
    pub const CATEGORY: &str = "setting-category";
    pub const APPLICANTS: &str = "setting-applicants";
    pub const PROCESSING_DAYS: &str = "setting-processing-days";
    pub const STEPS: &str = "setting-steps";
    pub const FIELD_NAME: &str = "field-name";
    pub const FIELD_KIND: &str = "field-kind";
    pub const FIELD_LABEL_RU: &str = "field-label-ru";
    pub const FIELD_LABEL_EN: &str = "field-label-en";
    pub const FIELD_HINT_RU: &str = "field-hint-ru";
    pub const FIELD_HINT_EN: &str = "field-hint-en";
    pub const FIELD_REQUIRED: &str = "field-required";
    pub const FIELD_PREFILL: &str = "field-prefill";
    pub const FIELD_MIN: &str = "field-min";
    pub const FIELD_MAX: &str = "field-max";
    pub const FIELD_MAX_LENGTH: &str = "field-max-length";
    pub const FIELD_SHOWN_FIELD: &str = "field-shown-field";
    pub const FIELD_SHOWN_VALUES: &str = "field-shown-values";
    pub const FIELD_OPTIONS: &str = "field-options";
    pub const FIELD_OPTION_COUNT: &str = "field-option-count";
    pub const FIELD_ITEM_RU: &str = "field-item-ru";
    pub const FIELD_ITEM_EN: &str = "field-item-en";
    pub const FIELD_ADD_RU: &str = "field-add-ru";
    pub const FIELD_ADD_EN: &str = "field-add-en";
    pub const FIELD_PER_ITEM: &str = "field-per-item";
    pub const FIELD_INNER_COUNT: &str = "field-inner-count";
    pub const DOCUMENT_CODE: &str = "document-code";
    pub const DOCUMENT_TITLE_RU: &str = "document-title-ru";
    pub const DOCUMENT_TITLE_EN: &str = "document-title-en";
    pub const DOCUMENT_HINT_RU: &str = "document-hint-ru";
    pub const DOCUMENT_HINT_EN: &str = "document-hint-en";
    pub const DOCUMENT_REQUIRED: &str = "document-required";
    pub const DOCUMENT_MAX_FILES: &str = "document-max-files";

    /// Returns the name of a control of option `row` (from 1): `option-2-value`.
    pub fn option(row: usize, part: &str) -> String {
        format!("option-{row}-{part}")
    }

    /// Returns the name of a control of the group's question `row` (from 1): `inner-1-kind`.
    pub fn inner(row: usize, part: &str) -> String {
        format!("inner-{row}-{part}")
    }

    /// Returns the name of a text control of the service's settings: `setting-title-ru`.
    pub fn setting_text(key: &str, language: &str) -> String {
        format!("setting-{key}-{language}")
    }
}

/// The names of the service's texts, as [`control::setting_text`] uses them.
pub const SETTING_TEXTS: [&str; 4] = ["title", "summary", "description", "result"];

fn setting_text_mut<'a>(definition: &'a mut ServiceDefinition, key: &str) -> &'a mut Localized {
    match key {
        "title" => &mut definition.title,
        "summary" => &mut definition.summary,
        "description" => &mut definition.description,
        _ => &mut definition.result,
    }
}

/// Returns the service's text `key` of [`SETTING_TEXTS`].
pub fn setting_text<'a>(definition: &'a ServiceDefinition, key: &str) -> &'a Localized {
    match key {
        "title" => &definition.title,
        "summary" => &definition.summary,
        "description" => &definition.description,
        _ => &definition.result,
    }
}

/// Writes the values of the settings controls into `definition`, as far as they parse,
/// and returns the errors of the rest. A control that was not sent leaves its part as it
/// is. `setting-applicants` lists the chosen applicants with commas.
pub fn apply_settings(
    definition: &mut ServiceDefinition,
    values: &BTreeMap<String, String>,
) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for key in SETTING_TEXTS {
        let ru = values.get(&control::setting_text(key, "ru"));
        let en = values.get(&control::setting_text(key, "en"));
        let text = setting_text_mut(definition, key);
        if let Some(ru) = ru {
            text.ru = ru.trim().to_string();
        }
        if let Some(en) = en {
            text.en = en.trim().to_string();
        }
    }
    if let Some(code) = values.get(control::CODE) {
        definition.code = code.trim().to_string();
    }
    if let Some(department) = values.get(control::DEPARTMENT) {
        definition.department = department.trim().to_string();
    }
    if let Some(category) = values.get(control::CATEGORY) {
        match from_code::<Category>(category) {
            Some(category) => definition.category = category,
            None => errors.add(control::CATEGORY, Message::new("error-choice")),
        }
    }
    if let Some(applicants) = values.get(control::APPLICANTS) {
        let chosen: Option<Vec<Applicant>> = applicants
            .split(',')
            .filter(|code| !code.is_empty())
            .map(from_code)
            .collect();
        match chosen {
            Some(chosen) => definition.applicants = chosen,
            None => errors.add(control::APPLICANTS, Message::new("error-choice")),
        }
    }
    if let Some(days) = values.get(control::PROCESSING_DAYS) {
        match days.trim().parse::<u32>() {
            Ok(days) if days > 0 => definition.processing_days = days,
            _ => errors.add(
                control::PROCESSING_DAYS,
                Message::new("admin-fields-error-days"),
            ),
        }
    }
    errors
}

/// Parses the kind chosen in a list of kinds. The list's first entry, text, has the empty
/// value, so a list shows it when nothing else is chosen.
pub fn kind_of(code: &str) -> Option<FieldKind> {
    match code {
        "" => Some(FieldKind::Text),
        code => from_code(code),
    }
}

/// Returns the trimmed value of control `name`, or an empty text when it was not sent.
fn value<'a>(values: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    values.get(name).map_or("", |value| value.trim())
}

/// Returns a text in both languages, or `None` when both are empty.
fn optional_text(values: &BTreeMap<String, String>, ru: &str, en: &str) -> Option<Localized> {
    let text = Localized {
        ru: value(values, ru).to_string(),
        en: value(values, en).to_string(),
    };
    (!text.ru.is_empty() || !text.en.is_empty()).then_some(text)
}

/// Parses an optional whole number of control `name`, adding an error when it is not one.
fn optional_number<T: std::str::FromStr>(
    values: &BTreeMap<String, String>,
    name: &str,
    errors: &mut FieldErrors,
) -> Option<T> {
    let typed = value(values, name);
    if typed.is_empty() {
        return None;
    }
    let number = typed.parse().ok();
    if number.is_none() {
        errors.add(name, Message::new("error-number"));
    }
    number
}

/// Reads the rows of options `option-N-value`, `option-N-ru`, `option-N-en` for N from 1
/// to `field-option-count`. A row left wholly empty is dropped.
fn read_options(values: &BTreeMap<String, String>) -> Vec<ChoiceOption> {
    let count: usize = value(values, control::FIELD_OPTION_COUNT)
        .parse()
        .unwrap_or(0);
    (1..=count)
        .map(|row| ChoiceOption {
            value: value(values, &control::option(row, "value")).to_string(),
            label: Localized {
                ru: value(values, &control::option(row, "ru")).to_string(),
                en: value(values, &control::option(row, "en")).to_string(),
            },
        })
        .filter(|option| {
            !option.value.is_empty() || !option.label.ru.is_empty() || !option.label.en.is_empty()
        })
        .collect()
}

/// Reads the questions of a group, `inner-N-…` for N from 1 to `field-inner-count`. A
/// question keeps the parts the form does not show (options, limits) from `previous`,
/// matched by its row.
fn read_inner_fields(
    values: &BTreeMap<String, String>,
    previous: &[FieldDef],
    errors: &mut FieldErrors,
) -> Vec<FieldDef> {
    let count: usize = value(values, control::FIELD_INNER_COUNT)
        .parse()
        .unwrap_or(0);
    let mut inner = Vec::new();
    for row in 1..=count {
        let name = value(values, &control::inner(row, "name")).to_string();
        let kind_name = control::inner(row, "kind");
        let Some(kind) = kind_of(value(values, &kind_name)) else {
            errors.add(kind_name, Message::new("error-choice"));
            continue;
        };
        let mut field = previous
            .get(row - 1)
            .cloned()
            .unwrap_or_else(|| new_field(String::new(), kind));
        field.name = name;
        field.kind = kind;
        field.label = Localized {
            ru: value(values, &control::inner(row, "ru")).to_string(),
            en: value(values, &control::inner(row, "en")).to_string(),
        };
        field.required = value(values, &control::inner(row, "required")) == "on";
        inner.push(field);
    }
    inner
}

/// Writes the values of the open field form into the field at `index`: its name (renamed
/// with [`rename_field`]), kind, texts, limits, options, condition and, for a group, its
/// item texts and questions. Returns the errors of values that do not parse, and leaves
/// the field unchanged when there are any.
pub fn apply_field_form(
    definition: &mut ServiceDefinition,
    index: usize,
    values: &BTreeMap<String, String>,
) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let Some(previous) = definition.fields.get(index).cloned() else {
        errors.add(
            control::FIELD_NAME,
            Message::new("admin-fields-error-missing"),
        );
        return errors;
    };
    let mut field = previous.clone();
    match kind_of(value(values, control::FIELD_KIND)) {
        Some(kind) => field.kind = kind,
        None => errors.add(control::FIELD_KIND, Message::new("error-choice")),
    }
    field.label = Localized {
        ru: value(values, control::FIELD_LABEL_RU).to_string(),
        en: value(values, control::FIELD_LABEL_EN).to_string(),
    };
    field.hint = optional_text(values, control::FIELD_HINT_RU, control::FIELD_HINT_EN);
    field.required = value(values, control::FIELD_REQUIRED) == "on";
    field.prefill = match value(values, control::FIELD_PREFILL) {
        "" => None,
        code => {
            let prefill = from_code::<ProfileField>(code);
            if prefill.is_none() {
                errors.add(control::FIELD_PREFILL, Message::new("error-choice"));
            }
            prefill
        }
    };
    field.min = optional_number(values, control::FIELD_MIN, &mut errors);
    field.max = optional_number(values, control::FIELD_MAX, &mut errors);
    field.max_length = optional_number(values, control::FIELD_MAX_LENGTH, &mut errors);
    field.shown_when = match value(values, control::FIELD_SHOWN_FIELD) {
        "" => None,
        other => Some(ShownWhen {
            field: other.to_string(),
            values: value(values, control::FIELD_SHOWN_VALUES)
                .split(',')
                .map(str::trim)
                .filter(|value| !value.is_empty())
                .map(str::to_string)
                .collect(),
        }),
    };
    let choice = matches!(field.kind, FieldKind::Choice | FieldKind::Several);
    field.options = if choice {
        read_options(values)
    } else {
        Vec::new()
    };
    if field.kind == FieldKind::Group {
        field.item_label = Some(Localized {
            ru: value(values, control::FIELD_ITEM_RU).to_string(),
            en: value(values, control::FIELD_ITEM_EN).to_string(),
        });
        field.add_label = Some(Localized {
            ru: value(values, control::FIELD_ADD_RU).to_string(),
            en: value(values, control::FIELD_ADD_EN).to_string(),
        });
        field.fields = read_inner_fields(values, &previous.fields, &mut errors);
        field.application_per_item = value(values, control::FIELD_PER_ITEM) == "on";
    } else {
        field.item_label = None;
        field.add_label = None;
        field.fields = Vec::new();
        field.application_per_item = false;
    }
    if !errors.is_empty() {
        return errors;
    }

    let name = value(values, control::FIELD_NAME).to_string();
    definition.fields[index] = field;
    if let Err(message) = rename_field(definition, index, &name) {
        definition.fields[index] = previous;
        errors.add(control::FIELD_NAME, message);
    }
    errors
}

/// Writes the values of the open document form into the document at `index`.
pub fn apply_document_form(
    definition: &mut ServiceDefinition,
    index: usize,
    values: &BTreeMap<String, String>,
) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let max_files = optional_number::<u32>(values, control::DOCUMENT_MAX_FILES, &mut errors);
    let Some(document) = definition.documents.get_mut(index) else {
        errors.add(
            control::DOCUMENT_CODE,
            Message::new("admin-fields-error-missing"),
        );
        return errors;
    };
    if !errors.is_empty() {
        return errors;
    }
    document.code = value(values, control::DOCUMENT_CODE).to_string();
    document.title = Localized {
        ru: value(values, control::DOCUMENT_TITLE_RU).to_string(),
        en: value(values, control::DOCUMENT_TITLE_EN).to_string(),
    };
    document.hint = optional_text(values, control::DOCUMENT_HINT_RU, control::DOCUMENT_HINT_EN);
    document.required = value(values, control::DOCUMENT_REQUIRED) == "on";
    document.max_files = max_files.unwrap_or(1);
    errors
}

/// Returns the control a problem of the definition concerns, and the field or document
/// whose form must be open to show it. Problems of the whole definition name a settings
/// control, or [`control::STEPS`] for the steps.
pub fn problem_control(
    definition: &ServiceDefinition,
    problem: &DefinitionProblem,
) -> (Option<Target>, String) {
    let key = problem.message.key.as_str();
    let parts: Vec<&str> = problem.field.split('.').collect();
    match parts.as_slice() {
        ["fields", name, "fields", inner] => {
            let index = field_index(definition, name);
            let row = index
                .and_then(|index| {
                    definition.fields[index]
                        .fields
                        .iter()
                        .rposition(|field| field.name == *inner)
                })
                .map_or(1, |row| row + 1);
            let part = match key {
                "definition-group-field-name" => "name",
                "definition-label-missing" => "ru",
                _ => "kind",
            };
            (index.map(Target::Field), control::inner(row, part))
        }
        ["fields", name] => {
            let control = match key {
                "definition-options-missing" => control::FIELD_OPTIONS,
                "definition-min-above-max" | "definition-group-range" => control::FIELD_MIN,
                "definition-fields-outside-group" => control::FIELD_KIND,
                "definition-shown-when-unknown" | "definition-shown-when-kind" => {
                    control::FIELD_SHOWN_FIELD
                }
                "definition-shown-when-value" => control::FIELD_SHOWN_VALUES,
                "definition-group-parts" => control::FIELD_ITEM_RU,
                "definition-per-item-not-group"
                | "definition-per-item-twice"
                | "definition-per-item-required" => control::FIELD_PER_ITEM,
                "definition-label-missing" => {
                    let blank_ru = field_index(definition, name)
                        .is_some_and(|index| definition.fields[index].label.ru.trim().is_empty());
                    if blank_ru {
                        control::FIELD_LABEL_RU
                    } else {
                        control::FIELD_LABEL_EN
                    }
                }
                _ => control::FIELD_NAME,
            };
            (
                field_index(definition, name).map(Target::Field),
                control.to_string(),
            )
        }
        ["documents", code] => {
            let control = match key {
                "definition-document-max-files" => control::DOCUMENT_MAX_FILES,
                "definition-document-title-missing" => control::DOCUMENT_TITLE_RU,
                _ => control::DOCUMENT_CODE,
            };
            let index = definition
                .documents
                .iter()
                .rposition(|document| document.code == *code);
            (index.map(Target::Document), control.to_string())
        }
        ["code"] => (None, control::CODE.to_string()),
        ["applicants"] => (None, control::APPLICANTS.to_string()),
        ["department"] => (None, control::DEPARTMENT.to_string()),
        [key] if SETTING_TEXTS.contains(key) => {
            let language = if setting_text(definition, key).ru.trim().is_empty() {
                "ru"
            } else {
                "en"
            };
            (None, control::setting_text(key, language))
        }
        _ => (None, control::STEPS.to_string()),
    }
}

/// Returns the index of the field `name`; for a name given twice, the later one, which
/// is where the check finds the problem.
fn field_index(definition: &ServiceDefinition, name: &str) -> Option<usize> {
    definition
        .fields
        .iter()
        .rposition(|field| field.name == name)
}

#[cfg(test)]
mod tests;
