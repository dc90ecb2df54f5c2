# Messages of the domain: texts sent by SMS, errors of whole requests, statuses,
# notifications and journal entries.

## SMS

sms-registration-code = Kabinet: код подтверждения { $code }. Никому его не сообщайте.
sms-phone-already-registered = Kabinet: этот номер уже зарегистрирован. Войдите или восстановите пароль. Если регистрацию начали не вы, ничего делать не нужно.

## Errors of forms and requests

error-password-mismatch = Пароли не совпадают. Введите тот же пароль ещё раз
error-choice = Выберите один из предложенных вариантов
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
error-email-taken = Этот адрес указан в другой учётной записи. Укажите другой адрес
error-sign-in-failed = Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock
error-form-expired = Форма устарела. Обновите страницу и отправьте заявление ещё раз
error-file-empty = Файл «{ $file }» пустой. Выберите другой файл
error-file-too-large = Файл «{ $file }» больше { $max } МБ. Уменьшите его или выберите другой
error-file-type = Файл «{ $file }» не PDF, JPEG или PNG. Сохраните документ в одном из этих форматов
error-document-required = Приложите этот документ
error-document-too-many = Можно приложить не больше { $max ->
    [one] { $max } файла
   *[other] { $max } файлов
}
error-comment-required = Напишите заявителю, почему изменён статус
error-status-not-allowed = Из текущего статуса этот статус установить нельзя
error-application-already-taken = Заявление уже взял в работу другой сотрудник
error-application-not-yours = Решение по заявлению принимает сотрудник, который взял его в работу
error-application-changed = Пока вы работали, заявление изменили. Обновите страницу и проверьте его статус

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
notification-comment = Комментарий сотрудника: { $comment }

## Action journal

history-registration = Регистрация учётной записи
history-sign-in = Вход в личный кабинет
history-sign-out = Выход из личного кабинета
history-profile-change = Изменение личных данных
history-application-submitted = Отправка заявления № { $number }
history-application-status-changed = Заявление № { $number }: новый статус «{ $status }»
history-status-succeeded = Успешно
history-status-failed = Ошибка
history-status-in-progress = Выполняется
