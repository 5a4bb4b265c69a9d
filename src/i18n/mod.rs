//! The UI's words in Czech, English and Ukrainian (Fluent files under assets/i18n/). Czech plurals
//! (1 případ, 3 případy, 5 případů) come from Fluent's CLDR plural rules.

use crate::domain::lang::Lang;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

const SOURCES: [(Lang, &str); 3] = [
    (Lang::Cs, include_str!("../../assets/i18n/cs.ftl")),
    (Lang::En, include_str!("../../assets/i18n/en.ftl")),
    (Lang::Uk, include_str!("../../assets/i18n/uk.ftl")),
];

pub struct Tr {
    lang: Lang,
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
    /// Arguments every message may use: the workstation's key names (`$save` is `Ctrl+S`), set
    /// from its key table so no translation spells a key itself.
    keys: FluentArgs<'static>,
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tr({})", self.lang.code())
    }
}

fn bundle(lang: Lang, src: &str) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = match lang {
        Lang::Cs => unic_langid::langid!("cs"),
        Lang::En => unic_langid::langid!("en"),
        Lang::Uk => unic_langid::langid!("uk"),
    };
    let mut b = FluentBundle::new(vec![id]);
    // Without this, Fluent wraps arguments in Unicode isolation marks that terminals show as junk.
    b.set_use_isolating(false);
    // A syntax error keeps the messages that parsed; the parity test catches the rest.
    let res = FluentResource::try_new(src.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let _ = b.add_resource(res);
    b
}

impl Tr {
    #[must_use]
    pub fn new(lang: Lang) -> Tr {
        Tr { lang, bundles: SOURCES.iter().map(|(l, s)| (*l, bundle(*l, s))).collect(), keys: FluentArgs::new() }
    }

    #[must_use]
    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// The key names messages refer to as `{ $name }` (the TUI's key table gives them).
    pub fn set_keys(&mut self, keys: Vec<(&'static str, String)>) {
        self.keys = keys.into_iter().map(|(k, v)| (k, FluentValue::from(v))).collect();
    }

    fn format(&self, lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let (_, b) = self.bundles.iter().find(|(l, _)| *l == lang)?;
        let msg = b.get_message(id)?;
        let pattern = msg.value()?;
        let mut errors = Vec::new();
        Some(b.format_pattern(pattern, args, &mut errors).into_owned())
    }

    /// The message `id` in the current language, else Czech, else the id itself (so a missing
    /// translation shows, rather than an empty label).
    #[must_use]
    pub fn t(&self, id: &str) -> String {
        let args = Some(&self.keys);
        self.format(self.lang, id, args).or_else(|| self.format(Lang::Cs, id, args)).unwrap_or_else(|| id.to_owned())
    }

    /// The day's short weekday name in the current language (`Po`, `Mo`, `Пн`), as the booking
    /// calendar's header has it (`appt-weekdays`, Monday first).
    #[must_use]
    pub fn weekday(&self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let i = day.weekday().num_days_from_monday() as usize;
        self.t("appt-weekdays").split_whitespace().nth(i).unwrap_or_default().to_owned()
    }

    /// The message with arguments, e.g. `("count", 5.into())`.
    #[must_use]
    pub fn ta(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut a = FluentArgs::new();
        for (k, v) in self.keys.iter() {
            a.set(k, v.clone());
        }
        for (k, v) in args {
            a.set(*k, v.clone());
        }
        self.format(self.lang, id, Some(&a))
            .or_else(|| self.format(Lang::Cs, id, Some(&a)))
            .unwrap_or_else(|| id.to_owned())
    }

    /// Whether `id` exists in `lang` (for the parity test).
    #[must_use]
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundles.iter().any(|(l, b)| *l == lang && b.has_message(id))
    }
}

/// The message ids defined in a language's file, in order.
#[must_use]
pub fn message_ids(lang: Lang) -> Vec<String> {
    let src = SOURCES.iter().find(|(l, _)| *l == lang).map_or("", |(_, s)| s);
    src.lines()
        .filter_map(|l| {
            let (id, _) = l.split_once(" =")?;
            (!id.starts_with([' ', '#', '.', '*', '[']) && !id.is_empty()).then(|| id.trim().to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn czech_plurals() {
        let tr = Tr::new(Lang::Cs);
        let n = |c: i64| tr.ta("cases-count", &[("count", c.into())]);
        assert_eq!(n(1), "1 případ");
        assert_eq!(n(3), "3 případy");
        assert_eq!(n(5), "5 případů");
        assert_eq!(n(0), "0 případů");
        assert_eq!(n(22), "22 případů");
    }

    #[test]
    fn ukrainian_and_english_plurals() {
        let uk = Tr::new(Lang::Uk);
        assert_eq!(uk.ta("cases-count", &[("count", 1.into())]), "1 справа");
        assert_eq!(uk.ta("cases-count", &[("count", 3.into())]), "3 справи");
        assert_eq!(uk.ta("cases-count", &[("count", 5.into())]), "5 справ");
        assert_eq!(uk.ta("cases-count", &[("count", 21.into())]), "21 справа");
        let en = Tr::new(Lang::En);
        assert_eq!(en.ta("cases-count", &[("count", 1.into())]), "1 case");
        assert_eq!(en.ta("cases-count", &[("count", 2.into())]), "2 cases");
    }

    #[test]
    fn every_message_exists_in_every_language_and_parses() {
        let tr = Tr::new(Lang::Cs);
        let cs = message_ids(Lang::Cs);
        assert!(cs.len() > 40, "the Czech file has {} messages", cs.len());
        for lang in Lang::ALL {
            for id in &cs {
                assert!(tr.has(lang, id), "{id} is missing in {}", lang.code());
            }
            for id in message_ids(lang) {
                assert!(tr.has(Lang::Cs, &id), "{id} in {} is not in Czech", lang.code());
                assert!(tr.has(lang, &id), "{id} did not parse in {}", lang.code());
            }
        }
    }

    #[test]
    fn no_isolation_marks() {
        let tr = Tr::new(Lang::Cs);
        let s = tr.ta("cases-count", &[("count", 2.into())]);
        assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'), "{s:?}");
    }
}
