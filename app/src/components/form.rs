//! Forms that work with and without JavaScript.
//!
//! A form posts to its server function. Hydrated, [`ValidatedForm`] checks the input with
//! the same validator the server uses, sends it in the background and shows the reply in
//! place, keeping everything typed. Without JavaScript, the browser posts the form, the
//! server redirects back, and the page renders the reply and the typed values from the
//! flash. Either way each error appears next to its field and in a summary at the top
//! that links to the field.

use std::collections::BTreeMap;

use kabinet_shared::{FieldErrors, Message};
use leptos::form::FromFormData;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use leptos::web_sys::FormData;
use serde::de::DeserializeOwned;

use crate::api::{AppError, FormReply};
use crate::i18n::{message, t};

/// A notice over the whole form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Success(Message),
    Problem(Message),
}

/// The state of one form on the page: the values to show, the errors and the notice.
#[derive(Clone, Copy)]
pub struct FormState {
    values: StoredValue<BTreeMap<String, String>>,
    errors: RwSignal<FieldErrors>,
    notice: RwSignal<Option<Notice>>,
    /// Set after a reply arrives in the browser, so the summary takes focus.
    focus_summary: RwSignal<bool>,
    summary: NodeRef<Div>,
}

impl FormState {
    /// A form showing `values`, with the reply of a plain post if there was one.
    pub fn new(values: BTreeMap<String, String>, reply: Option<FormReply>) -> Self {
        let state = Self {
            values: StoredValue::new(values),
            errors: RwSignal::new(FieldErrors::new()),
            notice: RwSignal::new(None),
            focus_summary: RwSignal::new(false),
            summary: NodeRef::new(),
        };
        if let Some(reply) = reply {
            state.show(&reply);
        }
        state
    }

    /// Shows a reply: errors by field, or a notice.
    pub fn show(&self, reply: &FormReply) {
        match reply {
            FormReply::Done => {
                self.errors.set(FieldErrors::new());
                self.notice.set(None);
            }
            FormReply::Saved(notice) => {
                self.errors.set(FieldErrors::new());
                self.notice.set(Some(Notice::Success(notice.clone())));
            }
            FormReply::Invalid(errors) => {
                self.errors.set(errors.clone());
                self.notice.set(None);
            }
            FormReply::Rejected(problem) => {
                self.errors.set(FieldErrors::new());
                self.notice.set(Some(Notice::Problem(problem.clone())));
            }
        }
    }

    /// Shows the outcome of a server function call.
    pub fn show_result(&self, result: &Result<FormReply, AppError>) {
        match result {
            Ok(reply) => self.show(reply),
            Err(AppError::Internal { reference }) => self.show(&FormReply::Rejected(
                Message::new("error-internal").arg("reference", reference),
            )),
            Err(error) => self.show(&FormReply::Rejected(Message::new(error.message_key()))),
        }
        self.focus_summary.set(true);
    }

    /// Follows a server action: each reply it receives is shown.
    pub fn follow<S>(&self, action: ServerAction<S>)
    where
        S: ServerFn<Output = FormReply, Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Send + Sync + 'static,
    {
        let state = *self;
        Effect::new(move |_| {
            if let Some(result) = action.value().get() {
                state.show_result(&result);
            }
        });
    }

    /// The value to put in the field `name` when the page renders.
    pub fn value(&self, name: &str) -> String {
        self.values
            .with_value(|values| values.get(name).cloned().unwrap_or_default())
    }

    /// Reads the values the page rendered with.
    pub fn with_values<T>(&self, read: impl FnOnce(&BTreeMap<String, String>) -> T) -> T {
        self.values.with_value(read)
    }

    /// The error of the field `name`, reactively.
    pub fn error(&self, name: &str) -> Option<Message> {
        self.errors.with(|errors| errors.get(name).cloned())
    }

    pub fn has_errors(&self) -> bool {
        self.errors.with(|errors| !errors.is_empty())
    }

    pub fn notice(&self) -> Option<Notice> {
        self.notice.get()
    }
}

/// The ids of the hint and error texts of a field, for `aria-describedby`.
pub(crate) fn described_by(name: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{name}-hint"));
    }
    if has_error {
        ids.push(format!("{name}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A form bound to a server function, checked in the browser before it is sent.
///
/// `validate` runs on the input the form would send and returns the errors to show;
/// when it returns none, the input goes to the server.
#[component]
pub fn ValidatedForm<S, OutputProtocol>(
    action: ServerAction<S>,
    state: FormState,
    #[prop(optional, into)] validate: Option<Callback<S, FieldErrors>>,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView
where
    S: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, OutputProtocol>, Output = FormReply, Error = AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    <<S::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData: From<FormData>,
    S::Client: Client<AppError>,
{
    state.follow(action);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if action.pending().get_untracked() {
            return;
        }
        let Ok(input) = S::from_event(&event) else {
            state.show_result(&Err(AppError::Transport("form data".into())));
            return;
        };
        if let Some(validate) = validate {
            let errors = validate.run(input.clone());
            if !errors.is_empty() {
                state.show_result(&Ok(FormReply::Invalid(errors)));
                return;
            }
        }
        action.dispatch(input);
    };

    view! {
        <form method="post" action=S::url() novalidate on:submit=on_submit class=class>
            {children()}
        </form>
    }
}

/// The list of problems at the top of a form, each linking to its field.
///
/// `labels` names the fields in the order of the form; errors of fields not listed keep
/// their order after them.
#[component]
pub fn ErrorSummary(state: FormState, labels: Vec<(String, String)>) -> impl IntoView {
    let labels = StoredValue::new(labels);

    Effect::new(move |_| {
        if state.focus_summary.get() {
            if let Some(summary) = state.summary.get() {
                let _ = summary.focus();
            }
            state.focus_summary.set(false);
        }
    });

    move || {
        let notice = state.notice();
        let errors = state.errors.get();
        if errors.is_empty() && notice.is_none() {
            return None;
        }
        let (class, title_key, text) = match &notice {
            Some(Notice::Success(text)) => {
                ("notice notice--success", "notice-done", Some(message(text)))
            }
            Some(Notice::Problem(text)) => (
                "notice notice--problem",
                "error-summary-title",
                Some(message(text)),
            ),
            None => ("notice notice--problem", "error-summary-title", None),
        };
        let items = errors
            .0
            .iter()
            .map(|error| {
                let label = labels.with_value(|labels| {
                    labels
                        .iter()
                        .find(|(name, _)| *name == error.field)
                        .map(|(_, label)| label.clone())
                });
                let text = match label {
                    Some(label) => format!("{label}: {}", message(&error.message)),
                    None => message(&error.message),
                };
                view! { <li><a href=format!("#{}", error.field)>{text}</a></li> }
            })
            .collect_view();
        let role = if matches!(notice, Some(Notice::Success(_))) {
            "status"
        } else {
            "alert"
        };
        Some(view! {
            <div class=class role=role tabindex="-1" node_ref=state.summary aria-labelledby="form-notice-title">
                <h2 id="form-notice-title" class="notice__title">{t(title_key)}</h2>
                {text.map(|text| view! { <p>{text}</p> })}
                {(!errors.is_empty()).then(|| view! { <ul class="notice__list">{items}</ul> })}
            </div>
        })
    }
}

/// The message under a field's label when the field has an error.
#[component]
pub(crate) fn FieldError(state: FormState, name: StoredValue<String>) -> impl IntoView {
    move || {
        state.error(&name.read_value()).map(|error| {
            view! {
                <p class="field__error" id=format!("{}-error", name.read_value())>
                    <span class="visually-hidden">{t("error-prefix")}</span>
                    {message(&error)}
                </p>
            }
        })
    }
}

/// Pairs each field name with the translation of its label key, for [`ErrorSummary`].
pub fn labels(names: &[(&str, &str)]) -> Vec<(String, String)> {
    names
        .iter()
        .map(|(name, key)| (name.to_string(), t(key)))
        .collect()
}

/// The label text with "(optional)" when the field may stay empty.
fn label_text(label: &str, optional: bool) -> String {
    if optional {
        format!("{label} {}", t("field-optional"))
    } else {
        label.to_string()
    }
}

/// A one-line input with its label, hint and error.
#[component]
pub fn TextField(
    state: FormState,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] optional: bool,
    #[prop(optional)] width: Option<&'static str>,
    /// A value that replaces the state's value, e.g. a profile value.
    #[prop(optional, into)]
    value: Option<String>,
) -> impl IntoView {
    // An empty hint, as forms built from data may pass, is no hint.
    let hint = hint.filter(|hint| !hint.trim().is_empty());
    let has_hint = hint.is_some();
    let value = if input_type == "password" {
        String::new()
    } else {
        value.unwrap_or_else(|| state.value(&name))
    };
    let input_class = match width {
        Some(width) => format!("input input--{width}"),
        None => "input".to_string(),
    };
    let key = StoredValue::new(name.clone());
    let invalid = move || state.error(&key.read_value()).is_some();
    view! {
        <div class="field" class:field--invalid=invalid>
            <label class="field__label" for=name.clone()>{label_text(&label, optional)}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=format!("{name}-hint")>{hint}</p> })}
            <FieldError state name=key />
            <input
                class=input_class
                id=name.clone()
                name=name.clone()
                type=input_type
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck=(input_type != "text").then_some("false")
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=move || described_by(&key.read_value(), has_hint, invalid())
            />
        </div>
    }
}

/// A multi-line input.
#[component]
pub fn TextArea(
    state: FormState,
    name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] optional: bool,
    #[prop(optional)] autocomplete: Option<String>,
    #[prop(optional, into)] value: Option<String>,
    /// The visible height in lines.
    #[prop(default = 4)]
    rows: u32,
    /// Shows the text in a monospace font without wrapping, for source text.
    #[prop(optional)]
    monospace: bool,
) -> impl IntoView {
    // An empty hint, as forms built from data may pass, is no hint.
    let hint = hint.filter(|hint| !hint.trim().is_empty());
    let has_hint = hint.is_some();
    let value = value.unwrap_or_else(|| state.value(&name));
    let class = if monospace {
        "input input--area input--code"
    } else {
        "input input--area"
    };
    let key = StoredValue::new(name.clone());
    let invalid = move || state.error(&key.read_value()).is_some();
    view! {
        <div class="field" class:field--invalid=invalid>
            <label class="field__label" for=name.clone()>{label_text(&label, optional)}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=format!("{name}-hint")>{hint}</p> })}
            <FieldError state name=key />
            <textarea
                class=class
                id=name.clone()
                name=name.clone()
                rows=rows
                autocomplete=autocomplete
                spellcheck=monospace.then_some("false")
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=move || described_by(&key.read_value(), has_hint, invalid())
            >
                {value}
            </textarea>
        </div>
    }
}

/// Renders one choice from a list as a drop-down, with its label, hint and error. The first
/// option is `placeholder` with an empty value, so nothing is chosen until the person
/// chooses.
#[component]
pub fn Select(
    state: FormState,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] placeholder: String,
    options: Vec<(String, String)>,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    // An empty hint, as forms built from data may pass, is no hint.
    let hint = hint.filter(|hint| !hint.trim().is_empty());
    let has_hint = hint.is_some();
    let selected = state.value(&name);
    let key = StoredValue::new(name.clone());
    let invalid = move || state.error(&key.read_value()).is_some();
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let chosen = value == selected;
            view! { <option value=value selected=chosen>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field" class:field--invalid=invalid>
            <label class="field__label" for=name.clone()>{label_text(&label, optional)}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=format!("{name}-hint")>{hint}</p> })}
            <FieldError state name=key />
            <select
                class="input"
                id=name.clone()
                name=name.clone()
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=move || described_by(&key.read_value(), has_hint, invalid())
            >
                <option value="">{placeholder}</option>
                {options}
            </select>
        </div>
    }
}

/// One choice among a few options as radio buttons in a fieldset, or with `multiple`
/// any number of them as check boxes; the value then lists the chosen ones with commas.
#[component]
pub fn RadioGroup(
    state: FormState,
    name: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] multiple: bool,
) -> impl IntoView {
    // An empty hint, as forms built from data may pass, is no hint.
    let hint = hint.filter(|hint| !hint.trim().is_empty());
    let has_hint = hint.is_some();
    let selected = value.unwrap_or_else(|| state.value(&name));
    let chosen: Vec<String> = selected.split(',').map(str::to_string).collect();
    let (input_type, class) = if multiple {
        ("checkbox", "checkbox")
    } else {
        ("radio", "radio")
    };
    let key = StoredValue::new(name.clone());
    let invalid = move || state.error(&key.read_value()).is_some();
    let radios = options
        .into_iter()
        .enumerate()
        .map(|(index, (option_value, option_label))| {
            // The first radio carries the field's id, so the error summary can link to it.
            let id = if index == 0 { name.clone() } else { format!("{name}-{index}") };
            let checked = chosen.contains(&option_value);
            view! {
                <div class=class>
                    <input class="radio__input" type=input_type id=id.clone() name=name.clone() value=option_value checked=checked />
                    <label class="radio__label" for=id>{option_label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="field" class:field--invalid=invalid>
            <fieldset class="fieldset" aria-describedby=move || described_by(&key.read_value(), has_hint, invalid())>
                <legend class="field__label">{legend}</legend>
                {hint.map(|hint| view! { <p class="field__hint" id=format!("{}-hint", key.read_value())>{hint}</p> })}
                <FieldError state name=key />
                <div class="radios">{radios}</div>
            </fieldset>
        </div>
    }
}

/// A checkbox sending `on` when checked, with its own error. A disabled box is shown
/// unchecked and is not sent.
#[component]
pub fn Checkbox(
    state: FormState,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let checked = !disabled && state.value(&name) == "on";
    let key = StoredValue::new(name.clone());
    let invalid = move || state.error(&key.read_value()).is_some();
    view! {
        <div class="field field--choice" class:field--invalid=invalid>
            <FieldError state name=key />
            <div class="checkbox">
            <input
                class="checkbox__input"
                type="checkbox"
                id=name.clone()
                name=name.clone()
                value="on"
                checked=checked
                disabled=disabled
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=move || described_by(&key.read_value(), false, invalid())
            />
            <label class="checkbox__label" for=name>{label}</label>
            </div>
        </div>
    }
}

/// A file input, with its label, hint and error: one file, or several when `multiple`.
/// Only a form sent as `multipart/form-data` carries the files.
#[component]
pub fn FileField(
    state: FormState,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    /// The `accept` attribute, e.g. `.pdf,.jpg,.png`.
    accept: &'static str,
    #[prop(optional)] multiple: bool,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    // An empty hint, as forms built from data may pass, is no hint.
    let hint = hint.filter(|hint| !hint.trim().is_empty());
    let has_hint = hint.is_some();
    let key = StoredValue::new(name.clone());
    let invalid = move || state.error(&key.read_value()).is_some();
    view! {
        <div class="field" class:field--invalid=invalid>
            <label class="field__label" for=name.clone()>{label_text(&label, optional)}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=format!("{name}-hint")>{hint}</p> })}
            <FieldError state name=key />
            <input
                class="input input--file"
                id=name.clone()
                name=name.clone()
                type="file"
                accept=accept
                multiple=multiple
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=move || described_by(&key.read_value(), has_hint, invalid())
            />
        </div>
    }
}

/// A hidden input.
#[component]
pub fn Hidden(#[prop(into)] name: String, #[prop(into)] value: String) -> impl IntoView {
    view! { <input type="hidden" name=name value=value /> }
}

/// The button that sends a form; while the answer is awaited it says so and ignores
/// clicks, so a double click sends once.
#[component]
pub fn SubmitButton(
    #[prop(into)] label: String,
    #[prop(optional, into)] pending: Option<Signal<bool>>,
) -> impl IntoView {
    let pending = pending.unwrap_or_else(|| Signal::derive(|| false));
    view! {
        <button class="button" type="submit" aria-disabled=move || pending.get().then_some("true")>
            {move || if pending.get() { t("button-sending") } else { label.clone() }}
        </button>
    }
}
