# Texts of the interface: navigation, pages, form labels and hints.

brand-name = Kabinet
brand-tagline = Личный кабинет госуслуг
meta-description = Личный кабинет для получения государственных услуг: заявления, документы, уведомления
skip-to-content = Перейти к основному содержанию
footer-text = Kabinet — личный кабинет для государственных услуг. Если что-то не получается, обратитесь в МФЦ.
loading = Загрузка…
button-sending = Отправляем…

## Navigation

nav-label = Основное меню
nav-cabinet = Личный кабинет
nav-services = Услуги
nav-applications = Мои заявления
nav-notifications = Уведомления
nav-notifications-unread = { $count ->
    [0] Уведомления, непрочитанных нет
    [one] Уведомления, { $count } непрочитанное
    [few] Уведомления, { $count } непрочитанных
   *[other] Уведомления, { $count } непрочитанных
}
nav-notifications-arrived = Новое уведомление. { $count ->
    [one] Непрочитанное: { $count }
   *[other] Непрочитанных: { $count }
}
nav-profile = Профиль
nav-queue = Очередь заявлений
nav-reviews = Проверка документов
nav-admin-sessions = Сеансы пользователей
nav-sign-in = Войти
nav-register = Зарегистрироваться
nav-sign-out = Выйти

## Errors of pages

error-prefix = Ошибка:
error-summary-title = Исправьте ошибки
notice-done = Готово
error-unauthenticated-title = Нужно войти
error-unauthenticated = Войдите в личный кабинет, чтобы открыть эту страницу.
error-forbidden-title = Нет доступа
error-forbidden = У вашей учётной записи нет доступа к этой странице.
error-not-found-title = Страница не найдена
error-not-found = Такой страницы нет. Проверьте адрес или перейдите на главную.
error-internal-title = Что-то пошло не так
error-internal = Не удалось выполнить запрос. Попробуйте ещё раз через несколько минут. Если ошибка повторится, сообщите в поддержку код { $reference }.
error-transport = Не удалось связаться с порталом. Проверьте подключение к интернету и попробуйте ещё раз.

## Notices

notice-code-sent = Мы отправили новый код.
notice-profile-saved = Изменения сохранены.
notice-email-pending = Изменения сохранены. На адрес { $email } отправлено письмо со ссылкой: адрес начнёт действовать, когда вы по ней перейдёте. До тех пор используется прежний адрес.
notice-email-confirmed = Адрес электронной почты подтверждён и теперь используется в кабинете.

## Form fields

field-optional = (необязательно)
field-login = Телефон, почта или СНИЛС
field-login-hint = Например, +7 912 345-67-89, ivan@example.ru или 112-233-445 95
field-password = Пароль
field-password-hint = Не меньше 8 символов, любые буквы, цифры и знаки. Длинная фраза из нескольких слов надёжнее короткого пароля
field-password-repeat = Пароль ещё раз
field-phone = Мобильный телефон
field-phone-hint = Например, +7 912 345-67-89. На него придёт код подтверждения
field-new-phone = Новый номер мобильного телефона
field-surname = Фамилия
field-given-name = Имя
field-patronymic = Отчество
field-birth-date = Дата рождения
field-email = Электронная почта
field-snils = СНИЛС
field-snils-hint = 11 цифр, например 112-233-445 95
field-inn = ИНН
field-inn-hint = 12 цифр
field-code = Код из SMS
field-code-hint = 6 цифр
field-former-names = Прежние фамилии и имена
field-former-names-hint = Если меняли, например «Петрова, до 2015 года»
field-sex = Пол
sex-male = Мужской
sex-female = Женский
field-birth-place = Место рождения
field-birth-place-hint = Как в паспорте, например «гор. Казань Республики Татарстан»
field-citizenship = Гражданство
field-telegram = Telegram
field-telegram-hint = Имя пользователя, например @ivan_petrov
field-passport = Серия и номер паспорта
field-passport-hint = 4 и 6 цифр, например 45 10 123456
field-passport-issue-date = Дата выдачи паспорта
field-passport-issued-by = Кем выдан паспорт
field-subdivision-code = Код подразделения
field-subdivision-code-hint = 6 цифр, например 770-001
field-licence-number = Серия и номер удостоверения
field-licence-number-hint = 10 знаков, например 99 12 345678
field-licence-issue-date = Дата выдачи удостоверения
field-licence-expiry-date = Удостоверение действует до
field-foreign-number = Серия и номер загранпаспорта
field-foreign-number-hint = 2 и 7 цифр, например 75 1234567
field-foreign-issue-date = Дата выдачи загранпаспорта
field-foreign-expiry-date = Загранпаспорт действует до
field-foreign-issued-by = Кем выдан загранпаспорт
field-registration-postcode = Индекс адреса регистрации
field-registration-address = Адрес регистрации
field-address-hint = Регион, населённый пункт, улица, дом, корпус, квартира
field-residence-same = Где вы живёте
residence-same-yes = По адресу регистрации
residence-same-no = По другому адресу
field-residence-postcode = Индекс адреса проживания
field-residence-address = Адрес проживания
field-residence-hint = Заполните, если живёте не по адресу регистрации

## Home

home-title = Государственные услуги онлайн
home-lead = Подавайте заявления, следите за их статусом и получайте результат, не выходя из дома.
home-open-cabinet = Открыть личный кабинет
home-features = Возможности
home-services-text = Каталог услуг ведомств с описанием сроков, документов и результата.
home-applications-text = Все ваши заявления, их статусы и история в одном месте.
home-notifications-text = Сообщения о каждом изменении статуса.

## Sign-in and registration

sign-in-title = Вход
sign-in-submit = Войти
sign-in-no-account = Нет учётной записи?
register-title = Регистрация
register-lead = Заполните данные как в паспорте. На телефон придёт код для подтверждения.
register-submit = Зарегистрироваться
register-have-account = Уже зарегистрированы?
confirm-title = Подтверждение телефона
confirm-lead = Мы отправили SMS с кодом на указанный номер. Код действует 10 минут.
confirm-submit = Подтвердить
confirm-resend = Отправить код ещё раз
confirm-demo-hint = Это демонстрационный портал: SMS не отправляются, а появляются на странице

## Personal account

cabinet-title = Личный кабинет
cabinet-greeting = Здравствуйте, { $name }!
cabinet-sections = Разделы личного кабинета
cabinet-applications-count = { $count ->
    [0] Заявлений пока нет
    [one] { $count } заявление
    [few] { $count } заявления
   *[other] { $count } заявлений
}
cabinet-unread-count = { $count ->
    [0] Новых уведомлений нет
    [one] { $count } новое уведомление
    [few] { $count } новых уведомления
   *[other] { $count } новых уведомлений
}
cabinet-profile-text = Личные данные и документы, которые заполняют заявления.
cabinet-history-text = Все ваши действия на портале.
cabinet-applications = Заявления
cabinet-action-required = Требуют вашего действия: { $count }
cabinet-in-progress = На рассмотрении: { $count }
cabinet-results = Решения и отозванные: { $count }
cabinet-group-all = Открыть весь список
cabinet-group-table = Таблица «{ $group }»

profile-title = Профиль
profile-submit = Сохранить
profile-sections = Разделы профиля
profile-section-personal = Личные данные и контакты
profile-section-documents = Документы
profile-section-addresses = Адреса
profile-section-personal-data = Личные данные
profile-section-contacts = Контакты
profile-section-numbers = СНИЛС и ИНН
profile-documents-title = Документы
profile-documents-lead = Данные документов хранятся в зашифрованном виде и подставляются в заявления. Раздел документа, которого у вас нет, оставьте пустым.
profile-passport = Паспорт гражданина Российской Федерации
profile-passport-hint = Чтобы указать или изменить паспорт, потребуется ещё раз подтвердить, что это вы.
profile-driving-licence = Водительское удостоверение
profile-foreign-passport = Заграничный паспорт
profile-optional-document = Необязательно. Если заполняете, заполните все поля.
profile-addresses-title = Адреса
profile-registration-address = Адрес регистрации
profile-residence-address = Адрес проживания
profile-email-pending = Ожидает подтверждения: { $email }. Откройте ссылку из письма, отправленного на этот адрес.
email-confirm-title = Подтверждение адреса электронной почты
email-confirm-text = Подтвердите, что адрес { $email } принадлежит вам. После этого коды и уведомления будут приходить на него.
email-confirm-submit = Подтвердить адрес
email-confirm-to-profile = Перейти в профиль
profile-change-phone = Изменить номер
profile-passport-none = Паспорт не указан.
profile-passport-new = Указать новый паспорт
profile-passport-pending = Паспорт { $number } на проверке. Оператор сверит данные со сканом; до его решения в заявлениях используется прежний паспорт.
profile-passport-approved = Паспорт { $number } проверен и используется в заявлениях.
profile-passport-rejected = Паспорт { $number } не принят. Причина: { $reason } Исправьте данные или приложите другой скан и отправьте паспорт ещё раз.
profile-change-snils = Изменить СНИЛС
profile-snils-pending = СНИЛС { $number } на проверке. Оператор сверит номер со сканом документа; до его решения используется прежний номер.
profile-snils-approved = СНИЛС { $number } проверен и используется в заявлениях.
profile-snils-rejected = СНИЛС { $number } не принят. Причина: { $reason } Исправьте номер или приложите другой скан и отправьте ещё раз.
snils-title = Новый СНИЛС
snils-lead = Оператор сверит номер со сканом страхового свидетельства или уведомления о регистрации в системе индивидуального учёта. До его решения используется прежний номер. Перед отправкой мы попросим ещё раз подтвердить, что это вы.
field-new-snils = Новый СНИЛС
field-snils-scan = Скан документа со СНИЛС
reviews-kind-snils = СНИЛС
review-submitted-snils = Новый СНИЛС
review-current-snils = СНИЛС в профиле сейчас
review-approve-snils = Подтвердить СНИЛС
passport-title = Новый паспорт
passport-lead = Оператор сверит данные со сканом разворота паспорта с фотографией. До его решения в заявлениях используется прежний паспорт. Перед отправкой мы попросим ещё раз подтвердить, что это вы.
passport-submit = Отправить на проверку
field-passport-scan = Скан разворота с фотографией
field-passport-scan-hint = Файл PDF, JPEG или PNG до 5 МБ
field-review-reason = Причина отказа
field-review-reason-hint = Заявитель увидит этот текст. Напишите, что исправить
reviews-title = Проверка документов
reviews-empty = Документов на проверке нет.
reviews-applicant = Заявитель
reviews-document = Документ
reviews-submitted = Отправлен
reviews-kind-passport = Паспорт гражданина РФ
document-review-title = Проверка документа
review-submitted-passport = Новый паспорт
review-current-passport = Паспорт в профиле сейчас
review-scan = Скачать скан
review-decision = Решение
review-approve-passport = Подтвердить паспорт
review-reject = Отказать
review-decided = Решение по этому документу уже принято.
access-reason-document-review-viewed = Проверка документа
access-reason-document-review-scan-viewed = Просмотр скана документа
access-reason-document-review-decided = Решение по проверке документа
phone-change-title = Новый номер телефона
phone-change-lead = На новый номер придёт код. Номер изменится, когда вы введёте код; до этого коды и уведомления приходят на прежний номер.
phone-change-submit = Получить код
phone-change-confirm-title = Код с нового номера
phone-change-confirm-lead = Введите код из SMS, отправленного на новый номер.
phone-change-confirm-submit = Изменить номер
notice-phone-changed = Номер телефона изменён. Входите в кабинет с новым номером.
profile-section-access = Кто просматривал мои данные
profile-export-title = Скачать мои данные
profile-export-text = Всё, что портал хранит о вас: профиль, документы, адреса, заявления, история действий и доступ сотрудников к вашим данным, в одном файле.
profile-export-json = Скачать файл JSON
profile-export-pdf = Скачать файл PDF
export-data-title = Мои данные: { $name }
export-data-exported = Выгружено { $at }
export-data-none = не указано
export-data-applications = Заявления
export-data-history = История действий
export-data-history-count = Записей: { $count }. Полный список есть в файле JSON и в выгрузке на странице «История действий».
profile-access-title = Кто просматривал мои данные
profile-access-lead = Сотрудники ведомств видят ваши данные, только когда рассматривают ваше заявление. Каждый такой просмотр записывается сюда.
profile-access-empty = Сотрудники пока не просматривали ваши данные.
profile-access-when = Когда
profile-access-who = Кто
profile-access-department = Ведомство
profile-access-why = Зачем
access-reason-application-viewed = Рассмотрение заявления { $number }
access-reason-application-taken = Заявление { $number } принято в работу
access-reason-application-decided = Решение по заявлению { $number }
access-reason-application-returned = Заявление { $number } возвращено в очередь
access-reason-application-reassigned = Заявление { $number } передано другому сотруднику
access-reason-document-downloaded = Просмотр документа заявления { $number }
access-reason-history-change-rejected = Попытка изменить историю действий отклонена
access-reason-sessions-ended = Администратор завершил все ваши сеансы
role-citizen = Заявитель
role-official = Сотрудник ведомства
role-support = Специалист поддержки
role-admin = Администратор портала

## Catalogue and applications

services-title = Каталог услуг
services-filter-label = Поиск по каталогу услуг
services-filter-q = Что вы ищете
services-filter-q-hint = Слова из названия или описания услуги, например «замена паспорта» или «пособие на ребёнка».
services-filter-category = Категория
services-filter-any = Все категории
services-filter-apply = Найти
services-categories = Категории услуг
services-found = { $count ->
    [one] Найдена { $count } услуга
    [few] Найдено { $count } услуги
   *[many] Найдено { $count } услуг
}
services-nothing-found = Услуг по вашему запросу не нашлось. Попробуйте другие слова или выберите категорию.
service-department = Ведомство
service-deadline = Срок
service-days = { $days ->
    [one] { $days } рабочий день
    [few] { $days } рабочих дня
   *[other] { $days } рабочих дней
}
service-result = Результат
service-documents = Какие документы понадобятся
service-apply = Подать заявление

apply-title = Заявление
apply-answers = Сведения
apply-documents = Документы
apply-documents-hint = Файлы PDF, JPEG или PNG размером до 5 МБ каждый.
apply-file-rules = { $max ->
    [one] Один файл
   *[other] До { $max } файлов
}
apply-file-attached = Приложен файл
apply-file-remove = Удалить
apply-from-profile = Заполнено из профиля, можно изменить
apply-shown-when = Заполните, только если в вопросе «{ $field }» ответили { $values }
apply-submit = Отправить заявление
apply-save-draft = Сохранить черновик
apply-next = Далее
apply-back = Назад
steps-label = Шаги заявления
steps-count = Шаг { $step } из { $total }
steps-review = Проверка и отправка
apply-review-lead = Проверьте ответы и файлы перед отправкой. Чтобы исправить ответ, вернитесь к его шагу по ссылке «Изменить»: всё введённое сохранится.
apply-review-change = Изменить
apply-review-change-step = шаг «{ $step }»
apply-review-no-files = Файлы не приложены
steps-done = заполнено
group-remove = Удалить: { $item }
group-application-per-item = На каждого из списка будет отправлено отдельное заявление со своим номером. Остальные ответы и документы войдут в каждое из них
group-full = Больше записей добавить нельзя: их может быть не больше { $max }.
apply-draft-hint = Черновик можно дописать позже: он сохраняет ответы и прикреплённые файлы, но не проверяет их.
apply-draft-autosaved = Черновик сохранён автоматически в { $time }.
drafts-title = Черновики
drafts-lead = Заявления, которые вы начали заполнять, но ещё не отправили. Черновик хранится, пока вы не отправите заявление или не удалите его.
drafts-empty = Черновиков нет.
drafts-column-service = Услуга
drafts-column-saved = Сохранён
drafts-column-filled = Заполнено
drafts-filled = { $answers ->
    [one] { $answers } ответ
    [few] { $answers } ответа
   *[other] { $answers } ответов
}, { $files ->
    [one] { $files } файл
    [few] { $files } файла
   *[other] { $files } файлов
}
drafts-delete = Удалить
drafts-delete-label = Удалить черновик: { $service }
drafts-column-send = Отправить
drafts-check-label = Отправить черновик «{ $service }», сохранённый { $saved }
drafts-send = Отправить отмеченные
drafts-send-hint = Каждый отмеченный черновик станет отдельным заявлением со своим номером. Черновики с ошибками останутся здесь, чтобы их можно было исправить.
notice-drafts-sent = { $sent ->
    [0] Ни одно заявление не отправлено.
   *[other] Отправлено заявлений: { $sent }. Номера: { $numbers }.
} { $kept ->
    [0] {""}
   *[other] Черновиков с ошибками: { $kept }. Откройте каждый, исправьте ошибки и отправьте.
}
drafts-back = Вернуться к заявлениям
notice-draft-saved = Черновик сохранён. Его можно дописать позже в разделе «Черновики».
notice-draft-deleted = Черновик удалён.

templates-title = Шаблоны
templates-lead = Ответы ваших прошлых заявлений, сохранённые под своими именами. Новое заявление по шаблону заполняется этими ответами, а документы к нему нужно приложить заново.
templates-empty = Шаблонов нет. Сохранить заявление как шаблон можно на странице заявления.
templates-column-name = Название
templates-column-saved = Сохранён
templates-filled = { $answers ->
    [one] { $answers } ответ
    [few] { $answers } ответа
   *[other] { $answers } ответов
}
service-templates = Заполнить по вашему шаблону
templates-use = Заполнить по шаблону
templates-use-label = Заполнить по шаблону «{ $name }»
templates-delete-label = Удалить шаблон «{ $name }»
notice-template-deleted = Шаблон удалён.
template-title = Шаблон заявления
template-open = Сохранить ответы как шаблон
template-text = Шаблон хранит ответы этого заявления без документов. Из него можно начать новое заявление на ту же услугу. Все шаблоны в разделе
template-name = Название шаблона
template-name-hint = Например, «Справка для сына». Не больше 100 символов.
template-submit = Сохранить шаблон
notice-template-saved = Шаблон «{ $name }» сохранён. Он в разделе «Шаблоны».
apply-from-template = Форма заполнена по шаблону «{ $name }». Проверьте ответы и приложите документы.

applications-title = Мои заявления
applications-new = Подать новое заявление
applications-empty = Заявлений пока нет.
applications-table = Список заявлений
applications-filter-label = Поиск и фильтр заявлений
applications-filter-q = Номер или слова
applications-filter-q-hint = Номер заявления целиком или его часть, например 482-157, либо слова из названия услуги.
applications-filter-status = Статус
applications-filter-service = Услуга
applications-filter-category = Категория
applications-filter-from = Подано с
applications-filter-to = Подано по
applications-filter-sort = Порядок
applications-sort-newest = Сначала новые
applications-sort-oldest = Сначала старые
applications-sort-updated = Недавно изменённые
applications-found = { $count ->
    [one] Найдено { $count } заявление
    [few] Найдено { $count } заявления
   *[many] Найдено { $count } заявлений
}
applications-nothing-found = Заявлений, подходящих под фильтр, нет.
pagination-previous = Предыдущая
pagination-next = Следующая
application-withdrawn-notice = Заявление № { $number } отозвано. Ведомство больше не будет его рассматривать.
withdraw-title = Отзыв заявления
withdraw-open = Отозвать заявление
withdraw-text = Отозванное заявление ведомство рассматривать не будет, и вернуть его нельзя. Чтобы получить услугу, понадобится подать новое заявление.
withdraw-reason = Причина отзыва
withdraw-reason-hint = Необязательно. Причину увидит сотрудник ведомства.
withdraw-submit = Подтвердить отзыв
thread-title = Переписка с ведомством
thread-title-staff = Переписка с заявителем
thread-empty = Сообщений пока нет.
thread-body = Сообщение
thread-body-hint = До 2000 символов. Сотрудник ведомства ответит здесь же, а вы получите уведомление.
thread-body-hint-staff = До 2000 символов. Заявитель получит уведомление о сообщении.
thread-files = Файлы
thread-files-hint = До 5 файлов PDF, JPEG или PNG, каждый не больше 5 МБ.
thread-send = Отправить сообщение
thread-send-answer = Ответить и вернуть заявление в работу
thread-request-title = Ведомство просит уточнить заявление
thread-request-answer = Ответить на запрос
correction-link = Исправить ответы
correction-sent = Ответы исправлены, заявление снова в работе у ведомства.
correction-title = Исправление заявления № { $number }
correction-lead = Исправьте ответы, о которых просит ведомство, и отправьте заявление снова. Прежние ответы сохранятся, и ведомство увидит, что изменилось.
correction-submit = Отправить исправленное заявление
correction-cancel = Вернуться к заявлению без изменений
correction-history = Исправления ответов
correction-version = Версия { $version } от { $date }
correction-column-question = Вопрос
correction-column-before = Было
correction-column-after = Стало
correction-empty-answer = нет ответа
thread-posted = Сообщение отправлено.
result-documents-title = Результаты услуг
result-documents-empty = Здесь появятся решения по вашим заявлениям, когда ведомства их примут.

application-title = Заявление № { $number }
application-submitted = Заявление отправлено
application-submitted-number = Номер заявления { $number }. Его можно назвать по телефону в ведомстве или МФЦ.
application-submitted-batch = { $count ->
    [one] Вместе с ним отправлено ещё { $count } заявление
    [few] Вместе с ним отправлено ещё { $count } заявления
   *[many] Вместе с ним отправлено ещё { $count } заявлений
  }, у каждого свой номер. Они перечислены ниже в разделе «Отправлены вместе».
application-batch-title = Отправлены вместе
application-batch-lead = Эти заявления отправлены одной формой с этим, по одному на каждого, кто в ней указан.
application-batch-link = Заявление № { $number }
application-history = История статусов
application-answers = Сведения из заявления
profile-offers-title = Сохранить ответы в профиле?
profile-offers-text = Этих сведений нет в профиле, или там указано иначе. Если сохранить их, следующие заявления заполнятся ими сами. Заявление от этого не изменится.
profile-offer-save = Сохранить «{ $field }»
profile-offers-save-all = Сохранить все в профиле
profile-offers-saved = { $count ->
    [one] В профиле сохранено { $count } значение.
    [few] В профиле сохранено { $count } значения.
   *[other] В профиле сохранено { $count } значений.
}
profile-offers-open-profile = Открыть профиль
application-documents = Документы
history-actor-applicant = Заявитель
history-step-returned = Возвращено в очередь ведомства
history-step-corrected = Заявитель исправил ответы
history-step-reassigned = Передано сотруднику: { $name }
history-refusal-reason = Основание отказа: { $reason }

column-number = Номер
column-service = Услуга
column-applicant = Заявитель
column-status = Статус
column-assignee = Ответственный
column-submitted = Подано
column-updated = Изменено
column-deadline = Срок рассмотрения
deadline-left = { $days ->
    [0] последний день
    [one] остался { $days } рабочий день
    [few] осталось { $days } рабочих дня
   *[many] осталось { $days } рабочих дней
}
deadline-overdue = { $days ->
    [one] Просрочено на { $days } рабочий день
    [few] Просрочено на { $days } рабочих дня
   *[many] Просрочено на { $days } рабочих дней
}
column-time = Время
column-actor = Кто изменил
column-comment = Комментарий
column-select = Отметить
column-action = Действие
column-result = Результат
column-channel = Канал
column-recipient = Получатель
column-text = Текст

size-kb = КБ
size-mb = МБ

## Notifications and history

notifications-title = Уведомления
notifications-empty = Уведомлений пока нет.
notifications-unread = новое
notifications-open = Открыть заявление
notifications-mark-read = Отметить прочитанным
notifications-mark-all = Отметить все прочитанными

history-title = История действий
history-empty = Действий пока нет.
pagination-label = Страницы
pagination-newer = Более новые
pagination-older = Более старые

## Officials

queue-title = Очередь заявлений
queue-empty = В очереди нет заявлений.
queue-filter-status = Статус
queue-filter-open = Все нерешённые
queue-filter-overdue = Только просроченные
queue-filter-apply = Показать
review-title = Рассмотрение заявления
review-actions = Действия
review-take = Взять в работу
review-new-status = Новый статус
review-comment = Комментарий для заявителя
review-comment-hint = Обязателен, если нужны действия заявителя или в услуге отказано
review-submit = Сохранить решение
review-result-files = Документы результата
review-result-files-hint = Справка, выписка или другой документ, который получит заявитель. Только со статусом «Исполнено». PDF, JPEG или PNG, не больше 5 файлов.
review-no-actions = Заявление рассматривает другой сотрудник или решение уже принято.
queue-nothing-found = По этому фильтру заявлений нет.
queue-found = Найдено заявлений: { $count }
queue-filter-label = Фильтр очереди
queue-filter-assignee = Исполнитель
queue-assignee-anyone = Любой
queue-assignee-mine = Я
queue-assignee-nobody = Никто, заявление не взято
queue-select = Отметить заявление № { $number }
queue-bulk-title = Действия с отмеченными заявлениями
queue-bulk-hint = Взять можно заявления со статусом «Отправлено». Вернуть в очередь и передать коллеге можно только взятые вами.
queue-bulk-hint-head = Взять можно заявления со статусом «Отправлено». Вернуть в очередь можно только взятые вами. Как руководитель, вы можете передать коллеге любое нерешённое заявление.
queue-bulk-take = Взять в работу
queue-bulk-return = Вернуть в очередь
queue-bulk-assignee = Сотрудник
queue-bulk-assignee-choose = Выберите сотрудника
queue-bulk-reassign = Передать сотруднику
queue-bulk-taken = Взято в работу заявлений: { $count }
queue-bulk-returned = Возвращено в очередь заявлений: { $count }
queue-bulk-reassigned = Передано заявлений: { $count }
queue-bulk-partial = Выполнено для { $done }, не выполнено для { $failed }
queue-bulk-failed = № { $number }: { $reason }
queue-bulk-failed-unknown = Одно из отмеченных: { $reason }
review-decision-title = Решение
review-reason = Основание отказа
review-reason-hint = Обязательно, если в услуге отказано
review-reason-choose = Выберите основание
review-return-title = Вернуть в очередь
review-return-hint = Заявление станет снова «Отправлено», и его сможет взять любой сотрудник ведомства.
review-return = Вернуть в очередь
review-returned = Заявление возвращено в очередь ведомства.
review-changed = Решение сохранено. Заявитель получил уведомление.
review-reassign-title = Передать другому сотруднику
review-reassign-to = Сотрудник
review-reassign-note = Пояснение для коллеги
review-reassign-note-hint = Видно в истории заявления, в том числе заявителю
review-reassign = Передать
review-reassigned = Заявление передано. Сотрудник получил уведомление.

## Development outbox

outbox-title = Исходящие сообщения
outbox-lead = SMS и письма, которые портал отправил бы в рабочем режиме. Страница есть только в демонстрационном режиме.
outbox-empty = Сообщений пока нет.

## Security: sign-in journal, sessions, networks

yes = Да
sign-in-result-succeeded = Успешный вход
sign-in-result-wrong-password = Неверный пароль
sign-in-result-locked = Вход заблокирован
sign-in-result-throttled = Слишком много попыток с адреса
sign-in-result-network-denied = Сеть не разрешена
sign-ins-column-time = Время
sign-ins-column-result = Результат
sign-ins-column-device = Устройство
sign-ins-column-address = Адрес
sign-ins-column-disowned = Отмечено «это был не я»
place-local = Локальная сеть
place-network = Сеть { $network }
place-unknown = Неизвестно
device-unknown = Неизвестное устройство
nav-security = Безопасность
notice-password-changed = Пароль изменён. Другие сеансы завершены.

sign-in-forgot = Забыли пароль?
sign-in-unlock = Разблокировать вход
sign-in-notice-unlocked = Вход разблокирован. Войдите ещё раз.
sign-in-notice-password-reset = Пароль изменён, все сеансы завершены. Войдите с новым паролем.
sign-in-notice-expired = Сеанс завершён из-за бездействия. Войдите ещё раз, и вы вернётесь на ту же страницу.

recovery-title = Восстановление пароля
recovery-lead = Укажите телефон, почту или СНИЛС учётной записи. Если она есть, мы отправим код на подтверждённый телефон.
unlock-title = Разблокировка входа
unlock-lead = Вход блокируется после трёх неверных паролей. Укажите телефон, почту или СНИЛС учётной записи, и мы отправим код для разблокировки на подтверждённый телефон.
recovery-not-me-notice = Все сеансы завершены, вход заблокирован. Чтобы снова войти, задайте новый пароль.
recovery-send-code = Получить код
recovery-back-to-sign-in = Вернуться ко входу
recovery-code-title = Код подтверждения
recovery-code-lead = Если учётная запись есть, мы отправили код на её телефон. Код действует 10 минут.
recovery-code-submit = Подтвердить
recovery-password-title = Новый пароль
recovery-password-lead = Придумайте новый пароль. После сохранения все сеансы завершатся.
recovery-password-submit = Сохранить пароль
recovery-start-again = Начать заново
field-new-password = Новый пароль
field-current-password = Текущий пароль

security-title = Безопасность
security-back = Вернуться к разделу «Безопасность»
password-change-title = Смена пароля
password-change-lead = После смены пароля все сеансы, кроме этого, завершатся.
password-change-submit = Сменить пароль

sessions-title = Сеансы
sessions-lead = Устройства, на которых сейчас выполнен вход. Место определено приблизительно, по адресу сети.
sessions-current = Этот сеанс
sessions-close = Завершить
sessions-close-one = Завершить сеанс: { $device }
sessions-close-others = Завершить все другие сеансы
sessions-column-place = Место
sessions-column-started = Начат
sessions-column-last-seen = Последняя активность
sessions-column-action = Действие

admin-sessions-title = Завершение сеансов
admin-sessions-lead = Здесь администратор завершает сеансы других людей, например когда человек потерял телефон или есть подозрение на взлом. После этого им придётся войти снова.
admin-sessions-active = Открытых сеансов на портале сейчас: { $count }
admin-sessions-person-title = Сеансы одного человека
admin-sessions-person-lead = Введите телефон, почту или СНИЛС, с которыми человек входит на портал. Завершатся все его сеансы.
admin-sessions-person-submit = Завершить его сеансы
admin-sessions-all-title = Сеансы всех пользователей
admin-sessions-all-lead = Завершатся сеансы всех пользователей, кроме ваших: входить придётся всем. Это нужно, например, после утечки данных.
admin-sessions-all-confirm = Понимаю, что всем, кроме меня, придётся войти снова
admin-sessions-all-submit = Завершить сеансы всех
notice-sessions-ended = Завершено сеансов: { $count }

sign-ins-title = Журнал входов
sign-ins-lead = Все попытки входа в вашу учётную запись.
sign-ins-filter = Результат
sign-ins-filter-all = Все
sign-ins-filter-apply = Показать
sign-ins-export = Скачать журнал (CSV)
sign-ins-empty = Попыток входа пока нет.
sign-ins-not-me = Это был не я
sign-ins-not-me-label = Это был не я: вход { $at }
sign-ins-not-me-hint = «Это был не я» завершит все сеансы, включая этот, и заблокирует вход до смены пароля.
sign-ins-disowned = Отмечен как чужой

networks-title = Сети для входа
networks-lead = Можно разрешить вход только из указанных сетей или запретить вход из некоторых. Без правил вход разрешён отовсюду.
networks-empty = Правил нет, вход разрешён из любой сети.
networks-allow = Разрешить
networks-deny = Запретить
networks-remove = Удалить
networks-remove-label = Удалить правило для сети { $network }
networks-add-title = Добавить правило
networks-add-submit = Добавить
field-network-kind = Правило
field-network = Сеть
field-network-hint = Адрес сети с маской, например 192.0.2.0/24, или один адрес

idle-warning-title = Сеанс скоро завершится
idle-warning-text = Вы давно ничего не делали на портале. Через 2 минуты сеанс завершится для защиты ваших данных. Введённое на странице сохранится, и после входа вы вернётесь сюда.
idle-warning-stay = Остаться в системе
resend-wait = Новый код можно запросить через { $seconds } с
resend-ready = Можно запросить новый код
security-sessions-count = { $count ->
    [one] { $count } активный сеанс
    [few] { $count } активных сеанса
   *[other] { $count } активных сеансов
}

## Second factors

sign-in-result-wrong-code = Неверный код второго фактора
factor-kind-totp = Приложение-аутентификатор
factor-kind-sms = Код по SMS
factor-kind-email = Код по электронной почте
factor-kind-passkey = Ключ доступа
factor-code-totp = Код из приложения
factor-code-sms = Код из SMS
factor-code-email = Код из письма
factor-code-backup = Резервный код
factor-use-backup = Резервный код
factor-other-ways = Другие способы подтверждения
factor-send-code = Отправить код
challenge-title = Подтверждение входа
challenge-lead-totp = Откройте приложение-аутентификатор и введите шестизначный код для Kabinet.
challenge-lead-sms = Мы отправили код по SMS на телефон учётной записи.
challenge-lead-email = Мы отправили код на электронную почту учётной записи.
challenge-lead-passkey = Подтвердите вход ключом доступа на этом устройстве: его разблокируют отпечатком, лицом, PIN-кодом или ключом безопасности.
challenge-lead-backup = Введите один из резервных кодов, которые вы сохранили. Каждый код работает один раз.
challenge-remember = Запомнить это устройство на 30 дней
challenge-submit = Войти
step-up-title = Подтверждение действия
step-up-lead = Смена телефона, почты, пароля, паспортных данных и способов входа требует подтверждения. После него такие изменения можно делать 15 минут.
step-up-password-hint = Второй фактор не подключён, поэтому подтвердите действие паролем.
step-up-send-first = Сначала получите код.
step-up-submit = Подтвердить
error-step-up-required-title = Нужно подтверждение
factors-title = Второй фактор
factors-lead = Второй фактор защищает вход, даже если пароль узнал кто-то другой. Можно подключить несколько способов и выбрать основной.
factors-none = Второй фактор не подключён.
factors-default = (основной)
factors-make-default = Сделать основным
factors-make-default-label = Сделать основным: { $factor }
factors-remove = Отключить
factors-remove-label = Отключить: { $factor }
factors-never-used = ещё не использовался
factors-column-kind = Способ
factors-column-added = Подключён
factors-column-used = Последнее использование
factors-add-title = Подключить способ
factors-add-totp = Приложение-аутентификатор
factors-add-sms = Коды по SMS
factors-add-email = Коды по почте
factors-add-passkey = Ключ доступа
passkey-add-title = Новый ключ доступа
passkey-add-lead = Ключ доступа хранится на вашем устройстве: в телефоне, компьютере или ключе безопасности. Для входа его разблокируют отпечатком, лицом или PIN-кодом, поэтому его нельзя подсмотреть или выманить, как код.
passkey-add-step-button = Нажмите «Создать ключ доступа».
passkey-add-step-device = Следуйте подсказкам устройства: выберите, где хранить ключ, и подтвердите отпечатком, лицом или PIN-кодом.
passkey-add-back = Вернуться к способам подтверждения
passkey-create = Создать ключ доступа
passkey-sign-in = Войти с ключом доступа
passkey-confirm = Подтвердить ключом доступа
passkey-needs-javascript = Ключ доступа работает только при включённом JavaScript. Включите его или выберите другой способ.
factors-email-needs-address = Чтобы получать коды по почте, укажите адрес в профиле.
notice-factor-added = Способ подтверждения подключён.
factors-end-sessions-offer = Способы подтверждения входа изменились. Если на другом устройстве мог остаться вход, например на потерянном телефоне, завершите все другие сеансы.
notice-factor-removed = Способ подтверждения отключён.
notice-factor-default = Основной способ изменён.
backup-codes-title = Резервные коды
backup-codes-left = { $count ->
    [one] Остался { $count } неиспользованный код.
    [few] Осталось { $count } неиспользованных кода.
   *[other] Осталось { $count } неиспользованных кодов.
}
backup-codes-new = Создать новые коды
backup-codes-lead = Сохраните эти коды в надёжном месте: распечатайте или запишите. Каждый код подходит для входа один раз, если второй фактор недоступен. Прежние коды больше не действуют.
backup-codes-once = Коды показаны один раз. Мы храним их только в виде, из которого их нельзя прочитать.
backup-codes-gone = Коды показываются только один раз, сразу после создания. Если вы их не сохранили, создайте новые.
backup-codes-done = Я сохранил коды
devices-title = Запомненные устройства
devices-until = до { $date }
devices-forget = Забыть
devices-forget-label = Забыть устройство: { $device }
totp-title = Подключение приложения-аутентификатора
totp-step-install = Установите приложение-аутентификатор, например Яндекс Ключ, Google Authenticator или FreeOTP.
totp-step-scan = Отсканируйте QR-код приложением.
totp-qr-label = QR-код с ключом для приложения-аутентификатора
totp-step-key = Если сканировать не получается, введите ключ вручную:
totp-step-code = Введите шестизначный код, который покажет приложение.
totp-submit = Подтвердить
code-factor-title = Подтверждение кода
code-factor-lead = Мы отправили код. Введите его, чтобы подключить этот способ.
security-factors-on = подключён
security-factors-off = не подключён
## Action history page
history-filter-label = Фильтр истории действий
history-filter-type = Тип операции
history-filter-status = Статус
history-filter-from = С даты
history-filter-to = По дату
history-filter-q = Поиск по словам
history-filter-any = Все
history-filter-date-hint = Выберите дату в календаре или введите её в виде ДД.ММ.ГГГГ, например 04.12.2026.
history-filter-apply = Показать
history-filter-reset = Сбросить фильтр
history-found = { $count ->
    [one] Найдена { $count } запись
    [few] Найдено { $count } записи
   *[many] Найдено { $count } записей
}
history-nothing-found = Записей, подходящих под фильтр, нет.
history-column-type = Тип
pagination-position = Страница { $page } из { $pages }
pagination-first = Первая
pagination-last = Последняя
history-export-label = Скачать найденные записи:
history-export-csv = CSV для Excel
history-export-pdf = PDF
history-export-preparing = Файл готовится. Загрузка начнётся автоматически.
history-detail-back = Вся история действий
history-detail-operation = Номер операции
history-detail-time = Дата и время
history-detail-actor = Кто выполнил
history-detail-by-you = Вы
history-detail-by-official = Сотрудник ведомства
history-detail-application = Заявление
history-detail-comment = Комментарий сотрудника
history-detail-files = Файлы
history-detail-hash = Контрольная сумма
history-detail-hash-hint = Контрольная сумма связывает запись с предыдущей, поэтому изменение или удаление записи обнаруживается при проверке.

## Sign-in through ESIA
sign-in-esia = Войти через Госуслуги
sso-error-state = Вход через Госуслуги не завершён: ответ пришёл не в тот браузер, из которого начат вход. Начните вход заново
sso-error-expired = Время на вход через Госуслуги истекло, или эта ссылка уже использована. Начните вход заново
sso-error-denied = Вы отказались передать данные, поэтому вход через Госуслуги не выполнен. Войдите по паролю или попробуйте снова
sso-error-provider = Госуслуги сейчас недоступны. Попробуйте позже или войдите по паролю
sso-error-token = Ответ Госуслуг не прошёл проверку. Начните вход заново
sso-error-claims = Госуслуги не передали данные, нужные для входа, или передали их в неверном виде. Войдите по паролю
sso-error-internal = Не удалось войти через Госуслуги. Попробуйте позже
sso-consent-title = Вход через Госуслуги
sso-consent-lead = Госуслуги передадут порталу эти данные. Согласны ли вы, чтобы портал их получил и сохранил в вашей учётной записи?
sso-consent-name = Фамилия, имя, отчество
sso-consent-password-lead = На портале уже есть учётная запись с этим СНИЛС или телефоном. Чтобы привязать к ней Госуслуги, введите её пароль
sso-consent-accept = Согласен
sso-consent-decline = Отказаться
sso-section-title = Госуслуги (ЕСИА)
sso-section-linked = Учётная запись Госуслуг привязана: вы можете входить через Госуслуги
sso-section-not-linked = Учётная запись Госуслуг не привязана. Чтобы привязать, выйдите и войдите через Госуслуги
sso-unlink = Отвязать

## Notification settings and archive

notification-sections = Разделы уведомлений
notification-settings-title = Настройки уведомлений
notification-settings-intro = Все уведомления приходят в личный кабинет. Здесь можно выбрать, какие из них присылать ещё и по электронной почте или SMS.
notification-settings-email-to = Письма приходят на адрес { $email }.
notification-settings-email-missing = Адрес электронной почты не указан. Укажите и подтвердите его в профиле, чтобы получать письма.
notification-settings-sms-to = SMS приходят на номер { $phone }.
notification-settings-sms-missing = Номер телефона не подтверждён, поэтому SMS не отправляются.
notification-settings-quiet = Тихие часы
notification-settings-quiet-hint = В тихие часы SMS не приходят, кроме уведомлений о безопасности: отложенные сообщения придут, когда тихие часы закончатся. Время в формате ЧЧ:ММ по часовому поясу { $zone }. Чтобы отключить тихие часы, оставьте оба поля пустыми.
notification-settings-submit = Сохранить настройки
notice-notification-settings-saved = Настройки уведомлений сохранены и уже действуют.
field-quiet-start = Начало
field-quiet-end = Конец
channel-in-app = В личном кабинете
channel-email = Электронная почта
channel-sms = SMS
channel-telegram = Telegram
channel-push = Уведомления в браузере
notification-settings-push-on = { $count ->
    [one] Уведомления приходят в { $count } браузер.
    [few] Уведомления приходят в { $count } браузера.
   *[other] Уведомления приходят в { $count } браузеров.
}
notification-settings-push-off = Уведомления в браузере не включены. Включите их ниже.
notification-settings-push-text = Браузер покажет уведомление, даже когда вкладка портала закрыта. В тихие часы они не приходят, кроме уведомлений о безопасности.
notification-settings-push-subscribe = Включить в этом браузере
notification-settings-push-unsubscribe = Отключить во всех браузерах
notification-settings-push-done = Уведомления в этом браузере включены.
notification-settings-push-denied = Браузер запретил уведомления. Разрешите их в настройках сайта и нажмите кнопку ещё раз.
notification-settings-push-failed = Не удалось включить уведомления в этом браузере. Попробуйте ещё раз позже.
notification-settings-push-needs-script = Чтобы включить уведомления в браузере, нужен JavaScript.
notification-settings-telegram-linked = Сообщения приходят в подключённый чат Telegram.
notification-settings-telegram-missing = Telegram не подключён. Подключите его ниже, чтобы получать сообщения.
notification-settings-telegram-link-text = Нажмите кнопку, откройте бота Kabinet в Telegram и нажмите «Старт». Ссылка действует 30 минут.
notification-settings-telegram-link = Подключить Telegram
notification-settings-telegram-unlink-text = Отключите Telegram, если больше не пользуетесь этим чатом.
notification-settings-telegram-unlink = Отключить Telegram
notify-category-applications = Заявления
notify-category-taxes = Налоги
notify-category-passports = Паспорта и регистрация
notify-category-social = Социальные услуги
notify-category-support = Поддержка
notify-category-security = Безопасность
delivery-queued = В очереди
delivery-sending = Отправляется
delivery-sent = Отправлено
delivery-delivered = Доставлено
delivery-failed = Не доставлено
delivery-unread = Не прочитано
delivery-read = Прочитано
notification-archive-title = История уведомлений
notification-archive-intro = Уведомления за последние 30 дней на всех каналах. Более старые удаляются автоматически.
notification-archive-filter = Отбор уведомлений
notification-archive-channel = Канал
notification-archive-category = Категория
notification-archive-status = Статус
notification-archive-text = Текст
notification-archive-any-channel = Все каналы
notification-archive-any-category = Все категории
notification-archive-empty = Уведомлений с такими условиями нет.
notification-archive-found = { $count ->
    [one] Найдена { $count } запись
    [few] Найдено { $count } записи
   *[other] Найдено { $count } записей
}
