//! The one key table. The footer and the help overlay are generated from it, so they cannot
//! drift from what the keys do. (Over 400 lines for a reason: the table is one list, read top to
//! bottom as the footer shows it, and its tests beside it.)

use super::action::{Action, Appt, Filter};
use super::screens::ScreenId;
use super::screens::appointments::View;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, logged in or not.
    Global,
    /// Everywhere once logged in.
    Session,
    Login,
    /// Every screen that shows a list.
    List,
    /// Only while a text field has the focus.
    Typing,
    Screen(ScreenId),
    /// One view of the appointment screen (the calendar, the day's bookings…): more specific
    /// than the screen, so the same key can mean "a week back" there and "up" in a list.
    Appt(View),
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    pub scope: Scope,
    /// The translation id of what it does.
    pub label: &'static str,
    /// Shown in the footer (the most used first, in table order).
    pub footer: bool,
}

const fn b(code: KeyCode, action: Action, scope: Scope, label: &'static str, footer: bool) -> Binding {
    Binding { code, mods: KeyModifiers::NONE, action, scope, label, footer }
}

const fn alt(c: char, action: Action, label: &'static str) -> Binding {
    Binding { code: KeyCode::Char(c), mods: KeyModifiers::ALT, action, scope: Scope::Session, label, footer: false }
}

use KeyCode::{BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

const fn appt(code: KeyCode, action: Action, view: View, label: &'static str, footer: bool) -> Binding {
    b(code, action, Scope::Appt(view), label, footer)
}

const fn ch(c: char) -> KeyCode {
    KeyCode::Char(c)
}

pub const KEYS: &[Binding] = &[
    // The screen's own keys first: the footer shows the most used first.
    appt(Enter, Action::Open, View::Calendar, "key-appt-times", true),
    appt(ch('w'), Action::Appt(Appt::WaitlistAdd), View::Calendar, "key-appt-waitlist-add", true),
    appt(Left, Action::Left, View::Calendar, "key-appt-day-prev", false),
    appt(Right, Action::Right, View::Calendar, "key-appt-day-next", false),
    appt(Up, Action::Up, View::Calendar, "key-appt-week-prev", false),
    appt(Down, Action::Down, View::Calendar, "key-appt-week-next", false),
    appt(PageUp, Action::PageUp, View::Calendar, "key-appt-month-prev", false),
    appt(PageDown, Action::PageDown, View::Calendar, "key-appt-month-next", true),
    appt(Home, Action::Home, View::Calendar, "key-appt-first-free", false),
    appt(Tab, Action::NextField, View::Calendar, "key-appt-times", false),
    appt(Enter, Action::Open, View::Slots, "key-appt-take-time", true),
    appt(Tab, Action::NextField, View::Slots, "key-appt-calendar", false),
    appt(Enter, Action::Open, View::Confirm, "key-appt-confirm", true),
    appt(Tab, Action::NextField, View::Confirm, "key-next-field", false),
    appt(BackTab, Action::PrevField, View::Confirm, "key-prev-field", false),
    appt(Enter, Action::Open, View::Form, "key-pick", true),
    appt(Tab, Action::NextField, View::Form, "key-next-field", false),
    appt(BackTab, Action::PrevField, View::Form, "key-prev-field", false),
    appt(Enter, Action::Open, View::Done, "key-appt-next-booking", true),
    appt(ch('i'), Action::Appt(Appt::CheckIn), View::Bookings, "key-appt-checkin", true),
    appt(ch('s'), Action::Appt(Appt::Serve), View::Bookings, "key-appt-serve", true),
    appt(ch('x'), Action::Appt(Appt::NoShow), View::Bookings, "key-appt-noshow", true),
    appt(ch('c'), Action::Appt(Appt::Cancel), View::Bookings, "key-appt-cancel", true),
    appt(ch('r'), Action::Appt(Appt::Reschedule), View::Bookings, "key-appt-reschedule", false),
    appt(Tab, Action::NextField, View::Bookings, "key-appt-resource", true),
    appt(BackTab, Action::PrevField, View::Bookings, "key-appt-resource-back", false),
    appt(Left, Action::Left, View::Bookings, "key-appt-day-prev", false),
    appt(Right, Action::Right, View::Bookings, "key-appt-day-next", false),
    appt(Enter, Action::Open, View::Bookings, "key-appt-detail", false),
    appt(Enter, Action::Open, View::Waitlist, "key-appt-waitlist-book", true),
    // The appointment screen's modes: its mode line names these keys (not the footer).
    b(ch('n'), Action::Appt(Appt::Book), Scope::Screen(ScreenId::Appointments), "key-appt-book", false),
    b(ch('d'), Action::Appt(Appt::Day), Scope::Screen(ScreenId::Appointments), "key-appt-day", false),
    b(ch('l'), Action::Appt(Appt::Waitlist), Scope::Screen(ScreenId::Appointments), "key-appt-waitlist", false),
    b(ch('/'), Action::Search, Scope::Screen(ScreenId::Appointments), "key-appt-find", false),
    b(Enter, Action::Open, Scope::Login, "key-login", true),
    b(Tab, Action::NextField, Scope::Login, "key-next-field", true),
    b(BackTab, Action::PrevField, Scope::Login, "key-prev-field", false),
    b(Esc, Action::Back, Scope::Login, "key-clear", false),
    b(Enter, Action::Open, Scope::Screen(ScreenId::Hotline), "key-lookup", true),
    b(Enter, Action::Open, Scope::List, "key-open", true),
    b(KeyCode::Char('a'), Action::Menu, Scope::Screen(ScreenId::Cases), "key-menu", true),
    b(KeyCode::Char(' '), Action::Mark, Scope::Screen(ScreenId::Cases), "key-mark", false),
    b(KeyCode::Char('/'), Action::Search, Scope::Screen(ScreenId::Cases), "key-search", true),
    b(KeyCode::Char('m'), Action::Filter(Filter::Scope), Scope::Screen(ScreenId::Cases), "key-filter-scope", false),
    b(KeyCode::Char('s'), Action::Filter(Filter::Status), Scope::Screen(ScreenId::Cases), "key-filter-status", false),
    b(KeyCode::Char('o'), Action::Filter(Filter::Overdue), Scope::Screen(ScreenId::Cases), "key-filter-overdue", false),
    b(KeyCode::Char('d'), Action::Filter(Filter::DueSoon), Scope::Screen(ScreenId::Cases), "key-filter-due", false),
    b(KeyCode::Char('r'), Action::Filter(Filter::Sort), Scope::Screen(ScreenId::Cases), "key-filter-sort", false),
    b(KeyCode::Char('p'), Action::Print, Scope::Screen(ScreenId::Intake), "key-print", true),
    b(Enter, Action::Open, Scope::Screen(ScreenId::Intake), "key-pick", true),
    b(Esc, Action::Back, Scope::List, "key-back", true),
    b(Tab, Action::NextField, Scope::Screen(ScreenId::Directory), "key-section", true),
    b(Tab, Action::NextField, Scope::Screen(ScreenId::Intake), "key-next-field", false),
    b(BackTab, Action::PrevField, Scope::Screen(ScreenId::Intake), "key-prev-field", false),
    b(Esc, Action::Back, Scope::Screen(ScreenId::Intake), "key-back", true),
    b(Up, Action::Up, Scope::Screen(ScreenId::Intake), "key-up", false),
    b(Down, Action::Down, Scope::Screen(ScreenId::Intake), "key-down", false),
    b(Tab, Action::NextField, Scope::Screen(ScreenId::Cases), "key-next-field", false),
    b(BackTab, Action::PrevField, Scope::Screen(ScreenId::Cases), "key-prev-field", false),
    b(BackTab, Action::PrevField, Scope::Screen(ScreenId::Directory), "key-section-back", false),
    b(Up, Action::Up, Scope::List, "key-up", false),
    b(KeyCode::Char('k'), Action::Up, Scope::List, "key-up", false),
    b(Down, Action::Down, Scope::List, "key-down", false),
    b(KeyCode::Char('j'), Action::Down, Scope::List, "key-down", false),
    b(PageUp, Action::PageUp, Scope::List, "key-page-up", false),
    b(PageDown, Action::PageDown, Scope::List, "key-page-down", false),
    b(Home, Action::Home, Scope::List, "key-home", false),
    b(End, Action::End, Scope::List, "key-end", false),
    b(KeyCode::Char('q'), Action::Back, Scope::List, "key-back", false),
    b(Backspace, Action::Backspace, Scope::Typing, "key-backspace", false),
    b(Delete, Action::Delete, Scope::Typing, "key-delete", false),
    b(Left, Action::Left, Scope::Typing, "key-left", false),
    b(Right, Action::Right, Scope::Typing, "key-right", false),
    // Midnight Commander's F-key bar, which office users know from their other systems.
    Binding {
        code: KeyCode::Char('s'),
        mods: KeyModifiers::CONTROL,
        action: Action::Save,
        scope: Scope::Session,
        label: "key-save",
        footer: false,
    },
    b(KeyCode::F(1), Action::Help, Scope::Global, "key-help", true),
    b(KeyCode::F(2), Action::New, Scope::Session, "key-new", true),
    b(KeyCode::Char('?'), Action::Help, Scope::Global, "key-help", false),
    b(KeyCode::F(6), Action::NextScreen, Scope::Session, "key-next-screen", true),
    b(KeyCode::F(8), Action::Logout, Scope::Session, "key-logout", true),
    b(KeyCode::F(9), Action::CycleLanguage, Scope::Global, "key-language", true),
    b(KeyCode::F(10), Action::Quit, Scope::Global, "key-quit", true),
    Binding {
        code: KeyCode::Char('c'),
        mods: KeyModifiers::CONTROL,
        action: Action::Quit,
        scope: Scope::Global,
        label: "key-quit",
        footer: false,
    },
    alt('1', Action::GoTo(ScreenId::Intake), "screen-intake"),
    alt('2', Action::GoTo(ScreenId::Cases), "screen-cases"),
    alt('3', Action::GoTo(ScreenId::Watchdog), "screen-watchdog"),
    alt('4', Action::GoTo(ScreenId::Appointments), "screen-appointments"),
    alt('5', Action::GoTo(ScreenId::Hotline), "screen-hotline"),
    alt('6', Action::GoTo(ScreenId::Directory), "screen-directory"),
    alt('7', Action::GoTo(ScreenId::Dashboard), "screen-dashboard"),
];

/// The scopes in force, most specific first.
#[must_use]
pub fn scopes(logged_in: bool, screen: ScreenId, typing: bool) -> Vec<Scope> {
    let mut v = Vec::with_capacity(5);
    if logged_in {
        v.push(Scope::Screen(screen));
        if screen.has_list() {
            v.push(Scope::List);
        }
    } else {
        v.push(Scope::Login);
    }
    if typing {
        v.push(Scope::Typing);
    }
    if logged_in {
        v.push(Scope::Session);
    }
    v.push(Scope::Global);
    v
}

/// The bindings in force in `scopes`: a key bound in a more specific scope hides the same key in
/// a broader one, so neither the footer nor the help offers what the key no longer does.
fn in_force(scopes: &[Scope]) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = Vec::new();
    for scope in scopes {
        for k in KEYS.iter().filter(|k| k.scope == *scope) {
            if !out.iter().any(|o| o.code == k.code && o.mods == k.mods) {
                out.push(k);
            }
        }
    }
    out
}

fn is_printable(ev: &KeyEvent) -> Option<char> {
    match ev.code {
        KeyCode::Char(c) if !ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(c),
        _ => None,
    }
}

/// What a key means here. While a field has the focus, printable keys belong to it and never
/// trigger a command.
#[must_use]
pub fn resolve(scopes: &[Scope], typing: bool, ev: &KeyEvent) -> Option<Action> {
    if typing {
        if let Some(c) = is_printable(ev) {
            return Some(Action::Char(c));
        }
    }
    // Shift arrives with upper-case letters and BackTab; compare without it for those.
    let mods = ev.modifiers - KeyModifiers::SHIFT;
    scopes.iter().find_map(|scope| {
        KEYS.iter().find(|k| k.scope == *scope && k.code == ev.code && k.mods == mods).map(|k| k.action)
    })
}

/// The bindings shown in the footer, in order, one per action. While a field has the focus, a
/// letter key types into it, so the footer does not offer it.
#[must_use]
pub fn footer(scopes: &[Scope], typing: bool) -> Vec<&'static Binding> {
    let mut out: Vec<&Binding> = Vec::new();
    let printable = |k: &Binding| matches!(k.code, KeyCode::Char(_)) && k.mods.is_empty();
    let force = in_force(scopes);
    let live = |k: &Binding| force.iter().any(|f| std::ptr::eq(*f, k));
    for k in KEYS.iter().filter(|k| k.footer && live(k) && !(typing && printable(k))) {
        if !out.iter().any(|o| o.action == k.action) {
            out.push(k);
        }
    }
    out
}

/// The help overlay's rows: (keys, label id), bindings of one action and label merged.
#[must_use]
pub fn help_rows(scopes: &[Scope]) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str, Action)> = Vec::new();
    for k in in_force(scopes) {
        let name = key_name(k);
        if let Some(row) = rows.iter_mut().find(|r| r.2 == k.action && r.1 == k.label) {
            if !row.0.split(", ").any(|n| n == name) {
                row.0 = format!("{}, {name}", row.0);
            }
        } else {
            rows.push((name, k.label, k.action));
        }
    }
    rows.into_iter().map(|(k, l, _)| (k, l)).collect()
}

/// The key of an action on a screen, as written on screen (`n`, `/`), for lines that name a key
/// outside the footer.
#[must_use]
pub fn key_of(screen: ScreenId, action: Action) -> Option<String> {
    KEYS.iter().find(|k| k.scope == Scope::Screen(screen) && k.action == action).map(key_name)
}

/// The key an action has first in the table, as written on screen (`Ctrl+S` for saving).
#[must_use]
pub fn action_key(action: Action) -> String {
    KEYS.iter().find(|k| k.action == action).map(key_name).unwrap_or_default()
}

/// The keys messages name, as `{ $name }` in the translations, written as the key table binds
/// them: a message cannot name a key that does something else.
#[must_use]
pub fn message_keys() -> Vec<(&'static str, String)> {
    let on = |screen: ScreenId, action: Action| key_of(screen, action).unwrap_or_default();
    vec![
        ("enter", action_key(Action::Open)),
        ("esc", action_key(Action::Back)),
        ("save", action_key(Action::Save)),
        ("new", action_key(Action::New)),
        ("print", on(ScreenId::Intake, Action::Print)),
        ("next_screen", action_key(Action::NextScreen)),
        ("first_screen", action_key(Action::GoTo(ScreenId::ALL[0]))),
        ("last_screen", action_key(Action::GoTo(ScreenId::ALL[ScreenId::ALL.len() - 1]))),
        ("day", on(ScreenId::Appointments, Action::Appt(Appt::Day))),
        ("waitlist", on(ScreenId::Appointments, Action::Appt(Appt::Waitlist))),
        ("find", on(ScreenId::Appointments, Action::Search)),
    ]
}

/// How a key is written on screen: `F1`, `Alt+1`, `Enter`, `↑`.
#[must_use]
pub fn key_name(k: &Binding) -> String {
    let base = match k.code {
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "Shift+Tab".into(),
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        Home => "Home".into(),
        End => "End".into(),
        Backspace => "Backspace".into(),
        Delete => "Del".into(),
        other => format!("{other:?}"),
    };
    if k.mods.contains(KeyModifiers::ALT) {
        format!("Alt+{base}")
    } else if k.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl+{}", base.to_uppercase())
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn printable_keys_go_to_the_focused_field() {
        let s = scopes(true, ScreenId::Directory, true);
        assert_eq!(resolve(&s, true, &key(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Action::Char('q')));
        assert_eq!(resolve(&s, true, &key(KeyCode::Char('?'), KeyModifiers::NONE)), Some(Action::Char('?')));
        assert_eq!(resolve(&s, true, &key(KeyCode::Char('Ř'), KeyModifiers::SHIFT)), Some(Action::Char('Ř')));
        // Function keys still work while typing.
        assert_eq!(resolve(&s, true, &key(KeyCode::F(1), KeyModifiers::NONE)), Some(Action::Help));
        assert_eq!(resolve(&s, true, &key(KeyCode::Down, KeyModifiers::NONE)), Some(Action::Down));
    }

    #[test]
    fn letters_are_commands_only_without_a_field() {
        let s = scopes(true, ScreenId::Cases, false);
        assert_eq!(resolve(&s, false, &key(KeyCode::Char('j'), KeyModifiers::NONE)), Some(Action::Down));
        assert_eq!(resolve(&s, false, &key(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Action::Back));
        assert_eq!(resolve(&s, false, &key(KeyCode::Char('?'), KeyModifiers::NONE)), Some(Action::Help));
        assert_eq!(
            resolve(&s, false, &key(KeyCode::Char('6'), KeyModifiers::ALT)),
            Some(Action::GoTo(ScreenId::Directory))
        );
        assert_eq!(resolve(&s, false, &key(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::Quit));
        assert_eq!(resolve(&s, false, &key(KeyCode::Char('x'), KeyModifiers::NONE)), None);
        assert_eq!(
            resolve(&s, false, &key(KeyCode::Char('o'), KeyModifiers::NONE)),
            Some(Action::Filter(Filter::Overdue))
        );
        // While the search field has the focus, the same letter is typed.
        let typing = scopes(true, ScreenId::Cases, true);
        assert_eq!(resolve(&typing, true, &key(KeyCode::Char('o'), KeyModifiers::NONE)), Some(Action::Char('o')));
    }

    #[test]
    fn screens_need_a_login() {
        let s = scopes(false, ScreenId::Dashboard, true);
        assert_eq!(resolve(&s, true, &key(KeyCode::Char('1'), KeyModifiers::ALT)), None);
        assert_eq!(resolve(&s, true, &key(KeyCode::F(8), KeyModifiers::NONE)), None);
        assert_eq!(resolve(&s, true, &key(KeyCode::Enter, KeyModifiers::NONE)), Some(Action::Open));
        assert_eq!(resolve(&s, true, &key(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(Action::PrevField));
    }

    #[test]
    fn footer_and_help_come_from_the_table() {
        let s = scopes(true, ScreenId::Directory, true);
        let f: Vec<String> = footer(&s, true).iter().map(|k| key_name(k)).collect();
        assert_eq!(f, ["Enter", "Esc", "Tab", "F1", "F2", "F6", "F8", "F9", "F10"]);
        let help = help_rows(&s);
        assert!(help.iter().any(|(k, l)| k == "↑, k" && *l == "key-up"), "{help:?}");
        assert!(help.iter().any(|(k, l)| k == "F1, ?" && *l == "key-help"), "{help:?}");
        // Every binding in force is in the help, so help cannot drift from the keys.
        for k in in_force(&s) {
            assert!(help.iter().any(|(_, l)| *l == k.label), "{} missing from help", k.label);
        }
    }

    #[test]
    fn a_views_keys_hide_the_lists_in_footer_and_help() {
        let mut s = scopes(true, ScreenId::Appointments, false);
        s.insert(0, Scope::Appt(View::Calendar));
        let pgdn = key(PageDown, KeyModifiers::NONE);
        assert_eq!(resolve(&s, false, &pgdn), Some(Action::PageDown));
        let help = help_rows(&s);
        assert!(help.iter().any(|(k, l)| k == "PgDn" && *l == "key-appt-month-next"), "{help:?}");
        assert!(!help.iter().any(|(_, l)| *l == "key-page-down" || *l == "key-open"), "shadowed: {help:?}");
        let f: Vec<&str> = footer(&s, false).iter().map(|k| k.label).collect();
        assert_eq!(f.first(), Some(&"key-appt-times"), "{f:?}");
        assert!(f.contains(&"key-help"), "F1 still fits: {f:?}");
        assert_eq!(key_of(ScreenId::Appointments, Action::Search).as_deref(), Some("/"));
    }

    #[test]
    fn messages_name_the_keys_the_table_binds() {
        let keys: std::collections::BTreeMap<_, _> = message_keys().into_iter().collect();
        let want = [
            ("enter", "Enter"),
            ("esc", "Esc"),
            ("save", "Ctrl+S"),
            ("new", "F2"),
            ("print", "p"),
            ("next_screen", "F6"),
            ("first_screen", "Alt+1"),
            ("last_screen", "Alt+7"),
            ("day", "d"),
            ("waitlist", "l"),
            ("find", "/"),
        ];
        for (name, key) in want {
            assert_eq!(keys.get(name).map(String::as_str), Some(key), "{name}");
        }
        let mut tr = crate::i18n::Tr::new(crate::domain::lang::Lang::Cs);
        tr.set_keys(message_keys());
        assert_eq!(tr.t("intake-duplicate-confirm"), "Stiskněte Ctrl+S znovu, chcete-li přesto založit nového.");
        assert!(tr.t("msg-welcome").contains("Alt+1 až Alt+7 nebo F6"), "{}", tr.t("msg-welcome"));
    }

    #[test]
    fn no_translation_spells_a_key_itself() {
        let files = [
            ("cs", include_str!("../../assets/i18n/cs.ftl")),
            ("en", include_str!("../../assets/i18n/en.ftl")),
            ("uk", include_str!("../../assets/i18n/uk.ftl")),
        ];
        let names = ["Enter", "Esc", "Ctrl+", "Alt+", "F1", "F2", "F6", "F8", "F9", "F10", "PgUp", "PgDn", "Tab"];
        for (lang, src) in files {
            for line in src.lines().filter(|l| !l.starts_with("key-") && !l.starts_with('#')) {
                let Some((_, text)) = line.split_once(" = ") else { continue };
                let words: Vec<&str> = text.split(|c: char| !(c.is_alphanumeric() || c == '+')).collect();
                for name in names {
                    let spelled =
                        words.iter().any(|w| if name.ends_with('+') { w.starts_with(name) } else { *w == name });
                    assert!(!spelled, "{lang}: {line} spells {name}: use the key table's {{ $name }}");
                }
            }
        }
    }
}
