# clerkdesk — українська

## Екрани
screen-login = Вхід
screen-cases = Справи
screen-appointments = Записи
screen-hotline = Лінія
screen-directory = Довідник
screen-dashboard = Огляд

## Ролі
role-counter_clerk = віконце
role-hotline_operator = гаряча лінія
role-department_official = посадовець
role-supervisor = керівник
role-administrator = адміністратор

## Стани справи
status-received = прийнято
status-assigned = призначено
status-in_progress = у роботі
status-suspended = призупинено
status-resolved = вирішено
status-closed = закрито
status-withdrawn = відкликано
status-forwarded = передано

## Канали
channel-counter = віконце
channel-phone = телефон
channel-post = пошта
channel-email = е-пошта
channel-data_box = датова скринька
channel-portal = портал громадянина

## Клавіші (довідка і нижній рядок)
key-help = Довідка
key-help-short = Довідка
key-quit = Вийти з робочого місця
key-quit-short = Вихід
key-language = Мова: čeština, English, українська
key-language-short = Мова
key-logout = Вийти з облікового запису
key-logout-short = Вийти
key-next-screen = Наступний екран
key-next-screen-short = Екран
key-login = Увійти
key-login-short = Увійти
key-next-field = Наступне поле
key-next-field-short = Поле
key-prev-field = Попереднє поле
key-clear = Очистити форму
key-open = Відкрити вибране
key-open-short = Відкрити
key-back = Назад, закрити, очистити пошук
key-back-short = Назад
key-lookup = Знайти абонента
key-lookup-short = Знайти
key-section = Наступний розділ
key-section-short = Розділ
key-section-back = Попередній розділ
key-up = Вгору
key-down = Вниз
key-page-up = Сторінка вгору
key-page-down = Сторінка вниз
key-home = На початок
key-end = В кінець
key-backspace = Видалити символ перед курсором
key-delete = Видалити символ після курсора
key-left = Курсор ліворуч
key-right = Курсор праворуч
help-title = Довідка: клавіші цього екрана

## Вхід
login-title = Вхід
login-username = Користувач
login-password = Пароль
login-demo = Демонстраційні дані. Облікові записи (пароль { $password }):
login-no-accounts =
    Облікових записів ще немає. Адміністратор створює їх командою
    clerkdesk user add ІМ'Я --name "Повне ім'я" --role counter_clerk
msg-welcome = Ви увійшли. Екрани перемикаються Alt+1 … Alt+5 або F6.
msg-logged-out = Ви вийшли.
msg-refreshed = завантажено зміни колег

## Кількості
cases-count = { $count ->
    [one] { $count } справа
    [few] { $count } справи
   *[other] { $count } справ
}
citizens-count = { $count ->
    [one] { $count } громадянин
    [few] { $count } громадяни
   *[other] { $count } громадян
}
records-count = { $count ->
    [one] { $count } запис
    [few] { $count } записи
   *[other] { $count } записів
}

## Строки
deadline-none = без строку
deadline-on-the-spot = одразу
deadline-days = { $days ->
    [one] { $days } день
    [few] { $days } дні
   *[other] { $days } днів
}
deadline-left = { $days ->
    [0] строк сьогодні
    [one] залишився { $days } роб. день
    [few] залишилося { $days } роб. дні
   *[other] залишилося { $days } роб. днів
}
deadline-overdue = прострочено на { $days } роб. дн.

## Справи
cases-newest = Найновіші справи
cases-empty = Справ ще немає.
case-status = Стан
case-deadline = Строк
case-situation = Життєва ситуація
case-department = Відділ
case-citizen = Громадянин
case-channel = Канал
case-filed = Прийнято

## Огляд
dash-open = Відкриті
dash-overdue = Прострочені
dash-due-soon = Строк протягом { $days } роб. днів
dash-by-status = За станом
dash-citizens = В обліку
dash-next-holiday = Найближче свято

## Довідник
dir-search = Пошук
dir-situations = Життєві ситуації
dir-officials = Посадовці
dir-departments = Відділи
dir-nothing = Нічого не знайдено.
dir-department = Відділ
dir-fee = Збір
dir-deadline = Строк
dir-service = Запис
dir-code = Код
dir-documents = Що взяти з собою
dir-room = Кабінет
dir-phone = Телефон
dir-email = Е-пошта

## Лінія
hotline-phone = Телефон абонента
hotline-hint = Введіть номер абонента (з кодом або без) і натисніть Enter.
hotline-unknown = Цей номер нікому в обліку не належить.
born = нар.

## Записи
appointments-services = Послуги для запису

## Помилки
err-generic = Помилка
err-internal = Внутрішня помилка; подробиці в журналі.
err-login = Неправильне ім'я або пароль.
err-login-disabled = Обліковий запис заблоковано; зверніться до адміністратора.
err-forbidden = У вас немає права на цю дію.
err-required = Поле обов'язкове.
err-username = Ім'я користувача: малі латинські літери, цифри, крапка, підкреслення або дефіс (від 2 до 32 символів).
err-password-short = Пароль має містити щонайменше 8 символів.
err-unknown-department = Такого відділу немає.
err-unknown-situation = Такої життєвої ситуації немає.
err-unknown-citizen = Такого громадянина немає в обліку.
err-catalogue = Каталог містить помилки.
err-phone-empty = Введіть номер телефону.
err-phone-char = Номер телефону містить недозволений символ.
err-phone-length = Номер телефону має неправильну кількість цифр (чеський — 9, закордонний починається з +).
err-bn-empty = Введіть персональний номер.
err-bn-format = Персональний номер має вигляд РРММДД/XXXX (скісна риска необов'язкова).
err-bn-month = Персональний номер має недійсний місяць.
err-bn-date = Персональний номер не містить справжньої дати.
err-bn-checksum = Контрольна цифра персонального номера неправильна.
err-bn-nine-digits = Дев'ятизначні персональні номери видавали лише до 1953 року.
err-bn-plus-twenty = Місяць + 20 використовується лише з 2004 року.
err-refpattern-brace = Шаблон реєстраційного номера має незакриту дужку.
err-refpattern-unknown = Шаблон реєстраційного номера має невідому позначку.
err-refpattern-width = Шаблон реєстраційного номера має неправильну ширину порядкового номера.
err-refpattern-missing = У шаблоні реєстраційного номера бракує обов'язкової позначки.
err-refpattern-duplicate = Шаблон реєстраційного номера містить позначку двічі.

## Нове звернення
screen-intake = Звернення
intake-step-citizen = 1 · Громадянин (F2 новий)
intake-step-situation = 2 · Життєва ситуація
intake-step-details = 3 · Дані звернення (Ctrl+S подати)
intake-new-citizen = Новий громадянин (Ctrl+S створити)
intake-citizen-hint = Введіть ім'я без діакритики, дату народження, персональний номер, телефон або адресу. Enter вибирає; F2 створює нового громадянина; Enter без пошуку подає без громадянина.
intake-no-citizen = без громадянина
intake-channel = Канал
intake-note = Примітка
intake-attachment = Додаток (шлях до файлу)
intake-fix-fields = Виправте позначені поля.
intake-filed = Звернення прийнято
intake-reference = Реєстраційний номер
intake-done-keys = Enter наступне звернення · p надрукувати підтвердження · Esc до списку справ
intake-citizen-created = Громадянина створено.
intake-duplicate-confirm = Натисніть Ctrl+S ще раз, щоб усе ж створити нового.
intake-no-printer = Принтер не налаштовано (config: [printer] command).
intake-printed = Підтвердження надіслано на принтер.
citizen-given_name = Ім'я
citizen-family_name = Прізвище
citizen-birth_date = Дата народження
citizen-birth_number = Персональний номер
citizen-phone = Телефон
citizen-email = Е-пошта
citizen-street = Вулиця і номер
citizen-city = Населений пункт
citizen-postcode = Поштовий індекс
err-date = Пишіть дату як 20. 11. 2026.
key-new = Нове звернення / новий запис
key-new-short = Новий
key-save = Зберегти, подати
key-save-short = Зберегти
key-print = Надрукувати підтвердження
key-print-short = Друк

## Справа і дії
case-official = Посадовець
case-reason = Причина
case-outcome = Результат
case-authority = Кому передати
case-note = Примітка
case-link-to = Пов'язана справа (реєстр. номер)
case-complex = особливо складна
case-fees = нараховано { $claimed }, сплачено { $paid }, залишок { $owed }
case-form = Дані
case-attachments = Додатки
case-history = Історія
case-actions = Дії (Enter вибрати)
case-action-done = Виконано.
act-assign = Призначити / передати
act-start = Почати розгляд
act-suspend = Призупинити (строк стоїть)
act-resume = Продовжити (строк іде)
act-resolve = Вирішити з результатом
act-close = Закрити
act-withdraw = Відкликання
act-forward = Передати іншому органу
act-mark_complex = Особливо складна справа (+30 днів)
act-note = Додати примітку
act-link = Пов'язати зі справою
event-filed = подано
event-note = примітка
event-link = пов'язано
event-mark_complex = особливо складна (+30 днів)
event-reassign = передано
event-assign = призначено
event-status = зміна стану
key-menu = Дії зі справою
key-menu-short = Дії
key-mark = Позначити для групової передачі
err-already-complex = Справу вже позначено як особливо складну.
err-amount = Сума має бути цілим додатним числом у кронах.
err-assign-target = Вкажіть відділ або посадовця.
err-attachment-name = Назва додатка має містити від 1 до 255 символів.
err-attachment-sha256 = Контрольна сума додатка має 64 шістнадцяткові цифри.
err-authority-required = Вкажіть орган, якому передається справа.
err-bn-date-mismatch = Персональний номер не відповідає даті народження.
err-email = Адреса е-пошти має містити @.
err-field-choice = Виберіть один із варіантів.
err-field-control = Поле містить керівні символи.
err-field-date = Пишіть дату як 20. 11. 2026.
err-field-number = Введіть число.
err-field-too-long = Текст задовгий (щонайбільше 2 000 символів).
err-form = Форма містить помилки.
err-link-self = Справу не можна пов'язати саму з собою.
err-not-official = Справу можна призначити лише посадовцю або керівнику.
err-nothing-owed = За справою нічого не потрібно сплачувати.
err-official-department = Посадовець не належить до цього відділу.
err-overpaid = Сума більша за заборгованість.
err-reason-required = Ця дія потребує причини.
err-transition = Стан справи не дозволяє цю дію.
err-unknown-field = Невідоме поле форми.
err-unknown-user = Такого користувача немає.

## Список справ і нагадування
screen-watchdog = Строки
watchdog-clear = Жодна справа не наближається до строку і не прострочена.
scope-mine = мої
scope-department = відділ
scope-all = усі
scope-default = за роллю
status-any = усі
filter-scope = Обсяг
filter-due-soon = строк наближається
filter-sort = Сортування
sort-newest = найновіші
sort-deadline = за строком
cases-marked = позначено { $count }
cases-bulk = Передати { cases-count }
cases-bulk-done = Передано: { cases-count }.
key-search = Шукати у справах
key-search-short = Пошук
key-filter-scope = Обсяг: мої / відділ / усі
key-filter-status = Фільтр стану (по колу)
key-filter-overdue = Лише прострочені
key-filter-due = Лише з близьким строком
key-filter-sort = Сортування: найновіші / за строком
watchdog-total = увесь відділ
watchdog-unassigned = не призначено
act-pay = Прийняти оплату збору
act-receipt = Надрукувати підтвердження
pay-amount = Сума (крон)
pay-method = Спосіб оплати
pay-receipt = Номер квитанції
pay-cash = готівкою
pay-card = карткою
pay-transfer = переказом
pay-done = Оплату прийнято; залишилося сплатити { $owed }.
intake-fee-owed = до сплати в касі
key-pick = Вибрати, наступний крок
key-pick-short = Вибрати
