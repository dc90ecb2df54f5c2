//! Applying for a service, the list of one's applications and an application's page.

use kabinet_shared::model::{
    ApplicationDetail, ApplicationStatus, HistoryStep, ProfileOffer, StagedFile, ThreadMessage,
};
use kabinet_shared::service::{DocumentDef, ServiceDefinition};
use kabinet_shared::{FieldErrors, Locale};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::Flash;
use crate::api::FormReply;
use crate::api::applications::{
    ApplyForm, PostMessage, SaveAnswersToProfile, SubmitApplication, WithdrawApplication,
    get_application, get_apply_form, list_result_documents, profile_offer_form, thread_form,
    withdraw_form,
};
use crate::api::forms::take_form_flash;
use crate::api::templates::template_form;
use crate::components::form::{ErrorSummary, FormState, Hidden, SubmitButton, TextArea};
use crate::components::page::{ErrorView, Loading, PageTitle};
use crate::components::status::StatusBadge;
use crate::i18n::{date_time, date_time_attribute, locale, message, t, t_with};
use crate::pages::correction::Corrections;
use crate::pages::service_form::{
    FormReview, ServiceField, StepProgress, condition_text, field_labels, other_pages,
};
use crate::pages::templates::SaveTemplateSection;
use leptos::server_fn::ServerFn;

/// Largest attachment, in bytes; the server checks the same limit.
#[cfg(feature = "hydrate")]
const MAX_FILE_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

#[component]
pub fn ApplyPage() -> impl IntoView {
    let params = use_params_map();
    let query = leptos_router::hooks::use_query_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let draft = move || query.read().get("draft").unwrap_or_default();
    let template = move || query.read().get("template").unwrap_or_default();
    let step = move || {
        query
            .read()
            .get("step")
            .and_then(|step| step.parse::<usize>().ok())
            .unwrap_or(1)
    };
    let form = Resource::new(
        move || (code(), draft(), template()),
        |(code, draft, template)| get_apply_form(code, draft, template),
    );

    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let step = step();
                match form.await {
                    Ok(form) => {
                        // A form with steps ends with its review page.
                        let pages = form.service.step_count() + usize::from(!form.service.steps.is_empty());
                        let step = step.clamp(1, pages);
                        view! { <ApplicationForm form step /> }.into_any()
                    }
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The application form, or page `step` of it when the service's form has steps.
#[component]
fn ApplicationForm(form: ApplyForm, step: usize) -> impl IntoView {
    let locale = locale();
    let ApplyForm {
        service,
        values,
        prefilled,
        request_key,
        staged,
        reply,
        template,
        checked,
    } = form;
    let title = service.title.get(locale).to_string();
    let labels = field_labels(&service, &values, locale)
        .into_iter()
        .chain(service.documents.iter().map(|document| {
            (
                format!("doc_{}", document.code),
                document.title.get(locale).to_string(),
            )
        }))
        .collect::<Vec<_>>();
    let carried = other_pages(&service, &values, step);
    let state = FormState::new(values, reply);
    let pending = RwSignal::new(false);
    // Page 1 of this form's draft; the review links to each page from it.
    let draft_start = format!(
        "/services/{}/apply?draft={}",
        crate::url::encode_query(&service.code),
        crate::url::encode_query(&request_key)
    );
    let mut draft_address = draft_start.clone();
    if step > 1 {
        draft_address.push_str(&format!("&step={step}"));
    }
    let stepped = !service.steps.is_empty();
    // The review page follows the definition's pages, and only it sends a form with steps.
    let review = stepped && step > service.steps.len();
    let last_step = !stepped || review;
    let step_title = if review {
        Some(t("steps-review"))
    } else {
        service
            .steps
            .get(step - 1)
            .map(|page| page.title.get(locale).to_string())
    };
    let review_view = review.then(|| {
        view! {
            <FormReview
                service=service.clone()
                answers=checked.unwrap_or_else(|| state.with_values(Clone::clone))
                staged=staged.clone()
                draft_address=draft_start
            />
        }
    });
    let autosave = Autosave::new(draft_address.clone());
    let on_submit = {
        let submit = submit_handler(service.clone(), step, state, pending, draft_address);
        move |event: leptos::ev::SubmitEvent| {
            autosave.cancel();
            submit(event);
        }
    };

    // The answers in the form, read again on every change, so that a conditional field
    // shows only while it is asked. `None` until the page is hydrated: without JavaScript
    // every field shows, with its condition written in its hint.
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let typed = RwSignal::new(None::<std::collections::BTreeMap<String, String>>);
    let read_typed = {
        let service = service.clone();
        move || {
            if let Some(form) = form_ref.get() {
                typed.set(form_answers(&service, &form));
            }
        }
    };
    Effect::new({
        let read_typed = read_typed.clone();
        move |_| read_typed()
    });

    let fields = service
        .step_fields(step)
        .into_iter()
        .map(|field| {
            let from_profile = prefilled.contains(&field.name);
            let condition = condition_text(&service, field, locale);
            let view = view! { <ServiceField state field=field.clone() from_profile condition /> };
            match field.shown_when.clone() {
                Some(shown_when) => {
                    let hidden = move || {
                        typed.with(|typed| {
                            typed
                                .as_ref()
                                .is_some_and(|answers| !shown_when.holds(answers))
                        })
                    };
                    view! { <div class="form__conditional" hidden=hidden>{view}</div> }.into_any()
                }
                None => view.into_any(),
            }
        })
        .collect_view();
    let with_documents = service.step_has_documents(step) && !service.documents.is_empty();
    let documents = service
        .documents
        .iter()
        .filter(|_| with_documents)
        .map(|document| {
            let files: Vec<StagedFile> = staged
                .iter()
                .filter(|file| file.document_code == document.code)
                .cloned()
                .collect();
            // Erased to `AnyView`: the full view type of the form otherwise overflows
            // rustc's query depth limit in the release WebAssembly build.
            view! { <DocumentField state document=document.clone() staged=files /> }.into_any()
        })
        .collect_view();

    view! {
        <PageTitle text=title.clone() />
        <p class="breadcrumbs"><a href=format!("/services/{}", service.code)>{title.clone()}</a></p>
        <h1>{t("apply-title")}</h1>
        <p class="lead">{title}</p>
        {template.map(|name| view! {
            <div class="notice" role="status">
                <p>{t_with("apply-from-template", &[("name", &name)])}</p>
            </div>
        })}
        {stepped.then(|| view! { <StepProgress service=service.clone() step /> })}
        <ErrorSummary state labels />
        <form
            class="form"
            method="post"
            enctype="multipart/form-data"
            action=SubmitApplication::url()
            novalidate
            on:submit=on_submit
            on:change=move |_| {
                read_typed();
                autosave.schedule(form_ref);
            }
            node_ref=form_ref
        >
            <Hidden name="service" value=service.code.clone() />
            <Hidden name="request_key" value=request_key />
            <Hidden name="step" value=step.to_string() />
            {carried}
            {match step_title {
                Some(step_title) => view! { <h2>{step_title}</h2> }.into_any(),
                None => view! { <h2>{t("apply-answers")}</h2> }.into_any(),
            }}
            {review_view}
            {fields}
            {with_documents.then(|| view! {
                {(!stepped).then(|| view! { <h2>{t("apply-documents")}</h2> })}
                <p class="field__hint">{t("apply-documents-hint")}</p>
            })}
            {documents}
            <div class="button-row">
                // The first button is the one Enter presses: the way forward.
                {if last_step {
                    view! { <SubmitButton label=t("apply-submit") pending=Signal::from(pending) /> }.into_any()
                } else {
                    view! {
                        <button class="button" type="submit" name="intent" value="next" formnovalidate>
                            {t("apply-next")}
                        </button>
                    }
                    .into_any()
                }}
                {(step > 1).then(|| view! {
                    <button class="button button--secondary" type="submit" name="intent" value="back" formnovalidate>
                        {t("apply-back")}
                    </button>
                })}
                // A draft is saved as typed, so the browser's own checks are skipped.
                <button class="button button--secondary" type="submit" name="intent" value="draft" formnovalidate>
                    {t("apply-save-draft")}
                </button>
            </div>
            <p class="field__hint">{t("apply-draft-hint")} " " <a href="/applications/drafts">{t("drafts-title")}</a></p>
            <p class="field__hint" role="status">
                {move || autosave.saved_at().map(|time| t_with("apply-draft-autosaved", &[("time", &time)]))}
            </p>
        </form>
    }
}

/// Saves the answers of a hydrated form as a draft a few seconds after the last change,
/// so that nothing typed is lost if the person leaves. Files are left out: they go with
/// "Сохранить черновик" or the submission, not on every change.
#[derive(Clone, Copy)]
struct Autosave {
    timer: StoredValue<Option<leptos::leptos_dom::helpers::TimeoutHandle>>,
    send: Action<leptos::web_sys::FormData, Result<FormReply, crate::api::AppError>>,
    saved_at: RwSignal<Option<String>>,
}

/// Seconds of quiet after a change before the draft is saved.
const AUTOSAVE_DELAY_SECONDS: u64 = 3;

impl Autosave {
    /// `draft_address` opens this form's draft again; the address bar shows it once the
    /// draft exists, so that a reload continues the draft instead of starting another.
    fn new(draft_address: String) -> Autosave {
        let send = Action::new_local(|data: &leptos::web_sys::FormData| {
            let data = data.clone();
            async move { crate::api::applications::submit_application(data.into()).await }
        });
        let saved_at = RwSignal::new(None);
        Effect::new(move |_| {
            if let Some(Ok(FormReply::Saved(_))) = send.value().get() {
                saved_at.set(Some(clock_time()));
                show_address(&draft_address);
            }
        });
        Autosave {
            // Thread-safe storage: the server renders the form on one thread of its
            // runtime and may drop it on another, which local storage does not allow.
            timer: StoredValue::new(None),
            send,
            saved_at,
        }
    }

    fn saved_at(self) -> Option<String> {
        self.saved_at.get()
    }

    /// Stops a save that has not started yet, before the form is sent.
    fn cancel(self) {
        if let Some(timer) = self.timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    }

    /// Saves the form's answers once the person has paused.
    fn schedule(self, form: NodeRef<leptos::html::Form>) {
        self.cancel();
        let send = self.send;
        let save = move || {
            let Some(form) = form.get_untracked() else {
                return;
            };
            if let Some(data) = draft_data(&form) {
                send.dispatch_local(data);
            }
        };
        if let Ok(timer) = leptos::leptos_dom::helpers::set_timeout_with_handle(
            save,
            std::time::Duration::from_secs(AUTOSAVE_DELAY_SECONDS),
        ) {
            self.timer.set_value(Some(timer));
        }
    }
}

/// The form's answers without its files, marked as a draft.
#[cfg(feature = "hydrate")]
fn draft_data(form: &leptos::web_sys::HtmlFormElement) -> Option<leptos::web_sys::FormData> {
    use leptos::wasm_bindgen::JsCast;

    let data = leptos::web_sys::FormData::new_with_form(form).ok()?;
    let mut names = Vec::new();
    let entries = js_sys::try_iter(&data).ok().flatten()?;
    for entry in entries.flatten() {
        let pair: js_sys::Array = entry.dyn_into().ok()?;
        if let Some(name) = pair.get(0).as_string()
            && name.starts_with("doc_")
        {
            names.push(name);
        }
    }
    for name in names {
        data.delete(&name);
    }
    data.append_with_str("intent", "draft").ok()?;
    Some(data)
}

#[cfg(not(feature = "hydrate"))]
fn draft_data(_form: &leptos::web_sys::HtmlFormElement) -> Option<leptos::web_sys::FormData> {
    None
}

/// Puts `address` in the address bar without loading it.
fn show_address(address: &str) {
    #[cfg(feature = "hydrate")]
    if let Ok(history) = window().history() {
        let _ =
            history.replace_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(address));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = address;
}

/// Returns the browser's time of day as `HH:MM`.
fn clock_time() -> String {
    #[cfg(feature = "hydrate")]
    {
        let now = js_sys::Date::new_0();
        format!("{:02}:{:02}", now.get_hours(), now.get_minutes())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

/// Checks the answers and file sizes in the browser, then sends the whole form as
/// multipart data unless those errors are all there is to report. The reply is shown
/// by `state`.
fn submit_handler(
    service: ServiceDefinition,
    step: usize,
    state: FormState,
    pending: RwSignal<bool>,
    draft_address: String,
) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
    let submit = Action::new_local(|data: &leptos::web_sys::FormData| {
        let data = data.clone();
        async move { crate::api::applications::submit_application(data.into()).await }
    });
    Effect::new(move |_| {
        if let Some(result) = submit.value().get() {
            pending.set(false);
            state.show_result(&result);
            if let Ok(FormReply::Saved(_)) = result {
                show_address(&draft_address);
            }
        }
    });

    move |event: leptos::ev::SubmitEvent| {
        if pending.get_untracked() {
            event.prevent_default();
            return;
        }
        let Some(form) = form_element(&event) else {
            return;
        };
        let Ok(data) = leptos::web_sys::FormData::new_with_form(&form) else {
            return;
        };
        // The buttons that change the page or a group's items post the form the plain
        // way: the server saves the draft and shows the form again.
        if sends_plain_post(&event) {
            return;
        }
        event.prevent_default();
        // A draft goes to the server as typed: only a submission is checked here first.
        if is_draft_button(&event) {
            let _ = data.append_with_str("intent", "draft");
            pending.set(true);
            submit.dispatch_local(data);
            return;
        }

        // Only the server can check an attached file's type, by its content. So a form
        // with a file goes to the server even when answers have errors, and every error
        // comes back at once; a file over the size limit is never sent.
        let errors = browser_errors(&service, &data);
        // An error on another page of a form with steps goes to the server, which shows
        // that page with it.
        if errors
            .0
            .iter()
            .any(|error| service.step_of(&error.field) != step)
        {
            pending.set(true);
            submit.dispatch_local(data);
            return;
        }
        let file_too_large = errors.0.iter().any(|error| error.field.starts_with("doc_"));
        if file_too_large || (!errors.is_empty() && !has_attached_file(&service, &data)) {
            state.show_result(&Ok(FormReply::Invalid(errors)));
            return;
        }
        pending.set(true);
        submit.dispatch_local(data);
    }
}

/// Returns whether the form was sent by a button that goes to another page of the form
/// or adds or removes an item of a group.
#[cfg(feature = "hydrate")]
fn sends_plain_post(event: &leptos::ev::SubmitEvent) -> bool {
    use leptos::wasm_bindgen::JsCast;
    event
        .submitter()
        .and_then(|button| button.dyn_into::<leptos::web_sys::HtmlButtonElement>().ok())
        .is_some_and(|button| {
            let value = button.value();
            button.name() == "intent"
                && (value == "next"
                    || value == "back"
                    || value.starts_with("add:")
                    || value.starts_with("remove:"))
        })
}

#[cfg(not(feature = "hydrate"))]
fn sends_plain_post(_event: &leptos::ev::SubmitEvent) -> bool {
    false
}

/// Returns whether the form was sent by its "save as draft" button.
#[cfg(feature = "hydrate")]
fn is_draft_button(event: &leptos::ev::SubmitEvent) -> bool {
    use leptos::wasm_bindgen::JsCast;
    event
        .submitter()
        .and_then(|button| button.dyn_into::<leptos::web_sys::HtmlButtonElement>().ok())
        .is_some_and(|button| button.name() == "intent" && button.value() == "draft")
}

#[cfg(not(feature = "hydrate"))]
fn is_draft_button(_event: &leptos::ev::SubmitEvent) -> bool {
    false
}

#[cfg(feature = "hydrate")]
fn form_element(event: &leptos::ev::SubmitEvent) -> Option<leptos::web_sys::HtmlFormElement> {
    use leptos::wasm_bindgen::JsCast;
    event.target()?.dyn_into().ok()
}

#[cfg(not(feature = "hydrate"))]
fn form_element(_event: &leptos::ev::SubmitEvent) -> Option<leptos::web_sys::HtmlFormElement> {
    None
}

/// The errors the browser can find before sending: answers, by the shared validator,
/// and files over the size limit.
#[cfg(feature = "hydrate")]
fn browser_errors(service: &ServiceDefinition, data: &leptos::web_sys::FormData) -> FieldErrors {
    use kabinet_shared::Message;
    use kabinet_shared::service::validate_answers;
    use leptos::wasm_bindgen::JsCast;

    let raw = raw_answers(service, data);
    let mut errors = validate_answers(service, &raw, crate::clock::today())
        .err()
        .unwrap_or_default();
    for document in &service.documents {
        let name = format!("doc_{}", document.code);
        for entry in data.get_all(&name).iter() {
            if let Ok(file) = entry.dyn_into::<leptos::web_sys::File>()
                && file.size() > MAX_FILE_BYTES
            {
                errors.add(
                    &name,
                    Message::new("error-file-too-large")
                        .arg("file", file.name())
                        .arg("max", 5),
                );
            }
        }
    }
    errors
}

#[cfg(not(feature = "hydrate"))]
fn browser_errors(_service: &ServiceDefinition, _data: &leptos::web_sys::FormData) -> FieldErrors {
    FieldErrors::new()
}

/// The answers as typed, by field name; the check boxes of a several-choice field, which
/// send one entry each, joined with commas as the validator expects.
#[cfg(feature = "hydrate")]
fn raw_answers(
    service: &ServiceDefinition,
    data: &leptos::web_sys::FormData,
) -> std::collections::BTreeMap<String, String> {
    use kabinet_shared::service::{FieldKind, item_key};

    let mut raw = std::collections::BTreeMap::new();
    for field in &service.fields {
        let mut names = vec![field.name.clone()];
        if field.kind == FieldKind::Group {
            let items = data
                .get(&field.name)
                .as_string()
                .and_then(|count| count.parse::<usize>().ok())
                .unwrap_or(0)
                .min(field.max_items());
            for index in 1..=items {
                for inner in &field.fields {
                    names.push(item_key(&field.name, index, &inner.name));
                }
            }
        }
        for name in names {
            let values: Vec<String> = data
                .get_all(&name)
                .iter()
                .filter_map(|value| value.as_string())
                .collect();
            if !values.is_empty() {
                raw.insert(name, values.join(","));
            }
        }
    }
    raw
}

/// The answers currently in `form`, for the conditional fields.
#[cfg(feature = "hydrate")]
fn form_answers(
    service: &ServiceDefinition,
    form: &leptos::web_sys::HtmlFormElement,
) -> Option<std::collections::BTreeMap<String, String>> {
    let data = leptos::web_sys::FormData::new_with_form(form).ok()?;
    Some(raw_answers(service, &data))
}

#[cfg(not(feature = "hydrate"))]
fn form_answers(
    _service: &ServiceDefinition,
    _form: &leptos::web_sys::HtmlFormElement,
) -> Option<std::collections::BTreeMap<String, String>> {
    None
}

/// Returns whether a file is chosen in any document input. An empty file input still
/// sends an entry, a file with no name.
#[cfg(feature = "hydrate")]
fn has_attached_file(service: &ServiceDefinition, data: &leptos::web_sys::FormData) -> bool {
    use leptos::wasm_bindgen::JsCast;

    service.documents.iter().any(|document| {
        data.get_all(&format!("doc_{}", document.code))
            .iter()
            .filter_map(|entry| entry.dyn_into::<leptos::web_sys::File>().ok())
            .any(|file| !file.name().is_empty())
    })
}

#[cfg(not(feature = "hydrate"))]
fn has_attached_file(_service: &ServiceDefinition, _data: &leptos::web_sys::FormData) -> bool {
    false
}

/// A document to attach: the files already accepted, each removable, and a file input.
#[component]
fn DocumentField(
    state: FormState,
    document: DocumentDef,
    staged: Vec<StagedFile>,
) -> impl IntoView {
    let locale = locale();
    let name = format!("doc_{}", document.code);
    let key = StoredValue::new(name.clone());
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let mut hint = t_with(
        "apply-file-rules",
        &[("max", &document.max_files.to_string())],
    );
    if let Some(extra) = &document.hint {
        hint = format!("{}. {hint}", extra.get(locale));
    }
    let title = document.title.get(locale).to_string();
    let label = if document.required {
        title
    } else {
        format!("{title} {}", t("field-optional"))
    };
    let staged_list = (!staged.is_empty()).then(|| {
        view! {
            <ul class="file-list">
                {staged
                    .into_iter()
                    .map(|file| {
                        let id = format!("remove-{}", file.id);
                        let size = format_size(file.size, locale);
                        view! {
                            <li class="file-list__item">
                                <span>{t("apply-file-attached")} " " <strong>{file.file_name}</strong> " (" {size} ")"</span>
                                <span class="checkbox">
                                    <input type="checkbox" id=id.clone() name="remove_upload" value=file.id.to_string() />
                                    <label for=id>{t("apply-file-remove")}</label>
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let multiple = document.max_files > 1;
    let invalid = move || state.error(&key.read_value()).is_some();
    let described_by = {
        let hint_id = hint_id.clone();
        move || {
            if invalid() {
                format!("{hint_id} {}-error", key.read_value())
            } else {
                hint_id.clone()
            }
        }
    };

    view! {
        <div class="field" class:field--invalid=invalid>
            <label class="field__label" for=name.clone()>{label}</label>
            <p class="field__hint" id=hint_id.clone()>{hint}</p>
            {move || state.error(&key.read_value()).map(|error| view! {
                <p class="field__error" id=error_id.clone()>
                    <span class="visually-hidden">{t("error-prefix")}</span>
                    {message(&error)}
                </p>
            })}
            {staged_list}
            <input
                class="file-input"
                type="file"
                id=name.clone()
                name=name
                multiple=multiple
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described_by
            />
        </div>
    }
}

/// A file size as people read it: "340 КБ", "1,2 МБ".
pub fn format_size(bytes: u64, locale: Locale) -> String {
    let (value, unit) = if bytes >= 1024 * 1024 {
        (bytes as f64 / (1024.0 * 1024.0), "size-mb")
    } else {
        ((bytes as f64 / 1024.0).max(1.0), "size-kb")
    };
    let number = if value >= 10.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    let number = if locale == Locale::Ru {
        number.replace('.', ",")
    } else {
        number
    };
    format!("{number} {}", kabinet_shared::i18n::text(locale, unit))
}

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let application = Resource::new(id, |id| async move {
        let detail = get_application(id.clone(), false).await?;
        let offers = take_form_flash(profile_offer_form(&id)).await?;
        let withdraw = take_form_flash(withdraw_form(&id)).await?;
        let thread = take_form_flash(thread_form(&id)).await?;
        let template = take_form_flash(template_form(&id)).await?;
        Ok((
            detail,
            offers.and_then(|flash| flash.reply),
            withdraw,
            thread,
            template,
        ))
    });

    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let submitted = query.read_untracked().get("submitted").is_some();
                let withdrawn = query.read_untracked().get("withdrawn").is_some();
                let posted = query.read_untracked().get("posted").is_some();
                let corrected = query.read_untracked().get("corrected").is_some();
                let saved_to_profile = query
                    .read_untracked()
                    .get("saved_to_profile")
                    .and_then(|count| count.parse::<u32>().ok());
                match application.await {
                    Ok((detail, offers_reply, withdraw_flash, thread_flash, template_flash)) => {
                        let withdraw = detail.can_withdraw.then(|| {
                            let (values, reply) = withdraw_flash
                                .map(|flash| (flash.values, flash.reply))
                                .unwrap_or_default();
                            view! { <WithdrawSection application=detail.summary.id.to_string() values reply /> }
                        });
                        // Officials are sent to their review page, so only the applicant
                        // gets here, but the check keeps staff views free of the form.
                        let save_template = detail.summary.applicant.is_none().then(|| {
                            let (values, reply) = template_flash
                                .map(|flash| (flash.values, flash.reply))
                                .unwrap_or_default();
                            view! { <SaveTemplateSection application=detail.summary.id.to_string() values reply /> }
                        });
                        view! {
                            <ApplicationView detail submitted withdrawn posted corrected offers_reply saved_to_profile thread_flash />
                            {save_template}
                            {withdraw}
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The page of one application, for its applicant and for officials.
#[component]
pub fn ApplicationView(
    detail: ApplicationDetail,
    #[prop(optional)] submitted: bool,
    /// Whether the applicant has just withdrawn the application.
    #[prop(optional)]
    withdrawn: bool,
    /// Whether a message has just been posted to the thread.
    #[prop(optional)]
    posted: bool,
    /// Whether the applicant has just corrected the answers.
    #[prop(optional)]
    corrected: bool,
    /// Shown right under the title, before the details: the official's actions.
    #[prop(optional)]
    actions: Option<Children>,
    /// The outcome of saving answers to the profile by a plain form post.
    #[prop(default = None)]
    offers_reply: Option<FormReply>,
    /// How many answers were just saved to the profile.
    #[prop(default = None)]
    saved_to_profile: Option<u32>,
    /// The flash of a plain post of the thread form, with the typed text and the errors.
    #[prop(default = None)]
    thread_flash: Option<Flash>,
) -> impl IntoView {
    let summary = detail.summary.clone();
    let title = t_with("application-title", &[("number", &summary.number)]);
    let banner = submitted.then(|| {
        view! {
            <div class="notice notice--success" role="status">
                <h2 class="notice__title">{t("application-submitted")}</h2>
                <p>{t_with("application-submitted-number", &[("number", &summary.number)])}</p>
                {(!detail.batch.is_empty()).then(|| view! {
                    <p>{t_with("application-submitted-batch", &[("count", &detail.batch.len().to_string())])}</p>
                })}
            </div>
        }
    });
    // The applications sent by the same form, one per child for instance.
    let batch = (!detail.batch.is_empty()).then(|| {
        let links = detail
            .batch
            .iter()
            .map(|other| {
                view! {
                    <li>
                        <a href=format!("/applications/{}", other.id)>
                            {t_with("application-batch-link", &[("number", &other.number)])}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="batch-title">
                <h2 id="batch-title">{t("application-batch-title")}</h2>
                <p>{t("application-batch-lead")}</p>
                <ul class="bullets">{links}</ul>
            </section>
        }
    });
    // The applicant sees what the department asked for first, above everything else.
    let is_staff = summary.applicant.is_some();
    let request = (summary.status == ApplicationStatus::ActionRequired && !is_staff)
        .then(|| {
            detail
                .history
                .iter()
                .rev()
                .find(|change| {
                    change.status == ApplicationStatus::ActionRequired
                        && change.step == HistoryStep::Status
                })
                .and_then(|change| change.comment.clone())
        })
        .flatten()
        .map(|comment| {
            view! {
                <section class="notice notice--problem" aria-labelledby="request-title">
                    <h2 id="request-title" class="notice__title">{t("thread-request-title")}</h2>
                    <p class="thread__body">{comment}</p>
                    <p>
                        <a href="#thread-form">{t("thread-request-answer")}</a>
                        {detail.can_correct.then(|| view! {
                            " · "
                            <a href=format!("/applications/{}/correct", summary.id)>{t("correction-link")}</a>
                        })}
                    </p>
                </section>
            }
        });
    let posted_banner = posted.then(|| {
        view! {
            <div class="notice notice--success" role="status">
                <p>{t("thread-posted")}</p>
            </div>
        }
    });
    let corrected_banner = corrected.then(|| {
        view! {
            <div class="notice notice--success" role="status">
                <p>{t("correction-sent")}</p>
            </div>
        }
    });
    let withdrawn_banner = withdrawn.then(|| {
        view! {
            <div class="notice notice--success" role="status">
                <p>{t_with("application-withdrawn-notice", &[("number", &summary.number)])}</p>
            </div>
        }
    });
    let answers = detail
        .answers
        .iter()
        .map(|answer| {
            view! {
                <div class="summary-list__row">
                    <dt>{answer.label.clone()}</dt>
                    <dd>{answer.value.clone()}</dd>
                </div>
            }
        })
        .collect_view();
    let documents = detail
        .documents
        .iter()
        .map(|document| {
            let href = format!("/applications/{}/documents/{}", summary.id, document.id);
            let size = format_size(document.size, locale());
            view! {
                <li>
                    {document.title.clone()} ": "
                    <a href=href rel="external" download=document.file_name.clone()>{document.file_name.clone()}</a>
                    " (" {size} ")"
                </li>
            }
        })
        .collect_view();
    let history = detail
        .history
        .iter()
        .rev()
        .map(|change| {
            let step = match &change.step {
                HistoryStep::Status => None,
                HistoryStep::Returned => Some(t("history-step-returned")),
                HistoryStep::Corrected => Some(t("history-step-corrected")),
                HistoryStep::Reassigned(name) => {
                    Some(t_with("history-step-reassigned", &[("name", name)]))
                }
            };
            let reason = change
                .reason
                .as_ref()
                .map(|reason| t_with("history-refusal-reason", &[("reason", reason)]));
            let lines = [step, reason, change.comment.clone()]
                .into_iter()
                .flatten()
                .map(|line| view! { <p class="table__line">{line}</p> })
                .collect_view();
            view! {
                <tr>
                    <td><time datetime=date_time_attribute(&change.at)>{date_time(&change.at)}</time></td>
                    <td><StatusBadge status=change.status /></td>
                    <td>{change.actor.clone().unwrap_or_else(|| t("history-actor-applicant"))}</td>
                    <td>{lines}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <PageTitle text=title.clone() />
        {banner}
        {withdrawn_banner}
        {posted_banner}
        {corrected_banner}
        <h1>{title}</h1>
        {request}
        <p class="lead">{summary.service_title.clone()}</p>
        {actions.map(|actions| actions())}
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>{t("column-status")}</dt>
                <dd><StatusBadge status=summary.status /></dd>
            </div>
            <div class="summary-list__row">
                <dt>{t("service-department")}</dt>
                <dd>{detail.department.clone()}</dd>
            </div>
            {summary.applicant.clone().map(|applicant| view! {
                <div class="summary-list__row">
                    <dt>{t("column-applicant")}</dt>
                    <dd>{applicant}</dd>
                </div>
            })}
            <div class="summary-list__row">
                <dt>{t("column-submitted")}</dt>
                <dd><time datetime=date_time_attribute(&summary.submitted_at)>{date_time(&summary.submitted_at)}</time></dd>
            </div>
        </dl>
        {batch}
        <h2>{t("application-history")}</h2>
        <div class="table-wrap" role="region" aria-label=t("application-history") tabindex="0">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t("column-time")}</th>
                        <th scope="col">{t("column-status")}</th>
                        <th scope="col">{t("column-actor")}</th>
                        <th scope="col">{t("column-comment")}</th>
                    </tr>
                </thead>
                <tbody>{history}</tbody>
            </table>
        </div>
        <h2>{t("application-answers")}</h2>
        <dl class="summary-list">{answers}</dl>
        <Corrections corrections=detail.corrections.clone() />
        <ProfileOffers
            application=summary.id.to_string()
            offers=detail.profile_offers.clone()
            reply=offers_reply
            saved=saved_to_profile
        />
        <h2>{t("application-documents")}</h2>
        <ul class="bullets">{documents}</ul>
        <Thread
            application=summary.id
            messages=detail.messages.clone()
            can_post=detail.can_post
            answers_request=summary.status == ApplicationStatus::ActionRequired && !is_staff
            staff=is_staff
            flash=thread_flash
        />
    }
}

/// The messages between the applicant and the department, oldest first, and the form to
/// write one with files. A plain multipart post, the same with and without JavaScript.
#[component]
fn Thread(
    application: uuid::Uuid,
    messages: Vec<ThreadMessage>,
    can_post: bool,
    /// Whether sending answers the department's request and returns the application to it.
    answers_request: bool,
    /// Whether an official views the thread, who writes to the applicant.
    staff: bool,
    flash: Option<Flash>,
) -> impl IntoView {
    let (title_key, hint_key) = if staff {
        ("thread-title-staff", "thread-body-hint-staff")
    } else {
        ("thread-title", "thread-body-hint")
    };
    let list = (!messages.is_empty()).then(|| {
        let items = messages
            .into_iter()
            .map(|message| {
                let author = message.author.clone().unwrap_or_else(|| t("history-actor-applicant"));
                let files = (!message.files.is_empty()).then(|| {
                    let links = message
                        .files
                        .iter()
                        .map(|file| {
                            let href = format!("/applications/{application}/documents/{}", file.id);
                            let size = format_size(file.size, locale());
                            view! {
                                <li>
                                    <a href=href rel="external" download=file.file_name.clone()>{file.file_name.clone()}</a>
                                    " (" {size} ")"
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <ul class="bullets">{links}</ul> }
                });
                view! {
                    <li class="thread__message" class:thread__message--applicant=message.from_applicant>
                        <p class="meta">
                            {author} " · "
                            <time datetime=date_time_attribute(&message.at)>{date_time(&message.at)}</time>
                        </p>
                        <p class="thread__body">{message.body.clone()}</p>
                        {files}
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="thread">{items}</ol> }
    });
    let empty = list.is_none().then(|| view! { <p>{t("thread-empty")}</p> });
    let form = can_post.then(|| {
        let (values, reply) = flash
            .map(|flash| (flash.values, flash.reply))
            .unwrap_or_default();
        let state = FormState::new(values, reply);
        let labels = vec![
            ("body".to_string(), t("thread-body")),
            ("files".to_string(), t("thread-files")),
        ];
        let files_error = move || {
            state.error("files").map(|error| {
                view! {
                    <p class="field__error" id="files-error">
                        <span class="visually-hidden">{t("error-prefix")}</span>
                        {message(&error)}
                    </p>
                }
            })
        };
        let files_invalid = move || state.error("files").is_some().then_some("true");
        let button = if answers_request { t("thread-send-answer") } else { t("thread-send") };
        view! {
            <form id="thread-form" method="post" enctype="multipart/form-data" action=PostMessage::url() class="form">
                <ErrorSummary state labels />
                <Hidden name="application" value=application.to_string() />
                <TextArea state name="body".to_string() label=t("thread-body") hint=t(hint_key) optional=true />
                <div class="field" class:field--invalid=move || state.error("files").is_some()>
                    <label class="field__label" for="files">{t("thread-files")} " " {t("field-optional")}</label>
                    <p class="field__hint" id="files-hint">{t("thread-files-hint")}</p>
                    {files_error}
                    <input class="file-input" type="file" id="files" name="files" multiple
                        accept="application/pdf,image/jpeg,image/png" aria-invalid=files_invalid
                        aria-describedby=move || if state.error("files").is_some() { "files-hint files-error" } else { "files-hint" } />
                </div>
                <button class="button" type="submit">{button}</button>
            </form>
        }
    });
    view! {
        <section class="thread-section" id="thread" aria-labelledby="thread-title">
            <h2 id="thread-title">{t(title_key)}</h2>
            {list}
            {empty}
            {form}
        </section>
    }
}

/// The answers the applicant may keep in their profile, each with its own button, and one
/// button for all of them. Plain form posts, so they work the same without JavaScript.
#[component]
fn ProfileOffers(
    application: String,
    offers: Vec<ProfileOffer>,
    reply: Option<FormReply>,
    saved: Option<u32>,
) -> impl IntoView {
    let saved = saved.filter(|count| *count > 0).map(|count| {
        view! {
            <div class="notice notice--success" role="status">
                <p>
                    {t_with("profile-offers-saved", &[("count", &count.to_string())])} " "
                    <a href="/profile">{t("profile-offers-open-profile")}</a>
                </p>
            </div>
        }
    });
    if offers.is_empty() {
        return view! { {saved} }.into_any();
    }
    let state = FormState::new(std::collections::BTreeMap::new(), reply);
    let rows = offers
        .into_iter()
        .map(|offer| {
            let button = t_with("profile-offer-save", &[("field", &offer.label)]);
            view! {
                <div class="summary-list__row summary-list__row--action">
                    <dt>{offer.label}</dt>
                    <dd>{offer.value}</dd>
                    <dd>
                        <form method="post" action=SaveAnswersToProfile::url() class="inline-form">
                            <Hidden name="application" value=application.clone() />
                            <Hidden name="field" value=offer.field />
                            <button class="button button--secondary" type="submit">{button}</button>
                        </form>
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! {
        {saved}
        <section class="profile-offers" aria-labelledby="profile-offers-title">
            <h2 id="profile-offers-title">{t("profile-offers-title")}</h2>
            <p>{t("profile-offers-text")}</p>
            <ErrorSummary state labels=Vec::new() />
            <dl class="summary-list">{rows}</dl>
            <form method="post" action=SaveAnswersToProfile::url()>
                <Hidden name="application" value=application.clone() />
                <Hidden name="field" value="" />
                <button class="button" type="submit">{t("profile-offers-save-all")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// Withdrawing the application, behind a disclosure so that one stray click does not do
/// it. A plain form post, the same with and without JavaScript; the disclosure opens by
/// itself when the post came back with an error.
#[component]
fn WithdrawSection(
    application: String,
    values: std::collections::BTreeMap<String, String>,
    reply: Option<FormReply>,
) -> impl IntoView {
    let open = reply.is_some();
    let state = FormState::new(values, reply);
    let labels = vec![("reason".to_string(), t("withdraw-reason"))];
    view! {
        <section class="withdraw" aria-labelledby="withdraw-title">
            <h2 id="withdraw-title">{t("withdraw-title")}</h2>
            <details open=open>
                <summary>{t("withdraw-open")}</summary>
                <p>{t("withdraw-text")}</p>
                <ErrorSummary state labels />
                <form method="post" action=WithdrawApplication::url()>
                    <Hidden name="application" value=application />
                    <TextArea state name="reason".to_string() label=t("withdraw-reason")
                        hint=t("withdraw-reason-hint") optional=true />
                    <button class="button" type="submit">{t("withdraw-submit")}</button>
                </form>
            </details>
        </section>
    }
}

/// "Мои документы": the decision documents of the person's applications, each with a
/// link to its application.
#[component]
pub fn ResultDocuments() -> impl IntoView {
    let documents = Resource::new(|| (), |_| list_result_documents());
    view! {
        <section class="result-documents" aria-labelledby="result-documents-title">
            <h2 id="result-documents-title">{t("result-documents-title")}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match documents.await {
                        Ok(list) if list.is_empty() => view! { <p>{t("result-documents-empty")}</p> }.into_any(),
                        Ok(list) => {
                            let items = list
                                .into_iter()
                                .map(|document| {
                                    let href = format!(
                                        "/applications/{}/documents/{}",
                                        document.application_id, document.document_id
                                    );
                                    let application = format!("/applications/{}", document.application_id);
                                    let number = t_with("application-title", &[("number", &document.number)]);
                                    view! {
                                        <li>
                                            <a href=href rel="external" download=document.file_name.clone()>{document.file_name.clone()}</a>
                                            <p class="meta">
                                                <a href=application>{number}</a> " · " {document.service_title} " · "
                                                <time datetime=date_time_attribute(&document.issued_at)>{date_time(&document.issued_at)}</time>
                                            </p>
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! { <ul class="service-list">{items}</ul> }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
