# clerkdesk — čeština (výchozí jazyk pracoviště)

## Obrazovky
screen-login = Přihlášení
screen-cases = Spisy
screen-appointments = Objednávky
screen-hotline = Linka
screen-directory = Adresář
screen-dashboard = Přehled

## Role
role-counter_clerk = přepážka
role-hotline_operator = linka
role-department_official = referent
role-supervisor = vedoucí
role-administrator = správce

## Stavy spisu
status-received = přijato
status-assigned = přiděleno
status-in_progress = v řešení
status-suspended = přerušeno
status-resolved = vyřízeno
status-closed = uzavřeno
status-withdrawn = zpětvzato
status-forwarded = postoupeno

## Kanály podání
channel-counter = přepážka
channel-phone = telefon
channel-post = pošta
channel-email = e-mail
channel-data_box = datová schránka
channel-portal = Portál občana

## Klávesy (nápověda a zápatí)
key-help = Nápověda
key-help-short = Pomoc
key-quit = Ukončit pracoviště
key-quit-short = Konec
key-language = Jazyk: čeština, English, українська
key-language-short = Jazyk
key-logout = Odhlásit se
key-logout-short = Odhlásit
key-next-screen = Další obrazovka
key-next-screen-short = Obrazovka
key-login = Přihlásit se
key-login-short = Přihlásit
key-next-field = Další pole
key-next-field-short = Pole
key-prev-field = Předchozí pole
key-clear = Vymazat formulář
key-open = Otevřít vybranou položku
key-open-short = Otevřít
key-back = Zpět, zavřít, vymazat hledání
key-back-short = Zpět
key-lookup = Vyhledat volajícího
key-lookup-short = Vyhledat
key-section = Další oddíl
key-section-short = Oddíl
key-section-back = Předchozí oddíl
key-up = Nahoru
key-down = Dolů
key-page-up = O stránku nahoru
key-page-down = O stránku dolů
key-home = Na začátek
key-end = Na konec
key-backspace = Smazat znak před kurzorem
key-delete = Smazat znak za kurzorem
key-left = Kurzor doleva
key-right = Kurzor doprava
help-title = Nápověda: klávesy této obrazovky

## Přihlášení
login-title = Přihlášení
login-username = Uživatel
login-password = Heslo
login-demo = Ukázková data. Účty (heslo { $password }):
login-no-accounts =
    Zatím tu není žádný účet. Správce jej založí příkazem
    clerkdesk user add JMÉNO --name "Celé jméno" --role counter_clerk
msg-welcome = Přihlášení proběhlo. Obrazovky přepínáte { $first_screen } až { $last_screen } nebo { $next_screen }.
msg-logged-out = Odhlášeno.
msg-refreshed = načteny změny kolegů

## Počty (české plurály)
cases-count = { $count ->
    [one] { $count } případ
    [few] { $count } případy
   *[other] { $count } případů
}
citizens-count = { $count ->
    [one] { $count } občan
    [few] { $count } občané
   *[other] { $count } občanů
}
records-count = { $count ->
    [one] { $count } záznam
    [few] { $count } záznamy
   *[other] { $count } záznamů
}

## Lhůty
deadline-none = bez lhůty
deadline-on-the-spot = na počkání
deadline-days = { $days ->
    [one] { $days } den
    [few] { $days } dny
   *[other] { $days } dní
}
deadline-left = { $days ->
    [0] lhůta dnes
    [one] zbývá { $days } prac. den
    [few] zbývají { $days } prac. dny
   *[other] zbývá { $days } prac. dní
}
deadline-overdue = po lhůtě { $days } prac. d.

## Spisy
cases-newest = Nejnovější spisy
cases-empty = Zatím žádné spisy.
case-status = Stav
case-deadline = Lhůta
case-situation = Životní situace
case-department = Odbor
case-citizen = Občan
case-channel = Podáno přes
case-filed = Přijato

## Přehled
dash-open = Otevřené
dash-overdue = Po lhůtě
dash-due-soon = Lhůta do { $days } prac. dnů
dash-by-status = Podle stavu
dash-citizens = V evidenci
dash-next-holiday = Nejbližší svátek

## Adresář
dir-search = Hledat
dir-situations = Životní situace
dir-officials = Úředníci
dir-departments = Odbory
dir-nothing = Nic neodpovídá hledání.
dir-department = Odbor
dir-fee = Poplatek
dir-deadline = Lhůta
dir-service = Objednání
dir-code = Kód
dir-documents = Co s sebou
dir-room = Kancelář
dir-phone = Telefon
dir-email = E-mail

## Linka
hotline-phone = Telefon volajícího
hotline-hint = Zadejte číslo volajícího (s předvolbou i bez) a stiskněte { $enter }.
hotline-unknown = Číslo nepatří nikomu v evidenci.
born = nar.

## Objednávky
appointments-services = Služby k objednání
appt-mode-book = Objednat
appt-mode-day = Den
appt-mode-waitlist = Čekací listina
appt-mode-find = Hledat
appt-weekdays = Po Út St Čt Pá So Ne
appt-month-1 = Leden
appt-month-2 = Únor
appt-month-3 = Březen
appt-month-4 = Duben
appt-month-5 = Květen
appt-month-6 = Červen
appt-month-7 = Červenec
appt-month-8 = Srpen
appt-month-9 = Září
appt-month-10 = Říjen
appt-month-11 = Listopad
appt-month-12 = Prosinec
appt-legend = • volno  ✖ obsazeno  * svátek  – zavřeno  · minulé  › mimo lhůtu  [ ] dnes
appt-free-count = { $count ->
    [one] { $count } volný
    [few] { $count } volné
   *[other] { $count } volných
}
appt-minutes = { $n } min
appt-next-free = Nejbližší volné termíny
appt-no-times = Tento den nejsou volné termíny.
appt-no-alternatives = V lhůtě objednání už není nic volného.
appt-day-full = Den je plně obsazen. Klávesou w zapíšete občana na čekací listinu.
appt-day-holiday = Státní svátek: { $name }.
appt-day-closed = Tento den se neobjednává.
appt-day-closed-why = Zavřeno: { $reason }.
appt-day-past = Tento den už minul.
appt-day-beyond = Tak daleko dopředu se ještě neobjednává (nejvýše { $days ->
    [one] { $days } den
    [few] { $days } dny
   *[other] { $days } dní
} předem).
appt-step-citizen = Pro koho ({ $new } nový občan)
appt-citizen-hint = Pište jméno bez diakritiky, datum narození, rodné číslo nebo telefon. { $enter } vybere; { $new } založí nového občana.
appt-citizen-needed = Vyberte občana ze seznamu, nebo ho založte klávesou { $new }.
appt-new-citizen = Nový občan ({ $save } pokračovat)
appt-new-citizen-short = nový občan
appt-possible-duplicate = Takový občan už možná je v evidenci (stejné jméno a datum narození nebo rodné číslo): vyberte ho ze seznamu.
appt-confirm-book = Potvrzení objednávky ({ $enter } objednat, { $esc } zpět)
appt-confirm-move = Přeobjednání ({ $enter } potvrdit, { $esc } zpět)
appt-confirm-waitlist = Zápis na čekací listinu ({ $enter } zapsat, { $esc } zpět)
appt-service = Služba
appt-when = Termín
appt-was = Dosud
appt-channel = Objednáno přes
appt-note = Poznámka
appt-code = Kód objednávky
appt-meeting = Odkaz na schůzku
appt-case = Spis
appt-booked = Objednáno, kód objednávky { $code }.
appt-booked-title = Objednáno
appt-done-keys = { $enter } další objednávka · { $day } den · { $waitlist } čekací listina · { $find } hledat
appt-slot-taken = Termín { $at } mezitím obsadil někdo jiný; vyberte jiný.
appt-slot-taken-none = Termín { $at } mezitím obsadil někdo jiný a v lhůtě objednání už nic volného není.
appt-moving = Přeobjednání { $code }: { $name }, dosud { $was }
appt-rescheduled = Objednávka { $code } přesunuta na { $when }.
appt-waitlist-only-full = Na čekací listinu se zapisuje jen na plně obsazený den.
appt-waitlisted = { $name }: zapsáno na čekací listinu na { $day }.
appt-waitlist-empty = Na čekací listině nikdo není.
appt-any-day = kterýkoli den
appt-waiting = čeká
appt-offered-short = nabídka
appt-offer-line = Nabídnut uvolněný termín { $when }, { $resource }. { $enter } ho objedná.
appt-waiting-line = Čeká na uvolněný termín. { $enter } otevře kalendář služby.
appt-offered = Uvolněný termín { $when } nabídnut: { $name }, tel. { $phone }.
appt-all-resources = všechna pracoviště
appt-bookings-count = { $count ->
    [one] { $count } objednávka
    [few] { $count } objednávky
   *[other] { $count } objednávek
}
appt-day-empty = Na tento den nejsou žádné objednávky.
appt-col-time = Čas
appt-col-resource = Kde
appt-col-code = Kód
appt-att-due = objednáno
appt-att-late = zpoždění
appt-att-checked-in = na místě
appt-att-served = vyřízeno
appt-att-no-show = zmeškáno
appt-att-cancelled = zrušeno
appt-find-label = Kód, telefon nebo jméno
appt-find-hint = Napište kód objednávky, telefon nebo aspoň dvě písmena jména občana.
appt-find-none = Nic nenalezeno.
appt-cancel-title = Zrušit objednávku { $code } ({ $enter })
appt-checked-in = { $name } ({ $code }): příchod zaznamenán.
appt-served = { $name } ({ $code }): vyřízeno.
appt-no-show-done = { $name } ({ $code }): zaznamenáno jako zmeškané.
appt-cancelled = Objednávka { $code } ({ $name }) zrušena.
appt-event-book = objednáno
appt-event-checkin = příchod
appt-event-serve = vyřízeno
appt-event-noshow = zmeškáno
appt-event-cancel = zrušeno
appt-event-reschedule = přeobjednáno
appt-event-filing = podání přijato
key-appt-book = Nová objednávka
key-appt-book-short = Objednat
key-appt-day = Den pracoviště
key-appt-day-short = Den
key-appt-waitlist = Čekací listina
key-appt-waitlist-short = Čekací
key-appt-find = Najít objednávku
key-appt-find-short = Hledat
key-appt-times = Volné časy vybraného dne
key-appt-times-short = Časy
key-appt-waitlist-add = Na čekací listinu
key-appt-waitlist-add-short = Na čekací
key-appt-day-prev = Předchozí den
key-appt-day-next = Další den
key-appt-week-prev = O týden zpět
key-appt-week-next = O týden dál
key-appt-month-prev = Předchozí měsíc
key-appt-month-next = Další měsíc
key-appt-month-next-short = Měsíc
key-appt-first-free = Nejbližší volný den
key-appt-take-time = Objednat na tento čas
key-appt-take-time-short = Vybrat
key-appt-calendar = Zpět do kalendáře
key-appt-confirm = Potvrdit
key-appt-confirm-short = Potvrdit
key-appt-next-booking = Další objednávka
key-appt-next-booking-short = Další
key-appt-checkin = Příchod občana
key-appt-checkin-short = Příchod
key-appt-serve = Vyřízeno
key-appt-serve-short = Vyřízeno
key-appt-noshow = Zmeškáno (občan nepřišel)
key-appt-noshow-short = Zmeškáno
key-appt-cancel = Zrušit (zeptá se na důvod)
key-appt-cancel-short = Zrušit
key-appt-reschedule = Přeobjednat na jiný čas
key-appt-reschedule-short = Přeobjednat
key-appt-resource = Další pracoviště, pak všechna
key-appt-resource-short = Pracoviště
key-appt-resource-back = Předchozí pracoviště
key-appt-detail = Detail s historií
key-appt-waitlist-book = Objednat nabídku / vybrat čas
key-appt-waitlist-book-short = Objednat
err-booking-code = Kód objednávky má šest písmen a číslic.
err-booking-day = Příchod lze zaznamenat jen v den objednávky.
err-booking-early = Objednávka ještě nezačala; zmeškání lze zaznamenat až po jejím začátku.
err-booking-state = Ve stavu objednávky to není možné.
err-not-a-slot = V tento čas se služba neobjednává.
err-plan = Plán objednávek obsahuje chyby.
err-slot-window = Termín je mimo lhůtu objednání.
err-unknown-resource = Takové pracoviště neexistuje.
err-unknown-service = Tuto službu nelze objednat.

## Chyby
err-generic = Chyba
err-internal = Vnitřní chyba; podrobnosti jsou v protokolu.
err-login = Špatné jméno nebo heslo.
err-login-disabled = Účet je zablokovaný; obraťte se na správce.
err-login-wait = Příliš mnoho nepovedených přihlášení. Počkejte { $seconds } s a zkuste to znovu.
err-login-locked = Příliš mnoho nepovedených přihlášení: jméno je zamčené, dokud ho správce neodemkne.
err-forbidden = Na tuto akci nemáte oprávnění.
err-required = Pole je povinné.
err-username = Uživatelské jméno: malá písmena bez diakritiky, číslice, tečka, podtržítko nebo pomlčka (2 až 32 znaků).
err-password-short = Heslo musí mít alespoň 8 znaků.
err-unknown-department = Takový odbor neexistuje.
err-unknown-situation = Taková životní situace neexistuje.
err-unknown-citizen = Takový občan není v evidenci.
err-catalogue = Katalog obsahuje chyby.
err-phone-empty = Zadejte telefonní číslo.
err-phone-char = Telefonní číslo obsahuje nepovolený znak.
err-phone-length = Telefonní číslo má špatný počet číslic (české má 9, zahraniční začíná +).
err-bn-empty = Zadejte rodné číslo.
err-bn-format = Rodné číslo má tvar RRMMDD/XXXX (lomítko je nepovinné).
err-bn-month = Rodné číslo má neplatný měsíc.
err-bn-date = Rodné číslo neobsahuje skutečné datum.
err-bn-checksum = Rodné číslo nemá správnou kontrolní číslici.
err-bn-nine-digits = Devítimístná rodná čísla se přidělovala jen do roku 1953.
err-bn-plus-twenty = Měsíc zvýšený o 20 se používá až od roku 2004.
err-refpattern-brace = Vzor čísla jednacího má neuzavřenou složenou závorku.
err-refpattern-unknown = Vzor čísla jednacího obsahuje neznámou značku.
err-refpattern-width = Vzor čísla jednacího má špatnou šířku pořadového čísla.
err-refpattern-missing = Vzoru čísla jednacího chybí povinná značka.
err-refpattern-duplicate = Vzor čísla jednacího obsahuje značku dvakrát.

## Nové podání
screen-intake = Podání
intake-step-citizen = 1 · Občan ({ $new } nový)
intake-step-situation = 2 · Životní situace
intake-step-details = 3 · Údaje podání ({ $save } podat)
intake-new-citizen = Nový občan ({ $save } založit)
intake-citizen-hint = Pište jméno bez diakritiky, datum narození, rodné číslo, telefon nebo adresu. { $enter } vybere; { $new } založí nového občana; { $enter } bez hledání podá bez občana.
intake-no-citizen = bez občana
intake-channel = Podáno přes
intake-note = Poznámka
intake-attachment = Příloha (cesta k souboru)
intake-fix-fields = Opravte označená pole.
intake-filed = Podání přijato
intake-reference = Číslo jednací
intake-done-keys = { $enter } další podání · { $print } vytisknout potvrzení · { $esc } na seznam spisů
intake-citizen-created = Občan založen.
intake-duplicate-confirm = Stiskněte { $save } znovu, chcete-li přesto založit nového.
intake-no-printer = Tiskárna není nastavena (config: [printer] command).
intake-printed = Potvrzení odesláno na tiskárnu.
citizen-given_name = Jméno
citizen-family_name = Příjmení
citizen-birth_date = Datum narození
citizen-birth_number = Rodné číslo
citizen-phone = Telefon
citizen-email = E-mail
citizen-street = Ulice a číslo
citizen-city = Obec
citizen-postcode = PSČ
err-date = Datum pište jako 20. 11. 2026.
key-new = Nové podání / nový záznam
key-new-short = Nový
key-save = Uložit, podat
key-save-short = Uložit
key-print = Vytisknout potvrzení
key-print-short = Tisk

## Spis a úkony
case-official = Referent
case-reason = Důvod
case-outcome = Výsledek
case-authority = Postoupit komu
case-note = Poznámka
case-link-to = Související spis (č.j.)
case-complex = zvlášť složitý
case-fees = vyměřeno { $claimed }, zaplaceno { $paid }, zbývá { $owed }
case-form = Údaje
case-attachments = Přílohy
case-history = Historie
case-actions = Úkony ({ $enter } vybrat)
case-action-done = Provedeno.
act-assign = Přidělit / předat
act-start = Zahájit vyřizování
act-suspend = Přerušit (lhůta stojí)
act-resume = Pokračovat (lhůta běží)
act-resolve = Vyřídit s výsledkem
act-close = Uzavřít
act-withdraw = Zpětvzetí
act-forward = Postoupit jinému úřadu
act-mark_complex = Zvlášť složitý případ (+30 dní)
act-note = Přidat poznámku
act-link = Propojit se spisem
event-filed = podáno
event-note = poznámka
event-link = propojeno
event-mark_complex = zvlášť složitý (+30 dní)
event-reassign = předáno
event-assign = přiděleno
event-status = změna stavu
key-menu = Úkony se spisem
key-menu-short = Úkony
key-mark = Označit pro hromadné předání
err-already-complex = Spis už je označen jako zvlášť složitý.
err-amount = Částka musí být kladné celé číslo v korunách.
err-assign-target = Zadejte odbor nebo referenta.
err-attachment-name = Název přílohy musí mít 1 až 255 znaků a žádný řídicí znak.
err-attachment-sha256 = Kontrolní součet přílohy musí mít 64 šestnáctkových číslic.
err-attachment-size = Velikost přílohy je příliš velká, aby byla skutečná.
err-authority-required = Uveďte úřad, kterému se spis postupuje.
err-bn-date-mismatch = Rodné číslo neodpovídá datu narození.
err-email = E-mail musí obsahovat @.
err-field-choice = Vyberte jednu z nabízených možností.
err-field-control = Pole obsahuje nepovolené řídicí znaky.
err-field-date = Datum pište jako 20. 11. 2026.
err-field-number = Zadejte číslo.
err-field-too-long = Text je příliš dlouhý (nejvýše 2 000 znaků).
err-form = Formulář obsahuje chyby.
err-link-self = Spis nelze propojit sám se sebou.
err-not-official = Spis lze přidělit jen referentovi nebo vedoucímu.
err-nothing-owed = U spisu není nic k zaplacení.
err-official-department = Referent nepatří do zvoleného odboru.
err-overpaid = Částka je vyšší než dlužná.
err-reason-required = Tento úkon vyžaduje důvod.
err-transition = Ve stavu spisu tento úkon není možný.
err-unknown-field = Neznámé pole formuláře.
err-unknown-user = Takový uživatel neexistuje.

## Seznam spisů a hlídací pes
screen-watchdog = Lhůty
watchdog-clear = Žádné spisy se neblíží ke lhůtě ani ji nepřekročily.
scope-mine = moje
scope-department = odbor
scope-all = vše
scope-default = podle role
status-any = všechny
filter-scope = Rozsah
filter-due-soon = blíží se lhůta
filter-sort = Řazení
sort-newest = nejnovější
sort-deadline = podle lhůty
cases-marked = označeno { $count }
cases-bulk = Předat { cases-count }
cases-bulk-done = Předáno: { cases-count }.
key-search = Hledat ve spisech
key-search-short = Hledat
key-filter-scope = Rozsah: moje / odbor / vše
key-filter-status = Filtr stavu (dokola)
key-filter-overdue = Jen po lhůtě
key-filter-due = Jen s blížící se lhůtou
key-filter-sort = Řazení: nejnovější / podle lhůty
watchdog-total = celý odbor
watchdog-unassigned = nepřiděleno
act-pay = Zaplatit poplatek
act-receipt = Vytisknout potvrzení
pay-amount = Částka (Kč)
pay-method = Způsob platby
pay-receipt = Číslo dokladu
pay-cash = hotově
pay-card = kartou
pay-transfer = převodem
pay-done = Platba přijata; zbývá zaplatit { $owed }.
intake-fee-owed = k zaplacení na pokladně
key-pick = Vybrat, další krok
key-pick-short = Vybrat
