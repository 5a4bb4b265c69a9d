//! The three languages of the workstation. Czech first.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Cs,
    En,
    Uk,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Cs, Lang::En, Lang::Uk];

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::Cs => "cs",
            Lang::En => "en",
            Lang::Uk => "uk",
        }
    }

    /// The next language in the cycle cs → en → uk → cs (the language key in the TUI).
    #[must_use]
    pub fn next(self) -> Lang {
        match self {
            Lang::Cs => Lang::En,
            Lang::En => Lang::Uk,
            Lang::Uk => Lang::Cs,
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cs" | "cz" | "cs-cz" | "czech" | "čeština" => Some(Lang::Cs),
            "en" | "en-gb" | "en-us" | "english" => Some(Lang::En),
            "uk" | "ua" | "uk-ua" | "ukrainian" | "українська" => Some(Lang::Uk),
            _ => None,
        }
    }
}

/// A text in the three languages, as catalogue entries carry it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Localized {
    pub cs: String,
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub uk: String,
}

impl Localized {
    /// The text in `lang`, falling back to Czech where a translation is missing.
    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        let s = match lang {
            Lang::Cs => &self.cs,
            Lang::En => &self.en,
            Lang::Uk => &self.uk,
        };
        if s.is_empty() { &self.cs } else { s }
    }
}
