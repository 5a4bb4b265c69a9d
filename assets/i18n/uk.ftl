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
msg-welcome = Ви увійшли. Екрани перемикаються { $first_screen } … { $last_screen } або { $next_screen }.
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
hotline-hint = Введіть номер абонента (з кодом або без) і натисніть { $enter }.
hotline-unknown = Цей номер нікому в обліку не належить.
born = нар.

## Записи
appointments-services = Послуги для запису
appt-mode-book = Записати
appt-mode-day = День
appt-mode-waitlist = Список очікування
appt-mode-find = Пошук
appt-weekdays = Пн Вт Ср Чт Пт Сб Нд
appt-month-1 = Січень
appt-month-2 = Лютий
appt-month-3 = Березень
appt-month-4 = Квітень
appt-month-5 = Травень
appt-month-6 = Червень
appt-month-7 = Липень
appt-month-8 = Серпень
appt-month-9 = Вересень
appt-month-10 = Жовтень
appt-month-11 = Листопад
appt-month-12 = Грудень
appt-legend = • вільно  ✖ зайнято  * свято  – зачинено  · минуле  › задалеко  [ ] сьогодні
appt-free-count = { $count ->
    [one] { $count } вільний
    [few] { $count } вільні
   *[other] { $count } вільних
}
appt-minutes = { $n } хв
appt-next-free = Найближчі вільні часи
appt-no-times = У цей день немає вільних часів.
appt-no-alternatives = У межах запису вже нічого немає вільного.
appt-day-full = День повністю зайнятий. Клавіша w записує громадянина до списку очікування.
appt-day-holiday = Державне свято: { $name }.
appt-day-closed = У цей день запису немає.
appt-day-closed-why = Зачинено: { $reason }.
appt-day-past = Цей день уже минув.
appt-day-beyond = Так далеко наперед ще не записують (щонайбільше за { $days ->
    [one] { $days } день
    [few] { $days } дні
   *[other] { $days } днів
}).
appt-step-citizen = Для кого ({ $new } новий громадянин)
appt-citizen-hint = Введіть ім'я без діакритики, дату народження, родинний номер або телефон. { $enter } вибирає; { $new } створює нового громадянина.
appt-citizen-needed = Виберіть громадянина зі списку або створіть його клавішею { $new }.
appt-new-citizen = Новий громадянин ({ $save } далі)
appt-new-citizen-short = новий громадянин
appt-possible-duplicate = Такий громадянин, можливо, вже є в обліку (те саме ім'я і дата народження або родинний номер): виберіть його зі списку.
appt-confirm-book = Підтвердження запису ({ $enter } записати, { $esc } назад)
appt-confirm-move = Перенесення ({ $enter } підтвердити, { $esc } назад)
appt-confirm-waitlist = Запис до списку очікування ({ $enter } записати, { $esc } назад)
appt-service = Послуга
appt-when = Час
appt-was = Досі
appt-channel = Записано через
appt-note = Примітка
appt-code = Код запису
appt-meeting = Посилання на зустріч
appt-case = Справа
appt-booked = Записано, код запису { $code }.
appt-booked-title = Записано
appt-done-keys = { $enter } наступний запис · { $day } день · { $waitlist } список очікування · { $find } пошук
appt-slot-taken = Час { $at } тим часом зайняв хтось інший; виберіть інший.
appt-slot-taken-none = Час { $at } щойно зайняв хтось інший, і в межах запису вже нічого немає вільного.
appt-moving = Перенесення { $code }: { $name }, досі { $was }
appt-rescheduled = Запис { $code } перенесено на { $when }.
appt-waitlist-only-full = До списку очікування записують лише на повністю зайнятий день.
appt-waitlisted = { $name }: у списку очікування на { $day }.
appt-waitlist-empty = У списку очікування нікого немає.
appt-any-day = будь-який день
appt-waiting = чекає
appt-offered-short = пропозиція
appt-offer-line = Запропоновано звільнений час { $when }, { $resource }. { $enter } його записує.
appt-waiting-line = Чекає на звільнений час. { $enter } відкриває календар послуги.
appt-offered = Звільнений час { $when } запропоновано: { $name }, тел. { $phone }.
appt-all-resources = усі робочі місця
appt-bookings-count = { $count ->
    [one] { $count } запис
    [few] { $count } записи
   *[other] { $count } записів
}
appt-day-empty = На цей день немає записів.
appt-col-time = Час
appt-col-resource = Де
appt-col-code = Код
appt-att-due = записано
appt-att-late = запізнення
appt-att-checked-in = на місці
appt-att-served = обслуговано
appt-att-no-show = не прийшов
appt-att-cancelled = скасовано
appt-find-label = Код, телефон або ім'я
appt-find-hint = Введіть код запису, телефон або щонайменше дві літери імені громадянина.
appt-find-none = Нічого не знайдено.
appt-cancel-title = Скасувати запис { $code } ({ $enter })
appt-checked-in = { $name } ({ $code }): прихід зафіксовано.
appt-served = { $name } ({ $code }): обслуговано.
appt-no-show-done = { $name } ({ $code }): зафіксовано неявку.
appt-cancelled = Запис { $code } ({ $name }) скасовано.
appt-event-book = записано
appt-event-checkin = прихід
appt-event-serve = обслуговано
appt-event-noshow = неявка
appt-event-cancel = скасовано
appt-event-reschedule = перенесено
appt-event-filing = звернення прийнято
key-appt-book = Новий запис
key-appt-book-short = Записати
key-appt-day = День робочого місця
key-appt-day-short = День
key-appt-waitlist = Список очікування
key-appt-waitlist-short = Очікування
key-appt-find = Знайти запис
key-appt-find-short = Пошук
key-appt-times = Вільні часи вибраного дня
key-appt-times-short = Часи
key-appt-waitlist-add = До списку очікування
key-appt-waitlist-add-short = До списку
key-appt-day-prev = Попередній день
key-appt-day-next = Наступний день
key-appt-week-prev = На тиждень назад
key-appt-week-next = На тиждень уперед
key-appt-month-prev = Попередній місяць
key-appt-month-next = Наступний місяць
key-appt-month-next-short = Місяць
key-appt-first-free = Найближчий вільний день
key-appt-take-time = Записати на цей час
key-appt-take-time-short = Вибрати
key-appt-calendar = Назад до календаря
key-appt-confirm = Підтвердити
key-appt-confirm-short = Підтвердити
key-appt-next-booking = Наступний запис
key-appt-next-booking-short = Далі
key-appt-checkin = Громадянин прийшов
key-appt-checkin-short = Прихід
key-appt-serve = Обслуговано
key-appt-serve-short = Обслуговано
key-appt-noshow = Неявка (громадянин не прийшов)
key-appt-noshow-short = Неявка
key-appt-cancel = Скасувати (з причиною)
key-appt-cancel-short = Скасувати
key-appt-reschedule = Перенести на інший час
key-appt-reschedule-short = Перенести
key-appt-resource = Наступне місце, потім усі
key-appt-resource-short = Місце
key-appt-resource-back = Попереднє місце
key-appt-detail = Запис з історією
key-appt-waitlist-book = Записати пропозицію / час
key-appt-waitlist-book-short = Записати
err-booking-code = Код запису має шість літер і цифр.
err-booking-day = Прихід фіксують лише в день запису.
err-booking-early = Запис ще не почався; неявку фіксують після його початку.
err-booking-state = Стан запису цього не дозволяє.
err-not-a-slot = На цей час послуга не записується.
err-plan = План запису містить помилки.
err-slot-window = Цей час поза межами запису.
err-unknown-resource = Такого робочого місця немає.
err-unknown-service = На цю послугу записатися не можна.

## Помилки
err-generic = Помилка
err-internal = Внутрішня помилка; подробиці в журналі.
err-login = Неправильне ім'я або пароль.
err-login-disabled = Обліковий запис заблоковано; зверніться до адміністратора.
err-login-wait = Забагато невдалих входів. Зачекайте { $seconds } с і спробуйте знову.
err-login-locked = Забагато невдалих входів: ім'я заблоковано, доки адміністратор його не розблокує.
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
intake-step-citizen = 1 · Громадянин ({ $new } новий)
intake-step-situation = 2 · Життєва ситуація
intake-step-details = 3 · Дані звернення ({ $save } подати)
intake-new-citizen = Новий громадянин ({ $save } створити)
intake-citizen-hint = Введіть ім'я без діакритики, дату народження, персональний номер, телефон або адресу. { $enter } вибирає; { $new } створює нового громадянина; { $enter } без пошуку подає без громадянина.
intake-no-citizen = без громадянина
intake-channel = Канал
intake-note = Примітка
intake-attachment = Додаток (шлях до файлу)
intake-fix-fields = Виправте позначені поля.
intake-filed = Звернення прийнято
intake-reference = Реєстраційний номер
intake-done-keys = { $enter } наступне звернення · { $print } надрукувати підтвердження · { $esc } до списку справ
intake-citizen-created = Громадянина створено.
intake-duplicate-confirm = Натисніть { $save } ще раз, щоб усе ж створити нового.
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
case-actions = Дії ({ $enter } вибрати)
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
err-attachment-name = Назва додатка має містити від 1 до 255 символів без керівних символів.
err-attachment-sha256 = Контрольна сума додатка має 64 шістнадцяткові цифри.
err-attachment-size = Розмір додатка завеликий, щоб бути справжнім.
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
