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
nav-profile = Профиль
nav-queue = Очередь заявлений
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

## Form fields

field-optional = (необязательно)
field-login = Телефон, почта или СНИЛС
field-login-hint = Например, +7 912 345-67-89, ivan@example.ru или 112-233-445 95
field-password = Пароль
field-password-hint = Не меньше 8 символов: заглавные и строчные буквы, цифра и знак, например ! или -
field-password-repeat = Пароль ещё раз
field-phone = Мобильный телефон
field-phone-hint = Например, +7 912 345-67-89. На него придёт код подтверждения
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
cabinet-recent = Последние заявления

profile-title = Профиль
profile-submit = Сохранить

## Catalogue and applications

services-title = Каталог услуг
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
apply-submit = Отправить заявление

applications-title = Мои заявления
applications-new = Подать новое заявление
applications-empty = Заявлений пока нет.
applications-table = Список заявлений

application-title = Заявление № { $number }
application-submitted = Заявление отправлено
application-submitted-number = Номер заявления { $number }. Его можно назвать по телефону в ведомстве или МФЦ.
application-history = История статусов
application-answers = Сведения из заявления
application-documents = Документы
history-actor-applicant = Заявитель

column-number = Номер
column-service = Услуга
column-applicant = Заявитель
column-status = Статус
column-assignee = Ответственный
column-submitted = Подано
column-updated = Изменено
column-time = Время
column-actor = Кто изменил
column-comment = Комментарий
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
queue-filter-apply = Показать
review-title = Рассмотрение заявления
review-actions = Действия
review-take = Взять в работу
review-new-status = Новый статус
review-comment = Комментарий для заявителя
review-comment-hint = Обязателен, если нужны действия заявителя или в услуге отказано
review-submit = Сохранить решение
review-no-actions = Заявление рассматривает другой сотрудник или решение уже принято.

## Development outbox

outbox-title = Исходящие сообщения
outbox-lead = SMS и письма, которые портал отправил бы в рабочем режиме. Страница есть только в демонстрационном режиме.
outbox-empty = Сообщений пока нет.
