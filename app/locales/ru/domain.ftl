# Messages of the domain: texts sent by SMS, errors of whole requests, statuses,
# notifications and journal entries.

## SMS

sms-registration-code = Kabinet: код подтверждения { $code }. Никому его не сообщайте.
sms-recovery-code = Kabinet: код для восстановления доступа { $code }. Никому его не сообщайте, даже сотрудникам портала.
sms-account-locked = Kabinet: вход заблокирован после трёх неверных паролей. Если это были не вы, разблокируйте вход и смените пароль на странице входа.
sms-new-device-sign-in = Kabinet: вход с нового устройства ({ $device }), сеть { $network }, { $at }. Не вы? Отметьте вход в «Журнале входов».
sms-password-changed = Kabinet: пароль вашего кабинета изменён, другие сеансы завершены. Если это были не вы, восстановите пароль и обратитесь в поддержку.
sms-profile-changed = Kabinet: в вашем профиле изменены личные данные. Если это были не вы, смените пароль и обратитесь в поддержку.
sms-document-approved = Kabinet: новый документ проверен и добавлен в ваш профиль.
sms-document-rejected = Kabinet: новый документ не принят. Причину можно посмотреть в профиле.
sms-phone-change-code = Kabinet: код для смены номера { $code }. Никому его не сообщайте.
sms-phone-changed = Kabinet: номер телефона кабинета изменён, SMS на этот номер больше не придут. Если это были не вы, обратитесь в поддержку.
email-confirm-address = Здравствуйте! Этот адрес указали в личном кабинете Kabinet. Чтобы подтвердить его, перейдите по ссылке: { $link } — она действует { $hours } ч. Если это были не вы, ничего не делайте: адрес не будет добавлен.
email-address-changed = Здравствуйте! Адрес электронной почты вашего личного кабинета Kabinet изменён на { $email }. Письма больше не будут приходить на этот адрес. Если это были не вы, смените пароль и обратитесь в поддержку.
sms-sign-in-disowned = Kabinet: вы отметили вход как чужой. Все сеансы завершены, вход заблокирован до смены пароля.
sms-second-factor-code = Kabinet: код для входа и подтверждения действий { $code }. Никому его не сообщайте.
sms-phone-already-registered = Kabinet: этот номер уже зарегистрирован. Войдите или восстановите пароль. Если регистрацию начали не вы, ничего делать не нужно.
sms-application-submitted = Kabinet: заявление № { $number } отправлено в ведомство.
sms-status-changed = Kabinet: заявление № { $number }, новый статус: { $status }.
sms-application-message = Kabinet: новое сообщение по заявлению № { $number }. Прочитать его можно в личном кабинете.
sms-application-corrected = Kabinet: заявитель исправил ответы в заявлении № { $number }. Изменения видны на странице заявления.
sms-application-assigned = Kabinet: вам передано заявление № { $number }.
sms-overdue-report = Kabinet: в вашем ведомстве просрочено заявлений: { $count }.

## E-mail copies of notifications

email-greeting = Здравствуйте!
email-open-application = Открыть заявление в личном кабинете
email-open-portal = Открыть уведомления в личном кабинете
email-footer = Письмо отправлено автоматически, отвечать на него не нужно. Выбрать, о чём и куда сообщать, можно в настройках уведомлений
email-subject-application-submitted = Заявление № { $number } отправлено
email-subject-status-changed = Заявление № { $number }: новый статус «{ $status }»
email-subject-application-message = Новое сообщение по заявлению № { $number }
email-subject-application-corrected = Исправлены ответы в заявлении № { $number }
email-subject-application-assigned = Вам передано заявление № { $number }
email-subject-overdue-report = Просроченные заявления ведомства: { $count }
email-subject-account-locked = Вход в личный кабинет заблокирован
email-subject-new-device-sign-in = Вход в личный кабинет с нового устройства
email-subject-password-changed = Пароль личного кабинета изменён
email-subject-profile-changed = Данные профиля изменены
email-subject-document-approved = Документ проверен и добавлен в профиль
email-subject-document-rejected = Документ не принят
email-subject-sign-in-disowned = Вход отмечен как чужой

## Telegram

telegram-linked = Kabinet: Telegram подключён. Уведомления личного кабинета будут приходить в этот чат. Выбрать, какие именно, можно в настройках уведомлений.
telegram-code-unknown = Kabinet: ссылка для подключения устарела или уже использована. Откройте настройки уведомлений в личном кабинете и получите новую.

## Errors of forms and requests

error-password-mismatch = Пароли не совпадают. Введите тот же пароль ещё раз
error-choice = Выберите один из предложенных вариантов
error-number = Введите целое число цифрами, например 3
error-number-min = Число должно быть не меньше { $min }
error-number-max = Число должно быть не больше { $max }
error-group-empty = Заполните хотя бы одну запись
error-group-min = Нужно заполнить записей: не меньше { $min }
error-drafts-none = Отметьте хотя бы один черновик
error-drafts-send-too-many = За один раз можно отправить не больше { $max } черновиков
answer-yes = Да
answer-no = Нет
error-registration-needed = Сначала укажите адрес регистрации, раз вы живёте по нему
error-code-wrong = { $left ->
    [0] Неверный код. Попытки закончились, запросите новый код
    [one] Неверный код. Осталась { $left } попытка
    [few] Неверный код. Осталось { $left } попытки
   *[other] Неверный код. Осталось { $left } попыток
}
error-code-expired = Код больше не действует. Запросите новый код
error-code-attempts = Слишком много неверных попыток. Запросите новый код
error-code-resend-wait = { $seconds ->
    [one] Новый код можно запросить через { $seconds } секунду
    [few] Новый код можно запросить через { $seconds } секунды
   *[other] Новый код можно запросить через { $seconds } секунд
}
error-registration-expired = Время на подтверждение регистрации истекло. Заполните форму регистрации ещё раз
error-phone-registered = Этот номер уже зарегистрирован. Войдите или восстановите пароль
error-snils-taken = Этот СНИЛС указан в другой учётной записи. Если это ваш СНИЛС, обратитесь в службу поддержки
error-inn-taken = Этот ИНН указан в другой учётной записи. Если это ваш ИНН, обратитесь в службу поддержки
error-profile-offer-gone = Этот ответ уже совпадает с профилем, сохранять нечего
error-profile-offer-invalid = Не сохранено: ответы «{ $fields }» не проходят проверку профиля. Измените их на странице профиля
error-email-taken = Этот адрес указан в другой учётной записи. Укажите другой адрес
error-channel-needs-email = Чтобы получать письма, сначала укажите и подтвердите адрес электронной почты в профиле
error-channel-needs-phone = Чтобы получать SMS, сначала подтвердите номер телефона в профиле
error-channel-needs-telegram = Чтобы получать сообщения в Telegram, сначала подключите его на этой странице
error-channel-needs-push = Чтобы получать уведомления в браузере, сначала включите их на этой странице
error-push-subscription = Браузер прислал подписку на уведомления, которую портал не может принять. Попробуйте включить уведомления ещё раз
error-security-notices-required = Уведомления о безопасности нельзя отключить полностью: оставьте их хотя бы на одном канале
error-scan-required = Приложите скан документа: файл PDF, JPEG или PNG
error-reason-required = Напишите причину отказа: заявитель увидит её
error-review-decided = Решение по этому документу уже принял другой оператор
error-phone-same = Это ваш текущий номер. Введите новый номер
error-phone-change-expired = Смена номера не начата или её срок истёк. Введите новый номер ещё раз
error-phone-change-taken = Этот номер уже указан в другой учётной записи
error-email-link-unknown = Ссылка не найдена. Проверьте, что скопировали её из письма целиком
error-email-link-used = Эта ссылка уже использована. Если адрес не изменился, укажите его в профиле ещё раз
error-email-link-expired = Срок действия ссылки истёк. Укажите новый адрес в профиле ещё раз, и мы пришлём новую ссылку
error-sign-in-failed = Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock. { $left ->
    [one] Осталась { $left } попытка, затем вход будет заблокирован
    [few] Осталось { $left } попытки, затем вход будет заблокирован
   *[other] Осталось { $left } попыток, затем вход будет заблокирован
}
error-account-locked = Вход заблокирован после трёх неверных паролей. Чтобы разблокировать, получите код на подтверждённый телефон: ссылка «Разблокировать вход» ниже
error-sign-in-throttled = { $minutes ->
    [one] Слишком много неудачных попыток входа с вашего адреса. Попробуйте снова через { $minutes } минуту
    [few] Слишком много неудачных попыток входа с вашего адреса. Попробуйте снова через { $minutes } минуты
   *[other] Слишком много неудачных попыток входа с вашего адреса. Попробуйте снова через { $minutes } минут
}
error-sign-in-network = Вход из этой сети запрещён настройками учётной записи. Войдите из разрешённой сети или восстановите пароль
error-code-rate-limit = { $minutes ->
    [one] С вашего адреса запрошено слишком много кодов. Попробуйте снова через { $minutes } минуту
    [few] С вашего адреса запрошено слишком много кодов. Попробуйте снова через { $minutes } минуты
   *[other] С вашего адреса запрошено слишком много кодов. Попробуйте снова через { $minutes } минут
}
error-recovery-expired = Ссылка для восстановления больше не действует. Начните восстановление заново
error-password-unchanged = Новый пароль совпадает с текущим. Придумайте другой
error-current-password-wrong = Неверный текущий пароль
error-sessions-login-unknown = Нет учётной записи с таким телефоном, почтой или СНИЛС. Проверьте, что введено
error-password-breached = Этот пароль есть в списках паролей, утёкших при взломах, и его проверяют первым. Придумайте другой
error-sessions-confirm = Отметьте, что понимаете: всем придётся войти снова
error-second-factor-required = Для входа нужен второй фактор
error-challenge-expired = Время на подтверждение входа истекло или было слишком много неверных кодов. Войдите заново
error-factor-code-wrong = Неверный код. Проверьте код и введите его ещё раз
error-factor-email-missing = Чтобы получать коды по почте, сначала укажите адрес электронной почты в профиле
error-factor-phone-missing = В учётной записи нет телефона для кодов по SMS
error-factor-exists = Такой способ подтверждения уже подключён
error-passkey-failed = Ключ доступа не подтвердил вход. Попробуйте ещё раз или выберите другой способ
error-passkey-expired = Время на создание ключа истекло. Нажмите кнопку ещё раз
error-passkey-known = Этот ключ доступа уже подключён
error-passkey-unavailable = Ключи доступа недоступны по этому адресу портала. Откройте портал по его доменному имени
error-passkey-cancelled = Устройство не выдало ключ: действие отменено, время вышло или на этом устройстве нет ключа. Нажмите кнопку ещё раз или выберите другой способ, например резервный код
error-passkey-unsupported = Этот браузер не поддерживает ключи доступа. Выберите другой способ
error-factor-none = Сначала подключите второй фактор
error-step-up-required = Это действие нужно подтвердить вторым фактором
error-network-duplicate = Эта сеть уже есть в списке
error-network-locks-out = С этим правилом вы не сможете войти с адреса, с которого работаете сейчас. Проверьте адрес сети
error-network-rules-max = В списке может быть не больше { $max } сетей. Удалите ненужные
error-form-expired = Форма устарела. Обновите страницу и отправьте заявление ещё раз
error-correction-not-requested = Ответы можно исправить, только когда ведомство запросило действие по заявлению
error-correction-unchanged = Ответы не изменились. Исправьте то, о чём просит ведомство, или ответьте сообщением
error-draft-sent = Это заявление уже отправлено, поэтому черновик не сохранён. Найдите его в разделе «Мои заявления»
error-drafts-too-many = Черновиков уже { $max }, больше сохранить нельзя. Удалите ненужные в разделе «Черновики»
error-file-empty = Файл «{ $file }» пустой. Выберите другой файл
error-file-too-large = Файл «{ $file }» больше { $max } МБ. Уменьшите его или выберите другой
error-file-type = Файл «{ $file }» не PDF, JPEG или PNG. Сохраните документ в одном из этих форматов
error-document-required = Приложите этот документ
error-document-too-many = Можно приложить не больше { $max ->
    [one] { $max } файла
   *[other] { $max } файлов
}
error-comment-required = Напишите заявителю, почему изменён статус
error-message-empty = Напишите сообщение или приложите файл
error-status-not-allowed = Из текущего статуса этот статус установить нельзя
error-result-only-completed = Документы результата прикладывают только к исполненному заявлению
error-application-already-taken = Заявление уже взял в работу другой сотрудник
error-application-not-yours = Решение по заявлению принимает сотрудник, который взял его в работу
error-application-changed = Пока вы работали, заявление изменили. Обновите страницу и проверьте его статус
error-refusal-ground-required = Выберите основание отказа
error-refusal-ground-not-for-service = Это основание не предусмотрено регламентом услуги. Выберите основание из списка
error-application-not-returnable = Вернуть в очередь можно только заявление со статусом «В работе»
error-application-final = Решение по заявлению уже принято, поэтому передать его нельзя
error-already-assignee = Заявление уже у этого сотрудника. Выберите другого
error-bulk-none = Отметьте хотя бы одно заявление
error-bulk-too-many = Отметьте не больше { $max } заявлений
error-application-not-found = Заявление не найдено в очереди вашего ведомства

## Application statuses

status-submitted = Отправлено
status-in-progress = В работе
status-action-required = Требуется действие
status-completed = Исполнено
status-refused = Отказано
status-withdrawn = Отозвано

## Catalogue categories

category-taxes = Налоги
category-passports-registration = Паспорта и регистрация
category-social-support = Социальная поддержка
category-family = Семья
category-transport = Транспорт
category-business = Бизнес
category-health = Здоровье

## Notifications

notification-application-submitted = Заявление № { $number } отправлено в ведомство
notification-status-changed = Статус заявления № { $number }: { $status }
notification-application-message = Новое сообщение по заявлению № { $number }
notification-application-corrected = Заявитель исправил ответы в заявлении № { $number }
notification-application-assigned = Вам передано заявление № { $number }
notification-overdue-report = В вашем ведомстве просрочено заявлений: { $count }. Список — в очереди с отметкой «Только просроченные»
notification-account-locked = Вход заблокирован после трёх неверных паролей. Если это были не вы, смените пароль
notification-new-device-sign-in = Вход с нового устройства ({ $device }) из сети { $network }, { $at }. Если это были не вы, отметьте вход в «Журнале входов»
notification-password-changed = Пароль изменён, другие сеансы завершены
notification-profile-changed = Данные профиля изменены
notification-document-approved = Новый документ проверен и добавлен в профиль
notification-document-rejected = Новый документ не принят. Причина указана в профиле
notification-sign-in-disowned = Вход отмечен как чужой. Все сеансы завершены, вход заблокирован до смены пароля
notification-comment = Комментарий сотрудника: { $comment }

## Action journal

history-registration = Регистрация учётной записи
history-sign-in = Вход в личный кабинет
history-sign-out = Выход из личного кабинета
history-profile-change = Изменение личных данных
history-application-submitted = Отправка заявления № { $number }
history-application-status-changed = Заявление № { $number }: новый статус «{ $status }»
history-application-withdrawn = Отзыв заявления № { $number }
history-application-message = Сообщение по заявлению № { $number }
history-application-corrected = Исправление ответов в заявлении № { $number }
history-account-locked = Блокировка входа после неверных паролей
history-account-unlocked = Разблокировка входа по коду
history-password-reset = Восстановление пароля
history-password-changed = Смена пароля
history-session-closed = Завершение сеансов: { $count }
history-sign-in-disowned = Вход отмечен как чужой, вход заблокирован
history-network-rules-changed = Изменение списка сетей для входа
history-second-factor-added = Подключение второго фактора
history-second-factor-removed = Отключение второго фактора
history-backup-codes-created = Создание резервных кодов
history-status-succeeded = Успешно
history-status-failed = Ошибка
history-status-in-progress = Выполняется

## Action history: kinds, categories and exports
history-document-attached = Документ «{ $file }» приложен к заявлению № { $number }
history-category-application = Заявления
history-category-document = Документы
history-category-profile = Личные данные
history-category-sign-in = Вход и выход
history-category-security = Безопасность
history-category-confirmation = Подтверждения
history-category-cancellation = Отмены
history-category-support = Поддержка
export-column-operation = Номер операции
export-column-time = Дата и время
export-column-type = Тип
export-column-action = Действие
export-column-status = Статус
export-column-service = Услуга
export-column-application = Заявление
export-column-comment = Комментарий сотрудника
export-column-files = Файлы
export-title = История действий: { $name }
export-period = Период: { $period }
export-period-all = за всё время
export-period-between = с { $from } по { $to }
export-period-since = с { $from }
export-period-until = по { $to }
export-page = Страница { $page } из { $pages }
decision-title = Решение по заявлению № { $number }
decision-document-title = Решение по заявлению
result-document-title = Документ результата
decision-file-name = Решение по заявлению { $number }.pdf
decision-service = Услуга
decision-applicant = Заявитель
decision-submitted = Заявление подано (МСК)
decision-decided = Решение принято (МСК)
decision-outcome = Решение
decision-reason = Основание отказа
decision-completed = Услуга оказана. Результат: { $result }
decision-refused = В предоставлении услуги отказано
decision-comment = Комментарий
decision-results = Документы результата
decision-official = Ответственный сотрудник
decision-footer = Документ сформирован в личном кабинете Kabinet в момент принятия решения. Подлинность можно проверить в ведомстве по номеру заявления.
error-history-type = Выберите тип операции из списка.
error-history-status = Выберите статус из списка.
error-category = Выберите категорию из списка.
error-applications-status = Выберите статус из списка.
error-applications-service = Выберите услугу из списка.
error-applications-sort = Выберите порядок из списка.
error-application-decided = Решение по заявлению уже принято, поэтому отозвать его нельзя.
error-application-closed = Решение по заявлению уже принято, поэтому переписка по нему закрыта.
error-period = Дата окончания периода не может быть раньше даты начала.
## Sign-in through ESIA
history-sso-linked = Привязка учётной записи Госуслуг
history-sso-unlinked = Отвязка учётной записи Госуслуг
history-notification-settings-changed = Изменение настроек уведомлений
history-telegram-linked = Подключение Telegram для уведомлений
history-telegram-unlinked = Отключение Telegram
history-template-saved = Сохранение заявления № { $number } как шаблона
history-template-deleted = Удаление шаблона заявления
error-template-name-taken = Шаблон с таким названием уже есть. Выберите другое название
error-templates-too-many = Шаблонов уже { $max }, больше сохранить нельзя. Удалите ненужные в разделе «Шаблоны»
error-sso-password-wrong = Неверный пароль учётной записи портала. Введите пароль, с которым вы входите на портал, или откажитесь от привязки
error-sso-unlink-needs-password = Учётная запись создана через Госуслуги, и у неё нет своего пароля. Сначала задайте пароль через восстановление, затем отвяжите Госуслуги
error-sso-already-linked = К этой учётной записи уже привязана другая учётная запись Госуслуг
