//! The server side of the field editor's post: the intents of its buttons.
//!
//! | intent | effect |
//! | --- | --- |
//! | `apply` (also the Enter key) | writes the controls into the copy |
//! | `save`, `close` | closes the open form, keeping or dropping what it contains |
//! | `edit-field:N`, `edit-document:N` | opens that form |
//! | `up-field:N`, `down-field:N`, `remove-field:N`, `add-field` | the list of fields (`new-kind` names the kind) |
//! | `up-document:N`, `down-document:N`, `remove-document:N`, `add-document` | the list of documents |
//! | `option-add`, `option-remove:R`, `inner-add`, `inner-remove:R` | rows of the open field |
//! | `preview`, `publish` | checks the copy, then shows or publishes it |
//! | `toml` | opens the copy in the TOML editor |

use std::collections::BTreeMap;

use kabinet_core::catalogue::constructor::{SOURCE_FIELD, parse_source, to_toml};
use kabinet_core::{Actor, Error};
use kabinet_shared::service::edit::{self, Direction, Target, control};
use kabinet_shared::service::{ChoiceOption, FieldKind, Localized, ServiceDefinition};
use kabinet_shared::{FieldErrors, Message};

use super::{EDITING, WORKING_COPY, fields_form, fields_page};
use crate::api::constructor::{editor_form, editor_page};
use crate::api::{AppError, Flash, FormReply};
use crate::ssr;

/// The controls every post carries that are not part of the definition.
const FRAME: [&str; 4] = ["code", "intent", WORKING_COPY, EDITING];

/// The editor's state after a post, and the element to return to.
struct Back {
    definition: ServiceDefinition,
    editing: Option<Target>,
    reply: Option<FormReply>,
    /// The id of the element the page scrolls to, such as `field-row-2`.
    anchor: String,
}

/// Applies the post's controls and its `intent` to the working copy and redirects to the
/// editor with the result.
pub async fn apply(actor: &Actor, values: BTreeMap<String, String>) -> Result<FormReply, AppError> {
    let code = values.get("code").cloned().unwrap_or_default();
    let intent = values.get("intent").cloned().unwrap_or_default();
    let text = values.get(WORKING_COPY).cloned().unwrap_or_default();
    let form = fields_form(&code);
    let page = fields_page(&code);
    let editing = values.get(EDITING).and_then(|target| Target::parse(target));

    let Ok(mut definition) = parse_source(&text) else {
        let reply = FormReply::Rejected(Message::new("admin-fields-error-working-copy"));
        return redirect(&form, &page, BTreeMap::new(), Some(reply), "").await;
    };
    let errors = read_controls(&mut definition, editing, &intent, &values);
    if !errors.is_empty() {
        // Nothing is applied: the typed controls come back over the unchanged copy.
        let mut typed: BTreeMap<String, String> = values
            .into_iter()
            .filter(|(name, _)| !FRAME.contains(&name.as_str()))
            .collect();
        typed.insert(WORKING_COPY.to_string(), text);
        typed.insert(
            EDITING.to_string(),
            editing.map(Target::code).unwrap_or_default(),
        );
        let anchor = editor_anchor(editing);
        return redirect(
            &form,
            &page,
            typed,
            Some(FormReply::Invalid(errors)),
            &anchor,
        )
        .await;
    }

    match intent.as_str() {
        "toml" => {
            let values = BTreeMap::from([(WORKING_COPY.to_string(), copy_text(&definition)?)]);
            let flash = Flash {
                values,
                reply: None,
            };
            ssr::save_flash(&editor_form(&code), &flash).await?;
            leptos_axum::redirect(&editor_page(&code));
            Ok(FormReply::Done)
        }
        "preview" | "publish" => check(actor, &code, &intent, definition, editing).await,
        _ => {
            let back = apply_intent(definition, editing, &intent, &values);
            let mut flash_values = BTreeMap::new();
            flash_values.insert(WORKING_COPY.to_string(), copy_text(&back.definition)?);
            flash_values.insert(
                EDITING.to_string(),
                back.editing.map(Target::code).unwrap_or_default(),
            );
            redirect(&form, &page, flash_values, back.reply, &back.anchor).await
        }
    }
}

/// Writes the settings and, unless the form is being closed without saving, the open
/// form into `definition`, and returns the errors of controls that do not parse.
fn read_controls(
    definition: &mut ServiceDefinition,
    editing: Option<Target>,
    intent: &str,
    values: &BTreeMap<String, String>,
) -> FieldErrors {
    let mut errors = edit::apply_settings(definition, values);
    let form_errors = match editing {
        _ if intent == "close" => FieldErrors::new(),
        Some(Target::Field(index)) => edit::apply_field_form(definition, index, values),
        Some(Target::Document(index)) => edit::apply_document_form(definition, index, values),
        None => FieldErrors::new(),
    };
    for error in form_errors.0 {
        errors.add(error.field, error.message);
    }
    errors
}

fn copy_text(definition: &ServiceDefinition) -> Result<String, AppError> {
    to_toml(definition).map_err(ssr::app_error)
}

/// Returns the anchor of the open form, or of the top of the page.
fn editor_anchor(editing: Option<Target>) -> String {
    match editing {
        Some(Target::Field(_)) => "#field-editor".to_string(),
        Some(Target::Document(_)) => "#document-editor".to_string(),
        None => String::new(),
    }
}

/// Splits an intent such as `up-field:3` into its verb and index.
fn indexed(intent: &str) -> Option<(&str, usize)> {
    let (verb, index) = intent.split_once(':')?;
    Some((verb, index.parse().ok()?))
}

/// Applies an intent that changes only the working copy. An operation that fails leaves
/// the copy as it was and returns its message as the reply.
fn apply_intent(
    mut definition: ServiceDefinition,
    editing: Option<Target>,
    intent: &str,
    values: &BTreeMap<String, String>,
) -> Back {
    let back = |definition, editing, anchor: String| Back {
        definition,
        editing,
        reply: None,
        anchor,
    };
    let open_field = match editing {
        Some(Target::Field(index)) => Some(index),
        _ => None,
    };
    let before = definition.clone();
    let result: Result<(Option<Target>, String), Message> = match (intent, indexed(intent)) {
        ("save" | "close", _) => Ok((None, row_anchor(editing))),
        ("add-field", _) => {
            let kind = values
                .get("new-kind")
                .and_then(|code| edit::kind_of(code))
                .unwrap_or(FieldKind::Text);
            let index = edit::insert_field(&mut definition, kind);
            Ok((Some(Target::Field(index)), "#field-editor".into()))
        }
        ("add-document", _) => {
            let index = edit::insert_document(&mut definition);
            Ok((Some(Target::Document(index)), "#document-editor".into()))
        }
        ("option-add", _) | ("inner-add", _) => match open_field {
            Some(index) if index < definition.fields.len() => {
                add_row(&mut definition.fields[index], intent == "inner-add");
                Ok((editing, "#field-editor".into()))
            }
            _ => Err(Message::new("admin-fields-error-missing")),
        },
        (_, Some(("option-remove" | "inner-remove", row))) => match open_field {
            Some(index) if index < definition.fields.len() => {
                let field = &mut definition.fields[index];
                let rows = if intent.starts_with("option") {
                    field.options.len()
                } else {
                    field.fields.len()
                };
                if row == 0 || row > rows {
                    Err(Message::new("admin-fields-error-missing"))
                } else {
                    if intent.starts_with("option") {
                        field.options.remove(row - 1);
                    } else {
                        field.fields.remove(row - 1);
                    }
                    Ok((editing, "#field-editor".into()))
                }
            }
            _ => Err(Message::new("admin-fields-error-missing")),
        },
        (_, Some(("edit-field", index))) if index < definition.fields.len() => {
            Ok((Some(Target::Field(index)), "#field-editor".into()))
        }
        (_, Some(("edit-document", index))) if index < definition.documents.len() => {
            Ok((Some(Target::Document(index)), "#document-editor".into()))
        }
        (_, Some(("up-field", index))) => edit::move_field(&mut definition, index, Direction::Up)
            .map(|moved| (None, format!("#field-row-{moved}"))),
        (_, Some(("down-field", index))) => {
            edit::move_field(&mut definition, index, Direction::Down)
                .map(|moved| (None, format!("#field-row-{moved}")))
        }
        (_, Some(("remove-field", index))) => {
            edit::remove_field(&mut definition, index).map(|_| (None, "#fields-title".into()))
        }
        (_, Some(("up-document", index))) => {
            edit::move_document(&mut definition, index, Direction::Up)
                .map(|moved| (None, format!("#document-row-{moved}")))
        }
        (_, Some(("down-document", index))) => {
            edit::move_document(&mut definition, index, Direction::Down)
                .map(|moved| (None, format!("#document-row-{moved}")))
        }
        (_, Some(("remove-document", index))) => {
            edit::remove_document(&mut definition, index).map(|_| (None, "#documents-title".into()))
        }
        // `apply` and the Enter key keep the open form open.
        _ => Ok((editing, editor_anchor(editing))),
    };
    match result {
        Ok((editing, anchor)) => back(definition, editing, anchor),
        Err(message) => {
            let mut failed = back(before, editing, editor_anchor(editing));
            failed.reply = Some(FormReply::Rejected(message));
            failed
        }
    }
}

/// Returns the anchor of the row of the field or document whose form was open.
fn row_anchor(editing: Option<Target>) -> String {
    match editing {
        Some(Target::Field(index)) => format!("#field-row-{index}"),
        Some(Target::Document(index)) => format!("#document-row-{index}"),
        None => String::new(),
    }
}

/// Adds an empty option, or a group question of kind text with a free name, to `field`.
fn add_row(field: &mut kabinet_shared::service::FieldDef, question: bool) {
    let empty = || Localized {
        ru: String::new(),
        en: String::new(),
    };
    if question {
        let name = (field.fields.len() + 1..)
            .map(|number| format!("question_{number}"))
            .find(|name| field.fields.iter().all(|inner| inner.name != *name))
            .unwrap_or_default();
        field.fields.push(edit::new_field(name, FieldKind::Text));
    } else {
        field.options.push(ChoiceOption {
            value: String::new(),
            label: empty(),
        });
    }
}

/// Checks the working copy as publishing would, then shows the preview (`preview`) or
/// publishes it (`publish`). A problem opens the form of the field or document it
/// concerns and is shown on the control.
async fn check(
    actor: &Actor,
    code: &str,
    intent: &str,
    definition: ServiceDefinition,
    editing: Option<Target>,
) -> Result<FormReply, AppError> {
    let core = ssr::core();
    let form = fields_form(code);
    let page = fields_page(code);
    let text = copy_text(&definition)?;
    let mut values = BTreeMap::from([
        (WORKING_COPY.to_string(), text.clone()),
        ("intent".to_string(), intent.to_string()),
    ]);

    if let Err(problem) = definition.check() {
        let (target, control) = edit::problem_control(&definition, &problem);
        let editing = target.or(editing);
        values.insert(
            EDITING.to_string(),
            editing.map(Target::code).unwrap_or_default(),
        );
        let mut errors = FieldErrors::new();
        errors.add(control.clone(), problem.message);
        let reply = Some(FormReply::Invalid(errors));
        return redirect(&form, &page, values, reply, &format!("#{control}")).await;
    }
    values.insert(
        EDITING.to_string(),
        editing.map(Target::code).unwrap_or_default(),
    );

    let existing = (!code.is_empty()).then_some(code);
    if intent == "publish" {
        match core.publish_service(actor, existing, &text).await {
            Ok(published) => {
                let notice =
                    Message::new("admin-service-published").arg("version", published.version);
                let form = fields_form(&published.code);
                let page = fields_page(&published.code);
                return redirect(
                    &form,
                    &page,
                    BTreeMap::new(),
                    Some(FormReply::Saved(notice)),
                    "",
                )
                .await;
            }
            Err(error) => return checked_error(&form, &page, values, error).await,
        }
    }
    match core.preview_service(actor, existing, &text).await {
        Ok(_) => {
            let notice = Message::new("admin-service-preview-ready");
            let reply = Some(FormReply::Saved(notice));
            redirect(&form, &page, values, reply, "#preview-title").await
        }
        Err(error) => checked_error(&form, &page, values, error).await,
    }
}

/// Shows a problem the core found beyond the definition's own check (the department,
/// the code, an unchanged version) on its settings control, or over the whole form.
async fn checked_error(
    form: &str,
    page: &str,
    values: BTreeMap<String, String>,
    error: Error,
) -> Result<FormReply, AppError> {
    let message = match &error {
        Error::Invalid(errors) => errors.get(SOURCE_FIELD).cloned(),
        Error::Rejected(message) => Some(message.clone()),
        _ => None,
    };
    let Some(message) = message else {
        return Err(ssr::app_error(error));
    };
    let control = match message.key.as_str() {
        "definition-department-unknown" => Some(control::DEPARTMENT),
        "admin-error-code-changed" | "admin-error-code-taken" => Some(control::CODE),
        _ => None,
    };
    let reply = match control {
        Some(control) => {
            let mut errors = FieldErrors::new();
            errors.add(control, message);
            FormReply::Invalid(errors)
        }
        None => FormReply::Rejected(message),
    };
    let anchor = control
        .map(|control| format!("#{control}"))
        .unwrap_or_default();
    redirect(form, page, values, Some(reply), &anchor).await
}

/// Leaves `values` and `reply` in the flash of `form` and redirects to `page` at `anchor`.
async fn redirect(
    form: &str,
    page: &str,
    values: BTreeMap<String, String>,
    reply: Option<FormReply>,
    anchor: &str,
) -> Result<FormReply, AppError> {
    ssr::save_flash(form, &Flash { values, reply }).await?;
    leptos_axum::redirect(&format!("{page}{anchor}"));
    Ok(FormReply::Done)
}
