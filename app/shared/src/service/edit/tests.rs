use super::*;
use crate::service::StepDef;

fn text(value: &str) -> Localized {
    Localized {
        ru: value.to_string(),
        en: value.to_string(),
    }
}

fn field(name: &str, kind: FieldKind) -> FieldDef {
    let mut field = new_field(name.to_string(), kind);
    field.label = text(name);
    field
}

fn choice(name: &str, values: &[&str]) -> FieldDef {
    let mut field = field(name, FieldKind::Choice);
    field.options = values
        .iter()
        .map(|value| ChoiceOption {
            value: value.to_string(),
            label: text(value),
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

fn step(title: &str, fields: &[&str], documents: bool) -> StepDef {
    StepDef {
        title: text(title),
        fields: fields.iter().map(|name| name.to_string()).collect(),
        documents,
    }
}

fn document(code: &str) -> DocumentDef {
    DocumentDef {
        code: code.to_string(),
        title: text(code),
        hint: None,
        required: true,
        max_files: 1,
    }
}

fn service(fields: Vec<FieldDef>) -> ServiceDefinition {
    ServiceDefinition {
        code: "test".into(),
        department: "mvd".into(),
        category: Category::Family,
        title: text("t"),
        summary: text("s"),
        description: text("d"),
        applicants: vec![Applicant::Citizen],
        processing_days: 10,
        result: text("r"),
        fields,
        documents: Vec::new(),
        refusal_reasons: Vec::new(),
        steps: Vec::new(),
    }
}

fn names(definition: &ServiceDefinition) -> Vec<&str> {
    definition
        .fields
        .iter()
        .map(|field| field.name.as_str())
        .collect()
}

fn step_names(definition: &ServiceDefinition) -> Vec<Vec<&str>> {
    definition
        .steps
        .iter()
        .map(|step| step.fields.iter().map(String::as_str).collect())
        .collect()
}

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

fn three_fields() -> ServiceDefinition {
    service(vec![
        field("a", FieldKind::Text),
        field("b", FieldKind::Text),
        field("c", FieldKind::Text),
    ])
}

#[test]
fn move_field_swaps_with_neighbour() {
    let mut definition = three_fields();
    assert_eq!(move_field(&mut definition, 1, Direction::Up), Ok(0));
    assert_eq!(names(&definition), ["b", "a", "c"]);
    assert_eq!(move_field(&mut definition, 1, Direction::Down), Ok(2));
    assert_eq!(names(&definition), ["b", "c", "a"]);
}

#[test]
fn move_field_stops_at_edges() {
    let mut definition = three_fields();
    let edge = Err(Message::new("admin-fields-error-move-edge"));
    assert_eq!(move_field(&mut definition, 0, Direction::Up), edge);
    assert_eq!(move_field(&mut definition, 2, Direction::Down), edge);
    assert_eq!(move_field(&mut definition, 7, Direction::Up), edge);
    assert_eq!(names(&definition), ["a", "b", "c"]);
}

#[test]
fn move_field_keeps_step_sizes() {
    let mut definition = three_fields();
    definition.steps = vec![step("1", &["a", "b"], false), step("2", &["c"], true)];
    definition.documents = vec![document("scan")];

    assert_eq!(move_field(&mut definition, 2, Direction::Up), Ok(1));

    assert_eq!(names(&definition), ["a", "c", "b"]);
    assert_eq!(step_names(&definition), [vec!["a", "c"], vec!["b"]]);
    assert_eq!(definition.check(), Ok(()));
}

#[test]
fn move_field_never_passes_its_condition() {
    let mut definition = service(vec![
        choice("delivery", &["post", "online"]),
        shown_when(field("address", FieldKind::Text), "delivery", &["post"]),
    ]);
    let expected = Err(Message::new("admin-fields-error-move-condition")
        .arg("field", "address")
        .arg("other", "delivery"));
    assert_eq!(move_field(&mut definition, 1, Direction::Up), expected);
    assert_eq!(move_field(&mut definition, 0, Direction::Down), expected);
    assert_eq!(names(&definition), ["delivery", "address"]);
}

#[test]
fn insert_field_picks_free_name_and_last_field_step() {
    let mut definition = three_fields();
    definition.fields.push(field("field_4", FieldKind::Text));
    definition.steps = vec![
        step("1", &["a", "b"], false),
        step("2", &["c", "field_4"], false),
        step("3", &[], true),
    ];
    definition.documents = vec![document("scan")];

    let index = insert_field(&mut definition, FieldKind::Group);

    assert_eq!(index, 4);
    assert_eq!(definition.fields[4].name, "field_5");
    assert_eq!(definition.fields[4].kind, FieldKind::Group);
    assert_eq!(definition.fields[4].item_label, Some(text("")));
    assert_eq!(
        step_names(&definition),
        [vec!["a", "b"], vec!["c", "field_4", "field_5"], vec![]]
    );
}

#[test]
fn insert_field_without_steps_appends() {
    let mut definition = service(Vec::new());
    assert_eq!(insert_field(&mut definition, FieldKind::Text), 0);
    assert_eq!(names(&definition), ["field_1"]);
    assert!(definition.steps.is_empty());
}

#[test]
fn remove_field_refuses_condition_target() {
    let mut definition = service(vec![
        choice("delivery", &["post"]),
        shown_when(field("address", FieldKind::Text), "delivery", &["post"]),
    ]);
    assert_eq!(
        remove_field(&mut definition, 0),
        Err(Message::new("admin-fields-error-remove-condition")
            .arg("field", "delivery")
            .arg("other", "address"))
    );
    assert_eq!(names(&definition), ["delivery", "address"]);

    let removed = remove_field(&mut definition, 1).unwrap();
    assert_eq!(removed.name, "address");
    assert_eq!(remove_field(&mut definition, 0).unwrap().name, "delivery");
    assert_eq!(
        remove_field(&mut definition, 0),
        Err(Message::new("admin-fields-error-missing"))
    );
}

#[test]
fn remove_field_drops_empty_steps() {
    let mut definition = three_fields();
    definition.steps = vec![
        step("1", &["a"], false),
        step("2", &["b"], false),
        step("3", &["c"], false),
    ];
    remove_field(&mut definition, 1).unwrap();
    assert_eq!(step_names(&definition), [vec!["a"], vec!["c"]]);
    assert_eq!(definition.check(), Ok(()));

    // One step left over is no form with steps.
    remove_field(&mut definition, 1).unwrap();
    assert!(definition.steps.is_empty());
    assert_eq!(definition.check(), Ok(()));
}

#[test]
fn rename_field_follows_steps_and_conditions() {
    let mut definition = service(vec![
        choice("delivery", &["post"]),
        shown_when(field("address", FieldKind::Text), "delivery", &["post"]),
    ]);
    definition.steps = vec![
        step("1", &["delivery"], false),
        step("2", &["address"], false),
    ];

    rename_field(&mut definition, 0, "how").unwrap();

    assert_eq!(names(&definition), ["how", "address"]);
    assert_eq!(step_names(&definition), [vec!["how"], vec!["address"]]);
    assert_eq!(
        definition.fields[1].shown_when.as_ref().unwrap().field,
        "how"
    );
    assert_eq!(definition.check(), Ok(()));
    assert_eq!(
        rename_field(&mut definition, 0, "address"),
        Err(Message::new("admin-fields-error-name-taken").arg("field", "address"))
    );
}

#[test]
fn documents_keep_one_documents_step() {
    let mut definition = three_fields();
    definition.steps = vec![step("1", &["a", "b"], false), step("2", &["c"], false)];

    assert_eq!(insert_document(&mut definition), 0);
    assert_eq!(definition.documents[0].code, "document_1");
    assert!(definition.steps[1].documents);
    assert_eq!(insert_document(&mut definition), 1);
    assert_eq!(definition.documents[1].code, "document_2");
    assert_eq!(
        definition
            .steps
            .iter()
            .filter(|step| step.documents)
            .count(),
        1
    );

    assert_eq!(move_document(&mut definition, 1, Direction::Up), Ok(0));
    assert_eq!(definition.documents[0].code, "document_2");
    assert_eq!(
        move_document(&mut definition, 0, Direction::Up),
        Err(Message::new("admin-fields-error-move-edge"))
    );

    remove_document(&mut definition, 0).unwrap();
    remove_document(&mut definition, 0).unwrap();
    assert!(definition.documents.is_empty());
    assert!(definition.steps.iter().all(|step| !step.documents));
    assert_eq!(
        remove_document(&mut definition, 0),
        Err(Message::new("admin-fields-error-missing"))
    );
}

#[test]
fn removing_last_document_drops_documents_step() {
    let mut definition = three_fields();
    definition.steps = vec![step("1", &["a", "b", "c"], false), step("2", &[], true)];
    definition.documents = vec![document("scan")];
    remove_document(&mut definition, 0).unwrap();
    assert!(definition.steps.is_empty());
    assert_eq!(definition.check(), Ok(()));
}

#[test]
fn field_form_writes_every_part() {
    let mut definition = service(vec![
        choice("delivery", &["post", "online"]),
        field("note", FieldKind::Text),
    ]);
    let typed = values(&[
        ("field-name", "address"),
        ("field-kind", "choice"),
        ("field-label-ru", " Адрес "),
        ("field-label-en", "Address"),
        ("field-hint-ru", ""),
        ("field-hint-en", ""),
        ("field-required", "on"),
        ("field-prefill", "registration_address"),
        ("field-min", ""),
        ("field-max", ""),
        ("field-max-length", "200"),
        ("field-shown-field", "delivery"),
        ("field-shown-values", "post, online"),
        ("field-option-count", "3"),
        ("option-1-value", "home"),
        ("option-1-ru", "Дом"),
        ("option-1-en", "Home"),
        ("option-2-value", ""),
        ("option-2-ru", ""),
        ("option-2-en", ""),
        ("option-3-value", "work"),
        ("option-3-ru", "Работа"),
        ("option-3-en", "Work"),
    ]);

    let errors = apply_field_form(&mut definition, 1, &typed);

    assert!(errors.is_empty(), "{errors:?}");
    let field = &definition.fields[1];
    assert_eq!(field.name, "address");
    assert_eq!(field.kind, FieldKind::Choice);
    assert_eq!(field.label.ru, "Адрес");
    assert_eq!(field.hint, None);
    assert!(field.required);
    assert_eq!(field.prefill, Some(ProfileField::RegistrationAddress));
    assert_eq!(field.max_length, Some(200));
    assert_eq!(
        field.shown_when,
        Some(ShownWhen {
            field: "delivery".into(),
            values: vec!["post".into(), "online".into()],
        })
    );
    let options: Vec<&str> = field
        .options
        .iter()
        .map(|option| option.value.as_str())
        .collect();
    assert_eq!(options, ["home", "work"], "the empty row is dropped");
}

#[test]
fn field_form_with_bad_number_changes_nothing() {
    let mut definition = three_fields();
    let before = definition.clone();
    let typed = values(&[
        ("field-name", "renamed"),
        ("field-kind", "number"),
        ("field-label-ru", "Число"),
        ("field-label-en", "Number"),
        ("field-min", "один"),
        ("field-max", "10"),
    ]);

    let errors = apply_field_form(&mut definition, 0, &typed);

    assert_eq!(
        errors.get("field-min").map(|message| message.key.as_str()),
        Some("error-number")
    );
    assert_eq!(errors.get("field-max"), None);
    assert_eq!(definition, before);
}

#[test]
fn field_form_rename_to_taken_name_is_on_name() {
    let mut definition = three_fields();
    let before = definition.clone();
    let typed = values(&[
        ("field-name", "c"),
        ("field-kind", "text"),
        ("field-label-ru", "Другое"),
        ("field-label-en", "Other"),
    ]);
    let errors = apply_field_form(&mut definition, 0, &typed);
    assert_eq!(
        errors.get("field-name").map(|message| message.key.as_str()),
        Some("admin-fields-error-name-taken")
    );
    assert_eq!(definition, before);
}

#[test]
fn group_form_reads_its_questions() {
    let mut definition = service(vec![field("children", FieldKind::Group)]);
    let typed = values(&[
        ("field-name", "children"),
        ("field-kind", "group"),
        ("field-label-ru", "Дети"),
        ("field-label-en", "Children"),
        ("field-item-ru", "Ребёнок"),
        ("field-item-en", "Child"),
        ("field-add-ru", "Добавить ребёнка"),
        ("field-add-en", "Add a child"),
        ("field-inner-count", "2"),
        ("inner-1-name", "surname"),
        ("inner-1-kind", "person_name"),
        ("inner-1-ru", "Фамилия"),
        ("inner-1-en", "Surname"),
        ("inner-1-required", "on"),
        ("inner-2-name", "birth"),
        ("inner-2-kind", "past_date"),
        ("inner-2-ru", "Дата рождения"),
        ("inner-2-en", "Date of birth"),
        ("field-per-item", "on"),
        // A group that makes an application per item must be required.
        ("field-required", "on"),
    ]);

    let errors = apply_field_form(&mut definition, 0, &typed);

    assert!(errors.is_empty(), "{errors:?}");
    let group = &definition.fields[0];
    assert_eq!(group.item_label, Some(text_pair("Ребёнок", "Child")));
    assert!(group.application_per_item);
    let inner: Vec<(&str, FieldKind, bool)> = group
        .fields
        .iter()
        .map(|field| (field.name.as_str(), field.kind, field.required))
        .collect();
    assert_eq!(
        inner,
        [
            ("surname", FieldKind::PersonName, true),
            ("birth", FieldKind::PastDate, false)
        ]
    );
    assert_eq!(definition.check(), Ok(()));
}

fn text_pair(ru: &str, en: &str) -> Localized {
    Localized {
        ru: ru.to_string(),
        en: en.to_string(),
    }
}

#[test]
fn settings_form_writes_settings() {
    let mut definition = three_fields();
    let typed = values(&[
        ("setting-title-ru", "Новое"),
        ("setting-title-en", "New"),
        ("setting-department", "fns"),
        ("setting-category", "taxes"),
        ("setting-applicants", "citizen,representative"),
        ("setting-processing-days", "15"),
    ]);
    let errors = apply_settings(&mut definition, &typed);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(definition.title, text_pair("Новое", "New"));
    assert_eq!(definition.summary, text("s"), "a text not sent stays");
    assert_eq!(definition.department, "fns");
    assert_eq!(definition.category, Category::Taxes);
    assert_eq!(
        definition.applicants,
        [Applicant::Citizen, Applicant::Representative]
    );
    assert_eq!(definition.processing_days, 15);

    let bad = values(&[
        ("setting-category", "lottery"),
        ("setting-processing-days", "0"),
    ]);
    let errors = apply_settings(&mut definition, &bad);
    assert_eq!(
        errors
            .get("setting-category")
            .map(|message| message.key.as_str()),
        Some("error-choice")
    );
    assert_eq!(
        errors
            .get("setting-processing-days")
            .map(|message| message.key.as_str()),
        Some("admin-fields-error-days")
    );
    assert_eq!(definition.processing_days, 15);
}

#[test]
fn problems_point_at_controls() {
    let mut group = field("children", FieldKind::Group);
    group.fields = vec![
        field("surname", FieldKind::Text),
        field("x", FieldKind::Text),
    ];
    let mut definition = service(vec![field("a", FieldKind::Text), choice("b", &[]), group]);
    definition.documents = vec![document("scan")];
    let cases = [
        (
            "fields.b",
            "definition-options-missing",
            Some(Target::Field(1)),
            "field-options",
        ),
        (
            "fields.a",
            "definition-min-above-max",
            Some(Target::Field(0)),
            "field-min",
        ),
        (
            "fields.a",
            "definition-field-name",
            Some(Target::Field(0)),
            "field-name",
        ),
        (
            "fields.a",
            "definition-label-missing",
            Some(Target::Field(0)),
            "field-label-en",
        ),
        (
            "fields.children.fields.x",
            "definition-group-field-name",
            Some(Target::Field(2)),
            "inner-2-name",
        ),
        (
            "fields.children.fields.x",
            "definition-group-field-kind",
            Some(Target::Field(2)),
            "inner-2-kind",
        ),
        (
            "documents.scan",
            "definition-document-max-files",
            Some(Target::Document(0)),
            "document-max-files",
        ),
        ("code", "definition-code-invalid", None, "setting-code"),
        (
            "applicants",
            "definition-applicants-missing",
            None,
            "setting-applicants",
        ),
        ("steps", "definition-steps-order", None, "setting-steps"),
        (
            "summary",
            "definition-text-missing",
            None,
            "setting-summary-en",
        ),
    ];
    definition.summary.en = String::new();
    definition.fields[0].label.en = String::new();
    for (path, key, target, control) in cases {
        let problem = DefinitionProblem {
            field: path.to_string(),
            message: Message::new(key),
        };
        assert_eq!(
            problem_control(&definition, &problem),
            (target, control.to_string()),
            "{path} {key}"
        );
    }
}

#[test]
fn check_finds_missing_texts() {
    let mut definition = three_fields();
    definition.fields[1].label.en = " ".into();
    let problem = definition.check().unwrap_err();
    assert_eq!(problem.field, "fields.b");
    assert_eq!(problem.message.key, "definition-label-missing");

    let mut definition = three_fields();
    definition.title.ru = String::new();
    assert_eq!(definition.check().unwrap_err().field, "title");
}

#[test]
fn target_round_trips_through_code() {
    for target in [Target::Field(0), Target::Document(12)] {
        assert_eq!(Target::parse(&target.code()), Some(target));
    }
    assert_eq!(Target::parse("field:x"), None);
    assert_eq!(Target::parse("step:1"), None);
    assert_eq!(Target::parse(""), None);
}

#[test]
fn codes_match_toml_names() {
    assert_eq!(code_of(&FieldKind::LongText), "long_text");
    assert_eq!(from_code::<FieldKind>("yes_no"), Some(FieldKind::YesNo));
    assert_eq!(from_code::<FieldKind>("Text"), None);
    for kind in FieldKind::ALL {
        assert_eq!(from_code::<FieldKind>(&code_of(&kind)), Some(kind));
    }
    for profile in ProfileField::ALL {
        assert_eq!(from_code::<ProfileField>(&code_of(&profile)), Some(profile));
    }
}
