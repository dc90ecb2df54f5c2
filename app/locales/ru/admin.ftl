# Texts of the administrators' pages: the service constructor and the problems of a
# service definition, which the start-up log also shows (in English).

nav-admin-services = Конструктор услуг

## The list of services

admin-services-title = Конструктор услуг
admin-services-lead = Услуги каталога и их последние версии. Откройте услугу, чтобы изменить её форму и опубликовать новую версию: заявления, поданные раньше, остаются в своей версии.
admin-services-column-service = Услуга
admin-services-column-code = Код
admin-services-column-version = Версия
admin-services-column-published = Опубликована
admin-services-column-publisher = Кто опубликовал
admin-services-publisher-bundled = Файл каталога
admin-services-publisher-admin = Администратор { $name }
admin-services-new = Создать услугу

## The editor of one service

admin-service-title = Конструктор: { $title }
admin-service-new-title = Новая услуга
admin-service-new-lead = Начните с образца ниже: он описывает небольшую услугу с одним вопросом и одним документом. Код услуги — её адрес в каталоге, после публикации он не меняется.
admin-service-latest = Последняя версия: { $version }, опубликована { $published }. { $publisher }.
admin-service-source = Описание услуги в TOML
admin-service-source-hint = Вопросы, условия, документы, шаги и срок рассмотрения записываются так же, как в файлах каталога (server/core/catalogue/README.md). Порядок вопросов в тексте — порядок в форме.
admin-service-preview-button = Проверить и показать
admin-service-publish-button = Опубликовать новую версию
admin-service-preview-ready = Описание верно. Ниже форма, как её увидит гражданин; она ещё не опубликована.
admin-service-preview-title = Так форму увидит гражданин
admin-service-preview-legend = Образец формы: его нельзя заполнить или отправить
admin-service-preview-step = Шаг { $step }: { $title }
admin-service-published = Опубликована версия { $version }. Новые заявления подаются по ней, а поданные раньше остаются в своей версии.
admin-service-open = Страница услуги в каталоге
admin-services-back = Все услуги

## Problems of the text

admin-error-toml-syntax = Строка { $line }, столбец { $column }: текст не является правильным TOML. Разбор остановился на сообщении: { $detail }
admin-error-toml-structure = Строка { $line }, столбец { $column }: текст не описывает услугу. Разбор остановился на сообщении: { $detail }
admin-error-unchanged = Текст описывает ту же услугу, что и версия { $version }: публиковать нечего.
admin-error-code-changed = Код услуги должен остаться «{ $code }». Чтобы сделать другую услугу, создайте новую.
admin-error-code-taken = Услуга с кодом «{ $code }» уже есть. Откройте её в конструкторе, чтобы опубликовать новую версию.
admin-error-concurrent = Пока вы редактировали, другой администратор опубликовал версию этой услуги. Откройте услугу заново и проверьте текст.
admin-error-unknown-key = Ключ «{ $key }» не входит в описание услуги. Проверьте, как он написан: например, required, label, hint.

## Problems of a service definition

definition-code-invalid = Код услуги «{ $code }» должен начинаться со строчной латинской буквы и состоять из строчных латинских букв, цифр и дефисов.
definition-department-unknown = Ведомство «{ $code }» не найдено: укажите код из catalogue/departments.toml.
definition-refusal-reason-unknown = Основание для отказа «{ $code }» не найдено: укажите коды из catalogue/refusal-reasons.toml.
definition-field-name = Поле «{ $field }»: имя должно соответствовать [a-z][a-z0-9_]* и не совпадать с именами самой формы (request_key, service, remove_upload, intent, application, step).
definition-field-twice = Поле «{ $field }» описано дважды.
definition-options-missing = Поле «{ $field }»: для выбора нужны варианты (options).
definition-min-above-max = Поле «{ $field }»: min ({ $min }) больше, чем max ({ $max }).
definition-fields-outside-group = Поле «{ $field }»: собственные вопросы (fields) бывают только у группы (kind = "group").
definition-shown-when-unknown = Поле «{ $field }»: shown_when ссылается на «{ $other }», но такого поля нет выше.
definition-shown-when-kind = Поле «{ $field }»: shown_when должен ссылаться на поле выбора или «да/нет» выше и перечислять хотя бы один ответ.
definition-shown-when-value = Поле «{ $field }»: в shown_when ответ «{ $value }» не является ответом поля «{ $other }».
definition-group-parts = Группа «{ $field }»: нужны вопросы (fields), item_label и add_label.
definition-group-field-name = Поле «{ $field }»: имя должно соответствовать [a-z][a-z0-9_]* и встречаться в группе один раз.
definition-group-field-kind = Поле «{ $field }»: вопрос группы не может быть группой, условным или заполняться из профиля.
definition-group-range = Группа «{ $field }»: число элементов от min до max, где 0 ≤ min ≤ max и 1 ≤ max ≤ { $limit }.
definition-per-item-not-group = Поле «{ $field }»: отдельное заявление на каждый элемент (application_per_item) бывает только у группы.
definition-per-item-twice = Группа «{ $field }»: отдельные заявления на каждый элемент может давать только одна группа формы.
definition-per-item-required = Группа «{ $field }»: группа с отдельным заявлением на каждый элемент должна быть обязательной и не может быть условной.
definition-document-twice = Документ «{ $document }» описан дважды.
definition-document-max-files = Документ «{ $document }»: max_files должен быть не меньше 1.
definition-applicants-missing = Укажите, кто может подать заявление (applicants).
definition-steps-too-few = Шаги (steps): в форме с шагами их должно быть не меньше двух.
definition-steps-order = Шаги (steps): поле «{ $field }» пропущено или стоит не по порядку. Шаги должны перечислять каждое поле один раз в порядке fields.
definition-steps-documents-one = Шаги (steps): документы прикладываются ровно на одном шаге (documents = true), сейчас таких шагов { $count }.
definition-steps-documents-none = Шаги (steps): у услуги нет документов, поэтому ни у одного шага не должно быть documents = true.
definition-step-empty = Шаг «{ $step }» пуст: в нём нет ни полей, ни документов.
