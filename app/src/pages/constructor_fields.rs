//! The field editor of the service constructor at `/admin/services/:code/fields`: the
//! service's settings, its fields and documents as lists with a form for the one being
//! edited, the preview and the publication, for administrators who do not write TOML.
//!
//! The page is one multipart form and every button is a submit button with an `intent`,
//! so it works the same with and without JavaScript. The server applies the button to the
//! working copy of the definition, a hidden control with its TOML text. Then it redirects
//! back to the element the button acted on, with the new copy in the flash. Nothing is
//! stored until "Опубликовать новую версию". "Текст TOML" carries the same copy to the
//! text editor and back. A rejected post returns what was typed over the unchanged copy,
//! with each error on its control; see `api::constructor_fields` for the post.

use std::collections::BTreeMap;

use kabinet_shared::service::edit::{self, Target, code_of, control};
use kabinet_shared::service::{
    Applicant, Category, FieldDef, FieldKind, ProfileField, ServiceDefinition,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::constructor_fields::{
    EDITING, FieldsEditor, SaveServiceFields, WORKING_COPY, get_service_fields,
};
use crate::components::form::{
    Checkbox, ErrorSummary, FormState, Hidden, RadioGroup, Select, TextArea, TextField,
};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::i18n::{locale, t, t_with};
use crate::pages::constructor::{Preview, publisher, service_code_param};

/// Renders the field editor of a service at `/admin/services/:code/fields`, or of a new
/// service at `/admin/services/new/fields`.
#[component]
pub fn ServiceFieldsPage() -> impl IntoView {
    let code = service_code_param();
    // The flash is taken inside this one resource, never by a nested one.
    let editor = Resource::new(code, get_service_fields);

    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let code = code();
                match editor.await {
                    Ok(editor) => view! { <FieldsEditorView code editor /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Returns the text of a definition's localized value in the page's language, or the
/// fallback when it is empty.
fn text_or(text: &str, fallback: &str) -> String {
    if text.trim().is_empty() {
        fallback.to_string()
    } else {
        text.to_string()
    }
}

/// Returns the name a button uses for a field: its label, or its form name while it has
/// none.
fn field_title(field: &FieldDef) -> String {
    text_or(field.label.get(locale()), &field.name)
}

fn kind_name(kind: FieldKind) -> String {
    t(&format!("admin-kind-{}", code_of(&kind)))
}

fn kind_options() -> Vec<(String, String)> {
    FieldKind::ALL
        .into_iter()
        .map(|kind| (code_of(&kind), kind_name(kind)))
        .collect()
}

/// Returns the values of the controls as the working copy has them, for the settings and
/// the open form.
fn copy_values(
    definition: &ServiceDefinition,
    editing: Option<Target>,
) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    let mut set = |name: &str, value: String| {
        values.insert(name.to_string(), value);
    };
    set(control::CODE, definition.code.clone());
    for key in edit::SETTING_TEXTS {
        let text = edit::setting_text(definition, key);
        set(&control::setting_text(key, "ru"), text.ru.clone());
        set(&control::setting_text(key, "en"), text.en.clone());
    }
    set(control::DEPARTMENT, definition.department.clone());
    set(control::CATEGORY, code_of(&definition.category));
    let applicants: Vec<String> = definition.applicants.iter().map(code_of).collect();
    set(control::APPLICANTS, applicants.join(","));
    set(
        control::PROCESSING_DAYS,
        definition.processing_days.to_string(),
    );
    let checked = |on: bool| if on { "on" } else { "" }.to_string();
    let number = |value: Option<i64>| value.map(|value| value.to_string()).unwrap_or_default();

    match editing {
        Some(Target::Field(index)) => {
            let Some(field) = definition.fields.get(index) else {
                return values;
            };
            set(control::FIELD_NAME, field.name.clone());
            set(control::FIELD_KIND, code_of(&field.kind));
            set(control::FIELD_LABEL_RU, field.label.ru.clone());
            set(control::FIELD_LABEL_EN, field.label.en.clone());
            if let Some(hint) = &field.hint {
                set(control::FIELD_HINT_RU, hint.ru.clone());
                set(control::FIELD_HINT_EN, hint.en.clone());
            }
            set(control::FIELD_REQUIRED, checked(field.required));
            set(
                control::FIELD_PREFILL,
                field
                    .prefill
                    .map(|prefill| code_of(&prefill))
                    .unwrap_or_default(),
            );
            set(control::FIELD_MIN, number(field.min));
            set(control::FIELD_MAX, number(field.max));
            set(
                control::FIELD_MAX_LENGTH,
                field
                    .max_length
                    .map(|max| max.to_string())
                    .unwrap_or_default(),
            );
            if let Some(condition) = &field.shown_when {
                set(control::FIELD_SHOWN_FIELD, condition.field.clone());
                set(control::FIELD_SHOWN_VALUES, condition.values.join(", "));
            }
            set(control::FIELD_OPTION_COUNT, field.options.len().to_string());
            for (row, option) in (1..).zip(&field.options) {
                set(&control::option(row, "value"), option.value.clone());
                set(&control::option(row, "ru"), option.label.ru.clone());
                set(&control::option(row, "en"), option.label.en.clone());
            }
            if let Some(item) = &field.item_label {
                set(control::FIELD_ITEM_RU, item.ru.clone());
                set(control::FIELD_ITEM_EN, item.en.clone());
            }
            if let Some(add) = &field.add_label {
                set(control::FIELD_ADD_RU, add.ru.clone());
                set(control::FIELD_ADD_EN, add.en.clone());
            }
            set(control::FIELD_PER_ITEM, checked(field.application_per_item));
            set(control::FIELD_INNER_COUNT, field.fields.len().to_string());
            for (row, inner) in (1..).zip(&field.fields) {
                set(&control::inner(row, "name"), inner.name.clone());
                set(&control::inner(row, "kind"), code_of(&inner.kind));
                set(&control::inner(row, "ru"), inner.label.ru.clone());
                set(&control::inner(row, "en"), inner.label.en.clone());
                set(&control::inner(row, "required"), checked(inner.required));
            }
        }
        Some(Target::Document(index)) => {
            let Some(document) = definition.documents.get(index) else {
                return values;
            };
            set(control::DOCUMENT_CODE, document.code.clone());
            set(control::DOCUMENT_TITLE_RU, document.title.ru.clone());
            set(control::DOCUMENT_TITLE_EN, document.title.en.clone());
            if let Some(hint) = &document.hint {
                set(control::DOCUMENT_HINT_RU, hint.ru.clone());
                set(control::DOCUMENT_HINT_EN, hint.en.clone());
            }
            set(control::DOCUMENT_REQUIRED, checked(document.required));
            set(control::DOCUMENT_MAX_FILES, document.max_files.to_string());
        }
        None => {}
    }
    values
}

/// Returns the labels of the controls, in the order of the page, for the error summary.
fn control_labels() -> Vec<(String, String)> {
    let mut labels = vec![(control::CODE.to_string(), t("admin-fields-code"))];
    for key in edit::SETTING_TEXTS {
        for language in ["ru", "en"] {
            labels.push((
                control::setting_text(key, language),
                t(&format!("admin-fields-{key}-{language}")),
            ));
        }
    }
    let fixed = [
        (control::DEPARTMENT, "admin-fields-department"),
        (control::CATEGORY, "admin-fields-category"),
        (control::APPLICANTS, "admin-fields-applicants"),
        (control::PROCESSING_DAYS, "admin-fields-days"),
        (control::FIELD_NAME, "admin-fields-name"),
        (control::FIELD_KIND, "admin-fields-kind"),
        (control::FIELD_LABEL_RU, "admin-fields-label-ru"),
        (control::FIELD_LABEL_EN, "admin-fields-label-en"),
        (control::FIELD_PREFILL, "admin-fields-prefill"),
        (control::FIELD_MIN, "admin-fields-min"),
        (control::FIELD_MAX, "admin-fields-max"),
        (control::FIELD_MAX_LENGTH, "admin-fields-max-length"),
        (control::FIELD_SHOWN_FIELD, "admin-fields-shown-field"),
        (control::FIELD_SHOWN_VALUES, "admin-fields-shown-values"),
        (control::FIELD_OPTIONS, "admin-fields-options-legend"),
        (control::FIELD_ITEM_RU, "admin-fields-item-ru"),
        (control::FIELD_PER_ITEM, "admin-fields-per-item"),
        (control::DOCUMENT_CODE, "admin-fields-document-code"),
        (control::DOCUMENT_TITLE_RU, "admin-fields-document-title-ru"),
        (
            control::DOCUMENT_MAX_FILES,
            "admin-fields-document-max-files",
        ),
        (control::STEPS, "admin-fields-steps-title"),
    ];
    labels.extend(
        fixed
            .into_iter()
            .map(|(name, key)| (name.to_string(), t(key))),
    );
    labels
}

/// Renders a submit button of the editor. `label` is its accessible name, which contains
/// the visible `text` and names what the button acts on.
#[component]
fn IntentButton(
    #[prop(into)] intent: String,
    #[prop(into)] text: String,
    #[prop(optional, into)] label: Option<String>,
    #[prop(optional)] primary: bool,
) -> impl IntoView {
    let class = if primary {
        "button"
    } else {
        "button button--secondary"
    };
    view! {
        <button class=class type="submit" name="intent" value=intent aria-label=label>
            {text}
        </button>
    }
}

#[component]
fn FieldsEditorView(code: String, editor: FieldsEditor) -> impl IntoView {
    let FieldsEditor {
        latest,
        text,
        definition,
        editing,
        typed,
        reply,
        preview,
        departments,
    } = editor;
    let target = Target::parse(&editing);
    let title = match &latest {
        Some(latest) => t_with("admin-service-title", &[("title", &latest.title)]),
        None => t("admin-service-new-title"),
    };
    let about = latest.as_ref().map(|latest| {
        let published = crate::i18n::date_time(&latest.published_at);
        let by = publisher(latest);
        t_with(
            "admin-service-latest",
            &[
                ("version", &latest.version.to_string()),
                ("published", &published),
                ("publisher", &by),
            ],
        )
    });
    let mut values = copy_values(&definition, target);
    if !typed.is_empty() {
        // A browser sends no part for an unchecked box, so after a rejected post every
        // box shows only what was typed.
        values.retain(|name, _| !name.ends_with("required"));
    }
    values.extend(typed);
    let state = FormState::new(values, reply);
    let definition = StoredValue::new(definition);

    view! {
        <PageTitle text=title.clone() />
        <p class="breadcrumbs"><a href="/admin/services">{t("admin-services-back")}</a></p>
        <h1>{title}</h1>
        {about.map(|about| view! { <p>{about}</p> })}
        <p class="lead">{t("admin-fields-lead")}</p>
        <ErrorSummary state labels=control_labels() />
        <form
            class="form form--wide"
            method="post"
            enctype="multipart/form-data"
            action=SaveServiceFields::url()
        >
            <Hidden name="code" value=code.clone() />
            <Hidden name=WORKING_COPY value=text />
            <Hidden name=EDITING value=editing />
            <Settings state code departments />
            <FieldList state definition target />
            <DocumentList state definition target />
            <Steps state definition />
            <div class="button-row">
                <IntentButton intent="preview" text=t("admin-service-preview-button") primary=true />
                <IntentButton intent="publish" text=t("admin-service-publish-button") />
                <IntentButton intent="toml" text=t("admin-fields-open-text") />
            </div>
        </form>
        {preview.map(|info| view! { <Preview info /> })}
    }
}

/// Renders the service's settings. Their "Применить изменения" button is the form's first,
/// so the Enter key in any text control applies the changes and moves nothing.
#[component]
fn Settings(state: FormState, code: String, departments: Vec<(String, String)>) -> impl IntoView {
    let code_control = if code.is_empty() {
        view! {
            <TextField
                state
                name=control::CODE
                label=t("admin-fields-code")
                hint=t("admin-fields-code-hint")
                width="medium"
            />
        }
        .into_any()
    } else {
        let fixed = t_with("admin-fields-code-fixed", &[("code", &code)]);
        view! { <p>{fixed}</p> }.into_any()
    };
    let texts = edit::SETTING_TEXTS
        .into_iter()
        .flat_map(|key| ["ru", "en"].map(|language| (key, language)))
        .map(|(key, language)| {
            let name = control::setting_text(key, language);
            let label = t(&format!("admin-fields-{key}-{language}"));
            if key == "description" {
                view! { <TextArea state name label rows=4 /> }.into_any()
            } else {
                view! { <TextField state name label /> }.into_any()
            }
        })
        .collect_view();
    let categories = Category::ALL
        .into_iter()
        .map(|category| (code_of(&category), t(category.message_key())))
        .collect();
    let applicants = [Applicant::Citizen, Applicant::Representative]
        .into_iter()
        .map(|applicant| {
            let code = code_of(&applicant);
            let label = t(&format!("admin-fields-applicant-{code}"));
            (code, label)
        })
        .collect();

    view! {
        <fieldset class="fieldset">
            <legend><h2>{t("admin-fields-settings")}</h2></legend>
            {code_control}
            {texts}
            <Select
                state
                name=control::DEPARTMENT
                label=t("admin-fields-department")
                placeholder=t("admin-fields-department-placeholder")
                options=departments
            />
            <Select
                state
                name=control::CATEGORY
                label=t("admin-fields-category")
                placeholder=t("admin-fields-category-placeholder")
                options=categories
            />
            // The empty part makes a post with no box checked clear the list.
            <Hidden name=control::APPLICANTS value="" />
            <RadioGroup
                state
                name=control::APPLICANTS.to_string()
                legend=t("admin-fields-applicants")
                options=applicants
                multiple=true
            />
            <TextField
                state
                name=control::PROCESSING_DAYS
                label=t("admin-fields-days")
                inputmode="numeric"
                width="short"
            />
            <div class="button-row">
                <IntentButton intent="apply" text=t("admin-fields-apply") />
            </div>
        </fieldset>
    }
}

/// Renders the fields in order, each with its buttons, and the form of the one being edited.
#[component]
fn FieldList(
    state: FormState,
    definition: StoredValue<ServiceDefinition>,
    target: Option<Target>,
) -> impl IntoView {
    let fields = definition.with_value(|definition| definition.fields.clone());
    let count = fields.len();
    let rows = fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let name = field_title(field);
            let label = text_or(field.label.get(locale()), &t("admin-fields-untitled"));
            let mut summary = t_with(
                "admin-fields-row",
                &[
                    ("label", &label),
                    ("kind", &kind_name(field.kind)),
                    ("name", &field.name),
                ],
            );
            if field.required {
                summary = format!("{summary}; {}", t("admin-fields-row-required"));
            }
            if field.shown_when.is_some() {
                summary = format!("{summary}; {}", t("admin-fields-row-condition"));
            }
            let open = target == Some(Target::Field(index));
            let button_label = |key: &str| t_with(key, &[("field", &name)]);
            view! {
                <li class="constructor-row" id=format!("field-row-{index}") tabindex="-1">
                    <p class="constructor-row__title">{summary}</p>
                    <div class="button-row">
                        {(index > 0).then(|| view! {
                            <IntentButton intent=format!("up-field:{index}") text=t("admin-fields-up") label=button_label("admin-fields-up-label") />
                        })}
                        {(index + 1 < count).then(|| view! {
                            <IntentButton intent=format!("down-field:{index}") text=t("admin-fields-down") label=button_label("admin-fields-down-label") />
                        })}
                        {(!open).then(|| view! {
                            <IntentButton intent=format!("edit-field:{index}") text=t("admin-fields-edit") label=button_label("admin-fields-edit-label") />
                        })}
                        <IntentButton intent=format!("remove-field:{index}") text=t("admin-fields-remove") label=button_label("admin-fields-remove-label") />
                    </div>
                    {open.then(|| view! { <FieldForm state definition index /> })}
                </li>
            }
        })
        .collect_view();

    view! {
        <section aria-labelledby="fields-title">
            <h2 id="fields-title" tabindex="-1">{t("admin-fields-list-title")}</h2>
            {(count == 0).then(|| view! { <p>{t("admin-fields-empty")}</p> })}
            <ol class="constructor-list">{rows}</ol>
            <Select
                state
                name="new-kind"
                label=t("admin-fields-new-kind")
                placeholder=kind_name(FieldKind::Text)
                options=kind_options().into_iter().skip(1).collect()
            />
            <div class="button-row">
                <IntentButton intent="add-field" text=t("admin-fields-add") />
            </div>
        </section>
    }
}

/// Renders the form of the field at `index`: its name, kind, texts, limits, condition, options
/// and, for a group, its item texts and questions.
#[component]
fn FieldForm(
    state: FormState,
    definition: StoredValue<ServiceDefinition>,
    index: usize,
) -> impl IntoView {
    let (title, earlier) = definition.with_value(|definition| {
        let field = &definition.fields[index];
        let earlier: Vec<(String, String, String)> = definition.fields[..index]
            .iter()
            .filter(|other| {
                matches!(
                    other.kind,
                    FieldKind::Choice | FieldKind::Several | FieldKind::YesNo
                )
            })
            .map(|other| {
                let answers: Vec<String> = match other.kind {
                    FieldKind::YesNo => vec!["yes".into(), "no".into()],
                    _ => other
                        .options
                        .iter()
                        .map(|option| option.value.clone())
                        .collect(),
                };
                (other.name.clone(), field_title(other), answers.join(", "))
            })
            .collect();
        (field_title(field), earlier)
    });
    let kind = edit::kind_of(&state.value(control::FIELD_KIND));
    let choice = matches!(kind, Some(FieldKind::Choice | FieldKind::Several));
    let group = kind == Some(FieldKind::Group);
    let text_kind = matches!(kind, Some(FieldKind::Text | FieldKind::LongText));
    let ranged = matches!(kind, Some(FieldKind::Number | FieldKind::Group));
    let answers_hint = earlier
        .iter()
        .map(|(name, _, answers)| format!("{name}: {answers}"))
        .collect::<Vec<_>>()
        .join("; ");
    let shown_hint = format!("{} {answers_hint}", t("admin-fields-shown-values-hint"));
    let earlier_options = earlier
        .into_iter()
        .map(|(name, title, _)| (name.clone(), format!("{title} ({name})")))
        .collect();
    let prefill_options = ProfileField::ALL
        .into_iter()
        .map(|prefill| {
            let code = code_of(&prefill);
            let label = t(&format!("admin-prefill-{code}"));
            (code, label)
        })
        .collect();
    let legend = t_with("admin-fields-editor-legend", &[("field", &title)]);

    view! {
        <fieldset class="fieldset constructor-editor" id="field-editor" tabindex="-1">
            <legend><h3>{legend}</h3></legend>
            <TextField state name=control::FIELD_NAME label=t("admin-fields-name") hint=t("admin-fields-name-hint") width="medium" />
            <Select
                state
                name=control::FIELD_KIND
                label=t("admin-fields-kind")
                placeholder=kind_name(FieldKind::Text)
                options=kind_options().into_iter().skip(1).collect()
            />
            <TextField state name=control::FIELD_LABEL_RU label=t("admin-fields-label-ru") />
            <TextField state name=control::FIELD_LABEL_EN label=t("admin-fields-label-en") />
            <TextField state name=control::FIELD_HINT_RU label=t("admin-fields-hint-ru") optional=true />
            <TextField state name=control::FIELD_HINT_EN label=t("admin-fields-hint-en") optional=true />
            <Checkbox state name=control::FIELD_REQUIRED label=t("admin-fields-required") />
            {(!group).then(|| view! {
                <Select
                    state
                    name=control::FIELD_PREFILL
                    label=t("admin-fields-prefill")
                    placeholder=t("admin-fields-prefill-none")
                    options=prefill_options
                />
            })}
            {ranged.then(|| view! {
                <TextField state name=control::FIELD_MIN label=t("admin-fields-min") hint=t("admin-fields-range-hint") inputmode="numeric" width="short" optional=true />
                <TextField state name=control::FIELD_MAX label=t("admin-fields-max") inputmode="numeric" width="short" optional=true />
            })}
            {text_kind.then(|| view! {
                <TextField state name=control::FIELD_MAX_LENGTH label=t("admin-fields-max-length") hint=t("admin-fields-max-length-hint") inputmode="numeric" width="short" optional=true />
            })}
            <fieldset class="fieldset">
                <legend class="field__label">{t("admin-fields-condition-legend")}</legend>
                <Select
                    state
                    name=control::FIELD_SHOWN_FIELD
                    label=t("admin-fields-shown-field")
                    placeholder=t("admin-fields-shown-always")
                    options=earlier_options
                />
                <TextField state name=control::FIELD_SHOWN_VALUES label=t("admin-fields-shown-values") hint=shown_hint optional=true />
            </fieldset>
            {choice.then(|| view! { <OptionRows state /> })}
            {group.then(|| view! { <GroupParts state /> })}
            <div class="button-row">
                <IntentButton intent="save" text=t("admin-fields-save") primary=true />
                <IntentButton intent="close" text=t("admin-fields-close") />
            </div>
        </fieldset>
    }
}

/// Returns the number of rows a list control of the open form has now.
fn row_count(state: FormState, name: &str) -> usize {
    state.value(name).parse().unwrap_or(0)
}

/// Renders the options of a choice, one row each, with their buttons.
#[component]
fn OptionRows(state: FormState) -> impl IntoView {
    let count = row_count(state, control::FIELD_OPTION_COUNT);
    let rows = (1..=count)
        .map(|row| {
            let number = row.to_string();
            let label = |key: &str| t_with(key, &[("row", &number)]);
            view! {
                <div class="constructor-option">
                    <TextField state name=control::option(row, "value") label=label("admin-fields-option-value") width="medium" />
                    <TextField state name=control::option(row, "ru") label=label("admin-fields-option-ru") />
                    <TextField state name=control::option(row, "en") label=label("admin-fields-option-en") />
                    <div class="button-row">
                        <IntentButton intent=format!("option-remove:{row}") text=t("admin-fields-remove") label=label("admin-fields-option-remove-label") />
                    </div>
                </div>
            }
        })
        .collect_view();
    let invalid = move || state.error(control::FIELD_OPTIONS).is_some();

    view! {
        <fieldset class="fieldset field" class:field--invalid=invalid id=control::FIELD_OPTIONS tabindex="-1">
            <legend class="field__label">{t("admin-fields-options-legend")}</legend>
            <ControlError state name=control::FIELD_OPTIONS />
            <Hidden name=control::FIELD_OPTION_COUNT value=count.to_string() />
            {(count == 0).then(|| view! { <p>{t("admin-fields-options-empty")}</p> })}
            {rows}
            <div class="button-row">
                <IntentButton intent="option-add" text=t("admin-fields-option-add") />
            </div>
        </fieldset>
    }
}

/// Renders the error of a control that is a group of inputs, such as the options.
#[component]
fn ControlError(state: FormState, name: &'static str) -> impl IntoView {
    move || {
        state.error(name).map(|error| {
            view! {
                <p class="field__error" id=format!("{name}-error")>
                    <span class="visually-hidden">{t("error-prefix")}</span>
                    {crate::i18n::message(&error)}
                </p>
            }
        })
    }
}

/// Renders the item texts and the questions of a group.
#[component]
fn GroupParts(state: FormState) -> impl IntoView {
    let count = row_count(state, control::FIELD_INNER_COUNT);
    let questions = (1..=count)
        .map(|row| {
            let number = row.to_string();
            let label = |key: &str| t_with(key, &[("row", &number)]);
            view! {
                <fieldset class="fieldset constructor-option">
                    <legend class="field__label">{label("admin-fields-inner-legend")}</legend>
                    <TextField state name=control::inner(row, "name") label=label("admin-fields-inner-name") width="medium" />
                    <Select
                        state
                        name=control::inner(row, "kind")
                        label=label("admin-fields-inner-kind")
                        placeholder=kind_name(FieldKind::Text)
                        options=kind_options().into_iter().skip(1).collect()
                    />
                    <TextField state name=control::inner(row, "ru") label=label("admin-fields-inner-ru") />
                    <TextField state name=control::inner(row, "en") label=label("admin-fields-inner-en") />
                    <Checkbox state name=control::inner(row, "required") label=label("admin-fields-inner-required") />
                    <div class="button-row">
                        <IntentButton intent=format!("inner-remove:{row}") text=t("admin-fields-remove") label=label("admin-fields-inner-remove-label") />
                    </div>
                </fieldset>
            }
        })
        .collect_view();

    view! {
        <fieldset class="fieldset">
            <legend class="field__label">{t("admin-fields-group-legend")}</legend>
            <TextField state name=control::FIELD_ITEM_RU label=t("admin-fields-item-ru") />
            <TextField state name=control::FIELD_ITEM_EN label=t("admin-fields-item-en") />
            <TextField state name=control::FIELD_ADD_RU label=t("admin-fields-add-ru") />
            <TextField state name=control::FIELD_ADD_EN label=t("admin-fields-add-en") />
            <Checkbox state name=control::FIELD_PER_ITEM label=t("admin-fields-per-item") />
            <p class="field__hint">{t("admin-fields-inner-hint")}</p>
            <Hidden name=control::FIELD_INNER_COUNT value=count.to_string() />
            {questions}
            <div class="button-row">
                <IntentButton intent="inner-add" text=t("admin-fields-inner-add") />
            </div>
        </fieldset>
    }
}

/// Renders the documents in order, each with its buttons, and the form of the one being
/// edited.
#[component]
fn DocumentList(
    state: FormState,
    definition: StoredValue<ServiceDefinition>,
    target: Option<Target>,
) -> impl IntoView {
    let documents = definition.with_value(|definition| definition.documents.clone());
    let count = documents.len();
    let rows = documents
        .iter()
        .enumerate()
        .map(|(index, document)| {
            let name = text_or(document.title.get(locale()), &document.code);
            let title = text_or(document.title.get(locale()), &t("admin-fields-untitled"));
            let summary = t_with(
                "admin-fields-document-row",
                &[("title", &title), ("code", &document.code)],
            );
            let open = target == Some(Target::Document(index));
            let button_label = |key: &str| t_with(key, &[("document", &name)]);
            let legend = button_label("admin-fields-document-legend");
            view! {
                <li class="constructor-row" id=format!("document-row-{index}") tabindex="-1">
                    <p class="constructor-row__title">{summary}</p>
                    <div class="button-row">
                        {(index > 0).then(|| view! {
                            <IntentButton intent=format!("up-document:{index}") text=t("admin-fields-up") label=button_label("admin-fields-document-up-label") />
                        })}
                        {(index + 1 < count).then(|| view! {
                            <IntentButton intent=format!("down-document:{index}") text=t("admin-fields-down") label=button_label("admin-fields-document-down-label") />
                        })}
                        {(!open).then(|| view! {
                            <IntentButton intent=format!("edit-document:{index}") text=t("admin-fields-edit") label=button_label("admin-fields-document-edit-label") />
                        })}
                        <IntentButton intent=format!("remove-document:{index}") text=t("admin-fields-remove") label=button_label("admin-fields-document-remove-label") />
                    </div>
                    {open.then(|| view! { <DocumentForm state legend /> })}
                </li>
            }
        })
        .collect_view();

    view! {
        <section aria-labelledby="documents-title">
            <h2 id="documents-title" tabindex="-1">{t("admin-fields-documents-title")}</h2>
            {(count == 0).then(|| view! { <p>{t("admin-fields-documents-empty")}</p> })}
            <ol class="constructor-list">{rows}</ol>
            <div class="button-row">
                <IntentButton intent="add-document" text=t("admin-fields-add-document") />
            </div>
        </section>
    }
}

#[component]
fn DocumentForm(state: FormState, legend: String) -> impl IntoView {
    view! {
        <fieldset class="fieldset constructor-editor" id="document-editor" tabindex="-1">
            <legend><h3>{legend}</h3></legend>
            <TextField state name=control::DOCUMENT_CODE label=t("admin-fields-document-code") width="medium" />
            <TextField state name=control::DOCUMENT_TITLE_RU label=t("admin-fields-document-title-ru") />
            <TextField state name=control::DOCUMENT_TITLE_EN label=t("admin-fields-document-title-en") />
            <TextField state name=control::DOCUMENT_HINT_RU label=t("admin-fields-document-hint-ru") optional=true />
            <TextField state name=control::DOCUMENT_HINT_EN label=t("admin-fields-document-hint-en") optional=true />
            <Checkbox state name=control::DOCUMENT_REQUIRED label=t("admin-fields-document-required") />
            <TextField state name=control::DOCUMENT_MAX_FILES label=t("admin-fields-document-max-files") inputmode="numeric" width="short" />
            <div class="button-row">
                <IntentButton intent="save" text=t("admin-fields-save-document") primary=true />
                <IntentButton intent="close" text=t("admin-fields-close") />
            </div>
        </fieldset>
    }
}

/// Renders the steps of the form, read-only. Here they follow the fields on their own, and
/// the TOML text changes them.
#[component]
fn Steps(state: FormState, definition: StoredValue<ServiceDefinition>) -> impl IntoView {
    let steps = definition.with_value(|definition| {
        definition
            .steps
            .iter()
            .enumerate()
            .map(|(index, step)| {
                let mut parts: Vec<String> = step
                    .fields
                    .iter()
                    .map(|name| {
                        definition
                            .field(name)
                            .map_or_else(|| name.clone(), field_title)
                    })
                    .collect();
                if step.documents {
                    parts.push(t("admin-fields-step-documents"));
                }
                let heading = t_with(
                    "admin-fields-step",
                    &[
                        ("step", &(index + 1).to_string()),
                        ("title", step.title.get(locale())),
                    ],
                );
                format!("{heading} — {}", parts.join(", "))
            })
            .collect::<Vec<_>>()
    });
    let invalid = move || state.error(control::STEPS).is_some();
    let none = steps.is_empty();
    let items = steps
        .into_iter()
        .map(|step| view! { <li>{step}</li> })
        .collect_view();

    view! {
        <section aria-labelledby="steps-title" class="field" class:field--invalid=invalid>
            <h2 id=control::STEPS tabindex="-1">
                <span id="steps-title">{t("admin-fields-steps-title")}</span>
            </h2>
            <ControlError state name=control::STEPS />
            <p class="field__hint">{t("admin-fields-steps-hint")}</p>
            {none.then(|| view! { <p>{t("admin-fields-steps-none")}</p> })}
            <ol>{items}</ol>
        </section>
    }
}
