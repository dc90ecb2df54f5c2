//! The questions of a service's form as the application and correction forms show them:
//! each field by its kind, the repeating groups with their items, the progress through a
//! form with steps and its review page before sending.

use std::collections::BTreeMap;

use kabinet_shared::Locale;
use kabinet_shared::model::StagedFile;
use kabinet_shared::service::{
    FieldDef, FieldKind, ServiceDefinition, display_answer, group_items, item_key,
};
use leptos::prelude::*;

use crate::components::form::{
    FieldError, FormState, Hidden, RadioGroup, TextArea, TextField, described_by,
};
use crate::i18n::{locale, t, t_with};

/// Says when a conditional field is asked, naming the earlier question and its answers:
/// pages without JavaScript show every field, so the condition is written out.
pub(crate) fn condition_text(
    service: &ServiceDefinition,
    field: &FieldDef,
    locale: Locale,
) -> Option<String> {
    let condition = field.shown_when.as_ref()?;
    let earlier = service.field(&condition.field)?;
    let values: Vec<String> = condition
        .values
        .iter()
        .map(|value| {
            let label = kabinet_shared::service::display_answer(earlier, value, locale);
            format!("«{label}»")
        })
        .collect();
    Some(t_with(
        "apply-shown-when",
        &[
            ("field", earlier.label.get(locale)),
            ("values", &values.join(", ")),
        ],
    ))
}

/// One question of a service form, rendered by its kind.
#[component]
pub(crate) fn ServiceField(
    state: FormState,
    field: FieldDef,
    from_profile: bool,
    /// When the field is asked only for some earlier answers, the sentence that says so.
    condition: Option<String>,
) -> impl IntoView {
    let locale = locale();
    let label = field.label.get(locale).to_string();
    let mut hint = field.hint.as_ref().map(|hint| hint.get(locale).to_string());
    for note in [
        from_profile.then(|| t("apply-from-profile")),
        condition.clone(),
        field
            .application_per_item
            .then(|| t("group-application-per-item")),
    ]
    .into_iter()
    .flatten()
    {
        hint = Some(match hint {
            Some(hint) => format!("{hint}. {note}"),
            None => note,
        });
    }
    // A required conditional field is required whenever it is asked, and its hint names
    // the answer that asks for it, so it carries no "(optional)" mark.
    let optional = !field.required;
    let autocomplete = field.autocomplete.clone();

    match field.kind {
        FieldKind::YesNo => {
            let options = vec![
                ("yes".to_string(), t("answer-yes")),
                ("no".to_string(), t("answer-no")),
            ];
            view! { <RadioGroup state name=field.name.clone() legend=label hint=hint.unwrap_or_default() options /> }.into_any()
        }
        FieldKind::Several => {
            let options = field
                .options
                .iter()
                .map(|option| (option.value.clone(), option.label.get(locale).to_string()))
                .collect();
            view! { <RadioGroup state name=field.name.clone() legend=label hint=hint.unwrap_or_default() options multiple=true /> }.into_any()
        }
        FieldKind::Group => view! { <GroupField state group=field hint /> }.into_any(),
        FieldKind::LongText => view! {
            <TextArea state name=field.name.clone() label hint=hint.unwrap_or_default() optional autocomplete=autocomplete.unwrap_or_default() />
        }
        .into_any(),
        FieldKind::Choice => {
            let options = field
                .options
                .iter()
                .map(|option| (option.value.clone(), option.label.get(locale).to_string()))
                .collect();
            view! { <RadioGroup state name=field.name.clone() legend=label hint=hint.unwrap_or_default() options /> }.into_any()
        }
        kind => {
            let (input_type, inputmode, width) = input_shape(kind);
            view! {
                <TextField
                    state
                    name=field.name.clone()
                    label
                    hint=hint.unwrap_or_default()
                    input_type
                    inputmode=inputmode.unwrap_or("text")
                    optional
                    width=width.unwrap_or("full")
                />
            }
            .into_any()
        }
    }
}

/// The input type, input mode and width of a one-line field kind.
fn input_shape(kind: FieldKind) -> (&'static str, Option<&'static str>, Option<&'static str>) {
    match kind {
        FieldKind::Date | FieldKind::BirthDate | FieldKind::PastDate => {
            ("date", None, Some("short"))
        }
        FieldKind::Phone => ("tel", Some("tel"), Some("medium")),
        FieldKind::Number => ("text", Some("numeric"), Some("short")),
        FieldKind::Email => ("email", Some("email"), None),
        FieldKind::Snils | FieldKind::Inn | FieldKind::Passport | FieldKind::SubdivisionCode => {
            ("text", Some("numeric"), Some("medium"))
        }
        _ => ("text", None, None),
    }
}

/// Renders a repeating group: a fieldset per item with the item's questions and a button
/// that removes it, and a button that adds an item while the group has room. The buttons
/// send the form, so they work without JavaScript, and the server keeps what was typed.
#[component]
fn GroupField(state: FormState, group: FieldDef, hint: Option<String>) -> impl IntoView {
    let locale = locale();
    let name = group.name.clone();
    let count = state
        .with_values(|values| group_items(&group, values))
        .max(group.min_items());
    let key = StoredValue::new(name.clone());
    let has_hint = hint.is_some();
    let invalid = move || state.error(&key.read_value()).is_some();
    let items = (1..=count)
        .map(|index| {
            let item_name = group.item_name(index, locale);
            let questions = group
                .fields
                .iter()
                .map(|inner| {
                    let mut field = inner.clone();
                    field.name = item_key(&name, index, &inner.name);
                    view! { <ServiceField state field from_profile=false condition=None /> }.into_any()
                })
                .collect_view();
            let remove = t_with("group-remove", &[("item", &item_name)]);
            view! {
                <fieldset class="group__item" id=format!("{name}-{index}") tabindex="-1">
                    <legend class="group__legend">{item_name}</legend>
                    {questions}
                    <button class="button button--secondary" type="submit" name="intent" value=format!("remove:{name}.{index}") formnovalidate>
                        {remove}
                    </button>
                </fieldset>
            }
            .into_any()
        })
        .collect_view();
    let add = (count < group.max_items()).then(|| {
        let label = group
            .add_label
            .as_ref()
            .map(|label| label.get(locale).to_string())
            .unwrap_or_default();
        view! {
            <button class="button button--secondary" type="submit" name="intent" value=format!("add:{name}") formnovalidate>
                {label}
            </button>
        }
    });
    let full = (count >= group.max_items())
        .then(|| view! { <p class="field__hint">{t_with("group-full", &[("max", &group.max_items().to_string())])}</p> });
    view! {
        <div class="field" class:field--invalid=invalid>
            <fieldset class="fieldset group" id=name.clone() tabindex="-1" aria-describedby=move || described_by(&key.read_value(), has_hint, invalid())>
                <legend class="field__label">{group.label.get(locale).to_string()}</legend>
                {hint.map(|hint| view! { <p class="field__hint" id=format!("{}-hint", key.read_value())>{hint}</p> })}
                <FieldError state name=key />
                <Hidden name=name.clone() value=count.to_string() />
                {items}
                {add}
                {full}
            </fieldset>
        </div>
    }
}

/// Renders the progress through a form with steps: the list of pages with the current one
/// marked, and "Шаг 2 из 5". The last page is the review before sending, which follows the
/// pages of the definition.
#[component]
pub(crate) fn StepProgress(service: ServiceDefinition, step: usize) -> impl IntoView {
    let locale = locale();
    let titles: Vec<String> = service
        .steps
        .iter()
        .map(|page| page.title.get(locale).to_string())
        .chain(std::iter::once(t("steps-review")))
        .collect();
    let total = titles.len();
    let steps = titles
        .into_iter()
        .enumerate()
        .map(|(index, title)| {
            let number = index + 1;
            let (class, state) = if number < step {
                ("steps__item steps__item--done", Some(t("steps-done")))
            } else if number == step {
                ("steps__item steps__item--current", None)
            } else {
                ("steps__item", None)
            };
            view! {
                <li class=class aria-current=(number == step).then_some("step")>
                    {title}
                    {state.map(|state| view! { <span class="visually-hidden">{format!(" ({state})")}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="steps" aria-label=t("steps-label")>
            <ol class="steps__list">{steps}</ol>
        </nav>
        <p class="steps__count">{t_with("steps-count", &[("step", &step.to_string()), ("total", &total.to_string())])}</p>
    }
}

/// Renders the review page of a form with steps: the answers of each page with a link
/// back to it, and the attached files. `answers` are the checked answers, or the typed
/// ones when the form does not pass its checks yet. `draft_address` opens page 1 of the
/// draft.
#[component]
pub(crate) fn FormReview(
    service: ServiceDefinition,
    answers: BTreeMap<String, String>,
    staged: Vec<StagedFile>,
    draft_address: String,
) -> impl IntoView {
    let locale = locale();
    let slots = service.slots(&answers);
    let pages = service
        .steps
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let number = index + 1;
            let title = page.title.get(locale).to_string();
            let rows = slots
                .iter()
                .filter(|slot| service.step_of(&slot.key) == number)
                .filter(|slot| {
                    // Typed answers may still contain a field that another answer hides.
                    slot.item.is_some()
                        || slot
                            .field
                            .shown_when
                            .as_ref()
                            .is_none_or(|condition| condition.holds(&answers))
                })
                .filter_map(|slot| {
                    let value = answers.get(&slot.key)?.trim();
                    (!value.is_empty()).then(|| {
                        (
                            slot.label(locale),
                            display_answer(slot.field, value, locale),
                        )
                    })
                })
                .map(|(label, value)| {
                    view! {
                        <div class="summary-list__row">
                            <dt>{label}</dt>
                            <dd>{value}</dd>
                        </div>
                    }
                })
                .collect::<Vec<_>>();
            let rows = (!rows.is_empty()).then(|| view! { <dl class="summary-list">{rows}</dl> });
            let files = page.documents.then(|| {
                let items = service
                    .documents
                    .iter()
                    .map(|document| {
                        let names: Vec<String> = staged
                            .iter()
                            .filter(|file| file.document_code == document.code)
                            .map(|file| file.file_name.clone())
                            .collect();
                        let value = if names.is_empty() {
                            t("apply-review-no-files")
                        } else {
                            names.join(", ")
                        };
                        view! {
                            <div class="summary-list__row">
                                <dt>{document.title.get(locale).to_string()}</dt>
                                <dd>{value}</dd>
                            </div>
                        }
                    })
                    .collect_view();
                view! { <dl class="summary-list">{items}</dl> }
            });
            let address = if number > 1 {
                format!("{draft_address}&step={number}")
            } else {
                draft_address.clone()
            };
            let heading = format!("review-step-{number}");
            view! {
                <section class="review" aria-labelledby=heading.clone()>
                    <h3 id=heading.clone()>{title.clone()}</h3>
                    <p>
                        <a href=address>
                            {t("apply-review-change")}
                            <span class="visually-hidden">{format!(" {}", t_with("apply-review-change-step", &[("step", &title)]))}</span>
                        </a>
                    </p>
                    {rows}
                    {files}
                </section>
            }
        })
        .collect_view();
    view! {
        <p>{t("apply-review-lead")}</p>
        {pages}
    }
}

/// Returns the label of every input the error summary may link to: each field, and each
/// field of each item of a group as "Ребёнок 2: Фамилия".
pub(crate) fn field_labels(
    service: &ServiceDefinition,
    values: &BTreeMap<String, String>,
    locale: Locale,
) -> Vec<(String, String)> {
    let mut labels = Vec::new();
    for field in &service.fields {
        labels.push((field.name.clone(), field.label.get(locale).to_string()));
        if field.kind != FieldKind::Group {
            continue;
        }
        for index in 1..=group_items(field, values).max(field.min_items()) {
            for inner in &field.fields {
                labels.push((
                    item_key(&field.name, index, &inner.name),
                    format!(
                        "{}: {}",
                        field.item_name(index, locale),
                        inner.label.get(locale)
                    ),
                ));
            }
        }
    }
    labels
}

/// Renders the values of other pages of a form with steps as hidden inputs, so that every
/// page sends the whole form and nothing typed is lost going back and forth.
pub(crate) fn other_pages(
    service: &ServiceDefinition,
    values: &BTreeMap<String, String>,
    step: usize,
) -> impl IntoView + use<> {
    values
        .iter()
        .filter(|(key, _)| service.accepts(key) && service.step_of(key) != step)
        .map(|(key, value)| view! { <Hidden name=key.clone() value=value.clone() /> })
        .collect_view()
}
