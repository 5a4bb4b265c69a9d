# clerkdesk — English

## Screens
screen-login = Login
screen-cases = Cases
screen-appointments = Appointments
screen-hotline = Hotline
screen-directory = Directory
screen-dashboard = Dashboard

## Roles
role-counter_clerk = counter clerk
role-hotline_operator = hotline
role-department_official = official
role-supervisor = supervisor
role-administrator = administrator

## Case states
status-received = received
status-assigned = assigned
status-in_progress = in progress
status-suspended = suspended
status-resolved = resolved
status-closed = closed
status-withdrawn = withdrawn
status-forwarded = forwarded

## Channels
channel-counter = counter
channel-phone = phone
channel-post = post
channel-email = e-mail
channel-data_box = data box
channel-portal = citizen portal

## Keys (help and footer)
key-help = Help
key-help-short = Help
key-quit = Quit the workstation
key-quit-short = Quit
key-language = Language: čeština, English, українська
key-language-short = Lang
key-logout = Log out
key-logout-short = Logout
key-next-screen = Next screen
key-next-screen-short = Screen
key-login = Log in
key-login-short = Log in
key-next-field = Next field
key-next-field-short = Field
key-prev-field = Previous field
key-clear = Clear the form
key-open = Open the selected item
key-open-short = Open
key-back = Back, close, clear the search
key-back-short = Back
key-lookup = Look up the caller
key-lookup-short = Look up
key-section = Next section
key-section-short = Section
key-section-back = Previous section
key-up = Up
key-down = Down
key-page-up = Page up
key-page-down = Page down
key-home = To the top
key-end = To the bottom
key-backspace = Delete the character before the cursor
key-delete = Delete the character after the cursor
key-left = Cursor left
key-right = Cursor right
help-title = Help: the keys of this screen

## Login
login-title = Log in
login-username = User
login-password = Password
login-demo = Demo data. Accounts (password { $password }):
login-no-accounts =
    There is no account yet. An administrator creates one with
    clerkdesk user add NAME --name "Full Name" --role counter_clerk
msg-welcome = Logged in. Switch screens with { $first_screen } to { $last_screen } or { $next_screen }.
msg-logged-out = Logged out.
msg-refreshed = colleagues' changes loaded

## Counts
cases-count = { $count ->
    [one] { $count } case
   *[other] { $count } cases
}
citizens-count = { $count ->
    [one] { $count } citizen
   *[other] { $count } citizens
}
records-count = { $count ->
    [one] { $count } record
   *[other] { $count } records
}

## Deadlines
deadline-none = no deadline
deadline-on-the-spot = on the spot
deadline-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
deadline-left = { $days ->
    [0] due today
    [one] { $days } working day left
   *[other] { $days } working days left
}
deadline-overdue = overdue { $days } w. d.

## Cases
cases-newest = Newest cases
cases-empty = No cases yet.
case-status = Status
case-deadline = Deadline
case-situation = Life situation
case-department = Department
case-citizen = Citizen
case-channel = Filed via
case-filed = Received

## Dashboard
dash-open = Open
dash-overdue = Overdue
dash-due-soon = Due within { $days } working days
dash-by-status = By status
dash-citizens = On file
dash-next-holiday = Next public holiday

## Directory
dir-search = Search
dir-situations = Life situations
dir-officials = Officials
dir-departments = Departments
dir-nothing = Nothing matches the search.
dir-department = Department
dir-fee = Fee
dir-deadline = Deadline
dir-service = Appointment
dir-code = Code
dir-documents = What to bring
dir-room = Room
dir-phone = Phone
dir-email = E-mail

## Hotline
hotline-phone = Caller's phone
hotline-hint = Type the caller's number (with or without the prefix) and press { $enter }.
hotline-unknown = Nobody on file has this number.
born = born

## Appointments
appointments-services = Services to book
appt-mode-book = Book
appt-mode-day = Day
appt-mode-waitlist = Waiting list
appt-mode-find = Find
appt-weekdays = Mo Tu We Th Fr Sa Su
appt-month-1 = January
appt-month-2 = February
appt-month-3 = March
appt-month-4 = April
appt-month-5 = May
appt-month-6 = June
appt-month-7 = July
appt-month-8 = August
appt-month-9 = September
appt-month-10 = October
appt-month-11 = November
appt-month-12 = December
appt-legend = • free  ✖ full  * holiday  – closed  · past  › too far ahead  [ ] today
appt-free-count = { $count } free
appt-minutes = { $n } min
appt-next-free = Next free times
appt-no-times = No free times on this day.
appt-no-alternatives = Nothing is free within the booking window any more.
appt-day-full = The day is fully booked. Press w to put the citizen on the waiting list.
appt-day-holiday = Public holiday: { $name }.
appt-day-closed = No bookings on this day.
appt-day-closed-why = Closed: { $reason }.
appt-day-past = This day is over.
appt-day-beyond = Too far ahead to book yet (at most { $days ->
    [one] { $days } day
   *[other] { $days } days
} ahead).
appt-step-citizen = For whom ({ $new } new citizen)
appt-citizen-hint = Type the name without diacritics, a birth date, birth number or phone. { $enter } picks; { $new } creates a new citizen.
appt-citizen-needed = Pick a citizen from the list, or create one with { $new }.
appt-new-citizen = New citizen ({ $save } to go on)
appt-new-citizen-short = new citizen
appt-possible-duplicate = This citizen may be on file already (the same name and birth date, or birth number): pick them from the list.
appt-confirm-book = Confirm the booking ({ $enter } book, { $esc } back)
appt-confirm-move = Reschedule ({ $enter } confirm, { $esc } back)
appt-confirm-waitlist = Waiting list entry ({ $enter } add, { $esc } back)
appt-service = Service
appt-when = Time
appt-was = Was
appt-channel = Booked by
appt-note = Note
appt-code = Booking code
appt-meeting = Meeting link
appt-case = Case
appt-booked = Booked, booking code { $code }.
appt-booked-title = Booked
appt-done-keys = { $enter } next booking · { $day } day · { $waitlist } waiting list · { $find } find
appt-slot-taken = { $at } was taken by someone else meanwhile; pick another time.
appt-slot-taken-none = { $at } was just taken by someone else, and nothing is free within the booking window.
appt-moving = Rescheduling { $code }: { $name }, now { $was }
appt-rescheduled = Booking { $code } moved to { $when }.
appt-waitlist-only-full = The waiting list is for fully booked days only.
appt-waitlisted = { $name }: on the waiting list for { $day }.
appt-waitlist-empty = Nobody is on the waiting list.
appt-any-day = any day
appt-waiting = waiting
appt-offered-short = offer
appt-offer-line = Offered a freed time: { $when }, { $resource }. { $enter } books it.
appt-waiting-line = Waiting for a freed time. { $enter } opens the service's calendar.
appt-offered = The freed time { $when } was offered to { $name }, phone { $phone }.
appt-all-resources = all counters and officials
appt-bookings-count = { $count ->
    [one] { $count } booking
   *[other] { $count } bookings
}
appt-day-empty = No bookings on this day.
appt-col-time = Time
appt-col-resource = At
appt-col-code = Code
appt-att-due = due
appt-att-late = late
appt-att-checked-in = checked in
appt-att-served = served
appt-att-no-show = no-show
appt-att-cancelled = cancelled
appt-find-label = Code, phone or name
appt-find-hint = Type a booking code, a phone number, or at least two letters of the citizen's name.
appt-find-none = Nothing found.
appt-cancel-title = Cancel booking { $code } ({ $enter })
appt-checked-in = { $name } ({ $code }): checked in.
appt-served = { $name } ({ $code }): served.
appt-no-show-done = { $name } ({ $code }): recorded as a no-show.
appt-cancelled = Booking { $code } ({ $name }) cancelled.
appt-event-book = booked
appt-event-checkin = checked in
appt-event-serve = served
appt-event-noshow = no-show
appt-event-cancel = cancelled
appt-event-reschedule = rescheduled
appt-event-filing = filing received
key-appt-book = New booking
key-appt-book-short = Book
key-appt-day = A counter's day
key-appt-day-short = Day
key-appt-waitlist = Waiting list
key-appt-waitlist-short = Waiting
key-appt-find = Find a booking
key-appt-find-short = Find
key-appt-times = Free times of the selected day
key-appt-times-short = Times
key-appt-waitlist-add = Put on the waiting list
key-appt-waitlist-add-short = Wait list
key-appt-day-prev = Previous day
key-appt-day-next = Next day
key-appt-week-prev = A week back
key-appt-week-next = A week on
key-appt-month-prev = Previous month
key-appt-month-next = Next month
key-appt-month-next-short = Month
key-appt-first-free = The next free day
key-appt-take-time = Book this time
key-appt-take-time-short = Pick
key-appt-calendar = Back to the calendar
key-appt-confirm = Confirm
key-appt-confirm-short = Confirm
key-appt-next-booking = Next booking
key-appt-next-booking-short = Next
key-appt-checkin = Check in (has come)
key-appt-checkin-short = Check in
key-appt-serve = Served
key-appt-serve-short = Served
key-appt-noshow = No-show (did not come)
key-appt-noshow-short = No-show
key-appt-cancel = Cancel (asks a reason)
key-appt-cancel-short = Cancel
key-appt-reschedule = Move to another time
key-appt-reschedule-short = Move
key-appt-resource = Next counter, then all
key-appt-resource-short = Counter
key-appt-resource-back = Previous counter
key-appt-detail = Detail with history
key-appt-waitlist-book = Book the offer / pick a time
key-appt-waitlist-book-short = Book
err-booking-code = A booking code has six letters and digits.
err-booking-day = A check-in is recorded on the booking's day only.
err-booking-early = The booking has not started yet; a no-show is recorded after its start.
err-booking-state = The booking's state does not allow that.
err-not-a-slot = The service is not booked at that time.
err-plan = The appointment plan has errors.
err-slot-window = That time is outside the booking window.
err-unknown-resource = No such counter or official.
err-unknown-service = This service cannot be booked.

## Errors
err-generic = Error
err-internal = Internal error; the log has the details.
err-login = Wrong user name or password.
err-login-disabled = The account is disabled; ask an administrator.
err-login-wait = Too many failed logins. Wait { $seconds } s and try again.
err-login-locked = Too many failed logins: the name is locked until an administrator unlocks it.
err-forbidden = You are not allowed to do this.
err-required = The field is required.
err-username = User name: lowercase letters without accents, digits, dot, underscore or hyphen (2 to 32 characters).
err-password-short = The password must have at least 8 characters.
err-unknown-department = No such department.
err-unknown-situation = No such life situation.
err-unknown-citizen = No such citizen on file.
err-catalogue = The catalogue has errors.
err-phone-empty = Type a phone number.
err-phone-char = The phone number contains a character that is not allowed.
err-phone-length = The phone number has the wrong number of digits (a Czech one has 9, a foreign one starts with +).
err-bn-empty = Type a birth number.
err-bn-format = A birth number is YYMMDD/XXXX (the slash is optional).
err-bn-month = The birth number has an invalid month.
err-bn-date = The birth number does not hold a real date.
err-bn-checksum = The birth number's check digit is wrong.
err-bn-nine-digits = Nine-digit birth numbers were issued only until 1953.
err-bn-plus-twenty = The month + 20 is used only from 2004.
err-refpattern-brace = The reference-number pattern has an unclosed brace.
err-refpattern-unknown = The reference-number pattern has an unknown placeholder.
err-refpattern-width = The reference-number pattern has a wrong sequence width.
err-refpattern-missing = The reference-number pattern lacks a required placeholder.
err-refpattern-duplicate = The reference-number pattern has a placeholder twice.

## New filing
screen-intake = Filing
intake-step-citizen = 1 · Citizen ({ $new } new)
intake-step-situation = 2 · Life situation
intake-step-details = 3 · Filing details ({ $save } file)
intake-new-citizen = New citizen ({ $save } create)
intake-citizen-hint = Type a name without accents, a birth date, birth number, phone or address. { $enter } picks; { $new } creates a new citizen; { $enter } with no search files without a citizen.
intake-no-citizen = no citizen
intake-channel = Filed via
intake-note = Note
intake-attachment = Attachment (file path)
intake-fix-fields = Correct the marked fields.
intake-filed = Filing received
intake-reference = Reference number
intake-done-keys = { $enter } next filing · { $print } print the receipt · { $esc } to the case list
intake-citizen-created = Citizen created.
intake-duplicate-confirm = Press { $save } again to create a new one anyway.
intake-no-printer = No printer is set (config: [printer] command).
intake-printed = Receipt sent to the printer.
citizen-given_name = Given name
citizen-family_name = Family name
citizen-birth_date = Birth date
citizen-birth_number = Birth number
citizen-phone = Phone
citizen-email = E-mail
citizen-street = Street and number
citizen-city = Town
citizen-postcode = Postcode
err-date = Write the date as 20. 11. 2026.
key-new = New filing / new record
key-new-short = New
key-save = Save, file
key-save-short = Save
key-print = Print the receipt
key-print-short = Print

## Case and actions
case-official = Official
case-reason = Reason
case-outcome = Outcome
case-authority = Forward to
case-note = Note
case-link-to = Related case (ref. no.)
case-complex = especially complex
case-fees = charged { $claimed }, paid { $paid }, owed { $owed }
case-form = Details
case-attachments = Attachments
case-history = History
case-actions = Actions ({ $enter } to pick)
case-action-done = Done.
act-assign = Assign / hand over
act-start = Start working
act-suspend = Suspend (the deadline stops)
act-resume = Resume (the deadline runs)
act-resolve = Resolve with an outcome
act-close = Close
act-withdraw = Withdrawal
act-forward = Forward to another authority
act-mark_complex = Especially complex (+30 days)
act-note = Add a note
act-link = Link to a case
event-filed = filed
event-note = note
event-link = linked
event-mark_complex = especially complex (+30 days)
event-reassign = handed over
event-assign = assigned
event-status = status change
key-menu = Actions on the case
key-menu-short = Actions
key-mark = Mark for a bulk hand-over
err-already-complex = The case is already marked especially complex.
err-amount = The amount must be a positive whole number of crowns.
err-assign-target = Give a department or an official.
err-attachment-name = An attachment's name has 1 to 255 characters, none of them a control character.
err-attachment-sha256 = An attachment's checksum has 64 hexadecimal digits.
err-attachment-size = An attachment's size is too large to be real.
err-authority-required = Name the authority the case goes to.
err-bn-date-mismatch = The birth number does not match the birth date.
err-email = An e-mail address contains @.
err-field-choice = Pick one of the options.
err-field-control = The field contains control characters.
err-field-date = Write the date as 20. 11. 2026.
err-field-number = Type a number.
err-field-too-long = The text is too long (2,000 characters at most).
err-form = The form has errors.
err-link-self = A case cannot be linked to itself.
err-not-official = A case goes only to an official or a supervisor.
err-nothing-owed = Nothing is owed on this case.
err-official-department = The official is not in that department.
err-overpaid = The amount is more than is owed.
err-reason-required = This action needs a reason.
err-transition = The case's state does not allow this action.
err-unknown-field = Unknown form field.
err-unknown-user = No such user.

## Case list and watchdog
screen-watchdog = Deadlines
watchdog-clear = No case is near or past its deadline.
scope-mine = mine
scope-department = department
scope-all = all
scope-default = by role
status-any = any
filter-scope = Scope
filter-due-soon = deadline near
filter-sort = Sort
sort-newest = newest
sort-deadline = by deadline
cases-marked = { $count } marked
cases-bulk = Hand over { cases-count }
cases-bulk-done = Handed over: { cases-count }.
key-search = Search the cases
key-search-short = Search
key-filter-scope = Scope: mine / department / all
key-filter-status = Status filter (cycles)
key-filter-overdue = Only overdue
key-filter-due = Only with a deadline near
key-filter-sort = Sort: newest / by deadline
watchdog-total = whole department
watchdog-unassigned = unassigned
act-pay = Take a fee payment
act-receipt = Print the receipt
pay-amount = Amount (CZK)
pay-method = Paid by
pay-receipt = Receipt number
pay-cash = cash
pay-card = card
pay-transfer = transfer
pay-done = Payment taken; { $owed } still owed.
intake-fee-owed = to pay at the cash desk
key-pick = Pick, next step
key-pick-short = Pick
