//! Services of the catalogue, described as data, and the check of an application's answers.
//!
//! A service's form is a list of [`FieldDef`]s and [`DocumentDef`]s read from the
//! catalogue. [`validate_answers`] checks what a person typed against it, in the browser
//! before sending and on the server before saving.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::locale::Locale;
use crate::message::{FieldErrors, Message};
use crate::query::{QueryError, search_words};
use crate::validate;

mod check;
pub mod edit;

pub use check::DefinitionProblem;

/// A text in each interface language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub ru: String,
    pub en: String,
}

impl Localized {
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Ru => &self.ru,
            Locale::En => &self.en,
        }
    }
}

/// Sections of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Taxes,
    PassportsRegistration,
    SocialSupport,
    Family,
    Transport,
    Business,
    Health,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::PassportsRegistration,
        Category::Family,
        Category::SocialSupport,
        Category::Health,
        Category::Taxes,
        Category::Transport,
        Category::Business,
    ];

    /// The code used in definitions and URLs, e.g. `social_support`.
    pub fn code(self) -> &'static str {
        match self {
            Category::Taxes => "taxes",
            Category::PassportsRegistration => "passports_registration",
            Category::SocialSupport => "social_support",
            Category::Family => "family",
            Category::Transport => "transport",
            Category::Business => "business",
            Category::Health => "health",
        }
    }

    pub fn parse(code: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|category| category.code() == code)
    }

    /// The translation key of the category's name.
    pub fn message_key(self) -> &'static str {
        match self {
            Category::Taxes => "category-taxes",
            Category::PassportsRegistration => "category-passports-registration",
            Category::SocialSupport => "category-social-support",
            Category::Family => "category-family",
            Category::Transport => "category-transport",
            Category::Business => "category-business",
            Category::Health => "category-health",
        }
    }
}

/// Who may apply for a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicant {
    Citizen,
    Representative,
}

/// A value of the person's profile that can fill a form field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileField {
    Surname,
    GivenName,
    Patronymic,
    BirthDate,
    Phone,
    Email,
    Snils,
    Inn,
    FormerNames,
    BirthPlace,
    /// Series and number of the internal passport, as `45 10 123456`.
    Passport,
    PassportIssueDate,
    PassportIssuedBy,
    PassportSubdivisionCode,
    /// Postcode and address, as `125009, г. Москва, …`.
    RegistrationAddress,
    /// Where the person lives: the residence address, or the registration address when
    /// they live there.
    ResidenceAddress,
}

impl ProfileField {
    /// Every profile value, in the order the constructor offers them.
    pub const ALL: [ProfileField; 16] = [
        ProfileField::Surname,
        ProfileField::GivenName,
        ProfileField::Patronymic,
        ProfileField::BirthDate,
        ProfileField::BirthPlace,
        ProfileField::FormerNames,
        ProfileField::Phone,
        ProfileField::Email,
        ProfileField::Snils,
        ProfileField::Inn,
        ProfileField::Passport,
        ProfileField::PassportIssueDate,
        ProfileField::PassportIssuedBy,
        ProfileField::PassportSubdivisionCode,
        ProfileField::RegistrationAddress,
        ProfileField::ResidenceAddress,
    ];
}

/// What a field accepts; each kind has its validator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of free text.
    Text,
    /// Several lines of free text.
    LongText,
    /// A surname, given name or patronymic.
    PersonName,
    Date,
    /// The birth date of the applicant: in the past, at least 14 and at most 130 years ago.
    BirthDate,
    /// A date that has passed, at most 130 years ago, such as a child's birth date.
    PastDate,
    /// One of `options`.
    Choice,
    /// Any number of `options`, stored as their values joined by commas.
    Several,
    /// "Да" or "Нет", stored as `yes` or `no`.
    YesNo,
    /// A whole number, within `min` and `max` when given.
    Number,
    Phone,
    Email,
    Snils,
    /// A person's INN of 12 digits.
    Inn,
    /// Passport series and number.
    Passport,
    /// Subdivision code of the authority that issued a passport, `NNN-NNN`.
    SubdivisionCode,
    /// A list of items, each asking the group's own `fields`, such as the children of a
    /// family. The answer under the group's name is the number of items; the answers of
    /// item N are stored as `group.N.field`, N counting from 1. `min` and `max` bound
    /// the number of items.
    Group,
}

impl FieldKind {
    /// Every kind, in the order the constructor offers them.
    pub const ALL: [FieldKind; 17] = [
        FieldKind::Text,
        FieldKind::LongText,
        FieldKind::PersonName,
        FieldKind::Date,
        FieldKind::BirthDate,
        FieldKind::PastDate,
        FieldKind::Choice,
        FieldKind::Several,
        FieldKind::YesNo,
        FieldKind::Number,
        FieldKind::Phone,
        FieldKind::Email,
        FieldKind::Snils,
        FieldKind::Inn,
        FieldKind::Passport,
        FieldKind::SubdivisionCode,
        FieldKind::Group,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Localized,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDef {
    /// The form name of the field, `[a-z][a-z0-9_]*`.
    pub name: String,
    pub label: Localized,
    #[serde(default)]
    pub hint: Option<Localized>,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// The profile value that fills this field when the person has it.
    #[serde(default)]
    pub prefill: Option<ProfileField>,
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// Maximum length in characters for text kinds; 500 when not given.
    #[serde(default)]
    pub max_length: Option<usize>,
    /// The HTML `autocomplete` token, so browsers and assistive tools can fill the field.
    #[serde(default)]
    pub autocomplete: Option<String>,
    /// Smallest number a `number` field accepts, or the fewest items of a `group`.
    #[serde(default)]
    pub min: Option<i64>,
    /// Largest number a `number` field accepts, or the most items of a `group`.
    #[serde(default)]
    pub max: Option<i64>,
    /// The field is asked only when an earlier answer has one of the given values;
    /// otherwise it is neither required nor kept.
    #[serde(default)]
    pub shown_when: Option<ShownWhen>,
    /// The questions of each item of a `group`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldDef>,
    /// The name of one item of a `group`, shown with its number: "Ребёнок 2".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_label: Option<Localized>,
    /// The text of the button that adds an item to a `group`: "Добавить ребёнка".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_label: Option<Localized>,
    /// For a `group`: each item becomes an application of its own that carries the other
    /// answers and the documents of the form, so one form applies for several children.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub application_per_item: bool,
}

/// Most items a group may allow, and the default when its definition sets no `max`.
pub const GROUP_ITEMS_LIMIT: usize = 20;
pub const GROUP_ITEMS_DEFAULT: usize = 10;

impl FieldDef {
    /// Returns the maximum number of items of a group.
    pub fn max_items(&self) -> usize {
        self.max
            .and_then(|max| usize::try_from(max).ok())
            .unwrap_or(GROUP_ITEMS_DEFAULT)
            .min(GROUP_ITEMS_LIMIT)
    }

    /// Returns the minimum number of items of a group: `min`, or one when the group is
    /// required.
    pub fn min_items(&self) -> usize {
        self.min
            .and_then(|min| usize::try_from(min).ok())
            .unwrap_or(usize::from(self.required))
    }

    /// Returns the name of item `index` of a group: "Ребёнок 2".
    pub fn item_name(&self, index: usize, locale: Locale) -> String {
        match &self.item_label {
            Some(label) => format!("{} {index}", label.get(locale)),
            None => format!("{} {index}", self.label.get(locale)),
        }
    }
}

/// Returns the form name of `field` in item `index` of `group`: `children.2.surname`.
pub fn item_key(group: &str, index: usize, field: &str) -> String {
    format!("{group}.{index}.{field}")
}

/// Counts the items of `group` in the values: the number under the group's name, or the
/// highest item with a value when that is larger, and never more than the group allows.
pub fn group_items(group: &FieldDef, values: &BTreeMap<String, String>) -> usize {
    let counted = values
        .get(&group.name)
        .and_then(|count| count.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let prefix = format!("{}.", group.name);
    let highest = values
        .range(prefix.clone()..)
        .take_while(|(key, _)| key.starts_with(&prefix))
        .filter_map(|(key, _)| key[prefix.len()..].split('.').next()?.parse::<usize>().ok())
        .max()
        .unwrap_or(0);
    counted.max(highest).min(group.max_items())
}

/// Adds an empty item to `group`, unless it has as many as it allows. Returns the number
/// of the new item.
pub fn add_item(group: &FieldDef, values: &mut BTreeMap<String, String>) -> Option<usize> {
    let count = group_items(group, values);
    if count >= group.max_items() {
        return None;
    }
    values.insert(group.name.clone(), (count + 1).to_string());
    Some(count + 1)
}

/// Removes item `index` of `group`; the items after it move up by one.
pub fn remove_item(group: &FieldDef, values: &mut BTreeMap<String, String>, index: usize) {
    let count = group_items(group, values);
    if index == 0 || index > count {
        return;
    }
    for item in index..=count {
        for field in &group.fields {
            let next = values.remove(&item_key(&group.name, item + 1, &field.name));
            let key = item_key(&group.name, item, &field.name);
            match next {
                Some(value) if item < count => {
                    values.insert(key, value);
                }
                _ => {
                    values.remove(&key);
                }
            }
        }
    }
    values.insert(group.name.clone(), (count - 1).to_string());
}

/// A condition on an earlier choice, yes/no or several-choice field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownWhen {
    pub field: String,
    pub values: Vec<String>,
}

impl ShownWhen {
    /// Whether the condition holds for the normalised answers given so far.
    pub fn holds(&self, answers: &BTreeMap<String, String>) -> bool {
        answers.get(&self.field).is_some_and(|answer| {
            answer
                .split(',')
                .any(|value| self.values.iter().any(|wanted| wanted == value))
        })
    }
}

/// A document to attach: one or more files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentDef {
    pub code: String,
    pub title: Localized,
    #[serde(default)]
    pub hint: Option<Localized>,
    #[serde(default)]
    pub required: bool,
    /// How many files this document may have; 1 when not given.
    #[serde(default = "one")]
    pub max_files: u32,
}

fn one() -> u32 {
    1
}

/// A service as a department publishes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDefinition {
    pub code: String,
    /// The code of the department that processes applications.
    pub department: String,
    pub category: Category,
    pub title: Localized,
    pub summary: Localized,
    pub description: Localized,
    pub applicants: Vec<Applicant>,
    /// The processing deadline in working days.
    pub processing_days: u32,
    pub result: Localized,
    pub fields: Vec<FieldDef>,
    #[serde(default)]
    pub documents: Vec<DocumentDef>,
    /// Codes of the grounds for refusal, from the catalogue's common list, that the
    /// service's regulation allows, in the order officials see them. Empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refusal_reasons: Vec<String>,
    /// The pages of a long form, in order. Empty means one page with everything.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepDef>,
}

/// One page of a long form: some of its fields, in the order of the definition, or its
/// documents, or both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDef {
    pub title: Localized,
    /// Names of the fields on this page.
    #[serde(default)]
    pub fields: Vec<String>,
    /// Whether the documents are attached on this page.
    #[serde(default)]
    pub documents: bool,
}

/// One answer of a filled form as it is read back: a field, or a field of one item of a
/// group.
#[derive(Clone, Debug)]
pub struct Slot<'a> {
    /// The key of the answer, `surname` or `children.2.surname`.
    pub key: String,
    pub field: &'a FieldDef,
    /// The group and the number of the item, for a field of a group.
    pub item: Option<(&'a FieldDef, usize)>,
}

impl Slot<'_> {
    /// Returns the question as a reader sees it: "Фамилия", or "Ребёнок 2: Фамилия".
    pub fn label(&self, locale: Locale) -> String {
        match self.item {
            Some((group, index)) => format!(
                "{}: {}",
                group.item_name(index, locale),
                self.field.label.get(locale)
            ),
            None => self.field.label.get(locale).to_string(),
        }
    }
}

/// Default maximum length of text answers, in characters.
pub const DEFAULT_MAX_LENGTH: usize = 500;

impl ServiceDefinition {
    /// Returns the number of pages of the form, at least one.
    pub fn step_count(&self) -> usize {
        self.steps.len().max(1)
    }

    /// The page, counting from 1, on which the answer or document `key` is asked.
    pub fn step_of(&self, key: &str) -> usize {
        let base = key.split('.').next().unwrap_or(key);
        self.steps
            .iter()
            .position(|step| {
                if key.starts_with("doc_") {
                    step.documents
                } else {
                    step.fields.iter().any(|name| name == base)
                }
            })
            .map_or(1, |index| index + 1)
    }

    /// The fields asked on page `step`, counting from 1.
    pub fn step_fields(&self, step: usize) -> Vec<&FieldDef> {
        match self.steps.get(step.wrapping_sub(1)) {
            Some(page) => self
                .fields
                .iter()
                .filter(|field| page.fields.contains(&field.name))
                .collect(),
            None if self.steps.is_empty() => self.fields.iter().collect(),
            None => Vec::new(),
        }
    }

    /// Whether the documents are attached on page `step`.
    pub fn step_has_documents(&self, step: usize) -> bool {
        match self.steps.get(step.wrapping_sub(1)) {
            Some(page) => page.documents,
            None => self.steps.is_empty(),
        }
    }

    /// Whether `key` names an answer of this form: a field, or a field of an item of a
    /// group within the number of items the group allows.
    pub fn accepts(&self, key: &str) -> bool {
        let mut parts = key.splitn(3, '.');
        let (Some(name), index, inner) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        let Some(field) = self.field(name) else {
            return false;
        };
        match (index, inner) {
            (None, None) => true,
            (Some(index), Some(inner)) => {
                field.kind == FieldKind::Group
                    && index
                        .parse::<usize>()
                        .is_ok_and(|index| (1..=field.max_items()).contains(&index))
                    && !index.starts_with('0')
                    && field.fields.iter().any(|sub| sub.name == inner)
            }
            _ => false,
        }
    }

    /// The answers present in `answers`, in the order of the form: each field, and for a
    /// group each of its items' fields.
    pub fn slots(&self, answers: &BTreeMap<String, String>) -> Vec<Slot<'_>> {
        let mut slots = Vec::new();
        for field in &self.fields {
            if field.kind != FieldKind::Group {
                if answers.contains_key(&field.name) {
                    slots.push(Slot {
                        key: field.name.clone(),
                        field,
                        item: None,
                    });
                }
                continue;
            }
            for index in 1..=group_items(field, answers) {
                for inner in &field.fields {
                    let key = item_key(&field.name, index, &inner.name);
                    if answers.contains_key(&key) {
                        slots.push(Slot {
                            key,
                            field: inner,
                            item: Some((field, index)),
                        });
                    }
                }
            }
        }
        slots
    }

    pub fn field(&self, name: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|field| field.name == name)
    }

    /// Returns the group whose items each become an application of their own, if any.
    pub fn per_item_group(&self) -> Option<&FieldDef> {
        self.fields
            .iter()
            .find(|field| field.kind == FieldKind::Group && field.application_per_item)
    }

    /// Splits checked answers into the answers of each application they make. A form with
    /// a [per-item group](Self::per_item_group) makes one application per item, each with
    /// the other answers and that item as item 1. Any other form makes one application.
    pub fn split_per_item(
        &self,
        answers: &BTreeMap<String, String>,
    ) -> Vec<BTreeMap<String, String>> {
        let Some(group) = self.per_item_group() else {
            return vec![answers.clone()];
        };
        let items = group_items(group, answers);
        if items == 0 {
            return vec![answers.clone()];
        }
        let prefix = format!("{}.", group.name);
        let common: BTreeMap<String, String> = answers
            .iter()
            .filter(|(key, _)| **key != group.name && !key.starts_with(&prefix))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        (1..=items)
            .map(|index| {
                let mut one = common.clone();
                one.insert(group.name.clone(), "1".to_string());
                for inner in &group.fields {
                    if let Some(value) = answers.get(&item_key(&group.name, index, &inner.name)) {
                        one.insert(item_key(&group.name, 1, &inner.name), value.clone());
                    }
                }
                one
            })
            .collect()
    }

    pub fn document(&self, code: &str) -> Option<&DocumentDef> {
        self.documents.iter().find(|document| document.code == code)
    }
}

/// Checks the items of a group. An item left wholly empty is dropped and the rest are
/// numbered again from 1 in the answers, while errors keep the numbers the form shows.
fn validate_group(
    group: &FieldDef,
    raw: &BTreeMap<String, String>,
    today: NaiveDate,
    answers: &mut BTreeMap<String, String>,
    errors: &mut FieldErrors,
) {
    let typed = |index: usize, inner: &FieldDef| {
        raw.get(&item_key(&group.name, index, &inner.name))
            .map(|value| value.trim())
            .unwrap_or("")
    };
    let mut kept = 0;
    for index in 1..=group_items(group, raw) {
        if group
            .fields
            .iter()
            .all(|inner| typed(index, inner).is_empty())
        {
            continue;
        }
        kept += 1;
        for inner in &group.fields {
            let key = item_key(&group.name, index, &inner.name);
            let value = typed(index, inner);
            if value.is_empty() {
                if inner.required {
                    errors.add(&key, Message::new("error-required"));
                }
                continue;
            }
            if let Some(value) = errors.check(&key, validate_field(inner, value, today)) {
                answers.insert(item_key(&group.name, kept, &inner.name), value);
            }
        }
    }
    if kept < group.min_items() {
        let message = if kept == 0 {
            Message::new("error-group-empty")
        } else {
            Message::new("error-group-min").arg("min", group.min_items())
        };
        errors.add(&group.name, message);
    }
    if kept > 0 {
        answers.insert(group.name.clone(), kept.to_string());
    }
}

/// Checks the typed answers against the form and returns them normalised (dates as
/// `YYYY-MM-DD`, phones in E.164, SNILS and INN as digits). Answers to unknown fields are
/// dropped; an empty optional field is left out.
pub fn validate_answers(
    definition: &ServiceDefinition,
    raw: &BTreeMap<String, String>,
    today: NaiveDate,
) -> Result<BTreeMap<String, String>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut answers = BTreeMap::new();

    for field in &definition.fields {
        if field
            .shown_when
            .as_ref()
            .is_some_and(|condition| !condition.holds(&answers))
        {
            continue;
        }
        if field.kind == FieldKind::Group {
            validate_group(field, raw, today, &mut answers, &mut errors);
            continue;
        }
        let typed = raw.get(&field.name).map(|value| value.trim()).unwrap_or("");
        if typed.is_empty() {
            if field.required {
                errors.add(&field.name, Message::new("error-required"));
            }
            continue;
        }
        if let Some(value) = errors.check(&field.name, validate_field(field, typed, today)) {
            answers.insert(field.name.clone(), value);
        }
    }

    errors.into_result(answers)
}

/// Checks one non-empty answer and returns its normalised form.
pub fn validate_field(field: &FieldDef, typed: &str, today: NaiveDate) -> Result<String, Message> {
    match field.kind {
        FieldKind::Text | FieldKind::LongText => {
            validate::text::max_chars(typed, field.max_length.unwrap_or(DEFAULT_MAX_LENGTH))?;
            Ok(typed.to_string())
        }
        FieldKind::PersonName => Ok(validate::name::parse(typed, true)?.unwrap_or_default()),
        FieldKind::Date => Ok(validate::date::parse(typed)?.to_string()),
        FieldKind::BirthDate => {
            let date = validate::date::parse(typed)?;
            Ok(validate::date::birth_date(date, today)?.to_string())
        }
        FieldKind::PastDate => {
            let date = validate::date::parse(typed)?;
            Ok(validate::date::past_date(date, today)?.to_string())
        }
        FieldKind::Choice => field
            .options
            .iter()
            .find(|option| option.value == typed)
            .map(|option| option.value.clone())
            .ok_or_else(|| Message::new("error-choice")),
        FieldKind::Several => {
            let chosen: Vec<&str> = typed.split(',').map(str::trim).collect();
            if chosen
                .iter()
                .any(|value| !field.options.iter().any(|option| option.value == *value))
            {
                return Err(Message::new("error-choice"));
            }
            // Kept in the order of the options, each once.
            Ok(field
                .options
                .iter()
                .filter(|option| chosen.contains(&option.value.as_str()))
                .map(|option| option.value.as_str())
                .collect::<Vec<_>>()
                .join(","))
        }
        FieldKind::YesNo => match typed {
            "yes" | "no" => Ok(typed.to_string()),
            _ => Err(Message::new("error-choice")),
        },
        FieldKind::Number => {
            let digits: String = typed
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
                .collect();
            let number: i64 = digits.parse().map_err(|_| Message::new("error-number"))?;
            if let Some(min) = field.min
                && number < min
            {
                return Err(Message::new("error-number-min").arg("min", min));
            }
            if let Some(max) = field.max
                && number > max
            {
                return Err(Message::new("error-number-max").arg("max", max));
            }
            Ok(number.to_string())
        }
        FieldKind::Phone => validate::phone::normalize_mobile(typed),
        FieldKind::Email => validate::email::normalize(typed),
        FieldKind::Snils => validate::snils::parse(typed),
        FieldKind::Inn => validate::inn::parse_person(typed),
        FieldKind::Passport => {
            let passport = validate::passport::parse(typed)?;
            Ok(format!("{} {}", passport.series, passport.number))
        }
        FieldKind::SubdivisionCode => validate::passport::parse_subdivision_code(typed),
        // A group's own answer is the number of its items; `validate_answers` checks the
        // items themselves.
        FieldKind::Group => typed
            .parse::<usize>()
            .ok()
            .filter(|count| *count <= field.max_items())
            .map(|count| count.to_string())
            .ok_or_else(|| Message::new("error-number")),
    }
}

/// Turns a stored answer back into what its form field shows, so that it can be corrected
/// and checked again: SNILS with separators and the phone in groups. Dates stay as
/// `YYYY-MM-DD`, the value of a date input, and so do option values and other answers.
pub fn form_value(field: &FieldDef, value: &str) -> String {
    match field.kind {
        FieldKind::Snils | FieldKind::Phone => display_answer(field, value, crate::Locale::Ru),
        _ => value.to_string(),
    }
}

/// Formats a stored answer for reading: the option's label, SNILS with separators, the
/// phone in groups, a date as `DD.MM.YYYY`.
pub fn display_answer(field: &FieldDef, value: &str, locale: Locale) -> String {
    match field.kind {
        FieldKind::Choice => field
            .options
            .iter()
            .find(|option| option.value == value)
            .map(|option| option.label.get(locale).to_string())
            .unwrap_or_else(|| value.to_string()),
        FieldKind::Several => value
            .split(',')
            .map(|chosen| {
                field
                    .options
                    .iter()
                    .find(|option| option.value == chosen)
                    .map_or_else(
                        || chosen.to_string(),
                        |option| option.label.get(locale).to_string(),
                    )
            })
            .collect::<Vec<_>>()
            .join(", "),
        FieldKind::YesNo => crate::i18n::text(
            locale,
            if value == "yes" {
                "answer-yes"
            } else {
                "answer-no"
            },
        ),
        FieldKind::Snils => validate::snils::format(value),
        FieldKind::Phone => validate::phone::format_display(value),
        FieldKind::Date | FieldKind::BirthDate | FieldKind::PastDate => {
            NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map(|date| date.format("%d.%m.%Y").to_string())
                .unwrap_or_else(|_| value.to_string())
        }
        _ => value.to_string(),
    }
}

/// The catalogue search as it travels in a URL query: words `q` and a `category` code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub category: String,
}

/// A checked catalogue search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogueFilter {
    /// Lower-cased words, each of which must match a service.
    pub words: Vec<String>,
    pub category: Option<Category>,
}

impl CatalogueQuery {
    /// Checks the query. An unknown category is an error, so nobody reads the whole
    /// catalogue while believing it filtered.
    pub fn parse(&self) -> Result<CatalogueFilter, Vec<QueryError>> {
        let category = match self.category.trim() {
            "" => None,
            code => match Category::parse(code) {
                Some(category) => Some(category),
                None => return Err(vec![QueryError::new("category", "error-category")]),
            },
        };
        Ok(CatalogueFilter {
            words: search_words(&self.q),
            category,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_codes_match_definition_names() {
        for category in Category::ALL {
            let quoted = serde_json::to_string(&category).unwrap();
            assert_eq!(quoted, format!("\"{}\"", category.code()));
            assert_eq!(Category::parse(category.code()), Some(category));
        }
        assert_eq!(Category::parse("Taxes"), None);
    }

    #[test]
    fn catalogue_query_names_unknown_category() {
        let query = CatalogueQuery {
            q: "Паспорт  паспорт".into(),
            category: "passports_registration".into(),
        };
        let filter = query.parse().unwrap();
        assert_eq!(filter.words, ["паспорт"]);
        assert_eq!(filter.category, Some(Category::PassportsRegistration));
        let unknown = CatalogueQuery {
            category: "lottery".into(),
            ..CatalogueQuery::default()
        };
        assert_eq!(
            unknown.parse().unwrap_err(),
            [QueryError::new("category", "error-category")]
        );
    }

    fn localized(text: &str) -> Localized {
        Localized {
            ru: text.to_string(),
            en: text.to_string(),
        }
    }

    fn field(name: &str, kind: FieldKind, required: bool) -> FieldDef {
        FieldDef {
            name: name.to_string(),
            label: localized(name),
            hint: None,
            kind,
            required,
            prefill: None,
            options: Vec::new(),
            max_length: None,
            autocomplete: None,
            min: None,
            max: None,
            shown_when: None,
            fields: Vec::new(),
            item_label: None,
            add_label: None,
            application_per_item: false,
        }
    }

    fn with_options(mut field: FieldDef, values: &[&str]) -> FieldDef {
        field.options = values
            .iter()
            .map(|value| ChoiceOption {
                value: value.to_string(),
                label: localized(&format!("label {value}")),
            })
            .collect();
        field
    }

    fn shown_when(mut field: FieldDef, on: &str, values: &[&str]) -> FieldDef {
        field.shown_when = Some(ShownWhen {
            field: on.to_string(),
            values: values.iter().map(|value| value.to_string()).collect(),
        });
        field
    }

    #[test]
    fn numbers_are_checked_against_range() {
        let mut children = field("children", FieldKind::Number, true);
        children.min = Some(1);
        children.max = Some(20);
        let cases = [
            ("3", Ok("3".to_string())),
            (" 1 2 ", Ok("12".to_string())),
            ("0", Err("error-number-min")),
            ("21", Err("error-number-max")),
            ("-1", Err("error-number-min")),
            ("2.5", Err("error-number")),
            ("три", Err("error-number")),
            ("99999999999999999999", Err("error-number")),
        ];
        for (typed, expected) in cases {
            let result = validate_field(&children, typed, today()).map_err(|message| message.key);
            assert_eq!(result, expected.map_err(str::to_string), "{typed}");
        }
    }

    #[test]
    fn several_choices_keep_option_order() {
        let documents = with_options(field("need", FieldKind::Several, true), &["a", "b", "c"]);
        assert_eq!(validate_field(&documents, "c,a", today()).unwrap(), "a,c");
        assert_eq!(validate_field(&documents, "b,b", today()).unwrap(), "b");
        assert_eq!(
            validate_field(&documents, "a,x", today()).unwrap_err().key,
            "error-choice"
        );
        assert_eq!(
            display_answer(&documents, "a,c", Locale::Ru),
            "label a, label c"
        );
    }

    #[test]
    fn yes_no_reads_in_each_language() {
        let agree = field("agree", FieldKind::YesNo, true);
        assert_eq!(validate_field(&agree, "yes", today()).unwrap(), "yes");
        assert_eq!(
            validate_field(&agree, "да", today()).unwrap_err().key,
            "error-choice"
        );
        assert_eq!(display_answer(&agree, "yes", Locale::Ru), "Да");
        assert_eq!(display_answer(&agree, "no", Locale::En), "No");
    }

    #[test]
    fn hidden_field_is_neither_required_nor_kept() {
        let delivery = with_options(
            field("delivery", FieldKind::Choice, true),
            &["online", "post"],
        );
        let address = shown_when(
            field("address", FieldKind::Text, true),
            "delivery",
            &["post"],
        );
        let definition = definition(vec![delivery, address]);

        let online = validate_answers(
            &definition,
            &answers(&[("delivery", "online"), ("address", "г. Пермь")]),
            today(),
        )
        .unwrap();
        assert_eq!(online, answers(&[("delivery", "online")]));

        let missing =
            validate_answers(&definition, &answers(&[("delivery", "post")]), today()).unwrap_err();
        assert_eq!(missing.get("address").unwrap().key, "error-required");

        let by_post = validate_answers(
            &definition,
            &answers(&[("delivery", "post"), ("address", "г. Пермь")]),
            today(),
        )
        .unwrap();
        assert_eq!(by_post.get("address").map(String::as_str), Some("г. Пермь"));
    }

    #[test]
    fn condition_must_name_earlier_choice() {
        let later = definition(vec![
            shown_when(
                field("address", FieldKind::Text, false),
                "delivery",
                &["post"],
            ),
            with_options(field("delivery", FieldKind::Choice, true), &["post"]),
        ]);
        assert!(
            later
                .check()
                .unwrap_err()
                .to_string()
                .contains("not an earlier field")
        );
        let on_text = definition(vec![
            field("name", FieldKind::Text, true),
            shown_when(field("address", FieldKind::Text, false), "name", &["x"]),
        ]);
        assert!(
            on_text
                .check()
                .unwrap_err()
                .to_string()
                .contains("needs a choice")
        );
        let typo = definition(vec![
            with_options(field("delivery", FieldKind::Choice, true), &["post"]),
            shown_when(
                field("address", FieldKind::Text, false),
                "delivery",
                &["psot"],
            ),
        ]);
        assert!(
            typo.check()
                .unwrap_err()
                .to_string()
                .contains("value `psot` is not an answer")
        );
        let yes_no = definition(vec![
            field("agree", FieldKind::YesNo, true),
            shown_when(field("why", FieldKind::Text, false), "agree", &["no"]),
        ]);
        assert_eq!(yes_no.check(), Ok(()));
        let mut range = field("count", FieldKind::Number, true);
        range.min = Some(5);
        range.max = Some(1);
        assert!(
            definition(vec![range])
                .check()
                .unwrap_err()
                .to_string()
                .contains("min (5) is larger than max (1)")
        );
    }

    fn definition(fields: Vec<FieldDef>) -> ServiceDefinition {
        ServiceDefinition {
            code: "test".into(),
            department: "mvd".into(),
            category: Category::PassportsRegistration,
            title: localized("t"),
            summary: localized("s"),
            description: localized("d"),
            applicants: vec![Applicant::Citizen],
            processing_days: 10,
            result: localized("r"),
            fields,
            documents: Vec::new(),
            refusal_reasons: Vec::new(),
            steps: Vec::new(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    }

    fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn answers_are_normalised() {
        let definition = definition(vec![
            field("snils", FieldKind::Snils, true),
            field("phone", FieldKind::Phone, true),
            field("birth", FieldKind::BirthDate, true),
        ]);
        let raw = answers(&[
            ("snils", "112-233-445 95"),
            ("phone", "8 (912) 345-67-89"),
            ("birth", "01.02.1990"),
        ]);

        let valid = validate_answers(&definition, &raw, today()).unwrap();

        assert_eq!(valid["snils"], "11223344595");
        assert_eq!(valid["phone"], "+79123456789");
        assert_eq!(valid["birth"], "1990-02-01");
    }

    #[test]
    fn every_bad_field_gets_its_message() {
        let definition = definition(vec![
            field("snils", FieldKind::Snils, true),
            field("note", FieldKind::Text, true),
            field("extra", FieldKind::Text, false),
        ]);
        let raw = answers(&[("snils", "112-233-445 98"), ("note", "   ")]);

        let errors = validate_answers(&definition, &raw, today()).unwrap_err();

        assert_eq!(
            errors.get("snils").map(|m| m.key.as_str()),
            Some("error-snils-checksum")
        );
        assert_eq!(
            errors.get("note").map(|m| m.key.as_str()),
            Some("error-required")
        );
        assert!(errors.get("extra").is_none());
    }

    #[test]
    fn choice_outside_options_is_rejected() {
        let mut choice = field("reason", FieldKind::Choice, true);
        choice.options = vec![ChoiceOption {
            value: "age_20".into(),
            label: localized("20"),
        }];
        let definition = definition(vec![choice]);

        let errors =
            validate_answers(&definition, &answers(&[("reason", "age_99")]), today()).unwrap_err();

        assert_eq!(
            errors.get("reason").map(|m| m.key.as_str()),
            Some("error-choice")
        );
    }

    #[test]
    fn unknown_answers_are_dropped() {
        let definition = definition(vec![field("note", FieldKind::Text, false)]);
        let valid = validate_answers(
            &definition,
            &answers(&[("note", "x"), ("admin", "1")]),
            today(),
        )
        .unwrap();
        assert_eq!(valid.len(), 1);
    }

    #[test]
    fn text_longer_than_limit_is_rejected() {
        let mut note = field("note", FieldKind::Text, true);
        note.max_length = Some(5);
        let definition = definition(vec![note]);

        let at_limit = validate_answers(&definition, &answers(&[("note", "ёжики")]), today());
        let over = validate_answers(&definition, &answers(&[("note", "ёжиков")]), today());

        assert!(at_limit.is_ok());
        assert_eq!(
            over.unwrap_err().get("note").map(|m| m.key.as_str()),
            Some("error-too-long")
        );
    }

    #[test]
    fn check_rejects_duplicate_and_reserved_names() {
        let duplicate = definition(vec![
            field("a", FieldKind::Text, false),
            field("a", FieldKind::Text, false),
        ]);
        let reserved = definition(vec![field("request_key", FieldKind::Text, false)]);

        assert!(duplicate.check().unwrap_err().to_string().contains("`a`"));
        assert!(
            reserved
                .check()
                .unwrap_err()
                .to_string()
                .contains("`request_key`")
        );
        // The draft button and the correction form send these names too.
        for name in ["intent", "application"] {
            let taken = definition(vec![field(name, FieldKind::Text, false)]);
            assert!(
                taken
                    .check()
                    .unwrap_err()
                    .to_string()
                    .contains(&format!("`{name}`")),
                "{name}"
            );
        }
    }

    #[test]
    fn form_value_is_accepted_again() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let cases = [
            (FieldKind::Date, "2026-03-09", "2026-03-09"),
            (FieldKind::BirthDate, "1988-03-09", "1988-03-09"),
            (FieldKind::Snils, "11223344595", "112-233-445 95"),
            (FieldKind::Text, "г. Пермь", "г. Пермь"),
        ];
        for (kind, stored, shown) in cases {
            let definition = field("answer", kind, true);
            assert_eq!(form_value(&definition, stored), shown, "{kind:?}");
            assert_eq!(
                validate_field(&definition, shown, today).as_deref(),
                Ok(stored),
                "{kind:?}"
            );
        }
        let phone = field("phone", FieldKind::Phone, true);
        let shown = form_value(&phone, "+79123456789");
        assert_eq!(
            validate_field(&phone, &shown, today).as_deref(),
            Ok("+79123456789")
        );
    }

    fn children() -> FieldDef {
        let mut group = field("children", FieldKind::Group, true);
        group.item_label = Some(Localized {
            ru: "Ребёнок".into(),
            en: "Child".into(),
        });
        group.add_label = Some(localized("add"));
        group.max = Some(3);
        group.fields = vec![
            field("name", FieldKind::PersonName, true),
            field("birth", FieldKind::PastDate, true),
            field("snils", FieldKind::Snils, false),
        ];
        group
    }

    #[test]
    fn per_item_group_splits_answers() {
        let mut group = children();
        group.application_per_item = true;
        let definition = definition(vec![field("surname", FieldKind::PersonName, true), group]);
        assert_eq!(definition.check(), Ok(()));
        let valid = answers(&[
            ("surname", "Иванова"),
            ("children", "2"),
            ("children.1.name", "Анна"),
            ("children.1.birth", "2015-04-01"),
            ("children.2.name", "Пётр"),
            ("children.2.birth", "2020-02-01"),
            ("children.2.snils", "11223344595"),
        ]);
        assert_eq!(
            definition.split_per_item(&valid),
            vec![
                answers(&[
                    ("surname", "Иванова"),
                    ("children", "1"),
                    ("children.1.name", "Анна"),
                    ("children.1.birth", "2015-04-01"),
                ]),
                answers(&[
                    ("surname", "Иванова"),
                    ("children", "1"),
                    ("children.1.name", "Пётр"),
                    ("children.1.birth", "2020-02-01"),
                    ("children.1.snils", "11223344595"),
                ]),
            ]
        );
    }

    #[test]
    fn form_without_per_item_group_makes_one_application() {
        let definition = definition(vec![children()]);
        let valid = answers(&[
            ("children", "2"),
            ("children.1.name", "Анна"),
            ("children.2.name", "Пётр"),
        ]);
        assert_eq!(definition.split_per_item(&valid), vec![valid.clone()]);
    }

    #[test]
    fn check_limits_per_item_groups() {
        let problem = |fields: Vec<FieldDef>| definition(fields).check().unwrap_err();

        let mut text = field("note", FieldKind::Text, false);
        text.application_per_item = true;
        assert_eq!(problem(vec![text]).field, "fields.note");

        let mut first = children();
        first.application_per_item = true;
        let mut second = children();
        second.name = "others".into();
        second.application_per_item = true;
        let twice = problem(vec![first.clone(), second]);
        assert_eq!(twice.field, "fields.others");
        assert_eq!(twice.message.key, "definition-per-item-twice");

        let mut optional = first.clone();
        optional.required = false;
        assert_eq!(
            problem(vec![optional]).message.key,
            "definition-per-item-required"
        );

        let mut conditional = first.clone();
        conditional.shown_when = Some(ShownWhen {
            field: "many".into(),
            values: vec!["yes".into()],
        });
        let conditional = problem(vec![field("many", FieldKind::YesNo, true), conditional]);
        assert_eq!(conditional.message.key, "definition-per-item-required");

        let mut inner = children();
        inner.fields[0].application_per_item = true;
        assert_eq!(
            problem(vec![inner]).message.key,
            "definition-group-field-kind"
        );
    }

    #[test]
    fn group_items_are_checked_and_numbered_again() {
        let definition = definition(vec![children()]);
        assert_eq!(definition.check(), Ok(()));
        // Item 2 is left empty and dropped; item 3 becomes item 2.
        let raw = answers(&[
            ("children", "3"),
            ("children.1.name", "Анна"),
            ("children.1.birth", "2015-04-01"),
            ("children.2.name", " "),
            ("children.3.name", "Пётр"),
            ("children.3.birth", "01.02.2020"),
            ("children.3.snils", "112-233-445 95"),
        ]);
        let valid = validate_answers(&definition, &raw, today()).unwrap();
        assert_eq!(
            valid,
            answers(&[
                ("children", "2"),
                ("children.1.name", "Анна"),
                ("children.1.birth", "2015-04-01"),
                ("children.2.name", "Пётр"),
                ("children.2.birth", "2020-02-01"),
                ("children.2.snils", "11223344595"),
            ])
        );
        let slots: Vec<(String, String)> = definition
            .slots(&valid)
            .iter()
            .map(|slot| (slot.key.clone(), slot.label(Locale::Ru)))
            .collect();
        assert_eq!(
            slots[3],
            ("children.2.birth".into(), "Ребёнок 2: birth".into())
        );
        assert_eq!(slots.len(), 5);
    }

    #[test]
    fn group_errors_keep_the_numbers_of_the_form() {
        let definition = definition(vec![children()]);
        let raw = answers(&[
            ("children", "2"),
            ("children.2.name", "Пётр"),
            ("children.2.birth", "2030-01-01"),
        ]);
        let errors = validate_answers(&definition, &raw, today()).unwrap_err();
        assert_eq!(
            errors.get("children.2.birth").map(|m| m.key.as_str()),
            Some("error-date-future")
        );
        assert!(errors.get("children.1.name").is_none());
        assert_eq!(errors.0.len(), 1);

        let none = validate_answers(&definition, &answers(&[("children", "1")]), today());
        assert_eq!(
            none.unwrap_err().get("children").map(|m| m.key.as_str()),
            Some("error-group-empty")
        );
        // Items beyond the group's maximum are never read.
        let beyond = answers(&[
            ("children.4.name", "Ян"),
            ("children.4.birth", "2015-04-01"),
        ]);
        let errors = validate_answers(&definition, &beyond, today()).unwrap_err();
        assert_eq!(
            errors.get("children").map(|m| m.key.as_str()),
            Some("error-group-empty")
        );
    }

    #[test]
    fn group_minimum_is_named() {
        let mut twins = children();
        twins.min = Some(2);
        let definition = definition(vec![twins]);
        let raw = answers(&[
            ("children.1.name", "Анна"),
            ("children.1.birth", "2015-04-01"),
        ]);
        let error = validate_answers(&definition, &raw, today()).unwrap_err();
        let message = error.get("children").unwrap();
        assert_eq!(message.key, "error-group-min");
        assert_eq!(message.args, vec![("min".to_string(), "2".to_string())]);
    }

    #[test]
    fn items_are_added_up_to_the_maximum_and_removed_in_place() {
        let group = children();
        let mut values = answers(&[
            ("children", "3"),
            ("children.1.name", "Анна"),
            ("children.2.name", "Борис"),
            ("children.3.name", "Вера"),
            ("children.3.snils", "112-233-445 95"),
        ]);
        assert_eq!(add_item(&group, &mut values), None);
        remove_item(&group, &mut values, 2);
        assert_eq!(
            values,
            answers(&[
                ("children", "2"),
                ("children.1.name", "Анна"),
                ("children.2.name", "Вера"),
                ("children.2.snils", "112-233-445 95"),
            ])
        );
        assert_eq!(add_item(&group, &mut values), Some(3));
        assert_eq!(group_items(&group, &values), 3);
        remove_item(&group, &mut values, 7);
        assert_eq!(group_items(&group, &values), 3);
    }

    #[test]
    fn accepted_keys_follow_the_groups() {
        let definition = definition(vec![field("note", FieldKind::Text, false), children()]);
        for (key, accepted) in [
            ("note", true),
            ("children", true),
            ("children.1.name", true),
            ("children.3.snils", true),
            ("children.4.name", false),
            ("children.0.name", false),
            ("children.01.name", false),
            ("children.1.admin", false),
            ("children.1", false),
            ("note.1.name", false),
            ("other", false),
        ] {
            assert_eq!(definition.accepts(key), accepted, "{key}");
        }
    }

    #[test]
    fn group_definitions_are_checked() {
        let mut nested = children();
        nested.fields.push(children());
        assert!(
            definition(vec![nested])
                .check()
                .unwrap_err()
                .to_string()
                .contains("cannot be a group")
        );
        let mut unnamed = children();
        unnamed.add_label = None;
        assert!(
            definition(vec![unnamed])
                .check()
                .unwrap_err()
                .to_string()
                .contains("add_label")
        );
        let mut too_many = children();
        too_many.max = Some(21);
        assert!(
            definition(vec![too_many])
                .check()
                .unwrap_err()
                .to_string()
                .contains("max")
        );
        let mut stray = field("note", FieldKind::Text, false);
        stray.fields.push(field("x", FieldKind::Text, false));
        assert!(
            definition(vec![stray])
                .check()
                .unwrap_err()
                .to_string()
                .contains("only a group")
        );
    }

    #[test]
    fn problems_name_their_place() {
        let mut nested = children();
        nested.fields.push(children());
        let problem = definition(vec![nested]).check().unwrap_err();
        assert_eq!(problem.field, "fields.children.fields.children");
        assert_eq!(problem.message.key, "definition-group-field-kind");
        assert_eq!(
            problem.message.args,
            vec![("field".to_string(), "children.children".to_string())]
        );

        let mut choice = children();
        choice.fields[0].kind = FieldKind::Choice;
        let problem = definition(vec![choice]).check().unwrap_err();
        assert_eq!(problem.field, "fields.children.fields.name");
        assert_eq!(problem.message.key, "definition-options-missing");

        let mut bad_code = definition(vec![field("note", FieldKind::Text, false)]);
        bad_code.code = "Паспорт".into();
        let problem = bad_code.check().unwrap_err();
        assert_eq!(problem.field, "code");
        assert_eq!(
            problem.to_string(),
            "The service code `Паспорт` must start with a lowercase Latin letter and contain only lowercase Latin letters, digits and hyphens."
        );
    }

    fn step(title: &str, fields: &[&str], documents: bool) -> StepDef {
        StepDef {
            title: localized(title),
            fields: fields.iter().map(|name| name.to_string()).collect(),
            documents,
        }
    }

    #[test]
    fn steps_list_every_field_in_order() {
        let mut form = definition(vec![
            field("a", FieldKind::Text, true),
            field("b", FieldKind::Text, true),
            children(),
        ]);
        form.steps = vec![
            step("one", &["a", "b"], false),
            step("two", &["children"], false),
        ];
        assert_eq!(form.check(), Ok(()));
        assert_eq!(form.step_count(), 2);
        assert_eq!(form.step_of("b"), 1);
        assert_eq!(form.step_of("children.2.name"), 2);
        let names: Vec<&str> = form
            .step_fields(2)
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(names, ["children"]);
        assert!(form.step_fields(3).is_empty());

        form.steps = vec![
            step("one", &["b", "a"], false),
            step("two", &["children"], false),
        ];
        assert!(
            form.check()
                .unwrap_err()
                .to_string()
                .contains("`a` is missing or out of order")
        );
        form.steps = vec![step("one", &["a", "b"], false), step("two", &[], false)];
        assert!(form.check().unwrap_err().to_string().contains("`children`"));
        form.steps = vec![step("one", &["a", "b", "children"], false)];
        assert!(
            form.check()
                .unwrap_err()
                .to_string()
                .contains("at least two")
        );

        form.documents = vec![DocumentDef {
            code: "photo".into(),
            title: localized("photo"),
            hint: None,
            required: true,
            max_files: 1,
        }];
        form.steps = vec![
            step("one", &["a", "b"], false),
            step("two", &["children"], false),
        ];
        assert!(
            form.check()
                .unwrap_err()
                .to_string()
                .contains("take the documents")
        );
        form.steps.push(step("three", &[], true));
        assert_eq!(form.check(), Ok(()));
        assert_eq!(form.step_of("doc_photo"), 3);
        assert!(form.step_has_documents(3));
        assert!(!form.step_has_documents(1));
    }
}
