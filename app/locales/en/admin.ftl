# Texts of the administrators' pages: the service constructor and the problems of a
# service definition, which the start-up log also shows (in English).

nav-admin-services = Service constructor

## The list of services

admin-services-title = Service constructor
admin-services-lead = The services of the catalogue and their latest versions. Open a service to change its form and publish a new version: applications made earlier keep their version.
admin-services-column-service = Service
admin-services-column-code = Code
admin-services-column-version = Version
admin-services-column-published = Published
admin-services-column-publisher = Published by
admin-services-publisher-bundled = Catalogue file
admin-services-publisher-admin = Administrator { $name }
admin-services-new = Create a service

## The editor of one service

admin-service-title = Constructor: { $title }
admin-service-new-title = New service
admin-service-new-lead = Start from the example below: it describes a small service with one question and one document. The service's code is its address in the catalogue and does not change once published.
admin-service-latest = Latest version: { $version }, published { $published }. { $publisher }.
admin-service-source = Service definition in TOML
admin-service-source-hint = Questions, conditions, documents, steps and the processing deadline are written as in the catalogue files (server/core/catalogue/README.md). The order of the questions in the text is their order in the form.
admin-service-preview-button = Check and preview
admin-service-publish-button = Publish a new version
admin-service-preview-ready = The definition is valid. Below is the form as a citizen will see it; it is not published yet.
admin-service-preview-title = The form as a citizen sees it
admin-service-preview-legend = A sample of the form: it cannot be filled in or sent
admin-service-preview-step = Step { $step }: { $title }
admin-service-published = Version { $version } is published. New applications use it, and applications made earlier keep their version.
admin-service-open = The service's page in the catalogue
admin-services-back = All services

## Problems of the text

admin-error-toml-syntax = Line { $line }, column { $column }: the text is not valid TOML. The parser stopped with: { $detail }
admin-error-toml-structure = Line { $line }, column { $column }: the text does not describe a service. The parser stopped with: { $detail }
admin-error-unchanged = The text describes the same service as version { $version }, so there is nothing to publish.
admin-error-code-changed = The service's code must stay `{ $code }`. To make another service, create a new one.
admin-error-code-taken = A service with the code `{ $code }` already exists. Open it in the constructor to publish a new version.
admin-error-concurrent = Another administrator published a version of this service meanwhile. Open the service again and check the text.
admin-error-unknown-key = The key `{ $key }` is not part of a service definition. Check its spelling: for example, required, label, hint.

## Problems of a service definition

definition-code-invalid = The service code `{ $code }` must start with a lowercase Latin letter and contain only lowercase Latin letters, digits and hyphens.
definition-department-unknown = Unknown department `{ $code }`: use a code from catalogue/departments.toml.
definition-refusal-reason-unknown = Unknown ground for refusal `{ $code }`: use codes from catalogue/refusal-reasons.toml.
definition-field-name = Field `{ $field }`: the name must match [a-z][a-z0-9_]* and not be one the form itself uses (request_key, service, remove_upload, intent, application, step).
definition-field-twice = Field `{ $field }` is defined twice.
definition-options-missing = Field `{ $field }`: a choice needs options.
definition-min-above-max = Field `{ $field }`: min ({ $min }) is larger than max ({ $max }).
definition-fields-outside-group = Field `{ $field }`: only a group (kind = "group") has fields of its own.
definition-shown-when-unknown = Field `{ $field }`: shown_when names `{ $other }`, which is not an earlier field.
definition-shown-when-kind = Field `{ $field }`: shown_when needs a choice or yes/no field before it and at least one value.
definition-shown-when-value = Field `{ $field }`: shown_when value `{ $value }` is not an answer of `{ $other }`.
definition-group-parts = Group `{ $field }`: a group needs fields, item_label and add_label.
definition-group-field-name = Field `{ $field }`: the name must match [a-z][a-z0-9_]* and be used once in its group.
definition-group-field-kind = Field `{ $field }`: a field of a group cannot be a group, conditional or filled from the profile.
definition-group-range = Group `{ $field }`: a group takes from min to max items, where 0 ≤ min ≤ max and 1 ≤ max ≤ { $limit }.
definition-per-item-not-group = Field `{ $field }`: only a group can make an application per item (application_per_item).
definition-per-item-twice = Group `{ $field }`: only one group of a form can make an application per item.
definition-per-item-required = Group `{ $field }`: a group that makes an application per item must be required and cannot be conditional.
definition-document-twice = Document `{ $document }` is defined twice.
definition-document-max-files = Document `{ $document }`: max_files must be at least 1.
definition-applicants-missing = Say who may apply (applicants).
definition-steps-too-few = Steps: a form with steps needs at least two.
definition-steps-order = Steps: field `{ $field }` is missing or out of order. The steps must list every field once, in the order of fields.
definition-steps-documents-one = Steps: exactly one step must take the documents (documents = true), but { $count } do.
definition-steps-documents-none = Steps: the service has no documents, so no step may take the documents (documents = true).
definition-step-empty = Step «{ $step }» is empty: it has neither fields nor documents.
